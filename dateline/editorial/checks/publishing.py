"""Publish checks: what must be right before a release goes out, and what is worth a second look.

The release form's clean() runs validate_form() on every save, through the
"check_release_form" hook (checks/wagtail_hooks.py).

* Publishing, submitting for review or approving in a workflow: every blocking problem is
  listed together at the top of the form, each naming its place ("Photo 2 in the body has no
  alt text"), so the editor fixes them in one pass rather than one error per attempt. Field
  validation (alt text, table headers) still marks the fields themselves; the list repeats
  those so nothing is missed, using the same shared rules.
* Saving a draft never blocks on these (blocking would lose the editor's work): the same
  problems become one warning, "Before this can be published: …".
* Warnings (reading grade, AP style) never block. They go to form.desk_warnings, which the
  page being saved carries (take_warnings()) to the after_edit_page / after_create_page
  hooks that show them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList

from dateline.core.models import CitySettings
from dateline.core.validators import alt_text_problem

from . import ap_style, readability

MAX_HEADLINE = 120
# Form buttons that send the release toward the public (Wagtail's edit and create views).
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")
VAGUE_LINK_TEXT = frozenset(
    {"click here", "here", "click", "read more", "more", "this link", "link", "click this link"}
)
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+\.(?:gov|com|org|net|us|edu)(?:/\S*)?$", re.I)
# Where the form's warnings wait for the admin's after-save hooks: on the page it saves.
WARNINGS_ATTRIBUTE = "desk_warnings"


def validate_form(form) -> None:
    if not hasattr(form, "desk_warnings"):
        form.desk_warnings = []
    release = _Release(form)
    problems = blocking_problems(release)
    if is_publishing(form.data):
        if problems:
            form.add_error(None, [ValidationError(p, code="publish_check") for p in problems])
    elif problems:
        form.desk_warnings.append("Saved. Before this can be published: " + " ".join(problems))
    form.desk_warnings.extend(warnings(release))
    # The admin's after-save hooks receive the page, not the form. The same list, so any
    # check run after this one adds to what they show.
    setattr(form.instance, WARNINGS_ATTRIBUTE, form.desk_warnings)


def take_warnings(holder) -> list[str] | None:
    """The warnings a page (or a request, see checks/wagtail_hooks.py) carries, once."""
    return holder.__dict__.pop(WARNINGS_ATTRIBUTE, None)


def is_publishing(data) -> bool:
    if any(data.get(name) for name in PUBLISHING_ACTIONS):
        return True
    # Approving in a workflow publishes (or moves toward it); rejecting sends it back.
    return bool(data.get("action-workflow-action")) and data.get("workflow-action-name") != (
        "reject"
    )


def reading_grade_target() -> float:
    return settings.DATELINE_READING_GRADE_TARGET


# --- what the form holds ------------------------------------------------------------------


class _Release:
    """The release as submitted, including fields that failed their own validation."""

    def __init__(self, form):
        self.form = form
        self.title = self._value("title") or ""
        self.dek = self._value("dek") or ""
        self.dateline_city = self._value("dateline_city") or ""
        self.release_date = self._value("release_date")
        self.lead_image = self._value("lead_image")
        self.lead_image_alt = self._value("lead_image_alt") or ""
        self.lead_image_decorative = bool(self._value("lead_image_decorative"))
        self.lead_image_caption = self._value("lead_image_caption") or ""
        self.media_contact = self._value("media_contact")
        self.body = list(self._value("body") or [])

    def _value(self, name):
        form = self.form
        if name in form.cleaned_data:
            return form.cleaned_data[name]
        field = form.fields.get(name)
        if field is None:
            return getattr(form.instance, name, None)
        # A field that failed validation is missing from cleaned_data; read what was sent.
        try:
            raw = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        except Exception:  # noqa: BLE001 - a value we cannot read is reported as missing
            return None
        if name == "body":
            return raw
        try:
            return field.to_python(raw)
        except ValidationError:
            return raw if isinstance(raw, str) else None

    def default_media_contact(self):
        page = self.form.instance
        parent = getattr(self.form, "parent_page", None)
        site = page.get_site() if page.pk else (parent.get_site() if parent else None)
        return CitySettings.for_site(site).default_media_contact if site else None

    def blocks(self, kind: str):
        """(number among blocks of this kind, value), first to last."""
        found = [child.value for child in self.body if child.block_type == kind]
        return list(enumerate(found, start=1))

    def block_errors(self, kind: str):
        """(number among blocks of this kind, messages) for blocks the body's own validation
        refused, e.g. a table without a header row (core/blocks.py)."""
        errors = {}
        for error in (getattr(self.form, "_errors", None) or {}).get("body", ErrorList()).as_data():
            errors.update(getattr(error, "block_errors", None) or {})
        found = []
        number = 0
        for index, child in enumerate(self.body):
            if child.block_type != kind:
                continue
            number += 1
            if index in errors:
                found.append((number, _messages(errors[index])))
        return found


class _RichTextParts(HTMLParser):
    """Headings, links and embedded images of one rich-text value (Wagtail's stored HTML)."""

    HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[str, str]] = []
        self.links: list[tuple[str, str]] = []
        self.images: list[str] = []
        self._open: list[tuple[str, str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HEADINGS or tag == "a":
            self._open.append((tag, attrs.get("href") or "", []))
        elif tag == "img" or (tag == "embed" and attrs.get("embedtype") == "image"):
            self.images.append(attrs.get("alt") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        for _, _, texts in self._open:
            texts.append(data)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                _, href, texts = self._open.pop(i)
                text = " ".join("".join(texts).split())
                if tag == "a":
                    self.links.append((href, text))
                else:
                    self.headings.append((tag, text))
                break


def _rich_parts(value) -> _RichTextParts:
    parser = _RichTextParts()
    parser.feed(getattr(value, "source", None) or str(value or ""))
    parser.close()
    return parser


def _alt_problem(place: str, alt: str) -> str | None:
    problem = alt_text_problem(alt)
    if problem is None:
        return None
    if not (alt or "").strip():
        return f"{place} has no alt text. {problem}"
    return f"{place}: {problem}"


def vague_link_text(text: str) -> bool:
    """Link text a screen-reader user hears out of context: "click here", a bare web address."""
    plain = re.sub(r"[^\w\s]", "", text.lower()).strip()
    plain = " ".join(plain.split())
    return plain in VAGUE_LINK_TEXT or bool(_BARE_URL.match(text.strip()))


def _link_problem(place: str, text: str) -> str | None:
    if not text.strip():
        return f"{place} has a link with no text. Give the link words that say where it goes."
    if vague_link_text(text):
        return (
            f"{place} has a link that reads “{text}”. Link text must say where the link goes, "
            "e.g. “the council agenda for May 3”, because screen-reader users often hear links "
            "on their own."
        )
    return None


def _messages(error) -> list[str]:
    if hasattr(error, "block_errors"):
        found = []
        for value in error.block_errors.values():
            found += _messages(value)
        return found
    if isinstance(error, ValidationError):
        return list(error.messages)
    if isinstance(error, list | tuple) or hasattr(error, "as_data"):
        found = []
        for item in error.as_data() if hasattr(error, "as_data") else error:
            found += _messages(item)
        return found
    return [str(error)]


# --- blocking -----------------------------------------------------------------------------


def blocking_problems(release: _Release) -> list[str]:
    """Every blocking problem, in the order the editor meets them on the form."""
    problems: list[str] = []
    for rule in BLOCKING_RULES:
        problems += rule(release)
    return problems


def _headline_and_dateline(release: _Release) -> list[str]:
    found = []
    title = release.title.strip()
    if len(title) > MAX_HEADLINE:
        found.append(
            f"The headline is {len(title)} characters long. Shorten it to {MAX_HEADLINE} or "
            "fewer so it shows in full in search results, feeds and email alerts."
        )
    if not release.dateline_city.strip():
        found.append(
            "The dateline has no place. Enter the city the news comes from under Dateline, "
            "e.g. “Harlow Creek”."
        )
    if not release.release_date:
        found.append("The dateline has no date. Enter the release date under Dateline.")
    return found


def _lead_photo(release: _Release) -> list[str]:
    if not release.lead_image or release.lead_image_decorative:
        return []
    return _present([_alt_problem("The lead photo", release.lead_image_alt)])


def _body_photos(release: _Release) -> list[str]:
    return _present(
        _alt_problem(f"Photo {number} in the body", value.get("alt_text") or "")
        for number, value in release.blocks("image")
        if value is not None and value.get("image") and not value.get("decorative")
    )


def _tables(release: _Release) -> list[str]:
    return [
        f"Table {number} in the body: {message}"
        for number, messages in release.block_errors("table")
        for message in messages
    ]


def _embeds(release: _Release) -> list[str]:
    return [
        f"Embed {number} in the body (video or map) has no title. Give it one, e.g. "
        "“Video: Council meeting, May 3”, so screen-reader users know what it is."
        for number, value in release.blocks("embed")
        if value is not None and not (value.get("title") or "").strip()
    ]


def _text_blocks(release: _Release) -> list[str]:
    found = []
    for number, value in release.blocks("paragraph"):
        place = f"Text block {number} in the body"
        parts = _rich_parts(value)
        found += _heading_problems(place, parts.headings)
        found += _present(_link_problem(place, text) for _href, text in parts.links)
        found += _present(
            _alt_problem(f"Picture {image_number} in {place.lower()}", alt)
            for image_number, alt in enumerate(parts.images, start=1)
        )
    return found


def _heading_problems(place: str, headings: list[tuple[str, str]]) -> list[str]:
    found = []
    for tag, text in headings:
        if tag == "h1":
            found.append(
                f"{place} has a top-level heading (Heading 1). The headline is the page's "
                "only top-level heading; use Heading 2 instead."
            )
        elif not text:
            found.append(f"{place} has an empty heading. Type the heading, or remove it.")
    return found


def _calls_to_action(release: _Release) -> list[str]:
    return _present(
        _link_problem(f"Call to action {number} in the body", value.get("text") or "")
        for number, value in release.blocks("call_to_action")
        if value is not None
    )


def _media_contact(release: _Release) -> list[str]:
    if release.media_contact or release.default_media_contact():
        return []
    return [
        "There is no media contact. Choose one under Media contact, or ask a site "
        "administrator to set the site's default media contact."
    ]


def _present(problems) -> list[str]:
    return [problem for problem in problems if problem]


BLOCKING_RULES = (
    _headline_and_dateline,
    _lead_photo,
    _body_photos,
    _tables,
    _embeds,
    _text_blocks,
    _calls_to_action,
    _media_contact,
)


# --- warnings -----------------------------------------------------------------------------


def body_paragraphs(release: _Release) -> list[str]:
    texts = []
    for _, value in release.blocks("paragraph"):
        html = getattr(value, "source", None) or str(value or "")
        # Wagtail stores each paragraph on its own; keep them apart for AP's "paragraph 2".
        texts += [
            line.strip() for line in readability.text_from_html(html).split("\n") if line.strip()
        ]
    return texts


def warnings(release: _Release) -> list[str]:
    found: list[str] = []
    paragraphs = body_paragraphs(release)
    grade = readability.grade_level(" ".join(paragraphs))
    target = reading_grade_target()
    if grade is not None and grade > target:
        found.append(
            f"This release reads at about grade {grade:.0f}; the city aims for grade "
            f"{target:g} or below. Shorter sentences and everyday words make it easier for "
            "residents to read."
        )
    findings = ap_style.check_headline(release.title)
    if release.dek:
        findings += [
            ap_style.Finding("the summary under the headline", f.issue)
            for f in ap_style.check_headline(release.dek)
        ]
    findings += ap_style.check_body_text(paragraphs)
    if release.lead_image_caption:
        findings += ap_style.check_caption(release.lead_image_caption, "the lead photo caption")
    for number, value in release.blocks("image"):
        if value is not None and value.get("caption"):
            findings += ap_style.check_caption(
                value["caption"], f"the caption of photo {number} in the body"
            )
    found += [ap_style.warning_text(f) for f in ap_style.dedupe(findings)]
    return found
