"""What Wagtail's page API (v2) shows of a guidance page's process blocks, as data.

A headless front end reads ``/api/v2/pages/<id>/?fields=process,form`` and gets the same
procedure the rendered blocks show (from the authority's current config version, via the
same presenters as ``/api/complaints/v1/``) and the complaint form's fields and choices (from
the same intake form the HTML page renders), so it has no second copy of the rules.
"""

from __future__ import annotations

from rest_framework import serializers

from . import presenters
from .form_schema import describe_form


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
    """The complaint form for this page's procedure, as ``GET authorities/{a}/procedures/{p}/form``
    gives it: each field's name, label, type, help text and choices, what each kind of submission
    requires (``required``: always in a complaint; ``required_for``; ``required_when`` another
    answer has some value), and the JSON Schema of a filing body.  Read from the form itself, whose
    validation (shared with the API) uses the same list of requirements."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        config = page.current_config()
        procedure = page.current_procedure()
        if config is None or procedure is None or procedure.voice.advice:  # an advice page has no form
            return None
        return describe_form(config, procedure)
