"""The Content-Security-Policy each kind of page gets (council_site/csp.py).

The browser test (tests/browser/test_security.py) shows the pages work under it; this checks
the policy itself without a browser.
"""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from council_site.csp import SiteCSPMiddleware


def directives(response) -> dict:
    header = response["Content-Security-Policy"]
    return {part.strip().split(" ", 1)[0]: part.strip().split(" ", 1)[1] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_public_pages_allow_nothing_inline_and_no_framing(client):
    policy = directives(client.get("/complaints/status/"))
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert policy["form-action"] == "'self'" and policy["base-uri"] == "'self'" and policy["connect-src"] == "'self'"


@pytest.mark.django_db
def test_the_admin_allows_what_wagtail_needs_and_framing_by_itself_only(client):
    response = client.get("/admin/login/")
    policy = directives(response)
    assert policy["script-src"] == "'self' 'unsafe-inline'" and policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["frame-ancestors"] == "'self'"
    assert policy["connect-src"] == "'self'" and policy["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_a_page_rendered_for_wagtails_preview_keeps_the_public_policy_but_may_be_framed_by_the_admin():
    request = RequestFactory().get("/walsall/childrens-social-care-complaints/")
    request.is_dummy = True  # as Wagtail's make_preview_request marks it
    middleware = SiteCSPMiddleware(lambda r: HttpResponse("page"))
    policy = directives(middleware(request))
    assert policy["frame-ancestors"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
