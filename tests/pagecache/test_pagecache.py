"""Harlow Creek's public pages from the page cache: who gets cached pages, and purges."""

from datetime import datetime

import pytest
from django.test import Client
from django.utils import timezone

from dateline.editorial.previews import links as previews
from dateline.releases.models import NewsReleasePage

from .conftest import Answer, scheduled_release

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
