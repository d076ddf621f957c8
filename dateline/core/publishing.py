"""Publishing many releases at once (an import) without what one publication sets off.

Moving a newsroom's archive in is not news: nobody should be emailed, and recomputing every
related-stories list after each of thousands of publications would take hours. Code that
publishes in bulk runs inside ``bulk_publication()`` and settles the related lists once at the
end; the page_published handlers ask ``in_bulk_publication()``.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_bulk = ContextVar("dateline_bulk_publication", default=False)


@contextmanager
def bulk_publication():
    token = _bulk.set(True)
    try:
        yield
    finally:
        _bulk.reset(token)


def in_bulk_publication() -> bool:
    return _bulk.get()
