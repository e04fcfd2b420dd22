"""``compare``: one copy against one source, every stage that answers for a pair.

The compare engine aligns the two texts; the change detector says what the copy changed;
the direction of reuse says who derives from whom. The CLI, the REST API and the web app all
call :func:`compare_articles`, so a comparison reads the same in every face.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from unspun.align import AlignConfig, Embedder, align_articles
from unspun.changes import ChangeConfig, detect_changes
from unspun.model import Alignment, Article, Change
from unspun.provenance import Direction, DirectionConfig, infer_direction


@dataclass(frozen=True, slots=True)
class CompareConfig:
    align: AlignConfig = field(default_factory=AlignConfig)
    change: ChangeConfig = field(default_factory=ChangeConfig)
    direction: DirectionConfig = field(default_factory=DirectionConfig)


@dataclass(frozen=True, slots=True)
class Comparison:
    copy: Article
    source: Article
    alignment: Alignment
    model: str | None  # the sentence model used; None: lexical evidence only
    changes: tuple[Change, ...]
    provenance: Direction


def compare_articles(
    copy: Article,
    source: Article,
    cfg: CompareConfig | None = None,
    embedder: Embedder | None = None,
    nlp: object | None = None,
) -> Comparison:
    """Align ``copy`` with ``source`` (with the sentence model when ``embedder`` is given,
    else on lexical evidence), then say what the copy changed and who derives from whom."""
    cfg = cfg or CompareConfig()
    align_cfg = cfg.align if embedder is not None else replace(cfg.align, model="none")
    alignment = align_articles(copy, source, align_cfg, embedder=embedder)
    return Comparison(
        copy=copy,
        source=source,
        alignment=alignment,
        model=align_cfg.model if embedder is not None else None,
        changes=detect_changes(copy, source, alignment, cfg.change, nlp),
        provenance=infer_direction(copy, source, alignment, cfg.direction),
    )
