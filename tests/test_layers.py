"""The layers point one way: ``api`` → ``ingest``, ``graph``; ``ingest`` → ``graph``; nothing of ours
below ``graph``. Checked over the import graph of every module, lazy imports inside functions and
``importlib.import_module("…")`` calls included (issue 20).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "ingest", "api")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> Iterator[str]:
    """Every module this file imports, at any depth of the tree (so lazy imports count)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield target
            # ``from ingest import relations`` imports the submodule ingest.relations
            yield from (f"{target}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for target in _imports(path):
            # the longest known module the import names (a name imported from a module is not one)
            parts = target.split(".")
            while parts and ".".join(parts) not in modules:
                parts.pop()
            if parts and ".".join(parts) != name:
                edges[name].add(".".join(parts))
    return edges


EDGES = _graph()


def _top(module: str) -> str:
    return module.split(".")[0]


def _crossings(source: str, target: str) -> list[str]:
    return sorted(f"{m} -> {t}" for m, ts in EDGES.items() for t in ts if _top(m) == source and _top(t) == target)


def test_the_walk_sees_lazy_and_importlib_imports() -> None:
    # pins the walker itself: pipeline imports the loader at the top and inside a function,
    # the extraction pipeline finds the relation step through importlib
    assert "graph.loader" in EDGES["ingest.pipeline"]
    assert len(EDGES) > 100


@pytest.mark.parametrize(("source", "target"), [("graph", "ingest"), ("graph", "api"), ("ingest", "api")])
def test_no_import_against_the_layers(source: str, target: str) -> None:
    assert _crossings(source, target) == []


def _cycles(nodes: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in nodes.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return sorted(out)


def _collapsed(level: int, within: str | None = None) -> dict[str, set[str]]:
    """The import graph between packages (level 1) or the subpackages of ``within`` (level 2)."""

    def key(m: str) -> str | None:
        parts = m.split(".")
        if within is not None and parts[0] != within:
            return None
        return ".".join(parts[:level])

    out: dict[str, set[str]] = {}
    for m, ts in EDGES.items():
        a = key(m)
        if a is None:
            continue
        for t in ts:
            b = key(t)
            if b is not None and b != a:
                out.setdefault(a, set()).add(b)
    return out


def test_no_cycle_between_packages() -> None:
    assert _cycles(_collapsed(1)) == []


def test_no_cycle_between_subpackages_of_ingest() -> None:
    cycles = _cycles(_collapsed(2, "ingest"))
    assert cycles == [], "import cycles between subpackages of ingest: " + "; ".join(" <-> ".join(c) for c in cycles)
