"""The batch's record functions without Spark: the same judgements as the library's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspun.batch import records as rec
from unspun.batch.records import BatchConfig
from unspun.codec import to_dict
from unspun.model import Article, content_id
from unspun.provenance.families import FamilyConfig, link_pair
from unspun.retrieve.config import RetrieveConfig

from .conftest import DEMO, FURNITURE


def article(name: str, site: str = "", extra: tuple[str, ...] = ()) -> Article:
    title, _, body = (DEMO / f"{name}.txt").read_text().strip().partition("\n\n")
    text = "\n\n".join([*body.split("\n\n")[:6], *extra])
    return Article(id=content_id(title, text, site), text=text, title=title, site=site)


def test_partners_ranked_with_a_total_order() -> None:
    cfg = BatchConfig(family=FamilyConfig(align_top=3))
    hits = [
        {"b_id": "b", "b_seq": 2, "b_size": 50, "n": 10, "query_size": 40},
        {"b_id": "a", "b_seq": 1, "b_size": 50, "n": 10, "query_size": 40},  # a tie with b
        {"b_id": "c", "b_seq": 3, "b_size": 50, "n": 30, "query_size": 40},
        {"b_id": "d", "b_seq": 4, "b_size": 50, "n": 1, "query_size": 40},  # below the floor
    ]
    ranked = list(rec.rank_partners([(9, hits)], cfg))
    assert [r["b_seq"] for r in ranked] == [3, 1, 2]
    assert ranked == list(rec.rank_partners([(9, list(reversed(hits)))], cfg))


def test_a_pair_judged_as_the_library_judges_it() -> None:
    source = article("ap_ferry_aground")
    copy = article("valleyherald_ferry_aground")
    rows = [{"a": {"seq": 2, "record": json.dumps(to_dict(copy))},
             "b": {"seq": 1, "record": json.dumps(to_dict(source))}}]  # fmt: skip
    out = [json.loads(r["pair"]) for r in rec.judge_pairs(rows, BatchConfig()) if r["pair"]]
    link, _ = link_pair(copy, source, FamilyConfig())
    assert link is not None
    assert [(p["a"], p["b"], p["kind"], p["verdict"]) for p in out] == [
        (copy.id, source.id, "link", link.direction.verdict)
    ]


def test_unrelated_stories_are_no_pair() -> None:
    a, b = article("ap_heat_wave"), article("brewery_rail_depot")
    rows = [{"a": {"seq": 2, "record": json.dumps(to_dict(a))},
             "b": {"seq": 1, "record": json.dumps(to_dict(b))}}]  # fmt: skip
    assert [r for r in rec.judge_pairs(rows, BatchConfig()) if r["pair"]] == []


def test_replay_learns_site_furniture_and_drops_duplicates() -> None:
    names = (
        "ap_heat_wave",
        "brewery_rail_depot",
        "fairmont_library_budget",
        "robotics_state_title",
    )
    items = [article(n, "ledger.example", FURNITURE) for n in names]
    items.append(items[0])  # the same article again
    rows = [{"article": json.dumps(to_dict(a))} for a in items]
    out = [json.loads(r["article"]) for r in rec.replay_clean(rows, BatchConfig()) if r["article"]]
    assert [r["seq"] for r in out] == [1, 2, 3, 4]
    assert all("Harbor Ledger" not in r["text"] for r in out)
    assert all(set(FURNITURE) <= set(r["boilerplate"]) for r in out)


def test_postings_are_the_source_index_shingles() -> None:
    from unspun.retrieve.shingles import as_signed, shingle_hashes

    a = article("ap_ferry_aground")
    row = rec.article_row(a, 1)
    found = {p["h"] for p in rec.postings([row], BatchConfig())}
    rcfg = RetrieveConfig()
    text = f"{a.title}\n\n{a.text}"
    assert found == set(
        as_signed(shingle_hashes(text, rcfg.shingle_size, rcfg.shingle_sample)).tolist()
    )


def test_a_digest_of_two_unlinked_stories_compiles_them() -> None:
    edges = [{"partner": "x", "lo": 0, "hi": 900}, {"partner": "y", "lo": 1000, "hi": 2000}]
    assert rec.compiled(edges, set(), FamilyConfig())
    assert not rec.compiled(edges, {("x", "y")}, FamilyConfig())  # versions of one story


def test_a_bad_input_is_a_rejected_row(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    rows = list(rec.read_files([(0, str(tmp_path / "empty.txt"))], BatchConfig()))
    assert rows[0]["article"] is None
    reason = json.loads(rows[0]["rejected"])
    assert reason["stage"] == "read" and reason["reason"] and "empty.txt" in reason["origin"]


def test_without_java_batch_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:  # fmt: skip
    from click.testing import CliRunner

    from unspun.batch.spark import java_problem
    from unspun.cli.main import cli

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    assert "apt-get install -y openjdk-17-jre-headless" in (java_problem() or "")
    (tmp_path / "a.txt").write_text("Some words of an article.")
    result = CliRunner().invoke(
        cli, ["batch", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert "Java 17" in result.output and "openjdk-17-jre-headless" in result.output


def test_a_large_jsonl_input_is_read_in_parts_in_the_same_order(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"text": f"Story {k} is its own story."}) + "\n"
                            for k in range(10)))  # fmt: skip
    cfg = BatchConfig(lines_per_part=3)
    tasks = rec.input_parts([path], cfg.lines_per_part)
    assert len(tasks) == 4
    split = sorted((r["file"], r["rec"], r["article"]) for r in rec.read_files(tasks, cfg))
    whole = sorted(
        (r["file"], r["rec"], r["article"]) for r in rec.read_files([(0, str(path))], cfg)
    )
    assert [a for _, _, a in split] == [a for _, _, a in whole]


def test_a_large_parquet_input_is_read_in_parts_in_the_same_order(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "a.parquet"
    rows = [{"id": str(k), "text": f"Story {k} is its own story."} for k in range(10)]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=3)
    cfg = BatchConfig(lines_per_part=3)
    tasks = rec.input_parts([path], cfg.lines_per_part)
    assert len(tasks) == 4  # row groups of 3, 3, 3 and 1 rows
    split = [r["article"] for r in sorted(rec.read_files(tasks, cfg), key=lambda r: r["rec"])]
    whole = [r["article"] for r in rec.read_files([(0, str(path))], cfg)]
    assert split == whole and len(whole) == 10
