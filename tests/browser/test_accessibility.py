"""The demo city in a real browser: every page type passes axe-core's WCAG 2.1 A/AA rules."""

from uuid import uuid4

import pytest
from axe_playwright_python.sync_playwright import Axe

from dateline.alerts.models import PendingChoice, Subscriber
from dateline.alerts.tokens import choice_token, confirmation_token, manage_token
from dateline.demo.loader import load_demo
from dateline.editorial.previews import links as previews
from dateline.officials.models import LetterPage
from dateline.releases.models import NewsReleasePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def demo_city(no_city, live_server):
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
        "preview link": previews.path_for(previews.create(reference, recipient="Axe")),
        "preview link that does not work": "/preview/not-a-real-link/",
        **alert_paths(reference.topics.first()),
        "corrections": "/corrections/",
    }
    # Pages reached by sending a form: each visit sends it afresh.
    actions = {
        name: (lambda path=path: page.goto(demo_city + path)) for name, path in paths.items()
    }
    actions["alerts subscribe with errors"] = lambda: subscribe(page, demo_city, "not an address")
    actions["alerts check your inbox"] = lambda: subscribe(page, demo_city, "axe@example.org")
    actions["alerts subscribed"] = lambda: press(
        page, demo_city + confirm_path(reference.topics.first()), "Yes, start my alerts"
    )
    actions["alerts unsubscribed"] = lambda: press(
        page,
        demo_city + unsubscribe_path(reference.topics.first()),
        "Unsubscribe from everything",
    )
    problems = {}
    csp_errors = []
    page.on(
        "console", lambda m: csp_errors.append(m.text) if "Content Security" in m.text else None
    )
    for name, visit in actions.items():
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            visit()
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


def _subscriber(topic, status) -> Subscriber:
    subscriber = Subscriber.objects.create(
        email=f"axe-{uuid4().hex[:12]}@example.org", status=status
    )
    subscriber.topics.set([topic])
    return subscriber


def confirm_path(topic) -> str:
    """A new pending subscriber's confirmation link (each one works once)."""
    return f"/alerts/confirm/{confirmation_token(_subscriber(topic, Subscriber.Status.PENDING))}/"


def unsubscribe_path(topic) -> str:
    """A new confirmed subscriber's unsubscribe link."""
    return f"/alerts/unsubscribe/{manage_token(_subscriber(topic, Subscriber.Status.CONFIRMED))}/"


def alert_paths(topic) -> dict[str, str]:
    """The subscription pages, with links for subscribers made here (tokens need rows)."""
    confirmed = _subscriber(topic, Subscriber.Status.CONFIRMED)
    change = PendingChoice.objects.create(
        subscriber=confirmed, frequency="daily", topic_ids=[topic.pk]
    )
    return {
        "alerts subscribe": "/alerts/",
        "alerts subscribe from a topic": f"/alerts/?topic={topic.slug}&topic=no-such-topic",
        "alerts confirm": confirm_path(topic),
        "alerts confirm a change": f"/alerts/change/{choice_token(change)}/",
        "alerts manage": f"/alerts/manage/{manage_token(confirmed)}/",
        "alerts unsubscribe": unsubscribe_path(topic),
        "alerts bad link": "/alerts/confirm/not-a-real-link/",
    }


def subscribe(page, base_url, email):
    page.goto(base_url + "/alerts/")
    page.get_by_label("Email address").fill(email)
    page.locator("input[name=topics]").first.check()
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_load_state()


def press(page, url, button):
    page.goto(url)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


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
