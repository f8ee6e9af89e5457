"""Process administrators change timescales through a form: checked like the YAML, previewed,
published as a new version; mistakes are shown beside their field and nothing is lost."""

import pytest
from django.urls import reverse

from complaints_process.services.configs import ADMIN_SOURCE
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

ACK_DUE = "procedures__0__clocks__acknowledgement__due"
S1_EXTENDED = "procedures__0__stages__stage1__clocks__response__extended"
S2_DUE = "procedures__0__stages__stage2__clocks__response__due"
S2_EXTENDED = "procedures__0__stages__stage2__clocks__response__extended"
S1_REMINDERS = "procedures__0__stages__stage1__clocks__response__reminders"


def form_url(authority):
    return reverse("complaints_process_config:form", args=[authority.slug])


def current_values(client, authority):
    """What the form shows, as a browser would post it back."""
    form = client.get(form_url(authority)).context["form"]
    return {name: ("" if form[name].value() is None else form[name].value()) for name in form.fields}


def test_the_form_shows_the_current_timescales(as_user, process_admin, walsall):
    response = as_user(process_admin).get(form_url(walsall))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="within 25 working days"' in html and 'value="up to 65 working days"' in html
    assert "Escalation window" in html and "Closure days" in html


def test_a_new_timescale_is_previewed_then_published_and_open_cases_keep_theirs(as_user, process_admin, walsall):
    client = as_user(process_admin)
    old_case = ComplaintFactory(authority=walsall)
    values = current_values(client, walsall)
    values.update({ACK_DUE: "within 3 working days", "closure_0_date": "2026-03-04", "closure_0_reason": "Office move"})
    response = client.post(form_url(walsall), {**values, "received": "2026-03-02", "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="cp-preview"' in html
    # Received Monday 2 March; 3 working days, but Wednesday 4 March is now a closure day:
    # Tue 3 (1), Thu 5 (2), Fri 6 (3).
    assert 'data-iso="2026-03-06"' in html
    assert walsall.config_versions.count() == 1  # a preview publishes nothing
    response = client.post(form_url(walsall), {**values, "received": "2026-03-02", "publish": "1"})
    assert response.status_code == 302
    version = walsall.current_version()
    assert (version.number, version.source_name, version.created_by) == (2, ADMIN_SOURCE, process_admin)
    config = version.config()
    assert config.procedures[0].clock("acknowledgement").due_text == "within 3 working days"
    assert [(c.day.isoformat(), c.reason) for c in config.calendar.closures] == [("2026-03-04", "Office move")]
    old_case.refresh_from_db()
    assert old_case.config_version.number == 1


def test_the_guidance_wording_follows_a_change_of_the_stage2_limit(as_user, process_admin, walsall):
    client = as_user(process_admin)
    values = current_values(client, walsall)
    values[S2_DUE] = "within 30 working days"
    response = client.post(form_url(walsall), {**values, "received": "2026-03-02", "preview": "1"})
    assert "30 working days" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (ACK_DUE, "within five fortnights", "five"),
        (ACK_DUE, "", "required"),
        (S1_REMINDERS, "2 working days", "before or after"),
        ("closure_0_date", "29/12/2026", "YYYY-MM-DD"),
        # A rule that spans two keys, found by the loader and put beside the field at fault:
        (S2_EXTENDED, "up to 20 working days", "must be longer"),
    ],
)
def test_a_mistake_is_shown_beside_its_field_and_nothing_is_published(as_user, process_admin, walsall, field, value, message):
    client = as_user(process_admin)
    values = current_values(client, walsall)
    values[field] = value
    response = client.post(form_url(walsall), {**values, "publish": "1"})
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html or field.startswith("closure")
    assert not value or f'value="{value}"' in html or f"{value}</textarea>" in html  # what was typed is kept
    assert walsall.config_versions.count() == 1


def test_a_form_opened_before_someone_else_published_is_refused_with_the_values_kept(as_user, process_admin, walsall):
    client = as_user(process_admin)
    stale = current_values(client, walsall)
    fresh = dict(stale, **{ACK_DUE: "within 4 working days"})
    assert client.post(form_url(walsall), {**fresh, "publish": "1"}).status_code == 302
    stale[S2_DUE] = "within 30 working days"
    response = client.post(form_url(walsall), {**stale, "publish": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "was published after you opened this form" in html and 'value="within 30 working days"' in html
    assert walsall.config_versions.count() == 2


def test_clearing_an_extended_limit_means_the_clock_cannot_be_extended(as_user, process_admin, walsall):
    client = as_user(process_admin)
    values = current_values(client, walsall)
    values[S1_EXTENDED] = ""
    assert client.post(form_url(walsall), {**values, "publish": "1"}).status_code == 302
    clock = walsall.current_version().config().procedures[0].clock("stage1.response")
    assert clock.extended_text is None and clock.extension is None


@pytest.mark.parametrize("who", ["officer", "manager", "editor", "other_officer"])
def test_only_the_authority_process_administrators_reach_the_form(request, who, as_user, walsall, hampshire):
    client = as_user(request.getfixturevalue(who))
    assert client.get(form_url(walsall)).status_code == 404
    assert client.post(form_url(walsall), {ACK_DUE: "within 1 working day", "publish": "1"}).status_code == 404
    assert walsall.config_versions.count() == 1


def test_publishing_from_the_form_keeps_the_files_comments_and_the_preview_shows_what_changes(as_user, process_admin, walsall):
    client = as_user(process_admin)
    values = current_values(client, walsall)
    values[ACK_DUE] = "within 3 working days"
    preview = client.post(form_url(walsall), {**values, "preview": "1"}).content.decode()
    changes = preview.split('id="cp-changes"')[1].split("</section>")[0]
    assert '<div class="cp-diff-removed"><span class="cp-diff-sign">removed</span><code>        due: within 5 working days</code>' in changes
    assert '<div class="cp-diff-added"><span class="cp-diff-sign">added</span><code>        due: within 3 working days</code>' in changes
    assert changes.count('class="cp-diff-added"') == 1 and changes.count('class="cp-diff-removed"') == 1

    assert client.post(form_url(walsall), {**values, "publish": "1"}).status_code == 302
    source = walsall.current_version().source_text
    # Walsall's file, quotes of its page and template reference kept, one value changed.
    assert source.startswith('# Walsall Council: "Make a complaint about children\'s social care" (seed page 004).')
    assert "    extends: base/statutory-england-2006\n" in source
    assert "# \"We'll let you know that we've received your complaint within 5 working days.\"\n" in source
    assert "        due: within 3 working days\n" in source
    assert "due: within 5 working days" not in source
    assert walsall.current_version().config().procedures[0].clock("acknowledgement").due_text == "within 3 working days"


def test_the_preview_of_an_unchanged_form_says_nothing_would_change(as_user, process_admin, walsall):
    client = as_user(process_admin)
    html = client.post(form_url(walsall), {**current_values(client, walsall), "preview": "1"}).content.decode()
    assert "Nothing: this is the current version's configuration." in html
