"""``unspun compare`` end to end on two small fixture files written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from unspun.cli.main import cli


@pytest.fixture
def pair(fixtures_dir: Path) -> tuple[Path, Path]:
    folder = fixtures_dir / "compare"
    return folder / "copy.txt", folder / "source.txt"


def _run(args: list[str], db: Path | None = None, stdin: bytes | None = None):
    runner = CliRunner()
    prefix = ["--db", str(db)] if db is not None else []
    return runner.invoke(cli, [*prefix, "compare", *args], input=stdin, catch_exceptions=False)


def test_terminal_report(pair):
    copy, source = pair
    result = _run(["--no-model", str(copy), str(source)])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "verbatim" in flat and "paraphrase" in flat and "new" in flat and "dropped" in flat
    assert "Local bloggers have called it the best news of the year." in flat
    assert "The town plans to add lighting along the path next spring." in flat
    assert "lexical only" in flat
    assert "\x1b[" not in result.output  # no colour codes when not writing to a terminal


def test_json_report_offsets_index_the_input_files(pair):
    copy, source = pair
    result = _run(["--no-model", "--json", str(copy), str(source)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["schema"] == "unspun.compare/1"
    assert report["model"] is None
    assert report["summary"]["reuse"] is True
    assert 0.5 < report["summary"]["copy_share"] <= 1.0
    raw = {"copy": copy.read_text("utf-8"), "source": source.read_text("utf-8")}
    labels = [p["label"] for p in report["pairs"]]
    assert "verbatim" in labels
    for pair_block in report["pairs"]:
        for side in ("copy", "source"):
            for span in pair_block[side]:
                assert raw[side][span["start"] : span["end"]] == span["text"]
    new_texts = [s["text"] for s in report["new"]]
    assert "Local bloggers have called it the best news of the year." in new_texts
    dropped = [s["text"] for s in report["dropped"]]
    assert "The town plans to add lighting along the path next spring." in dropped


def test_html_report_is_written_and_escaped(pair, tmp_path):
    copy, source = pair
    out = tmp_path / "report.html"
    result = _run(["--no-model", "--json", "--html", str(out), str(copy), str(source)])
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "https://" not in page and "http://" not in page
    assert json.loads(result.stdout)["schema"] == "unspun.compare/1"


def test_stdin_for_one_side(pair):
    copy, source = pair
    result = _run(["--no-model", "--json", "-", str(source)], stdin=copy.read_bytes())
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["copy"]["origin"] == "<stdin>"


def test_both_stdin_is_a_usage_error(pair):
    result = _run(["-", "-"])
    assert result.exit_code == 2
    assert "stdin" in result.output


def test_missing_input_names_it(pair, tmp_path):
    copy, _ = pair
    result = _run(["--no-model", str(copy), str(tmp_path / "nowhere.txt")], db=tmp_path / "x.db")
    assert result.exit_code == 1
    assert "nowhere.txt: no such file" in result.output
    assert "Traceback" not in result.output


def test_empty_input_names_it(pair, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _run(["--no-model", str(empty), str(pair[1])])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output


def test_library_ids(pair, tmp_path):
    from unspun.config import ExtractConfig
    from unspun.extract import read_bytes
    from unspun.store import open_store

    copy, source = pair
    db = tmp_path / "lib.db"
    article = read_bytes(source.read_bytes(), str(source), ExtractConfig())
    with open_store(db) as store:
        store.add(article)
    result = _run(["--no-model", "--json", str(copy), article.id[:8]], db=db)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["source"]["id"] == article.id
    missing = _run(["--no-model", str(copy), "ffffffffffff"], db=db)
    assert missing.exit_code == 1
    assert "ffffffffffff: no such file" in missing.output


def test_with_the_sentence_model(pair):
    copy, source = pair
    result = _run(["--json", str(copy), str(source)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["model"]
    assert any(p["evidence"]["cosine"] is not None for p in report["pairs"])
    assert report["summary"]["reuse"] is True


def test_missing_model_falls_back_to_lexical(pair, monkeypatch):
    import unspun.align
    from unspun.errors import ModelUnavailable

    def unavailable(cfg):
        raise ModelUnavailable("sentence model minilm-int8 is not installed (pip install x)")

    monkeypatch.setattr(unspun.align, "load_embedder", unavailable)
    copy, source = pair
    result = _run(["--json", str(copy), str(source)])
    assert result.exit_code == 0, result.output
    assert "not installed" in result.stderr and "falling back to lexical" in result.stderr
    report = json.loads(result.stdout)
    assert report["model"] is None
    assert all(p["evidence"]["cosine"] is None for p in report["pairs"])


DEMO = Path(__file__).resolve().parents[2] / "src" / "unspun" / "demo"


def test_provenance_verdict_in_every_report(tmp_path):
    copy, original = DEMO / "valleyherald_ferry_aground.txt", DEMO / "ap_ferry_aground.txt"
    result = _run(["--json", "--no-model", str(copy), str(original)])
    provenance = json.loads(result.output)["provenance"]
    # The cut-short republication holds nothing the wire story lacks: it is the one cut short.
    assert provenance["cut_short"] == json.loads(result.output)["copy"]["id"]
    assert provenance["reasons"] and provenance["verdict"]
    page = tmp_path / "r.html"
    _run(["--html", str(page), "--no-model", str(copy), str(original)])
    assert "Provenance:" in page.read_text("utf-8")
    assert "provenance" in _run(["--no-model", str(copy), str(original)]).output


def test_no_provenance_claim_between_unrelated_reports():
    other = DEMO / "reuters_ferry_aground.txt"
    result = _run(["--json", "--no-model", str(other), str(DEMO / "ap_ferry_aground.txt")])
    assert json.loads(result.output)["provenance"]["relation"] == "unrelated"
