"""A release that is not published is on no public page, feed, sitemap, search or API answer.

Three kinds of not published: a draft never published, a release scheduled for later, and
a release that was published and then unpublished. Each carries the same topic and official
as a published release, so every list that shows the published one could show them too.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.officials.models import Official, ReleaseMention
from dateline.releases.models import NewsReleasePage
from dateline.releases.related import recompute_all

pytestmark = pytest.mark.django_db

HIDDEN = ("Quillfeather", "Marrowdale", "Thistlewick")  # one word in each hidden headline


@pytest.fixture
def newsroom_with_hidden(city, topics, make_release, rich):
    official = Official.objects.create(name="Ines Park", slug="ines-park")
    topic = topics["parks"]
    now = timezone.now()

    def body(word):
        return [("paragraph", rich(f"<p>Councilmember Ines Park spoke about {word} lanterns.</p>"))]

    def confirm(page):
        ReleaseMention.objects.create(page=page, official=official, confirmed=True)

    shown = make_release(
        "Lantern walk returns to the river trail",
        when=now - timedelta(hours=3),
        body=body("paper"),
        topics=[topic],
    )
    confirm(shown)

    draft = NewsReleasePage(
        title=f"{HIDDEN[0]} lanterns draft",
        release_date=now - timedelta(hours=2),
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
        body=body(HIDDEN[0]),
        live=False,
    )
    city["newsroom"].add_child(instance=draft)
    draft.topics = [topic]
    draft.save_revision()
    confirm(draft)

    scheduled = NewsReleasePage(
        title=f"{HIDDEN[1]} lanterns scheduled",
        release_date=now - timedelta(hours=1),
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
        body=body(HIDDEN[1]),
        live=False,
        go_live_at=now + timedelta(days=2),
    )
    city["newsroom"].add_child(instance=scheduled)
    scheduled.topics = [topic]
    scheduled.save_revision().publish()
    confirm(scheduled)

    withdrawn = make_release(
        f"{HIDDEN[2]} lanterns withdrawn",
        when=now - timedelta(minutes=30),
        body=body(HIDDEN[2]),
        topics=[topic],
    )
    confirm(withdrawn)
    withdrawn.unpublish()

    recompute_all()
    for page in (draft, scheduled, withdrawn):
        page.refresh_from_db()
        assert not page.live
    return {"shown": shown, "topic": topic, "official": official}


def test_unpublished_releases_appear_nowhere_public(client, newsroom_with_hidden):
    shown = newsroom_with_hidden["shown"]
    topic = newsroom_with_hidden["topic"].slug
    year, month = shown.release_date.strftime("%Y"), shown.release_date.strftime("%m")
    surfaces = [
        "/",
        "/news/",
        f"/news/{year}/",
        f"/news/{year}/{month}/",
        f"/topics/{topic}/",
        "/officials/ines-park/",
        shown.url,
        "/sitemaps/releases/1.xml",
        "/news-sitemap.xml",
        "/search/?q=lanterns",
        f"/search/?topic={topic}",
        "/search/?official=ines-park",
        "/api/v1/releases/",
        f"/api/v1/releases/?topic={topic}",
        "/api/v1/releases/?official=ines-park",
    ]
    for scope in (
        "feeds",
        "feeds/newsroom/news",
        f"feeds/topic/{topic}",
        "feeds/official/ines-park",
    ):
        surfaces += [f"/{scope}/rss.xml", f"/{scope}/atom.xml", f"/{scope}/feed.json"]

    for url in surfaces:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        # Every list here that could hold the hidden releases does hold the published one.
        if url != shown.url:
            assert "Lantern walk returns" in text or "lantern-walk-returns" in text, url
        for word in HIDDEN:
            assert word.lower() not in text.lower(), f"{word} shows on {url}"

    # Counts of releases leave them out too.
    assert client.get(f"/api/v1/topics/{topic}/").json()["release_count"] == 1


def test_unpublished_release_pages_and_api_details_are_not_found(client, newsroom_with_hidden):
    for page in NewsReleasePage.objects.filter(live=False):
        assert client.get(f"/news/{page.slug}/").status_code == 404
        response = client.get(f"/api/v1/releases/{page.pk}/")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/")
