"""The embargo fields of the release form: impossible embargoes refused, the publish time
made to follow the embargo (see the package docstring)."""

from __future__ import annotations

from django.utils import timezone

from dateline.editorial.schedule import form as schedule_form
from dateline.editorial.schedule.times import embargo_text, page_zone, to_minute, when_text


def validate_form(form, now=None) -> None:
    """Blocking errors at the field for impossible embargoes; the publish time follows it.

    Registered for the release form's "check_release_form" hook (embargo/wagtail_hooks.py);
    the publishing-time rule runs first, as the embargo then moves that time.
    """
    schedule_form.validate_form(form, now)
    if "embargo_until" not in form.fields:
        return
    now = now or timezone.now()
    data = form.cleaned_data
    page = form.instance
    embargo = data.get("embargo_until")
    before = to_minute(page.embargo_until if page.pk else None)
    changed = schedule_form.changed(form, "embargo_until")
    live_at_changed = schedule_form.changed(form, "go_live_at")
    go_live_at = data.get("go_live_at")
    zone = page_zone(page if page.pk else getattr(form, "parent_page", None))

    if embargo is None:
        # The embargo was lifted: a publishing time that only followed it goes too.
        if before and to_minute(go_live_at) == before and not live_at_changed:
            data["go_live_at"] = None
        return
    if not changed and (not live_at_changed or embargo <= now or page.live):
        return
    if changed and embargo <= now:
        form.add_error(
            "embargo_until",
            f"The embargo time {when_text(embargo, zone)} has already passed. Choose a time "
            "in the future, or clear the embargo to publish without one.",
        )
        return
    if changed and page.pk and page.live:
        form.add_error(
            "embargo_until",
            "This release is already public, so it cannot be embargoed. Clear the embargo.",
        )
        return
    followed = before is not None and to_minute(go_live_at) == before
    if go_live_at and live_at_changed:
        followed = False
    if go_live_at and not followed and embargo > go_live_at:
        form.add_error(
            "embargo_until",
            f"The embargo lifts at {when_text(embargo, zone)}, after the release is set to "
            f"publish ({when_text(go_live_at, zone)}). The public would see it before the "
            "embargo ends. Move the embargo earlier or the publishing time later.",
        )
        return
    if not go_live_at or followed:
        data["go_live_at"] = embargo
    release_date = data.get("release_date")
    if release_date and release_date < embargo:
        # The release carries the day it becomes public; this also keeps alerts going out
        # (outbox.alerts_first_publication skips releases dated more than a week back).
        data["release_date"] = embargo
        form.desk_warnings.append(
            f"The release date is now {when_text(embargo, zone)}, when the embargo lifts."
        )
    form.desk_warnings.append(
        f"Embargoed until {embargo_text(embargo, zone)}. When you publish, the press list gets "
        "it by email at once; the public sees it, and alerts go out, at that time."
    )
