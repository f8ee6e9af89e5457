"""The write side: file a complaint (or a compliment or comment), see its status, escalate.

* ``POST complaints/`` (JSON) and ``POST complaints/multipart`` (multipart, with files in
  ``attachments``): two operations, so that each has one request body type in the OpenAPI
  document (a generated client gets one plain function for each).  The body is fed to the
  same ``IntakeForm`` as the guidance page's form block (dates as ISO strings), and its
  answers (``forms.submission.intake_of``) saved by the same ``services.public.submit``.  An ``Idempotency-Key`` header (16 to 255
  characters) makes a retry with the same body return the first filing (200 instead of 201);
  the same key with another body is a 409 naming nothing of the first (``idempotency``).
  Answers the reference, the secret token and the status link.  Only ``application/json``
  and ``multipart/form-data`` bodies are read (415), up to a size (413); JSON nested too
  deeply or multipart without its boundary is a 400.
* ``POST complaints/{reference}/status``: ``{"token": ...}`` (or ``{"email": ...}``) in the
  body, never in the URL (which access logs keep): what the complainant may see.
* ``POST complaints/{reference}/escalate``: the same body; asks for the next stage.

What the OpenAPI document says of each (bodies, every status, headers) is in ``contract``.

A wrong token and an unknown reference give the same 404.  Every bad input is a 4xx in the
API's error shape with the field path in ``loc``; filing and lookups are rate limited (429,
with ``Retry-After``).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext, gettext_noop
from ninja import Router

try:
    from ninja import Status
except ImportError:  # django-ninja before 1.5: a (status, body) tuple

    def Status(status_code, value):  # noqa: N802
        return status_code, value


from complaints_process import idempotency, ratelimit
from complaints_process.conf import attachment_max_bytes, attachment_max_count
from complaints_process.exceptions import CaseError
from complaints_process.forms import build_intake_form
from complaints_process.forms.submission import intake_of
from complaints_process.services.cases.stages import ESCALATION_REASON_MAX
from complaints_process.services.public import escalate_for_complainant, find_case, status_summary, submit
from complaints_process.services.public_mail import status_path

from . import contract
from .errors import NotFound, error_body
from .lookups import published_authority
from .write_schemas import ESCALATION_BODY, FIELDS, FILING_JSON_BODY, LOOKUP_BODY, ComplaintStatusOut, FiledOut, ref

router = Router(tags=["complaints"])
FILED = {200: FiledOut, 201: FiledOut}
FILING_ERRORS = (*contract.WRITE, 409)
JSON, MULTIPART = "application/json", "multipart/form-data"
OTHER_OPERATION = {
    JSON: "Send this operation a JSON body (Content-Type: application/json); with files, POST complaints/multipart.",
    MULTIPART: "Send this operation multipart/form-data; without files, POST complaints/ takes JSON.",
}
LOOKUP = contract.json_body(LOOKUP_BODY, "The status token given when the complaint was filed, or the email address given with it")
#: The only bodies the write side reads.  A browser may send ``text/plain``,
#: ``application/x-www-form-urlencoded`` or ``multipart/form-data`` to another site without a
#: CORS preflight: of these only multipart is accepted, and it needs the form's fields, which a
#: cross-site page cannot read back.
BODY_TYPES = (JSON, MULTIPART)
# The two messages a complainant's front end may show as they are: in the request's language.
NO_MATCH = gettext_noop("No complaint matches this reference and token (or email).")
LIST_FIELDS = {"needs"}


class Invalid(Exception):
    def __init__(self, items: list[dict], status: int = 422, headers: dict | None = None):
        self.items, self.status, self.headers = items, status, headers or {}


def install(api) -> None:
    def on_invalid(request, exc):
        response = api.create_response(request, {"detail": exc.items}, status=exc.status)
        for name, value in exc.headers.items():
            response[name] = value
        return response

    api.add_exception_handler(Invalid, on_invalid)


def _item(loc, msg, kind):
    return {"loc": list(loc), "msg": msg, "type": kind}


def _limit(request, action):
    retry_after = ratelimit.refused(request, action)
    if retry_after is not None:
        message = gettext("Too many requests: try again in {seconds} seconds.").format(seconds=retry_after)
        raise Invalid([_item([], message, "rate_limited")], status=429, headers={"Retry-After": str(retry_after)})


def max_body_bytes(content_type: str) -> int:
    """The largest body read: the JSON limit, plus every attachment at its largest for multipart."""
    fields = int(getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", None) or 2621440)
    if content_type == "multipart/form-data":
        return fields + attachment_max_count() * (attachment_max_bytes() + 16384)
    return fields


def _too_big(limit: int) -> Invalid:
    return Invalid([_item(["body"], f"The body is too large: at most {limit} bytes.", "too_large")], status=413)


def _body(request) -> tuple[dict | MultiValueDict, MultiValueDict]:
    """The body as data and files: JSON or multipart only (415), bounded (413), well formed (400)."""
    content_type = (request.content_type or "").lower()
    if content_type not in BODY_TYPES:
        message = "Send the body as application/json (or multipart/form-data with attachments)."
        raise Invalid([_item(["header", "Content-Type"], message, "unsupported_media_type")], status=415)
    limit = max_body_bytes(content_type)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        raise _too_big(limit)
    if content_type == "multipart/form-data":
        try:
            return request.POST, request.FILES
        except RequestDataTooBig:
            raise _too_big(limit)
        except (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent):
            raise Invalid([_item(["body"], "The multipart body cannot be read (is its boundary given?).", "multipart_invalid")], status=400)
    try:
        raw = request.body
    except RequestDataTooBig:
        raise _too_big(limit)
    try:
        data = json.loads(raw or b"{}")
    except RecursionError:
        raise Invalid([_item(["body"], "The JSON body is nested too deeply.", "json_too_deep")], status=400)
    except (ValueError, UnicodeDecodeError):
        raise Invalid([_item(["body"], "The body must be a JSON object.", "json_invalid")], status=400)
    if not isinstance(data, dict):
        raise Invalid([_item(["body"], "The body must be a JSON object.", "json_invalid")], status=400)
    return data, MultiValueDict()


def _idempotency_key(request) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not idempotency.valid_key(key):
        raise Invalid([_item(["header", "Idempotency-Key"], idempotency.KEY_RULE, "idempotency_key_invalid")])
    return key


def _check_scalars(data, names) -> None:
    problems = []
    for key in data:
        if key not in names:
            problems.append(_item(["body", key], "Unknown field.", "unknown_field"))
    if not isinstance(data, MultiValueDict):  # multipart: every value is a string, ``needs`` repeated
        for key, value in data.items():
            if key in LIST_FIELDS:
                if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                    problems.append(_item(["body", key], "Must be a list of strings.", "list_type"))
            elif value is not None and not isinstance(value, (str, bool)):
                problems.append(_item(["body", key], "Must be a string.", "string_type"))
    if problems:
        raise Invalid(problems)


def form_errors(form) -> list[dict]:
    items = []
    for field, errors in form.errors.get_json_data().items():
        loc = ["body"] if field == "__all__" else ["body", field]
        items += [_item(loc, error["message"], error["code"] or "invalid") for error in errors]
    return items


@router.post(
    "complaints/",
    url_name="complaint_file",
    operation_id="file_complaint",
    summary="File a complaint, compliment or comment (JSON)",
    **contract.operation(
        FILED,
        FILING_ERRORS,
        body=contract.json_body(FILING_JSON_BODY, "The guidance page's form as JSON"),
        parameters=[contract.IDEMPOTENCY_KEY],
    ),
)
def file_complaint(request: HttpRequest):
    """201 with the reference and the secret status token (shown once); 200 for a retry with the same
    Idempotency-Key and body.  The same questions as the guidance page's form; see docs/api.md."""
    return _file(request, JSON)


@router.post(
    "complaints/multipart",
    url_name="complaint_file_multipart",
    operation_id="file_complaint_multipart",
    summary="File a complaint with attachments (multipart/form-data)",
    **contract.operation(
        FILED,
        FILING_ERRORS,
        body=contract.multipart_body(ref("ComplaintFilingMultipart"), "The guidance page's form, with files in attachments"),
        parameters=[contract.IDEMPOTENCY_KEY],
    ),
)
def file_complaint_multipart(request: HttpRequest):
    """As ``file_complaint``, with files: each field once (``needs`` may repeat), files in ``attachments``."""
    return _file(request, MULTIPART)


def _file(request: HttpRequest, media_type: str):
    _limit(request, "file")
    if (request.content_type or "").lower() != media_type:  # each operation reads one body type
        message = OTHER_OPERATION[media_type]
        raise Invalid([_item(["header", "Content-Type"], message, "unsupported_media_type")], status=415)
    data, files = _body(request)
    key = _idempotency_key(request)
    slug = data.get("authority")
    if not isinstance(slug, str) or not slug:
        raise Invalid([_item(["body", "authority"], "Give the authority's slug.", "missing")])
    published = published_authority(slug)
    config = published.config
    procedure_slug = data.get("procedure") or next((p.slug for p in config.procedures if p.kind == "statutory"), config.procedures[0].slug)
    try:
        procedure = config.procedure(procedure_slug) if isinstance(procedure_slug, str) else None
    except KeyError:
        procedure = None
    if procedure is None:
        raise NotFound(["body", "procedure"], "The authority has no such procedure.")
    if procedure.voice.advice:  # general advice about an authority (voice: advice) takes no complaints
        raise Invalid([_item(["body", "authority"], "This procedure is general advice and takes no complaints.", "invalid_action")])
    form = build_intake_form(config, procedure, data, files)
    if data.get("kind") not in (None, "", "complaint") and "kind" not in form.fields:  # else read as a complaint
        raise Invalid([_item(["body", "kind"], "This procedure takes complaints only, not compliments or comments.", "invalid_choice")])
    _check_scalars(data, set(FIELDS) | {"attachments"})  # fields another procedure asks are ignored
    if not form.is_valid():
        raise Invalid(form_errors(form))
    try:
        filed = submit(published.authority, intake=intake_of(form), submission_key=key, body_hash=idempotency.body_hash(data, files))
    except idempotency.KeyReused:
        message = "This Idempotency-Key was used with another body: use a new key for a new filing."
        raise Invalid([_item(["header", "Idempotency-Key"], message, "idempotency_key_reused")], status=409)
    except CaseError as error:
        raise Invalid([_item(["body"], str(error), "invalid_action")])
    status = 201 if filed.created else 200
    if filed.case is None:
        return Status(
            status, {"kind": filed.feedback.kind, "reference": None, "token": None, "status_url": None, "acknowledgement_due": None}
        )
    summary = status_summary(filed.case)
    path = status_path(filed.case.reference, filed.token)
    return Status(
        status,
        {
            "kind": "complaint",
            "reference": filed.case.reference,
            "token": filed.token,
            "status_url": request.build_absolute_uri(path),
            "acknowledgement_due": summary["acknowledgement_due"],
        },
    )


def _find(request, reference, token, email):
    _limit(request, "status")
    if not isinstance(token, (str, type(None))) or not isinstance(email, (str, type(None))):
        raise Invalid([_item(["body"], "token and email must be strings.", "string_type")])
    if not token and not email:
        raise Invalid([_item(["body", "token"], "Give the status token (or the email address given with the complaint).", "missing")])
    case = find_case(reference, token=token) if token else find_case(reference, email=email)
    if case is None:
        raise NotFound(["path", "reference"], gettext(NO_MATCH))
    return case


@router.post(
    "complaints/{reference}/status",
    url_name="complaint_status",
    operation_id="get_complaint_status",
    summary="A complaint's status",
    **contract.operation({200: ComplaintStatusOut}, contract.WRITE, body=LOOKUP),
)
def complaint_status(request: HttpRequest, reference: str):
    """Where the complaint is, what is due when, and whether the complainant may escalate now.
    A POST, so that the token or email address stays out of the URL (and so out of access logs)."""
    data, _ = _body(request)
    return status_summary(_find(request, reference, data.get("token"), data.get("email")))


@router.post(
    "complaints/{reference}/escalate",
    url_name="complaint_escalate",
    operation_id="escalate_complaint",
    summary="Ask for the next stage",
    **contract.operation(
        {200: ComplaintStatusOut},
        (*contract.WRITE, 409),
        body=contract.json_body(ESCALATION_BODY, "The status token (or the email address), and optionally why"),
    ),
)
def complaint_escalate(request: HttpRequest, reference: str):
    """The complainant asks for the next stage; 409 outside the window or with no next stage."""
    data, _ = _body(request)
    case = _find(request, reference, data.get("token"), data.get("email"))
    reason = data.get("reason") or ""
    if not isinstance(reason, str) or "\x00" in reason or len(reason.strip()) > ESCALATION_REASON_MAX:
        message = f"reason must be text of at most {ESCALATION_REASON_MAX} characters."
        raise Invalid([_item(["body", "reason"], message, "invalid")])
    try:
        case = escalate_for_complainant(case, reason=reason.strip())
    except CaseError as error:
        raise Invalid([_item([], str(error), "not_allowed")], status=409)
    return status_summary(case)


__all__ = ["router", "install", "error_body"]
