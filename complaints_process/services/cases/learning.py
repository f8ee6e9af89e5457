"""What staff record on a case for the annual report: themes, learning actions, the Ombudsman.

One function per action, each through ``case_action(..., record_only=True)`` (``_action.py``):
the user must be a complaints officer or manager of the case's authority (``permission_policies.cases``),
the case row is locked, everything happens in one transaction, and a ``CaseEvent`` goes on
the case timeline and into Wagtail's audit log.  Unlike the procedure's steps, these are
allowed on a closed case (themes and learning are usually agreed at closure, and the
Ombudsman comes after it), may be dated any day from receipt to today, and never stop a
procedure step being recorded on an earlier day.

* ``add_theme`` / ``remove_theme``: a case's themes.  Where the case's procedure in the
  authority's **current** config lists ``themes``, a theme must be one of them (matched
  without regard to case or spacing, stored with the config's spelling).  The current config,
  not the case's pinned version: a theme list is the authority's reporting vocabulary, and
  every case counted in a year's report must use the same one.  Where no list is configured,
  any short label is accepted, and one that matches a theme already used on the authority's
  cases of the procedure takes its spelling ("delay" becomes "Delay"), so counts do not split.
* ``record_learning_action`` / ``update_learning_action``: what will change, the team or
  service that owns it, when it is due, when it was done; optionally linked to one of the
  case's themes.  The text and owner are published in the annual report.
* ``record_ombudsman_referral`` / ``record_ombudsman_decision``: the day the authority learned
  of the referral and the Ombudsman's reference; the decision, its date, any remedy and the
  date the Ombudsman set for carrying it out.
* ``record_remedy_compliance``: the day the authority finished carrying out the remedy (the
  report counts remedies complied with, on time or late, and those still outstanding).

Each returns the row it wrote.  Errors are ``InvalidAction`` / ``NotPermitted`` /
``ConflictError`` with messages safe to show, and change nothing.
"""

from __future__ import annotations

import re
from datetime import date

from complaints_process.core.config.schema import THEME_MAX_LENGTH
from complaints_process.exceptions import InvalidAction
from complaints_process.models import CaseTheme, Complaint, LearningAction, OmbudsmanDecision, OmbudsmanReferral

from ._action import case_action, check_record_day, require_text

OWNER_MAX_LENGTH = LearningAction._meta.get_field("owner").max_length
REFERENCE_MAX_LENGTH = OmbudsmanReferral._meta.get_field("reference").max_length
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./-]*$")


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


# Themes -------------------------------------------------------------------------------------


def theme_choices(case: Complaint) -> tuple[str, ...]:
    """The themes configured for the case's procedure in the authority's current config
    (falling back to the case's pinned version if the procedure is no longer there); empty
    when none are configured, and staff then type themes freely."""
    version = case.authority.current_version()
    for config in (version.config() if version is not None else None, case.config()):
        if config is None:
            continue
        try:
            return config.procedure(case.procedure_slug).themes
        except KeyError:
            continue
    return ()


def theme_suggestions(case: Complaint) -> list[str]:
    """Themes already used on the authority's cases of this procedure (for free text)."""
    used = CaseTheme.objects.filter(case__authority_id=case.authority_id, case__procedure_slug=case.procedure_slug)
    return sorted(set(used.values_list("theme", flat=True)), key=str.casefold)


def normalise_theme(case: Complaint, text: str) -> str:
    """The theme as it will be stored, or InvalidAction (see the module docstring)."""
    theme = _words(text)
    choices = theme_choices(case)
    if not theme:
        raise InvalidAction("Choose a theme." if choices else "Type a theme, for example 'Communication'.")
    if choices:
        match = next((choice for choice in choices if choice.casefold() == theme.casefold()), None)
        if match is None:
            raise InvalidAction(f"'{theme}' is not one of this authority's themes. Choose one of: {', '.join(choices)}.")
        return match
    if len(theme) > THEME_MAX_LENGTH:
        raise InvalidAction(f"A theme is a short category of at most {THEME_MAX_LENGTH} characters, such as 'Communication'.")
    return next((used for used in theme_suggestions(case) if used.casefold() == theme.casefold()), theme)


def add_theme(case: Complaint, *, user, theme: str, on: date | None = None) -> CaseTheme:
    with case_action(case, user, "add_theme", on=on, record_only=True) as act:
        label = normalise_theme(act.case, theme)
        if any(existing.casefold() == label.casefold() for existing in act.case.themes.values_list("theme", flat=True)):
            raise InvalidAction(f"This case already has the theme '{label}'.")
        row = CaseTheme.objects.create(case=act.case, theme=label)
        act.record(reason=label, data={"theme": label, "case_theme": row.pk})
    return row


def remove_theme(case: Complaint, *, user, theme: CaseTheme | int, on: date | None = None) -> CaseTheme:
    with case_action(case, user, "remove_theme", on=on, record_only=True) as act:
        row = act.case.themes.filter(pk=getattr(theme, "pk", theme)).first()
        if row is None:
            raise InvalidAction("That theme is not on this case.")
        label = row.theme
        row.delete()
        act.record(reason=label, data={"theme": label})
    return row


# Learning actions ---------------------------------------------------------------------------


def _learning_fields(
    case: Complaint, *, action: str, owner: str, due_on: date | None, theme: str, agreed_on: date, kept_theme: str = ""
) -> dict:
    """The checked fields of a learning action.  ``theme``: one of the case's themes, or the
    action's own ``kept_theme`` (a theme since removed from the case stays on its actions)."""
    action = require_text(action, "description of what will change")
    owner = _words(require_text(owner, "team or service responsible for the change"))
    if len(owner) > OWNER_MAX_LENGTH:
        raise InvalidAction(f"The team or service responsible is at most {OWNER_MAX_LENGTH} characters.")
    if due_on is None:
        raise InvalidAction("A due date is required: when the change should be in place.")
    if due_on < agreed_on:
        raise InvalidAction("The due date cannot be before the day the action was agreed.")
    theme = _words(theme)
    if theme:
        allowed = [*case.themes.values_list("theme", flat=True), *([kept_theme] if kept_theme else [])]
        match = next((t for t in allowed if t.casefold() == theme.casefold()), None)
        if match is None:
            raise InvalidAction(f"'{theme}' is not a theme of this case: add the theme to the case first, or leave it empty.")
        theme = match
    return {"action": action, "owner": owner, "due_on": due_on, "theme": theme}


def _check_completed(completed_on: date | None, agreed_on: date) -> None:
    if completed_on is not None and completed_on < agreed_on:
        raise InvalidAction("The day it was done cannot be before the day it was agreed.")


def record_learning_action(
    case: Complaint, *, user, action: str, owner: str, due_on: date | None, theme: str = "", agreed_on: date | None = None
) -> LearningAction:
    """A service improvement agreed because of the case (``agreed_on``: default today)."""
    with case_action(case, user, "record_learning_action", on=agreed_on, record_only=True) as act:
        fields = _learning_fields(act.case, action=action, owner=owner, due_on=due_on, theme=theme, agreed_on=act.on)
        row = LearningAction.objects.create(case=act.case, agreed_on=act.on, **fields)
        act.record(
            reason=fields["action"],
            data={"learning_action": row.pk, "owner": fields["owner"], "due_on": due_on.isoformat(), "theme": fields["theme"]},
        )
    return row


def update_learning_action(
    case: Complaint,
    *,
    user,
    learning_action: LearningAction | int,
    action: str,
    owner: str,
    due_on: date | None,
    theme: str = "",
    agreed_on: date | None = None,
    completed_on: date | None = None,
) -> LearningAction:
    """Change a learning action, or record it done (``completed_on``).  Dated the day it was
    done when this marks it done, else today."""
    pk = getattr(learning_action, "pk", learning_action)
    row = LearningAction.objects.filter(case_id=case.pk, pk=pk).first()
    newly_done = row is not None and completed_on is not None and row.completed_on is None
    with case_action(case, user, "update_learning_action", on=completed_on if newly_done else None, record_only=True) as act:
        row = LearningAction.objects.select_for_update().filter(case=act.case, pk=pk).first()
        if row is None:
            raise InvalidAction("That learning action is not on this case.")
        agreed_on = agreed_on or row.agreed_on
        check_record_day(act.case, agreed_on)
        fields = _learning_fields(
            act.case, action=action, owner=owner, due_on=due_on, theme=theme, agreed_on=agreed_on, kept_theme=row.theme
        )
        if completed_on is not None:
            check_record_day(act.case, completed_on)
        _check_completed(completed_on, agreed_on)
        for name, value in {**fields, "agreed_on": agreed_on, "completed_on": completed_on}.items():
            setattr(row, name, value)
        row.save()
        act.record(
            reason=fields["action"],
            data={
                "learning_action": row.pk,
                "owner": row.owner,
                "due_on": row.due_on.isoformat(),
                "completed_on": completed_on.isoformat() if completed_on else None,
                "done": newly_done,
            },
        )
    return row


# The Ombudsman ------------------------------------------------------------------------------


def _reference(text: str | None) -> str:
    reference = _words(text)
    if not reference:
        return ""
    if len(reference) > REFERENCE_MAX_LENGTH or not _REFERENCE.match(reference):
        raise InvalidAction(
            f"The Ombudsman's reference is up to {REFERENCE_MAX_LENGTH} letters, digits, spaces, '/', '.' or '-', for example 25 001 234."
        )
    return reference


def record_ombudsman_referral(case: Complaint, *, user, referred_on: date | None, reference: str = "") -> OmbudsmanReferral:
    """The complainant took the case to the Ombudsman (``referred_on``: the day the authority
    learned of it)."""
    if referred_on is None:
        raise InvalidAction("The date of the referral is required.")
    with case_action(case, user, "record_ombudsman_referral", on=referred_on, record_only=True) as act:
        reference = _reference(reference)
        if reference and act.case.ombudsman_referrals.filter(reference__iexact=reference).exists():
            raise InvalidAction(f"A referral with the Ombudsman's reference {reference} is already recorded on this case.")
        row = OmbudsmanReferral.objects.create(case=act.case, referred_on=act.on, reference=reference)
        act.record(data={"referral": row.pk})  # the reference stays on the row only (anonymising clears it there)
    return row


def _locked_referral(case: Complaint, referral: OmbudsmanReferral | int) -> OmbudsmanReferral:
    """The case's referral (a row or its id), locked for the action; refused if it is not the case's."""
    row = OmbudsmanReferral.objects.select_for_update().filter(case=case, pk=getattr(referral, "pk", referral)).first()
    if row is None:
        raise InvalidAction("That Ombudsman referral is not on this case.")
    return row


def record_ombudsman_decision(
    case: Complaint,
    *,
    user,
    referral: OmbudsmanReferral | int,
    decision: str,
    decided_on: date | None,
    remedy: str = "",
    reference: str | None = None,
    remedy_due_on: date | None = None,
) -> OmbudsmanReferral:
    """The Ombudsman's decision on a referral (recording it again corrects it).  ``reference``:
    set or correct the Ombudsman's reference at the same time (None leaves it).
    ``remedy_due_on``: the date the Ombudsman set for carrying out the remedy (only with a
    remedy).  A decision recorded again without a remedy clears the remedy's dates."""
    if decision not in OmbudsmanDecision.values or decision == OmbudsmanDecision.PENDING:
        raise InvalidAction("Choose the Ombudsman's decision.")
    if decided_on is None:
        raise InvalidAction("The date of the decision is required.")
    remedy = (remedy or "").strip()
    if remedy_due_on is not None and not remedy:
        raise InvalidAction("A date for the remedy needs the remedy itself.")
    if remedy_due_on is not None and remedy_due_on < decided_on:
        raise InvalidAction("The date set for the remedy cannot be before the decision.")
    with case_action(case, user, "record_ombudsman_decision", on=decided_on, record_only=True) as act:
        row = _locked_referral(act.case, referral)
        if act.on < row.referred_on:
            raise InvalidAction(f"The decision cannot be dated before the referral ({row.referred_on:%-d %B %Y}).")
        if reference is not None:
            reference = _reference(reference)
            if reference and act.case.ombudsman_referrals.exclude(pk=row.pk).filter(reference__iexact=reference).exists():
                raise InvalidAction(f"Another referral on this case has the Ombudsman's reference {reference}.")
            row.reference = reference
        if row.remedy_complied_on is not None and remedy and row.remedy_complied_on < act.on:
            raise InvalidAction(
                f"The remedy is recorded as carried out on {row.remedy_complied_on:%-d %B %Y}: the decision cannot be dated after that."
            )
        row.decision = decision
        row.decided_on = act.on
        row.remedy = remedy
        row.remedy_due_on = remedy_due_on if remedy else None
        if not remedy:
            row.remedy_complied_on = None
        row.save()
        act.record(
            reason=OmbudsmanDecision(decision).label,
            data={
                "referral": row.pk,
                "decision": decision,
                "remedy": bool(row.remedy),
                "remedy_due_on": row.remedy_due_on.isoformat() if row.remedy_due_on else None,
            },
        )
    return row


def record_remedy_compliance(case: Complaint, *, user, referral: OmbudsmanReferral | int, complied_on: date | None) -> OmbudsmanReferral:
    """The authority finished carrying out the Ombudsman's remedy on ``complied_on`` (recording
    it again corrects the day).  The referral must have a decision with a remedy."""
    if complied_on is None:
        raise InvalidAction("The day the remedy was carried out is required.")
    with case_action(case, user, "record_remedy_compliance", on=complied_on, record_only=True) as act:
        row = _locked_referral(act.case, referral)
        if not row.remedy:
            raise InvalidAction("No remedy is recorded on this referral: record the Ombudsman's decision with its remedy first.")
        if act.on < row.decided_on:
            raise InvalidAction(f"The remedy cannot be carried out before the decision ({row.decided_on:%-d %B %Y}).")
        row.remedy_complied_on = act.on
        row.save(update_fields=["remedy_complied_on"])
        on_time = row.remedy_on_time
        act.record(
            reason="Remedy carried out" + ("" if on_time else f" after the date set ({row.remedy_due_on:%-d %B %Y})"),
            data={"referral": row.pk, "remedy_due_on": row.remedy_due_on.isoformat() if row.remedy_due_on else None, "on_time": on_time},
        )
    return row
