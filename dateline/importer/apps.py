from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "dateline.importer"
    label = "importer"
    verbose_name = "Newsroom import"
    default_auto_field = "django.db.models.BigAutoField"
