"""One entry point for every surface: ``build_report(authority, period, kind, publish=...)``.

The admin page (``publish=False``: exact numbers, small ones marked), the printable report and
the CSV (``publish=True``: small numbers suppressed) all call this, so they cannot disagree.
The suppression threshold is ``settings.COMPLAINTS_PROCESS_SUPPRESSION_THRESHOLD`` (default 5).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from complaints_process.models import ComplainantRelationship, OmbudsmanDecision, RefusalGround

from . import figures as F
from .period import Period
from .queries import collect, report_group

STAGE_LABELS = {"stage1": gettext_lazy("Stage 1"), "stage2": gettext_lazy("Stage 2"), "stage3": gettext_lazy("Stage 3 (review panel)")}
RELATIONSHIP_LABELS = dict(ComplainantRelationship.choices) | {"not_recorded": gettext_lazy(F.NOT_RECORDED)}
DECISION_LABELS = {value: label for value, label in OmbudsmanDecision.choices if value}


def suppression_threshold() -> int:
    value = getattr(settings, "COMPLAINTS_PROCESS_SUPPRESSION_THRESHOLD", F.DEFAULT_THRESHOLD)
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ValueError("COMPLAINTS_PROCESS_SUPPRESSION_THRESHOLD must be a whole number") from None
    return max(value, 1)


def labels() -> dict:
    return {
        "stage": STAGE_LABELS,
        "relationship": RELATIONSHIP_LABELS,
        "ground": dict(RefusalGround.choices),
        "decision": DECISION_LABELS,
        "translate": gettext,
    }


def report_label(authority, key: str) -> str:
    group = report_group(authority, key)
    return group.label if group is not None else key


def build_report(authority, period: Period, procedure_kind: str, *, publish: bool, as_of: date | None = None) -> dict:
    """The template context of one report."""
    as_of = as_of or timezone.localdate()
    data = collect(authority, period, procedure_kind)
    figures = F.compute(data.rows, period, procedure_kind=procedure_kind, stages=data.stages, clocks=data.clocks, as_of=as_of)
    threshold = suppression_threshold()
    context = F.present(figures, threshold=threshold, publish=publish, labels=labels(), as_of=as_of)
    context.update(
        authority=authority,
        kind_label=report_label(authority, procedure_kind),
        procedure_names=data.procedure_names,
        as_of=as_of,
        figures=figures,
        data=data,
        complete=as_of > period.end,
    )
    return context
