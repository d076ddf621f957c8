"""The desk's place in the Wagtail admin: the Calendar, preview links, the press list."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

# Connects the embargo's signal handler in every process that loads the admin.
from . import desk_views, embargo, previews  # noqa: F401
from .models import PressContact


@hooks.register("register_admin_urls")
def register_desk_urls():
    urls = [
        path("calendar/", desk_views.CalendarView.as_view(), name="calendar"),
        path(
            "pages/<int:page_id>/preview-links/",
            desk_views.PreviewLinksView.as_view(),
            name="preview_links",
        ),
        path(
            "pages/<int:page_id>/preview-links/<int:link_id>/withdraw/",
            desk_views.revoke_preview_link,
            name="revoke_preview_link",
        ),
    ]
    return [path("desk/", include((urls, "dateline_desk"), namespace="dateline_desk"))]


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return MenuItem(
        "Calendar", reverse("dateline_desk:calendar"), name="calendar", icon_name="date", order=250
    )


class PreviewLinkButton(PageMenuItem):
    label = "Share a preview link"
    icon_name = "link"
    url_name = "dateline_desk:preview_links"

    def is_shown(self, user):
        return previews.may_manage(self.page, user)


@hooks.register("register_page_header_buttons")
def preview_link_header_button(page, user, view_name, next_url=None):
    yield PreviewLinkButton(page=page, priority=64)


@hooks.register("register_page_listing_more_buttons")
def preview_link_listing_button(page, user, next_url=None):
    yield PreviewLinkButton(page=page, priority=47)


class PressListViewSet(SnippetViewSet):
    """Reporters who get embargoed releases; editors with the press list permissions manage it."""

    model = PressContact
    icon = "group"
    menu_label = "Press list"
    menu_name = "press-list"
    menu_order = 255
    add_to_admin_menu = True
    form_fields = ["name", "organisation", "email", "active"]
    list_display = ["name", "organisation", "email", "active"]
    list_filter = ["active"]
    search_fields = ["name", "organisation", "email"]
    ordering = ["name"]


register_snippet(PressListViewSet)
