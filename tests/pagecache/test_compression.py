"""Pages from the page cache come gzip-compressed to readers who accept it, as they are to
everyone else, and each side keeps working: validators, HEAD, Vary."""

import gzip

import pytest

from dateline.pagecache.store import Entry
from dateline.pagecache.wsgi import accepts_gzip

pytestmark = pytest.mark.django_db

GZIP = {"accept_encoding": "gzip, deflate, br"}


def test_a_reader_who_accepts_gzip_gets_the_same_page_compressed(get, make_release):
    release = make_release("Harlow Creek opens Millrace Park")
    first = get(release.url, **GZIP)
    assert first.cache == "MISS" and first.headers["content-encoding"] == "gzip"
    hit = get(release.url, **GZIP)
    assert hit.cache == "HIT" and hit.headers["content-encoding"] == "gzip"
    plain = get(release.url)
    assert plain.cache == "HIT" and "content-encoding" not in plain.headers
    assert gzip.decompress(hit.content) == plain.content
    assert "Millrace Park" in plain.body
    assert int(hit.headers["content-length"]) == len(hit.content) < len(plain.content) / 2
    assert int(plain.headers["content-length"]) == len(plain.content)
    for answer in (hit, plain):
        assert "accept-encoding" in answer.headers["vary"].lower()
    assert hit.headers["etag"] != plain.headers["etag"]
    assert hit.headers["etag"].endswith('-gz"')


def test_gzip_refused_or_not_offered_gets_the_page_as_it_is(get, make_release):
    release = make_release("Harlow Creek opens Millrace Park")
    get(release.url)
    for header in ("identity", "gzip;q=0", "gzip;q=0, *", "br"):
        answer = get(release.url, accept_encoding=header)
        assert answer.cache == "HIT" and "content-encoding" not in answer.headers, header
        assert "Millrace Park" in answer.body


def test_feeds_and_the_api_are_compressed_too(get, make_release):
    make_release("Harlow Creek opens Millrace Park")
    for n in range(1, 6):
        make_release(f"Harlow Creek council minutes, week {n}")
    for path in ("/feeds/rss.xml", "/feeds/atom.xml", "/api/v1/releases/", "/news/"):
        get(path, **GZIP)
        answer = get(path, **GZIP)
        assert answer.cache == "HIT", path
        assert answer.headers.get("content-encoding") == "gzip", path
        assert b"Millrace Park" in gzip.decompress(answer.content), path


def test_either_validator_gets_a_304_and_head_gives_the_compressed_length(get, make_release):
    release = make_release("Harlow Creek opens Millrace Park")
    get(release.url, **GZIP)
    hit = get(release.url, **GZIP)
    plain = get(release.url)
    for etag in (hit.headers["etag"], plain.headers["etag"]):
        again = get(release.url, if_none_match=etag, **GZIP)
        assert again.status == 304 and again.content == b""
        assert again.headers["etag"] == hit.headers["etag"]
    head = get(release.url, method="HEAD", **GZIP)
    assert head.status == 200 and head.content == b""
    assert head.headers["content-length"] == hit.headers["content-length"]


def test_small_answers_are_left_alone(get, city):
    get("/robots.txt", **GZIP)
    answer = get("/robots.txt", **GZIP)
    assert answer.status == 200 and "content-encoding" not in answer.headers


def test_accept_encoding_rules():
    assert accepts_gzip("gzip")
    assert accepts_gzip("deflate, gzip;q=0.5")
    assert accepts_gzip("*")
    assert accepts_gzip("GZIP ; q=1.0")
    assert not accepts_gzip("")
    assert not accepts_gzip("br, deflate")
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip("gzip;q=0, *")
    assert not accepts_gzip("x-gzip")


def test_an_entry_keeps_both_bodies_on_disk():
    entry = Entry(200, [("Content-Length", "5")], b"hello", 1.0, '"abc"', b"GZ")
    back = Entry.decode(entry.encode())
    assert (back.body, back.gzip, back.etag) == (b"hello", b"GZ", '"abc"')
    assert ("Content-Length", "2") in back.gzip_headers()
    assert Entry.decode(b"DLPC1\n{}\nold format") is None
