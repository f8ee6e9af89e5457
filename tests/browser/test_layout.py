"""The public pages fit a phone (390 px) and a desktop (1280 px) in Chromium.

On every guidance page of the demo (the seeds' and the example councils'), the "what to
expect" tables, the procedure diagram and the rest of the page must not make the page wider
than the window; the diagram must show whole (no scroll bar of its own) with its text at
least 14 px high.  The confirmation page (with the
status link written out) and the status page (with its table of dates) must fit too.

Browser set-up and the demo site: ``conftest.py``.
"""

from tests.browser.conftest import BROWSER_MARKS
from tests.browser.test_complainant_journey import fill_form
from tests.demo import PAGES

pytestmark = BROWSER_MARKS

WIDTHS = (390, 1280)
# The one demo page built without a procedure diagram block (site/council_site/home/demo_content.py).
WITHOUT_DIAGRAM = {"/ashby-vale/adult-social-care-complaints/"}

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > width + 0.5)
        .map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + e.className : ''));
    return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 5)};
}"""

DIAGRAM = """() => [...document.querySelectorAll('.cp-diagram')].map(box => {
    const svg = box.querySelector('svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    return {scrolls: box.scrollWidth > box.clientWidth, clipped: svg.getBoundingClientRect().right > box.getBoundingClientRect().right + 0.5,
            smallest: Math.min(...sizes), texts: sizes.length};
})"""


def assert_fits(page, what):
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["width"], f"{what} is {found['scroll']} px wide in a {found['width']} px window: {found['wide']}"


def test_public_pages_fit_a_phone_and_a_desktop(site, page):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in PAGES:
            page.goto(site + path)
            assert page.locator(".cp-stack-table").count() >= 1  # the what-to-expect dates are on the page
            assert_fits(page, f"{path} guidance page at {width} px")
            diagrams = page.evaluate(DIAGRAM)
            assert bool(diagrams) == (path not in WITHOUT_DIAGRAM), f"{len(diagrams)} diagrams on the {path} page"
            for diagram in diagrams:
                assert not diagram["scrolls"] and not diagram["clipped"], f"{path} diagram cut off at {width} px"
                assert diagram["texts"] > 5 and diagram["smallest"] >= 14, f"{path} diagram text {diagram['smallest']:.1f} px at {width} px"

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{site}/walsall/childrens-social-care-complaints/")
    fill_form(page, "walsall")
    page.locator("#complaint-form button[type=submit]").click()
    page.wait_for_load_state()
    confirmation = page.url
    assert page.locator(".govuk-panel__title").inner_text() == "Complaint received"
    page.locator("#status-link").click()
    page.wait_for_load_state()
    status = page.url
    assert page.locator(".cp-stack-table tbody tr").count() >= 1  # the dates table is shown
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for url, what in ((confirmation, "confirmation page"), (status, "status page")):
            page.goto(url)
            assert_fits(page, f"{what} at {width} px")
