"""The complaint form block: the intake form of the page's procedure, where the editor places it.

The form posts to the page itself (``GuidancePage.serve`` hands a POST to
``complaints_process.views.intake``); when it has errors the page is rendered again with the
bound form (``complaint_form`` in the page context) and a GOV.UK error summary linked to each
field.  Works without JavaScript.
"""

import uuid

from wagtail import blocks

from .base import ConfigBlock


class ComplaintFormBlock(ConfigBlock):
    intro = blocks.TextBlock(required=False, help_text="Optional words above the form.")

    class Meta:
        template = "complaints_process/blocks/complaint_form.html"
        icon = "form"
        label = "Complaint form"

    def config_context(self, value, config, procedure, parent_context) -> dict:
        from complaints_process.forms import build_intake_form  # the form imports the models

        form = parent_context.get("complaint_form")
        if form is None or form.procedure != procedure:
            form = build_intake_form(config, procedure)
        request = parent_context.get("request")
        key = request.POST.get("submission_key", "") if request is not None and request.method == "POST" else ""
        return {"form": form, "submission_key": key[:64] or uuid.uuid4().hex}
