"""Immutable versions of an authority's process configuration.

Loading a changed file creates a new version; loading an unchanged one creates nothing (the
comparison is on the resolved configuration, so a change in a template it extends counts too,
and on the file's ``translations:``).
A case keeps the version it started under.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import get_language

from complaints_process.core.config import AuthorityConfig, dump_authority, load_authority_text
from complaints_process.core.config.translations import read_translations, table_for, translated


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
        """The typed configuration of this version in the active language: its public text
        (names, labels, the address...) from the file's ``translations:`` for that language,
        where it has them (``core/config/translations.py``); everything else, and every date,
        as in English."""
        config = self.english_config()
        language = get_language()
        if not language or language.split("-")[0] == "en":  # configs are written in English
            return config
        table = table_for(self.translations(), language)
        if not table:
            return config
        key = (self.content_hash, id(table))
        found = _TRANSLATED.get(key)
        if found is None or found[0] is not table:
            if len(_TRANSLATED) >= _PARSED_LIMIT:
                _TRANSLATED.clear()
            found = _TRANSLATED[key] = (table, translated(config, table))
        return found[1]

    def translations(self) -> dict[str, dict[str, str]]:
        """The ``translations:`` of the file this version was loaded from, read once per
        process (by the text's hash: a version's text never changes)."""
        if "_translations" not in self.__dict__:
            text = self.source_text
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest not in _TRANSLATIONS:
                if len(_TRANSLATIONS) >= _PARSED_LIMIT:
                    _TRANSLATIONS.clear()
                _TRANSLATIONS[digest] = read_translations(text, name=f"stored version {self}")
            self.__dict__["_translations"] = _TRANSLATIONS[digest]
        return self.__dict__["_translations"]

    def export_text(self) -> str:
        """This version as standalone YAML (templates merged in), in English as written, with
        its ``translations:`` table: it loads back to the same version."""
        return dump_authority(self.english_config(), translations=self.translations())

    def english_config(self) -> AuthorityConfig:
        """The typed configuration of this version as written, parsed once per process.

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
_TRANSLATIONS: dict[str, dict[str, dict[str, str]]] = {}
_TRANSLATED: dict[tuple[str, int], tuple[dict, AuthorityConfig]] = {}
_PARSED_LIMIT = 512
