"""Settings for working on Dateline on your own machine."""

import os

from .base import *  # noqa: F403
from .base import DATA_DIR, DEV_SECRET_KEY

DEBUG = os.environ.get("DJANGO_DEBUG", "1") != "0"
# Production refuses to start with this key (see production.py).
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
DATA_DIR.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
