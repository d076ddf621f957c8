"""The related-stories ranking, checked against scoring every release one by one.

RelatedIndex.ranked() groups releases that share no word with the story by which officials
and topics they share, so it never scores a large topic's releases one at a time. That must
not change a single list: here it is compared with the plain way on an archive where many
releases tie.
"""

import random
from datetime import UTC, datetime, timedelta

from dateline.releases.related import MIN_SCORE, Doc, RelatedIndex, _sort_key

WORDS = [
    "bridge",
    "levee",
    "library",
    "budget",
    "ferry",
    "orchard",
    "canal",
    "tramway",
    "pavilion",
    "hydrant",
]


def archive(size: int, seed: int) -> RelatedIndex:
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    docs = []
    for pk in range(1, size + 1):
        docs.append(
            Doc.make(
                pk,
                # Many releases on the same day: ties must fall to the newer, then the lower id.
                start + timedelta(days=rng.randint(0, 60)),
                " ".join(rng.sample(WORDS, 2)) + f" item{rng.randint(1, 400)}",
                f"Notice number {pk}" if rng.random() < 0.5 else "",
                topics=rng.sample(range(1, 6), rng.randint(0, 2)),
                officials=rng.sample(range(1, 8), rng.randint(0, 2)),
            )
        )
    return RelatedIndex(docs)


def one_by_one(index: RelatedIndex, query: Doc, limit: int = 5) -> list[tuple[float, int]]:
    scored = [
        (score, doc)
        for doc in index.docs.values()
        if doc.pk != query.pk and (score := index.pair_score(query, doc)) >= MIN_SCORE
    ]
    return [(score, doc.pk) for score, doc in sorted(scored, key=_sort_key)[:limit]]


def test_grouped_ranking_gives_the_same_lists_as_scoring_every_release():
    for seed, size in ((1, 60), (2, 400), (3, 1500)):
        index = archive(size, seed)
        for query in list(index.docs.values())[::7]:
            got = [(score, doc.pk) for score, doc in index.ranked(query)]
            assert got == one_by_one(index, query), (seed, query.pk)
