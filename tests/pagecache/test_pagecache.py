"""Harlow Creek's public pages from the page cache: who gets cached pages, and purges."""

from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Revision

from dateline.editorial import corrections
from dateline.editorial.previews import links as previews
from dateline.officials.models import Official, ReleaseMention
from dateline.releases.models import NewsReleasePage
from dateline.releases.tasks import publish_scheduled

from .conftest import Answer

pytestmark = pytest.mark.django_db

MAY = datetime(2021, 5, 3, 9, 0, tzinfo=timezone.get_fixed_timezone(-7 * 60))


def rename_quietly(page, title):
    """Change the headline in the database without any signal: only Django would see it."""
    NewsReleasePage.objects.filter(pk=page.pk).update(title=title)


# --- who gets a cached page ----------------------------------------------------------------


def test_second_anonymous_request_is_served_without_django(get, make_release):
    release = make_release("Harlow Creek opens the Millrace footbridge")
    first = get(release.url)
    assert first.status == 200 and first.cache == "MISS"
    rename_quietly(release, "A headline Django would show")
    second = get(release.url)
    assert second.cache == "HIT"
    assert "Millrace footbridge" in second.body
    assert "Django would show" not in second.body
    assert second.headers["cache-control"].startswith("public")

    head = get(release.url, method="HEAD")
    assert head.cache == "HIT" and head.body == ""
    assert head.headers["content-length"] == str(len(second.body.encode()))

    unchanged = get(release.url, if_none_match=second.headers["etag"])
    assert unchanged.status == 304 and unchanged.body == ""


def test_analytics_cookie_still_gets_the_cached_page(get, make_release):
    release = make_release("Harlow Creek library extends weekend hours")
    get(release.url)
    answer = get(release.url, cookie="_ga=GA1.2.3; consent=yes; csrftoken=abc")
    assert answer.cache == "HIT"
    assert "weekend hours" in answer.body


def test_tracking_parameters_share_the_page_and_unknown_ones_bypass(get, make_release):
    release = make_release("Harlow Creek reopens the river trail")
    get(release.url)
    assert get(f"{release.url}?utm_source=newsletter&fbclid=xyz").cache == "HIT"
    for query in ("?sort=old", "?page=1&x=2", "?utm_source=a&nonsense=1"):
        answer = get(f"{release.url}{query}")
        assert answer.cache == "BYPASS", query
        assert answer.status == 200
    assert get("/news/?page=2").cache == "MISS"  # an allowed parameter is its own entry


def test_session_cookie_neither_gets_nor_fills_the_cache(get, make_release):
    release = make_release("Harlow Creek council sets budget hearing")
    answer = get(release.url, cookie="sessionid=abc123")
    assert answer.cache == "BYPASS"
    assert get(release.url).cache == "MISS"  # the bypass did not fill it
    assert get(release.url, cookie="sessionid=abc123").cache == "BYPASS"


def test_signed_in_editor_never_gets_or_fills_cached_pages(get, make_release, admin_user):
    release = make_release("Harlow Creek snowplow routes posted")
    client = Client()
    client.force_login(admin_user)
    session = client.cookies["sessionid"].value
    rename_quietly(release, "Harlow Creek snowplow routes posted (editor's view)")
    editor = get(release.url, cookie=f"sessionid={session}")
    assert editor.cache == "BYPASS"
    assert "editor's view" in editor.body
    assert "private" in editor.headers.get("cache-control", "")
    # A reader after the editor is not given what the editor saw from a cache entry.
    assert get(release.url).cache == "MISS"


def test_drafts_previews_and_embargoed_releases_are_never_cached(get, city, make_release):
    draft = NewsReleasePage(
        title="Harlow Creek water rates draft",
        release_date=MAY,
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
        live=False,
    )
    city["newsroom"].add_child(instance=draft)
    draft.save_revision()
    for _ in range(2):
        answer = get(draft.url)
        assert answer.status == 404 and answer.cache != "HIT"
    link = previews.create(draft, recipient="Harlow Ledger")
    for _ in range(2):
        answer = get(previews.path_for(link))
        assert answer.cache == "BYPASS"
        assert "water rates draft" in answer.body

    embargoed = scheduled_release(city, "Harlow Creek names new fire chief", embargo=True)
    for _ in range(2):
        answer = get(embargoed.url)
        assert answer.status == 404 and answer.cache != "HIT"
    assert "new fire chief" not in get("/").body


def test_admin_search_and_alerts_bypass(get, city):
    for path in ("/admin/", "/search/?q=park", "/alerts/subscribe/", "/documents/1/x.pdf"):
        assert get(path).cache == "BYPASS", path


# --- purges ----------------------------------------------------------------------------------


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


def lift(page, capture):
    past = timezone.now() - timedelta(seconds=30)
    revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    with capture(execute=True):
        publish_scheduled.call_local()


@pytest.fixture
def harlow(city, topics, roster, make_release, django_capture_on_commit_callbacks):
    """Twelve older releases (so the newsroom has a page 2), a parks story naming Otto
    Brandt, and a release whose related-stories box picks it."""
    otto = Official.objects.get(slug="otto-brandt")
    with django_capture_on_commit_callbacks(execute=True):
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


def test_answer_type_is_plain():
    assert Answer(200, {}, "").cache == ""


# --- bad input: floods of addresses --------------------------------------------------------


def cached_files(folder) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file() and not path.name.startswith("."))


def test_a_flood_of_made_up_parameters_stores_nothing(get, settings, make_release):
    make_release()
    for n in range(200):
        assert get(f"/news/?x{n}=1").cache == "BYPASS"
    assert cached_files(settings.DATELINE_PAGE_CACHE_DIR) == 0


def test_a_flood_of_real_page_numbers_stays_within_the_limits(settings, tmp_path, make_release):
    from django.core.handlers.wsgi import WSGIHandler

    from dateline.pagecache.wsgi import PageCache

    from .conftest import Caller

    settings.DATELINE_PAGE_CACHE = True
    settings.DATELINE_PAGE_CACHE_DIR = tmp_path / "small-cache"
    app = PageCache(WSGIHandler(), max_entries=20, memory_bytes=64 * 1024)
    get = Caller(app)
    make_release()
    # Every page number is a page the newsroom answers (past the last, the last one shows).
    for n in range(1, 301):
        assert get(f"/news/?page={n}").status == 200
    # The folder is trimmed to its limit as it goes (every 256 pages stored), and each
    # process keeps no more than its memory allowance.
    stored = cached_files(tmp_path / "small-cache")
    assert stored <= 20 + 256
    assert stored < 300
    assert app.store._lru_bytes <= 64 * 1024
    assert get("/news/?page=300").cache == "HIT"
