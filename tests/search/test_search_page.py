"""What a reader sees on /search/: results, ranking, filters, notices and empty states."""

import re

import pytest
from wagtail.models import PageViewRestriction

from dateline.officials.models import ReleaseMention
from tests.helpers import make_image, visible_text

pytestmark = pytest.mark.django_db


def search(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def headlines(html: str) -> list[str]:
    found = re.findall(r'class="search-result__headline"><a href="[^"]*">(.*?)</a>', html, re.S)
    return [visible_text(re.sub(r"</?mark>", "", h)) for h in found]


def snippets(html: str) -> list[str]:
    return re.findall(r'class="search-result__snippet">(.*?)</p>', html, re.S)


def status(html: str) -> str:
    return visible_text(re.search(r'class="result-count" role="status">(.*?)</p>', html, re.S)[1])


def notices(html: str) -> list[str]:
    return [visible_text(n) for n in re.findall(r'class="notice" role="status">(.*?)</p>', html)]


# --- the page --------------------------------------------------------------------------


def test_every_page_header_searches_the_newsroom(client, story):
    release = story("Millrace Park opens", "Swings and a splash pad.")
    html = client.get(release.url).content.decode()
    form = re.search(r'<form class="site-search"[^>]*>(.*?)</form>', html, re.S)
    assert 'action="/search/"' in form[0] and 'name="q"' in form[1]
    assert 'aria-label="Site"' in form[0]
    assert headlines(search(client, q="splash pad")) == ["Millrace Park opens"]
    # The search page's own form replaces the header's, rather than repeating it.
    assert 'class="site-search"' not in search(client)


def test_page_has_one_h1_and_a_labelled_search_form(client, city):
    html = search(client)
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == ["Search news releases"]
    assert re.search(r'<form[^>]*role="search"[^>]*aria-labelledby="search-heading"', html)
    for field, label in [
        ("search-q", "Search for"),
        ("filter-newsroom", "Newsroom"),
        ("filter-topic", "Topic"),
        ("filter-official", "Official named"),
        ("filter-from", "From"),
        ("filter-to", "To"),
    ]:
        assert re.search(rf'<label for="{field}">{label}', html), field
        assert f'id="{field}"' in html
    assert 'href="/static/dateline/css/search.css"' in html


def test_result_shows_headline_link_date_newsroom_and_marked_snippet(client, story):
    release = story(
        "Harlow Creek opens Millrace Park",
        "Families came to the new playground on Monday. The splash pad opens in June.",
        day=(2025, 9, 14),
    )
    html = search(client, q="playground")
    assert headlines(html) == ["Harlow Creek opens Millrace Park"]
    assert f'<a href="{release.url}">Harlow Creek opens Millrace Park</a>' in html
    assert ">Sept. 14, 2025</time>" in html
    result = html[html.index('class="search-result"') :]
    assert '· <a href="/news/">City News</a>' in result
    assert snippets(html) == [
        "Families came to the new <mark>playground</mark> on Monday. The splash pad opens in June."
    ]
    assert status(html) == "1 release matches “playground”."


def test_headline_words_are_marked_too(client, story):
    story("Library extends weekend hours")
    html = search(client, q="library hours")
    assert "<mark>Library</mark> extends weekend <mark>hours</mark>" in html


def test_snippet_text_is_escaped(client, story, rich):
    story(
        "Council posts agenda <online>",
        body=[("paragraph", rich("<p>Type &lt;script&gt;alert(1)&lt;/script&gt; agenda</p>"))],
    )
    html = search(client, q="agenda")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>agenda</mark>" in snippets(html)[0]
    assert "Council posts <mark>agenda</mark> &lt;online&gt;" in html


def test_long_body_snippet_is_cut_around_the_first_match(client, story):
    words = " ".join(f"word{i}" for i in range(60))
    story("Budget notes", f"{words} reservoir {words}")
    snippet = snippets(search(client, q="reservoir"))[0]
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "<mark>reservoir</mark>" in snippet
    assert len(snippet.split()) < 40


# --- what is searched --------------------------------------------------------------------


def test_searches_dek_captions_quotes_and_attribution(client, story):
    story("Dek story", dek="Crews will resurface Alder Street overnight.")
    story("Caption story", lead_image_caption="Volunteers plant cottonwoods by the creek.")
    story(
        "Image story",
        body=[
            (
                "image",
                {
                    "image": make_image(),
                    "alt_text": "A heron on a log",
                    "decorative": False,
                    "caption": "A great blue heron returns to the marsh.",
                    "credit": "",
                },
            )
        ],
    )
    story(
        "Quote story",
        body=[("quote", {"text": "The marigolds bloom early.", "attribution": "Gardener Tam"})],
    )
    assert headlines(search(client, q="resurface")) == ["Dek story"]
    assert headlines(search(client, q="cottonwoods")) == ["Caption story"]
    assert headlines(search(client, q="heron")) == ["Image story"]
    assert headlines(search(client, q="marigolds")) == ["Quote story"]
    html = search(client, q="Gardener Tam")
    assert headlines(html) == ["Quote story"]
    assert "— <mark>Gardener</mark> <mark>Tam</mark>" in snippets(html)[0]


def test_searches_names_of_confirmed_officials_only(client, story, officials):
    story("Council adopts budget", "The vote was 5-2.", names=[officials["ruth-okoye"]])
    story("Bridge reopens", "Traffic flows again.", unconfirmed=[officials["otto-brandt"]])
    html = search(client, q="okoye")
    assert headlines(html) == ["Council adopts budget"]
    assert "<mark>Okoye</mark>" in snippets(html)[0]
    assert headlines(search(client, q="brandt")) == []


def test_an_official_confirmed_later_is_found_after_publishing(client, story, officials):
    release = story(
        "Bridge reopens", "Traffic flows again.", unconfirmed=[officials["otto-brandt"]]
    )
    assert headlines(search(client, q="brandt")) == []
    release.mentions = [ReleaseMention(official=officials["otto-brandt"], confirmed=True)]
    release.save_revision().publish()
    assert headlines(search(client, q="brandt")) == ["Bridge reopens"]


def test_drafts_unpublished_and_private_releases_are_never_found(client, story, city):
    story("Pool opens for the summer", "Lifeguards on duty.")
    withdrawn = story("Pool closes early", "Lifeguards leave.")
    withdrawn.unpublish()
    private = story("Pool staff roster", "Lifeguards list.")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    live = story("Pool schedule", "Lifeguards rotate.")
    live.title = "Secret lifeguards memo"
    live.save_revision()  # a draft of a live release: its words are not public yet
    html = search(client, q="lifeguards")
    assert sorted(headlines(html)) == ["Pool opens for the summer", "Pool schedule"]
    assert headlines(search(client, q="secret")) == []


# --- ranking -----------------------------------------------------------------------------


def test_exact_headline_comes_first(client, story):
    story(
        "Budget hearing set for Tuesday night, then moved",
        "The budget hearing is set for Tuesday. Budget hearing for Tuesday is set. "
        "Again: budget, hearing, set, for, Tuesday.",
        day=(2024, 6, 1),
    )
    story(
        "Budget hearing set for Tuesday",
        "Residents may speak at the budget hearing.",
        day=(2024, 5, 1),
    )
    html = search(client, q="BUDGET hearing set for tuesday")
    assert headlines(html)[0] == "Budget hearing set for Tuesday"
    assert len(headlines(html)) == 2
    # Punctuation and curly quotes do not matter either.
    story("Mayor’s budget: what’s in it", "Details of the plan.", day=(2024, 4, 1))
    story("Budget what's in it for parks", "Mayor's budget: what's in it.", day=(2024, 7, 1))
    assert headlines(search(client, q="mayor's budget what's in it"))[0] == (
        "Mayor’s budget: what’s in it"
    )


def test_headline_matches_rank_above_body_matches(client, story):
    story("Council notes", "The storm drain crews worked all week on the storm drain.")
    story("Storm drain cleaning starts", "Crews start Monday.")
    assert headlines(search(client, q="storm drain")) == [
        "Storm drain cleaning starts",
        "Council notes",
    ]


def test_every_word_must_match(client, story):
    story("Parks reopen", "Trails and playgrounds reopen.")
    story("Water main repaired", "Trails are dry.")
    assert headlines(search(client, q="trails playgrounds")) == ["Parks reopen"]


# --- filters -----------------------------------------------------------------------------


def test_date_range_is_inclusive_in_the_city_time_zone(client, make_release):
    from datetime import UTC, datetime

    make_release("Morning vote", when=datetime(2024, 5, 31, 16, 0, tzinfo=UTC))
    # 11:30 p.m. on May 31 in Harlow Creek, already June 1 in UTC.
    make_release("Late night vote", when=datetime(2024, 6, 1, 6, 30, tzinfo=UTC))
    # 12:30 a.m. on June 1 in Harlow Creek.
    make_release("Early morning vote", when=datetime(2024, 6, 1, 7, 30, tzinfo=UTC))
    on_may_31 = search(client, **{"from": "2024-05-31", "to": "2024-05-31"})
    assert headlines(on_may_31) == ["Late night vote", "Morning vote"]
    assert headlines(search(client, **{"from": "2024-06-01"})) == ["Early morning vote"]
    assert headlines(search(client, q="vote", to="2024-05-30")) == []


# --- what is typed ----------------------------------------------------------------------


def test_long_query_is_shortened_with_a_notice(client, story):
    story("Harlow Creek opens Millrace Park")
    response = client.get("/search/", {"q": "park " * 100})
    assert response.status_code == 200
    html = response.content.decode()
    assert any(n.startswith("Searches can be up to 200 characters long") for n in notices(html))
    value = re.search(r'id="search-q" type="search" name="q" value="([^"]*)"', html)[1]
    assert 0 < len(value) <= 200 and not value.endswith(" ")
    assert headlines(html) == ["Harlow Creek opens Millrace Park"]


def test_very_long_and_hostile_queries_answer(client, story):
    story("Harlow Creek opens Millrace Park")
    odd = ["park ²", "park ‿", "park \u0301", "park 〇", "park ﹍", "NEAR park", "park -parks"]
    hostile = ["(" * 5000, '"' * 300, "park AND NOT OR * ^ NEAR(", "a" * 100_000, "\\" * 400]
    for q in odd + hostile:
        assert client.get("/search/", {"q": q}).status_code == 200


def test_control_characters_are_stripped(client, story):
    story("Harlow Creek opens Millrace Park")
    html = search(client, q="mill\x00race\x1b park\u202e")
    assert 'value="mill race park"' in html
    html = search(client, q="millrace\x07")
    assert headlines(html) == ["Harlow Creek opens Millrace Park"]


def test_punctuation_only_query_says_so(client, city):
    html = search(client, q="?!")
    assert "“?!” has no letters or numbers to search for." in notices(html)


# --- empty states and pages ---------------------------------------------------------------


def test_no_query_explains_what_can_be_searched_and_lists_topics(client, story, topics):
    story("Harlow Creek opens Millrace Park", topics=[topics["parks"]])
    html = search(client)
    visible = visible_text(html)
    assert "What you can search" in visible
    assert "photo captions, quotes and who said them" in visible
    assert "Browse by topic" in visible
    assert f'<a href="{topics["parks"].get_absolute_url()}">Parks</a>' in html
    assert 'role="status"' not in html  # nothing was searched, nothing to announce
    assert headlines(html) == []


def test_no_results_suggests_what_to_try(client, story, topics):
    story("Harlow Creek opens Millrace Park", topics=[topics["parks"]])
    html = search(client, q="zeppelin")
    visible = visible_text(html)
    assert status(html) == "No releases match “zeppelin”."
    assert "Check the spelling, or try fewer or different words" in visible
    assert 'href="/topics/"' in html and 'href="/news/">City News</a>' in html
    html = search(client, q="zeppelin", topic="parks")
    visible = visible_text(html)
    assert status(html) == "No releases match “zeppelin” with these filters."
    assert "Remove a filter, or search all releases for “zeppelin”" in visible
    assert '<a href="?q=zeppelin">search all releases for “zeppelin”</a>' in html


def test_results_are_paged_ten_at_a_time(client, story):
    for day in range(1, 14):
        story(f"Street sweeping notice {day}", "Move your car.", day=(2024, 3, day))
    html = search(client, q="sweeping")
    assert len(headlines(html)) == 10
    assert status(html) == "13 releases match “sweeping”. Showing 1–10."
    assert "Page 1 of 2" in html
    assert 'href="?q=sweeping&amp;page=2" rel="next">Next page</a>' in html
    second = search(client, q="sweeping", page=2)
    assert len(headlines(second)) == 3
    assert 'rel="prev">Previous page</a>' in second
    assert not set(headlines(html)) & set(headlines(second))
    assert len(headlines(search(client, q="sweeping", page=99))) == 3


def test_only_this_site_is_searched(client, story, city):
    from dateline.releases.models import NewsIndexPage

    story("Harlow Creek opens Millrace Park")
    elsewhere = NewsIndexPage(title="Other city", slug="other")
    from dateline.demo.loader import root_page

    root_page().add_child(instance=elsewhere)
    story("Other city opens a park", parent=elsewhere)
    assert headlines(search(client, q="park")) == ["Harlow Creek opens Millrace Park"]
