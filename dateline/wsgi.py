"""WSGI entry point for granian or gunicorn.

Anonymous public pages are answered by the page cache (dateline/pagecache/wsgi.py) before
Django runs; everything else goes to Django as before.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.production")

from dateline.pagecache.wsgi import PageCache  # noqa: E402  (needs the settings module set)

application = PageCache(get_wsgi_application())
