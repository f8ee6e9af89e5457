"""Every public page and the main admin pages, at 390 and 1280 pixels wide, in Chromium:

* no horizontal overflow (the page is no wider than the window);
* axe-core finds no violation of WCAG 2.2 AA (and the A and 2.0/2.1 rules it includes);
* exactly one visible ``h1``, naming the page: its words are in the window's title, and it
  is never just "Home".

Each test collects every failure over all pages and widths, and reports them together.
Browser set-up and the demo site: ``conftest.py``.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints_process import services
from complaints_process.models import Authority, Complaint, GuidancePage
from tests.browser.conftest import BROWSER_MARKS, PASSWORD, REQUIRED
from tests.browser.test_complainant_journey import fill_form
from tests.demo import ALL_SLUGS, PAGES

if REQUIRED:
    import axe_playwright_python.sync_playwright as axe_module
else:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

pytestmark = BROWSER_MARKS

WIDTHS = (390, 1280)
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The visible h1 (its main text, without a subtitle) and the window's title.
HEADING = """() => {
  const shown = [...document.querySelectorAll('h1')].filter(h => {
    const box = h.getBoundingClientRect(), style = getComputedStyle(h);
    return box.width > 1 && box.height > 1 && style.visibility !== 'hidden' && !h.closest('[hidden]');
  });
  return {
    count: shown.length,
    text: shown.length ? [...shown[0].childNodes].filter(n => !(n.classList && n.classList.contains('w-header__subtitle')))
      .map(n => n.textContent).join(' ').replace(/\\s+/g, ' ').trim() : '',
    title: document.title,
  };
}"""
OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
    .filter(e => !e.closest('[hidden], .w-sr-only, .govuk-visually-hidden, .visuallyhidden'))
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


def check(page, url, problems, what=None, h1=None):
    """Open ``url`` at each width and add what is wrong with it to ``problems``; ``h1``: the
    heading expected where the window's title does not name the page (Wagtail's dashboard)."""
    what = what or url.split("//", 1)[-1].split("/", 1)[-1]
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(url)
        page.wait_for_load_state("load")
        if response is not None and response.status >= 400:
            problems.append(f"{what} @{width}: HTTP {response.status}")
            continue
        inspect(page, f"{what} @{width}", problems, h1)


def check_shown(page, what, problems):
    """The checks of ``check`` at each width on the page now open: for a page a form's POST
    answers (a preview, a confirmation step), which opening its address again would not show."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        inspect(page, f"{what} @{width}", problems)


def inspect(page, where, problems, h1=None):
    overflow = page.evaluate(OVERFLOW)
    if overflow["scroll"] > overflow["client"]:
        problems.append(f"{where}: {overflow['scroll']}px wide in a {overflow['client']}px window ({overflow['wide']})")
    heading = page.evaluate(HEADING)
    if heading["count"] != 1:
        problems.append(f"{where}: {heading['count']} visible h1")
    elif h1 is not None:
        if heading["text"] != h1:
            problems.append(f"{where}: h1 {heading['text']!r}, expected {h1!r}")
    elif not heading["text"] or heading["text"] == "Home" or heading["text"].casefold() not in heading["title"].casefold():
        problems.append(f"{where}: h1 {heading['text']!r} does not name the page (title {heading['title']!r})")
    results = axe_module.Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    for violation in results.response["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:3]
        problems.append(f"{where}: axe {violation['id']} {targets}")


def test_every_public_page_fits_is_accessible_and_names_itself(site, page):
    problems = []
    check(page, f"{site}/", problems)
    for slug in ALL_SLUGS:
        check(page, f"{site}/{slug}/", problems)
    for path in PAGES:
        check(page, site + path, problems)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site}/walsall/childrens-social-care-complaints/")
    page.locator("#complaint-form button[type=submit]").click()
    page.wait_for_load_state()
    check_shown(page, "form with errors", problems)
    fill_form(page, "walsall")
    page.locator("#complaint-form button[type=submit]").click()
    page.wait_for_load_state()
    confirmation = page.url
    status = page.locator("#status-link").get_attribute("href")
    status = status if status.startswith("http") else f"{site}{status}"
    check(page, confirmation, problems, "confirmation")
    check(page, status, problems, "status page")
    check(page, f"{site}/complaints/status/", problems, "status look-up")

    # A compliment is not a complaint: it is answered with the thank-you page.
    page.goto(f"{site}/hampshire/childrens-social-care-complaints/")
    form = page.locator("#complaint-form")
    form.locator("input[name=kind][value=compliment]").check()
    form.locator("#f-service").fill("Fostering team")
    form.locator("#f-what_happened").fill("Thank you, Jo, for the help with the placement.")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "/complaints/thank-you/" in page.url, page.url
    check(page, f"{site}/complaints/thank-you/", problems, "thank-you page")

    reference = Complaint.objects.get().reference
    manager = _superuser()
    case = services.cases.accept(Complaint.objects.get(reference=reference), user=manager)
    case = services.cases.acknowledge(case, user=manager)
    case = services.cases.respond(case, user=manager, outcomes={1: "not_upheld"})
    check(page, status, problems, "status page with the escalate button")
    page.locator("form[action$='/escalate/'] button").click()  # the step that asks to confirm
    page.wait_for_load_state()
    assert page.locator("#escalate-reason").count() == 1
    check_shown(page, "confirming the request for the next stage", problems)
    services.cases.close(Complaint.objects.get(pk=case.pk), user=manager)
    check(page, status, problems, "status page of a closed case")

    assert not problems, "\n".join(problems)


def test_the_main_admin_pages_fit_are_accessible_and_name_themselves(site, browser):
    walsall = Authority.objects.get(slug="walsall")
    case = services.cases.file_complaint(
        walsall,
        user=None,
        points=["The respite care we were promised did not start."],
        received_on=timezone.localdate() - timedelta(days=3),
        complainant_relationship="parent_or_carer",
        complainant_name="Sam Example",
        complainant_email="sam@example.org",
        child_name="Alex Example",
        service="Children's disability team",
        what_happened="The respite care we were promised did not start.",
        desired_outcome="Start the respite care.",
    )
    user = _superuser()
    page = browser.new_context().new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()

    from django.conf import settings
    from django.urls import reverse

    from complaints_process.modeladmin import case_index_url, case_url

    problems = []
    # The dashboard is titled "Dashboard" by Wagtail, and headed with the site's name.
    check(page, site + reverse("wagtailadmin_home"), problems, "dashboard", h1=settings.WAGTAIL_SITE_NAME)
    for path in [
        case_index_url(),
        case_url(case),
        reverse("complaints_cases:action", args=[case.pk, "accept"]),
        reverse("complaints_cases:create"),
        reverse("complaints_process_config:index"),
        reverse("complaints_process_config:add_authority"),
        reverse("complaints_process_config:edit", args=["walsall"]),
        reverse("complaints_process_config:form", args=["walsall"]),
        reverse("complaints_process_config:history", args=["walsall"]),
        reverse("complaints_reports:index"),
        reverse("complaints_reports:report", args=["walsall", "statutory", _this_year()]),
        reverse("complaints_diagrams:index"),
        reverse("complaints_subject_access:index"),
    ]:
        check(page, site + path, problems, path)
    guidance = GuidancePage.objects.get(url_path__endswith="/walsall/childrens-social-care-complaints/")
    check(page, site + reverse("wagtailadmin_pages:edit", args=[guidance.pk]), problems, "page editor of a guidance page")

    # An extension, once the case is accepted: its form, then the email previewed before it goes.
    case = services.cases.acknowledge(services.cases.accept(case, user=user), user=user)
    extend = site + reverse("complaints_cases:action", args=[case.pk, "extend"])
    check(page, extend, problems, "extension form")
    page.fill("#id_reason", "We are waiting for the school's records, which we need to answer your complaint.")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("[data-preview]").count() == 1
    check_shown(page, "extension message preview", problems)

    # A process edit checked before it is published: what changes, the guidance as it would
    # read, and what the draft would have done to the cases of the year (the case above).
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + reverse("complaints_process_config:edit", args=["walsall"]))
    text = page.input_value("#id_yaml")
    page.fill("#id_yaml", text.replace("due: within 10 working days", "due: within 8 working days", 1))
    page.locator("button[name=preview]").click()
    page.wait_for_load_state()
    for shown in ("#cp-preview", "#cp-simulation", ".cp-diff"):
        assert page.locator(shown).count() == 1, shown
    check_shown(page, "process config preview", problems)
    assert not problems, "\n".join(problems)


def _superuser():
    from tests.factories import UserFactory

    user = UserFactory(username="sweeper", is_superuser=True, is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def _this_year() -> str:
    from complaints_process.reports.period import financial_year_of

    return financial_year_of(timezone.localdate()).label
