"""Every setting Dateline reads is declared in base.py and documented in docs/configuration.md.

The rule, as the tests below hold it:

- A setting is *read* by the package when a module under dateline/ (dateline/settings/ aside)
  that imports ``django.conf.settings`` writes ``settings.NAME`` (NAME in capitals) or
  ``getattr(settings, "NAME", …)`` / ``hasattr(settings, "NAME")``.
- Every name read that Django's own ``global_settings`` does not define is *declared*: assigned
  in dateline/settings/base.py by a statement at the top of the module, not under an ``if``,
  ``for``, ``try`` or ``with``, so it has its default in every environment and nobody needs
  ``getattr(settings, NAME, default)`` to read it. (A later ``if`` may change the value.)
- *Dateline's settings* are the capitalised names assigned at the top of base.py (under an
  ``if`` too) that are neither Django's (``global_settings``, plus the two Django reads
  without a default, DJANGO_WITHOUT_DEFAULT) nor a third-party package's (the prefixes in
  THIRD_PARTY). Values that only help compute others start with ``_``. Each is read by the
  package, or named in NOT_READ_BY_PACKAGE with what reads it.
- The table under "## Every setting" in docs/configuration.md names exactly Dateline's
  settings, one a row, in backticks, each with its default; and every environment variable any
  settings module reads is named in backticks somewhere on that page.

So adding a setting without declaring and documenting it, or leaving a removed one behind in
base.py or the docs, fails the build.
"""

import ast
import re
from pathlib import Path

from django.conf import global_settings

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "dateline"
SETTINGS = PACKAGE / "settings"
BASE = SETTINGS / "base.py"
DOCS = ROOT / "docs" / "configuration.md"

# Settings that belong to a package Dateline uses, by prefix: documented there, not here.
THIRD_PARTY = {
    "WAGTAIL": "wagtail",
    "HUEY": "huey",
    "TASKS": "django-tasks",
    "AXES_": "django-axes",
    "OTP_": "django-otp",
    "CONTENT_SECURITY_POLICY": "django-csp",
    "WHITENOISE_": "whitenoise",
}
DJANGO_WITHOUT_DEFAULT = {"EMAIL_FILE_PATH", "ROOT_URLCONF"}
# Dateline's settings the package does not read, and who does.
NOT_READ_BY_PACKAGE = {
    "DEV_SECRET_KEY": "dev.py uses it, production.py refuses it",
    "DATELINE_BEHIND_PROXY": "base.py builds DATELINE_TRUSTED_PROXIES and the proxy headers",
    "DATELINE_FRONTEND_CACHE_URL": "base.py builds DATELINE_FRONTEND_CACHE_BACKENDS from it",
    "EMAIL_URL": "base.py builds the EMAIL_* settings from it",
    "REDIS_URL": "base.py builds HUEY and CACHES; tests/editorial/desk_worker_settings.py",
}
OS_ENVIRONMENT = ("os.environ", "os.getenv")
ENV_READERS = {"env_int", "env_flag", "env_networks"}
CAPITALS = re.compile(r"[A-Z][A-Z0-9_]*")


def _imports_django_settings(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "django.conf"
        and any(alias.name == "settings" and alias.asname is None for alias in node.names)
        for node in ast.walk(tree)
    )


def settings_read(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    if not _imports_django_settings(tree):
        return set()
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "settings"
            and CAPITALS.fullmatch(node.attr)
        ):
            names.add(node.attr)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr")
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == "settings"
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            names.add(node.args[1].value)
    return names


def read_by_package() -> dict[str, list[str]]:
    """Setting name → the modules that read it."""
    readers: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if SETTINGS in path.parents:
            continue
        for name in settings_read(path):
            readers.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return readers


def _targets(statement: ast.stmt) -> set[str]:
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
        targets = [statement.target]
    else:
        return set()
    return {t.id for t in targets if isinstance(t, ast.Name)}


def assigned_in_base() -> tuple[set[str], set[str]]:
    """(names assigned unconditionally at the top of base.py, names assigned at the top or
    inside a top-level block)."""
    tree = ast.parse(BASE.read_text(), filename=str(BASE))
    always, anywhere = set(), set()
    for statement in tree.body:
        always |= _targets(statement)
        for node in ast.walk(statement):
            if isinstance(node, ast.stmt):
                anywhere |= _targets(node)
    return always, anywhere


def is_djangos(name: str) -> bool:
    return hasattr(global_settings, name) or name in DJANGO_WITHOUT_DEFAULT


def is_third_party(name: str) -> bool:
    return any(name.startswith(prefix) for prefix in THIRD_PARTY)


def datelines_settings() -> set[str]:
    _, anywhere = assigned_in_base()
    return {
        name
        for name in anywhere
        if CAPITALS.fullmatch(name) and not is_djangos(name) and not is_third_party(name)
    }


def documented_settings() -> dict[str, str]:
    """Setting → its default, from the table under "## Every setting"."""
    text = DOCS.read_text()
    section = text.split("\n## Every setting\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`([A-Z][A-Z0-9_]*)`", cells[0]) if line.startswith("|") else None
        if match:
            rows[match.group(1)] = cells[1] if len(cells) > 1 else ""
    return rows


def environment_read() -> dict[str, str]:
    """Environment variable → the settings module that reads it."""
    found = {}
    for path in sorted(SETTINGS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            key = None
            if isinstance(node, ast.Call) and node.args:
                func = node.func
                reads_env = (isinstance(func, ast.Name) and func.id in ENV_READERS) or (
                    isinstance(func, ast.Attribute)
                    and (
                        func.attr == "getenv"
                        or (func.attr == "get" and ast.unparse(func.value) == "os.environ")
                    )
                )
                if reads_env:
                    key = node.args[0]
            elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
                key = node.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                found.setdefault(key.value, path.name)
    return found


def test_the_rule_sees_what_it_should():
    """The scan itself: it finds reads we know of, and declared and documented names."""
    readers = read_by_package()
    assert "DATELINE_PAGE_CACHE" in readers
    assert "DATELINE_TRUSTED_PROXIES" in readers
    assert {"DATA_DIR", "DATELINE_PAGE_CACHE_OPTIONS", "ALERTS_CRASH_AT"} <= datelines_settings()
    assert "TASKS" not in datelines_settings() and "HUEY" not in datelines_settings()
    assert "DATELINE_FRONTEND_CACHE_URL" in environment_read()
    assert len(documented_settings()) > 10


def test_every_setting_the_package_reads_is_declared_in_base():
    always, _ = assigned_in_base()
    missing = {
        name: modules
        for name, modules in read_by_package().items()
        if not is_djangos(name) and name not in always
    }
    assert not missing, (
        "Read by the package but not assigned (with its default) at the top of "
        f"dateline/settings/base.py: {missing}"
    )


def test_every_setting_of_datelines_is_read():
    """Nothing left behind in base.py: each of Dateline's settings is read by the package, or
    is one of the few that only another setting or settings module reads (NOT_READ_BY_PACKAGE,
    each with who reads it)."""
    readers = set(read_by_package())
    unread = datelines_settings() - readers - set(NOT_READ_BY_PACKAGE)
    assert not unread, f"Declared in base.py but read nowhere: {sorted(unread)}"
    stale = set(NOT_READ_BY_PACKAGE) & readers
    assert not stale, f"Read by the package now; drop from NOT_READ_BY_PACKAGE: {stale}"


def test_the_documented_settings_are_the_declared_ones():
    documented = documented_settings()
    declared = datelines_settings()
    assert not declared - set(documented), (
        "Declared in base.py but missing from the table under '## Every setting' in "
        f"docs/configuration.md: {sorted(declared - set(documented))}"
    )
    assert not set(documented) - declared, (
        "Documented in docs/configuration.md but not one of Dateline's settings in base.py: "
        f"{sorted(set(documented) - declared)}"
    )
    assert all(default for default in documented.values()), "Each row gives a default."


def test_every_environment_variable_is_documented():
    docs = DOCS.read_text()
    undocumented = {
        name: module for name, module in environment_read().items() if f"`{name}`" not in docs
    }
    assert not undocumented, (
        f"Environment variables read by dateline/settings but not named in "
        f"docs/configuration.md: {undocumented}"
    )


def test_only_the_settings_read_the_environment():
    """Outside dateline/settings the environment is read only for DJANGO_SETTINGS_MODULE
    (it picks the settings, so it cannot live in them) or handed whole to a child process."""
    allowed_key = "DJANGO_SETTINGS_MODULE"
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if SETTINGS in path.parents:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        from_os = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "os"
            for alias in node.names
            if alias.name in ("environ", "getenv")
        }
        for node in ast.walk(tree):
            if not (
                (isinstance(node, ast.Attribute) and ast.unparse(node) in OS_ENVIRONMENT)
                or (isinstance(node, ast.Name) and node.id in from_os)
            ):
                continue
            parent = parents.get(node)
            grand = parents.get(parent)
            if isinstance(parent, ast.Dict) and node in parent.values:
                idx = parent.values.index(node)
                if parent.keys[idx] is None:  # {**os.environ, …}: handed to a child process
                    continue
            if isinstance(parent, ast.Subscript) and ast.unparse(parent.slice) == repr(allowed_key):
                continue
            if (
                isinstance(parent, ast.Attribute)
                and parent.attr in ("get", "setdefault")
                and isinstance(grand, ast.Call)
                and grand.args
                and isinstance(grand.args[0], ast.Constant)
                and grand.args[0].value == allowed_key
            ):
                continue
            offences.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offences, f"Environment read outside dateline/settings: {offences}"
