"""Hostile input and the Content-Security-Policy, in real headless Chromium.

* A complaint whose every free-text answer is HTML and script is filed through the form; no
  script runs (the ``window.__xss`` marker is never set, no dialog opens) on the confirmation,
  the status page, the admin case list and case page, nor in the HTML email the complainant
  is sent, and the answers are shown as the text that was typed.  The CSP is switched off for
  this test, so it is the escaping that is tested, not the CSP catching what escaping missed.
* With the CSP on, the public pages and the admin pages staff use raise no CSP violation, and
  GOV.UK Frontend's JavaScript still runs.

Browser set-up and the demo site: ``conftest.py``.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from complaints_process.models import Authority, Complaint
from complaints_process.models.pages import GuidancePage
from tests.browser.conftest import BROWSER_MARKS
from tests.browser.test_admin_journeys import act, log_in, staff

pytestmark = BROWSER_MARKS


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The live server shares this process's cache: earlier tests' filings count against 127.0.0.1."""
    cache.clear()
    yield
    cache.clear()


PAYLOAD = '"><script>window.__xss="script"</script><img src=x onerror="window.__xss=\'img\'"><svg onload="window.__xss=\'svg\'">'
SHORT = "<img src=x onerror=window.__xss=1>"  # for the fields limited to 40 and 80 characters
FREE_TEXT = [
    "complainant_name",
    "child_name",
    "service",
    "what_happened",
    "desired_outcome",
    "complainant_phone",
    "complainant_address",
    "interpreter_language",
    "other_access_needs",
]
#: Watches for any script the page did not mean to run: an alert/confirm/prompt, or the marker.
WATCH = "window.__dialogs = 0; for (const f of ['alert', 'confirm', 'prompt']) { window[f] = () => { window.__dialogs++; }; }"


def watch(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(WATCH)
    return dialogs


def assert_no_script_ran(page, dialogs, where):
    assert page.evaluate("typeof window.__xss") == "undefined", f"injected script ran on {where}"
    assert page.evaluate("window.__dialogs") == 0 and dialogs == [], f"a dialog opened on {where}"


def fill_hostile(page):
    happened = timezone.localdate() - timedelta(days=10)
    form = page.locator("#complaint-form")
    form.locator("input[name=complainant_relationship][value=parent_or_carer]").check()
    form.locator("#f-child_agrees").check()
    for name in FREE_TEXT:
        field = form.locator(f"#f-{name}")
        if field.count():
            field.fill(SHORT if name in ("complainant_phone", "interpreter_language") else PAYLOAD)
    form.locator("#f-happened_on-day").fill(str(happened.day))
    form.locator("#f-happened_on-month").fill(str(happened.month))
    form.locator("#f-happened_on-year").fill(str(happened.year))
    form.locator("#f-preferred_contact").check()  # email
    form.locator("#f-complainant_email").fill("sam@example.org")


def test_a_hostile_complaint_runs_no_script_anywhere_it_is_shown(site, browser, settings):
    settings.CONTENT_SECURITY_POLICY = {"EXCLUDE_URL_PREFIXES": ["/"], "DIRECTIVES": {}}
    walsall = Authority.objects.get(slug="walsall")
    officer = staff(walsall, "complaints_officer", "officer")

    page = browser.new_context().new_page()
    dialogs = watch(page)
    page.goto(f"{site}/walsall/childrens-social-care-complaints/")
    fill_hostile(page)
    page.locator("#complaint-form button[type=submit]").click()
    page.wait_for_load_state()
    errors = page.locator(".govuk-error-summary")
    assert not errors.count(), errors.inner_text()
    assert page.locator(".govuk-panel__title").inner_text() == "Complaint received"
    case = Complaint.objects.get()
    assert case.complainant_name == PAYLOAD and case.what_happened == PAYLOAD  # kept as typed
    assert_no_script_ran(page, dialogs, "the confirmation page")

    page.locator("#status-link").click()
    page.wait_for_load_state()
    assert case.reference in page.locator("h1").inner_text()
    assert_no_script_ran(page, dialogs, "the status page")

    staff_page = log_in(browser, site, officer)
    staff_dialogs = watch(staff_page)
    staff_page.goto(f"{site}/admin/complaints/cases/")
    assert_no_script_ran(staff_page, staff_dialogs, "the case list")
    staff_page.locator(f"text={case.reference}").first.click()
    staff_page.wait_for_load_state()
    shown = staff_page.locator("main").inner_text()
    assert PAYLOAD in shown  # the answers, as text
    assert_no_script_ran(staff_page, staff_dialogs, "the case page")
    act(staff_page, "accept")
    act(staff_page, "acknowledge")  # the complainant's acknowledgement email has an HTML part
    assert_no_script_ran(staff_page, staff_dialogs, "the case page with its timeline")

    html_parts = [content for message in mail.outbox for content, kind in getattr(message, "alternatives", []) if kind == "text/html"]
    assert html_parts, "the acknowledgement email should have an HTML part"
    for html in html_parts:
        assert "<script>" not in html and "onerror=" not in html.replace("onerror=&quot;", "")
        mail_page = browser.new_context(java_script_enabled=True).new_page()
        mail_dialogs = watch(mail_page)
        mail_page.route("http://mail.test/", lambda route, *_, body=html: route.fulfill(body=body, content_type="text/html"))
        mail_page.goto("http://mail.test/")  # as a webmail would show it, with no CSP to help
        assert PAYLOAD in mail_page.locator("body").inner_text()
        assert_no_script_ran(mail_page, mail_dialogs, "the HTML email")
    for message in mail.outbox:  # plain text is shown as text by every mail reader
        assert "window.__xss" not in message.subject


CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def collect_violations(page):
    messages = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(CSP_WATCH)
    return messages


def assert_no_violation(page, messages, where):
    assert page.evaluate("window.__csp") == [], f"CSP violations on {where}"
    assert messages == [], f"CSP violations on {where}: {messages}"


def test_pages_work_under_the_content_security_policy(site, browser):
    guidance = f"{site}/walsall/childrens-social-care-complaints/"
    page = browser.new_context().new_page()
    messages = collect_violations(page)
    response = page.goto(guidance)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    body_class = page.evaluate("document.body.className")
    assert "js-enabled" in body_class and "govuk-frontend-supported" in body_class
    assert_no_violation(page, messages, "the guidance page")

    page.locator("#complaint-form button[type=submit]").click()
    page.wait_for_load_state()
    # GOV.UK Frontend's module script ran: it marks each component it starts.
    page.wait_for_selector(".govuk-error-summary[data-govuk-error-summary-init]", state="attached")
    assert_no_violation(page, messages, "the form with errors")

    page.locator("input[name=complainant_relationship][value=parent_or_carer]").check()
    page.locator("#f-complainant_name").fill("Sam Example")
    page.locator("#f-child_name").fill("Alex Example")
    page.locator("#f-child_agrees").check()
    page.locator("#f-service").fill("Children's disability team")
    page.locator("#f-what_happened").fill("The respite care did not start.")
    happened = timezone.localdate() - timedelta(days=10)
    page.locator("#f-happened_on-day").fill(str(happened.day))
    page.locator("#f-happened_on-month").fill(str(happened.month))
    page.locator("#f-happened_on-year").fill(str(happened.year))
    page.locator("#f-desired_outcome").fill("Start it.")
    page.locator("#f-preferred_contact").check()
    page.locator("#f-complainant_email").fill("sam@example.org")
    page.locator("#complaint-form button[type=submit]").click()
    page.wait_for_load_state()
    assert_no_violation(page, messages, "the confirmation page")
    page.locator("#status-link").click()
    page.wait_for_load_state()
    assert_no_violation(page, messages, "the status page")

    walsall = Authority.objects.get(slug="walsall")
    administrator = staff(walsall, "process_administrator", "administrator")
    administrator.is_superuser = True
    administrator.save()
    staff_page = log_in(browser, site, administrator)
    staff_messages = collect_violations(staff_page)
    case = Complaint.objects.get()
    guidance_page = GuidancePage.objects.get(authority=walsall)
    admin_pages = [
        "/admin/",
        "/admin/complaints/cases/",
        f"/admin/complaints/cases/inspect/{case.pk}/",
        f"/admin/complaints/cases/{case.pk}/action/accept/",
        "/admin/complaints/process/walsall/edit/",
        "/admin/complaints/diagrams/",
        f"/admin/pages/{guidance_page.pk}/edit/",
        "/admin/pages/",
    ]
    for path in admin_pages:
        response = staff_page.goto(f"{site}{path}")
        assert response.status == 200, path
        staff_page.wait_for_load_state("networkidle")
        assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
        assert_no_violation(staff_page, staff_messages, path)

    # The page editor's live preview is an iframe of the admin: allowed to frame itself only.
    staff_page.goto(f"{site}/admin/pages/{guidance_page.pk}/edit/")
    staff_page.wait_for_load_state("networkidle")
    staff_page.locator("[data-side-panel-toggle=preview]").first.click()
    staff_page.wait_for_selector("iframe#w-preview-iframe", state="attached")
    staff_page.wait_for_timeout(1500)
    preview = [frame for frame in staff_page.frames if "/edit/preview/" in frame.url]
    assert preview and preview[0].locator("#complaint-form").count() == 1  # the page, shown in the panel
    assert_no_violation(staff_page, staff_messages, "the page editor's preview")
