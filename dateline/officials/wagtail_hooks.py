from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Office, Official


class OfficialViewSet(SnippetViewSet):
    model = Official
    icon = "user"
    menu_label = "Officials"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class OfficeViewSet(SnippetViewSet):
    model = Office
    icon = "tag"
    menu_label = "Offices"
    list_display = ["title", "body", "single_seat", "precedence"]


class OfficialsGroup(SnippetViewSetGroup):
    menu_label = "Officials"
    menu_icon = "group"
    menu_order = 250
    items = (OfficialViewSet, OfficeViewSet)


register_snippet(OfficialsGroup)
