"""One error shape for the whole API: ``{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}``.

``loc`` is the field path (``["query", "received"]``, ``["path", "authority"]``), empty when
the problem is not about one field.  Validation errors are 422, unknown things 404, a
database that cannot be reached 503 (retry with the same ``Idempotency-Key``), and any other
failure a generic 500 whose body says nothing about the cause.  The log records only
the exception's class and where it was raised: never its message, the query string or a
request body, which on the write side may hold personal data.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Sequence

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from complaints_process.middleware import DATABASE_ERRORS, unavailable_response

logger = logging.getLogger("complaints_process.api")
JSON_CONTENT_TYPE = "application/json; charset=utf-8"  # what ninja's renderer sends


class NotFound(Exception):
    """A path parameter names nothing published (raised by the lookups, answered with 404)."""

    def __init__(self, loc: Sequence[str], msg: str):
        self.loc = list(loc)
        self.msg = msg
        super().__init__(msg)


def error_body(loc: Sequence[str | int], msg: str, error_type: str) -> dict:
    return {"detail": [{"loc": list(loc), "msg": msg, "type": error_type}]}


def _validation_items(errors: list[dict]) -> list[dict]:
    """Ninja's (pydantic's) errors, reduced to loc/msg/type: no echoed input, no ctx objects."""
    return [
        {"loc": list(error.get("loc", ())), "msg": str(error.get("msg", "Invalid value.")), "type": str(error.get("type", "invalid"))}
        for error in errors
    ]


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's defaults, whose shapes differ per error and whose 500 is Django's HTML page."""

    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": _validation_items(exc.errors)}, status=422)

    def on_not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return api.create_response(request, error_body(exc.loc, exc.msg, "not_found"), status=404)

    def on_http404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body([], "Not found.", "not_found"), status=404)

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, error_body([], exc.message, "http_error"), status=exc.status_code)

    def on_unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        if isinstance(exc, DATABASE_ERRORS):  # rolled back: a clean 503, retry with the same key
            logger.error("Database unavailable (%s) while serving %s", type(exc).__name__, request.method)
            return unavailable_response(request)
        log_unexpected_error(request, exc)
        return api.create_response(request, error_body([], "Internal server error.", "server_error"), status=500)

    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(NotFound, on_not_found)
    api.add_exception_handler(Http404, on_http404)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Exception, on_unexpected_error)


def log_unexpected_error(request: HttpRequest, exc: Exception) -> None:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "unknown location"
    match = getattr(request, "resolver_match", None)
    route = match.route if match is not None else "unknown route"
    logger.error("Unhandled %s at %s while serving %s %s", type(exc).__name__, where, request.method, route)


@csrf_exempt  # changes nothing; without this a POST would get Django's HTML CSRF page
def unknown_path(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Any other path under the API prefix: a JSON 404 rather than the site's HTML page."""
    body = error_body([], "Not found: no such endpoint in this API (paths are exact, trailing slash included).", "not_found")
    return JsonResponse(body, status=404, content_type=JSON_CONTENT_TYPE)


def method_not_allowed(allowed: str) -> JsonResponse:
    """The API's 405: the error shape, and the methods the path takes in ``Allow``."""
    body = error_body([], f"Method not allowed: use {allowed}.", "method_not_allowed")
    response = JsonResponse(body, status=405, content_type=JSON_CONTENT_TYPE)
    response["Allow"] = allowed
    return response


def reading_only(view):
    """Wrap a view that only reads (the OpenAPI document, its docs page): GET and HEAD are
    served, any other method is the API's JSON 405 (ninja's own views answer every method)."""

    @csrf_exempt  # a POST gets the JSON 405, not Django's HTML CSRF page
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return method_not_allowed("GET, HEAD")
        return view(request, *args, **kwargs)

    return wrapped


def with_json_method_not_allowed(view):
    """Wrap an API view so its 405 (ninja's is plain text) has the API's JSON shape; Allow is kept.

    ``functools.wraps`` copies the view's attributes, so ninja's ``csrf_exempt`` stays.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        return method_not_allowed(response["Allow"])

    return wrapped
