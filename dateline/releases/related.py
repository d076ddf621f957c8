"""The "Related stories" box of a release.

The editor's picks win. When a release has none, readers get up to three related stories
found by the computer, scored by what the releases share:

* each confirmed official both releases name: up to OFFICIAL_WEIGHT;
* each topic both releases carry: up to TOPIC_WEIGHT;
* how alike their headlines and deks read: up to TEXT_WEIGHT, from BM25 with the release's own
  words as the query, divided by the release's score against itself (so 1.0 = reads alike).

An official or topic in few releases says more than the mayor or "City services": each
counts between half and all of its weight, by its rarity (like BM25's IDF); and only the
MAX_SHARED rarest shared officials (and topics) count, so a council-wide letter is not related
to everything the council did. Stories scoring under MIN_SCORE are not related. Ties go to the
newer release, then the lower id, so the box is the same on every page load.

The lists are stored (ComputedRelated) and recomputed in the background when releases are
published or unpublished (signals.py); reading a release only reads them. A release that has no
stored list yet gets one computed on the fly, kept for a few minutes in the cache, never written.
"""

from __future__ import annotations

import heapq
import math
import re
import sys
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Min, Prefetch, prefetch_related_objects
from wagtail.images import get_image_model

from dateline.core.restrictions import is_readable
from dateline.officials.models import ReleaseMention

# The editor picks at most this many; models.py holds the picks and reads it from here.
MAX_RELATED = 5


def _release_model():
    # The models read the box through this module (NewsReleasePage.related_releases), so
    # this module reaches them through the app registry rather than an import.
    return apps.get_model("releases", "NewsReleasePage")


def _computed_model():
    return apps.get_model("releases", "ComputedRelated")


COMPUTED_SHOWN = 3  # computed stories a reader sees
COMPUTED_STORED = 5  # kept per release, so one withdrawn story leaves the box full
REFRESH_NEIGHBOURS = 50  # lists a newly published release is considered for
OFFICIAL_WEIGHT = 3.0
TOPIC_WEIGHT = 2.0
TEXT_WEIGHT = 5.0
MAX_SHARED = 2  # shared officials (and, apart, topics) that count
MIN_SCORE = 1.0
BM25_K1 = 1.2
BM25_B = 0.75
CACHE_SECONDS = 600
SMALL_NEWSROOM = 20  # releases; below this every shared word counts
LARGE_NEWSROOM = 1000  # releases; from this on only words in few releases count
_GENERATION_KEY = "dateline:related:generation"

# Words too common in any news release to say two releases are about the same thing.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "but",
        "by",
        "can",
        "city",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "more",
        "new",
        "news",
        "not",
        "now",
        "of",
        "on",
        "one",
        "or",
        "our",
        "out",
        "over",
        "said",
        "say",
        "says",
        "she",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "there",
        "these",
        "they",
        "this",
        "to",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(word: str) -> str:
    """Lower case without accents: "Nguyễn" → "nguyen"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """Plural to singular, enough to match "parks" with "park" and "libraries" with "library"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """The words that say what a text is about, folded and stemmed, in order."""
    found = []
    for match in _WORD.finditer(text or ""):
        word = fold(match.group())
        if len(word) < 2 or word.isdigit() or word in STOP_WORDS:
            continue
        # One string per distinct word however many releases use it: at 100,000 releases
        # the index would otherwise hold a million copies.
        found.append(sys.intern(stem(word)))
    return found


@dataclass(slots=True)
class Doc:
    """What the scoring needs to know about one release."""

    pk: int | None
    when: float  # release date as a timestamp, for ties
    tf: dict[str, int]
    length: int
    topics: frozenset[int] = field(default_factory=frozenset)
    officials: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def make(cls, pk, when, title, dek, topics=(), officials=()) -> Doc:
        words = terms(f"{title} {dek}")
        tf: dict[str, int] = defaultdict(int)
        for word in words:
            tf[word] += 1
        return cls(
            pk=pk,
            when=when.timestamp() if when else 0.0,
            tf=dict(tf),
            length=len(words),
            topics=frozenset(topics),
            officials=frozenset(officials),
        )

    @classmethod
    def from_page(cls, page) -> Doc:
        """From a page object, as it stands (also an unsaved preview)."""
        return cls.make(
            page.pk,
            page.release_date,
            page.title,
            page.dek,
            topics=[t.pk for t in page.topics.all()],
            officials=[m.official_id for m in page.mentions.all() if m.confirmed],
        )


def _top(weights) -> float:
    return sum(sorted(weights, reverse=True)[:MAX_SHARED])


def _sort_key(item: tuple[float, Doc]):
    score, doc = item
    return (-score, -doc.when, doc.pk)


class RelatedIndex:
    """Every live, public release in memory, with postings to find candidates quickly."""

    def __init__(self, docs: Iterable[Doc]):
        self.docs: dict[int, Doc] = {d.pk: d for d in docs}
        # term -> (release ids, counts), in id order: two arrays take a tenth of the memory
        # of a dict per term at 100,000 releases.
        self.postings: dict[str, tuple[array, array]] = {}
        self.by_topic: dict[int, set[int]] = defaultdict(set)
        self.by_official: dict[int, set[int]] = defaultdict(set)
        total = 0
        for doc in self.docs.values():
            total += doc.length
            for term, count in doc.tf.items():
                posting = self.postings.get(term)
                if posting is None:
                    posting = self.postings[term] = (array("q"), array("l"))
                posting[0].append(doc.pk)
                posting[1].append(count)
            for topic in doc.topics:
                self.by_topic[topic].add(doc.pk)
            for official in doc.officials:
                self.by_official[official].add(doc.pk)
        self.size = len(self.docs)
        self.avg_length = (total / self.size) if self.size else 1.0
        self._self_scores: dict[int, float] = {}

    def _rarity(self, count: int) -> float:
        """1.0 for what one release has, down to 0.5 for what every release has."""
        rarest = self.idf_for(1)
        return 0.5 + 0.5 * (self.idf_for(max(count, 1)) / rarest if rarest > 0 else 1.0)

    def official_weight(self, official: int) -> float:
        return OFFICIAL_WEIGHT * self._rarity(len(self.by_official.get(official, ())))

    def topic_weight(self, topic: int) -> float:
        return TOPIC_WEIGHT * self._rarity(len(self.by_topic.get(topic, ())))

    @classmethod
    def build(cls) -> RelatedIndex:
        NewsReleasePage = _release_model()
        topics: dict[int, set[int]] = defaultdict(set)
        through = NewsReleasePage.topics.through
        for page_id, topic_id in through.objects.values_list("newsreleasepage_id", "topic_id"):
            topics[page_id].add(topic_id)
        officials: dict[int, set[int]] = defaultdict(set)
        mentions = ReleaseMention.objects.filter(confirmed=True)
        for page_id, official_id in mentions.values_list("page_id", "official_id"):
            officials[page_id].add(official_id)
        # Releases share a few sets of topics and officials: one object per distinct set.
        sets: dict[frozenset[int], frozenset[int]] = {}

        def shared(ids) -> frozenset[int]:
            key = frozenset(ids)
            return sets.setdefault(key, key)

        # Headlines and deks are read in batches and dropped once scored: a whole archive's
        # text never sits in memory beside the index.
        rows = (
            NewsReleasePage.objects.readable()
            .values_list("pk", "release_date", "title", "dek")
            .order_by("pk")
            .iterator(chunk_size=2000)
        )
        return cls(
            Doc.make(
                pk, when, title, dek, shared(topics.get(pk, ())), shared(officials.get(pk, ()))
            )
            for pk, when, title, dek in rows
        )

    # --- scoring ----------------------------------------------------------------------

    def idf_for(self, df: int) -> float:
        return math.log(1 + max(self.size - df + 0.5, 0.0) / (df + 0.5))

    def idf(self, term: str) -> float:
        return self.idf_for(self.df(term))

    def df(self, term: str) -> int:
        """How many releases use the term."""
        posting = self.postings.get(term)
        return len(posting[0]) if posting else 0

    def _term_weight(self, term: str, tf: int, length: int) -> float:
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / (self.avg_length or 1.0))
        return self.idf(term) * tf * (BM25_K1 + 1) / (tf + norm)

    def _query_terms(self, query: Doc) -> list[str]:
        # In a large newsroom, terms in more than half the releases say little and would make
        # every release a candidate: skip them (FTS5's BM25 all but does).
        if self.size < SMALL_NEWSROOM:
            return list(query.tf)
        # In a large archive, a word in more than a tenth of all releases ("council", "park")
        # no longer tells stories apart, and its long posting list would make scoring every
        # list quadratic (bench/reach.py).
        share = 0.5 if self.size < LARGE_NEWSROOM else 0.1
        limit = self.size * share
        return [t for t in query.tf if self.df(t) <= limit]

    def self_score(self, query: Doc) -> float:
        if query.pk is not None and query.pk in self._self_scores:
            return self._self_scores[query.pk]
        score = sum(
            self._term_weight(t, query.tf[t], query.length) for t in self._query_terms(query)
        )
        if query.pk is not None:
            self._self_scores[query.pk] = score
        return score

    def pair_score(self, query: Doc, other: Doc) -> float:
        """How related `other` is to `query`, as query's list would score it."""
        score = _top(self.official_weight(o) for o in query.officials & other.officials)
        score += _top(self.topic_weight(t) for t in query.topics & other.topics)
        own = self.self_score(query)
        if own > 0:
            text = sum(
                self._term_weight(t, other.tf[t], other.length)
                for t in self._query_terms(query)
                if t in other.tf
            )
            score += TEXT_WEIGHT * min(1.0, text / own)
        return round(score, 6)

    def ranked(self, query: Doc, limit: int = COMPUTED_STORED) -> list[tuple[float, Doc]]:
        """The most related releases, best first, each with its score.

        Releases sharing no scored word with the query score only by which of its officials
        and topics they share; among those with the same share the newest win ties, so each
        such group needs only its `limit` newest — a large topic's thousands of releases are
        sorted into a few groups rather than scored one by one.
        """
        own = self.self_score(query)
        text = self._text_scores(query) if own > 0 else {}
        shared = _SharedWith(self, query)
        scored = []
        for pk, value in text.items():
            if pk == query.pk:
                continue
            share = shared.score(shared.masks.get(pk, 0))
            score = round(share + TEXT_WEIGHT * min(1.0, value / own), 6)
            if score >= MIN_SCORE:
                scored.append((score, self.docs[pk]))
        scored += self._newest_by_share(query, shared, text, limit)
        return heapq.nsmallest(limit, scored, key=_sort_key)

    def _text_scores(self, query: Doc) -> dict[int, float]:
        """BM25 of every release that uses one of the query's scored words."""
        text: dict[int, float] = defaultdict(float)
        for term in self._query_terms(query):
            pks, counts = self.postings.get(term, ((), ()))
            for pk, tf in zip(pks, counts, strict=True):
                text[pk] += self._term_weight(term, tf, self.docs[pk].length)
        return text

    def _newest_by_share(
        self, query: Doc, shared: _SharedWith, text: dict[int, float], limit: int
    ) -> list[tuple[float, Doc]]:
        """The releases that share officials or topics but no scored word, by group of the
        same share: each group scores alike, so only its `limit` newest can make the list."""
        groups: dict[int, list[int]] = defaultdict(list)
        for pk, mask in shared.masks.items():
            if pk not in text and pk != query.pk:
                groups[mask].append(pk)
        docs = self.docs
        scored = []
        for mask, members in groups.items():
            score = round(shared.score(mask), 6)
            if score < MIN_SCORE:
                continue
            newest = heapq.nsmallest(limit, members, key=lambda pk: (-docs[pk].when, pk))
            scored += [(score, docs[pk]) for pk in newest]
        return scored


class _SharedWith:
    """Which of a query's officials and topics each release shares, as the bits of a mask
    (officials first, then topics), and what each share is worth."""

    def __init__(self, index: RelatedIndex, query: Doc):
        officials = sorted(query.officials)
        topics = sorted(query.topics)
        self.weights = [index.official_weight(o) for o in officials]
        self.weights += [index.topic_weight(t) for t in topics]
        self.first_topic = len(officials)
        self.masks: dict[int, int] = defaultdict(int)
        for bit, official in enumerate(officials):
            for pk in index.by_official.get(official, ()):
                self.masks[pk] |= 1 << bit
        for bit, topic in enumerate(topics, start=len(officials)):
            for pk in index.by_topic.get(topic, ()):
                self.masks[pk] |= 1 << bit
        self._scores: dict[int, float] = {}  # many releases share the same few masks

    def score(self, mask: int) -> float:
        """The best few shared officials' weights plus the best few shared topics'."""
        if mask not in self._scores:
            weights, first_topic = self.weights, self.first_topic
            held = [bit for bit in range(len(weights)) if mask >> bit & 1]
            self._scores[mask] = _top(weights[b] for b in held if b < first_topic) + _top(
                weights[b] for b in held if b >= first_topic
            )
        return self._scores[mask]


# --- reading --------------------------------------------------------------------------


def editor_picks(release, limit: int = MAX_RELATED) -> list:
    """The editor's picks in order, skipping the release itself and any a reader may not
    open (a draft, or one behind a password, a login or a private newsroom)."""
    picks = []
    links = release.related_links.all().select_related("release", "release__lead_image")
    # The box shows headline, date and photo: the bodies are left unread.
    for link in links.defer("release__body"):
        target = link.release
        if target.pk != release.pk and is_readable(target) and target not in picks:
            picks.append(target)
    return picks[:limit]


def _readable(ids: list[int], release) -> list:
    pages = (
        _release_model()
        .objects.readable()
        .defer_streamfields()
        .filter(pk__in=ids)
        .exclude(pk=release.pk)
        .select_related("lead_image")
        .in_bulk()
    )
    return [pages[pk] for pk in ids if pk in pages]


def _on_the_fly_ids(release) -> list[int]:
    """Computed now, without writing: for a release whose list is not stored yet."""
    if release.pk is None:
        return [d.pk for _, d in RelatedIndex.build().ranked(Doc.from_page(release))]
    stamp = release.last_published_at.timestamp() if release.last_published_at else 0
    key = f"dateline:related:{release.pk}:{stamp}:{cache.get(_GENERATION_KEY, 0)}"
    ids = cache.get(key)
    if ids is None:
        ids = [d.pk for _, d in RelatedIndex.build().ranked(Doc.from_page(release))]
        cache.set(key, ids, CACHE_SECONDS)
    return ids


def computed_related(release, limit: int = COMPUTED_SHOWN) -> list:
    """The stored computed list (live, public ones only); computed now if none is stored."""
    if release.pk is not None:
        stored = list(
            _release_model()
            .objects.readable()
            .defer_streamfields()
            .filter(computed_for__release=release)
            .exclude(pk=release.pk)
            .select_related("lead_image")
            .order_by("computed_for__rank")[:limit]
        )
        if stored or _computed_model().objects.filter(release=release).exists():
            return stored
    return _readable(_on_the_fly_ids(release), release)[:limit]


# The thumbnail the related-stories box shows (news_release_page.html).
THUMBNAIL_RENDITIONS = ("fill-240x160|format-jpeg",)


def related_releases(release, limit: int = MAX_RELATED) -> list:
    """The editor's live picks in order; when there are none, up to three computed ones."""
    picks = editor_picks(release, limit) or computed_related(release, min(limit, COMPUTED_SHOWN))
    return _with_thumbnails(picks)


def _with_thumbnails(pages: list) -> list:
    """Fetch the box's thumbnails in one query rather than one per story."""
    photos = [page.lead_image for page in pages if page.lead_image_id]
    if photos:
        renditions = get_image_model().get_rendition_model().objects
        prefetch_related_objects(
            photos,
            Prefetch(
                "renditions", queryset=renditions.filter(filter_spec__in=THUMBNAIL_RENDITIONS)
            ),
        )
    return pages


# --- recomputing (in the background: see signals.py) ---------------------------------


def _store(release_id: int, ranked: list[tuple[float, Doc]]) -> bool:
    """Replace a release's stored list; False when it was already the same."""
    new = [(doc.pk, rank, score) for rank, (score, doc) in enumerate(ranked, start=1)]
    old = list(
        _computed_model()
        .objects.filter(release_id=release_id)
        .order_by("rank")
        .values_list("related_id", "rank", "score")
    )
    if old == new:
        return False
    ComputedRelated = _computed_model()
    with transaction.atomic():
        ComputedRelated.objects.filter(release_id=release_id).delete()
        _computed_model().objects.bulk_create(
            ComputedRelated(release_id=release_id, related_id=pk, rank=rank, score=score)
            for pk, rank, score in new
        )
    return True


def _bump_generation() -> None:
    """Forget every list computed on the fly: the stored ones have changed."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 1, None)


def recompute(release_ids: Iterable[int], index: RelatedIndex | None = None) -> int:
    """Recompute and store the lists of these releases; drop those of releases not live."""
    index = index or RelatedIndex.build()
    ids = set(release_ids)
    changed = 0
    gone = [pk for pk in ids if pk not in index.docs]
    if gone:
        stale = _computed_model().objects.filter(release_id__in=gone)
        changed += stale.values("release_id").distinct().count()
        stale.delete()
    for pk in sorted(ids - set(gone)):
        changed += _store(pk, index.ranked(index.docs[pk]))
    if changed:
        _bump_generation()
    return changed


def recompute_all() -> int:
    """Every live release's list, from scratch (`dateline recompute_related`)."""
    index = RelatedIndex.build()
    _computed_model().objects.exclude(release_id__in=list(index.docs)).delete()
    return recompute(index.docs, index)


def lists_to_refresh(page_ids: Iterable[int], index: RelatedIndex) -> set[int]:
    """The releases whose lists may change because these pages were published or withdrawn.

    A page's own list; every list that holds it (it may have changed or gone); and, for a
    page that is live, the lists it now scores high enough to enter — looked for among the
    REFRESH_NEIGHBOURS releases most related to it. Shared officials and topics weigh the
    same both ways, so a list it enters belongs to one of its own nearest; checking every
    release in a large archive instead would rank the whole archive once per list.
    """
    page_ids = set(page_ids)
    targets = set(page_ids)
    targets.update(
        _computed_model()
        .objects.filter(related_id__in=page_ids)
        .values_list("release_id", flat=True)
    )
    for pk in page_ids:
        page = index.docs.get(pk)
        if page is None:
            continue
        nearest = [doc.pk for _, doc in index.ranked(page, limit=REFRESH_NEIGHBOURS)]
        stats = {
            row["release_id"]: (row["n"], row["low"])
            for row in _computed_model()
            .objects.filter(release_id__in=nearest)
            .values("release_id")
            .annotate(n=Count("id"), low=Min("score"))
        }
        for other_pk in nearest:
            score = index.pair_score(index.docs[other_pk], page)
            if score < MIN_SCORE:
                continue
            stored, lowest = stats.get(other_pk, (0, 0.0))
            if stored < COMPUTED_STORED or score >= lowest:
                targets.add(other_pk)
    return targets


def refresh_around(page_ids: Iterable[int], owners: Iterable[int] = ()) -> int:
    """After pages were published, unpublished or made private: recompute what they touch.

    `owners` are releases whose lists need recomputing as they are (e.g. a story in them was
    deleted).
    """
    index = RelatedIndex.build()
    return recompute(lists_to_refresh(page_ids, index) | set(owners), index)
