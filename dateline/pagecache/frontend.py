"""Purging Varnish (deploy/varnish.vcl) through wagtail.contrib.frontend_cache's backends.

Only dateline/pagecache/purge.py calls them: the app itself is not installed, since its
publish handlers would purge a second time (WAGTAILFRONTENDCACHE in settings/base.py).

Wagtail's HTTPBackend sends PURGE for one URL; the VCL drops that path with every query
variant. This backend adds whole trees (a PURGE carrying ``X-Purge-Tree: 1``, which the VCL
turns into a prefix ban), so "every feed" or "the whole site" is one request, not hundreds.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger(__name__)


class VarnishBackend(HTTPBackend):
    supports_trees = True

    def purge_tree(self, url: str) -> None:
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parts.path or "/", "", ""]),
            headers={"Host": host, "X-Purge-Tree": "1", "User-Agent": "Dateline"},
        )
        try:
            urlopen(request, timeout=5)
        except (HTTPError, URLError, OSError) as error:
            logger.error("Could not purge the tree %s from Varnish: %s", url, error)
