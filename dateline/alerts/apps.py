from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "dateline.alerts"
    label = "alerts"
    verbose_name = "email alerts"

    def ready(self):
        from . import signals

        signals.connect()
