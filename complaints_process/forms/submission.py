"""A valid intake form's answers as what ``services.public.submit`` takes: plain values.

The public form (``views.intake``) and the API (``api.filing``) validate with the same
``IntakeForm`` and hand its answers over through ``intake_of``, so the service never sees a
form.
"""

from __future__ import annotations

from complaints_process.services.public import ComplaintIntake, FeedbackIntake

from .intake import IntakeForm, child_consent_answer, filing_arguments


def intake_of(form: IntakeForm) -> ComplaintIntake | FeedbackIntake:
    """The answers of a valid ``form``: a complaint, or a compliment or comment."""
    if form.submission_kind == "complaint":
        return ComplaintIntake(
            filing=filing_arguments(form),
            child_consent=child_consent_answer(form),
            consent_from=form.consent_from,
            attachments=tuple(form.cleaned_data.get("attachments") or ()),
        )
    data = form.cleaned_data
    return FeedbackIntake(
        kind=form.submission_kind,
        procedure_slug=form.procedure.slug,
        service=data["service"],
        message=data["what_happened"],
        name=data.get("complainant_name") or "",
        email=data.get("complainant_email") or "",
    )
