"""Fixtures over the test city (dateline/demo/testcity.py): the city, topics, officials and
releases; fresh caches and two-factor sign-in for every test."""

import shutil

import pytest
from wagtail.rich_text import RichText

from dateline.demo import testcity
from tests.helpers import release_maker

# Left out of a developer's `pytest -m "not slow"`; plain `pytest` (and so `make test`) runs
# them. Each starts processes or builds the whole demo city: 10 s to a minute each, measured
# with --durations. Browser tests (the `browser` marker) are slow too.
SLOW = {
    "tests/alerts/delivery/test_kill.py": "kills worker processes mid-delivery",
    "tests/api/test_schema_fuzz.py": "fuzzes the API with schemathesis",
    "tests/bench/": "copies the demo city into a large archive",
    "tests/core/test_serve.py": "starts `dateline serve`",
    "tests/demo/test_loader.py": "loads the whole demo city",
    "tests/deploy/": "starts the app and Varnish",
    # node ids start with these (a test's name may be cut short)
    "tests/editorial/test_schedule.py::test_the_worker_publishes": "a real worker and server",
    "tests/settings/test_settings.py::test_dateline_command_runs": "migrates in a subprocess",
    # Each starts Django in a subprocess under other settings (1.5 s or more); the ones that
    # stop at the settings (a refusal) take a tenth of that and stay in.
    "tests/settings/test_settings.py::test_production_passes": "runs the deployment checks",
    "tests/settings/test_settings.py::test_every_settings_module": "one subprocess per module",
    "tests/settings/test_settings.py::test_redis_url_switches": "starts Django in a subprocess",
    "tests/settings/test_settings.py::test_page_cache_limits_come": "starts Django in a subprocess",
    "tests/settings/test_sqlite.py": "writes from several processes at once",
    "tests/settings/test_trusted_proxies.py::test_behind_a_proxy": "starts Django in a subprocess",
    "tests/settings/test_trusted_proxies.py::test_without_a_proxy": "starts Django in a subprocess",
    # Show that a limit holds at volume: hundreds of requests or a page's worth of content
    # per case (1.5 to 5 s each); the behaviour itself is tested on small data elsewhere.
    "tests/pagecache/test_pagecache.py::test_a_flood_of": "hundreds of requests",
    "tests/pagecache/test_sitewide.py::test_made_up_newsroom_addresses": "hundreds of requests",
    "tests/releases/test_query_counts.py": "counts queries over growing content",
    "tests/api/test_list_queries.py": "counts queries over twenty releases",
    "tests/search/test_related_ranking.py::test_grouped_ranking": "ranks a whole archive twice",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("browser") or any(item.nodeid.startswith(p) for p in SLOW):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches.

    Rolled-back rows free their ids for the next test, so a cached rendition
    keyed by image id would otherwise describe a different test's image.
    """
    from django.core.cache import caches

    from dateline.core import sitewide

    for cache in caches.all():
        cache.clear()
    sitewide.forget()
    yield


@pytest.fixture(scope="session", autouse=True)
def _remove_test_media():
    """Uploaded test images go to a folder of this run's own, removed at the end."""
    from django.conf import settings

    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database starts with Harlow Creek built, once: `city` reads it back, and each
    test's rollback returns to it."""
    with django_db_blocker.unblock():
        testcity.build_city()


@pytest.fixture
def city(db):
    """Home page, one newsroom and the city's settings for Harlow Creek, Ore."""
    # Built again after a transactional test has emptied the tables.
    return testcity.find_city() or testcity.build_city()


@pytest.fixture
def no_city(db):
    """A newsroom with nothing in it yet, as migrations leave it, for what builds its own."""
    testcity.remove_city()


@pytest.fixture
def topics(db):
    return testcity.add_topics()


@pytest.fixture
def make_release(city):
    """Create and publish a release in the city's newsroom."""
    return release_maker(city["newsroom"])


@pytest.fixture
def rich():
    return RichText


@pytest.fixture
def offices(db):
    return testcity.add_offices()  # also after a transactional test has emptied the tables


@pytest.fixture
def roster(offices):
    """Harlow Creek's officials: a mayor who was a councilmember, vice mayors by year."""
    testcity.add_roster()


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """`client.force_login(user)` also counts as having entered the authenticator code.

    Staff need a second factor for every admin page (dateline/security/middleware.py); tests
    that are about something else sign in this way. tests/security/test_security.py signs in
    through the real forms and proves the second factor is required.
    """
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    original = Client.force_login

    def force_login(self, user, backend=None):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        original(self, user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
    yield
