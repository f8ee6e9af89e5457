"""Prose for the demo's guidance pages, one entry per seed authority.

Only words an editor would write: no timescale appears here. Every timescale on the pages
comes from the process config through the page's process blocks.
"""

GUIDANCE_SLUG = "childrens-social-care-complaints"

AUTHORITIES = {
    "council-a": {
        "section": "Council A",
        "title": "Children's services complaints",
        "intro": (
            "<p>If you are unhappy about one of our services we would like you to tell us about it. "
            "This will not have a negative effect on the service you receive. We welcome any feedback "
            "that helps us improve and all complaints will be dealt with fairly and sensitively.</p>"
        ),
        "text": (
            "<h2>How we deal with children's social care complaints</h2>"
            "<p>Depending on the type of complaint it will be dealt with under the Children's Complaints "
            "Procedure or the council's Corporate Complaints Procedure.</p>"
            "<p>If you are a child in care you have a right to an advocate to assist you. For details of how "
            "to find an advocate please contact the Youth Advocacy Project.</p>"
        ),
    },
    "family-advice": {
        "section": "Family advice",
        "title": "What Children's Services should do when they get your complaint",
        "intro": "<p>General advice for parents on the children's social care complaints procedure.</p>",
        "text": (
            "<p>First of all Children's Services will try and sort things out by involving your child's "
            "social worker's manager or a more senior manager. It may help to have a friend with you.</p>"
        ),
    },
    "council-b": {
        "section": "Council B",
        "title": "Complaints about children's social care",
        "intro": (
            "<p>Most complaints are dealt with using the council's corporate complaints procedure, but there "
            "are different procedures for dealing with complaints about some social care services for children.</p>"
        ),
        "text": (
            "<h2>Can you get help with making your complaint?</h2>"
            "<p>If you are a child or young person we can put you in touch with the advocacy service at Off the "
            "Record. You can ask for a friend or relative to speak or write to us for you.</p>"
        ),
    },
    "hampshire": {
        "section": "Hampshire County Council",
        "title": "Making a complaint about children's social care services",
        "intro": (
            "<p>If you have any concerns about a service, please speak to the appropriate member of staff as soon "
            "as possible. Most concerns are quickly and successfully resolved this way.</p>"
        ),
        "text": (
            "<p>It is the role of the Children's Services Complaints Team to manage the statutory complaints "
            "process.</p>"
        ),
    },
    "walsall": {
        "section": "Walsall Council",
        "title": "Make a complaint about children's social care",
        "intro": (
            "<p>If you aren't happy with our services, you may wish to make a complaint. We'll try to put things "
            "right for you quickly and learn from your complaint so that we can improve our services.</p>"
        ),
        "text": (
            "<p>You can complain about the children's social care services we provide and those we commission "
            "from other providers.</p>"
        ),
    },
}
