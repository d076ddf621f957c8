"""Helpers the tests import (fixtures are in the conftest files; the city is
dateline/demo/testcity.py)."""

import html as html_lib
import io
import re
import threading
from contextlib import contextmanager
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from dateline.demo import testcity
from dateline.demo.testcity import ZONE
from dateline.releases.models import NewsReleasePage, RelatedRelease

PACIFIC = ZONE

_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def visible_text(page) -> str:
    """What a reader sees of an HTML page or fragment (or a response's): no scripts, styles
    or tags, entities decoded, whitespace folded to single spaces."""
    markup = page.content.decode() if hasattr(page, "content") else page
    markup = _TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", markup))
    return " ".join(html_lib.unescape(markup).split())


def release_maker(newsroom):
    """make(title, ...) creates and publishes a release in `newsroom` (or `parent`): the
    `make_release` fixture, and module-wide data built outside a test's own fixtures."""

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
                ("paragraph", RichText("<p>The city opened a new park on Monday.</p>")),
                ("paragraph", RichText("<p>It has a playground and a river trail.</p>")),
            ],
            lead_image=image,
            **fields,
        )
        (parent or newsroom).add_child(instance=page)
        page.topics = list(topics)
        page.related_links = [
            RelatedRelease(release=r, sort_order=i) for i, r in enumerate(related)
        ]
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@contextmanager
def city_for_the_module(django_db_blocker):
    """Harlow Creek and its topics, for rows that stay for one test module and are rolled back
    after its last test. Yields (city, topics).

    For a module-scoped fixture whose data takes most of a second to build and which the
    module's tests mostly read: each test runs in a savepoint inside this transaction (its
    changes are rolled back as usual), and takes the objects through fresh().
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield testcity.find_city() or testcity.build_city(), testcity.add_topics()
        transaction.set_rollback(True)


def fresh(value):
    """The same rows read again, in the same dicts and lists: a test may change the objects
    it was given, and only the rows are rolled back after it."""
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, list):
        return [fresh(item) for item in value]
    return type(value).objects.get(pk=value.pk)


def make_image(title="Test photo", color=(30, 120, 90), size=(800, 500)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format="JPEG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="photo.jpg"))


class _PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.purges.append(
            (
                self.headers.get("Host"),
                self.path,
                self.headers.get("X-Purge-Tree") == "1",
                self.headers.get("User-Agent", ""),
            )
        )
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def fake_varnish():
    """An HTTP server on loopback in Varnish's place: `.purges` lists every PURGE it got, as
    (Host, path, whole tree?, User-Agent)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    server.purges = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
