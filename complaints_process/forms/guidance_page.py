"""The guidance page's admin form: an editor can only tie a page to their own authority, and
chooses the procedure the page explains from the ones its config has (never types a slug)."""

from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm


def procedure_choices(authorities, current: str = "", prefer=None) -> list[tuple[str, str]]:
    """``(slug, name)`` of every procedure in the authorities' current configs, by name.  A
    procedure several authorities have is named as ``prefer`` (the page's authority) names
    it, else as the first authority by name does.  A page's present value that none of them
    has stays offered, marked, so saving the page keeps it."""
    ordered = sorted(authorities, key=lambda authority: (authority != prefer, authority.name))
    names: dict[str, str] = {}
    for authority in ordered:
        version = authority.current_version()
        if version is None:
            continue
        for procedure in version.config().procedures:
            names.setdefault(procedure.slug, procedure.name)
    choices = sorted(names.items(), key=lambda choice: choice[1].casefold())
    if current and current not in names:
        choices.append((current, f"{current} (not in any current process configuration)"))
    return choices


class GuidancePageForm(WagtailAdminPageForm):
    """Offers, in the *authority* field, only the authorities whose teams the user is in
    (every authority for a superuser), so a page in one council's section cannot be made to
    show another council's timescales; the *procedure* is a choice among those authorities'
    procedures, checked against the chosen authority's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        authority_field = self.fields.get("authority")
        if authority_field is not None and self.for_user is not None:
            from complaints_process.services.teams import authorities_for_user

            authority_field.queryset = authorities_for_user(self.for_user)
        if "procedure_slug" in self.fields and authority_field is not None:
            current = self.initial.get("procedure_slug") or ""
            self.fields["procedure_slug"] = forms.ChoiceField(
                label="Procedure",
                choices=procedure_choices(authority_field.queryset, current, prefer=self.instance.authority if self.instance.authority_id else None),
                help_text="The procedure of the authority's process configuration that this page explains.",
            )

    def clean(self):
        data = super().clean()
        authority, slug = data.get("authority"), data.get("procedure_slug")
        if authority is not None and slug:
            version = authority.current_version()
            offered = [p.slug for p in version.config().procedures] if version else []
            kept = slug == self.initial.get("procedure_slug") and authority.pk == self.initial.get("authority")
            if slug not in offered and not kept:
                if offered:
                    names = ", ".join(p.name for p in version.config().procedures)
                    message = f"{authority.name}'s process has no such procedure. Choose one of its own: {names}."
                else:
                    message = f"{authority.name} has no process configuration loaded yet."
                self.add_error("procedure_slug", message)
        return data
