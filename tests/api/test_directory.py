"""/api/v1/officials/, /topics/ and /letters/."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from dateline.officials.models import LetterPage, Official
from tests.helpers import make_image

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_official_detail(client, seeded):
    park = Official.objects.get(slug="ines-park")
    park.honorific = "Dr."
    park.email = "mayor@harlow.example"
    park.phone = "(555) 010-1000"
    park.bio = '<p>Born in <a href="https://example.org">Harlow Creek</a>.</p>'
    park.portrait = make_image("Ines Park", size=(900, 1200))
    park.portrait_alt = "Ines Park in front of City Hall"
    park.save()
    rendition = park.portrait.get_rendition("width-600|format-jpeg")
    assert get_json(client, "/api/v1/officials/ines-park/") == {
        "slug": "ines-park",
        "name": "Ines Park",
        "honorific": "Dr.",
        "url": f"{BASE}/officials/ines-park/",
        "title": "Mayor",
        "portrait": {
            "url": BASE + rendition.url,
            "width": 600,
            "height": 800,
            "alt": "Ines Park in front of City Hall",
        },
        "bio": '<p>Born in <a href="https://example.org">Harlow Creek</a>.</p>',
        "email": "mayor@harlow.example",
        "phone": "(555) 010-1000",
        "terms": [
            {
                "office": "Councilmember",
                "district": "2",
                "start": "2016-12-13",
                "end": "2020-12-07",
            },
            {"office": "Mayor", "district": "", "start": "2020-12-08", "end": None},
        ],
    }


def test_official_list_is_by_name_and_paginated(client, seeded):
    data = get_json(client, "/api/v1/officials/")
    names = ["Gil Moreno", "Ines Park", "Leo Vance", "Otto Brandt", "Ruth Okoye"]
    assert [o["name"] for o in data["results"]] == names
    assert data["results"][0]["title"] == "City Manager"
    assert data["results"][0]["portrait"] is None
    assert (data["count"], data["next"], data["previous"]) == (5, None, None)
    second = get_json(client, "/api/v1/officials/?page_size=2&page=2")
    assert [o["name"] for o in second["results"]] == names[2:4]
    assert second["next"] == f"{BASE}/api/v1/officials/?page_size=2&page=3"
    assert second["previous"] == f"{BASE}/api/v1/officials/?page_size=2"


def test_topics_count_published_releases_only(client, seeded):
    data = get_json(client, "/api/v1/topics/")
    assert data["results"] == [
        {
            "slug": "housing",
            "name": "Housing",
            "description": "",
            "url": f"{BASE}/topics/housing/",
            "release_count": 1,
        },
        {
            "slug": "parks",
            "name": "Parks",
            "description": "",
            "url": f"{BASE}/topics/parks/",
            "release_count": 2,  # not the draft, not the private one
        },
        {
            "slug": "water",
            "name": "Water",
            "description": "",
            "url": f"{BASE}/topics/water/",
            "release_count": 3,
        },
    ]
    assert get_json(client, "/api/v1/topics/water/") == data["results"][2]


def test_letter_detail_and_list(client, seeded):
    letter = seeded["letter"]
    person = {
        "ines-park": ("Ines Park", "Mayor"),
        "ruth-okoye": ("Ruth Okoye", "Vice Mayor"),
        "otto-brandt": ("Otto Brandt", "Councilmember"),
        "leo-vance": ("Leo Vance", "Councilmember"),
    }

    def on_date(slug):
        name, title = person[slug]
        return {"slug": slug, "name": name, "title_on_date": title}

    summary = {
        "id": letter.pk,
        "title": "Letter to the State Water Board on the Mill Creek intake",
        "url": f"{BASE}/letters/mill-creek-intake/",
        "date": "2024-03-04",
        "recipient": {"name": "Dana Cho", "title": "Chair", "organisation": "State Water Board"},
        "requested_by": on_date("leo-vance"),
        "signatories": [on_date(s) for s in ("ines-park", "ruth-okoye", "otto-brandt")],
        "document_url": BASE + seeded["document"].url,
    }
    intake = seeded["intake"]
    assert get_json(client, f"/api/v1/letters/{letter.pk}/") == {
        **summary,
        "text": "<p>We ask the board to fund the new intake.</p>",
        # Not the draft or the private release, though both cite the letter too.
        "citing_releases": [
            {
                "id": intake.pk,
                "headline": "Council asks state to fund Mill Creek intake",
                "url": f"{BASE}/news/council-asks-state-to-fund-mill-creek-intake/",
            }
        ],
    }

    older = LetterPage(
        title="Letter on the county road",
        slug="county-road",
        letter_date=date(2019, 1, 7),
        document=Document.objects.create(
            title="Road", file=ContentFile(b"%PDF-1.4\n", name="road.pdf")
        ),
    )
    letter.get_parent().add_child(instance=older)
    older.save_revision().publish()
    older.document.delete()
    unpublished = LetterPage(title="Unsent", slug="unsent", letter_date=date(2025, 1, 1))
    letter.get_parent().add_child(instance=unpublished)
    unpublished.save_revision().publish()
    unpublished.unpublish()

    data = get_json(client, "/api/v1/letters/")
    assert data["count"] == 2
    assert data["results"][0] == summary
    assert data["results"][1]["requested_by"] is None
    assert data["results"][1]["signatories"] == []
    assert data["results"][1]["document_url"] is None
    assert get_json(client, f"/api/v1/letters/{unpublished.pk}/", status=404) == {
        "error": {"code": "not_found", "message": f"There is no letter with id “{unpublished.pk}”."}
    }


def test_unknown_slugs_are_json_404s(client, seeded, subtests):
    for url, message in [
        ("/api/v1/officials/nobody/", "There is no official with slug “nobody”."),
        ("/api/v1/officials/a%20b/", "There is no official with slug “a b”."),
        ("/api/v1/topics/gardens/", "There is no topic with slug “gardens”."),
        ("/api/v1/topics/%00/", "There is no topic with slug “\x00”."),
        ("/api/v1/letters/abc/", "There is no letter with id “abc”."),
        ("/api/v1/topics/parks/extra/", "There is no API endpoint at /api/v1/topics/parks/extra/."),
        ("/api/v1/nothing-here/", "There is no API endpoint at /api/v1/nothing-here/."),
    ]:
        with subtests.test(url=url):
            assert get_json(client, url, status=404) == {
                "error": {"code": "not_found", "message": message}
            }


def test_list_parameters_are_checked_everywhere(client, seeded, subtests):
    for endpoint in ("officials", "topics", "letters"):
        with subtests.test(endpoint=endpoint):
            assert get_json(client, f"/api/v1/{endpoint}/?page_size=0", status=400) == {
                "error": {
                    "code": "invalid_parameter",
                    "parameter": "page_size",
                    "message": "page_size “0” is not a whole number from 1 to 100",
                }
            }
            error = get_json(client, f"/api/v1/{endpoint}/?page=3", status=400)["error"]
            assert error["parameter"] == "page"
