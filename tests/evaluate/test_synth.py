"""unspun synth: planted reuse with a ground truth that the corpus honours."""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from unspun.cli.main import cli
from unspun.config import ExtractConfig
from unspun.evaluate.synth import (
    SentencePool,
    SynthConfig,
    load_pool,
    read_truth,
    reorder_clauses,
    split_sentences,
    swap_synonyms,
    synthesize,
    write_corpus,
)
from unspun.extract import read_inputs
from unspun.model import Article

_PLACES = ("harbour", "valley", "district", "county", "river", "market", "station", "school")
_THINGS = ("pier", "bridge", "road", "library", "clinic", "park", "tower", "ferry", "depot", "mill")
PLAIN = [
    sentence
    for i, place in enumerate(_PLACES)
    for j, thing in enumerate(_THINGS)
    for sentence in (
        f"Officials in the {place} town of Ashby {i}{j} said the old {thing} would close.",
        f"When the storm reached {place} {i}{j}, people began to repair the {thing} quickly.",
        f"Many residents of {place} {i}{j} also think the new {thing} is very important.",
        f"The government announced a big plan for the {thing} near {place} {i}{j} last week.",
    )
]
PARAPHRASES = [
    (
        f"The council approved a budget of {i} million dollars for the library on Monday.",
        f"On Monday the council backed a {i} million dollar library budget.",
    )
    for i in range(300)
]
RELATED = [
    (
        f"The mayor of village {i} opened the new bridge after two years of work.",
        f"The bridge in village {i} cost more than its builders had planned.",
    )
    for i in range(150)
]


@pytest.fixture(scope="module")
def pool() -> SentencePool:
    return SentencePool.from_sentences(PLAIN, PARAPHRASES, RELATED)


@pytest.fixture(scope="module")
def corpus(pool: SentencePool) -> list:
    return list(synthesize(SynthConfig(articles=150, seed=5, open_families=16), pool))


def _sentences(art) -> list[str]:
    return [s for p in art.paragraphs for s in split_sentences(p)]


def test_size_ids_and_every_kind(corpus: list) -> None:
    assert len(corpus) == 150
    assert len({a.id for a in corpus}) == 150
    assert {a.kind for a in corpus} == {
        "original",
        "verbatim",
        "truncated",
        "near-verbatim",
        "paraphrased",
        "independent",
    }


def test_parents_come_first_and_are_published_before(corpus: list) -> None:
    seen = {}
    for art in corpus:
        if art.kind in ("original", "independent"):
            assert art.parent is None and art.depth == 0 and art.family == art.id
        else:
            parent = seen[art.parent]  # KeyError: a child before its parent
            assert parent.published < art.published
            assert art.family == parent.family
            assert art.event == parent.event
            assert art.depth == parent.depth + 1
        seen[art.id] = art
    assert any(a.depth >= 2 for a in corpus), "no copy of a copy was planted"


def test_independent_reports_share_the_event_not_the_family(
    corpus: list, pool: SentencePool
) -> None:
    by_id = {a.id: a for a in corpus}
    independents = [a for a in corpus if a.kind == "independent"]
    assert independents
    told = 0
    for art in independents:
        root = by_id[art.event]
        assert root.kind == "original" and art.event != art.id
        mine, theirs = set(_sentences(art)), set(_sentences(root))
        # no paraphrase of the original's sentences (that would be reuse) ...
        assert not {pool.paraphrases.get(s) for s in theirs} & mine
        # ... and no copied passage (this tiny pool repeats a sentence now and then)
        assert len(mine & theirs) <= 0.25 * len(mine)
        told += len({pool.related.get(s) for s in theirs} & mine)
    assert told >= len(independents)  # same-story sentences that are not paraphrases


def test_derived_texts_follow_their_kind(corpus: list, pool: SentencePool) -> None:
    by_id = {a.id: a for a in corpus}
    checked = set()
    for art in corpus:
        if art.parent is None:
            continue
        parent = by_id[art.parent]
        body, source = " ".join(art.paragraphs), " ".join(parent.paragraphs)
        if art.kind == "verbatim":
            assert body == source and art.title == parent.title
        elif art.kind == "truncated":
            assert source.startswith(body) and len(body) < len(source)
        elif art.kind == "near-verbatim":
            assert body != source or art.title == parent.title
            assert len(set(_sentences(art)) & set(_sentences(parent))) >= 0.5 * len(
                _sentences(parent)
            )
        elif art.kind == "paraphrased":
            shared = set(_sentences(art)) & set(_sentences(parent))
            assert len(shared) <= 0.25 * len(_sentences(parent))
            if art.msrp_paraphrased:
                assert any(s in pool.paraphrases for s in _sentences(art))
        checked.add(art.kind)
    assert checked == {"verbatim", "truncated", "near-verbatim", "paraphrased"}


def test_same_seed_same_corpus_other_seed_other(pool: SentencePool) -> None:
    cfg = SynthConfig(articles=120, seed=11)
    first = [a.truth() for a in synthesize(cfg, pool)]
    assert first == [a.truth() for a in synthesize(cfg, pool)]
    other = [a.truth() for a in synthesize(SynthConfig(articles=120, seed=12), pool)]
    assert first != other


def test_spinning_rules() -> None:
    assert reorder_clauses("When the rain stopped, the match resumed.") == (
        "The match resumed when the rain stopped."
    )
    assert reorder_clauses("The minister said the talks would continue.") == (
        "The talks would continue, The minister said."
    )
    assert reorder_clauses("Nothing to move here.") == "Nothing to move here."
    sentence = "Officials said many people began to help."
    out, swaps = swap_synonyms(sentence, random.Random(0), 1.0)
    assert swaps == 6
    swapped = {"officials", "said", "many", "people", "began", "help"}
    assert not swapped & set(re.findall(r"[a-z]+", out.lower()))
    again, _ = swap_synonyms(out, random.Random(0), 1.0)
    assert again != out  # a spun sentence spins again


def test_split_sentences_keeps_abbreviations() -> None:
    text = 'Mr. Smith flew to the U.S. on Friday. He met Dr. Jones. "It went well," he said.'
    assert split_sentences(text) == [
        "Mr. Smith flew to the U.S. on Friday.",
        "He met Dr. Jones.",
        '"It went well," he said.',
    ]


def test_written_jsonl_is_read_by_unspun_add(tmp_path: Path, pool: SentencePool) -> None:
    meta = write_corpus(tmp_path, SynthConfig(articles=80, seed=2), pool, "jsonl")
    assert sum(meta["counts"].values()) == 80
    truth = {row["id"]: row for row in read_truth(tmp_path / "truth.jsonl")}
    articles = [
        a
        for a in read_inputs([str(tmp_path / "articles.jsonl")], ExtractConfig())
        if isinstance(a, Article)
    ]
    assert len(articles) == 80
    for art in articles:
        row = truth[art.external_id]
        assert art.site == row["site"] and art.published == row["published"]


def _fixture_data(folder: Path) -> Path:
    (folder / "news").mkdir(parents=True)
    with (folder / "news" / "helsinki_articles.csv").open("w", encoding="utf-8") as fh:
        table = csv.writer(fh)
        table.writerow(["id", "publisher", "scrape_time", "text"])
        for i in range(40):
            table.writerow([i, f"site{i}.example", "2018-07-16", f"{PLAIN[i]} ### {PLAIN[40 + i]}"])
    (folder / "msrp").mkdir()
    lines = [f"1\t{i}\t{i + 1000}\t{a}\t{b}" for i, (a, b) in enumerate(PARAPHRASES[:30])]
    lines += [f"0\t{i}\t{i + 2000}\t{a}\t{b}" for i, (a, b) in enumerate(RELATED[:10])]
    (folder / "msrp" / "msr_paraphrase_train.txt").write_text(
        "\ufeff" + "\n".join(lines) + "\n", "utf-8"
    )
    return folder


def test_load_pool_from_files(tmp_path: Path) -> None:
    pool = load_pool(_fixture_data(tmp_path / "data"))
    assert pool.describe() == {
        "sentences": 80,
        "with_paraphrase": 60,
        "with_related": 20,
        "titles": sum(6 <= len(s.split()) <= 14 for s in PLAIN[:80]),
    }


def test_load_pool_without_data_names_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no Helsinki CSV"):
        load_pool(tmp_path)


def test_cli_writes_corpus_and_truth(tmp_path: Path) -> None:
    data = _fixture_data(tmp_path / "data")
    out = tmp_path / "out"
    args = ["synth", str(out), "--articles", "50", "--seed", "3", "--data", str(data)]
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    meta = json.loads(result.output)
    assert sum(meta["counts"].values()) == 50
    assert len((out / "truth.jsonl").read_text("utf-8").splitlines()) == 50
    assert len((out / "articles.jsonl").read_text("utf-8").splitlines()) == 50
    txt = CliRunner().invoke(
        cli, ["synth", str(tmp_path / "t"), "-n", "12", "--format", "txt", "--data", str(data)]
    )
    assert txt.exit_code == 0, txt.output
    assert len(list((tmp_path / "t" / "articles").rglob("*.txt"))) == 12


@pytest.mark.slow
def test_real_pool_is_large(shared_data: Path) -> None:
    pool = load_pool(shared_data)
    sizes = pool.describe()
    assert sizes["sentences"] > 40_000
    assert sizes["with_paraphrase"] > 5_000
    arts = list(synthesize(SynthConfig(articles=300, seed=1), pool))
    assert sum(a.msrp_paraphrased for a in arts if a.kind == "paraphrased") > 0
