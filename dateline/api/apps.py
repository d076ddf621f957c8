from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dateline.api"
    label = "api"
    verbose_name = "JSON API"
