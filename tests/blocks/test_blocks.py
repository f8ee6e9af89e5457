"""Every config-driven block renders on each seed authority's guidance page, in its words."""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.demo import SEED_SLUGS, page_url

pytestmark = pytest.mark.django_db

BLOCK_TYPES = ["text", "process_stages", "eligibility", "support", "ombudsman", "what_to_expect", "procedure_diagram"]


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_each_block_renders_on_each_authority_page(demo, client, slug):
    response = client.get(page_url(slug))
    assert response.status_code == 200
    html = response.content.decode()
    for block_type in BLOCK_TYPES:
        assert f"cp-block--{block_type}" in html, block_type
    assert "not available at the moment" not in html
    # every page names the ombudsman and the 12-month limit its config gives
    assert "Local Government and Social Care Ombudsman" in html
    assert "You should complain within 12 months" in html
    assert 'class="govuk-table cp-stack-table"' in html  # the what-to-expect dates, stacked on a phone


def test_walsall_sentences(demo, client):
    html = client.get(page_url("walsall")).content.decode()
    # "We aim to respond within 10 working days, but it might take up to 20 days."
    assert (
        "We will do this within 10 working days of receiving your complaint. If we need more time, it may take up to 20 days in all."
    ) in html
    # "We'll let you know that we've received your complaint within 5 working days."
    assert "We will do this within 5 working days of receiving your complaint." in html
    assert "You can contact us through a British Sign Language (BSL) video interpreter." in html


def test_walsall_windows_count_from_receiving_the_response(demo, client):
    html = client.get(page_url("walsall")).content.decode()
    # "You'll need to do this within 20 working days of receiving the response letter."
    assert "You can ask for this within 20 working days of receiving our stage 1 response." in html
    # "You should do this within 20 working days of receiving your Stage 2 response letter."
    assert "You can ask for this within 20 working days of receiving our stage 2 response." in html
    # The template's receipt rules (Interpretation Act 1978, s.7 for post), stated once.
    assert (
        "We take you to have received our response on the day we email it to you or hand it to you, "
        "or on the second working day after we post it."
    ) in html
    assert "of the stage 1 response" not in html


def test_the_seed_pages_show_the_contact_details_they_give(demo, client):
    walsall = client.get(page_url("walsall")).content.decode()
    # 004: "Write to us: The Assurance Team, 1st Floor Civic Centre, Darwall Street, Walsall WS1 1TP"
    assert "<li>Write to us: The Assurance Team, 1st Floor Civic Centre, Darwall Street, Walsall WS1 1TP</li>" in walsall
    hampshire = client.get(page_url("hampshire")).content.decode()
    # 003: "calling our contact centre. Phone 0300 555 1384."
    assert "<li>Phone: 0300 555 1384</li>" in hampshire
    # 003: "send an email to childrens.services@hants.gov.uk"
    assert 'Email: <a class="govuk-link" href="mailto:childrens.services@hants.gov.uk">childrens.services@hants.gov.uk</a>' in hampshire
    # Council B's page gives no contact details: none are invented.
    assert "data-contact" not in client.get(page_url("council-b")).content.decode()


def test_stage_roles_panel_composition_and_support_at_the_panel_render_where_the_source_gives_them(demo, client):
    council_a = client.get(page_url("council-a")).content.decode()
    # 000: "At stage 2 your complaint will be looked at by two independent people."
    assert "At stage 2 your complaint will be looked at by two independent people." in council_a
    # 000: "You can attend the hearing alone, or with an advocate, or you can send an advocate in your place."
    assert "You can attend the hearing alone, or with an advocate, or you can send an advocate in your place." in council_a
    council_b = client.get(page_url("council-b")).content.decode()
    # 002: "a panel of three independent people" ... "You can have someone to support you at the Panel."
    assert "You can ask for a review by a panel of three independent people." in council_b
    assert "You can have someone to support you at the Panel." in council_b
    hampshire = client.get(page_url("hampshire")).content.decode()
    # 003: "At Stage Three a Review Panel will consist of three independent people ..."
    assert "At Stage Three a Review Panel will consist of three independent people who will review" in hampshire
    walsall = client.get(page_url("walsall")).content.decode()
    # 004: "You can bring your advocate or someone else to support you if you wish."
    assert "You can bring your advocate or someone else to support you if you wish." in walsall


def test_walsall_calendar_days_stay_calendar_days_on_the_page(demo, client):
    html = client.get(page_url("walsall")).content.decode()
    # "The panel must meet within 30 days of getting your request."
    assert "within 30 days of your request for a review panel" in html
    assert "30 working days" not in html
    assert "at least 10 days before the panel meeting" in html


def test_help_is_offered_only_where_the_source_page_offers_it_in_its_words(demo, client):
    council_b = client.get(page_url("council-b")).content.decode()
    # 002: "If you are a child or young person we can put you in touch with the advocacy service at Off the Record."
    assert "If you are a child or young person we can put you in touch with the advocacy service at Off the Record." in council_b
    # 002: "If you need an interpreter or a signer, we can make arrangements to support you."
    assert "If you need an interpreter or a signer, we can make arrangements to support you." in council_b
    assert 'value="interpreter"' in council_b and 'value="signer"' in council_b and 'value="advocate"' in council_b
    council_a = client.get(page_url("council-a")).content.decode()
    # 000: "If you are a child in care you have a right to an advocate to assist you. For details of
    # how to find an advocate please contact the Youth Advocacy Project."
    assert (
        "If you are a child in care you have a right to an advocate to assist you. For details of how to find an advocate "
        "please contact the Youth Advocacy Project."
    ) in council_a
    assert "an advocate can help you" not in council_a
    walsall = client.get(page_url("walsall")).content.decode()
    # 004: "a child or young person who receives social care services – you can ask an advocate to help you"
    assert "If you are a child or young person who receives social care services, you can ask an advocate to help you." in walsall
    for slug in SEED_SLUGS:
        html = client.get(page_url(slug)).content.decode()
        if slug != "council-b":
            # Only Council B's page offers an interpreter or a signer.
            assert "interpreter, we can" not in html and 'value="interpreter"' not in html and 'value="signer"' not in html, slug
            assert "which language?" not in html, slug
    for slug in ("hampshire", "family-advice"):
        # Neither page offers an advocate to help make the complaint (003, 001).
        html = client.get(page_url(slug)).content.decode()
        assert "advocate can help" not in html and 'value="advocate"' not in html, slug
        assert "Do you need any help to take part?" not in html, slug


def test_council_a_extension_without_a_limit_invents_no_number(demo, client):
    html = client.get(page_url("council-a")).content.decode()
    assert "If the complaint is complicated, it may take longer." in html
    # Council A states no acknowledgement time: no promise is shown for it.
    assert 'data-clock="acknowledgement"' not in html


def test_hampshire_ombudsman_at_any_point(demo, client):
    html = client.get(page_url("hampshire")).content.decode()
    assert "You can contact the Local Government and Social Care Ombudsman at any point" in html
    assert "We aim to do this within 4 working days of receiving your complaint." in html


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_diagram_is_well_formed_accessible_svg(demo, client, slug):
    html = client.get(page_url(slug)).content.decode()
    svg = re.search(r"<svg\b.*?</svg>", html, re.S).group(0)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    title, desc = root.find(f"{ns}title"), root.find(f"{ns}desc")
    assert title is not None and title.text and desc is not None and desc.text
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert root.findall(f"{ns}rect")  # the boxes
    assert "Text description of the diagram" in html  # the visible text alternative


def test_walsall_diagram_shows_stages_and_clocks_as_written(demo, client):
    html = client.get(page_url("walsall")).content.decode()
    svg = re.search(r"<svg\b.*?</svg>", html, re.S).group(0)
    texts = " ".join(t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text"))
    for words in ("Stage 1", "Stage 2", "Stage 3", "within 10 working days", "or up to 20 days if extended", "within 30 days"):
        assert words in texts
    assert "ask within 20 working days" in texts  # the escalation window on the arrow


def test_demo_prose_types_no_timescale():
    from council_site.home.demo_content import AUTHORITIES, guidance_pages

    for slug, content in AUTHORITIES.items():
        for page in guidance_pages(content):
            html = page["intro"] + "".join(value for kind, value in page["body"] if kind == "text")
            prose = re.sub(r"<[^>]+>", " ", html)
            assert not re.search(r"\d|\b(one|two|three|five|six|ten|twenty|thirty)\b[^.]*\b(day|week|month)", prose, re.I), slug
