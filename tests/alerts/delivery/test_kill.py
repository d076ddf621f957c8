"""Kill the worker process anywhere, restart it: every message arrives exactly once.

A real worker process (worker.py) delivers from a SQLite file to the SMTP server running in
this test process, which counts messages by Message-ID. The worker is killed with SIGKILL
at chosen stages (through the DATELINE_ALERTS_CRASH_AT test hook) and at random moments,
and restarted each time, as the huey consumer would be.
"""

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from .conftest import Server

ROOT = Path(__file__).resolve().parents[3]
WORKER = Path(__file__).with_name("worker.py")
SUBSCRIBERS = 60


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    """A migrated database with a city, subscribers and a published release, made once."""
    folder = tmp_path_factory.mktemp("kill-template")
    db = folder / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "DATELINE_DATA_DIR": str(folder)}
    env.pop("EMAIL_URL", None)
    env.pop("DATELINE_ALERTS_CRASH_AT", None)
    result = subprocess.run(
        [sys.executable, str(WORKER), "setup", str(SUBSCRIBERS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == str(SUBSCRIBERS)
    # One file, so that copies start from exactly this state.
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.fixture
def world(template_db, tmp_path):
    db = tmp_path / "db.sqlite3"
    shutil.copy(template_db, db)
    server = Server()
    server.start()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DATELINE_DATA_DIR": str(tmp_path),
        "EMAIL_URL": f"smtp://127.0.0.1:{server.port}",
    }
    env.pop("DATELINE_ALERTS_CRASH_AT", None)
    yield db, server, env
    server.stop()


def start_worker(env, crash_at=None):
    env = dict(env)
    if crash_at:
        env["DATELINE_ALERTS_CRASH_AT"] = crash_at
    return subprocess.Popen(
        [sys.executable, str(WORKER), "deliver"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def rows(db):
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT message_id, status FROM alerts_message").fetchall()


def finish(env):
    worker = start_worker(env)
    _, err = worker.communicate(timeout=120)
    assert worker.returncode == 0, err[-3000:]


# Either side of the documented window (after the handed-over commit, before the marker).
CRASH_POINTS = [
    "claimed:1",  # rows claimed, nothing sent
    "mail-from:4",  # MAIL FROM accepted
    "mid-body:7",  # half the message sent
    "body-sent:10",  # whole body sent, marker not sent, row not yet handed over
    "answered:13",  # server answered 250, answer not yet recorded
    "claimed:3",
    "mid-body:2",
]


def test_killed_at_every_stage_each_message_arrives_once(world):
    db, server, env = world
    for point in CRASH_POINTS:
        worker = start_worker(env, point)
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == -signal.SIGKILL, f"{point}: {err[-2000:]}"
    finish(env)

    expected = {message_id for message_id, _ in rows(db)}
    received = Counter(server.mailbox.ids())
    assert len(expected) == SUBSCRIBERS
    assert set(received) == expected
    assert set(received.values()) == {1}, [k for k, v in received.items() if v > 1]
    assert {status for _, status in rows(db)} <= {"sent", "handed-over"}


def test_killed_at_random_moments_nothing_arrives_twice(world):
    db, server, env = world
    rng = random.Random(os.environ.get("KILL_SEED", "20261128"))
    kills, progress = 0, []
    for _ in range(6):
        before = len(server.mailbox.messages)
        worker = start_worker(env)
        # Wait until it is delivering (start-up takes about a second), then kill it at a
        # random moment within the next few messages.
        deadline = time.monotonic() + 30
        while (
            worker.poll() is None
            and len(server.mailbox.messages) == before
            and time.monotonic() < deadline
        ):
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.04))
        if worker.poll() is None:
            worker.send_signal(signal.SIGKILL)
            kills += 1
        worker.communicate(timeout=60)
        progress.append(len(server.mailbox.messages))
    assert kills >= 3, progress
    finish(env)

    received = Counter(server.mailbox.ids())
    assert set(received.values()) == {1}, [k for k, v in received.items() if v > 1]
    missing = {mid for mid, status in rows(db)} - set(received)
    # Only a kill inside the documented window (delivery.py) can lose a message, and it
    # leaves the row handed-over; with kills at random moments that is rare.
    assert all(status == "handed-over" for mid, status in rows(db) if mid in missing)
    assert len(missing) <= kills
    print(f"random kills: {kills}, received after each: {progress}, lost: {len(missing)}")


def test_the_documented_window_loses_a_message_and_never_duplicates(world):
    """A kill between the handed-over commit and the end-of-data marker: the known gap."""
    db, server, env = world
    worker = start_worker(env, "handed-over:5")
    worker.communicate(timeout=120)
    assert worker.returncode == -signal.SIGKILL
    finish(env)

    received = Counter(server.mailbox.ids())
    assert set(received.values()) == {1}
    missing = {mid for mid, _ in rows(db)} - set(received)
    assert len(missing) == 1
    assert dict(rows(db))[missing.pop()] == "handed-over"
