from django.apps import AppConfig


class OfficialsConfig(AppConfig):
    name = "dateline.officials"
    label = "officials"
