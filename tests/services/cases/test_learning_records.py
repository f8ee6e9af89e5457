"""Recording themes, learning actions and Ombudsman referrals: one service per action, each
checked for the user's team at the case's authority, in one transaction, on the timeline and
in Wagtail's audit log; allowed on a closed case; never in the way of the procedure's steps."""

from datetime import date

import pytest
from wagtail.models import ModelLogEntry

from complaints_process.exceptions import InvalidAction, NotPermitted
from complaints_process.models import CaseEvent, CaseTheme, LearningAction, OmbudsmanReferral
from complaints_process.services.cases.learning import theme_choices
from tests.factories import UserFactory, publish_seed

D = date(2026, 3, 2)


def with_themes(*themes, slug="walsall"):
    """Republish the seed with a theme list on its (first) procedure."""
    listed = ", ".join(themes)

    def change(text):
        marker = "    extends: base/statutory-england-2006\n"
        return text.replace(marker, f"{marker}    themes: [{listed}]\n", 1)

    return publish_seed(slug, text_change=change)


@pytest.fixture
def walsall(seed):
    return seed("walsall")


@pytest.fixture
def officer(walsall):
    return UserFactory(teams=[(walsall, "complaints_officer")])


@pytest.fixture
def case(walsall, make_case):
    return make_case(authority=walsall, received_on=D)


def last_log(case):
    return ModelLogEntry.objects.filter(object_id=str(case.pk)).order_by("id").last()


def test_each_record_is_an_event_and_an_audit_log_entry(case, officer, svc):
    theme = svc.add_theme(case, user=officer, theme="  Communication ", on=date(2026, 3, 20))
    assert theme.theme == "Communication"
    event = CaseEvent.objects.filter(case=case).last()
    assert (event.action, event.user, event.occurred_on, event.reason) == ("add_theme", officer, date(2026, 3, 20), "Communication")
    assert event.from_state == event.to_state == "received"
    entry = last_log(case)
    assert entry.action == "complaints_process.case.add_theme" and entry.user_id == officer.pk
    assert entry.message == "Theme added"

    action = svc.record_learning_action(
        case,
        user=officer,
        action="Managers check call-backs weekly.",
        owner="Fostering service",
        due_on=date(2026, 6, 30),
        theme="communication",
        agreed_on=date(2026, 3, 25),
    )
    assert (action.theme, action.owner, action.agreed_on, action.due_on, action.completed_on) == (
        "Communication",
        "Fostering service",
        date(2026, 3, 25),
        date(2026, 6, 30),
        None,
    )
    assert last_log(case).action == "complaints_process.case.record_learning_action"

    done = svc.update_learning_action(
        case,
        user=officer,
        learning_action=action,
        action=action.action,
        owner="Fostering service",
        due_on=action.due_on,
        theme="Communication",
        completed_on=date(2026, 5, 1),
    )
    assert done.completed_on == date(2026, 5, 1)
    event = CaseEvent.objects.filter(case=case, action="update_learning_action").get()
    assert event.occurred_on == date(2026, 5, 1) and event.data["done"] is True

    referral = svc.record_ombudsman_referral(case, user=officer, referred_on=date(2026, 4, 1), reference="25 001 234")
    decided = svc.record_ombudsman_decision(
        case, user=officer, referral=referral, decision="upheld", decided_on=date(2026, 9, 1), remedy="An apology and £150."
    )
    assert (decided.decision, decided.decided_on, decided.reference, decided.remedy) == (
        "upheld",
        date(2026, 9, 1),
        "25 001 234",
        "An apology and £150.",
    )
    assert last_log(case).message == "Ombudsman's decision received"
    actions = list(CaseEvent.objects.filter(case=case).exclude(action="file").values_list("action", flat=True))
    assert sorted(actions) == sorted(
        ["add_theme", "record_learning_action", "update_learning_action", "record_ombudsman_referral", "record_ombudsman_decision"]
    )

    svc.remove_theme(case, user=officer, theme=theme)
    assert not CaseTheme.objects.filter(case=case).exists()
    assert last_log(case).action == "complaints_process.case.remove_theme"


@pytest.mark.parametrize("role", ["editor", "process_administrator"])
def test_only_complaints_officers_and_managers_of_the_authority_record(role, case, walsall, seed, svc):
    for user in (UserFactory(teams=[(walsall, role)]), UserFactory(teams=[(seed("hampshire"), "complaints_manager")]), None):
        with pytest.raises(NotPermitted):
            svc.add_theme(case, user=user, theme="Delay")
        with pytest.raises(NotPermitted):
            svc.record_ombudsman_referral(case, user=user, referred_on=date(2026, 4, 1))
        with pytest.raises(NotPermitted):
            svc.record_learning_action(case, user=user, action="x", owner="y", due_on=date(2026, 5, 1))
    assert not CaseEvent.objects.filter(case=case).exclude(action="file").exists()
    manager = UserFactory(teams=[(walsall, "complaints_manager")])
    assert svc.add_theme(case, user=manager, theme="Delay").theme == "Delay"


def test_records_are_allowed_on_a_closed_case_and_never_block_an_earlier_step(case, officer, svc):
    svc.add_theme(case, user=officer, theme="Delay", on=date(2026, 3, 30))
    # A theme recorded on 30 March does not stop the officer recording the acceptance of 3 March.
    case = svc.accept(case, user=officer, on=date(2026, 3, 3))
    case = svc.withdraw(case, user=officer, on=date(2026, 3, 31))
    assert not case.is_open
    referral = svc.record_ombudsman_referral(case, user=officer, referred_on=date(2026, 5, 4))
    assert referral.case_id == case.pk
    svc.record_learning_action(case, user=officer, action="Clearer letters.", owner="Complaints team", due_on=date(2027, 9, 1))


def test_refused_records_change_nothing_and_say_why(case, officer, svc, make_case):
    before = CaseEvent.objects.count()

    def refused(call, message, **kwargs):
        with pytest.raises(InvalidAction, match=message):
            call(case, user=officer, **kwargs)

    refused(svc.add_theme, "Type a theme", theme="   ")
    refused(svc.add_theme, "at most 80", theme="x" * 81)
    refused(svc.add_theme, "cannot be in the future", theme="Delay", on=date(2027, 7, 1))
    refused(svc.add_theme, "before the complaint was received", theme="Delay", on=date(2026, 3, 1))
    common = {"action": "Clearer letters.", "owner": "Complaints team", "due_on": date(2026, 7, 1), "agreed_on": date(2026, 4, 1)}
    refused(svc.record_learning_action, "description of what will change is required", **{**common, "action": " "})
    refused(svc.record_learning_action, "team or service responsible", **{**common, "owner": ""})
    refused(svc.record_learning_action, "due date is required", **{**common, "due_on": None})
    refused(svc.record_learning_action, "cannot be before the day the action was agreed", **{**common, "agreed_on": date(2026, 7, 2)})
    refused(svc.record_learning_action, "not a theme of this case", **common, theme="Delay")
    refused(svc.record_ombudsman_referral, "reference is up to 40", referred_on=date(2026, 4, 1), reference="=cmd|' /C calc'!A0")
    refused(svc.record_ombudsman_referral, "date of the referral is required", referred_on=None)
    assert CaseEvent.objects.count() == before
    assert not (CaseTheme.objects.exists() or LearningAction.objects.exists() or OmbudsmanReferral.objects.exists())

    svc.add_theme(case, user=officer, theme="Delay")
    refused(svc.add_theme, "already has the theme 'Delay'", theme="delay")
    referral = svc.record_ombudsman_referral(case, user=officer, referred_on=date(2026, 4, 1), reference="25 001 234")
    refused(svc.record_ombudsman_referral, "already recorded", referred_on=date(2026, 4, 2), reference="25 001 234")
    refused(svc.record_ombudsman_decision, "Choose the Ombudsman's decision", referral=referral, decision="", decided_on=date(2026, 5, 1))
    refused(svc.record_ombudsman_decision, "before the referral", referral=referral, decision="upheld", decided_on=date(2026, 3, 31))

    other_case = make_case(authority=case.authority, received_on=D)
    other = svc.record_ombudsman_referral(other_case, user=officer, referred_on=date(2026, 4, 1))
    refused(svc.record_ombudsman_decision, "not on this case", referral=other, decision="upheld", decided_on=date(2026, 5, 1))


def test_free_text_themes_take_the_spelling_already_in_use(walsall, make_case, officer, svc):
    first = make_case(authority=walsall, received_on=D)
    second = make_case(authority=walsall, received_on=D)
    svc.add_theme(first, user=officer, theme="Staff attitude")
    assert theme_choices(second) == ()
    assert svc.add_theme(second, user=officer, theme="staff   ATTITUDE").theme == "Staff attitude"


def test_configured_themes_are_the_only_choices_and_come_from_the_current_config(walsall, make_case, officer, svc):
    old_case = make_case(authority=walsall, received_on=D)  # pinned to the version without themes
    with_themes("Communication", "Delay", "Staff attitude")
    assert theme_choices(old_case) == ("Communication", "Delay", "Staff attitude")
    assert svc.add_theme(old_case, user=officer, theme="delay").theme == "Delay"
    with pytest.raises(InvalidAction, match="not one of this authority's themes. Choose one of: Communication, Delay, Staff attitude"):
        svc.add_theme(old_case, user=officer, theme="Money")


def test_a_learning_action_keeps_its_theme_after_the_theme_leaves_the_case(case, officer, svc):
    theme = svc.add_theme(case, user=officer, theme="Delay")
    action = svc.record_learning_action(
        case, user=officer, action="Weekly checks.", owner="Complaints team", due_on=date(2026, 9, 1), theme="Delay", agreed_on=D
    )
    svc.remove_theme(case, user=officer, theme=theme)
    kept = svc.update_learning_action(
        case,
        user=officer,
        learning_action=action,
        action="Weekly checks, logged.",
        owner="Complaints team",
        due_on=date(2026, 9, 1),
        theme="Delay",
    )
    assert (kept.theme, kept.action) == ("Delay", "Weekly checks, logged.")
    with pytest.raises(InvalidAction, match="not a theme of this case"):
        svc.record_learning_action(
            case, user=officer, action="Another.", owner="Complaints team", due_on=date(2026, 9, 1), theme="Delay", agreed_on=D
        )


def test_an_ombudsman_remedy_has_a_date_set_and_the_day_it_was_carried_out(case, officer, svc):
    referral = svc.record_ombudsman_referral(case, user=officer, referred_on=date(2026, 4, 1), reference="25 001 234")

    def refused(call, message, **kwargs):
        with pytest.raises(InvalidAction, match=message):
            call(case, user=officer, referral=referral, **kwargs)

    decision = {"decision": "upheld", "decided_on": date(2026, 5, 1)}
    refused(svc.record_ombudsman_decision, "needs the remedy itself", **decision, remedy="", remedy_due_on=date(2026, 6, 1))
    refused(
        svc.record_ombudsman_decision, "cannot be before the decision", **decision, remedy="An apology.", remedy_due_on=date(2026, 4, 30)
    )
    refused(svc.record_remedy_compliance, "No remedy is recorded", complied_on=date(2026, 5, 20))
    svc.record_ombudsman_decision(case, user=officer, referral=referral, decision="not_upheld", decided_on=date(2026, 5, 1))
    refused(svc.record_remedy_compliance, "No remedy is recorded", complied_on=date(2026, 5, 20))

    referral = svc.record_ombudsman_decision(
        case, user=officer, referral=referral, **decision, remedy="An apology.", remedy_due_on=date(2026, 6, 1)
    )
    assert (referral.remedy_due_on, referral.remedy_complied_on) == (date(2026, 6, 1), None)
    refused(svc.record_remedy_compliance, "before the decision", complied_on=date(2026, 4, 30))
    refused(svc.record_remedy_compliance, "is required", complied_on=None)
    refused(svc.record_remedy_compliance, "cannot be in the future", complied_on=date(2027, 7, 1))
    referral.refresh_from_db()
    assert referral.remedy_complied_on is None

    referral = svc.record_remedy_compliance(case, user=officer, referral=referral, complied_on=date(2026, 6, 3))
    assert referral.remedy_complied_on == date(2026, 6, 3)
    event = CaseEvent.objects.filter(case=case).last()
    assert (event.action, event.occurred_on, event.data["on_time"]) == ("record_remedy_compliance", date(2026, 6, 3), False)
    assert event.reason == "Remedy carried out after the date set (1 June 2026)"
    assert last_log(case).action == "complaints_process.case.record_remedy_compliance"
    # The decision cannot then be moved after the day the remedy was carried out; recorded
    # again without a remedy, the remedy's dates go with it.
    refused(
        svc.record_ombudsman_decision, "carried out on 3 June 2026", decision="upheld", decided_on=date(2026, 6, 4), remedy="An apology."
    )
    referral = svc.record_ombudsman_decision(case, user=officer, referral=referral, decision="not_upheld", decided_on=date(2026, 5, 1))
    assert (referral.remedy, referral.remedy_due_on, referral.remedy_complied_on) == ("", None, None)
