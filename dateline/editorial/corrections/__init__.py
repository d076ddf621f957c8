"""Corrections to published releases.

A correction is appended after publication and kept beside the release (not in a revision),
so reverting or re-editing the page never loses it. Readers see it above the body; feeds,
JSON-LD and the API treat its time as the release's last modification
(NewsReleasePage.modified_at()).

records.py        adding a correction; the public list and the latest among releases
history.py        refusing to delete a published release's revisions (a pre_delete receiver)
views.py          the admin's "Add a correction" page and the public /corrections/ page
urls.py           /corrections/ (dateline/urls.py); admin_urls.py the admin page
wagtail_hooks.py  the admin's buttons, and refusing to delete a corrected live release

Other apps (feeds) use the names below.
"""

from .records import (
    CorrectionRefused,
    add_correction,
    can_correct,
    latest_among,
    public_corrections,
)

__all__ = [
    "CorrectionRefused",
    "add_correction",
    "can_correct",
    "latest_among",
    "public_corrections",
]
