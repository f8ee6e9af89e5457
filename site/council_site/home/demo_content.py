"""Prose for the demo's guidance pages: one entry per seed authority, then the fictional
example councils that show the other templates (a Scottish council on the SPSO model
procedure, a Welsh council under the 2014 Regulations, and an English council running both
the children's and the adults' procedure).

Only words an editor would write: no timescale appears here. Every timescale on the pages
comes from the process config through the page's process blocks.  ``body`` is the page's
StreamField: the editor's prose ("text") around the config-driven blocks, each of which
takes only an optional heading.
"""


def text(html: str):
    return ("text", html)


def block(name: str, heading: str | None = None):
    return (name, {"heading": heading} if heading is not None else {})


#: The reason kept on each demo config version (``process_config load --reason``): a config that
#: leaves the complainant worse off than the law needs one to be published, and the demo's say
#: only what the authority's own page says, each value quoting it in its comment.
SEED_REASON = (
    "As the authority's own page says: each value of its file in process_configs/ quotes the page in its comment "
    "(the seed pages, and the fictional example councils)."
)

GUIDANCE_SLUG = "childrens-social-care-complaints"
GUIDANCE_PROCEDURE = "childrens-statutory"

AUTHORITIES = {
    "council-a": {
        "section": "Council A",
        "title": "Children's services complaints",
        "intro": (
            "<p>If you are unhappy about one of our services we would like you to tell us about it. "
            "This will not have a negative effect on the service you receive. We welcome any feedback "
            "that helps us improve and all complaints will be dealt with fairly and sensitively.</p>"
        ),
        "body": [
            text(
                "<h2>How we deal with children's social care complaints</h2>"
                "<p>Depending on the type of complaint it will be dealt with under the Children's Complaints "
                "Procedure or the council's Corporate Complaints Procedure. Use our online form to make a complaint "
                "about children's services.</p>"
            ),
            block("eligibility", "Who can complain"),
            block("process_stages", "Children's Complaints Procedure"),
            block("procedure_diagram", "The procedure at a glance"),
            block("support", "If you are a child in care"),
            block("what_to_expect", "When to expect a reply"),
            block("ombudsman", "Local Government and Social Care Ombudsman"),
            block("complaint_form", "Make a complaint online"),
        ],
    },
    "family-advice": {
        "section": "Family advice",
        "title": "What Children's Services should do when they get your complaint",
        # General advice, not a council's page: its procedure speaks in the third person
        # (voice: advice in process_configs/family-advice.yaml) and it has no complaint form.
        "intro": "",
        "body": [
            text(
                "<p>First of all Children's Services will try and sort things out by involving your child's "
                "social worker's manager or a more senior manager. It may help to have a friend with you.</p>"
            ),
            block("process_stages", "The three stages"),
            block("procedure_diagram", "The stages at a glance"),
            block("what_to_expect", "Work out your dates"),
            block("eligibility", "Who can complain"),
            block("support", "Getting help"),
            block("ombudsman", "After the Review Panel"),
        ],
    },
    "council-b": {
        "section": "Council B",
        "title": "Complaints about children's social care",
        "intro": (
            "<p>Most complaints are dealt with using the council's corporate complaints procedure, but there "
            "are different procedures for dealing with complaints about some social care services for children.</p>"
        ),
        "body": [
            text(
                "<h2>What can you complain about?</h2>"
                "<p>These are some of the things you might want to complain about:</p>"
                "<ul><li>if we do not deliver a service on time</li><li>if you receive a poor quality service</li>"
                "<li>the attitude or behaviour of staff</li><li>if you are unhappy with an assessment, care plan or review</li>"
                "<li>decisions you do not agree with</li></ul>"
            ),
            block("eligibility", "Who can make a complaint?"),
            block("process_stages", "What happens when you make a complaint?"),
            block("what_to_expect", "What to expect, with dates"),
            block("support", "Can you get help with making your complaint?"),
            text("<p>You can ask for a friend or relative to speak or write to us for you.</p>"),
            block("ombudsman", "What happens if you are not happy with how your complaint was handled?"),
            block("procedure_diagram", "The procedure at a glance"),
            block("complaint_form", "Make a complaint"),
        ],
    },
    "hampshire": {
        "section": "Hampshire County Council",
        "title": "Making a complaint about children's social care services",
        "intro": (
            "<p>If you have any concerns about a service, please speak to the appropriate member of staff as soon "
            "as possible. Most concerns are quickly and successfully resolved this way.</p>"
        ),
        "body": [
            text(
                "<p>It is the role of the Children's Services Complaints Team to manage the statutory complaints "
                "process. Put your complaint in writing to the Children's Services Complaints Team, or record it on "
                "video, DVD, CD or audio tape. If you cannot use one of these, you can call our contact centre and a "
                "member of staff will fill in the form for you.</p>"
            ),
            block("eligibility", "Who can complain"),
            text(
                "<p>Please be clear, and where possible include the names of the people involved and the dates when "
                "things happened. The complaints process cannot overturn a decision of a court or tribunal.</p>"
            ),
            block("process_stages", "How your complaint is dealt with"),
            block("procedure_diagram", "The procedure at a glance"),
            block("what_to_expect", "What to expect, with dates"),
            block("support", "Help with making your complaint"),
            block("ombudsman", "If you are still unhappy"),
            block("complaint_form", "Make a complaint"),
        ],
    },
    "walsall": {
        "section": "Walsall Council",
        "title": "Make a complaint about children's social care",
        "intro": (
            "<p>If you aren't happy with our services, you may wish to make a complaint. We'll try to put things "
            "right for you quickly and learn from your complaint so that we can improve our services.</p>"
        ),
        "body": [
            text(
                "<p>You can complain about the children's social care services we provide and those we commission "
                "from other providers. You should make your complaint as soon as possible.</p>"
            ),
            block("eligibility", "Who can complain"),
            block("support", "Help with your complaint"),
            text(
                "<h2>What happens next</h2>"
                "<p>When we receive your complaint, we'll assess it to make sure it meets the criteria for the "
                "statutory process. If not, we'll let you know and tell you what to do next.</p>"
            ),
            block("process_stages", "The three stages"),
            block("procedure_diagram", "The procedure at a glance"),
            block("what_to_expect", "What to expect, with dates"),
            block("ombudsman", "If you are still unhappy"),
            block("complaint_form", "Make a complaint"),
        ],
    },
    # -- fictional example councils: no such councils exist -------------------------------
    "kinloch": {
        "section": "Kinloch Council (example)",
        "pages": [
            {
                "slug": "social-work-complaints",
                "procedure": "social-work",
                "title": "Social work complaints",
                "intro": (
                    "<p>Kinloch Council is a fictional council: this page shows how a Scottish council's social work "
                    "complaints procedure looks. If you are unhappy with a social work service, tell us and we will try "
                    "to put things right.</p>"
                ),
                "body": [
                    text(
                        "<p>Most complaints are resolved quickly by the team that provides the service. If you are "
                        "still unhappy, you can ask for your complaint to be investigated.</p>"
                    ),
                    block("eligibility", "Who can complain"),
                    block("process_stages", "How we handle your complaint"),
                    block("procedure_diagram", "The procedure at a glance"),
                    block("what_to_expect", "What to expect, with dates"),
                    block("support", "Help with your complaint"),
                    block("ombudsman", "If you are still unhappy"),
                    block("complaint_form", "Make a complaint"),
                ],
            },
        ],
    },
    "cwm-aur": {
        "section": "Cwm Aur County Council (example)",
        "pages": [
            {
                "slug": "social-services-complaints",
                "procedure": "social-services",
                "title": "Social services complaints",
                "intro": (
                    "<p>Cwm Aur County Council is a fictional council: this page shows how a Welsh council's social "
                    "services complaints procedure looks. Tell us if you are unhappy with a social services "
                    "service.</p>"
                ),
                "body": [
                    text(
                        "<p>We will first offer to talk with you about your complaint, to see if we can sort it out "
                        "together. If you are still unhappy, you can ask for a formal investigation.</p>"
                    ),
                    block("eligibility", "Who can complain"),
                    block("process_stages", "How we handle your complaint"),
                    block("procedure_diagram", "The procedure at a glance"),
                    block("what_to_expect", "What to expect, with dates"),
                    block("support", "Help with your complaint"),
                    block("ombudsman", "If you are still unhappy"),
                    block("complaint_form", "Make a complaint"),
                ],
            },
        ],
        # Its pages in Welsh too, under /cy/: a Welsh translation (Wagtail's Locale "cy") of the
        # section and of each page, same slugs, Welsh titles and text.
        "cy": {
            "section": "Cyngor Sir Cwm Aur (enghraifft)",
            "pages": {
                "social-services-complaints": {
                    "title": "Cwynion am wasanaethau cymdeithasol",
                    "intro": (
                        "<p>Cyngor dychmygol yw Cyngor Sir Cwm Aur: mae’r dudalen hon yn dangos sut mae trefn gwyno "
                        "gwasanaethau cymdeithasol cyngor yng Nghymru yn edrych. Dywedwch wrthym os ydych yn anhapus "
                        "gyda gwasanaeth gwasanaethau cymdeithasol.</p>"
                    ),
                    "body": [
                        text(
                            "<p>Yn gyntaf, byddwn yn cynnig siarad â chi am eich cwyn, i weld a allwn ei datrys gyda’n "
                            "gilydd. Os ydych yn dal yn anhapus, gallwch ofyn am ymchwiliad ffurfiol.</p>"
                        ),
                        block("eligibility", "Pwy all gwyno"),
                        block("process_stages", "Sut rydym yn delio â’ch cwyn"),
                        block("procedure_diagram", "Y drefn yn gryno"),
                        block("what_to_expect", "Beth i’w ddisgwyl, gyda dyddiadau"),
                        block("support", "Help gyda’ch cwyn"),
                        block("ombudsman", "Os ydych yn dal yn anhapus"),
                        block("complaint_form", "Gwneud cwyn"),
                    ],
                },
            },
        },
    },
    "ashby-vale": {
        "section": "Ashby Vale Council (example)",
        "pages": [
            {
                "slug": GUIDANCE_SLUG,
                "procedure": GUIDANCE_PROCEDURE,
                "title": "Children's social care complaints",
                "intro": (
                    "<p>Ashby Vale Council is a fictional council: this page shows how an English council's children's "
                    "social care complaints procedure looks beside its adult social care one.</p>"
                ),
                "body": [
                    block("eligibility", "Who can complain"),
                    block("process_stages", "The three stages"),
                    block("procedure_diagram", "The procedure at a glance"),
                    block("what_to_expect", "What to expect, with dates"),
                    block("support", "Help with your complaint"),
                    block("ombudsman", "If you are still unhappy"),
                    block("complaint_form", "Make a complaint"),
                ],
            },
            {
                "slug": "adult-social-care-complaints",
                "procedure": "adult-social-care",
                "title": "Adult social care complaints",
                "intro": (
                    "<p>Ashby Vale Council is a fictional council: this page shows how an English council's adult "
                    "social care complaints procedure looks. Tell us if you are unhappy with care and support we "
                    "provide or arrange.</p>"
                ),
                "body": [
                    text(
                        "<p>When we acknowledge your complaint we will offer to talk with you about how it will be "
                        "handled and when you can expect our response.</p>"
                    ),
                    block("eligibility", "Who can complain"),
                    block("process_stages", "How we handle your complaint"),
                    block("what_to_expect", "What to expect, with dates"),
                    block("support", "Help with your complaint"),
                    block("ombudsman", "If you are still unhappy"),
                    block("complaint_form", "Make a complaint"),
                ],
            },
        ],
    },
}

#: The seed authorities (one per source page in docs/seeds.md) and the fictional examples.
SEED_SLUGS = ("council-a", "family-advice", "council-b", "hampshire", "walsall")
EXAMPLE_SLUGS = ("kinloch", "cwm-aur", "ashby-vale")


#: The Welsh home page (the translation of the home page, the root of /cy/).
HOME_CY = {
    "title": "Cwynion gofal cymdeithasol",
    "intro": "<p>Canllawiau a ffurflenni cwyno ar gyfer trefnau cwyno gofal cymdeithasol pob awdurdod.</p>",
}


def guidance_pages(content: dict) -> list[dict]:
    """An authority's guidance pages, each ``{slug, procedure, title, intro, body}``: the
    seed authorities' one page about the children's statutory procedure, or the pages an
    example council lists."""
    if "pages" in content:
        return content["pages"]
    return [
        {
            "slug": GUIDANCE_SLUG,
            "procedure": GUIDANCE_PROCEDURE,
            "title": content["title"],
            "intro": content["intro"],
            "body": content["body"],
        }
    ]
