"""From paths to records: the source walker, each format's reader, then the newsroom rules."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime

from . import record as rec


def read(paths: Sequence, fmt: str = "auto") -> Iterator:
    """Yield a Record per release found, or the walker's Failure / Skipped for a file."""
    from . import newsroom, sources

    for item in sources.walk(paths, fmt):
        if isinstance(item, rec.RawDocument):
            try:
                yield newsroom.structure(item)
            except rec.ReadError as error:
                yield sources.Failure(item.source, str(error))
            except Exception as error:  # a reader bug on one odd page must not end the run
                yield sources.Failure(
                    item.source, f"could not read the release ({type(error).__name__}: {error})"
                )
        else:
            yield item


def record_day(record: rec.Record, on: date | None = None) -> date | None:
    """The day whose titles apply: --on when given, else the release's own date."""
    if on is not None:
        return on
    published = record.published
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if record.dateline and record.dateline.date:
        return record.dateline.date
    return None
