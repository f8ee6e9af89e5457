"""Adding an authority in the admin: its name, slug, reference prefix, nation and the
templates its first process version extends (``views.admin_config.AuthorityAddView``)."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator

from complaints_process.core.config.schema import NATIONS, PREFIX_PATTERN


class NewAuthorityForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, help_text="As the public will read it, e.g. 'Walsall Council'.")
    slug = forms.SlugField(
        label="Short name for addresses",
        max_length=60,
        help_text="Lower-case letters, numbers and hyphens, e.g. 'walsall'. It cannot be changed later.",
    )
    reference_prefix = forms.CharField(
        label="Case reference prefix",
        max_length=5,
        validators=[RegexValidator(PREFIX_PATTERN, "Enter 2 to 5 capital letters, e.g. WAL.")],
        help_text="2 to 5 capital letters starting case references, e.g. WAL (WAL-2026-000123).",
    )
    nation = forms.ChoiceField(
        label="Whose bank holidays count",
        choices=[(nation, nation.replace("-", " ").title()) for nation in NATIONS],
        initial="england",
    )
    templates = forms.MultipleChoiceField(
        label="Procedures",
        widget=forms.CheckboxSelectMultiple,
        help_text="Each chosen procedure starts as its template says; change what your own guidance says differently afterwards.",
    )

    def __init__(self, *args, templates: list[tuple[str, str]], taken_slugs=(), taken_prefixes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["templates"].choices = templates
        self.taken_slugs, self.taken_prefixes = set(taken_slugs), set(taken_prefixes)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in self.taken_slugs:
            raise forms.ValidationError("An authority with this short name already exists.")
        return slug

    def clean_reference_prefix(self):
        prefix = self.cleaned_data["reference_prefix"].strip()
        if prefix in self.taken_prefixes:
            raise forms.ValidationError("Another authority's case references already start with this prefix.")
        return prefix
