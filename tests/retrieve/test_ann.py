"""The approximate vector index: agreement with brute force, the file beside the library,
incremental add and remove, and a rebuild from SQLite when the file is missing or corrupt."""

from __future__ import annotations

import logging
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from unspun.model import Article
from unspun.retrieve.ann import SUFFIX, VectorAnn, check_file, load_usearch
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.retrieve.shingles import word_hash, words

try:
    load_usearch()  # onnxruntime first: see load_usearch
except ImportError:
    pytest.skip("usearch is not installed", allow_module_level=True)

TOPICS = [
    "harbour ferry storm rescue passengers coast guard wind",
    "council budget school roads taxes vote mayor",
    "orchid botanist railway bloom species forest rare",
    "bank rates inflation markets bonds investors yield",
]


class HashEmbedder:
    """A deterministic stand-in for the static embedding: hashed bag of words, 256 wide."""

    name = "hash-256"

    def encode(self, sentences: list[str]) -> np.ndarray:
        out = np.zeros((len(sentences), 256), dtype=np.float32)
        for i, sentence in enumerate(sentences):
            for w in words(sentence):
                out[i, word_hash(w) % 256] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def synthetic(make_article: Callable[..., Article], n: int, seed: int = 0) -> list[Article]:
    """``n`` articles in families of 5 (a story and four reworded copies: a few words of each
    sentence swapped), each family with words of its own; a shared wire line now and then."""
    rnd = random.Random(seed)
    wire = "Officials said the investigation would continue into next week."
    out = []
    for family in range(0, n, 5):
        own = [f"w{seed}x{family}y{j}" for j in range(30)] + TOPICS[family % 4].split()
        base = [[rnd.choice(own) for _ in range(rnd.randint(8, 14))] for _ in range(12)]
        for member in range(min(5, n - family)):
            sentences = []
            for words_ in base:
                changed = [rnd.choice(own) if rnd.random() < 0.2 else w for w in words_]
                sentences.append(" ".join(changed).capitalize() + ".")
            if member == 0 and family % 3 == 0:
                sentences.append(wire)
            out.append(make_article(f"Story {family} {member}", " ".join(sentences)))
    return out


def open_index(path: Path, **cfg: object) -> SourceIndex:
    conn = sqlite3.connect(path, isolation_level=None)
    settings = RetrieveConfig(vector_min_cosine=0.3, **cfg)  # type: ignore[arg-type]
    index = SourceIndex(conn, settings, HashEmbedder())
    index.ensure_schema()
    return index


def add(index: SourceIndex, articles: list[Article]) -> None:
    index.conn.execute("BEGIN IMMEDIATE")
    index.add_many(articles)
    index.conn.execute("COMMIT")


@pytest.fixture
def library(tmp_path: Path, make_article: Callable[..., Article]) -> tuple[Path, list[Article]]:
    path = tmp_path / "lib.db"
    articles = synthetic(make_article, 300)
    index = open_index(path)
    add(index, articles)
    index.sync_ann()
    index.conn.close()
    return path, articles


def same_top(index: SourceIndex, articles: list[Article], top: int = 5) -> float:
    same = 0
    for article in articles:
        exact = [d for d, _ in index.search_vectors(article.title, article.text, exact=True)]
        approx = [d for d, _ in index.search_vectors(article.title, article.text)]
        same += set(exact[:top]) == set(approx[:top])
    return same / len(articles)


def test_ann_agrees_with_brute_force(library: tuple[Path, list[Article]]) -> None:
    path, articles = library
    index = open_index(path)
    assert same_top(index, articles[::5]) >= 0.98


def test_index_file_persists_and_reloads(library: tuple[Path, list[Article]]) -> None:
    path, articles = library
    file = Path(str(path) + SUFFIX)
    assert file.is_file()
    last_id, generation = check_file(file)
    index = open_index(path)
    assert last_id == index.conn.execute("SELECT max(id) FROM idx_vectors").fetchone()[0]
    assert generation == index._generation()
    assert index.sync_ann() == 0  # read back from the file: nothing to catch up
    distinct = index.conn.execute("SELECT count(DISTINCT h) FROM idx_vectors").fetchone()[0]
    assert index._ann is not None and len(index._ann) == distinct
    assert index.search_vectors(articles[7].title, articles[7].text)[0][0] == 8


def test_add_and_remove_are_incremental(
    library: tuple[Path, list[Article]], make_article: Callable[..., Article]
) -> None:
    path, articles = library
    index = open_index(path)
    index.sync_ann()
    more = synthetic(make_article, 20, seed=1)
    add(index, more)
    new_sentences = index.conn.execute(
        "SELECT count(DISTINCT h) FROM idx_vectors WHERE doc > 300 AND h NOT IN "
        "(SELECT h FROM idx_vectors WHERE doc <= 300)"
    ).fetchone()[0]
    assert index.sync_ann() == new_sentences  # only the new sentences go in
    assert index.search_vectors(more[3].title, more[3].text)[0][0] == 304
    index.conn.execute("BEGIN IMMEDIATE")
    index.remove(articles[7].id)
    index.conn.execute("COMMIT")
    assert index.sync_ann() > 0
    assert all(doc != 8 for doc, _ in index.search_vectors(articles[7].title, articles[7].text))
    reopened = open_index(path)  # the file written after the removal is current
    assert reopened.sync_ann() == 0
    assert all(doc != 8 for doc, _ in reopened.search_vectors(articles[7].title, articles[7].text))


def test_file_of_another_library_is_reconciled(
    library: tuple[Path, list[Article]], make_article: Callable[..., Article]
) -> None:
    """A library file replaced, its old vector index left beside it: never used as it is."""
    path, _ = library
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    other = synthetic(make_article, 100, seed=2)
    index = open_index(path)
    add(index, other)
    assert index.search_vectors(other[42].title, other[42].text)[0][0] == 43
    distinct = index.conn.execute("SELECT count(DISTINCT h) FROM idx_vectors").fetchone()[0]
    assert index._ann is not None and len(index._ann) == distinct
    assert same_top(index, other[::10]) >= 0.98


@pytest.mark.parametrize("damage", ["missing", "truncated", "flipped", "garbage"])
def test_bad_file_is_rebuilt_from_sqlite(
    library: tuple[Path, list[Article]], damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    path, articles = library
    file = Path(str(path) + SUFFIX)
    data = file.read_bytes()
    if damage == "missing":
        file.unlink()
    elif damage == "truncated":
        file.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        middle = len(data) // 2
        file.write_bytes(data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 64])
                         + data[middle + 64 :])  # fmt: skip
    else:
        file.write_bytes(b"not an index" * 100)
    index = open_index(path)
    with caplog.at_level(logging.WARNING):
        found = index.search_vectors(articles[7].title, articles[7].text)
    assert found[0][0] == 8
    if damage != "missing":
        assert "rebuilding it from the library" in caplog.text
    check_file(file)  # written again, whole
    assert same_top(index, articles[::15]) >= 0.95


def test_save_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while writing leaves the old file as it was, and no temporary file."""
    path = tmp_path / ("x" + SUFFIX)
    ann = VectorAnn(8, path)
    ann.loaded = True
    vectors = np.eye(8, dtype=np.float16)
    ann.index.add(np.arange(1, 9, dtype=np.uint64), vectors)
    ann.dirty = True
    ann.save()
    before = path.read_bytes()

    def broken(target: str) -> None:
        Path(target).write_bytes(b"half")
        raise OSError("disk full")

    ann.index.add(np.array([9], dtype=np.uint64), vectors[:1])
    ann.dirty = True
    monkeypatch.setattr(ann.index, "save", broken)
    with pytest.raises(OSError):
        ann.save()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
