"""How much one file may cost an import: bytes before it is read, seconds while it is parsed.

A 49 MB saved page once ran ten minutes at 1.3 GB. Files over the size limit are refused by
their size on disk (or in the zip directory) before a byte is read; files under it get a
time budget for each stage of reading them.

The time budget is a real-time timer (``setitimer``/SIGALRM) that raises ``TooSlow`` in the
middle of whatever the reader is doing: Python code and regular expressions stop at once,
and a single call into lxml's C parser stops as soon as it returns, which the size limit
keeps to seconds. ``TooSlow`` is a BaseException so the readers' "a helper failed, read on
without it" handlers (trafilatura's, for one) cannot swallow it. Signals only reach the main
thread; elsewhere the stage runs to its end and is failed afterwards if it took too long.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

MB = 1024 * 1024
# A saved page or text capture is one release: a few hundred KB even with inline images.
MAX_PAGE_BYTES = 20 * MB
# Feeds and WordPress exports carry a whole archive in one file.
MAX_EXPORT_BYTES = 50 * MB
MAX_PARSE_SECONDS = 60


class TooSlow(BaseException):
    """Reading one file took longer than its time budget."""


def too_slow_reason(seconds: float) -> str:
    return (
        f"gave up reading it after {seconds:g} seconds, the limit for one file: it is far "
        "larger or more tangled than a news release. Split it into smaller files, or leave "
        "it out of the import"
    )


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``TooSlow`` when the block runs longer than ``seconds``.

    An alarm someone else set (a test runner's timeout) is put back afterwards, less the
    time spent here, and still goes off if it falls due inside the block."""
    started = time.monotonic()
    use_timer = threading.current_thread() is threading.main_thread() and hasattr(
        signal, "setitimer"
    )
    if use_timer:

        def expire(signum, frame):
            if time.monotonic() - started >= seconds or not callable(previous):
                raise TooSlow(seconds)
            previous(signum, frame)

        previous = signal.signal(signal.SIGALRM, expire)
        outer, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
        if outer and outer < seconds:
            signal.setitimer(signal.ITIMER_REAL, outer)
    try:
        yield
    finally:
        if use_timer:
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
            finally:
                signal.signal(signal.SIGALRM, previous)
                left = outer - (time.monotonic() - started) if outer else 0
                if left > 0:  # else it already went off, inside the block
                    signal.setitimer(signal.ITIMER_REAL, left, outer_interval)
    # The timer fired inside a handler that caught it, or there was no timer to fire.
    if time.monotonic() - started > seconds:
        raise TooSlow(seconds)
