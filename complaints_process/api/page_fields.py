"""What Wagtail's page API (v2) shows of a guidance page's process blocks, as data.

A headless front end reads ``/api/v2/pages/<id>/?fields=process,form`` and gets the same
procedure the rendered blocks show (from the authority's current config version, via the
same presenters as ``/api/complaints/v1/``) and the complaint form's fields and choices (from
the same intake form the HTML page renders), so it has no second copy of the rules.
"""

from __future__ import annotations

from rest_framework import serializers

from . import presenters


class ProcessField(serializers.Field):
    """The page's procedure: stages, clocks, events, eligibility, support, ombudsman."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        config = page.current_config()
        procedure = page.current_procedure()
        if config is None or procedure is None:
            return None
        version = page.authority.current_version()
        detail = presenters.procedure_detail(config.slug, version.number, procedure)
        return detail.model_dump(mode="json", by_alias=True)


class FormFieldsField(serializers.Field):
    """The complaint form's fields for this page's procedure: name, label, type, required,
    help text and choices, in the order the page shows them.  ``required`` marks what is always
    required; some answers are required only by another (e.g. the email address when email is
    the preferred contact), which the form's validation, shared with the API, enforces."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        from complaints_process.forms.intake import build_intake_form

        config = page.current_config()
        procedure = page.current_procedure()
        if config is None or procedure is None:
            return None
        form = build_intake_form(config, procedure)
        fields = []
        for name, field in form.fields.items():
            choices = getattr(field, "choices", None)
            fields.append(
                {
                    "name": name,
                    "label": str(field.label or name),
                    "type": type(field).__name__,
                    "required": field.required,
                    "help_text": str(field.help_text or ""),
                    "choices": [{"value": str(value), "label": str(label)} for value, label in choices] if choices else None,
                }
            )
        return {"authority": config.slug, "procedure": procedure.slug, "fields": fields}
