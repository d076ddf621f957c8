"""The demo city loads once, and a second load never touches what editors changed."""

import json

import pytest
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site

from dateline.alerts.models import AlertSettings
from dateline.core.models import CitySettings, MediaContact
from dateline.demo.loader import CONTENT, load_demo
from dateline.officials.models import LetterPage, Official
from dateline.releases.models import HomePage, NewsIndexPage, NewsReleasePage
from dateline.topics.models import Topic

pytestmark = pytest.mark.django_db


def counts():
    return {
        "officials": Official.objects.count(),
        "pages": Page.objects.count(),
        "releases": NewsReleasePage.objects.live().count(),
        "newsrooms": NewsIndexPage.objects.count(),
        "topics": Topic.objects.count(),
        "contacts": MediaContact.objects.count(),
        "images": Image.objects.count(),
        "documents": Document.objects.count(),
    }


@pytest.fixture
def loaded(no_city, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    result = load_demo()
    assert result.loaded
    return result


def test_demo_city_has_what_the_issue_asks(loaded, client):
    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    releases = NewsReleasePage.objects.live()
    assert releases.count() == len(content["releases"]) >= 30
    years = {r.release_date.year for r in releases}
    assert len(years) >= 3
    assert Topic.objects.count() >= 6
    city = CitySettings.objects.get()
    assert city.city_name == "Calder Springs" and city.state == "California"
    home = HomePage.objects.get()
    # Absolute links (feeds, sitemaps) use the address the site is served at.
    assert Site.objects.get(is_default_site=True).root_url == "http://testserver"
    assert home.featured_release is not None
    response = client.get("/")
    assert response.status_code == 200
    assert "City of Calder Springs" in response.content.decode()
    alerts = AlertSettings.objects.get()
    assert alerts.alerts_from_email != alerts.transactional_from_email
    # Every release that has no editor's picks already has its related stories.
    unpicked = releases.filter(related_links__isnull=True)
    assert unpicked.exists()
    assert all(r.computed_related.exists() for r in unpicked)


def test_reference_release_quotes_a_signed_letter(loaded, client):
    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    spec = next(r for r in content["releases"] if r.get("letter"))
    release = NewsReleasePage.objects.get(slug=spec["slug"])
    html = client.get(release.url).content.decode()
    assert 'class="dateline">Calder Springs, Calif. (' in html
    assert any(block.block_type == "quote" for block in release.body)
    assert len(release.related_releases()) == len(spec["related"]) >= 1
    # The letter: requested by one councilmember, signed by the mayor and four colleagues,
    # each with the title held on the letter's date.
    letter = LetterPage.objects.get(title=spec["letter"]["title"])
    assert letter.requested_by.name == "Lena Brightwater"
    assert letter.recipient_organisation == "U.S. Department of Transportation"
    assert [(o.name, title) for o, title in letter.signed_by()] == [
        ("Rosa Delgado-Whitfield", "Mayor"),
        ("Priya Ramanathan", "Vice Mayor"),
        ("Samuel Achterberg", "Councilmember"),
        ("Wendell Huang", "Councilmember"),
        ("Daniel Nguyễn-Park", "Councilmember"),
    ]
    assert "Signed by Mayor Rosa Delgado-Whitfield, Vice Mayor Priya Ramanathan" in html
    assert letter.document.url in html
    letter_html = client.get(letter.url).content.decode()
    assert release.title in letter_html
    # Officials named in the release are listed with their titles that day.
    officials = html[html.index("Officials in this release") :]
    assert "Councilmember Lena Brightwater" in officials
    assert "Vice Mayor Priya Ramanathan" in officials


def test_second_load_changes_nothing_and_keeps_edits(loaded, settings):
    before = counts()
    release = NewsReleasePage.objects.live().order_by("pk").first()
    release.title = "Edited by the communications office"
    release.save_revision().publish()
    topic = Topic.objects.first()
    topic.name = "Renamed topic"
    topic.save()

    again = load_demo()

    assert not again.loaded
    assert counts() == before
    release.refresh_from_db()
    assert release.title == "Edited by the communications office"
    topic.refresh_from_db()
    assert topic.name == "Renamed topic"


def test_command_reports_what_it_did(no_city, settings, tmp_path, capsys):
    settings.DATA_DIR = tmp_path
    call_command("load_demo")
    first = capsys.readouterr().out
    assert "Loaded the demo city:" in first
    assert "Admin login: admin / " in first
    assert (tmp_path / "demo-login.txt").read_text().startswith("admin\n")
    call_command("load_demo")
    assert "already loaded; nothing changed" in capsys.readouterr().out
