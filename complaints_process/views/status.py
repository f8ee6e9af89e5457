"""The complainant's status page, its lookup by reference and email, and asking for the next
stage (a button, then a page to confirm with an optional reason).

Access is the status link's token (``?token=``), or a reference and email checked on the
lookup form, after which the session remembers the case.  A wrong token and an unknown
reference get the same 404 page; every lookup counts towards the client's rate limit.
Responses are ``no-store`` and send a referrer only to this site (``same-origin``: with
``no-referrer`` browsers send ``Origin: null`` and CSRF refuses the escalate form), so the
token does not leak to other sites.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from complaints_process import ratelimit
from complaints_process.exceptions import CaseError
from complaints_process.models import Complaint
from complaints_process.services.cases.stages import ESCALATION_REASON_MAX
from complaints_process.services.public import escalate_for_complainant, find_case, status_summary

from .intake import too_many

SESSION_ACCESS = "complaints_process_status_access"


def _private(response):
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _case_for(request, reference, token):
    if token:
        return find_case(reference, token=token)
    if reference in request.session.get(SESSION_ACCESS, []):
        return Complaint.objects.select_related("authority", "config_version").filter(reference=reference).first()
    return None


def not_found(request):
    return _private(render(request, "complaints_process/public/status_not_found.html", status=404))


@never_cache
def status(request, reference: str):
    if not ratelimit.hit(request, "status"):
        return too_many(request)
    token = request.GET.get("token", "")[:200]
    case = _case_for(request, reference, token)
    if case is None:
        return not_found(request)
    context = {"summary": status_summary(case), "token": token}
    return _private(render(request, "complaints_process/public/status.html", context))


@never_cache
def lookup(request):
    errors, values = {}, {"reference": "", "email": ""}
    if request.method == "POST":
        if not ratelimit.hit(request, "status"):
            return too_many(request)
        values = {name: request.POST.get(name, "").strip()[:254] for name in values}
        if not values["reference"]:
            errors["reference"] = "Enter your complaint reference"
        if not values["email"]:
            errors["email"] = "Enter the email address you gave with your complaint"
        if not errors:
            case = find_case(values["reference"], email=values["email"])
            if case is not None:
                access = [r for r in request.session.get(SESSION_ACCESS, []) if r != case.reference][-9:]
                request.session[SESSION_ACCESS] = access + [case.reference]
                return redirect("complaints_process:status", reference=case.reference)
            errors["reference"] = "We could not find a complaint with that reference and email address"
    context = {"errors": errors, "values": values}
    return _private(render(request, "complaints_process/public/status_lookup.html", context, status=400 if errors else 200))


def _status_url(case, token: str) -> str:
    url = reverse("complaints_process:status", args=[case.reference])
    return f"{url}?token={token}" if token else url


@require_POST
def escalate_view(request, reference: str):
    """Asking for the next stage takes two steps: the status page's button opens a page that
    says what will happen and asks, optionally, why (``confirm`` absent); sending that page
    (``confirm=yes``) makes the request, credited to the complainant."""
    if not ratelimit.hit(request, "status"):
        return too_many(request)
    token = request.POST.get("token", "")[:200]
    case = _case_for(request, reference, token)
    if case is None:
        return not_found(request)
    summary = status_summary(case)
    if not summary["can_escalate"]:
        messages.error(request, "You cannot ask for the next stage of this complaint now.")
        return redirect(_status_url(case, token))
    reason = request.POST.get("reason", "")
    context = {"summary": summary, "token": token, "reason": reason, "status_url": _status_url(case, token), "error": ""}
    if request.POST.get("confirm") != "yes":
        return _private(render(request, "complaints_process/public/escalate_confirm.html", context))
    if len(reason.strip()) > ESCALATION_REASON_MAX:
        context["error"] = f"Your reason must be {ESCALATION_REASON_MAX} characters or fewer"
        return _private(render(request, "complaints_process/public/escalate_confirm.html", context, status=400))
    try:
        escalate_for_complainant(case, reason=reason)
    except CaseError:
        messages.error(request, "You cannot ask for the next stage of this complaint now.")
    else:
        messages.success(request, "We have received your request for the next stage of your complaint.")
    return redirect(_status_url(case, token))
