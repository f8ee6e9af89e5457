"""StreamField blocks that render from the authority's live process config.

Editors place these blocks among their own prose; they never type a timescale. The block
reads the procedure from the page it sits on (``GuidancePage.current_procedure``) at render
time, so a new config version changes every page on its next render, previews included.
"""

from wagtail import blocks


class ProcessStagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, default="What happens after you complain")

    class Meta:
        icon = "list-ol"
        label = "Stages and timescales (from the process config)"
        template = "complaints_process/blocks/process_stages.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        context["procedure"] = page.current_procedure() if hasattr(page, "current_procedure") else None
        return context
