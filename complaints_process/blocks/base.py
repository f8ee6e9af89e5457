"""The shared base of the config-driven blocks: finds the procedure through the page."""

from wagtail import blocks


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
