"""Behind a proxy, a made-up X-Forwarded-Host or -Proto never reaches the next reader.

One request carrying them used to be stored by the page cache (and Varnish) with links on
the client's host; every reader after it got robots.txt, sitemaps and API pages pointing at
evil.example. Links now come from the Site record, and the page cache keys by the host and
scheme Django sees, with forwarded headers only from a trusted proxy.
"""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from wagtail.models import Site

from dateline.pagecache import purge
from dateline.pagecache.wsgi import PageCache

from .conftest import Caller

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"  # the default trusted proxy: one on this machine
STRANGER = "203.0.113.9"


@pytest.fixture
def behind_proxy(settings, tmp_path):
    settings.DATELINE_PAGE_CACHE = True
    settings.DATELINE_PAGE_CACHE_DIR = tmp_path / "page-cache"
    settings.DATELINE_BEHIND_PROXY = True
    settings.DATELINE_TRUSTED_PROXIES = ["127.0.0.0/8", "::1"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.USE_X_FORWARDED_HOST = True
    purge._stores.clear()
    yield Caller(PageCache(WSGIHandler()))
    purge._stores.clear()


@pytest.fixture
def published(make_release, topics):
    for n in range(3):
        make_release(f"Harlow Creek council notes, part {n + 1}", topics=[topics["parks"]])


@pytest.fixture
def https_site(city):
    """The city's site served over HTTPS, as a TLS proxy in front of it does."""
    Site.objects.filter(pk=city["site"].pk).update(port=443)
    return "https://testserver"


PATHS = {
    "robots.txt": ("/robots.txt", "Sitemap: {root}/sitemap.xml"),
    "the sitemap index": ("/sitemap.xml", "<loc>{root}/sitemaps/pages/1.xml</loc>"),
    "the topics sitemap": ("/sitemaps/topics/1.xml", "<loc>{root}/topics/parks/</loc>"),
    "the API's next link": (
        "/api/v1/releases/?page_size=1",
        '"next": "{root}/api/v1/releases/?page_size=1&page=2"',
    ),
}


@pytest.mark.parametrize("what", PATHS)
def test_a_forwarded_host_does_not_reach_the_next_reader(behind_proxy, published, what):
    path, expected = PATHS[what]
    expected = expected.format(root="http://testserver")
    poisoned = behind_proxy(path, remote_addr=PROXY, x_forwarded_host="evil.example")
    assert poisoned.status == 200
    assert "evil.example" not in poisoned.body
    ordinary = behind_proxy(path, remote_addr=PROXY)
    assert ordinary.status == 200
    assert "evil.example" not in ordinary.body
    assert expected in ordinary.body


@pytest.mark.parametrize("what", PATHS)
def test_a_forwarded_scheme_does_not_change_the_links(behind_proxy, published, https_site, what):
    path, expected = PATHS[what]
    expected = expected.format(root=https_site)
    # Varnish once kept one copy whatever the scheme: what this request gets, all got.
    plain = behind_proxy(
        path, remote_addr=PROXY, x_forwarded_proto="http", x_forwarded_host="evil.example"
    )
    assert plain.status == 200 and expected in plain.body
    ordinary = behind_proxy(path, remote_addr=PROXY, x_forwarded_proto="https")
    assert ordinary.status == 200 and expected in ordinary.body
    assert "evil.example" not in ordinary.body and "http://testserver" not in ordinary.body


def test_forwarded_headers_from_anyone_but_the_proxy_are_ignored(behind_proxy, settings, city):
    settings.ALLOWED_HOSTS = ["testserver"]
    # From the proxy, a host the site does not serve is refused, as Django refuses it...
    refused = behind_proxy("/robots.txt", remote_addr=PROXY, x_forwarded_host="evil.example")
    assert refused.status == 400
    # ...but from anyone else the header is not even read: the site answers for its own host.
    answer = behind_proxy("/robots.txt", remote_addr=STRANGER, x_forwarded_host="evil.example")
    assert answer.status == 200
    assert "Sitemap: http://testserver/sitemap.xml" in answer.body
