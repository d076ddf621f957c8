"""Wagtail's own background tasks run inline, in the transaction that saves (TASKS, base.py).

Publishing writes the reference index and the search index before the transaction's
on-commit callbacks run, so by the time the purge lets readers in, the new photo is public
and the new headline is found.
"""

from datetime import datetime

import pytest
from django.conf import settings
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.signals import task_enqueued
from wagtail.models import ReferenceIndex

from dateline.core import media
from dateline.releases.models import NewsReleasePage
from tests.helpers import PACIFIC, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued():
    """Wagtail's tasks as they are handed to a backend: (task path, backend class)."""
    seen = []

    def record(sender, task_result, **kwargs):
        seen.append((task_result.task.module_path, sender))

    task_enqueued.connect(record, dispatch_uid="test-tasks-enqueued")
    yield seen
    task_enqueued.disconnect(dispatch_uid="test-tasks-enqueued")


def draft(city, **fields):
    page = NewsReleasePage(
        title="Harlow Creek will open the Alder Street footbridge",
        release_date=datetime(2021, 6, 1, 9, 0, tzinfo=PACIFIC),
        dateline_city="Harlow Creek",
        dateline_state="Oregon",
        live=False,
        **fields,
    )
    city["newsroom"].add_child(instance=page)
    page.save_revision()
    return page


def test_tasks_names_the_immediate_backend():
    assert settings.TASKS == {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    assert isinstance(task_backends["default"], ImmediateBackend)


def test_publishing_writes_the_reference_index_before_the_purge(
    city, enqueued, django_capture_on_commit_callbacks
):
    image = make_image()
    release = draft(city)
    edited = release.get_latest_revision_as_object()
    edited.lead_image, edited.lead_image_alt = image, "The footbridge at dusk"
    revision = edited.save_revision()
    # Only a draft revision holds the photo: no page row names it, nobody may have it yet.
    assert not ReferenceIndex.get_references_to(image).exists()
    assert not media.is_public_image(image)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        revision.publish()
        # Still inside the publication, before any on-commit callback (the purge among them).
        references = ReferenceIndex.get_references_to(image).filter(base_content_type__model="page")
        assert {int(r.object_id) for r in references} == {release.pk}
        assert media.is_public_image(image)
    assert callbacks, "the purge waits for the commit"
    assert ("wagtail.tasks.update_reference_index_task", ImmediateBackend) in enqueued


def test_publishing_updates_the_search_index_before_the_purge(
    city, enqueued, django_capture_on_commit_callbacks
):
    release = draft(city)
    release.save_revision().publish()
    revision = release.get_latest_revision_as_object()
    revision.title = "Harlow Creek opens the Alder Street footbridge to cyclists"
    with django_capture_on_commit_callbacks(execute=False):
        revision.save_revision().publish()
        found = NewsReleasePage.objects.live().search("cyclists")
        assert [page.pk for page in found] == [release.pk]
    assert ("modelsearch.tasks.insert_or_update_object_task", ImmediateBackend) in enqueued
