"""A changed config changes the page on its next render, in the preview too."""

import pytest

from complaints_process.services.configs import load_config_files
from tests.demo import guidance_page, page_url

pytestmark = pytest.mark.django_db

OLD = "We will do this within 10 working days of receiving your complaint."
NEW = "We will do this within 8 working days of receiving your complaint."


def change_walsall_stage1(configs):
    path = configs / "walsall.yaml"
    text = path.read_text()
    assert text.count("due: within 10 working days") == 1
    path.write_text(text.replace("due: within 10 working days", "due: within 8 working days"))
    load_config_files([path], configs_root=configs)


def test_changing_stage1_response_and_reloading_changes_the_sentence(demo, client):
    assert OLD in client.get(page_url("walsall")).content.decode()
    change_walsall_stage1(demo)
    html = client.get(page_url("walsall")).content.decode()
    assert NEW in html
    assert OLD not in html


def test_page_preview_reflects_the_current_config(demo):
    page = guidance_page("walsall")
    change_walsall_stage1(demo)
    response = page.make_preview_request()
    html = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assert NEW in html and OLD not in html


def test_admin_preview_reflects_the_current_config(demo, admin_client):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    page = guidance_page("walsall")
    change_walsall_stage1(demo)
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "authority": page.authority_id,
            "procedure_slug": page.procedure_slug,
            "intro": rich_text("<p>Intro</p>"),
            "body": streamfield([("text", rich_text("<p>Prose</p>")), ("process_stages", {"heading": "Stages"})]),
        }
    )
    from django.urls import reverse

    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = admin_client.post(url, data)
    assert posted.status_code == 200 and posted.json()["is_valid"], posted.content
    html = admin_client.get(url).content.decode()
    assert NEW in html and OLD not in html
