"""Settings for the real-worker scheduling test: the test settings with a real huey queue.

The database (DATABASE_URL), the mail folder (EMAIL_URL) and DATELINE_DATA_DIR are the
test's temporary ones; the queue is a SQLite file there, shared by every process.
"""

from dateline.settings.test import *  # noqa: F403
from dateline.settings.test import DATA_DIR, HUEY

HUEY = {
    **HUEY,
    "immediate": False,
    "filename": str(DATA_DIR / "huey.sqlite3"),
    "consumer": {"workers": 2, "worker_type": "thread"},
}
