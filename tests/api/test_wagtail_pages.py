"""Guidance pages through Wagtail's page API (v2), with their process blocks as data; CORS."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

SEED_SLUGS = ["council-a", "family-advice", "council-b", "hampshire", "walsall"]
# The example councils' pages: one each, and Ashby Vale's two (children's and adults').
EXAMPLE_PAGES = [
    ("kinloch", "social-work"),
    ("cwm-aur", "social-services"),
    ("ashby-vale", "childrens-statutory"),
    ("ashby-vale", "adult-social-care"),
]


@pytest.fixture
def demo(settings, tmp_path):
    settings.SITE_DIR = tmp_path
    call_command("setup_demo", stdout=StringIO())


def guidance_pages(client, fields, locale="en-gb"):
    """The demo's guidance pages in one language (the English ones unless ``locale`` says)."""
    response = client.get("/api/v2/pages/", {"type": "complaints_process.GuidancePage", "fields": fields, "locale": locale})
    assert response.status_code == 200
    return response.json()["items"]


def test_every_demo_guidance_page_is_listed_with_its_procedure_as_data(demo, client):
    items = guidance_pages(client, "authority_slug,procedure_slug,process")
    assert sorted((item["authority_slug"], item["procedure_slug"]) for item in items) == sorted(
        [(slug, "childrens-statutory") for slug in SEED_SLUGS] + EXAMPLE_PAGES
    )
    # and the Welsh council's page in Welsh too (a translation of the English page)
    welsh = guidance_pages(client, "authority_slug,procedure_slug", locale="cy")
    assert [(item["authority_slug"], item["procedure_slug"]) for item in welsh] == [("cwm-aur", "social-services")]
    walsall = next(item for item in items if item["authority_slug"] == "walsall")
    clocks = {clock["key"]: clock for clock in walsall["process"]["clocks"]}
    # Walsall's page: "We aim to respond within 10 working days, but it might take up to 20 days."
    assert clocks["stage1.response"]["due"] == "within 10 working days"
    assert clocks["stage1.response"]["duration"] == {"amount": 10, "unit": "working_days", "direction": "after"}
    assert clocks["stage1.response"]["extended"] == "up to 20 days"
    assert [stage["key"] for stage in walsall["process"]["stages"]] == ["stage1", "stage2", "stage3"]
    assert walsall["process"]["eligibility"]["child_consent"] == "ask"


def test_the_page_api_gives_the_complaint_forms_fields_and_choices(demo, client):
    items = {item["authority_slug"]: item for item in guidance_pages(client, "authority_slug,form")}
    fields = {field["name"]: field for field in items["walsall"]["form"]["fields"]}
    assert fields["complainant_name"]["label"] == "Your full name"
    # The family advice page (001) is general advice to parents, not a council: no form.
    assert items["family-advice"]["form"] is None
    relationship = next(field for field in fields.values() if field["choices"] and "child" in {c["value"] for c in field["choices"]})
    assert relationship["choices"]
    # Only Hampshire's page takes compliments and comments.
    hampshire = items["hampshire"]["form"]["fields"]
    walsall = items["walsall"]["form"]["fields"]
    assert any("compliment" in str(field["choices"]) for field in hampshire)
    assert not any("compliment" in str(field["choices"]) for field in walsall)
    # What the form requires, as its validation does (it listed nearly every field as optional).
    # Walsall: "Explain what your complaint is about, and what outcome you're looking for."
    assert fields["desired_outcome"]["required"] is True and fields["happened_on"]["required"] is True
    # "If you're complaining on someone else's behalf, please tell us their name."
    assert fields["child_name"]["required"] is False
    assert fields["child_name"]["required_when"] == {"field": "complainant_relationship", "values": ["parent_or_carer", "representative"]}
    assert items["walsall"]["form"]["body_schema"]["properties"]["authority"] == {"type": "string", "enum": ["walsall"]}


def test_cors_allows_only_the_configured_front_end_origins(demo, client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://complaints.example.gov.uk"]
    preflight = {"HTTP_ACCESS_CONTROL_REQUEST_METHOD": "POST"}
    allowed = client.options("/api/complaints/v1/complaints/", HTTP_ORIGIN="https://complaints.example.gov.uk", **preflight)
    assert allowed["Access-Control-Allow-Origin"] == "https://complaints.example.gov.uk"
    other = client.options("/api/complaints/v1/complaints/", HTTP_ORIGIN="https://elsewhere.example", **preflight)
    assert "Access-Control-Allow-Origin" not in other
    page = client.get("/walsall/", HTTP_ORIGIN="https://complaints.example.gov.uk")
    assert "Access-Control-Allow-Origin" not in page  # only the APIs
