"""From paths to records: the source walker, each format's reader, then the newsroom rules."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime

from dateline.core.textrules import release_date_problem

from . import limits, newsroom, sources
from . import record as rec


def read(
    paths: Sequence, fmt: str = "auto", max_bytes: int | None = None, today: date | None = None
) -> Iterator:
    """Yield a Record per release found, or the walker's Failure / Skipped for a file.

    Every record leaves here cleaned of control characters and with a date a release may
    carry, whichever reader found it: this is the one gate between the readers and the
    writer (and ``--dry-run --json``)."""
    today = today or date.today()
    for item in sources.walk(paths, fmt, max_bytes):
        if isinstance(item, rec.RawDocument):
            try:
                with limits.time_limit(limits.MAX_PARSE_SECONDS):
                    record = newsroom.structure(item)
            except limits.TooSlow:
                yield sources.Failure(item.source, limits.too_slow_reason(limits.MAX_PARSE_SECONDS))
                continue
            except rec.ReadError as error:
                yield sources.Failure(item.source, str(error))
                continue
            except Exception as error:  # a reader bug on one odd page must not end the run
                yield sources.Failure(
                    item.source, f"could not read the release ({type(error).__name__}: {error})"
                )
                continue
            problem = date_problem(record, today)
            if problem:
                yield sources.Failure(item.source, problem)
                continue
            yield record.clean()
        else:
            yield item


def date_problem(record: rec.Record, today: date) -> str | None:
    """Why the date found for ``record`` cannot be a release's (year 1, 9999…), or None."""
    for found in (record.published, record.dateline.date if record.dateline else None):
        if isinstance(found, date):
            problem = release_date_problem(found, today)
            if problem:
                return f"the date found on it cannot be right: {problem}"
    return None


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
