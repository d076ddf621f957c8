"""What an editor links to from a release shows only when any reader may open it.

Editor-picked related stories, a quoted letter, a call to action to a page on the site and
the home page's featured release: a draft, or a page behind a password, a login, a group or
in a private newsroom, is left out of the page, its feeds and the API (issue 23, M3 and L3).
"""

from datetime import date, datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from dateline.officials.models import LetterIndexPage, LetterPage
from dateline.releases.models import NewsIndexPage, NewsReleasePage
from tests.helpers import PACIFIC

pytestmark = pytest.mark.django_db

FEEDS = ("/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json")


def restrict(page, kind, **extra):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Council staff")[0]])


@pytest.fixture
def hidden_releases(city, make_release):
    """One release for each way a reader can be kept out, by headline."""
    private_room = NewsIndexPage(title="Council Staff Notes", slug="staff-notes")
    city["home"].add_child(instance=private_room)
    restrict(private_room, PageViewRestriction.LOGIN)
    when = datetime(2021, 5, 2, 9, 0, tzinfo=PACIFIC)
    pages = {
        "password": make_release("Quillfeather budget memo", when=when),
        "login": make_release("Marrowdale briefing for staff", when=when),
        "group": make_release("Thistlewick note for the group", when=when),
        "newsroom": make_release("Brindlecove staff roster", when=when, parent=private_room),
    }
    restrict(pages["password"], PageViewRestriction.PASSWORD, password="cedar")
    restrict(pages["login"], PageViewRestriction.LOGIN)
    restrict(pages["group"], PageViewRestriction.GROUPS)
    draft = make_release("Gorsewhistle draft plan", when=when)
    draft.unpublish()
    pages["draft"] = draft
    return pages


WORDS = ("Quillfeather", "Marrowdale", "Thistlewick", "Brindlecove", "Gorsewhistle")


def _text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_editor_picks_leave_out_what_a_reader_may_not_open(client, make_release, hidden_releases):
    public_pick = make_release("Ferry Street repaving wraps up")
    release = make_release(
        "Millrace Park opens",
        related=[*hidden_releases.values(), public_pick],
    )
    page = _text(client, release.url)
    assert "Ferry Street repaving wraps up" in page
    for word in WORDS:
        assert word not in page, word
    api = client.get(f"/api/v1/releases/{release.pk}/").json()
    assert [r["headline"] for r in api["related"]] == ["Ferry Street repaving wraps up"]


@pytest.fixture
def letters(city, roster):
    index = LetterIndexPage(title="Letters", slug="letters")
    city["home"].add_child(instance=index)

    def make(title, slug):
        letter = LetterPage(
            title=title,
            slug=slug,
            letter_date=date(2021, 4, 30),
            recipient_name="Wren Adair",
            recipient_title="Director",
            text="<p>We ask the county to share the cost.</p>",
        )
        index.add_child(instance=letter)
        letter.save_revision().publish()
        return letter

    return make


def test_letter_block_shows_only_a_letter_a_reader_may_open(client, make_release, letters, rich):
    open_letter = letters("Letter on the Mill Creek culvert", "mill-creek-culvert")
    sealed = letters("Letter on the Quillfeather settlement", "quillfeather-settlement")
    restrict(sealed, PageViewRestriction.PASSWORD, password="cedar")
    release = make_release(
        "Council writes to the county",
        when=datetime(2026, 11, 30, 9, 0, tzinfo=PACIFIC),
        body=[
            ("paragraph", rich("<p>The council sent two letters this week.</p>")),
            ("letter", {"letter": open_letter, "note": ""}),
            ("letter", {"letter": sealed, "note": "Signed by all five members."}),
        ],
    )
    page = _text(client, release.url)
    assert "Letter on the Mill Creek culvert" in page
    assert "Quillfeather" not in page and "Signed by all five members." not in page
    for feed in FEEDS:
        text = _text(client, feed)
        assert "Letter on the Mill Creek culvert" in text, feed
        assert "Quillfeather" not in text, feed


def test_call_to_action_to_a_hidden_page_is_no_link(client, make_release, hidden_releases, rich):
    shown = make_release("Summer camp sign-ups open")
    body = [("paragraph", rich("<p>Read more below.</p>"))]
    for key, target in [("public", shown), *hidden_releases.items()]:
        body.append(
            ("call_to_action", {"text": f"Go to the {key} page", "page": target, "url": ""})
        )
    release = make_release("Parks department news", body=body)

    page = _text(client, release.url)
    assert shown.url in page and "Go to the public page" in page
    for key, target in hidden_releases.items():
        assert f"Go to the {key} page" not in page
        assert target.slug not in page, key
    api = client.get(f"/api/v1/releases/{release.pk}/").json()
    ctas = [b for b in api["body"] if b["type"] == "call_to_action"]
    assert [c["text"] for c in ctas] == ["Go to the public page"]


def test_featured_release_behind_a_login_is_not_featured(client, city, make_release):
    make_release("Library hours grow", when=datetime(2026, 11, 1, tzinfo=PACIFIC))
    secret = make_release("Marrowdale briefing", when=datetime(2026, 10, 1, tzinfo=PACIFIC))
    restrict(secret, PageViewRestriction.LOGIN)
    home = city["home"]
    home.featured_release = NewsReleasePage.objects.get(pk=secret.pk)
    home.save_revision().publish()
    page = _text(client, "/")
    assert "Library hours grow" in page
    assert "Marrowdale" not in page
