"""`manage.py setup_demo` builds the demo (the five seed authorities and the three fictional
example councils) and can be run again safely."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command

from complaints_process.models import Authority, AuthorityTeam, GuidancePage, ProcessConfigVersion
from council_site.home.models import HomePage, SectionPage
from tests.demo import ALL_SLUGS, EXAMPLE_SLUGS, PAGES, WELSH_PAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_password(settings, tmp_path):
    settings.SITE_DIR = tmp_path  # keep the demo password file out of the project
    out = StringIO()
    call_command("setup_demo", stdout=out)
    match = re.search(r"Password: (\S+)", out.getvalue())
    assert match, out.getvalue()
    return match.group(1)


def test_setup_demo_creates_every_seed_authority_and_example_council_with_its_config(demo_password):
    assert sorted(Authority.objects.values_list("slug", flat=True)) == sorted(ALL_SLUGS)
    for slug in ALL_SLUGS:
        assert ProcessConfigVersion.objects.filter(authority__slug=slug).count() == 1


def test_setup_demo_serves_home_and_each_authority_guidance_page(demo_password, client):
    home = client.get("/")
    assert home.status_code == 200
    for slug in ALL_SLUGS:
        assert f'href="/{slug}/"' in home.content.decode()
        section = client.get(f"/{slug}/")
        assert section.status_code == 200
    for url, (slug, procedure) in PAGES.items():
        guidance = client.get(url)
        assert guidance.status_code == 200, url
        page = GuidancePage.objects.get(url_path__endswith=url, locale__language_code="en-gb")
        assert (page.authority.slug, page.procedure_slug) == (slug, procedure)
    for url, (slug, procedure) in WELSH_PAGES.items():
        guidance = client.get(url)
        assert guidance.status_code == 200, url
        page = GuidancePage.objects.get(url_path__endswith=url.removeprefix("/cy"), locale__language_code="cy")
        assert (page.authority.slug, page.procedure_slug) == (slug, procedure)
        assert 'lang="cy"' in guidance.content.decode()
    assert GuidancePage.objects.count() == len(PAGES) + len(WELSH_PAGES)


def test_the_example_councils_say_they_are_examples(demo_password, client):
    for slug in EXAMPLE_SLUGS:
        authority = Authority.objects.get(slug=slug)
        assert authority.name.endswith("(example)")
        assert "(example)" in client.get(f"/{slug}/").content.decode()


def test_guidance_page_shows_timescales_from_the_config(demo_password, client):
    page = client.get("/walsall/childrens-social-care-complaints/").content.decode()
    # Walsall's page: "We aim to respond within 10 working days"
    assert "10 working days" in page


def test_setup_demo_creates_the_four_teams_of_each_authority(demo_password):
    for slug in ALL_SLUGS:
        roles = set(AuthorityTeam.objects.filter(authority__slug=slug).values_list("role", flat=True))
        assert roles == {"complaints_manager", "complaints_officer", "editor", "process_administrator"}
    assert Group.objects.filter(name="Walsall Council: Complaints officers").exists()


def test_each_authoritys_editors_may_edit_its_own_section_only(demo_password):
    from tests.factories import UserFactory

    editor = UserFactory(teams=[(Authority.objects.get(slug="walsall"), "editor")])
    walsall_page = GuidancePage.objects.get(authority__slug="walsall")
    hampshire_page = GuidancePage.objects.get(authority__slug="hampshire")
    assert Authority.objects.get(slug="walsall").pages_root == SectionPage.objects.get(slug="walsall").page_ptr
    assert walsall_page.permissions_for_user(editor).can_publish()
    assert not hampshire_page.permissions_for_user(editor).can_edit()


def test_printed_admin_login_is_accepted(demo_password, client):
    user = authenticate(username="admin", password=demo_password)
    assert user is not None and user.is_superuser
    assert client.login(username="admin", password=demo_password)
    assert client.get("/admin/").status_code == 200


def test_running_setup_demo_again_reuses_what_exists_and_loses_nothing(demo_password, settings):
    page = GuidancePage.objects.get(authority__slug="walsall")
    page.title = "Complaints about children's social care in Walsall"
    page.save_revision().publish()

    out = StringIO()
    call_command("setup_demo", stdout=out)

    assert f"Password: {demo_password}" in out.getvalue()
    assert HomePage.objects.count() == 2  # English, and its Welsh translation
    assert SectionPage.objects.count() == len(ALL_SLUGS) + len(WELSH_PAGES)
    assert GuidancePage.objects.count() == len(PAGES) + len(WELSH_PAGES)
    assert ProcessConfigVersion.objects.count() == len(ALL_SLUGS)  # unchanged files: no new versions
    assert GuidancePage.objects.get(authority__slug="walsall").title == "Complaints about children's social care in Walsall"
    assert AuthorityTeam.objects.count() == 4 * len(ALL_SLUGS)


def test_setup_demo_again_after_a_process_edit_in_the_admin_keeps_the_edit_and_says_so(demo_password, client, settings):
    """`make demo` twice with an administrator's edit in between: the edit survives, no traceback."""
    from complaints_process.views.admin_config import current_text

    walsall = Authority.objects.get(slug="walsall")
    edited = current_text(walsall).replace("due: within 10 working days", "due: within 9 working days", 1)
    assert "within 9 working days" in edited
    client.login(username="admin", password=demo_password)
    response = client.post("/admin/complaints/process/walsall/edit/", {"yaml": edited, "publish": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert walsall.current_version().number == 2

    out = StringIO()
    call_command("setup_demo", stdout=out)  # raises nothing

    current = Authority.objects.get(slug="walsall").current_version()
    assert current.number == 2 and current.source_name == "admin"
    assert current.source_text == edited
    assert "walsall: kept v2, published in the admin" in out.getvalue()
    assert "Demo ready." in out.getvalue()
    # The other authorities' files still load as before: unchanged, one version each.
    assert ProcessConfigVersion.objects.filter(authority__slug="hampshire").count() == 1
