"""The guidance page an authority's web editors publish.

Editors write prose in rich text blocks; the timescales come from the authority's current
process config when the page is rendered, so page and cases cannot disagree.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from complaints_process.blocks import GUIDANCE_BLOCKS
from complaints_process.core import wording
from complaints_process.forms.guidance_page import GuidancePageForm
from complaints_process.panels import ProcedureDiagramPanel

from .config_versions import ProcessConfigVersion

try:  # wagtail-localize, where the site installs it (docs/install.md, "Welsh")
    from wagtail_localize.fields import SynchronizedField
except ImportError:
    SynchronizedField = None


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
        GUIDANCE_BLOCKS,
        blank=True,
        help_text="Your prose in text blocks, around the process blocks: those show the stages, timescales, "
        "eligibility, help and the ombudsman from the authority's process config. Never type a timescale.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("authority"),
        FieldPanel("procedure_slug"),
        FieldPanel("intro"),
        FieldPanel("body"),
        ProcedureDiagramPanel(heading="The procedure, from the current process config"),
    ]
    subpage_types = []
    template = "complaints_process/guidance_page.html"
    base_form_class = GuidancePageForm

    class _LazyAPIFields:
        """Wagtail reads ``api_fields`` when the page API is used; importing DRF serializers at
        model import time is avoided."""

        def __get__(self, instance, owner):
            return owner._api_fields()

    api_fields = _LazyAPIFields()

    if SynchronizedField is not None:
        # A translation explains the same procedure of the same authority: wagtail-localize
        # copies both from the source page and offers neither for translation (it would offer
        # ``procedure_slug``, a text field, and let ``authority`` be overridden).
        override_translatable_fields = [
            SynchronizedField("authority", overridable=False),
            SynchronizedField("procedure_slug", overridable=False),
        ]

    def clean(self):
        """A page and its translations (the Welsh copy of an English page) explain one
        authority's process: the page's authority, its editors' rights and its checks hold in
        every language."""
        super().clean()
        if self.authority_id is None:
            return
        other = (
            GuidancePage.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .exclude(authority_id=self.authority_id)
            .select_related("authority", "locale")
            .first()
        )
        if other is not None:
            raise ValidationError(
                {
                    "authority": gettext(
                        "This page's translation (%(language)s) explains %(authority)s's process, and a page and its "
                        "translations belong to one authority: keep %(authority)s."
                    )
                    % {"language": other.locale.get_display_name(), "authority": other.authority.name}
                }
            )

    @classmethod
    def _api_fields(cls):
        from wagtail.api import APIField

        from complaints_process.api.page_fields import FormFieldsField, ProcessField

        return [
            APIField("authority_slug"),
            APIField("procedure_slug"),
            APIField("intro"),
            APIField("body"),
            APIField("process", serializer=ProcessField()),
            APIField("form", serializer=FormFieldsField()),
        ]

    @property
    def authority_slug(self) -> str:
        return self.authority.slug

    class Meta:
        verbose_name = "complaints guidance page"

    def serve(self, request, *args, **kwargs):
        """A POST is the complaint form block's submission (see ``views.intake``)."""
        if request.method == "POST":
            from complaints_process.views.intake import handle_form_post

            response = handle_form_post(self, request)
            if response is not None:
                return response
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["complaint_form"] = getattr(request, "complaint_form", None)
        # The service this page's procedure covers, for the site's header and title: "Adult
        # social care complaints" for a procedure for adults (``service_users``).  The config is
        # the one the blocks read, once per request.
        cache = request.__dict__.setdefault("_complaints_process_configs", {})  # as blocks.base keeps it
        key = (self.pk, self.authority_id)
        if key not in cache:
            cache[key] = self.current_config()
        config = cache[key]
        try:
            procedure = config.procedure(self.procedure_slug) if config is not None else None
        except KeyError:
            procedure = None
        context["service_name"] = wording.service_name(procedure)
        return context

    def current_config(self):
        """The authority's current config (AuthorityConfig), read at render time, or None.

        Read on every call, never cached on the page: a new version shows on the next render,
        in previews too.
        """
        if self.authority_id is None:
            return None
        # One query, by the authority's id: the page's authority row itself is not needed.
        version = ProcessConfigVersion.current_for(self.authority_id)
        return version.config() if version is not None else None

    def current_procedure(self):
        """The procedure this page explains, from the authority's current config version, or None."""
        config = self.current_config()
        if config is None:
            return None
        try:
            return config.procedure(self.procedure_slug)
        except KeyError:
            return None
