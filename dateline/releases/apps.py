from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "dateline.releases"
    label = "releases"
