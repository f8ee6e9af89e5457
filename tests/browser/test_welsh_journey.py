"""A complainant files in Welsh and reads the status in Welsh, in real headless Chromium, at
390 px (a phone) and 1280 px (a desktop), each page checked with axe-core and declared Welsh
(``<html lang="cy">``).

The Welsh example council's guidance page (``/cy/cwm-aur/...``): the form sent empty shows its
errors in Welsh, then filled in it gives the Welsh confirmation, whose status link opens the
Welsh status page.  Browser set-up and the demo site: ``conftest.py``.
"""

from complaints_process.models import Complaint
from tests.browser.conftest import BROWSER_MARKS
from tests.browser.test_complainant_journey import assert_accessible, fill_form
from tests.browser.test_layout import assert_fits
from tests.demo import WELSH_PAGES

pytestmark = BROWSER_MARKS

WIDTHS = (390, 1280)


def assert_welsh(page, what):
    assert page.evaluate("document.documentElement.lang") == "cy", f"{what} is not declared Welsh"
    assert_accessible(page, what)


def test_file_in_welsh_and_read_the_status_in_welsh(site, page):
    path = next(iter(WELSH_PAGES))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site + path)
        assert page.locator("h1").inner_text() == "Cwynion am wasanaethau cymdeithasol"
        assert page.locator("#complaint-form form").count() == 1
        assert "diwrnod gwaith" in page.locator("main").inner_text()
        assert_welsh(page, f"the Welsh guidance page at {width} px")
        assert_fits(page, f"the Welsh guidance page at {width} px")

        page.locator("#complaint-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.title().startswith("Gwall:")
        summary = page.locator(".govuk-error-summary")
        assert summary.is_visible() and "Mae problem" in summary.inner_text()
        assert "Rhowch eich enw llawn" in summary.inner_text()
        assert_welsh(page, f"the Welsh form with errors at {width} px")

        fill_form(page, "cwm-aur")
        page.locator("#complaint-form button[type=submit]").click()
        page.wait_for_load_state()
        assert "/cy/complaints/confirmation/" in page.url
        assert page.locator(".govuk-panel__title").inner_text() == "Cwyn wedi dod i law"
        reference = page.locator("[data-testid=reference]").inner_text()
        assert "Byddwn yn cydnabod eich cwyn" in page.locator("[data-testid=acknowledgement]").inner_text()
        assert_welsh(page, f"the Welsh confirmation at {width} px")
        assert_fits(page, f"the Welsh confirmation at {width} px")

        page.locator("#status-link").click()
        page.wait_for_load_state()
        assert f"/cy/complaints/status/{reference}/" in page.url
        assert reference in page.locator("h1").inner_text()
        assert page.locator("[data-testid=state]").inner_text() == "Wedi dod i law"
        assert "Ble mae hi" in page.locator("main").inner_text()
        assert_welsh(page, f"the Welsh status page at {width} px")
        assert_fits(page, f"the Welsh status page at {width} px")
        assert Complaint.objects.get(reference=reference).language == "cy"
