"""Read-only admin view: every authority's procedures drawn as diagrams from the current config.

Registered with its menu item by ``viewsets.DiagramsViewSet``.  Nothing here changes
a config: the diagram is the one the guidance pages show, from ``blocks.diagram``.
"""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from complaints_process.blocks.diagram import diagram_context
from complaints_process.models import Authority
from complaints_process.views.admin_page import AdminPageMixin


class ProcedureDiagramsView(AdminPageMixin, TemplateView):
    template_name = "complaints_process/admin/diagrams.html"
    page_title = _("Procedure diagrams")
    header_icon = "image"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        authorities = []
        for authority in Authority.objects.order_by("name"):
            version = authority.current_version()
            config = version.config() if version is not None else None
            procedures = []
            for index, procedure in enumerate(config.procedures if config else ()):
                prefix = f"cp-diagram-{authority.slug}-{index}"
                procedures.append(diagram_context(procedure, config.name, prefix) | {"procedure": procedure})
            authorities.append({"authority": authority, "version": version, "procedures": procedures})
        context["authorities"] = authorities
        return context
