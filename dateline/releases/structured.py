"""What search engines and social sites read about a release: JSON-LD and Open Graph."""

import json

from django.utils import timezone
from django.utils.safestring import mark_safe

from dateline.core import apstyle

SHARE_RENDITION = "fill-1200x630|format-jpeg"
LOGO_RENDITION = "max-600x60|format-png"

# Escapes that keep JSON from closing the <script> element it sits in (as json_script does).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _local(moment):
    return apstyle.local_time(moment, timezone.get_current_timezone())


def _absolute(root: str, url: str) -> str:
    return f"{root}{url}" if url.startswith("/") else url


def share_image(page, root: str) -> dict | None:
    if not page.lead_image_id:
        return None
    rendition = page.lead_image.get_rendition(SHARE_RENDITION)
    return {
        "url": _absolute(root, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": "" if page.lead_image_decorative else page.lead_image_alt,
    }


def news_article(page, city, root: str) -> dict:
    """schema.org NewsArticle; the city is both author and publisher."""
    url = page.full_url
    publisher = {"@type": "GovernmentOrganization", "name": city.publisher, "url": f"{root}/"}
    if city.logo_id:
        logo = city.logo.get_rendition(LOGO_RENDITION)
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": _absolute(root, logo.url),
            "width": logo.width,
            "height": logo.height,
        }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": page.title,
        "datePublished": _local(page.release_date).isoformat(),
        "dateModified": _local(page.modified_at()).isoformat(),
        "author": publisher,
        "publisher": publisher,
        "inLanguage": "en",
    }
    if page.dek:
        data["description"] = page.dek
    image = share_image(page, root)
    if image:
        data["image"] = [image["url"]]
    if page.dateline_city:
        data["dateline"] = page.dateline_text(city)
    return data


def json_ld(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
