"""StreamField blocks shared by releases and, later, letters and pages."""

import re

import nh3
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.html import escape
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText, expand_db_html

from . import textrules
from .validators import alt_text_problem

# Headings start at h2: the page's headline is its only h1.
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


# What the rich text editor can produce once expanded; anything else in a stored body (written
# to the database or by an old import) is not shown to readers.
RICH_TEXT_TAGS = {"p", "h2", "h3", "h4", "b", "i", "strong", "em", "a", "ol", "ul", "li", "br"}
RICH_TEXT_ATTRIBUTES = {"a": {"href"}}


def rich_text_html(source: str) -> str:
    """Stored rich text as readers get it (pages, feeds, the API): expanded and sanitised."""
    html = expand_db_html(textrules.clean_text(source or ""))
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=set(textrules.ALLOWED_SCHEMES),
        link_rel=None,
    )


def _struct_error(field: str, message: str) -> StructBlockValidationError:
    return StructBlockValidationError(block_errors={field: ErrorList([ValidationError(message)])})


def _child_problem(child, raw) -> str | None:
    if isinstance(child, blocks.URLBlock):  # the embed block is one too
        url = getattr(raw, "url", raw)
        return textrules.url_problem(url) if url else None
    if isinstance(child, (blocks.CharBlock, blocks.TextBlock)) and isinstance(raw, str):
        return textrules.control_problem(raw)
    return None


class CheckedStructBlock(blocks.StructBlock):
    """A block whose text refuses control characters and whose links a reader may follow.

    Checked before the children's own cleaning so a "javascript:" link gets our message
    rather than the URL field's "Enter a valid URL.".
    """

    def clean(self, value):
        errors = {}
        for name, child in self.child_blocks.items():
            problem = _child_problem(child, value.get(name))
            if problem:
                errors[name] = ErrorList([ValidationError(problem)])
        try:
            value = super().clean(value)
        except StructBlockValidationError as error:
            errors = {**error.block_errors, **errors}
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    def clean(self, value):
        # The editor hides a pasted manual line break, so it is turned into a space rather
        # than refused with a message about a character nobody can see.
        value = super().clean(value)
        return RichText(textrules.clean_text(value.source))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["html"] = rich_text_html(value.source if value is not None else "")
        return context

    class Meta:
        icon = "pilcrow"
        template = "core/blocks/paragraph.html"


class QuoteBlock(CheckedStructBlock):
    text = blocks.TextBlock(help_text="The words quoted, without quotation marks.")
    attribution = blocks.CharBlock(
        max_length=200, help_text='Who said or wrote it, e.g. "Mayor Rosa Delgado-Whitfield".'
    )

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote.html"


class ImageBlock(CheckedStructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="What the picture shows, for people who cannot see it. Not the caption.",
    )
    decorative = blocks.BooleanBlock(
        required=False, help_text="Tick only if the picture adds nothing to the story."
    )
    caption = blocks.CharBlock(required=False, max_length=400)
    credit = blocks.CharBlock(
        required=False, max_length=120, help_text='e.g. "City of Calder Springs"'
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative"):
            problem = alt_text_problem(value.get("alt_text"))
            if problem:
                raise _struct_error("alt_text", problem)
        return value

    class Meta:
        icon = "image"
        template = "core/blocks/image.html"


class DocumentBlock(CheckedStructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, max_length=200, help_text="Defaults to the document's own title."
    )
    description = blocks.CharBlock(required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        template = "core/blocks/document.html"
        help_text = "Documents are listed after the body, under “Documents”."


_IFRAME_TITLE = re.compile(r'(<iframe\b[^>]*?)\s+title="[^"]*"', re.I)


class EmbedBlock(CheckedStructBlock):
    url = WagtailEmbedBlock(help_text="A video or map address, e.g. a YouTube link.")
    title = blocks.CharBlock(
        max_length=200,
        help_text='Names the embed for screen readers, e.g. "Video: Council meeting, May 3".',
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        embed = value.get("url")
        html = ""
        if embed is not None:
            try:
                html = embed.html or ""
            except Exception:  # noqa: BLE001 - an unreachable provider must not break the page
                html = ""
        if html:
            html = _IFRAME_TITLE.sub(r"\1", html)
            html = re.sub(
                r"<iframe\b", f'<iframe title="{escape(value["title"])}"', html, count=1, flags=re.I
            )
        context["embed_html"] = html
        context["embed_url"] = embed.url if embed is not None else ""
        return context

    class Meta:
        icon = "media"
        template = "core/blocks/embed.html"


class TableBlock(WagtailTableBlock):
    def clean(self, value):
        value = super().clean(value)
        for row in (value or {}).get("data") or []:
            for cell in row or []:
                problem = textrules.control_problem(cell) if isinstance(cell, str) else None
                if problem:
                    raise ValidationError(problem)
        if value and not value.get("first_row_is_table_header"):
            raise ValidationError(
                "Tables need a header row so screen readers can name each column: tick "
                '"Row header" and put the column names in the first row.'
            )
        return value

    class Meta:
        icon = "table"
        template = "core/blocks/table.html"


class CallToActionBlock(CheckedStructBlock):
    text = blocks.CharBlock(
        max_length=120, help_text='Say where the link goes, e.g. "Register for summer camps".'
    )
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Use either a page on this site or an address.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise _struct_error(
                "url", "Choose a page on this site or enter an address (one of the two)."
            )
        return value

    class Meta:
        icon = "link"
        template = "core/blocks/cta.html"
