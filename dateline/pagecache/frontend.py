"""Purging Varnish (deploy/varnish.vcl) through wagtail.contrib.frontend_cache's backends.

Only dateline/pagecache/purge.py calls them: the app itself is not installed, since its
publish handlers would purge a second time (DATELINE_FRONTEND_CACHE_BACKENDS in
settings/base.py).

A PURGE of one URL makes the VCL drop that path with every query variant. This backend adds
whole trees (a PURGE carrying ``X-Purge-Tree: 1``, which the VCL turns into a prefix ban), so
"every feed" or "the whole site" is one request, not hundreds. Every request has a timeout:
purges run in the request that publishes, which a Varnish that stopped answering must not
hold up (Wagtail's HTTPBackend waits for ever).
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger(__name__)


TIMEOUT_SECONDS = 5


class VarnishBackend(HTTPBackend):
    supports_trees = True

    def purge(self, url: str) -> None:
        self._send(url, tree=False)

    def purge_tree(self, url: str) -> None:
        self._send(url, tree=True)

    def _send(self, url: str, tree: bool) -> None:
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        headers = {"Host": host, "User-Agent": "Dateline"}
        if tree:
            headers["X-Purge-Tree"] = "1"
        query = "" if tree else parts.query
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parts.path or "/", query, ""]),
            headers=headers,
        )
        try:
            urlopen(request, timeout=TIMEOUT_SECONDS)
        except (HTTPError, URLError, OSError) as error:
            what = "the tree" if tree else "the page"
            logger.error("Could not purge %s %s from Varnish: %s", what, url, error)
