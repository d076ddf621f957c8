"""DATELINE_BEHIND_PROXY and DATELINE_TRUSTED_PROXIES, read the way a sysadmin sets them."""

from .test_settings import GOOD_KEY, run_dateline

SHOW = (
    "from django.conf import settings; "
    "print(settings.DATELINE_TRUSTED_PROXIES, settings.USE_X_FORWARDED_HOST, "
    "settings.AXES_CLIENT_IP_CALLABLE)"
)


def show(tmp_path, **env):
    return run_dateline(
        "shell",
        "--no-imports",
        "-c",
        SHOW,
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="news.example",
        DATELINE_DATA_DIR=str(tmp_path),
        **env,
    )


def test_behind_a_proxy_only_the_proxies_on_this_machine_are_trusted_by_default(tmp_path):
    result = show(tmp_path, DATELINE_BEHIND_PROXY="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == (
        "['127.0.0.0/8', '::1'] True dateline.core.clientip.client_address"
    )


def test_without_a_proxy_no_forwarded_header_is_trusted(tmp_path):
    result = show(tmp_path, DATELINE_TRUSTED_PROXIES="10.0.0.5")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2].startswith("[] False")


def test_a_bad_proxy_address_is_named(tmp_path):
    result = show(tmp_path, DATELINE_BEHIND_PROXY="1", DATELINE_TRUSTED_PROXIES="10.0.0.5,varnish")
    assert result.returncode != 0
    assert "DATELINE_TRUSTED_PROXIES must list IP addresses or networks" in result.stderr
    assert "“varnish” is neither" in result.stderr
