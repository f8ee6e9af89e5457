"""WSGI entry point: gunicorn council_site.wsgi (with site/ on the Python path)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council_site.settings.production")

application = get_wsgi_application()
