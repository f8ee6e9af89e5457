"""Admin panels: the procedure diagram on the guidance page's edit form (read-only)."""

from wagtail.admin.panels import Panel

from complaints_process.blocks.diagram import diagram_context


class ProcedureDiagramPanel(Panel):
    """Shows the diagram of the page's authority and procedure, from the current config version."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "complaints_process/admin/diagram_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            procedure = page.current_procedure() if getattr(page, "authority_id", None) else None
            context["procedure"] = procedure
            if procedure is not None:
                context.update(diagram_context(procedure, page.authority.name, "cp-admin-diagram"))
            return context
