"""The complainant's status page, its lookup by reference and email, and asking for the next
stage (a button, then a page to confirm with an optional reason).

No secret and no personal data travels in a URL the site shows.  The status link in emails
(``status/<reference>/?token=...``) is exchanged, as Django's password reset does: the token
is checked, the session is given access to that one case for a short time
(``COMPLAINTS_PROCESS_STATUS_ACCESS_SECONDS``, default 30 minutes), and the browser is
redirected to ``status/<reference>/``, without it; the page itself never carries the token
(so neither its links nor a copied address nor a Referer do).  The token may also be posted
to ``status/<reference>/``, and the lookup form posts a reference and email; both grant the
same access.  Without it ``status/<reference>/`` is the same 404 as a wrong token or an
unknown reference.  Every lookup counts towards the client's rate limit.  Responses are
``no-store`` and send a referrer only to this site.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from complaints_process.exceptions import CaseError
from complaints_process.models import Complaint
from complaints_process.services.cases.stages import ESCALATION_REASON_MAX
from complaints_process.services.public import escalate_for_complainant, find_case, status_summary

from .intake import limited

SESSION_ACCESS = "complaints_process_status_access"
MAX_CASES = 10


def access_seconds() -> int:
    return int(getattr(settings, "COMPLAINTS_PROCESS_STATUS_ACCESS_SECONDS", 1800))


def _private(response):
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _access(request) -> dict[str, float]:
    """{reference: expiry (epoch seconds)} of the cases this session may see, expired ones dropped."""
    stored = request.session.get(SESSION_ACCESS)
    now = time.time()
    if not isinstance(stored, dict):
        return {}
    return {ref: until for ref, until in stored.items() if isinstance(until, (int, float)) and until > now}


def grant_access(request, case) -> None:
    access = {ref: until for ref, until in _access(request).items() if ref != case.reference}
    access[case.reference] = time.time() + access_seconds()
    request.session[SESSION_ACCESS] = dict(list(access.items())[-MAX_CASES:])


def _case_for(request, reference):
    if reference in _access(request):
        return Complaint.objects.select_related("authority", "config_version").filter(reference=reference).first()
    return None


def not_found(request):
    return _private(render(request, "complaints_process/public/status_not_found.html", status=404))


def _exchange(request, reference, token):
    """Check the token; on success give the session access and send the browser to the clean URL."""
    case = find_case(reference, token=token[:200])
    if case is None:
        return not_found(request)
    request.session.cycle_key()  # a new session id for new access, as after a login
    grant_access(request, case)
    return _private(redirect("complaints_process:status", reference=case.reference))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def status(request, reference: str):
    if (refusal := limited(request, "status")) is not None:
        return refusal
    token = request.POST.get("token", "") if request.method == "POST" else request.GET.get("token", "")
    if token:
        return _exchange(request, reference, token)
    case = _case_for(request, reference)
    if case is None:
        return not_found(request)
    return _private(render(request, "complaints_process/public/status.html", {"summary": status_summary(case)}))


@never_cache
def lookup(request):
    errors, values = {}, {"reference": "", "email": ""}
    if request.method == "POST":
        if (refusal := limited(request, "status")) is not None:
            return refusal
        values = {name: request.POST.get(name, "").strip()[:254] for name in values}
        if not values["reference"]:
            errors["reference"] = _("Enter your complaint reference")
        if not values["email"]:
            errors["email"] = _("Enter the email address you gave with your complaint")
        if not errors:
            case = find_case(values["reference"], email=values["email"])
            if case is not None:
                grant_access(request, case)
                return redirect("complaints_process:status", reference=case.reference)
            errors["reference"] = _("We could not find a complaint with that reference and email address")
    context = {"errors": errors, "values": values}
    return _private(render(request, "complaints_process/public/status_lookup.html", context, status=400 if errors else 200))


@require_POST
def escalate_view(request, reference: str):
    """Asking for the next stage takes two steps: the status page's button opens a page that
    says what will happen and asks, optionally, why (``confirm`` absent); sending that page
    (``confirm=yes``) makes the request, credited to the complainant."""
    if (refusal := limited(request, "status")) is not None:
        return refusal
    token = request.POST.get("token", "")[:200]
    case = find_case(reference, token=token) if token else _case_for(request, reference)
    if case is None:
        return not_found(request)
    if token:
        grant_access(request, case)
    summary = status_summary(case)
    if not summary["can_escalate"]:
        messages.error(request, _("You cannot ask for the next stage of this complaint now."))
        return redirect("complaints_process:status", reference=case.reference)
    reason = request.POST.get("reason", "")
    status_url = reverse("complaints_process:status", args=[case.reference])
    context = {"summary": summary, "reason": reason, "status_url": status_url, "error": ""}
    if request.POST.get("confirm") != "yes":
        return _private(render(request, "complaints_process/public/escalate_confirm.html", context))
    if len(reason.strip()) > ESCALATION_REASON_MAX:
        context["error"] = _("Your reason must be {count} characters or fewer").format(count=ESCALATION_REASON_MAX)
        return _private(render(request, "complaints_process/public/escalate_confirm.html", context, status=400))
    try:
        escalate_for_complainant(case, reason=reason)
    except CaseError:
        messages.error(request, _("You cannot ask for the next stage of this complaint now."))
    else:
        messages.success(request, _("We have received your request for the next stage of your complaint."))
    return redirect("complaints_process:status", reference=case.reference)
