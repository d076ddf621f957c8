from wagtail import blocks


class LetterBlock(blocks.StructBlock):
    """A letter the city sent, quoted or cited in a release."""

    letter = blocks.PageChooserBlock(page_type="officials.LetterPage")
    note = blocks.CharBlock(
        required=False, max_length=300, help_text="Optional line shown with the letter."
    )

    class Meta:
        icon = "mail"
        template = "officials/blocks/letter.html"
