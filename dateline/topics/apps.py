from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "dateline.topics"
    label = "topics"
