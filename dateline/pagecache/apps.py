from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "dateline.pagecache"
    label = "pagecache"
    verbose_name = "page cache"

    def ready(self):
        from . import signals

        signals.connect()
