"""The Django side of the page cache: which responses may be stored and shared.

PageCacheMiddleware is the outermost middleware, so it sees the final response (cookies set
by the session and CSRF middleware included). It marks a response with
X-Dateline-Page-Cache: store (the WSGI layer removes it) and sends
Cache-Control: public, max-age=…, s-maxage=… (for Varnish or a CDN later) only when:

- the request is a GET or HEAD without a session cookie or Authorization header, so the
  reader is anonymous and no password-protected page was unlocked for them;
- the response is a 200 with no Set-Cookie, no CSRF token used (CSRF_COOKIE_NEEDS_UPDATE),
  no Cache-Control private/no-store/no-cache already set (previews, alerts), and varies on
  nothing but Cookie / Accept-Language / Accept-Encoding;
- it comes from a public view: a live Wagtail page of a public type with no view
  restriction (home, newsrooms with their archive/paging/filter pages, releases, letters),
  topics, officials, feeds, sitemaps, robots.txt, /corrections/ and the API (not its 404s).

Never: the admin, previews, documents, alerts (subscribe forms), search, drafts and embargoed
releases (Wagtail answers 404 for a page that is not live), anything for a signed-in editor.

Wagtail pages carry "Vary: Cookie" (the userbar reads request.user). The WSGI layer does not
require its absence: it never serves or stores for a request with a session cookie, which is
the only cookie those pages depend on; the header stays for browsers and downstream caches.

A response that cannot be shared and was made for a request with a session gets
Cache-Control: private, no-cache when it had none.
"""

from django.conf import settings

from dateline.core.restrictions import is_private
from dateline.officials.models import LetterIndexPage, LetterPage
from dateline.releases.models import HomePage, NewsIndexPage, NewsReleasePage

MARKER = "X-Dateline-Page-Cache"
CACHEABLE_NAMESPACES = {"feeds", "topics", "officials", "api", "corrections"}
NOT_CACHEABLE_VIEWS = {"api:not-found"}
OK_VARY = {"cookie", "accept-language", "accept-encoding"}


def _page_models():
    return (HomePage, NewsIndexPage, NewsReleasePage, LetterIndexPage, LetterPage)


def cache_control() -> str:
    options = settings.DATELINE_PAGE_CACHE_OPTIONS
    max_age = options.get("max_age", 60)
    s_maxage = options.get("s_maxage", 600)
    return f"public, max-age={max_age}, s-maxage={s_maxage}"


def _public_view(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    if match.view_name in NOT_CACHEABLE_VIEWS:
        return False
    if match.url_name == "wagtail_serve":
        context = getattr(response, "context_data", None) or {}
        page = context.get("page")
        if page is None or not isinstance(page, _page_models()):
            return False
        return page.live and not is_private(page)
    return bool(set(match.namespaces) & CACHEABLE_NAMESPACES)


def is_cacheable(request, response) -> bool:
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    if getattr(response, "streaming", False):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - OK_VARY:
        return False
    return _public_view(request, response)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_cacheable(request, response):
            # "public" is also what deploy/varnish.vcl and a CDN go by, page cache or not.
            if settings.DATELINE_PAGE_CACHE:
                response[MARKER] = "store"
            if not response.get("Cache-Control", "").startswith("public"):
                response["Cache-Control"] = cache_control()  # the API keeps its own
        elif settings.SESSION_COOKIE_NAME in request.COOKIES and not response.has_header(
            "Cache-Control"
        ):
            response["Cache-Control"] = "private, no-cache"
        return response
