"""The measured work of ``make bench``: each function runs in a fresh process (see run.py).

Every function takes string arguments and returns a JSON-able dict; the harness adds the
process's peak resident memory. Nothing here prints.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path

# -- stages on one pair ------------------------------------------------------------------


def _pair(data: str, words: int = 700):
    """(copy, source, how they were made): a real ~700-word news article and an edited copy,
    or, without the shared data, the bundled demo articles joined to that length."""
    from unspun.evaluate.changes import speed_pair

    news = Path(data) / "news" / "helsinki_articles.csv"
    if news.exists():
        copy, source = speed_pair(news, words=words)
        return copy, source, "Helsinki article 1197 cut to 700 words, and a lightly edited copy"
    from unspun.model import Article, content_id, paragraphs_of

    root = Path(__file__).resolve().parents[1] / "src" / "unspun" / "demo"
    paras = [p for f in sorted(root.glob("*.txt")) for p in f.read_text("utf-8").split("\n\n")]
    kept, count = [], 0
    for p in paras:
        if count >= words:
            break
        kept.append(p.strip())
        count += len(p.split())
    body = "\n\n".join(kept)
    source = Article(content_id("Demo", body), body, "Demo", paragraphs_of(body))
    edited = body.replace(" said ", " stated ")
    copy = Article(content_id("Demo copy", edited), edited, "Demo copy", paragraphs_of(edited))
    return copy, source, "the demo articles joined to 700 words, and a lightly edited copy"


def _spun(article):
    """A rule-spun copy of ``article`` (every sentence reworded where the rules can)."""
    import random

    from unspun.evaluate.synth import spin, split_sentences
    from unspun.model import Article, content_id, paragraphs_of

    rng = random.Random(0)
    paras = [" ".join(spin(s, rng) for s in split_sentences(p)) for p in article.text.split("\n\n")]
    body = "\n\n".join(paras)
    title = spin(article.title, rng)
    return Article(content_id(title, body), body, title, paragraphs_of(body))


def model_load() -> dict:
    t0 = time.perf_counter()
    from unspun.align import AlignConfig, load_embedder

    imported = time.perf_counter() - t0
    t1, c1 = time.perf_counter(), time.process_time()
    embedder = load_embedder(AlignConfig())
    loaded = time.perf_counter() - t1
    loaded_cpu = time.process_time() - c1
    t2 = time.perf_counter()
    embedder.encode(["A first sentence warms the model up."])
    first = time.perf_counter() - t2
    return {
        "import_s": imported,
        "load_s": loaded,
        "load_cpu_s": loaded_cpu,
        "first_encode_s": first,
        "model": embedder.name,
    }


def align_pair(data: str, repeats: str = "7") -> dict:
    from unspun.align import AlignConfig, align_articles, load_embedder

    copy, source, made = _pair(data)
    spun = _spun(source)
    cfg = AlignConfig()
    embedder = load_embedder(cfg)  # not cached: every run embeds both texts again
    out: dict = {"pair": made, "words": len(source.text.split())}
    for name, c in (("edited", copy), ("spun", spun)):
        times, cpu = [], []
        for _ in range(int(repeats)):
            t0, c0 = time.perf_counter(), time.process_time()
            alignment = align_articles(c, source, cfg, embedder)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        out[name] = {
            "first_ms": times[0] * 1000,
            "median_ms": statistics.median(times[1:]) * 1000,
            "cpu_ms": statistics.median(cpu[1:]) * 1000,
            "copy_share": alignment.summary.copy_share,
            "pairs": len(alignment.pairs),
        }
    return out


def changes_pair(data: str, repeats: str = "7") -> dict:
    from unspun.align import AlignConfig, align_articles, load_embedder
    from unspun.changes import ChangeConfig, detect_changes

    copy, source, made = _pair(data)
    alignment = align_articles(copy, source, AlignConfig(), load_embedder(AlignConfig()))
    times, cpu = [], []
    for _ in range(int(repeats)):
        t0, c0 = time.perf_counter(), time.process_time()
        changes = detect_changes(copy, source, alignment, ChangeConfig())
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return {
        "pair": made,
        "cpu_ms": statistics.median(cpu[1:]) * 1000,
        "first_ms": times[0] * 1000,
        "median_ms": statistics.median(times[1:]) * 1000,
        "changes": len(changes),
    }


# -- the library at scale ------------------------------------------------------------------


def synth(data: str, out_dir: str, n: str, seed: str) -> dict:
    from unspun.evaluate.synth import SynthConfig, load_pool, write_corpus

    t0 = time.perf_counter()
    pool = load_pool(Path(data))
    meta = write_corpus(Path(out_dir), SynthConfig(articles=int(n), seed=int(seed)), pool)
    return {"seconds": time.perf_counter() - t0, "pool": meta["pool"], "counts": meta["counts"]}


def add_indexed(jsonl: str, db: str) -> dict:
    """What ``unspun add`` does: read, clean, store, and index (shingles, full text)."""
    from unspun.config import ExtractConfig
    from unspun.extract import read_inputs
    from unspun.retrieve.config import RetrieveConfig
    from unspun.retrieve.index import SourceIndex
    from unspun.store import open_store

    t0, c0 = time.perf_counter(), time.process_time()
    with open_store(db) as store:
        index = SourceIndex(store.conn, RetrieveConfig())
        index.ensure_schema()
        store.attach(index)
        summary = store.add_many(read_inputs([jsonl], ExtractConfig()))
    secs = time.perf_counter() - t0
    return {
        "cpu_seconds": time.process_time() - c0,
        "added": summary.added,
        "failed": len(summary.failed),
        "seconds": secs,
        "per_second": (summary.added + summary.present) / secs,
        "db_mb": Path(db).stat().st_size / 1e6,
    }


def index_vectors(db: str, batch: str = "256") -> dict:
    """What ``unspun index`` does after an add: embed the indexed articles' sentences."""
    from unspun.align import AlignConfig, load_embedder
    from unspun.retrieve.config import RetrieveConfig
    from unspun.retrieve.index import SourceIndex
    from unspun.store import open_store

    embedder = load_embedder(AlignConfig())
    t0, c0 = time.perf_counter(), time.process_time()
    done = 0
    with open_store(db) as store:
        index = SourceIndex(store.conn, RetrieveConfig(), embedder)
        while True:
            store.conn.execute("BEGIN IMMEDIATE")
            n = index.index_vectors(limit=int(batch))
            store.conn.execute("COMMIT")
            if n == 0:
                break
            done += n
        sentences = store.conn.execute("SELECT count(*) FROM idx_vectors").fetchone()[0]
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {"articles": done, "sentences": sentences, "seconds": secs, "cpu_seconds": cpu}


def _ids(conn) -> dict[str, str]:
    return {ext: aid for aid, ext in conn.execute("SELECT id, external_id FROM articles")}


def check_queries(db: str, queries_path: str, out_path: str, no_vectors: str = "0") -> dict:
    """Check each query article against the library; time each check; keep what it found.

    Uses ``unspun.pipeline.check_article`` (the engine of ``unspun check``); the model is
    loaded once, before the clock starts.
    """
    from unspun.pipeline import CheckConfig, check_article, load_resources
    from unspun.retrieve.index import SourceIndex
    from unspun.store import open_store

    queries = json.loads(Path(queries_path).read_text("utf-8"))
    cfg = CheckConfig()
    resources = load_resources(cfg)  # alignment uses the model when it is installed
    found = []
    with open_store(db) as store:
        # without sentence vectors in the index, the vector retriever is left out
        embedder = None if no_vectors == "1" else resources.embedder
        index = SourceIndex(store.conn, cfg.retrieve, embedder)
        ids = _ids(store.conn)
        back = {v: k for k, v in ids.items()}
        # the first check loads the vector matrix: timed apart
        warm_t0 = time.perf_counter()
        check_article(store.get(ids[queries[0]["id"]]), store, index, resources, cfg)
        warm = time.perf_counter() - warm_t0
        for q in queries:
            article = store.get(ids[q["id"]])
            t0, c0 = time.perf_counter(), time.process_time()
            result = check_article(article, store, index, resources, cfg)
            secs = time.perf_counter() - t0
            found.append(
                {
                    "id": q["id"],
                    "seconds": secs,
                    "cpu": time.process_time() - c0,
                    "kind": result.kind,
                    "sources": [back.get(m.source.id, "") for m in result.sources if m.reuse],
                    "top5": [back.get(a, "") for a in result.ranking()[:5]],
                }
            )
    Path(out_path).write_text(json.dumps(found), "utf-8")
    times = sorted(f["seconds"] for f in found)
    cpu = sorted(f["cpu"] for f in found)
    return {
        "checks": len(found),
        "cpu_p50_ms": 1000 * cpu[len(cpu) // 2],
        "cpu_p95_ms": 1000 * cpu[min(len(cpu) - 1, int(0.95 * len(cpu)))],
        "first_check_s": warm,
        "p50_ms": 1000 * times[len(times) // 2],
        "p95_ms": 1000 * times[min(len(times) - 1, int(0.95 * len(times)))],
        "model": resources.model,
        "vectors": embedder is not None,
    }


_WORDS = re.compile(r"\w+")


def _shingles(text: str, k: int = 5) -> set[bytes]:
    words = _WORDS.findall(text.lower())
    return {" ".join(words[i : i + k]).encode() for i in range(max(1, len(words) - k + 1))}


def minhash_lsh(jsonl: str, queries_path: str, out_path: str, limit: str = "0") -> dict:
    """The usual near-duplicate set-up: datasketch MinHashLSH, threshold 0.5, 128
    permutations, word 5-gram shingles, every article of the corpus (or its first ``limit``)
    inserted."""
    from datasketch import MinHash, MinHashLSH

    queries = {q["id"] for q in json.loads(Path(queries_path).read_text("utf-8"))}
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    sigs = {}
    t0 = time.perf_counter()
    n = 0
    with open(jsonl, encoding="utf-8") as fh:
        for line in fh:
            if int(limit) and n >= int(limit):
                break
            row = json.loads(line)
            m = MinHash(num_perm=128)
            m.update_batch(list(_shingles(f"{row['title']} {row['text'].replace(' ### ', ' ')}")))
            lsh.insert(row["id"], m)
            if row["id"] in queries:
                sigs[row["id"]] = m
            n += 1
    build = time.perf_counter() - t0
    found = []
    t1 = time.perf_counter()
    for qid, m in sigs.items():
        found.append({"id": qid, "sources": [k for k in lsh.query(m) if k != qid]})
    query = time.perf_counter() - t1
    Path(out_path).write_text(json.dumps(found), "utf-8")
    return {"articles": n, "build_s": build, "query_ms": 1000 * query / max(1, len(found))}


def families(db: str, limit: str) -> dict:
    """Story families (issue 6) built over the library, if unspun offers a builder."""
    from unspun.provenance.families import sync_families
    from unspun.retrieve.config import RetrieveConfig
    from unspun.retrieve.index import SourceIndex
    from unspun.store import open_store

    t0, c0 = time.perf_counter(), time.process_time()
    with open_store(db) as store:
        index = SourceIndex(store.conn, RetrieveConfig())
        placed = sync_families(store, index)
        cpu = time.process_time() - c0
        rows = store.conn.execute(
            "SELECT a.external_id, m.family FROM fam_members m JOIN articles a "
            "ON a.id = m.article_id"
        ).fetchall()
    secs = time.perf_counter() - t0
    return {"placed": placed, "seconds": secs, "cpu_seconds": cpu, "members": rows}
