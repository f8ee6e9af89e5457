"""The guidance page an authority's web editors publish.

Editors write prose in rich text blocks; the timescales come from the authority's current
process config when the page is rendered, so page and cases cannot disagree.
"""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from complaints_process.blocks import ProcessStagesBlock


class GuidancePage(Page):
    authority = models.ForeignKey(
        "complaints_process.Authority",
        on_delete=models.PROTECT,
        related_name="guidance_pages",
        help_text="Whose procedure this page explains: its timescales come from this authority's process config.",
    )
    procedure_slug = models.SlugField(
        max_length=60,
        default="childrens-statutory",
        help_text="The procedure in the authority's config that this page explains.",
    )
    intro = RichTextField(blank=True)
    body = StreamField(
        [
            ("text", blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])),
            ("process_stages", ProcessStagesBlock()),
        ],
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("authority"),
        FieldPanel("procedure_slug"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    subpage_types = []
    template = "complaints_process/guidance_page.html"

    class Meta:
        verbose_name = "complaints guidance page"

    def current_procedure(self):
        """The procedure this page explains, from the authority's current config version, or None."""
        version = self.authority.current_version()
        if version is None:
            return None
        config = version.config()
        try:
            return config.procedure(self.procedure_slug)
        except KeyError:
            return None
