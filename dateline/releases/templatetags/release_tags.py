import re

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from dateline.core import apstyle
from dateline.core.models import CitySettings
from dateline.releases.models import NewsIndexPage

register = template.Library()

_FIRST_PARAGRAPH = re.compile(r"<p(\s[^>]*)?>", re.I)


@register.filter
def apdate(value):
    """An aware datetime as an AP date in the site's time zone: "Sept. 14, 2025"."""
    if not value:
        return ""
    return apstyle.ap_date(apstyle.local_time(value, timezone.get_current_timezone()).date())


@register.filter
def apdate_day(value):
    """A calendar date (no time zone to convert) in AP style."""
    return apstyle.ap_date(value) if value else ""


@register.filter
def isodatetime(value):
    if not value:
        return ""
    local = apstyle.local_time(value, timezone.get_current_timezone())
    return local.isoformat(timespec="minutes")


def _with_dateline(html: str, dateline: str) -> tuple[str, bool]:
    """Put the dateline inside the opening paragraph, as a printed release has it."""
    match = _FIRST_PARAGRAPH.search(html)
    if match is None or html[: match.start()].strip():
        return html, False
    label = format_html('<span class="dateline">{}</span> ', dateline)
    return html[: match.end()] + label + html[match.end() :], True


@register.simple_tag(takes_context=True)
def release_body(context, page):
    """The body with its dateline, leaving documents for the "Documents" section."""
    request = context.get("request")
    city = CitySettings.for_request(request) if request is not None else CitySettings()
    return body_html(page, city, context.flatten())


def body_html(page, city: CitySettings, context: dict) -> str:
    """The release body as readers see it, opening with the dateline (pages and feeds)."""
    dateline = page.dateline_text(city)
    parts = []
    for block in page.body:
        if block.block_type == "document":
            continue
        html = str(block.render(context=context))
        if dateline:
            placed = False
            if block.block_type == "paragraph":
                html, placed = _with_dateline(html, dateline)
            if not placed:
                parts.append(format_html('<p><span class="dateline">{}</span></p>', dateline))
            dateline = ""
        parts.append(html)
    if dateline:
        parts.append(format_html('<p><span class="dateline">{}</span></p>', dateline))
    return mark_safe("\n".join(parts))  # noqa: S308 - every part is rendered block HTML


@register.simple_tag
def page_corrections(page) -> list:
    """The release's corrections, oldest first; none for a page never saved (a preview)."""
    if getattr(page, "pk", None) is None or not hasattr(page, "corrections"):
        return []
    return page.correction_list()


@register.simple_tag
def modified_at(page):
    """When the release last changed for readers: its last publish or its latest correction."""
    if getattr(page, "pk", None) is None:
        return page.last_published_at
    return page.modified_at()


@register.simple_tag(takes_context=True)
def site_newsrooms(context):
    """The newsrooms directly under the site's home page, in the page tree's order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    root = site.root_page
    return [n for n in NewsIndexPage.objects.under(root) if n.depth == root.depth + 1]


@register.simple_tag
def accessible_version_mailto(email: str, page) -> str:
    """A mailto: that names the release, so the request reaches staff ready to act on."""
    from urllib.parse import quote

    subject = f"Accessible version request: {page.title}"
    body = f"Please send me an accessible version of this release:\n{page.full_url}\n"
    return f"mailto:{email}?subject={quote(subject)}&body={quote(body)}"
