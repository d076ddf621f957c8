"""Titles over time: precedence, yearly vice mayors, a mayor who was a councilmember."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from dateline.officials.models import Office, Official

pytestmark = pytest.mark.django_db


def official(name):
    return Official.objects.get(name=name)


def test_mayor_outranks_and_was_earlier_a_councilmember(roster):
    park = official("Ines Park")
    assert park.title_on(date(2019, 6, 1)) == "Councilmember"
    assert park.title_on(date(2020, 12, 7)) == "Councilmember"
    assert park.title_on(date(2020, 12, 8)) == "Mayor"
    assert park.title_on(date(2015, 1, 1)) == ""


def test_vice_mayor_year_and_its_last_day(roster):
    okoye = official("Ruth Okoye")
    assert okoye.titles_on(date(2024, 6, 1)) == ("Vice Mayor", "Councilmember")
    assert okoye.title_on(date(2024, 12, 31)) == "Vice Mayor"
    assert okoye.title_on(date(2025, 1, 1)) == "Councilmember"


def test_the_year_ends_at_midnight_in_the_city_time_zone(roster):
    pacific = ZoneInfo("America/Los_Angeles")
    okoye = official("Ruth Okoye")
    # 11:30 p.m. on Dec. 31 in Harlow Creek is already Jan. 1 in UTC.
    late = datetime(2024, 12, 31, 23, 30, tzinfo=pacific)
    assert late.astimezone(ZoneInfo("UTC")).date() == date(2025, 1, 1)
    assert okoye.title_on(late.date()) == "Vice Mayor"
    early = datetime(2025, 1, 1, 0, 15, tzinfo=pacific)
    assert okoye.title_on(early.date()) == "Councilmember"


def test_precedence_is_configurable(roster):
    okoye = official("Ruth Okoye")
    Office.objects.filter(title="Councilmember").update(precedence=5)
    okoye = official("Ruth Okoye")
    assert okoye.title_on(date(2024, 6, 1)) == "Councilmember"
