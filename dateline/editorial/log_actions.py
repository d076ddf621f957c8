"""The desk's entries in a release's History: their action names, and how each line reads.

Each part of the desk records with PageLogEntry.objects.log_action(page, ACTION, user=...,
data=...) using these names; register() gives each its label (editorial/wagtail_hooks.py).
"""

from wagtail.log_actions import LogFormatter

EMBARGO = "dateline.embargo"
EMBARGO_WITHDRAW = "dateline.embargo.withdraw"
CORRECTION = "dateline.correction"
PREVIEW_LINK = "dateline.preview_link"
PREVIEW_LINK_REVOKE = "dateline.preview_link.revoke"


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


def register(actions) -> None:
    """The register_log_actions hook's work: a label and a detail for each desk action."""

    @actions.register_action(EMBARGO)
    class EmbargoSet(DeskFormatter):
        label = "Embargo set"
        detail_key = "embargo_until"

    @actions.register_action(EMBARGO_WITHDRAW)
    class EmbargoWithdrawn(DeskFormatter):
        label = "Embargoed copies withdrawn"
        detail_key = "reason"

    @actions.register_action(CORRECTION)
    class CorrectionAdded(DeskFormatter):
        label = "Correction added"
        detail_key = "text"

    @actions.register_action(PREVIEW_LINK)
    class PreviewLinkCreated(DeskFormatter):
        label = "Preview link created"
        detail_key = "recipient"

    @actions.register_action(PREVIEW_LINK_REVOKE)
    class PreviewLinkRevoked(DeskFormatter):
        label = "Preview link revoked"
        detail_key = "recipient"
