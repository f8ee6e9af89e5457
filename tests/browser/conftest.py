"""Shared set-up of the browser tests: Debian's Chromium driven by Playwright, the demo site
served by pytest-django's live server.

Needs ``/usr/bin/chromium`` (or ``CHROMIUM_PATH``) and the playwright and axe-playwright-python
packages; the tests are skipped without them, except where ``BROWSER_TESTS=required`` (CI sets
it), where a missing browser is a failure.  Each test starts from the migrated database
(``serialized_rollback``: Wagtail's root page and locale included), so order does not matter.
Every transactional test in the suite uses ``serialized_rollback`` for the same reason: after
such a test Django flushes the database without re-creating permissions and content types.
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command

REQUIRED = os.environ.get("BROWSER_TESTS") == "required"
if REQUIRED:
    import playwright.sync_api as playwright_api
else:
    playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not REQUIRED and not Path(CHROMIUM).exists(), reason="Chromium is not installed"),
]


@pytest.fixture
def site(live_server, settings, tmp_path, monkeypatch):
    """The demo (setup_demo on a private copy of the configs), served; returns its URL."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in this thread
    # The live server shares this process's caches: without this, the complaints earlier tests
    # filed from 127.0.0.1 count against this test's filing rate limit.
    for cache in caches.all():
        cache.clear()
    configs = tmp_path / "process_configs"
    shutil.copytree(REPO / "process_configs", configs)
    settings.COMPLAINTS_PROCESS_CONFIGS_DIR = str(configs)
    settings.SITE_DIR = tmp_path
    call_command("setup_demo", stdout=StringIO())
    return live_server.url


PASSWORD = "a-long-test-password-1"


def staff(authority, role, username):
    """A member of the authority's ``role`` team who can log in with ``PASSWORD``."""
    from tests.factories import UserFactory

    user = UserFactory(username=username, teams=[(authority, role)])
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(browser, site, user):
    """A new browser page, logged in to the admin as ``user``."""
    page = browser.new_context().new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/admin/login/" not in page.url
    return page


@pytest.fixture
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()
