"""Anonymising closed cases under the retention rule leaves every report figure as it was."""

from datetime import date

from complaints_process.models import Complaint, OmbudsmanReferral
from complaints_process.reports.csv_export import write_csv
from complaints_process.reports.period import parse_period
from complaints_process.reports.queries import collect
from complaints_process.reports.report import build_report
from complaints_process.work.retention import run_retention

FY = parse_period("2025-26")
AS_OF = date(2026, 6, 1)


def everything(year):
    reports = []
    for authority, kind in ((year["walsall"], "statutory"), (year["council_a"], "statutory"), (year["council_a"], "corporate")):
        for publish in (False, True):
            report = build_report(authority, FY, kind, publish=publish, as_of=AS_OF)
            reports.append({key: value for key, value in report.items() if key not in ("data", "authority")})
        reports.append(write_csv(collect(authority, FY, kind), 5))
    return reports


def test_the_report_figures_are_unchanged_after_anonymising(year):
    before = everything(year)
    # Six years after the last closure of the year (W6, 8 October 2025), every closed case is due.
    summary = run_retention(date(2031, 10, 8))
    anonymised = set(Complaint.objects.filter(anonymised_on__isnull=False).values_list("reference", flat=True))
    closed = {year["cases"][name].reference for name in ("W1", "W5", "W6", "W9", "C1")}
    assert summary["anonymised"] == 5 and anonymised == closed
    assert Complaint.objects.filter(reference__in=closed, complainant_name="").count() == 5
    # W9's Ombudsman remedy and reference are gone, and the remedy is still counted (below).
    assert not OmbudsmanReferral.objects.filter(case__reference__in=closed).exclude(reference="").exists()
    assert "Apology and £200" not in str(list(OmbudsmanReferral.objects.values_list("remedy", flat=True)))
    assert everything(year) == before
