"""The complaints process headless API, version 1, mounted at ``/api/complaints/v1/``.

One ``NinjaAPI`` object for the whole API: the read side (authorities, procedures,
timelines) is the ``authorities`` router; the write side (filing a complaint, status,
escalation) is to be added as further routers on this same object, so every endpoint
shares one OpenAPI document, one URL namespace and one error shape (see ``errors``).
See docs/api.md.
"""

from ninja import NinjaAPI

from .authorities import router as authorities_router
from .errors import install_error_handlers

api = NinjaAPI(
    title="Children's social care complaints API",
    version="1",
    description=(
        "Read an authority's published complaints procedure (stages, time limits, eligibility, support) "
        "and the dated timeline for a complaint received on a given day. "
        'Errors are JSON: {"detail": [{"loc": [...], "msg": "...", "type": "..."}]}.'
    ),
    urls_namespace="complaints_api",
)
install_error_handlers(api)
api.add_router("", authorities_router)

__all__ = ["api"]
