"""The shared base of the config-driven blocks: finds the procedure through the page.

Rendering: what a config block shows depends only on the page's procedure (an immutable,
cached config object), the block's own value and place, and the day; so its HTML is kept per
process for that key and reused, and a page with every block costs about what the same page
of plain text does (the active language is part of the key).  A new config version is a new object (a new key); a block whose output
depends on the request (the complaint form's CSRF token, the date calculator's question)
says so in ``render_cache_key``.
"""

from django.utils import timezone
from django.utils.translation import get_language
from wagtail import blocks

_RENDERED: dict = {}
_RENDERED_LIMIT = 1024


def page_procedure(parent_context):
    """(authority config, procedure) of the page being rendered, or (None, None).

    The page is the ``page`` of the template context (a served page or a preview); anything
    without ``current_config`` (a block preview in the admin, another page type) has none.
    """
    page = (parent_context or {}).get("page")
    if page is None or not hasattr(page, "current_config"):
        return None, None
    config = _config_for_render(page, (parent_context or {}).get("request"))
    if config is None:
        return None, None
    try:
        return config, config.procedure(page.procedure_slug)
    except KeyError:
        return config, None


def _config_for_render(page, request):
    """The page's current config, read once per request however many blocks ask (each page
    view still reads the current version, so a new version shows on the next view)."""
    if request is None:
        return page.current_config()
    cache = request.__dict__.setdefault("_complaints_process_configs", {})
    key = (page.pk, page.authority_id)
    if key not in cache:
        cache[key] = page.current_config()
    return cache[key]


class ConfigBlock(blocks.StructBlock):
    """A block with an editable heading whose content comes from the process config.

    Subclasses add their own context in ``config_context(value, config, procedure,
    parent_context)``; it is only called when the page's procedure was found, otherwise
    the template shows ``complaints_process/blocks/unavailable.html``.
    """

    heading = blocks.CharBlock(required=False, help_text="Leave empty for no heading.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        config, procedure = page_procedure(parent_context)
        context["authority_config"] = config
        context["procedure"] = procedure
        if procedure is not None:
            context.update(self.config_context(value, config, procedure, parent_context or {}))
        return context

    def config_context(self, value, config, procedure, parent_context) -> dict:
        return {}

    def render_cache_key(self, value, parent_context):
        """What the rendered HTML depends on, or None to render every time."""
        page = (parent_context or {}).get("page")
        config, procedure = page_procedure(parent_context)
        if procedure is None or getattr(page, "pk", None) is None:
            return None
        place = str((parent_context or {}).get("block_id") or "")
        return (
            type(self),
            id(procedure),
            id(config),
            page.pk,
            place,
            tuple(sorted(dict(value).items())),
            timezone.localdate(),
            get_language(),
        )

    def render(self, value, context=None):
        try:
            key = self.render_cache_key(value, context)
            hash(key)
        except TypeError:  # a value that cannot be a key: render as usual
            key = None
        if key is None:
            return super().render(value, context)
        _, procedure = page_procedure(context)
        cached = _RENDERED.get(key)
        if cached is not None and cached[0] is procedure:
            return cached[1]
        html = super().render(value, context)
        if len(_RENDERED) >= _RENDERED_LIMIT:
            _RENDERED.clear()
        _RENDERED[key] = (procedure, html)
        return html
