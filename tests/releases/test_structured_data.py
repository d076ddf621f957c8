"""What search engines and social sites read from a release page."""

import json
import re
from datetime import datetime

import pytest

from tests.helpers import PACIFIC, make_image

pytestmark = pytest.mark.django_db


def meta(html: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def test_news_article_json_ld(client, city, make_release):
    settings = city["settings"]
    settings.logo = make_image("Seal", size=(200, 200))
    settings.save()
    release = make_release(
        "Millrace Park opens",
        when=datetime(2024, 6, 1, 10, 30, tzinfo=PACIFIC),
        dek="A new park by the river.",
        image=make_image(),
        lead_image_alt="Children on a new slide",
    )
    html = client.get(release.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Millrace Park opens"
    assert data["datePublished"] == "2024-06-01T10:30:00-07:00"
    assert datetime.fromisoformat(data["dateModified"]) >= datetime.fromisoformat(
        data["datePublished"]
    )
    assert data["description"] == "A new park by the river."
    assert data["mainEntityOfPage"]["@id"] == "http://testserver/news/millrace-park-opens/"
    assert data["image"][0].startswith("http://testserver/media/images/")
    assert data["author"]["name"] == data["publisher"]["name"] == "City of Harlow Creek"
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/media/images/")
    assert data["dateline"] == "Harlow Creek, Ore. (June 1, 2024) –"


def test_open_graph_twitter_and_canonical(client, make_release):
    release = make_release(
        "Millrace Park opens",
        dek="A new park.",
        image=make_image(size=(1600, 1000)),
        lead_image_alt="A slide",
    )
    html = client.get(release.url, {"utm_source": "mail"}).content.decode()
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == "Millrace Park opens"
    assert meta(html, "og:description") == "A new park."
    assert meta(html, "og:url") == "http://testserver/news/millrace-park-opens/"
    assert meta(html, "og:image").startswith("http://testserver/media/images/")
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    assert meta(html, "og:image:alt") == "A slide"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "article:published_time") == "2021-05-03T09:00-07:00"
    assert '<link rel="canonical" href="http://testserver/news/millrace-park-opens/">' in html


def test_headline_with_markup_characters_cannot_break_out(client, make_release):
    release = make_release("Council says </script><b>no</b> & more")
    html = client.get(release.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(raw)["headline"] == "Council says </script><b>no</b> & more"


def test_listing_canonical_keeps_only_the_page_number(client, city, make_release):
    make_release()
    html = client.get(city["newsroom"].url, {"page": "1", "x": "y"}).content.decode()
    assert '<link rel="canonical" href="http://testserver/news/">' in html
