"""Releases that name officials, in two newsrooms, for the search and related-stories tests."""

from datetime import datetime

import pytest
from wagtail.rich_text import RichText

from dateline.officials.models import Official, ReleaseMention
from dateline.releases.models import NewsIndexPage
from tests.helpers import PACIFIC


@pytest.fixture
def officials(db):
    return add_officials()


def add_officials():
    return {
        slug: Official.objects.create(name=name, slug=slug)
        for slug, name in [
            ("ines-park", "Ines Park"),
            ("otto-brandt", "Otto Brandt"),
            ("ruth-okoye", "Ruth Okoye"),
        ]
    }


@pytest.fixture
def mayors_office(city):
    return add_mayors_office(city["home"])


def add_mayors_office(home):
    newsroom = NewsIndexPage(title="Office of the Mayor", slug="mayor")
    home.add_child(instance=newsroom)
    newsroom.save_revision().publish()
    return newsroom


@pytest.fixture
def story(make_release):
    """make_release with a plain-text body, a day and the officials it names (confirmed)."""
    return story_maker(make_release)


def story_maker(make_release):
    def make(title, text="", *, day=(2021, 5, 3), names=(), unconfirmed=(), **fields):
        body = fields.pop("body", None)
        if body is None:
            body = [("paragraph", RichText(f"<p>{text}</p>"))] if text else []
        mentions = [ReleaseMention(official=o, confirmed=True) for o in names]
        mentions += [ReleaseMention(official=o, confirmed=False) for o in unconfirmed]
        return make_release(
            title,
            when=datetime(*day, 9, 0, tzinfo=PACIFIC),
            body=body,
            mentions=mentions,
            **fields,
        )

    return make
