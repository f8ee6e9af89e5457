"""The Wagtail home page panel: open cases by stage, overdue, due this week, and timeliness
per stage over the last 12 months (response deadlines met on time / all met or missed).

Counts only the cases the user may see (``permission_policies.cases``); editors get no panel.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from complaints_process.models import Deadline, DeadlineStatus
from complaints_process.models.states import FINAL_STATES
from complaints_process.permission_policies import cases as case_policy
from complaints_process.selectors.cases import STAGE_LABELS, annotate_cases, end_of_week, stage_of

from .admin_urls import case_index_url


class CasesPanel(Component):
    name = "complaints_cases"
    order = 50
    template_name = "complaints_process/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        cases = case_policy.instances_user_has_permission_for(self.request.user, "view")
        open_cases = annotate_cases(cases.exclude(state__in=FINAL_STATES))
        by_stage = {}
        for state, count in open_cases.order_by().values_list("state").annotate(n=Count("id")):
            key = stage_of(state)
            by_stage[key] = by_stage.get(key, 0) + count
        stages = [{"key": key, "label": label, "count": by_stage.get(key, 0)} for key, label in STAGE_LABELS.items() if key != "final"]
        since = today - timedelta(days=365)
        finished = (
            Deadline.objects.filter(case__in=cases, kind="response")
            .filter(
                Q(status=DeadlineStatus.MET, met_on__gte=since, on_time__isnull=False) | Q(status=DeadlineStatus.MISSED, due__gte=since)
            )
            .exclude(stage="")
            .values("stage")
            .annotate(total=Count("id"), on_time=Count("id", filter=Q(on_time=True)))
            .order_by("stage")
        )
        timeliness = [
            {
                "stage": STAGE_LABELS.get(row["stage"], row["stage"]),
                "total": row["total"],
                "on_time": row["on_time"],
                "percent": round(100 * row["on_time"] / row["total"]) if row["total"] else 0,
            }
            for row in finished
        ]
        return {
            "stages": stages,
            "open_total": sum(s["count"] for s in stages),
            "overdue": open_cases.filter(next_due__lt=today).count(),
            "due_this_week": open_cases.filter(next_due__gte=today, next_due__lte=end_of_week(today)).count(),
            "timeliness": timeliness,
            "index_url": case_index_url(),
        }


def add_cases_panel(request, panels):
    if case_policy.user_has_permission(request.user, "view"):
        panels.append(CasesPanel(request))
