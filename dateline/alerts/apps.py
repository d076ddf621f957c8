from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "dateline.alerts"
    label = "alerts"
    verbose_name = "email alerts"

    def ready(self):
        # signals imports models, which cannot be imported before the app registry is ready.
        from . import signals

        signals.connect()
