"""The newsroom rules (dateline/importer/newsroom.py) on RawDocuments built in code."""

from datetime import date, datetime

import pytest

from dateline.importer.newsroom import parse_date, split_credit, structure
from dateline.importer.record import (
    HEADING,
    PARAGRAPH,
    QUOTE,
    Block,
    Dateline,
    Image,
    Official,
    Quote,
    RawDocument,
    Related,
)


def doc(*lines, titles=("Park reopens",), **extra) -> RawDocument:
    blocks = [line if isinstance(line, Block) else Block(PARAGRAPH, line) for line in lines]
    return RawDocument(source="t", format="html", titles=list(titles), blocks=blocks, **extra)


def body(record) -> list[str]:
    return [b.text for b in record.body]


# --- headline ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Park reopens | City of Harlow Creek",
        "Park reopens - Harlow Creek, OR",
        "Park reopens – News Flash – City of Harlow Creek",
        "Park reopens",
    ],
)
def test_site_names_leave_the_headline(title):
    assert structure(doc("Text.", titles=[title])).headline == "Park reopens"


def test_a_dash_inside_a_headline_stays():
    title = "Mill Street bridge - a first look at the design"
    assert structure(doc("Text.", titles=[title])).headline == title


def test_headline_repeats_at_the_top_are_dropped():
    record = structure(
        doc("Park reopens | City of Harlow Creek", "Park reopens", "The park reopens Monday.")
    )
    assert body(record) == ["The park reopens Monday."]


def test_without_titles_the_first_short_line_is_the_headline_with_a_warning():
    record = structure(doc("Alder Pool opens", "The pool opens Saturday.", titles=()))
    assert record.headline == "Alder Pool opens"
    assert body(record) == ["The pool opens Saturday."]
    assert "headline guessed from the first line" in record.warnings


# --- datelines and dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "place", "day"),
    [
        ("Sacramento, Calif. (May 3, 2021) – ", "Sacramento, Calif.", date(2021, 5, 3)),
        ("SACRAMENTO, Calif. — ", "Sacramento, Calif.", None),
        ("SACRAMENTO, Calif., May 3, 2021 — ", "Sacramento, Calif.", date(2021, 5, 3)),
        ("(SACRAMENTO) – ", "Sacramento", None),
        ("HARLOW CREEK, Ore. (Jan. 5, 2024) - ", "Harlow Creek, Ore.", date(2024, 1, 5)),
        ("HARLOW CREEK, Ore. (Sept. 12, 2023) -- ", "Harlow Creek, Ore.", date(2023, 9, 12)),
        ("HARLOW CREEK, OR (05/03/2021) — ", "Harlow Creek, Ore.", date(2021, 5, 3)),
        ("MILLBROOK, WASH.—", "Millbrook, Wash.", None),
        ("WINSTON-SALEM, N.C. – ", "Winston-Salem, N.C.", None),
    ],
)
def test_dateline_forms(opening, place, day):
    record = structure(doc(opening + "The park reopens Monday.", "More text."))
    assert record.dateline == Dateline(place, day)
    assert body(record)[0] == "The park reopens Monday."


def test_a_sentence_is_not_a_dateline():
    for text in ("Residents — and visitors — are welcome.", "Today - the park reopens."):
        assert structure(doc(text)).dateline is None


def test_dateline_leaves_the_html_too():
    block = Block(
        PARAGRAPH,
        "HARLOW CREEK, Ore. (Jan. 5, 2024) – The park reopens Monday.",
        "<strong>HARLOW CREEK, Ore.</strong> (Jan. 5, 2024) &ndash; The <em>park</em> "
        "reopens Monday.",
    )
    (first,) = structure(doc(block)).body
    assert first.text == "The park reopens Monday."
    assert first.html == "The <em>park</em> reopens Monday."


def test_dateline_on_its_own_line():
    record = structure(doc("HARLOW CREEK, Ore. (June 3, 2024) –", "The pool opens."))
    assert record.dateline == Dateline("Harlow Creek, Ore.", date(2024, 6, 3))
    assert body(record) == ["The pool opens."]


def test_published_prefers_metadata_then_dateline_then_a_date_line():
    meta = datetime(2024, 6, 2, 9, 0)
    assert (
        structure(doc("HARLOW CREEK, Ore. (June 3, 2024) – X.", published=meta)).published == meta
    )
    assert structure(doc("HARLOW CREEK, Ore. (June 3, 2024) – X.")).published == date(2024, 6, 3)
    record = structure(doc("Posted on: Monday, May 3, 2021 9:15 AM", "The pool opens Saturday."))
    assert record.published == date(2021, 5, 3)
    assert body(record) == ["The pool opens Saturday."]


@pytest.mark.parametrize(
    "line", ["May 3, 2021", "Release Date: 05/03/2021", "Posted on May 3, 2021 by Nora Delgado"]
)
def test_date_lines_at_the_top_give_the_date_and_leave_the_body(line):
    record = structure(doc(line, "The pool opens Saturday."))
    assert record.published == date(2021, 5, 3)
    assert body(record) == ["The pool opens Saturday."]


def test_no_date_is_a_warning():
    assert structure(doc("The pool opens Saturday.")).warnings == ["no date found"]


def test_reader_warnings_are_kept_first():
    record = structure(doc("Text.", warnings=["truncated page"], published=date(2024, 1, 1)))
    assert record.warnings == ["truncated page"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Jan. 5, 2024", date(2024, 1, 5)),
        ("Sept. 12, 2023", date(2023, 9, 12)),
        ("Monday, May 3, 2021", date(2021, 5, 3)),
        ("December 1st, 2023", date(2023, 12, 1)),
        ("5 January 2024", date(2024, 1, 5)),
        ("05/03/2021", date(2021, 5, 3)),
        ("2021-05-03", date(2021, 5, 3)),
        ("Feb. 30, 2024", None),
        ("May 3", None),
    ],
)
def test_parse_date(text, day):
    assert parse_date(text) == day


def test_a_date_without_a_year_takes_the_known_year():
    assert parse_date("May 3", 2021) == date(2021, 5, 3)


# --- chrome ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "FOR IMMEDIATE RELEASE",
        "NEWS RELEASE",
        "Media Advisory",
        "###",
        "# # #",
        "-30-",
        "- END -",
        "Share this",
        "Print",
        "Email",
        "Tweet",
        "Facebook",
        "Back to News",
        "Return to list",
        "Share on Facebook | Share on X | Email this page",
        "Subscribe to our RSS feed",
        "This article originally appeared on harlowcreek.example.",
        "The post Pool opens appeared first on City of Harlow Creek.",
        "© 2024 City of Harlow Creek",
        "Home > News > Pool opens",
        "Home | Departments | Contact Us",
    ],
)
def test_chrome_lines_leave_the_body(line):
    record = structure(doc("The pool opens Saturday.", line, "Swim lessons are free."))
    assert body(record) == ["The pool opens Saturday.", "Swim lessons are free."]


@pytest.mark.parametrize(
    "line",
    [
        "Print shops downtown will print the ballots.",
        "Email the clerk at clerk@harlowcreek.example.",
        "Share your ideas at the meeting.",
        "Back to school starts Sept. 3.",
    ],
)
def test_sentences_with_chrome_words_stay(line):
    assert body(structure(doc(line))) == [line]


def test_end_mark_at_the_end_of_a_paragraph_leaves_it():
    record = structure(doc(Block(PARAGRAPH, "The pool opens Saturday. ###", "The pool opens. ###")))
    assert body(record) == ["The pool opens Saturday."]
    assert record.body[0].html == "The pool opens."


def test_a_banner_with_a_date_gives_the_date():
    record = structure(doc("FOR IMMEDIATE RELEASE: May 3, 2021", "The pool opens Saturday."))
    assert record.published == date(2021, 5, 3)
    assert body(record) == ["The pool opens Saturday."]


# --- media contact ------------------------------------------------------------------------


def test_contact_block_at_the_bottom():
    record = structure(
        doc(
            "The pool opens Saturday.",
            "Media Contact:",
            "Nora Delgado, Communications Officer",
            "503-555-0123",
            "press@harlowcreek.example",
        )
    )
    assert record.media_contact == (
        "Nora Delgado, Communications Officer\n503-555-0123\npress@harlowcreek.example"
    )
    assert body(record) == ["The pool opens Saturday."]


def test_contact_on_one_line_and_with_line_breaks():
    one = structure(doc("Contact: Nora Delgado, 503-555-0123", "The pool opens Saturday."))
    assert one.media_contact == "Nora Delgado, 503-555-0123"
    assert body(one) == ["The pool opens Saturday."]
    html = "For more information, contact:<br>Nora Delgado<br>503-555-0123"
    broken = structure(doc("The pool opens.", Block(PARAGRAPH, _text(html), html)))
    assert broken.media_contact == "Nora Delgado\n503-555-0123"


def _text(markup: str) -> str:
    return markup.replace("<br>", " ")


def test_contact_stops_at_the_story():
    record = structure(
        doc("Media Contact:", "Nora Delgado", "The pool opens Saturday for the summer season.")
    )
    assert record.media_contact == "Nora Delgado"
    assert body(record) == ["The pool opens Saturday for the summer season."]


def test_a_contact_sentence_stays_in_the_body():
    line = "For more information, contact the pool at 555-0140."
    record = structure(doc(line))
    assert body(record) == [line] and record.media_contact == ""


# --- related stories ----------------------------------------------------------------------


def test_related_heading_and_repeated_headlines():
    record = structure(
        doc(
            "The pool opens Saturday.",
            Block(HEADING, "Related stories"),
            Block(PARAGRAPH, "Leaf pickup begins", '<a href="/news/leaves">Leaf pickup begins</a>'),
            "Leaf pickup begins",
            Block(PARAGRAPH, "Budget adopted", '<a href="/news/budget">Budget adopted</a>'),
            "The council adopted the budget on Tuesday.",
            related=[Related("Budget adopted", "/news/budget"), Related("Snow routes", "")],
        )
    )
    assert record.related == [
        Related("Budget adopted", "/news/budget"),
        Related("Snow routes", ""),
        Related("Leaf pickup begins", "/news/leaves"),
    ]
    assert body(record) == ["The pool opens Saturday."]


def test_related_lines_without_links():
    record = structure(doc("Text.", "More news", "Pool opens", "Pool opens", "Leaf pickup begins"))
    assert [r.headline for r in record.related] == ["Pool opens", "Leaf pickup begins"]


# --- images -------------------------------------------------------------------------------


def test_caption_equal_to_alt_is_one_caption_and_its_printed_lines_go():
    record = structure(
        doc(
            "Crews at the Mill Street bridge",
            "The bridge reopens Monday.",
            "Crews at the Mill Street bridge",
            images=[
                Image(
                    alt="Crews at the Mill Street bridge", caption="Crews at the Mill Street bridge"
                )
            ],
        )
    )
    assert record.images == [
        Image(alt="Crews at the Mill Street bridge", caption="Crews at the Mill Street bridge")
    ]
    assert body(record) == ["The bridge reopens Monday."]


def test_caption_equal_to_title_and_no_alt():
    record = structure(doc("Text.", images=[Image(caption="A plow", title="A plow", src="p.jpg")]))
    (image,) = record.images
    assert (image.alt, image.caption, image.src) == ("", "A plow", "p.jpg")


@pytest.mark.parametrize(
    ("caption", "text", "credit"),
    [
        ("Crews at work. Photo by Sam Ortiz", "Crews at work.", "Sam Ortiz"),
        ("Crews at work. Photo: City of Harlow Creek", "Crews at work.", "City of Harlow Creek"),
        (
            "Crews at work. (Photo courtesy of Harlow Creek Fire)",
            "Crews at work.",
            "Harlow Creek Fire",
        ),
        ("Crews at work. Credit: Sam Ortiz.", "Crews at work.", "Sam Ortiz"),
        ("Photo by Sam Ortiz", "", "Sam Ortiz"),
        ("Crews at work on the photo booth.", "Crews at work on the photo booth.", ""),
    ],
)
def test_credits_leave_the_caption(caption, text, credit):
    assert split_credit(caption) == (text, credit)


def test_credit_in_a_caption_with_the_same_alt():
    caption = "Crews at work. Photo by Sam Ortiz"
    (image,) = structure(doc("Text.", images=[Image(alt=caption, caption=caption)])).images
    assert (image.alt, image.caption, image.credit) == (
        "Crews at work.",
        "Crews at work.",
        "Sam Ortiz",
    )


def test_caption_without_image_is_a_warning_and_stays():
    record = structure(doc("Photo: Crews at work on Elm Street.", "The work ends Friday."))
    assert "caption without image" in record.warnings
    assert body(record) == ["Photo: Crews at work on Elm Street.", "The work ends Friday."]


def test_a_printed_caption_fills_an_image_without_one():
    record = structure(
        doc("Photo: Crews on Elm Street.", "The work ends Friday.", images=[Image(src="a.jpg")])
    )
    assert record.images[0].caption == "Crews on Elm Street."
    assert body(record) == ["The work ends Friday."]
    assert "caption without image" not in record.warnings


# --- body ---------------------------------------------------------------------------------


def test_repeated_body_paragraphs_are_kept():
    record = structure(doc("Call 555-0110.", "Crews start Monday.", "Call 555-0110."))
    assert body(record) == ["Call 555-0110.", "Crews start Monday.", "Call 555-0110."]


def test_advisory_lines_stay_in_order():
    lines = ["WHO: Mayor Ines Park", "WHAT: Ribbon cutting", "WHEN: Saturday, 10 a.m.",
             "WHERE: Alder Park", "WHY: The trail opens"]  # fmt: skip
    record = structure(doc("MEDIA ADVISORY", *lines))
    assert body(record) == lines
    assert record.officials == [Official("Ines Park", "Mayor")]


def test_kinds_are_kept_and_whitespace_collapsed():
    record = structure(
        doc(Block(HEADING, " New  this year "), Block("list_item", "Shade\n deck"), "A  b.")
    )
    assert [(b.kind, b.text) for b in record.body] == [
        (HEADING, "New this year"), ("list_item", "Shade deck"), (PARAGRAPH, "A b.")
    ]  # fmt: skip


def test_record_carries_what_the_reader_found():
    raw = doc("Text.", url="https://harlowcreek.example/n/1", categories=["Parks"], status="draft")
    record = structure(raw)
    assert (record.url, record.categories, record.status) == (raw.url, ["Parks"], "draft")
    assert record.raw is raw and record.source == "t" and record.format == "html"


# --- quotes -------------------------------------------------------------------------------

PARK = "Mayor Ines Park opened the meeting."


@pytest.mark.parametrize(
    "line",
    [
        "“We are ready for summer,” said Mayor Ines Park.",
        "“We are ready for summer,” Park said.",
        "Mayor Ines Park said, “We are ready for summer.”",
        "“We are ready for summer,” said Park, who swam laps on opening day.",
        '"We are ready for summer," Mayor Ines Park said.',
    ],
)
def test_quote_attributions(line):
    (quote,) = structure(doc(PARK, line)).quotes
    assert quote.text.rstrip(".") == "We are ready for summer"
    assert quote.speaker == "Ines Park"


def test_an_unknown_surname_is_kept_as_written():
    (quote,) = structure(doc("“The water is warm,” Alvarez said.")).quotes
    assert quote == Quote("The water is warm", "Alvarez")


def test_role_only_attribution_resolves_to_the_named_official():
    (quote,) = structure(doc(PARK, "“The pool is open,” the mayor said.")).quotes
    assert quote == Quote("The pool is open", "Ines Park")


def test_quote_continued_across_paragraphs():
    record = structure(
        doc(
            "“We heard from hundreds of residents,” said Mayor Ines Park. “They asked for "
            "safer crossings.",
            "“This plan delivers them.”",
        )
    )
    assert record.quotes == [
        Quote("We heard from hundreds of residents", "Ines Park"),
        Quote("They asked for safer crossings. This plan delivers them.", "Ines Park"),
    ]
    assert len(record.body) == 2  # the paragraphs keep their quotations


def test_names_and_scare_quotes_are_not_quotes():
    record = structure(doc("The “Safe Routes to School” grant pays for the so-called “road diet.”"))
    assert record.quotes == []


def test_unattributed_quote_has_no_speaker():
    (quote,) = structure(doc("“Every child should learn to swim.”")).quotes
    assert quote == Quote("Every child should learn to swim.", "")


def test_blockquote_with_an_attribution_line():
    record = structure(
        doc(
            PARK,
            Block(QUOTE, "“I am grateful for this council.”"),
            "— Mayor Ines Park",
            "The vote was 5-0.",
        )
    )
    assert record.quotes == [Quote("I am grateful for this council.", "Ines Park")]
    assert body(record) == [PARK, "“I am grateful for this council.”", "The vote was 5-0."]


def test_blockquote_with_the_attribution_inside():
    record = structure(doc(Block(QUOTE, "“Thank you, Harlow Creek.” — Vice Mayor Ruth Okoye")))
    assert record.quotes == [Quote("Thank you, Harlow Creek.", "Ruth Okoye")]
    assert body(record) == ["“Thank you, Harlow Creek.”"]


# --- officials ----------------------------------------------------------------------------


def names(text: str) -> list[tuple[str, str]]:
    return [(o.name, o.role) for o in structure(doc(text)).officials]


def test_a_list_after_a_plural_title_names_everyone():
    assert names(
        "Mayor Ines Park and Councilmembers Ruth Okoye, Leo Vance and Otto Brandt voted yes."
    ) == [
        ("Ines Park", "Mayor"),
        ("Ruth Okoye", "Councilmember"),
        ("Leo Vance", "Councilmember"),
        ("Otto Brandt", "Councilmember"),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Vice Mayor Ruth Okoye spoke.", [("Ruth Okoye", "Vice Mayor")]),
        ("Council Member Leo Vance spoke.", [("Leo Vance", "Council Member")]),
        ("Councilwoman Ada Quinn spoke.", [("Ada Quinn", "Councilwoman")]),
        ("City Manager Gil Moreno spoke Tuesday.", [("Gil Moreno", "City Manager")]),
        ("Police Chief Dana Ruiz's report.", [("Dana Ruiz", "Police Chief")]),
        ("Director of Public Works Hana Sato spoke.", [("Hana Sato", "Director of Public Works")]),
        ("City Clerk Amy Lund and City Attorney Raj Patel", [("Amy Lund", "City Clerk"),
                                                            ("Raj Patel", "City Attorney")]),
        ("Dana Ruiz, the city's police chief, said so.", [("Dana Ruiz", "police chief")]),
        ("Council Members Leo Vance and Ada Quinn", [("Leo Vance", "Council Member"),
                                                    ("Ada Quinn", "Council Member")]),
    ],
)  # fmt: skip
def test_titles_before_names(text, found):
    assert names(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "The Mayor's Office is closed.",
        "The Police Chief's report is due.",
        "The Mayor spoke.",
        "Mayor Park spoke.",
        "Councilmembers Okoye and Vance spoke.",
        "Former Mayor Jane Hollis spoke.",
        "Walk the Alder Creek Trail.",
    ],
)
def test_no_official_without_a_full_name(text):
    assert names(text) == []


def test_officials_are_named_once_with_their_first_role():
    record = structure(
        doc("Councilmember Ruth Okoye was chosen.", "Vice Mayor Ruth Okoye thanked the council.")
    )
    assert record.officials == [Official("Ruth Okoye", "Councilmember")]


def test_structure_survives_odd_documents():
    for raw in (
        RawDocument(source="t", format="rss"),
        doc("", "   ", titles=["  "]),
        doc("“", "”", "###", "Contact:", "Related stories"),
    ):
        record = structure(raw)
        assert record.source == "t"
