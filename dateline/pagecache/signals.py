"""Purging on every change readers can see; connected by PageCacheConfig.ready().

- a release published (by an editor, the scheduler, an embargo lifting: all go through
  page_published), unpublished (by hand or its expiry time) or deleted: its purge map
  (purge.urls_for_release), after commit;
- a correction added, changed or removed: the release's purge map;
- a computed related-stories list rewritten by the worker: the pages that show that list;
- anything broader and rare (another page type published, unpublished or deleted, a page
  moved or its slug changed, a view restriction, a topic, official, office, term, media
  contact, city setting, site or redirect saved or deleted), and every publication inside
  core.publishing.bulk_publication() (an import): purge_all(), once per transaction.

Nothing is computed when neither the page cache nor a frontend cache is configured.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from dateline.core.cachepaths import CachedPaths
from dateline.core.models import CitySettings, MediaContact
from dateline.core.publishing import in_bulk_publication
from dateline.editorial.models import Correction
from dateline.officials.models import Office, Official, Term
from dateline.releases.models import ComputedRelated, NewsReleasePage, release_paths
from dateline.topics.models import Topic

from . import purge


def _is_release(instance) -> bool:
    return isinstance(instance, NewsReleasePage)


def release_changed(sender, instance, **kwargs) -> None:
    if not purge.enabled():
        return
    if in_bulk_publication():
        purge.purge_all_on_commit()
        return
    purge.purge_on_commit(purge.urls_for_release(instance))


def page_changed(sender, instance, **kwargs) -> None:
    """page_published / page_unpublished for any page type."""
    if not purge.enabled():
        return
    if _is_release(instance):
        release_changed(sender, instance, **kwargs)
    else:
        purge.purge_all_on_commit()


def page_deleted(sender, instance, **kwargs) -> None:
    if not purge.enabled() or not isinstance(instance, Page):
        return
    if _is_release(instance):
        release_changed(sender, instance)
    elif (
        type(instance) is Page
        and instance.specific_class is not None
        and issubclass(instance.specific_class, NewsReleasePage)
    ):
        return  # the release's own row sends its signal too
    elif instance.live:
        purge.purge_all_on_commit()


def correction_changed(sender, instance, **kwargs) -> None:
    if not purge.enabled():
        return
    release = NewsReleasePage.objects.filter(pk=instance.release_id).first()
    if release is not None:
        purge.purge_on_commit(purge.urls_for_release(release))


def computed_list_rewritten(sender, instance, **kwargs) -> None:
    if not purge.enabled():
        return
    purge.purge_on_commit(CachedPaths(paths=release_paths([instance.release_id])))


def everything_changed(sender, **kwargs) -> None:
    if purge.enabled():
        purge.purge_all_on_commit()


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache-unpublished")
    # Per page model rather than for every model: a receiver for all senders would turn off
    # Django's fast deletes everywhere.
    for model in get_page_models():
        pre_delete.connect(
            page_deleted, sender=model, dispatch_uid=f"pagecache-deleted-{model._meta.label}"
        )
    page_slug_changed.connect(everything_changed, dispatch_uid="pagecache-slug")
    post_page_move.connect(everything_changed, dispatch_uid="pagecache-move")
    for signal in (post_save, post_delete):
        name = "save" if signal is post_save else "delete"
        signal.connect(correction_changed, sender=Correction, dispatch_uid=f"pagecache-c-{name}")
        for model in (
            PageViewRestriction,
            Topic,
            Official,
            Office,
            Term,
            MediaContact,
            CitySettings,
            Site,
            Redirect,
        ):
            signal.connect(
                everything_changed,
                sender=model,
                dispatch_uid=f"pagecache-all-{model.__name__}-{name}",
            )
    post_delete.connect(
        computed_list_rewritten, sender=ComputedRelated, dispatch_uid="pagecache-computed"
    )
