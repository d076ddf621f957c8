"""Private preview links: a page's draft for readers who have no account.

A link names its PreviewLink row and carries the row's nonce, signed with the site's secret
key and the salt below. Expiry and revocation live on the row, not in the signature, so an
editor can revoke a link at once and nobody can stretch one by re-signing it. Tokens are
never logged.

A link shows the revision it was made for, never later edits: a reviewer checks what they
were asked to check, and a reporter's embargoed copy is the one scheduled to go live. An
embargoed copy works only while that revision is still the one scheduled; once the release
is public it leads to the public page, and after a cancellation it says it is no longer
valid.

Only people who may publish a page manage its links (may_manage): a link hands a draft to
someone outside the newsroom, and the list names the reporters on the press list.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from dateline.core.restrictions import is_readable
from dateline.editorial import log_actions
from dateline.editorial.models import PreviewLink

SALT = "dateline.editorial.preview"
EXPIRY_CHOICES = [(1, "1 day"), (3, "3 days"), (7, "7 days")]


class Unusable(Exception):
    """The link cannot be used; `reason` is "invalid", "expired" or "revoked"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def may_manage(page, user) -> bool:
    """Whether this person may see, create and withdraw the page's preview links."""
    return not page.is_root() and page.permissions_for_user(user).can_publish()


def token_for(link: PreviewLink) -> str:
    return signing.Signer(salt=SALT).sign_object([link.pk, link.nonce], compress=False)


def path_for(link: PreviewLink) -> str:
    return reverse("preview:page", kwargs={"token": token_for(link)})


def url_for(link: PreviewLink, request=None) -> str:
    path = path_for(link)
    if request is not None:
        return request.build_absolute_uri(path)
    site = link.page.get_site()
    return (site.root_url if site else "") + path


def find(token: str) -> PreviewLink:
    try:
        pk, nonce = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise Unusable("invalid") from error
    if not isinstance(pk, int) or not isinstance(nonce, str):
        raise Unusable("invalid")
    link = PreviewLink.objects.select_related("page", "revision").filter(pk=pk, nonce=nonce).first()
    if link is None:
        raise Unusable("invalid")
    return link


def check_usable(link: PreviewLink, now=None) -> None:
    embargoed_copy = link.purpose == PreviewLink.Purpose.EMBARGO
    if link.revoked_at is not None:
        raise Unusable("cancelled" if embargoed_copy else "revoked")
    if link.expires_at <= (now or timezone.now()):
        raise Unusable("expired")
    if link.revision_id is None:
        raise Unusable("cancelled" if embargoed_copy else "revoked")
    if embargoed_copy:
        scheduled = link.page.specific.scheduled_revision
        if scheduled is None or scheduled.pk != link.revision_id:
            # The schedule was cancelled or replaced by a path that sent no signal.
            raise Unusable("cancelled")


def read(token: str, now=None) -> PreviewLink:
    link = find(token)
    check_usable(link, now)
    return link


def public_copy_url(link: PreviewLink, request=None) -> str:
    """Where a reporter's embargoed copy leads once the release is public; "" before then."""
    if link.purpose != PreviewLink.Purpose.EMBARGO or link.expires_at <= timezone.now():
        return ""
    page = link.page.specific
    if not page.live or not is_readable(page):
        return ""
    return page.get_url(request=request) or ""


def create(
    page, *, user=None, recipient="", days=3, purpose=PreviewLink.Purpose.REVIEW, expires_at=None
) -> PreviewLink:
    revision = page.get_latest_revision()
    if revision is None:
        # A page never edited in the admin (an import, say): its row is its content.
        revision = page.specific.save_revision(user=user, changed=False, clean=False)
    link = PreviewLink.objects.create(
        page=page,
        purpose=purpose,
        recipient=recipient.strip()[:200],
        created_by=user,
        expires_at=expires_at or timezone.now() + timedelta(days=days),
        revision=revision,
    )
    PageLogEntry.objects.log_action(
        instance=page.specific,
        action=log_actions.PREVIEW_LINK,
        user=user,
        data={
            "link_id": link.pk,
            "recipient": link.recipient,
            "purpose": link.purpose,
            "expires_at": link.expires_at.isoformat(),
            "revision_id": revision.pk,
        },
    )
    return link


def revoke(link: PreviewLink, *, user=None) -> bool:
    """Revoke a link; False when it was already revoked."""
    updated = PreviewLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        link.refresh_from_db()
        PageLogEntry.objects.log_action(
            instance=link.page.specific,
            action=log_actions.PREVIEW_LINK_REVOKE,
            user=user,
            data={"link_id": link.pk, "recipient": link.recipient},
        )
    return bool(updated)
