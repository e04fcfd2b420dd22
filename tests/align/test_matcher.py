from dataclasses import replace

from unspun.align import AlignConfig, align_articles
from unspun.align.matcher import _chains
from unspun.model import Article, Label, Span


def text_of(article: Article, spans: tuple[Span, ...]) -> str:
    return " ".join(article.field_text(s.field, s.index)[s.start : s.end] for s in spans)


def check_spans(alignment, copy: Article, source: Article) -> None:
    for pair in alignment.pairs:
        for span in pair.copy:
            assert 0 <= span.start < span.end <= len(copy.field_text(span.field, span.index))
        for span in pair.source:
            assert 0 <= span.start < span.end <= len(source.field_text(span.field, span.index))


def run_checks(copy, source, alignment, merged_sources):
    check_spans(alignment, copy, source)
    pairs = {text_of(copy, p.copy)[:20]: p for p in alignment.pairs}
    assert "The port council gav" in pairs
    assert "Council chair Marion" in pairs
    merged = pairs["Green groups caution"]
    assert [text_of(source, (s,))[:24] for s in merged.source] == merged_sources
    new = [text_of(copy, (s,)) for s in alignment.new]
    assert any(t.startswith("Local residents packed") for t in new)
    assert any(t.startswith("Subscribe to our newsletter") for t in new)
    dropped = [text_of(source, (s,)) for s in alignment.dropped]
    assert "The vote was 7 to 2." in dropped
    assert alignment.summary.reuse
    assert 0.4 < alignment.summary.copy_share < 0.9
    assert alignment.summary.paraphrase_share > 0


def test_spun_copy_lexical_only(harbour):
    copy, source = harbour
    alignment = align_articles(copy, source, AlignConfig())
    # without a model the reworded half of the merged sentence is out of reach
    run_checks(copy, source, alignment, ["The council said it woul"])
    assert all(p.evidence.cosine is None for p in alignment.pairs)


def test_spun_copy_with_model(harbour, embedder):
    copy, source = harbour
    alignment = align_articles(copy, source, AlignConfig(), embedder)
    run_checks(copy, source, alignment, ["Environmental groups hav", "The council said it woul"])
    assert all(p.evidence.cosine is not None for p in alignment.pairs)
    title = [p for p in alignment.pairs if p.copy[0].field == "title"]
    assert title and title[0].source[0].field == "title"
    assert title[0].label is Label.PARAPHRASE


def test_verbatim_copy_is_labelled_and_judged_reuse(harbour):
    _, source = harbour
    copy = replace(source, id="copy")
    alignment = align_articles(copy, source, AlignConfig())
    assert alignment.pairs and all(p.label is Label.VERBATIM for p in alignment.pairs)
    assert alignment.summary.copy_share == 1.0 and alignment.summary.verbatim_share == 1.0
    assert not alignment.new and not alignment.dropped


def test_unrelated_article_is_not_reuse(harbour, make_article):
    _, source = harbour
    other = make_article(
        "Library extends opening hours",
        "The central library will open until 9 p.m. on weekdays from next month.\n\n"
        "Librarians said demand for study space had grown since the university expanded.",
    )
    alignment = align_articles(other, source, AlignConfig())
    assert not alignment.pairs
    assert not alignment.summary.reuse
    assert len(alignment.new) == 3


BANNER = "From the Free Web Almanac, the open encyclopedia anyone can edit, jump to navigation"


def test_a_shared_banner_lost_in_a_long_sentence_is_no_pair(make_article):
    school = make_article(
        "",
        f"Ridgeview High School {BANNER} is a public secondary school in Lick Creek that opened "
        "in 2002 to house the students of three smaller schools, and it is now the largest "
        "school in the county with more than seven hundred students enrolled this year.\n\n"
        "Its basketball teams won the district title in 2003 and 2004.\n\n"
        "The first principal retired in 2007 after five years in the post.",
    )
    pay = make_article(
        "",
        f"Equal pay for equal work {BANNER} is the principle that people doing the same work "
        "in the same place should be paid the same, whatever their sex, race or age, and "
        "most countries now write it into their labour laws in one form or another.\n\n"
        "The idea goes back to the International Labour Organization's founding in 1919.\n\n"
        "Critics argue that pay gaps persist because jobs are valued differently.",
    )
    alignment = align_articles(school, pay, AlignConfig())
    assert not alignment.pairs and not alignment.summary.reuse


def test_a_long_run_covering_the_sentence_still_settles_the_pair(make_article):
    run = "the council voted to close the old ferry terminal on the north shore next spring"
    copy = make_article("", f"On Tuesday {run}, officials said.")
    source = make_article("", f"In a narrow vote, {run} despite protests.")
    alignment = align_articles(copy, source, AlignConfig())
    assert len(alignment.pairs) == 1 and alignment.pairs[0].score >= 0.9


def test_a_run_in_a_reworded_sentence_counts_when_the_rest_agrees_too():
    from unspun.align.features import pair_features, tokenize
    from unspun.align.matcher import _run_evidence

    run = "the harbour authority will close the old ferry terminal on the north shore"
    copy = tokenize(
        f"Officials from Portmere, citing storm damage and falling ticket sales, said {run} "
        "by March, while Mayor Ilse Varga promised a new bus link to Kelby and Dunmore, "
        "paid for by the regional transport fund that the council set up after the floods."
    )
    kept = tokenize(
        f"Citing falling ticket sales and storm damage in Portmere, officials said {run}; "
        "Mayor Ilse Varga promised a bus link to Kelby and Dunmore instead, to be paid for "
        "by the regional transport fund set up after the floods."
    )
    banner = tokenize(
        f"Guests at the Lindqvist gallery opening on Friday heard that {run} as part of a "
        "plan nobody in the room had read, before the string quartet began to play."
    )
    idf = dict.fromkeys(copy.content | kept.content | banner.content, 1.0)
    cfg = AlignConfig()
    assert _run_evidence(pair_features(copy, kept, idf), cfg) == 1.0
    assert _run_evidence(pair_features(copy, banner, idf), cfg) < cfg.match_threshold


def test_reordered_copy_still_aligns(harbour, make_article):
    _, source = harbour
    paragraphs = source.text.split("\n\n")
    shuffled = make_article(source.title, "\n\n".join(reversed(paragraphs)))
    alignment = align_articles(shuffled, source, AlignConfig())
    assert all(p.label is Label.VERBATIM for p in alignment.pairs)
    assert not alignment.new


def test_empty_copy(harbour, make_article):
    _, source = harbour
    empty = make_article("", "")
    alignment = align_articles(empty, source, AlignConfig())
    assert not alignment.pairs and not alignment.summary.reuse
    assert alignment.summary.copy_share == 0.0


class RecordingEmbedder:
    """Wraps an embedder and records every sentence it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.seen: list[str] = []
        self.calls = 0

    def encode(self, sentences: list[str]):
        self.calls += 1
        self.seen.extend(sentences)
        return self.inner.encode(sentences)


def test_verbatim_copy_embeds_nothing(harbour, embedder):
    _, source = harbour
    copy = replace(source, id="copy")
    recorder = RecordingEmbedder(embedder)
    alignment = align_articles(copy, source, AlignConfig(), recorder)
    assert recorder.seen == []
    assert alignment.pairs and all(p.label is Label.VERBATIM for p in alignment.pairs)
    # the words settled every pair: no cosine was measured, none is reported
    assert all(p.evidence.cosine is None for p in alignment.pairs)


def test_only_unsettled_sentences_are_embedded_in_one_call(harbour, embedder):
    _, source = harbour
    reworded = (
        "Green groups fear dredging may stir up contaminated mud from a shipyard shut in 1994."
    )
    body = source.text.replace(source.text.split("\n\n")[2].split(". ")[0] + ".", reworded)
    assert reworded in body
    copy = replace(source, id="copy", text=body)
    recorder = RecordingEmbedder(embedder)
    alignment = align_articles(copy, source, AlignConfig(), recorder)
    assert recorder.calls == 1
    assert reworded in recorder.seen
    assert "The vote was 7 to 2." not in recorder.seen  # copied verbatim: settled by the words
    pair = next(p for p in alignment.pairs if text_of(copy, p.copy).startswith("Green groups"))
    assert text_of(source, pair.source).startswith("Environmental groups have warned")
    assert pair.evidence.cosine is not None


def test_settling_changes_no_pair(harbour, embedder):
    copy, source = harbour
    every = align_articles(copy, source, AlignConfig(settled_score=1.01), embedder)
    settled = align_articles(copy, source, AlignConfig(), embedder)
    assert [(p.copy, p.source, p.label) for p in settled.pairs] == [
        (p.copy, p.source, p.label) for p in every.pairs
    ]
    assert settled.summary == every.summary


def test_chain_of_moderate_pairs_in_order():
    cfg = AlignConfig()
    scores = {(3, 7): 0.42, (4, 8): 0.45, (9, 1): 0.3}
    assert _chains(scores, set(), cfg) == [[(3, 7), (4, 8)]]


def test_no_chain_from_one_pair_or_out_of_order_or_far_apart():
    cfg = AlignConfig()
    assert _chains({(3, 7): 0.6}, set(), cfg) == []
    assert _chains({(3, 8): 0.45, (4, 7): 0.45}, set(), cfg) == []  # reversed
    far = cfg.chain_gap + 1
    assert _chains({(3, 7): 0.45, (3 + far, 8): 0.45}, set(), cfg) == []
    # both in order but together too little above the floor
    low = cfg.chain_floor + 0.02
    assert _chains({(3, 7): low, (4, 8): low}, set(), cfg) == []


def test_linked_sentences_take_no_part_in_chains():
    cfg = AlignConfig()
    scores = {(3, 7): 0.45, (4, 8): 0.45, (5, 9): 0.45}
    assert _chains(scores, {(4, 20), (30, 9)}, cfg) == []  # only (3, 7) is left
    assert _chains(scores, {(4, 20)}, cfg) == [[(3, 7), (5, 9)]]  # a step may skip one
    assert _chains(scores, {(10, 20)}, cfg) == [[(3, 7), (4, 8), (5, 9)]]


def test_reworded_passage_without_a_sure_pair_is_found_by_its_chain(make_article):
    cfg = AlignConfig()
    source = make_article(
        "Orchard report",
        "Frost in early April damaged most apple blossoms across the valley orchards. "
        "Growers expect the autumn harvest to fall by nearly half compared with last year. "
        "Cider makers are already buying fruit from farms in neighbouring counties.",
    )
    copy = make_article(
        "Weekly notes",
        "The school fete raised money for new library shelves this spring. "
        "April frost hurt apple blossoms in many orchards of the valley, locals noted. "
        "Harvest this autumn could be half of last year's, growers now expect. "
        "Makers of cider buy apples from farms in counties nearby already.",
    )
    with_chains = align_articles(copy, source, cfg)
    without = align_articles(copy, source, replace(cfg, chain_min=99.0))
    assert len(with_chains.pairs) > len(without.pairs)
    assert with_chains.summary.reuse
