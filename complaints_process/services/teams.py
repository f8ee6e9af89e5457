"""Each authority's staff teams, as Wagtail groups."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from complaints_process.models import Authority, AuthorityTeam, TeamRole


@transaction.atomic
def ensure_authority_teams(authority: Authority) -> list[AuthorityTeam]:
    """Create (or find) one Wagtail group per team role for the authority. Idempotent.

    Every team may log in to the Wagtail admin; what each member then sees and does is
    decided by team role (``views.admin_access`` and ``permissions``), not by Django
    model permissions.
    """
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    teams = []
    for role in TeamRole:
        team = AuthorityTeam.objects.filter(authority=authority, role=role).select_related("group").first()
        if team is None:
            group, _ = Group.objects.get_or_create(name=f"{authority.name}: {role.label}")
            team = AuthorityTeam.objects.create(authority=authority, role=role, group=group)
        team.group.permissions.add(access_admin)
        teams.append(team)
    return teams


def authorities_for_user(user):
    """The authorities whose teams the user belongs to (all of them for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return Authority.objects.none()
    if user.is_superuser:
        return Authority.objects.all()
    return Authority.objects.filter(teams__group__user=user).distinct()
