"""Staff recording a complaint received by phone, letter, email, in person or on recorded media,
and downloading a case's attachments.

The staff form is the public intake form (``complaints_process.forms.intake``: the same
fields, built from the same procedure config, with the same validation) plus the channel and
the date the complaint was received, which is day 0 of its clocks.  Files (a letter's scan,
an audio recording) go through the same checks (``attachments.check_uploads``) and are kept
with the case.  The case is filed by ``file_complaint`` with the officer as the user, so the
permission check (``file``) is the services' own.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView, View

from complaints_process.attachments import download_name, save_attachments
from complaints_process.exceptions import CaseError
from complaints_process.forms.fields import DateField
from complaints_process.forms.intake import CONSENT_ANSWERS, IntakeForm, child_consent_answer, filing_arguments
from complaints_process.models import AccessKind, ChildConsent
from complaints_process.permission_policies import attachments, cases
from complaints_process.services.access import record_access
from complaints_process.services.cases import file_complaint
from complaints_process.services.cases.routing import choose_procedure

from .admin_access import get_visible_case
from .admin_page import AdminPageMixin
from .admin_urls import case_index_url, case_url, forbidden


class Channel:
    CHOICES = [
        ("phone", gettext_lazy("Phone")),
        ("letter", gettext_lazy("Letter")),
        ("email", gettext_lazy("Email")),
        ("in_person", gettext_lazy("In person")),
        ("recorded_media", gettext_lazy("Recorded media (audio or video)")),
    ]


STAFF_LABELS = {
    "complainant_name": gettext_lazy("Complainant's full name"),
    "complainant_relationship": gettext_lazy("Who is making the complaint?"),
    "desired_outcome": gettext_lazy("What would put things right for the complainant?"),
    "preferred_contact": gettext_lazy("How would the complainant like to be contacted?"),
    "late_explanation": gettext_lazy("If it happened some time ago, why did they not complain sooner?"),
    "needs": gettext_lazy("Does the complainant need any help to take part?"),
    "attachments": gettext_lazy("Attachments (the letter, an email, an audio recording...)"),
}
_CONSENT_NOTES = {
    ChildConsent.GIVEN: gettext_lazy("The complainant told us %(whom)s agrees."),
    ChildConsent.REFUSED: gettext_lazy("The complainant told us %(whom)s does not agree."),
    ChildConsent.NOT_ASKED: gettext_lazy("The complainant has not been able to ask %(whom)s."),
    ChildConsent.NOT_NEEDED: gettext_lazy("The complainant told us they have parental responsibility for the child."),
}
_CONSENT_WHOM = {
    "child": gettext_lazy("the child"),
    "someone_else": gettext_lazy("the person"),
    "parent_guardian_or_carer": gettext_lazy("the child's parent, guardian or carer"),
}
assert set(_CONSENT_NOTES) == set(CONSENT_ANSWERS.values())


class StaffIntakeForm(IntakeForm):
    """The public intake form, for a complaint staff record: plus channel and date received."""

    def _add_fields(self):
        super()._add_fields()
        self.fields.pop("kind", None)  # staff record complaints; feedback has its own route
        for name, label in STAFF_LABELS.items():
            if name in self.fields:
                self.fields[name].label = label
        channel = forms.ChoiceField(label=gettext_lazy("How was it received?"), choices=Channel.CHOICES, widget=forms.RadioSelect)
        channel.govuk = "radios"
        received = DateField(what="the date it was received", label=gettext_lazy("Date received"))
        received.help_text = gettext_lazy("Day 0 of the complaint's time limits. For example, 27 3 2026")
        self.fields = {"channel": channel, "received_on": received, **self.fields}


def staff_filing_arguments(form: StaffIntakeForm) -> dict:
    arguments = filing_arguments(form)
    arguments["channel"] = form.cleaned_data["channel"]
    arguments["received_on"] = form.cleaned_data["received_on"]
    consent = child_consent_answer(form)
    if consent is not None:
        arguments["child_consent_notes"] = _CONSENT_NOTES[consent] % {"whom": _CONSENT_WHOM[form.consent_from]}
    return arguments


class RecordComplaintView(AdminPageMixin, TemplateView):
    template_name = "complaints_process/admin/cases/record.html"
    page_title = gettext_lazy("Record a complaint")
    header_icon = "folder-open-inverse"

    def parent_crumbs(self):
        return [("Cases", case_index_url())]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.authorities = list(cases.authorities_for_user(request.user, "add"))
        if not self.authorities:
            return forbidden(request)
        chosen = request.GET.get("authority") or request.POST.get("authority")
        self.authority = None
        if chosen:
            self.authority = next((a for a in self.authorities if str(a.pk) == chosen), None)
            if self.authority is None:
                raise Http404(gettext("No such authority."))
        elif len(self.authorities) == 1:
            self.authority = self.authorities[0]
        return super().dispatch(request, *args, **kwargs)

    def build_form(self, data=None, files=None):
        version = self.authority.current_version()
        if version is None:
            return None
        config = version.config()
        return StaffIntakeForm(config, choose_procedure(config, True), data, files)

    def get(self, request, *args, **kwargs):
        form = self.build_form() if self.authority else None
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        if self.authority is None:
            raise Http404(gettext("Choose an authority."))
        form = self.build_form(request.POST, request.FILES)
        if form is None:
            messages.error(request, gettext("This authority has no published process configuration."))
            return self.render_to_response(self.get_context_data(form=None), status=400)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        saved = []
        try:
            with transaction.atomic():
                case = file_complaint(self.authority, user=request.user, **staff_filing_arguments(form))
                save_attachments(case, form.cleaned_data.get("attachments") or [], saved)
        except CaseError as error:
            for attachment in saved:
                attachment.file.delete(save=False)
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        except Exception:
            for attachment in saved:
                attachment.file.delete(save=False)
            raise
        messages.success(request, gettext("Complaint recorded: {reference}.").format(reference=case.reference))
        return HttpResponseRedirect(case_url(case))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(authorities=self.authorities, authority=self.authority)
        form = context.get("form")
        if form is not None:
            context["rows"] = [
                {
                    "field": form[name],
                    "govuk": getattr(field, "govuk", ""),
                    "parts": field.parts(form[name].value()) if getattr(field, "govuk", "") == "date" else None,
                }
                for name, field in form.fields.items()
                if not isinstance(field.widget, forms.HiddenInput)
            ]
            context["hidden"] = [form[name] for name, field in form.fields.items() if isinstance(field.widget, forms.HiddenInput)]
        return context


class AttachmentDownloadView(View):
    """A case's attachment, to staff who may see the case (404 to everyone else)."""

    def dispatch(self, request, pk, attachment_pk):
        self.case = get_visible_case(request.user, pk)  # before the method check: 404 for any method
        return super().dispatch(request, pk, attachment_pk)

    def get(self, request, pk, attachment_pk):
        attachment = attachments.instances_user_has_permission_for(request.user, "view").filter(case=self.case, pk=attachment_pk).first()
        if attachment is None:
            raise Http404(gettext("No such attachment."))
        record_access(self.case, request.user, AccessKind.ATTACHMENT, detail=attachment.pk)
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=download_name(attachment.original_name or f"attachment-{attachment.pk}", attachment.content_type),
            content_type=attachment.content_type or "application/octet-stream",
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
