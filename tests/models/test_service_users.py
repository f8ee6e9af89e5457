"""A procedure's `service_users` shapes its page, its form and the site's header: a procedure for
adults never asks for "the child or young person"; one for children still does."""

import html as htmllib
import re

import pytest

from complaints_process.core import wording
from complaints_process.core.config import load_authority_file
from tests.conftest import REPO

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def header(html: str) -> str:
    return text_of(re.search(r'<span class="govuk-service-navigation__service-name">(.*?)</span>', html, re.S).group(1))


def test_the_adults_procedure_never_asks_for_a_child(demo, client):
    html = client.get("/ashby-vale/adult-social-care-complaints/").content.decode()
    page = text_of(html).lower()
    assert "child" not in page and "young person" not in page
    assert header(html) == "Adult social care complaints"
    assert 'name="child_date_of_birth' not in html  # no child's date of birth asked for
    # Who may complain, in the adult template's words (the Regulations, reg. 5).
    assert "someone who receives adult social care services (care and support)" in page
    assert "the person who receives the care and support's full name" in page


def test_the_same_councils_childrens_procedure_still_speaks_of_the_child(demo, client):
    html = client.get("/ashby-vale/childrens-social-care-complaints/").content.decode()
    assert header(html) == "Children's social care complaints"
    assert "a child or young person who receives children's social care services" in text_of(html)
    assert 'name="child_date_of_birth' in html


def test_a_procedure_for_everyone_is_named_by_itself_in_the_header(demo, client):
    html = client.get("/kinloch/social-work-complaints/").content.decode()
    assert header(html) == "Social work complaints"
    assert "child or young person" not in text_of(html).lower()
    assert header(client.get("/cwm-aur/social-services-complaints/").content.decode()) == "Social services complaints"


def test_the_templates_state_whom_they_serve_and_the_seeds_default_to_children():
    configs = REPO / "process_configs"
    ashby = load_authority_file(configs / "ashby-vale.yaml", configs_root=configs)
    assert [p.service_users for p in ashby.procedures] == ["children", "adults"]
    assert load_authority_file(configs / "kinloch.yaml", configs_root=configs).procedures[0].service_users == "all"
    assert load_authority_file(configs / "walsall.yaml", configs_root=configs).procedures[0].service_users == "children"
    adults = ashby.procedure("adult-social-care")
    assert wording.advocate_sentence(adults.support, None, "adults") is None  # the template offers none
