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

Add ``"complaints_process.middleware.DatabaseUnavailableMiddleware"`` to ``MIDDLEWARE``.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger("complaints_process.unavailable")
RETRY_AFTER_SECONDS = 30
API_MESSAGE = "The service is briefly unavailable and nothing was saved. Try again in a minute with the same Idempotency-Key."
DATABASE_ERRORS = (OperationalError, InterfaceError)


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
            return self.get_response(request)
        except DATABASE_ERRORS as error:  # raised outside a view, e.g. by another middleware
            return self._answer(request, error)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return self._answer(request, exception)
        return None

    def _answer(self, request, error):
        logger.error("Database unavailable (%s) while serving %s %s", type(error).__name__, request.method, route_of(request))
        return unavailable_response(request)
