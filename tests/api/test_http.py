"""HTTP behaviour every endpoint shares: methods, CORS, caching, the index and the schema."""

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver

from dateline.api.openapi import openapi_document

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
ENDPOINTS = [
    "/api/v1/",
    "/api/v1/openapi.json",
    "/api/v1/releases/",
    "/api/v1/officials/",
    "/api/v1/officials/ines-park/",
    "/api/v1/topics/",
    "/api/v1/topics/parks/",
    "/api/v1/letters/",
]


@pytest.fixture
def api(seeded):
    """Every GET URL, detail pages included."""
    return [
        *ENDPOINTS,
        f"/api/v1/releases/{seeded['intake'].pk}/",
        f"/api/v1/letters/{seeded['letter'].pk}/",
    ]


def test_successful_gets_are_public_cacheable_json_for_any_origin(client, api, subtests):
    for url in api:
        with subtests.test(url=url):
            response = client.get(url, HTTP_ORIGIN="https://elsewhere.example")
            assert response.status_code == 200
            assert response["Content-Type"] == "application/json"
            assert response["Cache-Control"] == "public, max-age=60"
            assert response["Access-Control-Allow-Origin"] == "*"
            assert "Access-Control-Allow-Credentials" not in response
            assert "Set-Cookie" not in response


def test_errors_are_json_with_cors_but_not_cached(client, seeded, subtests):
    for url, status in [
        ("/api/v1/releases/?from=nope", 400),
        ("/api/v1/releases/0/", 404),
        ("/api/v1/officials/nobody/", 404),
        ("/api/v1/elsewhere/", 404),
    ]:
        with subtests.test(url=url):
            response = client.get(url)
            assert response.status_code == status
            assert response["Content-Type"] == "application/json"
            assert response["Access-Control-Allow-Origin"] == "*"
            assert "Cache-Control" not in response


def test_head_has_the_headers_and_no_body(client, seeded):
    get = client.get("/api/v1/releases/")
    head = client.head("/api/v1/releases/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(get.content))
    assert head["Content-Type"] == "application/json"
    assert head["Access-Control-Allow-Origin"] == "*"


def test_other_methods_are_405_json_without_a_csrf_token(seeded, subtests):
    client = Client(enforce_csrf_checks=True)
    for method in ("post", "put", "patch", "delete"):
        with subtests.test(method=method):
            response = getattr(client, method)("/api/v1/releases/", data={})
            assert response.status_code == 405
            assert response["Allow"] == "GET, HEAD, OPTIONS"
            assert response["Access-Control-Allow-Origin"] == "*"
            assert response.json() == {
                "error": {
                    "code": "method_not_allowed",
                    "message": f"{method.upper()} is not allowed here; this API is read-only "
                    "(GET or HEAD).",
                }
            }


def test_options_preflight(client, seeded):
    response = client.options(
        "/api/v1/releases/",
        HTTP_ORIGIN="https://elsewhere.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="X-Requested-With, If-None-Match",
    )
    assert response.status_code == 204
    assert response.content == b""
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "X-Requested-With, If-None-Match"
    assert response["Access-Control-Max-Age"] == "86400"
    assert "Access-Control-Allow-Credentials" not in response
    # Without requested headers, none are allowed; a garbled list is not echoed.
    plain = client.options(f"/api/v1/releases/{seeded['intake'].pk}/")
    assert plain.status_code == 204
    assert "Access-Control-Allow-Headers" not in plain
    garbled = client.options("/api/v1/topics/", HTTP_ACCESS_CONTROL_REQUEST_HEADERS="a\x01b")
    assert "Access-Control-Allow-Headers" not in garbled


def test_index_links_every_endpoint(client, seeded):
    assert client.get("/api/v1/").json() == {
        "name": "Dateline API",
        "version": "1",
        "endpoints": {
            "releases": f"{BASE}/api/v1/releases/",
            "officials": f"{BASE}/api/v1/officials/",
            "topics": f"{BASE}/api/v1/topics/",
            "letters": f"{BASE}/api/v1/letters/",
        },
        "schema": f"{BASE}/api/v1/openapi.json",
    }


def test_schema_documents_every_route(client, seeded):
    document = client.get("/api/v1/openapi.json").json()
    assert document == openapi_document()
    assert document["openapi"] == "3.0.3"
    routes = set()
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "app_name", None) == "api":
            for route in pattern.url_patterns:
                if isinstance(route, URLPattern) and route.name != "not-found":
                    path = "/" + str(route.pattern).replace("<str:pk>", "{id}")
                    routes.add(path.replace("<str:slug>", "{slug}"))
    assert routes == set(document["paths"])
    for path, item in document["paths"].items():
        assert set(item) == {"get"}, path
        responses = item["get"]["responses"]
        expected = {"200", "404"} if "{" in path else {"200"}
        if path in ("/releases/", "/officials/", "/topics/", "/letters/"):
            expected = {"200", "400"}
        assert set(responses) == expected, path


def test_without_trailing_slash_redirects_to_the_endpoint(client, seeded):
    response = client.get("/api/v1/releases?topic=parks")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/releases/?topic=parks"
