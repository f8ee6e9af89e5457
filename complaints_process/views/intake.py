"""Handling the complaint form block's POST, and the confirmation pages.

Order: rate limit (per client, ``ratelimit``), honeypot (a hidden ``website`` field people
never fill), the intake form built from the page's procedure, then ``services.public.submit``
with the form's answers as plain values (``forms.submission.intake_of``) and its submission key (made and signed by the server when it rendered the form, see
``idempotency``), so a double click files once.  On success the reference and
status token are kept in the session (never in a log or a URL other than the status link) and
the browser is sent to the confirmation page.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.cache import never_cache

from complaints_process import ratelimit
from complaints_process.exceptions import CaseError
from complaints_process.forms import build_intake_form
from complaints_process.forms.submission import intake_of
from complaints_process.idempotency import KeyReused, body_hash, form_key
from complaints_process.models import Complaint
from complaints_process.services.public import Filed, acknowledgement_due, status_summary, submit
from complaints_process.services.public_mail import status_path

SESSION_FILED = "complaints_process_filed"
SESSION_FEEDBACK = "complaints_process_feedback"
HONEYPOT = "website"
#: The kinds of feedback as the session keeps them (their display names), marked for translation.
FEEDBACK_NAMES = {"Compliment": gettext_noop("Compliment"), "Comment": gettext_noop("Comment")}


def refuse(request, status: int, title: str, message: str):
    return render(request, "complaints_process/public/refused.html", {"title": title, "message": message}, status=status)


def too_many(request, retry_after: int):
    minutes = max(1, (retry_after + 59) // 60)
    message = ngettext(
        "You have sent this form too many times. Wait a minute and try again, or contact us.",
        "You have sent this form too many times. Wait {minutes} minutes and try again, or contact us.",
        minutes,
    ).format(minutes=minutes)
    response = refuse(request, 429, _("Too many attempts"), message)
    return ratelimit.retry_after_header(response, retry_after)


def limited(request, action: str):
    """The 429 page (with ``Retry-After``) if the client is over the limit for ``action``, else None."""
    retry_after = ratelimit.refused(request, action)
    return too_many(request, retry_after) if retry_after is not None else None


def remember(request, filed: Filed) -> None:
    if filed.case is not None:
        filed_cases = dict(request.session.get(SESSION_FILED, {}))
        filed_cases[filed.case.reference] = filed.token
        request.session[SESSION_FILED] = dict(list(filed_cases.items())[-10:])
    else:
        request.session[SESSION_FEEDBACK] = filed.feedback.get_kind_display()


def handle_form_post(page, request):
    """The response to a POST of the form on ``page``; None to render the page with errors."""
    config, procedure = page.current_config(), page.current_procedure()
    if procedure is None:
        return refuse(request, 400, _("The form is not available"), _("Please contact the complaints team."))
    if procedure.voice.advice:  # general advice, not the authority: it offers no form
        return refuse(request, 400, _("This page does not take complaints"), _("Please make your complaint to the council."))
    if (refusal := limited(request, "file")) is not None:
        return refusal
    if request.POST.get(HONEYPOT):
        return refuse(request, 400, _("We could not accept this form"), _("Please try again, or contact the complaints team."))
    form = build_intake_form(config, procedure, request.POST, request.FILES)
    if not form.is_valid():
        request.complaint_form = form
        return None
    try:
        filed = submit(
            page.authority,
            intake=intake_of(form),
            submission_key=form_key(request.POST.get("submission_key")),
            body_hash=body_hash(request.POST, request.FILES),
        )
    except KeyReused:
        return refuse(
            request,
            409,
            _("This form has already been sent"),
            _("This form was sent before with other answers. Open the complaint form again to send a new complaint."),
        )
    except CaseError as error:
        form.add_error(None, str(error))
        request.complaint_form = form
        return None
    remember(request, filed)
    if filed.case is not None:
        return redirect("complaints_process:confirmation", reference=filed.case.reference)
    return redirect("complaints_process:feedback_thanks")


@never_cache
def confirmation(request, reference: str):
    token = request.session.get(SESSION_FILED, {}).get(reference)
    case = Complaint.objects.select_related("authority").filter(reference=reference).first() if token else None
    if case is None:
        raise Http404
    context = {
        "case": case,
        "acknowledgement_due": acknowledgement_due(case),
        "next_due": next(({"label": d["label"], "due": d["due"]} for d in status_summary(case)["deadlines"] if d["due"]), None),
        "status_url": request.build_absolute_uri(status_path(case.reference, token)),
        "status_path": status_path(case.reference, token),
    }
    response = render(request, "complaints_process/public/confirmation.html", context)
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
def feedback_thanks(request):
    kind = request.session.get(SESSION_FEEDBACK)
    if not kind:
        raise Http404
    return render(request, "complaints_process/public/feedback_thanks.html", {"kind": _(FEEDBACK_NAMES.get(kind, kind))})
