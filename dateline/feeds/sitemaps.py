from django.contrib.sitemaps import Sitemap

from dateline.officials.models import Official
from dateline.topics.models import Topic


class TopicSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Topic.objects.filter(releases__live=True).distinct().order_by("slug")


class OfficialSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Official.objects.order_by("slug")
