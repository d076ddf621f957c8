from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dateline.alerts import urls as alert_urls
from dateline.api import urls as api_urls
from dateline.core import media
from dateline.editorial.corrections import urls as correction_urls
from dateline.editorial.previews import urls as preview_urls
from dateline.feeds import urls as feed_urls
from dateline.officials import urls as official_urls
from dateline.search import urls as search_urls
from dateline.topics import urls as topic_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("topics/", include(topic_urls)),
    path("officials/", include(official_urls)),
    path("search/", include(search_urls)),
    path("alerts/", include(alert_urls)),
    path("api/v1/", include(api_urls)),
    path("preview/", include(preview_urls)),
    path("corrections/", include(correction_urls)),
    path("", include(feed_urls)),
]

if settings.SERVE_MEDIA:
    # Never a plain file server: documents only through /documents/ (collection restrictions),
    # images only once a reader can see them (dateline/core/media.py).
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", media.serve, name="media")]

urlpatterns += [path("", include(wagtail_urls))]
