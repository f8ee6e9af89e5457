from django.apps import AppConfig


class ComplaintsProcessConfig(AppConfig):
    name = "complaints_process"
    label = "complaints_process"
    verbose_name = "Complaints process"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The outbox listens to case transitions; the deadline sweep's schedule is created
        # after migrate.
        from complaints_process import checks, log_filters  # noqa: F401 (checks registers the system checks)
        from complaints_process.services import notifications, teams
        from complaints_process.work import schedule

        notifications.connect_receivers()
        schedule.connect_receivers()
        teams.connect_receivers()  # an authority's editors hold its section's translations too
        log_filters.install()  # no template context (form values, case fields) in DEBUG logs

        # Core's sentences in the active language (core/i18n.py): Django's translations.
        from django.utils import translation

        from complaints_process.core import i18n

        i18n.install(gettext=translation.gettext, ngettext=translation.ngettext)

        # Authorities are made by loading configs: the admin may change, never add or delete.
        from complaints_process import permission_policies

        permission_policies.register_policies()
