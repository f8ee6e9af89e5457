"""Who may see which cases in the admin: one place, used by every admin case view.

A user sees the cases of the authorities where they belong to a case-handling team
(complaints manager, complaints officer, process administrator).  Editors see no cases,
even of their own authority.  Superusers see every case.  What a user may *do* to a case is
``complaints_process.permissions`` (checked again by the services); this module only
decides what they may *see*, and answers 404 for anything else, so a case of another
authority is indistinguishable from one that does not exist.
"""

from __future__ import annotations

from django.http import Http404

from complaints_process.models import Authority, AuthorityTeam, Complaint, TeamRole

#: Team roles whose members see their authority's cases.
CASE_VIEWER_ROLES = frozenset({TeamRole.COMPLAINTS_MANAGER, TeamRole.COMPLAINTS_OFFICER, TeamRole.PROCESS_ADMINISTRATOR})
#: Team roles that record complaints and act on cases.
CASE_WORKER_ROLES = frozenset({TeamRole.COMPLAINTS_MANAGER, TeamRole.COMPLAINTS_OFFICER})


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def authorities_with_roles(user, roles):
    """Authorities where ``user`` holds one of ``roles`` (every authority for a superuser)."""
    if not _active(user):
        return Authority.objects.none()
    if user.is_superuser:
        return Authority.objects.all()
    return Authority.objects.filter(teams__group__user=user, teams__role__in=list(roles)).distinct()


def case_authorities(user):
    """Authorities whose cases ``user`` may see (editors excluded)."""
    return authorities_with_roles(user, CASE_VIEWER_ROLES)


def can_see_cases(user) -> bool:
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return AuthorityTeam.objects.filter(group__user=user, role__in=list(CASE_VIEWER_ROLES)).exists()


def case_authority_ids(user) -> frozenset[int]:
    """Ids of the authorities whose cases ``user`` may see, read once per user object."""
    ids = getattr(user, "_complaints_case_authority_ids", None)
    if ids is None:
        ids = frozenset(case_authorities(user).values_list("pk", flat=True))
        user._complaints_case_authority_ids = ids
    return ids


def visible_cases(user):
    """The cases ``user`` may see.

    The authorities are a list of ids, not a subquery: PostgreSQL then knows how many cases
    that is, and drives a filtered list (overdue cases) from the small side, the deadline
    index, rather than probing every case of the user's authorities.
    """
    if not _active(user):
        return Complaint.objects.none()
    if user.is_superuser:
        return Complaint.objects.all()
    return Complaint.objects.filter(authority_id__in=sorted(case_authority_ids(user)))


def can_see_case(user, case) -> bool:
    """Whether ``user`` may see ``case``; the user's authorities are read once per user
    object (once per request), so a list of cases asks once, not once per row."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return case.authority_id in case_authority_ids(user)


def get_visible_case(user, pk) -> Complaint:
    """The case ``pk`` if ``user`` may see it; Http404 otherwise (never 'exists elsewhere')."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such case.")
    case = visible_cases(user).select_related("authority", "config_version").filter(pk=pk).first()
    if case is None:
        raise Http404("No such case.")
    return case
