"""Wagtail hooks for staff security: the two-factor pages and the desk's history entries."""

from django.urls import include, path
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from . import views_security
from .embargo import EMBARGO_WITHDRAW_ACTION

# Actions other parts of the desk record with PageLogEntry.objects.log_action(page, ACTION,
# user=..., data=...); they appear in each release's History with these labels.
EMBARGO_ACTION = "dateline.embargo"
CORRECTION_ACTION = "dateline.correction"
PREVIEW_LINK_ACTION = "dateline.preview_link"
PREVIEW_LINK_REVOKE_ACTION = "dateline.preview_link.revoke"


@hooks.register("register_admin_urls")
def register_security_urls():
    urls = [
        path("set-up/", views_security.setup, name="setup"),
        path("verify/", views_security.verify, name="verify"),
    ]
    return [
        path(
            "two-factor/",
            include((urls, "dateline_security"), namespace="dateline_security"),
        )
    ]


class DeskFormatter(LogFormatter):
    """A history line from the entry's label, plus a detail from its data when there is one.

    The data is whatever the caller logged; anything missing or of the wrong shape falls
    back to the bare label rather than breaking the History page.
    """

    detail_key = ""

    def format_message(self, log_entry):
        data = log_entry.data if isinstance(log_entry.data, dict) else {}
        detail = data.get(self.detail_key) if self.detail_key else None
        if detail in (None, ""):
            return self.label
        return f"{self.label}: {detail}"


@hooks.register("register_log_actions")
def register_desk_log_actions(actions):
    @actions.register_action(EMBARGO_ACTION)
    class EmbargoSet(DeskFormatter):
        label = "Embargo set"
        detail_key = "embargo_until"

    @actions.register_action(EMBARGO_WITHDRAW_ACTION)
    class EmbargoWithdrawn(DeskFormatter):
        label = "Embargoed copies withdrawn"
        detail_key = "reason"

    @actions.register_action(CORRECTION_ACTION)
    class CorrectionAdded(DeskFormatter):
        label = "Correction added"
        detail_key = "text"

    @actions.register_action(PREVIEW_LINK_ACTION)
    class PreviewLinkCreated(DeskFormatter):
        label = "Preview link created"
        detail_key = "recipient"

    @actions.register_action(PREVIEW_LINK_REVOKE_ACTION)
    class PreviewLinkRevoked(DeskFormatter):
        label = "Preview link revoked"
        detail_key = "recipient"
