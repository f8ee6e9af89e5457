"""Template helpers for the complainant's forms."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def date_inputs(bound_field):
    """(part, width, label, value) for each of a date field's three inputs."""
    parts = bound_field.field.parts(bound_field.value())
    return [
        (part, width, label, parts.get(part, ""))
        for part, width, label in (("day", 2, _("Day")), ("month", 2, _("Month")), ("year", 4, _("Year")))
    ]
