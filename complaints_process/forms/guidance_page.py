"""The guidance page's admin form: an editor can only tie a page to their own authority."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm


class GuidancePageForm(WagtailAdminPageForm):
    """Offers, in the *authority* field, only the authorities whose teams the user is in
    (every authority for a superuser), so a page in one council's section cannot be made to
    show another council's timescales."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("authority")
        if field is not None and self.for_user is not None:
            from complaints_process.services.teams import authorities_for_user

            field.queryset = authorities_for_user(self.for_user)
