"""Reading story families back: the original, each member's relation, the timeline, growth.

The family tables (:mod:`unspun.provenance.families`) keep only membership and pairwise links;
a :class:`StoryFamily` is put together from them when asked for, so it always reflects the
links as they are now. Growth (what each version adds over the versions before it) needs the
texts, so it is computed only for one family at a time (``unspun story ID``).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from unspun.align import AlignConfig, align_articles
from unspun.errors import NotFound
from unspun.model import Article
from unspun.provenance.records import FamilyMember, Layer, Relation, StoryFamily
from unspun.store import SqliteStore


@dataclass(frozen=True, slots=True)
class MemberMeta:
    id: str
    title: str
    site: str
    when: str
    words: int
    wire: tuple[str, ...]
    lede: str = ""  # the opening of the body, to tell a real headline from a site's filler
    clock: str = ""  # which clock ``when`` is on (see :func:`when`)


@dataclass(frozen=True, slots=True)
class FamilyLink:
    a: str
    b: str
    share_a: float
    share_b: float
    verbatim: float
    relation: Relation
    confidence: float
    source: str
    cut_short: str
    earlier: str

    def share(self, member: str) -> float:
        return self.share_a if member == self.a else self.share_b

    def other(self, member: str) -> str:
        return self.b if member == self.a else self.a

    def derived(self) -> str:
        if self.relation == Relation.A_FROM_B:
            return self.a
        if self.relation == Relation.B_FROM_A:
            return self.b
        return ""


def family_ids(conn: sqlite3.Connection, min_size: int = 1) -> list[int]:
    """Family numbers, largest family first."""
    rows = conn.execute(
        "SELECT family, COUNT(*) AS n FROM fam_members GROUP BY family HAVING n >= ? "
        "ORDER BY n DESC, family",
        (min_size,),
    )
    return [int(r[0]) for r in rows]


def family_of(conn: sqlite3.Connection, article_id: str) -> int:
    row = conn.execute(
        "SELECT family FROM fam_members WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"article {article_id} is in no story family yet")
    return int(row[0])


def load_family(store: SqliteStore, family: int, growth: bool = False) -> StoryFamily:
    """One family, members in timeline order; with ``growth``, what each version adds."""
    conn = store.conn
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT article_id FROM fam_members WHERE family = ? ORDER BY placed", (family,)
        )
    ]
    if not ids:
        raise NotFound(f"no story family {family} (see `unspun stories`)")
    meta = _metas(conn, ids)
    links = _read_links(conn, ids)
    found = build_family(
        family, [meta[m] for m in ids if m in meta], links, _compilers(conn, family)
    )
    found = replace(found, events=_events(conn, ids))
    if growth:
        found = replace(found, members=tuple(_with_growth(store, list(found.members), links)))
    return found


def build_family(
    number: int,
    metas: list[MemberMeta],
    links: list[FamilyLink],
    compilers: Sequence[FamilyMember] = (),
    events: tuple[str, ...] = (),
) -> StoryFamily:
    """A family from its members (in placing order) and the links between them: the likely
    original, each member's layer, relation and parent, in timeline order. A pure function:
    the library (:func:`load_family`) and the Spark batch both call it."""
    meta = {m.id: m for m in metas}
    wire = _wire(meta.values())
    original, label = _original(meta, links, wire)
    rank = _timeline(meta, original)
    members = [_member(m.id, meta, links, original, wire, rank) for m in metas]
    members += compilers
    members.sort(key=lambda x: (time_key(x.when), x.article_id))
    return StoryFamily(
        id=number,
        title=_title(meta.values(), original),
        original=original,
        original_label=label,
        wire=wire,
        members=tuple(members),
        events=events,
    )


def member_meta(article: Article) -> MemberMeta:
    """What a family shows of one member, from the article."""
    time, clock = when(article.published, article.fetched)
    words = len(article.text.split())
    return MemberMeta(article.id, article.title, article.site, time, words, article.wire,
                      article.text[:800], clock)  # fmt: skip


def compiler_member(meta: MemberMeta, others: int) -> FamilyMember:
    """A digest or live blog shown in a family whose story it carries among ``others``."""
    more = f" and {others} other stor{'y' if others == 1 else 'ies'}" if others else ""
    relation = f"compiles passages of this story{more}"
    return FamilyMember(
        meta.id, meta.title, meta.site, meta.when, meta.words, Layer.REUSE, relation, "", 0.0,
        clock=meta.clock,
    )  # fmt: skip


# -- pieces --------------------------------------------------------------------------------


def _metas(conn: sqlite3.Connection, ids: list[str]) -> dict[str, MemberMeta]:
    found: dict[str, MemberMeta] = {}
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, title, site, published, fetched, words, wire, substr(text, 1, 800) "
            f"FROM articles "
            f"WHERE id IN ({marks})",
            chunk,
        )
        for aid, title, site, published, fetched, words, wire, lede in rows:
            time, clock = when(published, fetched)
            found[aid] = MemberMeta(aid, title, site, time, int(words),
                               tuple(filter(None, wire.split(","))), lede, clock)  # fmt: skip
    return found


def when(published: str, fetched: str) -> tuple[str, str]:
    """The time a timeline orders an article by, and which clock gave it.

    The publication time when the page gives one; a page that gives only the day is placed
    at its fetch time when it was fetched that day; else the day alone; with no publication
    date at all, the fetch time.
    """
    if "T" in published:
        return published, "published"
    if published and fetched[:10] == published[:10]:
        return fetched, "published that day, fetched at"
    if published:
        return published, "published (day only)"
    return fetched, "fetched" if fetched else ""


def time_key(value: str) -> tuple[int, str]:
    """Sorts ISO times on one clock: offsets folded to UTC, undated last."""
    if not value:
        return 1, ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return 0, value
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return 0, moment.isoformat()


def _read_links(conn: sqlite3.Connection, ids: list[str]) -> list[FamilyLink]:
    links: list[FamilyLink] = []
    members = set(ids)
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT a, b, share_a, share_b, verbatim, relation, confidence, source, cut_short, "
            f"earlier FROM fam_links WHERE a IN ({marks})",
            chunk,
        )
        for r in rows:
            if r[1] in members:
                links.append(FamilyLink(r[0], r[1], r[2], r[3], r[4], Relation(r[5]), *r[6:]))
    return links


def _wire(metas: object) -> tuple[str, ...]:
    counts: Counter[str] = Counter(g for m in metas for g in m.wire)  # type: ignore[attr-defined]
    return tuple(g for g, _ in counts.most_common())


def _original(
    meta: dict[str, MemberMeta], links: list[FamilyLink], wire: tuple[str, ...]
) -> tuple[str, str]:
    """The likely original (a member id, or '') and the words that say what it is."""
    if len(meta) == 1:
        only = next(iter(meta))
        return only, "original (no copy of it in the library)"
    directed = [k for k in links if k.derived()]
    common = Counter(k.source for k in links if k.relation == Relation.COMMON_SOURCE and k.source)
    if common:
        agency, n = common.most_common(1)[0]
        if n >= len(directed):
            return "", f"wire story, not in the library: {agency}"
    if directed:
        parents: Counter[str] = Counter()
        children = {k.derived() for k in directed}
        for k in directed:
            parents[k.other(k.derived())] += 1
        roots = [m for m in parents if m not in children] or list(parents)
        best = min(roots, key=lambda m: (-parents[m], time_key(meta[m].when), m))
        return best, "likely original (the others derive from it)"
    if wire:
        return "", f"wire story, not in the library: {wire[0]}"
    first = min(meta.values(), key=lambda m: (time_key(m.when), m.id))
    return first.id, "earliest member (the texts do not tell which came first)"


def _compilers(conn: sqlite3.Connection, family: int) -> list[FamilyMember]:
    """The digests and live blogs that carry passages of the family's story among others."""
    ids = [
        r[0]
        for r in conn.execute("SELECT article_id FROM fam_compiles WHERE family = ?", (family,))
    ]
    found = []
    for mid, m in _metas(conn, ids).items():
        others = conn.execute(
            "SELECT COUNT(*) - 1 FROM fam_compiles WHERE article_id = ?", (mid,)
        ).fetchone()[0]
        found.append(compiler_member(m, int(others)))
    return found


def _timeline(meta: dict[str, MemberMeta], original: str) -> dict[str, int]:
    """Each member's place in the family's one order: the original first, then by time
    (undated last), ties by id. A parent always comes before its child in it, so parent
    links form a forest."""
    order = sorted(meta, key=lambda m: (m != original, time_key(meta[m].when), m))
    return {m: i for i, m in enumerate(order)}


def _member(
    mid: str,
    meta: dict[str, MemberMeta],
    links: list[FamilyLink],
    original: str,
    wire: tuple[str, ...],
    rank: dict[str, int],
) -> FamilyMember:
    """A member and its parent: the closest member before it in the family's order (an exact
    duplicate, else a near-duplicate, else the one it derives from, else the one sharing most
    of it); with none before it, the wire story the family runs, or none."""
    m = meta[mid]
    if mid == original:
        return FamilyMember(mid, m.title, m.site, m.when, m.words, Layer.ORIGINAL, "original",
                            "", 1.0, clock=m.clock)  # fmt: skip
    own = [k for k in links if mid in (k.a, k.b) and k.other(mid) in rank]
    before = [k for k in own if rank[k.other(mid)] < rank[mid]]
    best = max(before or own, key=lambda k: _closeness(k, mid, rank), default=None)
    if best is None:
        return FamilyMember(
            mid, m.title, m.site, m.when, m.words, Layer.REUSE, "member", "", 0.0, clock=m.clock
        )
    layer = _layer(best, mid)
    other = best.other(mid)
    if before and (layer in (Layer.EXACT, Layer.NEAR) or best.derived() == mid or not wire):
        parent = other
    elif wire:
        parent = f"wire:{wire[0]}"
    else:
        parent = ""
    relation = _relation(mid, best, layer, meta.get(other), m, parent == other)
    return FamilyMember(
        mid, m.title, m.site, m.when, m.words, layer, relation, parent,
        round(best.share(mid), 3), clock=m.clock,
    )  # fmt: skip


def _closeness(link: FamilyLink, mid: str, rank: dict[str, int]) -> tuple[int, float, int]:
    layer = _layer(link, mid)
    kind = 3 if layer == Layer.EXACT else 2 if layer == Layer.NEAR else int(link.derived() == mid)
    return kind, link.share(mid), -rank[link.other(mid)]


def _layer(link: FamilyLink, mid: str) -> Layer:
    mine, theirs = link.share(mid), link.share(link.other(mid))
    if mine >= 0.99 and theirs >= 0.99 and link.verbatim >= 0.99:
        return Layer.EXACT
    if mine >= 0.9 and theirs >= 0.9 and link.verbatim >= 0.8:
        return Layer.NEAR
    return Layer.REUSE


def _relation(
    mid: str,
    best: FamilyLink,
    layer: Layer,
    other: MemberMeta | None,
    m: MemberMeta,
    is_parent: bool,
) -> str:
    """The member's relation in words, true by the dates and word counts shown beside it."""
    name = (other.site or other.id) if other else best.other(mid)
    if layer == Layer.EXACT:
        return f"exact duplicate of {name}"
    if layer == Layer.NEAR:
        return f"near-duplicate of {name}"
    if best.cut_short == mid:
        return "republication cut short"
    if other is not None and best.earlier in (mid, other.id) and is_parent:
        return f"{'longer' if m.words > other.words else 'shorter'} version of {name}"
    spun = best.verbatim < 0.5
    if best.derived() == mid and is_parent:
        return f"{'spun (paraphrased)' if spun else 'partial'} copy of {name}"
    if best.relation == Relation.COMMON_SOURCE and best.source:
        return f"{'rewrites' if spun else 'runs'} the {best.source} story"
    return "shares text with " + name


def _title(metas: object, original: str) -> str:
    """The original's title, else the title most members carry that their text bears out,
    else the opening words of the story."""
    items = list(metas)  # type: ignore[call-overload]
    for m in items:
        if m.id == original and m.title:
            return str(m.title)
    counts: Counter[str] = Counter()
    for m in items:
        if m.title.strip() and _borne_out(m.title, m.lede):
            counts[m.title.strip().lower()] += 1
    if not counts:
        titled = next((str(m.title) for m in items if m.title.strip()), "")
        return titled or _opening(items, original)
    top = counts.most_common(1)[0][0]
    return str(next(m.title.strip() for m in items if m.title.strip().lower() == top))


def _opening(items: list[MemberMeta], original: str) -> str:
    """With no headline in the family, the opening words of its original (or of its first
    member), in quotation marks: what a reader needs to know the story, never a blank."""
    first = next((m for m in items if m.id == original), None) or min(
        items, key=lambda m: (time_key(m.when), m.id)
    )
    words = first.lede.split()
    if not words:
        return ""
    text = " ".join(words[:12])
    return f"“{text}…”" if len(words) > 12 else f"“{text}”"


def _borne_out(title: str, lede: str) -> bool:
    """Half the title's longer words occur in the opening of the text (not a site's filler)."""
    words = {w for w in re.findall(r"\w+", title.lower()) if len(w) > 3}
    if not words:
        return False
    text = set(re.findall(r"\w+", lede.lower()))
    return len(words & text) >= 0.5 * len(words)


def _events(conn: sqlite3.Connection, ids: list[str]) -> tuple[str, ...]:
    members = set(ids)
    found: list[str] = []
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        marks = ",".join("?" * len(chunk))
        for a, b in conn.execute(
            f"SELECT a, b FROM fam_events WHERE a IN ({marks}) OR b IN ({marks})", chunk + chunk
        ):
            other = b if a in members else a
            if other not in members and other not in found:
                found.append(other)
    return tuple(found)


def _with_growth(
    store: SqliteStore, members: list[FamilyMember], links: list[FamilyLink]
) -> list[FamilyMember]:
    """Each member against its closest earlier version: the words (and a sentence) it adds.

    The closest earlier version is the earlier member holding most of this one's text (by the
    family links), else the longest earlier member; the first member adds all its words.
    """
    cfg = AlignConfig(model="none")
    out: list[FamilyMember] = []
    seen: dict[str, FamilyMember] = {}
    for member in members:
        article = store.get(member.article_id)
        base = _closest_earlier(member.article_id, seen, links)
        if base is None:
            out.append(_grown(member, member.words, _first_sentence(article.text)))
        else:
            alignment = align_articles(article, store.get(base), cfg, None)
            new = [s for s in alignment.new if s.field == "body"]
            words = sum(len(article.text[s.start : s.end].split()) for s in new)
            sample = article.text[new[0].start : new[0].end] if new else ""
            out.append(_grown(member, words, sample))
        seen[member.article_id] = member
    return out


def _closest_earlier(
    mid: str, seen: dict[str, FamilyMember], links: list[FamilyLink]
) -> str | None:
    linked = [(k.share(mid), k.other(mid)) for k in links if mid in (k.a, k.b)]
    earlier = [(share, other) for share, other in linked if other in seen]
    if earlier:
        return max(earlier)[1]
    if not seen:
        return None
    return max(seen.values(), key=lambda m: m.words).article_id


def _grown(member: FamilyMember, words: int, sample: str) -> FamilyMember:
    sample = " ".join(sample.split())
    if len(sample) > 160:
        sample = sample[:157].rstrip() + "…"
    return FamilyMember(
        member.article_id, member.title, member.site, member.when, member.words, member.layer,
        member.relation, member.parent, member.reuse_share, words, sample, member.clock,
    )  # fmt: skip


def _first_sentence(text: str) -> str:
    from unspun.align import split_sentences

    spans = split_sentences(text)
    return text[spans[0][0] : spans[0][1]] if spans else ""
