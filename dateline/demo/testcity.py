"""Harlow Creek, Ore.: the small fictional city the tests, their worker processes and the
benchmarks build (the demo's city, Calder Springs, is loader.py's).

It lives in the package, not under tests/, because worker processes and bench scripts start
outside pytest and must import it whatever the current directory is.
"""

import zoneinfo

from wagtail.models import Site

from dateline.core.models import CitySettings, MediaContact
from dateline.officials.defaults import ensure_default_offices
from dateline.officials.models import Office
from dateline.officials.roster import import_roster
from dateline.releases.models import HomePage, NewsIndexPage
from dateline.topics.models import Topic

from .loader import root_page

CITY_NAME = "Harlow Creek"
TIME_ZONE = "America/Los_Angeles"
ZONE = zoneinfo.ZoneInfo(TIME_ZONE)

# A mayor who was a councilmember before, and vice mayors by year.
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

TOPICS = [("parks", "Parks"), ("water", "Water"), ("housing", "Housing")]


def build_city(*, hostname: str = "testserver", port: int = 80) -> dict:
    """Replace the page tree with Harlow Creek: a home page, one newsroom and the settings.

    Returns the home page, the default site, the city's settings, the newsroom ("City News"
    at /news/) and the default media contact. `hostname` is the default site's; the Varnish
    test serves it as localhost.
    """
    root = root_page()
    for child in root.get_children():
        child.delete()  # and the Site rooted there (CASCADE)
    home = HomePage(title="Harlow Creek News", slug="home", intro="News from City Hall.")
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True
        )
    else:
        site.root_page = home
        site.hostname, site.port = hostname, port
        site.save()
    contact = MediaContact.objects.create(
        name="Imogen Vance",
        title="Public Information Officer",
        email="press@harlow.example",
        phone="(555) 010-7788",
    )
    settings = CitySettings.for_site(site)
    settings.city_name = CITY_NAME
    settings.state = "OR"
    settings.time_zone = TIME_ZONE
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


def find_city() -> dict | None:
    """The city build_city() made and nothing has changed since, or None.

    The test suite builds it once per database and each test reads it back (a few queries
    instead of a page tree), unless a transactional test has emptied the tables since.
    """
    site = Site.objects.filter(is_default_site=True, hostname="testserver", port=80).first()
    if site is None:
        return None
    home = HomePage.objects.filter(pk=site.root_page_id, slug="home").first()
    settings = CitySettings.objects.filter(site=site, city_name=CITY_NAME).first()
    if home is None or settings is None or settings.default_media_contact_id is None:
        return None
    newsroom = NewsIndexPage.objects.child_of(home).filter(slug="news").first()
    if newsroom is None:
        return None
    return {
        "home": home,
        "site": site,
        "settings": settings,
        "newsroom": newsroom,
        "contact": settings.default_media_contact,
    }


def remove_city() -> None:
    """Take away what build_city() made, leaving the root page as after `dateline flush`.

    For tests of what starts from an empty newsroom (the demo loader, the benchmark's
    archive), on a test database that starts with Harlow Creek built.
    """
    for child in root_page().get_children():
        child.delete()  # and the Site rooted there, with its city settings (CASCADE)
    Site.objects.all().delete()
    MediaContact.objects.all().delete()


def add_topics() -> dict[str, Topic]:
    """Parks, Water and Housing, by slug."""
    return {slug: Topic.objects.create(name=name, slug=slug) for slug, name in TOPICS}


def add_offices() -> dict[str, Office]:
    """The offices every install starts with, by title (made again if a test emptied them)."""
    ensure_default_offices(Office)
    return {office.title: office for office in Office.objects.all()}


def add_roster(roster: str = ROSTER) -> None:
    """The offices and the officials of `roster` (CSV as `dateline roster` reads it)."""
    add_offices()
    import_roster(roster)
