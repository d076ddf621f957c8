"""Corrections in the Wagtail admin.

* "Add a correction" in a live release's header, action menu and listing "More" menu, for
  people who may publish it;
* deleting a live release that carries corrections is refused.
"""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from dateline.core.cachepaths import RELEASE_PATHS_HOOK, CachedPaths
from dateline.releases.models import NewsReleasePage

from . import admin_urls, records


@hooks.register("register_admin_urls")
def register_correction_urls():
    urls = (admin_urls.urlpatterns, "dateline_corrections")
    return [path("desk/", include(urls, namespace="dateline_corrections"))]


def _correctable(page, user) -> bool:
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    return isinstance(page, NewsReleasePage) and page.live and records.can_correct(user, page)


class AddCorrectionButton(PageMenuItem):
    label = "Add a correction"
    icon_name = "warning"
    url_name = "dateline_corrections:add"

    def is_shown(self, user):
        return _correctable(self.page, user)


@hooks.register("register_page_header_buttons")
def correction_header_button(page, user, view_name, next_url=None):
    yield AddCorrectionButton(page=page, priority=66)


@hooks.register("register_page_listing_more_buttons")
def correction_listing_button(page, user, next_url=None):
    yield AddCorrectionButton(page=page, priority=48)


class AddCorrectionMenuItem(ActionMenuItem):
    label = "Add a correction"
    name = "action-add-correction"
    icon_name = "warning"

    def is_shown(self, context):
        if context["view"] != "edit":
            return False
        return _correctable(context["page"], context["request"].user)

    def get_url(self, context):
        return reverse("dateline_corrections:add", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def correction_action_menu_item():
    return AddCorrectionMenuItem(order=60)


# --- keeping corrected releases ---------------------------------------------------------------


def _corrected_live_releases(pages):
    found = NewsReleasePage.objects.none()
    for page in pages:
        found |= NewsReleasePage.objects.descendant_of(page, inclusive=True)
    return found.live().filter(corrections__isnull=False).distinct()


def _refusal(request, releases, fallback_url):
    titles = ", ".join(f"“{r.title}”" for r in releases[:3])
    more = " and others" if len(releases) > 3 else ""
    messages.error(
        request,
        f"{titles}{more} cannot be deleted: the public has seen "
        f"{'it' if len(releases) == 1 else 'them'} and a correction was published. Deleting "
        "would remove the record of the correction. Unpublish the release instead if it must "
        "come down.",
    )
    return redirect(fallback_url)


@hooks.register("before_delete_page")
def refuse_deleting_corrected_release(request, page):
    releases = list(_corrected_live_releases([page]))
    if releases:
        return _refusal(request, releases, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_corrected_releases(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    releases = list(_corrected_live_releases(objects))
    if releases:
        return _refusal(request, releases, reverse("wagtailadmin_explore_root"))
    return None


@hooks.register(RELEASE_PATHS_HOOK)
def corrections_page_paths(release) -> CachedPaths:
    """The public corrections page lists every readable release's corrections."""
    return CachedPaths(paths={reverse("corrections:index")})
