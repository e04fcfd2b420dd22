"""``make bench``: unspun side by side with the near-duplicate tools people already use.

Each tool runs in a fresh process pinned to one core (wall and CPU time from the process,
peak memory from its rusage) on the same data, in one run:

* the synth corpus (``unspun synth``) at each size of ``--sizes``: of a seeded sample of the
  planted copies (verbatim, truncated, near-verbatim, paraphrased; their parent given by
  truth.jsonl) and of the independent same-event reports, which each tool pairs with what;
* PAN13 (shared sample): the share of listed (suspicious, source) pairs each tool pairs, per
  obfuscation (``no-plagiarism`` is the false-pair rate);
* the Helsinki corpus: the groups each tool forms (connected components of its pairs; unspun's
  story families) against the hand-labelled wire-story families of devsets/helsinki.

The peers come from the ``bench`` extra (``pip install -e '.[bench]'``); one that is not
installed is skipped with the reason. The figures go into the peers section of
docs/benchmarks.md (between its markers) and the plots into docs/.

    benchmarks/peers.py                          # sizes 2,000 and 10,000
    benchmarks/peers.py --sizes 2000,10000,100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import sections

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

KINDS = ("verbatim", "truncated", "near-verbatim", "paraphrased")
NUM_PERM = 128
SHINGLE = 5  # word 5-grams, the shingle most near-duplicate guides start from
SWEEP = (0.1, 0.2, 0.3, 0.4, 0.5)  # MinHashLSH thresholds tried for recall
RENSA_BANDS = 32  # datasketch picks 25 bands of 5 rows at 0.5; rensa needs bands dividing 128
MIN_PRECISION = 0.9  # the recall threshold is the lowest whose pair precision stays above this
UNSPUN_TOP = 20  # candidates unspun's candidate stage hands to alignment (RetrieveConfig k)
BEGIN, END = "<!-- peers: begin (written by benchmarks/peers.py) -->", "<!-- peers: end -->"

# -- the documents each tool reads ----------------------------------------------------------


def synth_docs(folder: str) -> Iterator[tuple[str, str]]:
    with open(Path(folder) / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield row["id"], f"{row['title']}\n{row['text'].replace(' ### ', chr(10))}"


def pan_docs(folder: str) -> Iterator[tuple[str, str]]:
    for sub in ("src", "susp"):
        for path in sorted((Path(folder) / sub).glob("*.txt")):
            yield path.name, path.read_text("utf-8", errors="replace")


def helsinki_docs(path: str) -> Iterator[tuple[str, str]]:
    import csv

    csv.field_size_limit(2**31 - 1)
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield row["id"], row["text"].replace(" ### ", "\n")


DOCS: dict[str, Callable[[str], Iterator[tuple[str, str]]]] = {
    "synth": synth_docs,
    "pan13": pan_docs,
    "helsinki": helsinki_docs,
}

_WORDS = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> list[str]:
    words = _WORDS.findall(text.lower())
    return list({" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))})


# -- the tools (each runs in its own process: see child()) ---------------------------------


def _datasketch_sigs(docs: Iterable[tuple[str, str]]) -> tuple[list[str], list[Any], list[int]]:
    from datasketch import MinHash

    keys, sigs, sizes = [], [], []
    for key, text in docs:
        grams = shingles(text)
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([g.encode() for g in grams])
        keys.append(key)
        sigs.append(m)
        sizes.append(len(grams))
    return keys, sigs, sizes


def run_datasketch(docs: Iterable[tuple[str, str]], thresholds: str = "0.5") -> dict[str, Any]:
    """MinHashLSH as datasketch's guide sets it up: 128 permutations, the band layout its
    optimiser picks for the threshold; every document inserted, then queried."""
    from datasketch import MinHashLSH

    t0, c0 = time.perf_counter(), time.process_time()
    keys, sigs, _ = _datasketch_sigs(docs)
    out: dict[str, Any] = {"runs": {}, "sig_s": time.perf_counter() - t0,
                           "sig_cpu": time.process_time() - c0}  # fmt: skip
    for t in (float(x) for x in thresholds.split(",")):
        t0, c0 = time.perf_counter(), time.process_time()
        lsh = MinHashLSH(threshold=t, num_perm=NUM_PERM)
        with lsh.insertion_session() as session:
            for key, m in zip(keys, sigs, strict=True):
                session.insert(key, m)
        pairs = {tuple(sorted((k, o))) for k, m in zip(keys, sigs, strict=True)
                 for o in lsh.query(m) if o != k}  # fmt: skip
        out["runs"][str(t)] = {
            "pairs": sorted(pairs),
            "index_s": time.perf_counter() - t0,
            "index_cpu": time.process_time() - c0,
            "bands": [lsh.b, lsh.r],
        }
    return out


def run_ensemble(docs: Iterable[tuple[str, str]], threshold: str = "0.8") -> dict[str, Any]:
    """MinHashLSHEnsemble (containment) as its guide sets it up: threshold 0.8, 128
    permutations, 32 partitions; a pair when one document is contained in another."""
    from datasketch import MinHashLSHEnsemble

    keys, sigs, sizes = _datasketch_sigs(docs)
    lsh = MinHashLSHEnsemble(threshold=float(threshold), num_perm=NUM_PERM, num_part=32)
    lsh.index(zip(keys, sigs, sizes, strict=True))
    pairs = set()
    for key, m, size in zip(keys, sigs, sizes, strict=True):
        for other in lsh.query(m, size):
            if other != key:
                pairs.add(tuple(sorted((key, other))))
    return {"pairs": sorted(pairs)}


def run_rensa(
    docs: Iterable[tuple[str, str]], threshold: str = "0.5", bands: str = "0"
) -> dict[str, Any]:
    """rensa's R-MinHash and its LSH with the same shingles, permutations and band layout as
    datasketch at the same threshold; candidates kept when their estimated Jaccard reaches
    the threshold, as rensa's deduplicator checks them."""
    from rensa import RMinHash, RMinHashLSH

    t = float(threshold)
    items = list(docs)
    hashes = RMinHash.from_token_sets([shingles(text) for _, text in items], NUM_PERM, 42)
    lsh = RMinHashLSH(threshold=t, num_perm=NUM_PERM, num_bands=int(bands) or RENSA_BANDS)
    for i, m in enumerate(hashes):
        lsh.insert(i, m)
    pairs = set()
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if j != i and m.jaccard(hashes[j]) >= t:
                pairs.add(tuple(sorted((items[i][0], items[j][0]))))
    return {"pairs": sorted(pairs)}


def run_semhash(docs: Iterable[tuple[str, str]], threshold: str = "0.9") -> dict[str, Any]:
    """semhash's self-deduplication at its default threshold (cosine 0.9) with a model2vec
    static model; the only one on PyPI here is tokenlearn-static-model's (10k words, 64
    dimensions, int8): semhash's own default (potion-base-8M) comes from a model hub."""
    import static_model
    from model2vec import StaticModel
    from semhash import SemHash

    model = StaticModel.from_pretrained(str(Path(static_model.__file__).parent / "model"))
    records = [{"id": key, "text": text} for key, text in docs]
    result = SemHash.from_records(records, columns=["text"], model=model).self_deduplicate(
        threshold=float(threshold)
    )
    # Each dropped record points to the one record it was kept for: a clustering.
    pairs = {(dup.record["id"], dup.duplicate_of["id"]) for dup in result.filtered}
    return {"pairs": sorted(pairs), "clusters": True}


def run_unspun(kind: str, source: str, db: str, queries: str) -> dict[str, Any]:
    """unspun's candidate stage: ``unspun add`` (read, clean, store, shingle and full-text
    index), then ``SourceIndex.candidates`` for each query document (its top 20: what the
    check aligns), lexical retrievers (no sentence vectors)."""
    from unspun.config import ExtractConfig
    from unspun.extract import read_inputs
    from unspun.retrieve.config import RetrieveConfig
    from unspun.retrieve.index import SourceIndex
    from unspun.store import open_store

    inputs = {"synth": [str(Path(source) / "articles.jsonl")], "helsinki": [source],
              "pan13": [str(Path(source) / "src"), str(Path(source) / "susp")]}[kind]  # fmt: skip
    wanted = json.loads(Path(queries).read_text("utf-8"))
    t0, c0 = time.perf_counter(), time.process_time()
    with open_store(db) as store:
        index = SourceIndex(store.conn, RetrieveConfig())
        index.ensure_schema()
        store.attach(index)
        store.add_many(read_inputs(inputs, ExtractConfig()))
        add_s, add_cpu = time.perf_counter() - t0, time.process_time() - c0
        ext = {aid: (e or Path(o).name) for aid, e, o in
               store.conn.execute("SELECT id, external_id, origin FROM articles")}  # fmt: skip
        by_ext = {v: k for k, v in ext.items()}
        found: dict[str, list[str]] = {}
        t1, c1 = time.perf_counter(), time.process_time()
        for q in wanted:
            if q in by_ext:
                cands = index.candidates(store.get(by_ext[q]), k=UNSPUN_TOP)
                found[q] = [ext.get(c.article_id, "") for c in cands]
        query_s, query_cpu = time.perf_counter() - t1, time.process_time() - c1
    return {"found": found, "add_s": add_s, "add_cpu": add_cpu, "articles": len(ext),
            "query_s": query_s, "query_cpu": query_cpu}  # fmt: skip


def run_unspun_families(news: str, db: str) -> dict[str, Any]:
    """unspun's story families over the Helsinki corpus (``unspun stories``)."""
    from unspun.evaluate.helsinki import library_families

    family_of, families = library_families(Path(news), Path(db).parent)
    return {"family_of": family_of, "families": len(families)}


def run_hashing(folder: str) -> dict[str, Any]:
    """Issue 17 part 3: unspun's shingle hashing (blake2b words, polynomial windows, mod-4
    sample) against rensa hashing the same 4-word shingles and against a rensa R-MinHash."""
    from rensa import RMinHash

    from unspun.retrieve.shingles import shingle_hashes, words

    texts = [text for _, text in synth_docs(folder)]
    out: dict[str, Any] = {"articles": len(texts)}
    c0 = time.process_time()
    for text in texts:
        shingle_hashes(text, 4, 4)
    out["unspun_shingle_hashes_cpu"] = time.process_time() - c0
    c0 = time.process_time()
    grams = []
    for text in texts:
        w = words(text)
        grams.append([" ".join(w[i : i + 4]) for i in range(max(1, len(w) - 3))])
    out["tokenise_cpu"] = time.process_time() - c0
    c0 = time.process_time()
    RMinHash.hash_token_sets(grams)
    out["rensa_hash_cpu"] = time.process_time() - c0
    c0 = time.process_time()
    RMinHash.digest_matrix_from_token_sets(grams, NUM_PERM, 42)
    out["rensa_minhash_cpu"] = time.process_time() - c0
    return out


TOOLS: dict[str, Callable[..., dict[str, Any]]] = {
    "datasketch": run_datasketch,
    "ensemble": run_ensemble,
    "rensa": run_rensa,
    "semhash": run_semhash,
}


def child(name: str, *args: str) -> dict[str, Any]:
    """In the child process: run one tool, with its own clock and memory."""
    t0, c0 = time.perf_counter(), time.process_time()
    if name in TOOLS:
        corpus, where, *rest = args
        out = TOOLS[name](DOCS[corpus](where), *rest)
    else:
        out = {"unspun": run_unspun, "families": run_unspun_families,
               "hashing": run_hashing}[name](*args)  # fmt: skip
    out["wall_s"] = time.perf_counter() - t0
    out["cpu_s"] = time.process_time() - c0
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def spawn(workdir: Path, name: str, *args: str) -> dict[str, Any]:
    """Run ``child(name, *args)`` in a fresh process on one core; its result, or why not."""
    out = workdir / f"{name}-{abs(hash(args)) % 10**8}.json"
    core = ["taskset", "-c", os.environ.get("UNSPUN_BENCH_CORE", "0")]
    env = dict(os.environ, OMP_NUM_THREADS="1", RAYON_NUM_THREADS="1", HF_HUB_OFFLINE="1",
               PYTHONPATH=str(ROOT / "src"))  # fmt: skip
    cmd = [sys.executable, __file__, "--child", name, str(out), *args]
    proc = subprocess.run(core + cmd if _has("taskset") else cmd, capture_output=True,
                          text=True, env=env)  # fmt: skip
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"skipped": last[:300]}
    return dict(json.loads(out.read_text("utf-8")))


def _has(program: str) -> bool:
    from shutil import which

    return which(program) is not None


# -- scoring --------------------------------------------------------------------------------


def paired(run: dict[str, Any]) -> dict[str, set[str]]:
    """What a run pairs each document with: its direct pairs, or for a tool that clusters
    (semhash keeps one record per cluster) every member of its cluster."""
    pairs = run.pop("pairs")
    if not run.get("clusters"):
        return neighbours(pairs)
    ids = {x for p in pairs for x in p}
    root = components(ids, pairs)
    groups: dict[str, set[str]] = defaultdict(set)
    for i, r in root.items():
        groups[r].add(i)
    return {i: groups[r] for i, r in root.items()}  # shared sets: a document is skipped in its own


def neighbours(pairs: Iterable[Iterable[str]]) -> dict[str, set[str]]:
    near: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        near[a].add(b)
        near[b].add(a)
    return near


def sample_queries(truth: dict[str, dict[str, Any]], per_kind: int, seed: int = 0) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for kind in (*KINDS, "independent"):
        pool = sorted(k for k, r in truth.items() if r["kind"] == kind)
        out += rnd.sample(pool, min(per_kind, len(pool)))
    return out


def score_synth(near: dict[str, set[str]], truth: dict[str, dict[str, Any]],
                queries: list[str]) -> dict[str, Any]:  # fmt: skip
    """Per kind: parent found (recall); for independents, paired with another family; and the
    precision of every pair reported for a query (same family = right)."""
    out: dict[str, Any] = {}
    right = wrong = 0
    for kind in (*KINDS, "independent"):
        qs = [q for q in queries if truth[q]["kind"] == kind]
        if kind == "independent":
            bad = [
                q
                for q in qs
                if any(truth[o]["family"] != truth[q]["family"] for o in near.get(q, ()))
            ]
            out["independent_paired"] = len(bad) / max(1, len(qs))
        else:
            out[kind] = sum(truth[q]["parent"] in near.get(q, ()) for q in qs) / max(1, len(qs))
        for q in qs:
            for o in near.get(q, ()):
                if o == q:
                    continue
                same = truth[o]["family"] == truth[q]["family"]
                right, wrong = right + same, wrong + (not same)
    out["precision"] = right / (right + wrong) if right + wrong else 1.0
    out["pairs_per_query"] = (right + wrong) / max(1, len(queries))
    return out


def score_pan(near: dict[str, set[str]], listed: list[tuple[str, str, str]]) -> dict[str, float]:
    by_cat: dict[str, list[bool]] = defaultdict(list)
    for susp, src, cat in listed:
        by_cat[cat].append(src in near.get(susp, ()))
    return {cat: sum(v) / len(v) for cat, v in sorted(by_cat.items())}


def components(ids: Iterable[str], pairs: Iterable[Iterable[str]]) -> dict[str, str]:
    parent = {i: i for i in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    return {i: root(i) for i in parent}


def score_helsinki(group_of: dict[str, Any]) -> dict[str, Any]:
    from unspun.evaluate.helsinki import load_labels, score_families

    labels = load_labels("families.json")["families"]
    return score_families(labels, group_of)


# -- the run --------------------------------------------------------------------------------


def peer_runs(corpus: str, where: str, thresholds: str, bands: int) -> dict[str, dict[str, Any]]:
    """Every peer over one corpus; datasketch MinHashLSH once per threshold (its signatures
    are made once: each threshold's time is the signatures' plus its own index and queries)."""
    runs: dict[str, dict[str, Any]] = {}
    ds = spawn(WORK, "datasketch", corpus, where, thresholds)
    if "skipped" in ds:
        runs["datasketch MinHashLSH 0.5"] = ds
    else:
        for t, run in ds["runs"].items():
            runs[f"datasketch MinHashLSH {t}"] = {
                **run,
                "wall_s": ds["sig_s"] + run.pop("index_s"),
                "cpu_s": ds["sig_cpu"] + run.pop("index_cpu"),
                "peak_mb": ds["peak_mb"],  # the process's, all thresholds together
            }
    runs["datasketch LSH Ensemble 0.8"] = spawn(WORK, "ensemble", corpus, where)
    runs["rensa R-MinHash LSH 0.5"] = spawn(WORK, "rensa", corpus, where, "0.5", str(bands))
    runs["semhash 0.9"] = spawn(WORK, "semhash", corpus, where)
    return runs


WORK = Path(tempfile.gettempdir())


def bench_synth(size: int, data: Path, per_kind: int, best: float | None = None) -> dict[str, Any]:
    folder = WORK / f"synth{size}"
    if not (folder / "truth.jsonl").exists():
        from unspun.evaluate.synth import SynthConfig, load_pool, write_corpus

        write_corpus(folder, SynthConfig(articles=size, seed=0), load_pool(data))
    truth = {r["id"]: r for r in map(json.loads, (folder / "truth.jsonl").open(encoding="utf-8"))}
    queries = sample_queries(truth, per_kind)
    qfile = WORK / f"queries{size}.json"
    qfile.write_text(json.dumps(queries), "utf-8")
    found: dict[str, Any] = {"size": size, "queries": len(queries)}
    runs = peer_runs("synth", str(folder), ",".join(map(str, SWEEP)), RENSA_BANDS)
    sweep = {t: score_synth(neighbours(runs[f"datasketch MinHashLSH {t}"].get("pairs", ())),
                            truth, queries) for t in SWEEP}  # fmt: skip
    ok = [t for t, sc in sweep.items() if sc["precision"] >= MIN_PRECISION]
    best = best if best is not None else (min(ok) if ok else 0.5)
    found["best"], found["sweep"] = best, {str(t): sc for t, sc in sweep.items()}
    for t in SWEEP:
        if t not in (0.5, best):
            runs.pop(f"datasketch MinHashLSH {t}", None)
    if best != 0.5 and f"datasketch MinHashLSH {best}" in runs:
        runs[f"datasketch MinHashLSH {best} (best for recall)"] = runs.pop(
            f"datasketch MinHashLSH {best}"
        )
    db = WORK / f"unspun{size}.db"
    db.unlink(missing_ok=True)
    ours = spawn(WORK, "unspun", "synth", str(folder), str(db), str(qfile))
    runs["unspun candidates"] = ours
    for name, run in runs.items():
        if "skipped" in run:
            continue
        if name == "unspun candidates":
            lists = run.pop("found")
            run["scores"] = score_synth({q: set(c) for q, c in lists.items()}, truth, queries)
            top5 = {q: set(c[:5]) for q, c in lists.items()}
            run["scores_top5"] = score_synth(top5, truth, queries)
            # the whole corpus's queries, from the sample's rate
            per_q_s = run["query_s"] / max(1, len(queries))
            per_q_cpu = run["query_cpu"] / max(1, len(queries))
            run["corpus_s"] = run["add_s"] + per_q_s * size
            run["corpus_cpu"] = run["add_cpu"] + per_q_cpu * size
        else:
            run["scores"] = score_synth(paired(run), truth, queries)
    found["runs"] = runs
    return found


def bench_pan(data: Path, per_cat: int) -> dict[str, Any]:
    from unspun.evaluate.pan13 import read_pairs

    folder = data / "pan13"
    rnd = random.Random(13)
    by_cat: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for pair in read_pairs(folder):
        by_cat[pair[2]].append(pair)
    listed = [
        p for cat in sorted(by_cat) for p in rnd.sample(by_cat[cat], min(per_cat, len(by_cat[cat])))
    ]
    qfile = WORK / "pan-queries.json"
    qfile.write_text(json.dumps(sorted({p[0] for p in listed})), "utf-8")
    runs = peer_runs("pan13", str(folder), "0.5", RENSA_BANDS)
    db = WORK / "pan.db"
    db.unlink(missing_ok=True)
    runs["unspun candidates"] = spawn(WORK, "unspun", "pan13", str(folder), str(db), str(qfile))
    for run in runs.values():
        if "skipped" in run:
            continue
        found = run.pop("found", None)
        near = {q: set(c) for q, c in found.items()} if found is not None else paired(run)
        run["scores"] = score_pan(near, listed)
    return {"pairs": len(listed), "runs": runs}


def bench_helsinki(data: Path) -> dict[str, Any]:
    news = data / "news" / "helsinki_articles.csv"
    ids = [k for k, _ in helsinki_docs(str(news))]
    runs = peer_runs("helsinki", str(news), "0.5", RENSA_BANDS)
    for run in runs.values():
        if "skipped" not in run:
            run["scores"] = score_helsinki(components(ids, run.pop("pairs")))
    fam = spawn(WORK, "families", str(news), str(WORK / "helsinki" / "h.db"))
    if "skipped" not in fam:
        fam["scores"] = score_helsinki(fam.pop("family_of"))
    runs["unspun story families"] = fam
    return {"runs": runs}


# -- the page and the plots -----------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f} %" if x >= 0.1 or x == 0 else f"{100 * x:.1f} %"


def _ratio(run: dict[str, Any], ours: dict[str, Any], key: str, base: str) -> str:
    if base not in ours or key not in run or not ours[base]:
        return "–"
    return f"{run[key] / ours[base]:.2g}×"


def synth_table(res: dict[str, Any]) -> list[str]:
    runs = res["runs"]
    ours = runs.get("unspun candidates", {})
    lines = [
        f"Synth corpus of {res['size']:,} articles; {res['queries']:,} planted articles checked "
        "(a seeded sample of each kind). Recall: the copy is paired with its parent; "
        "independents: the share paired with an article of another family (lower is better); "
        "precision: of the pairs reported for the sampled articles, the share within one family. "
        "Time and memory: the whole corpus, as ratios to unspun's candidate stage (its time "
        "for the whole corpus: adding with indexing, plus the sample's rate of candidate "
        "queries times the corpus size).",
        "",
        "| tool | " + " | ".join(KINDS) + " | independents paired | precision | wall | CPU | "
        "peak memory | wall ÷ unspun | CPU ÷ unspun |",
        "|---" * (len(KINDS) + 8) + "|",
    ]
    for name, run in runs.items():
        if "skipped" in run:
            lines.append(f"| {name} | skipped: {run['skipped']} |" + " |" * (len(KINDS) + 6))
            continue
        sc = run["scores"]
        wall = run.get("corpus_s", run.get("wall_s"))
        cpu = run.get("corpus_cpu", run.get("cpu_s"))
        indep, prec = _pct(sc["independent_paired"]), _pct(sc["precision"])
        if name == "unspun candidates":
            five = run["scores_top5"]
            cells = [f"{_pct(sc[k])} (top 5: {_pct(five[k])})" for k in KINDS]
            indep, prec = "– (a ranked list)", "– (a ranked list)"
            name = f"unspun candidate stage (top {UNSPUN_TOP})"
        else:
            cells = [_pct(sc[k]) for k in KINDS]
        lines.append(
            f"| {name} | " + " | ".join(cells) + f" | {indep} | {prec} | {wall:.1f} s | "
            f"{cpu:.1f} s | {run['peak_mb']:.0f} MB | "
            f"{_ratio({'w': wall}, ours, 'w', 'corpus_s')} | "
            f"{_ratio({'c': cpu}, ours, 'c', 'corpus_cpu')} |"
        )
    if ours and "skipped" not in ours:
        lines += [
            "",
            f"unspun's candidate stage: adding the {ours['articles']:,} articles with indexing "
            f"took {ours['add_s']:.1f} s ({ours['add_cpu']:.1f} s CPU); {res['queries']:,} "
            f"candidate queries {ours['query_s']:.1f} s ({ours['query_cpu']:.1f} s CPU, "
            f"{1000 * ours['query_cpu'] / res['queries']:.0f} ms each); peak memory "
            f"{ours['peak_mb']:.0f} MB.",
        ]
    sweep = res.get("sweep", {})
    if sweep:
        lines += [
            "",
            "datasketch MinHashLSH threshold sweep (the same signatures): "
            + "; ".join(
                f"{t}: paraphrased {_pct(sc['paraphrased'])}, truncated {_pct(sc['truncated'])}, "
                f"precision {_pct(sc['precision'])}"
                for t, sc in sweep.items()
            )
            + f". Best for recall with precision ≥ {MIN_PRECISION:.0%}: {res['best']}.",
        ]
    return lines


def pan_table(res: dict[str, Any]) -> list[str]:
    runs = res["runs"]
    cats = sorted(next((r["scores"] for r in runs.values() if "scores" in r), {}))
    lines = [
        f"PAN13 (the shared half-sample): {res['pairs']:,} listed pairs, a seeded sample per "
        "category; found: the tool pairs the suspicious document with the listed source "
        f"(unspun: the source in the suspicious document's top {UNSPUN_TOP} candidates). For "
        "`no-plagiarism` the figure is the false-pair rate (lower is better).",
        "",
        "| tool | " + " | ".join(cats) + " | wall | peak memory |",
        "|---" * (len(cats) + 3) + "|",
    ]
    for name, run in runs.items():
        if "skipped" in run:
            lines.append(f"| {name} | skipped: {run['skipped']} |" + " |" * (len(cats) + 1))
            continue
        lines.append(f"| {name} | " + " | ".join(_pct(run["scores"][c]) for c in cats)
                     + f" | {run['wall_s']:.1f} s | {run['peak_mb']:.0f} MB |")  # fmt: skip
    return lines


def helsinki_table(res: dict[str, Any]) -> list[str]:
    lines = [
        "The Helsinki corpus (612 real articles): the groups each tool forms (connected "
        "components of its pairs; for unspun its story families) scored pairwise against the "
        "8 hand-labelled wire-story families of devsets/helsinki/families.json (99 members; "
        "borderline pages left out).",
        "",
        "| tool | precision | recall | labelled families split | wall | peak memory |",
        "|---|---|---|---|---|---|",
    ]
    for name, run in res["runs"].items():
        if "skipped" in run:
            lines.append(f"| {name} | skipped: {run['skipped']} | | | | |")
            continue
        sc = run["scores"]
        lines.append(f"| {name} | {sc['precision']:.3f} | {sc['recall']:.3f} | "
                     f"{len(sc['split'])} of {sc['families']} | {run['wall_s']:.1f} s | "
                     f"{run['peak_mb']:.0f} MB |")  # fmt: skip
    return lines


def hashing_lines(h: dict[str, Any]) -> list[str]:
    if "skipped" in h:
        return [f"Skipped: {h['skipped']}"]
    n = h["articles"]
    ours = h["unspun_shingle_hashes_cpu"]
    return [
        f"Over the {n:,} synth articles, one core, CPU time: unspun's `shingle_hashes` (word "
        f"4-grams, blake2b word hashes, polynomial windows, mod-4 sample) {ours:.2f} s "
        f"({1e3 * ours / n:.2f} ms an article). rensa: making the 4-gram strings in Python "
        f"{h['tokenise_cpu']:.2f} s, then hashing them (`RMinHash.hash_token_sets`) "
        f"{h['rensa_hash_cpu']:.2f} s, or a 128-slot R-MinHash of them "
        f"{h['rensa_minhash_cpu']:.2f} s. rensa's hashing with the strings it needs: "
        f"{(h['tokenise_cpu'] + h['rensa_hash_cpu']) / ours:.2f}× unspun's time.",
    ]


CONFIGURATION = """\
### How each tool is set up, and why

All MinHash tools read the same shingles: lower-cased word 5-grams of title and body, the
unit their guides start from for near-duplicate text, with 128 permutations.

- **datasketch MinHashLSH 0.5**: `MinHash(num_perm=128)`, `MinHashLSH(threshold=0.5,
  num_perm=128)` as in datasketch's guide (its optimiser picks 25 bands of 5 rows); every
  article inserted, then each one queried: a hit is a pair.
- **datasketch MinHashLSH, the threshold best for recall**: the same signatures at 0.1 to 0.5;
  kept: the lowest threshold whose pair precision on the sampled articles stays at 90 % or
  more (chosen on the largest corpus, used for the others).
- **datasketch LSH Ensemble 0.8**: containment rather than Jaccard, for a short copy inside a
  long page: threshold 0.8, 128 permutations, 32 partitions as in its guide; each article is
  queried with its shingle count, a pair when it is 80 % contained in another.
- **rensa R-MinHash LSH 0.5**: `RMinHash` (128 slots, seed 42) of the same shingles,
  `RMinHashLSH(threshold=0.5, num_perm=128, num_bands=32)` (rensa needs bands that divide
  128: 32 of 4 rows is the nearest to datasketch's layout), candidates kept when their
  estimated Jaccard reaches 0.5, as rensa's deduplicator checks them. Same shingles and
  threshold as datasketch, so the time is like for like. Full-set R-MinHash, not the rho
  pipeline, which samples token positions for bulk filtering.
- **semhash 0.9**: `SemHash.from_records(...).self_deduplicate()` at its default cosine
  threshold 0.9. semhash's default model (potion-base-8M) comes from a model hub, which this
  machine cannot reach; the only model2vec static model inside a PyPI package found here is
  tokenlearn-static-model's (10,000 words, 64 dimensions, int8), loaded with model2vec's
  `StaticModel.from_pretrained`. It is far smaller than potion-base-8M, so these figures say
  little about semhash with its own model. semhash keeps one record per cluster: a record
  counts as paired with every member of its cluster.
- **unspun candidate stage**: `unspun add` with indexing (sampled word 4-gram shingles and
  the full-text index), then `SourceIndex.candidates` for each sampled article: its top 20
  (what `unspun check` aligns) from the shingle, BM25, rare-term, passage and name retrievers.
  No sentence vectors: embedding a 10,000-article library takes about 8 minutes on one core.
  A ranked list for the alignment stage to judge, not a verdict, so precision and the
  independents are not scored for it (the check's figures are in "Finding sources" above).
  For the Helsinki groups, unspun's story families (`unspun stories`).

Not measured: **text-dedup** 0.4.0 (it installs `datasets`, Sphinx with its extensions,
`unisim` with ONNX and some 40 packages in all, for MinHash and SimHash pipelines whose
MinHash step datasketch and rensa already show); **passim** (Spark, run from its source, not
on PyPI). The 100k corpus: `benchmarks/peers.py --sizes 2000,10000,100000 --workdir
/tmp/peers` (several hours on one core; this run had 2 shared cores and stopped at 10,000).
"""

READING = """\
### What it means for choosing a tool (read from the run of 2026-12-04 at 10,000 articles)

- **Verbatim and near-verbatim copies only** (dedup of a crawl): every MinHash tool finds all
  of them, at a small part of unspun's time; rensa is the fastest (2.2 s for 10,000 articles,
  0.011× unspun's candidate stage), datasketch is 5× slower than rensa and keeps less memory.
  unspun adds nothing here but its report of what changed.
- **Copies cut short or rewritten**: at Jaccard 0.5, MinHashLSH and rensa pair 59–64 % of the
  truncated copies and 17–29 % of the paraphrased ones with their parent. datasketch at 0.3
  reaches 93 % and 85 % at 98 % pair precision, for the same time; the LSH Ensemble (containment)
  94 % of the truncated but 48 % of the paraphrased. unspun's candidate stage has every parent
  in its top 20 (99–100 % in its top 5), but as a ranked list the alignment then judges.
- **A copied passage inside a longer text** (PAN13): whole-document MinHash pairs almost none
  of the listed pairs, because a passage moves the Jaccard of two long documents very little;
  unspun's candidates hold 90–99 % of the sources (and, being a top 20, 31 % of the listed
  non-sources, which alignment then rejects).
- **Story families of real news** (Helsinki): MinHashLSH and rensa group with perfect
  precision but recall 0.31–0.33; unspun's families 0.997 / 1.000, at 18 s against under 1 s.
- **semhash** with the only static model available here (64 dimensions) puts nearly all news
  in one cluster (pair precision 0.1 %): this says the model is too small, not what semhash
  does with potion-base-8M.
- **Cost**: unspun's candidate stage over the whole 10,000-article corpus took 201 s (43 s to
  add and index, 15 ms a query) against rensa's 2.2 s: 91×, not within the issue's 2× of
  rensa (issue 17's acceptance, at 100k). Its memory, 103 MB, is the smallest of all: the
  index lives in SQLite.
- **rensa inside unspun** (part 3): rensa hashes shingle strings fast, but unspun must build
  those strings in Python first, and with them rensa takes 1.66× the time of unspun's own
  hashing, which works on word hashes; adopting it would also change every stored hash. Not
  adopted.
"""


def plots(results: dict[str, Any], docs: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    largest = results["synth"][-1]
    names = [n for n, r in largest["runs"].items() if "scores" in r]
    fig, ax = plt.subplots(figsize=(11, 4.5))
    width = 0.8 / max(1, len(names))
    for i, name in enumerate(names):
        sc = largest["runs"][name]["scores"]
        xs = [k + (i - len(names) / 2 + 0.5) * width for k in range(len(KINDS))]
        ax.bar(xs, [100 * sc[k] for k in KINDS], width, label=name)
    ax.set_xticks(range(len(KINDS)), KINDS)
    ax.set_ylabel("planted copies paired with their parent (%)")
    ax.set_ylim(0, 105)
    ax.set_title(f"Recall by copy kind, synth corpus of {largest['size']:,} articles")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    path = docs / "peers-recall.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    written.append(path.name)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
    sizes = [r["size"] for r in results["synth"]]
    for name in names:
        runs = [r["runs"].get(name, {}) for r in results["synth"]]
        if any("scores" not in r for r in runs):
            continue
        wall = [r.get("corpus_s", r.get("wall_s")) for r in runs]
        left.plot(sizes, wall, marker="o", label=name)
        right.plot(sizes, [r["peak_mb"] for r in runs], marker="o", label=name)
    for ax, what in ((left, "wall time (s)"), (right, "peak memory (MB)")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks(sizes, [f"{s:,}" for s in sizes])
        ax.set_xlabel("articles in the synth corpus")
        ax.set_ylabel(what)
        ax.grid(True, which="both", alpha=0.3)
    right.legend(fontsize=7)
    fig.suptitle("Time and memory against corpus size (one core; log-log)")
    fig.tight_layout()
    path = docs / "peers-scale.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    written.append(path.name)
    return written


def section(results: dict[str, Any], command: str, pictures: list[str]) -> str:
    lines = [
        BEGIN,
        "## Side by side with the peers (benchmarks/peers.py)",
        "",
        f"_Measured {dt.date.today().isoformat()} by `{command}`, machine: "
        f"{platform.machine()}, {os.cpu_count()} cores (shared), CPython "
        f"{platform.python_version()}; each tool in a fresh process on one core._",
        "",
    ]
    for res in results["synth"]:
        lines += ["### Synth corpus", "", *synth_table(res), ""]
    if "pan13" in results:
        lines += ["### PAN13", "", *pan_table(results["pan13"]), ""]
    if "helsinki" in results:
        lines += ["### Helsinki", "", *helsinki_table(results["helsinki"]), ""]
    if "hashing" in results:
        lines += ["### Shingle hashing: rensa or unspun's own (issue 17, part 3)", "",
                  *hashing_lines(results["hashing"]), ""]  # fmt: skip
    lines += [CONFIGURATION, READING]
    lines += [f"![{p}]({p})" for p in pictures]
    lines += ["", END]
    return "\n".join(lines) + "\n"


def write_section(out: Path, text: str) -> None:
    """Put this benchmark's section into ``out`` between its markers."""
    sections.write_section(out, text, BEGIN, END)


def main() -> None:
    global WORK
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        out_path, name, args = Path(sys.argv[3]), sys.argv[2], sys.argv[4:]
        out_path.write_text(json.dumps(child(name, *args)), "utf-8")
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,10000", help="synth sizes (100k: 100000)")
    parser.add_argument("--per-kind", type=int, default=300, help="planted articles per kind")
    parser.add_argument("--pan-per-category", type=int, default=100)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--workdir", type=Path, help="keep corpora and libraries here")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--only", default="synth,pan13,helsinki,hashing")
    parser.add_argument("--from-json", type=Path, help="write the page from an earlier --json")
    args = parser.parse_args()
    from unspun.evaluate.data import shared_data_dir

    data = shared_data_dir()
    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="unspun-peers-")
        args.workdir = Path(tmp.name)
    WORK = args.workdir
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "helsinki").mkdir(exist_ok=True)
    only = args.only.split(",")
    results: dict[str, Any] = {"synth": []}
    if args.from_json:
        results = json.loads(args.from_json.read_text("utf-8"))
        only = []
    if not (data / "msrp").is_dir() and not args.from_json:
        print(f"no shared data at {data}: nothing to measure", file=sys.stderr)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    if "synth" in only:
        best = None
        for size in sorted(sizes, reverse=True):  # the best threshold is chosen on the largest
            print(f"== synth {size:,}", file=sys.stderr, flush=True)
            res = bench_synth(size, data, args.per_kind, best)
            best = res["best"]
            results["synth"].insert(0, res)
    if "pan13" in only and (data / "pan13").is_dir():
        print("== pan13", file=sys.stderr, flush=True)
        results["pan13"] = bench_pan(data, args.pan_per_category)
    if "helsinki" in only and (data / "news").is_dir():
        print("== helsinki", file=sys.stderr, flush=True)
        results["helsinki"] = bench_helsinki(data)
    if "hashing" in only and results["synth"]:
        largest = results["synth"][-1]["size"]
        results["hashing"] = spawn(WORK, "hashing", str(WORK / f"synth{largest}"))
    command = results.setdefault("command", " ".join(["benchmarks/peers.py", *sys.argv[1:]]))
    if args.json and not args.from_json:
        args.json.write_text(json.dumps(results, indent=1), "utf-8")
    pictures = plots(results, args.out.parent) if results["synth"] else []
    write_section(args.out, section(results, command, pictures))
    print(f"wrote {args.out} and {', '.join(pictures)}", file=sys.stderr)


if __name__ == "__main__":
    main()
