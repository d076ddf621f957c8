"""Reading bounce reports and spam complaints that mail providers send back.

Two standard formats are understood, both multipart/report messages:

* delivery status notifications (RFC 3464, report-type=delivery-status): one block per
  recipient with Final-Recipient, Action and Status. Action "failed" with a 5.x.x status is a
  hard bounce: the address will never work, so it is suppressed. A 4.x.x status or Action
  "delayed" is a temporary problem the sending server is still retrying: reported, nothing
  changed.
* complaint reports (RFC 5965, report-type=feedback-report): the reader marked an email as
  spam. Mailing them again harms every other reader's delivery, so the address is suppressed.

Only addresses Dateline has emailed are acted on; a report about any other address is not
about our mail (or is forged) and is ignored. When the returned headers carry the Message-ID
of one of our messages, that message is recorded as bounced so staff see it in the counts.
Applying a report twice changes nothing the second time.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import HeaderParser

from django.db import transaction

from .delivery import suppress
from .models import Message, Suppression


class NotABounceReport(Exception):
    """The file is not a report this module understands; the message says why, for people."""


@dataclass
class Recipient:
    """One address a report is about, and what the report says happened to it."""

    email: str
    outcome: str  # "hard", "soft", "complaint", "delivered" or "unclear"
    status: str = ""
    detail: str = ""
    message_id: str = ""


@dataclass
class Result:
    recipient: Recipient
    changed: bool
    line: str


# --- parsing -------------------------------------------------------------------------------


def _header(block, name: str) -> str:
    try:
        value = block.get(name)
    except (TypeError, ValueError, IndexError):
        # A malformed header the email module cannot read is as good as missing.
        return ""
    return " ".join(str(value).split()) if value is not None else ""


def _blocks(part) -> list:
    """The header blocks of a report part (delivery-status, feedback-report)."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return payload
    # Some report parts (message/global-delivery-status, odd encodings) arrive as text.
    text = part.get_payload(decode=True) or b""
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    chunks = text.replace("\r\n", "\n").split("\n\n")
    return [HeaderParser().parsestr(chunk) for chunk in chunks if chunk.strip()]


def _address(field_value: str) -> str:
    """The address in a "type; address" field (Final-Recipient), or "" if not an email."""
    kind, _, address = field_value.partition(";")
    if not address:
        address, kind = kind, "rfc822"
    address = address.strip().strip("<>").strip()
    if kind.strip().lower() not in ("rfc822", "utf-8") or "@" not in address:
        return ""
    return address.lower()


def _returned_headers(report: EmailMessage):
    """The headers of the message that bounced, when the report returns them."""
    for part in report.iter_parts():
        kind = part.get_content_type()
        if kind in ("message/rfc822", "message/global"):
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                return payload[0]
        if kind in ("text/rfc822-headers", "text/global-headers"):
            return HeaderParser().parsestr(part.get_content())
    return None


def _outcome(action: str, status: str) -> str:
    if action == "failed" and status.startswith("5."):
        return "hard"
    if action == "delayed" or status.startswith("4."):
        return "soft"
    if action in ("delivered", "relayed", "expanded"):
        return "delivered"
    return "unclear"


def _delivery_status(report: EmailMessage, original) -> list[Recipient]:
    part = next(
        (
            p
            for p in report.iter_parts()
            if p.get_content_type() in ("message/delivery-status", "message/global-delivery-status")
        ),
        None,
    )
    if part is None:
        raise NotABounceReport("it has no delivery status part")
    message_id = _header(original, "Message-ID") if original is not None else ""
    recipients = []
    for block in _blocks(part):
        final = _address(_header(block, "Final-Recipient"))
        if not final:
            continue  # the per-message block, or an address that is not an email address
        action = _header(block, "Action").lower()
        status = _header(block, "Status").split(" ")[0]
        recipients.append(
            Recipient(
                email=final,
                outcome=_outcome(action, status),
                status=status or action,
                detail=_header(block, "Diagnostic-Code"),
                message_id=message_id,
            )
        )
        # When mail was forwarded, the address Dateline wrote to is the original recipient.
        original_rcpt = _address(_header(block, "Original-Recipient"))
        if original_rcpt and original_rcpt != final:
            recipients[-1].detail = f"{recipients[-1].detail} (forwarded to {final})".strip()
            recipients[-1].email = original_rcpt
    return recipients


def _complaint(report: EmailMessage, original) -> list[Recipient]:
    part = next(
        (p for p in report.iter_parts() if p.get_content_type() == "message/feedback-report"),
        None,
    )
    if part is None:
        raise NotABounceReport("it has no feedback report part")
    blocks = _blocks(part)
    fields = blocks[0] if blocks else None
    feedback_type = _header(fields, "Feedback-Type").lower() if fields is not None else ""
    addresses = []
    if fields is not None:
        for value in fields.get_all("Original-Rcpt-To") or []:
            address = _address(str(value))
            if address:
                addresses.append(address)
    if not addresses and original is not None:
        for _, address in email.utils.getaddresses([str(v) for v in original.get_all("To", [])]):
            if "@" in address:
                addresses.append(address.lower())
    message_id = _header(original, "Message-ID") if original is not None else ""
    # "not-spam" reports the opposite of a complaint: the reader rescued the email.
    outcome = "delivered" if feedback_type == "not-spam" else "complaint"
    return [
        Recipient(
            email=address,
            outcome=outcome,
            status=feedback_type or "abuse",
            detail=_header(fields, "User-Agent") if fields is not None else "",
            message_id=message_id,
        )
        for address in dict.fromkeys(addresses)
    ]


def parse(data: bytes) -> list[Recipient]:
    """The recipients a report is about; NotABounceReport if it is not one."""
    if not data.strip():
        raise NotABounceReport("it is empty")
    try:
        report = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as error:  # the parser is lenient; this is a truly broken file
        raise NotABounceReport(f"it could not be read as an email ({error})") from error
    if report.get_content_type() != "multipart/report":
        raise NotABounceReport(
            f"it is a {report.get_content_type()} email, not a multipart/report "
            "(a delivery status notification or a spam complaint)"
        )
    report_type = (report.get_param("report-type") or "").lower()
    original = _returned_headers(report)
    if report_type == "feedback-report":
        recipients = _complaint(report, original)
    elif report_type in ("delivery-status", "global-delivery-status", ""):
        recipients = _delivery_status(report, original)
    else:
        raise NotABounceReport(f"its report type “{report_type}” is not a bounce or complaint")
    if not recipients:
        raise NotABounceReport("it names no email address")
    return recipients


# --- applying ------------------------------------------------------------------------------


def _describe(recipient: Recipient) -> str:
    detail = f": {recipient.detail}" if recipient.detail else ""
    if recipient.outcome == "hard":
        return f"permanent delivery failure {recipient.status}{detail}"
    if recipient.outcome == "complaint":
        return f"the reader marked our email as spam ({recipient.status} report)"
    if recipient.outcome == "soft":
        return (
            f"temporary delivery problem {recipient.status}{detail}; their mail server may "
            "still accept it"
        )
    if recipient.outcome == "delivered":
        return f"the report says the email was delivered ({recipient.status})"
    return f"the report does not say the failure is permanent ({recipient.status or 'no status'})"


def _apply_one(recipient: Recipient) -> Result:
    address = recipient.email
    why = _describe(recipient)
    if recipient.outcome not in ("hard", "complaint"):
        return Result(recipient, False, f"{address}: nothing changed — {why}")
    if not Message.objects.filter(to_email__iexact=address).exists():
        return Result(
            recipient,
            False,
            f"{address}: ignored — Dateline has never emailed this address ({why})",
        )
    changed = False
    if recipient.outcome == "hard" and recipient.message_id:
        # Record the bounce on the message itself, so staff counts show it.
        changed = bool(
            Message.objects.filter(
                message_id=recipient.message_id,
                to_email__iexact=address,
                status__in=(Message.Status.SENT, Message.Status.HANDED_OVER),
            ).update(
                status=Message.Status.BOUNCED,
                last_error=f"Bounce report: {recipient.status} {recipient.detail}".strip()[:2000],
            )
        )
    existing = Suppression.objects.filter(email__iexact=address).first()
    if existing is not None:
        return Result(
            recipient,
            changed,
            f"{address}: already suppressed ({existing.get_reason_display().lower()}) — {why}",
        )
    reason = (
        Suppression.Reason.COMPLAINT
        if recipient.outcome == "complaint"
        else Suppression.Reason.BOUNCE_REPORT
    )
    suppress(address, reason, why)
    return Result(recipient, True, f"{address}: suppressed, no more email will be sent — {why}")


def apply(recipients: list[Recipient]) -> list[Result]:
    """Act on one report's recipients, all or nothing."""
    with transaction.atomic():
        return [_apply_one(recipient) for recipient in recipients]


def process(data: bytes) -> list[Result]:
    """Parse and apply one report; NotABounceReport (nothing written) if it is not one."""
    return apply(parse(data))
