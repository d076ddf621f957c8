"""Settings for the real-worker scheduling test: the test settings with a real huey queue.

The database (DATABASE_URL), the mail folder (EMAIL_URL) and DATELINE_DATA_DIR are the
test's temporary ones. The queue is a SQLite file there, shared by every process, or the
real Redis when REDIS_URL is set (the PostgreSQL pass of `make test`), so both of the
queues production can use carry a scheduled publication.
"""

from dateline.settings.test import *  # noqa: F403
from dateline.settings.test import DATA_DIR, HUEY, REDIS_URL

HUEY = {**HUEY, "immediate": False, "consumer": {"workers": 2, "worker_type": "thread"}}
if not REDIS_URL:
    HUEY["filename"] = str(DATA_DIR / "huey.sqlite3")
