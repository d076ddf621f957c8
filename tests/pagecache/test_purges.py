"""Publishing, unpublishing, corrections and go-live times purge every cached page that
shows the release, and nothing waits for the cache to expire."""

from datetime import datetime, timedelta

import pytest
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Revision

from dateline.demo import testcity
from dateline.editorial import corrections
from dateline.officials.models import Official, ReleaseMention
from dateline.releases.models import NewsReleasePage
from dateline.releases.tasks import publish_scheduled
from tests.helpers import city_for_the_module, fresh, release_maker

from .conftest import scheduled_release

pytestmark = pytest.mark.django_db

MAY = datetime(2021, 5, 3, 9, 0, tzinfo=timezone.get_fixed_timezone(-7 * 60))


def lift(page, capture):
    past = timezone.now() - timedelta(seconds=30)
    revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    with capture(execute=True):
        publish_scheduled.call_local()


@pytest.fixture(scope="module")
def _harlow_once(django_db_setup, django_db_blocker):
    """Built once for the module: each test changes it in its own savepoint."""
    with city_for_the_module(django_db_blocker) as (city, topics):
        testcity.add_roster()
        yield _harlow(city, topics, release_maker(city["newsroom"]))


@pytest.fixture
def harlow(db, _harlow_once):
    """Twelve older releases (so the newsroom has a page 2), a parks story naming Otto
    Brandt, and a release whose related-stories box picks it."""
    return fresh(_harlow_once)


def _harlow(city, topics, make_release):
    otto = Official.objects.get(slug="otto-brandt")
    # What waits for the commit (related stories, purges) runs as in a real publish.
    with TestCase.captureOnCommitCallbacks(execute=True):
        older = [
            make_release(f"Harlow Creek council minutes, week {n}", when=MAY - timedelta(days=n))
            for n in range(1, 13)
        ]
        story = make_release(
            "Harlow Creek opens Millrace Park",
            when=MAY,
            topics=[topics["parks"]],
            mentions=[ReleaseMention(official=otto, confirmed=True)],
        )
        picker = make_release(
            "Harlow Creek plans summer concerts", when=MAY - timedelta(days=20), related=[story]
        )
    return {"story": story, "picker": picker, "older": older, "city": city, "topics": topics}


def pages_showing(harlow):
    story, picker = harlow["story"], harlow["picker"]
    return {
        "release": story.url,
        "newsroom": "/news/",
        "topic": "/topics/parks/",
        "official": "/officials/otto-brandt/",
        "archive month": "/news/2021/05/",
        "home": "/",
        "feed": "/feeds/rss.xml",
        "topic feed": "/feeds/topic/parks/atom.xml",
        "api list": "/api/v1/releases/",
        "related box": picker.url,
    }


def warm(get, paths):
    for path in paths:
        get(path)
        assert get(path).cache == "HIT", path


def test_publishing_a_new_headline_shows_everywhere_at_once(get, harlow, capture_commits):
    pages = pages_showing(harlow)
    warm(get, [*pages.values(), "/sitemap.xml", "/sitemaps/releases/1.xml"])
    story = NewsReleasePage.objects.get(pk=harlow["story"].pk)
    story.title = "Harlow Creek opens Millrace Park and its river trail"
    with capture_commits(execute=True):
        story.save_revision().publish()
    for name, path in pages.items():
        answer = get(path)
        assert answer.cache == "MISS", name
        assert "river trail" in answer.body, name


def test_a_new_release_moves_the_newsroom_pages(get, harlow, make_release, capture_commits):
    warm(get, ["/news/", "/news/?page=2", "/sitemaps/releases/1.xml", "/news/2021/05/", "/"])
    page_two = get("/news/?page=2").body
    with capture_commits(execute=True):
        fresh = make_release("Harlow Creek hires two lifeguards", when=MAY + timedelta(days=1))
    assert "two lifeguards" in get("/news/").body
    assert get("/news/?page=2").body != page_two
    assert fresh.url.rstrip("/").rsplit("/", 1)[-1] in get("/sitemaps/releases/1.xml").body
    assert "two lifeguards" in get("/news/2021/05/").body
    assert "two lifeguards" in get("/").body


def test_unpublishing_removes_the_release_everywhere(get, harlow, capture_commits):
    pages = pages_showing(harlow)
    warm(get, pages.values())
    with capture_commits(execute=True):
        NewsReleasePage.objects.get(pk=harlow["story"].pk).unpublish()
    assert get(pages.pop("release")).status == 404
    for name, path in pages.items():
        assert "Millrace Park" not in get(path).body, name


def test_a_correction_shows_on_the_release_and_the_corrections_page(get, harlow, capture_commits):
    story = harlow["story"]
    warm(get, [story.url, "/corrections/"])
    with capture_commits(execute=True):
        corrections.add_correction(story, "An earlier version gave the wrong opening day.")
    assert "wrong opening day" in get(story.url).body
    assert "wrong opening day" in get("/corrections/").body


@pytest.mark.parametrize("embargo", [True, False], ids=["embargo lifts", "scheduled"])
def test_a_scheduled_or_embargoed_release_appears_when_it_goes_live(
    get, harlow, capture_commits, embargo
):
    with capture_commits(execute=True):
        page = scheduled_release(
            harlow["city"],
            "Harlow Creek names new fire chief",
            embargo=embargo,
            topics=[harlow["topics"]["parks"]],
        )
    paths = ["/", "/news/", "/topics/parks/", "/feeds/rss.xml", "/api/v1/releases/"]
    warm(get, paths)
    assert get(page.url).status == 404
    lift(page, capture_commits)
    assert NewsReleasePage.objects.get(pk=page.pk).live
    assert "new fire chief" in get(page.url).body
    for path in paths:
        assert "new fire chief" in get(path).body, path
    assert "Harlow Creek names new fire chief" in get("/feeds/feed.json").body


def test_purge_all_empties_the_cache(get, harlow):
    from dateline.pagecache.purge import purge_all

    warm(get, ["/", "/news/"])
    purge_all()
    assert get("/").cache == "MISS"
