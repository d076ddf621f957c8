"""Home page, newsroom listings, topic pages and error pages, as a reader sees them."""

import re
from datetime import datetime

import pytest

from tests.helpers import PACIFIC, make_image

pytestmark = pytest.mark.django_db


def headlines(html: str) -> list[str]:
    return re.findall(r'class="card__headline"><a href="[^"]*">([^<]*)</a>', html)


@pytest.fixture
def three_years(make_release, topics):
    made = []
    for year, month, title, topic in [
        (2022, 3, "Spring cleanup set for March", "parks"),
        (2023, 9, "Water rates hearing in September", "water"),
        (2024, 1, "New year brings new housing grants", "housing"),
        (2024, 6, "Millrace Park splash pad opens", "parks"),
    ]:
        made.append(
            make_release(
                title,
                when=datetime(year, month, 10, 9, tzinfo=PACIFIC),
                topics=[topics[topic]],
            )
        )
    return made


def test_newsroom_lists_newest_first(client, city, three_years):
    html = client.get(city["newsroom"].url).content.decode()
    assert headlines(html) == [
        "Millrace Park splash pad opens",
        "New year brings new housing grants",
        "Water rates hearing in September",
        "Spring cleanup set for March",
    ]
    assert "4 releases" in html
    assert '<time datetime="2023-09-10T09:00-07:00">Sept. 10, 2023</time>' in html


def test_newsroom_filters_by_topic_and_year(client, city, three_years):
    url = city["newsroom"].url
    html = client.get(url, {"topic": "parks"}).content.decode()
    assert headlines(html) == ["Millrace Park splash pad opens", "Spring cleanup set for March"]
    assert '<h1 class="page-title">City News: Parks</h1>' in html
    html = client.get(url, {"year": "2024"}).content.decode()
    assert headlines(html) == [
        "Millrace Park splash pad opens",
        "New year brings new housing grants",
    ]
    html = client.get(url, {"year": "2024", "topic": "housing"}).content.decode()
    assert headlines(html) == ["New year brings new housing grants"]


def test_newsroom_explains_unknown_filters(client, city, three_years):
    url = city["newsroom"].url
    response = client.get(url, {"topic": "zoning"})
    assert response.status_code == 200
    assert "There is no topic “zoning” in this newsroom." in response.content.decode()
    assert headlines(response.content.decode()) == []
    html = client.get(url, {"year": "1850"}).content.decode()
    assert "There are no releases from “1850” in this newsroom." in html


def test_newsroom_paginates(client, city, make_release):
    for day in range(1, 13):
        make_release(f"Council notice {day:02d}", when=datetime(2024, 2, day, 9, tzinfo=PACIFIC))
    first = client.get(city["newsroom"].url).content.decode()
    assert len(headlines(first)) == 10
    assert headlines(first)[0] == "Council notice 12"
    assert "Page 1 of 2" in first
    second = client.get(city["newsroom"].url, {"page": "2"}).content.decode()
    assert headlines(second) == ["Council notice 02", "Council notice 01"]
    assert "Newer releases" in second
    # A nonsense page number shows a real page rather than an error.
    assert client.get(city["newsroom"].url, {"page": "abc"}).status_code == 200


def test_newsroom_hides_drafts(client, city, make_release):
    make_release("Published story")
    draft = make_release("Draft story")
    draft.unpublish()
    html = client.get(city["newsroom"].url).content.decode()
    assert headlines(html) == ["Published story"]


def test_home_shows_featured_and_latest(client, city, make_release):
    photo = make_image()
    older = make_release("Bridge reopens", when=datetime(2024, 1, 5, 9, tzinfo=PACIFIC))
    make_release(
        "Library hours grow",
        when=datetime(2024, 2, 5, 9, tzinfo=PACIFIC),
        image=photo,
        lead_image_alt="Readers at long tables",
    )
    home = city["home"]
    html = client.get(home.url).content.decode()
    assert headlines(html)[0] == "Library hours grow"  # the newest is featured by default
    home.featured_release = older
    home.save_revision().publish()
    html = client.get(home.url).content.decode()
    assert headlines(html) == ["Bridge reopens", "Library hours grow"]
    assert html.count("card--featured") == 1
    assert "City News" in html  # the newsroom is listed and in the navigation


def test_topic_pages(client, city, three_years):
    html = client.get("/topics/").content.decode()
    assert re.search(r'<a href="/topics/parks/">Parks</a> <span[^>]*>2 releases</span>', html)
    html = client.get("/topics/parks/").content.decode()
    assert headlines(html) == ["Millrace Park splash pad opens", "Spring cleanup set for March"]
    assert client.get("/topics/no-such-topic/").status_code == 404


def test_not_found_page_in_site_look(client, city):
    response = client.get("/news/no-such-release/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can’t find that page" in html
    assert "Skip to main content" in html
    assert "City of Harlow Creek" in html


def test_server_error_page_needs_no_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert 'lang="en"' in html
