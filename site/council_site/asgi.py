"""ASGI entry point (with site/ on the Python path)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council_site.settings.production")

application = get_asgi_application()
