"""In Chromium, cases whose procedures have other shapes than the English statutory one are
worked from filing to closure in the admin:

* a Scottish council on the SPSO model complaints handling procedure, whose stage 2 counts
  from the request itself: the request starts the stage;
* a Welsh council under the 2014 Regulations, whose stage 1 has a step between the
  acknowledgement and the response (a discussion with the complainant), recorded with its
  own button, date and note.

Browser set-up and the demo site: ``conftest.py``.
"""

from django.utils import timezone

from complaints_process import services
from complaints_process.core.config import load_authority_text
from complaints_process.models import CaseState, Complaint
from complaints_process.services.configs import publish_config
from complaints_process.services.teams import ensure_authority_teams
from tests.browser.conftest import BROWSER_MARKS, REPO, log_in, staff

pytestmark = BROWSER_MARKS

AUTHORITIES = {
    "glenmoray": ("Glenmoray Council", "GLM", "scotland", "social-work", "base/spso-model-chp"),
    "afonwen": ("Afonwen County Council", "AFW", "wales", "social-services", "base/social-services-wales-2014"),
}


def publish(slug):
    name, prefix, nation, procedure, template = AUTHORITIES[slug]
    text = (
        f"authority: {{slug: {slug}, name: {name}, reference_prefix: {prefix}, calendar: {{nation: {nation}}}}}\n"
        f"procedures:\n  - slug: {procedure}\n    extends: {template}\n"
    )
    config = load_authority_text(text, name=f"{slug}.yaml", configs_root=REPO / "process_configs")
    authority = publish_config(config, source_text=text, source_name=f"{slug}.yaml").version.authority
    ensure_authority_teams(authority)
    return authority


def file(authority):
    return services.cases.file_complaint(
        authority,
        user=None,
        points=["Nobody came to the review meeting."],
        received_on=timezone.localdate(),
        complainant_relationship="child",
        complainant_name="Sam Example",
        complainant_email="sam@example.org",
        service="Social work",
        what_happened="Nobody came to the review meeting.",
    )


def open_case(page, site, case):
    page.goto(f"{site}/admin/complaints/cases/")
    page.locator(f"text={case.reference}").first.click()
    page.wait_for_load_state()


def act(page, name, *, note=None, **choices):
    """Press the case page's button for ``name``, fill the action's form and submit it."""
    page.locator(f"a[data-action={name}]").click()
    page.wait_for_load_state()
    for field, value in choices.items():
        page.select_option(f"#id_{field}", value)
    if note is not None:
        page.fill("#id_reason", note)
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.locator("form button[type=submit]").last.click()
    assert posted.value.status < 400, f"{name} was refused ({posted.value.status})"
    page.wait_for_load_state()


def buttons(page):
    return page.locator("a[data-action]").evaluate_all("links => links.map(link => link.dataset.action)")


def state(case):
    return Complaint.objects.get(pk=case.pk).state


def test_spso_case_whose_stage2_counts_from_the_request_is_worked_to_closure(site, browser):
    authority = publish("glenmoray")
    officer = staff(authority, "complaints_officer", "officer")
    manager = staff(authority, "complaints_manager", "manager")
    case = file(authority)

    page = log_in(browser, site, officer)
    open_case(page, site, case)
    act(page, "accept")
    act(page, "respond", point_1="not_upheld", sent_by="email")
    act(page, "escalate")
    # The request starts the investigation: no statement or acknowledgement is waited for.
    assert state(case) == CaseState.STAGE2
    assert "Stage 2 in progress" in page.content()
    assert "respond" not in buttons(page)  # the request is acknowledged first
    act(page, "acknowledge_escalation")
    act(page, "respond", point_1="upheld", sent_by="email")
    assert state(case) == CaseState.STAGE2_RESPONDED
    assert "escalate" not in buttons(page)  # the SPSO is the next step, not another stage

    page = log_in(browser, site, manager)
    open_case(page, site, case)
    act(page, "close")
    closed = Complaint.objects.get(pk=case.pk)
    assert (closed.state, closed.ombudsman_name) == (CaseState.CLOSED, "Scottish Public Services Ombudsman")
    assert not closed.deadlines.open().exists()


def test_welsh_case_with_a_discussion_between_acknowledgement_and_response_is_worked_to_closure(site, browser):
    authority = publish("afonwen")
    officer = staff(authority, "complaints_officer", "officer")
    manager = staff(authority, "complaints_manager", "manager")
    case = file(authority)

    page = log_in(browser, site, officer)
    open_case(page, site, case)
    act(page, "accept")
    act(page, "acknowledge")
    # The discussion is the next step: the response waits for it.
    assert "respond" not in buttons(page)
    step = page.locator("a[data-action=record_step]")
    assert step.inner_text().strip() == "Record: Discussion held with the complainant"
    act(page, "record_step", note="Met the family at home.")
    recorded = Complaint.objects.get(pk=case.pk)
    assert recorded.last_step == "stage1.discussion_held"
    assert recorded.deadlines.get(clock_key="stage1.discussion").status == "met"
    assert recorded.events.get(event_key="stage1.discussion_held").reason == "Met the family at home."
    assert "Discussion held with the complainant" in page.content()  # on the timeline
    act(page, "respond", point_1="partly_upheld", sent_by="email")
    act(page, "escalate")
    assert state(case) == CaseState.STAGE2
    act(page, "respond", point_1="upheld", sent_by="email")

    page = log_in(browser, site, manager)
    open_case(page, site, case)
    act(page, "close")
    closed = Complaint.objects.get(pk=case.pk)
    assert (closed.state, closed.ombudsman_name) == (CaseState.CLOSED, "Public Services Ombudsman for Wales")
    assert [key for key in closed.events.values_list("event_key", flat=True) if key] == [
        "received",
        "acknowledged",
        "stage1.discussion_held",
        "stage1.responded",
        "stage2.requested",
        "stage2.responded",
    ]
