"""/api/v1/releases/ costs the same number of queries for twenty releases as for one.

Apart from test_releases.py, whose tests share one newsroom built per module: this test
counts the images it made and needs a newsroom of its own.
"""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image

from dateline.officials.models import Official, ReleaseMention
from tests.helpers import PACIFIC, make_image

from .test_releases import get_json

pytestmark = pytest.mark.django_db


def test_list_of_twenty_runs_a_fixed_number_of_queries(
    client, city, topics, make_release, django_assert_max_num_queries
):
    start = datetime(2024, 1, 1, 9, tzinfo=PACIFIC)
    official = Official.objects.create(name="Mae Fry")
    for i in range(21):
        release = make_release(
            f"Release number {i}",
            when=start + timedelta(days=i),
            topics=[topics["parks"], topics["water"]],
            image=make_image(f"Photo {i}"),
            lead_image_alt="A photo of the river at dawn",
        )
        ReleaseMention.objects.create(page=release, official=official, confirmed=True)
    assert Image.objects.count() == 21
    client.get("/api/v1/releases/")  # renders the renditions once
    url = "/api/v1/releases/?topic=parks&official=mae-fry&from=2024-01-01"
    with CaptureQueriesContext(connection) as one_item:
        assert len(get_json(client, url + "&page_size=1")["results"]) == 1
    assert len(one_item) <= 13
    # Twenty items cost no more queries than one.
    with django_assert_max_num_queries(len(one_item)):
        data = get_json(client, url)
    assert data["count"] == 21
    assert len(data["results"]) == 20
    assert all(r["lead_image"]["url"].endswith(".jpg") for r in data["results"])
    assert all(r["topics"] == ["parks", "water"] for r in data["results"])
