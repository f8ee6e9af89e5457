"""The install guide, done as a Wagtail developer would: the built wheel in a new `wagtail start` site.

docs/install.py holds the guide's code steps; the first test checks the guide shows them word for
word, the second runs them: build the wheel, `wagtail start` a site in a temporary folder, install
the wheel into a virtualenv of its own (``--no-deps``: the dependencies are the test virtualenv's
packages, reached through a .pth file, never this checkout), apply docs/install.py, migrate, load
one authority whose file extends a template shipped in the wheel, and then in Chromium: the
guidance page renders inside the site's own base.html with GOV.UK Frontend's styles and scripts,
the form files a complaint, and an officer opens the case list and the case.
"""

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
spec = importlib.util.spec_from_file_location("install_steps", ROOT / "docs" / "install.py")
install_steps = importlib.util.module_from_spec(spec)
spec.loader.exec_module(install_steps)

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("BROWSER_TESTS") == "required"

AUTHORITY = """\
authority:
  slug: example-council
  name: Example Council
  reference_prefix: EXC
  calendar:
    nation: england
    closures: []
procedures:
  - slug: childrens-statutory
    extends: base/statutory-england-2006
    channels: [online]
"""

MAKE_PAGE = """
from django.contrib.auth import get_user_model
from wagtail.models import Page

from complaints_process.models import Authority, GuidancePage

home = Page.objects.get(depth=2).specific
home.add_child(instance=GuidancePage(
    title="Complain about children's social care",
    slug="complaints-guidance",
    authority=Authority.objects.get(slug="example-council"),
    body=[("text", "<p>Tell us what went wrong.</p>"), ("process_stages", {}), ("complaint_form", {})],
))
get_user_model().objects.create_superuser("officer", "officer@example.org", "a-long-test-password-1")
"""


LINES_OF_TEXT = """e => { const r = document.createRange(); r.selectNodeContents(e);
    return new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size }"""
LABEL_UNCOVERED = """e => { const t = [...e.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).pop();
    const r = document.createRange(); r.selectNodeContents(t); const b = r.getBoundingClientRect();
    return b.width > 0 && document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2) === e }"""


@pytest.mark.parametrize("snippet", ["SETTINGS", "URLS", "PRODUCTION"])
def test_the_guide_shows_each_step_of_the_script_word_for_word(snippet):
    assert getattr(install_steps, snippet) in GUIDE
    assert AUTHORITY in GUIDE  # the example authority file the guide gives


def test_the_script_applies_each_step_once(tmp_path):
    settings, urls = tmp_path / "base.py", tmp_path / "urls.py"
    settings.write_text("INSTALLED_APPS = []\n")
    urls.write_text('urlpatterns = [\n    path("admin/", include(wagtailadmin_urls)),\n    path("", include(wagtail_urls)),\n]\n')
    for _ in range(2):
        install_steps.main([str(settings), str(urls)])
    assert settings.read_text().count("complaints_process.middleware.DatabaseUnavailableMiddleware") == 1
    assert urls.read_text() == (
        'urlpatterns = [\n    path("admin/", include(wagtailadmin_urls)),\n'
        '    path("complaints/", include("complaints_process.urls")),\n'
        '    path("api/complaints/v1/", include("complaints_process.api.urls")),\n'
        '    path("", include(wagtail_urls)),\n]\n'
    )


def run(args, cwd, env, timeout=300):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.browser
@pytest.mark.skipif(not REQUIRED and not Path(CHROMIUM).exists(), reason="Chromium is not installed")
@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="the new site has its own SQLite database: run once, in the SQLite run")
def test_a_new_wagtail_site_installs_the_wheel_as_documented_and_files_a_complaint(tmp_path):
    if REQUIRED:
        import playwright.sync_api as playwright_api
    else:
        playwright_api = pytest.importorskip("playwright.sync_api")
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "PYTHONPATH", "DATABASE_URL", "REDIS_URL"}}

    # The wheel, built from this checkout.
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path / "dist"), str(ROOT)], tmp_path, env)
    wheel = next((tmp_path / "dist").glob("complaints_process-*.whl"))

    # A virtualenv of the site's own, with the wheel; its dependencies are the test virtualenv's.
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, env)
    python = str(venv / "bin" / "python")
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", str(wheel)], tmp_path, env)
    site_packages = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path, env).stdout.strip()
    Path(site_packages, "test-virtualenv-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    located = run([python, "-c", "import complaints_process; print(complaints_process.__file__)"], tmp_path, env).stdout
    assert located.startswith(site_packages), located  # the wheel's copy, not this checkout

    # `wagtail start`, then the guide's steps.
    run([python, "-m", "wagtail.bin.wagtail", "start", "mysite"], tmp_path, env)
    site = tmp_path / "mysite"
    run([python, str(ROOT / "docs" / "install.py"), "mysite/settings/base.py", "mysite/urls.py", "mysite/settings/production.py"], site, env)
    (site / "process_configs").mkdir()
    (site / "process_configs" / "example-council.yaml").write_text(AUTHORITY, encoding="utf-8")
    check = run([python, "manage.py", "check"], site, env)
    assert "System check identified no issues" in check.stdout
    run([python, "manage.py", "migrate", "--verbosity", "0"], site, env)
    loaded = run([python, "manage.py", "process_config", "load"], site, env)
    assert "example-council: v1" in loaded.stdout
    run([python, "manage.py", "shell", "--command", MAKE_PAGE], site, env)
    deploy = subprocess.run(
        [python, "manage.py", "check", "--deploy", "--settings", "mysite.settings.production"], cwd=site, env=env, capture_output=True, text=True
    )
    assert "complaints_process." not in deploy.stdout + deploy.stderr  # a shared cache, real email

    port = free_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/admin/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with playwright_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True)
            page = browser.new_page()
            page.goto(f"{base}/complaints-guidance/")
            # Inside the site's own base.html (its stylesheet and script), styled by GOV.UK Frontend.
            assert page.locator("link[href='/static/css/mysite.css']").count() == 1
            assert page.locator("script[src='/static/js/mysite.js']").count() == 1
            heading = page.locator("h1")
            assert heading.inner_text() == "Complain about children's social care"
            assert heading.evaluate("e => getComputedStyle(e).fontWeight") == "700"  # .govuk-heading-xl
            assert float(heading.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 32
            body_classes = page.locator("body").get_attribute("class").split()
            assert {"govuk-template__body", "js-enabled", "govuk-frontend-supported"} <= set(body_classes)

            from tests.browser.test_complainant_journey import fill_form

            fill_form(page, "example-council")
            page.locator("#complaint-form button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator(".govuk-panel__title").inner_text() == "Complaint received"
            reference = page.locator("[data-testid=reference]").inner_text()
            assert reference.startswith("EXC")

            officer = browser.new_context().new_page()
            officer.goto(f"{base}/admin/login/")
            officer.fill("#id_username", "officer")
            officer.fill("#id_password", "a-long-test-password-1")
            officer.locator("form button[type=submit]").first.click()
            officer.wait_for_load_state()
            officer.goto(f"{base}/admin/complaints/cases/")
            row = officer.locator("tr", has_text=reference)
            assert row.count() == 1
            # Wagtail 8: the header counts the list, the add button's label shows, "Received" stays whole.
            assert officer.locator("[data-testid=case-count]").inner_text() == "1 case"
            state = row.locator("td.field-state_display")
            assert state.inner_text().strip() == "Received"
            assert state.evaluate(LINES_OF_TEXT) == 1
            add = officer.locator("header a[href$='/create/']")
            assert add.inner_text().strip() == "Record a complaint"
            assert add.evaluate(LABEL_UNCOVERED)
            row.locator("a[href*='/inspect/']").first.click()
            officer.wait_for_load_state()
            assert "/inspect/" in officer.url
            assert reference in officer.locator("main").inner_text()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
