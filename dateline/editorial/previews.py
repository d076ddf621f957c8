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
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from .models import PreviewLink
from .schedule import city_zone, embargo_text

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


def _find(token: str) -> PreviewLink:
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


def _check(link: PreviewLink, now=None) -> None:
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
    link = _find(token)
    _check(link, now)
    return link


def public_copy_url(link: PreviewLink, request=None) -> str:
    """Where a reporter's embargoed copy leads once the release is public; "" before then."""
    from dateline.core.restrictions import is_readable

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
        action="dateline.preview_link",
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
            action="dateline.preview_link.revoke",
            user=user,
            data={"link_id": link.pk, "recipient": link.recipient},
        )
    return bool(updated)


UNUSABLE_TEXT = {
    "invalid": (
        404,
        "This preview link does not work",
        "The link is incomplete or was changed. Check that you copied the whole link, or ask "
        "the person who sent it for a new one.",
    ),
    "expired": (
        410,
        "This preview link has expired",
        "Preview links work for a few days only. Ask the person who sent it for a new one.",
    ),
    "revoked": (
        410,
        "This preview link was withdrawn",
        "The newsroom has withdrawn this link. Ask the person who sent it for a new one.",
    ),
    "cancelled": (
        410,
        "This preview link is no longer valid",
        "The newsroom has withdrawn this embargoed copy: its embargo was cancelled or the "
        "release was changed. Do not use the copy you read earlier. If the release is sent "
        "out again, you will get a new email with a new link.",
    ),
}


def private(response):
    """Headers that keep a preview out of caches, search engines and other sites' logs."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def serve(request, token: str):
    """The link's revision with a "not published" banner, the public page, or why it fails."""
    try:
        link = _find(token)
        public = public_copy_url(link, request)
        if public:
            return private(HttpResponseRedirect(public))
        _check(link)
    except Unusable as problem:
        status, title, text = UNUSABLE_TEXT[problem.reason]
        response = TemplateResponse(
            request,
            "editorial/desk/preview_unusable.html",
            {"title": title, "text": text},
            status=status,
        )
        # Django would log the 404/410 with the path, and so the token; nobody needs that.
        response._has_been_logged = True
        return private(response)
    page = link.revision.as_object()
    # What Wagtail's own preview sets, so templates treat this like the admin's preview.
    request.is_preview = True
    request.preview_mode = page.default_preview_mode
    context = page.get_context(request)
    embargo = getattr(page, "embargo_until", None)
    if embargo is not None and page.live:
        embargo = None  # lifted: the release is public now
    context.update(
        preview_base_template=page.get_template(request),
        preview_link=link,
        preview_embargo=embargo,
        preview_embargo_text=embargo_text(embargo, city_zone(page)) if embargo else "",
    )
    response = TemplateResponse(request, "editorial/desk/preview_page.html", context)
    return private(response)
