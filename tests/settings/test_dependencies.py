"""Every third-party package the code uses is declared in pyproject.toml.

- Each ``import`` in dateline/ (migrations and settings included) names a module; the
  distribution that installs it (importlib.metadata.packages_distributions(), so ``PIL`` is
  Pillow and every ``django.*`` is Django) is in [project] dependencies. Imports in tests/
  and bench/ may use the ``test`` extra as well.
- The dotted paths the settings name (INSTALLED_APPS, MIDDLEWARE, backends: ``"taggit"``,
  ``"whitenoise.middleware.…"``) count as imports of dateline/.
- RUNTIME_ONLY lists what the code needs without importing it, and why.

The standard library (sys.stdlib_module_names) and the project's own modules (dateline,
tests, bench, a module's siblings and scripts/, which tests put on sys.path) need nothing.
"""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCAL = {"dateline", "tests", "bench"}
DOTTED = re.compile(r"[a-z_][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")

# Needed at run time but never imported by name, so no import shows them.
RUNTIME_ONLY = {
    "lxml-html-clean": "justext (under trafilatura) imports lxml.html.clean from it",
    "argon2-cffi": "PASSWORD_HASHERS starts with Django's Argon2PasswordHasher",
    "psycopg": "DATABASE_URL may be postgres://",
    "redis": "REDIS_URL switches the cache and queue to Redis",
    "granian": "`dateline serve` runs it",
}
TEST_RUNTIME_ONLY = {"pytest-django": "the pytest plugin that sets Django up"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    return canonical(re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip()).group(0))


def declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = {requirement_name(r) for r in project["dependencies"]}
    test = {requirement_name(r) for r in project["optional-dependencies"]["test"]}
    return core, test


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def settings_modules(path: Path) -> set[str]:
    """First parts of the dotted paths a settings module names in strings."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = packages_distributions()
    return {
        node.value.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and DOTTED.fullmatch(node.value)
        and node.value.split(".")[0] in found
    }


def is_local(module: str, path: Path) -> bool:
    if module in LOCAL:
        return True
    return any(
        (folder / f"{module}.py").exists() or (folder / module / "__init__.py").exists()
        for folder in (path.parent, ROOT / "scripts")
    )


def undeclared(folders, allowed: set[str]) -> dict[str, set[str]]:
    """Distribution (or unknown module) → files that import it without its declaration."""
    distributions = packages_distributions()
    missing: dict[str, set[str]] = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            modules = imported_modules(path)
            if folder == "dateline" and path.parent.name == "settings":
                modules |= settings_modules(path)
            for module in modules:
                if module in sys.stdlib_module_names or is_local(module, path):
                    continue
                dists = {canonical(d) for d in distributions.get(module, ())}
                if not dists:
                    key = f"{module} (no installed distribution provides it)"
                elif dists & allowed:
                    continue
                else:
                    key = " or ".join(sorted(dists))
                missing.setdefault(key, set()).add(str(path.relative_to(ROOT)))
    return missing


def test_the_scan_sees_imports():
    assert "wagtail" in imported_modules(ROOT / "dateline" / "urls.py")
    assert {"taggit", "whitenoise", "huey"} <= settings_modules(
        ROOT / "dateline" / "settings" / "base.py"
    )
    assert requirement_name("psycopg[binary]>=3.2,<4") == "psycopg"


def test_every_package_the_code_imports_is_a_dependency():
    core, _ = declared()
    missing = undeclared(["dateline"], core)
    assert not missing, f"Imported by dateline/ but not in [project] dependencies: {missing}"


def test_every_package_the_tests_import_is_declared():
    core, test = declared()
    missing = undeclared(["tests", "bench"], core | test)
    assert not missing, (
        f"Imported by tests/ or bench/ but in neither [project] dependencies nor the test "
        f"extra: {missing}"
    )


def test_what_runs_without_an_import_is_declared_too():
    core, test = declared()
    assert not set(RUNTIME_ONLY) - core, {n: RUNTIME_ONLY[n] for n in set(RUNTIME_ONLY) - core}
    assert not set(TEST_RUNTIME_ONLY) - test
