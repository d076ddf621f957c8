"""What the desk's admin pages about one page share: its title under theirs, and a way back
to its editor in the breadcrumbs."""

from django.urls import reverse
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class PageDeskMixin(WagtailAdminTemplateMixin):
    """For a view that sets self.page in dispatch(); `crumb` names the view's own step."""

    crumb = ""

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": str(self.page),
            },
            {"url": "", "label": self.crumb},
        ]
