"""The embargo in the admin: the release form's embargo rules, and the press list."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from dateline.editorial.models import PressContact

from . import form as embargo_form

# The release form's clean() runs every "check_release_form" function, lowest order first.
# The embargo goes before the publish checks (checks/wagtail_hooks.py): it may move the
# publishing time and the release date, and its warnings come first.
CHECK_ORDER = 10


@hooks.register("check_release_form", order=CHECK_ORDER)
def check_embargo(form):
    embargo_form.validate_form(form)


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
