"""Paging through any list a reader sees: a bad or overlong page number shows the nearest
page, and a list may be counted by a quicker query than the one that lists it."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

PER_PAGE = 10


class _Paginator(Paginator):
    def __init__(self, *args, counted=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.counted = counted

    @cached_property
    def count(self):
        if self.counted is not None:
            return self.counted.count()
        return super().count


def paginate(request, queryset, per_page: int = PER_PAGE, counted=None):
    """The requested page of a listing; a bad or overlong page number shows the nearest page.

    `counted`, when given, is the same rows asked for in a way that is quicker to count
    (see releases/listing.py with_topic()).
    """
    return _Paginator(queryset, per_page, counted=counted).get_page(request.GET.get("page"))
