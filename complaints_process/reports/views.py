"""Admin views of the annual reports (registered in ``wagtail_hooks``).

* ``ReportIndexView`` (``complaints/reports/``): the user's authorities, each procedure kind
  and the last five financial years; each report opens on the newest year with a case
  received (``default_report_year``), the last complete year when there is none.
* ``ReportView``: the figures with charts, exact numbers (this is the authority's own view;
  what publication would suppress is marked).
* ``ReportPrintView``: the printable report, for publication: small numbers suppressed.
* ``ReportPdfView``: the printable report as a PDF file (see ``pdf``).
* ``ReportCsvView``: one row per case, no personal data (see ``csv_export``).

Who (``permission_policies.reports``): complaints managers, complaints officers and process administrators of the authority
(superusers: every authority); editors none.  Anyone else gets 404, the same as for an
authority that does not exist, so the URL reveals nothing.  URLs hold the authority's slug,
the procedure kind and the year: never a case or a person.
"""

from __future__ import annotations

from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView, View

from complaints_process.models import Complaint
from complaints_process.permission_policies import reports as report_policy
from complaints_process.views.admin_page import AdminPageMixin

from .csv_export import write_csv
from .pdf import pdf_available, render_pdf
from .period import default_report_year, parse_period, recent_financial_years
from .queries import collect, in_report, report_group, report_groups
from .report import build_report, suppression_threshold


def reportable_authorities(user):
    """The authorities whose reports the user may see (``permission_policies.reports``)."""
    return report_policy.instances_user_has_permission_for(user, "view")


def latest_received(authorities) -> dict:
    """``{(authority id, procedure slug): the newest case's day of receipt}``, in one query."""
    rows = (
        Complaint.objects.filter(authority__in=authorities)
        .values("authority_id", "procedure_slug")
        .annotate(latest=Max("received_on"))
        .order_by()
    )
    return {(row["authority_id"], row["procedure_slug"]): row["latest"] for row in rows}


def procedure_slugs_of(authority, key: str) -> set[str]:
    """The slugs, in any of the authority's versions, of the procedures the report ``key`` counts."""
    return {p.slug for version in authority.config_versions.all() for p in version.config().procedures if in_report(p, key)}


class ReportMixin:
    def setup_report(self):
        kwargs = self.kwargs
        self.authority = reportable_authorities(self.request.user).filter(slug=kwargs["authority"]).first()
        self.group = report_group(self.authority, kwargs["kind"]) if self.authority is not None else None
        if self.group is None:
            raise Http404(gettext("No such report."))
        try:
            self.period = parse_period(kwargs["year"])
        except ValueError:
            raise Http404(gettext("No such report.")) from None
        self.kind = kwargs["kind"]

    def published_context(self) -> dict:
        """The report for publication (small numbers suppressed): the printable page and the PDF."""
        return build_report(self.authority, self.period, self.kind, publish=True) | {"urls": self.report_urls()}

    def file_name(self, extension: str) -> str:
        return f"complaints-{self.authority.slug}-{self.kind}-{self.period.slug}.{extension}"

    def report_urls(self):
        args = [self.authority.slug, self.kind, self.period.slug]
        return {
            "page": reverse("complaints_reports:report", args=args),
            "print": reverse("complaints_reports:print", args=args),
            "csv": reverse("complaints_reports:csv", args=args),
            "pdf": reverse("complaints_reports:pdf", args=args) if pdf_available() else "",
        }


class ReportIndexView(AdminPageMixin, TemplateView):
    template_name = "complaints_process/reports/index.html"
    page_title = gettext_lazy("Complaints reports")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        authority, kind, year = (request.GET.get(name, "") for name in ("authority", "kind", "year"))
        if authority and kind and year:
            return redirect("complaints_reports:report", authority, kind, year)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        years = [p for p in recent_financial_years(today, 6) if p.start <= today]
        authorities = list(reportable_authorities(self.request.user))
        latest = latest_received(authorities)
        context["years"] = years
        context["authorities"] = []
        for authority in authorities:
            reports = []
            for group in report_groups(authority):
                slugs = procedure_slugs_of(authority, group.key)
                received = [latest[(authority.pk, slug)] for slug in slugs if (authority.pk, slug) in latest]
                year = default_report_year(max(received, default=None), today)
                reports.append(
                    {
                        "kind": group.key,
                        "label": group.label,
                        "year": year,
                        "url": reverse("complaints_reports:report", args=[authority.slug, group.key, year.slug]),
                    }
                )
            default = reports[0]["year"] if reports else default_report_year(None, today)
            context["authorities"].append({"authority": authority, "reports": reports, "default_year": default})
        return context


class ReportView(ReportMixin, AdminPageMixin, TemplateView):
    template_name = "complaints_process/reports/report.html"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        self.setup_report()
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("%(report)s %(period)s") % {"report": self.group.label, "period": self.period.label}

    def get_page_subtitle(self):
        return self.authority.name

    def parent_crumbs(self):
        return [(gettext("Complaints reports"), reverse("complaints_reports:index"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(build_report(self.authority, self.period, self.kind, publish=False))
        context["urls"] = self.report_urls()
        context["years"] = [
            {"period": p, "url": reverse("complaints_reports:report", args=[self.authority.slug, self.kind, p.slug])}
            for p in recent_financial_years(timezone.localdate(), 6)
        ]
        return context


class ReportPrintView(ReportMixin, TemplateView):
    """A standalone page: the annual report for publication, with print styles."""

    template_name = "complaints_process/reports/print.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise Http404(gettext("No such report."))
        self.setup_report()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | self.published_context()


class ReportPdfView(ReportMixin, View):
    """The printable report (for publication, small numbers suppressed) as a PDF file."""

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise Http404(gettext("No such report."))
        self.setup_report()
        if not pdf_available():
            html = render_to_string("complaints_process/reports/pdf_unavailable.html", {"urls": self.report_urls()}, request)
            return HttpResponse(html, status=503)
        pdf = render_pdf(render_to_string(ReportPrintView.template_name, self.published_context(), request))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{self.file_name("pdf")}"'
        response["Cache-Control"] = "private, no-store"
        return response


class ReportCsvView(ReportMixin, View):
    def get(self, request, *args, **kwargs):
        self.setup_report()
        data = collect(self.authority, self.period, self.kind)
        response = HttpResponse(write_csv(data, suppression_threshold()), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.file_name("csv")}"'
        response["Cache-Control"] = "private, no-store"
        return response
