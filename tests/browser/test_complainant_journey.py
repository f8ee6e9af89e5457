"""The complainant's journey in real headless Chromium, checked with axe-core.

For every seed authority: open the guidance page, send the form once empty (errors), fill it
in, see the confirmation, open the status page, and (after a manager has responded at stage 1)
escalate with the button, confirming on the next page with a reason.  axe-core must find no violations on the guidance page, the form
with errors, the confirmation and the status page.

Browser set-up and the demo site: ``conftest.py``.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints_process import services
from complaints_process.models import Complaint
from tests.browser.conftest import BROWSER_MARKS, REQUIRED
from tests.demo import SEED_SLUGS
from tests.factories import UserFactory

if REQUIRED:
    import axe_playwright_python.sync_playwright as axe_module
else:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

pytestmark = BROWSER_MARKS


def assert_accessible(page, what):
    results = axe_module.Axe().run(page)
    violations = results.response["violations"]
    summary = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert not violations, f"axe-core violations on {what}: {summary}"


def fill_form(page, slug):
    happened = timezone.localdate() - timedelta(days=10)
    form = page.locator("#complaint-form")
    if form.locator("#f-kind").count():
        form.locator("#f-kind").check()  # "Make a complaint"
    form.locator("input[name=complainant_relationship][value=parent_or_carer]").check()
    form.locator("#f-complainant_name").fill("Sam Example")
    form.locator("#f-child_name").fill("Alex Example")
    if form.locator("#f-child_agrees").count():
        form.locator("#f-child_agrees").check()
    if form.locator("#f-about_statutory").count():
        form.locator("#f-about_statutory").check()
    form.locator("#f-service").fill("Children's disability team")
    form.locator("#f-what_happened").fill("The respite care we were promised did not start.")
    form.locator("#f-happened_on-day").fill(str(happened.day))
    form.locator("#f-happened_on-month").fill(str(happened.month))
    form.locator("#f-happened_on-year").fill(str(happened.year))
    form.locator("#f-desired_outcome").fill("Start the respite care.")
    form.locator("#f-preferred_contact").check()  # email
    form.locator("#f-complainant_email").fill("sam@example.org")


def respond_at_stage1(reference):
    manager = UserFactory(is_superuser=True)
    case = Complaint.objects.get(reference=reference)
    services.cases.accept(case, user=manager)
    case = services.cases.acknowledge(Complaint.objects.get(pk=case.pk), user=manager)
    services.cases.respond(case, user=manager, outcomes={1: "not_upheld"})


def test_file_confirm_status_escalate_on_every_seed_page(site, page):
    for slug in SEED_SLUGS:
        if slug == "family-advice":  # general advice to parents (001): no complaint form
            continue
        page.goto(f"{site}/{slug}/childrens-social-care-complaints/")
        assert page.locator("#complaint-form form").count() == 1
        assert_accessible(page, f"{slug} guidance page")

        page.locator("#complaint-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.title().startswith("Error:")
        summary = page.locator(".govuk-error-summary")
        assert summary.is_visible()
        first_link = summary.locator("a").first
        target = first_link.get_attribute("href")
        assert page.locator(target).count() == 1  # each error links to its field
        assert_accessible(page, f"{slug} form with errors")

        fill_form(page, slug)
        page.locator("#complaint-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".govuk-panel__title").inner_text() == "Complaint received"
        reference = page.locator("[data-testid=reference]").inner_text()
        assert "We will acknowledge your complaint" in page.locator("[data-testid=acknowledgement]").inner_text()
        assert_accessible(page, f"{slug} confirmation")

        page.locator("#status-link").click()
        page.wait_for_load_state()
        assert reference in page.locator("h1").inner_text()
        assert page.locator("[data-testid=state]").inner_text() == "Received"
        assert_accessible(page, f"{slug} status page")

        respond_at_stage1(reference)
        page.reload()
        button = page.locator("form[action$='/escalate/'] button")
        assert button.count() == 1
        assert_accessible(page, f"{slug} status page with the escalate button")
        button.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().startswith("Ask for")  # a page to confirm, with an optional reason
        assert Complaint.objects.get(reference=reference).state == "stage1_responded"
        assert_accessible(page, f"{slug} confirming the request for the next stage")
        page.locator("#escalate-reason").fill("The response did not say why the respite care was stopped.")
        page.locator("form[action$='/escalate/'] button").click()
        page.wait_for_load_state()
        assert "We have received your request for the next stage" in page.content()
        assert page.locator("[data-testid=state]").inner_text() == "Stage 2 requested"
        assert Complaint.objects.get(reference=reference).state == "stage2_requested"
