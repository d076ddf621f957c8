"""The release form's rule for the publishing time an editor sets."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .times import page_zone, to_minute, when_text

# A time typed for "now" is usually a minute or two old by the time the form is sent.
GRACE = timedelta(minutes=2)


def changed(form, name: str) -> bool:
    """Whether the editor changed this time, to the minute the admin shows.

    A time set by code may carry seconds the form cannot show, so Django would call it
    changed on every save.
    """
    if name not in form.fields or name not in form.changed_data:
        return False
    initial = form.get_initial_for_field(form.fields[name], name)
    return to_minute(initial) != to_minute(form.cleaned_data.get(name))


def validate_form(form, now=None) -> None:
    """A publishing time the editor just set must not be in the past.

    Wagtail itself would publish at once on a past "go live" time, which is rarely what was
    meant. Only times changed in this form are checked, so a release that went live on its
    schedule can still be edited.
    """
    now = now or timezone.now()
    data = form.cleaned_data
    zone = page_zone(form.instance if form.instance.pk else getattr(form, "parent_page", None))
    go_live_at = data.get("go_live_at")
    if go_live_at and changed(form, "go_live_at") and go_live_at < now - GRACE:
        form.add_error(
            "go_live_at",
            f"The publishing time {when_text(go_live_at, zone)} has already passed. Choose a "
            "time in the future, or clear it to publish now.",
        )
    # A past "expire at" time Wagtail refuses itself ("Expiry date/time must be in the future.").
