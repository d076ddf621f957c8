"""The benchmark's archive builder makes releases a reader can actually open.

bench/serve.py measures render times over copies made by bench/bulk.py and watches the
addresses bench/surfaces.py lists; if either drifted from the real models the figures would
be measured on pages nobody could see.
"""

import json

import pytest

from bench.bulk import clone_releases
from bench.surfaces import main as list_surfaces
from dateline.demo.loader import load_demo
from dateline.releases.models import NewsReleasePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(no_city, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    load_demo(create_login=False)


def test_copies_are_live_releases_with_topics_officials_and_related_stories(demo, client):
    before = NewsReleasePage.objects.live().count()
    ids = clone_releases(25)
    assert NewsReleasePage.objects.live().count() == before + 25
    copy = NewsReleasePage.objects.get(pk=ids[-1])
    html = client.get(copy.url).content.decode()
    assert copy.title in html
    assert 'id="topics-heading"' in html
    assert 'id="officials-heading"' in html
    assert 'id="related-heading"' in html
    # The tree stays sound: the newsroom lists them and Wagtail finds each by its address.
    assert client.get(NewsReleasePage.objects.get(pk=ids[0]).url).status_code == 200
    newsroom = copy.get_parent()
    assert newsroom.numchild == newsroom.get_children().count()


def test_every_watched_address_shows_the_release(demo, client, capsys):
    clone_releases(10)
    list_surfaces()
    surfaces = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    release = NewsReleasePage.objects.get(pk=surfaces["release_id"])
    for path in surfaces["showing"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert release.title in response.content.decode(), path
    for path in surfaces["lists"] + surfaces["sample"][:5]:
        assert client.get(path).status_code == 200, path
