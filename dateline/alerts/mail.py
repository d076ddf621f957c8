"""The emails themselves: one Message row in, one MIME message (HTML and plain text) out.

Headers
    From: alerts, digests and corrections come from AlertSettings.alerts_from_email,
    confirmations from transactional_from_email (so providers judge the two streams apart);
    either falls back to DEFAULT_FROM_EMAIL. Display names never carry CR/LF from data.
    Message-ID is the row's message_id, so a retried message is the same message.
    List-Id names the list a message belongs to, one per newsroom for alerts
    ("City News <news.alerts.HOST>"), one for the digest ("<digest.alerts.HOST>") and one for
    corrections ("<corrections.alerts.HOST>"), so readers can filter them apart.
    List-Unsubscribe carries the one-click URL (RFC 8058, with List-Unsubscribe-Post) and a
    mailto: to the reply-to (else the alerts From) address, on every alert, digest and
    correction; confirmations have neither, since there is no subscription yet to leave.

Everything is rendered when the row is sent, not when it is written, so a message sent
late shows the release as it is now (with its correction notice, if any).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from email.generator import BytesGenerator
from email.utils import format_datetime, formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from dateline.core.mailing import default_site, mail_domain, transactional_from_email
from dateline.core.models import CitySettings
from dateline.core.restrictions import is_readable

from . import digests, tokens
from .models import CorrectionNotice, Message
from .outbox import alert_settings

SUMMARY_WORDS = 80
IMAGE_FILTER = "width-600"
TEMPLATES = "alerts/email/"


def one_line(value: str, limit: int = 200) -> str:
    """A header-safe value: no CR, LF or other control characters, whitespace collapsed."""
    value = re.sub(r"[\x00-\x1f\x7f]", " ", str(value or ""))
    return " ".join(value.split())[:limit]


def address(name: str, email: str) -> str:
    return formataddr((one_line(name, 120), one_line(email, 254)))


def list_label(value: str, fallback: str) -> str:
    """A List-Id label part: lower-case letters, digits and hyphens only (RFC 2919)."""
    label = re.sub(r"[^a-z0-9-]+", "-", (value or "").lower()).strip("-")
    return label[:60] or fallback


class NothingToSend(Exception):
    """The message's news is no longer for the public (taken down, or made private) or a
    digest has nothing left to list: the row is cancelled, never sent."""


@dataclass
class Built:
    """A rendered message and the envelope it goes in."""

    envelope_from: str
    recipient: str
    email: EmailMultiAlternatives

    def as_bytes(self) -> bytes:
        message = self.email.message()
        # Folding at 78 would split List-Unsubscribe's long URL into encoded words that mail
        # providers do not decode; 998 is SMTP's own line limit.
        out = io.BytesIO()
        policy = message.policy.clone(linesep="\r\n", max_line_length=998)
        BytesGenerator(out, mangle_from_=False, policy=policy).flatten(message)
        return out.getvalue()


class Renderer:
    """Renders rows; one per batch, so site settings and releases are looked up once."""

    def __init__(self):
        self.site = default_site()
        self.city = CitySettings.for_site(self.site) if self.site else CitySettings()
        self.alerts = alert_settings(self.site)
        self.root = (self.site.root_url if self.site else settings.WAGTAILADMIN_BASE_URL).rstrip(
            "/"
        )
        self.domain = mail_domain(self.site)
        self._releases: dict[int, dict] = {}

    # --- addresses ----------------------------------------------------------------------

    def alerts_from(self) -> tuple[str, str]:
        email = self.alerts.alerts_from_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        name = self.alerts.alerts_from_name or f"{self.city.publisher} News"
        return name, email

    def transactional_from(self) -> tuple[str, str]:
        return self.city.publisher, transactional_from_email(self.site)

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else self.root + path

    # --- shared context -----------------------------------------------------------------

    def base_context(self, row: Message) -> dict:
        context = {
            "publisher": self.city.publisher,
            "city_name": self.city.city_name,
            "postal_address": self.city.postal_address.strip(),
            "postal_lines": [
                line.strip() for line in self.city.postal_address.splitlines() if line.strip()
            ],
            "home_url": self.root + "/",
        }
        if row.kind != Message.Kind.CONFIRMATION:
            manage = tokens.manage_token(row.subscriber)
            context["manage_url"] = self.url(reverse("alerts:manage", args=[manage]))
            context["unsubscribe_url"] = self.url(reverse("alerts:unsubscribe", args=[manage]))
        return context

    def release_context(self, release) -> dict:
        cached = self._releases.get(release.pk)
        if cached is not None:
            return cached
        paragraphs = [
            strip_tags(block.value.source if hasattr(block.value, "source") else block.value)
            for block in release.body
            if block.block_type == "paragraph"
        ]
        first = next((p.strip() for p in paragraphs if p.strip()), "")
        image = None
        if release.lead_image_id and not release.lead_image_decorative:
            alt = release.lead_image_alt.strip()
            if alt:
                rendition = release.lead_image.get_rendition(IMAGE_FILTER)
                image = {
                    "url": self.url(rendition.url),
                    "alt": alt,
                    "width": rendition.width,
                    "height": rendition.height,
                    "caption": release.lead_image_caption,
                }
        newsroom = release.get_parent().specific
        notice = CorrectionNotice.objects.filter(release=release).order_by("-created_at").first()
        context = {
            "release": release,
            "release_url": release.get_full_url() or self.root + "/",
            "dateline": release.dateline_text(self.city),
            "summary": Truncator(first).words(SUMMARY_WORDS),
            "image": image,
            "newsroom": newsroom,
            "newsroom_url": newsroom.get_full_url() or self.root + "/",
            "emergency": release.alert_type == "emergency",
            "correction": notice.text if notice else "",
        }
        self._releases[release.pk] = context
        return context

    # --- one message --------------------------------------------------------------------

    def build(self, row: Message, now=None) -> Built:
        now = now or timezone.now()
        context = self.base_context(row)
        headers = {"Message-ID": row.message_id, "Date": format_datetime(now)}
        if row.kind == Message.Kind.CONFIRMATION:
            name, sender = self.transactional_from()
            subject, template = self._confirmation(row, context)
        else:
            name, sender = self.alerts_from()
            if row.kind == Message.Kind.ALERT:
                subject, template, list_name, label = self._alert(row, context)
            elif row.kind == Message.Kind.CORRECTION:
                subject, template, list_name, label = self._correction(row, context)
            elif row.kind == Message.Kind.DIGEST:
                subject, template, list_name, label = self._digest(row, context)
            else:
                raise ValueError(f"Unknown kind of message: {row.kind}")
            headers["List-Id"] = f"{one_line(list_name, 100)} <{label}.alerts.{self.domain}>"
            mailto = self.alerts.reply_to_email or sender
            headers["List-Unsubscribe"] = (
                f"<{context['unsubscribe_url']}>, <mailto:{mailto}?subject=unsubscribe>"
            )
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        context["subject"] = one_line(subject)
        text = render_to_string(TEMPLATES + template + ".txt", context)
        html = render_to_string(TEMPLATES + template + ".html", context)
        reply_to = [self.alerts.reply_to_email] if self.alerts.reply_to_email else None
        email = EmailMultiAlternatives(
            subject=one_line(subject),
            body=text,
            from_email=address(name, sender),
            to=[row.to_email],
            reply_to=reply_to,
            headers=headers,
        )
        email.attach_alternative(html, "text/html")
        return Built(envelope_from=sender, recipient=row.to_email, email=email)

    def _readable_release(self, row):
        release = row.release.specific
        if not is_readable(release):
            raise NothingToSend("The release is no longer public.")
        return release

    def _alert(self, row, context):
        release = self._readable_release(row)
        context.update(self.release_context(release))
        subject = release.title
        if context["emergency"]:
            subject = f"Emergency: {subject}"
        newsroom = context["newsroom"]
        label = list_label(newsroom.slug, f"newsroom-{newsroom.pk}")
        return subject, "alert", newsroom.title, label

    def _correction(self, row, context):
        release = self._readable_release(row)
        context.update(self.release_context(release))
        context["correction"] = row.correction.text
        return f"Correction: {release.title}", "correction", "Corrections", "corrections"

    def _digest(self, row, context):
        releases = digests.releases_for(row.subscriber, row.digest_date, self.city, self.alerts)
        if not releases:
            raise NothingToSend("Nothing public is left to list in this digest.")
        context["releases"] = [self.release_context(r) for r in releases]
        context["digest_date"] = row.digest_date
        subject = f"{self.city.publisher} news for {row.digest_date:%B} {row.digest_date.day}"
        return subject, "digest", f"{self.city.publisher} daily digest", "digest"

    def _confirmation(self, row, context):
        if row.pending_choice_id:
            link = reverse("alerts:confirm-change", args=[tokens.choice_token(row.pending_choice)])
            context["change"] = True
        else:
            link = reverse("alerts:confirm", args=[tokens.confirmation_token(row.subscriber)])
            context["change"] = False
        context["confirm_url"] = self.url(link)
        context["expires_hours"] = int(tokens.CONFIRM_MAX_AGE.total_seconds() // 3600)
        return f"Confirm your email alerts from {self.city.publisher}", "confirmation"
