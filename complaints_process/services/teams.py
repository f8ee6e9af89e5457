"""Each authority's staff teams, as Wagtail groups, and the editors' pages section (in every
language the site publishes it in: each translation of the section is the authority's too)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission, Page

from complaints_process.models import Authority, AuthorityTeam, TeamRole
from complaints_process.permission_policies import guidance_pages

#: What an authority's editors may do to the pages in its section (Wagtail page permissions).
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
#: Wagtail's "Translate" action (``wagtail.contrib.simple_translation``, where the site has it):
#: editors translate the pages they may edit, in their own section only.
TRANSLATE_PERMISSION = ("simple_translation", "submit_translation")


@transaction.atomic
def ensure_authority_teams(authority: Authority) -> list[AuthorityTeam]:
    """Create (or find) one Wagtail group per team role for the authority. Idempotent.

    Every team may log in to the Wagtail admin; what each member then sees and does is
    decided by team role (``permission_policies``), not by Django
    model permissions.  Editors may also use Wagtail's "Translate" action where the site has
    ``wagtail.contrib.simple_translation`` (``TRANSLATE_PERMISSION``): it translates only a
    page they may edit.
    """
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    app_label, codename = TRANSLATE_PERMISSION
    translate = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    teams = []
    for role in TeamRole:
        team = AuthorityTeam.objects.filter(authority=authority, role=role).select_related("group").first()
        if team is None:
            group, _ = Group.objects.get_or_create(name=f"{authority.name}: {role.label}")
            team = AuthorityTeam.objects.create(authority=authority, role=role, group=group)
        team.group.permissions.add(access_admin)
        if role == TeamRole.EDITOR and translate is not None:
            team.group.permissions.add(translate)  # what they may translate is their page rights
        teams.append(team)
    grant_editor_pages(authority)
    return teams


@transaction.atomic
def grant_editor_pages(authority: Authority) -> None:
    """Give the authority's editors the page permissions on its pages section, and nowhere else.

    The section is ``authority.pages_root`` and each of its translations (Wagtail's
    localisation: the Welsh section under the Welsh home page is a translation of the English
    one), so the editors edit their pages in every language.  Run whenever
    ``authority.pages_root`` changes (the Authorities screen does) and when a translation of
    it is created (``grant_on_new_translation``): page permissions the editors' group holds on
    any other page are removed, so moving the section moves the rights.  With no section set,
    the editors hold no page permissions.  Editors never see cases
    (``permission_policies.cases``) whatever their page rights.
    """
    team = AuthorityTeam.objects.filter(authority=authority, role=TeamRole.EDITOR).select_related("group").first()
    if team is None:
        return
    wanted, sections = set(), []
    if authority.pages_root_id is not None:
        sections = list(authority.pages_root.get_translations(inclusive=True).values_list("pk", flat=True))
        permissions = Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=EDITOR_PAGE_PERMISSIONS)
        for permission in permissions:
            for page_id in sections:
                GroupPagePermission.objects.get_or_create(group=team.group, page_id=page_id, permission=permission)
            wanted.add(permission.pk)
    GroupPagePermission.objects.filter(group=team.group).exclude(page_id__in=sections, permission_id__in=wanted).delete()


def grant_on_new_translation(sender, instance, created, raw=False, **kwargs):
    """A new page that translates an authority's section (Wagtail's "Translate", wagtail-localize,
    ``copy_for_translation``) gives the authority's editors their rights on it too."""
    if not created or raw or not isinstance(instance, Page):
        return
    for authority in Authority.objects.filter(pages_root__translation_key=instance.translation_key).exclude(pages_root=instance):
        grant_editor_pages(authority)


def connect_receivers() -> None:
    post_save.connect(grant_on_new_translation, dispatch_uid="complaints_process.teams.grant_on_new_translation")


def authorities_for_user(user):
    """The authorities whose teams the user belongs to (all of them for a superuser), which a
    guidance page may be given (``permission_policies.guidance_pages``)."""
    return guidance_pages.authorities_for_user(user, "choose_authority")
