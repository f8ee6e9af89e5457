"""GET authorities/ and authorities/{authority}/: what is published, and where its guidance lives."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction, Site

from complaints_process.models import Authority, GuidancePage

from .helpers import ALL_SLUGS, API, SEED_SLUGS, assert_error_shape, load_seed_configs

pytestmark = pytest.mark.django_db


def add_guidance_page(slug: str, *, live: bool = True) -> GuidancePage:
    """A guidance page for the authority under the default site's root page."""
    root = Site.objects.get(is_default_site=True).root_page
    page = GuidancePage(title=f"Complaints guidance {slug}", slug=f"{slug}-guidance", authority=Authority.objects.get(slug=slug), live=live)
    return root.add_child(instance=page)


def test_list_has_every_authority_with_its_procedures(client, seed_configs):
    response = client.get(f"{API}/authorities/")
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list)
    assert sorted(item["slug"] for item in body) == sorted(ALL_SLUGS)
    for item in body:
        config = seed_configs[item["slug"]]
        assert set(item) == {"slug", "name", "procedures", "guidance_url"}
        assert item["name"] == config.name
        assert item["procedures"] == [{"slug": p.slug, "name": p.name, "kind": p.kind} for p in config.procedures]
        assert item["guidance_url"] is None  # no pages yet


def test_list_is_ordered_by_name_and_council_a_has_two_procedures(client, seed_configs):
    body = client.get(f"{API}/authorities/").json()
    assert [item["name"] for item in body] == sorted(item["name"] for item in body)
    council_a = next(item for item in body if item["slug"] == "council-a")
    assert [(p["slug"], p["kind"]) for p in council_a["procedures"]] == [("childrens-statutory", "statutory"), ("corporate", "corporate")]


def test_list_is_empty_before_any_config_is_loaded(client, db):
    assert client.get(f"{API}/authorities/").json() == []


def test_authority_without_a_loaded_version_is_not_listed_and_is_404(client, seed_configs):
    Authority.objects.create(slug="no-config", name="No config yet", reference_prefix="NOC")
    slugs = [item["slug"] for item in client.get(f"{API}/authorities/").json()]
    assert "no-config" not in slugs
    assert_error_shape(client.get(f"{API}/authorities/no-config/"), 404, ["path", "authority"])


def test_guidance_url_is_the_full_url_of_the_live_page_and_null_for_a_draft(client, seed_configs):
    page = add_guidance_page("walsall")
    add_guidance_page("hampshire", live=False)
    by_slug = {item["slug"]: item for item in client.get(f"{API}/authorities/").json()}
    assert by_slug["walsall"]["guidance_url"] == page.get_full_url()
    assert by_slug["walsall"]["guidance_url"].startswith("http")
    assert by_slug["walsall"]["guidance_url"].endswith("/walsall-guidance/")
    assert by_slug["hampshire"]["guidance_url"] is None
    assert client.get(f"{API}/authorities/walsall/").json()["guidance_url"] == page.get_full_url()


def test_demo_site_gives_every_authority_its_guidance_page_url(client, settings, tmp_path):
    settings.SITE_DIR = tmp_path  # keeps the demo password file out of the project
    call_command("setup_demo", stdout=StringIO())
    by_slug = {item["slug"]: item["guidance_url"] for item in client.get(f"{API}/authorities/").json()}
    # The demo's Wagtail Site is localhost:80, so that is the host the full URLs carry.
    assert by_slug == {
        **{slug: f"http://localhost/{slug}/childrens-social-care-complaints/" for slug in SEED_SLUGS},
        "kinloch": "http://localhost/kinloch/social-work-complaints/",
        "cwm-aur": "http://localhost/cwm-aur/social-services-complaints/",
        # Two pages, one per procedure: the first in the page tree is given.
        "ashby-vale": "http://localhost/ashby-vale/childrens-social-care-complaints/",
    }


def test_guidance_url_is_null_for_a_page_with_restricted_viewing(client, seed_configs):
    page = add_guidance_page("walsall")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"{API}/authorities/walsall/").json()["guidance_url"] is None


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_detail_of_each_seed_authority(client, seed_configs, slug):
    config = seed_configs[slug]
    response = client.get(f"{API}/authorities/{slug}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"slug", "name", "version", "guidance_url", "calendar", "contact", "advocacy", "procedures"}
    assert (body["slug"], body["name"], body["version"]) == (slug, config.name, 1)
    assert body["calendar"] == {
        "nation": config.calendar.nation,
        "closures": [{"date": c.day.isoformat(), "reason": c.reason} for c in config.calendar.closures],
    }
    assert body["procedures"] == [{"slug": p.slug, "name": p.name, "kind": p.kind} for p in config.procedures]
    assert (body["advocacy"] is None) == (config.advocacy is None)
    assert (body["contact"] is None) == (config.contact is None)


def test_detail_shows_the_newest_version_after_a_changed_file_is_loaded(client, configs_copy):
    load_seed_configs(configs_copy)
    walsall = configs_copy / "walsall.yaml"
    walsall.write_text(walsall.read_text().replace("closures: []", "closures:\n      - {date: 2026-12-29, reason: Offices closed}", 1))
    load_seed_configs(configs_copy)
    body = client.get(f"{API}/authorities/walsall/").json()
    assert body["version"] == 2
    assert body["calendar"]["closures"] == [{"date": "2026-12-29", "reason": "Offices closed"}]


def test_unknown_authority_is_a_json_404_on_the_path_parameter(client, seed_configs):
    detail = assert_error_shape(client.get(f"{API}/authorities/atlantis/"), 404, ["path", "authority"])
    assert detail[0]["type"] == "not_found"
