"""Database reads behind the API: published config versions and guidance page URLs.

"Published" means the authority's current ``ProcessConfigVersion`` (its highest number,
as ``Authority.current_version``): an authority with no loaded version does not exist for
the API.  Anything a path names that is not published raises :class:`NotFound`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.http import HttpRequest

from complaints_process.core.config import AuthorityConfig, ProcedureConfig
from complaints_process.models import Authority, GuidancePage, ProcessConfigVersion

from .errors import NotFound

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,60}")


@dataclass(frozen=True)
class PublishedAuthority:
    authority: Authority
    version_number: int
    config: AuthorityConfig


def _published(version: ProcessConfigVersion) -> PublishedAuthority:
    return PublishedAuthority(authority=version.authority, version_number=version.number, config=version.config())


def published_authorities() -> list[PublishedAuthority]:
    """Every authority with a loaded config, by name, each with its current version (one query)."""
    newest = ProcessConfigVersion.objects.filter(authority=OuterRef("authority")).order_by("-number").values("number")[:1]
    versions = (
        ProcessConfigVersion.objects.filter(number=Subquery(newest))
        .select_related("authority")
        .order_by("authority__name", "authority__slug")
    )
    return [_published(version) for version in versions]


def published_authority(slug: str) -> PublishedAuthority:
    # Anything that is not a slug cannot name an authority; it never reaches the database
    # (PostgreSQL refuses some characters, such as NUL, outright).
    authority = Authority.objects.filter(slug=slug).first() if SLUG.fullmatch(slug or "") else None
    version = authority.current_version() if authority is not None else None
    if version is None:
        raise NotFound(["path", "authority"], "No authority with this slug has a published process config.")
    version.authority = authority  # already fetched; saves a query
    return _published(version)


def published_procedure(published: PublishedAuthority, slug: str) -> ProcedureConfig:
    try:
        return published.config.procedure(slug)
    except KeyError:
        known = ", ".join(p.slug for p in published.config.procedures)
        raise NotFound(["path", "procedure"], f"This authority has no procedure with this slug (it has: {known}).")


def guidance_urls(request: HttpRequest, authorities: list[Authority]) -> dict[int, str]:
    """Full URL of each authority's live, public guidance page (the first in the page tree).

    Authorities without such a page (or whose page is not under any site) are left out.
    """
    pages = GuidancePage.objects.live().public().filter(authority__in=authorities).order_by("path")
    urls: dict[int, str] = {}
    for page in pages:
        if page.authority_id not in urls:
            url = page.get_full_url(request)
            if url:
                urls[page.authority_id] = url
    return urls
