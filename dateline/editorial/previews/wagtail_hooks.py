"""'Share a preview link' in a page's header and in the page listing's "More" menu."""

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import links


class PreviewLinkButton(PageMenuItem):
    label = "Share a preview link"
    icon_name = "link"
    url_name = "dateline_desk:preview_links"

    def is_shown(self, user):
        return links.may_manage(self.page, user)


@hooks.register("register_page_header_buttons")
def preview_link_header_button(page, user, view_name, next_url=None):
    yield PreviewLinkButton(page=page, priority=64)


@hooks.register("register_page_listing_more_buttons")
def preview_link_listing_button(page, user, next_url=None):
    yield PreviewLinkButton(page=page, priority=47)
