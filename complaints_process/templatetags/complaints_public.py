"""Template helpers for the complainant's forms."""

from django import template

register = template.Library()


@register.filter
def date_inputs(bound_field):
    """(part, width, label, value) for each of a date field's three inputs."""
    parts = bound_field.field.parts(bound_field.value())
    return [
        (part, width, label, parts.get(part, "")) for part, width, label in (("day", 2, "Day"), ("month", 2, "Month"), ("year", 4, "Year"))
    ]
