"""What the OpenAPI document says about each operation that the endpoints' signatures cannot:
its error answers (every status it can give, each with the one error shape and a description),
the headers (``Retry-After`` on 429 and 503, ``Idempotency-Key`` on filing), the request
bodies the write side reads by hand (``filing`` parses them itself, to answer 400, 413 and 415
in the API's shape rather than ninja's), and the 405 each path answers to the methods it does
not take (``declare_methods_not_allowed``).

An operation is declared with ``operation(...)``: it returns the ``response`` and
``openapi_extra`` arguments of ninja's decorators, so each status an operation may answer is
written once, here, next to what it means.  A generated client (openapi-python-client) reads
the operation ids as function names: keep them short and stable.
"""

from __future__ import annotations

from .schemas import ErrorResponse

RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "schema": {"type": "integer", "minimum": 0},
    }
}
ERRORS = {
    400: "The body cannot be read: not a JSON object, JSON nested too deeply, or broken multipart",
    404: "Not found: no such published authority or procedure, or no complaint with this reference and token (or email)",
    409: "Conflict: the complainant may not do this now (outside the window, or no next stage), "
    "or the Idempotency-Key was used with another body",
    405: "Method not allowed: this path takes only the method in the Allow header",
    413: "The body is too large",
    415: "The body is not of a media type this operation reads (see its requestBody)",
    422: 'Invalid input: each item\'s loc names the field (for example ["body", "happened_on"])',
    429: "Too many requests from this client: wait for Retry-After seconds",
    500: 'Internal server error: the message is always "Internal server error." and says nothing of the cause',
    503: "The database could not be reached and nothing was saved: retry after Retry-After seconds "
    "(when filing, with the same Idempotency-Key)",
}
#: Every operation may answer these.
ALWAYS = (500, 503)
#: Every operation that reads a body and is rate limited (the write side).
WRITE = (400, 404, 413, 415, 422, 429)

IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "Makes a retry safe: the same key with the same body to the same authority answers 200 with the "
        "first filing's reference and token; the same key with another body answers 409 with nothing of "
        "the first filing. 16 to 255 visible ASCII characters, e.g. a random UUID."
    ),
    "schema": {"type": "string", "minLength": 16, "maxLength": 255, "pattern": "^[!-~]{16,255}$"},
}


def json_body(schema: dict, description: str) -> dict:
    return {"required": True, "description": description, "content": {"application/json": {"schema": schema}}}


def multipart_body(schema: dict, description: str) -> dict:
    return {"required": True, "description": description, "content": {"multipart/form-data": {"schema": schema}}}


def operation(ok: dict, errors: tuple[int, ...] = (), *, body: dict | None = None, parameters: list | None = None) -> dict:
    """``response=`` and ``openapi_extra=`` for ninja's decorator: ``ok`` ({status: schema}) and
    the listed errors plus 500 and 503, each described, with ``Retry-After`` where it is sent."""
    codes = sorted(set(errors) | set(ALWAYS))
    responses = {code: {"description": ERRORS[code]} for code in codes}
    for code in (429, 503):
        if code in responses:
            responses[code]["headers"] = RETRY_AFTER
    extra: dict = {"responses": responses}
    if body is not None:
        extra["requestBody"] = body
    if parameters:
        extra["parameters"] = parameters
    return {"response": {**ok, **{code: ErrorResponse for code in codes}}, "openapi_extra": extra}


#: The methods a client may send to a path that does not take them, each declared as answering
#: 405.  Not HEAD (its answer has no body), nor OPTIONS, which is also a CORS preflight.
OTHER_METHODS = ("get", "post", "put", "patch", "delete")
NOT_ALLOWED_TAG = "method not allowed"


def declare_methods_not_allowed(paths: dict) -> None:
    """On each path, every method of ``OTHER_METHODS`` it does not take, as an operation that
    answers 405 with the error shape and the ``Allow`` header the server sends (``errors``).
    Tagged ``NOT_ALLOWED_TAG``, so a generated client keeps them in a module of their own."""
    for item in paths.values():
        allowed = [method for method, op in item.items() if isinstance(op, dict) and NOT_ALLOWED_TAG not in op.get("tags", ())]
        allow = ", ".join(method.upper() for method in allowed)
        first = item[allowed[0]]
        path_parameters = [p for p in first.get("parameters", []) if p["in"] == "path"]
        for method in OTHER_METHODS:
            if method in item:
                continue
            item[method] = {
                "operationId": f"{method}_{first['operationId']}_not_allowed",
                "summary": f"Not allowed: use {allow}",
                "tags": [NOT_ALLOWED_TAG],
                "parameters": path_parameters,
                "responses": {
                    "405": {
                        "description": ERRORS[405],
                        "headers": {"Allow": {"description": "The methods this path takes", "schema": {"type": "string", "enum": [allow]}}},
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}},
                    }
                },
            }
