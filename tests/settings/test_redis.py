"""With REDIS_URL set (the PostgreSQL pass of `make test` starts a real Redis), the cache and
the job queue are Redis: values round-trip, and the queue is Redis's, not SQLite's."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="no REDIS_URL: `make test` sets it for its second pass, with a real Redis",
)


def test_the_cache_is_redis_and_keeps_what_it_is_given():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("dateline-test-headline", "Ferry dock reopens", timeout=30)
    assert cache.get("dateline-test-headline") == "Ferry dock reopens"
    cache.delete("dateline-test-headline")
    assert cache.get("dateline-test-headline") is None


def test_the_queue_is_redis():
    # Tests run jobs inline; tests/editorial/test_schedule.py's worker test runs a real
    # consumer on this Redis queue and sees the scheduled release go live.
    assert settings.HUEY["huey_class"] == "huey.PriorityRedisHuey"
    assert settings.HUEY["url"] == os.environ["REDIS_URL"]
