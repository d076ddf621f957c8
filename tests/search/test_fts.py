"""The direct FTS5 query finds what Wagtail's own search finds, in a sensible order."""

import pytest
from django.db import connection

from dateline.releases.models import NewsReleasePage
from dateline.search import fts

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="FTS5 is SQLite's; on PostgreSQL search goes through Wagtail's own backend, "
        "which the search page tests cover",
    ),
]


def test_direct_query_matches_wagtail_search(story):
    story("Millrace Park opens", "A splash pad and swings by the river.")
    story("Park rangers hired", "Two rangers will patrol Millrace Park trails.")
    story("Water main repair", "Crews fix a broken main on Ferry Street.")
    story("Library hours", "The park branch library opens later on Sundays.")
    for n in range(6):  # so that "park" is a rare word, as BM25 needs
        story(f"Council agenda {n}", "The council meets on Tuesday evening.")
    releases = NewsReleasePage.objects.live()
    assert fts.available(releases)
    for words in (["park"], ["millrace", "park"], ["main"], ["zeppelin"]):
        direct = fts.match_all(releases, words, 10)
        wagtail = releases.search(" ".join(words), operator="and")
        assert {pk for pk, _ in direct} == {r.pk for r in wagtail}, words
        scores = [score for _, score in direct]
        assert scores == sorted(scores, reverse=True)
    # A headline match outranks a body-only match for the same word.
    ranked = [
        NewsReleasePage.objects.get(pk=pk).title for pk, _ in fts.match_all(releases, ["park"], 10)
    ]
    assert ranked.index("Millrace Park opens") < ranked.index("Library hours")


def test_only_the_given_releases_are_searched(story):
    kept = story("Millrace Park opens", "Swings.")
    other = story("Park rangers hired", "Rangers.")
    found = fts.match_all(NewsReleasePage.objects.filter(pk=kept.pk), ["park"], 10)
    assert [pk for pk, _ in found] == [kept.pk]
    assert other.pk not in dict(found)
