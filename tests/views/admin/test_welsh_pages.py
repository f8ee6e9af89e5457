"""An authority's Welsh pages (Wagtail translations, Locale "cy", under the Welsh home page)
are its own as much as its English ones: its editors edit and publish them, another
authority's editors cannot, and a Welsh copy explains the same authority's process as its
English page."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, Page

from complaints_process.models import Authority, GuidancePage
from tests.demo import WELSH_PAGES
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WELSH_PATH, (SLUG, PROCEDURE) = next(iter(WELSH_PAGES.items()))


@pytest.fixture
def demo(settings, tmp_path):
    settings.SITE_DIR = tmp_path
    call_command("setup_demo", stdout=StringIO())


def page_at(path: str) -> GuidancePage:
    return next(page.specific for page in GuidancePage.objects.live() if page.get_url() == path)


def editor_of(slug: str):
    return UserFactory(teams=[(Authority.objects.get(slug=slug), "editor")])


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def refused(response) -> bool:
    """Wagtail refuses a page the user holds no permission on: 403, or back to the dashboard."""
    return response.status_code in (403, 404) or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


def add_url(section) -> str:
    return reverse("wagtailadmin_pages:add", args=["complaints_process", "guidancepage", section.pk])


def test_the_welsh_page_is_a_translation_of_the_english_one_with_its_authority(demo):
    welsh = page_at(WELSH_PATH)
    english = welsh.get_translation(Locale.get_default())
    assert (welsh.locale.language_code, english.url_path != welsh.url_path) == ("cy", True)
    assert (welsh.authority.slug, welsh.procedure_slug) == (SLUG, PROCEDURE)
    assert english.specific.authority_id == welsh.authority_id


def test_the_authoritys_editor_edits_its_welsh_page(demo, as_user):
    editor = editor_of(SLUG)
    client = as_user(editor)
    welsh = page_at(WELSH_PATH)
    permissions = welsh.permissions_for_user(editor)
    assert (permissions.can_edit(), permissions.can_publish()) == (True, True)
    response = client.get(edit_url(welsh))
    assert response.status_code == 200
    # The authority field offers the page's own authority, and only it.
    assert [a.slug for a in response.context["form"].fields["authority"].queryset] == [SLUG]
    assert client.get(edit_url(welsh.get_translation(Locale.get_default()))).status_code == 200
    # ...and adds pages to its Welsh section.
    section = welsh.get_parent()
    assert client.get(add_url(section)).status_code == 200


def test_another_authoritys_editor_can_neither_edit_nor_publish_it(demo, as_user):
    other_editor = editor_of("walsall")
    client = as_user(other_editor)
    welsh = page_at(WELSH_PATH)
    revision = welsh.latest_revision_id
    permissions = welsh.permissions_for_user(other_editor)
    assert (permissions.can_edit(), permissions.can_publish()) == (False, False)
    assert refused(client.get(edit_url(welsh)))
    assert refused(client.post(edit_url(welsh), {"title": "Wedi newid", "slug": welsh.slug, "action-publish": "action-publish"}))
    welsh.refresh_from_db()
    assert (welsh.title != "Wedi newid", welsh.latest_revision_id) == (True, revision)


def test_a_welsh_copy_cannot_be_given_another_authority(demo):
    welsh = page_at(WELSH_PATH)
    welsh.authority = Authority.objects.get(slug="walsall")
    with pytest.raises(ValidationError) as refused:
        welsh.full_clean()
    assert refused.value.message_dict["authority"] == [
        "This page's translation (English) explains Cwm Aur County Council (example)'s process, and a page and its "
        "translations belong to one authority: keep Cwm Aur County Council (example)."
    ]


def test_a_section_translated_later_gives_the_editors_their_rights_on_it(demo, as_user):
    walsall = Authority.objects.get(slug="walsall")
    section = Page.objects.get(pk=walsall.pages_root_id)
    english_page = GuidancePage.objects.child_of(section).first()
    welsh_section = section.copy_for_translation(Locale.objects.get(language_code="cy"))
    welsh_page = english_page.copy_for_translation(Locale.objects.get(language_code="cy"))
    assert welsh_page.specific.authority_id == walsall.pk
    walsall_editor = as_user(editor_of("walsall"))
    assert walsall_editor.get(edit_url(welsh_page)).status_code == 200
    assert walsall_editor.get(add_url(welsh_section)).status_code == 200
    assert refused(as_user(editor_of(SLUG)).get(edit_url(welsh_page)))


def translate_url(page) -> str:
    return reverse("simple_translation:submit_page_translation", args=[page.pk])


def test_an_editor_translates_their_page_with_wagtails_translate_action(demo, as_user):
    # The reference site has wagtail.contrib.simple_translation: Walsall's editor makes the
    # Welsh copy of its section, then of its guidance page; the copy keeps Walsall.
    walsall = Authority.objects.get(slug="walsall")
    section = Page.objects.get(pk=walsall.pages_root_id)
    page = GuidancePage.objects.child_of(section).get()
    welsh = Locale.objects.get(language_code="cy")
    client = as_user(editor_of("walsall"))
    assert client.post(translate_url(section), {"locales": [welsh.pk]}).status_code == 302
    assert client.post(translate_url(page), {"locales": [welsh.pk]}).status_code == 302
    copy = page.get_translation(welsh).specific
    assert (copy.authority_id, copy.procedure_slug, copy.get_parent().pk) == (walsall.pk, page.procedure_slug, section.get_translation(welsh).pk)
    assert client.get(edit_url(copy)).status_code == 200


def test_the_translate_action_refuses_another_authoritys_section(demo, as_user):
    hampshire_section = Page.objects.get(pk=Authority.objects.get(slug="hampshire").pages_root_id)
    welsh = Locale.objects.get(language_code="cy")
    response = as_user(editor_of("walsall")).post(translate_url(hampshire_section), {"locales": [welsh.pk]})
    assert response.status_code == 404 or refused(response)
    assert hampshire_section.get_translation_or_none(welsh) is None
