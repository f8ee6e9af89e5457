"""The site's URLs plus one static file served by the same WSGI server (the serving
benchmark's reference: what a request costs with no page behind it)."""

from pathlib import Path

from django.urls import path
from django.views.static import serve

from council_site.urls import urlpatterns as site_urlpatterns

STATIC_DIR = Path(__file__).resolve().parents[1] / "complaints_process" / "static" / "complaints_process"

urlpatterns = [path("bench-static/<path:path>", serve, {"document_root": STATIC_DIR}), *site_urlpatterns]
