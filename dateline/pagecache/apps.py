from django.apps import AppConfig

from dateline.core import sitewide


class PageCacheConfig(AppConfig):
    name = "dateline.pagecache"
    label = "pagecache"
    verbose_name = "page cache"

    def ready(self):
        # Both need every app's models, loaded only once apps.py has been read.
        from . import purge, signals

        # Values read on every page are kept between requests only under the page cache's
        # generation, which every purge changes (core/sitewide.py).
        sitewide.keep_by_generation(purge.generation)
        signals.connect()
