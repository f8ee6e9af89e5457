"""A procedure written in the voice of an advice page: the family advice page (seed 001) is
general advice to parents about Children's Services, not a council's own page."""

import re

import pytest

from tests.demo import page_url

pytestmark = pytest.mark.django_db


def page_text(html: str) -> str:
    article = re.search(r"<article\b.*?</article>", html, re.S).group(0)
    article = re.sub(r"<svg\b.*?</svg>", " ", article, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", article).replace("&#x27;", "'").split())


def test_the_advice_page_speaks_of_the_authority_in_the_third_person(demo, client):
    text = page_text(client.get(page_url("family-advice")).content.decode())
    # 001: "Children's Services should respond to your complaint as soon as possible, and definitely
    # within ten working days (two weeks) from the date they received it."
    assert "Children's Services should do this within 10 working days of receiving your complaint." in text
    # 001: "If they can't finish their investigation within this time they must tell you why in
    # writing and give you a new date when they will have finished."
    assert "If this happens, they should write to tell you why and when to expect it." in text
    # 001: "At least ten days before the meeting you should be told when and where the Panel meeting will be held."
    assert "Children's Services should tell you at least 10 days before the panel meeting." in text
    # 001: "If you are not happy with outcome of stage two you have 20 working days to ask for
    # your complaint to go to the Review Panel." (counted from receiving it, the template's receipt rules)
    assert "You can ask for this within 20 working days of receiving the stage 2 response." in text
    assert "You are taken to have received a response on the day they email it to you or hand it to you" in text
    for first_person in (" We ", " we ", " our ", " us "):
        assert first_person not in f" {text} ", first_person


def test_the_advice_page_offers_no_complaint_form_and_takes_no_post(demo, client):
    html = client.get(page_url("family-advice")).content.decode()
    assert 'id="complaint-form"' not in html and "<form method=\"post\"" not in html
    assert "/complaints/status/" not in html
    response = client.post(page_url("family-advice"), {"complainant_name": "Sam Example"})
    assert response.status_code == 400
    # A council's own page keeps its form.
    assert 'id="complaint-form"' in client.get(page_url("walsall")).content.decode()
