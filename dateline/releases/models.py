import datetime
import zoneinfo
from urllib.parse import urlencode

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, Site
from wagtail.search import index

from dateline.core import apstyle, blocks, sitewide
from dateline.core.cachepaths import CachedPaths, page_path
from dateline.core.models import CitySettings, MediaContact
from dateline.core.paging import paginate
from dateline.core.restrictions import (
    ReadableManager,
    ReadableQuerySet,
    ViewRestrictionsReadOnce,
    is_readable,
    readable,
    restricted_paths,
)
from dateline.core.validators import alt_text_problem, validate_state
from dateline.officials.blocks import LetterBlock
from dateline.officials.models import Official, ReleaseMention
from dateline.topics.models import Topic

from .forms import ArchiveNoticePanel, NewsReleasePageForm, RelatedStoriesPanel
from .listing import (
    in_year,
    months_with_releases,
    with_card_images,
    with_topic,
    years_with_releases,
)
from .related import MAX_RELATED, related_releases
from .structured import json_ld, news_article, share_image


class HomePage(ViewRestrictionsReadOnce, Page):
    """The city's news front page: the featured release and the latest from every newsroom."""

    intro = models.CharField(max_length=300, blank=True)
    featured_release = models.ForeignKey(
        "releases.NewsReleasePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown first. When empty, the most recent release is featured.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        PageChooserPanel("featured_release", "releases.NewsReleasePage"),
    ]
    subpage_types = ["releases.NewsIndexPage"]
    max_count_per_parent = 1

    @property
    def localized_draft(self):
        # Routing asks for the home page's translation on every request; the active locale
        # is kept between requests (core/sitewide.py) rather than read each time.
        locale = sitewide.active_locale()
        if locale is not None and locale.id == self.locale_id:
            return self
        return super().localized_draft

    def route(self, request, path_components):
        # A newsroom in one query rather than Wagtail's two (the page, then its own fields),
        # kept between requests until the site changes (core/sitewide.py).
        if path_components:
            newsroom = NewsIndexPage.objects.at(self, path_components[0])
            if newsroom is not None:
                newsroom._cached_parent_obj = self  # treebeard's get_parent() reads it
                return newsroom.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        releases = (
            NewsReleasePage.objects.readable(self).with_card_images().order_by("-release_date")
        )
        featured = self.featured_release
        if featured is None or not is_readable(featured):
            featured = releases.first()
        context["featured"] = featured
        context["latest"] = [r for r in releases[:7] if featured is None or r.pk != featured.pk][:6]
        context["newsrooms"] = NewsIndexPage.objects.under(self)
        return context

    class Meta:
        verbose_name = "home page"


class NewsroomManager(ReadableManager):
    def under(self, root=None) -> list:
        """The readable newsrooms under `root` (a site's home page; every site's when None),
        in the tree's order:
        the navigation, search's newsroom filter. Kept between requests (core/sitewide.py).

        By page type, sorted here: asked for in the tree's order, SQLite would walk every
        page under the home page (the whole archive) to find the few newsrooms.
        """

        def read():
            found = self.readable(root).order_by()
            return sorted(found, key=lambda newsroom: newsroom.path)

        kept = sitewide.remembered(("newsrooms", root.path if root else ""), read)
        return [sitewide.copy_page(newsroom) for newsroom in kept]

    def at(self, home, slug: str):
        """The newsroom at `slug` under the home page, or None (routing, on every request)."""

        def read():
            return self.filter(path__startswith=home.path, depth=home.depth + 1, slug=slug).first()

        found = sitewide.remembered(("newsroom", home.path, slug), read, keep_none=False)
        return None if found is None else sitewide.copy_page(found)


class NewsIndexPage(ViewRestrictionsReadOnce, RoutablePageMixin, Page):
    """A newsroom: the city's, the mayor's, a department's. Lists its releases newest first,
    with archives by year (/news/2025/) and month (/news/2025/09/)."""

    objects = NewsroomManager()

    intro = RichTextField(blank=True, features=blocks.RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["releases.NewsReleasePage"]
    parent_page_types = ["releases.HomePage", "wagtailcore.Page"]

    def releases(self):
        return NewsReleasePage.objects.readable(self).with_card_images().order_by("-release_date")

    def route(self, request, path_components):
        # A release in one query rather than Wagtail's two (the page, then its own fields).
        # All-digit paths stay with the archive routes (/news/2025/).
        if len(path_components) == 1 and not path_components[0].isdigit():
            release = (
                NewsReleasePage.objects.filter(
                    path__startswith=self.path, depth=self.depth + 1, slug=path_components[0]
                )
                # Its page shows both (and the lead image's renditions come from the cache).
                .select_related("lead_image", "media_contact")
                .first()
            )
            if release is not None:
                release._cached_parent_obj = self  # treebeard's get_parent() reads it
                return release.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        releases = self.releases()
        counted = None  # the same releases, when they are quicker to count another way
        topics = NewsReleasePage.objects.topics_in(self)
        years = years_with_releases(NewsReleasePage.objects.readable(self))
        notices = []
        topic_slug = request.GET.get("topic", "").strip()
        active_topic = None
        if topic_slug:
            active_topic = next((t for t in topics if t.slug == topic_slug), None)
            if active_topic is None:
                notices.append(f"There is no topic “{topic_slug[:80]}” in this newsroom.")
                releases = releases.none()
            else:
                releases, counted = releases.with_topic(active_topic)
        year = request.GET.get("year", "").strip()
        active_year = None
        if year:
            if year.isdigit() and int(year) in years:
                active_year = int(year)
                releases = in_year(releases, active_year)
                counted = in_year(counted, active_year) if counted is not None else None
            else:
                notices.append(f"There are no releases from “{year[:12]}” in this newsroom.")
                releases, counted = releases.none(), None
        if not (topic_slug or year):
            counted = NewsReleasePage.objects.readable_pages(
                self
            )  # the whole newsroom: counted from the page table
        context.update(
            page_obj=paginate(request, releases, counted=counted),
            topics=topics,
            years=years,
            active_topic=active_topic,
            active_year=active_year,
            notices=notices,
            filter_query=urlencode({k: v for k, v in (("topic", topic_slug), ("year", year)) if v}),
        )
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return super().index_route(request, *args, **kwargs)

    @re_path(r"^(?P<year>\d{4})/$", name="archive_year")
    def archive_year(self, request, year):
        return self._archive(request, int(year))

    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{2})/$", name="archive_month")
    def archive_month(self, request, year, month):
        if not 1 <= int(month) <= 12:
            raise Http404("No such month.")
        return self._archive(request, int(year), int(month))

    def _archive(self, request, year: int, month: int | None = None):
        releases = in_year(self.releases(), year, month)
        if not releases.exists():
            raise Http404("No releases in that period.")
        months = [
            (number, apstyle.ap_month(number, with_day=False))
            for number in months_with_releases(NewsReleasePage.objects.readable(self), year)
        ]
        period = apstyle.ap_month_year(year, month) if month else str(year)
        # The page's own context, not the newsroom list's: that one pages the whole archive.
        context = super().get_context(request)
        context.update(
            page_obj=paginate(request, releases),
            archive_year=year,
            archive_month=month,
            archive_period=period,
            archive_months=months,
            years=years_with_releases(NewsReleasePage.objects.readable(self)),
        )
        return TemplateResponse(request, "releases/news_archive.html", context)

    class Meta:
        verbose_name = "newsroom"


class ReleaseQuerySet(ReadableQuerySet):
    """Releases as every list asks for them; `readable(within)` is the reader's rule."""

    def with_latest_correction(self):
        """Each release with `latest_correction`, read by modified_at() without a query."""
        return self.annotate(latest_correction=models.Max("corrections__corrected_at"))

    def with_card_images(self):
        return with_card_images(self)

    def with_topic(self, topic):
        """(to list, to count): these releases tagged with `topic` (listing.with_topic)."""
        return with_topic(self, topic)


class ReleaseManager(PageManager.from_queryset(ReleaseQuerySet)):
    """Questions about the readable releases (under `within`, a newsroom or a site's home
    page) that are answered from the topics' or officials' side, or from the page table:
    each is quicker that way on a large archive than going through the releases."""

    def readable_pages(self, within=None):
        """The same releases as readable(), as plain pages: counted without reading the
        releases' own table, several times faster for a large archive."""
        pages = Page.objects.filter(content_type=ContentType.objects.get_for_model(self.model))
        return readable(pages, within)

    def topic_counts(self, within=None) -> dict[int, int]:
        """How many readable releases each topic has, by topic id; topics with none are
        left out. One pass over the topic tags of live pages."""
        tags = self.model.topics.through.objects.filter(
            newsreleasepage_id__in=self.readable_pages(within).values("pk")
        )
        pairs = tags.values("topic_id").annotate(n=models.Count("id"))
        return dict(pairs.values_list("topic_id", "n"))

    def topics_in(self, within=None):
        """The topics at least one readable release carries, by name; asked topic by topic
        (each question ends at its first release), not by collecting every release's."""
        tagged = self.model.topics.through.objects.filter(
            topic=OuterRef("pk"), newsreleasepage__live=True
        )
        if within is not None:
            tagged = tagged.filter(newsreleasepage__path__startswith=within.path)
        for private in restricted_paths():
            tagged = tagged.exclude(newsreleasepage__path__startswith=private)
        return Topic.objects.filter(Exists(tagged)).order_by("name")

    def officials_named(self, within=None):
        """The officials confirmed in at least one readable release, by name; asked official
        by official, each question ending at its first such release."""
        named = ReleaseMention.objects.filter(
            official=OuterRef("pk"), confirmed=True, page__live=True
        )
        if within is not None:
            named = named.filter(page__path__startswith=within.path)
        for private in restricted_paths():
            named = named.exclude(page__path__startswith=private)
        return Official.objects.filter(Exists(named)).order_by("name")


class NewsReleasePage(ViewRestrictionsReadOnce, Page):
    """One news release: headline, photo, dateline, body, contact, topics, related stories."""

    objects = ReleaseManager()

    dek = models.CharField(
        max_length=300, blank=True, help_text="One sentence under the headline (optional)."
    )
    release_date = models.DateTimeField(
        default=timezone.now,
        help_text="The date and time the release carries, in the city's time zone. Set it "
        "apart from the publishing time when importing or back-dating.",
    )
    dateline_city = models.CharField(
        "dateline city",
        max_length=80,
        blank=True,
        help_text='Where the news comes from, e.g. "Calder Springs".',
    )
    dateline_state = models.CharField(
        "dateline state",
        max_length=40,
        blank=True,
        validators=[validate_state],
        help_text='Full name, postal code or AP abbreviation: "California", "CA" or "Calif.". '
        'Shown the AP way ("Calif.").',
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        "alt text",
        max_length=250,
        blank=True,
        help_text="What the photo shows, for people who cannot see it. Not the caption.",
    )
    lead_image_decorative = models.BooleanField(
        "decorative", default=False, help_text="Tick only if the photo adds nothing to the story."
    )
    lead_image_caption = models.CharField("caption", max_length=400, blank=True)
    lead_image_credit = models.CharField("credit", max_length=120, blank=True)
    body = StreamField(
        [
            ("paragraph", blocks.ParagraphBlock()),
            ("quote", blocks.QuoteBlock()),
            ("image", blocks.ImageBlock()),
            ("document", blocks.DocumentBlock()),
            ("embed", blocks.EmbedBlock()),
            ("table", blocks.TableBlock()),
            ("call_to_action", blocks.CallToActionBlock()),
            ("letter", LetterBlock()),
        ],
        blank=True,
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="releases")
    media_contact = models.ForeignKey(
        MediaContact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty to use the site's default media contact.",
    )

    embargo_until = models.DateTimeField(
        "embargoed until",
        null=True,
        blank=True,
        help_text="Reporters on the press list get the release now, marked embargoed; the "
        "public sees it at this time, when it publishes and alerts go out.",
    )
    alert_type = models.CharField(
        "alert type",
        max_length=16,
        choices=[("news", "News"), ("emergency", "Emergency")],
        default="news",
        help_text="Emergency alerts to many subscribers may need a second person's approval "
        "before they are sent (email alert settings).",
    )
    archived = models.BooleanField(
        "archived content",
        default=False,
        help_text="Imported from the old site and dated before the accessibility compliance "
        "date: shown under an “Archive” label. Editing the release clears this.",
    )
    correction_notice = models.TextField(
        "correction notice",
        blank=True,
        help_text="After a correction: one or two sentences on what changed. When you publish, "
        "everyone who was emailed this release gets the notice, once. Leave empty to correct "
        "the release without emailing anyone.",
    )

    base_form_class = NewsReleasePageForm
    content_panels = [
        ArchiveNoticePanel(
            content="<p><strong>Archived content.</strong> This release was imported from the "
            "old site and is shown under an “Archive” label. Saving it makes it current content "
            "again: the label goes, and it must pass the publish checks (alt text, dateline, "
            "reading level).</p>",
            heading="Archive",
        ),
        TitleFieldPanel("title", heading="Headline"),
        FieldPanel("dek"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("dateline_city"), FieldPanel("dateline_state")]),
                FieldPanel("release_date"),
            ],
            heading="Dateline",
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt"),
                FieldPanel("lead_image_decorative"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading="Lead photo",
        ),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("media_contact"),
        InlinePanel(
            "mentions",
            heading="Officials in this release",
            label="Official",
            help_text="Officials the text names are added here when you save. Tick "
            "“confirmed” for each one to list them under the release; add any that were missed.",
        ),
        MultiFieldPanel(
            [FieldPanel("alert_type"), FieldPanel("correction_notice")],
            heading="Email alerts",
        ),
        FieldPanel("embargo_until", heading="Embargoed until"),
        RelatedStoriesPanel(
            "related_links",
            heading="Related stories",
            label="Related story",
            max_num=MAX_RELATED,
            help_text=f"Up to {MAX_RELATED}, in the order readers should see them.",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("dek"),
        index.SearchField("body"),
        index.SearchField("lead_image_caption"),
        index.SearchField("search_officials"),
        index.FilterField("release_date"),
    ]

    def publish(self, revision, *args, **kwargs):
        # One transaction for the page going live and the alerts its publication owes (the
        # page_published handlers in alerts/), so neither happens without the other. Every
        # route to publishing — the editor, revision.publish(), the scheduler — comes here.
        with transaction.atomic():
            return super().publish(revision, *args, **kwargs)

    def search_officials(self) -> str:
        """The names of the officials the editor confirmed, for the search index."""
        return " ".join(m.official.name for m in self.mentions.all() if m.confirmed)

    parent_page_types = ["releases.NewsIndexPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        errors = {}
        if not self.dateline_city.strip():
            errors["dateline_city"] = (
                'A dateline needs a place: enter the city the news comes from, e.g. "Calder '
                'Springs".'
            )
        # Archived content is kept as the old site had it (its Archive label says so); the
        # editor's form clears the mark first, so an edited release is checked in full.
        if self.lead_image_id and not self.lead_image_decorative and not self.archived:
            problem = alt_text_problem(self.lead_image_alt)
            if problem:
                errors["lead_image_alt"] = problem
        if errors:
            raise ValidationError(errors)

    # --- what readers see -------------------------------------------------------------

    def local_release_date(self, tz: zoneinfo.ZoneInfo | str) -> datetime.date:
        return apstyle.local_date(self.release_date, tz)

    def dateline_text(self, city: CitySettings) -> str:
        if not self.dateline_city:
            return ""
        on = self.local_release_date(city.time_zone) if self.release_date else None
        return apstyle.format_dateline(
            self.dateline_city, self.dateline_state, on, style=city.dateline_style
        )

    def documents(self):
        return [block for block in self.body if block.block_type == "document"]

    def effective_media_contact(self, city: CitySettings):
        return self.media_contact or city.default_media_contact

    def related_releases(self):
        return related_releases(self)

    def latest_correction_time(self) -> datetime.datetime | None:
        """When the release was last corrected (None if never); with_latest_correction() or
        correction_list() read it beforehand."""
        if "latest_correction" not in self.__dict__:
            if self.pk is None:
                return None
            self.latest_correction = self.corrections.aggregate(latest=models.Max("corrected_at"))[
                "latest"
            ]
        return self.latest_correction

    def modified_at(self) -> datetime.datetime:
        """The release's last change for feeds and search engines: a publish or a correction."""
        published = self.last_published_at or self.release_date
        corrected = self.latest_correction_time()
        return max(published, corrected) if corrected else published

    def cached_paths(self) -> CachedPaths:
        """Where this release shows, for the page cache to purge when it changes (see
        core/cachepaths.py; feeds, the API and the corrections page add their own): its own
        page; every ancestor with a URL (its newsroom's list, the home page) and its
        newsroom's archive pages for its date; /topics/ and /officials/ with the pages of its
        topics and of the officials it confirms; the pages whose related-stories box shows
        it (editors' picks and computed lists)."""
        out = CachedPaths(trees={"/topics/", "/officials/"})
        own = page_path(self)
        if own:
            out.paths.add(own)
        day = apstyle.local_date(self.release_date, CitySettings.zone_for(self.get_site()))
        for ancestor in self.get_ancestors().specific():
            path = page_path(ancestor)
            if not path:
                continue
            out.paths.add(path)
            if isinstance(ancestor, NewsIndexPage):
                out.paths.add(f"{path}{day.year}/")
                out.paths.add(f"{path}{day.year}/{day.month:02d}/")
                out.archives.add(path)
        out.paths.add(reverse("topics:list"))
        out.paths.add(reverse("officials:list"))
        for slug in self.topics.values_list("slug", flat=True):
            out.paths.add(reverse("topics:detail", args=[slug]))
        for slug in self.confirmed_official_slugs():
            out.paths.add(reverse("officials:detail", args=[slug]))
        owners = set(RelatedRelease.objects.filter(release=self).values_list("page_id", flat=True))
        owners |= set(self.computed_for.values_list("release_id", flat=True))
        owners.discard(self.pk)
        out.paths |= release_paths(owners)
        return out

    def confirmed_official_slugs(self) -> list[str]:
        mentions = self.mentions.filter(confirmed=True)
        return list(mentions.values_list("official__slug", flat=True))

    def correction_list(self) -> list:
        """The corrections, oldest first, read once per page view however often they show."""
        if "_correction_list" not in self.__dict__:
            self._correction_list = list(self.corrections.all())
            # latest_correction_time() reads this rather than asking the database again.
            self.latest_correction = max(
                (c.corrected_at for c in self._correction_list), default=None
            )
        return self._correction_list

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        city = CitySettings.for_request(request)
        context["city"] = city
        context["media_contact"] = self.effective_media_contact(city)
        context["related"] = self.related_releases()
        context["officials"] = [
            m for m in self.mentions.all().select_related("official") if m.confirmed
        ]
        context["topics"] = list(self.topics.all())
        if self.pk:
            self.correction_list()
        site = Site.find_for_request(request) or self.get_site()
        root = site.root_url
        context["share_image"] = share_image(self, root)
        context["structured_data"] = json_ld(news_article(self, city, root))
        return context

    class Meta:
        verbose_name = "news release"
        # Every list of releases is newest first; with this index the first page of even a
        # very large archive is read straight off it.
        indexes = [models.Index(fields=["release_date"], name="release_date_idx")]


def release_paths(ids) -> set[str]:
    """The page paths of these releases (those with a URL)."""
    if not ids:
        return set()
    return {p for p in map(page_path, NewsReleasePage.objects.filter(pk__in=ids)) if p}


class RelatedRelease(Orderable):
    """An editor's pick for the release's "Related stories" box."""

    page = ParentalKey(NewsReleasePage, on_delete=models.CASCADE, related_name="related_links")
    release = models.ForeignKey(NewsReleasePage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("release", "releases.NewsReleasePage")]

    def clean(self):
        super().clean()
        if self.page_id and self.release_id == self.page_id:
            raise ValidationError({"release": "A release cannot be related to itself."})

    class Meta(Orderable.Meta):
        unique_together = [("page", "release")]


class ComputedRelated(models.Model):
    """A related story found for a release whose editor picked none; see releases/related.py.

    Recomputed in the background when releases are published or unpublished, so that reading
    a release never computes anything.
    """

    release = models.ForeignKey(
        NewsReleasePage, on_delete=models.CASCADE, related_name="computed_related"
    )
    related = models.ForeignKey(
        NewsReleasePage, on_delete=models.CASCADE, related_name="computed_for"
    )
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()

    class Meta:
        ordering = ["release", "rank"]
        unique_together = [("release", "related")]
        verbose_name = "computed related story"
        verbose_name_plural = "computed related stories"

    def __str__(self) -> str:
        return f"{self.release_id} → {self.related_id} (#{self.rank})"
