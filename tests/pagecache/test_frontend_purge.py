"""What Varnish is sent: Dateline's own purges, once, each with a timeout.

A small HTTP server on loopback stands in for Varnish and records every PURGE it gets.
"""

import logging
import socket
import time

import pytest
from wagtail.contrib.redirects.models import Redirect

from dateline.pagecache import frontend, purge
from tests.helpers import fake_varnish


@pytest.fixture
def varnish(settings):
    with fake_varnish() as server:
        settings.DATELINE_FRONTEND_CACHE_BACKENDS = {
            "varnish": {
                "BACKEND": "dateline.pagecache.frontend.VarnishBackend",
                "LOCATION": f"http://127.0.0.1:{server.server_port}",
            }
        }
        yield server


def test_adding_a_redirect_in_the_admin_purges_the_site_once(
    city, admin_client, varnish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/redirects/add/",
            {
                "old_path": "/old-news/",
                "redirect_page": city["newsroom"].pk,
                "site": "",
                "is_permanent": "on",
            },
        )
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    assert Redirect.objects.filter(old_path="/old-news").exists()

    # One ban of the whole site, from Dateline; Wagtail's redirect view sends nothing itself.
    assert varnish.purges == [("testserver", "/", True, "Dateline")]


def test_a_varnish_that_does_not_answer_holds_a_purge_up_only_until_the_timeout(
    city, settings, monkeypatch, caplog
):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts connections and never answers
    settings.DATELINE_FRONTEND_CACHE_BACKENDS = {
        "varnish": {
            "BACKEND": "dateline.pagecache.frontend.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{silent.getsockname()[1]}",
        }
    }
    monkeypatch.setattr(frontend, "TIMEOUT_SECONDS", 0.2)
    try:
        started = time.monotonic()
        with caplog.at_level(logging.ERROR, logger="dateline.pagecache.frontend"):
            purge._frontend(["/news/"], trees=["/feeds/"])
        waited = time.monotonic() - started
    finally:
        silent.close()

    assert waited < 5
    messages = [record.getMessage() for record in caplog.records]
    assert any("Could not purge the page http://testserver/news/" in m for m in messages), messages
    assert any("Could not purge the tree http://testserver/feeds/" in m for m in messages), messages
