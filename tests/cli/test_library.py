"""``unspun add / ls / show / rm / stats`` end to end, on fixtures written for these tests."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from unspun.cli.main import cli
from unspun.codec import article_from_dict
from unspun.store import open_store

FOOTER = "Lakeside Gazette readers' club: members get the crossword a day early."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "lib.db"


@pytest.fixture
def store_fixtures(fixtures_dir: Path) -> Path:
    return fixtures_dir / "store"


def run(db: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)


def _ids(db: Path) -> list[str]:
    return [line.split("\t")[0] for line in run(db, "ls", "--all").output.splitlines()]


def test_add_then_add_again(db: Path, store_fixtures: Path) -> None:
    first = run(db, "add", str(store_fixtures / "texts"))
    assert first.exit_code == 0, first.output
    assert "added 3, already present 0, failed 0" in first.output
    assert "3 articles" in first.output  # the library summary follows
    again = run(db, "add", str(store_fixtures / "texts" / "*.txt"))
    assert again.exit_code == 0
    assert "added 0, already present 3, failed 0" in again.output
    twice = run(
        db.with_name("other.db"),
        "add",
        str(store_fixtures / "texts"),
        str(store_fixtures / "texts"),
    )
    assert (
        "added 3, already present 3 (3 the same article as an earlier input of this batch), "
        "failed 0" in twice.output
    )


def test_failures_are_named_and_set_the_exit_code(db: Path, tmp_path: Path, store_fixtures) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(db),
            "add",
            str(store_fixtures / "texts"),
            str(empty),
            str(binary),
            "nope.txt",
        ],
    )
    assert result.exit_code == 1
    failures = [line for line in result.output.splitlines() if line.startswith("failed: ")]
    assert len(failures) == 3
    assert any(str(empty) in line for line in failures)
    assert any(str(binary) in line for line in failures)
    assert any("nope.txt" in line and "no such file" in line for line in failures)
    assert "added 3, already present 0, failed 3" in result.output
    assert len(_ids(db)) == 3


def test_usage_error_exit_code(db: Path) -> None:
    assert CliRunner().invoke(cli, ["--db", str(db), "add"]).exit_code == 2


def test_add_from_stdin(db: Path) -> None:
    text = "A note from the pier\n\nThe pier lights were switched on again after the storm."
    result = run(db, "add", "-", input=text)
    assert result.exit_code == 0, result.output
    assert "added 1" in result.output


def test_add_json(db: Path, store_fixtures: Path) -> None:
    result = run(db, "add", "--json", str(store_fixtures / "texts"))
    data = json.loads(result.output)
    assert (data["added"], data["present"], data["failed"]) == (3, 0, [])
    assert data["library"]["articles"] == 3


def test_ls_show_rm(db: Path, store_fixtures: Path) -> None:
    run(db, "add", str(store_fixtures / "texts"))
    listing = run(db, "ls").output.splitlines()
    assert len(listing) == 3
    titles = {line.split("\t")[3] for line in listing}
    assert "Rare heron spotted on the reservoir" in titles
    heron = next(line.split("\t")[0] for line in listing if "heron" in line)

    shown = run(db, "show", heron[:8])
    assert shown.exit_code == 0
    assert "Rare heron spotted on the reservoir" in shown.output
    assert "purple heron" in shown.output

    as_json = json.loads(run(db, "show", "--json", heron).output)
    with open_store(db) as store:
        assert article_from_dict(as_json) == store.get(heron)

    removed = run(db, "rm", heron)
    assert removed.exit_code == 0 and heron in removed.output
    missing = run(db, "show", heron)
    assert missing.exit_code == 1
    assert "no article" in missing.output
    assert len(_ids(db)) == 2


def test_ls_json_site_and_limit(db: Path, store_fixtures: Path) -> None:
    run(db, "add", str(store_fixtures / "lakeside.jsonl"))
    rows = json.loads(run(db, "ls", "--json", "--site", "lakesidegazette.example").output)
    assert len(rows) == 6
    assert {r["site"] for r in rows} == {"lakesidegazette.example"}
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    assert len(json.loads(run(db, "ls", "--json", "-n", "2").output)) == 2


def test_site_footer_is_removed_and_shown_as_boilerplate(db: Path, store_fixtures: Path) -> None:
    result = run(db, "add", str(store_fixtures / "lakeside.jsonl"))
    assert "added 12" in result.output
    assert "1 new line(s) recognised" in result.output
    rows = json.loads(run(db, "ls", "--json", "--site", "lakesidegazette.example").output)
    for row in rows:
        article = json.loads(run(db, "show", "--json", row["id"]).output)
        assert FOOTER not in article["text"]
        assert article["boilerplate"] == [FOOTER]
    shown = run(db, "show", rows[0]["id"]).output
    assert "Removed boilerplate (1)" in shown and FOOTER in shown
    stats = json.loads(run(db, "stats", "--json", "--boilerplate").output)
    # Held by three different stories and about none of them: furniture for every site.
    assert stats["site_boilerplate"] == [{"site": "all sites", "line": FOOTER, "articles": 3}]
    # The wire story on six sites keeps every paragraph.
    wire = json.loads(run(db, "ls", "--json", "--site", "coastpost.example").output)[0]
    assert "Storm warning" in wire["title"]
    assert json.loads(run(db, "show", "--json", wire["id"]).output)["boilerplate"] == []


def test_stats(db: Path, store_fixtures: Path) -> None:
    run(db, "add", str(store_fixtures))
    data = json.loads(run(db, "stats", "--json").output)
    assert data["articles"] == 15
    assert data["sites"] == 7
    assert data["formats"] == {"jsonl": 12, "text": 3}
    text = run(db, "stats").output
    assert "15 articles" in text and "formats:" in text


def test_reading_commands_do_not_create_a_library(db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), "ls"])
    assert result.exit_code == 1
    assert "no library" in result.output
    assert not db.exists()


def test_a_foreign_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photos (path TEXT)")
    conn.commit()
    conn.close()
    result = CliRunner().invoke(cli, ["--db", str(other), "add", "-"], input="Some text here.")
    assert result.exit_code == 1
    assert "not an unspun library" in result.output


def test_ambiguous_prefix(db: Path, store_fixtures: Path) -> None:
    run(db, "add", str(store_fixtures))
    ids = _ids(db)
    common = next(
        (a[0] for a in ids for b in ids if a != b and a[0] == b[0]),
        None,
    )
    assert common is not None, "15 fixture ids always share some first digit"
    result = CliRunner().invoke(cli, ["--db", str(db), "show", common])
    assert result.exit_code == 1
    assert "several articles" in result.output


def test_db_from_environment(tmp_path: Path, store_fixtures: Path, monkeypatch) -> None:
    target = tmp_path / "env.db"
    monkeypatch.setenv("UNSPUN_DB", str(target))
    result = CliRunner().invoke(cli, ["add", str(store_fixtures / "texts")])
    assert result.exit_code == 0
    assert target.exists()


def test_progress_bar_counts_and_rates(db: Path, store_fixtures: Path, capsys) -> None:
    from unspun.cli import library
    from unspun.config import ExtractConfig
    from unspun.extract import read_inputs

    assert library._count_inputs((str(store_fixtures / "texts"),)) == (3, False)
    assert library._count_inputs((str(store_fixtures),)) == (None, True)
    with open_store(db) as store:
        items = read_inputs([str(store_fixtures)], ExtractConfig())
        summary = library._add_with_progress(store, items, None)
    assert summary.added == 15
    assert "15/15" in capsys.readouterr().err


def test_ctrl_c_exits_130_with_whole_articles(db: Path, store_fixtures: Path, monkeypatch) -> None:
    from unspun.cli import library
    from unspun.config import ExtractConfig
    from unspun.extract import read_inputs

    def interrupted(paths, cfg):
        items = read_inputs([str(store_fixtures / "texts")], ExtractConfig())
        yield next(items)
        yield next(items)
        raise KeyboardInterrupt

    monkeypatch.setattr(library, "read_inputs", interrupted)
    result = run(db, "add", "whatever")
    assert result.exit_code == 130
    assert "interrupted" in result.output
    assert len(_ids(db)) == 2


def test_an_empty_folder_is_an_error(db: Path, tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["--db", str(db), "add", str(empty)])
    assert result.exit_code == 1
    assert "no input files found" in result.output
    assert not db.exists()


def test_add_maps_csv_columns(tmp_path: Path) -> None:
    csv_file = tmp_path / "feed.csv"
    csv_file.write_text(
        "key,source,body\n"
        'a1,example.org,"A headline ### CITY (AP) — The first paragraph of a small story."\n'
    )
    runner = CliRunner()
    db = str(tmp_path / "lib.db")
    missing = runner.invoke(cli, ["--db", db, "add", str(csv_file)])
    assert missing.exit_code == 1 and "text" in missing.output
    mapped = runner.invoke(
        cli,
        [
            "--db",
            db,
            "add",
            str(csv_file),
            "--column",
            "text=body",
            "--column",
            "id=key",
            "--column",
            "site=source",
        ],
    )
    assert mapped.exit_code == 0, mapped.output
    shown = runner.invoke(cli, ["--db", db, "ls", "--json"])
    assert '"example.org"' in shown.output


def test_add_rejects_a_bad_column_mapping(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "l.db"), "add", str(tmp_path), "--column", "colour=x"]
    )
    assert result.exit_code == 2 and "FIELD=NAME" in result.output
