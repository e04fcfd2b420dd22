"""``unspun check``, ``unspun search`` and ``unspun index`` end to end on the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from unspun.cli.main import cli

DEMO = Path(__file__).resolve().parents[2] / "src" / "unspun" / "demo"


def run(db: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A library of the demo corpus without the spun copy (the article to check)."""
    path = tmp_path / "lib.db"
    for name in ("ap_ferry_aground.txt", "reuters_ferry_aground.txt", "brewery_rail_depot.txt"):
        assert run(path, "add", "-q", str(DEMO / name)).exit_code == 0
    return path


def test_add_builds_the_source_index(db: Path) -> None:
    """Words and sentence vectors, and the vector index file beside the library."""
    import sqlite3

    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM idx_docs").fetchone()[0] == 3
    assert conn.execute("SELECT count(*) FROM idx_docs WHERE vectors = 1").fetchone()[0] == 3
    assert conn.execute("SELECT count(*) FROM idx_vectors").fetchone()[0] == 3 * 8
    conn.close()
    assert Path(f"{db}.vectors.usearch").is_file()


def test_add_no_vectors_then_index(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "plain.db"
    assert run(path, "add", "-q", "--no-vectors", str(DEMO)).exit_code == 0
    conn = sqlite3.connect(path)
    articles = conn.execute("SELECT count(*) FROM idx_docs").fetchone()[0]
    assert articles >= 4
    assert conn.execute("SELECT count(*) FROM idx_vectors").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM idx_docs WHERE vectors = 0").fetchone()[0] == articles
    assert not Path(f"{path}.vectors.usearch").exists()
    result = run(path, "index")
    assert result.exit_code == 0, result.output
    assert f"{articles} embedded" in result.output and "0 without vectors" in result.output
    assert conn.execute("SELECT count(*) FROM idx_docs WHERE vectors = 0").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM idx_vectors").fetchone()[0] > articles
    conn.close()
    assert Path(f"{path}.vectors.usearch").is_file()


def test_check_json_lists_the_sources(db: Path) -> None:
    result = run(db, "check", "--json", "--no-model", str(DEMO / "trendpulse_ferry_spun.txt"))
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["schema"] == "unspun.check/1"
    assert report["model"] is None
    assert report["verdict"]["kind"] == "spun copy"
    first = report["sources"][0]
    assert first["rank"] == 1 and first["role"] == "source" and first["reuse"] is True
    assert first["title"] == "Ferry runs aground off Marlow Bay; all 212 aboard rescued"
    assert first["wire"] == ["AP"]
    assert first["share"] >= 0.8 and first["paraphrase_share"] > first["verbatim_share"]
    assert first["pairs"] and {"label", "copy", "source"} <= set(first["pairs"][0])
    assert any(c["kind"] == "detail added" for c in first["changes"])
    assert sum(first["summary"]["changes"].values()) == len(first["changes"])
    assert report["verdict"]["sources"] == [first["id"]]


def test_check_terminal_and_html(db: Path, tmp_path: Path) -> None:
    page = tmp_path / "check.html"
    spun = DEMO / "trendpulse_ferry_spun.txt"
    result = run(db, "check", "--no-model", "--html", str(page), str(spun))
    assert result.exit_code == 0, result.output
    assert "spun copy of" in result.output
    assert "Sources, best first" in result.output
    assert "What the copy changed" in result.output
    html = page.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "unspun check" in html
    assert 'id="source-1"' in html and 'data-pair="s1-p' in html
    assert "<script src" not in html and "http://" not in html


def test_check_reads_stdin_and_library_ids(db: Path) -> None:
    text = (DEMO / "trendpulse_ferry_spun.txt").read_text("utf-8")
    from_stdin = run(db, "check", "--json", "--no-model", "-", input=text)
    assert json.loads(from_stdin.output)["verdict"]["kind"] == "spun copy"
    ls = run(db, "ls", "--all").output.splitlines()
    reuters_id = next(line.split("\t")[0] for line in ls if "Oregon" in line)
    by_id = run(db, "check", "--json", "--no-model", reuters_id[:8])
    report = json.loads(by_id.output)
    assert report["article"]["id"] == reuters_id
    assert all(s["id"] != reuters_id for s in report["sources"])
    assert report["verdict"]["kind"] in ("same event", "original")


def test_check_without_a_library_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "none.db"), "check", str(DEMO / "ap_heat_wave.txt")]
    )
    assert result.exit_code == 1
    assert "no library" in result.output


def test_search_with_filters_and_json(db: Path) -> None:
    result = run(db, "search", "ferry sandbar")
    assert result.exit_code == 0, result.output
    assert "Marlow Bay" in result.output
    data = json.loads(run(db, "search", "--json", "-n", "1", "taproom").output)
    assert data["schema"] == "unspun.search/1"
    assert [h["title"] for h in data["hits"]] == [
        "Brewery plans taproom in long-empty Northfield rail depot"
    ]
    assert "no article matches" in run(db, "search", "zeppelin").output
    bad = CliRunner().invoke(cli, ["--db", str(db), "search", "--since", "soon", "ferry"])
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_search_shows_one_row_per_story(db: Path, tmp_path: Path) -> None:
    ap = (DEMO / "ap_ferry_aground.txt").read_text("utf-8").split("\n", 1)[1]
    for site in ("coast", "valley"):
        copy = tmp_path / f"{site}.txt"
        copy.write_text(f"Ferry aground, {site} edition\n{ap}", "utf-8")
        assert run(db, "add", "-q", str(copy)).exit_code == 0
    out = run(db, "search", "ferry sandbar").output
    assert "and 2 more copies" in out
    assert "valley edition" not in out or "coast edition" not in out
    data = json.loads(run(db, "search", "--json", "ferry sandbar").output)
    assert sum(1 + h["more_copies"] for h in data["hits"]) == 4  # AP, Reuters... grouped
    flat = json.loads(run(db, "search", "--json", "--no-group", "ferry sandbar").output)
    assert len(flat["hits"]) == sum(1 + h["more_copies"] for h in data["hits"])


def test_index_embeds_the_deferred_vectors(db: Path) -> None:
    result = run(db, "index")
    assert result.exit_code == 0, result.output
    assert "3 articles" in result.output and "0 without vectors" in result.output
    rebuilt = run(db, "index", "--rebuild", "--no-vectors")
    assert "3 newly indexed" in rebuilt.output and "3 without vectors" in rebuilt.output
