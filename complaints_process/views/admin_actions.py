"""Actions on a case in the admin: the buttons and one small form per action.

The buttons on a case page come from the state machine: the transitions available in the
case's state, under its procedure's conditions, to this user
(``get_available_user_state_transitions``), plus the actions that are not transitions
(appoint, stop and restart a clock) where they can apply.  Each action has a form for what
its service needs and calls that service, which checks everything again in one transaction.
A refused or conflicting action shows the service's message and changes nothing.

Concurrency: each form carries the case as the officer saw it (state, number of events,
``updated_at``: ``case_token``); if the case
changed since, the action is refused with the services' ``ConflictError`` message (and
the services' own row lock catches a race after that check).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView

import complaints_process.services.cases as svc
from complaints_process.actions import ACTIONS as CASE_ACTIONS
from complaints_process.core.clocks import DELIVERY_METHODS
from complaints_process.exceptions import CaseError, ConflictError
from complaints_process.models import AppointmentRole, Outcome, PauseReason, RefusalGround
from complaints_process.permission_policies import cases as case_policy
from complaints_process.services.cases._action import check_legal, check_permitted
from complaints_process.services.cases.clock_stops import pause_allowed
from complaints_process.services.cases.stages import EXTENSION_CONFIRMATIONS, extension_clock, extension_requires
from complaints_process.services.notifications import preview_extension

from .admin_access import get_visible_case
from .admin_page import AdminPageMixin, case_crumbs
from .admin_urls import case_url


def case_token(case) -> str:
    """What the officer saw: the case's state, how many events it had, when it last changed."""
    return f"{case.state}:{case.events.count()}:{case.updated_at.isoformat()}"


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


DAY_LABEL = gettext_lazy("Date it happened")
DAY_HELP = gettext_lazy("Today unless it happened earlier.")


def day_field(label=DAY_LABEL, required=True, help_text=DAY_HELP):
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, help_text=help_text)


class ActionForm(forms.Form):
    """Base form: the day the action happened, and the concurrency token."""

    seen = forms.CharField(widget=forms.HiddenInput)
    on = day_field()

    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        self.fields["seen"].initial = case_token(case) if case is not None else ""


class ReasonForm(ActionForm):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class OptionalReasonForm(ActionForm):
    reason = forms.CharField(label=gettext_lazy("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class StepForm(OptionalReasonForm):
    """A step of the procedure that no other action records (a discussion held, ...): its
    date and a note.  ``event_key`` names the step the officer saw, so a form for a step
    already recorded by someone else is refused."""

    event_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["event_key"].initial = case.next_step() if case is not None else ""


class RefuseForm(ReasonForm):
    ground = forms.ChoiceField(label=gettext_lazy("Why it is not accepted"), choices=RefusalGround.choices)
    field_order = ["ground", "reason", "on"]


class ExtendForm(ActionForm):
    """The message the complainant is sent (previewed before it goes), a note for staff only,
    the new date, and a box for each thing the procedure's extension requires."""

    reason = forms.CharField(
        label=gettext_lazy("Message to the complainant: why we need more time"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Emailed to the complainant word for word. You will see the email before it is sent."),
    )
    note = forms.CharField(
        label=gettext_lazy("Internal note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Kept on the case for staff. Never sent to the complainant."),
    )
    new_due = forms.DateField(
        label=gettext_lazy("New date for the response"),
        required=False,
        widget=DATE_WIDGET,
        help_text=gettext_lazy("Leave empty to extend to the longest time the procedure allows (where it sets one)."),
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        deadline, clock = extension_clock(case)
        requires = extension_requires(clock)
        if deadline is not None and ("new_date" in requires or deadline.extension_unbounded or deadline.extension_limit is None):
            self.fields["new_due"].required = True
            self.fields["new_due"].help_text = gettext_lazy("This procedure needs the date by which the response will be sent.")
        emailed = bool(case.complainant_email)
        for key in requires:
            if key in EXTENSION_CONFIRMATIONS:
                self.fields[f"confirm_{key}"] = forms.BooleanField(
                    label=EXTENSION_CONFIRMATIONS[key],
                    help_text=(
                        gettext("The procedure requires it. The email with your message counts if the complainant reads email.")
                        if emailed and key in ("complainant_told", "in_writing")
                        else gettext("The procedure requires it.")
                    ),
                    error_messages={
                        "required": gettext("Confirm this before extending: %(confirmation)s.")
                        % {"confirmation": EXTENSION_CONFIRMATIONS[key].lower()}
                    },
                )
        self.order_fields(["reason", "note", "new_due", *[name for name in self.fields if name.startswith("confirm_")], "on"])

    def confirmed(self):
        return [name.removeprefix("confirm_") for name, value in self.cleaned_data.items() if name.startswith("confirm_") and value]

    def preview(self):
        """The email the complainant will get, or None if they will get none."""
        deadline, _ = extension_clock(self.case)
        new_due = self.cleaned_data.get("new_due") or (deadline.extension_limit if deadline is not None else None)
        return preview_extension(self.case, reason=self.cleaned_data["reason"].strip(), new_due=new_due)


class RespondForm(ActionForm):
    """One outcome per point of complaint, and how the response was sent."""

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        for point in case.points.all():
            self.fields[f"point_{point.number}"] = forms.ChoiceField(
                label=gettext("Point {number}: {summary}").format(number=point.number, summary=point.summary[:120]),
                choices=[("", gettext("Choose an outcome")), *Outcome.choices],
            )
        self.fields["on"].label = gettext_lazy("Sent on")
        rules = case.procedure().receipt
        if rules and self.with_sent_by:
            self.fields["sent_by"] = forms.ChoiceField(
                label=gettext_lazy("How it was sent"),
                choices=[
                    ("", gettext_lazy("Choose how it was sent")),
                    *((r.method, f"{DELIVERY_METHODS.get(r.method, r.method)} (received {r.text})") for r in rules),
                ],
                help_text=gettext_lazy(
                    "The complainant's time to ask for the next stage counts from the day they are taken to receive it."
                ),
            )

    with_sent_by = True

    def sent_by(self):
        return self.cleaned_data.get("sent_by") or None

    def outcomes(self):
        return {int(name.removeprefix("point_")): value for name, value in self.cleaned_data.items() if name.startswith("point_")}


class PanelReportForm(RespondForm):
    """The review panel's finding on each point of complaint, as its report states it."""

    with_sent_by = False

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        for name, field in self.fields.items():
            if name.startswith("point_"):
                field.choices = [("", gettext("Choose the panel's finding")), *Outcome.choices]
        self.fields["on"].label = gettext_lazy("Report sent on")


class ConveneForm(ActionForm):
    meeting_on = forms.DateField(label=gettext_lazy("Panel meeting date"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = gettext_lazy("Notice sent on")


class RerouteForm(ReasonForm):
    procedure_slug = forms.ChoiceField(label=gettext_lazy("Move to procedure"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["procedure_slug"].choices = [(p.slug, p.name) for p in case.config().procedures if p.slug != case.procedure_slug]


def pausable(case):
    """(deadline, reasons) for each running clock that may be stopped."""
    found = []
    for deadline in case.deadlines.open().filter(procedure_slug=case.procedure_slug):
        if deadline.open_pause is not None:
            continue
        reasons = [reason for reason in PauseReason if pause_allowed(case, deadline, reason)]
        if reasons:
            found.append((deadline, reasons))
    return found


def paused(case):
    return [d for d in case.deadlines.open().filter(procedure_slug=case.procedure_slug) if d.open_pause is not None]


class PauseForm(ActionForm):
    clock_key = forms.ChoiceField(label=gettext_lazy("Clock to stop"))
    pause_reason = forms.ChoiceField(label=gettext_lazy("Why"), choices=PauseReason.choices)
    note = forms.CharField(label=gettext_lazy("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["clock_key"].choices = [(d.clock_key, d.label) for d, _ in pausable(case)]


class ResumeForm(ActionForm):
    clock_key = forms.ChoiceField(label=gettext_lazy("Clock to restart"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["clock_key"].choices = [(d.clock_key, d.label) for d in paused(case)]


def open_roles(case):
    """The roles of the case's current stage with places left."""
    stage_key = case.stage_key
    if not stage_key:
        return []
    try:
        stage = case.procedure().stage(stage_key)
    except KeyError:
        return []
    roles = []
    for role in dict.fromkeys(stage.roles):
        if role in AppointmentRole.values and case.appointments.filter(stage=stage_key, role=role).count() < stage.roles.count(role):
            roles.append(role)
    return roles


class AppointForm(ActionForm):
    role = forms.ChoiceField(label=gettext_lazy("Role"))
    person_name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    person_email = forms.EmailField(label=gettext_lazy("Email (optional)"), required=False)
    field_order = ["role", "person_name", "person_email", "on"]

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["role"].choices = [(role, AppointmentRole(role).label) for role in open_roles(case)]


def case_workers(case):
    """The authority's complaints officers and managers: who may own the case."""
    return case_policy.team_members_with_permission("own", case.authority).order_by("first_name", "last_name", "username")


class AssignOwnerForm(ActionForm):
    owner = forms.ModelChoiceField(
        label=gettext_lazy("Owner"), queryset=None, help_text=gettext_lazy("Reminders and overdue alerts go to the owner.")
    )
    field_order = ["owner", "on"]

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["owner"].queryset = case_workers(case)
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class ActionSpec:
    """How the admin takes one action of the registry (``complaints_process.actions``): its
    form and the service call.  Label, kind and danger come from the registry."""

    key: str
    form: type[ActionForm]
    run: Callable
    #: The form's ``preview()`` shows what the complainant will be sent; the action runs only
    #: when the officer sends the form again with the preview they saw unchanged.
    previewed: bool = False

    @property
    def action(self):
        return CASE_ACTIONS[self.key]

    @property
    def label(self) -> str:
        return self.action.label

    @property
    def danger(self) -> bool:
        return self.action.danger

    @property
    def fsm(self) -> bool:
        return self.action.is_transition


def _on(f):
    return f.cleaned_data.get("on")


def _specs(*specs: ActionSpec) -> dict[str, ActionSpec]:
    """The admin's actions, in the registry's order."""
    by_key = {spec.key: spec for spec in specs}
    return {key: by_key[key] for key in CASE_ACTIONS if key in by_key}


ACTIONS: dict[str, ActionSpec] = _specs(
    ActionSpec("accept", ActionForm, lambda c, u, f: svc.accept(c, user=u, on=_on(f))),
    ActionSpec("acknowledge", ActionForm, lambda c, u, f: svc.acknowledge(c, user=u, on=_on(f))),
    ActionSpec(
        "refuse",
        RefuseForm,
        lambda c, u, f: svc.refuse(c, user=u, ground=f.cleaned_data["ground"], reason=f.cleaned_data["reason"], on=_on(f)),
    ),
    ActionSpec("handle_outside", ReasonForm, lambda c, u, f: svc.handle_outside(c, user=u, reason=f.cleaned_data["reason"], on=_on(f))),
    ActionSpec(
        "extend",
        ExtendForm,
        lambda c, u, f: svc.extend(
            c,
            user=u,
            reason=f.cleaned_data["reason"],
            note=f.cleaned_data["note"],
            new_due=f.cleaned_data.get("new_due"),
            confirmed=f.confirmed(),
            on=_on(f),
        ),
        previewed=True,
    ),
    ActionSpec("respond", RespondForm, lambda c, u, f: svc.respond(c, user=u, outcomes=f.outcomes(), on=_on(f), sent_by=f.sent_by())),
    ActionSpec("escalate", ActionForm, lambda c, u, f: svc.escalate(c, user=u, on=_on(f))),
    ActionSpec("lapse", ActionForm, lambda c, u, f: svc.lapse(c, user=u, on=_on(f))),
    ActionSpec("agree_statement", ActionForm, lambda c, u, f: svc.agree_statement(c, user=u, on=_on(f))),
    ActionSpec("acknowledge_escalation", ActionForm, lambda c, u, f: svc.acknowledge_escalation(c, user=u, on=_on(f))),
    ActionSpec(
        "convene_panel",
        ConveneForm,
        lambda c, u, f: svc.convene_panel(c, user=u, meeting_on=f.cleaned_data["meeting_on"], notice_sent_on=_on(f)),
    ),
    ActionSpec("record_panel_met", ActionForm, lambda c, u, f: svc.record_panel_met(c, user=u, on=_on(f))),
    ActionSpec(
        "record_panel_report", PanelReportForm, lambda c, u, f: svc.record_panel_report(c, user=u, outcomes=f.outcomes(), on=_on(f))
    ),
    ActionSpec("record_authority_response", ActionForm, lambda c, u, f: svc.record_authority_response(c, user=u, on=_on(f))),
    ActionSpec(
        "record_step",
        StepForm,
        lambda c, u, f: svc.record_step(c, user=u, event_key=f.cleaned_data["event_key"], note=f.cleaned_data["reason"], on=_on(f)),
    ),
    ActionSpec(
        "reroute",
        RerouteForm,
        lambda c, u, f: svc.reroute(c, user=u, procedure_slug=f.cleaned_data["procedure_slug"], reason=f.cleaned_data["reason"], on=_on(f)),
    ),
    ActionSpec("close", OptionalReasonForm, lambda c, u, f: svc.close(c, user=u, reason=f.cleaned_data["reason"], on=_on(f))),
    ActionSpec("withdraw", OptionalReasonForm, lambda c, u, f: svc.withdraw(c, user=u, reason=f.cleaned_data["reason"], on=_on(f))),
    ActionSpec(
        "appoint",
        AppointForm,
        lambda c, u, f: svc.appoint(
            c,
            user=u,
            role=f.cleaned_data["role"],
            person_name=f.cleaned_data["person_name"],
            person_email=f.cleaned_data["person_email"],
            on=_on(f),
        ),
    ),
    ActionSpec("assign_owner", AssignOwnerForm, lambda c, u, f: svc.assign_owner(c, user=u, owner=f.cleaned_data["owner"], on=_on(f))),
    ActionSpec(
        "pause_clock",
        PauseForm,
        lambda c, u, f: svc.pause_clock(
            c, user=u, clock_key=f.cleaned_data["clock_key"], reason=f.cleaned_data["pause_reason"], note=f.cleaned_data["note"], on=_on(f)
        ),
    ),
    ActionSpec("resume_clock", ResumeForm, lambda c, u, f: svc.resume_clock(c, user=u, clock_key=f.cleaned_data["clock_key"], on=_on(f))),
)

_NON_FSM_APPLIES = {
    "appoint": open_roles,
    "assign_owner": lambda case: case_workers(case).exists(),
    "pause_clock": pausable,
    "resume_clock": paused,
}


def available_actions(case, user) -> list[dict]:
    """The actions ``user`` may take on ``case`` now, in the machine's order, as buttons."""
    names = []
    for transition in case.get_available_user_state_transitions(user):
        if transition.name in ACTIONS and transition.name not in names:
            names.append(transition.name)
    if case.is_open:
        for name, applies in _NON_FSM_APPLIES.items():
            if case_policy.user_may_act(user, case.authority, name) and applies(case):
                names.append(name)
    order = list(ACTIONS)
    names.sort(key=order.index)
    return [
        {
            "name": name,
            "label": action_label(case, name),
            "danger": ACTIONS[name].danger,
            "url": reverse("complaints_cases:action", args=[case.pk, name]),
        }
        for name in names
    ]


def action_label(case, name: str) -> str:
    """The button's label: ``record_step`` names the step it records."""
    if name == "record_step" and case.next_step():
        return f"Record: {case.event_label(case.next_step())}"
    return ACTIONS[name].label


def refusal_message(case, user, action: str) -> str:
    """Why ``action`` is not available, in the services' own words."""
    spec = ACTIONS[action]
    try:
        check_permitted(user, case.authority, action)
        if spec.fsm:
            check_legal(case, action, user)
        elif not case.is_open:
            return gettext("This case is closed.")
    except CaseError as error:
        return str(error)
    return f"'{spec.label}' cannot be done on this case now."


def preview_key(preview) -> str:
    """A digest of the message shown: the action runs only if what was previewed is sent."""
    text = "" if preview is None else f"{preview.subject}\n{preview.text}"
    return hashlib.sha256(text.encode()).hexdigest()[:20]


class CaseActionView(AdminPageMixin, TemplateView):
    template_name = "complaints_process/admin/cases/action.html"
    header_icon = "folder-open-inverse"

    def dispatch(self, request, pk, action):
        if action not in ACTIONS:
            raise Http404(gettext("No such action."))
        self.case = get_visible_case(request.user, pk)  # 404 for other authorities' cases and editors
        self.action = action
        self.spec = ACTIONS[action]
        return super().dispatch(request, pk, action)

    def get_page_title(self):
        return action_label(self.case, self.action)

    def get_page_subtitle(self):
        return self.case.reference

    def parent_crumbs(self):
        return case_crumbs(self.case)

    def case_url(self):
        return case_url(self.case)

    def is_available(self):
        return self.action in {item["name"] for item in available_actions(self.case, self.request.user)}

    def get(self, request, *args, **kwargs):
        if not self.is_available():
            messages.error(request, refusal_message(self.case, request.user, self.action))
            return HttpResponseRedirect(self.case_url())
        return self.render_to_response(self.get_context_data(form=self.spec.form(case=self.case)))

    def post(self, request, *args, **kwargs):
        form = self.spec.form(request.POST, case=self.case)
        if not form.is_valid():
            if "seen" in form.errors:
                messages.error(request, gettext("The form was incomplete. Reload the case and try again."))
                return HttpResponseRedirect(self.case_url())
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            if form.cleaned_data["seen"] != case_token(self.case):
                raise ConflictError()
            if not self.is_available():
                messages.error(request, refusal_message(self.case, request.user, self.action))
                return HttpResponseRedirect(self.case_url())
            if self.spec.previewed:
                preview = form.preview()
                key = preview_key(preview)
                if request.POST.get("previewed") != key:
                    return self.render_to_response(self.get_context_data(form=form, preview=preview, preview_key=key))
            self.spec.run(self.case, request.user, form)
        except ConflictError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(self.case_url())
        except CaseError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(form=form, error=str(error)), status=400)
        messages.success(request, gettext("{action}: done.").format(action=action_label(self.case, self.action)))
        return HttpResponseRedirect(self.case_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            case=self.case, spec=self.spec, action=self.action, label=action_label(self.case, self.action), case_url=self.case_url()
        )
        return context
