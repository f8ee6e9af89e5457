"""Read-only endpoints: authorities, their published procedures and a procedure's timeline.

Everything comes from each authority's current published config version; the timeline is
``core.config.build_timeline`` on the authority's working calendar, the same rows
``manage.py process_config timeline --json`` prints.
"""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import ValidationError

from complaints_process.core.calendar import CalendarError
from complaints_process.core.config import build_timeline
from complaints_process.core.durations import DurationError

from . import contract, presenters
from .errors import NotFound
from .form_schema import describe_form
from .lookups import guidance_urls, published_authorities, published_authority, published_procedure
from .schemas import (
    AuthorityDetail,
    AuthoritySummary,
    IsoDate,
    ProcedureDetail,
    ProcedureFormOut,
    TimelineEntryOut,
)

router = Router(tags=["authorities"])

RECEIVED_OUT_OF_RANGE = "a deadline counted from this date is outside the supported dates"


@router.get(
    "authorities/",
    url_name="authority_list",
    operation_id="list_authorities",
    summary="List authorities",
    **contract.operation({200: list[AuthoritySummary]}),
)
def list_authorities(request: HttpRequest):
    """Every authority with a published process config, by name."""
    published = published_authorities()
    urls = guidance_urls(request, [p.authority for p in published])
    return [presenters.authority_summary(p.config, urls.get(p.authority.pk)) for p in published]


@router.get(
    "authorities/{authority}/",
    url_name="authority_detail",
    operation_id="get_authority",
    **contract.operation({200: AuthorityDetail}, (404,)),
    summary="One authority",
)
def get_authority(request: HttpRequest, authority: str):
    """The authority's calendar (nation and closure days), contacts and procedures."""
    published = published_authority(authority)
    url = guidance_urls(request, [published.authority]).get(published.authority.pk)
    return presenters.authority_detail(published.config, published.version_number, url)


@router.get(
    "authorities/{authority}/procedures/{procedure}/",
    by_alias=True,
    url_name="procedure_detail",
    operation_id="get_procedure",
    **contract.operation({200: ProcedureDetail}, (404,)),
    summary="One procedure, as published",
)
def get_procedure(request: HttpRequest, authority: str, procedure: str):
    """The current published version of the procedure: stages, clocks, events, eligibility, support."""
    published = published_authority(authority)
    chosen = published_procedure(published, procedure)
    return presenters.procedure_detail(published.config.slug, published.version_number, chosen)


@router.get(
    "authorities/{authority}/procedures/{procedure}/form",
    url_name="procedure_form",
    operation_id="get_procedure_form",
    summary="The complaint form of a procedure, and the JSON Schema of a filing for it",
    **contract.operation({200: ProcedureFormOut}, (404,)),
)
def get_procedure_form(request: HttpRequest, authority: str, procedure: str):
    """Every field of the guidance page's form for this procedure, what each kind of submission requires
    (always, or when another answer has some value), and the JSON Schema of a filing body: what
    POST complaints/ accepts for this procedure (with the time limit in late_rule)."""
    published = published_authority(authority)
    chosen = published_procedure(published, procedure)
    if chosen.voice.advice:  # general advice about an authority shows no form and takes no complaints
        raise NotFound(["path", "procedure"], "This procedure is general advice and takes no complaints: it has no form.")
    return describe_form(published.config, chosen)


@router.get(
    "authorities/{authority}/procedures/{procedure}/timeline",
    by_alias=True,
    url_name="procedure_timeline",
    operation_id="get_timeline",
    **contract.operation({200: list[TimelineEntryOut]}, (404, 422)),
    summary="Every deadline for a complaint received on a date",
)
def get_timeline(
    request: HttpRequest,
    authority: str,
    procedure: str,
    received: Annotated[IsoDate, Query(description="Day the complaint was received (day 0), YYYY-MM-DD")],
):
    """Each clock dated as if every step took as long as allowed (see core.config.timeline)."""
    published = published_authority(authority)
    chosen = published_procedure(published, procedure)
    try:
        entries = build_timeline(chosen, received, published.config.working_calendar())
    except (CalendarError, DurationError):  # a deadline beyond what dates can hold (year 9999)
        raise ValidationError([{"loc": ["query", "received"], "msg": RECEIVED_OUT_OF_RANGE, "type": "date_out_of_range"}])
    return [presenters.timeline_entry_out(entry) for entry in entries]
