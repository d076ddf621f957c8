"""A release a reader may not see is on no public page, feed, sitemap, search or API answer,
and in no message sent out.

Three kinds of not published: a draft never published, a release scheduled for later, and
a release that was published and then unpublished; and four kinds of published for a few:
behind a password, a login, a group, or in a private newsroom. Each carries the same topic
and official as a published release, so every list that shows the published one could show
them too, and a resident following that topic and official is mailed about neither.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dateline.alerts import digests, outbox
from dateline.alerts.delivery import deliver_due
from dateline.alerts.models import Subscriber
from dateline.officials.models import Official, ReleaseMention
from dateline.releases.models import NewsIndexPage, NewsReleasePage, RelatedRelease
from dateline.releases.related import recompute_all

pytestmark = pytest.mark.django_db

# One word in each hidden headline.
HIDDEN = ("Quillfeather", "Marrowdale", "Thistlewick", "Brindlecove", "Gorsewhistle", "Fennimoor")
HIDDEN += ("Larkspindle",)


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

    private_room = NewsIndexPage(title="Council Staff Notes", slug="staff-notes")
    city["home"].add_child(instance=private_room)
    PageViewRestriction.objects.create(page=private_room, restriction_type="login")
    restricted = []
    for word, parent, kind in [
        (HIDDEN[3], city["newsroom"], PageViewRestriction.PASSWORD),
        (HIDDEN[4], city["newsroom"], PageViewRestriction.LOGIN),
        (HIDDEN[5], city["newsroom"], PageViewRestriction.GROUPS),
        (HIDDEN[6], private_room, None),
    ]:
        page = NewsReleasePage(
            title=f"{word} lanterns for a few",
            release_date=now - timedelta(minutes=20),
            dateline_city="Harlow Creek",
            dateline_state="Oregon",
            body=body(word),
        )
        parent.add_child(instance=page)
        page.topics = [topic]
        page.save_revision()
        if kind:
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=kind, password="cedar"
            )
            if kind == PageViewRestriction.GROUPS:
                restriction.groups.set([Group.objects.get_or_create(name="Council staff")[0]])
        page.get_latest_revision().publish()
        confirm(page)
        # Related-story picks, the home page's feature and a call to action all point at it.
        restricted.append(NewsReleasePage.objects.get(pk=page.pk))

    home = city["home"]
    home.featured_release = restricted[0]
    home.save_revision().publish()
    shown = NewsReleasePage.objects.get(pk=shown.pk)
    shown.related_links = [
        RelatedRelease(release=r, sort_order=i) for i, r in enumerate(restricted)
    ]
    shown.body = [
        *body("paper"),
        *[("call_to_action", {"text": f"See {p.title}", "page": p, "url": ""}) for p in restricted],
    ]
    shown.save_revision().publish()

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


def test_hidden_releases_are_mailed_to_nobody(city, newsroom_with_hidden, mailoutbox):
    from django.core import mail

    topic, official = newsroom_with_hidden["topic"], newsroom_with_hidden["official"]
    followers = []
    for email, frequency in [("now@example.org", "immediate"), ("daily@example.org", "daily")]:
        person = Subscriber.objects.create(
            email=email,
            status=Subscriber.Status.CONFIRMED,
            frequency=frequency,
            confirmed_at=timezone.now() - timedelta(days=1),
        )
        person.topics.set([topic])
        person.officials.set([official])
        person.newsrooms.set([city["newsroom"]])
        followers.append(person)
    mail.outbox.clear()
    # The outbox's sweep writes what each recent first publication owes these followers.
    outbox.sweep_recent()
    local = timezone.now().astimezone(city["settings"].zone)
    for day in (local.date(), local.date() + timedelta(days=1)):
        digests.write_digests(day)
    deliver_due()
    digest = next(m for m in mail.outbox if m.to == ["daily@example.org"])
    assert "Lantern walk returns" in digest.body
    for message in mail.outbox:
        text = message.body + "".join(str(part[0]) for part in message.alternatives)
        for word in HIDDEN:
            assert word.lower() not in text.lower(), f"{word} mailed to {message.to}"
