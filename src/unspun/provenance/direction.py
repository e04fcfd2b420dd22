"""Direction of reuse: given two articles and their alignment, which one derives from which.

Similarity is symmetric; provenance is not. The signals, weighed in this order:

* **Containment asymmetry.** When each article holds material the other lacks, neither can
  be derived from the other alone: both derive from a common source (often a wire story that
  is not in the library). When only one holds extra material, the other is a subset of it.
* **Truncation.** A subset whose shared sentences are the other's opening ones (the extra
  material all comes after them) is a republication cut short, unless the dates say it came
  first, in which case it is an earlier, shorter version that the other updates.
* **Wire credits.** Two articles crediting the same agency (neither of them the agency's own
  site) both run that agency's story: a common source, named.
* **Dates.** A copy cannot predate its source. A published date is strong evidence, the time an
  article was fetched only weak (it bounds publication from above).
* **Copy-editing signatures.** The wire markup that copies tend to strip (the dateline
  ``WASHINGTON (AP) —``, a contributor line) marks the article nearer to the wire text; a
  registration or paywall notice where the text stops explains why one was cut short.

Everything is decided from the records and the alignment: no article is special-cased.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import datetime

from unspun.model import Alignment, Article, Span
from unspun.provenance.records import Direction, Relation

_STRONG_CREDIT = {"dateline", "byline", "credit-line", "copyright", "metadata"}
_AGENCY_SITES = {
    "AP": ("apnews.com", "ap.org"),
    "Reuters": ("reuters.com",),
    "AFP": ("afp.com",),
    "UPI": ("upi.com",),
    "Bloomberg": ("bloomberg.com",),
}
_WALL = re.compile(
    r"\b(register|subscribe|sign in|log in|continue reading|subscription|paywall)\b", re.I
)
_MARKUP = re.compile(
    r"^[A-Z][A-Z .,'-]{2,40}\s*\([A-Za-z .]{2,30}\)\s*[—–-]|contributed( reporting)?\b", re.M
)


@dataclass(frozen=True, slots=True)
class DirectionConfig:
    """Thresholds of the direction rules."""

    extra_min_sentences: int = 2  # material one holds and the other lacks: this many sentences
    extra_min_share: float = 0.15  # ... and this share of its body characters
    tail_share: float = 0.8  # cut short: this share of the extra characters follows the shared
    near_duplicate: float = 0.9  # both shares at least this: the two are near-duplicates
    min_gap_hours: float = 0.5  # fetch times closer than this say nothing (scrapes lag) ...
    min_gap_published_hours: float = 0.02  # ... published times closer than this (a minute)


@dataclass(frozen=True, slots=True)
class _Side:
    extra_sentences: int
    extra_share: float  # share of body characters with no counterpart
    tail: float  # share of the extra characters after the last shared body sentence
    shared_share: float  # share of body characters with a counterpart


@dataclass(frozen=True, slots=True)
class _When:
    earlier: str  # "a", "b" or "" when the dates cannot tell
    basis: str  # "published" or "fetched"
    hours: float


def infer_direction(
    a: Article, b: Article, alignment: Alignment, cfg: DirectionConfig | None = None
) -> Direction:
    """Which of ``a`` and ``b`` derives from which, given their alignment (either way round)."""
    cfg = cfg or DirectionConfig()
    # The alignment may have been made either way round: copy = a (the usual) or copy = b.
    a_is_copy = not (alignment.copy_id == b.id and alignment.source_id == a.id)
    a_side, b_side = _sides(alignment, a_is_copy)
    names = (_name(a), _name(b))
    if names[0] == names[1]:
        names = (f"{names[0]} [{a.id[:8]}]", f"{names[1]} [{b.id[:8]}]")
    if not alignment.summary.reuse:
        return Direction(
            a.id, b.id, Relation.UNRELATED, 0.8, ("no reuse between them",), "no shared text"
        )
    found = _decide(a, b, a_side, b_side, names, alignment, cfg)
    when = _dates(a, b, cfg)
    if not when.earlier:
        return found
    return replace(found, first=a.id if when.earlier == "a" else b.id)


def dated_first(a: Article, b: Article, cfg: DirectionConfig | None = None) -> str:
    """The id of the one of ``a`` and ``b`` dated earlier ('' when the dates cannot tell), as
    :attr:`Direction.first` gives it."""
    when = _dates(a, b, cfg or DirectionConfig())
    return {"a": a.id, "b": b.id}.get(when.earlier, "")


def _decide(
    a: Article,
    b: Article,
    a_side: _Side,
    b_side: _Side,
    names: tuple[str, str],
    alignment: Alignment,
    cfg: DirectionConfig,
) -> Direction:
    reasons: list[str] = []
    a_extra, b_extra = _extra(a_side, cfg), _extra(b_side, cfg)
    agency, credit_reason = _shared_wire(a, b)
    own = _own_site(a, agency), _own_site(b, agency)
    when = _dates(a, b, cfg)
    if credit_reason:
        reasons.append(credit_reason)
    wording = _wording(alignment)

    if agency and (own[0] or own[1]) and own[0] != own[1]:
        i = 0 if own[0] else 1
        reasons.append(f"{names[i]} is {agency}'s own site: the original")
        relation = Relation.B_FROM_A if i == 0 else Relation.A_FROM_B
        verdict = f"{names[1 - i]} republishes {agency}'s story from {names[i]}"
        return _make(a, b, relation, 0.9, reasons, verdict, wording)

    if a_extra and b_extra:
        reasons.append(
            f"each holds material the other lacks ({names[0]}: {a_side.extra_sentences} "
            f"sentences, {names[1]}: {b_side.extra_sentences}): neither can derive from the "
            "other alone"
        )
        src = f"the same {agency} story" if agency else "a common source"
        verdict = f"both derive from {src}; {wording}"
        return _make(a, b, Relation.COMMON_SOURCE, 0.85 if agency else 0.7, reasons, verdict,
                     wording, source=agency)  # fmt: skip

    if a_extra or b_extra:
        return _subset(a, b, a_side, b_side, names, agency, when, reasons, wording, cfg)

    return _alike(a, b, names, agency, when, reasons, wording, cfg)


def _subset(
    a: Article,
    b: Article,
    a_side: _Side,
    b_side: _Side,
    names: tuple[str, str],
    agency: str,
    when: _When,
    reasons: list[str],
    wording: str,
    cfg: DirectionConfig,
) -> Direction:
    """One holds material the other lacks: the smaller is cut short, or an earlier version."""
    big = 0 if _extra(a_side, cfg) else 1
    small = 1 - big
    sides, arts = (a_side, b_side), (a, b)
    big_side = sides[big]
    reasons.append(
        f"{names[big]} holds {big_side.extra_sentences} sentences that {names[small]} lacks, "
        f"and {names[small]} holds nothing of substance that {names[big]} lacks"
    )
    truncated = big_side.tail >= cfg.tail_share
    small_earlier = when.earlier == ("a" if small == 0 else "b")
    big_earlier = when.earlier == ("a" if big == 0 else "b")
    derived_small = Relation.A_FROM_B if small == 0 else Relation.B_FROM_A
    derived_big = Relation.A_FROM_B if big == 0 else Relation.B_FROM_A
    small_id = arts[small].id
    if small_earlier:
        reasons.append(
            f"{names[small]} is dated earlier ({when.basis}, {when.hours:.1f} h before): an "
            f"earlier version, which {names[big]} updates"
        )
        if agency:
            verdict = (
                f"both derive from the same {agency} story: {names[small]} runs an earlier "
                f"version, {names[big]} an update adding {big_side.extra_sentences} sentences"
            )
            return _make(a, b, Relation.COMMON_SOURCE, 0.8, reasons, verdict, wording,
                         source=agency, earlier_version=small_id)  # fmt: skip
        verdict = f"{names[big]} expands {names[small]} (adds {big_side.extra_sentences} sentences)"
        conf = 0.75 if when.basis == "published" else 0.6
        return _make(a, b, derived_big, conf, reasons, verdict, wording, earlier_version=small_id)
    if truncated:
        reasons.append(
            f"{names[small]}'s text is the opening of {names[big]}'s: the extra sentences all "
            "come after the shared ones"
        )
        if _walled(arts[small]):
            reasons.append(f"{names[small]} stops at a registration or subscription notice")
    if big_earlier:
        reasons.append(f"{names[big]} is dated earlier ({when.basis}, {when.hours:.1f} h before)")
    cut = "a republication cut short" if truncated else "an excerpt"
    if agency:
        reasons.append(
            f"{names[big]}'s extra sentences continue the {agency} story, so it cannot derive "
            f"from {names[small]} alone"
        )
        verdict = (
            f"both derive from the same {agency} story ({names[big]} holds "
            f"{big_side.extra_sentences} sentences that {names[small]} lacks, so it does not "
            f"copy {names[small]}); {names[small]} is {cut}"
        )
        return _make(a, b, Relation.COMMON_SOURCE, 0.85 if truncated else 0.75, reasons, verdict,
                     wording, source=agency, cut_short=small_id if truncated else "")  # fmt: skip
    verdict = f"{names[small]} derives from {names[big]}: {cut}"
    conf = 0.8 if big_earlier else (0.65 if truncated else 0.55)
    return _make(a, b, derived_small, conf, reasons, verdict, wording,
                 cut_short=small_id if truncated else "")  # fmt: skip


def _alike(
    a: Article,
    b: Article,
    names: tuple[str, str],
    agency: str,
    when: _When,
    reasons: list[str],
    wording: str,
    cfg: DirectionConfig,
) -> Direction:
    """Neither holds material the other lacks: dates, then copy-editing signatures."""
    reasons.append("neither holds material of substance that the other lacks")
    if agency:
        verdict = f"both run the same {agency} story; {wording}"
        return _make(a, b, Relation.COMMON_SOURCE, 0.8, reasons, verdict, wording, source=agency)
    if when.earlier:
        first = 0 if when.earlier == "a" else 1
        reasons.append(f"{names[first]} is dated earlier ({when.basis}, {when.hours:.1f} h before)")
        relation = Relation.B_FROM_A if first == 0 else Relation.A_FROM_B
        verdict = f"{names[1 - first]} copies {names[first]}; {wording}"
        conf = 0.85 if when.basis == "published" else 0.65
        return _make(a, b, relation, conf, reasons, verdict, wording)
    marks = _markup(a), _markup(b)
    if marks[0] != marks[1]:
        first = 0 if marks[0] > marks[1] else 1
        reasons.append(
            f"{names[first]} keeps wire markup (dateline, contributor line) that "
            f"{names[1 - first]} lacks: it is nearer the original text"
        )
        relation = Relation.B_FROM_A if first == 0 else Relation.A_FROM_B
        verdict = f"{names[1 - first]} likely copies {names[first]}; {wording}"
        return _make(a, b, relation, 0.55, reasons, verdict, wording)
    reasons.append("no date or signature tells which came first")
    verdict = f"the same text, order unknown: a common source or a copy either way; {wording}"
    return _make(a, b, Relation.COMMON_SOURCE, 0.4, reasons, verdict, wording)


def _make(
    a: Article,
    b: Article,
    relation: Relation,
    confidence: float,
    reasons: list[str],
    verdict: str,
    wording: str,
    source: str = "",
    cut_short: str = "",
    earlier_version: str = "",
) -> Direction:
    roles = tuple(_role(art.id, relation, a.id, source, cut_short, earlier_version)
                  for art in (a, b))  # fmt: skip
    return Direction(
        a.id, b.id, relation, round(confidence, 2), tuple(reasons), verdict,
        source=source, cut_short=cut_short, earlier_version=earlier_version,
        roles=(roles[0], roles[1]),
    )  # fmt: skip


def _role(art_id: str, relation: Relation, a_id: str, source: str, cut: str, earlier: str) -> str:
    if art_id == cut:
        return f"republishes the {source} story cut short" if source else "cut short"
    if art_id == earlier:
        return "an earlier version"
    if relation == Relation.COMMON_SOURCE:
        return f"runs the {source} story" if source else "shares a common source"
    derived = (relation == Relation.A_FROM_B) == (art_id == a_id)
    return "derived" if derived else "source"


# -- signals -------------------------------------------------------------------------------


def _sides(alignment: Alignment, a_is_copy: bool) -> tuple[_Side, _Side]:
    """Each side's shared and extra body sentences; see :func:`_rewrites` for what is left out."""
    copy_shared = [s for p in alignment.pairs for s in p.copy if s.field == "body"]
    source_shared = [s for p in alignment.pairs for s in p.source if s.field == "body"]
    copy_extra = [s for s in alignment.new if s.field == "body"]
    source_extra = [s for s in alignment.dropped if s.field == "body"]
    copy_extra, source_extra = _rewrites(copy_shared, copy_extra, source_shared, source_extra)
    copy_side = _side(copy_shared, copy_extra)
    source_side = _side(source_shared, source_extra)
    return (copy_side, source_side) if a_is_copy else (source_side, copy_side)


def _rewrites(
    a_shared: list[Span], a_extra: list[Span], b_shared: list[Span], b_extra: list[Span]
) -> tuple[list[Span], list[Span]]:
    """Leave out unmatched sentences that face each other between the same two shared ones.

    When both sides have unmatched sentences in the same interior gap (after the k-th shared
    sentence and before the next, on both sides), they are most likely rewrites of each other
    that the aligner did not pair, or one sentence swapped for another: not material that one
    holds and the other lacks. Unmatched sentences before the first or after the last shared
    sentence are kept: there, two texts that go on differently do hold different material.
    """
    a_marks = sorted(s.start for s in a_shared)
    b_marks = sorted(s.start for s in b_shared)
    if len(a_marks) < 2 or len(b_marks) < 2:
        return a_extra, b_extra

    def gaps(extra: list[Span], marks: list[int]) -> dict[int, list[Span]]:
        found: dict[int, list[Span]] = {}
        for span in extra:
            k = bisect.bisect(marks, span.start)
            if 0 < k < len(marks):  # interior: a shared sentence before and after it
                found.setdefault(k, []).append(span)
        return found

    a_gaps, b_gaps = gaps(a_extra, a_marks), gaps(b_extra, b_marks)
    facing = set(a_gaps) & set(b_gaps)
    drop_a = {id(s) for k in facing for s in a_gaps[k]}
    drop_b = {id(s) for k in facing for s in b_gaps[k]}
    return [s for s in a_extra if id(s) not in drop_a], [s for s in b_extra if id(s) not in drop_b]


def _side(shared: list[Span], extra: list[Span]) -> _Side:
    shared_chars = sum(len(s) for s in shared)
    extra_chars = sum(len(s) for s in extra)
    total = shared_chars + extra_chars
    last = max((s.end for s in shared), default=-1)
    tail = sum(len(s) for s in extra if s.start >= last)
    return _Side(
        extra_sentences=len(extra),
        extra_share=extra_chars / total if total else 0.0,
        tail=tail / extra_chars if extra_chars else 0.0,
        shared_share=shared_chars / total if total else 0.0,
    )


def _extra(side: _Side, cfg: DirectionConfig) -> bool:
    return side.extra_sentences >= cfg.extra_min_sentences and side.extra_share >= (
        cfg.extra_min_share
    )


def _shared_wire(a: Article, b: Article) -> tuple[str, str]:
    """The agency both credit (strong credits first), and the reason in words."""
    both = [g for g in a.wire if g in b.wire]
    if not both:
        return "", ""

    def strength(art: Article, agency: str) -> int:
        return max(int(c.where in _STRONG_CREDIT) for c in art.credits if c.agency == agency)

    agency = max(both, key=lambda g: (strength(a, g) + strength(b, g), -both.index(g)))

    def evidence(art: Article) -> str:
        credit = next(c for c in art.credits if c.agency == agency)
        kind = "photo credit" if credit.where == "caption" else credit.where
        return f"{_name(art)}: {kind} '{credit.evidence}'"

    return agency, f"both credit {agency} ({evidence(a)}; {evidence(b)})"


def _own_site(article: Article, agency: str) -> bool:
    site = (article.site or article.url).lower()
    return bool(agency) and any(s in site for s in _AGENCY_SITES.get(agency, ()))


def _parse(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None) if parsed.tzinfo is None else parsed


def _comparable(x: datetime, y: datetime) -> tuple[datetime, datetime]:
    if (x.tzinfo is None) != (y.tzinfo is None):
        return x.replace(tzinfo=None), y.replace(tzinfo=None)
    return x, y


def _dates(a: Article, b: Article, cfg: DirectionConfig) -> _When:
    """Which is earlier: by published dates (a day apart, or times), else by fetch time."""
    pa, pb = a.published, b.published
    if pa and pb:
        timed = "T" in pa and "T" in pb
        if timed or pa[:10] != pb[:10]:
            x, y = _parse(pa if timed else pa[:10]), _parse(pb if timed else pb[:10])
            if x is not None and y is not None:
                found = _order(*_comparable(x, y), "published", cfg)
                if found.earlier:
                    return found
    fa, fb = _parse(a.fetched), _parse(b.fetched)
    if fa is not None and fb is not None:
        return _order(*_comparable(fa, fb), "fetched", cfg)
    return _When("", "", 0.0)


def _order(x: datetime, y: datetime, basis: str, cfg: DirectionConfig) -> _When:
    hours = (y - x).total_seconds() / 3600
    floor = cfg.min_gap_published_hours if basis == "published" else cfg.min_gap_hours
    if abs(hours) < floor:
        return _When("", basis, abs(hours))
    return _When("a" if hours > 0 else "b", basis, abs(hours))


def _walled(article: Article) -> bool:
    return sum(bool(_WALL.search(line)) for line in article.boilerplate) >= 2


def _markup(article: Article) -> int:
    return len(_MARKUP.findall(article.text))


def _wording(alignment: Alignment) -> str:
    s = alignment.summary
    if s.copy_share >= 0.95 and s.source_share >= 0.95 and s.verbatim_share >= 0.9:
        return "the shared text is the same, word for word"
    if s.paraphrase_share > s.verbatim_share:
        return "they word the shared sentences differently (mostly paraphrase)"
    return "the shared sentences are mostly verbatim"


def _name(article: Article) -> str:
    """An article as a reader knows it: its site, else its headline, else its id; never a
    file name or a placeholder."""
    if article.site:
        return article.site
    if article.title.strip():
        title = " ".join(article.title.split())
        return f"“{title[:57]}…”" if len(title) > 60 else f"“{title}”"
    return f"article {article.id[:12]}"
