from django.core.paginator import Paginator

RELEASES_PER_PAGE = 10


def paginate(request, queryset, per_page: int = RELEASES_PER_PAGE):
    """The requested page of a listing; a bad or overlong page number shows the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
