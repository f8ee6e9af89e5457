"""Django system checks for the plugin.

Deploy checks (``manage.py check --deploy``) refuse what would leak a complainant's personal
data in production:

* ``complaints_process.E101``: an email backend that writes messages out instead of sending
  them (console, file).  Confirmation and status emails carry names, addresses and the secret
  status link; on stdout or in files they end up in process logs and backups.
* ``complaints_process.E102``: ``DEBUG`` on.  Django then logs every SQL query with its
  parameters (names, addresses, complaint text) and shows tracebacks with local values.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

#: Email backends that write messages somewhere other than to their recipients.
LEAKING_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend": "prints every email, with its personal data, to the process's output",
    "django.core.mail.backends.filebased.EmailBackend": "writes every email, with its personal data, to files",
}


@register(Tags.security, deploy=True)
def check_email_backend(app_configs=None, **kwargs):
    backend = getattr(settings, "EMAIL_BACKEND", "")
    why = LEAKING_EMAIL_BACKENDS.get(backend)
    if why is None:
        return []
    return [
        Error(
            f"EMAIL_BACKEND is {backend}, which {why}.",
            hint="Set EMAIL_BACKEND to django.core.mail.backends.smtp.EmailBackend (or your provider's backend) "
            "with EMAIL_HOST and EMAIL_TIMEOUT.",
            id="complaints_process.E101",
        )
    ]


@register(Tags.security, deploy=True)
def check_debug(app_configs=None, **kwargs):
    if not settings.DEBUG:
        return []
    return [
        Error(
            "DEBUG is on: Django logs every SQL query with its parameters (complainants' names, addresses and "
            "complaints) and error pages show them.",
            hint="Turn DEBUG off in production (unset the DEBUG environment variable).",
            id="complaints_process.E102",
        )
    ]
