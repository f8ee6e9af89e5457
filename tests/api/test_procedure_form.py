"""``GET authorities/{a}/procedures/{p}/form``: each procedure's form and the JSON Schema of a
filing for it.  What a procedure requires is checked against the seed pages; and the schema is
held to its word: bodies Schemathesis generates from it are filed (201), for every seed
procedure."""

from datetime import date

import pytest
import schemathesis
import time_machine
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from .helpers import API, assert_error_shape, filing_procedures, seed_procedures

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


def form(client, authority, procedure):
    response = client.get(f"{API}/authorities/{authority}/procedures/{procedure}/form")
    assert response.status_code == 200, response.content
    return response.json()


def test_walsalls_form_requires_what_its_page_asks(client, seed_configs):
    walsall = form(client, "walsall", "childrens-statutory")
    fields = {field["name"]: field for field in walsall["fields"]}
    # "If you're complaining on someone else's behalf, please tell us their name."
    assert fields["child_name"]["required"] is False
    assert fields["child_name"]["required_when"] == {"field": "complainant_relationship", "values": ["parent_or_carer", "representative"]}
    # "If you're complaining on a child's behalf, we will check if they are happy for this to happen."
    assert fields["child_agrees"]["required_when"]["values"] == ["parent_or_carer", "representative"]
    # "Explain what your complaint is about, and what outcome you're looking for."
    assert fields["desired_outcome"]["required"] is True and fields["what_happened"]["required"] is True
    assert fields["complainant_email"]["required_when"] == {"field": "preferred_contact", "values": ["email"]}
    assert walsall["kinds"] == ["complaint"]
    # "You can complain if you're:" a child, a parent or carer, or another adult on their behalf.
    assert walsall["body_schema"]["properties"]["complainant_relationship"]["enum"] == ["child", "parent_or_carer", "representative"]
    assert "12 months" in walsall["late_rule"]


def test_hampshire_takes_compliments_with_only_the_service_and_the_message(client, seed_configs):
    hampshire = form(client, "hampshire", "childrens-statutory")
    assert hampshire["kinds"] == ["complaint", "compliment", "comment"]
    fields = {field["name"]: field for field in hampshire["fields"]}
    assert fields["service"]["required_for"] == ["complaint", "compliment", "comment"]
    assert sorted(fields["what_happened"]["required_for"]) == ["comment", "complaint", "compliment"]
    assert fields["complainant_name"]["required_for"] == ["complaint"]
    # "it may not be possible to deal with your concerns unless the child's parent, guardian or
    # carer has given their consent": the consent question is asked of someone else complaining.
    assert fields["child_agrees"]["required_when"]["field"] == "complainant_relationship"


def test_an_unknown_procedure_is_a_not_found(client, seed_configs):
    assert_error_shape(client.get(f"{API}/authorities/walsall/procedures/corporate/form"), 404, ["path", "procedure"])
    assert_error_shape(client.get(f"{API}/authorities/atlantis/procedures/corporate/form"), 404, ["path", "authority"])


def test_a_procedure_written_as_general_advice_has_no_form(client, seed_configs):
    # The family-advice page is general advice to parents about Children's Services, not a
    # council's own page: it shows no form, and the API offers none either.
    response = client.get(f"{API}/authorities/family-advice/procedures/childrens-statutory/form")
    assert_error_shape(response, 404, ["path", "procedure"])
    assert "general advice" in response.json()["detail"][0]["msg"]


#: Each filing operation and the body type it reads.
FILING = {"application/json": "complaints/", "multipart/form-data": "complaints/multipart"}


def filing_document(body_schema, media_type):
    """The filing operation with this procedure's body schema, for Schemathesis to generate from."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "one procedure", "version": "1"},
        "paths": {
            f"{API}/{FILING[media_type]}": {
                "post": {
                    "requestBody": {"required": True, "content": {media_type: {"schema": body_schema}}},
                    "responses": {"201": {"description": "Filed"}, "200": {"description": "Filed"}},
                }
            }
        },
    }


def test_every_procedure_that_takes_complaints_has_a_form_and_the_others_none(client, seed_configs):
    takes = filing_procedures()
    assert ("ashby-vale", "adult-social-care") in takes and ("council-a", "corporate") in takes
    for authority, procedure in seed_procedures():
        response = client.get(f"{API}/authorities/{authority}/procedures/{procedure}/form")
        assert response.status_code == (200 if (authority, procedure) in takes else 404), (authority, procedure)


@pytest.mark.parametrize("media_type", list(FILING))
@pytest.mark.parametrize("authority,procedure", filing_procedures())
def test_every_body_a_procedures_schema_allows_is_filed(client, seed_configs, wsgi_app, authority, procedure, media_type):
    document = filing_document(form(client, authority, procedure)["body_schema"], media_type)
    (operation,) = [result.ok() for result in schemathesis.openapi.from_dict(document).get_all_operations()]

    @given(case=operation.as_strategy())
    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def filed(case):
        cache.clear()
        # Dates relative to today are the one rule a schema cannot state: none in the future, and
        # none older than the time limit without an explanation (late_rule).
        for name in ("happened_on", "became_aware_on", "child_date_of_birth"):
            if name in case.body:
                case.body[name] = "2026-02-01"
        with time_machine.travel(TODAY, tick=False):
            response = case.call(app=wsgi_app)
        assert response.status_code in (200, 201), (case.body, response.text)
        case.validate_response(response, checks=[positive_data_acceptance])

    filed()
