from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, ReferenceIndex
from wagtail.search import index

from dateline.core.blocks import RICH_TEXT_FEATURES
from dateline.core.models import release_model
from dateline.core.restrictions import ReadableManager
from dateline.core.validators import alt_text_problem

from . import seats
from .blocks import OfficialLinkBlock
from .forms import OfficialForm


class Office(index.Indexed, models.Model):
    """A title a person can hold: Mayor, Vice Mayor, Councilmember, City Manager…"""

    title = models.CharField(max_length=80, unique=True, help_text='As printed: "Vice Mayor".')
    plural_title = models.CharField(
        max_length=80, blank=True, help_text='As printed before a list: "Councilmembers".'
    )
    body = models.CharField(
        max_length=80, blank=True, help_text='The body it belongs to, e.g. "City Council".'
    )
    single_seat = models.BooleanField(
        default=True,
        help_text="One holder at a time (Mayor). Untick for offices with many seats "
        "(Councilmember); then each district is one seat.",
    )
    precedence = models.PositiveSmallIntegerField(
        default=50,
        help_text="Someone holding two offices is titled by the one with the lower number "
        "(Mayor 10, Vice Mayor 20, Councilmember 30).",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("plural_title"),
        FieldPanel("body"),
        FieldPanel("single_seat"),
        FieldPanel("precedence"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    def __str__(self) -> str:
        return self.title

    @property
    def plural(self) -> str:
        return self.plural_title or f"{self.title}s"

    class Meta:
        ordering = ["precedence", "title"]


class Official(index.Indexed, ClusterableModel):
    """A person who holds or held a city office."""

    name = models.CharField(max_length=120, help_text='As printed: "Rosa Delgado-Whitfield".')
    honorific = models.CharField(max_length=20, blank=True, help_text='e.g. "Dr." (optional)')
    slug = models.SlugField(
        max_length=140,
        unique=True,
        blank=True,
        help_text="Used in the page address; made from the name when left empty.",
    )
    portrait = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    portrait_alt = models.CharField(
        "portrait alt text",
        max_length=250,
        blank=True,
        help_text='What the portrait shows, e.g. "Rosa Delgado-Whitfield in front of City Hall".',
    )
    bio = RichTextField(blank=True, features=["bold", "italic", "link"], help_text="A short bio.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    links = StreamField([("link", OfficialLinkBlock())], blank=True)

    base_form_class = OfficialForm
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("honorific"), FieldPanel("slug")]),
        MultiFieldPanel([FieldPanel("portrait"), FieldPanel("portrait_alt")], heading="Portrait"),
        FieldPanel("bio"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("links"),
        InlinePanel("terms", heading="Offices held", label="Term"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("bio"),
    ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("officials:detail", args=[self.slug])

    def terms_on(self, day: date) -> list["Term"]:
        held = [t for t in self.terms.all() if t.covers(day)]
        return sorted(held, key=lambda t: (t.office.precedence, t.office.title))

    def titles_on(self, day: date) -> tuple[str, ...]:
        titles = []
        for term in self.terms_on(day):
            if term.office.title not in titles:
                titles.append(term.office.title)
        return tuple(titles)

    def title_on(self, day: date) -> str:
        """The title printed before the name on that day, by the offices' precedence."""
        titles = self.titles_on(day)
        return titles[0] if titles else ""

    def district_on(self, day: date) -> str:
        return next((t.district for t in self.terms_on(day) if t.district), "")

    def clean(self):
        super().clean()
        if self.portrait_id:
            problem = alt_text_problem(self.portrait_alt)
            if problem:
                raise ValidationError({"portrait_alt": problem})

    @classmethod
    def unique_slug(cls, text: str) -> str:
        """A free slug made from text; namesakes get -2, -3…"""
        base = slugify(text)[:130] or "official"
        slug, n = base, 2
        while cls.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug(self.name)
        super().save(*args, **kwargs)

    class Meta:
        ordering = ["name"]


class Term(Orderable):
    """One official in one office for a period; the end date is the last day in office."""

    official = ParentalKey(Official, on_delete=models.CASCADE, related_name="terms")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="terms")
    district = models.CharField(max_length=20, blank=True, help_text='e.g. "5" (optional)')
    start = models.DateField()
    end = models.DateField(
        null=True, blank=True, help_text="The last day in office. Leave empty while in office."
    )

    panels = [
        FieldRowPanel([FieldPanel("office"), FieldPanel("district")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
    ]

    def __str__(self) -> str:
        return self.as_seat().describe()

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def as_seat(self) -> seats.Seat:
        return seats.Seat(
            holder=self.official.name if self.official_id or self.official else "",
            holder_key=self.official_id or id(self.official),
            office=self.office.title,
            district=self.district,
            start=self.start,
            end=self.end,
            single_seat=self.office.single_seat,
        )

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError(
                {
                    "end": f"The term ends ({self.end:%Y-%m-%d}) before it starts "
                    f"({self.start:%Y-%m-%d}). The end is the last day in office."
                }
            )

    class Meta(Orderable.Meta):
        ordering = ["start", "sort_order"]


class ReleaseMention(Orderable):
    """An official named in a release; detected on save, confirmed by the editor."""

    page = ParentalKey(
        "releases.NewsReleasePage", on_delete=models.CASCADE, related_name="mentions"
    )
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="mentions")
    role = models.CharField(
        max_length=80, blank=True, help_text="Their title on the release date, filled in on save."
    )
    found_as = models.CharField(
        max_length=300, blank=True, help_text="How the text names them (filled in on save)."
    )
    confirmed = models.BooleanField(
        default=False, help_text="Tick to list this official under the release."
    )

    panels = [
        FieldRowPanel([FieldPanel("official"), FieldPanel("confirmed")]),
        FieldRowPanel([FieldPanel("role", read_only=True), FieldPanel("found_as", read_only=True)]),
    ]

    def __str__(self) -> str:
        return f"{self.role} {self.official.name}".strip()


class LetterIndexPage(Page):
    """All the letters the city's officials sent."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["officials.LetterPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["letters"] = (
            LetterPage.objects.readable(self).child_of(self).order_by("-letter_date")
        )
        return context

    class Meta:
        verbose_name = "letters index"


class LetterPage(Page):
    """A letter the city sent: who asked for it, who signed it, to whom, and the signed copy."""

    objects = ReadableManager()

    letter_date = models.DateField("date of the letter")
    recipient_name = models.CharField(max_length=120, blank=True)
    recipient_title = models.CharField(
        max_length=160, blank=True, help_text='e.g. "Secretary of Transportation"'
    )
    recipient_organisation = models.CharField(
        max_length=160, blank=True, help_text='e.g. "U.S. Department of Transportation"'
    )
    requested_by = models.ForeignKey(
        Official,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="letters_requested",
        help_text="The official who asked for the letter.",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The signed letter (PDF).",
    )
    text = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("letter_date"),
        MultiFieldPanel(
            [
                FieldPanel("recipient_name"),
                FieldPanel("recipient_title"),
                FieldPanel("recipient_organisation"),
            ],
            heading="Recipient",
        ),
        FieldPanel("requested_by"),
        InlinePanel("signatories", heading="Signed by", label="Signatory"),
        FieldPanel("document"),
        FieldPanel("text"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("text"),
        index.SearchField("recipient_title"),
        index.SearchField("recipient_organisation"),
    ]
    parent_page_types = ["officials.LetterIndexPage"]
    subpage_types = []

    @property
    def recipient(self) -> str:
        parts = [self.recipient_name, self.recipient_title, self.recipient_organisation]
        return ", ".join(p for p in parts if p)

    def signed_by(self) -> list[tuple[Official, str]]:
        """Signatories in order, each with the title they held on the letter's date."""
        return [
            (s.official, s.official.title_on(self.letter_date))
            for s in self.signatories.all().select_related("official")
        ]

    def citing_releases(self):
        """The readable releases that quote or link this letter, newest first."""
        references = ReferenceIndex.get_references_to(self).filter(base_content_type__model="page")
        page_ids = {ref.object_id for ref in references}
        return (
            release_model()
            .objects.readable()
            .filter(pk__in=[int(pk) for pk in page_ids])
            .order_by("-release_date")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["signed_by"] = self.signed_by()
        context["citing_releases"] = self.citing_releases()
        requested = self.requested_by
        context["requested_title"] = requested.title_on(self.letter_date) if requested else ""
        return context

    class Meta:
        verbose_name = "letter"


class LetterSignatory(Orderable):
    page = ParentalKey(LetterPage, on_delete=models.CASCADE, related_name="signatories")
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="signatures")

    panels = [FieldPanel("official")]
