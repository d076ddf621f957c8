from django.core.paginator import Paginator

RELEASES_PER_PAGE = 10


def paginate(request, queryset, per_page: int = RELEASES_PER_PAGE):
    """The requested page of a listing; a bad or overlong page number shows the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# The renditions release cards use (releases/includes/release_card.html).
CARD_RENDITIONS = ("fill-480x270|format-jpeg", "fill-960x540|format-jpeg")


def with_card_images(queryset):
    """Releases with their lead photos and the photos' card renditions in two queries, not
    two per card."""
    from django.db.models import Prefetch
    from wagtail.images import get_image_model

    photos = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
    return queryset.prefetch_related(Prefetch("lead_image", queryset=photos))
