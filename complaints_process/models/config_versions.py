"""Immutable versions of an authority's process configuration.

Loading a changed file creates a new version; loading an unchanged one creates nothing (the
comparison is on the resolved configuration, so a change in a template it extends counts too).
A case keeps the version it started under.
"""

from django.conf import settings
from django.db import models

from complaints_process.core.config import AuthorityConfig, load_authority_text


class ImmutableVersionError(Exception):
    pass


class ProcessConfigVersion(models.Model):
    authority = models.ForeignKey("complaints_process.Authority", on_delete=models.PROTECT, related_name="config_versions")
    number = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the resolved configuration")
    # Text, not a JSONField: PostgreSQL's jsonb does not keep key order, and the order of
    # stages, clocks and events is part of the configuration.
    resolved = models.TextField(help_text="The configuration with its templates merged in, as canonical JSON text")
    source_text = models.TextField(help_text="The YAML as it was loaded")
    source_name = models.CharField(max_length=300, help_text="Where it came from: a file path or 'admin'")
    reason = models.TextField(
        blank=True,
        help_text="Why this version departs from the law where it leaves the complainant worse off (process_config lawcheck); "
        "required to publish such a change in the admin.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["authority", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "number"], name="one_version_number_per_authority"),
        ]

    def __str__(self):
        return f"{self.authority.slug} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableVersionError("A published process config version cannot be changed; load a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableVersionError("A published process config version cannot be deleted.")

    @classmethod
    def current_for(cls, authority_id: int):
        """The authority's current (highest-numbered) version, or None.  The resolved config is
        parsed once per process and found again by its hash, so the large text columns are
        read only when needed (deferred)."""
        return cls.objects.filter(authority_id=authority_id).order_by("-number").defer("resolved", "source_text").first()

    def config(self) -> AuthorityConfig:
        """The typed configuration of this version, parsed once per process.

        The stored form is fully resolved (no ``extends``) and JSON is YAML, so the same strict
        loader reads it back, without the walk check that gates publishing (``stored``).
        Versions are immutable, so the cache is keyed by content hash.
        """
        config = _PARSED.get(self.content_hash)
        if config is None:
            if len(_PARSED) >= _PARSED_LIMIT:
                _PARSED.clear()
            config = load_authority_text(self.resolved, name=f"stored version {self}", stored=True)
            _PARSED[self.content_hash] = config
        return config


_PARSED: dict[str, AuthorityConfig] = {}
_PARSED_LIMIT = 512
