"""An officer records a theme, a learning action, an Ombudsman referral, its decision and the
remedy carried out on a case in the admin, in real headless Chromium, then finds them counted
in the annual report screen and downloads the PDF.

Browser set-up and the demo site: ``conftest.py``.  The demo's Walsall config lists no themes,
so the theme is typed (with the authority's themes suggested).
"""

from datetime import timedelta

from django.utils import timezone

from complaints_process import services
from complaints_process.models import Authority, CaseEvent
from complaints_process.reports.period import financial_year_of
from tests.browser.conftest import BROWSER_MARKS, log_in, staff

pytestmark = BROWSER_MARKS

ACTION = "Social workers confirm every call-back in writing within two working days."


def submit(page):
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def record(page, name):
    page.locator(f"a[data-record={name}]").click()
    page.wait_for_load_state()


def test_an_officer_records_learning_on_a_case_and_the_report_counts_it(site, browser):
    walsall = Authority.objects.get(slug="walsall")
    officer = staff(walsall, "complaints_officer", "officer")
    today = timezone.localdate()
    case = services.cases.file_complaint(
        walsall,
        user=None,
        points=["Nobody called me back."],
        received_on=today,
        complainant_relationship="parent_or_carer",
        complainant_name="Sam Example",
        complainant_email="sam@example.org",
        child_name="Alex Example",
        service="Fostering",
        what_happened="Nobody called me back.",
        desired_outcome="A call back.",
    )

    page = log_in(browser, site, officer)
    page.goto(f"{site}/admin/complaints/cases/")
    page.locator(f"text={case.reference}").first.click()
    page.wait_for_load_state()
    case_page = page.url

    record(page, "add_theme")
    page.fill("#id_theme", "Communication")
    submit(page)
    assert page.url.startswith(case_page)
    assert page.locator('li[data-theme="Communication"]').count() == 1

    # A mistake is shown on the form and nothing typed is lost.
    record(page, "record_learning_action")
    page.fill("#id_action", ACTION)
    page.fill("#id_due_on", today.replace(year=today.year + 1).isoformat())
    page.select_option("#id_theme", "Communication")
    submit(page)
    assert "There is a problem" in page.content()
    assert page.locator("#id_owner-error").inner_text() == "This field is required."
    assert page.input_value("#id_action") == ACTION
    page.fill("#id_owner", "Fostering service")
    submit(page)
    assert page.url.startswith(case_page)
    assert ACTION in page.locator("#cp-learning").inner_text()

    record(page, "record_ombudsman_referral")
    page.fill("#id_reference", "26 000 123")
    submit(page)
    assert "26 000 123" in page.locator("#cp-ombudsman").inner_text()

    # The Ombudsman's decision with a remedy to carry out within four weeks, then carried out.
    record(page, "record_ombudsman_decision")
    page.select_option("#id_decision", "upheld")
    page.fill("#id_remedy", "An apology and a review of call-backs.")
    page.fill("#id_remedy_due_on", (today + timedelta(days=28)).isoformat())
    submit(page)
    assert "Not yet carried out." in page.locator("#cp-ombudsman").inner_text()
    record(page, "record_remedy_compliance")
    submit(page)  # carried out today, the form's default
    assert f"Carried out {today:%-d %b %Y}." in page.locator("#cp-ombudsman").inner_text()
    recorded = list(CaseEvent.objects.filter(case=case, user=officer).values_list("action", flat=True))
    assert recorded == [
        "add_theme",
        "record_learning_action",
        "record_ombudsman_referral",
        "record_ombudsman_decision",
        "record_remedy_compliance",
    ]

    # The report screen: the current financial year (the case was received today).
    year = financial_year_of(today).label
    page.goto(f"{site}/admin/complaints/reports/")
    page.select_option("#cp-kind-walsall", "statutory")
    page.select_option("#cp-year-walsall", year)
    page.locator("#cp-year-walsall ~ button[type=submit]").click()
    page.wait_for_load_state()
    assert f"/admin/complaints/reports/walsall/statutory/{year}/" in page.url
    themes = page.locator("table:has(caption:has-text('Themes of the complaints received'))")
    assert themes.locator("tbody tr th").all_inner_texts() == ["Communication"]
    assert themes.locator("tbody tr td .cp-figure").inner_text() == "1"
    referrals = page.locator("dt:has-text('Complaints taken to the Ombudsman') + dd .cp-figure")
    assert referrals.inner_text() == "1"
    learning = page.locator("table.cp-learning tbody tr")
    assert learning.count() == 1
    assert learning.locator("td").all_inner_texts()[:3] == ["Communication", ACTION, "Fostering service"]
    assert "26 000 123" not in page.content()  # the Ombudsman's reference stays with the case
    carried_out = page.locator("dt:has-text('Remedies carried out') + dd .cp-figure")
    assert carried_out.inner_text() == "1"
    assert page.locator("dt:has-text('of which by the date the Ombudsman set') + dd .cp-figure").first.inner_text() == "1"

    # The PDF for publication: downloaded with the officer's session.
    pdf = page.request.get(site + page.locator("a[data-report-pdf]").get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
