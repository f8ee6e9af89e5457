"""An authority's own text in Welsh (its file's ``translations:``): checked at load with the
line of each bad entry, kept on the version, shown in the active language, never changing a
duration or a date."""

from pathlib import Path

import pytest
from django.utils import translation

from complaints_process.core.config import ConfigInvalid, build_timeline, load_authority_file
from complaints_process.core.config.translations import read_translations, translated
from complaints_process.models import ProcessConfigVersion
from complaints_process.services.configs import load_config_files
from council_site.home.demo_content import SEED_REASON

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = ROOT / "process_configs"
CWM_AUR = CONFIGS / "cwm-aur.yaml"

pytestmark = pytest.mark.django_db


def with_translations(tmp_path, table: str) -> Path:
    """Cwm Aur's file with its translations replaced by ``table`` (YAML after 'translations:')."""
    text = CWM_AUR.read_text(encoding="utf-8").split("\ntranslations:")[0]
    path = tmp_path / "cwm-aur.yaml"
    path.write_text(text + "\ntranslations:" + table, encoding="utf-8")
    return path


def load(path: Path):
    return load_config_files([path], configs_root=CONFIGS, reason=SEED_REASON)


def test_a_bad_entry_is_refused_with_its_line(tmp_path):
    path = with_translations(tmp_path, '\n  cy:\n    "Local resolution": ""\n    "Formal investigation": [Ymchwiliad]\n  Welsh: {}\n')
    lines = path.read_text(encoding="utf-8").splitlines()
    with pytest.raises(ConfigInvalid) as refused:
        load(path)
    messages = {error.line: error.message for error in refused.value.errors}
    empty, not_text, not_a_language = (
        lines.index(line) + 1 for line in ('    "Local resolution": ""', '    "Formal investigation": [Ymchwiliad]', "  Welsh: {}")
    )
    assert messages == {
        empty: 'the translation of "Local resolution" is empty: give the text, or leave the entry out',
        not_text: 'each entry of \'translations: cy:\' must be text: "English": "translation"',
        not_a_language: "'Welsh' is not a language code: write it as the site's LANGUAGES do, e.g. 'cy'",
    }
    assert not ProcessConfigVersion.objects.exists()


def test_the_version_shows_the_welsh_in_welsh_and_the_english_in_english():
    load(CWM_AUR)
    version = ProcessConfigVersion.objects.get(authority__slug="cwm-aur")
    with translation.override("cy"):
        welsh = version.config()
    with translation.override("en-gb"):
        english = version.config()
    assert (welsh.name, english.name) == ("Cyngor Sir Cwm Aur (enghraifft)", "Cwm Aur County Council (example)")
    assert [s.name for s in welsh.procedures[0].stages] == ["Datrys yn lleol", "Ymchwiliad ffurfiol"]
    assert [s.name for s in english.procedures[0].stages] == ["Local resolution", "Formal investigation"]
    assert welsh.procedures[0].ombudsman.name == "Ombwdsmon Gwasanaethau Cyhoeddus Cymru"
    assert english == load_authority_file(CWM_AUR, configs_root=CONFIGS)


def test_translating_changes_no_duration_and_no_date():
    from datetime import date

    english = load_authority_file(CWM_AUR, configs_root=CONFIGS)
    welsh = translated(english, read_translations(CWM_AUR.read_text(encoding="utf-8"))["cy"])
    assert welsh != english
    assert [(c.key, c.due, c.extended) for c in welsh.procedures[0].clocks] == [
        (c.key, c.due, c.extended) for c in english.procedures[0].clocks
    ]
    received = date(2026, 6, 3)
    calendar = english.working_calendar()
    assert [e.due for e in build_timeline(welsh.procedures[0], received, calendar)] == [
        e.due for e in build_timeline(english.procedures[0], received, calendar)
    ]
    assert [e.key for e in build_timeline(welsh.procedures[0], received, calendar)] == [
        e.key for e in build_timeline(english.procedures[0], received, calendar)
    ]


def test_a_change_of_translations_alone_is_a_new_version(tmp_path):
    load(CWM_AUR)
    path = with_translations(tmp_path, '\n  cy:\n    "Local resolution": "Datrys pethau’n lleol"\n')
    load(path)
    versions = ProcessConfigVersion.objects.filter(authority__slug="cwm-aur").order_by("number")
    assert versions.count() == 2
    with translation.override("cy"):
        assert ProcessConfigVersion.objects.get(pk=versions.last().pk).config().procedures[0].stages[0].name == "Datrys pethau’n lleol"
    load(path)  # unchanged: no third version
    assert ProcessConfigVersion.objects.filter(authority__slug="cwm-aur").count() == 2
