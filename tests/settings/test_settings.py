"""Every settings module, started the way a sysadmin starts it."""

import os
import subprocess
import sys

import pytest

GOOD_KEY = "k" * 20 + "-production-secret-for-tests-only-0123456789"


def run_dateline(*args, settings="dateline.settings.production", **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DJANGO_DEBUG", "DATABASE_URL")
    }
    environment.update(DJANGO_SETTINGS_MODULE=settings, **env)
    return subprocess.run(
        [sys.executable, "-m", "dateline", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_dateline("check", ALLOWED_HOSTS="news.example", DATELINE_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_key(tmp_path):
    from dateline.settings.dev import DEV_SECRET_KEY

    result = run_dateline(
        "check", SECRET_KEY=DEV_SECRET_KEY, ALLOWED_HOSTS="x", DATELINE_DATA_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "not the development key" in result.stderr


def test_production_refuses_debug(tmp_path):
    result = run_dateline(
        "check",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="x",
        DJANGO_DEBUG="1",
        DATELINE_DATA_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "Production never runs with DEBUG" in result.stderr


def test_production_passes_the_deployment_checks(tmp_path):
    result = run_dateline(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="news.example",
        DATELINE_DATA_DIR=str(tmp_path),
        EMAIL_URL="smtp://relay.example:587?tls=True",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "settings", ["dateline.settings.dev", "dateline.settings.test", "dateline.settings.production"]
)
def test_every_settings_module_honours_database_url(tmp_path, settings):
    scratch = tmp_path / "scratch.sqlite3"
    code = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    result = run_dateline(
        "shell",
        "--no-imports",
        "-c",
        code,
        settings=settings,
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="x",
        DATABASE_URL=f"sqlite:///{scratch}",
        DATELINE_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(scratch)


def test_dateline_command_runs_django_commands(tmp_path):
    scratch = tmp_path / "db.sqlite3"
    result = run_dateline(
        "migrate",
        "--noinput",
        settings="dateline.settings.dev",
        DATABASE_URL=f"sqlite:///{scratch}",
        DATELINE_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "Applying releases.0001_initial... OK" in result.stdout
    assert scratch.exists()


def test_redis_url_switches_queue_and_cache(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(settings.HUEY['huey_class'], settings.CACHES['default']['BACKEND'])"
    )
    result = run_dateline(
        "shell",
        "--no-imports",
        "-c",
        code,
        settings="dateline.settings.dev",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DATELINE_DATA_DIR=str(tmp_path),
    )
    assert result.stdout.split() == [
        "huey.PriorityRedisHuey",
        "django.core.cache.backends.redis.RedisCache",
    ]


def test_page_cache_limits_come_from_the_environment(tmp_path):
    result = run_dateline(
        "shell",
        "-c",
        "from django.conf import settings; o = settings.DATELINE_PAGE_CACHE_OPTIONS;"
        "print(o['memory_bytes'], o['max_entries'], o['max_bytes'], o['ttl'], o['s_maxage'])",
        settings="dateline.settings.dev",
        DATELINE_DATA_DIR=str(tmp_path),
        DATELINE_PAGE_CACHE_MEMORY_MB="0",
        DATELINE_PAGE_CACHE_MAX_PAGES="2000",
        DATELINE_PAGE_CACHE_MAX_MB="50",
        DATELINE_PAGE_CACHE_SECONDS="120",
        DATELINE_SHARED_CACHE_SECONDS="300",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["0", "2000", str(50 * 1024**2), "120", "300"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("lots", "DATELINE_PAGE_CACHE_MAX_MB must be a whole number, not “lots”."),
        ("0", "DATELINE_PAGE_CACHE_MAX_MB must be at least 1, not 0."),
    ],
)
def test_a_bad_page_cache_limit_is_named(tmp_path, value, message):
    result = run_dateline(
        "check",
        settings="dateline.settings.dev",
        DATELINE_DATA_DIR=str(tmp_path),
        DATELINE_PAGE_CACHE_MAX_MB=value,
    )
    assert result.returncode != 0
    assert message in result.stderr
