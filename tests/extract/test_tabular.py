"""CSV and JSONL readers: column mapping, bad rows, encodings, the Helsinki corpus."""

from __future__ import annotations

import codecs
import csv
import gzip
import itertools
import json
import re
from pathlib import Path

import pytest

from unspun.config import ExtractConfig
from unspun.errors import MissingColumn
from unspun.extract import read_inputs
from unspun.extract.tabular import cell_units, read_csv, read_jsonl
from unspun.model import Article, Rejected

CFG = ExtractConfig()
BASELINES = Path(__file__).parents[1] / "baselines"


def _split(results: list[Article | Rejected]) -> tuple[list[Article], list[Rejected]]:
    return (
        [r for r in results if isinstance(r, Article)],
        [r for r in results if isinstance(r, Rejected)],
    )


def test_csv_rows_map_columns_and_clean_cells(fixtures_dir: Path) -> None:
    path = fixtures_dir / "extract" / "articles.csv"
    articles, rejected = _split(list(read_csv(path, CFG)))
    assert [a.external_id for a in articles] == ["11", "12", "15"]
    first, second, _ = articles
    assert first.origin == f"{path}#11"
    assert (first.site, first.fetched, first.format) == (
        "example-news.test",
        "2024-03-02T08:00:00Z",
        "csv",
    )
    assert first.title == "Bridge reopens after repairs"
    assert first.byline == "By Reuters"
    assert first.published == "2024-03-02"  # from the date line before the body
    assert first.text.startswith("LISBON (Reuters) - The old river bridge")
    assert "Click Here to comment on this article" in first.boilerplate
    assert "Click Here" not in first.text
    assert first.wire == ("Reuters",)
    # boilerplate goes, the AP credit it carried stays
    assert "Forecast" not in second.text and "Copyright" not in second.text
    assert [c.where for c in second.credits] == ["copyright"]
    # offsets point into the cell
    cell = next(r for r in csv.DictReader(path.open(encoding="utf-8")) if r["id"] == "11")["text"]
    for p in first.paragraphs:
        assert first.text[p.start : p.end] == cell[p.origin : p.origin + p.end - p.start]
    assert {(r.origin, r.kind) for r in rejected} == {
        (f"{path}#13", "malformed"),
        (f"{path}#14", "empty"),
    }


def test_csv_without_the_text_column_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "notext.csv"
    path.write_text("id,body\n1,Some words here.\n", encoding="utf-8")
    with pytest.raises(MissingColumn) as info:
        list(read_csv(path, CFG))
    message = str(info.value)
    assert str(path) in message and "'text'" in message and "'body'" in message
    # through read_inputs: one Rejected for the file, the next input still read
    other = tmp_path / "ok.txt"
    other.write_text("A short note about the weather on the coast today.", encoding="utf-8")
    results = list(read_inputs([str(path), str(other)], CFG))
    assert isinstance(results[0], Rejected) and results[0].kind == "missing-column"
    assert isinstance(results[1], Article)


def test_a_missing_text_column_suggests_the_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,headline,body,source\n1,Hi,Some words here.,x.example\n", "utf-8")
    with pytest.raises(MissingColumn) as info:
        list(read_csv(path, CFG))
    assert "--column text=NAME" in info.value.reason
    assert "'id', 'headline', 'body', 'source'" in info.value.reason
    assert "--column text=body" in info.value.reason  # the likeliest, as an example
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_text(json.dumps({"content": "words", "n": 1}) + "\n", encoding="utf-8")
    with pytest.raises(MissingColumn) as info:
        list(read_jsonl(jsonl, CFG))
    assert "--column text=content" in info.value.reason


def test_column_mapping_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "mapped.csv"
    path.write_text(
        "key,headline,body,link\n"
        'a1,Dam opens,"The new dam opened on Friday after six years of work.",https://x.test/a1\n',
        encoding="utf-8",
    )
    cfg = ExtractConfig(
        text_column="body", id_column="key", title_column="headline", url_column="link"
    )
    (article,) = read_csv(path, cfg)
    assert isinstance(article, Article)
    assert (article.external_id, article.title, article.url) == (
        "a1",
        "Dam opens",
        "https://x.test/a1",
    )
    assert article.text == "The new dam opened on Friday after six years of work."


def test_gzip_bom_cp1252_and_big_cells(tmp_path: Path) -> None:
    big = "Rain fell again over the valley on Monday, the weather office said. " * 4000
    rows = 'id,text\n1,"Caf\u00e9 owners welcome the summer crowds, the council said."\n'
    rows += f'2,"{big}"\n'
    gz = tmp_path / "rows.csv.gz"
    gz.write_bytes(gzip.compress(("\ufeff" + rows).encode("utf-8")))
    articles, rejected = _split(list(read_csv(gz, CFG)))
    assert not rejected and len(articles) == 2 and len(articles[1].text) > 131072
    assert articles[0].text.startswith("Caf\u00e9 owners")
    latin = tmp_path / "latin.csv"
    latin.write_bytes(rows.split("\n2,")[0].encode("cp1252") + b"\n")
    (article,) = read_csv(latin, CFG)
    assert isinstance(article, Article) and article.text.startswith("Caf\u00e9 owners")


def test_broken_files_name_the_file_and_keep_what_was_read(tmp_path: Path) -> None:
    rows = "id,text\n" + "".join(
        f'{i},"Story {i}: the harbour pier will be rebuilt next spring, officials said."\n'
        for i in range(3000)
    )
    data = gzip.compress(rows.encode())
    truncated = tmp_path / "cut.csv.gz"
    truncated.write_bytes(data[: len(data) // 2])
    binary = tmp_path / "image.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    names = [str(p) for p in (truncated, binary, empty)]
    articles, rejected = _split(list(read_inputs(names, CFG)))
    assert 0 < len(articles) < 3000
    assert [(r.origin, r.kind) for r in rejected] == [
        (str(truncated), "unsupported"),
        (str(binary), "unsupported"),
        (str(empty), "empty"),
    ]
    assert "truncated" in rejected[0].reason


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    lines = [
        json.dumps(
            {"id": 7, "text": "Rescuers reached the stranded climbers on Sunday.", "url": "u"}
        ),
        "{not json",
        json.dumps({"id": 8, "title": "x"}),
        json.dumps(
            {"id": 9, "text": "The festival drew a record crowd this year, organisers said."}
        ),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, rejected = _split(list(read_jsonl(path, CFG)))
    assert [(a.external_id, a.format, a.origin) for a in articles] == [
        ("7", "jsonl", f"{path}#7"),
        ("9", "jsonl", f"{path}#9"),
    ]
    assert [(r.origin, r.kind) for r in rejected] == [
        (f"{path}#2", "malformed"),
        (f"{path}#8", "empty"),
    ]
    missing = tmp_path / "missing.jsonl"
    missing.write_text(json.dumps({"body": "words"}) + "\n", encoding="utf-8")
    with pytest.raises(MissingColumn):
        list(read_jsonl(missing, CFG))


def test_cell_units_offsets() -> None:
    cell = "Head ###  First para. ###   ### Last"
    units = cell_units(cell, " ### ")
    assert [cell[u.start : u.end] for u in units] == ["Head", "First para.", "Last"]
    assert len({u.block for u in units}) == 3


def _ap_share(path: Path, articles: list[Article], first: int) -> tuple[int, float]:
    cells = {r["id"]: r["text"] for r in csv.DictReader(path.open(encoding="utf-8"))}
    dateline = re.compile(r"\(AP\)")
    marked = [
        a
        for a in articles
        if dateline.search(" ### ".join(cells[a.external_id].split(" ### ")[:first]))
    ]
    credited = sum(1 for a in marked if "AP" in a.wire)
    return len(marked), credited / len(marked)


@pytest.mark.slow
def test_helsinki_csv_loads_whole_and_finds_ap_credits(shared_data: Path) -> None:
    path = shared_data / "news" / "helsinki_articles.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    csv.field_size_limit(1 << 30)
    articles, rejected = _split(list(read_csv(path, CFG)))
    assert not rejected
    assert len(articles) == 612
    assert all(a.site and a.fetched and a.external_id for a in articles)
    baseline = json.loads((BASELINES / "helsinki_credits.json").read_text("utf-8"))
    for first, pinned in baseline["ap_credit_share"].items():
        marked, share = _ap_share(path, articles, int(first))
        assert marked == pinned["articles"]
        assert share >= max(0.95, pinned["share"] - baseline["tolerance"])


def test_a_jsonl_file_read_in_parts_gives_the_same_records(tmp_path: Path) -> None:
    from unspun.extract.tabular import jsonl_parts, read_jsonl, read_jsonl_part

    lines = [json.dumps({"id": f"r{k}", "text": f"Article number {k} tells its own story."})
             for k in range(23)]  # fmt: skip
    lines[7] = "{not json"
    lines.insert(12, "")
    path = tmp_path / "big.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + "\n".join(lines).encode() + b"\n")
    cfg = ExtractConfig()
    whole = list(read_jsonl(path, cfg))
    parts = jsonl_parts(path, 5)
    assert len(parts) == 5
    assert parts[0][0] == 0 and parts[-1][1] == path.stat().st_size
    assert all(a[1] == b[0] for a, b in itertools.pairwise(parts))
    pieces = [
        r for start, end, first in parts for r in read_jsonl_part(path, cfg, start, end, first)
    ]
    assert pieces == whole
    assert sum(isinstance(r, Rejected) for r in pieces) == 1


# -- Parquet --------------------------------------------------------------------------------


def _parquet(path: Path, rows: list[dict[str, object]], group: int = 2) -> Path:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=group)
    return path


def _story(i: int) -> dict[str, object]:
    from datetime import UTC, datetime

    return {
        "id": f"p{i}",
        "title": f"Harbour story {i}",
        "text": f"The harbour council met for the {i}th time on Monday. ### It voted on fees.",
        "url": f"https://example-news.test/{i}",
        "published": datetime(2024, 3, i + 1, 8, 0, tzinfo=UTC),
    }


def test_parquet_rows_are_articles_like_jsonl_rows(tmp_path: Path) -> None:
    path = _parquet(tmp_path / "news.parquet", [_story(i) for i in range(5)])
    articles, rejected = _split(list(read_inputs([str(path)], CFG)))
    assert rejected == []
    assert [a.external_id for a in articles] == ["p0", "p1", "p2", "p3", "p4"]
    first = articles[0]
    assert (first.title, first.format, first.origin) == ("Harbour story 0", "parquet", f"{path}#p0")
    assert first.paragraphs and "harbour council" in first.text
    assert first.published.startswith("2024-03-01")  # a timestamp column reads as ISO text


def test_parquet_row_groups_read_in_parts_give_the_same_rows(tmp_path: Path) -> None:
    from unspun.extract.tabular import parquet_parts, read_parquet

    path = _parquet(tmp_path / "news.parquet", [_story(i) for i in range(7)], group=2)
    parts = parquet_parts(path, 3)
    assert parts == [(0, 2), (2, 4)]  # row groups of 2, 2 | 2, 1 rows
    whole = [a.id for a in read_parquet(path, CFG)]
    pieces = [a.id for part in parts for a in read_parquet(path, CFG, part)]
    assert pieces == whole and len(whole) == 7


def test_a_parquet_file_without_the_text_column_or_not_parquet_is_refused(tmp_path: Path) -> None:
    path = _parquet(tmp_path / "bad.parquet", [{"id": "1", "body": "x"}])
    (rejected,) = list(read_inputs([str(path)], CFG))
    assert isinstance(rejected, Rejected) and "'text'" in rejected.reason
    fake = tmp_path / "fake.parquet"
    fake.write_bytes(b"PAR1 this is not parquet")
    (rejected,) = list(read_inputs([str(fake)], CFG))
    assert isinstance(rejected, Rejected) and rejected.origin == str(fake)
    assert "Parquet" in rejected.reason
