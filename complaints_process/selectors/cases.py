"""Reads of the case list: stages, each case's next due date and acting owner, and the
overdue / due-this-week filters.  Used by the case list (``modeladmin``) and the dashboard
panel; plain values in, querysets out.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import BigIntegerField, Case, CharField, Exists, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat, Trim

from complaints_process.actions import NOT_PROCEDURAL
from complaints_process.models import Appointment, AppointmentRole, CaseEvent, CaseState, Deadline, DeadlineStatus
from complaints_process.models.states import FINAL_STATES, STAGE_OF_STATE

STAGE_LABELS = {
    "received": "Not yet accepted",
    "stage1": "Stage 1",
    "stage2": "Stage 2",
    "stage3": "Stage 3 (review panel)",
    "stage4": "Stage 4",
    "final": "Finished",
}


def stage_of(state: str) -> str:
    if state in FINAL_STATES:
        return "final"
    return STAGE_OF_STATE.get(state, "received")


def states_of_stage(stage: str) -> list[str]:
    return [state for state in CaseState.values if stage_of(state) == stage]


def end_of_week(day):
    return day + timedelta(days=6 - day.weekday())


def _authority_deadlines():
    """The case's pending authority deadlines (the complainant's window to escalate is not the
    authority's deadline), with ``effective_on``."""
    return Deadline.objects.filter(case=OuterRef("pk"), status=DeadlineStatus.PENDING).exclude(kind="window").with_effective_due()


def annotate_cases(queryset):
    """Add ``next_due`` (the earliest pending authority deadline, extended date if extended)
    and ``acting_owner`` (the assigned owner, else the investigating officer with an account,
    else whoever last took a step) with ``acting_owner_name`` to a case queryset."""
    next_due = _authority_deadlines().filter(effective_on__isnull=False).order_by("effective_on").values("effective_on")[:1]
    appointed = (
        Appointment.objects.filter(case=OuterRef("pk"), role=AppointmentRole.INVESTIGATING_OFFICER, user__isnull=False)
        .order_by("-appointed_on", "-id")
        .values("user_id")[:1]
    )
    last_actor = (
        CaseEvent.objects.filter(case=OuterRef("pk"), user__isnull=False)
        .exclude(action__in=NOT_PROCEDURAL)
        .order_by("-occurred_on", "-id")
        .values("user_id")[:1]
    )
    acting_owner = Coalesce(F("owner_id"), Subquery(appointed), Subquery(last_actor), output_field=BigIntegerField())
    full_name = Trim(Concat("first_name", Value(" "), "last_name", output_field=CharField()))
    name = (
        get_user_model()
        .objects.filter(pk=OuterRef("acting_owner"))
        .annotate(name=Case(When(first_name="", last_name="", then=F("username")), default=full_name, output_field=CharField()))
        .values("name")[:1]
    )
    return queryset.annotate(next_due=Subquery(next_due), acting_owner=acting_owner).annotate(acting_owner_name=Subquery(name))


def _due(**effective):
    """Exists: a pending authority deadline of the case whose effective (extended) date matches
    ``effective`` lookups.  Read through the deadline index (status, due): an extension only
    moves a date later, so due <= effective."""
    bound = {f"due__{lookup}": value for lookup, value in effective.items() if lookup in ("lt", "lte")}
    rows = _authority_deadlines().filter(**bound).filter(**{f"effective_on__{lookup}": value for lookup, value in effective.items()})
    return Exists(rows)


def overdue_cases(queryset, now):
    """Cases whose next due date (``annotate_cases``) is before ``now``: those with a pending
    authority deadline already past, found from the (few) pending deadlines rather than by
    computing every case's next due date."""
    return queryset.filter(_due(lt=now))


def due_between_cases(queryset, start, end):
    """Cases whose next due date is between ``start`` and ``end`` (none overdue)."""
    return queryset.filter(_due(gte=start, lte=end)).exclude(_due(lt=start))
