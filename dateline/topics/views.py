from django.shortcuts import get_object_or_404, render
from wagtail.models import Locale, Site

from dateline.core.models import release_model
from dateline.core.paging import paginate

from .models import Topic


def _site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site is not None else None


def topic_list(request):
    counts = release_model().objects.topic_counts(_site_root(request))
    topics = list(Topic.objects.filter(locale=Locale.get_active()).order_by("name"))
    for topic in topics:
        topic.release_count = counts.get(topic.pk, 0)
    return render(request, "topics/topic_list.html", {"topics": topics})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug, locale=Locale.get_active())
    listed, counted = release_model().objects.readable(_site_root(request)).with_topic(topic)
    releases = listed.with_card_images().order_by("-release_date")
    return render(
        request,
        "topics/topic_detail.html",
        {"topic": topic, "page_obj": paginate(request, releases, counted=counted)},
    )
