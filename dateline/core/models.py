import copy
import datetime
import zoneinfo

from django.apps import apps
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from . import apstyle, sitewide, textrules
from .mailing import default_site
from .timezones import US_TIME_ZONES, zone_named
from .validators import state_name, validate_plain_text, validate_state

# The apps whose text fields staff type into; Wagtail's own page fields are added by name.
STAFF_TEXT_APPS = ("core", "releases", "officials", "topics")
PAGE_TEXT_FIELDS = ("title", "draft_title", "seo_title", "search_description")


class MediaContact(TranslatableMixin, index.Indexed, models.Model):
    """The person reporters call about a release."""

    name = models.CharField(max_length=120)
    title = models.CharField(max_length=120, blank=True, help_text="e.g. Communications Director")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True, help_text="e.g. (555) 010-2040")

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("email"), FieldPanel("phone")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = "media contact"


register_snippet(MediaContact)


# The ADA Title II web rule's first compliance date (public entities of 50,000 or more).
ACCESSIBILITY_COMPLIANCE_DATE = datetime.date(2026, 4, 24)


@register_setting(icon="site")
class CitySettings(BaseSiteSetting):
    """Who publishes this newsroom, where, and how its datelines read."""

    # Read with the settings on every page (JSON-LD logo, default media contact).
    select_related = ["logo", "default_media_contact"]

    city_name = models.CharField(max_length=120, default="", blank=True)
    state = models.CharField(
        max_length=40,
        blank=True,
        validators=[validate_state],
        help_text='Full name, postal code or AP abbreviation: "California", "CA" or "Calif."',
    )
    time_zone = models.CharField(
        max_length=64, choices=US_TIME_ZONES, default="America/Los_Angeles"
    )
    publisher_name = models.CharField(
        max_length=160,
        blank=True,
        help_text='Shown as the publisher, e.g. "City of Calder Springs". Defaults to '
        '"City of" and the city name.',
    )
    tagline = models.CharField(max_length=200, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    postal_address = models.TextField(
        blank=True, help_text="Printed in the footer of every page and every email."
    )
    default_media_contact = models.ForeignKey(
        MediaContact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Used on releases that name no media contact of their own.",
    )
    dateline_style = models.CharField(
        max_length=32,
        choices=apstyle.DATELINE_STYLES,
        default=apstyle.DATELINE_STYLES[0][0],
    )
    accessibility_compliance_date = models.DateField(
        "accessibility compliance date",
        null=True,
        blank=True,
        default=ACCESSIBILITY_COMPLIANCE_DATE,
        help_text="Imported releases dated before this day are kept as archived content, "
        "labelled “Archive” with a way to ask for an accessible version. The ADA Title II "
        "rule sets April 24, 2026 for cities of 50,000 or more and April 26, 2027 for smaller "
        "ones. Leave empty to mark nothing as archived.",
    )
    accessibility_contact_email = models.EmailField(
        "accessible version requests",
        blank=True,
        help_text="Where requests for an accessible version of archived content go. Defaults "
        "to the default media contact's email.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("city_name"),
                FieldPanel("state"),
                FieldPanel("time_zone"),
                FieldPanel("publisher_name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
                FieldPanel("postal_address"),
            ],
            heading="City",
        ),
        MultiFieldPanel(
            [FieldPanel("dateline_style"), FieldPanel("default_media_contact")],
            heading="Releases",
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_compliance_date"),
                FieldPanel("accessibility_contact_email"),
            ],
            heading="Archived content",
        ),
    ]

    @property
    def publisher(self) -> str:
        if self.publisher_name:
            return self.publisher_name
        return f"City of {self.city_name}" if self.city_name else "City newsroom"

    def accessible_version_email(self) -> str:
        if self.accessibility_contact_email:
            return self.accessibility_contact_email
        contact = self.default_media_contact
        return contact.email if contact else ""

    def save(self, *args, **kwargs):
        if self.state:
            self.state = state_name(self.state)
        super().save(*args, **kwargs)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The city's time zone: every date staff and residents read is in it."""
        return zone_named(self.time_zone)

    @classmethod
    def zone_for(cls, site=None) -> zoneinfo.ZoneInfo:
        """The time zone of `site`'s city; of the default site's when no site is given (the
        worker, commands, a page not yet saved)."""
        site = site or default_site()
        return cls.for_site(site).zone if site is not None else zone_named("")

    @classmethod
    def for_site(cls, site):
        # Every page reads the settings; kept between requests until the next change
        # (core/sitewide.py). Each caller gets its own copy: Wagtail sets the request on it.
        if site is None or site.pk is None:
            return super().for_site(site)
        read = super().for_site
        return copy.copy(sitewide.remembered(("city-settings", site.pk), lambda: read(site)))

    class Meta:
        verbose_name = "city settings"


def release_model():
    """The release page model, for the apps below releases (officials, topics) whose pages
    list releases: reached through the app registry, so no lower layer imports a higher one."""
    return apps.get_model("releases", "NewsReleasePage")


def refuse_control_characters():
    """Give every plain text field staff type into the control-character check, once.

    A model validator rather than one per form, so the page editor, snippets, settings and
    anything else that cleans a model refuse the same characters with the same message. Rich
    text is left to the block and the save below: its editor hides the character.
    """
    from django.db.models.signals import pre_save
    from wagtail.fields import RichTextField
    from wagtail.models import Page

    fields = [Page._meta.get_field(name) for name in PAGE_TEXT_FIELDS]
    for config in map(apps.get_app_config, STAFF_TEXT_APPS):
        for model in config.get_models():
            own = [f for f in model._meta.get_fields(include_parents=False) if f.concrete]
            fields += [f for f in own if isinstance(f, models.CharField | models.TextField)]
            if any(isinstance(f, RichTextField) for f in own):
                pre_save.connect(_clean_rich_text, sender=model, weak=False)
    for field in fields:
        if isinstance(field, RichTextField) or validate_plain_text in field.validators:
            continue
        # Set on the cached list, not `_validators`: those are written into migrations, and a
        # rule about typing is no change to the database (nor to Wagtail's own Page).
        field.__dict__["validators"] = [*field.validators, validate_plain_text]


def _clean_rich_text(sender, instance, **kwargs):
    from wagtail.fields import RichTextField

    for field in instance._meta.concrete_fields:
        if isinstance(field, RichTextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, textrules.clean_text(value))
