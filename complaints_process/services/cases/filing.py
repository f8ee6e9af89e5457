"""Filing a complaint: pin the config version, choose the procedure, issue a reference.

``file_complaint`` is how the public form, the API and officers entering a letter create a
case (``user=None`` for the public form).  The case is pinned to the authority's current
config version; its procedure is chosen by ``choose_procedure`` unless given; it gets the next
reference of the year (``WAL-2026-000123``) and a secret status token; its ``received`` event
is recorded and the clocks that count from receipt are started.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from complaints_process import clocks
from complaints_process.exceptions import InvalidAction
from complaints_process.models import (
    Authority,
    ChildConsent,
    ComplainantRelationship,
    Complaint,
    PointOfComplaint,
    ReferenceSequence,
)

from ._action import check_permitted, record_event, today
from .routing import choose_procedure

DETAIL_FIELDS = frozenset(
    {
        "channel",
        "language",
        "complainant_name",
        "complainant_email",
        "complainant_phone",
        "complainant_address",
        "complainant_relationship",
        "child_name",
        "child_date_of_birth",
        "child_consent_notes",
        "service",
        "what_happened",
        "happened_on",
        "became_aware_on",
        "desired_outcome",
        "late_explanation",
        "preferred_contact",
        "needs_interpreter",
        "interpreter_language",
        "needs_signer",
        "needs_advocate",
        "other_access_needs",
    }
)


def next_reference(authority: Authority, year: int) -> str:
    """The authority's next reference for ``year``; call inside a transaction."""
    ReferenceSequence.objects.get_or_create(authority=authority, year=year)
    sequence = ReferenceSequence.objects.select_for_update().get(authority=authority, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{authority.reference_prefix}-{year}-{sequence.last_number:06d}"


def _initial_consent(procedure, relationship: str) -> str:
    if relationship == ComplainantRelationship.CHILD:
        return ChildConsent.NOT_NEEDED
    eligibility = procedure.eligibility
    if eligibility.child_consent in ("ask", "required") or eligibility.parental_consent_may_be_needed:
        return ChildConsent.NOT_ASKED
    return ChildConsent.NOT_NEEDED


def file_complaint(
    authority: Authority,
    *,
    user,
    points: list[str] | tuple[str, ...],
    received_on: date | None = None,
    about_statutory_childrens_service: bool = True,
    procedure_slug: str | None = None,
    **details,
) -> Complaint:
    """Create a case from a complaint received on ``received_on`` (default today)."""
    unknown = set(details) - DETAIL_FIELDS
    if unknown:
        raise TypeError(f"file_complaint() got unexpected fields: {', '.join(sorted(unknown))}")
    received_on = received_on or today()
    if received_on > today():
        raise InvalidAction("A complaint cannot be received in the future.")
    points = [text.strip() for text in points if text and text.strip()]
    if not points:
        raise InvalidAction("A complaint needs at least one point of complaint.")
    check_permitted(user, authority, "file")
    with transaction.atomic():
        authority = Authority.objects.select_for_update().get(pk=authority.pk)
        version = authority.current_version()
        if version is None:
            raise InvalidAction("This authority has no published process configuration.")
        config = version.config()
        if procedure_slug is None:
            procedure = choose_procedure(config, about_statutory_childrens_service)
        else:
            try:
                procedure = config.procedure(procedure_slug)
            except KeyError:
                raise InvalidAction("This authority has no such procedure.")
        relationship = details.get("complainant_relationship") or ComplainantRelationship.CHILD
        details["complainant_relationship"] = relationship
        case = Complaint.objects.create(
            authority=authority,
            config_version=version,
            procedure_slug=procedure.slug,
            reference=next_reference(authority, received_on.year),
            received_on=received_on,
            about_statutory_childrens_service=about_statutory_childrens_service,
            child_consent=_initial_consent(procedure, relationship),
            created_by=user,
            **details,
        )
        PointOfComplaint.objects.bulk_create(
            PointOfComplaint(case=case, number=number, summary=text) for number, text in enumerate(points, start=1)
        )
        clocks.start_clocks(case, "received", received_on)
        record_event(
            case,
            "file",
            user,
            received_on,
            from_state="",
            event_key="received",
            data={"procedure": procedure.slug, "config_version": version.number},
        )
    return case
