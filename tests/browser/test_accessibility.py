"""The demo city in a real browser: every page type passes axe-core's WCAG 2.1 A/AA rules."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from dateline.demo.loader import load_demo
from dateline.officials.models import LetterPage
from dateline.releases.models import NewsReleasePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def demo_city(live_server):
    load_demo(create_login=False)
    return live_server.url


def axe_violations(page) -> list[str]:
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['html'][:160]})"
        for v in results.response["violations"]
    ]


def test_public_pages_have_no_wcag_violations(page, demo_city):
    reference = NewsReleasePage.objects.live().filter(body__icontains="letter").first()
    paths = {
        "home": "/",
        "newsroom": "/news/",
        "newsroom filtered": "/news/?year=2025",
        "release": reference.url,
        "topics": "/topics/",
        "topic": "/topics/" + reference.topics.first().slug + "/",
        "not found": "/no-such-page/",
        "officials": "/officials/",
        "official": "/officials/lena-brightwater/",
        "former official": "/officials/beatrix-holloway/",
        "letters": "/letters/",
        "letter": LetterPage.objects.live().first().url,
        "archive year": "/news/2025/",
        "archive month": "/news/2025/04/",
        "search form": "/search/",
        "search results": "/search/?q=park",
        "search results page 2": "/search/?q=park&page=2",
        "search with bad filters": "/search/?q=council&topic=no-such-topic&from=2024-13-01",
        "search found nothing": "/search/?q=zeppelin",
        "search by topic": "/search/?topic=" + reference.topics.first().slug,
    }
    problems = {}
    csp_errors = []
    page.on(
        "console", lambda m: csp_errors.append(m.text) if "Content Security" in m.text else None
    )
    for name, path in paths.items():
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(demo_city + path)
            found = axe_violations(page)
            if found:
                problems[f"{name} at {width}px"] = found
            # Nothing scrolls sideways, down to 320 px (WCAG 1.4.10 reflow).
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                problems.setdefault(f"{name} at {width}px", []).append(
                    f"page scrolls sideways by {overflow}px"
                )
    assert problems == {}
    assert csp_errors == []


def test_release_page_reads_like_a_release(page, demo_city):
    reference = NewsReleasePage.objects.live().filter(body__icontains="letter").first()
    page.goto(demo_city + reference.url)
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text() == reference.title
    first_paragraph = page.locator(".release__body p").first.inner_text()
    assert first_paragraph.startswith("Calder Springs, Calif. (")
    caption = reference.lead_image_caption
    assert page.get_by_text(caption, exact=False).count() == 1
    assert page.locator("img.release__lead-image").get_attribute("alt") == reference.lead_image_alt
    # The skip link is the first thing a keyboard reaches, and it moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_print_layout_hides_navigation_and_shows_the_source(page, demo_city):
    reference = NewsReleasePage.objects.live().filter(body__icontains="letter").first()
    page.goto(demo_city + reference.url)
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".related").is_visible()
    source = page.locator(".print-source")
    assert source.is_visible()
    assert reference.url in source.inner_text()


def test_the_checker_catches_a_missing_alt_text(page):
    # Guards against a silently broken axe run reporting zero violations for everything.
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    assert any(v.startswith("image-alt:") for v in axe_violations(page))
