"""The stages import only downward; nothing below the faces imports a face, FastAPI or pyspark."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "unspun"

# Lower number = lower layer. A module may import its own layer or any lower one.
LAYERS = {
    "errors": 0,
    "model": 0,
    "config": 0,
    "lexicon": 0,
    "codec": 1,
    "extract": 2,
    "store": 3,
    "retrieve": 4,
    "align": 4,
    "changes": 5,
    "provenance": 6,
    "pipeline": 7,  # chains the stages: check = retrieve -> align -> changes -> provenance
    "report": 7,
    "evaluate": 8,
    "cli": 9,
    "api": 9,
    "web": 9,
    "batch": 9,
}
FACES = {"cli", "api", "web", "batch"}
FACE_ONLY_PACKAGES = {"fastapi", "uvicorn", "pyspark", "starlette"}


def _layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "unspun" or len(parts) < 2:
        return None
    return parts[1]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_module_imports_only_downward(path: Path) -> None:
    rel = path.relative_to(SRC)
    own = rel.parts[0].removesuffix(".py") if len(rel.parts) > 1 else rel.stem
    if own not in LAYERS:
        return  # package root files (__init__) may re-export anything
    for name in _imports(path):
        target = _layer_of(name)
        if target is not None and target in LAYERS:
            assert LAYERS[target] <= LAYERS[own], f"{rel} (layer {own}) imports {name}"
        if own not in FACES:
            assert name.split(".")[0] not in FACE_ONLY_PACKAGES, f"{rel} imports {name}"


def test_every_top_level_package_has_a_layer() -> None:
    names = {p.name.removesuffix(".py") for p in SRC.iterdir() if not p.name.startswith("_")}
    names -= {"py.typed", "demo", "resources"}
    assert names <= set(LAYERS), names - set(LAYERS)
