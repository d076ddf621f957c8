from django.apps import AppConfig

from . import sitewide


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "core"
    verbose_name = "Site"

    def ready(self):
        # models.py can be imported only once apps.py has been read and the registry filled.
        from .models import refuse_control_characters

        sitewide.connect()
        refuse_control_characters()
