"""Uploaded files under MEDIA_URL, answered only when a reader may see them.

Documents never come from here: Wagtail's document view (/documents/<id>/<name>) is the only
way to them, because it checks the collection's view restriction (WAGTAILDOCS_SERVE_METHOD is
"serve_view", so every document link points there).

An image, its original file and every rendition of it, is public when:

- its collection (and every collection above it) has no view restriction, and
- a reader can already see it somewhere: a readable page uses it (Wagtail's reference index
  records the lead image and the images in StreamField and rich text of the page as saved,
  not of later draft revisions), or an object that is shown as soon as it is saved uses it
  (an official's portrait), or it is a site's logo.

So a photo uploaded for an embargoed or draft release, or for a release under a private
newsroom, and used nowhere else, answers 404 until the release is readable. Signed-in staff
(past the second factor) get every image, uncached, for the admin and previews.

The answer for a file is kept in the process between requests only while the page cache is
on and its generation unchanged: publishing, unpublishing and view-restriction changes purge
the page cache, so the next request decides again. Changes no purge reports (a collection's
restriction, an image moved to another collection) are seen within sitewide.KEEP_SECONDS.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.static import was_modified_since

from . import sitewide
from .models import CitySettings
from .restrictions import readable

ORIGINALS = "original_images/"
RENDITIONS = "images/"
# Wagtail's admin avatars: staff only.
STAFF_ONLY = ("avatar_images/",)
# Raster formats only: an SVG or HTML file under /media/ could run script in the site's origin.
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
}
# Short in shared caches: Varnish is not told when a release is unpublished, only its pages.
PUBLIC_CACHE_CONTROL = "public, max-age=300, s-maxage=60"
STAFF_CACHE_CONTROL = "private, no-store"


# --- the rule ---------------------------------------------------------------------------------


def image_for_file(name: str):
    """The image whose original or rendition is stored as `name` (relative to MEDIA_ROOT)."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    if name.startswith(ORIGINALS):
        return image_model.objects.select_related("collection").filter(file=name).first()
    if name.startswith(RENDITIONS):
        rendition = (
            image_model.get_rendition_model()
            .objects.select_related("image__collection")
            .filter(file=name)
            .first()
        )
        return rendition.image if rendition is not None else None
    return None


def collection_is_restricted(collection) -> bool:
    """A view restriction on the collection or any collection above it."""
    from wagtail.models import Collection, CollectionViewRestriction

    step = Collection.steplen
    paths = [collection.path[:end] for end in range(step, len(collection.path) + 1, step)]
    return CollectionViewRestriction.objects.filter(collection__path__in=paths).exists()


def _shown_by_references(image) -> bool:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import DraftStateMixin, Page, ReferenceIndex

    references = set(
        ReferenceIndex.objects.filter(
            to_content_type=ReferenceIndex._get_base_content_type(image),
            to_object_id=str(image.pk),
        ).values_list("base_content_type_id", "content_type_id", "object_id")
    )
    page_type = ContentType.objects.get_for_model(Page).pk
    page_ids = [int(object_id) for base, _, object_id in references if base == page_type]
    if page_ids and readable(Page.objects.filter(pk__in=page_ids)).exists():
        return True
    for base, specific, object_id in references:
        if base == page_type:
            continue
        model = ContentType.objects.get_for_id(specific).model_class()
        if model is None or model is type(image):
            continue
        if not issubclass(model, DraftStateMixin):
            return True  # shown once saved, e.g. an official's portrait
        if model._default_manager.filter(pk=object_id, live=True).exists():
            return True
    return False


def is_public_image(image) -> bool:
    """The one rule: may anyone, signed in or not, download this image's files?"""
    if image is None or collection_is_restricted(image.collection):
        return False
    return _shown_by_references(image) or CitySettings.objects.filter(logo=image).exists()


# --- kept between requests --------------------------------------------------------------------


def _decision(name: str) -> bool | None:
    image = image_for_file(name)
    return None if image is None else is_public_image(image)


def is_public_file(name: str) -> bool:
    """is_public_image() for a stored file name, kept like the site-wide reads
    (core/sitewide.py: per process, under the page cache's generation). Names without an
    image are whatever a client sends: not kept, so they cannot fill the process's share."""
    return bool(sitewide.remembered(f"media-file:{name}", lambda: _decision(name), keep_none=False))


# --- the view ---------------------------------------------------------------------------------


def _is_staff(request) -> bool:
    user = getattr(request, "user", None)
    # StaffTwoFactorMiddleware has already made a session without its second factor anonymous.
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def serve(request, path: str):
    """/media/<path>: an image's file when it is public (or for staff); 404 otherwise."""
    content_type = IMAGE_TYPES.get(os.path.splitext(path)[1].lower())
    if content_type is None or "\\" in path or "\x00" in path:
        raise Http404
    name = os.path.normpath(path).replace(os.sep, "/")
    if name != path or name.startswith(("/", "../")):
        raise Http404
    if name.startswith((ORIGINALS, RENDITIONS)) and is_public_file(name):
        cache_control = PUBLIC_CACHE_CONTROL
    elif name.startswith((ORIGINALS, RENDITIONS, *STAFF_ONLY)) and _is_staff(request):
        cache_control = STAFF_CACHE_CONTROL
    else:
        raise Http404
    try:
        full_path = safe_join(settings.MEDIA_ROOT, name)
        stat = os.stat(full_path)
    except (OSError, ValueError) as error:
        raise Http404 from error
    if not os.path.isfile(full_path):
        raise Http404
    accel = settings.DATELINE_MEDIA_ACCEL_REDIRECT
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        response = HttpResponseNotModified()
    elif accel:
        # The front server sends the file from its internal location; the decision is ours.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + name
    else:
        # FileResponse closes the file once it has been sent.
        response = FileResponse(open(full_path, "rb"), content_type=content_type)  # noqa: SIM115
        response["Content-Length"] = str(stat.st_size)
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    if cache_control == STAFF_CACHE_CONTROL:
        response["Vary"] = "Cookie"
    return response
