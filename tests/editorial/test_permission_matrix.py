"""Who can reach what: every role × every kind of release × every kind of URL, from one table.

A cell is the status each role gets: 200, 403, 404, or LOGIN (a redirect to the sign-in
page) / HOME (Wagtail's "no permission" redirect to the dashboard). Staff are signed in
with force_login, which tests/conftest.py makes two-factor-verified; test_security.py shows
the same pages are unreachable without the code.

Separately, an embargoed release's headline must appear in no response anonymous readers
get, and in no public (non-admin) response for anyone: until the embargo lifts it exists only
in the admin, for the newsroom staff who are working on it.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.documents.models import Document

ROLES = ("anonymous", "Writer", "Editor", "Officials manager", "Site admin")
STATES = ("draft", "live", "embargoed")

LOGIN, HOME = "login", "home"
ANY_STATE = None

# url kind -> {state or ANY_STATE -> statuses in ROLES order}
EXPECTED = {
    "admin edit": {ANY_STATE: (LOGIN, 200, 200, HOME, 200)},
    "admin preview": {ANY_STATE: (LOGIN, 200, 200, HOME, 200)},
    "admin history": {ANY_STATE: (LOGIN, 200, 200, HOME, 200)},
    "public page": {
        "draft": (404, 404, 404, 404, 404),
        "live": (200, 200, 200, 200, 200),
        "embargoed": (404, 404, 404, 404, 404),
    },
    "api release": {
        "draft": (404, 404, 404, 404, 404),
        "live": (200, 200, 200, 200, 200),
        "embargoed": (404, 404, 404, 404, 404),
    },
    "rss feed": {ANY_STATE: (200, 200, 200, 200, 200)},
    "document": {ANY_STATE: (200, 200, 200, 200, 200)},
    "officials list": {ANY_STATE: (LOGIN, 200, 200, 200, 200)},
    "officials add": {ANY_STATE: (LOGIN, HOME, HOME, 200, 200)},
    "press list": {ANY_STATE: (LOGIN, HOME, 200, HOME, 200)},
    # Preview links hand drafts outside the newsroom and name the press list: publishers only.
    "preview links": {ANY_STATE: (LOGIN, HOME, 200, HOME, 200)},
    "staff accounts": {ANY_STATE: (LOGIN, HOME, HOME, HOME, 200)},
    "city settings": {ANY_STATE: (LOGIN, HOME, HOME, HOME, 200)},
}
PUBLIC_KINDS = {"public page", "api release", "rss feed", "document"}


def url_for(kind, release, document, site):
    return {
        "admin edit": f"/admin/pages/{release.pk}/edit/",
        "admin preview": f"/admin/pages/{release.pk}/edit/preview/",
        "admin history": f"/admin/pages/{release.pk}/history/",
        "public page": f"/news/{release.slug}/",
        "api release": f"/api/v1/releases/{release.pk}/",
        "rss feed": "/feeds/rss.xml",
        "document": f"/documents/{document.pk}/{document.filename}",
        "officials list": "/admin/snippets/officials/official/",
        "officials add": "/admin/snippets/officials/official/add/",
        "press list": "/admin/snippets/editorial/presscontact/",
        "preview links": f"/admin/desk/pages/{release.pk}/preview-links/",
        "staff accounts": "/admin/users/",
        "city settings": f"/admin/settings/core/citysettings/{site.pk}/",
    }[kind]


CASES = [
    (role, state, kind, expected[ROLES.index(role)])
    for kind, by_state in EXPECTED.items()
    for state in STATES
    for role in ROLES
    for expected in [by_state.get(state, by_state.get(ANY_STATE))]
]
MATRIX_SIZE = f"{len(ROLES)} roles × {len(STATES)} states × {len(EXPECTED)} URLs = {len(CASES)}"


@pytest.fixture
def releases(city, make_release, desk_draft):
    live = make_release("Millrace Park opens on Saturday")
    draft = desk_draft("Council weighs a new river trail")
    embargoed = desk_draft(
        "Harlow Creek wins state grant for the Eastside library",
        embargo_until=timezone.now() + timedelta(days=2),
    )
    return {"draft": draft, "live": live, "embargoed": embargoed}


@pytest.fixture
def document(db):
    doc = Document(title="Budget summary")
    doc.file.save("budget-summary.txt", ContentFile(b"The budget in brief."), save=False)
    doc.save()
    return doc


@pytest.fixture
def clients(role_user, releases):
    made = {"anonymous": Client()}
    for role in ROLES[1:]:
        client = Client()
        client.force_login(role_user(role))
        made[role] = client
    return made


def outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return LOGIN
        if location == "/admin/":
            return HOME
        return f"302 → {location}"
    return response.status_code


# One test per role, not per cell: the city, three releases and four staff accounts are made
# once for a role's 39 cells instead of once per cell, and a failure lists every wrong cell of
# the role's row at once.
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, clients, releases, document, city):
    wrong = []
    for cell_role, state, kind, expected in CASES:
        if cell_role != role:
            continue
        response = clients[role].get(url_for(kind, releases[state], document, city["site"]))
        got = outcome(response)
        if got != expected:
            wrong.append(f"{role} / {state} / {kind}: {got}, expected {expected}")
    assert wrong == [], f"{len(wrong)} wrong cells (matrix: {MATRIX_SIZE}): {wrong}"


def test_the_matrix_covers_every_cell():
    assert len(CASES) == len(ROLES) * len(STATES) * len(EXPECTED), MATRIX_SIZE


def test_an_embargoed_headline_is_nowhere_public(clients, releases, document, city):
    """Every URL of the matrix, plus listings, search and feeds, for every role."""
    embargoed = releases["embargoed"]
    listings = [
        "/",
        "/news/",
        "/corrections/",
        f"/search/?q={embargoed.title.split()[3]}",
        "/feeds/rss.xml",
        "/api/v1/releases/",
        "/sitemap.xml",
        "/sitemaps/releases/1.xml",
    ]
    seen = []
    for role, client in clients.items():
        urls = listings + [
            url_for(kind, release, document, city["site"])
            for kind in EXPECTED
            for release in releases.values()
            if kind in PUBLIC_KINDS or role == "anonymous"
        ]
        for url in urls:
            response = client.get(url)
            body = b"".join(response) if response.streaming else response.content
            if embargoed.title.encode() in body:
                seen.append(f"{role}: {url}")
    assert seen == [], f"The embargoed headline appeared in: {seen}"


def test_editors_do_see_embargoed_releases_in_the_admin(clients, releases):
    embargoed = releases["embargoed"]
    html = clients["Editor"].get(f"/admin/pages/{embargoed.pk}/edit/").content.decode()
    assert embargoed.title in html
