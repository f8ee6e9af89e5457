"""The test settings without two apps the plugin needs (for complaints_process.E001)."""

from council_site.settings.test import *  # noqa: F401,F403
from council_site.settings.test import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in {"wagtail_modeladmin", "django_q"}]
