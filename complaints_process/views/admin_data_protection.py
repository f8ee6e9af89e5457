"""Subject access exports in the admin, for complaints managers of the authority only.

* ``SubjectAccessView`` (``complaints/subject-access/``): find a complainant by email address
  or case reference within an authority the user manages, see which cases would be
  exported, download the ZIP.  The search is sent by POST, never in the URL, so an email
  address never reaches an access log or the browser's history; the answer page is not
  cached.
* ``CaseSubjectAccessView`` (``complaints/cases/<pk>/subject-access/``): the same export for
  the complainant of one case, from the case page.

Who (``permission_policies.data_protection``): a complaints manager of the authority (or a
superuser).  A case the user may not see
answers 404 (``get_visible_case``); an officer of the case's own authority, or anyone who
manages no authority, 403.  An authority the user does not manage answers 404.  What the
export holds and how it is recorded: ``services.subject_access``.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView

from complaints_process.permission_policies import data_protection
from complaints_process.services import subject_access

from .admin_access import get_visible_case
from .admin_page import AdminPageMixin, case_crumbs
from .admin_urls import case_url, forbidden


def zip_response(result: subject_access.Export) -> HttpResponse:
    response = HttpResponse(result.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


class SubjectAccessView(AdminPageMixin, TemplateView):
    template_name = "complaints_process/admin/data_protection/subject_access.html"
    page_title = gettext_lazy("Subject access export")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        self.authorities = list(data_protection.authorities_for_user(request.user, "export"))
        if not self.authorities:
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return no_store(self.render_to_response(self.get_context_data(query="", authority=self._only())))

    def _only(self):
        return self.authorities[0] if len(self.authorities) == 1 else None

    def post(self, request, *args, **kwargs):
        chosen = request.POST.get("authority", "")
        authority = next((a for a in self.authorities if str(a.pk) == chosen), None)
        if authority is None:
            if chosen:
                raise Http404(gettext("No such authority."))
            authority = self._only()
        query = (request.POST.get("query") or "").strip()[:300]
        context = {"query": query, "authority": authority}
        if authority is None:
            context["error"] = gettext("Choose the authority whose records to search.")
            return no_store(self.render_to_response(self.get_context_data(**context), status=400))
        try:
            search = subject_access.Search.read(query)
        except subject_access.SubjectAccessError as error:
            context["error"] = str(error)
            return no_store(self.render_to_response(self.get_context_data(**context), status=400))
        if request.POST.get("step") == "export":
            result = subject_access.export(authority, search, user=request.user)
            if result is not None:
                return zip_response(result)
        cases = subject_access.find_cases(authority, search)
        feedback = subject_access.find_feedback(authority, search, cases)
        context.update(searched=True, cases=list(cases), feedback_count=feedback.count())
        return no_store(self.render_to_response(self.get_context_data(**context)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["authorities"] = self.authorities
        return context


class CaseSubjectAccessView(AdminPageMixin, TemplateView):
    template_name = "complaints_process/admin/data_protection/case_subject_access.html"
    page_title = gettext_lazy("Subject access export")
    header_icon = "download"

    def dispatch(self, request, pk):
        self.case = get_visible_case(request.user, pk)  # 404 before anything else
        if not data_protection.user_has_permission_for_authority(request.user, "export", self.case.authority):
            return forbidden(request)
        self.search = subject_access.Search(reference=self.case.reference)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.case.reference

    def parent_crumbs(self):
        return case_crumbs(self.case)

    def get(self, request, *args, **kwargs):
        cases = subject_access.find_cases(self.case.authority, self.search)
        feedback = subject_access.find_feedback(self.case.authority, self.search, cases)
        context = self.get_context_data(case=self.case, cases=list(cases), feedback_count=feedback.count(), case_url=case_url(self.case))
        return no_store(self.render_to_response(context))

    def post(self, request, *args, **kwargs):
        result = subject_access.export(self.case.authority, self.search, user=request.user)
        if result is None:  # cannot happen for an existing case; kept for safety
            raise Http404(gettext("Nothing to export."))
        return zip_response(result)
