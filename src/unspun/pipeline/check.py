"""``check``: where did this article come from?

The source index proposes candidates (shingle containment, BM25, rare terms, passages, full
names and sentence vectors, fused by reciprocal rank:
:meth:`unspun.retrieve.index.SourceIndex.candidates`). The best ``cfg.align_top`` (more in a
long page, and more while they keep adding sources) are aligned with the article by the
compare engine, and the sources are chosen by a greedy cover of the article's sentences:
first the candidate that explains most of it, then, again and again, the one that explains
most of what the sources chosen so far leave unexplained, while that gain is worth
reporting. Two sources that each explain a different part (an AP story and a Reuters story
merged into one page) are both listed; a second copy of the same wire story, explaining
nothing the first does not, is listed after them as a ``duplicate``.

The verdict in words follows from the cover: an *original* (nothing found), a *verbatim copy*
or *spun copy* of one source (it explains ``cfg.whole_copy`` of the article or more), *partly
derived* from one or several sources, or a report of the *same event* written independently
(a candidate aligns with some sentences, but nothing amounts to reuse).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

import numpy as np

from unspun.align import AlignConfig, CachedEmbedder, Embedder, load_embedder
from unspun.align.matcher import Unit, align_units, article_units
from unspun.changes import ChangeConfig, detect_changes
from unspun.errors import ModelUnavailable, NotFound
from unspun.model import Alignment, Article, Change, Label, Span
from unspun.provenance import Direction, Relation, infer_direction
from unspun.retrieve.candidates import Candidate
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.retrieve.shingles import overlap, shingle_hashes
from unspun.store import SqliteStore

log = logging.getLogger(__name__)

# What a source is to the checked article.
SOURCE = "source"  # part of the cover: it explains sentences no higher-ranked source explains
DUPLICATE = "duplicate"  # reused, but explains nothing the sources above it do not
RELATED = "related"  # aligned, no reuse (the same subject, or nothing at all)

# The verdict, as a short key beside the words.
ORIGINAL = "original"
VERBATIM_COPY = "verbatim copy"
SPUN_COPY = "spun copy"
PARTLY_DERIVED = "partly derived"
SAME_EVENT = "same event"

_VERBATIM_LABELS = (Label.VERBATIM, Label.NEAR_VERBATIM)
_GRADE = {Label.VERBATIM: 2, Label.NEAR_VERBATIM: 1}  # other strong pairs: 0


@dataclass(frozen=True, slots=True)
class CheckConfig:
    """How many candidates are fetched and aligned, and what counts as a source."""

    candidates: int = 20  # candidates asked of the source index
    screen_top: int = 20  # of those, this many (best fused first) are aligned lexically ...
    # ... more in a long page, which may draw on many sources (a roundup, a compiled
    # report): one more per chars_per_candidate characters of text beyond long_page_chars,
    # up to max_candidates. A news article of usual length asks for the 20.
    long_page_chars: int = 10_000
    chars_per_candidate: int = 500
    max_candidates: int = 60
    align_top: int = 6  # ... and the best of these again, with the sentence model; in a
    # long page, one more per chars_per_aligned characters beyond long_page_chars, up to
    # max_aligned (a page compiled from a dozen reworded sources has a dozen to align)
    chars_per_aligned: int = 1_000
    max_aligned: int = 24
    # After those, aligning goes on down the screened order while candidates keep adding
    # reported sources, and stops at patience in a row that add none (or max_aligned): a page
    # that draws on many reworded sources, short or long, gets them aligned; a news story
    # with one source and its copies stops where it would have.
    patience: int = 3
    # A source joins the cover when it explains this share of the article, and this many
    # characters, that the sources before it leave unexplained.
    min_gain: float = 0.05
    min_gain_chars: int = 100
    # ... or, in a long page, a passage of this many characters whatever its share (a
    # paragraph copied into a 10,000-character page is reuse worth reporting), or of
    # min_gain_sentences sentences or more and min_gain_run characters (two reworded
    # sentences of a source; one sentence that short is a quote two reports can share).
    min_gain_passage: int = 300
    min_gain_run: int = 150
    min_gain_sentences: int = 2
    # A source whose only matches are paraphrases must explain this many characters (a lone
    # paraphrase-level match between two articles on one subject is not reuse).
    min_paraphrase_chars: int = 200
    whole_copy: float = 0.8  # one source explaining this share makes a (verbatim/spun) copy
    verdict_names: int = 4  # the verdict names this many sources of the cover, counts the rest
    # A copy sentence that template_support candidates or more match strongly, no two of them
    # sharing template_related of their word 5-grams (unrelated articles, not copies of one
    # story), is template text (an infobox, a notice, a stock background paragraph): evidence
    # of none of them, so it explains nothing in the cover.
    template_support: int = 3
    template_related: float = 0.3
    # With no reuse, a candidate reports the same event when the two headlines-and-ledes are
    # this close (sentence-model cosine), or, without a model, share this share of names.
    same_event_cosine: float = 0.6
    same_event_names: float = 0.25
    changes: bool = True  # run the change detector for every source in the cover
    lazy_vectors: int = 2000  # embed at most this many pending library articles during a check
    retrieve: RetrieveConfig = field(default_factory=RetrieveConfig)
    align: AlignConfig = field(default_factory=AlignConfig)
    change: ChangeConfig = field(default_factory=ChangeConfig)


@dataclass(frozen=True, slots=True)
class CheckResources:
    """The loaded models a check uses; load once (:func:`load_resources`) and pass in."""

    embedder: Embedder | None = None
    nlp: object | None = None  # a spaCy pipeline for entity types in changes, optional
    notes: tuple[str, ...] = ()  # why a model is missing, for the face to show

    @property
    def model(self) -> str | None:
        """The sentence model's name, or None: lexical evidence only."""
        return getattr(self.embedder, "name", None) if self.embedder is not None else None


@dataclass(frozen=True, slots=True)
class SourceMatch:
    """A library article aligned with the checked article."""

    rank: int  # 1 = the source that explains most of the article
    role: str  # SOURCE, DUPLICATE or RELATED
    source: Article
    alignment: Alignment
    share: float  # share of the article (characters) this source explains
    new_share: float  # share it explains that no higher-ranked source explains
    changes: tuple[Change, ...]  # what the article changed (sources in the cover only)
    candidate: Candidate  # how retrieval found it
    provenance: Direction | None = None  # who derives from whom (sources that are reused)

    @property
    def reuse(self) -> bool:
        return self.role != RELATED

    @property
    def verbatim_share(self) -> float:
        return self.alignment.summary.verbatim_share

    @property
    def paraphrase_share(self) -> float:
        return self.alignment.summary.paraphrase_share


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The answer of a check: the sources found, best first, and the verdict."""

    article: Article
    sources: tuple[SourceMatch, ...]  # aligned candidates: cover, then duplicates, related
    candidates: tuple[Candidate, ...]  # every candidate retrieval proposed, fused order
    kind: str  # ORIGINAL, VERBATIM_COPY, SPUN_COPY, PARTLY_DERIVED or SAME_EVENT
    verdict: str  # the answer in words
    explained_share: float  # share of the article the cover explains together
    model: str | None  # the sentence model used, None: lexical only
    screened: tuple[str, ...] = ()  # ids of the candidates aligned lexically only, best first

    @property
    def cover(self) -> tuple[SourceMatch, ...]:
        return tuple(m for m in self.sources if m.role == SOURCE)

    def ranking(self) -> list[str]:
        """Article ids, best source first: the aligned ones, those screened on lexical
        evidence only, then the other candidates in retrieval's order."""
        ids = [m.source.id for m in self.sources] + list(self.screened)
        seen = set(ids)
        return ids + [c.article_id for c in self.candidates if c.article_id not in seen]


# -- resources and the index -------------------------------------------------------------


def load_resources(cfg: CheckConfig, use_model: bool = True) -> CheckResources:
    """The sentence model (unless ``use_model`` is off or it is not installed)."""
    if not use_model or cfg.align.model == "none":
        return CheckResources()
    try:
        return CheckResources(embedder=load_embedder(cfg.align))
    except ModelUnavailable as exc:
        log.warning("%s; checking on lexical evidence only", exc)
        return CheckResources(notes=(f"{exc}; checking on lexical evidence only",))


# -- the check ---------------------------------------------------------------------------


def check_article(
    article: Article,
    store: SqliteStore,
    index: SourceIndex,
    resources: CheckResources,
    cfg: CheckConfig,
) -> CheckResult:
    """The library articles ``article`` draws on, best first, and the verdict in words.

    Two stages: the best ``cfg.screen_top`` candidates are aligned on lexical evidence only
    (cheap: a source that shares nothing costs a few milliseconds), then the ``cfg.align_top``
    with the most text in strong pairs on that evidence (then the largest share, then
    retrieval's order) are aligned again with the sentence model, then the next ones while
    they keep adding reuse (``cfg.patience``), and all are ranked by the greedy cover. A
    candidate whose lexical alignment already makes it a second copy of what the
    candidates before it explain keeps that alignment (:func:`_may_add`): the model would cost
    a few tens of milliseconds and change nothing but its shares. ``index`` must be up to date
    with ``store`` (see :func:`sync_index`). The article itself, when it is
    in the library, is never its own source.
    """
    wanted, screen, _ = _how_many(article, cfg)
    candidates = tuple(index.candidates(article, wanted))
    sources: list[tuple[Article, Candidate]] = []
    for candidate in candidates[:screen]:
        try:
            sources.append((store.get(candidate.article_id), candidate))
        except NotFound:  # removed since it was indexed
            log.warning("%s: indexed but not in the library", candidate.article_id)
    return judge(article, sources, resources, cfg, candidates)


def judge(
    article: Article,
    sources: Sequence[tuple[Article, Candidate]],
    resources: CheckResources,
    cfg: CheckConfig,
    candidates: tuple[Candidate, ...] | None = None,
) -> CheckResult:
    """The check of ``article`` against its candidate sources, best first (the screening,
    alignment, cover, changes, direction and verdict of :func:`check_article`): a pure
    function of the articles and the settings, which the library's ``check`` and the Spark
    batch both call. ``candidates``: every candidate retrieval proposed, for the report
    (default: those of ``sources``)."""
    embedder = CachedEmbedder(resources.embedder) if resources.embedder is not None else None
    lexical = replace(cfg.align, model="none")
    _, screen, align_top = _how_many(article, cfg)
    copy_units = article_units(article, cfg.align.max_unit_chars)
    screened: list[tuple[Article, Alignment, Candidate, list[Unit]]] = []
    for source, candidate in sources[:screen]:
        if source.id == article.id:
            continue
        units = article_units(source, cfg.align.max_unit_chars)
        alignment = align_units(article.id, copy_units, source.id, units, lexical)
        screened.append((source, alignment, candidate, units))
    order = sorted(
        range(len(screened)),
        key=lambda k: (-_strong_chars(screened[k][1], cfg), -_share(screened[k][1]), k),
    )
    aligned: list[tuple[Article, Alignment, Candidate]] = []
    covered: set[Span] = set()  # what the candidates aligned so far explain
    fruitless = 0  # candidates aligned in a row that added no reuse
    most = max(align_top, cfg.max_aligned)
    total = 0  # the article's length in aligned units, known from the first alignment
    for k in order:
        if len(aligned) >= align_top and (len(aligned) >= most or fruitless >= cfg.patience):
            break
        source, alignment, candidate, units = screened[k]
        if embedder is not None and (not aligned or _may_add(alignment, covered, cfg)):
            alignment = align_units(article.id, copy_units, source.id, units, cfg.align, embedder)
        total = total or _article_chars(alignment)
        found = _explained(alignment) - covered
        adds = _counts_as_reuse(alignment, cfg) and _worth_reporting(found, total, cfg)
        fruitless = 0 if adds else fruitless + 1
        covered |= found
        aligned.append((source, alignment, candidate))
    matches = rank_sources(article, aligned, resources, cfg)
    same = next((m for m in matches[:3] if same_event(article, m, embedder, cfg)), None)
    kind, words, explained = verdict_of(matches, cfg, same)
    ranked = tuple(screened[k][0].id for k in order[len(aligned) :])
    if candidates is None:
        candidates = tuple(c for _, c in sources)
    return CheckResult(
        article, matches, candidates, kind, words, explained, resources.model, ranked
    )


def _how_many(article: Article, cfg: CheckConfig) -> tuple[int, int, int]:
    """How many candidates to ask for, to screen, and to align with the sentence model: more
    for a page long enough to draw on more sources than a usual article's 20."""
    beyond = max(0, len(article.text) - cfg.long_page_chars)

    def grown(base: int, per_chars: int, most: int) -> int:
        return min(max(base, most), base + beyond // per_chars)

    screen = grown(cfg.screen_top, cfg.chars_per_candidate, cfg.max_candidates)
    align_top = grown(cfg.align_top, cfg.chars_per_aligned, cfg.max_aligned)
    return max(cfg.candidates, screen), screen, align_top


def rank_sources(
    article: Article,
    aligned: list[tuple[Article, Alignment, Candidate]],
    resources: CheckResources,
    cfg: CheckConfig,
) -> tuple[SourceMatch, ...]:
    """The greedy cover first, then the duplicates and the related candidates."""
    if not aligned:
        return ()
    total = _article_chars(aligned[0][1])
    template = _template_spans(aligned, cfg)
    explained = {k: _explained(a) - template for k, (_, a, _) in enumerate(aligned)}
    strong = {k: _explained(a, cfg) - template for k, (_, a, _) in enumerate(aligned)}
    # where template text was matched, a source must match something else strongly too
    reusing = [
        k
        for k, (_, a, _) in enumerate(aligned)
        if _counts_as_reuse(a, cfg) and (strong[k] or not template)
    ]
    covered: set[Span] = set()
    cover: list[tuple[int, float]] = []
    left = set(reusing)
    while left:
        new = {k: explained[k] - covered for k in left}
        gains = {k: sum(len(s) for s in new[k]) for k in left}
        # the next source: most new text in strong pairs (a topical neighbour collects weak
        # paraphrase-level pairs), then most new text, then the larger share
        best = max(
            left,
            key=lambda k: (
                sum(len(s) for s in strong[k] - covered),
                gains[k],
                _share(aligned[k][1]),
                aligned[k][2].score,
            ),
        )
        if not _worth_reporting(new[best], total, cfg):
            break
        cover.append((best, gains[best] / total))
        covered |= explained[best]
        left.discard(best)
    chosen = {k for k, _ in cover}

    def weight(k: int) -> tuple[float, ...]:
        return (-_strong_chars(aligned[k][1], cfg), -_share(aligned[k][1]), -aligned[k][2].score)

    # A duplicate explains, on its own, enough to be reported; what it explains is already
    # explained by the cover. A reused match too small to be reported on its own is related.
    def reportable(k: int) -> bool:
        return _worth_reporting(explained[k], total, cfg)

    duplicates = sorted((k for k in reusing if k not in chosen and reportable(k)), key=weight)
    related = sorted(
        (k for k in range(len(aligned)) if k not in chosen and k not in duplicates), key=weight
    )
    order = [(k, SOURCE, gain) for k, gain in cover]
    order += [(k, DUPLICATE, 0.0) for k in duplicates]
    order += [(k, RELATED, 0.0) for k in related]
    out = []
    for rank, (k, role, gain) in enumerate(order, start=1):
        source, alignment, candidate = aligned[k]
        changes: tuple[Change, ...] = ()
        if role == SOURCE and cfg.changes:
            changes = detect_changes(article, source, alignment, cfg.change, resources.nlp)
        provenance = infer_direction(article, source, alignment) if role != RELATED else None
        out.append(
            SourceMatch(
                rank,
                role,
                source,
                alignment,
                _share(alignment),
                round(gain, 4),
                changes,
                candidate,
                provenance,
            )
        )
    return tuple(out)


def _template_spans(
    aligned: list[tuple[Article, Alignment, Candidate]], cfg: CheckConfig
) -> set[Span]:
    """The copy sentences that ``cfg.template_support`` unrelated candidates or more match
    equally well, in strong pairs: text many articles carry (see :class:`CheckConfig`). Copies
    of one story are related, so a wire story's sentences, matched by all its republications,
    are not template text; nor is a sentence that one candidate matches word for word and the
    others only nearly (a stock sentence whose figures are those of one source)."""
    best: dict[Span, tuple[int, list[int]]] = {}  # the best grade of pair, and who has it
    for k, (_, alignment, _) in enumerate(aligned):
        for pair in alignment.pairs:
            if pair.label not in _VERBATIM_LABELS and pair.score < cfg.align.strong_score:
                continue
            grade = _GRADE.get(pair.label, 0)
            for span in pair.copy:
                top, who = best.get(span, (-1, []))
                if grade > top:
                    best[span] = (grade, [k])
                elif grade == top and k not in who:
                    who.append(k)
    crowded = {s: tuple(who) for s, (_, who) in best.items() if len(who) >= cfg.template_support}
    if not crowded:
        return set()
    shingles: dict[int, np.ndarray] = {}

    def shingled(k: int) -> np.ndarray:
        if k not in shingles:
            source = aligned[k][0]
            shingles[k] = shingle_hashes(f"{source.title}\n\n{source.text}", 5)
        return shingles[k]

    def related(a: int, b: int) -> bool:
        x, y = shingled(a), shingled(b)
        shared = len(np.intersect1d(x, y, assume_unique=True))
        return overlap(shared, len(x), len(y)) >= cfg.template_related

    @cache
    def unrelated(ks: tuple[int, ...]) -> int:
        kept: list[int] = []
        for k in ks:
            if not any(related(k, j) for j in kept):
                kept.append(k)
        return len(kept)

    return {s for s, ks in crowded.items() if unrelated(ks) >= cfg.template_support}


def _worth_reporting(spans: set[Span], total: int, cfg: CheckConfig) -> bool:
    """Are these explained sentences (of an article of ``total`` characters) a reported
    source? A share of the article, or a passage however small its share."""
    chars = sum(len(s) for s in spans)
    if chars < cfg.min_gain_chars:
        return False
    if chars / total >= cfg.min_gain or chars >= cfg.min_gain_passage:
        return True
    return chars >= cfg.min_gain_run and len(spans) >= cfg.min_gain_sentences


def _may_add(lexical: Alignment, explained: set[Span], cfg: CheckConfig) -> bool:
    """Is the sentence model worth running on this candidate? Not when its words alone
    already show it is reused and it explains less than ``cfg.min_gain_chars`` of text that
    the candidates aligned before it leave unexplained: another copy of the same story, a
    ``duplicate`` whatever the model adds. Its lexical alignment stands."""
    if not _counts_as_reuse(lexical, cfg):
        return True
    return sum(len(s) for s in _explained(lexical) - explained) >= cfg.min_gain_chars


def _strong_chars(alignment: Alignment, cfg: CheckConfig) -> int:
    """Copy characters in verbatim, near-verbatim or strongly scored pairs: the screening
    stage's measure (a topical neighbour collects many weak pairs, a source strong ones)."""
    return sum(
        len(s)
        for p in alignment.pairs
        if p.label in _VERBATIM_LABELS or p.score >= cfg.align.strong_score
        for s in p.copy
    )


def _share(alignment: Alignment) -> float:
    return alignment.summary.copy_share


def _article_chars(alignment: Alignment) -> int:
    """The checked article's length in aligned units (at least 1)."""
    units = [s for p in alignment.pairs for s in p.copy] + list(alignment.new)
    return sum(len(s) for s in units) or 1


def _explained(alignment: Alignment, strong: CheckConfig | None = None) -> set[Span]:
    """The copy spans the alignment explains (with ``strong``: in strong pairs only)."""
    return {
        s
        for p in alignment.pairs
        if strong is None or p.label in _VERBATIM_LABELS or p.score >= strong.align.strong_score
        for s in p.copy
    }


def _counts_as_reuse(alignment: Alignment, cfg: CheckConfig) -> bool:
    """The engine's reuse judgement, with a higher bar for paraphrase-only matches."""
    if not alignment.summary.reuse:
        return False
    if any(p.label in _VERBATIM_LABELS for p in alignment.pairs):
        return True
    return sum(len(s) for s in _explained(alignment)) >= cfg.min_paraphrase_chars


# -- the verdict -------------------------------------------------------------------------


def same_event(
    article: Article, match: SourceMatch, embedder: Embedder | None, cfg: CheckConfig
) -> bool:
    """Does an unrelated-by-text candidate report the same event (headline and lede close)?"""
    if match.role != RELATED:
        return False
    if match.alignment.pairs:
        return True
    if embedder is not None:
        a, b = _head(article), _head(match.source)
        if not a or not b:
            return False
        va, vb = embedder.encode([a, b])
        return float(va @ vb) >= cfg.same_event_cosine
    na, nb = _names(article), _names(match.source)
    return bool(na and nb) and len(na & nb) / len(na | nb) >= cfg.same_event_names


_NAME = re.compile(r"\b[A-Z][a-z]+\b")
_NOT_NAMES = frozenset(
    {
        *("The", "A", "An", "And", "But", "Or", "In", "On", "At", "By", "For", "To", "Of"),
        *("With", "From", "As", "He", "She", "It", "They", "We", "I", "His", "Her", "Its"),
        *("Their", "This", "That", "These", "Those", "There", "Here", "When", "While", "After"),
    }
)


def _names(article: Article, chars: int = 800) -> set[str]:
    """Capitalised words of the headline and the first paragraphs: who, where, when."""
    text = f"{article.title}\n{article.text[:chars]}"
    return {w for w in _NAME.findall(text) if w not in _NOT_NAMES}


def _head(article: Article) -> str:
    """The headline and the first paragraph of the body: what an article is about."""
    first = article.text.strip().split("\n", 1)[0][:400]
    return f"{article.title.strip()}. {first}".strip(". ")


def verdict_of(
    matches: tuple[SourceMatch, ...], cfg: CheckConfig, same: SourceMatch | None = None
) -> tuple[str, str, float]:
    """(kind, the verdict in words, the share of the article the cover explains).

    ``same``: a candidate without reuse that reports the same event, if one was found.
    """
    cover = [m for m in matches if m.role == SOURCE]
    if not cover:
        if same is not None:
            return (
                SAME_EVENT,
                f"reports the same event as {name(same.source)} independently: "
                "no text of it is reused",
                0.0,
            )
        return ORIGINAL, "original: no source of it found in the library", 0.0
    explained = round(sum(m.new_share for m in cover), 4)
    first = cover[0]
    if len(cover) == 1 and first.share >= cfg.whole_copy:
        s = first.alignment.summary
        kind = SPUN_COPY if s.paraphrase_share > s.verbatim_share else VERBATIM_COPY
        words = f"{kind} of {name(first.source)} ({pct(first.share)} of the article)"
        if s.source_share < 0.6:
            words += f", cut short: {pct(s.source_share)} of the source used"
        return kind, words, explained
    if len(cover) == 1 and (wire := _cut_short_wire(first)):
        s = first.alignment.summary
        kind = SPUN_COPY if s.paraphrase_share > s.verbatim_share else VERBATIM_COPY
        words = (
            f"{kind} of the {wire} story {name(first.source)}: {pct(first.share)} matched in "
            f"the library's copy, which is cut short; the rest continues the same {wire} story"
        )
        return kind, words, explained
    named, rest = cover[: cfg.verdict_names], cover[cfg.verdict_names :]
    parts = ", ".join(f"{name(m.source)} ({pct(m.new_share)})" for m in named)
    if rest:
        more = "source" if len(rest) == 1 else "sources"
        parts += f" and {len(rest)} more {more} ({pct(sum(m.new_share for m in rest))})"
    wire = _one_wire_story(cover)
    if wire and explained >= cfg.whole_copy:  # versions of one wire story, together whole
        paraphrase = sum(m.new_share * _reworded(m) for m in cover)
        kind = SPUN_COPY if paraphrase > explained / 2 else VERBATIM_COPY
        words = f"{kind} of the {wire} story: {pct(explained)} matched across "
        return kind, words + f"{len(cover)} versions of it in the library, {parts}", explained
    return PARTLY_DERIVED, f"partly derived from {parts}", explained


def _one_wire_story(cover: list[SourceMatch]) -> str:
    """The agency, when every source of the cover runs the same agency's story as the
    article (versions of one wire story); else ''."""
    agencies = {
        m.provenance.source
        for m in cover
        if m.provenance is not None and m.provenance.relation == Relation.COMMON_SOURCE
    }
    covered = all(m.provenance is not None and m.provenance.source for m in cover)
    return agencies.pop() if covered and len(agencies) == 1 else ""


def _reworded(match: SourceMatch) -> float:
    """The share of what a source explains that is paraphrase, not verbatim."""
    s = match.alignment.summary
    return s.paraphrase_share / s.copy_share if s.copy_share else 0.0


def _cut_short_wire(match: SourceMatch) -> str:
    """The agency, when the article and the source both run its story and the library's copy
    is the one cut short (the article goes on with the same story): else ''."""
    d = match.provenance
    if d is None or d.relation != Relation.COMMON_SOURCE or not d.source:
        return ""
    return d.source if d.cut_short == match.source.id else ""


def name(article: Article) -> str:
    """A source as a reader knows it: “Title” (site); an untitled page by its site; never an
    id in quotation marks where a title is expected."""
    if article.title:
        return f"“{article.title}”" + (f" ({article.site})" if article.site else "")
    if article.site:
        return f"an untitled page of {article.site}"
    return f"the untitled article {article.id[:12]}"


def pct(share: float) -> str:
    return f"{round(100 * share)}%"
