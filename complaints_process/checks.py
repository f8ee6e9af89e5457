"""System checks: what a site must set up for the plugin to work, reported by ``manage.py check``.

Each check has an id (``complaints_process.E0xx``) and a hint saying what to change;
``docs/install.md`` lists them.  The ones that matter only in production (a cache shared by
every process, real email, DEBUG off) run with ``manage.py check --deploy``.  Checks read the settings
when they run, so tests can override them.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, register
from django.urls import NoReverseMatch, reverse

from complaints_process import conf

#: Apps the plugin needs beside itself, and what breaks without each.
REQUIRED_APPS = {
    "wagtail": "the guidance pages",
    "wagtail.admin": "the case list, case pages and process editor",
    "wagtail_modeladmin": "the case list (wagtail-modeladmin)",
    "django_q": "the deadline sweep, reminders and every email (Django-Q2)",
    "django.contrib.auth": "staff permissions",
    "django.contrib.contenttypes": "staff permissions",
    "django.contrib.sessions": "the admin",
    "django.contrib.messages": "the admin's messages",
    "django.contrib.staticfiles": "the GOV.UK styles and scripts",
}

#: The one time zone the statutory working-day counts are written for.
TIME_ZONE = "Europe/London"

#: Caches that live in one process (or nowhere): rate limits would count per worker and reset on restart.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}

#: Email backends that never send: complainants would get no acknowledgement or status link.
NON_SENDING_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
}


@register(Tags.compatibility)
def check_installed_apps(app_configs=None, **kwargs):
    """complaints_process.E001: an app the plugin needs is not in INSTALLED_APPS."""
    errors = []
    for name, needed_for in REQUIRED_APPS.items():
        if not apps.is_installed(name):
            errors.append(
                Error(
                    f"'{name}' is not in INSTALLED_APPS; the complaints plugin needs it for {needed_for}.",
                    hint=f"Add '{name}' to INSTALLED_APPS (docs/install.md lists every app the plugin needs).",
                    id="complaints_process.E001",
                )
            )
    return errors


@register(Tags.urls)
def check_urls_included(app_configs=None, **kwargs):
    """complaints_process.E002: the plugin's URLs (namespace ``complaints_process``) are not included."""
    try:
        reverse("complaints_process:status_lookup")
    except NoReverseMatch:
        return [
            Error(
                "The complaints plugin's URLs are not included: 'complaints_process' is not a registered URL namespace, "
                "so filing a complaint and the status pages fail.",
                hint='Add path("complaints/", include("complaints_process.urls")) to your ROOT_URLCONF, '
                "before Wagtail's include(wagtail_urls).",
                id="complaints_process.E002",
            )
        ]
    except Exception:  # a broken URLconf is reported by Django's own check (urls.E...)
        return []
    return []


@register()
def check_time_zone(app_configs=None, **kwargs):
    """complaints_process.E003: TIME_ZONE is not Europe/London; E008: USE_TZ is off."""
    errors = []
    if settings.TIME_ZONE != TIME_ZONE:
        errors.append(
            Error(
                f"TIME_ZONE is {settings.TIME_ZONE!r}: complaints are dated, and working days counted, in UK time, "
                "so a complaint received at 00:30 in summer would be dated the day before.",
                hint=f'Set TIME_ZONE = "{TIME_ZONE}".',
                id="complaints_process.E003",
            )
        )
    if not settings.USE_TZ:
        errors.append(
            Error(
                "USE_TZ is off: the plugin stores times in UTC and shows them in UK time.",
                hint="Set USE_TZ = True.",
                id="complaints_process.E008",
            )
        )
    return errors


@register()
def check_private_media(app_configs=None, **kwargs):
    """complaints_process.E004/E005: attachments' folder relative, or inside MEDIA_ROOT (public)."""
    configured = getattr(settings, "COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT", None)
    hint = 'Set COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT to an absolute path outside MEDIA_ROOT, e.g. BASE_DIR / "private_media".'
    if configured is None:
        if conf.default_private_media_root() is None:
            return [
                Error(
                    "No folder for complainants' attachments: COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT is not set "
                    "and there is no absolute BASE_DIR to put 'private_media' in.",
                    hint=hint,
                    id="complaints_process.E004",
                )
            ]
        return _outside_media_root(conf.private_media_root(), hint)
    if not Path(configured).is_absolute():
        return [
            Error(
                f"COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT is a relative path ({str(configured)!r}): attachments would be "
                "stored wherever the server or worker happens to start.",
                hint=hint,
                id="complaints_process.E004",
            )
        ]
    return _outside_media_root(Path(configured), hint)


def _outside_media_root(private: Path, hint: str) -> list[Error]:
    media_root = getattr(settings, "MEDIA_ROOT", "")
    if not media_root:
        return []
    private, media = Path(private).resolve(), Path(media_root).resolve()
    if private == media or media in private.parents:
        return [
            Error(
                f"Complainants' attachments would be kept inside MEDIA_ROOT ({media}), which the site serves publicly.",
                hint=hint,
                id="complaints_process.E005",
            )
        ]
    return []


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """complaints_process.E006 (deploy): the default cache lives in one process."""
    alias = getattr(settings, "COMPLAINTS_PROCESS_RATE_LIMIT_CACHE", "default")  # where ratelimit counts
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Error(
                f"The {alias!r} cache is {backend.rsplit('.', 1)[-1]}, kept in each process: the complaint form's and "
                "status page's rate limits would be multiplied by the number of workers and reset on every restart.",
                hint="Use a cache every process shares: Redis (django.core.cache.backends.redis.RedisCache) or "
                "the database (django.core.cache.backends.db.DatabaseCache, then manage.py createcachetable).",
                id="complaints_process.E006",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_email_backend(app_configs=None, **kwargs):
    """complaints_process.E007 (deploy): the email backend sends nothing."""
    backend = settings.EMAIL_BACKEND
    if backend in NON_SENDING_EMAIL_BACKENDS:
        return [
            Error(
                f"EMAIL_BACKEND is {backend}, which sends nothing: complainants would get no acknowledgement or "
                "status link, staff no reminders, and names and addresses would be written to the console or disk.",
                hint="Set EMAIL_BACKEND to django.core.mail.backends.smtp.EmailBackend (or your provider's) with EMAIL_HOST.",
                id="complaints_process.E007",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_debug(app_configs=None, **kwargs):
    """complaints_process.E009 (deploy): DEBUG is on."""
    if not settings.DEBUG:
        return []
    return [
        Error(
            "DEBUG is on: Django then logs every SQL query with its parameters (complainants' names, addresses and "
            "what happened to a child) and error pages show them.",
            hint="Turn DEBUG off in production (unset the DEBUG environment variable).",
            id="complaints_process.E009",
        )
    ]
