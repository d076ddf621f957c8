"""Checks Dateline's own imports, every one of them, those inside functions included:

  * no import cycle inside the package (a cycle means neither module can be understood,
    tested or moved without the other);
  * an import of a Dateline module inside a function says why on its line or the line above
    (a comment), and there are fewer than MAX_DEFERRED of them: each is a dependency that the
    module's header does not show.

The layers themselves (which app may import which) are import-linter's contract in
pyproject.toml; `make lint` runs both. Exit 1 with one line per problem; nothing on success.
Run: python scripts/check_imports.py [package directory]
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "dateline"
MAX_DEFERRED = 25


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    deferred: bool  # inside a function: runs when called, not when the module loads


def module_names(package_dir: Path) -> dict[str, Path]:
    """Every module of the package by dotted name (migrations left out: Django writes them)."""
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> list[Import]:
    """The Dateline modules `module` imports, each resolved to the module that holds it
    (`from dateline.core import apstyle` imports dateline.core.apstyle)."""

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    found: list[Import] = []
    is_package = path.name == "__init__.py"

    def visit(node: ast.AST, deferred: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue  # never runs: annotations only
            inner = deferred or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = _absolute(module, is_package, child)
                names = [f"{base}.{alias.name}" for alias in child.names]
            else:
                visit(child, inner)
                continue
            for name in names:
                if name == PACKAGE or name.startswith(PACKAGE + "."):
                    target = known(name)
                    if target and target != module:
                        found.append(Import(module, target, child.lineno, inner))

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), False)
    return found


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def _has_reason(lines: list[str], line: int) -> bool:
    here = lines[line - 1]
    above = lines[line - 2].strip() if line >= 2 else ""
    return "#" in here or above.startswith("#")


def problems(package_dir: Path) -> list[str]:
    modules = module_names(package_dir)
    edges: dict[str, set[str]] = {name: set() for name in modules}
    deferred: list[Import] = []
    for name, path in modules.items():
        for found in imports_of(name, path, modules):
            edges[name].add(found.imported)
            if found.deferred:
                deferred.append(found)
    report = [f"import cycle: {' -> '.join(component)}" for component in cycles(edges)]
    statements = sorted({(i.importer, i.line) for i in deferred})
    for importer, line in statements:
        path = modules[importer]
        if not _has_reason(path.read_text(encoding="utf-8").splitlines(), line):
            where = path.relative_to(package_dir.parent)
            report.append(f"{where}:{line}: import inside a function without a comment saying why")
    if len(statements) >= MAX_DEFERRED:
        report.append(
            f"{len(statements)} imports of {PACKAGE} modules inside functions "
            f"(fewer than {MAX_DEFERRED} allowed): move them to the module's top"
        )
    return report


def deferred_imports(package_dir: Path) -> list[tuple[str, int]]:
    modules = module_names(package_dir)
    return sorted(
        {
            (str(path.relative_to(package_dir.parent)), found.line)
            for name, path in modules.items()
            for found in imports_of(name, path, modules)
            if found.deferred
        }
    )


def main(argv: list[str]) -> int:
    package_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent.parent / PACKAGE
    report = problems(package_dir)
    for line in report:
        print(line)
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
