"""Corrections and publish checks in the Wagtail admin.

* "Add a correction" in a live release's header, action menu and listing "More" menu, for
  people who may publish it;
* deleting a live release that carries corrections is refused;
* the publish checks' warnings (form.desk_warnings) are shown after a save.
"""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

# Importing corrections connects the handler that keeps published releases' revisions.
from . import corrections, corrections_views


@hooks.register("register_admin_urls")
def register_correction_urls():
    urls = [
        path(
            "pages/<int:page_id>/corrections/",
            corrections_views.AddCorrectionView.as_view(),
            name="add",
        )
    ]
    return [
        path("desk/", include((urls, "dateline_corrections"), namespace="dateline_corrections"))
    ]


def _correctable(page, user) -> bool:
    from dateline.releases.models import NewsReleasePage

    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    return isinstance(page, NewsReleasePage) and page.live and corrections.can_correct(user, page)


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
    from dateline.releases.models import NewsReleasePage

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
    from wagtail.models import Page

    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    releases = list(_corrected_live_releases(objects))
    if releases:
        return _refusal(request, releases, reverse("wagtailadmin_explore_root"))
    return None


# --- the publish checks' warnings -------------------------------------------------------------


def _show_desk_warnings(request, page, created=False):
    from . import checks

    warnings = checks.pop_warnings(page, created=created)
    # Autosave posts in the background and wants JSON; its warnings would pile up unseen.
    if not request.accepts("text/html"):
        return
    for warning in warnings:
        messages.warning(request, warning)


@hooks.register("after_edit_page")
def show_desk_warnings_after_edit(request, page):
    _show_desk_warnings(request, page)


@hooks.register("after_create_page")
def show_desk_warnings_after_create(request, page):
    _show_desk_warnings(request, page, created=True)
