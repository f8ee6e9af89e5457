"""Team isolation: every admin and API route that touches a case refuses another authority's
officer (and editors) with 403 or 404, and changes nothing (nor the case's themes, learning
actions or Ombudsman referrals).

Routes are enumerated from the URL configuration, not listed by hand: a new case route is
picked up here automatically, and one whose parameters this test does not know fails it.
"""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import complaints_process.services.cases as svc
from complaints_process.modeladmin import case_index_url
from complaints_process.models import Attachment, CaseEvent, CaseTheme, LearningAction, OmbudsmanReferral
from complaints_process.views.admin_actions import ACTIONS
from complaints_process.views.admin_records import RECORDS

pytestmark = pytest.mark.django_db

ADMIN_CASE_ROUTE_NAMES = ("complaints_cases:",)
#: API routes that do not touch a case (the published procedures), checked by name so a new
#: case route cannot hide among them.
API_PUBLIC_ROUTE_NAMES = {"authority_list", "authority_detail", "procedure_detail", "procedure_timeline", "openapi-json", "openapi-view"}
REFUSED = {403, 404}


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            pattern.full_name = f"{namespace}{pattern.name}" if pattern.name else None
            yield prefix + str(pattern.pattern), pattern


def case_routes():
    return [(route, p) for route, p in walk(get_resolver().url_patterns) if p.full_name and p.full_name.startswith(ADMIN_CASE_ROUTE_NAMES)]


def api_routes():
    return [(route, p) for route, p in walk(get_resolver().url_patterns) if route.startswith("api/complaints/v1/") and p.name]


def urls_for(pattern, case, rows):
    """Every URL of ``pattern`` aimed at ``case`` (one per action for the action route, one
    per record for the record routes, aimed at the case's own rows)."""
    names = set(pattern.pattern.regex.groupindex)
    known = {"pk", "instance_pk", "action", "attachment_pk", "reference", "record", "item_pk"}
    assert names <= known, f"{pattern.name}: teach this test the parameters {names - known}"
    kwargs = {}
    if "pk" in names:
        kwargs["pk"] = case.pk
    if "instance_pk" in names:
        kwargs["instance_pk"] = case.pk
    if "attachment_pk" in names:
        kwargs["attachment_pk"] = rows[Attachment].pk
    if "reference" in names:
        kwargs["reference"] = case.reference
    if "action" in names:
        return [reverse(pattern.full_name, kwargs=kwargs | {"action": action}) for action in ACTIONS]
    if "record" in names:
        urls = []
        for record, spec in RECORDS.items():
            if ("item_pk" in names) != (spec.item_model is not None):
                continue
            extra = {"record": record} | ({"item_pk": rows[spec.item_model].pk} if spec.item_model else {})
            urls.append(reverse(pattern.full_name, kwargs=kwargs | extra))
        assert urls, f"{pattern.name}: no record fits its parameters"
        return urls
    return [reverse(pattern.full_name, kwargs=kwargs)]


@pytest.fixture
def target(walsall_case, officer):
    """The Walsall case, with an attachment, a theme, a learning action and a referral."""
    attachment = Attachment(case=walsall_case, original_name="recording.mp3", content_type="audio/mpeg")
    attachment.file.save("isolation-test.mp3", ContentFile(b"ID3 not really audio"), save=True)
    rows = {
        Attachment: attachment,
        CaseTheme: svc.add_theme(walsall_case, user=officer, theme="Communication"),
        LearningAction: svc.record_learning_action(
            walsall_case, user=officer, action="Call-backs checked weekly.", owner="Fostering service", due_on=date(2026, 6, 30)
        ),
        OmbudsmanReferral: svc.record_ombudsman_referral(walsall_case, user=officer, referred_on=date(2026, 3, 9), reference="25 000 001"),
    }
    walsall_case.refresh_from_db()
    return walsall_case, rows


#: Valid input for every action and record form: a refusal must come from the route, not
#: from the form.
PAYLOAD = {
    "seen": "x",
    "on": "2026-03-10",
    "reason": "x",
    "q": "x",
    "theme": "Delay",
    "action": "Outsider's action",
    "owner": "Outsiders",
    "due_on": "2026-04-30",
    "agreed_on": "2026-03-10",
    "completed_on": "2026-03-10",
    "referred_on": "2026-03-10",
    "reference": "99 999 999",
    "decision": "upheld",
    "decided_on": "2026-03-10",
    "remedy": "x",
}


def snapshot(case):
    case.refresh_from_db()
    return (
        case.state,
        case.updated_at,
        CaseEvent.objects.filter(case=case).count(),
        case.deadlines.count(),
        sorted(case.themes.values_list("theme", flat=True)),
        list(case.learning_actions.values_list("action", "owner", "due_on", "completed_on")),
        list(case.ombudsman_referrals.values_list("referred_on", "reference", "decision", "decided_on", "remedy")),
    )


def test_the_enumeration_finds_the_case_routes():
    names = {p.full_name for _, p in case_routes()}
    assert {"complaints_cases:index", "complaints_cases:inspect", "complaints_cases:action"} <= names
    assert {"complaints_cases:attachment", "complaints_cases:subject_access"} <= names
    assert {"complaints_cases:record", "complaints_cases:record_item"} <= names  # themes, learning, Ombudsman


@pytest.mark.parametrize("who", ["other_officer", "other_manager", "editor"])
def test_every_admin_case_route_refuses_outsiders(request, who, as_user, target, officer):
    case, rows = target
    client = as_user(request.getfixturevalue(who))
    before = snapshot(case)
    checked = 0
    for _route, pattern in case_routes():
        if pattern.name in ("index", "create"):
            continue  # lists and the intake form: below
        for url in urls_for(pattern, case, rows):
            for method in ("get", "post"):
                response = getattr(client, method)(url, PAYLOAD)
                assert response.status_code in REFUSED, f"{who} {method.upper()} {url} -> {response.status_code}"
                for secret in (case.reference, case.complainant_name, "Communication", "Call-backs checked", "25 000 001"):
                    assert secret not in response.content.decode()
                checked += 1
    assert checked >= 2 * (len(ACTIONS) + len(RECORDS) + 5)
    assert snapshot(case) == before
    # The list (and its search) never shows the case.
    response = client.post(case_index_url(), {"q": case.reference})
    listing = client.get(case_index_url())
    assert listing.status_code in {200, 403}
    # (The search box shows the term typed; the case must not appear anywhere else.)
    assert case.reference not in listing.content.decode().replace(f'value="{case.reference}"', "")
    # The intake form cannot be pointed at another authority.
    create = reverse("complaints_cases:create")
    walsall = case.authority.pk
    assert client.get(create, {"authority": walsall}).status_code in REFUSED
    assert client.post(create, {"authority": walsall, "complainant_name": "x"}).status_code in REFUSED
    assert snapshot(case) == before


def test_the_same_authority_officer_is_not_refused(as_user, officer, target):
    """The control: the routes above do answer for the case's own officer."""
    case, rows = target
    client = as_user(officer)
    assert client.get(reverse("complaints_cases:inspect", args=[case.pk])).status_code == 200
    assert client.get(reverse("complaints_cases:attachment", args=[case.pk, rows[Attachment].pk])).status_code == 200
    assert client.get(reverse("complaints_cases:action", args=[case.pk, "accept"])).status_code == 200
    for route in case_routes():
        if route[1].full_name.startswith("complaints_cases:record"):
            for url in urls_for(route[1], case, rows):
                assert client.get(url).status_code == 200, url


def test_a_row_of_another_case_is_not_found_through_this_case(as_user, officer, target, walsall):
    """Same authority, but the theme / action / referral belongs to another case: 404."""
    from tests.factories import ComplaintFactory

    case, rows = target
    other = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))
    client = as_user(officer)
    for record, spec in RECORDS.items():
        if spec.item_model is None:
            continue
        url = reverse("complaints_cases:record_item", args=[other.pk, record, rows[spec.item_model].pk])
        assert client.get(url).status_code == 404
        assert client.post(url, PAYLOAD).status_code == 404
    assert client.get(reverse("complaints_cases:record", args=[case.pk, "delete_everything"])).status_code == 404


def test_the_same_authority_manager_may_export_the_case(as_user, manager, target):
    """The control for the subject access routes, which need a complaints manager."""
    case, _rows = target
    client = as_user(manager)
    assert client.get(reverse("complaints_cases:subject_access", args=[case.pk])).status_code == 200
    found = client.post(reverse("complaints_subject_access:index"), {"query": case.reference, "step": "find"})
    assert found.status_code == 200 and case.reference in found.content.decode()


@pytest.mark.parametrize("who", ["other_officer", "other_manager", "editor", "officer"])
def test_the_subject_access_search_never_reaches_another_authoritys_cases(request, who, as_user, target, walsall):
    """The search route takes no case in its URL: it is checked here by authority and by search."""
    case, _rows = target
    client = as_user(request.getfixturevalue(who))
    before = snapshot(case)
    url = reverse("complaints_subject_access:index")
    for data in (
        {"authority": walsall.pk, "query": case.complainant_email, "step": "export"},
        {"authority": walsall.pk, "query": case.reference, "step": "find"},
        {"query": case.complainant_email, "step": "export"},
        {"query": case.reference, "step": "find"},
    ):
        response = client.post(url, data)
        assert response.status_code in REFUSED | {200}, f"{who} {data} -> {response.status_code}"
        body = response.content.decode()
        assert case.reference not in body.replace(f'value="{case.reference}"', "")
        assert case.complainant_name not in body
        assert response.get("Content-Type") != "application/zip"
    assert client.get(url).status_code in REFUSED | {200}
    assert snapshot(case) == before


@pytest.mark.parametrize("who", ["other_officer", "editor"])
def test_every_api_route_that_touches_a_case_refuses_outsiders(request, who, as_user, target):
    case, rows = target
    client = as_user(request.getfixturevalue(who))
    before = snapshot(case)
    checked = []
    for _route, pattern in api_routes():
        if pattern.name in API_PUBLIC_ROUTE_NAMES or pattern.name == "complaints_api_unknown_path":
            continue
        names = set(pattern.pattern.regex.groupindex)
        if not names & {"reference", "pk", "token", "case_id"}:
            continue  # a collection route (filing a complaint) exposes no existing case
        checked.append(pattern.name)
        # A staff session is no credential for the API: with a wrong status token (the
        # complainant's secret), every case route answers 404 (or 405 for a wrong method).
        for url in urls_for(pattern, case, rows):
            responses = [
                client.get(url, {"token": "not-the-token"}),
                client.post(url, data={"token": "not-the-token"}, content_type="application/json"),
            ]
            for response in responses:
                assert response.status_code in REFUSED | {405}, f"{who} {url} -> {response.status_code}"
                assert case.complainant_name not in response.content.decode()
    assert snapshot(case) == before
    assert "complaint_status" in checked  # the status route exists today and is covered


def test_attachment_is_not_served_to_outsiders_even_by_guessing(as_user, other_officer, target, hampshire_case):
    case, rows = target
    attachment = rows[Attachment]
    client = as_user(other_officer)
    # Their own case's id with another case's attachment id: still 404.
    url = reverse("complaints_cases:attachment", args=[hampshire_case.pk, attachment.pk])
    assert client.get(url).status_code == 404
    assert date.today()  # frozen clock is in place
