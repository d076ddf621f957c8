"""Asking the background worker (huey) to do something now rather than at its next round."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def ask(task, *args, **kwargs) -> bool:
    """Enqueue a huey task (huey runs it inline when immediate); False when that failed.

    For work whose rows the caller has already committed and a periodic job picks up anyway:
    asking only makes it happen sooner, so a queue that cannot be reached is logged and must
    not turn the caller's success (a saved subscription, a publication) into an error.
    """
    try:
        task(*args, **kwargs)
    except Exception:
        name = getattr(task, "name", None) or getattr(task, "__name__", repr(task))
        logger.exception("Could not ask the worker to run %s; its periodic job will.", name)
        return False
    return True
