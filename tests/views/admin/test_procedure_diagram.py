"""The procedure diagram in the admin: a read-only view and a panel on the guidance page form."""

import pytest
from django.urls import reverse

from tests.demo import guidance_page

pytestmark = pytest.mark.django_db


def test_admin_diagrams_view_shows_every_authority(demo, admin_client):
    response = admin_client.get(reverse("complaints_diagrams:index"))
    assert response.status_code == 200
    html = response.content.decode()
    # five seed authorities, Council A with two procedures; three example councils, Ashby Vale
    # with two
    assert html.count('role="img"') == 10
    for name in ("Walsall Council", "Hampshire County Council", "Council B"):
        assert name in html


def test_admin_menu_links_to_the_diagrams(demo, admin_client):
    assert reverse("complaints_diagrams:index") in admin_client.get("/admin/").content.decode()


def test_guidance_page_edit_form_shows_the_diagram(demo, admin_client):
    page = guidance_page("hampshire")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'role="img"' in html and "Text description of the diagram" in html


def test_the_page_editor_offers_a_procedure_chooser_not_a_slug_to_type(demo, admin_client):
    page = guidance_page("council-a")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Procedure slug" not in html
    select = html.split('name="procedure_slug"')[1].split("</select>")[0]
    # Named as Council A's config names them (other authorities name theirs differently).
    assert '<option value="childrens-statutory" selected>Children&#x27;s Complaints Procedure</option>' in select
    assert '<option value="corporate">Corporate Complaints Procedure</option>' in select


def test_a_procedure_the_chosen_authority_does_not_have_is_refused_with_its_own_choices(demo):
    from django.contrib.auth import get_user_model
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from complaints_process.models import GuidancePage

    page = guidance_page("walsall")
    form_class = GuidancePage.get_edit_handler().get_form_class()
    user = get_user_model().objects.get(username="admin")

    def bound(procedure):
        data = nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "authority": str(page.authority_id),
                "procedure_slug": procedure,
                "intro": rich_text(""),
                "body": streamfield([]),
            }
        )
        return form_class(data, instance=page, parent_page=page.get_parent(), for_user=user)

    refused = bound("corporate")  # Council A's corporate procedure: not Walsall's
    assert not refused.is_valid()
    assert refused.errors["procedure_slug"] == [
        "Walsall Council's process has no such procedure. Choose one of its own: "
        "Children's social care statutory complaints procedure."
    ]
    accepted = bound("childrens-statutory")
    assert accepted.is_valid(), accepted.errors
