"""Reading a batch's tables for ``unspun import``: in ``seq`` order, streamed when possible."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun.batch.load import _rows

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _table(folder: Path, parts: list[list[int]]) -> Path:
    folder.mkdir()
    for k, seqs in enumerate(parts):
        rows = [{"seq": s, "id": f"a{s}"} for s in seqs]
        schema = pa.schema([("seq", pa.int64()), ("id", pa.string())])
        pq.write_table(pa.Table.from_pylist(rows, schema), folder / f"part-{k:05d}.parquet")
    return folder


def test_a_table_written_in_order_is_read_in_order(tmp_path: Path) -> None:
    table = _table(tmp_path / "articles", [[0, 1, 2], [], [3, 4], [5]])
    assert [r["seq"] for r in _rows(table, ["seq", "id"])] == [0, 1, 2, 3, 4, 5]


def test_a_table_out_of_order_is_sorted_by_seq(tmp_path: Path) -> None:
    table = _table(tmp_path / "articles", [[3, 4], [0, 1, 2]])
    assert [r["seq"] for r in _rows(table, ["seq", "id"])] == [0, 1, 2, 3, 4]
    inside = _table(tmp_path / "inside", [[0, 2, 1]])
    assert [r["id"] for r in _rows(inside, ["seq", "id"])] == ["a0", "a1", "a2"]


def test_a_table_without_seq_is_read_as_stored(tmp_path: Path) -> None:
    table = _table(tmp_path / "pairs", [[3, 4], [0]])
    assert [r["id"] for r in _rows(table, ["id"])] == ["a3", "a4", "a0"]
