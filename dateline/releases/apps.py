from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "dateline.releases"
    label = "releases"

    def ready(self):
        from . import signals

        signals.connect()
