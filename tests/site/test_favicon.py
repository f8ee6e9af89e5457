"""Browsers ask every site for /favicon.ico: it is served, not a 404."""

from django.contrib.staticfiles import finders


def test_favicon_ico_leads_to_the_gov_uk_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/complaints_process/govuk/assets/images/favicon.ico"
    found = finders.find("complaints_process/govuk/assets/images/favicon.ico")
    with open(found, "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # the ICO file signature
