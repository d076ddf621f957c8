from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "dateline.editorial"
    label = "editorial"
    verbose_name = "editorial desk"

    def ready(self):
        # Here, not at the top: the receivers' modules import models, loaded only by now.
        from . import signals

        signals.connect()
