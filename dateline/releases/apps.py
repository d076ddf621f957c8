from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "dateline.releases"
    label = "releases"

    def ready(self):
        # signals.py needs the models, which are loaded only once apps.py has been read.
        from . import signals

        signals.connect()
