"""Print, as JSON, the addresses bench/serve.py loads and watches (run with Django's env set).

release   the newest live release (the one loaded with wrk and then republished)
showing   every public address that shows that release's headline: its page, the home
          page, its newsroom, archive month, topics, officials, feeds, the API's list and
          the page of a release whose related-stories box lists it
sample   320 live releases, for uncached render times (20 warm up, 300 timed)
lists     list pages, feeds, sitemaps and the API, for uncached render times
count     live releases in the database
"""

import json
import random
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    django.setup()
    from django.utils import timezone

    from dateline.releases.models import ComputedRelated, NewsReleasePage, RelatedRelease
    from dateline.releases.related import COMPUTED_SHOWN

    live = NewsReleasePage.objects.live()
    ids = list(live.values_list("pk", flat=True))
    newest = live.order_by("-release_date").first()
    newsroom = newest.get_parent().specific
    month = timezone.localtime(newest.release_date).strftime("%Y/%m/")
    topics = [t.slug for t in newest.topics.all()]
    officials = [m.official for m in newest.mentions.filter(confirmed=True)]
    # Whose related-stories box shows it: an editor's pick, or a computed one in the shown
    # three of a release with no picks.
    owners = list(
        RelatedRelease.objects.filter(release=newest, page__live=True).values_list(
            "page_id", flat=True
        )
    ) + list(
        ComputedRelated.objects.filter(related=newest, rank__lte=COMPUTED_SHOWN, release__live=True)
        .exclude(release__related_links__isnull=False)
        .values_list("release_id", flat=True)
    )
    showing = [
        newest.url,
        "/",
        newsroom.url,
        newsroom.url + month,
        "/feeds/rss.xml",
        f"/feeds/newsroom/{newsroom.slug}/atom.xml",
        "/api/v1/releases/",
        *[f"/topics/{slug}/" for slug in topics],
        *[f"/feeds/topic/{slug}/feed.json" for slug in topics],
        *[official.get_absolute_url() for official in officials],
    ]
    if owners:
        showing.append(NewsReleasePage.objects.get(pk=owners[0]).url)
    sample = random.Random(7).sample(ids, min(320, len(ids)))
    first_topic = f"/topics/{topics[0]}/" if topics else "/topics/"
    lists = [
        "/",
        newsroom.url,
        newsroom.url + "?page=50",
        newsroom.url + month,
        "/topics/",
        first_topic,
        "/officials/",
        officials[0].get_absolute_url() if officials else "/officials/",
        "/feeds/rss.xml",
        "/sitemap.xml",
        "/sitemaps/releases/1.xml",
        "/api/v1/releases/",
    ]
    print(
        json.dumps(
            {
                "release": newest.url,
                "release_id": newest.pk,
                "showing": showing,
                "sample": [p.url for p in live.filter(pk__in=sample)],
                "lists": lists,
                "count": len(ids),
            }
        )
    )


if __name__ == "__main__":
    main()
