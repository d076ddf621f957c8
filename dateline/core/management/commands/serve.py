"""Run the public site and the background worker together, as `make demo` does."""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Serve Dateline with granian (a production WSGI server) and run the huey worker "
        "beside it. Ctrl-C stops both."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
        parser.add_argument(
            "--login-file", default="", help="A file whose two lines (user, password) are printed."
        )

    def handle(self, *args, **options):
        granian = shutil.which("granian", path=os.path.dirname(sys.executable)) or shutil.which(
            "granian"
        )
        if granian is None:
            raise CommandError(
                "granian is not installed in this environment (pip install granian)."
            )
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
        host, port = options["host"], options["port"]
        server_cmd = [
            granian,
            "--interface",
            "wsgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(options["workers"]),
            # granian's default of hundreds of blocking threads measured slower for Django.
            "--blocking-threads",
            "1",
            "--no-ws",
            "dateline.wsgi:application",
        ]
        worker_cmd = [sys.executable, "-m", "dateline", "run_huey", "--quiet"]
        children = [
            subprocess.Popen(server_cmd, env=env, start_new_session=True),
            # Readers first: under a spike the web workers get the processor before background
            # jobs such as recomputing related stories over a large archive.
            subprocess.Popen(
                worker_cmd, env=env, start_new_session=True, preexec_fn=lambda: os.nice(10)
            ),
        ]
        stopping = False

        def stop(signum=None, frame=None):
            nonlocal stopping
            if stopping:
                return
            stopping = True
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGINT)
            deadline = time.monotonic() + 15
            for child in children:
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()

        signal.signal(signal.SIGTERM, stop)
        # A shell that starts us in the background leaves SIGINT ignored; Ctrl-C must work.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            url = f"http://{host}:{port}/"
            self._wait_until_up(url, children)
            self._announce(url, options["login_file"])
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
            if not stopping:
                failed = next(c for c in children if c.poll() is not None)
                name = "web server" if failed is children[0] else "worker"
                self.stderr.write(f"The {name} stopped (exit {failed.returncode}); stopping.")
        except KeyboardInterrupt:
            self.stdout.write("\nStopping the web server and the worker…")
        finally:
            stop()
        self.stdout.write("Stopped.")

    def _wait_until_up(self, url, children, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(child.poll() is not None for child in children):
                raise CommandError("The server or the worker failed to start; see the log above.")
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    response.read(1)
                return
            except urllib.error.HTTPError:
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise CommandError(f"Nothing answered at {url} within {timeout} seconds.")

    def _announce(self, url, login_file):
        lines = [
            "",
            "Dateline is running.",
            f"  Public site:  {url}",
            f"  Admin:        {url}admin/",
        ]
        if login_file and os.path.exists(login_file):
            with open(login_file, encoding="utf-8") as handle:
                user, password = (handle.read().split() + ["", ""])[:2]
            lines.append(f"  Demo login:   {user} / {password}")
            lines.append("                (if you changed the password since, use yours)")
        lines += [f"  Data folder:  {settings.DATA_DIR}"]
        lines += self._mailbox_lines()
        lines += ["Press Ctrl-C to stop.", ""]
        self.stdout.write("\n".join(lines))
        self.stdout.flush()

    def _mailbox_lines(self):
        """Where the emails the site sends end up, so the demo's confirmation can be read."""
        backend = settings.EMAIL_BACKEND
        if backend.endswith("filebased.EmailBackend"):
            return [
                f"  Mailbox:      {settings.EMAIL_FILE_PATH}",
                "                (every email the site sends, e.g. the link that confirms an",
                "                 alert subscription, is written there, in .log files)",
            ]
        if backend.endswith("console.EmailBackend"):
            return ["  Mailbox:      emails are printed in the worker's output below"]
        return []
