"""Wagtail's own page API (v2), mounted by the site at ``/api/v2/``: guidance pages with
their process blocks as structured data (see ``page_fields``)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

pages_api = WagtailAPIRouter("wagtailapi")
pages_api.register_endpoint("pages", PagesAPIViewSet)
