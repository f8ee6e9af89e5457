"""The complaint form block: the intake form of the page's procedure, where the editor places it.

The form posts to the page itself (``GuidancePage.serve`` hands a POST to
``complaints_process.views.intake``); when it has errors the page is rendered again with the
bound form (``complaint_form`` in the page context) and a GOV.UK error summary linked to each
field.  Works without JavaScript.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from wagtail import blocks

from .base import ConfigBlock

#: The blank form's fields, rendered: {(id(procedure), day, language): (procedure, html)}.  The fields of
#: an unbound form depend only on the procedure (an immutable, cached config object) and the
#: day, and rendering them is most of a guidance page's cost; the CSRF token and submission
#: key are outside this part and stay per request.
_BLANK_FIELDS: dict = {}
_BLANK_FIELDS_LIMIT = 256


def cached_blank_fields(procedure):
    cached = _BLANK_FIELDS.get((id(procedure), timezone.localdate(), get_language()))
    return cached[1] if cached is not None and cached[0] is procedure else None


def blank_fields_html(form, procedure) -> str:
    key = (id(procedure), timezone.localdate(), get_language())
    html = cached_blank_fields(procedure)
    if html is not None:
        return html
    html = mark_safe(render_to_string("complaints_process/blocks/complaint_form_fields.html", {"form": form}))
    if len(_BLANK_FIELDS) >= _BLANK_FIELDS_LIMIT:
        _BLANK_FIELDS.clear()
    _BLANK_FIELDS[key] = (procedure, html)
    return html


class ComplaintFormBlock(ConfigBlock):
    intro = blocks.TextBlock(required=False, help_text="Optional words above the form.")

    class Meta:
        template = "complaints_process/blocks/complaint_form.html"
        icon = "form"
        label = gettext_lazy("Complaint form")

    def render_cache_key(self, value, parent_context):
        return None  # the CSRF token and submission key are per request (the fields are cached below)

    def config_context(self, value, config, procedure, parent_context) -> dict:
        from complaints_process.forms import build_intake_form  # the form imports the models
        from complaints_process.idempotency import form_key, new_form_key

        if procedure.voice.advice:  # an advice page about the authority takes no complaints
            return {"advice": True}
        request = parent_context.get("request")
        posted = form_key(request.POST.get("submission_key")) if request is not None and request.method == "POST" else None
        context = {"submission_key": posted or new_form_key()}  # made and signed here, never the client's
        form = parent_context.get("complaint_form")
        if form is None or form.procedure != procedure:
            blank = cached_blank_fields(procedure)
            if blank is not None:  # nothing of the form varies: no need to build it
                return {**context, "form": None, "form_fields_html": blank}
            form = build_intake_form(config, procedure)
        context["form"] = form
        if not form.is_bound:
            context["form_fields_html"] = blank_fields_html(form, procedure)
        return context
