"""The page cache switched on, in a folder of the test's own, called through WSGI."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.utils import timezone

from dateline.pagecache import purge
from dateline.pagecache.wsgi import PageCache
from dateline.releases.models import NewsReleasePage


@dataclass
class Answer:
    status: int
    headers: dict
    body: str
    content: bytes = b""

    @property
    def cache(self) -> str:
        return self.headers.get("x-cache", "")


class Caller:
    def __init__(self, app):
        self.app = app

    def __call__(self, path, method="GET", cookie="", remote_addr="", **headers) -> Answer:
        factory = RequestFactory()
        request = (factory.head if method == "HEAD" else factory.get)(path)
        environ = dict(request.environ)
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        if remote_addr:
            environ["REMOTE_ADDR"] = remote_addr
        for name, value in headers.items():
            environ[f"HTTP_{name.upper()}"] = value
        seen = {}

        def start_response(status, response_headers, exc_info=None):
            seen["status"] = int(status.split()[0])
            seen["headers"] = {k.lower(): v for k, v in response_headers}

        # As Django's test client does: a request must not close the database connection
        # that holds the test's transaction (PostgreSQL would lose it; in-memory SQLite not).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            chunks = self.app(environ, start_response)
            try:
                body = b"".join(chunks)
            finally:
                if hasattr(chunks, "close"):
                    chunks.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return Answer(seen["status"], seen["headers"], body.decode("utf-8", "replace"), body)


@pytest.fixture
def page_cache(settings, tmp_path):
    settings.DATELINE_PAGE_CACHE = True
    settings.DATELINE_PAGE_CACHE_DIR = tmp_path / "page-cache"
    purge._stores.clear()
    yield PageCache(WSGIHandler())
    purge._stores.clear()


@pytest.fixture
def get(page_cache):
    return Caller(page_cache)


@pytest.fixture
def capture_commits(django_capture_on_commit_callbacks):
    """Runs what waits for the commit (the purges) as the real commit would."""
    return django_capture_on_commit_callbacks


def scheduled_release(city, title, *, embargo, topics=()):
    when = timezone.now() + timedelta(days=2)
    page = NewsReleasePage(
        title=title,
        release_date=when,
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
        live=False,
        go_live_at=when,
        embargo_until=when if embargo else None,
    )
    city["newsroom"].add_child(instance=page)
    page.topics = list(topics)
    page.save_revision().publish()  # a future go-live time: scheduled, not live
    page.refresh_from_db()
    assert not page.live
    return page
