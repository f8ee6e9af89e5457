"""Collecting an authority's report rows from the database, in a fixed number of queries.

``collect(authority, period, key)`` reads the cases of the procedures one report counts
(``report_groups``: the authority's procedures of one kind, "statutory" or "corporate", or one
procedure where the authority has several of a kind) that have anything in the period, and returns the
plain ``figures.CaseRow``s with the clock and stage lists the report needs.  Only the fields a
report uses are read (``values()``): names, contact details, the child's details and every
free-text field stay in the database, so they cannot reach a report, a CSV or a log.  The
exceptions are written for publication: a learning action's text and the team or service
that owns it.  An Ombudsman referral's reference and remedy text are never read (whether a
remedy was recorded is worked out in the query).

Queries: config versions (1), cases (1), events (1), point outcomes (1), deadlines (1),
themes (1), learning actions (1), Ombudsman referrals (1): eight, whatever the number of
cases (tested).  Working days are counted with the authority's current calendar, the one its
deadlines are computed with (``clocks.calendar_for``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from complaints_process.models import (
    CaseEvent,
    CaseTheme,
    Complaint,
    Deadline,
    DeadlineStatus,
    LearningAction,
    OmbudsmanReferral,
    PointOutcome,
    ProcessConfigVersion,
)
from complaints_process.models.states import STAGE_OF_STATE

from . import figures as F
from .period import Period

KINDS = {"statutory": "Children's statutory complaints", "corporate": "Corporate complaints"}


@dataclass(frozen=True)
class ReportGroup:
    """One annual report of an authority: its key (in the URL), its title and its procedures.

    An authority with one procedure of a kind has one report of that kind, keyed by the kind
    ("statutory", "corporate"); one with several procedures of a kind (Ashby Vale's children's
    and adults' procedures, both statutory) has a report for each, keyed by the procedure's
    slug, so the cases of two procedures are never counted as one.  The English children's
    procedure's report is the Regulation 13 report ("Children's statutory complaints"); a report
    of any other statutory procedure is named after the procedure."""

    key: str
    label: str
    kind: str


def _report_label(config, procedure) -> str:
    if procedure.kind == "corporate":
        return KINDS["corporate"]
    english_children = config.calendar.nation == "england" and procedure.service_users == "children"
    return KINDS["statutory"] if english_children else procedure.name


def report_groups(authority) -> list[ReportGroup]:
    """The reports of the authority's current config, in the order of its procedures."""
    version = authority.current_version()
    if version is None:
        return []
    config = version.config()
    of_kind: dict[str, int] = defaultdict(int)
    for procedure in config.procedures:
        of_kind[procedure.kind] += 1
    groups: list[ReportGroup] = []
    for procedure in config.procedures:
        key = procedure.kind if of_kind[procedure.kind] == 1 else procedure.slug
        if key not in [group.key for group in groups]:
            groups.append(ReportGroup(key, _report_label(config, procedure), procedure.kind))
    return groups


def report_group(authority, key: str) -> ReportGroup | None:
    return next((group for group in report_groups(authority) if group.key == key), None)


def in_report(procedure, key: str) -> bool:
    """Whether a procedure (of any version) is counted in the report ``key``: a kind's report
    takes every procedure of that kind, a procedure's report the procedure of that slug."""
    return procedure.kind == key or procedure.slug == key


@dataclass
class ReportData:
    authority: object
    procedure_kind: str
    period: Period
    rows: list[F.CaseRow]
    stages: list[str]
    clocks: list[tuple[str, str]]  # (key, label), the authority's timed clocks in procedure order
    procedure_names: list[str]


def _stage_of_event(event_key: str, suffix: str) -> str | None:
    stage, _, rest = event_key.partition(".")
    return stage if rest == suffix else None


@dataclass
class _Procedures:
    """What the report's procedures declare, over every config version of the authority."""

    pinned: Q  # the cases of those procedures: (version, procedure slug) pairs
    stages: list[str]
    clocks: dict[str, str]  # timed clock key -> label, current labels first
    names: list[str]  # the current version's procedure names
    calendar: object  # the authority's current working calendar (None with no version)


def _report_procedures(authority, procedure_kind: str) -> _Procedures:
    versions = list(ProcessConfigVersion.objects.filter(authority=authority).order_by("number"))
    found = _Procedures(pinned=Q(pk__in=[]), stages=[], clocks={}, names=[], calendar=None)
    for version in reversed(versions):  # newest first, so current labels win
        procedures = [p for p in version.config().procedures if in_report(p, procedure_kind)]
        if procedures:
            found.pinned |= Q(config_version_id=version.pk, procedure_slug__in=[p.slug for p in procedures])
        for procedure in procedures:
            if version is versions[-1] and procedure.name not in found.names:
                found.names.append(procedure.name)
            for key in procedure.stage_keys:
                if key not in found.stages:
                    found.stages.append(key)
            for clock in procedure.clocks:
                if clock.kind in F.TIMED_KINDS and clock.key not in found.clocks:
                    found.clocks[clock.key] = clock.label
    found.stages.sort(key=F._stage_number)
    if versions:
        found.calendar = versions[-1].config().working_calendar()
    return found


def _touched_in(period: Period) -> Q:
    """A case has something in the period: open, closed in it, or an Ombudsman referral, a
    decision, a learning action or a remedy in it."""
    return (
        Q(closed_on__isnull=True)
        | Q(closed_on__gte=period.start)
        | Exists(OmbudsmanReferral.objects.filter(case=OuterRef("pk"), referred_on__range=(period.start, period.end)))
        | Exists(OmbudsmanReferral.objects.filter(case=OuterRef("pk"), decided_on__range=(period.start, period.end)))
        | Exists(LearningAction.objects.filter(case=OuterRef("pk"), agreed_on__range=(period.start, period.end)))
        # a remedy carried out in the period, or decided by its end and not carried out by then
        | Exists(
            OmbudsmanReferral.objects.filter(case=OuterRef("pk"), decided_on__lte=period.end)
            .exclude(remedy="")
            .filter(Q(remedy_complied_on__isnull=True) | Q(remedy_complied_on__gte=period.start))
        )
    )


_CASE_FIELDS = (
    "pk",
    "procedure_slug",
    "received_on",
    "service",
    "complainant_relationship",
    "needs_advocate",
    "state",
    "closure_reason",
    "closed_on",
    "refusal_ground",
    "ombudsman_signposted_on",
)


@dataclass
class _StageDays:
    requested: dict[int, dict[str, date]]  # case -> stage -> the first request's day
    responded: dict[int, dict[str, date]]  # case -> stage -> the last response's day
    final_stage: dict[int, str]  # case -> the stage it was withdrawn or refused at


def _stage_days(ids) -> _StageDays:
    found = _StageDays(requested=defaultdict(dict), responded=defaultdict(dict), final_stage={})
    events = CaseEvent.objects.filter(case__in=ids).filter(
        Q(event_key__endswith=".requested")
        | Q(event_key__endswith=".responded")
        | Q(event_key="stage3.authority_responded")
        | Q(action__in=("withdraw", "refuse"))
    )
    for event in events.order_by("occurred_on", "pk").values("case_id", "action", "event_key", "occurred_on", "from_state"):
        case_id, key = event["case_id"], event["event_key"]
        if event["action"] in ("withdraw", "refuse"):
            found.final_stage[case_id] = STAGE_OF_STATE.get(event["from_state"], "stage1")
        elif stage := _stage_of_event(key, "requested"):
            found.requested[case_id].setdefault(stage, event["occurred_on"])
        elif stage := _stage_of_event(key, "responded") or ("stage3" if key == "stage3.authority_responded" else None):
            found.responded[case_id][stage] = event["occurred_on"]
    return found


def _outcomes(ids) -> dict[int, dict[str, list[str]]]:
    outcomes: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in PointOutcome.objects.filter(point__case__in=ids).values("point__case_id", "stage", "outcome"):
        outcomes[row["point__case_id"]][row["stage"]].append(row["outcome"])
    return outcomes


_DEADLINE_FIELDS = (
    "case_id",
    "procedure_slug",
    "clock_key",
    "kind",
    "starts",
    "due",
    "extended_due",
    "met_on",
    "on_time",
    "status",
    "paused_working_days",
)


def _deadlines(ids, slug_of: dict[int, str], calendar) -> dict[int, list[F.DeadlineRow]]:
    deadlines: dict[int, list[F.DeadlineRow]] = defaultdict(list)
    live = Deadline.objects.filter(case__in=ids).exclude(status=DeadlineStatus.CANCELLED).with_effective_due()
    for d in live.values(*_DEADLINE_FIELDS, "effective_on"):
        if d["procedure_slug"] != slug_of.get(d["case_id"]):
            continue  # met under a procedure the case was moved away from
        # A notice clock counts back from its meeting: "working days taken" means nothing there.
        days = F.working_days_taken(calendar, d["kind"], d["starts"], d["met_on"], d["paused_working_days"])
        deadlines[d["case_id"]].append(
            F.DeadlineRow(
                clock_key=d["clock_key"],
                kind=d["kind"],
                starts=d["starts"],
                due=d["due"],
                extended_due=d["extended_due"],
                met_on=d["met_on"],
                on_time=d["on_time"],
                status=d["status"],
                working_days_taken=days,
                effective_due=d["effective_on"],
            )
        )
    return deadlines


def _themes(ids) -> dict[int, list[str]]:
    themes: dict[int, list[str]] = defaultdict(list)
    for row in CaseTheme.objects.filter(case__in=ids).values("case_id", "theme"):
        themes[row["case_id"]].append(row["theme"].strip())
    return themes


def _learning(ids) -> dict[int, list[F.LearningRow]]:
    learning: dict[int, list[F.LearningRow]] = defaultdict(list)
    for row in LearningAction.objects.filter(case__in=ids).values(
        "case_id", "theme", "action", "agreed_on", "completed_on", "owner", "due_on"
    ):
        case_id = row.pop("case_id")
        learning[case_id].append(F.LearningRow(**row))
    return learning


def _referrals(ids) -> dict[int, list[F.ReferralRow]]:
    referrals: dict[int, list[F.ReferralRow]] = defaultdict(list)
    # Whether a remedy was recorded, worked out in the database: its text (and the Ombudsman's
    # reference) is never read.
    with_remedy = OmbudsmanReferral.objects.filter(case__in=ids).annotate(
        has_remedy=ExpressionWrapper(~Q(remedy=""), output_field=BooleanField())
    )
    referral_fields = ("referred_on", "decision", "decided_on", "has_remedy", "remedy_due_on", "remedy_complied_on")
    for row in with_remedy.values("case_id", *referral_fields):
        referrals[row["case_id"]].append(
            F.ReferralRow(
                row["referred_on"],
                row["decision"],
                row["decided_on"],
                bool(row["has_remedy"]),
                remedy_due_on=row["remedy_due_on"],
                remedy_complied_on=row["remedy_complied_on"],
            )
        )
    return referrals


def collect(authority, period: Period, procedure_kind: str) -> ReportData:
    """``procedure_kind`` is a report's key (``report_groups``): a kind, or a procedure's slug."""
    procedures = _report_procedures(authority, procedure_kind)
    cases = Complaint.objects.filter(procedures.pinned, authority=authority, received_on__lte=period.end).filter(_touched_in(period))
    case_values = list(cases.order_by("received_on", "pk").values(*_CASE_FIELDS))
    ids = cases.values("pk")
    days = _stage_days(ids)
    outcomes = _outcomes(ids)
    deadlines = _deadlines(ids, {case["pk"]: case["procedure_slug"] for case in case_values}, procedures.calendar)
    themes, learning, referrals = _themes(ids), _learning(ids), _referrals(ids)
    rows = [
        F.CaseRow(
            case_id=case["pk"],
            procedure_slug=case["procedure_slug"],
            procedure_kind=procedure_kind,
            received_on=case["received_on"],
            service=(case["service"] or "").strip(),
            relationship=case["complainant_relationship"],
            needs_advocate=case["needs_advocate"],
            state=case["state"],
            closure_reason=case["closure_reason"],
            closed_on=case["closed_on"],
            refusal_ground=case["refusal_ground"],
            final_stage=days.final_stage.get(case["pk"], ""),
            requested={"stage1": case["received_on"], **days.requested.get(case["pk"], {})},
            responded=dict(days.responded.get(case["pk"], {})),
            outcomes={stage: tuple(values) for stage, values in outcomes.get(case["pk"], {}).items()},
            ombudsman_signposted_on=case["ombudsman_signposted_on"],
            referrals=tuple(referrals.get(case["pk"], ())),
            deadlines=tuple(deadlines.get(case["pk"], ())),
            themes=tuple(sorted(set(themes.get(case["pk"], ())))),
            learning=tuple(learning.get(case["pk"], ())),
        )
        for case in case_values
    ]
    return ReportData(
        authority=authority,
        procedure_kind=procedure_kind,
        period=period,
        rows=rows,
        stages=procedures.stages,
        clocks=list(procedures.clocks.items()),
        procedure_names=procedures.names,
    )
