"""``unspun batch`` on Apache Spark: the stages as DataFrame joins around the record functions.

The stages, each written as Parquet under the output folder and skipped when its output is
already there (so a run that stopped resumes where it stopped)::

    read        input files -> article records, in input order        (parallel by file)
    articles    the library's cleaning replayed in input order         (one task: see below)
    candidates  shingle postings joined: earlier articles sharing      (joins, capped df)
                shingles with each article, ranked as the library does
    pairs       each candidate pair judged by link_pair                (parallel by pair)
    families    links -> compilations -> connected components (min-label propagation on
                DataFrames) -> each family built by build_family       (parallel by family)
    checks      each article with partners checked by judge            (parallel by article)
                -> verdicts, alignments, changes
    rejected    every failure of every stage, with its reason

Everything runs through :mod:`unspun.batch.records`, which calls the same stage functions as
the local library. Only this module imports pyspark.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unspun.batch import records as rec
from unspun.batch.records import BatchConfig
from unspun.errors import UnspunError
from unspun.extract.sources import expand_paths

log = logging.getLogger(__name__)

STAGES = ("read", "articles", "candidates", "pairs", "families", "checks")
SCHEMA_VERSION = 1
JAVA_HINT = (
    "unspun batch needs Java 17 for Spark: install it with "
    "`apt-get install -y openjdk-17-jre-headless` (as root), or set JAVA_HOME"
)


class BatchError(UnspunError):
    """The batch cannot run (no Java, no PySpark, bad settings)."""


def java_problem() -> str | None:
    """Why Spark cannot start here (no Java), or None."""
    java = shutil.which("java")
    home = os.environ.get("JAVA_HOME")
    if home and Path(home, "bin", "java").exists():
        java = str(Path(home, "bin", "java"))
    if java is None:
        return JAVA_HINT
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{JAVA_HINT} ({java} did not run: {exc})"
    if out.returncode != 0:
        return f"{JAVA_HINT} ({java} -version failed)"
    return None


@dataclass(slots=True)
class StageReport:
    name: str
    rows: int
    seconds: float
    skipped: bool = False


@dataclass(slots=True)
class BatchReport:
    out: str
    stages: list[StageReport] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def session(master: str = "local[*]", conf: Sequence[tuple[str, str]] = ()) -> Any:
    """A Spark session (built in the face, never at import time)."""
    if (problem := java_problem()) is not None:
        raise BatchError(problem)
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise BatchError(
            "unspun batch needs PySpark: install it with `pip install 'unspun[batch]'`"
        ) from exc
    builder = (
        SparkSession.builder.appName("unspun batch")
        .master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.python.worker.reuse", "true")
    )
    if master.startswith("local"):  # the workers run this very Python, which has unspun
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for key, value in conf:
        builder = builder.config(key, value)
    return builder.getOrCreate()


def stop(spark: Any) -> None:
    """Stop the session and wait for its JVM to exit (so its CPU time, and its Python
    workers', is counted in this process's children)."""
    gateway = getattr(spark.sparkContext, "_gateway", None)
    proc = getattr(gateway, "proc", None)
    spark.stop()
    if gateway is not None:
        gateway.shutdown()
    if proc is not None:
        try:
            if proc.stdin is not None:  # the JVM exits when its stdin closes
                proc.stdin.close()
            proc.wait(timeout=60)
        except Exception:  # the JVM is left to the system: nothing is lost
            log.debug("the Spark JVM did not exit in time", exc_info=True)


class BatchRun:
    """One batch: the inputs, the output folder, the settings and the Spark session."""

    def __init__(
        self,
        spark: Any,
        inputs: Sequence[str],
        out: str | Path,
        cfg: BatchConfig,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.spark = spark
        self.inputs = list(inputs)
        self.out = Path(out)
        self.cfg = cfg
        self.say = progress or (lambda line: log.info("%s", line))
        self.report = BatchReport(str(self.out))

    # -- running ----------------------------------------------------------------------------

    def run(self, stop_after: str | None = None) -> BatchReport:
        if stop_after is not None and stop_after not in STAGES:
            raise BatchError(f"--stop-after {stop_after}: not a stage ({', '.join(STAGES)})")
        self.out.mkdir(parents=True, exist_ok=True)
        self._write_meta()
        for name in STAGES:
            self._stage(name, getattr(self, f"_{name}"))
            if name == stop_after:
                break
        self._rejected()
        return self.report

    def _stage(self, name: str, make: Callable[[], int]) -> None:
        marker = self.out / "_work" / f"{name}.done"
        if marker.exists():
            self.report.stages.append(StageReport(name, int(marker.read_text() or 0), 0.0, True))
            self.say(f"{name}: done before, skipped")
            return
        self.say(f"{name}: running")
        started = time.perf_counter()
        rows = make()
        seconds = time.perf_counter() - started
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(str(rows))
        self.report.stages.append(StageReport(name, rows, seconds))
        self.say(f"{name}: {rows:,} rows in {seconds:.1f} s")

    def _write_meta(self) -> None:
        meta = {"schema_version": SCHEMA_VERSION, "inputs": self.inputs}
        (self.out / "_unspun_batch.json").write_text(json.dumps(meta, indent=2))

    def _path(self, table: str) -> str:
        return str(self.out / table)

    def _work(self, table: str) -> str:
        return str(self.out / "_work" / table)

    def _save(self, df: Any, path: str, order: Sequence[str]) -> int:
        """Write a table sorted by its key (identical files for identical contents)."""
        df.orderBy(*order).write.mode("overwrite").parquet(path)
        return int(self.spark.read.parquet(path).count())

    # -- the stages ---------------------------------------------------------------------------

    def _read(self) -> int:
        from pyspark.sql import types as T

        local = [name for name in self.inputs if not rec.is_uri(name)]
        files = rec.input_parts(expand_paths(local), self.cfg.lines_per_part) if local else []
        uris = [name for name in self.inputs if rec.is_uri(name)]
        blobs, numbers, empty = self._remote(uris, files)
        if not files and not numbers:
            raise BatchError(f"no input files in {', '.join(self.inputs)}")
        cfg = self.cfg
        slices = max(1, min(len(files), self.spark.sparkContext.defaultParallelism * 4))
        schema = T.StructType([
            T.StructField("file", T.LongType()), T.StructField("rec", T.LongType()),
            T.StructField("article", T.StringType()), T.StructField("rejected", T.StringType()),
        ])  # fmt: skip
        rdd = self.spark.sparkContext.parallelize(files, slices).mapPartitions(
            lambda part: (
                (r["file"], r["rec"], r["article"], r["rejected"])
                for r in rec.read_files(part, cfg)
            )
        )
        if numbers:  # files behind URIs, fetched by Spark, read by the same readers
            fetched = blobs.rdd.mapPartitions(
                lambda part: (
                    (r["file"], r["rec"], r["article"], r["rejected"])
                    for r in rec.read_blobs(
                        ((x.path, bytes(x.content)) for x in part if x.path in numbers),
                        numbers,
                        cfg,
                    )
                )
            )
            bare = [rec.failed("article", "read", p, "empty file", "empty", file=numbers[p], rec=0)
                    for p in empty]  # fmt: skip
            fetched = fetched.union(self.spark.sparkContext.parallelize(
                [(r["file"], r["rec"], r["article"], r["rejected"]) for r in bare], 1
            ))  # fmt: skip
            rdd = rdd.union(fetched) if files else fetched
        return self._save(
            self.spark.createDataFrame(rdd, schema), self._work("read"), ["file", "rec"]
        )

    def _remote(
        self, uris: list[str], files: list[tuple[Any, ...]]
    ) -> tuple[Any, dict[str, int], list[str]]:
        """The files behind ``uris`` (any file system Spark reads), numbered after the local
        inputs in the order of their names: a DataFrame of (path, content) and the numbers.
        Listed through Hadoop's FileSystem, which, unlike Spark's file source, also lists
        empty files (each then rejected with its reason)."""
        if not uris:
            return None, {}, []
        listed = sorted(f for uri in uris for f in self._listed(uri) if rec.spark_file(f[0]))
        first = 1 + max((int(f[0]) for f in files), default=-1)
        numbers = {path: first + k for k, (path, _) in enumerate(listed)}
        empty = [path for path, size in listed if size == 0]  # Spark's file source skips them
        blobs = (
            self.spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .load(uris)
            .select("path", "content")
        )
        return blobs, numbers, empty

    def _listed(self, uri: str) -> list[tuple[str, int]]:
        jvm = self.spark.sparkContext._jvm
        conf = self.spark.sparkContext._jsc.hadoopConfiguration()
        path = jvm.org.apache.hadoop.fs.Path(uri)
        fs = path.getFileSystem(conf)
        if not fs.exists(path):
            raise BatchError(f"{uri}: no such file or directory")
        found, listing = [], fs.listFiles(path, True)
        while listing.hasNext():
            status = listing.next()
            found.append((str(status.getPath().toString()), int(status.getLen())))
        return found

    def _articles(self) -> int:
        from pyspark.sql import types as T

        cfg = self.cfg
        read = self.spark.read.parquet(self._work("read"))
        ordered = (
            read.where("article IS NOT NULL").repartition(1).sortWithinPartitions("file", "rec")
        )
        out = ordered.rdd.mapPartitions(
            lambda part: (
                (r["article"], r["rejected"])
                for r in rec.replay_clean((x.asDict() for x in part), cfg)
            )
        )
        schema = T.StructType([
            T.StructField("article", T.StringType()), T.StructField("rejected", T.StringType()),
        ])  # fmt: skip
        raw = self.spark.createDataFrame(out, schema)
        raw.write.mode("overwrite").parquet(self._work("clean"))
        clean = self.spark.read.parquet(self._work("clean"))
        articles = clean.where("article IS NOT NULL").select("article")
        rows = articles.rdd.map(lambda r: json.loads(r["article"]))
        df = self.spark.createDataFrame(rows, _articles_schema())
        return self._save(df, self._path("articles"), ["seq"])

    def _candidates(self) -> int:
        from pyspark.sql import Window
        from pyspark.sql import functions as F

        cfg = self.cfg
        articles = self._articles_df()
        post = self.spark.createDataFrame(
            articles.select("seq", "record").rdd.mapPartitions(
                lambda part: (
                    (p["h"], p["seq"], p["size"])
                    for p in rec.postings((r.asDict() for r in part), cfg)
                )
            ),
            "h long, seq long, size long",
        )
        df = post.groupBy("h").agg(F.count("*").alias("df"))
        kept = post.join(df.where(F.col("df") <= cfg.family.shingle_max_df), "h").select(
            "h", "seq", "size"
        )
        a, b = kept.alias("a"), kept.alias("b")
        shared = (
            a.join(b, (F.col("a.h") == F.col("b.h")) & (F.col("b.seq") < F.col("a.seq")))
            .groupBy(F.col("a.seq").alias("a_seq"), F.col("b.seq").alias("b_seq"))
            .agg(F.count("*").alias("n"), F.first("b.size").alias("b_size"))
            .where(F.col("n") >= cfg.retrieve.shingle_min_shared)
        )
        best = Window.partitionBy("a_seq").orderBy(F.col("n").desc(), F.col("b_seq"))
        shared = shared.withColumn("r", F.row_number().over(best)).where(
            F.col("r") <= cfg.family.shingle_hits
        )
        sizes = post.groupBy("seq").agg(F.first("size").alias("query_size"))
        ids = articles.select(F.col("seq").alias("b_seq"), F.col("id").alias("b_id"))
        hits = shared.join(ids, "b_seq").join(sizes.withColumnRenamed("seq", "a_seq"), "a_seq")
        grouped = hits.groupBy("a_seq").agg(
            F.collect_list(F.struct("b_id", "b_seq", "b_size", "n", "query_size")).alias("hits")
        )
        ranked = grouped.rdd.mapPartitions(
            lambda part: (
                (r["a_seq"], r["b_seq"], r["rank"])
                for r in rec.rank_partners(
                    ((g["a_seq"], [h.asDict() for h in g["hits"]]) for g in part), cfg
                )
            )
        )
        out = self.spark.createDataFrame(ranked, "a_seq long, b_seq long, rank long")
        return self._save(out, self._work("candidates"), ["a_seq", "rank"])

    def _pairs(self) -> int:
        from pyspark.sql import functions as F

        cfg = self.cfg
        articles = self._articles_df().select("seq", "record")
        cands = self.spark.read.parquet(self._work("candidates"))
        a = articles.select(F.struct("seq", "record").alias("a"), F.col("seq").alias("a_seq"))
        b = articles.select(F.struct("seq", "record").alias("b"), F.col("seq").alias("b_seq"))
        joined = cands.join(a, "a_seq").join(b, "b_seq").select("a", "b")
        out = joined.rdd.mapPartitions(
            lambda part: (
                (r["pair"], r["rejected"])
                for r in rec.judge_pairs((x.asDict(recursive=True) for x in part), cfg)
            )
        )
        raw = self.spark.createDataFrame(out, "pair string, rejected string")
        raw.write.mode("overwrite").parquet(self._work("pairs"))
        judged = self.spark.read.parquet(self._work("pairs"))
        pairs = (
            judged.where("pair IS NOT NULL")
            .select(F.from_json("pair", _pairs_schema()).alias("p"))
            .select("p.*")
        )
        return self._save(pairs, self._path("pairs"), ["a_seq", "b_seq"])

    def _families(self) -> int:
        from pyspark.sql import functions as F

        articles = self._articles_df()
        pairs = self.spark.read.parquet(self._path("pairs"))
        links = pairs.where("kind = 'link'")
        compilations = self._compilations(links)
        joining = links.join(compilations.withColumnRenamed("id", "a"), "a", "left_anti").join(
            compilations.withColumnRenamed("id", "b"), "b", "left_anti"
        )
        labels = min_label(self.spark, articles.select("seq"), joining.select("a_seq", "b_seq"))
        members = articles.select("seq", "id", "record").join(labels, "seq")
        fam_links = links.join(
            members.select(F.col("id").alias("a"), F.col("family").alias("fa")), "a"
        ).join(members.select(F.col("id").alias("b"), F.col("family").alias("fb")), "b")
        same = fam_links.where("fa = fb").select(
            F.col("fa").alias("family"), F.struct(*[F.col(c) for c in pairs.columns]).alias("link")
        )
        held = self._held(links, compilations, members)
        member_sets = members.groupBy("family").agg(
            F.collect_list(F.struct("seq", "record")).alias("members")
        )
        link_sets = same.groupBy("family").agg(F.collect_list("link").alias("links"))
        comp_sets = held.groupBy("family").agg(
            F.collect_list(F.struct("record", "others")).alias("compilers")
        )
        whole = member_sets.join(link_sets, "family", "left").join(comp_sets, "family", "left")

        def build(part: Iterator[Any]) -> Iterator[tuple[Any, ...]]:
            for g in part:
                ms = [m.asDict() for m in g["members"]]
                ls = [k.asDict() for k in (g["links"] or [])]
                cs = [(c.asDict(), c["others"]) for c in (g["compilers"] or [])]
                for row in rec.family_rows(g["family"], ms, ls, cs):
                    yield tuple(row[c] for c in _FAMILY_COLUMNS)

        out = self.spark.createDataFrame(whole.rdd.mapPartitions(build), _families_schema())
        return self._save(out, self._path("families"), ["family", "position"])

    def _compilations(self, links: Any) -> Any:
        """The ids of articles that compile passages of several stories (the library's rule,
        :func:`unspun.provenance.families.compiles`, on each article's links)."""
        from pyspark.sql import functions as F

        cfg = self.cfg.family
        edges = links.select(
            F.col("a").alias("x"), F.col("b").alias("partner"),
            F.col("a_lo").alias("lo"), F.col("a_hi").alias("hi"),
        ).unionByName(links.select(
            F.col("b").alias("x"), F.col("a").alias("partner"),
            F.col("b_lo").alias("lo"), F.col("b_hi").alias("hi"),
        ))  # fmt: skip
        grouped = (
            edges.groupBy("x")
            .agg(F.collect_list(F.struct("partner", "lo", "hi")).alias("edges"))
            .where(F.size("edges") >= 2)
        )
        # the links among each article's partners, which the rule asks about
        e1, e2 = edges.alias("e1"), edges.alias("e2")
        among = (
            e1.join(
                e2, (F.col("e1.x") == F.col("e2.x")) & (F.col("e1.partner") < F.col("e2.partner"))
            )
            .select(
                F.col("e1.x").alias("x"),
                F.col("e1.partner").alias("p"),
                F.col("e2.partner").alias("q"),
            )
            .join(
                links.select(F.col("a").alias("p"), F.col("b").alias("q")).unionByName(
                    links.select(F.col("b").alias("p"), F.col("a").alias("q"))
                ),
                ["p", "q"],
            )
            .groupBy("x")
            .agg(F.collect_list(F.struct("p", "q")).alias("linked"))
        )
        both = grouped.join(among, "x", "left")

        def decide(part: Iterator[Any]) -> Iterator[tuple[str]]:
            for g in part:
                linked = {(k["p"], k["q"]) for k in (g["linked"] or [])}
                if rec.compiled([e.asDict() for e in g["edges"]], linked, cfg):
                    yield (g["x"],)

        return self.spark.createDataFrame(both.rdd.mapPartitions(decide), "id string")

    def _held(self, links: Any, compilations: Any, members: Any) -> Any:
        """(family, record, others): each compilation shown in each family it carries."""
        from pyspark.sql import functions as F

        partners = links.select(F.col("a").alias("id"), F.col("b").alias("partner")).unionByName(
            links.select(F.col("b").alias("id"), F.col("a").alias("partner"))
        )
        fam = members.select("id", "family", "record")
        held = (
            partners.join(compilations, "id")
            .join(fam.select(F.col("id").alias("partner"), F.col("family")), "partner")
            .join(fam.select("id", F.col("family").alias("own"), "record"), "id")
            .where("family != own")
            .select("id", "family", "record")
            .distinct()
        )
        counts = held.groupBy("id").agg(F.count("*").alias("n"))
        return held.join(counts, "id").select("family", "record", (F.col("n") - 1).alias("others"))

    def _checks(self) -> int:
        from pyspark.sql import functions as F

        cfg = self.cfg
        articles = self._articles_df().select("seq", "id", "record")
        pairs = self.spark.read.parquet(self._path("pairs"))
        ends = pairs.select(F.col("a").alias("id"), F.col("b").alias("partner"), "kind",
                            F.greatest("share_a", "share_b").alias("share")).unionByName(
            pairs.select(F.col("b").alias("id"), F.col("a").alias("partner"), "kind",
                         F.greatest("share_a", "share_b").alias("share"))
        )  # fmt: skip
        records = articles.select(F.col("id").alias("partner"), F.col("record").alias("p_record"))
        grouped = (
            ends.join(records, "partner")
            .groupBy("id")
            .agg(F.collect_list(F.struct("kind", "share", "partner", "p_record")).alias("ps"))
            .join(articles, "id")
        )

        def check(part: Iterator[Any]) -> Iterator[tuple[Any, ...]]:
            def rows() -> Iterator[rec.Row]:
                for g in part:
                    ps = sorted(
                        g["ps"], key=lambda p: (p["kind"] != "link", -p["share"], p["partner"])
                    )
                    yield {"article": {"seq": g["seq"], "record": g["record"]},
                           "partners": [{"record": p["p_record"]} for p in ps]}  # fmt: skip

            for r in rec.check_articles(rows(), cfg):
                yield (r["check"], r["rejected"])

        raw = self.spark.createDataFrame(
            grouped.rdd.mapPartitions(check), "check string, rejected string"
        )
        raw.write.mode("overwrite").parquet(self._work("checks"))
        done = self.spark.read.parquet(self._work("checks")).where("check IS NOT NULL")
        checks = done.select(F.from_json("check", _checks_schema()).alias("c")).select("c.*")
        verdicts = checks.select("id", "seq", "kind", "verdict", "explained", "model")
        n = self._save(verdicts, self._path("verdicts"), ["seq"])
        sources = checks.select("id", "seq", F.posexplode("sources").alias("k", "s"))
        aligned = sources.select(
            "id", "seq", F.col("s.source").alias("source"), F.col("s.role").alias("role"),
            F.posexplode("s.alignment").alias("pair", "p"),
        ).select(
            "id", "seq", "source", "role", "pair", F.col("p.copy").alias("copy_spans"),
            F.col("p.source").alias("source_spans"), "p.label", "p.score",
        )  # fmt: skip
        self._save(aligned, self._path("alignments"), ["seq", "source", "pair"])
        changes = sources.where("s.role = 'source'").select(
            "id", "seq", F.col("s.source").alias("source"),
            F.posexplode("s.changes").alias("k", "c"),
        ).select("id", "seq", "source", "k", "c.*")  # fmt: skip
        self._save(changes, self._path("changes"), ["seq", "source", "k"])
        roles = sources.select(
            "id", "seq", F.col("s.source").alias("source"), F.col("s.rank").alias("rank"),
            F.col("s.role").alias("role"), F.col("s.share").alias("share"),
            F.col("s.new_share").alias("new_share"), F.col("s.verbatim").alias("verbatim"),
            F.col("s.paraphrase").alias("paraphrase"), F.col("s.direction").alias("direction"),
        )  # fmt: skip
        self._save(roles, self._path("sources"), ["seq", "rank"])
        return n

    def _rejected(self) -> None:
        from pyspark.sql import functions as F

        found = []
        for name in ("read", "clean", "pairs", "checks"):
            path = Path(self._work(name))
            if path.exists():
                df = self.spark.read.parquet(str(path)).where("rejected IS NOT NULL")
                found.append(df.select(F.from_json("rejected", _REJECTED).alias("r")).select("r.*"))
        if not found:
            return
        rejected = found[0]
        for df in found[1:]:
            rejected = rejected.unionByName(df)
        n = self._save(rejected, self._path("rejected"), ["stage", "origin", "reason"])
        self.report.counts["rejected"] = n
        self.say(f"rejected: {n:,} inputs or records, each with its reason")

    def _articles_df(self) -> Any:
        return self.spark.read.parquet(self._path("articles"))


# -- connected components -------------------------------------------------------------------


def min_label(spark: Any, vertices: Any, edges: Any, most: int = 100) -> Any:
    """(seq, family): each vertex labelled with the smallest seq of its connected component,
    by iterative min-label propagation over DataFrames (GraphFrames has no Spark 4 build).

    Each round every vertex takes the smallest label among itself and its neighbours; it
    stops when no label changes (rounds: the longest shortest path of a component). Each
    round is checkpointed, so the plan does not grow with the rounds.
    """
    from pyspark.sql import functions as F

    both = (
        edges.select(F.col("a_seq").alias("src"), F.col("b_seq").alias("dst"))
        .unionByName(edges.select(F.col("b_seq").alias("src"), F.col("a_seq").alias("dst")))
        .distinct()
        .localCheckpoint()
    )
    labels = vertices.select("seq", F.col("seq").alias("label")).localCheckpoint()
    for _ in range(most):
        offers = (
            both.join(labels.withColumnRenamed("seq", "src"), "src")
            .groupBy(F.col("dst").alias("seq"))
            .agg(F.min("label").alias("offer"))
        )
        new = (
            labels.join(offers, "seq", "left")
            .select("seq", F.least("label", F.coalesce("offer", "label")).alias("label"))
            .localCheckpoint()
        )
        changed = (
            new.join(labels.withColumnRenamed("label", "old"), "seq").where("label != old").count()
        )
        labels = new
        if changed == 0:
            break
    else:
        raise BatchError(f"story families: components did not settle in {most} rounds")
    return labels.withColumnRenamed("label", "family")


# -- schemas --------------------------------------------------------------------------------


def _articles_schema() -> Any:
    from pyspark.sql import types as T

    s, i = T.StringType(), T.LongType()
    return T.StructType([
        T.StructField("seq", i), T.StructField("id", s), T.StructField("site", s),
        T.StructField("url", s), T.StructField("title", s), T.StructField("published", s),
        T.StructField("fetched", s), T.StructField("words", i),
        T.StructField("wire", T.ArrayType(s)), T.StructField("text", s),
        T.StructField("boilerplate", T.ArrayType(s)), T.StructField("credits", s),
        T.StructField("origin", s), T.StructField("record", s),
    ])  # fmt: skip


def _pairs_schema() -> str:
    return (
        "a string, b string, a_seq long, b_seq long, kind string, share_a double, "
        "share_b double, verbatim double, relation string, confidence double, source string, "
        "cut_short string, earlier string, verdict string, reasons array<string>, a_lo long, "
        "a_hi long, b_lo long, b_hi long"
    )


_SPAN = "struct<field:string,start:long,end:long,index:long>"


def _checks_schema() -> str:
    change = (
        f"struct<kind:string,severity:string,copy_span:{_SPAN},source_span:{_SPAN},"
        "copy_text:string,source_text:string,evidence:array<string>,explanation:string>"
    )
    pair = f"struct<copy:array<{_SPAN}>,source:array<{_SPAN}>,label:string,score:double>"
    source = (
        "struct<source:string,rank:long,role:string,share:double,new_share:double,"
        f"verbatim:double,paraphrase:double,direction:string,alignment:array<{pair}>,"
        f"changes:array<{change}>>"
    )
    return (
        "id string, seq long, kind string, verdict string, explained double, model string, "
        f"sources array<{source}>"
    )


_REJECTED = "origin string, reason string, kind string, stage string"
_FAMILY_COLUMNS = (
    "family", "family_title", "original", "original_label", "wire", "article_id", "position",
    "title", "site", "when", "clock", "words", "layer", "relation", "parent", "reuse_share",
    "compiles",
)  # fmt: skip


def _families_schema() -> str:
    return (
        "family long, family_title string, original string, original_label string, "
        "wire array<string>, article_id string, position long, title string, site string, "
        "`when` string, clock string, words long, layer string, relation string, "
        "parent string, reuse_share double, compiles boolean"
    )
