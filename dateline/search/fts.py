"""Full-text matches straight from Wagtail's SQLite (FTS5) index, scored in one query.

Wagtail's database backend on SQLite scores each match with a correlated subquery that runs
the full-text MATCH again for every matching row, so a common word in a 10,000-release
newsroom took close to a minute (bench/reach.py). The index and its contents are Wagtail's;
only the query is ours: one MATCH, ranked by FTS5's own bm25(), limited in the database.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from wagtail.search.backends import get_search_backend

# bm25() weights for the index's columns, in table order: autocomplete, body, title.
# Headlines count double; autocomplete text is not searched here.
_COLUMN_WEIGHTS = (0.0, 1.0, 2.0)


def available(queryset) -> bool:
    """Whether the search backend is Wagtail's SQLite FTS5 one, so its table can be read."""
    module = type(get_search_backend()).__module__
    return connections[queryset.db].vendor == "sqlite" and module.endswith(
        ".database.sqlite.sqlite"
    )


def match_all(queryset, words: list[str], limit: int) -> list[tuple[int, float]]:
    """(pk, score) for objects of `queryset` containing every word; best first, at most limit.

    Scores are FTS5's bm25, negated so that higher is better.
    """
    if not words:
        return []
    content_type = ContentType.objects.db_manager(queryset.db).get_for_model(queryset.model)
    phrase = " AND ".join('"{}"'.format(w.replace('"', '""')) for w in words)
    eligible_sql, eligible_params = queryset.values("pk").query.sql_with_params()
    weights = ", ".join(str(w) for w in _COLUMN_WEIGHTS)
    sql = f"""
        SELECT CAST(entry.object_id AS INTEGER),
               bm25(wagtailsearch_indexentry_fts, {weights}) AS score
        FROM wagtailsearch_indexentry_fts
        JOIN wagtailsearch_indexentry AS entry ON wagtailsearch_indexentry_fts.rowid = entry.id
        WHERE wagtailsearch_indexentry_fts MATCH %s
          AND entry.content_type_id = %s
          AND CAST(entry.object_id AS INTEGER) IN ({eligible_sql})
        ORDER BY score, entry.id
        LIMIT %s
    """
    params = [f"{{title body}} : ({phrase})", content_type.pk, *eligible_params, limit]
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [(pk, -score) for pk, score in cursor.fetchall()]
