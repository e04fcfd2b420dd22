from __future__ import annotations

from dataclasses import replace

import pytest

from tests.pipeline.conftest import LEXICAL, RETRIEVE, demo
from unspun.align.matcher import align_units, article_units
from unspun.model import Alignment, Article, content_id, paragraphs_of
from unspun.pipeline import CheckConfig, check_article, sync_index
from unspun.pipeline.check import (
    DUPLICATE,
    ORIGINAL,
    PARTLY_DERIVED,
    RELATED,
    SAME_EVENT,
    SOURCE,
    SPUN_COPY,
    VERBATIM_COPY,
    _explained,
    _may_add,
    name,
    pct,
)
from unspun.retrieve.index import SourceIndex
from unspun.retrieve.sync import drop_index, pending_vectors


def origin_name(article: Article) -> str:
    return article.origin.rsplit("/", 1)[-1]


def test_verbatim_republication_cut_short(library, lexical) -> None:
    store, index = library
    result = check_article(demo("valleyherald_ferry_aground.txt"), store, index, lexical, LEXICAL)
    assert result.kind == VERBATIM_COPY
    first = result.sources[0]
    assert (first.rank, first.role) == (1, SOURCE)
    assert origin_name(first.source) == "ap_ferry_aground.txt"
    assert first.share == 1.0 and first.verbatim_share == 1.0
    assert "cut short" in result.verdict
    assert all(m.role == RELATED for m in result.sources[1:])


def test_spun_copy_found_on_lexical_evidence(library, lexical) -> None:
    store, index = library
    result = check_article(demo("trendpulse_ferry_spun.txt"), store, index, lexical, LEXICAL)
    assert result.kind == SPUN_COPY
    first = result.sources[0]
    assert origin_name(first.source) == "ap_ferry_aground.txt"
    assert first.paraphrase_share > first.verbatim_share
    assert result.explained_share == first.new_share >= 0.8


def test_two_sources_each_explain_their_part(library, lexical) -> None:
    store, index = library
    ferry = demo("ap_ferry_aground.txt")
    brewery = demo("brewery_rail_depot.txt")
    body = "\n\n".join(ferry.text.split("\n\n")[:4] + brewery.text.split("\n\n")[:4])
    merged = Article(
        content_id("Weekend roundup", body), body, "Weekend roundup", paragraphs_of(body)
    )
    result = check_article(merged, store, index, lexical, LEXICAL)
    assert result.kind == PARTLY_DERIVED
    cover = [origin_name(m.source) for m in result.cover]
    assert sorted(cover) == ["ap_ferry_aground.txt", "brewery_rail_depot.txt"]
    assert [m.rank for m in result.cover] == [1, 2]
    assert result.explained_share == pytest.approx(sum(m.new_share for m in result.cover))
    assert all(name in result.verdict for name in (ferry.title, brewery.title))


def test_second_copy_of_the_same_story_is_a_duplicate(library, lexical) -> None:
    store, index = library
    store.add(demo("valleyherald_ferry_aground.txt", site="valleyherald.example"))
    result = check_article(demo("trendpulse_ferry_spun.txt"), store, index, lexical, LEXICAL)
    roles = {origin_name(m.source): m.role for m in result.sources}
    assert roles["ap_ferry_aground.txt"] == SOURCE
    assert roles["valleyherald_ferry_aground.txt"] == DUPLICATE
    assert len(result.cover) == 1


def test_unrelated_story_is_original(library, lexical) -> None:
    store, index = library
    text = (
        "The county fair opens on Friday with a new livestock barn, a pie contest judged by "
        "the mayor and a fireworks show over the reservoir.\n\nOrganisers expect 40,000 "
        "visitors over the four days, up from 31,000 last year."
    )
    article = Article(content_id("Fair opens", text), text, "Fair opens", paragraphs_of(text))
    result = check_article(article, store, index, lexical, LEXICAL)
    assert result.kind == ORIGINAL
    assert not result.cover and result.explained_share == 0.0
    assert "original" in result.verdict


def test_independent_report_of_the_same_event(library, lexical) -> None:
    store, index = library
    reuters = demo("reuters_ferry_aground.txt")
    store.remove(reuters.id)
    result = check_article(reuters, store, index, lexical, LEXICAL)
    assert result.kind == SAME_EVENT
    assert not any(m.reuse for m in result.sources)
    assert demo("ap_ferry_aground.txt").title in result.verdict


def test_article_in_the_library_is_not_its_own_source(library, lexical) -> None:
    store, index = library
    ap = demo("ap_ferry_aground.txt")
    result = check_article(ap, store, index, lexical, LEXICAL)
    assert ap.id not in result.ranking()


def test_changes_reported_for_sources_of_the_cover_only(library, lexical) -> None:
    store, index = library
    store.add(demo("valleyherald_ferry_aground.txt", site="valleyherald.example"))
    cfg = replace(LEXICAL, changes=True)
    result = check_article(demo("trendpulse_ferry_spun.txt"), store, index, lexical, cfg)
    first = result.sources[0]
    assert any(c.kind for c in first.changes)
    assert all(not m.changes for m in result.sources if m.role != SOURCE)


def test_ranking_lists_aligned_sources_then_other_candidates(library, lexical) -> None:
    store, index = library
    cfg = replace(LEXICAL, align_top=1, patience=0)
    result = check_article(demo("trendpulse_ferry_spun.txt"), store, index, lexical, cfg)
    assert len(result.sources) == 1
    ranking = result.ranking()
    assert ranking[0] == result.sources[0].source.id
    assert len(ranking) == len(set(ranking)) == len(result.candidates)


def test_sync_index_catches_up_with_the_library(library) -> None:
    store, _ = library
    drop_index(store.conn)
    fresh = SourceIndex(store.conn, RETRIEVE)
    assert sync_index(store, fresh) == store.count()
    assert len(fresh) == store.count()
    assert sync_index(store, fresh) == 0  # nothing left to do
    store.conn.execute("DELETE FROM articles WHERE id = ?", (demo("ap_heat_wave.txt").id,))
    sync_index(store, fresh)
    assert len(fresh) == store.count()


def test_spun_copy_and_same_event_with_the_model(with_vectors) -> None:
    store, index, resources = with_vectors
    assert pending_vectors(index) == 0
    cfg = CheckConfig(retrieve=RETRIEVE)
    spun = check_article(demo("trendpulse_ferry_spun.txt"), store, index, resources, cfg)
    assert spun.kind == SPUN_COPY and spun.model == "minilm-int8"
    assert origin_name(spun.sources[0].source) == "ap_ferry_aground.txt"
    assert spun.sources[0].share >= 0.9
    reuters = demo("reuters_ferry_aground.txt")
    store.remove(reuters.id)
    same = check_article(reuters, store, index, resources, cfg)
    assert same.kind == SAME_EVENT


def test_reused_sources_carry_the_provenance_verdict(library, lexical) -> None:
    store, index = library
    article = demo("valleyherald_ferry_aground.txt")
    result = check_article(article, store, index, lexical, LEXICAL)
    first = result.sources[0]
    assert first.provenance is not None
    assert first.provenance.cut_short == article.id  # the republication is the one cut short
    assert all(m.provenance is None for m in result.sources if m.role == RELATED)


def test_the_model_is_spared_on_a_second_copy_of_what_is_explained() -> None:
    spun, ap = demo("trendpulse_ferry_spun.txt"), demo("ap_ferry_aground.txt")
    words_only = replace(LEXICAL.align, model="none")
    units = article_units(spun, words_only.max_unit_chars)

    def lexical_alignment(name: str) -> Alignment:
        source = demo(name)
        return align_units(
            spun.id, units, source.id, article_units(source, words_only.max_unit_chars), words_only
        )

    first = lexical_alignment("ap_ferry_aground.txt")
    assert first.source_id == ap.id and _may_add(first, set(), LEXICAL)
    covered = _explained(first)
    # the AP story cut short, republished: it explains nothing the AP story does not
    assert not _may_add(lexical_alignment("valleyherald_ferry_aground.txt"), covered, LEXICAL)
    # no reuse on the words: the model may still find a paraphrase, so it runs
    assert _may_add(lexical_alignment("brewery_rail_depot.txt"), covered, LEXICAL)


# A page about something else, for burying a borrowed passage in.
FAIR = (
    "The county fair opens on Friday with a new livestock barn, a pie contest judged by the "
    "mayor and a fireworks show over the reservoir. Organisers expect 40,000 visitors over "
    "the four days, up from 31,000 last year, and have added a second car park by the "
    "rail station. Stall holders say bookings are the highest in a decade. "
)


def fair_page_around(passage: str, repeats: int) -> Article:
    """The fair story ``repeats`` times, ``passage``, then the fair story again."""
    text = "\n\n".join([FAIR * repeats, passage, FAIR * repeats])
    return Article(content_id("Fair opens", text), text, "Fair opens", paragraphs_of(text))


def test_a_reused_sentence_too_small_to_report_is_related(library, lexical) -> None:
    store, index = library
    quoted = (
        "Harbor Master Denise Okafor said two Coast Guard boats and a fleet of local fishing "
        "vessels carried passengers back to the terminal."
    )
    article = fair_page_around(quoted, 5)
    result = check_article(article, store, index, lexical, LEXICAL)
    ferry = next(m for m in result.sources if origin_name(m.source) == "ap_ferry_aground.txt")
    assert ferry.alignment.pairs and ferry.share < LEXICAL.min_gain
    assert ferry.role == RELATED and not result.cover


def test_a_copied_passage_of_a_long_page_is_a_source(library, lexical) -> None:
    store, index = library
    passage = (
        "The Northern Light, operated by Cascade Sound Ferries, left the Marlow Bay terminal at "
        "6:40 a.m. on its regular run to Tillick Island and struck the bar about 20 minutes "
        "later in heavy fog, officials said.\n\nHarbor Master Denise Okafor said two Coast "
        "Guard boats and a fleet of local fishing vessels carried passengers back to the "
        "terminal."
    )
    article = fair_page_around(passage, 12)
    result = check_article(article, store, index, lexical, LEXICAL)
    ferry = next(m for m in result.sources if origin_name(m.source) == "ap_ferry_aground.txt")
    assert ferry.share < LEXICAL.min_gain  # a small share of the page ...
    assert ferry.role == SOURCE and result.kind == PARTLY_DERIVED  # ... but a whole passage


REFUNDS = (
    "Cascade Sound Ferries chief executive Paul Brandt said the company had suspended service "
    "to Tillick Island until at least Wednesday and would offer refunds to ticket holders."
)
REFLOATED = (
    "The ferry was refloated on the afternoon high tide and towed back to the terminal for "
    "inspection. Tillick Island, home to about 1,800 people, depends on the ferry for "
    "groceries, mail and workers who commute to the mainland."
)


@pytest.mark.parametrize(
    ("passage", "role"),
    [(REFUNDS, RELATED), (REFLOATED, SOURCE)],
    ids=["one-sentence-is-a-quote", "two-sentences-are-a-passage"],
)
def test_a_short_passage_of_a_long_page_is_a_source_from_two_sentences(
    library, lexical, passage: str, role: str
) -> None:
    store, index = library
    article = fair_page_around(passage, 12)
    result = check_article(article, store, index, lexical, LEXICAL)
    ferry = next(m for m in result.sources if origin_name(m.source) == "ap_ferry_aground.txt")
    chars = sum(len(s) for p in ferry.alignment.pairs for s in p.copy)
    assert LEXICAL.min_gain_run <= chars < LEXICAL.min_gain_passage  # short, a small share ...
    assert ferry.share < LEXICAL.min_gain
    assert ferry.role == role  # ... a source from two sentences on, not from one


def test_aligning_goes_on_while_candidates_keep_adding_sources(library, lexical) -> None:
    store, index = library
    borrowed = [
        "\n\n".join(demo(name).text.split("\n\n")[1:3])
        for name in ("ap_heat_wave.txt", "ap_ferry_aground.txt", "brewery_rail_depot.txt")
    ]
    text = "\n\n".join([FAIR, *borrowed, FAIR])
    article = Article(content_id("Roundup", text), text, "Roundup", paragraphs_of(text))

    def sources(patience: int) -> set[str]:
        cfg = replace(LEXICAL, align_top=1, patience=patience)
        result = check_article(article, store, index, lexical, cfg)
        return {origin_name(m.source) for m in result.cover}

    assert len(sources(patience=0)) == 1  # the first aligned candidate only
    assert sources(patience=LEXICAL.patience) == {
        "ap_heat_wave.txt",
        "ap_ferry_aground.txt",
        "brewery_rail_depot.txt",
    }
    # a verdict names the first sources of a long cover and counts the others
    cfg = replace(LEXICAL, align_top=1, verdict_names=2)
    result = check_article(article, store, index, lexical, cfg)
    named = [m for m in result.cover if name(m.source) in result.verdict]
    assert len(named) == 2 and result.verdict.endswith(
        f"and 1 more source ({pct(result.cover[2].new_share)})"
    )


# A stock paragraph that several unrelated articles of one publisher end with.
STOCK = (
    "The county's emergency alert system sends text messages to registered phones within "
    "minutes of a warning. Residents can sign up on the county website or by calling the "
    "emergency management office during business hours."
)
# Three unrelated stories of the demo corpus, as a publisher that ends each with it.
LOCAL = ("ap_heat_wave.txt", "brewery_rail_depot.txt", "fairmont_library_budget.txt")


def with_stock(title: str, body: str, site: str = "") -> Article:
    text = f"{body}\n\n{STOCK}"
    return Article(content_id(title, text, site), text, title, paragraphs_of(text), site=site)


def test_template_text_many_unrelated_articles_carry_is_no_source(library, lexical) -> None:
    store, index = library
    stories = [demo(name) for name in LOCAL]
    for story in stories:
        store.add(with_stock(story.title, story.text, "county.example"))
    fire = (
        "The fire department held an open house at Station 3 on Saturday, with ladder truck "
        "rides for children and a demonstration of the new thermal cameras."
    )
    result = check_article(with_stock("Open house", fire), store, index, lexical, LEXICAL)
    matched = {m.source.id for m in result.sources if m.source.site == "county.example"}
    assert len(matched) == 3  # all three match the stock paragraph ...
    assert not result.cover and result.kind != PARTLY_DERIVED  # ... none is a source


def test_a_stock_sentence_with_one_sources_figures_is_evidence(library, lexical) -> None:
    store, index = library
    stats = (
        "There were {} households, out of which {}% had children under the age of 18 living "
        "with them and {}% were married couples living together."
    )
    figures = [(849, 25.7, 43.6), (1210, 31.2, 50.1), (433, 19.8, 38.0)]
    for file, numbers in zip(LOCAL, figures, strict=True):
        story = demo(file)
        text = f"{story.text}\n\n{stats.format(*numbers)} {STOCK}"
        store.add(Article(content_id(story.title, text), text, story.title, paragraphs_of(text)))
    fire = "The town of Westfield held its first census open day on Saturday."
    text = f"{fire}\n\n{stats.format(*figures[0])} {STOCK}"
    article = Article(content_id("Westfield", text), text, "Westfield", paragraphs_of(text))
    result = check_article(article, store, index, lexical, LEXICAL)
    # the stock paragraph is template text, but the figures are those of one story
    assert [m.source.title for m in result.cover] == [demo(LOCAL[0]).title]


def test_template_text_does_not_hide_a_story_republished_with_it(library, lexical) -> None:
    store, index = library
    story = demo(LOCAL[0])
    for site in ("a.example", "b.example", "c.example"):  # one story, three sites
        store.add(with_stock(story.title, story.text, site))
    copy = with_stock(story.title, story.text, "d.example")
    result = check_article(copy, store, index, lexical, LEXICAL)
    assert len(result.cover) == 1 and result.kind == VERBATIM_COPY


def test_a_long_page_screens_and_aligns_more_candidates_than_a_news_article() -> None:
    from unspun.pipeline.check import _how_many

    cfg = CheckConfig()
    article = demo("ap_ferry_aground.txt")

    def page(chars: int) -> Article:
        return replace(article, text="x" * chars)

    assert _how_many(page(6_000), cfg) == (cfg.candidates, cfg.screen_top, cfg.align_top)
    wanted, screen, align_top = _how_many(page(20_000), cfg)
    assert screen == cfg.screen_top + 20 and wanted == screen
    assert align_top == cfg.align_top + 10_000 // cfg.chars_per_aligned
    assert _how_many(page(1_000_000), cfg)[1:] == (cfg.max_candidates, cfg.max_aligned)


def test_a_source_is_named_by_its_title_or_site_never_by_its_id() -> None:
    from unspun.model import Article

    assert name(Article(id="abc123", text="x", title="Pier vote", site="a.example")) == (
        "“Pier vote” (a.example)"
    )
    untitled = name(Article(id="4652de6b0baafd31", text="x", site="a.example"))
    assert untitled == "an untitled page of a.example" and "4652" not in untitled


def test_versions_of_one_wire_story_that_together_explain_it_make_a_copy(lexical) -> None:
    from unspun.store import open_store

    ferry = demo("ap_ferry_aground.txt")
    paras = ferry.text.split("\n\n")
    half = len(paras) // 2

    def version(part: list[str], site: str) -> Article:
        body = "\n\n".join(part)
        return replace(
            ferry, id=content_id(ferry.title, body, site), text=body,
            paragraphs=paragraphs_of(body), site=site, origin=site, raw_hash="",
        )  # fmt: skip

    with open_store(":memory:") as store:
        index = SourceIndex(store.conn, RETRIEVE)
        index.ensure_schema()
        store.attach(index)
        store.add(version(paras[: half + 1], "early.example"))
        store.add(version(paras[half - 1 :], "late.example"))
        result = check_article(ferry, store, index, lexical, LEXICAL)
    assert len(result.cover) == 2
    assert result.kind == VERBATIM_COPY
    assert result.verdict.startswith("verbatim copy of the AP story")
    assert "2 versions of it in the library" in result.verdict
