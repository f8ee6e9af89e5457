"""The install steps of docs/install.md that edit a site's code, as a script.

    python docs/install.py SETTINGS_FILE URLS_FILE [PRODUCTION_SETTINGS_FILE]

For a site made by ``wagtail start mysite``: ``mysite/settings/base.py``, ``mysite/urls.py`` and
``mysite/settings/production.py``.  Each snippet below is the text docs/install.md shows, word for
word (tests/site/test_install.py checks that, then runs this script on a new ``wagtail start`` site,
installs the built wheel and files a complaint through it in Chromium), so guide and script cannot
drift.  Running it twice changes nothing the second time.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MARKER = "# complaints_process (docs/install.md)"

#: Step 1, appended to the settings module (after INSTALLED_APPS, MIDDLEWARE and BASE_DIR).
SETTINGS = '''# complaints_process (docs/install.md)
INSTALLED_APPS += [
    "complaints_process",
    "wagtail_modeladmin",
    "django_q",
]
MIDDLEWARE.insert(0, "complaints_process.middleware.DatabaseUnavailableMiddleware")  # outermost
TIME_ZONE = "Europe/London"
COMPLAINTS_PROCESS_CONFIGS_DIR = BASE_DIR / "process_configs"
COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT = BASE_DIR / "private_media"
Q_CLUSTER = {
    "name": "complaints",
    "orm": "default",
    "workers": 2,
    "timeout": 120,
    "retry": 180,
}
'''

#: Step 2, in the URLconf's list of patterns, before Wagtail's catch-all include(wagtail_urls).
URLS = """    path("complaints/", include("complaints_process.urls")),
    path("api/complaints/v1/", include("complaints_process.api.urls")),
"""

#: Step 3 (production), appended to the production settings module.
PRODUCTION = '''# complaints_process (docs/install.md)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "complaints_cache",
    }
}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
'''

WAGTAIL_CATCH_ALL = re.compile(r"""^(?P<indent>\s*)path\(\s*["']["']\s*,\s*include\(\s*wagtail_urls\s*\)""", re.MULTILINE)


def append_once(path: Path, snippet: str) -> bool:
    text = path.read_text(encoding="utf-8")
    if MARKER in text:
        return False
    path.write_text(text.rstrip("\n") + "\n\n" + snippet, encoding="utf-8")
    return True


def include_urls(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    if "complaints_process.urls" in text:
        return False
    match = WAGTAIL_CATCH_ALL.search(text)
    if match is None:
        raise SystemExit(f"{path}: no path(\"\", include(wagtail_urls)) found; add these lines before Wagtail's catch-all:\n{URLS}")
    path.write_text(text[: match.start()] + URLS + text[match.start() :], encoding="utf-8")
    return True


def main(argv: list[str]) -> None:
    if len(argv) not in (2, 3):
        raise SystemExit(__doc__)
    settings, urls = Path(argv[0]), Path(argv[1])
    print(f"{settings}: {'settings added' if append_once(settings, SETTINGS) else 'already set up'}")
    print(f"{urls}: {'URLs included' if include_urls(urls) else 'already included'}")
    if len(argv) == 3:
        production = Path(argv[2])
        print(f"{production}: {'production settings added' if append_once(production, PRODUCTION) else 'already set up'}")


if __name__ == "__main__":
    main(sys.argv[1:])
