"""Process administrators edit the YAML in the admin: validate, preview, publish, history, export."""

import pytest
from django.urls import reverse

from complaints_process.core.config import load_authority_text
from complaints_process.services.configs import ADMIN_SOURCE, AdminVersionConflict, publish_config
from complaints_process.views.admin_config import current_text
from tests.factories import CONFIGS, ComplaintFactory

pytestmark = pytest.mark.django_db


def edit_url(authority):
    return reverse("complaints_process_config:edit", args=[authority.slug])


def test_preview_shows_the_new_sentence_and_dates_then_publish_makes_a_version(as_user, process_admin, walsall):
    client = as_user(process_admin)
    old_case = ComplaintFactory(authority=walsall)
    assert client.get(edit_url(walsall)).status_code == 200
    text = current_text(walsall)
    assert "within 5 working days" in text
    changed = text.replace("due: within 5 working days", "due: within 3 working days", 1)
    response = client.post(edit_url(walsall), {"yaml": changed, "received": "2026-03-02", "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="cp-preview"' in html
    assert "3 working days" in html
    assert 'data-iso="2026-03-05"' in html  # acknowledgement: Mon 2 March + 3 working days
    assert walsall.config_versions.count() == 1  # a preview publishes nothing
    response = client.post(edit_url(walsall), {"yaml": changed, "received": "2026-03-02", "publish": "1"})
    assert response.status_code == 302
    version = walsall.current_version()
    assert (version.number, version.source_name, version.created_by) == (2, ADMIN_SOURCE, process_admin)
    old_case.refresh_from_db()
    assert old_case.config_version.number == 1  # open cases keep theirs
    history = client.get(reverse("complaints_process_config:history", args=[walsall.slug])).content.decode()
    assert "Published in the admin" in history and "process_configs/walsall.yaml" in history
    exported = client.get(reverse("complaints_process_config:export", args=[walsall.slug, 2]))
    assert exported["Content-Disposition"].endswith('walsall-v2.yaml"')
    assert load_authority_text(exported.content.decode()).procedures[0].clock("acknowledgement").due_text == "within 3 working days"
    # Loading the file again stops and shows the difference, unless forced.
    path = CONFIGS / "walsall.yaml"
    config = load_authority_text(path.read_text(), name=str(path), configs_root=CONFIGS)
    with pytest.raises(AdminVersionConflict) as conflict:
        publish_config(config, source_text=path.read_text(), source_name="process_configs/walsall.yaml")
    assert "within 3 working days" in conflict.value.diff


def test_errors_are_shown_with_line_numbers_and_nothing_is_published(as_user, process_admin, walsall):
    client = as_user(process_admin)
    text = current_text(walsall).replace("due: within 5 working days", "due: within five fortnights", 1)
    response = client.post(edit_url(walsall), {"yaml": text, "preview": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "five fortnights" in row)
    assert f"Line {line}, column" in html and f'id="cp-line-{line}" class="cp-bad"' in html
    response = client.post(edit_url(walsall), {"yaml": text, "publish": "1"})
    assert response.status_code == 400
    assert walsall.config_versions.count() == 1


def test_the_slug_cannot_be_changed_to_another_authority(as_user, process_admin, walsall, hampshire):
    text = current_text(walsall).replace("slug: walsall", "slug: hampshire", 1)
    response = as_user(process_admin).post(edit_url(walsall), {"yaml": text, "publish": "1"})
    assert response.status_code == 400
    assert hampshire.config_versions.count() == 1 and walsall.config_versions.count() == 1


@pytest.mark.parametrize("who", ["officer", "manager", "editor", "other_officer"])
def test_only_the_authority_process_administrators_edit(request, who, as_user, walsall, hampshire):
    client = as_user(request.getfixturevalue(who))
    for url in (
        reverse("complaints_process_config:index"),
        edit_url(walsall),
        reverse("complaints_process_config:history", args=[walsall.slug]),
        reverse("complaints_process_config:export", args=[walsall.slug, 1]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(edit_url(walsall), {"yaml": current_text(walsall), "publish": "1"}).status_code == 404


def test_process_administrator_of_one_authority_cannot_edit_another(as_user, process_admin, hampshire):
    assert as_user(process_admin).get(edit_url(hampshire)).status_code == 404


def test_the_yaml_editor_refuses_an_alias_bomb_and_publishes_nothing(as_user, process_admin, walsall):
    from tests.core.config.test_yaml_aliases import BOMB

    client = as_user(process_admin)
    text = current_text(walsall) + "\n" + BOMB.replace("a:", "x_a:", 1)
    for button in ("preview", "publish"):
        response = client.post(edit_url(walsall), {"yaml": text, button: "1"})
        assert response.status_code == 400
        assert "YAML aliases (&#x27;*name&#x27;) are not supported" in response.content.decode()
    assert walsall.config_versions.count() == 1


def test_the_yaml_editor_shows_the_file_as_written_and_publishing_keeps_its_comments(as_user, process_admin, walsall):
    text = (CONFIGS / "walsall.yaml").read_text()
    client = as_user(process_admin)
    url = reverse("complaints_process_config:edit", args=["walsall"])
    page = client.get(url).content.decode()
    assert "# &quot;We aim to respond within 10 working days, but it might take up to 20 days.&quot;" in page
    # 9, not 12: 12 working days would end after Walsall's "up to 20 days" for some days of
    # receipt (from 14 December 2026), which validation refuses; and more than the law's 10
    # working days would need a reason to publish (process_config lawcheck).
    edited = text.replace("due: within 10 working days", "due: within 9 working days")
    preview = client.post(url, {"yaml": edited, "preview": "1"}).content.decode()
    changes = preview.split('id="cp-changes"')[1].split("</section>")[0]
    assert "within 9 working days" in changes and "within 10 working days" in changes
    assert client.post(url, {"yaml": edited, "publish": "1"}).status_code == 302
    assert walsall.current_version().source_text == edited


def test_a_superuser_adds_an_authority_whose_first_version_comes_from_a_template(walsall):
    from django.test import Client

    from complaints_process.models import Authority, AuthorityTeam
    from tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("complaints_process_config:add_authority")
    assert url in client.get(reverse("complaints_process_config:index")).content.decode()
    form = client.get(url).content.decode()
    assert 'value="base/statutory-england-2006"' in form and 'value="base/corporate-lgsco-2024"' in form

    refused = client.post(url, {"name": "Taken", "slug": "walsall", "reference_prefix": "wal", "nation": "england"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "An authority with this short name already exists." in html
    assert "Enter 2 to 5 capital letters, e.g. WAL." in html
    assert "This field is required." in html  # no procedure chosen
    assert Authority.objects.count() == 1

    response = client.post(
        url,
        {
            "name": "Borsetshire County Council",
            "slug": "borsetshire",
            "reference_prefix": "BOR",
            "nation": "england",
            "templates": ["base/statutory-england-2006"],
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("complaints_process_config:edit", args=["borsetshire"])
    added = Authority.objects.get(slug="borsetshire")
    assert (added.name, added.reference_prefix) == ("Borsetshire County Council", "BOR")
    version = added.current_version()
    assert (version.number, version.source_name) == (1, ADMIN_SOURCE)
    assert "    extends: base/statutory-england-2006\n" in version.source_text
    # The statutory template's stage 1: "10 working days from receipt" (reg. 14 and the guidance).
    assert version.config().procedures[0].clock("stage1.response").due_text == "within 10 working days"
    assert AuthorityTeam.objects.filter(authority=added).count() == 4
    assert version.source_text.startswith("# Borsetshire County Council: added in the admin.")


def test_only_superusers_add_authorities(as_user, process_admin, walsall):
    client = as_user(process_admin)
    assert client.get(reverse("complaints_process_config:add_authority")).status_code == 404
    assert reverse("complaints_process_config:add_authority") not in client.get(reverse("complaints_process_config:index")).content.decode()


def test_preview_lists_each_departure_from_the_law_and_publishing_one_that_takes_a_right_needs_a_reason(
    as_user, process_admin, walsall
):
    client = as_user(process_admin)
    text = current_text(walsall)
    # 004: "You'll need to do this within 20 working days of receiving the response letter."
    # Cut to 10 working days: below the guidance's 20 working days, a right taken.
    line = text.splitlines().index("            due: within 20 working days") + 1
    lines = text.splitlines()
    lines[line - 1] = "            due: within 10 working days"
    changed = "\n".join(lines) + "\n"
    response = client.post(edit_url(walsall), {"yaml": changed, "received": "2027-03-01", "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<code>walsall.yaml:{line}</code>: childrens-statutory stage2.request: the complainant" in html
    assert "The guidance (Getting the Best from Complaints, 2006)" in html
    assert "within 30 days" in html and "calendar time where the law counts working days" in html  # the page's own calendar days
    assert 'name="reason"' in html
    response = client.post(edit_url(walsall), {"yaml": changed, "received": "2027-03-01", "publish": "1"})
    assert response.status_code == 400
    assert "give the reason to publish it" in response.content.decode()
    assert walsall.config_versions.count() == 1
    reason = "Agreed with the Director: a shorter window for this pilot."
    response = client.post(edit_url(walsall), {"yaml": changed, "received": "2027-03-01", "publish": "1", "reason": reason})
    assert response.status_code == 302
    assert walsall.current_version().reason == reason
    history = client.get(reverse("complaints_process_config:history", args=[walsall.slug])).content.decode()
    assert reason in history and "the complainant&#x27;s window is shorter than the law gives" in history


def test_publishing_an_earlier_receipt_or_a_window_from_sending_needs_a_reason(as_user, process_admin, walsall):
    from tests.work.test_receipt import cut_receipt

    client = as_user(process_admin)
    changed = cut_receipt(current_text(walsall))
    response = client.post(edit_url(walsall), {"yaml": changed, "received": "2027-03-01", "publish": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "give the reason to publish it" in html
    assert "childrens-statutory receipt.post: a response sent this way is taken as received earlier" in html
    assert "childrens-statutory stage2.request: the complainant&#x27;s window counts from sending" in html
    assert walsall.config_versions.count() == 1
    reason = "Walsall's page says letters are received the day they are posted."
    response = client.post(edit_url(walsall), {"yaml": changed, "received": "2027-03-01", "publish": "1", "reason": reason})
    assert response.status_code == 302
    assert walsall.current_version().reason == reason


def test_a_change_that_takes_no_new_right_publishes_without_a_reason(as_user, process_admin, walsall):
    client = as_user(process_admin)
    # Walsall's calendar-day clocks are departures already published: changing the
    # acknowledgement time adds none.
    changed = current_text(walsall).replace("due: within 5 working days", "due: within 3 working days", 1)
    response = client.post(edit_url(walsall), {"yaml": changed, "preview": "1"})
    assert 'name="reason"' not in response.content.decode()
    assert client.post(edit_url(walsall), {"yaml": changed, "publish": "1"}).status_code == 302
    assert (walsall.current_version().number, walsall.current_version().reason) == (2, "")
