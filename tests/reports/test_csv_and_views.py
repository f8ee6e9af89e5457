"""The CSV (one row per case, no personal data) and the admin views (restricted per authority)."""

import csv
import io

from django.urls import reverse

import complaints_process.services.cases as svc
from complaints_process.models import Complaint
from complaints_process.reports.csv_export import write_csv
from complaints_process.reports.period import parse_period
from complaints_process.reports.queries import collect

from .conftest import SECRETS, admin_user

FY = parse_period("2025-26")


def urls(authority, kind="statutory", year="2025-26"):
    args = [authority.slug, kind, year]
    return [
        reverse(name, args=args)
        for name in (
            "complaints_reports:report",
            "complaints_reports:print",
            "complaints_reports:csv",
            "complaints_reports:pdf",
        )
    ]


def assert_no_personal_data(text):
    for secret in SECRETS:
        assert secret not in text
    for case in Complaint.objects.all():
        for value in (
            case.reference,
            case.complainant_name,
            case.complainant_email,
            case.child_name,
            case.what_happened,
            case.status_token,
        ):
            assert value not in text, "personal data or a case reference leaked"
    assert "example.test" not in text


def test_csv_has_one_row_per_case_and_no_personal_data(year):
    text = write_csv(collect(year["walsall"], FY, "statutory"), threshold=5)
    assert_no_personal_data(text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["row"] for row in rows] == [str(n) for n in range(1, 11)]  # ten Walsall cases, anonymous numbers
    assert {row["procedure"] for row in rows} == {"statutory"}
    # Months, never days; ordered by receipt.
    assert [row["received_month"] for row in rows] == [
        "2025-02", "2025-03", "2025-03", "2025-04", "2025-06", "2025-06", "2025-09", "2025-10", "2026-01", "2026-03"
    ]  # fmt: skip
    assert [row["received_in_period"] for row in rows].count("yes") == 7
    # Services with fewer than 5 cases are grouped (Fostering has 6 rows: W0, W1, W2, W4, W8, W9).
    assert sorted({row["service"] for row in rows}) == ["Fostering", "Other (fewer than 5 cases each)"]
    [w2] = [row for row in rows if row["stage2_outcome"] == "upheld"]
    assert (w2["stage1_outcome"], w2["stage2_outcome"], w2["stage2_requested"]) == ("partly_upheld", "upheld", "yes")
    assert (w2["stage1.response_timeliness"], w2["stage1.response_working_days"]) == ("within_extension", "14")
    assert (w2["stage2.response_timeliness"], w2["stage2.response_working_days"]) == ("late", "30")
    assert w2["learning_actions"] == "1"
    assert w2["themes"] == "Other (fewer than 5 cases each)"  # Communication and Delay are on 3 cases each: rare
    # W9, the review panel case: stage 3 requested, its clocks, and the Ombudsman's decision.
    w9 = rows[0]
    assert (w9["highest_stage"], w9["stage2_outcome"], w9["stage3_outcome"], w9["stage3_requested"]) == (
        "Stage 3 (review panel)",
        "partly_upheld",
        "partly_upheld",
        "yes",
    )
    assert [
        (w9[f"stage3.{key}_timeliness"], w9[f"stage3.{key}_working_days"])
        for key in ("panel_meeting", "panel_notice", "panel_report", "authority_response")
    ] == [
        ("on_time", "15"),
        ("on_time", ""),
        ("late", "4"),
        ("on_time", "8"),
    ]
    assert (w9["ombudsman_signposted"], w9["ombudsman_referred"], w9["ombudsman_decision"], w9["ombudsman_remedy"]) == (
        "yes",
        "yes",
        "upheld",
        "yes",
    )
    assert w9["ombudsman_remedy_carried_out"] == "late"  # 20 May 2026, after the 24 April set: as on the day of download
    w1 = next(row for row in rows if row["ombudsman_decision"] == "not_upheld")
    assert (w1["ombudsman_remedy"], w1["ombudsman_remedy_carried_out"]) == ("no", "")
    assert sum(row["ombudsman_referred"] == "yes" for row in rows) == 2
    refused = next(row for row in rows if row["status"] == "not accepted")
    assert refused["not_accepted_ground"] == "out_of_time"
    withdrawn = next(row for row in rows if row["status"] == "withdrawn")
    assert withdrawn["withdrawn_at_stage"] == "stage1"
    assert sum(row["advocate_requested"] == "yes" for row in rows) == 2


def test_csv_groups_rare_themes_and_defuses_formulas(year):
    walsall = year["walsall"]
    w2 = year["cases"]["W2"]
    svc.add_theme(w2, user=year["superuser"], theme="Money")
    Complaint.objects.filter(pk=w2.pk).update(service='=HYPERLINK("http://x")')
    text = write_csv(collect(walsall, FY, "statutory"), threshold=3)
    rows = list(csv.DictReader(io.StringIO(text)))
    themes = [row["themes"] for row in rows if row["themes"]]
    assert "Communication" in " ".join(themes)
    # W2: Communication and Delay are on 3 cases each, Money on W2 only.
    assert "Communication; Delay; Other (fewer than 3 cases each)" in themes
    assert not any(row["service"].startswith("=") for row in rows)


def test_reports_are_restricted_to_the_users_authorities(year, client):
    walsall, council_a = year["walsall"], year["council_a"]
    officer = admin_user(walsall, "complaints_officer")
    client.force_login(officer)
    for url in urls(walsall):
        assert client.get(url).status_code == 200
    for url in urls(council_a) + urls(council_a, "corporate"):
        assert client.get(url).status_code == 404
    assert client.get(urls(walsall, "corporate")[0]).status_code == 404  # Walsall has no corporate procedure
    assert client.get(urls(walsall, year="2025-27")[0]).status_code == 404
    index = client.get(reverse("complaints_reports:index")).content.decode()
    assert "Walsall Council" in index and "Council A" not in index
    assert reverse("complaints_reports:index") in client.get("/admin/").content.decode()

    client.force_login(admin_user(walsall, "editor"))
    for url in urls(walsall):
        assert client.get(url).status_code == 404
    assert reverse("complaints_reports:index") not in client.get("/admin/").content.decode()

    client.force_login(admin_user(council_a, "complaints_manager"))
    assert client.get(urls(council_a, "corporate")[0]).status_code == 200
    assert client.get(urls(walsall)[0]).status_code == 404

    client.logout()
    assert client.get(urls(walsall)[0]).status_code == 302  # to the admin login


def test_admin_report_page_printable_report_and_csv_download(year, client):
    walsall = year["walsall"]
    client.force_login(admin_user(walsall, "complaints_manager"))
    page, printable, download, _pdf = urls(walsall)

    html = client.get(page).content.decode()
    assert "Stage 1 response" in html and "<svg" in html and 'aria-hidden="true"' in html
    assert "40%" in html  # exact escalation rate in the admin view
    assert_no_personal_data(html)

    response = client.get(printable)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith("<!DOCTYPE html>") and "@media print" in html
    assert "Walsall Council" in html and "2025-26" in html
    assert "fewer than 5" in html and "not published (small numbers)" in html and "40%" not in html
    assert "Team managers now check call-backs every week." in html
    assert "Complaints and assurance team" in html and "Done July 2025" in html  # learning actions, as recorded
    assert "Ombudsman decisions with a remedy for the complainant" in html
    assert "Stage 3 (review panel)" in html and "Director of Children" in html
    assert_no_personal_data(html)  # no remedy text, no Ombudsman reference

    response = client.get(download)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="complaints-walsall-statutory-2025-26.csv"'
    text = response.content.decode()
    assert len(text.strip().splitlines()) == 11  # header + ten cases
    assert_no_personal_data(text)

    response = client.get(reverse("complaints_reports:index"), {"authority": "walsall", "kind": "statutory", "year": "2025-26"})
    assert response.status_code == 302 and response["Location"] == page


def test_superuser_sees_every_authority(year, client):
    client.force_login(year["superuser"])
    index = client.get(reverse("complaints_reports:index")).content.decode()
    assert "Walsall Council" in index and "Council A" in index and "Corporate complaints" in index
    assert client.get(urls(year["council_a"], "corporate")[1]).status_code == 200


def test_the_reports_page_opens_each_report_on_the_newest_year_with_cases(year, client):
    from datetime import date

    import time_machine

    walsall = year["walsall"]
    manager = admin_user(walsall, "complaints_manager")
    # The fixture's cases were received in 2025-26; by June 2027 the last complete year is
    # 2026-27, which holds none of them.
    with time_machine.travel(date(2027, 6, 1), tick=False):
        client.force_login(manager)
        response = client.get(reverse("complaints_reports:index"))
    assert response.status_code == 200
    index = response.content.decode()
    assert f'href="{urls(walsall, year="2025-26")[0]}"' in index
    assert urls(walsall, year="2026-27")[0] not in index
    assert '<option value="2025-26" selected>' in index
