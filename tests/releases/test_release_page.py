"""What a reader sees on a release page."""

import re
from datetime import UTC, datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from tests.helpers import PACIFIC, make_image, visible_text

pytestmark = pytest.mark.django_db


def get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_dateline_opens_the_first_paragraph(client, make_release):
    release = make_release()
    html = get(client, release)
    assert re.search(
        r'<p><span class="dateline">Harlow Creek, Ore\. \(May 3, 2021\) –</span> '
        r"The city opened a new park on Monday\.</p>",
        html,
    )
    assert html.count('class="dateline"') == 1


def test_headline_is_the_only_h1(client, make_release):
    html = get(client, make_release("Crews repair the Mill Street bridge", dek="Work ends Friday."))
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == ["Crews repair the Mill Street bridge"]
    assert "Work ends Friday." in html


def test_caption_shown_once_and_alt_text_only_in_img(client, make_release):
    release = make_release(
        image=make_image(),
        lead_image_alt="Children race down a new slide at Millrace Park",
        lead_image_caption="The park’s slide was built by local volunteers.",
        lead_image_credit="Dana Ortiz",
    )
    html = get(client, release)
    visible = visible_text(html)
    assert visible.count("The park’s slide was built by local volunteers.") == 1
    assert "Children race down a new slide" not in visible
    assert 'alt="Children race down a new slide at Millrace Park"' in html
    assert re.search(r"<figcaption>The park’s slide.*?Photo: Dana Ortiz", html, re.S)


def test_decorative_lead_image_has_empty_alt(client, make_release):
    release = make_release(image=make_image(), lead_image_decorative=True)
    html = get(client, release)
    assert re.search(r'<img[^>]*alt=""[^>]*class="release__lead-image"', html)


@pytest.mark.parametrize(
    ("utc", "printed"),
    [
        (datetime(2021, 5, 4, 6, 30, tzinfo=UTC), "May 3, 2021"),  # 11:30 p.m. PDT
        (datetime(2021, 5, 4, 7, 30, tzinfo=UTC), "May 4, 2021"),  # 12:30 a.m. PDT
        (datetime(2021, 1, 1, 7, 59, tzinfo=UTC), "Dec. 31, 2020"),  # 11:59 p.m. PST
        (datetime(2021, 1, 1, 8, 0, tzinfo=UTC), "Jan. 1, 2021"),  # midnight PST
    ],
)
def test_dateline_date_is_the_city_calendar_day(client, make_release, utc, printed):
    html = get(client, make_release(when=utc))
    assert f"Harlow Creek, Ore. ({printed}) –" in html
    assert f">{printed}</time>" in html


def test_dateline_follows_the_site_style(client, city, make_release):
    city["settings"].dateline_style = "caps_city_state"
    city["settings"].save()
    html = get(client, make_release())
    assert "HARLOW CREEK, Ore. —" in visible_text(html)
    assert "(May 3, 2021)" not in html


def test_dateline_stands_alone_when_body_starts_with_a_quote(client, make_release):
    release = make_release(
        body=[("quote", {"text": "We built this together.", "attribution": "Mayor Ines Park"})]
    )
    html = get(client, release)
    assert '<p><span class="dateline">Harlow Creek, Ore. (May 3, 2021) –</span></p>' in html
    assert html.index('class="dateline"') < html.index("We built this together.")
    assert "— Mayor Ines Park" in visible_text(html)


def test_sections_in_reading_order(client, city, topics, make_release, rich):
    document = Document.objects.create(
        title="Signed letter to the Governor", file=ContentFile(b"%PDF-1.4\n", name="letter.pdf")
    )
    older = make_release("Older story", when=datetime(2021, 4, 1, 9, tzinfo=PACIFIC))
    newer = make_release("Newer story", when=datetime(2021, 4, 20, 9, tzinfo=PACIFIC))
    release = make_release(
        image=make_image(),
        lead_image_alt="A crowd at the park gate",
        lead_image_caption="Neighbors gather at the gate.",
        dek="A new park by the river.",
        body=[
            ("paragraph", rich("<p>First paragraph of the story.</p>")),
            ("document", {"document": document, "title": "", "description": ""}),
            ("paragraph", rich("<p>Second paragraph of the story.</p>")),
        ],
        topics=[topics["parks"], topics["water"]],
        related=[newer, older],
    )
    visible = visible_text(get(client, release))
    order = [
        "Harlow Creek opens Millrace Park",
        "A new park by the river.",
        "Neighbors gather at the gate.",
        "Harlow Creek, Ore. (May 3, 2021) – First paragraph",
        "Second paragraph of the story.",
        "Documents Signed letter to the Governor (PDF",
        "Media contact Imogen Vance, Public Information Officer",
        "Topics Parks Water",
        "Related stories Newer story",
        "Older story",
    ]
    positions = [visible.index(text) for text in order]
    assert positions == sorted(positions)
    assert visible.count("Signed letter to the Governor") == 1


def test_related_stories_keep_editor_order_and_skip_unpublished(client, make_release):
    first = make_release("First pick")
    second = make_release("Second pick")
    hidden = make_release("Withdrawn story")
    hidden.unpublish()
    release = make_release("Main story", related=[second, hidden, first])
    visible = visible_text(get(client, release))
    related = visible[visible.index("Related stories") :]
    assert related.index("Second pick") < related.index("First pick")
    assert "Withdrawn story" not in related


def test_release_specific_media_contact_wins(client, city, make_release):
    from dateline.core.models import MediaContact

    own = MediaContact.objects.create(name="Ravi Sol", title="Parks Spokesperson")
    visible = visible_text(get(client, make_release(media_contact=own)))
    assert "Media contact Ravi Sol, Parks Spokesperson" in visible
    assert "Imogen Vance" not in visible


def test_table_has_header_row_and_caption(client, make_release):
    table = {
        "data": [["Street", "Closed"], ["Mill Street", "June 2–4"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Road closures",
    }
    html = get(client, make_release(body=[("table", table)]))
    assert "<caption>Road closures</caption>" in html
    assert '<th scope="col">Street</th>' in html
    assert "<td>Mill Street</td>" in html


def test_print_view_shows_source_url_and_date(client, make_release):
    html = get(client, make_release())
    assert re.search(
        r'class="print-only print-source">http://[^<]*/news/[^<]* · May 3, 2021<', html
    )
    assert 'href="/static/dateline/css/print.css" media="print"' in html


def test_a_password_on_the_release_or_its_newsroom_keeps_readers_out(client, make_release):
    from wagtail.models import PageViewRestriction

    shared = make_release("Harlow Creek opens Millrace Park")
    own = make_release("Budget workshop notes for the council")
    PageViewRestriction.objects.create(
        page=own, restriction_type=PageViewRestriction.PASSWORD, password="council-only"
    )
    assert "Millrace Park" in client.get(shared.url).content.decode()
    locked = client.get(own.url).content.decode()
    assert "password" in locked.lower() and "Budget workshop notes" not in locked
    # A restriction on the newsroom covers every release in it.
    PageViewRestriction.objects.create(
        page=shared.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    locked = client.get(shared.url).content.decode()
    assert "password" in locked.lower() and "opens Millrace Park" not in locked
