"""The subscribe and preferences forms, and what a resident can follow on this site."""

import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from wagtail.models import Locale, Site

from dateline.core.restrictions import readable
from dateline.officials.models import Official
from dateline.releases.models import NewsIndexPage
from dateline.topics.models import Topic

from .models import Subscriber
from .subscriptions import Choice

MAX_EMAIL_LENGTH = 254  # the longest address SMTP carries
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def normalize_email(value: str) -> str:
    return value.strip().lower()


def shown(value: str, limit: int = 60) -> str:
    """A bad value, safe and short enough to quote back on the page."""
    value = _CONTROL.sub(" ", value).strip()
    return value if len(value) <= limit else value[:limit] + "…"


@dataclass
class Options:
    """Everything this site offers to follow, in the order the form lists it."""

    newsrooms: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    # (official, how the form describes them: "Mayor" or "former official")
    officials: list = field(default_factory=list)

    @classmethod
    def for_request(cls, request) -> "Options":
        site = Site.find_for_request(request)
        within = site.root_page if site is not None else None
        newsrooms = readable(NewsIndexPage.objects.all(), within).order_by("path")
        topics = Topic.objects.filter(locale=Locale.get_active()).order_by("name")
        today = timezone.localdate()
        current, former = [], []
        for official in (
            Official.objects.exclude(slug="").prefetch_related("terms__office").order_by("name")
        ):
            title = official.title_on(today)
            if title:
                current.append((official, title))
            else:
                former.append((official, "former official"))
        return cls(list(newsrooms), list(topics), current + former)

    def official_list(self) -> list:
        return [official for official, _ in self.officials]


class AddressField(forms.CharField):
    """An email address, stripped and lower-cased, refused with a reason a resident can act on."""

    def to_python(self, value):
        value = normalize_email(super().to_python(value) or "")
        if not value:
            return value
        if _CONTROL.search(value):
            raise ValidationError(
                "An email address is one line with no line breaks or tabs. "
                "Type it again, for example name@example.com.",
                code="control",
            )
        if len(value) > MAX_EMAIL_LENGTH:
            raise ValidationError(
                f"An email address can be at most {MAX_EMAIL_LENGTH} characters; "
                f"this one has {len(value)}.",
                code="too_long",
            )
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(
                f"“{shown(value)}” is not an email address. "
                "Check it has an @ and a domain, for example name@example.com.",
                code="invalid",
            ) from None
        return value


class ChoiceList(forms.TypedMultipleChoiceField):
    """Ticked boxes of one kind; a value that names nothing on offer gets a message naming it."""

    def __init__(self, *, noun: str, **kwargs):
        self.noun = noun
        super().__init__(
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )

    def valid_value(self, value) -> bool:
        return str(value) in {str(k) for k, _ in self.choices}

    def validate(self, value):
        for item in value:
            if not self.valid_value(item):
                raise ValidationError(
                    f"There is no {self.noun} “{shown(str(item))}” to follow. "
                    f"Choose from the {self.noun}s listed.",
                    code="invalid_choice",
                )


class PreferencesForm(forms.Form):
    """What to follow and how often: the manage page, and the subscribe form without the address."""

    newsrooms = ChoiceList(noun="newsroom", label="Newsrooms")
    topics = ChoiceList(noun="topic", label="Topics")
    officials = ChoiceList(noun="official", label="Officials")
    frequency = forms.ChoiceField(
        label="How often",
        choices=Subscriber.Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how often to get emails: as news is published, or once a day.",
            "invalid_choice": "Choose how often to get emails: as news is published, "
            "or once a day.",
        },
    )

    # What the error summary calls each field, and where its link goes.
    anchors = {
        "email": "alerts-email",
        "newsrooms": "follow-newsrooms",
        "topics": "follow-topics",
        "officials": "follow-officials",
        "frequency": "frequency-immediate",
        "__all__": "follow",
    }

    NOTHING_CHOSEN = (
        "Choose at least one newsroom, topic or official to follow, so we know what to email "
        "you about."
    )

    def __init__(self, *args, options: Options, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options
        self.fields["newsrooms"].choices = [(n.pk, n.title) for n in options.newsrooms]
        self.fields["topics"].choices = [(t.pk, t.name) for t in options.topics]
        self.fields["officials"].choices = [(o.pk, o.name) for o, _ in options.officials]

    def clean(self):
        cleaned = super().clean()
        groups = ("newsrooms", "topics", "officials")
        # A box group with a bad id has its own message; "choose one" would only add noise.
        if not any(cleaned.get(g) for g in groups) and not any(self.has_error(g) for g in groups):
            raise ValidationError(self.NOTHING_CHOSEN, code="nothing_chosen")
        return cleaned

    def chosen(self):
        """The ticked rows, for subscriptions.Choice."""
        by_id = {
            "newsrooms": {n.pk: n for n in self.options.newsrooms},
            "topics": {t.pk: t for t in self.options.topics},
            "officials": {o.pk: o for o, _ in self.options.officials},
        }
        picked = {
            name: [by_id[name][pk] for pk in self.cleaned_data[name] if pk in by_id[name]]
            for name in by_id
        }
        return Choice(frequency=self.cleaned_data["frequency"], **picked)

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(anchor, field label, message) for every problem, in the order of the page."""
        found = []
        labels = {"email": "Email address", "__all__": "What to follow"}
        # "Nothing chosen" points at the first box on the page, whichever group that is.
        first_group = next(
            (n for n in ("newsrooms", "topics", "officials") if self.fields[n].choices), None
        )
        anchors = {**self.anchors, "__all__": self.anchors.get(first_group, "follow")}
        for name in ("email", "newsrooms", "topics", "officials", "__all__", "frequency"):
            for message in self.errors.get(name, []):
                label = labels.get(name) or self.fields[name].label
                found.append((anchors[name], label, message))
        return found

    def ticked(self) -> dict[str, set[int]]:
        """Which boxes show ticked, by group: what was sent, or what was preselected."""
        return {name: self.selected(name) for name in ("newsrooms", "topics", "officials")}

    def selected(self, name: str) -> set[int]:
        """The ids ticked in a box group, as shown again after an error."""
        values = self.data.getlist(name) if self.is_bound else self.initial.get(name, [])
        ids = set()
        for value in values:
            try:
                ids.add(int(value))
            except (TypeError, ValueError):
                continue
        return ids

    def chosen_frequency(self) -> str:
        if self.is_bound:
            return self.data.get("frequency", "")
        return self.initial.get("frequency", Subscriber.Frequency.IMMEDIATE)


class ManageForm(PreferencesForm):
    NOTHING_CHOSEN = (
        "Choose at least one newsroom, topic or official to follow. To get nothing at all, "
        "use “Unsubscribe from everything” below instead."
    )


class SubscribeForm(PreferencesForm):
    email = AddressField(
        label="Email address",
        # Longer input is refused with a reason instead of being cut off by the browser.
        max_length=None,
        error_messages={"required": "Enter your email address, for example name@example.com."},
    )

    field_order = ["email", "newsrooms", "topics", "officials", "frequency"]


def preselected(params, options: Options) -> tuple[dict, list[str]]:
    """Boxes to tick from a link such as /alerts/?topic=parks, and notices for names not found."""
    initial = {"newsrooms": [], "topics": [], "officials": []}
    notices = []
    lookups = [
        ("newsroom", "newsrooms", options.newsrooms, lambda n: n.slug),
        ("topic", "topics", options.topics, lambda t: t.slug),
        ("official", "officials", options.official_list(), lambda o: o.slug),
    ]
    for param, name, items, slug_of in lookups:
        for value in params.getlist(param)[:20]:
            value = value.strip()
            if not value:
                continue
            match = next((i for i in items if slug_of(i) == value or str(i.pk) == value), None)
            if match is None:
                notices.append(
                    f"There is no {param} “{shown(value)}” to follow, so nothing was ticked for "
                    f"it. Choose from the {param}s listed below."
                )
            elif match.pk not in initial[name]:
                initial[name].append(match.pk)
    frequency = params.get("frequency", "")
    initial["frequency"] = (
        frequency if frequency in Subscriber.Frequency.values else Subscriber.Frequency.IMMEDIATE
    )
    return initial, notices
