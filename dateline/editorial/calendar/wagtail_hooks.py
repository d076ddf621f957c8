from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return MenuItem(
        "Calendar", reverse("dateline_desk:calendar"), name="calendar", icon_name="date", order=250
    )
