"""Issue 23, M7: files under /media/ are only handed out when a reader may see them.

Documents only through Wagtail's document view (it checks the collection's restriction);
images once a readable page (or a portrait, or the logo) shows them.
"""

from datetime import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from dateline.releases.models import NewsIndexPage, NewsReleasePage
from tests.helpers import PACIFIC, make_image

ALT = "The new footbridge over Harlow Creek at dusk"


def restricted_collection(name="Council packets", kind=CollectionViewRestriction.LOGIN):
    collection = Collection.get_first_root_node().add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=kind, password="rivers-and-bridges"
    )
    if kind == CollectionViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Council staff")[0]])
    return collection


def document(title, collection=None):
    doc = Document(title=title, collection=collection or Collection.get_first_root_node())
    doc.file.save("budget-memo.pdf", ContentFile(b"%PDF-1.4 Harlow Creek budget memo"), save=False)
    doc.save()
    return doc


def draft_release(city, image, title="Harlow Creek will open the Alder Street footbridge"):
    page = NewsReleasePage(
        title=title,
        release_date=datetime(2021, 6, 1, 9, 0, tzinfo=PACIFIC),
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
        lead_image=image,
        lead_image_alt=ALT,
        live=False,
    )
    city["newsroom"].add_child(instance=page)
    page.save_revision()
    return page


def original(image) -> str:
    return image.file.url


def rendition(image) -> str:
    return image.get_rendition("fill-200x120").url


# --- documents ----------------------------------------------------------------------------


def test_login_only_document_is_not_under_media_and_asks_for_login(client, city):
    memo = document("Closed-session budget memo", restricted_collection())

    assert memo.file.url.startswith("/media/documents/")
    assert client.get(memo.file.url).status_code == 404

    answer = client.get(memo.url)
    assert memo.url.startswith(f"/documents/{memo.pk}/")
    assert answer.status_code == 302
    assert "login" in answer["Location"]


def test_public_document_downloads_from_documents_only(client, city):
    memo = document("Adopted budget summary")

    answer = client.get(memo.url)
    assert answer.status_code == 200
    assert b"Harlow Creek budget memo" in b"".join(answer.streaming_content)
    assert client.get(memo.file.url).status_code == 404


# --- images -------------------------------------------------------------------------------


def test_image_of_a_draft_release_is_refused_until_it_is_published(client, city):
    photo = make_image("Footbridge at dusk")
    page = draft_release(city, photo)
    small = rendition(photo)

    assert client.get(original(photo)).status_code == 404
    assert client.get(small).status_code == 404

    page.save_revision().publish()

    assert client.get(original(photo)).status_code == 200
    assert client.get(small).status_code == 200


def test_image_added_only_in_a_draft_revision_of_a_live_release_is_refused(
    client, city, make_release
):
    published = make_image("Ribbon cutting")
    release = make_release(image=published, lead_image_alt=ALT)
    coming = make_image("Next phase of the trail")
    release.lead_image = coming
    release.save_revision()

    assert client.get(original(published)).status_code == 200
    assert client.get(original(coming)).status_code == 404


def test_image_of_a_release_in_a_password_newsroom_is_refused(client, city, make_release):
    private = NewsIndexPage(title="Council Briefings", slug="briefings")
    city["home"].add_child(instance=private)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="river-otters"
    )
    photo = make_image("Water treatment plant")
    make_release(
        "Harlow Creek briefs council on water plant",
        image=photo,
        lead_image_alt=ALT,
        parent=private,
    )

    assert client.get(original(photo)).status_code == 404
    assert client.get(rendition(photo)).status_code == 404


def test_image_of_a_public_release_is_served_as_an_image(client, city, make_release):
    photo = make_image("Millrace Park playground")
    make_release(image=photo, lead_image_alt=ALT)

    for url in (original(photo), rendition(photo)):
        answer = client.get(url)
        assert answer.status_code == 200
        assert answer["Content-Type"] == "image/jpeg"
        assert answer["X-Content-Type-Options"] == "nosniff"
        assert answer["Cache-Control"].startswith("public")
        assert b"".join(answer.streaming_content)[:2] == b"\xff\xd8"  # a JPEG


def test_image_in_the_body_of_a_public_release_is_served(client, city, make_release):
    photo = make_image("River trail")
    body = [("image", {"image": photo, "alt_text": ALT, "decorative": False})]
    make_release(body=body)

    assert client.get(original(photo)).status_code == 200


def test_image_in_a_restricted_collection_is_refused_even_on_a_public_release(
    client, city, make_release
):
    photo = make_image("Site plan")
    photo.collection = restricted_collection("Planning drafts", CollectionViewRestriction.GROUPS)
    photo.save()
    make_release(image=photo, lead_image_alt=ALT)

    assert client.get(original(photo)).status_code == 404


def test_image_used_nowhere_is_refused(client, city):
    photo = make_image("Unused upload")
    assert client.get(original(photo)).status_code == 404


def test_portrait_and_logo_are_served(client, city):
    from dateline.officials.models import Official

    portrait = make_image("Mayor Ines Park")
    Official.objects.create(name="Ines Park", slug="ines-park", portrait=portrait)
    logo = make_image("City seal")
    city["settings"].logo = logo
    city["settings"].save()

    assert client.get(original(portrait)).status_code == 200
    assert client.get(original(logo)).status_code == 200


def test_staff_see_draft_images_uncached(client, city, django_user_model):
    photo = make_image("Footbridge at dusk")
    draft_release(city, photo)
    editor = django_user_model.objects.create_superuser("imogen", "press@harlow.example", "x")
    client.force_login(editor)

    answer = client.get(original(photo))
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "private, no-store"


def test_files_that_are_not_raster_images_are_never_served(client, city, settings):
    folder = settings.MEDIA_ROOT / "original_images"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "notice.svg").write_text("<svg onload='alert(1)'/>")
    (folder / "notice.html").write_text("<script>alert(1)</script>")

    assert client.get("/media/original_images/notice.svg").status_code == 404
    assert client.get("/media/original_images/notice.html").status_code == 404
    assert client.get("/media/../test_media_files.py").status_code == 404


@pytest.mark.parametrize("prefix", ["/protected-media/", "/protected-media"])
def test_front_server_sends_the_file_after_dateline_decides(client, city, make_release, prefix):
    photo = make_image("Millrace Park playground")
    make_release(image=photo, lead_image_alt=ALT)
    unused = make_image("Unused upload")

    with override_settings(DATELINE_MEDIA_ACCEL_REDIRECT=prefix):
        answer = client.get(original(photo))
        refused = client.get(original(unused))

    assert answer.status_code == 200
    assert answer["X-Accel-Redirect"] == "/protected-media/" + photo.file.name
    assert answer["Content-Type"] == "image/jpeg"
    assert answer.content == b""
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


# --- kept between requests ----------------------------------------------------------------


@pytest.fixture
def page_cache_on(settings, tmp_path):
    from dateline.core import sitewide
    from dateline.pagecache import purge

    settings.DATELINE_PAGE_CACHE = True
    settings.DATELINE_PAGE_CACHE_DIR = tmp_path / "page-cache"
    purge._stores.clear()
    sitewide.forget()
    purge.purge_all()  # writes the generation the process keeps its answers under
    yield
    purge._stores.clear()
    sitewide.forget()


def test_publishing_is_seen_at_once_and_a_kept_answer_costs_no_query(
    client, city, page_cache_on, django_capture_on_commit_callbacks, django_assert_num_queries
):
    photo = make_image("Footbridge at dusk")
    page = draft_release(city, photo)

    assert client.get(original(photo)).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert client.get(original(photo)).status_code == 200

    with django_assert_num_queries(0):
        assert client.get(original(photo)).status_code == 200
