"""Publishing a corrected config frees the cases the old version stranded (``services/cases/versions.py``).

The stranding version is stored as a version published before validation refused empty stages
could have been (the walk check is switched off while it is loaded).  Dates are counted by hand,
day 0 the event's day; England 2026-27: Christmas Day Friday 25 December, Boxing Day (Saturday)
observed Monday 28 December, New Year's Day Friday 1 January.
"""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from complaints_process import dates
from complaints_process.core.config import load_authority_text, walkable
from complaints_process.models import Authority, CaseEvent, Complaint
from complaints_process.services import cases as svc
from complaints_process.services.configs import publish_config
from tests.management.commands.test_process_config_walk import STUCK

# Stage 2 has no event of its own: once asked for, nothing can be recorded in it.
STRANDING = STUCK
# The correction: stage 2 "answered within 20 working days of the request".
CORRECTED = STUCK.replace(
    "      stage2.requested: {label: Stage 2 requested}\n",
    "      stage2.requested: {label: Stage 2 requested}\n      stage2.responded: {label: Stage 2 response sent}\n",
) + (
    "          response: {label: Stage 2 response, from: stage2.requested, due: within 20 working days, met_by: stage2.responded}\n"
)

POINTS = ("A point of complaint.",)
DETAILS = {"complainant_name": "A", "complainant_relationship": "child", "service": "S", "what_happened": "W"}


def act(day, service, case, **kwargs):
    with dates.as_of(day):
        return service(case, **kwargs)


@pytest.fixture
def stranded(monkeypatch, configs_copy):
    """A case at stage 2 under the stranding version, and a case still at stage 1 beside it."""
    monkeypatch.setattr(walkable, "walk_problems", lambda procedure: [])
    publish_config(load_authority_text(STRANDING, name="stuck.yaml"), source_text=STRANDING, source_name="stuck.yaml")
    monkeypatch.undo()
    authority = Authority.objects.get(slug="stuck")
    user = get_user_model().objects.create(username="manager", is_superuser=True, is_active=True)
    # Received Friday 4 December 2026; "within 10 working days": 7-11 (5), 14-18 (10).
    with dates.as_of(date(2026, 12, 4)):
        case = svc.file_complaint(authority, user=None, points=POINTS, received_on=date(2026, 12, 4), procedure_slug="corporate", **DETAILS)
        waiting = svc.file_complaint(
            authority, user=None, points=POINTS, received_on=date(2026, 12, 4), procedure_slug="corporate", **DETAILS
        )
    case = act(date(2026, 12, 4), svc.accept, case, user=user)
    waiting = act(date(2026, 12, 4), svc.accept, waiting, user=user)
    case = act(date(2026, 12, 14), svc.respond, case, user=user, outcomes={1: "upheld"})
    case = act(date(2026, 12, 15), svc.escalate, case, user=user)
    assert (case.state, case.next_step()) == ("stage2", None)  # stranded
    return authority, user, case, waiting


def assert_freed_and_workable(case, waiting, user):
    case = Complaint.objects.get(pk=case.pk)
    assert case.config_version.number == 2
    assert Complaint.objects.get(pk=waiting.pk).config_version.number == 1  # not stranded: stays
    # Every event kept, and the move recorded.
    assert list(case.events.order_by("id").values_list("action", flat=True)) == [
        "file",
        "accept",
        "respond",
        "escalate",
        "move_to_version",
    ]
    moved = CaseEvent.objects.get(case=case, action="move_to_version")
    # "within 20 working days" of the request, Tuesday 15 December: 16-18 (3), 21-24 (7),
    # 29-31 (10; Christmas and Boxing Day's Monday not counted), 4-8 January (15; New
    # Year's Day not counted), 11-15 January (20): Friday 15 January 2027.
    assert moved.data == {
        "from_version": 1,
        "to_version": 2,
        "deadlines": [{"clock": "stage2.response", "started": "2026-12-15", "due_after": "2027-01-15"}],
    }
    deadline = case.deadlines.get(clock_key="stage2.response")
    assert (deadline.starts, deadline.due) == (date(2026, 12, 15), date(2027, 1, 15))
    assert case.next_step() == "stage2.responded"
    case = act(date(2027, 1, 15), svc.respond, case, user=user, outcomes={1: "upheld"})
    case = act(date(2027, 1, 15), svc.close, case, user=user)
    assert case.state == "closed"
    deadline.refresh_from_db()
    assert (deadline.met_on, deadline.on_time) == (date(2027, 1, 15), True)


@pytest.mark.django_db
def test_publishing_a_corrected_config_moves_the_stranded_case_to_it(stranded):
    authority, user, case, waiting = stranded
    result = publish_config(load_authority_text(CORRECTED, name="stuck.yaml"), source_text=CORRECTED, source_name="stuck.yaml")
    assert [c.pk for c in result.freed] == [case.pk]
    assert_freed_and_workable(case, waiting, user)


@pytest.mark.django_db
def test_process_config_load_of_the_corrected_file_frees_the_case_and_says_so(stranded, configs_copy):
    authority, user, case, waiting = stranded
    path = configs_copy / "stuck.yaml"
    path.write_text(CORRECTED)
    out = StringIO()
    call_command("process_config", "load", str(path), stdout=out, stderr=StringIO())
    assert f"stuck: v2 (new version); 1 stranded case moved to it: {case.reference}" in out.getvalue()
    assert_freed_and_workable(case, waiting, user)


@pytest.mark.django_db
def test_a_new_version_that_does_not_free_the_case_leaves_it_where_it_is(stranded):
    authority, user, case, waiting = stranded
    still = STRANDING.replace("Stage 2\n", "Stage 2 (renamed)\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(walkable, "walk_problems", lambda procedure: [])
        result = publish_config(load_authority_text(still, name="stuck.yaml"), source_text=still, source_name="stuck.yaml")
    assert result.created and result.freed == []
    assert Complaint.objects.get(pk=case.pk).config_version.number == 1
