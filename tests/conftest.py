"""A small fictional city for tests: home, newsroom, settings, topics and releases."""

import io
import shutil
import zoneinfo
from datetime import datetime

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Site

from dateline.core.models import CitySettings, MediaContact
from dateline.demo.loader import root_page
from dateline.officials.defaults import ensure_default_offices
from dateline.officials.models import Office
from dateline.officials.roster import import_roster
from dateline.releases.models import HomePage, NewsIndexPage, NewsReleasePage, RelatedRelease
from dateline.topics.models import Topic

PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches.

    Rolled-back rows free their ids for the next test, so a cached rendition
    keyed by image id would otherwise describe a different test's image.
    """
    from django.core.cache import caches

    from dateline.core import sitewide

    for cache in caches.all():
        cache.clear()
    sitewide.forget()
    yield


@pytest.fixture(scope="session", autouse=True)
def _remove_test_media():
    """Uploaded test images go to a folder of this run's own, removed at the end."""
    from django.conf import settings

    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def make_image(title="Test photo", color=(30, 120, 90), size=(800, 500)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format="JPEG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="photo.jpg"))


@pytest.fixture
def city(db):
    """Home page, one newsroom and the city's settings for Harlow Creek, Ore."""
    root = root_page()
    for child in root.get_children():
        child.delete()
    home = HomePage(title="Harlow Creek News", slug="home", intro="News from City Hall.")
    root.add_child(instance=home)
    site = Site.objects.get(is_default_site=True) if Site.objects.exists() else None
    if site is None:
        site = Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.hostname, site.port = "testserver", 80
        site.save()
    contact = MediaContact.objects.create(
        name="Imogen Vance",
        title="Public Information Officer",
        email="press@harlow.example",
        phone="(555) 010-7788",
    )
    settings = CitySettings.for_site(site)
    settings.city_name = "Harlow Creek"
    settings.state = "OR"
    settings.time_zone = "America/Los_Angeles"
    settings.postal_address = "City Hall\n12 Mill Street\nHarlow Creek, OR 97999"
    settings.default_media_contact = contact
    settings.save()
    newsroom = NewsIndexPage(title="City News", slug="news")
    home.add_child(instance=newsroom)
    return {
        "home": home,
        "site": site,
        "settings": settings,
        "newsroom": newsroom,
        "contact": contact,
    }


@pytest.fixture
def topics(db):
    return {
        slug: Topic.objects.create(name=name, slug=slug)
        for slug, name in [("parks", "Parks"), ("water", "Water"), ("housing", "Housing")]
    }


@pytest.fixture
def make_release(city):
    """Create and publish a release in the city's newsroom."""

    def make(
        title="Harlow Creek opens Millrace Park",
        *,
        when=None,
        parent=None,
        body=None,
        topics=(),
        related=(),
        image=None,
        **fields,
    ):
        page = NewsReleasePage(
            title=title,
            release_date=when or datetime(2021, 5, 3, 9, 0, tzinfo=PACIFIC),
            dateline_city=fields.pop("dateline_city", "Harlow Creek"),
            dateline_state=fields.pop("dateline_state", "Oregon"),
            body=body
            if body is not None
            else [
                ("paragraph", _rich("<p>The city opened a new park on Monday.</p>")),
                ("paragraph", _rich("<p>It has a playground and a river trail.</p>")),
            ],
            lead_image=image,
            **fields,
        )
        (parent or city["newsroom"]).add_child(instance=page)
        page.topics = list(topics)
        page.related_links = [
            RelatedRelease(release=r, sort_order=i) for i, r in enumerate(related)
        ]
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


def _rich(html):
    from wagtail.rich_text import RichText

    return RichText(html)


@pytest.fixture
def rich():
    return _rich


ROSTER = """name,office,district,start,end
Ines Park,Councilmember,2,2016-12-13,2020-12-07
Ines Park,Mayor,,2020-12-08,
Otto Brandt,Councilmember,4,2018-12-11,
Otto Brandt,Vice Mayor,,2023-01-01,2023-12-31
Ruth Okoye,Councilmember,1,2020-12-08,
Ruth Okoye,Vice Mayor,,2024-01-01,2024-12-31
Leo Vance,Councilmember,2,2020-12-08,
Gil Moreno,City Manager,,2019-07-01,
"""


@pytest.fixture
def offices(db):
    ensure_default_offices(Office)  # also after a transactional test has emptied the tables
    return {o.title: o for o in Office.objects.all()}


@pytest.fixture
def roster(offices):
    """Harlow Creek's officials: a mayor who was a councilmember, vice mayors by year."""
    import_roster(ROSTER)


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """`client.force_login(user)` also counts as having entered the authenticator code.

    Staff need a second factor for every admin page (dateline/editorial/middleware.py); tests
    that are about something else sign in this way. tests/editorial/test_security.py signs in
    through the real forms and proves the second factor is required.
    """
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    original = Client.force_login

    def force_login(self, user, backend=None):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        original(self, user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
    yield
