"""The changes stage's own layout: no import cycle, one ordered list of pair detectors, and
no threshold written inside a detector."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from unspun.changes.detectors import PAIR_DETECTORS

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "unspun" / "changes"


def _module(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return "unspun." + ".".join(parts)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
                found.update(n for n in names if n.startswith("unspun.changes"))
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("unspun.changes"))
        graph[_module(path)] = found
    return {m: {d for d in deps if d in graph and d != m} for m, deps in graph.items()}


def test_changes_has_no_import_cycle() -> None:
    graph = _graph()
    graph["unspun.changes"] = set()  # the package root only re-exports
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for dep in graph.get(module, ()):
            visit(dep, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())


def test_one_ordered_list_of_pair_detectors() -> None:
    names = [d.__name__ for d in PAIR_DETECTORS]
    assert names[:4] == [
        "quotes_altered", "negation_flipped", "attribution_changed", "titles_changed"
    ]  # fmt: skip
    assert names.index("clauses_added_or_dropped") < names.index("names_added")
    assert len(set(names)) == len(names)


def test_detectors_take_thresholds_from_the_config() -> None:
    """Numbers other than 0, 1 and 2 inside a detector body belong in ChangeConfig."""
    for path in (PACKAGE / "detectors").glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Constant) and type(inner.value) in (int, float):
                        assert inner.value in (0, 1, 2, -1), (path.name, node.name, inner.value)
    assert re.search(r"quote_spelling_ratio", (PACKAGE / "config.py").read_text("utf-8"))
