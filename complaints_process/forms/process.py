"""The structured process editor's form: an authority's tunable values as admin fields.

Built from the current version's data by ``core.config.editing``; each value is checked
with the loader's own rule for its key, then the whole config is dumped to YAML and loaded
with the ordinary loader (``load_authority_text``), so the form accepts exactly what a file
would.  Errors the loader finds across keys are put beside the field of the key at fault.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django import forms

from complaints_process.core.config import ConfigInvalid, canonical_json, load_authority_text
from complaints_process.core.config.editing import (
    CLOSURES_PATH,
    EditableField,
    FieldInvalid,
    apply_edits,
    closures_value,
    collect_edits,
    editable_fields,
    owning_field,
    paths_by_line,
)
from complaints_process.core.config.export import dump_data
from complaints_process.core.config.roundtrip import edit_source
from complaints_process.core.config.translations import read_translations, with_translations

EXTRA_CLOSURE_ROWS = 3
TEXTAREA_KINDS = {"reminders", "stage_description"}


class ProcessForm(forms.Form):
    """``data_dict``: the current version's data in the file's shape (``authority_data``);
    ``source_text``: that version's own YAML, into which the edits are written (comments and
    ``extends`` kept) when it reads back to the same config (``core.config.roundtrip``), else
    the resolved YAML with that version's ``translations:`` table added, so none is lost."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, config_data: dict[str, Any], *args, base_version: int | None = None, source_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.config_data = config_data
        self.source_text = source_text
        self.source_edit: str | None = None
        self.specs: list[EditableField] = editable_fields(config_data)
        self.fields["base_version"].initial = base_version
        for spec in self.specs:
            widget = forms.Textarea(attrs={"rows": 2}) if spec.kind in TEXTAREA_KINDS else forms.TextInput
            self.fields[spec.name] = forms.CharField(
                label=spec.label, initial=spec.value, required=False, help_text=spec.help, widget=widget, strip=True
            )
        closures = config_data["authority"]["calendar"].get("closures", [])
        self.closure_rows = len(closures) + EXTRA_CLOSURE_ROWS
        for index in range(self.closure_rows):
            current = closures[index] if index < len(closures) else {}
            day = current.get("date")
            self.fields[f"closure_{index}_date"] = forms.CharField(
                label=f"Closure {index + 1}: date",
                required=False,
                initial=day.isoformat() if day else "",
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"closure_{index}_reason"] = forms.CharField(
                label=f"Closure {index + 1}: reason", required=False, initial=current.get("reason", "")
            )
        self.config = None
        self.text = ""

    # -- layout for the template ---------------------------------------------------------

    def groups(self) -> list[tuple[str, list]]:
        grouped: OrderedDict[str, list] = OrderedDict()
        for spec in self.specs:
            grouped.setdefault(spec.group, []).append(self[spec.name])
        return list(grouped.items())

    def closures(self) -> list[tuple]:
        return [(self[f"closure_{i}_date"], self[f"closure_{i}_reason"]) for i in range(self.closure_rows)]

    # -- validation ----------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        raw = {spec.name: cleaned.get(spec.name, "") for spec in self.specs}
        values, errors = collect_edits(self.specs, raw)
        for name, message in errors.items():
            self.add_error(name, message)
        rows = [(cleaned.get(f"closure_{i}_date", ""), cleaned.get(f"closure_{i}_reason", "")) for i in range(self.closure_rows)]
        self.closure_row_of = [i for i, (day, _) in enumerate(rows) if (day or "").strip()]
        try:
            values[CLOSURES_PATH] = closures_value(rows)
        except FieldInvalid as invalid:
            self.add_error(f"closure_{invalid.index or 0}_date", str(invalid))
        if self.errors:
            return cleaned
        self.text = dump_data(apply_edits(self.config_data, values))
        self.source_edit = edit_source(self.source_text, self.config_data, values) if self.source_text else None
        return cleaned

    def load(self, *, name: str, configs_root) -> Any:
        """The loaded config, or None with the loader's errors put beside their fields."""
        if not self.is_valid():
            return None
        try:
            self.config = load_authority_text(self.text, name=name, configs_root=configs_root)
        except ConfigInvalid as invalid:
            self._place(invalid)
            return None
        if self.source_edit is not None:
            try:
                kept = load_authority_text(self.source_edit, name=name, configs_root=configs_root)
            except ConfigInvalid:
                kept = None
            if kept is not None and canonical_json(kept) == canonical_json(self.config):
                self.text = self.source_edit  # the same config, in the authority's own words
        # The resolved text carries no translations: keep the version's, as it wrote them.
        self.text = with_translations(self.text, read_translations(self.source_text))
        return self.config

    def _place(self, invalid: ConfigInvalid) -> None:
        lines = paths_by_line(self.text, "form")
        for error in invalid.errors:
            path = lines.get(error.line)
            if path is not None and path[: len(CLOSURES_PATH)] == CLOSURES_PATH:
                written = path[len(CLOSURES_PATH)] if len(path) > len(CLOSURES_PATH) else 0
                row = self.closure_row_of[written] if written < len(self.closure_row_of) else 0
                self.add_error(f"closure_{row}_date", error.message)
                continue
            spec = owning_field(path, self.specs) if path is not None else None
            self.add_error(spec.name if spec is not None else None, error.message)
