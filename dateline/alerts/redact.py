"""Keeps the tokens of subscription links out of logs.

No Django imports: LOGGING names this filter, and logging is configured before apps load.
"""

import logging
import re


class RedactTokens(logging.Filter):
    """A logging filter hiding the token in any subscription or preview link a log line quotes.

    These views log nothing themselves and keep Django from logging their 4xx answers; add
    this filter to the handlers of the web server's access log and of django.request (whose
    500 reports quote the path) so that no other route writes a token to a log.
    """

    # Subscription links, and the preview links reviewers and reporters get (editorial).
    TOKEN_PATH = re.compile(
        r"(/alerts/(?:confirm|change|manage|unsubscribe)/|/preview/)[^/\s?\"']+"
    )

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        redacted = self.TOKEN_PATH.sub(r"\1[token]", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
