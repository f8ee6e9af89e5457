"""An authority (a council, or a body publishing guidance) and its staff teams."""

from django.contrib.auth.models import Group
from django.db import models

from complaints_process import actions

from .config_versions import ProcessConfigVersion


class Authority(models.Model):
    """One authority, created when its process config is first loaded.

    The name and prefix are copied from the current config version so lists and references
    need no YAML parsing; the config version remains the source of truth.
    """

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    reference_prefix = models.CharField(max_length=5)
    pages_root = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="pages section",
        help_text="The page under which this authority's editors add, edit and publish pages (its guidance page and "
        "anything beside it). Editors get no page permissions until it is set.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"

    def __str__(self):
        return self.name

    def current_version(self):
        return ProcessConfigVersion.current_for(self.pk)


class TeamRole(models.TextChoices):
    COMPLAINTS_MANAGER = actions.MANAGER, "Complaints managers"
    COMPLAINTS_OFFICER = actions.OFFICER, "Complaints officers"
    EDITOR = actions.EDITOR, "Editors"
    PROCESS_ADMINISTRATOR = actions.ADMINISTRATOR, "Process administrators"


class AuthorityTeam(models.Model):
    """Links a Wagtail group to the authority it works for, in one role.

    Membership of any team of an authority is what lets a user see that authority's cases
    (editors excepted); see ``complaints_process.services.teams``.
    """

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="teams")
    role = models.CharField(max_length=40, choices=TeamRole.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="authority_team")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "role"], name="one_team_per_role_per_authority"),
        ]

    def __str__(self):
        return f"{self.authority.name}: {self.get_role_display()}"
