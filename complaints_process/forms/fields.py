"""GOV.UK-style fields: a date as three inputs (``<name>-day``, ``-month``, ``-year``) that also
accepts one ISO date (the API), and a multiple file input.

Each field carries ``govuk``: the template partial that renders it.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

PARTS = ("day", "month", "year")
# The parts as named in "must include a day and month", in the active language.
PART_NAMES = {"day": gettext_noop("day"), "month": gettext_noop("month"), "year": gettext_noop("year")}


class DateWidget(forms.Widget):
    def value_from_datadict(self, data, files, name):
        if name in data:  # the API: one ISO date string
            return data.get(name)
        parts = {part: (data.get(f"{name}-{part}") or "").strip() for part in PARTS}
        return parts if any(parts.values()) else None

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}-{part}" in data for part in PARTS)


class DateField(forms.Field):
    """A date in the past (or today); errors say which part is wrong, as the GOV.UK pattern asks."""

    widget = DateWidget
    govuk = "date"

    def __init__(self, *, what: str, **kwargs):
        self.what = what  # "the date it happened"
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, "", {}):
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise ValidationError(_("Enter {what} as a date, like 2026-03-27").format(what=self.what), code="invalid")
        if not isinstance(value, dict):
            raise ValidationError(_("Enter {what} as a date").format(what=self.what), code="invalid")
        missing = [part for part in PARTS if not str(value.get(part, "")).strip()]
        if missing:
            parts = _(" and ").join(_(PART_NAMES[part]) for part in missing)
            raise ValidationError(_("{what} must include a {parts}").format(what=capfirst(self.what), parts=parts), code="incomplete")
        try:
            day, month, year = (int(str(value[part]).strip()) for part in PARTS)
            if year < 1900:
                raise ValueError
            return date(year, month, day)
        except (TypeError, ValueError, OverflowError):
            raise ValidationError(_("{what} must be a real date").format(what=capfirst(self.what)), code="invalid")

    def validate(self, value):
        super().validate(value)
        if value is not None and value > timezone.localdate():
            raise ValidationError(_("{what} must be today or in the past").format(what=capfirst(self.what)), code="future")

    def parts(self, value) -> dict:
        """The three inputs' values for re-display."""
        if isinstance(value, date):
            return {"day": value.day, "month": value.month, "year": value.year}
        if isinstance(value, dict):
            return value
        return {}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more files; the checks (type, size, count) are ``attachments.check_uploads``."""

    govuk = "file"

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]
