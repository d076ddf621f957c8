from wagtail import blocks

from dateline.core.blocks import CheckedStructBlock


class LetterBlock(CheckedStructBlock):
    """A letter the city sent, quoted or cited in a release."""

    letter = blocks.PageChooserBlock(page_type="officials.LetterPage")
    note = blocks.CharBlock(
        required=False, max_length=300, help_text="Optional line shown with the letter."
    )

    class Meta:
        icon = "mail"
        template = "officials/blocks/letter.html"


class OfficialLinkBlock(CheckedStructBlock):
    """A link on an official's page: their website, a social profile."""

    text = blocks.CharBlock(max_length=80)
    url = blocks.URLBlock()
