"""Reading query and path parameters strictly: anything malformed is a 400 naming it."""

import datetime
import math
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from dateline.core.clientip import absolute_url

from .http import InvalidParameter, NotFound

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_ID = 2**63 - 1

# The query parameters the API reads. Pagination links carry these and nothing else: the page
# cache keys the API by them (tracking parameters such as utm_source are left out of its key),
# so anything else copied into a cached `next` link would be served to every reader.
RELEASE_FILTERS = ("newsroom", "topic", "official", "from", "to")
PAGING = ("page", "page_size")
QUERY_PARAMETERS = frozenset((*PAGING, *RELEASE_FILTERS))

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE = re.compile(r"[0-9]+")
_POSITIVE = re.compile(r"[1-9][0-9]*")
_SLUG = re.compile(r"[-\w]+")


def shown(value: str, limit: int = 80) -> str:
    """A client's value quoted back in a message, shortened."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def single(request, name: str) -> str | None:
    """The one value of a query parameter; None when absent, 400 when given twice."""
    values = request.GET.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise InvalidParameter(name, f"{name} is given {len(values)} times; give it once")
    return values[0]


def date_param(request, name: str) -> datetime.date | None:
    raw = single(request, name)
    if raw is None:
        return None
    day = None
    if _DATE.fullmatch(raw):
        try:
            day = datetime.date.fromisoformat(raw)
        except ValueError:
            day = None
    if day is None:
        raise InvalidParameter(name, f"{name} “{shown(raw)}” is not a date; use YYYY-MM-DD")
    return day


def looks_like_slug(value: str) -> bool:
    """Worth looking up: letters, digits, hyphens and underscores, not too long."""
    return len(value) <= 255 and bool(_SLUG.fullmatch(value))


def path_id(raw: str, what: str) -> int:
    """A page id from the path; anything but a positive whole number is simply not found."""
    if _POSITIVE.fullmatch(raw) and len(raw) <= 19 and int(raw) <= MAX_ID:
        return int(raw)
    raise NotFound(f"There is no {what} with id “{shown(raw)}”.")


def _whole_number(request, name: str, default: int, maximum: int | None) -> int:
    raw = single(request, name)
    if raw is None:
        return default
    value = None
    if _WHOLE.fullmatch(raw):
        # Past 18 digits it is out of range anyway; int() of huge strings is slow.
        value = int(raw) if len(raw) <= 18 else math.inf
    if value is None or value < 1 or (maximum is not None and value > maximum):
        wanted = f"from 1 to {maximum}" if maximum is not None else "of 1 or more"
        raise InvalidParameter(name, f"{name} “{shown(raw)}” is not a whole number {wanted}")
    return value


@dataclass
class Page:
    count: int
    number: int
    size: int
    items: list
    next: str | None
    previous: str | None

    def envelope(self, results: list) -> dict:
        return {
            "count": self.count,
            "page": self.number,
            "page_size": self.size,
            "next": self.next,
            "previous": self.previous,
            "results": results,
        }


class Pagination:
    """`page` (1-based) and `page_size` from the query, checked before any lookup; `filters`
    names the other parameters the view reads, which its page links keep."""

    def __init__(self, request, filters: tuple[str, ...] = ()):
        self.request = request
        self.filters = filters
        self.size = _whole_number(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        self.number = _whole_number(request, "page", 1, None)

    def _link(self, number: int) -> str:
        kept = {"page_size", *self.filters}
        # In the order the client gave them; each was read with single(), so given once.
        params = [(name, single(self.request, name)) for name in self.request.GET if name in kept]
        if number > 1:
            params.append(("page", str(number)))
        encoded = urlencode(params)
        url = absolute_url(self.request, self.request.path)
        return f"{url}?{encoded}" if encoded else url

    def page(self, items) -> Page:
        count = len(items) if isinstance(items, list) else items.count()
        last = max(1, math.ceil(count / self.size))
        if self.number > last:
            raw = shown(self.request.GET.get("page", ""))
            raise InvalidParameter("page", f"page “{raw}” is past the last page, {last}")
        start = (self.number - 1) * self.size
        return Page(
            count=count,
            number=self.number,
            size=self.size,
            items=list(items[start : start + self.size]),
            next=self._link(self.number + 1) if self.number < last else None,
            previous=self._link(self.number - 1) if self.number > 1 else None,
        )
