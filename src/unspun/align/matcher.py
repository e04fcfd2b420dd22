"""Align a copy with a candidate source, sentence by sentence.

1. Both articles become *units*: the title, every body sentence, every caption.
2. Candidate pairs are the unit pairs sharing enough rare words (idf-weighted); only their
   sentences are embedded, so long unrelated documents cost little.
3. Each candidate gets a score from the lexical evidence and, with a model, the cosine of the
   two sentence embeddings. A copy sentence the words already settle (its best pair scores
   ``settled_score`` on lexical evidence and is its source sentence's best too: a verbatim or
   lightly edited sentence) is not embedded; the others and their candidate source sentences
   are embedded in one call, so a copied article costs the model almost nothing.
4. Pairs are accepted best first, one-to-one: sure pairs anywhere, weaker ones inside a run of
   pairs, and chains of moderate pairs in order on both sides (a passage reworded throughout,
   where no single pair is sure); then an accepted pair grows to neighbouring sentences on
   either side when they match the same sentence too and the merged pair explains more (a
   copy that merges two source sentences into one, or splits one).
5. Each group is labelled verbatim, near-verbatim or paraphrase; the rest of the copy is new,
   the rest of the source dropped; a summary says how much of each side is reused.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from unspun.align.config import AlignConfig
from unspun.align.decision import REUSE, decide
from unspun.align.embed import Embedder
from unspun.align.features import (
    PairFeatures,
    Tokens,
    idf_weights,
    merge,
    normalize,
    pair_features,
    tokenize,
)
from unspun.align.sentences import split_sentences
from unspun.model import (
    Alignment,
    AlignmentSummary,
    Article,
    Evidence,
    Label,
    SentencePair,
    Span,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence of one article, or its title, or one caption."""

    span: Span
    text: str
    tokens: Tokens
    lede: bool = False  # the first body sentence


def article_units(article: Article, max_chars: int = 600) -> list[Unit]:
    """Title, body sentences and caption sentences; run-on "sentences" (lists, tables, text
    without punctuation) are cut into pieces of about ``max_chars``."""
    units: list[Unit] = []
    if article.title.strip():
        start = len(article.title) - len(article.title.lstrip())
        end = len(article.title.rstrip())
        units.append(_unit(Span("title", start, end), article.title[start:end]))
    spans = [
        p for s, e in split_sentences(article.text) for p in _pieces(article.text, s, e, max_chars)
    ]
    for k, (start, end) in enumerate(spans):
        text = article.text[start:end]
        units.append(_unit(Span("body", start, end), text, lede=k == 0))
    for index, caption in enumerate(article.captions):
        for start, end in split_sentences(caption.text):
            units.append(_unit(Span("caption", start, end, index), caption.text[start:end]))
    return units


def _pieces(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` at line breaks, else spaces, into pieces of at most max_chars."""
    out = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        cut = window.rfind("\n", max_chars // 2)
        if cut < 0:
            cut = window.rfind(" ", max_chars // 2)
        if cut < 0:
            cut = max_chars
        piece_end = start + cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        out.append((start, piece_end))
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def _unit(span: Span, text: str, lede: bool = False) -> Unit:
    return Unit(span, text, tokenize(text), lede)


def align_articles(
    copy: Article, source: Article, cfg: AlignConfig, embedder: Embedder | None = None
) -> Alignment:
    """Align ``copy`` with ``source``; without an embedder, on lexical evidence only."""
    cu = article_units(copy, cfg.max_unit_chars)
    su = article_units(source, cfg.max_unit_chars)
    return align_units(copy.id, cu, source.id, su, cfg, embedder)


def align_units(
    copy_id: str,
    cu: list[Unit],
    source_id: str,
    su: list[Unit],
    cfg: AlignConfig,
    embedder: Embedder | None = None,
) -> Alignment:
    idf = idf_weights([u.tokens for u in cu] + [u.tokens for u in su])
    feats = _candidates(cu, su, idf, cfg)
    lexical = {ij: score_pair(f, None, cfg) for ij, f in feats.items()}
    cosines = _cosines(cu, su, _unsettled(lexical, cfg), embedder)
    scores = {
        ij: score_pair(f, cosines.get(ij), cfg) + _prior(cu[ij[0]], su[ij[1]], cfg)
        for ij, f in feats.items()
    }
    links = _select(scores, cu, su, cfg)
    links = _extend(links, cu, su, idf, scores, cfg)
    pairs = [_pair(group, cu, su, idf, cosines, cfg) for group in _groups(links)]
    pairs.sort(key=lambda p: (p.copy[0].field != "title", p.copy[0].field, p.copy[0].start))
    used_c = {i for i, _ in links}
    used_s = {j for _, j in links}
    new = tuple(u.span for i, u in enumerate(cu) if i not in used_c)
    dropped = tuple(u.span for j, u in enumerate(su) if j not in used_s)
    summary = _summary(pairs, cu, su, cfg)
    return Alignment(copy_id, source_id, tuple(pairs), new, dropped, summary)


# -- candidates and scores ---------------------------------------------------------------


def _candidates(
    cu: list[Unit], su: list[Unit], idf: dict[str, float], cfg: AlignConfig
) -> dict[tuple[int, int], PairFeatures]:
    """Unit pairs sharing rare words, with their lexical features."""
    index: dict[str, list[int]] = defaultdict(list)
    for j, unit in enumerate(su):
        if len(unit.tokens.words) < cfg.min_words:
            continue
        for word in unit.tokens.content:
            index[word].append(j)
    cap = max(20, len(su) // 5)  # words in a fifth of the source say little
    out: dict[tuple[int, int], PairFeatures] = {}
    for i, unit in enumerate(cu):
        if len(unit.tokens.words) < cfg.min_words:
            continue
        shared: dict[int, float] = defaultdict(float)
        for word in unit.tokens.content:
            postings = index.get(word, ())
            if 0 < len(postings) <= cap:
                w = idf.get(word, 0.1)
                for j in postings:
                    shared[j] += w
        for j in shared:
            f = pair_features(unit.tokens, su[j].tokens, idf)
            if f.rare_shared >= cfg.min_shared:
                out[(i, j)] = f
    return out


def _unsettled(lexical: dict[tuple[int, int], float], cfg: AlignConfig) -> list[tuple[int, int]]:
    """The candidate pairs that need an embedding cosine: those of every copy sentence the
    words do not settle. A sentence is settled when its best pair scores ``settled_score`` on
    lexical evidence alone and is also the best of its source sentence (a verbatim or lightly
    edited sentence); the cosine could not change what it pairs with."""
    best_c: dict[int, tuple[float, int]] = {}
    best_s: dict[int, tuple[float, int]] = {}
    for (i, j), score in lexical.items():
        if score > best_c.get(i, (-1.0, 0))[0]:
            best_c[i] = (score, j)
        if score > best_s.get(j, (-1.0, 0))[0]:
            best_s[j] = (score, i)
    settled = {
        i for i, (score, j) in best_c.items() if score >= cfg.settled_score and best_s[j][1] == i
    }
    return [ij for ij in lexical if ij[0] not in settled]


def _cosines(
    cu: list[Unit], su: list[Unit], keys: list[tuple[int, int]], embedder: Embedder | None
) -> dict[tuple[int, int], float]:
    """Embedding cosine of each pair in ``keys``: their sentences are embedded in one call
    (the embedder sorts them by length, so batches carry little padding)."""
    if embedder is None or not keys:
        return {}
    rows = sorted({i for i, _ in keys})
    cols = sorted({j for _, j in keys})
    vecs = embedder.encode([cu[i].text for i in rows] + [su[j].text for j in cols])
    a = dict(zip(rows, vecs[: len(rows)], strict=True))
    b = dict(zip(cols, vecs[len(rows) :], strict=True))
    return {(i, j): float(a[i] @ b[j]) for i, j in keys}


def score_pair(f: PairFeatures, cosine: float | None, cfg: AlignConfig) -> float:
    """How surely the two sentences say the same thing, 0..1 (not a probability)."""
    lexical = max(
        0.7 * f.rare_shared + 0.3 * f.containment,
        min(f.containment, f.containment_back),
        _run_evidence(f, cfg),  # a long run of words copied verbatim
    )
    if cosine is None:
        return lexical
    # MiniLM puts any two sentences on one topic near 0.7: the cosine counts above a floor
    semantic = cfg.cosine_weight * (cosine - cfg.cosine_floor) / (1 - cfg.cosine_floor)
    return max(lexical, semantic + (1 - cfg.cosine_weight) * f.rare_shared)


def _run_evidence(f: PairFeatures, cfg: AlignConfig) -> float:
    """A run of ``cfg.verbatim_run`` words in common settles a pair when it covers
    ``cfg.run_cover`` of the copy sentence, or when the words outside the run share
    ``cfg.run_rest`` of their rare words too (a reworded sentence that kept one clause); a
    run that is all the two share, lost in a long sentence (a site's banner glued to
    unrelated text), counts in proportion."""
    run = min(1.0, f.longest_run / cfg.verbatim_run)
    if f.copy_words and cfg.run_cover and cfg.run_rest:
        cover = f.longest_run / f.copy_words
        run *= min(1.0, max(cover / cfg.run_cover, f.rest_shared / cfg.run_rest))
    return run


def _prior(c: Unit, s: Unit, cfg: AlignConfig) -> float:
    if c.span.field == "title" and (s.span.field == "title" or s.lede):
        return cfg.title_lede_bonus
    if (c.span.field == "caption") != (s.span.field == "caption"):
        return -cfg.caption_penalty
    return 0.0


# -- selection ---------------------------------------------------------------------------

Link = tuple[int, int]


def _select(
    scores: dict[Link, float], cu: list[Unit], su: list[Unit], cfg: AlignConfig
) -> set[Link]:
    """One-to-one links: sure pairs anywhere, weaker ones only inside a run of pairs.

    A paraphrase found alone between unrelated texts is more often two sentences on the same
    topic than a reworded copy; a reworded copy shows as a run of neighbouring pairs (in order
    or locally reordered).
    """
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    links: set[Link] = set()
    used_c: set[int] = set()
    used_s: set[int] = set()

    def take(link: Link) -> None:
        links.add(link)
        used_c.add(link[0])
        used_s.add(link[1])

    def free(link: Link) -> bool:
        return link[0] not in used_c and link[1] not in used_s

    for link, score in ranked:
        headline = _headline(cu[link[0]], su[link[1]])
        bar = cfg.weak_threshold if headline else cfg.match_threshold
        if score >= bar and free(link):
            take(link)
    for link, score in ranked:  # two weak pairs side by side vouch for each other
        if score < cfg.run_seed_threshold or not free(link):
            continue
        for other in _diagonal(link, cfg.run_window):
            if scores.get(other, 0.0) >= cfg.run_seed_threshold and free(other):
                take(link)
                take(other)
                break
    for chain in _chains(scores, links, cfg):  # reworded passages: in-order runs of pairs
        if all(free(link) for link in chain):
            for link in chain:
                take(link)
    grown = True
    while grown:  # weak pairs next to accepted ones
        grown = False
        for link, score in ranked:
            if score < cfg.weak_threshold:
                break
            if free(link) and any(o in links for o in _diagonal(link, cfg.run_window)):
                take(link)
                grown = True
    return links


def _chains(scores: dict[Link, float], links: set[Link], cfg: AlignConfig) -> list[list[Link]]:
    """Runs of at least two pairs, each scoring ``chain_floor``, in order on both sides (each
    step at most ``chain_gap`` sentences on) whose scores sum to ``chain_min`` above the
    floor: best first, disjoint. Pairs already linked take no part."""
    used_c = {i for i, _ in links}
    used_s = {j for _, j in links}
    nodes = sorted(
        (ij, v)
        for ij, v in scores.items()
        if v >= cfg.chain_floor and ij[0] not in used_c and ij[1] not in used_s
    )
    if len(nodes) < 2:
        return []
    gap = cfg.chain_gap
    best: dict[Link, tuple[float, list[Link]]] = {}
    by_copy: dict[int, list[Link]] = defaultdict(list)
    for (i, j), v in nodes:  # best in-order chain ending at each pair (nodes sorted by i)
        value, path = v - cfg.chain_floor, [(i, j)]
        for ip in range(i - gap, i):
            for link in by_copy.get(ip, ()):
                vp, pp = best[link]
                if 0 < j - link[1] <= gap and vp + v - cfg.chain_floor > value:
                    value, path = vp + v - cfg.chain_floor, [*pp, (i, j)]
        best[(i, j)] = (value, path)
        by_copy[i].append((i, j))
    out: list[list[Link]] = []
    taken_c: set[int] = set()
    taken_s: set[int] = set()
    for value, path in sorted(best.values(), key=lambda vp: (-vp[0], vp[1])):
        if value < cfg.chain_min:
            break
        if len(path) < 2 or any(i in taken_c or j in taken_s for i, j in path):
            continue
        out.append(path)
        taken_c.update(i for i, _ in path)
        taken_s.update(j for _, j in path)
    return out


def _headline(c: Unit, s: Unit) -> bool:
    return c.span.field == "title" and (s.span.field == "title" or s.lede)


def _diagonal(link: Link, window: int) -> list[Link]:
    """Links near ``link`` on both sides: a run, forwards or (a reordered copy) backwards."""
    i, j = link
    return [
        (i + di, j + dj)
        for di in range(-window, window + 1)
        for dj in range(-window, window + 1)
        if di and dj
    ]


def _extend(
    links: set[tuple[int, int]],
    cu: list[Unit],
    su: list[Unit],
    idf: dict[str, float],
    scores: dict[tuple[int, int], float],
    cfg: AlignConfig,
) -> set[tuple[int, int]]:
    """Grow each link to neighbouring unused sentences that match the same partner."""
    links = set(links)
    used_c = {i for i, _ in links}
    used_s = {j for _, j in links}
    changed = True
    while changed:
        changed = False
        for i, j in sorted(links):
            group_s = sorted(jj for ii, jj in links if ii == i)
            group_c = sorted(ii for ii, jj in links if jj == j)
            for jn in (group_s[0] - 1, group_s[-1] + 1):
                if len(group_c) == 1 and _grows(
                    i, jn, cu, su, group_s, idf, scores, cfg, used_s, side="source"
                ):
                    links.add((i, jn))
                    used_s.add(jn)
                    changed = True
            for i_n in (group_c[0] - 1, group_c[-1] + 1):
                if len(group_s) == 1 and _grows(
                    j, i_n, su, cu, group_c, idf, scores, cfg, used_c, side="copy"
                ):
                    links.add((i_n, j))
                    used_c.add(i_n)
                    changed = True
    return links


def _grows(anchor, cand, a_units, b_units, group, idf, scores, cfg, used, side) -> bool:
    if cand < 0 or cand >= len(b_units) or cand in used:
        return False
    if b_units[cand].span.field != "body" or a_units[anchor].span.field != "body":
        return False
    key = (anchor, cand) if side == "source" else (cand, anchor)
    score = scores.get(key, 0.0)
    if score < cfg.extend_threshold:
        return False
    if score >= cfg.weak_threshold:  # it matches the anchor on its own evidence too
        return True
    anchor_t = a_units[anchor].tokens
    before = merge(b_units[k].tokens for k in group)
    after = merge(b_units[k].tokens for k in sorted([*group, cand]))
    # the merged side must explain more of the anchor's rare words than it adds unexplained
    f0 = pair_features(anchor_t, before, idf)
    f1 = pair_features(anchor_t, after, idf)
    return f1.rare_shared > f0.rare_shared + 0.03


def _groups(links: set[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        parent[find(("c", i))] = find(("s", j))
    members: dict = defaultdict(lambda: ([], []))
    for i, j in links:
        root = find(("c", i))
        members[root][0].append(i)
        members[root][1].append(j)
    return [(sorted(set(c)), sorted(set(s))) for c, s in members.values()]


# -- labels and summary ------------------------------------------------------------------


def _pair(group, cu, su, idf, cosines, cfg: AlignConfig) -> SentencePair:
    ci, sj = group
    ctext = " ".join(cu[i].text for i in ci)
    stext = " ".join(su[j].text for j in sj)
    f = pair_features(merge(cu[i].tokens for i in ci), merge(su[j].tokens for j in sj), idf)
    cos_values = [cosines[(i, j)] for i in ci for j in sj if (i, j) in cosines]
    # None without a model, or when the words settled every pair of the group (not embedded)
    cosine = max(cos_values) if cos_values else None
    score = min(1.0, max(score_pair(f, cosine, cfg), 0.0))
    if normalize(ctext) == normalize(stext):
        label = Label.VERBATIM
    elif (
        min(f.containment, f.containment_back) >= cfg.near_verbatim
        or fuzz.ratio(normalize(ctext), normalize(stext)) >= 100 * cfg.near_verbatim_chars
    ):
        label = Label.NEAR_VERBATIM
    else:
        label = Label.PARAPHRASE
    evidence = Evidence(
        containment=round(f.containment, 4),
        jaccard=round(f.jaccard, 4),
        rare_shared=round(f.rare_shared, 4),
        names_numbers=round(f.names_numbers, 4),
        cosine=None if cosine is None else round(cosine, 4),
    )
    return SentencePair(
        tuple(cu[i].span for i in ci),
        tuple(su[j].span for j in sj),
        label,
        round(score, 4),
        evidence,
    )


def _summary(pairs: list[SentencePair], cu, su, cfg: AlignConfig) -> AlignmentSummary:
    copy_total = sum(len(u.span) for u in cu) or 1
    source_total = sum(len(u.span) for u in su) or 1
    copy_chars = sum(len(s) for p in pairs for s in p.copy)
    source_chars = sum(len(s) for p in pairs for s in p.source)
    verbatim = sum(
        len(s) for p in pairs if p.label in (Label.VERBATIM, Label.NEAR_VERBATIM) for s in p.copy
    )
    strong = any(
        p.label in (Label.VERBATIM, Label.NEAR_VERBATIM) or p.score >= cfg.strong_score
        for p in pairs
        if sum(len(s) for s in p.copy) >= cfg.reuse_strong_chars
    )
    evident = strong or copy_chars >= cfg.reuse_min_chars
    outcome = decide(pairs, _texts(cu), _texts(su), evident, cfg)
    return AlignmentSummary(
        copy_share=round(copy_chars / copy_total, 4),
        source_share=round(source_chars / source_total, 4),
        verbatim_share=round(verbatim / copy_total, 4),
        paraphrase_share=round((copy_chars - verbatim) / copy_total, 4),
        reuse=outcome == REUSE,
        outcome=outcome,
    )


def _texts(units: list[Unit]) -> list[tuple[Span, str]]:
    return [(u.span, u.text) for u in units]
