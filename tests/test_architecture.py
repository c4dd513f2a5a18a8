"""The import graph of the project's own code: no cycles, and the layers hold.

The action server runs apart (its image holds `actions/` and `contract/` only), so it may import nothing else of
the project; the contract is a leaf both processes share; the knowledge base knows nothing of who serves it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("actions", "bench", "bot", "contract", "danish", "knowledge", "service", "stack")
# Top-level packages each package may import (itself always).
ALLOWED = {
    "contract": set(),
    "actions": {"contract"},
    "danish": {"contract"},
    "knowledge": {"contract", "danish"},
    # The conversation runner starts the whole stack and reads booking codes as the contract spells them.
    "bot": {"contract", "danish", "stack"},
    "service": {"contract", "danish", "knowledge"},
    "stack": {"knowledge"},
    "bench": {"stack", "danish"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each project module and the project modules it imports (at any depth of the file)."""
    files = {_module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).strip(".")
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            for target in targets:
                while target and target not in files:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    imported.add(target)
        graph[name] = imported
    return graph


GRAPH = import_graph()


@pytest.mark.parametrize(
    ("module", "imported"),
    [
        ("service.main", "service.api.errors"),
        ("knowledge.answering", "knowledge.base"),
        ("knowledge.files", "contract.constants"),
    ],
)
def test_the_graph_holds_real_imports(module: str, imported: str) -> None:
    assert imported in GRAPH[module]


def test_there_is_no_import_cycle() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in GRAPH[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = stack[stack.index(module) :]
            del stack[stack.index(module) :]
            if len(component) > 1:
                cycles.append(component)

    for module in GRAPH:
        if module not in index:
            visit(module)
    assert cycles == []


@pytest.mark.parametrize("package", PACKAGES)
def test_each_package_imports_only_the_layers_below_it(package: str) -> None:
    wrong = {
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if module.split(".")[0] == package
        for target in targets
        if target.split(".")[0] not in {package, *ALLOWED[package]}
    }
    assert wrong == set()
