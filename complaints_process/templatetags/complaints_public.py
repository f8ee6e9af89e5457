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


@register.simple_tag
def other_languages(page) -> list[dict]:
    """The page's live translations in the site's other languages, each with its language's
    code and its own name for itself (``WAGTAIL_CONTENT_LANGUAGES``: "Cymraeg", "English") and
    its URL, for a link to the same page in another language.  Empty for anything but a page,
    and for a page published in one language only."""
    if page is None or not hasattr(page, "get_translations"):
        return []
    links = []
    for translation in page.get_translations().live().select_related("locale").order_by("locale__language_code"):
        url = translation.get_url()
        if url:
            code = translation.locale.language_code
            links.append({"code": code, "lang": "en-GB" if code.startswith("en") else code, "name": translation.locale.get_display_name(), "url": url})
    return links
