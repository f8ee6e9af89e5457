"""Recording on a case what the annual report needs: themes, learning actions, the Ombudsman.

The case page lists the case's themes, learning actions and Ombudsman referrals, with
buttons for complaints officers and managers of the case's authority.  Each record has one
small form (``RECORDS``) on its own page, at ``complaints/cases/<pk>/record/<record>/`` (a
new row) or ``.../<record>/<item_pk>/`` (a row of the case: remove a theme, update a
learning action, record a referral's decision), and calls its service in
``services/cases/learning.py``, which checks everything again in one transaction.

* A case the user may not see answers 404 (``get_visible_case``: another authority's staff,
  editors), and so does a row that is not the case's.
* A user who may see the case but not record (a process administrator) is sent back to the
  case page with the services' own message.
* Invalid input, and anything the service refuses, re-shows the form with what was typed
  and the message beside the field or at the top: nothing is lost.
* A form that changes a row carries what the row looked like when it was opened
  (``item_token``); if someone saved it meanwhile, the form comes back with what was typed
  and a message, instead of overwriting their change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView

import complaints_process.services.cases as svc
from complaints_process.core.config.schema import THEME_MAX_LENGTH
from complaints_process.exceptions import CaseError
from complaints_process.models import CaseTheme, LearningAction, OmbudsmanDecision, OmbudsmanReferral
from complaints_process.permission_policies import cases as case_policy
from complaints_process.services.cases._action import check_permitted
from complaints_process.services.cases.learning import OWNER_MAX_LENGTH, REFERENCE_MAX_LENGTH, theme_choices, theme_suggestions

from .admin_access import get_visible_case
from .admin_actions import DATE_WIDGET, day_field
from .admin_page import AdminPageMixin, case_crumbs
from .admin_urls import case_url


class DatalistInput(forms.TextInput):
    """A text box offering suggestions (``<datalist>``): any text may still be typed."""

    def __init__(self, suggestions=(), attrs=None):
        super().__init__(attrs)
        self.suggestions = list(suggestions)

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or name}-suggestions"
        html = super().render(name, value, {**(attrs or {}), "list": list_id, "autocomplete": "off"}, renderer)
        options = format_html_join("", '<option value="{}"></option>', ((s,) for s in self.suggestions))
        return format_html('{}<datalist id="{}">{}</datalist>', html, list_id, options)


def item_token(item) -> str:
    """What the row looked like when the form was opened (changes whenever it is saved)."""
    values = [str(value) for _, value in sorted(model_to_dict(item).items())]
    return hashlib.sha256("\x1f".join(values).encode()).hexdigest()[:20]


STALE = gettext_lazy(
    "Someone else changed this record since you opened the form. Check what you typed against the case page and save again."
)


class RecordForm(forms.Form):
    """``case``, and ``item``: the case's row the record changes (a hidden ``seen`` token then
    carries what it looked like when the form was opened)."""

    def __init__(self, *args, case=None, item=None, **kwargs):
        self.case = case
        self.item = item
        super().__init__(*args, **kwargs)
        if item is not None:
            self.fields["seen"] = forms.CharField(widget=forms.HiddenInput, initial=item_token(item))


class ThemeForm(RecordForm):
    """A choice from the configured themes, or free text with the authority's themes suggested."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        taken = {theme.casefold() for theme in self.case.themes.values_list("theme", flat=True)}
        configured = theme_choices(self.case)
        choices = [theme for theme in configured if theme.casefold() not in taken]
        if configured:
            self.fields["theme"] = forms.ChoiceField(
                label=gettext_lazy("Theme"),
                choices=[("", gettext_lazy("Choose a theme")), *((theme, theme) for theme in choices)],
                help_text=gettext_lazy("The themes are set in the authority's process configuration."),
            )
        else:
            suggestions = [theme for theme in theme_suggestions(self.case) if theme.casefold() not in taken]
            self.fields["theme"] = forms.CharField(
                label=gettext_lazy("Theme"),
                max_length=THEME_MAX_LENGTH,
                widget=DatalistInput(suggestions),
                help_text=gettext_lazy(
                    "A short category counted in the annual report, such as 'Communication' or 'Delay'. "
                    "Reuse a theme already used where one fits. No names or personal details."
                ),
            )


class ConfirmForm(RecordForm):
    """Nothing to fill in: the button confirms."""


class LearningActionForm(RecordForm):
    action = forms.CharField(
        label=gettext_lazy("What will change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Published in the annual report: no names, nothing that could identify a child or family."),
    )
    owner = forms.CharField(
        label=gettext_lazy("Team or service responsible"),
        max_length=OWNER_MAX_LENGTH,
        help_text=gettext_lazy("A team or service, not a person's name. Published with the action."),
    )
    due_on = forms.DateField(
        label=gettext_lazy("Due by"), widget=DATE_WIDGET, help_text=gettext_lazy("When the change should be in place.")
    )
    theme = forms.ChoiceField(
        label=gettext_lazy("Theme (optional)"),
        required=False,
        help_text=gettext_lazy("One of the case's themes, if the action answers one."),
    )
    agreed_on = day_field(label=gettext_lazy("Agreed on"), help_text=gettext_lazy("Today unless it was agreed earlier."))
    field_order = ["action", "owner", "due_on", "theme", "agreed_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes = list(self.case.themes.values_list("theme", flat=True))
        if self.item is not None and self.item.theme and self.item.theme not in themes:
            themes.append(self.item.theme)  # a theme since removed from the case stays choosable
        self.fields["theme"].choices = [("", gettext("No theme")), *((theme, theme) for theme in themes)]
        if self.item is not None:
            for name in ("action", "owner", "due_on", "theme", "agreed_on"):
                self.fields[name].initial = getattr(self.item, name)
        else:
            self.fields["agreed_on"].initial = timezone.localdate()


class LearningActionUpdateForm(LearningActionForm):
    completed_on = forms.DateField(
        label=gettext_lazy("Done on"),
        required=False,
        widget=DATE_WIDGET,
        help_text=gettext_lazy("The day the change was in place. Leave empty until then."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completed_on"].initial = self.item.completed_on


class ReferralForm(RecordForm):
    referred_on = day_field(
        label=gettext_lazy("Date referred"),
        help_text=gettext_lazy("The day the authority learned that the complainant went to the Ombudsman."),
    )
    reference = forms.CharField(
        label=gettext_lazy("Ombudsman's reference (optional)"),
        required=False,
        max_length=REFERENCE_MAX_LENGTH,
        help_text=gettext_lazy("For example 25 001 234. Kept with the case; never in a report."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referred_on"].initial = timezone.localdate()


class DecisionForm(RecordForm):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"), choices=[("", gettext_lazy("Choose the decision")), *OmbudsmanDecision.choices[1:]]
    )
    decided_on = day_field(
        label=gettext_lazy("Date of the decision"), help_text=gettext_lazy("The date of the Ombudsman's final decision.")
    )
    remedy = forms.CharField(
        label=gettext_lazy("Remedy (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "What the Ombudsman recommended, or the authority agreed, to put things right. "
            "Kept with the case: the report counts decisions with a remedy but never shows this text."
        ),
    )
    remedy_due_on = day_field(
        label=gettext_lazy("Date set for the remedy (optional)"),
        required=False,
        help_text=gettext_lazy("The date by which the Ombudsman asked the authority to carry out the remedy, if it set one."),
    )
    reference = forms.CharField(label=gettext_lazy("Ombudsman's reference"), required=False, max_length=REFERENCE_MAX_LENGTH)
    field_order = ["decision", "decided_on", "remedy", "remedy_due_on", "reference"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        referral = self.item
        self.fields["reference"].initial = referral.reference
        self.fields["decided_on"].initial = referral.decided_on or timezone.localdate()
        if referral.decision:
            self.fields["decision"].initial = referral.decision
            self.fields["remedy"].initial = referral.remedy
            self.fields["remedy_due_on"].initial = referral.remedy_due_on


class ComplianceForm(RecordForm):
    complied_on = day_field(
        label=gettext_lazy("Date carried out"), help_text=gettext_lazy("The day the authority finished carrying out the remedy.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complied_on"].initial = self.item.remedy_complied_on or timezone.localdate()


@dataclass(frozen=True)
class RecordSpec:
    label: str
    form: type[RecordForm]
    run: Callable  # (case, user, cleaned_data, item) -> the row written
    item_model: type | None = None  # the case's row this record changes, if any
    anchor: str = "cp-learning"
    danger: bool = False


RECORDS: dict[str, RecordSpec] = {
    "add_theme": RecordSpec(gettext_lazy("Add a theme"), ThemeForm, lambda c, u, d, i: svc.add_theme(c, user=u, theme=d["theme"])),
    "remove_theme": RecordSpec(
        gettext_lazy("Remove this theme"),
        ConfirmForm,
        lambda c, u, d, i: svc.remove_theme(c, user=u, theme=i),
        item_model=CaseTheme,
        danger=True,
    ),
    "record_learning_action": RecordSpec(
        gettext_lazy("Record a learning action"),
        LearningActionForm,
        lambda c, u, d, i: svc.record_learning_action(
            c, user=u, action=d["action"], owner=d["owner"], due_on=d["due_on"], theme=d["theme"], agreed_on=d["agreed_on"]
        ),
    ),
    "update_learning_action": RecordSpec(
        gettext_lazy("Update the learning action"),
        LearningActionUpdateForm,
        lambda c, u, d, i: svc.update_learning_action(
            c,
            user=u,
            learning_action=i,
            action=d["action"],
            owner=d["owner"],
            due_on=d["due_on"],
            theme=d["theme"],
            agreed_on=d["agreed_on"],
            completed_on=d["completed_on"],
        ),
        item_model=LearningAction,
    ),
    "record_ombudsman_referral": RecordSpec(
        gettext_lazy("Record an Ombudsman referral"),
        ReferralForm,
        lambda c, u, d, i: svc.record_ombudsman_referral(c, user=u, referred_on=d["referred_on"], reference=d["reference"]),
        anchor="cp-ombudsman",
    ),
    "record_ombudsman_decision": RecordSpec(
        gettext_lazy("Record the Ombudsman's decision"),
        DecisionForm,
        lambda c, u, d, i: svc.record_ombudsman_decision(
            c,
            user=u,
            referral=i,
            decision=d["decision"],
            decided_on=d["decided_on"],
            remedy=d["remedy"],
            reference=d["reference"],
            remedy_due_on=d["remedy_due_on"],
        ),
        item_model=OmbudsmanReferral,
        anchor="cp-ombudsman",
    ),
    "record_remedy_compliance": RecordSpec(
        gettext_lazy("Record that the remedy was carried out"),
        ComplianceForm,
        lambda c, u, d, i: svc.record_remedy_compliance(c, user=u, referral=i, complied_on=d["complied_on"]),
        item_model=OmbudsmanReferral,
        anchor="cp-ombudsman",
    ),
}


def record_url(case, record: str, item=None) -> str:
    if item is None:
        return reverse("complaints_cases:record", args=[case.pk, record])
    return reverse("complaints_cases:record_item", args=[case.pk, record, item.pk])


def describe_item(item) -> str:
    """How the form page names the row it changes (no personal data: these rows hold none)."""
    if isinstance(item, CaseTheme):
        return gettext("Theme: %(theme)s") % {"theme": item.theme}
    if isinstance(item, LearningAction):
        return gettext("Learning action agreed %(date)s") % {"date": f"{item.agreed_on:%-d %B %Y}"}
    if isinstance(item, OmbudsmanReferral):
        date = f"{item.referred_on:%-d %B %Y}"
        if item.reference:
            return gettext("Referral of %(date)s (reference %(reference)s)") % {"date": date, "reference": item.reference}
        return gettext("Referral of %(date)s") % {"date": date}
    return ""


def records_context(case, user) -> dict:
    """The case page's "Themes and learning" and "The Ombudsman" sections."""
    may = {name: case_policy.user_may_act(user, case.authority, name) for name in RECORDS}
    today = timezone.localdate()
    themes = list(case.themes.all())
    taken = {theme.theme.casefold() for theme in themes}
    configured = theme_choices(case)
    can_add_theme = may["add_theme"] and (not configured or any(t.casefold() not in taken for t in configured))
    return {
        "themes": [
            {"theme": t, "remove_url": record_url(case, "remove_theme", t) if may["remove_theme"] else "", "seen": item_token(t)}
            for t in themes
        ],
        "themes_configured": bool(configured),
        "learning_actions": [
            {
                "action": a,
                "edit_url": record_url(case, "update_learning_action", a) if may["update_learning_action"] else "",
                "overdue": a.overdue(today),
            }
            for a in case.learning_actions.all()
        ],
        "referrals": [
            {
                "referral": r,
                "decision_url": record_url(case, "record_ombudsman_decision", r) if may["record_ombudsman_decision"] else "",
                "compliance_url": record_url(case, "record_remedy_compliance", r) if r.remedy and may["record_remedy_compliance"] else "",
                "remedy_overdue": r.remedy_overdue(today),
            }
            for r in case.ombudsman_referrals.all()
        ],
        "add_theme_url": record_url(case, "add_theme") if can_add_theme else "",
        "add_learning_url": record_url(case, "record_learning_action") if may["record_learning_action"] else "",
        "add_referral_url": record_url(case, "record_ombudsman_referral") if may["record_ombudsman_referral"] else "",
    }


class CaseRecordView(AdminPageMixin, TemplateView):
    template_name = "complaints_process/admin/cases/case_record.html"
    header_icon = "folder-open-inverse"

    def dispatch(self, request, pk, record, item_pk=None):
        if record not in RECORDS:
            raise Http404(gettext("No such record."))
        self.case = get_visible_case(request.user, pk)  # 404 for other authorities' cases and editors
        self.record = record
        self.spec = RECORDS[record]
        self.item = None
        if (self.spec.item_model is None) != (item_pk is None):
            raise Http404(gettext("No such record."))
        if self.spec.item_model is not None:
            self.item = self.spec.item_model.objects.filter(case=self.case, pk=item_pk).first()
            if self.item is None:
                raise Http404(gettext("No such record on this case."))
        return super().dispatch(request, pk, record)

    def get_page_title(self):
        return self.spec.label

    def get_page_subtitle(self):
        return self.case.reference

    def case_url(self):
        return f"{case_url(self.case)}#{self.spec.anchor}"

    def parent_crumbs(self):
        return case_crumbs(self.case)

    def refused(self, request):
        """Why the user may not record this (they may see the case): None if they may."""
        try:
            check_permitted(request.user, self.case.authority, self.record)
        except CaseError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(self.case_url())
        return None

    def build_form(self, data=None):
        return self.spec.form(data, case=self.case, item=self.item)

    def get(self, request, *args, **kwargs):
        return self.refused(request) or self.render_to_response(self.get_context_data(form=self.build_form()))

    def post(self, request, *args, **kwargs):
        refused = self.refused(request)
        if refused:
            return refused
        form = self.build_form(request.POST)
        if self.item is not None and form.data.get("seen") != item_token(self.item):
            # Changed meanwhile: show the form again with what was typed and a fresh token.
            data = request.POST.copy()
            data["seen"] = item_token(self.item)
            form = self.build_form(data)
            form.is_valid()
            form.add_error(None, STALE)
        elif form.is_valid():
            try:
                self.spec.run(self.case, request.user, form.cleaned_data, self.item)
            except CaseError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, gettext("{action}: done.").format(action=self.spec.label))
                return HttpResponseRedirect(self.case_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case=self.case, spec=self.spec, item_description=describe_item(self.item), case_url=self.case_url())
        return context
