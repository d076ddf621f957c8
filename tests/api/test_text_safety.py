"""The API gives the text and links the pages show, whatever is stored in the database."""

import json

import pytest
from wagtail.models import Page

from dateline.releases.models import NewsReleasePage

pytestmark = pytest.mark.django_db


def test_control_characters_and_unsafe_links_stay_out_of_the_api(client, make_release):
    release = make_release("Mill Street reopens")
    Page.objects.filter(pk=release.pk).update(title="Mill Street\x0breopens\x1b")
    body = [
        {
            "type": "paragraph",
            "value": "<p>Crews\x0bare done.<script>alert(1)</script></p>",
            "id": "a",
        },
        {
            "type": "call_to_action",
            "value": {"text": "Detour\x0bmap", "page": None, "url": "javascript:alert(1)"},
            "id": "b",
        },
        {"type": "quote", "value": {"text": "On\x1btime.", "attribution": "Gil Moreno"}, "id": "c"},
    ]
    NewsReleasePage.objects.filter(pk=release.pk).update(
        dek="Open\x0bto traffic.", body=json.dumps(body)
    )

    detail = client.get(f"/api/v1/releases/{release.pk}/")
    listed = client.get("/api/v1/releases/")

    assert detail.status_code == 200 and listed.status_code == 200
    data = detail.json()
    assert data["headline"] == "Mill Street reopens"
    assert data["dek"] == "Open to traffic."
    paragraph, action, quote = data["body"]
    assert paragraph["html"] == "<p>Crews are done.</p>"
    assert action == {"type": "call_to_action", "text": "Detour map", "url": None}
    assert quote["text"] == "Ontime."
    assert listed.json()["results"][0]["headline"] == "Mill Street reopens"
