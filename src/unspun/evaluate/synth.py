"""Benchmark corpora with planted reuse and their ground truth (``unspun synth``).

Articles are built from REAL sentences (the Helsinki news articles, the PAN13 source
documents and the MSRP news sentences, see :func:`load_pool`), arranged into story families
with planted copy chains:

* an **original** (the root of a family): a title and 12-30 sentences drawn from the pool,
  a share of them MSRP sentences that have a human paraphrase;
* derived members, each with a **parent** (an earlier member of the family, often the root,
  sometimes a copy, which makes chains) and a **kind**:

  - ``verbatim``: the parent's title and body, republished on another site;
  - ``truncated``: the parent's first 30-75 % of paragraphs;
  - ``near-verbatim``: small edits (a few synonym swaps, a sentence dropped or added);
  - ``paraphrased``: a spun copy: each sentence replaced by its human paraphrase from MSRP
    when it has one, else rewritten by rules (synonym swaps, clause reordering), some
    sentences dropped, a few added, the title rewritten;

* ``independent`` members: same-event reports with no parent. They tell up to 5 of the
  original's stories in other sentences (each an MSRP pair labelled *not* a paraphrase: the
  same news story, other facts or other words, e.g. two accounts of one sale with different
  prices) and are otherwise their own text.

Ground truth, one JSON line per article (:meth:`SynthArticle.truth`): its ``id``, ``family``
(the reuse layer: the id of the root its text derives from; an independent report roots its
own family), ``event`` (the same-event layer: every member of the story, independents
included), ``parent`` (or null), ``kind``, ``published`` (a parent is always published
before its children), ``site``, ``depth`` in the chain, ``reuse_share`` (the share of the
article's sentences taken from the parent), ``msrp_paraphrased`` and ``rule_spun`` sentence
counts.

Generation streams: a bounded set of families is open at once (``SynthConfig.open_families``)
and members of the open families are interleaved, so memory does not grow with the corpus
size. The pool of real sentences is held in memory (about 100k sentences, tens of MB); at
sizes where the pool runs out, sentences are reused in new random combinations (each pass
over the pool is reshuffled), so unrelated articles may share a sentence or two, as real
news does, but never a planted passage. Everything is deterministic for a given seed and pool.
"""

from __future__ import annotations

import csv
import json
import logging
import random
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

KINDS = ("original", "verbatim", "truncated", "near-verbatim", "paraphrased", "independent")
DERIVED = ("verbatim", "truncated", "near-verbatim", "paraphrased")


@dataclass(frozen=True, slots=True)
class SynthConfig:
    """What corpus to build."""

    articles: int = 10_000
    seed: int = 0
    single_share: float = 0.35  # share of families that are one lone original
    mean_family_size: float = 4.0  # mean size of the other families (geometric, at least 2)
    max_family_size: int = 30
    # Weights of the members' kinds (after the original).
    w_verbatim: float = 0.18
    w_truncated: float = 0.18
    w_near_verbatim: float = 0.22
    w_paraphrased: float = 0.30
    w_independent: float = 0.12
    chain_share: float = 0.3  # a derived member copies another copy (not the root) this often
    msrp_share: float = 0.35  # share of an original's sentences that have an MSRP paraphrase
    min_sentences: int = 12
    max_sentences: int = 30
    sites: int = 300
    wire_share: float = 0.2  # originals that carry an agency dateline ("CITY (AP) —")
    open_families: int = 64  # families generated at once, interleaved
    start: str = "2026-01-05T06:00:00+00:00"
    mean_gap_seconds: float = 40.0  # mean time between two articles of the corpus

    def kind_weights(self) -> tuple[tuple[str, ...], tuple[float, ...]]:
        kinds = (*DERIVED, "independent")
        weights = (
            self.w_verbatim,
            self.w_truncated,
            self.w_near_verbatim,
            self.w_paraphrased,
            self.w_independent,
        )
        return kinds, weights


@dataclass(frozen=True, slots=True)
class SentencePool:
    """Real sentences to build articles from, and MSRP's human sentence pairs.

    ``paraphrases`` maps a sentence to its paraphrase (both directions of every MSRP pair
    labelled 1); ``related`` maps a sentence to a same-story sentence that is NOT a
    paraphrase (MSRP pairs labelled 0).
    """

    sentences: tuple[str, ...]
    paraphrases: dict[str, str] = field(default_factory=dict)
    related: dict[str, str] = field(default_factory=dict)
    titles: tuple[str, ...] = ()  # short sentences fit for a headline

    @classmethod
    def from_sentences(
        cls,
        sentences: Iterable[str],
        paraphrases: Iterable[tuple[str, str]] = (),
        related: Iterable[tuple[str, str]] = (),
    ) -> SentencePool:
        """A pool from sentences and (a, b) pairs; duplicates and unfit sentences dropped."""
        para: dict[str, str] = {}
        for a, b in paraphrases:
            if fit_sentence(a) and fit_sentence(b) and a != b:
                para.setdefault(a, b)
                para.setdefault(b, a)
        rel: dict[str, str] = {}
        for a, b in related:
            if fit_sentence(a) and fit_sentence(b) and a != b:
                rel.setdefault(a, b)
                rel.setdefault(b, a)
        seen = set(para) | set(rel)
        plain = []
        for s in sentences:
            if s not in seen and fit_sentence(s):
                seen.add(s)
                plain.append(s)
        titles = tuple(s for s in plain if 6 <= len(s.split()) <= 14)
        return cls(tuple(plain), para, rel, titles)

    def describe(self) -> dict[str, int]:
        return {
            "sentences": len(self.sentences),
            "with_paraphrase": len(self.paraphrases),
            "with_related": len(self.related),
            "titles": len(self.titles),
        }


@dataclass(frozen=True, slots=True)
class SynthArticle:
    """One generated article and its ground truth."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    site: str
    published: str
    family: str  # reuse layer: the root of the derivation tree
    event: str  # same-event layer: the family's first original
    parent: str | None
    kind: str
    depth: int  # 0 for originals and independents, parent's depth + 1 otherwise
    reuse_share: float  # share of this article's sentences taken from the parent
    msrp_paraphrased: int = 0  # sentences replaced by their MSRP human paraphrase
    rule_spun: int = 0  # sentences rewritten by the spinning rules

    @property
    def url(self) -> str:
        return f"https://{self.site}/news/{self.id}"

    def row(self, separator: str = " ### ") -> dict[str, str]:
        """The article as a row ``unspun add`` reads (ExtractConfig's default columns)."""
        return {
            "id": self.id,
            "title": self.title,
            "text": separator.join(self.paragraphs),
            "publisher": self.site,
            "published": self.published,
            "url": self.url,
        }

    def truth(self) -> dict[str, object]:
        out = asdict(self)
        del out["title"], out["paragraphs"]
        out["sentences"] = sum(len(split_sentences(p)) for p in self.paragraphs)
        return out


# -- the pool of real sentences --------------------------------------------------------------

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "jr",
    "sr",
    "gen",
    "gov",
    "sen",
    "rep",
    "lt",
    "col",
    "sgt",
    "capt",
    "prof",
    "inc",
    "co",
    "corp",
    "ltd",
    "vs",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
}
_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“]?[A-Z])")
_BAD = re.compile(
    r"https?:|www\.|@|©|copyright|click here|subscribe|sign up|\bcookies?\b|###|\|", re.I
)
_ENDING = re.compile(r"[.!?][\"”’)]?$")


def split_sentences(text: str) -> list[str]:
    """A quick rule-based split (datelines and common abbreviations kept whole)."""
    out: list[str] = []
    start = 0
    for match in _BREAK.finditer(text):
        head = text[start : match.start() + 1].strip()
        last = head.rsplit(None, 1)[-1].rstrip(".!?").lower() if head else ""
        if last in _ABBREV or (len(last) == 1 and last.isalpha()):
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def fit_sentence(s: str) -> bool:
    """A sentence fit for an article: 6-50 words, prose, ends like a sentence, no links."""
    words = s.split()
    if not 6 <= len(words) <= 50 or _BAD.search(s) or not _ENDING.search(s):
        return False
    if not (s[0].isupper() or s[0] in '"“'):
        return False
    letters = sum(c.isalpha() for c in s)
    return letters >= 0.7 * len(s.replace(" ", ""))


def load_pool(data: Path, max_pan_docs: int | None = None) -> SentencePool:
    """Sentences of the shared data: Helsinki articles, PAN13 source documents, MSRP.

    Only PAN13's *source* documents are used: its suspicious documents copy passages from
    them, which would plant reuse the ground truth does not know about. Raises FileNotFoundError
    naming what is missing when none of the three is there.
    """
    sentences: list[str] = []
    helsinki = data / "news" / "helsinki_articles.csv"
    if helsinki.exists():
        csv.field_size_limit(sys.maxsize)
        with helsinki.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for para in row["text"].split(" ### "):
                    sentences.extend(split_sentences(para))
    pan = data / "pan13" / "src"
    if pan.is_dir():
        for i, path in enumerate(sorted(pan.glob("*.txt"))):
            if max_pan_docs is not None and i >= max_pan_docs:
                break
            text = " ".join(path.read_text("utf-8", errors="replace").split())
            sentences.extend(split_sentences(text))
    paraphrases: list[tuple[str, str]] = []
    related: list[tuple[str, str]] = []
    msrp = data / "msrp" / "msr_paraphrase_train.txt"
    if msrp.exists():
        with msrp.open(encoding="utf-8-sig") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 5 and parts[0] in ("0", "1"):
                    pair = (parts[3].strip(), parts[4].strip())
                    (paraphrases if parts[0] == "1" else related).append(pair)
    if not sentences and not paraphrases:
        raise FileNotFoundError(
            f"{data}: no Helsinki CSV, PAN13 source documents or MSRP file to take sentences from"
        )
    return SentencePool.from_sentences(sentences, paraphrases, related)


# -- spinning rules ----------------------------------------------------------------------

# Interchangeable words: spinning replaces a word by another of its group (so a copy of a
# spun copy is spun again, not left as it was).
_GROUPS = (
    ("said", "stated", "noted", "remarked"),
    ("says", "states", "notes"),
    ("told", "informed"),
    ("officials", "authorities"),
    ("big", "large", "major"),
    ("began", "started", "commenced"),
    ("begin", "start", "commence"),
    ("however", "nevertheless", "still"),
    ("because", "since", "as"),
    ("help", "assist", "aid"),
    ("helped", "assisted", "aided"),
    ("buy", "purchase", "acquire"),
    ("bought", "purchased", "acquired"),
    ("about", "around", "roughly"),
    ("many", "numerous", "plenty of"),
    ("show", "demonstrate", "reveal"),
    ("showed", "demonstrated", "revealed"),
    ("shows", "demonstrates", "reveals"),
    ("important", "significant", "crucial"),
    ("people", "individuals", "persons"),
    ("use", "utilize", "employ"),
    ("used", "utilized", "employed"),
    ("need", "require"),
    ("needs", "requires"),
    ("try", "attempt"),
    ("tried", "attempted"),
    ("get", "obtain", "receive"),
    ("enough", "sufficient", "adequate"),
    ("also", "additionally", "too"),
    ("very", "extremely", "highly"),
    ("quickly", "rapidly", "swiftly"),
    ("whole", "entire", "complete"),
    ("meeting", "gathering", "session"),
    ("talks", "discussions", "negotiations"),
    ("country", "nation"),
    ("countries", "nations"),
    ("leader", "head", "chief"),
    ("leaders", "heads", "chiefs"),
    ("government", "administration"),
    ("city", "town"),
    ("company", "firm", "business"),
    ("companies", "firms", "businesses"),
    ("increase", "rise", "growth"),
    ("decrease", "decline", "drop"),
    ("asked", "questioned", "queried"),
    ("expected", "anticipated", "predicted"),
    ("plan", "scheme", "proposal"),
    ("plans", "schemes", "proposals"),
    ("week", "seven days"),
    ("announced", "declared", "revealed"),
    ("make", "create", "produce"),
    ("made", "created", "produced"),
    ("think", "believe", "reckon"),
    ("thinks", "believes", "reckons"),
    ("thought", "believed", "reckoned"),
    ("problem", "issue", "difficulty"),
    ("problems", "issues", "difficulties"),
    ("hard", "difficult", "tough"),
    ("easy", "simple", "straightforward"),
    ("first", "initial", "earliest"),
    ("main", "principal", "chief"),
    ("several", "a number of", "various"),
    ("before", "prior to", "ahead of"),
    ("after", "following", "once"),
    ("during", "throughout", "amid"),
    ("despite", "in spite of", "notwithstanding"),
    ("added", "continued", "went on"),
    ("warned", "cautioned"),
    ("criticized", "chastised", "slammed"),
    ("claimed", "alleged", "asserted"),
    ("report", "account"),
    ("reports", "accounts"),
    ("change", "alteration", "shift"),
    ("changes", "alterations", "shifts"),
    ("money", "funds", "cash"),
    ("job", "position", "post"),
    ("jobs", "positions", "posts"),
    ("home", "residence", "house"),
    ("children", "kids", "youngsters"),
    ("car", "vehicle", "automobile"),
    ("cars", "vehicles", "automobiles"),
    ("fast", "rapid", "quick"),
    ("small", "little", "modest"),
    ("new", "fresh", "novel"),
    ("often", "frequently", "regularly"),
    ("usually", "typically", "generally"),
    ("maybe", "perhaps", "possibly"),
    ("almost", "nearly", "virtually"),
    ("huge", "enormous", "vast"),
    ("close", "shut"),
    ("repair", "fix", "mend"),
    ("residents", "locals", "inhabitants"),
)
_SYNONYMS = {word: group for group in _GROUPS for word in group}
_WORD = re.compile(r"[A-Za-z]+")
_LEAD_CLAUSE = re.compile(
    r"^(When|After|Although|While|Because|If|As|Before|Since|Though|Once|Until)\s+([^,]{8,}),\s+(.+?)([.!?])$"
)
_ATTRIB = re.compile(
    r"^([A-Z][\w.'’ ]{2,40}?) (said|says|told reporters|added) (?:that )?(.+?)([.!?])$"
)


def swap_synonyms(sentence: str, rng: random.Random, share: float) -> tuple[str, int]:
    """Replace about ``share`` of the words the synonym table knows; returns the count."""
    swaps = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal swaps
        word = m.group(0)
        group = _SYNONYMS.get(word.lower())
        if group is None or rng.random() >= share:
            return word
        new = rng.choice([w for w in group if w != word.lower()])
        swaps += 1
        if word[0].isupper():
            new = new[0].upper() + new[1:]
        return new

    return _WORD.sub(repl, sentence), swaps


def reorder_clauses(sentence: str) -> str:
    """Move a leading subordinate clause to the end, or an attribution ("X said Y" to "Y,
    X said"); the sentence itself when no rule applies."""
    m = _LEAD_CLAUSE.match(sentence)
    if m:
        sub, clause, main, end = m.groups()
        return f"{_cap(main)} {sub.lower()} {clause}{end}"
    m = _ATTRIB.match(sentence)
    if m and not m.group(3).startswith(('"', "“")):
        who, verb, what, end = m.groups()
        verb = "said" if verb == "told reporters" else verb
        return f"{_cap(what)}, {who} {verb}{end}"
    return sentence


def spin(sentence: str, rng: random.Random) -> str:
    """A rule-based rewording: clauses reordered and most known words swapped."""
    out, _ = swap_synonyms(reorder_clauses(sentence), rng, 0.8)
    return out


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# -- families --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Sentence:
    text: str
    msrp_used: bool = False  # already replaced by its MSRP partner (do not swap back)


@dataclass(slots=True)
class _Member:
    id: str
    title: str
    paras: list[list[_Sentence]]
    published: datetime
    depth: int
    kind: str
    root: str = ""  # the family root its text derives from (itself for a root)
    site: str = ""


@dataclass(slots=True)
class _Family:
    event: str
    size: int
    members: list[_Member] = field(default_factory=list)
    emitted: int = 0


class _Draw:
    """Endless reshuffled passes over a list (each pass in a new random order)."""

    def __init__(self, items: tuple[str, ...] | list[str], rng: random.Random) -> None:
        self.items = list(items)
        self.rng = rng
        self.order: list[int] = []

    def __call__(self) -> str:
        if not self.order:
            self.order = list(range(len(self.items)))
            self.rng.shuffle(self.order)
        return self.items[self.order.pop()]


class _Generator:
    def __init__(self, cfg: SynthConfig, pool: SentencePool) -> None:
        if not pool.sentences:
            raise ValueError("the sentence pool is empty")
        self.cfg = cfg
        self.pool = pool
        self.rng = random.Random(cfg.seed)
        self.plain = _Draw(pool.sentences, random.Random(cfg.seed + 1))
        # An original's MSRP sentences: those with a human paraphrase (for spun copies) and
        # those with a same-story partner that is no paraphrase (for independent reports).
        msrp = sorted({**pool.paraphrases, **pool.related})
        self.msrp = _Draw(msrp, random.Random(cfg.seed + 2))
        self.titles = _Draw(pool.titles or pool.sentences, random.Random(cfg.seed + 3))
        self.sites = _site_names(cfg.sites, random.Random(cfg.seed + 4))
        self.clock = datetime.fromisoformat(cfg.start)
        self.count = 0

    def run(self) -> Iterator[SynthArticle]:
        cfg = self.cfg
        open_: list[_Family] = []
        while self.count < cfg.articles:
            while len(open_) < cfg.open_families:
                open_.append(self._new_family())
            fam = open_[self.rng.randrange(len(open_))]
            yield self._next_member(fam)
            if fam.emitted >= fam.size:
                open_.remove(fam)

    # families and members

    def _new_family(self) -> _Family:
        cfg, rng = self.cfg, self.rng
        if rng.random() < cfg.single_share:
            size = 1
        else:
            p = 1.0 / max(cfg.mean_family_size - 1.0, 1.0)
            size = 2
            while size < cfg.max_family_size and rng.random() > p:
                size += 1
        return _Family(event="", size=size)

    def _tick(self) -> datetime:
        self.clock += timedelta(seconds=self.rng.expovariate(1.0 / self.cfg.mean_gap_seconds))
        return self.clock

    def _next_member(self, fam: _Family) -> SynthArticle:
        art_id = f"s{self.cfg.seed}-{self.count:07d}"
        self.count += 1
        now = self._tick()
        if not fam.members:
            member = self._original(art_id, now)
            fam.event = art_id
            fam.members.append(member)
            fam.emitted += 1
            return self._record(member, fam, None, 0.0, 0, 0)
        kinds, weights = self.cfg.kind_weights()
        kind = self.rng.choices(kinds, weights)[0]
        if kind == "independent":
            member = self._independent(art_id, fam.members[0], now)
            fam.members.append(member)
            fam.emitted += 1
            return self._record(member, fam, None, 0.0, 0, 0)
        parent = self._pick_parent(fam)
        published = max(now, parent.published + timedelta(minutes=self.rng.randint(5, 240)))
        member, shared, msrp, spun = self._derive(art_id, parent, kind, published)
        fam.members.append(member)
        fam.emitted += 1
        member.root = parent.root
        return self._record(member, fam, parent.id, shared, msrp, spun)

    def _pick_parent(self, fam: _Family) -> _Member:
        # Parents are originals or copies; an independent report can be copied too.
        if len(fam.members) > 1 and self.rng.random() < self.cfg.chain_share:
            return self.rng.choice(fam.members[1:])
        return fam.members[0]

    def _record(
        self,
        m: _Member,
        fam: _Family,
        parent: str | None,
        shared: float,
        msrp: int,
        spun: int,
    ) -> SynthArticle:
        m.root = m.root or m.id
        m.site = self.rng.choice(self.sites)
        return SynthArticle(
            id=m.id,
            title=m.title,
            paragraphs=tuple(" ".join(s.text for s in p) for p in m.paras),
            site=m.site,
            published=m.published.isoformat(timespec="seconds"),
            family=m.root,
            event=fam.event,
            parent=parent,
            kind=m.kind,
            depth=m.depth,
            reuse_share=round(shared, 4),
            msrp_paraphrased=msrp,
            rule_spun=spun,
        )

    # the kinds

    def _body(self, n: int, msrp_share: float) -> list[_Sentence]:
        return [
            _Sentence(self.msrp() if self.rng.random() < msrp_share else self.plain())
            for _ in range(n)
        ]

    def _paragraphs(self, sentences: list[_Sentence]) -> list[list[_Sentence]]:
        paras, i = [], 0
        while i < len(sentences):
            k = self.rng.choice((1, 1, 2, 2, 2, 3))
            paras.append(sentences[i : i + k])
            i += k
        return paras

    def _original(self, art_id: str, now: datetime) -> _Member:
        cfg, rng = self.cfg, self.rng
        n = rng.randint(cfg.min_sentences, cfg.max_sentences)
        body = self._body(n, cfg.msrp_share if self.pool.paraphrases else 0.0)
        if rng.random() < cfg.wire_share:
            agency = rng.choice(("AP", "Reuters", "AFP"))
            city = rng.choice(("WASHINGTON", "LONDON", "MOSCOW", "HELSINKI", "PARIS", "BERLIN"))
            body[0] = _Sentence(f"{city} ({agency}) — {body[0].text}", body[0].msrp_used)
        title = self.titles().rstrip(".!? ")
        return _Member(art_id, title, self._paragraphs(body), now, 0, "original")

    def _independent(self, art_id: str, root: _Member, now: datetime) -> _Member:
        """A same-event report: a few of the root's facts, told in other sentences."""
        rng = self.rng
        facts = [s for p in root.paras for s in p if s.text in self.pool.related]
        picked = rng.sample(facts, min(len(facts), rng.randint(3, 5)))
        told = [_Sentence(self.pool.related[s.text], True) for s in picked]
        fresh = self._body(rng.randint(self.cfg.min_sentences, self.cfg.max_sentences), 0.0)
        for s in told:
            fresh.insert(rng.randrange(len(fresh) + 1), s)
        title = self.titles().rstrip(".!? ")
        return _Member(art_id, title, self._paragraphs(fresh), now, 0, "independent")

    def _derive(
        self, art_id: str, parent: _Member, kind: str, published: datetime
    ) -> tuple[_Member, float, int, int]:
        rng = self.rng
        depth = parent.depth + 1
        if kind == "verbatim":
            paras = [list(p) for p in parent.paras]
            return _Member(art_id, parent.title, paras, published, depth, kind), 1.0, 0, 0
        if kind == "truncated":
            keep = max(1, round(len(parent.paras) * rng.uniform(0.3, 0.75)))
            paras = [list(p) for p in parent.paras[:keep]]
            return _Member(art_id, parent.title, paras, published, depth, kind), 1.0, 0, 0
        if kind == "near-verbatim":
            return self._near_verbatim(art_id, parent, published, depth)
        return self._paraphrased(art_id, parent, published, depth)

    def _near_verbatim(
        self, art_id: str, parent: _Member, published: datetime, depth: int
    ) -> tuple[_Member, float, int, int]:
        rng = self.rng
        sentences = [_Sentence(s.text, s.msrp_used) for p in parent.paras for s in p]
        edited = 0
        for s in rng.sample(sentences, max(1, len(sentences) // 4)):
            new, swaps = swap_synonyms(s.text, rng, 0.5)
            if swaps:
                s.text, edited = new, edited + 1
        if len(sentences) > 4 and rng.random() < 0.5:
            sentences.pop(rng.randrange(1, len(sentences)))
        taken = len(sentences)
        if rng.random() < 0.5:
            sentences.insert(rng.randrange(1, len(sentences) + 1), _Sentence(self.plain()))
        member = _Member(
            art_id, parent.title, self._paragraphs(sentences), published, depth, "near-verbatim"
        )
        return member, taken / len(sentences), 0, edited

    def _paraphrased(
        self, art_id: str, parent: _Member, published: datetime, depth: int
    ) -> tuple[_Member, float, int, int]:
        rng = self.rng
        out: list[_Sentence] = []
        msrp = spun = 0
        for p in parent.paras:
            for s in p:
                if rng.random() < 0.15:  # dropped
                    continue
                partner = None if s.msrp_used else self.pool.paraphrases.get(s.text)
                if partner is not None:
                    out.append(_Sentence(partner, True))
                    msrp += 1
                else:
                    out.append(_Sentence(spin(s.text, rng), s.msrp_used))
                    spun += 1
        if not out:
            out.append(_Sentence(spin(parent.paras[0][0].text, rng)))
            spun += 1
        taken = len(out)
        for _ in range(rng.randint(0, 2)):  # a few sentences of its own
            out.insert(rng.randrange(len(out) + 1), _Sentence(self.plain()))
        title = spin(parent.title, rng)
        member = _Member(art_id, title, self._paragraphs(out), published, depth, "paraphrased")
        return member, taken / len(out), msrp, spun


def _site_names(n: int, rng: random.Random) -> list[str]:
    first = "daily morning evening valley coast metro river north south capital county city"
    second = "herald times post courier tribune ledger gazette wire journal news record observer"
    names = [f"{a}{b}" for a in first.split() for b in second.split()]
    rng.shuffle(names)
    return [f"{names[i % len(names)]}{i // len(names) or ''}.example" for i in range(n)]


def synthesize(cfg: SynthConfig, pool: SentencePool) -> Iterator[SynthArticle]:
    """The corpus's articles, each with its ground truth (a parent always comes before its
    children, and is published before them)."""
    yield from _Generator(cfg, pool).run()


def write_corpus(
    out_dir: Path, cfg: SynthConfig, pool: SentencePool, fmt: str = "jsonl"
) -> dict[str, Any]:
    """Write the articles (``articles.jsonl``, or ``articles/NNN/ID.txt``) and ``truth.jsonl``.

    Returns counts by kind. ``synth.json`` records the settings and the pool's size.
    """
    if fmt not in ("jsonl", "txt"):
        raise ValueError(f"unknown format {fmt!r}: jsonl or txt")
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = dict.fromkeys(KINDS, 0)
    articles_path = out_dir / "articles.jsonl"
    with (
        (out_dir / "truth.jsonl").open("w", encoding="utf-8") as truth,
        articles_path.open("w", encoding="utf-8") if fmt == "jsonl" else _Null() as rows,
    ):
        for i, art in enumerate(synthesize(cfg, pool)):
            counts[art.kind] += 1
            truth.write(json.dumps(art.truth(), ensure_ascii=False) + "\n")
            if fmt == "jsonl":
                rows.write(json.dumps(art.row(), ensure_ascii=False) + "\n")
            else:
                folder = out_dir / "articles" / f"{i // 1000:04d}"
                folder.mkdir(parents=True, exist_ok=True)
                body = "\n\n".join(art.paragraphs)
                (folder / f"{art.id}.txt").write_text(f"{art.title}\n\n{body}\n", "utf-8")
    meta: dict[str, Any] = {
        "config": asdict(cfg),
        "pool": pool.describe(),
        "counts": counts,
        "format": fmt,
    }
    (out_dir / "synth.json").write_text(json.dumps(meta, indent=2) + "\n", "utf-8")
    return meta


class _Null:
    def __enter__(self) -> _Null:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, _: str) -> None:
        return None


def read_truth(path: Path) -> Iterator[dict[str, object]]:
    """The ground-truth rows of a corpus written by :func:`write_corpus`."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


__all__ = [
    "DERIVED",
    "KINDS",
    "SentencePool",
    "SynthArticle",
    "SynthConfig",
    "load_pool",
    "read_truth",
    "reorder_clauses",
    "spin",
    "split_sentences",
    "swap_synonyms",
    "synthesize",
    "write_corpus",
]
