"""The package's layers hold, and the check that guards them notices when one is crossed.

The same checks run in `make lint`; here they run with the suite, so a crossing is caught
by whoever runs the tests too. The checks read source files only (no Django needed).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import check_imports  # noqa: E402


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"]
    return subprocess.run(
        command,
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def copy_of_the_project(tmp_path):
    shutil.copytree(
        ROOT / "dateline", tmp_path / "dateline", ignore=shutil.ignore_patterns("*.pyc")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_layers_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_no_import_cycle_and_few_imports_inside_functions():
    assert check_imports.problems(ROOT / "dateline") == []


def test_an_upward_import_fails_the_check(copy_of_the_project):
    apstyle = copy_of_the_project / "dateline/core/apstyle.py"
    # Inside a function, where it would not even run at import time: still a crossing.
    apstyle.write_text(
        apstyle.read_text() + "\n\ndef _peek():\n    from dateline.releases import models\n"
    )
    result = lint_imports(copy_of_the_project)
    assert result.returncode == 1
    assert "dateline.core is not allowed to import dateline.releases" in result.stdout
    assert "dateline.core.apstyle -> dateline.releases.models" in result.stdout


def test_a_cycle_fails_the_check(copy_of_the_project):
    package = copy_of_the_project / "dateline"
    (package / "core/_loop_a.py").write_text("from dateline.core import _loop_b  # noqa\n")
    (package / "core/_loop_b.py").write_text("from dateline.core import _loop_a  # noqa\n")
    assert "import cycle: dateline.core._loop_a -> dateline.core._loop_b" in (
        check_imports.problems(package)
    )


def test_an_import_inside_a_function_must_say_why(copy_of_the_project):
    package = copy_of_the_project / "dateline"
    (package / "core/_late.py").write_text(
        "def f():\n    from dateline.core import apstyle\n    return apstyle\n"
    )
    assert (
        "dateline/core/_late.py:2: import inside a function without a comment saying why"
        in check_imports.problems(package)
    )
