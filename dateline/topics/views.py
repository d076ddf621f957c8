from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from wagtail.models import Locale, Site

from dateline.releases.listing import paginate, with_card_images
from dateline.releases.models import NewsReleasePage

from .models import Topic


def _site_releases(request):
    site = Site.find_for_request(request)
    releases = NewsReleasePage.objects.live().public()
    if site is not None:
        releases = releases.descendant_of(site.root_page, inclusive=True)
    return releases


def topic_list(request):
    locale = Locale.get_active()
    live_ids = _site_releases(request).values("pk")
    topics = (
        Topic.objects.filter(locale=locale)
        .annotate(release_count=Count("releases", filter=Q(releases__in=live_ids)))
        .order_by("name")
    )
    return render(request, "topics/topic_list.html", {"topics": topics})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug, locale=Locale.get_active())
    releases = with_card_images(
        _site_releases(request).filter(topics=topic).order_by("-release_date")
    )
    return render(
        request,
        "topics/topic_detail.html",
        {"topic": topic, "page_obj": paginate(request, releases)},
    )
