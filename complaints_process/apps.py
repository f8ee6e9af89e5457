from django.apps import AppConfig


class ComplaintsProcessConfig(AppConfig):
    name = "complaints_process"
    label = "complaints_process"
    verbose_name = "Complaints process"
    default_auto_field = "django.db.models.BigAutoField"
