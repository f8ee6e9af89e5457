"""A database that cannot be reached is a clean 503, not a traceback.

When PostgreSQL restarts, fails over or refuses connections, Django raises
``OperationalError`` or ``InterfaceError``.  Every write the request began was in a
transaction and has been rolled back (a complaint is filed in one), so nothing is
half-written; this middleware answers with a plain "try again" page (JSON under ``/api/``) and
``Retry-After``.  Sending the same form again (it carries the same submission key) or
retrying an API call with the same ``Idempotency-Key`` files the complaint once.

The page is rendered without the request's context (no session or user lookups, which would
need the database) and names nothing the person sent; the log line names the exception class
and the URL pattern only, never the path's values, a query string or a body.

Every path is covered, not only views: Django turns an exception raised inside another
middleware (Wagtail's ``RedirectMiddleware`` looks up redirects for every 404; sessions are
saved on the way out) into a 500 response before it reaches the middleware around it.  The
``got_request_exception`` signal notes the database error on the request, and this
middleware answers 503 in place of that 500.

Add ``"complaints_process.middleware.DatabaseUnavailableMiddleware"`` to ``MIDDLEWARE`` above
every middleware that may use the database (sessions, authentication, Wagtail's redirects):
just after the security, CSP and CORS middleware.
"""

from __future__ import annotations

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger("complaints_process.unavailable")
RETRY_AFTER_SECONDS = 30
API_MESSAGE = "The service is briefly unavailable and nothing was saved. Try again in a minute with the same Idempotency-Key."
DATABASE_ERRORS = (OperationalError, InterfaceError)
NOTED = "_complaints_process_database_error"


def route_of(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.route if match is not None and match.route else "a page"


def unavailable_response(request) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        body = {"detail": [{"loc": [], "msg": API_MESSAGE, "type": "unavailable"}]}
        response = JsonResponse(body, status=503, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(render_to_string("complaints_process/public/unavailable.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except DATABASE_ERRORS as error:  # raised outside a view, e.g. by another middleware
            return self._answer(request, error)
        noted = getattr(request, NOTED, None)
        if noted is not None and response.status_code >= 500:  # converted to a 500 further in
            return self._answer(request, noted)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return self._answer(request, exception)
        return None

    def _answer(self, request, error):
        logger.error("Database unavailable (%s) while serving %s %s", type(error).__name__, request.method, route_of(request))
        return unavailable_response(request)


def note_database_error(sender, request=None, **kwargs):
    """Remember on the request that a database error became an error response (see the module doc)."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_ERRORS):
        setattr(request, NOTED, error)


got_request_exception.connect(note_database_error, dispatch_uid="complaints_process.note_database_error")
