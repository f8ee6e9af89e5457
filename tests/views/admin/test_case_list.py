"""The case list and case page: columns, traffic light, filters, search, timeline, scoping."""

from datetime import date

import pytest
from django.urls import reverse

from complaints_process.modeladmin import case_index_url, case_url, traffic_light
from complaints_process.services.cases import accept, acknowledge
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def test_officer_sees_own_authority_cases_with_the_columns(as_user, officer, walsall_case, hampshire_case):
    html = as_user(officer).get(case_index_url()).content.decode()
    assert walsall_case.reference in html
    assert hampshire_case.reference not in html
    for heading in ("Reference", "Authority", "Stage", "State", "Next due", "Owner"):
        assert heading in html
    # Acknowledgement due Mon 9 March; today is Tue 10 March: overdue, red.
    assert "cp-due--overdue" in html and "9 Mar 2026" in html
    # Filed by the system (public form): no owner yet.
    assert "Walsall Council" in html


def test_superuser_sees_every_authority(admin_client, walsall_case, hampshire_case):
    html = admin_client.get(case_index_url()).content.decode()
    assert walsall_case.reference in html and hampshire_case.reference in html


def test_editors_see_no_cases_at_all(as_user, editor, walsall_case):
    client = as_user(editor)
    assert client.get(case_index_url()).status_code == 403
    assert client.get(case_url(walsall_case)).status_code == 404
    assert case_index_url() not in client.get("/admin/").content.decode()


def test_process_administrators_see_their_authority_cases(as_user, process_admin, walsall_case):
    assert walsall_case.reference in as_user(process_admin).get(case_index_url()).content.decode()


def test_menu_shows_cases_to_officers(as_user, officer):
    assert case_index_url() in as_user(officer).get("/admin/").content.decode()


def test_traffic_light():
    assert traffic_light(date(2026, 3, 9))[0] == "overdue"
    assert traffic_light(date(2026, 3, 12))[0] == "soon"
    assert traffic_light(date(2026, 3, 30))[0] == "ok"
    assert traffic_light(None)[0] == "none"
    assert traffic_light(date(2026, 3, 9), is_open=False)[0] == "none"


def test_filters(as_user, manager, walsall):
    overdue = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))  # ack due 9 March
    this_week = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 6))  # ack due Fri 13 March
    accepted = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 9))
    accept(accepted, user=manager, on=date(2026, 3, 9))
    client = as_user(manager)

    def listed(query):
        html = client.get(case_index_url() + query).content.decode()
        return {case.reference for case in (overdue, this_week, accepted) if case.reference in html}

    assert listed("?due=overdue") == {overdue.reference}
    assert listed("?due=week") == {this_week.reference}
    assert listed("?stage=stage1") == {accepted.reference}
    assert listed("?stage=received") == {overdue.reference, this_week.reference}
    assert listed("?state=stage1") == {accepted.reference}
    assert listed(f"?authority={walsall.pk}") == {overdue.reference, this_week.reference, accepted.reference}
    assert listed(f"?procedure={accepted.procedure_slug}") == {overdue.reference, this_week.reference, accepted.reference}
    assert listed("?procedure=no-such-procedure") == set()
    assert listed("?owner=me") == {accepted.reference}
    assert listed("?owner=none") == {overdue.reference, this_week.reference}


def test_search_by_reference_and_name_keeps_the_term_out_of_the_url(as_user, officer, walsall):
    first = ComplaintFactory(authority=walsall, complainant_name="Jordan Searchable")
    second = ComplaintFactory(authority=walsall, complainant_name="Riley Other")
    client = as_user(officer)
    response = client.post(case_index_url(), {"q": "searchable"})
    assert response.status_code == 302 and "searchable" not in response.url.lower()
    html = client.get(response.url).content.decode()
    assert first.reference in html and second.reference not in html
    client.post(case_index_url(), {"q": second.reference})
    html = client.get(case_index_url()).content.decode()
    assert second.reference in html and first.reference not in html
    # A ?q= link is moved into the session at once.
    response = client.get(case_index_url() + "?q=Jordan")
    assert response.status_code == 302 and "Jordan" not in response.url


def test_search_never_finds_another_authority_cases(as_user, officer, walsall_case, hampshire_case):
    client = as_user(officer)
    client.post(case_index_url(), {"q": "Hana"})
    assert hampshire_case.reference not in client.get(case_index_url()).content.decode()


def test_inspect_shows_the_timeline_with_the_clocks_each_event_started(as_user, officer, walsall_case):
    acknowledge(walsall_case, user=officer, on=date(2026, 3, 4))
    html = as_user(officer).get(case_url(walsall_case)).content.decode()
    assert walsall_case.reference in html
    assert 'data-kind="transition"' in html  # received
    assert "Started:" in html and "16 Mar 2026" in html  # stage 1 response due, started by receipt
    assert 'data-kind="met"' in html  # acknowledgement met
    assert 'data-kind="due"' in html
    # Events in date order: received (2 March) before acknowledged (4 March).
    timeline = html[html.index('id="cp-timeline"') :]
    assert timeline.index("2 Mar 2026") < timeline.index("4 Mar 2026")


def test_generic_edit_and_delete_are_refused(admin_client, walsall_case):
    assert admin_client.get(reverse("complaints_cases:edit", args=[walsall_case.pk])).status_code == 403
    assert admin_client.get(reverse("complaints_cases:delete", args=[walsall_case.pk])).status_code == 403


def exported_rows(response):
    import csv

    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    return list(csv.DictReader(text.splitlines()))


def test_the_filtered_list_exports_as_csv_without_personal_data(as_user, manager, walsall, hampshire_case):
    overdue = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2), complainant_name="Avery Private")
    accepted = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 9))
    accept(accepted, user=manager, on=date(2026, 3, 9))
    client = as_user(manager)
    response = client.get(case_index_url() + "?export=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = exported_rows(response)
    assert {row["Reference"] for row in rows} == {overdue.reference, accepted.reference}  # never Hampshire's
    by_reference = {row["Reference"]: row for row in rows}
    # Received Monday 2 March: acknowledgement due 9 March (5 working days); today is 10 March.
    assert by_reference[overdue.reference]["Next due"] == "2026-03-09"
    assert by_reference[overdue.reference]["Due status"] == "Overdue"
    assert by_reference[accepted.reference]["Stage"] == "Stage 1" and by_reference[accepted.reference]["Owner"]
    assert list(rows[0]) == ["Reference", "Authority", "Procedure", "Stage", "State", "Received", "Next due", "Due status", "Owner"]
    body = "\n".join(",".join(row.values()) for row in rows)
    assert "Avery" not in body and "Private" not in body
    # The export follows the filters and the search kept in the session.
    assert {row["Reference"] for row in exported_rows(client.get(case_index_url() + "?due=overdue&export=csv"))} == {overdue.reference}
    client.post(case_index_url(), {"q": accepted.reference})
    assert {row["Reference"] for row in exported_rows(client.get(case_index_url() + "?export=csv"))} == {accepted.reference}


def test_editors_and_other_authorities_export_nothing(as_user, editor, other_officer, walsall_case):
    assert as_user(editor).get(case_index_url() + "?export=csv").status_code == 403
    rows = exported_rows(as_user(other_officer).get(case_index_url() + "?export=csv"))
    assert walsall_case.reference not in {row["Reference"] for row in rows}


def test_the_list_also_exports_as_xlsx(as_user, officer, walsall_case):
    response = as_user(officer).get(case_index_url() + "?export=xlsx")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]


def _list_queries(client, url) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_case_list_and_its_filters_cost_the_same_for_more_cases(as_user, manager, walsall):
    """Neither the filters' choices nor the counts read every case: the queries of the list's
    first page do not grow with the number of cases (the benchmarks measure the time)."""
    from complaints_process.services.cases import assign_owner

    client = as_user(manager)
    url = case_index_url() + "?due=overdue"
    ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))
    before, html = _list_queries(client, url)
    assert html.count('class="cp-due cp-due--overdue"') == 1
    for received in (date(2026, 3, 2), date(2026, 3, 2), date(2026, 3, 9)):
        case = ComplaintFactory(authority=walsall, received_on=received)
        assign_owner(case, user=manager, owner=manager, on=received)
    after, html = _list_queries(client, url)
    assert html.count('class="cp-due cp-due--overdue"') == 3  # the case received on 9 March is not overdue yet
    assert after == before
    # the owner filter offers the authority's staff, the procedure filter its procedures
    assert f"owner={manager.pk}" in html and f"procedure={case.procedure_slug}" in html


def test_the_procedure_filter_names_each_procedure_as_its_config_does(as_user, officer, walsall_case):
    html = as_user(officer).get(case_index_url()).content.decode()
    # walsall.yaml: name: Children's social care statutory complaints procedure
    assert "Children&#x27;s social care statutory complaints procedure" in html
    assert "Childrens statutory" not in html


def test_the_header_says_how_many_cases_the_list_holds_and_the_add_button_shows_its_label(admin_client, walsall_case, hampshire_case):
    """On Wagtail 8 the header read "(2 out of 1)" (the whole count is never made) and the
    "Record a complaint" label sat under its icon."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(admin_client.get(case_index_url()).content, "html.parser")
    assert soup.select_one("[data-testid=case-count]").get_text(strip=True) == "2 cases"
    assert "out of" not in soup.select_one("header").get_text()
    button = soup.select_one("header a[href$='/create/']")
    assert button.get_text(strip=True) == "Record a complaint"
    assert button.select_one("svg") is None

