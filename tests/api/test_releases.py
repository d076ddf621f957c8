"""/api/v1/releases/: what an API client gets, filters, pagination, errors, visibility."""

import pytest

from tests.helpers import PACIFIC

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def ids(data):
    return [item["id"] for item in data["results"]]


def rendition_url(image):
    return BASE + image.get_rendition("width-1200|format-jpeg").url


def test_list_is_newest_first_with_summaries(client, seeded):
    data = get_json(client, "/api/v1/releases/")
    order = ["library", "late", "intake", "rates", "park"]
    assert ids(data) == [seeded[name].pk for name in order]
    assert (data["count"], data["page"], data["page_size"]) == (5, 1, 20)
    assert data["next"] is None and data["previous"] is None
    park = seeded["park"]
    assert data["results"][-1] == {
        "id": park.pk,
        "url": f"{BASE}/news/harlow-creek-opens-millrace-park/",
        "headline": "Harlow Creek opens Millrace Park",
        "dek": "A new park by the river.",
        "release_date": "2021-05-03T09:00:00-07:00",
        "newsroom": "news",
        "topics": ["parks"],
        "lead_image": {
            "url": rendition_url(seeded["photo"]),
            "width": 800,
            "height": 500,
            "alt": "Children race down a new slide at Millrace Park",
            "caption": "The slide was built by volunteers.",
            "credit": "Dana Ortiz",
            "decorative": False,
        },
    }
    assert data["results"][1]["newsroom"] == "mayor"
    assert data["results"][2]["topics"] == ["parks", "water"]
    assert data["results"][0]["lead_image"] is None


def test_detail_has_every_field_and_a_structured_body(client, seeded):
    intake, letter, document = seeded["intake"], seeded["letter"], seeded["document"]
    data = get_json(client, f"/api/v1/releases/{intake.pk}/")
    published = intake.first_published_at.astimezone(PACIFIC).isoformat()
    assert data == {
        "id": intake.pk,
        "url": f"{BASE}/news/council-asks-state-to-fund-mill-creek-intake/",
        "headline": "Council asks state to fund Mill Creek intake",
        "dek": "The letter went out on Monday.",
        "release_date": "2024-03-05T09:00:00-08:00",
        "first_published_at": published,
        "last_published_at": intake.last_published_at.astimezone(PACIFIC).isoformat(),
        "dateline": {
            "city": "Harlow Creek",
            "state": "Oregon",
            "text": "Harlow Creek, Ore. (March 5, 2024) –",
        },
        "newsroom": {"slug": "news", "title": "City News", "url": f"{BASE}/news/"},
        "lead_image": None,
        "topics": [
            {"slug": "parks", "name": "Parks", "url": f"{BASE}/topics/parks/"},
            {"slug": "water", "name": "Water", "url": f"{BASE}/topics/water/"},
        ],
        "officials": [
            {
                "slug": "ines-park",
                "name": "Ines Park",
                "role": "Mayor",
                "url": f"{BASE}/officials/ines-park/",
            },
            {
                "slug": "otto-brandt",
                "name": "Otto Brandt",
                "role": "Councilmember",
                "url": f"{BASE}/officials/otto-brandt/",
            },
        ],
        "media_contact": {
            "name": "Sam Reyes",
            "title": "Utilities spokesperson",
            "email": "sam@harlow.example",
            "phone": "",
        },
        "corrections": [],
        "related": [
            {
                "id": seeded["park"].pk,
                "headline": "Harlow Creek opens Millrace Park",
                "url": f"{BASE}/news/harlow-creek-opens-millrace-park/",
            },
            {
                "id": seeded["rates"].pk,
                "headline": "Council approves water rate study",
                "url": f"{BASE}/news/council-approves-water-rate-study/",
            },
        ],
        "body": [
            {"type": "paragraph", "html": "<p>The council sent a <b>letter</b> on Monday.</p>"},
            {
                "type": "quote",
                "text": "Clean water is not optional.",
                "attribution": "Mayor Ines Park",
            },
            {
                "type": "image",
                "url": rendition_url(seeded["photo"]),
                "width": 800,
                "height": 500,
                "alt": "The Mill Creek intake at low water",
                "caption": "The intake in August.",
                "credit": "City of Harlow Creek",
                "decorative": False,
            },
            {
                "type": "document",
                "title": "Signed letter",
                "description": "Signed copy",
                "url": BASE + document.url,
                "file_type": "pdf",
                "size": 109,
            },
            {
                "type": "embed",
                "url": "https://www.youtube.com/watch?v=abc123",
                "title": "Video: The vote",
            },
            {
                "type": "table",
                "caption": "What the grant pays for",
                "header": ["Item", "Cost"],
                "rows": [["Intake", "$4.2 million"], ["Pipes", ""]],
            },
            {
                "type": "call_to_action",
                "text": "Read the study",
                "url": "https://harlow.example/s",
            },
            {
                "type": "letter",
                "id": letter.pk,
                "title": "Letter to the State Water Board on the Mill Creek intake",
                "url": f"{BASE}/letters/mill-creek-intake/",
                "note": "Sent March 4.",
            },
        ],
    }


def test_detail_falls_back_to_the_city_media_contact_and_lists_only_confirmed(client, seeded):
    data = get_json(client, f"/api/v1/releases/{seeded['rates'].pk}/")
    assert data["media_contact"] == {
        "name": "Imogen Vance",
        "title": "Public Information Officer",
        "email": "press@harlow.example",
        "phone": "(555) 010-7788",
    }
    # Ruth Okoye's mention was never confirmed.
    assert [o["slug"] for o in data["officials"]] == ["otto-brandt"]


FILTERS = [
    ("topic=water", ["late", "intake", "rates"]),
    ("topic=parks", ["intake", "park"]),
    ("newsroom=mayor", ["late"]),
    ("newsroom=news&topic=water", ["intake", "rates"]),
    ("official=ines-park", ["late", "intake", "park"]),
    ("official=ruth-okoye", []),  # mentioned, never confirmed
    ("from=2024-01-01", ["library", "late", "intake"]),
    ("to=2023-01-10", ["rates", "park"]),
    ("from=2021-05-03&to=2021-05-03", ["park"]),
    # 11:30 p.m. on March 5 in Harlow Creek is March 6 in UTC: still March 5 here.
    ("from=2024-03-05&to=2024-03-05", ["late", "intake"]),
    ("from=2024-03-06&to=2024-03-06", []),
    ("topic=water&official=ines-park&from=2024-03-05&to=2024-03-05", ["late", "intake"]),
    ("topic=water&official=otto-brandt&from=2023-01-01&to=2024-12-31", ["intake", "rates"]),
    ("topic=parks&official=otto-brandt&newsroom=news&from=2024-03-05", ["intake"]),
    ("topic=housing&official=ines-park", []),
    ("unknown=1&fields=full", ["library", "late", "intake", "rates", "park"]),
    ("from=0001-01-01&to=9999-12-31", ["library", "late", "intake", "rates", "park"]),
]


def test_filters_combine(client, seeded, subtests):
    for query, expected in FILTERS:
        with subtests.test(query=query):
            data = get_json(client, f"/api/v1/releases/?{query}")
            assert ids(data) == [seeded[name].pk for name in expected]
            assert data["count"] == len(expected)


def test_pagination_links_keep_the_filters(client, seeded):
    first = get_json(client, "/api/v1/releases/?topic=water&page_size=2")
    assert ids(first) == [seeded["late"].pk, seeded["intake"].pk]
    assert (first["count"], first["page"], first["page_size"]) == (3, 1, 2)
    assert first["previous"] is None
    assert first["next"] == f"{BASE}/api/v1/releases/?topic=water&page_size=2&page=2"
    second = get_json(client, first["next"])
    assert ids(second) == [seeded["rates"].pk]
    assert second["page"] == 2
    assert second["next"] is None
    assert second["previous"] == f"{BASE}/api/v1/releases/?topic=water&page_size=2"
    assert get_json(client, second["previous"]) == first


def test_an_empty_list_is_page_one(client, seeded):
    data = get_json(client, "/api/v1/releases/?from=2030-01-01")
    assert data == {
        "count": 0,
        "page": 1,
        "page_size": 20,
        "next": None,
        "previous": None,
        "results": [],
    }


BAD_PARAMETERS = [
    ("from=2024-13-01", "from", "from “2024-13-01” is not a date; use YYYY-MM-DD"),
    ("to=yesterday", "to", "to “yesterday” is not a date; use YYYY-MM-DD"),
    ("from=2024-1-01", "from", "from “2024-1-01” is not a date; use YYYY-MM-DD"),
    ("to=", "to", "to “” is not a date; use YYYY-MM-DD"),
    (
        "from=2024-05-02&to=2024-05-01",
        "from",
        "from “2024-05-02” is after to “2024-05-01”",
    ),
    ("topic=gardens", "topic", "topic “gardens” is not a topic slug"),
    ("newsroom=police", "newsroom", "newsroom “police” is not the slug of a newsroom"),
    ("official=nobody", "official", "official “nobody” is not an official's slug"),
    ("official=a%00b", "official", "official “a\x00b” is not an official's slug"),
    ("page=0", "page", "page “0” is not a whole number of 1 or more"),
    ("page=two", "page", "page “two” is not a whole number of 1 or more"),
    ("page=1.5", "page", "page “1.5” is not a whole number of 1 or more"),
    ("page=2", "page", "page “2” is past the last page, 1"),
    (
        "page=99999999999999999999999",
        "page",
        "page “99999999999999999999999” is past the last page, 1",
    ),
    ("page_size=101", "page_size", "page_size “101” is not a whole number from 1 to 100"),
    ("page_size=-5", "page_size", "page_size “-5” is not a whole number from 1 to 100"),
    ("topic=parks&topic=water", "topic", "topic is given 2 times; give it once"),
]


def test_bad_parameters_are_a_400_naming_them(client, seeded, subtests):
    for query, parameter, message in BAD_PARAMETERS:
        with subtests.test(query=query):
            response = client.get(f"/api/v1/releases/?{query}")
            assert response.status_code == 400
            assert response["Content-Type"] == "application/json"
            assert response.json() == {
                "error": {"code": "invalid_parameter", "parameter": parameter, "message": message}
            }


def test_unknown_release_is_a_json_404(client, seeded, subtests):
    for path in ["999999", "abc", "0", "-1", "007", "99999999999999999999999"]:
        with subtests.test(path=path):
            response = client.get(f"/api/v1/releases/{path}/")
            assert response.status_code == 404
            assert response["Content-Type"] == "application/json"
            assert response.json() == {
                "error": {
                    "code": "not_found",
                    "message": f"There is no release with id “{path}”.",
                }
            }


def endpoints_seeing(client, seeded, release):
    """Where a release shows up: list, detail, related box, topic count, letter citations."""
    listed = release.pk in ids(get_json(client, "/api/v1/releases/?page_size=100"))
    detail = client.get(f"/api/v1/releases/{release.pk}/").status_code == 200
    related = [
        r["id"] for r in get_json(client, f"/api/v1/releases/{seeded['library'].pk}/")["related"]
    ]
    letter = get_json(client, f"/api/v1/letters/{seeded['letter'].pk}/")
    citing = [r["id"] for r in letter["citing_releases"]]
    parks = get_json(client, "/api/v1/topics/parks/")["release_count"]
    return {
        "list": listed,
        "detail": detail,
        "related": release.pk in related,
        "citing": release.pk in citing,
        "parks": parks,
    }


def test_unpublished_drafts_and_private_releases_appear_nowhere(client, seeded, rich):
    from dateline.releases.models import RelatedRelease

    library, intake = seeded["library"], seeded["intake"]
    # The library release points at the intake one, the draft and the private one.
    library.related_links = [
        RelatedRelease(release=r, sort_order=i)
        for i, r in enumerate([seeded["draft"], intake, seeded["private"]])
    ]
    library.save_revision().publish()
    assert endpoints_seeing(client, seeded, intake) == {
        "list": True,
        "detail": True,
        "related": True,
        "citing": True,
        "parks": 2,
    }
    for hidden in (seeded["draft"], seeded["private"]):
        seen = endpoints_seeing(client, seeded, hidden)
        assert not any([seen["list"], seen["detail"], seen["related"], seen["citing"]])

    intake.unpublish()
    assert endpoints_seeing(client, seeded, intake) == {
        "list": False,
        "detail": False,
        "related": False,
        "citing": False,
        "parks": 1,
    }
    assert get_json(client, "/api/v1/releases/?official=otto-brandt")["count"] == 1
    # A new draft of a published release shows the published version, not the draft.
    park = seeded["park"]
    park.title = "Draft headline"
    park.save_revision()
    assert get_json(client, f"/api/v1/releases/{park.pk}/")["headline"] == (
        "Harlow Creek opens Millrace Park"
    )
