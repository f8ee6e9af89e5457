"""Each authority's staff teams, as Wagtail groups."""

from django.contrib.auth.models import Group
from django.db import transaction

from complaints_process.models import Authority, AuthorityTeam, TeamRole


@transaction.atomic
def ensure_authority_teams(authority: Authority) -> list[AuthorityTeam]:
    """Create (or find) one Wagtail group per team role for the authority. Idempotent."""
    teams = []
    for role in TeamRole:
        team = AuthorityTeam.objects.filter(authority=authority, role=role).select_related("group").first()
        if team is None:
            group, _ = Group.objects.get_or_create(name=f"{authority.name}: {role.label}")
            team = AuthorityTeam.objects.create(authority=authority, role=role, group=group)
        teams.append(team)
    return teams


def authorities_for_user(user):
    """The authorities whose teams the user belongs to (all of them for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return Authority.objects.none()
    if user.is_superuser:
        return Authority.objects.all()
    return Authority.objects.filter(teams__group__user=user).distinct()
