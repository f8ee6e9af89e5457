"""The admin's editors keep the authority's ``translations:`` table: a version published from
the form or the YAML editor, and every export, carries it; an English text changed so that
its Welsh no longer matches is shown before publishing, never silently left."""

import pytest
import yaml
from django.urls import reverse

from complaints_process.core.config import load_authority_text
from complaints_process.core.config.translations import read_translations
from tests.factories import CONFIGS, UserFactory, publish_seed

pytestmark = pytest.mark.django_db

S1_NAME = "procedures__0__stages__stage1__name"
ACK_DUE = "procedures__0__clocks__acknowledgement__due"
#: Cwm Aur's Welsh, as its file writes it (process_configs/cwm-aur.yaml).
CWM_AUR_CY = {
    "Cwm Aur County Council (example)": "Cyngor Sir Cwm Aur (enghraifft)",
    "Local resolution": "Datrys yn lleol",
    "Public Services Ombudsman for Wales": "Ombwdsmon Gwasanaethau Cyhoeddus Cymru",
}


@pytest.fixture
def cwm_aur(db):
    return publish_seed("cwm-aur")


@pytest.fixture
def client_of(cwm_aur, as_user):
    return as_user(UserFactory(teams=[(cwm_aur, "process_administrator")]))


def form_url(authority):
    return reverse("complaints_process_config:form", args=[authority.slug])


def edit_url(authority):
    return reverse("complaints_process_config:edit", args=[authority.slug])


def form_values(client, authority, **headers):
    form = client.get(form_url(authority), **headers).context["form"]
    return {name: ("" if form[name].value() is None else form[name].value()) for name in form.fields}


def welsh(version) -> dict[str, str]:
    return version.translations()["cy"]


def assert_keeps_cwm_aur_welsh(table):
    assert {english: table.get(english) for english in CWM_AUR_CY} == CWM_AUR_CY
    assert len(table) == 17  # every entry of the file


def test_the_form_keeps_the_welsh_when_it_publishes(client_of, cwm_aur):
    values = form_values(client_of, cwm_aur)
    values[ACK_DUE] = "within 1 working day"
    response = client_of.post(form_url(cwm_aur), {**values, "publish": "1"})
    assert response.status_code == 302
    version = cwm_aur.current_version()
    assert version.number == 2
    assert version.english_config().procedures[0].clock("acknowledgement").due_text == "within 1 working day"
    assert_keeps_cwm_aur_welsh(welsh(version))


def test_the_form_keeps_the_welsh_when_it_stores_the_resolved_text(client_of, cwm_aur, monkeypatch):
    # When the edit cannot be written into the version's own text, the form publishes the
    # resolved YAML it produced: the table goes with it.
    monkeypatch.setattr("complaints_process.forms.process.edit_source", lambda *args: None)
    values = form_values(client_of, cwm_aur)
    values[ACK_DUE] = "within 1 working day"
    assert client_of.post(form_url(cwm_aur), {**values, "publish": "1"}).status_code == 302
    version = cwm_aur.current_version()
    assert "extends:" not in version.source_text  # the resolved text, not the file's
    assert_keeps_cwm_aur_welsh(welsh(version))


def test_the_form_opened_in_welsh_publishes_the_english_as_written(client_of, cwm_aur):
    # An administrator whose browser asks for Welsh: the form edits the English config (the
    # Welsh is in the table), it never writes the Welsh names in as English.
    values = form_values(client_of, cwm_aur, HTTP_ACCEPT_LANGUAGE="cy")
    assert values[S1_NAME] == "Local resolution"
    values[ACK_DUE] = "within 1 working day"
    assert client_of.post(form_url(cwm_aur), {**values, "publish": "1"}, HTTP_ACCEPT_LANGUAGE="cy").status_code == 302
    version = cwm_aur.current_version()
    config = version.english_config()
    assert (config.name, config.procedures[0].stages[0].name) == ("Cwm Aur County Council (example)", "Local resolution")
    assert_keeps_cwm_aur_welsh(welsh(version))


def test_a_changed_english_text_shows_its_welsh_no_longer_matches(client_of, cwm_aur):
    values = form_values(client_of, cwm_aur)
    values[S1_NAME] = "Early resolution"
    response = client_of.post(form_url(cwm_aur), {**values, "preview": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="cp-translations-cy"' in html
    missing = html.split('class="cp-translations-missing">')[1].split("</ul>")[0]
    orphaned = html.split('class="cp-translations-orphaned">')[1].split("</ul>")[0]
    assert missing == '<li>"Early resolution"</li>'
    assert orphaned == '<li>"Local resolution"</li>'


def test_a_matching_table_shows_no_warning(client_of, cwm_aur):
    values = form_values(client_of, cwm_aur)
    values[ACK_DUE] = "within 1 working day"
    html = client_of.post(form_url(cwm_aur), {**values, "preview": "1"}).content.decode()
    assert "cp-translations" not in html


def test_the_yaml_editor_edits_the_welsh(client_of, cwm_aur):
    text = client_of.get(edit_url(cwm_aur)).context["lines"]
    text = "\n".join(line["text"] for line in text) + "\n"
    assert '"Local resolution": "Datrys yn lleol"' in text
    changed = text.replace('"Local resolution": "Datrys yn lleol"', '"Local resolution": "Datrys yn lleol yn gyntaf"')
    assert client_of.post(edit_url(cwm_aur), {"yaml": changed, "publish": "1"}).status_code == 302
    version = cwm_aur.current_version()
    assert version.number == 2 and welsh(version)["Local resolution"] == "Datrys yn lleol yn gyntaf"


def test_the_yaml_editor_shows_a_table_removed_altogether(client_of, cwm_aur):
    text = (CONFIGS / "cwm-aur.yaml").read_text(encoding="utf-8").split("\ntranslations:")[0]
    html = client_of.post(edit_url(cwm_aur), {"yaml": text, "preview": "1"}).content.decode()
    missing = html.split('class="cp-translations-missing">')[1].split("</ul>")[0]
    assert '<li>"Local resolution"</li>' in missing and '<li>"Cwm Aur County Council (example)"</li>' in missing


def test_a_bad_welsh_entry_in_the_yaml_editor_is_shown_on_its_line(client_of, cwm_aur):
    text = (CONFIGS / "cwm-aur.yaml").read_text(encoding="utf-8")
    bad = text.replace('"Local resolution": "Datrys yn lleol"', '"Local resolution": ""')
    line = bad.splitlines().index('    "Local resolution": ""') + 1
    response = client_of.post(edit_url(cwm_aur), {"yaml": bad, "publish": "1"})
    assert response.status_code == 400
    assert [(e["line"], e["message"]) for e in response.context["errors"]] == [
        (line, 'the translation of "Local resolution" is empty: give the text, or leave the entry out')
    ]
    assert cwm_aur.config_versions.count() == 1


def test_the_export_keeps_the_welsh_and_loads_back(client_of, cwm_aur):
    exported = client_of.get(reverse("complaints_process_config:export", args=[cwm_aur.slug, 1])).content.decode()
    assert_keeps_cwm_aur_welsh(read_translations(exported)["cy"])
    assert "extends:" not in exported
    assert load_authority_text(exported).name == "Cwm Aur County Council (example)"
    assert yaml.safe_load(exported)["translations"]["cy"]["Local resolution"] == "Datrys yn lleol"
