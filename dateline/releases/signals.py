"""Keep the computed "Related stories" lists and the search index in step with publishing.

Publishing, unpublishing, deleting or restricting a release changes which stories other
releases should list. The lists are recomputed by a huey task once the change is committed,
so the editor's request does not wait for it and readers only ever read stored lists.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from huey.contrib.djhuey import db_task
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from dateline.core.publishing import in_bulk_publication

from .models import ComputedRelated, NewsReleasePage
from .related import recompute, recompute_all, refresh_around

logger = logging.getLogger(__name__)


@db_task()
def refresh_related_task(page_ids: list[int], owners: list[int] | None = None) -> int:
    return refresh_around(page_ids, owners or ())


@db_task()
def recompute_related_task(release_ids: list[int] | None = None) -> int:
    return recompute(release_ids) if release_ids is not None else recompute_all()


def _refresh_after_commit(page_ids, owners=()) -> None:
    page_ids, owners = sorted(set(page_ids)), sorted(set(owners))
    if page_ids or owners:
        transaction.on_commit(lambda: refresh_related_task(page_ids, owners), robust=True)


def _reindex(page_id: int) -> None:
    """Index the release again: its officials are saved only after Wagtail's own indexing."""
    page = NewsReleasePage.objects.filter(pk=page_id).first()
    if page is not None:
        index.insert_or_update_object(page)


def release_published(sender, instance, **kwargs) -> None:
    _reindex(instance.pk)
    if not in_bulk_publication():  # a bulk publisher settles the lists once at the end
        _refresh_after_commit([instance.pk])


def release_unpublished(sender, instance, **kwargs) -> None:
    _refresh_after_commit([instance.pk])


def release_deleted(sender, instance, **kwargs) -> None:
    # The rows go with the release (CASCADE); the lists that held it need refilling.
    owners = ComputedRelated.objects.filter(related_id=instance.pk).values_list(
        "release_id", flat=True
    )
    _refresh_after_commit([], [pk for pk in owners if pk != instance.pk])


def view_restriction_changed(sender, instance, **kwargs) -> None:
    """A page (and the releases under it) became private or public again."""
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path:
        releases = NewsReleasePage.objects.filter(path__startswith=path)
        _refresh_after_commit(releases.values_list("pk", flat=True))


def connect() -> None:
    page_published.connect(release_published, sender=NewsReleasePage, dispatch_uid="related-pub")
    page_unpublished.connect(
        release_unpublished, sender=NewsReleasePage, dispatch_uid="related-unpub"
    )
    pre_delete.connect(release_deleted, sender=NewsReleasePage, dispatch_uid="related-delete")
    for signal in (post_save, post_delete):
        signal.connect(
            view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"related-restriction-{signal is post_save}",
        )
