"""The embedded SQLite database under concurrent writers (the demo, a small city's site).

Two requests saving at once used to end in "database is locked" 500s: each connection now
waits for the other's write (busy timeout), journals in WAL so readers never block the
writer, and starts its transactions IMMEDIATE, so two writers queue instead of deadlocking.
"""

import json

from .test_settings import GOOD_KEY, run_dateline

PRAGMAS = """
import json
from django.db import connection
with connection.cursor() as cursor:
    found = {}
    for name in ("journal_mode", "busy_timeout"):
        cursor.execute(f"PRAGMA {name}")
        found[name] = cursor.fetchone()[0]
print(json.dumps(found))
"""

TWO_WRITERS = """
import json, threading, time
from django.db import connections, transaction

with connections["default"].cursor() as cursor:
    cursor.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
met = threading.Barrier(2)
outcome = {}

def writer(name):
    try:
        with transaction.atomic():
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM notes")
                try:
                    met.wait(timeout=0.5)  # both inside a transaction at once, if they can be
                except threading.BrokenBarrierError:
                    pass
                cursor.execute("INSERT INTO notes (body) VALUES (%s)", [name])
                time.sleep(0.2)
        outcome[name] = "saved"
    except Exception as error:
        outcome[name] = str(error)
    finally:
        connections["default"].close()

threads = [threading.Thread(target=writer, args=(n,)) for n in ("agenda", "minutes")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connections["default"].cursor() as cursor:
    cursor.execute("SELECT count(*) FROM notes")
    outcome["rows"] = cursor.fetchone()[0]
print(json.dumps(outcome))
"""


def shell(tmp_path, code, settings, url=None):
    result = run_dateline(
        "shell",
        "--no-imports",
        "-c",
        code,
        settings=settings,
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="news.example",
        DATABASE_URL=url or f"sqlite:///{tmp_path / 'city.sqlite3'}",
        DATELINE_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_sqlite_connection_waits_for_writers_and_journals_in_wal(tmp_path):
    for settings in ("dateline.settings.production", "dateline.settings.dev"):
        assert shell(tmp_path, PRAGMAS, settings) == {"journal_mode": "wal", "busy_timeout": 20000}


def test_the_default_database_gets_the_same_options(tmp_path):
    # No DATABASE_URL at all: the file under DATELINE_DATA_DIR.
    result = run_dateline(
        "shell",
        "--no-imports",
        "-c",
        PRAGMAS,
        settings="dateline.settings.dev",
        DATELINE_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "journal_mode": "wal",
        "busy_timeout": 20000,
    }


def test_two_writers_at_once_both_save(tmp_path):
    outcome = shell(tmp_path, TWO_WRITERS, "dateline.settings.production")
    assert outcome == {"agenda": "saved", "minutes": "saved", "rows": 2}
