"""`dateline serve`, the server `make demo` starts: it answers, and Ctrl-C stops everything."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def production_env(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.production",
        "SECRET_KEY": "s" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATELINE_HTTPS": "0",
        "DATELINE_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run([sys.executable, "-m", "dateline", *command, "-v", "0"], env=env, check=True)
    (tmp_path / "demo-login.txt").write_text("admin\nsecret-for-test\n")
    return env


def test_serve_prints_addresses_serves_pages_and_stops_on_ctrl_c(production_env, tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dateline",
            "serve",
            "--port",
            str(port),
            "--workers",
            "1",
            "--login-file",
            str(tmp_path / "demo-login.txt"),
        ],
        env=production_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            output.append(line)
            if "Press Ctrl-C to stop." in line or process.poll() is not None:
                break
        banner = "".join(output)
        assert f"Public site:  http://127.0.0.1:{port}/" in banner
        assert f"Admin:        http://127.0.0.1:{port}/admin/" in banner
        assert "Demo login:   admin / secret-for-test" in banner
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/") as response:
            assert response.status == 200
            assert b"Sign in" in response.read()
    finally:
        process.send_signal(signal.SIGINT)
        try:
            rest, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            # Leave no server behind even when Ctrl-C failed; the test still fails.
            process.terminate()
            process.communicate(timeout=30)
            raise
    assert process.returncode == 0
    assert "Stopped." in rest
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
