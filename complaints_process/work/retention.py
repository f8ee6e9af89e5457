"""The retention task: anonymise closed cases whose retention period has passed.

Run by its own Django-Q2 schedule (``schedule.RETENTION_SCHEDULE_NAME``, hourly) and by
``manage.py complaints_schedule --retention``.  Each run:

1. reads each authority's retention rules: for every procedure of its current config version
   with a ``retention``, the last closing day that is past retention today (the cutoff); for
   procedures a case was filed under that are no longer in the current version, the rule of
   the version the case was filed under (see ``services.retention.retention_rule``);
2. selects, in one query, closed cases not yet anonymised whose closing day is on or before
   their procedure's cutoff, oldest closure first, at most ``batch_size`` of them
   (``COMPLAINTS_PROCESS_RETENTION_BATCH``, default 100), so one run's work is bounded and
   a backlog (the first run after the rule is introduced) is worked through run by run;
3. anonymises each in its own transaction (``services.retention.anonymise_case``, which
   checks everything again under the case's row lock, so two runs at once, or a re-run
   after a crash, anonymise each case once).

Open cases are never selected: a case is only ever anonymised after it closed.  A case that
fails is logged by id and exception class only (no personal data) and tried again next run.

Then compliments and comments: for every procedure with a ``retention.feedback`` rule (the
authority's current version; that is the rule for all its feedback, which is not pinned to a
version), the feedback received on or before the rule's cutoff is anonymised in one
statement per rule (``services.retention.anonymise_feedback``).
"""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from complaints_process.models import FINAL_STATES, Authority, Complaint, Feedback
from complaints_process.services.retention import anonymise_case, anonymise_feedback

logger = logging.getLogger("complaints_process.work.retention")

DEFAULT_BATCH = 100


def batch_size() -> int:
    return int(getattr(settings, "COMPLAINTS_PROCESS_RETENTION_BATCH", DEFAULT_BATCH))


def _today(today) -> date:
    if today is None:
        return timezone.localdate()
    if isinstance(today, str):
        return date.fromisoformat(today)
    return today


def past_retention(today: date):
    """Closed, not anonymised cases past their procedure's retention on ``today`` (a queryset)."""
    due = Q(pk__in=[])
    for authority in Authority.objects.prefetch_related("config_versions"):
        versions = sorted(authority.config_versions.all(), key=lambda version: version.number)
        if not versions:
            continue
        current = versions[-1]
        current_slugs = []
        for procedure in current.config().procedures:
            current_slugs.append(procedure.slug)
            if procedure.retention is not None:
                cutoff = procedure.retention.closed_cases.cutoff(today)
                due |= Q(authority=authority, procedure_slug=procedure.slug, closed_on__lte=cutoff)
        for version in versions:
            for procedure in version.config().procedures:
                if procedure.slug in current_slugs or procedure.retention is None:
                    continue
                cutoff = procedure.retention.closed_cases.cutoff(today)
                due |= Q(config_version=version, procedure_slug=procedure.slug, closed_on__lte=cutoff)
    return Complaint.objects.filter(state__in=FINAL_STATES, closed_on__isnull=False, anonymised_on__isnull=True).filter(due)


def feedback_past_retention(today: date):
    """Compliments and comments, not yet anonymised, past their procedure's feedback rule."""
    due = Q(pk__in=[])
    for authority in Authority.objects.all():
        version = authority.current_version()
        if version is None:
            continue
        for procedure in version.config().procedures:
            if procedure.retention is not None and procedure.retention.feedback is not None:
                cutoff = procedure.retention.feedback.cutoff(today)
                due |= Q(authority=authority, procedure_slug=procedure.slug, received_on__lte=cutoff)
    return Feedback.objects.filter(anonymised_on__isnull=True).filter(due)


def run_retention(today=None, *, limit: int | None = None, dry_run: bool = False) -> dict:
    """Anonymise up to ``limit`` cases past retention; a summary without personal data."""
    today = _today(today)
    limit = batch_size() if limit is None else limit
    candidates = past_retention(today).order_by("closed_on", "pk")
    if dry_run:
        feedback_due = feedback_past_retention(today).count()
        return {"today": today.isoformat(), "due": candidates.count(), "anonymised": 0, "feedback_due": feedback_due, "more": False}
    ids = list(candidates.values_list("pk", flat=True)[: limit + 1])
    more = len(ids) > limit
    anonymised = failed = 0
    for case_id in ids[:limit]:
        try:
            if anonymise_case(case_id, today=today):
                anonymised += 1
        except Exception as error:  # one bad case must not stop the others
            failed += 1
            logger.error("Could not anonymise case %s: %s", case_id, type(error).__name__)
    feedback = anonymise_feedback(feedback_past_retention(today), today=today)
    summary = {"today": today.isoformat(), "anonymised": anonymised, "failed": failed, "feedback_anonymised": feedback, "more": more}
    if anonymised or failed or feedback:
        logger.info("Retention run: %s", summary)
    return summary
