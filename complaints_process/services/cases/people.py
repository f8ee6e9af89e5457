"""The people on a case: its owner, and the people a stage needs (Investigating Officer,
Independent Person, panel).

The roles a stage may have, and how many of each, come from the stage's ``roles`` in the
case's config (statutory stage 2: one investigating officer, one independent person; stage 3:
a chair and two members).  The rule ``stage2_independent_person_not_on_panel`` (reg. 19(3))
refuses to seat the stage 2 Independent Person on the review panel (same email, or the same
name where no email is given).
"""

from __future__ import annotations

from complaints_process.exceptions import InvalidAction
from complaints_process.models import Appointment, AppointmentRole, Complaint
from complaints_process.permission_policies import cases as case_policy

from ._action import case_action, require_text

PANEL_ROLES = (AppointmentRole.PANEL_CHAIR, AppointmentRole.PANEL_MEMBER)


def _same_person(appointment: Appointment, name: str, email: str) -> bool:
    if email and appointment.person_email:
        return email.casefold() == appointment.person_email.casefold()
    return name.casefold() == appointment.person_name.casefold()


def assign_owner(case: Complaint, *, user, owner, on=None) -> Complaint:
    """Make ``owner`` (a complaints officer or manager of the case's authority) responsible for
    the case; reminders and overdue alerts then go to them."""
    with case_action(case, user, "assign_owner", on=on, fsm=False) as act:
        if owner is None or not case_policy.user_has_permission_for_authority(owner, "own", act.case.authority):
            raise InvalidAction("The owner must be a complaints officer or manager of the case's authority.")
        act.case.owner = owner
        act.case.save(update_fields=["owner", "updated_at"])
        act.record(data={"owner": owner.pk})
    return act.case


def appoint(
    case: Complaint, *, user, role: str, person_name: str, person_email: str = "", stage: str | None = None, person_user=None, on=None
) -> Complaint:
    with case_action(case, user, "appoint", on=on, fsm=False) as act:
        case = act.case
        stage = stage or case.stage_key
        person_name = require_text(person_name, "name for the person appointed")
        try:
            stage_config = case.procedure().stage(stage or "")
        except KeyError:
            raise InvalidAction("Appointments can be made only to a stage of the case's procedure.")
        allowed = stage_config.roles.count(role)
        if allowed == 0:
            raise InvalidAction("That role is not part of this stage in the case's procedure.")
        if case.appointments.filter(stage=stage, role=role).count() >= allowed:
            raise InvalidAction("Every place in that role at this stage is already filled.")
        rules = stage_config.role_rules
        if "stage2_independent_person_not_on_panel" in rules and role in PANEL_ROLES:
            ips = case.appointments.filter(stage="stage2", role=AppointmentRole.INDEPENDENT_PERSON)
            if any(_same_person(ip, person_name, person_email) for ip in ips):
                raise InvalidAction("The stage 2 Independent Person cannot sit on the review panel.")
        appointment = Appointment.objects.create(
            case=case, stage=stage, role=role, person_name=person_name, person_email=person_email, user=person_user, appointed_on=act.on
        )
        act.record(data={"role": role, "stage": stage, "appointment": appointment.pk})
    return act.case
