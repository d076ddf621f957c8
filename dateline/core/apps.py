from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "core"
    verbose_name = "Site"

    def ready(self):
        from . import sitewide
        from .models import refuse_control_characters

        sitewide.connect()
        refuse_control_characters()
