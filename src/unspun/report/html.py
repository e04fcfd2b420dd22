"""The HTML report of a comparison: one self-contained page (inline CSS and JS, no assets).

The two articles stand side by side; every sentence is coloured by its label, and hovering
or clicking one lights up its partner on the other side. Inside near-verbatim and paraphrase
pairs the words that differ are marked. All article text is HTML-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from unspun.model import Alignment, Article, Change, Label, Span
from unspun.provenance import Direction
from unspun.report.common import (
    Word,
    change_counts,
    changes_in_order,
    copy_rows,
    diff_ops,
    dropped_spans,
    pct,
    spans_text,
    verdict,
    word_diff,
)


@dataclass(frozen=True, slots=True)
class _Mark:
    """A highlighted range in one field of one side."""

    start: int
    end: int
    label: Label
    pairs: tuple[str, ...]  # ids of the pairs it belongs to ("" for new/dropped)
    words: tuple[Word, ...]


# a changed range in one field: (start, end, css class, tooltip)
_Hit = tuple[int, int, str, str]


def render_html(
    copy: Article,
    source: Article,
    alignment: Alignment,
    *,
    model: str | None = None,
    changes: tuple[Change, ...] | None = None,
    provenance: Direction | None = None,
) -> str:
    """The whole page as a string; ``changes``, when given, are highlighted and listed;
    ``provenance``, the direction of reuse, is stated under the verdict."""
    copy_marks, source_marks = _marks(copy, source, alignment)
    copy_hits, source_hits = _hits(changes or ())
    s = alignment.summary
    body = [
        "<header>",
        "<h1>unspun compare</h1>",
        f'<p class="verdict {"reuse" if s.reuse else "clean"}">{_e(verdict(s))}</p>',
        _provenance(provenance),
        '<ul class="shares">',
        f"<li><b>{pct(s.copy_share)}</b> of the copy explained by the source</li>",
        f"<li><b>{pct(s.verbatim_share)}</b> verbatim or near-verbatim</li>",
        f"<li><b>{pct(s.paraphrase_share)}</b> paraphrased</li>",
        f"<li><b>{pct(s.source_share)}</b> of the source reused</li>",
        f"<li>{len(alignment.pairs)} pairs, {len(alignment.new)} new, "
        f"{len(alignment.dropped)} dropped</li>",
        f"<li>matcher: {_e('sentence model ' + model) if model else 'lexical only'}</li>",
        "</ul>",
        _legend(),
        "</header>",
        '<main class="sides">',
        _side("copy", copy, copy_marks, copy_hits),
        _side("source", source, source_marks, source_hits),
        "</main>",
        _change_list(changes) if changes is not None else "",
        _pair_list(copy, source, alignment),
    ]
    return _PAGE.format(title=_e("unspun: " + (copy.title or copy.id)), body="\n".join(body))


def _e(text: str) -> str:
    return escape(text, quote=True)


def _marks(
    copy: Article, source: Article, alignment: Alignment
) -> tuple[dict[tuple[str, int], list[_Mark]], dict[tuple[str, int], list[_Mark]]]:
    copy_marks: dict[tuple[str, int], list[_Mark]] = {}
    source_marks: dict[tuple[str, int], dict[Span, _Mark]] = {}
    for row in copy_rows(alignment):
        pid = f"p{row.number}" if row.pair is not None else ""
        cw: dict[Span, list[Word]] = {}
        sw: dict[Span, list[Word]] = {}
        if row.pair is not None and row.label in (Label.NEAR_VERBATIM, Label.PARAPHRASE):
            cw, sw = word_diff(copy, source, row.pair)
        for span in row.copy:
            mark = _Mark(
                span.start, span.end, row.label, (pid,) if pid else (), tuple(cw.get(span, ()))
            )
            copy_marks.setdefault((span.field, span.index), []).append(mark)
        for span in row.source:
            marks = source_marks.setdefault((span.field, span.index), {})
            old = marks.get(span)
            if old is None:
                marks[span] = _Mark(
                    span.start, span.end, row.label, (pid,), tuple(sw.get(span, ()))
                )
            else:  # one source sentence used by several copy units
                marks[span] = _Mark(old.start, old.end, old.label, (*old.pairs, pid), old.words)
    for span in dropped_spans(alignment):
        marks = source_marks.setdefault((span.field, span.index), {})
        marks.setdefault(span, _Mark(span.start, span.end, Label.DROPPED, (), ()))
    return copy_marks, {key: list(m.values()) for key, m in source_marks.items()}


def _hits(
    changes: tuple[Change, ...],
) -> tuple[dict[tuple[str, int], list[_Hit]], dict[tuple[str, int], list[_Hit]]]:
    """The changed ranges of each side, by field, with their severity class and a tooltip."""
    copy_hits: dict[tuple[str, int], list[_Hit]] = {}
    source_hits: dict[tuple[str, int], list[_Hit]] = {}
    for number, change in enumerate(changes_in_order(changes), start=1):
        tip = f"{change.severity} · {change.kind}: {change.explanation}"
        css = f"chg sev-{change.severity}"
        for span, hits in ((change.copy_span, copy_hits), (change.source_span, source_hits)):
            if span is not None and span.end > span.start:
                hits.setdefault((span.field, span.index), []).append(
                    (span.start, span.end, f"{css} c{number}", tip)
                )
    return copy_hits, source_hits


def _side(
    name: str,
    article: Article,
    marks: dict[tuple[str, int], list[_Mark]],
    hits: dict[tuple[str, int], list[_Hit]] | None = None,
) -> str:
    hits = hits or {}
    meta = [article.site, article.published, ", ".join(article.wire), article.url]
    meta_html = " · ".join([*(_e(m) for m in meta if m), f"id <code>{_e(article.id)}</code>"])
    parts = [
        f'<section class="side {name}">',
        f'<h2 class="side-name">{name}</h2>',
        f'<p class="meta">{meta_html}</p>',
        '<h3 class="title">'
        + _field_html(
            name, article.title, marks.get(("title", 0), []), None, hits.get(("title", 0), [])
        )
        + "</h3>",
    ]
    for para in _paragraphs(article.text):
        inner = _field_html(
            name, article.text, marks.get(("body", 0), []), para, hits.get(("body", 0), [])
        )
        parts.append(f"<p>{inner}</p>")
    for i, cap in enumerate(article.captions):
        inner = _field_html(
            name, cap.text, marks.get(("caption", i), []), None, hits.get(("caption", i), [])
        )
        parts.append(f'<p class="caption">{inner}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for chunk in text.split("\n\n"):
        if chunk.strip():
            out.append((pos, pos + len(chunk)))
        pos += len(chunk) + 2
    return out


def _field_html(
    side: str,
    text: str,
    marks: list[_Mark],
    bounds: tuple[int, int] | None = None,
    hits: list[_Hit] | None = None,
) -> str:
    """A field's text (or the part within ``bounds``) with its marks as spans, escaped;
    changed ranges (``hits``) are wrapped in ``<mark>`` inside them."""
    hits = hits or []
    lo, hi = bounds if bounds is not None else (0, len(text))
    out = []
    pos = lo
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        start, end = max(mark.start, pos), min(mark.end, hi)
        if end <= start:
            continue
        out.append(_hit_html(text, pos, start, hits))
        pairs = " ".join(mark.pairs)
        attrs = f' data-pair="{_e(pairs)}" tabindex="0"' if pairs else ""
        tip = mark.label.value + (f" ({_e(pairs)})" if pairs else "")
        out.append(f'<span class="u l-{mark.label.value}"{attrs} title="{tip}">')
        out.append(_words_html(text, start, end, mark.words, side, hits))
        out.append("</span>")
        pos = end
    out.append(_hit_html(text, pos, hi, hits))
    return "".join(out)


def _words_html(
    text: str,
    start: int,
    end: int,
    words: tuple[Word, ...],
    side: str,
    hits: list[_Hit] | None = None,
) -> str:
    """Text of a span with runs of changed words wrapped in <ins> (copy) or <del> (source)."""
    tag = "ins" if side == "copy" else "del"
    runs: list[list[int]] = []
    for word in words:
        if not word.changed or word.start < start or word.end > end:
            continue
        if runs and not text[runs[-1][1] : word.start].strip():
            runs[-1][1] = word.end  # only whitespace between: one run
        else:
            runs.append([word.start, word.end])
    hits = hits or []
    out = []
    pos = start
    for run_start, run_end in runs:
        out.append(_hit_html(text, pos, run_start, hits))
        out.append(f"<{tag}>{_hit_html(text, run_start, run_end, hits)}</{tag}>")
        pos = run_end
    out.append(_hit_html(text, pos, end, hits))
    return "".join(out)


def _plain(text: str) -> str:
    return _e(text).replace("\n", "<br>")


def _hit_html(text: str, start: int, end: int, hits: list[_Hit]) -> str:
    """``text[start:end]`` escaped, the parts inside changed ranges wrapped in <mark>."""
    out = []
    pos = start
    for h_start, h_end, css, tip in sorted(hits):
        a, b = max(h_start, pos), min(h_end, end)
        if b <= a:
            continue
        out.append(_plain(text[pos:a]))
        out.append(f'<mark class="{css}" title="{_e(tip)}">{_plain(text[a:b])}</mark>')
        pos = b
    out.append(_plain(text[pos:end]))
    return "".join(out)


def _change_list(changes: tuple[Change, ...]) -> str:
    counts = change_counts(changes)
    summary = ", ".join(f"{n} {sev}" for sev, n in counts.items() if n) or "none found"
    items = []
    for number, change in enumerate(changes_in_order(changes), start=1):
        sides = []
        if change.copy_text:
            sides.append(f"<div>copy: <ins>{_e(change.copy_text)}</ins></div>")
        if change.source_text:
            sides.append(f"<div>source: <del>{_e(change.source_text)}</del></div>")
        where = " · headline" if change.copy_span and change.copy_span.field == "title" else ""
        items.append(
            f'<li class="change sev-{_e(change.severity)}" id="c{number}">'
            f'<span class="tag">{number} · {_e(change.severity)} · {_e(change.kind)}{where}'
            f"</span>{''.join(sides)}<div class=why>{_e(change.explanation)}</div></li>"
        )
    return (
        f'<section class="changes"><h2>What the copy changed ({len(changes)}: {summary})</h2>'
        f"<ol>{''.join(items)}</ol></section>"
    )


def _pair_list(copy: Article, source: Article, alignment: Alignment) -> str:
    items = []
    for row in copy_rows(alignment):
        label = row.label.value
        copy_text = spans_text(copy, row.copy)
        if row.pair is None:
            diff = f"<ins>{_e(copy_text)}</ins>"
            score = ""
        else:
            diff = _inline_diff(copy_text, spans_text(source, row.source), row.label)
            score = f" <span class=score>score {row.pair.score:.2f}</span>"
        pid = f' data-pair="p{row.number}" tabindex="0"' if row.pair is not None else ""
        items.append(
            f'<li class="row l-{label}"{pid}><span class="tag">{row.number} · {label}</span>'
            f"{score}<div class=diff>{diff}</div></li>"
        )
    for span in dropped_spans(alignment):
        text = _e(spans_text(source, (span,)))
        items.append(
            f'<li class="row l-dropped"><span class="tag">dropped</span>'
            f"<div class=diff><del>{text}</del></div></li>"
        )
    return (
        '<section class="pairs"><h2>Sentence by sentence</h2>'
        "<p class=hint>Source words the copy removed are struck through; words the copy "
        "added are underlined.</p>"
        f"<ol>{''.join(items)}</ol></section>"
    )


def _inline_diff(copy_text: str, source_text: str, label: Label) -> str:
    if label == Label.VERBATIM:
        return _e(copy_text)
    out = []
    for op, text in diff_ops(copy_text, source_text):
        if op == "same":
            out.append(_e(text))
        else:
            tag = "ins" if op == "ins" else "del"
            out.append(f"<{tag}>{_e(text)}</{tag}>")
    return " ".join(out)


def _provenance(direction: Direction | None) -> str:
    if direction is None:
        return ""
    reasons = "".join(f"<li>{_e(r)}</li>" for r in direction.reasons)
    return (
        f'<div class="provenance"><p><b>Provenance:</b> {_e(direction.verdict)}</p>'
        f"<ul>{reasons}</ul></div>"
    )


def _legend() -> str:
    labels = [Label.VERBATIM, Label.NEAR_VERBATIM, Label.PARAPHRASE, Label.NEW, Label.DROPPED]
    chips = "".join(f'<span class="u l-{lab.value}">{lab.value}</span> ' for lab in labels)
    return f'<p class="legend">{chips}</p>'


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
:root {{ --verbatim:#f8c4c4; --near:#fbd9a8; --para:#e3c8f5; --new:#c8ecc8; --drop:#e4e4e4; }}
* {{ box-sizing: border-box; }}
body {{ font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto;
  max-width: 1400px; padding: 1rem; color: #1b1b1b; background: #fff; }}
h1 {{ font-size: 1.3rem; margin: 0 0 .3rem; }}
.verdict {{ font-weight: 600; margin: .2rem 0; }}
.verdict.reuse {{ color: #a11; }} .verdict.clean {{ color: #161; }}
.shares {{ list-style: none; padding: 0; margin: .3rem 0; display: flex; flex-wrap: wrap;
  gap: .3rem 1.2rem; }}
.legend .u {{ padding: 0 .4rem; border-radius: 3px; }}
.sides {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; margin-top: 1rem; }}
.side {{ min-width: 0; overflow-wrap: anywhere; }}
.side-name {{ text-transform: uppercase; font-size: .8rem; letter-spacing: .08em; color: #666;
  margin: 0; }}
.meta {{ color: #666; font-size: .85rem; margin: .2rem 0; }}
.title {{ font-size: 1.15rem; margin: .4rem 0 .8rem; }}
.caption {{ font-size: .9rem; color: #444; border-left: 3px solid #ccc; padding-left: .6rem; }}
.u {{ border-radius: 3px; padding: 1px 0; cursor: pointer; transition: outline .1s; }}
.l-verbatim {{ background: var(--verbatim); }}
.l-near-verbatim {{ background: var(--near); }}
.l-paraphrase {{ background: var(--para); }}
.l-new {{ background: var(--new); cursor: default; }}
.l-dropped {{ background: var(--drop); color: #555; cursor: default; }}
.u.hl {{ outline: 2px solid #222; background-image: linear-gradient(#0000001a, #0000001a); }}
ins {{ text-decoration: underline 2px; font-weight: 600; }}
del {{ text-decoration: line-through; color: #8a1c1c; }}
.pairs ol, .changes ol {{ list-style: none; padding: 0; }}
mark.chg {{ background: none; border-bottom: 3px solid; padding: 0 1px; }}
mark.sev-high {{ border-color: #c00; }} mark.sev-medium {{ border-color: #e08a00; }}
mark.sev-low {{ border-color: #2a5db0; border-bottom-style: dashed; }}
.change {{ margin: .5rem 0; padding: .4rem .6rem; border-left: 4px solid #999; }}
.change.sev-high {{ border-color: #c00; }} .change.sev-medium {{ border-color: #e08a00; }}
.change.sev-low {{ border-color: #2a5db0; }}
.why {{ color: #444; font-size: .9rem; font-style: italic; }}
.row {{ margin: .5rem 0; padding: .4rem .6rem; border-radius: 4px; }}
.row.hl {{ outline: 2px solid #222; }}
.tag {{ font-weight: 600; font-size: .85rem; }}
.score, .hint {{ color: #555; font-size: .85rem; }}
@media (max-width: 760px) {{
  body {{ padding: .6rem; font-size: 15px; }}
  .sides {{ grid-template-columns: 1fr; }}
}}
</style>
</head>
<body>
{body}
<script>
(function () {{
  function light(ids, on) {{
    ids.split(" ").forEach(function (id) {{
      if (!id) return;
      document.querySelectorAll("[data-pair~='" + id + "']").forEach(function (el) {{
        el.classList.toggle("hl", on);
      }});
    }});
  }}
  document.querySelectorAll("[data-pair]").forEach(function (el) {{
    var ids = el.getAttribute("data-pair");
    el.addEventListener("mouseenter", function () {{ light(ids, true); }});
    el.addEventListener("mouseleave", function () {{ light(ids, false); }});
    el.addEventListener("click", function () {{
      var side = el.closest(".side");
      var other = null;
      ids.split(" ").some(function (id) {{
        document.querySelectorAll("[data-pair~='" + id + "']").forEach(function (c) {{
          if (!other && c !== el && c.closest(".side") && c.closest(".side") !== side) other = c;
        }});
        return other;
      }});
      if (other) other.scrollIntoView({{ behavior: "smooth", block: "center" }});
    }});
  }});
}})();
</script>
</body>
</html>
"""
