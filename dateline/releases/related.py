"""The "Related stories" box of a release."""

from .models import MAX_RELATED


def related_releases(release, limit: int = MAX_RELATED):
    """The editor's picks in order, skipping any not live and the release itself."""
    picks = []
    for link in release.related_links.all().select_related("release", "release__lead_image"):
        target = link.release
        if target.pk != release.pk and target.live and target not in picks:
            picks.append(target)
    return picks[:limit]
