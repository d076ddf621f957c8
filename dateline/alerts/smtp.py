"""One SMTP connection that sends many messages, step by step.

smtplib's sendmail() sends a message and its end-of-data marker in one go. The delivery
worker needs to stop just before that marker to record, durably, that the server is about
to have the whole message (delivery.py explains why), so this speaks MAIL, RCPT and DATA
itself and sends the marker separately.
"""

from __future__ import annotations

import contextlib
import re
import smtplib
import socket
import ssl

from django.conf import settings

TERMINATOR = b".\r\n"


class SMTPAnswer(Exception):
    """The server refused a step: `code` is its reply code, `stage` the step it refused."""

    def __init__(self, stage: str, code: int, text: str):
        super().__init__(f"{stage}: {code} {text}")
        self.stage = stage
        self.code = code
        self.text = text

    @property
    def permanent(self) -> bool:
        return 500 <= self.code < 600


def dot_stuff(data: bytes) -> bytes:
    """The message as DATA sends it: CRLF line ends, a leading dot doubled, ending in CRLF.

    The final ".\\r\\n" is not included; Connection.finish() sends it.
    """
    data = re.sub(rb"\r\n|\r|\n", b"\r\n", data)
    if data.startswith(b"."):
        data = b"." + data
    data = data.replace(b"\r\n.", b"\r\n..")
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


class Connection:
    """An open, logged-in connection to the server in the EMAIL_* settings."""

    def __init__(self, host=None, port=None, *, timeout=None):
        host = host or settings.EMAIL_HOST
        port = port or settings.EMAIL_PORT
        timeout = timeout or settings.EMAIL_TIMEOUT
        if settings.EMAIL_USE_SSL:
            self.smtp = smtplib.SMTP_SSL(
                host, port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            self.smtp = smtplib.SMTP(host, port, timeout=timeout)
        # The end-of-data marker is a tiny write after a large one; with Nagle's algorithm
        # it waits for the server's delayed ACK, about 40 ms per message.
        self.smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.smtp.ehlo_or_helo_if_needed()
        if settings.EMAIL_USE_TLS and not settings.EMAIL_USE_SSL:
            self.smtp.starttls(context=ssl.create_default_context())
            self.smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.smtp.ehlo()
        if settings.EMAIL_HOST_USER:
            self.smtp.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
        self.eightbit = self.smtp.has_extn("8bitmime")

    def mail(self, sender: str) -> None:
        options = ["BODY=8BITMIME"] if self.eightbit else []
        code, reply = self.smtp.mail(sender, options)
        if code != 250:
            self.reset()
            raise SMTPAnswer("MAIL FROM", code, _text(reply))

    def rcpt(self, recipient: str) -> None:
        code, reply = self.smtp.rcpt(recipient)
        if code not in (250, 251):
            self.reset()
            raise SMTPAnswer("RCPT TO", code, _text(reply))

    def data(self) -> None:
        code, reply = self.smtp.docmd("DATA")
        if code != 354:
            self.reset()
            raise SMTPAnswer("DATA", code, _text(reply))

    def send(self, chunk: bytes) -> None:
        self.smtp.send(chunk)

    def finish(self) -> tuple[int, str]:
        """Send the end-of-data marker and return the server's answer to the whole message."""
        self.smtp.send(TERMINATOR)
        code, reply = self.smtp.getreply()
        return code, _text(reply)

    def reset(self) -> None:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self.smtp.rset()

    def abort(self) -> None:
        """Drop the connection mid-message, so the server discards what it got of it."""
        with contextlib.suppress(OSError):
            self.smtp.close()

    def close(self) -> None:
        try:
            self.smtp.quit()
        except (smtplib.SMTPException, OSError):
            self.abort()
