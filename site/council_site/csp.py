"""The Content-Security-Policy: strict on the public site, Wagtail's needs in the admin.

Public pages (guidance, form, confirmation, status) load scripts, styles, fonts and images
from this site only, with no inline script or style at all (``CONTENT_SECURITY_POLICY`` in
``settings.base``); they may not be framed by anyone (``frame-ancestors 'none'``, as
``X-Frame-Options: DENY``).

Under the admin prefixes (``/admin/``, ``/django-admin/``) the directives in
``CONTENT_SECURITY_POLICY_ADMIN`` replace the public ones: Wagtail's admin sets ``style``
attributes and a few of its widgets still write inline scripts, and its page preview is an
iframe of the admin's own pages, so the admin allows inline styles and scripts and framing by
itself (Wagtail's preview views send ``X-Frame-Options: SAMEORIGIN`` for the same reason).
A page rendered for that preview keeps the public policy except ``frame-ancestors 'self'``.
Every other directive, above all ``connect-src``, ``img-src`` and ``form-action`` limited to
this site, still holds there.
"""

from __future__ import annotations

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(ADMIN_PREFIXES):
            parts.replace = {**getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", {}), **(parts.replace or {})}
        elif getattr(request, "is_dummy", False):
            # Wagtail renders a preview through the whole middleware chain with a made-up
            # request for the page's own URL; the page keeps the public policy, but the
            # editor's preview panel (an admin page) must be able to frame it.
            parts.replace = {"frame-ancestors": [SELF], **(parts.replace or {})}
        return parts
