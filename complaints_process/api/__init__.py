"""The complaints process headless API, version 1, mounted at ``/api/complaints/v1/``.

One ``NinjaAPI`` object for the whole API: the read side (authorities, procedures,
timelines) is the ``authorities`` router; the write side (filing a complaint, status,
escalation) is the ``filing`` router on this same object, so every endpoint
shares one OpenAPI document, one URL namespace and one error shape (see ``errors``).
See docs/api.md.
"""

from ninja import NinjaAPI

from .authorities import router as authorities_router
from .contract import declare_methods_not_allowed
from .errors import install_error_handlers
from .filing import install as install_filing_errors
from .filing import router as filing_router
from .write_schemas import components


class ComplaintsAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Ninja's document, with the request bodies the write side reads itself (``write_schemas``)
        and the 405 of every method a path does not take (``contract``)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {}).update(components())
        declare_methods_not_allowed(schema["paths"])
        return schema


api = ComplaintsAPI(
    title="Children's social care complaints API",
    version="1",
    description=(
        "Read an authority's published complaints procedure (stages, time limits, eligibility, support) "
        "and the dated timeline for a complaint received on a given day; file a complaint (or a compliment or comment), "
        "see its status with its secret token, and ask for the next stage. "
        'Errors are JSON: {"detail": [{"loc": [...], "msg": "...", "type": "..."}]}.'
    ),
    urls_namespace="complaints_api",
)
install_error_handlers(api)
install_filing_errors(api)
api.add_router("", authorities_router)
api.add_router("", filing_router)

__all__ = ["api"]
