"""The admin in real headless Chromium: a case walked from receipt to closure by its team,
and a process administrator changing a timescale that the guidance page then shows.

Browser set-up and the demo site: ``conftest.py``.
"""

from django.utils import timezone

from complaints_process import services
from complaints_process.models import Authority, CaseState, Complaint
from tests.browser.conftest import BROWSER_MARKS, log_in, staff

pytestmark = BROWSER_MARKS


def act(page, name, **choices):
    """Press the case page's button for ``name``, fill the action's form and submit it."""
    page.locator(f"a[data-action={name}]").click()
    page.wait_for_load_state()
    for field, value in choices.items():
        page.select_option(f"#id_{field}", value)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def test_a_case_is_walked_from_receipt_to_closure_through_the_admin(site, browser):
    walsall = Authority.objects.get(slug="walsall")
    officer = staff(walsall, "complaints_officer", "officer")
    manager = staff(walsall, "complaints_manager", "manager")
    case = services.cases.file_complaint(
        walsall,
        user=None,
        points=["The respite care we were promised did not start."],
        received_on=timezone.localdate(),
        complainant_relationship="parent_or_carer",
        complainant_name="Sam Example",
        complainant_email="sam@example.org",
        child_name="Alex Example",
        service="Children's disability team",
        what_happened="The respite care we were promised did not start.",
        desired_outcome="Start the respite care.",
    )

    page = log_in(browser, site, officer)
    page.goto(f"{site}/admin/complaints/cases/")
    page.locator(f"text={case.reference}").first.click()
    page.wait_for_load_state()
    act(page, "accept")
    act(page, "acknowledge")
    act(page, "respond", point_1="upheld", sent_by="email")
    assert Complaint.objects.get(pk=case.pk).state == CaseState.STAGE1_RESPONDED
    assert page.locator("a[data-action=close]").count() == 0  # closing is the manager's

    page = log_in(browser, site, manager)
    page.goto(f"{site}/admin/complaints/cases/")
    page.locator(f"text={case.reference}").first.click()
    page.wait_for_load_state()
    act(page, "close")
    closed = Complaint.objects.get(pk=case.pk)
    assert closed.state == CaseState.CLOSED
    actions = list(closed.events.exclude(action__startswith="notification").values_list("action", "user__username"))
    assert actions == [("file", None), ("accept", "officer"), ("acknowledge", "officer"), ("respond", "officer"), ("close", "manager")]
    assert "Closed" in page.content()


def test_an_administrator_changes_a_timescale_and_the_guidance_page_follows(site, browser):
    walsall = Authority.objects.get(slug="walsall")
    administrator = staff(walsall, "process_administrator", "administrator")
    guidance = f"{site}/walsall/childrens-social-care-complaints/"
    reader = browser.new_context().new_page()
    reader.goto(guidance)
    assert "within 10 working days of receiving your complaint" in reader.content()

    page = log_in(browser, site, administrator)
    page.goto(f"{site}/admin/complaints/process/walsall/edit/")
    text = page.input_value("#id_yaml")
    stage1 = text.index("stage1:")
    changed = text[:stage1] + text[stage1:].replace("due: within 10 working days", "due: within 8 working days", 1)
    page.fill("#id_yaml", changed)
    page.locator("button[name=preview]").click()
    page.wait_for_load_state()
    page.locator("button[name=publish]").click()
    page.wait_for_load_state()

    reader.goto(guidance)
    assert "within 8 working days of receiving your complaint" in reader.content()
    assert "within 10 working days of receiving your complaint" not in reader.content()


def test_an_administrator_changes_a_timescale_in_the_form_and_the_guidance_page_follows(site, browser):
    walsall = Authority.objects.get(slug="walsall")
    administrator = staff(walsall, "process_administrator", "form-administrator")
    guidance = f"{site}/walsall/childrens-social-care-complaints/"
    reader = browser.new_context().new_page()

    page = log_in(browser, site, administrator)
    page.goto(f"{site}/admin/complaints/process/")
    page.get_by_role("link", name="Edit timescales").click()
    page.wait_for_load_state()
    due = page.get_by_label("Stage 1 response: due")
    assert due.input_value() == "within 10 working days"
    due.fill("within 8 fortnights")  # a mistake first: shown beside the field
    page.locator("button[name=preview]").click()
    page.wait_for_load_state()
    assert page.locator("#cp-config-errors").is_visible()
    assert page.get_by_label("Stage 1 response: due").input_value() == "within 8 fortnights"
    page.get_by_label("Stage 1 response: due").fill("within 7 working days")
    page.locator("button[name=preview]").click()
    page.wait_for_load_state()
    assert "7 working days" in page.locator("#cp-preview").inner_text()
    page.locator("button[name=publish]").click()
    page.wait_for_load_state()

    reader.goto(guidance)
    assert "within 7 working days of receiving your complaint" in reader.content()
    assert "within 10 working days of receiving your complaint" not in reader.content()


def test_the_preview_shows_what_a_draft_would_have_done_to_the_cases_before_it_is_published(site, browser):
    from datetime import date

    from tests.factories import ComplaintFactory

    walsall = Authority.objects.get(slug="walsall")
    administrator = staff(walsall, "process_administrator", "simulating-administrator")
    manager = staff(walsall, "complaints_manager", "simulating-manager")
    # Received Monday 2 November 2026 (day 0), answered Tuesday 17 November: working day 11
    # (3 Nov is 1 ... 16 Nov is 10), late under Walsall's "within 10 working days".
    case = ComplaintFactory(authority=walsall, received_on=date(2026, 11, 2))
    case = services.cases.acknowledge(case, user=manager, on=date(2026, 11, 3))
    case = services.cases.accept(case, user=manager, on=date(2026, 11, 3))
    services.cases.respond(case, user=manager, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 11, 17))

    page = log_in(browser, site, administrator)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{site}/admin/complaints/process/walsall/form/")
        # Wednesday 11 November closed: stage 1's 10th working day becomes Tuesday 17 November.
        page.fill("#id_closure_0_date", "2026-11-11")
        page.fill("#id_closure_0_reason", "Office move")
        page.get_by_label("From", exact=True).fill("2026-11-01")
        page.get_by_label("to", exact=True).fill("2026-11-30")
        page.locator("button[name=preview]").click()
        page.wait_for_load_state()
        panel = page.locator("#cp-simulation")
        assert panel.is_visible()
        row = panel.locator("#cp-simulation-clocks tr[data-clock='stage1.response']")
        # One deadline moves a day later (16 to 17 November) and turns from late to on time.
        assert row.locator("[data-figure=moved]").inner_text() == "1"
        assert row.locator("[data-figure=late_to_on_time]").inner_text() == "1"
        cases = panel.locator("#cp-simulation-cases").inner_text()
        assert case.reference in cases and "16 Nov 2026" in cases and "17 Nov 2026" in cases and "on time" in cases
        # The page does not scroll sideways: wide tables scroll inside their own box.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert walsall.config_versions.count() == 1  # shown before anything is published
    page.locator("button[name=publish]").click()
    page.wait_for_load_state()
    assert walsall.config_versions.count() == 2
