"""Links already in the database that a reader must not follow are left off the page."""

import json

import pytest

from dateline.officials.models import Official
from dateline.releases.models import NewsReleasePage

pytestmark = pytest.mark.django_db


def write_body(page, blocks):
    """Store the body as a hand edit of the database would: past every form."""
    raw = json.dumps(
        [{"type": kind, "value": value, "id": f"b{i}"} for i, (kind, value) in enumerate(blocks)]
    )
    NewsReleasePage.objects.filter(pk=page.pk).update(body=raw)


def test_call_to_action_with_a_script_link_is_left_off(client, make_release):
    release = make_release("Summer camps open")
    write_body(
        release,
        [
            ("paragraph", "<p>Camps run all summer.</p>"),
            (
                "call_to_action",
                {"text": "Register now", "page": None, "url": "javascript:alert(1)"},
            ),
            (
                "call_to_action",
                {"text": "Camp list", "page": None, "url": "https://harlow.example/camps"},
            ),
        ],
    )

    html = client.get(release.url).content.decode()

    assert "Camps run all summer." in html
    assert "javascript:" not in html.lower()
    assert "Register now" not in html
    assert '<a class="cta__link" href="https://harlow.example/camps">Camp list</a>' in html


def test_embed_with_a_script_link_keeps_its_title_without_the_link(client, make_release):
    release = make_release("Council meeting video")
    write_body(
        release, [("embed", {"url": " JavaScript:alert(1)", "title": "Video: Council, May 3"})]
    )

    html = client.get(release.url).content.decode()

    assert "Video: Council, May 3" in html
    assert "javascript:" not in html.lower()


def test_rich_text_written_with_a_script_is_shown_without_it(client, make_release):
    release = make_release("Pool hours")
    write_body(
        release,
        [
            (
                "paragraph",
                '<p>Open daily.<script>alert(1)</script> <a href="javascript:alert(2)">Hours</a>'
                "<img src=x onerror=alert(3)></p>",
            )
        ],
    )

    html = client.get(release.url).content.decode()
    feed = client.get("/feeds/rss.xml").content.decode()

    assert "Open daily." in html and "Hours" in html
    for shown in (html, feed):
        assert "alert(" not in shown
        assert "javascript:" not in shown.lower()


def test_official_link_with_a_script_is_left_off(client, roster):
    official = Official.objects.get(slug="ines-park")
    links = [
        {
            "type": "link",
            "value": {"text": "Campaign site", "url": "javascript:alert(1)"},
            "id": "a",
        },
        {
            "type": "link",
            "value": {"text": "Council page", "url": "https://harlow.example/park"},
            "id": "b",
        },
    ]
    Official.objects.filter(pk=official.pk).update(links=json.dumps(links))

    html = client.get(official.get_absolute_url()).content.decode()

    assert "javascript:" not in html.lower()
    assert "Campaign site" not in html
    assert '<a href="https://harlow.example/park">Council page</a>' in html
