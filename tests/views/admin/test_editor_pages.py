"""Each authority's editors add, edit and publish pages in its own section of the site, and
nowhere else; the section is chosen on Settings → Authorities."""

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from complaints_process.models import GuidancePage
from complaints_process.services.teams import grant_editor_pages

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user re-read: Wagtail caches page permissions on the user object."""
    return type(user).objects.get(pk=user.pk)


def add_section(title):
    root = Page.get_first_root_node()
    return root.add_child(instance=Page(title=title, slug=title.lower()))


def add_guidance(section, authority):
    return section.add_child(instance=GuidancePage(title="Complaints", slug="complaints", authority=authority))


@pytest.fixture
def sections(walsall, hampshire):
    walsall_section, hampshire_section = add_section("Walsall"), add_section("Hampshire")
    for authority, section in ((walsall, walsall_section), (hampshire, hampshire_section)):
        authority.pages_root = section
        authority.save()
        grant_editor_pages(authority)
    return {
        "walsall": (walsall_section, add_guidance(walsall_section, walsall)),
        "hampshire": (hampshire_section, add_guidance(hampshire_section, hampshire)),
    }


def test_an_editor_edits_publishes_and_adds_pages_in_their_own_section_only(sections, editor, as_user):
    walsall_section, walsall_page = sections["walsall"]
    hampshire_section, hampshire_page = sections["hampshire"]
    own = walsall_page.permissions_for_user(editor)
    assert own.can_edit() and own.can_publish()
    assert walsall_section.permissions_for_user(editor).can_add_subpage()
    other = hampshire_page.permissions_for_user(editor)
    assert not other.can_edit() and not other.can_publish()
    assert not hampshire_section.permissions_for_user(editor).can_add_subpage()
    client = as_user(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[walsall_page.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[hampshire_page.pk])).status_code != 200
    assert client.get(reverse("wagtailadmin_pages:add_subpage", args=[hampshire_section.pk])).status_code != 200


def test_the_guidance_page_form_offers_only_the_editors_own_authority(sections, editor, as_user, walsall):
    _, walsall_page = sections["walsall"]
    response = as_user(editor).get(reverse("wagtailadmin_pages:edit", args=[walsall_page.pk]))
    choices = list(response.context["form"].fields["authority"].queryset)
    assert choices == [walsall]


def test_other_teams_hold_no_page_permissions(sections, officer, manager, process_admin):
    _, walsall_page = sections["walsall"]
    for user in (officer, manager, process_admin):
        assert not walsall_page.permissions_for_user(user).can_edit()


def test_moving_the_section_moves_the_rights_and_clearing_it_removes_them(sections, editor, walsall):
    walsall_section, walsall_page = sections["walsall"]
    new_section = add_section("Walsall-new")
    walsall.pages_root = new_section
    walsall.save()
    grant_editor_pages(walsall)
    assert not walsall_page.permissions_for_user(fresh(editor)).can_edit()
    assert new_section.permissions_for_user(fresh(editor)).can_add_subpage()
    walsall.pages_root = None
    walsall.save()
    grant_editor_pages(walsall)
    assert not GroupPagePermission.objects.filter(group__authority_team__authority=walsall).exists()
    assert not new_section.permissions_for_user(fresh(editor)).can_add_subpage()


def test_a_superuser_chooses_the_section_on_the_authorities_screen(sections, as_user, editor, walsall):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client = as_user(admin)
    assert client.get(reverse("complaints_authorities:index")).status_code == 200
    new_section = add_section("Walsall-moved")
    response = client.post(reverse("complaints_authorities:edit", args=[walsall.pk]), {"pages_root": new_section.pk})
    assert response.status_code == 302
    walsall.refresh_from_db()
    assert walsall.pages_root == new_section
    assert new_section.permissions_for_user(fresh(editor)).can_add_subpage()
    assert not sections["walsall"][1].permissions_for_user(fresh(editor)).can_edit()


def test_authorities_are_not_added_or_deleted_on_that_screen_and_teams_cannot_reach_it(as_user, walsall, manager, process_admin, editor):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client = as_user(admin)
    assert client.get(reverse("complaints_authorities:add")).status_code != 200
    client.post(reverse("complaints_authorities:delete", args=[walsall.pk]))
    assert type(walsall).objects.filter(pk=walsall.pk).exists()
    for user in (manager, process_admin, editor):
        response = as_user(user).get(reverse("complaints_authorities:edit", args=[walsall.pk]))
        assert response.status_code != 200
