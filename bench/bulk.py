"""Fill a scratch database with many releases fast, for benchmarks that need a big archive.

Publishing 100,000 releases one by one through Wagtail takes hours; the benchmarks need the
rows a reader's request touches, not their history. So one live demo release is copied row
for row — its page, its release fields, its topics, its confirmed officials — with a new
headline, slug, tree position and release date for each copy, and each copy gets three
computed related stories. Copies have no revisions and are not in the search index; nothing
here is for a real site.

Call clone_releases() inside a configured Django process (after the demo city is loaded).
"""

import random
import uuid
from datetime import timedelta

WORDS = (  # noqa: SIM905 - a sentence of words reads better than a list
    "council budget water park library street bridge housing grant fire safety transit bus "
    "route permit hearing vote plan repair storm drain trail festival arts youth senior "
    "program service closure detour sidewalk bike lane tree river levee flood police "
    "community meeting district residents project construction funding state federal award"
).split()
BATCH = 5000


def _row(cursor, table: str, key: str, value) -> dict:
    cursor.execute(f'SELECT * FROM "{table}" WHERE "{key}" = %s', [value])
    names = [column[0] for column in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def _insert(cursor, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    names = list(rows[0])
    columns = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join(["%s"] * len(names))
    cursor.executemany(
        f'INSERT INTO "{table}" ({columns}) VALUES ({marks})',
        [[row[name] for name in names] for row in rows],
    )


def clone_releases(count: int, seed: int = 7, years: int = 10) -> list[int]:
    """Add `count` live releases to the template's newsroom; returns their page ids."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from dateline.officials.models import Official, ReleaseMention
    from dateline.releases.models import ComputedRelated, NewsReleasePage
    from dateline.topics.models import Topic

    rng = random.Random(seed)
    template = (
        NewsReleasePage.objects.live()
        .exclude(lead_image=None)
        .filter(mentions__confirmed=True)
        .order_by("-release_date")
        .first()
    )
    newsroom = template.get_parent()
    topic_ids = list(Topic.objects.values_list("pk", flat=True))
    official_ids = list(Official.objects.values_list("pk", flat=True))
    mention = ReleaseMention.objects.filter(page=template, confirmed=True).first()
    topics_table = NewsReleasePage.topics.through._meta.db_table
    ops = connection.ops
    key_field = Page._meta.get_field("translation_key")
    now = timezone.now()
    ids = []
    with transaction.atomic(), connection.cursor() as cursor:
        page_row = _row(cursor, Page._meta.db_table, "id", template.pk)
        release_row = _row(cursor, NewsReleasePage._meta.db_table, "page_ptr_id", template.pk)
        mention_row = _row(cursor, ReleaseMention._meta.db_table, "id", mention.pk)
        last_child = newsroom.get_last_child()
        step = int(last_child.path[-Page.steplen :], 36) if last_child else 0
        next_id = (Page.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        mention_ids = ReleaseMention.objects.order_by("-pk").values_list("pk", flat=True)
        next_mention = (mention_ids.first() or 0) + 1
        for start in range(0, count, BATCH):
            pages, releases, topics, mentions, related = [], [], [], [], []
            for n in range(start, min(count, start + BATCH)):
                pk = next_id + n
                step += 1
                title = f"{' '.join(rng.sample(WORDS, 6)).capitalize()} {n + 1}"
                slug = f"bulk-release-{n + 1}"
                when = now - timedelta(minutes=rng.randint(60, 60 * 24 * 365 * years))
                stamp = ops.adapt_datetimefield_value(when)
                pages.append(
                    {
                        **page_row,
                        "id": pk,
                        "path": Page._get_path(newsroom.path, newsroom.depth + 1, step),
                        "numchild": 0,
                        "translation_key": key_field.get_db_prep_value(uuid.uuid4(), connection),
                        "latest_revision_id": None,
                        "live_revision_id": None,
                        "has_unpublished_changes": False,
                        "first_published_at": stamp,
                        "last_published_at": stamp,
                        "latest_revision_created_at": None,
                        "title": title,
                        "draft_title": title,
                        "slug": slug,
                        "url_path": f"{newsroom.url_path}{slug}/",
                        "seo_title": "",
                        "search_description": "",
                    }
                )
                releases.append(
                    {
                        **release_row,
                        "page_ptr_id": pk,
                        "dek": " ".join(rng.sample(WORDS, 12)).capitalize() + ".",
                        "release_date": stamp,
                        "correction_notice": "",
                        "archived": False,
                    }
                )
                topics += [
                    {"newsreleasepage_id": pk, "topic_id": topic}
                    for topic in rng.sample(topic_ids, min(2, len(topic_ids)))
                ]
                for order, official in enumerate(rng.sample(official_ids, 2)):
                    mentions.append(
                        {
                            **mention_row,
                            "id": next_mention,
                            "page_id": pk,
                            "official_id": official,
                            "sort_order": order,
                        }
                    )
                    next_mention += 1
                if n >= 3:
                    picks = rng.sample(range(next_id, pk), 3)
                    related += [
                        {"release_id": pk, "related_id": other, "rank": rank, "score": 1.0}
                        for rank, other in enumerate(picks, start=1)
                    ]
                ids.append(pk)
            _insert(cursor, Page._meta.db_table, pages)
            _insert(cursor, NewsReleasePage._meta.db_table, releases)
            _insert(cursor, topics_table, topics)
            _insert(cursor, ReleaseMention._meta.db_table, mentions)
            _insert(cursor, ComputedRelated._meta.db_table, related)
        Page.objects.filter(pk=newsroom.pk).update(numchild=newsroom.numchild + count)
        for sql in ops.sequence_reset_sql(
            no_style(),
            [Page, ReleaseMention, ComputedRelated, NewsReleasePage.topics.through],
        ):
            cursor.execute(sql)
    return ids


if __name__ == "__main__":
    # `python bench/bulk.py N`, with DJANGO_SETTINGS_MODULE and the database in the
    # environment (bench/serve.py runs it this way against its scratch database).
    import sys
    import time
    from pathlib import Path

    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    django.setup()
    started = time.perf_counter()
    made = clone_releases(int(sys.argv[1]))
    print(f"{len(made)} releases added in {time.perf_counter() - started:.1f} s", file=sys.stderr)
