"""Email alerts in the Wagtail admin: a menu item, a button on each release, log entries."""

from django.db.models import Count
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from dateline.core.mailing import TRANSACTIONAL_FROM_HOOK
from dateline.releases.models import NewsReleasePage

from . import admin_views, outbox, staff
from .models import Message


@hooks.register(TRANSACTIONAL_FROM_HOOK)
def transactional_from_address(site):
    # The address staff set for confirmations also sends the desk's one-to-one mail.
    return outbox.alert_settings(site).transactional_from_email


@hooks.register("register_admin_urls")
def register_alert_urls():
    urls = [
        path("", admin_views.AlertsIndexView.as_view(), name="index"),
        path("<int:page_id>/", admin_views.ReleaseAlertsView.as_view(), name="release"),
        path("<int:page_id>/retry/", admin_views.retry, name="retry"),
        path("<int:page_id>/approve/", admin_views.approve, name="approve"),
        path("<int:page_id>/cancel/", admin_views.cancel, name="cancel"),
    ]
    return [path("email-alerts/", include((urls, "dateline_alerts"), namespace="dateline_alerts"))]


class AlertsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_alerts(request.user)


@hooks.register("register_admin_menu_item")
def register_alerts_menu_item():
    return AlertsMenuItem(
        "Email alerts",
        reverse("dateline_alerts:index"),
        name="email-alerts",
        icon_name="mail",
        order=260,
    )


class ReleaseAlertsButton(PageMenuItem):
    label = "Email alerts"
    icon_name = "mail"
    url_name = "dateline_alerts:release"

    def is_shown(self, user):
        # specific_class comes from the cached content type: no query per listed page.
        return self.page.specific_class is NewsReleasePage and staff.can_manage(user, self.page)


@hooks.register("register_page_listing_more_buttons")
def release_alerts_listing_button(page, user, next_url=None):
    yield ReleaseAlertsButton(page=page, priority=45)


@hooks.register("register_page_header_buttons")
def release_alerts_header_button(page, user, view_name, next_url=None):
    yield ReleaseAlertsButton(page=page, priority=62)


class HeldAlertsPanel(Component):
    """On the dashboard: emergency alerts waiting for someone to approve them.

    A held alert helps nobody until a second person notices it, so it is shown to everyone
    who could approve it, first thing after signing in.
    """

    name = "held_alerts"
    template_name = "alerts/admin/home_panel.html"
    order = 50

    def __init__(self, held):
        self.held = held

    def get_context_data(self, parent_context):
        return {"held": self.held}


@hooks.register("construct_homepage_panels")
def add_held_alerts_panel(request, panels):
    if not admin_views.may_see_alerts(request.user):
        return
    waiting = (
        Message.objects.filter(status=Message.Status.HELD)
        .values("release_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {row["release_id"]: row["n"] for row in waiting}
    if not counts:
        return
    held = [
        {
            "release": release,
            "count": counts[release.pk],
            "url": reverse("dateline_alerts:release", args=[release.pk]),
            "may_approve": not staff.approval_refusal(request.user, release),
        }
        for release in NewsReleasePage.objects.filter(pk__in=counts).order_by("-pk")
        if staff.can_manage(request.user, release)
    ]
    if held:
        panels.append(HeldAlertsPanel(held))


class CountFormatter(LogFormatter):
    """A history line such as “Approved 1,200 held emails”, from the count logged with it."""

    verb = ""

    def format_message(self, log_entry):
        count = (log_entry.data or {}).get("count", 0)
        noun = "email" if count == 1 else "emails"
        return f"{self.verb} {count:,} {noun}"


@hooks.register("register_log_actions")
def register_alert_log_actions(actions):
    @actions.register_action(staff.APPROVE_ACTION)
    class Approved(CountFormatter):
        label = "Approve email alerts"
        verb = "Approved for sending:"

    @actions.register_action(staff.CANCEL_ACTION)
    class Cancelled(CountFormatter):
        label = "Cancel email alerts"
        verb = "Cancelled"

    @actions.register_action(staff.RETRY_ACTION)
    class Retried(CountFormatter):
        label = "Retry email alerts"
        verb = "Sent again after failing:"
