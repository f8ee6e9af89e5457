"""The case list and case page in the Wagtail admin, with wagtail-modeladmin.

Everything about the modeladmin screens is in this one module, so that a later move to
Wagtail's own ``ModelViewSet`` replaces this file (and ``viewsets.CasesViewSet``, which
registers it) and nothing else: who sees and does what is ``permission_policies``, the list's reads
(stages, next due date, owner, the due filters) in ``selectors/cases.py``, the case page's
timeline in ``selectors/case_page.py``, the case actions and the staff intake form in
``views/admin_actions.py`` / ``views/admin_cases.py``, its themes, learning actions and
Ombudsman referrals in ``views/admin_records.py``, and the screens' URLs in
``views/admin_urls.py`` (which the other views link through, so none imports this module).
The URLs are named in the cases area's namespace (``complaints_cases:index``,
``complaints_cases:inspect``; ``CaseURLHelper``).

* List: reference, authority, stage, state, next due date with a traffic light (overdue,
  due soon, on track), owner.  Filters: authority, procedure, stage, state, overdue, due
  this week, owner.  Search by reference or complainant name.  Export of the filtered,
  searched list as CSV or XLSX with the same columns and no personal data.
* The search term is sent by POST and kept in the session, never in the URL, so a
  complainant's name never reaches an access log.
* Only cases the user may see are listed (``permission_policies.cases``: their own authorities' cases;
  editors none; superusers all).  Cases are never created, edited or deleted through the
  generic modeladmin views: "Add" is the staff intake form, changes go through the
  services (the case actions).
* The inspect view answers 404 for a case the user may not see.
* Only the declared filters' query parameters are accepted (and ``o``, a column number,
  and ``export=csv|xlsx``): any other parameter, which wagtail-modeladmin would apply as
  an ORM lookup, or another export format, is answered with a 400 that repeats neither
  name nor value.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.admin import SimpleListFilter
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import AdminURLHelper, ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView, InspectView

from complaints_process.models import AccessKind, AuthorityTeam, CaseState, Complaint, ProcessConfigVersion
from complaints_process.models.states import FINAL_STATES
from complaints_process.permission_policies import cases as case_policy
from complaints_process.permission_policies import data_protection
from complaints_process.selectors.case_page import access_context, case_page_context
from complaints_process.selectors.cases import (
    STAGE_LABELS,
    annotate_cases,
    due_between_cases,
    end_of_week,
    overdue_cases,
    stage_of,
    states_of_stage,
)
from complaints_process.services.access import record_access
from complaints_process.views.admin_access import get_visible_case
from complaints_process.views.admin_actions import available_actions
from complaints_process.views.admin_cases import RecordComplaintView
from complaints_process.views.admin_records import records_context
from complaints_process.views.admin_urls import CASES_NAMESPACE, CASES_URL_PATH, case_index_url, case_url, forbidden

#: A next due date this many days away or fewer is "due soon" (amber).
DUE_SOON_DAYS = 5
SEARCH_SESSION_KEY = "complaints_process.case_search"


def today():
    return timezone.localdate()


def traffic_light(next_due, is_open: bool = True) -> tuple[str, str]:
    """(css modifier, words) for a next due date: overdue, due soon, on track."""
    if not is_open or next_due is None:
        return "none", gettext("No date")
    now = today()
    if next_due < now:
        return "overdue", gettext("Overdue")
    if next_due <= now + timedelta(days=DUE_SOON_DAYS):
        return "soon", gettext("Due soon")
    return "ok", gettext("On track")


# Filters: each lists only values the user may see.


class AuthorityFilter(SimpleListFilter):
    title = _("authority")
    parameter_name = "authority"

    def lookups(self, request, model_admin):
        return [(str(a.pk), a.name) for a in case_policy.authorities_for_user(request.user, "view")]

    def queryset(self, request, queryset):
        value = self.value() or ""
        return queryset.filter(authority_id=int(value)) if value.isdigit() else queryset


class ProcedureFilter(SimpleListFilter):
    title = _("procedure")
    parameter_name = "procedure"

    def lookups(self, request, model_admin):
        # From the config versions of the user's authorities (a case runs one of their
        # procedures), not from the cases: the list costs the same for any number of cases.
        # Each is shown by the name its config gives it ("Children's statutory complaints"),
        # the newest version's name winning.
        versions = (
            ProcessConfigVersion.objects.filter(authority__in=case_policy.authorities_for_user(request.user, "view"))
            .defer("source_text")
            .order_by("created_at", "pk")
        )
        names = {procedure.slug: procedure.name for version in versions for procedure in version.config().procedures}
        return sorted(names.items(), key=lambda item: item[1].casefold())

    def queryset(self, request, queryset):
        return queryset.filter(procedure_slug=self.value()) if self.value() else queryset


class StageFilter(SimpleListFilter):
    title = _("stage")
    parameter_name = "stage"

    def lookups(self, request, model_admin):
        return list(STAGE_LABELS.items())

    def queryset(self, request, queryset):
        if self.value() in STAGE_LABELS:
            return queryset.filter(state__in=states_of_stage(self.value()))
        return queryset


class StateFilter(SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", gettext("Any open state")), *CaseState.choices]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.exclude(state__in=FINAL_STATES)
        if self.value() in CaseState.values:
            return queryset.filter(state=self.value())
        return queryset


class DueFilter(SimpleListFilter):
    """Overdue, or due this week (today to Sunday, not yet overdue)."""

    title = _("next due date")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", gettext("Overdue")), ("week", gettext("Due this week"))]

    def queryset(self, request, queryset):
        now = today()
        if self.value() == "overdue":
            return overdue_cases(queryset, now)
        if self.value() == "week":
            return due_between_cases(queryset, now, end_of_week(now))
        return queryset


class OwnerFilter(SimpleListFilter):
    title = _("owner")
    parameter_name = "owner"

    def lookups(self, request, model_admin):
        # The staff of the user's authorities (who own and act on their cases), not every
        # case's acting owner: the list costs the same for any number of cases.
        teams = AuthorityTeam.objects.filter(authority__in=case_policy.authorities_for_user(request.user, "view"))
        users = get_user_model().objects.filter(is_active=True, groups__authority_team__in=teams).distinct()
        users = users.order_by("first_name", "last_name", "username")
        return [("me", gettext("Me")), ("none", gettext("No one")), *((str(u.pk), u.get_full_name() or u.get_username()) for u in users)]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(acting_owner=request.user.pk)
        if value == "none":
            return queryset.filter(acting_owner__isnull=True)
        if value and value.isdigit():
            return queryset.filter(acting_owner=int(value))
        return queryset


class CasePermissionHelper(PermissionHelper):
    """wagtail-modeladmin's questions answered by the case policy; never edit or delete
    generically."""

    def user_can_list(self, user):
        return case_policy.user_has_permission(user, "view")

    def user_can_create(self, user):
        return case_policy.user_has_permission(user, "add")

    def user_can_inspect_obj(self, user, obj):
        return case_policy.user_has_permission_for_instance(user, "view", obj)

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False

    def get_all_model_permissions(self):
        # Access comes from the authority teams, not from Django model permissions: nothing
        # to grant in the group editor.
        return Permission.objects.none()


class CaseURLHelper(AdminURLHelper):
    """modeladmin's URLs relative to the cases area (``viewsets.CasesViewSet``, which includes
    them under ``CASES_URL_PATH``) and named in its namespace: ``complaints_cases:index``,
    ``complaints_cases:inspect`` and so on, the names modeladmin's own views reverse."""

    def _get_action_url_pattern(self, action):
        return r"^$" if action == "index" else rf"^{action}/$"

    def _get_object_specific_action_url_pattern(self, action):
        return rf"^{action}/(?P<instance_pk>[-\w]+)/$"

    def get_action_url_name(self, action):
        return f"{CASES_NAMESPACE}:{action}"


class CaseButtonHelper(ButtonHelper):
    add_button_classnames = ["button"]

    def add_button(self, classnames_add=None, classnames_exclude=None):
        button = super().add_button(classnames_add, classnames_exclude)
        # No icon: on Wagtail 8 the icon wrapper of a plain button covers its label.
        button.update(
            label=gettext("Record a complaint"),
            title=gettext("Record a complaint received by phone, letter, email, in person or on media"),
            icon=None,
        )
        return button

    def inspect_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().inspect_button(pk, classnames_add, classnames_exclude)
        button.update(label=gettext("Open case"), title=gettext("Open this case"))
        return button


def unknown_filter(request):
    """A plain 400 naming no parameter or value (either may be personal)."""
    context = {
        "message": gettext("The case list cannot be filtered that way. Use the filters on the case list."),
        "page_title": gettext("Cases: filter not recognised"),
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": case_index_url(), "label": "Cases"},
            {"url": "", "label": gettext("Filter not recognised")},
        ],
    }
    return render(request, "complaints_process/admin/cases/bad_filter.html", context, status=400)


class UnknownFilter(Exception):
    """A query parameter that is not one of the list's declared filters."""


class _AnyRows:
    """A queryset stand-in whose count() is 1 if there is any row, else 0."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return int(self.queryset.exists())


class CaseIndexView(IndexView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not case_policy.user_has_permission(request.user, "view"):
            return forbidden(request)
        if request.user.is_authenticated and (request.method == "POST" or "q" in request.GET):
            # Keep the search term in the session, never in the URL.
            term = (request.POST.get("q") if request.method == "POST" else request.GET.get("q")) or ""
            # No control characters: PostgreSQL refuses NUL in text (it was a 500 there).
            term = "".join(ch for ch in term if ch.isprintable())
            request.session[SEARCH_SESSION_KEY] = term.strip()[:100]
            params = request.GET.copy()
            params.pop("q", None)
            params.pop("p", None)
            url = self.url_helper.index_url
            return HttpResponseRedirect(f"{url}?{params.urlencode()}" if params else url)
        if request.GET.get("export", "csv") not in self.FORMATS:  # only CSV and XLSX
            return unknown_filter(request)
        try:
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # the queryset is built while rendering
            return response
        except UnknownFilter:
            return unknown_filter(request)

    def get_filters(self, request):
        """Only the declared filters' parameters: any other is refused, never applied as a lookup.

        wagtail-modeladmin would otherwise apply an unknown parameter such as
        ``complainant_email__startswith`` or ``created_by__password__startswith`` as an ORM
        lookup, an oracle on fields the list never shows.
        """
        filter_specs, has_filters, remaining, use_distinct = super().get_filters(request)
        if remaining:
            raise UnknownFilter
        return filter_specs, has_filters, remaining, use_distinct

    def get_base_queryset(self, request=None):
        queryset = super().get_base_queryset(request)
        if request is None:
            # Only IndexView.get_context_data asks without a request, for "all_count", which
            # the template uses to know whether there are any cases at all (Wagtail no longer
            # shows "n out of all").  Counting every visible case would make each page view
            # cost as much as the whole archive: answer with EXISTS instead.
            return _AnyRows(queryset)
        return queryset

    @property
    def search_term(self):
        return self.request.session.get(SEARCH_SESSION_KEY, "")

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, self.search_term)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["search_term"] = self.search_term
        return context

    # -- export: the filtered, searched list as CSV or XLSX ---------------------------------

    def get_heading(self, queryset, field):
        return EXPORT_COLUMNS[field]

    def to_row_dict(self, item):
        next_due = getattr(item, "next_due", None)
        _, words = traffic_light(next_due, item.is_open)
        return {
            "reference": item.reference,
            "authority": item.authority.name,
            "procedure": item.procedure_slug,
            "stage": STAGE_LABELS[stage_of(item.state)],
            "state": item.get_state_display(),
            "received_on": item.received_on,
            "next_due": next_due if item.is_open else None,
            "due_status": words if next_due is not None and item.is_open else "",
            "owner": getattr(item, "acting_owner_name", None) or "",  # annotated: no query per row
        }


#: The case list's export: the columns an officer scans, no personal data (names, contact
#: details and the complaint itself stay on the case page).
EXPORT_COLUMNS = {
    "reference": "Reference",
    "authority": "Authority",
    "procedure": "Procedure",
    "stage": "Stage",
    "state": "State",
    "received_on": "Received",
    "next_due": "Next due",
    "due_status": "Due status",
    "owner": "Owner",
}


class CaseInspectView(InspectView):
    def dispatch(self, request, *args, **kwargs):
        if not case_policy.user_has_permission_for_instance(request.user, "view", self.instance):
            raise Http404("No such case.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        record_access(self.instance, request.user, AccessKind.CASE_PAGE)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = Complaint.objects.select_related("authority", "config_version").get(pk=self.instance.pk)
        context.update(case_page_context(case))
        context["actions"] = available_actions(case, self.request.user)
        context["records"] = records_context(case, self.request.user)
        if data_protection.user_has_permission_for_authority(self.request.user, "view", case.authority):
            context.update(access_context(case))
            context["subject_access_url"] = reverse(f"{CASES_NAMESPACE}:subject_access", args=[case.pk])
        return context


class ComplaintAdmin(ModelAdmin):
    model = Complaint
    menu_label = _("Cases")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    base_url_path = CASES_URL_PATH
    add_to_admin_menu = True
    inspect_view_enabled = True
    index_view_class = CaseIndexView
    inspect_view_class = CaseInspectView
    permission_helper_class = CasePermissionHelper
    url_helper_class = CaseURLHelper
    button_helper_class = CaseButtonHelper
    index_template_name = "complaints_process/admin/cases/index.html"
    inspect_template_name = "complaints_process/admin/cases/inspect.html"
    list_display = ("reference", "authority", "stage_display", "state_display", "next_due_display", "owner_display")
    list_filter = (AuthorityFilter, ProcedureFilter, StageFilter, StateFilter, DueFilter, OwnerFilter)
    search_fields = ("reference", "complainant_name")
    list_export = tuple(EXPORT_COLUMNS)
    export_filename = "complaint-cases"
    list_select_related = ("authority",)
    list_per_page = 50
    ordering = ("-received_on", "-id")

    def get_queryset(self, request):
        return annotate_cases(case_policy.instances_user_has_permission_for(request.user, "view").select_related("authority"))

    def _refuse_generic(self, request, instance_pk):
        get_visible_case(request.user, instance_pk)  # 404 for a case the user may not see
        return forbidden(request)  # cases change only through the case actions

    def edit_view(self, request, instance_pk):
        return self._refuse_generic(request, instance_pk)

    def delete_view(self, request, instance_pk):
        return self._refuse_generic(request, instance_pk)

    def history_view(self, request, instance_pk):
        case = get_visible_case(request.user, instance_pk)
        if request.method == "GET":
            record_access(case, request.user, AccessKind.HISTORY)
        return super().history_view(request, instance_pk)

    def create_view(self, request):
        return RecordComplaintView.as_view()(request)

    def stage_display(self, obj):
        return STAGE_LABELS[stage_of(obj.state)]

    stage_display.short_description = _("Stage")

    def state_display(self, obj):
        return obj.get_state_display()

    state_display.short_description = _("State")
    state_display.admin_order_field = "state"

    def next_due_display(self, obj):
        next_due = getattr(obj, "next_due", None)
        modifier, words = traffic_light(next_due, obj.is_open)
        if modifier == "none":
            return "—"
        return format_html(
            '<span class="cp-due cp-due--{}"><span class="cp-due__light" aria-hidden="true"></span>'
            '{} <span class="cp-due__words">({})</span></span>',
            modifier,
            next_due.strftime("%-d %b %Y"),
            words,
        )

    next_due_display.short_description = _("Next due")
    next_due_display.admin_order_field = "next_due"

    def owner_display(self, obj):
        if hasattr(obj, "acting_owner_name"):  # annotated by annotate_cases: no query per row
            return obj.acting_owner_name or "—"
        return owner_name(getattr(obj, "acting_owner", None))

    owner_display.short_description = _("Owner")


def owner_name(user_id) -> str:
    """A staff member's name (owner: the case's assigned owner, else the investigating officer
    with an account, else whoever last acted on the case)."""
    if not user_id:
        return "—"
    user = get_user_model().objects.filter(pk=user_id).first()
    return (user.get_full_name() or user.get_username()) if user else "—"


__all__ = ["ComplaintAdmin", "annotate_cases", "case_index_url", "case_url", "traffic_light"]
