from django.shortcuts import get_object_or_404, render
from wagtail.models import Locale, Site

from dateline.releases.listing import (
    paginate,
    public_releases,
    topic_counts,
    with_card_images,
    with_topic,
)

from .models import Topic


def _site_releases(request):
    site = Site.find_for_request(request)
    return public_releases(site.root_page if site is not None else None)


def topic_list(request):
    site = Site.find_for_request(request)
    counts = topic_counts(site.root_page if site is not None else None)
    topics = list(Topic.objects.filter(locale=Locale.get_active()).order_by("name"))
    for topic in topics:
        topic.release_count = counts.get(topic.pk, 0)
    return render(request, "topics/topic_list.html", {"topics": topics})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug, locale=Locale.get_active())
    listed, counted = with_topic(_site_releases(request), topic)
    releases = with_card_images(listed.order_by("-release_date"))
    return render(
        request,
        "topics/topic_detail.html",
        {"topic": topic, "page_obj": paginate(request, releases, counted=counted)},
    )
