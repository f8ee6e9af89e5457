"""The procedure diagram in the admin: a read-only view and a panel on the guidance page form."""

import pytest
from django.urls import reverse

from .conftest import guidance_page

pytestmark = pytest.mark.django_db


def test_admin_diagrams_view_shows_every_authority(demo, admin_client):
    response = admin_client.get(reverse("complaints_process_diagrams"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 6  # five authorities, Council A with two procedures
    for name in ("Walsall Council", "Hampshire County Council", "Council B"):
        assert name in html


def test_admin_menu_links_to_the_diagrams(demo, admin_client):
    assert reverse("complaints_process_diagrams") in admin_client.get("/admin/").content.decode()


def test_guidance_page_edit_form_shows_the_diagram(demo, admin_client):
    page = guidance_page("hampshire")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'role="img"' in html and "Text description of the diagram" in html
