"""Cross-article boilerplate: recognised per site, only across different stories."""

from __future__ import annotations

import random

import pytest

from unspun.config import StoreConfig
from unspun.model import Article, Paragraph, paragraphs_of
from unspun.store import open_store
from unspun.store.boilerplate import line_key, same_story, sketch, strip_lines

FOOTER = "Click Here to comment on this article"
COPYRIGHT = "© Copyright 2026 The Example Press. All rights reserved. Do not redistribute."
_VOCABULARY = (
    "harbour council budget river school bridge station market festival ferry mayor road "
    "library hospital museum tram garden police weather farm village island forest coast "
    "election strike court tunnel airport bakery stadium theatre choir orchestra lighthouse"
)
_WORDS = _VOCABULARY.split()


def _prose(rng: random.Random, words: int = 30) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)) + "."


def _story(make_article, seed: int, site: str, extra: list[str], paragraphs: int = 4) -> Article:
    rng = random.Random(seed)
    body = [_prose(rng) for _ in range(paragraphs)]
    return make_article(f"Story {seed}", [*body[:2], *extra, *body[2:]], site=site)


# -- strip_lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("drop", "kept"),
    [
        ({"B"}, ["A", "C", "D"]),
        ({"A"}, ["B", "C", "D"]),
        ({"D"}, ["A", "B", "C"]),
        ({"C", "D"}, ["A", "B"]),
        ({"A", "C"}, ["B", "D"]),
        ({"B", "C"}, ["A", "D"]),
    ],
)
def test_strip_lines_moves_paragraphs_and_keeps_origins(make_article, drop, kept) -> None:
    names = ["A", "B", "C", "D"]
    texts = {n: f"Paragraph {n} " + n.lower() * 5 for n in names}
    article = make_article("T", [texts[n] for n in names], boilerplate=("earlier",))
    stripped = strip_lines(article, {line_key(texts[n]) for n in drop})
    assert stripped.id == article.id
    assert stripped.text == "\n\n".join(texts[n] for n in kept)
    assert stripped.boilerplate == ("earlier", *(texts[n] for n in names if n in drop))
    assert [stripped.text[p.start : p.end] for p in stripped.paragraphs] == [texts[n] for n in kept]
    origins = {texts[n]: p.origin for n, p in zip(names, article.paragraphs, strict=True)}
    assert [p.origin for p in stripped.paragraphs] == [origins[texts[n]] for n in kept]


def test_strip_lines_never_empties_the_body(make_article) -> None:
    article = make_article("T", [FOOTER])
    assert strip_lines(article, {line_key(FOOTER)}) is article


def test_strip_lines_matches_lines_whatever_their_spacing(make_article) -> None:
    article = make_article("T", ["Body.", "Click  Here to comment\u00a0on this article"])
    assert strip_lines(article, {line_key(FOOTER)}).text == "Body."


def test_strip_lines_without_spans_uses_blank_lines() -> None:
    article = Article(id="x", text=f"One.\n\n{FOOTER}\n\nTwo.")
    stripped = strip_lines(article, {line_key(FOOTER)})
    assert stripped.text == "One.\n\nTwo."
    assert stripped.paragraphs == (Paragraph(0, 4), Paragraph(6, 10))
    assert stripped.paragraphs == paragraphs_of(stripped.text)


def test_same_story_tells_versions_from_different_stories(make_article) -> None:
    rng = random.Random(1)
    base = [_prose(rng) for _ in range(4)]
    first = make_article("v1", base[:2])
    update = make_article("v2", [*base, _prose(rng)])
    other = make_article("other", [_prose(rng) for _ in range(4)])
    assert same_story(sketch(first), sketch(update))
    assert not same_story(sketch(first), sketch(other))
    assert not same_story(frozenset(), frozenset())


# -- in the library ---------------------------------------------------------------------


# The site rule alone: the rule for the whole library (below) would see the footer first.
SITE_ONLY = StoreConfig(library_min_stories=0)


def test_a_site_footer_is_recognised_and_every_holder_cleaned(make_article) -> None:
    cfg = StoreConfig(boilerplate_min_articles=5, boilerplate_min_share=0.3, library_min_stories=0)
    articles = [_story(make_article, i, "paper.example", [FOOTER]) for i in range(7)]
    with open_store(":memory:", cfg) as store:
        first = store.add_many(articles[:4])
        assert first.new_boilerplate == 0  # four stories are not enough
        assert FOOTER in store.get(articles[0].id).text
        second = store.add_many(articles[4:])
        assert (second.new_boilerplate, second.cleaned) == (1, 4)
        for original in articles:
            stored = store.get(original.id)  # the id it was added under still finds it
            assert FOOTER not in stored.text
            assert stored.boilerplate == (FOOTER,)
            assert stored.paragraphs[2].origin == original.paragraphs[3].origin
            assert [stored.text[p.start : p.end] for p in stored.paragraphs] == [
                original.text[p.start : p.end] for i, p in enumerate(original.paragraphs) if i != 2
            ]
        assert store.add(articles[0]) is False  # re-adding the same input: present
        assert store.site_boilerplate() == [("paper.example", FOOTER, 5)]


def test_later_articles_are_cleaned_when_added(make_article) -> None:
    with open_store(":memory:") as store:
        store.add_many(_story(make_article, i, "paper.example", [FOOTER]) for i in range(5))
        late = _story(make_article, 99, "paper.example", [FOOTER, COPYRIGHT])
        assert store.add(late)
        stored = store.get(late.id)
        assert stored.boilerplate == (FOOTER,)
        assert COPYRIGHT in stored.text  # seen once: not (yet) boilerplate


def test_a_wire_story_on_many_sites_is_not_boilerplate(make_article) -> None:
    rng = random.Random(7)
    wire = [_prose(rng) for _ in range(5)]
    with open_store(":memory:") as store:
        for i in range(12):
            store.add(make_article("Wire story", wire, site=f"site{i}.example", url=f"u{i}"))
            store.add(_story(make_article, i, f"site{i}.example", []))
        assert store.site_boilerplate() == []
        assert store.summary()["boilerplate_lines"] == 0


def test_versions_of_one_story_on_one_site_are_not_boilerplate(make_article) -> None:
    rng = random.Random(3)
    paragraphs = [_prose(rng) for _ in range(10)]
    versions = [
        make_article(f"Summit, update {k}", paragraphs[: 3 + k], site="paper.example")
        for k in range(7)
    ]
    with open_store(":memory:") as store:
        summary = store.add_many(versions)
        assert summary.added == 7 and summary.new_boilerplate == 0
        assert store.get(versions[0].id).text == versions[0].text


def test_a_line_in_too_small_a_share_of_the_site_is_kept(make_article) -> None:
    cfg = StoreConfig(boilerplate_min_articles=5, boilerplate_min_share=0.3, library_min_stories=0)
    before = [_story(make_article, 200 + i, "paper.example", []) for i in range(30)]
    plain = [_story(make_article, 100 + i, "paper.example", []) for i in range(15)]
    with_line = [_story(make_article, i, "paper.example", [COPYRIGHT]) for i in range(5)]
    with open_store(":memory:", cfg) as store:
        # 5 of the 20 articles since the line first appeared: 25 % < 30 %
        store.add_many([*before, with_line[0], *plain, *with_line[1:]])
        assert store.site_boilerplate() == []
        store.add(_story(make_article, 50, "paper.example", [COPYRIGHT]))
        store.add(_story(make_article, 51, "paper.example", [COPYRIGHT]))  # 7 of 22 > 30 %
        assert [line for _, line, _ in store.site_boilerplate()] == [COPYRIGHT]


def test_a_line_a_site_gains_late_is_recognised(make_article) -> None:
    cfg = StoreConfig(boilerplate_min_articles=5, boilerplate_min_share=0.3)
    old = [_story(make_article, 100 + i, "paper.example", []) for i in range(40)]
    new = [_story(make_article, i, "paper.example", [FOOTER]) for i in range(5)]
    with open_store(":memory:", cfg) as store:
        summary = store.add_many([*old, *new])  # 5 of 45 overall, but 5 of 5 since it appeared
        assert summary.new_boilerplate == 1


def test_removing_articles_takes_back_their_lines(make_article) -> None:
    articles = [_story(make_article, i, "paper.example", [FOOTER]) for i in range(5)]
    with open_store(":memory:", SITE_ONLY) as store:
        store.add_many(articles[:4])
        store.remove(articles[0].id)
        store.add(articles[4])  # only 4 holders now
        assert store.site_boilerplate() == []
        store.add(_story(make_article, 10, "paper.example", [FOOTER]))
        assert len(store.site_boilerplate()) == 1


def test_unknown_site_is_not_tracked(make_article) -> None:
    with open_store(":memory:", SITE_ONLY) as store:
        store.add_many(_story(make_article, i, "", [FOOTER]) for i in range(8))
        assert store.site_boilerplate() == []


# -- across the whole library ------------------------------------------------------------


def test_furniture_of_different_stories_on_different_sites_is_recognised(make_article) -> None:
    stories = [_story(make_article, i, f"site{i}.example", [FOOTER]) for i in range(3)]
    with open_store(":memory:") as store:
        store.add_many(stories[:2])
        assert FOOTER in store.get(stories[0].id).text  # two stories are not enough
        summary = store.add_many(stories[2:])
        assert (summary.new_boilerplate, summary.cleaned) == (1, 2)
        assert all(FOOTER not in store.get(s.id).text for s in stories)
        assert store.site_boilerplate() == [("all sites", FOOTER, 3)]
        later = _story(make_article, 9, "new.example", [FOOTER])  # a site seen first now
        store.add(later)
        assert store.get(later.id).boilerplate == (FOOTER,)


def test_a_line_about_the_stories_that_hold_it_is_kept(make_article) -> None:
    quote = "Harbour council budget ferry mayor festival"  # words each story's body uses
    stories = [_story(make_article, i, f"site{i}.example", [quote]) for i in range(4)]
    with open_store(":memory:") as store:
        store.add_many(stories)
        assert store.site_boilerplate() == []
        assert all(quote in store.get(s.id).text for s in stories)


def test_one_word_in_common_does_not_make_a_line_about_a_story(make_article) -> None:
    line = "Congratulations!"
    stories = [
        _story(make_article, i, f"site{i}.example", [line, f"Harbour congratulations, crew {i}."])
        for i in range(3)
    ]
    with open_store(":memory:") as store:
        store.add_many(stories)
        assert [t for _, t, _ in store.site_boilerplate()] == [line]


def test_a_long_paragraph_is_never_library_furniture(make_article) -> None:
    rng = random.Random(5)
    long_line = " ".join(rng.choice(["lorem", "ipsum", "dolor"]) for _ in range(25)) + "."
    stories = [_story(make_article, i, f"site{i}.example", [long_line]) for i in range(4)]
    with open_store(":memory:") as store:
        store.add_many(stories)
        assert store.site_boilerplate() == []


def test_a_title_repeated_over_different_stories_is_furniture(make_article) -> None:
    # A sidebar headline ("Why the Media is Desperate…") read as the title of every page a
    # site template carries it on: different stories share no headline.
    widget = "Why the media wants its gatekeeper status back"
    stories = []
    for i in range(3):
        story = _story(make_article, i, f"site{i}.example", [])
        stories.append(make_article(widget, story.text.split("\n\n"), site=story.site))
    with open_store(":memory:") as store:
        store.add_many(stories)
        for s in stories:
            stored = store.get(s.id)
            assert stored.title != widget
            assert widget in stored.boilerplate
        assert [t for _, t, _ in store.site_boilerplate()] == [widget]


def test_the_headline_of_one_wire_story_on_many_sites_stays(make_article) -> None:
    rng = random.Random(11)
    wire = [_prose(rng) for _ in range(5)]
    copies = [make_article("Harbour ferry runs aground", wire, site=f"s{i}.example", url=f"u{i}")
              for i in range(4)]  # fmt: skip
    with open_store(":memory:") as store:
        store.add_many(copies)
        assert all(store.get(c.id).title == "Harbour ferry runs aground" for c in copies)
        assert store.site_boilerplate() == []


def test_a_widget_sharing_only_common_words_with_a_story_is_still_furniture(make_article) -> None:
    # "Your weather is set to . You can change the location at any time." under stories that
    # happen to use "change", "location" and "time": chance words, and no name, in common.
    widget = "Your forecast is set to . You can change the location at any time."
    stories = []
    for i in range(3):
        story = _story(make_article, i, f"site{i}.example", [])
        chance = [
            "Officials said the location of the ferry would change in time for summer.",
            "The choir will change its location, and its time, after the vote.",
            "Nobody knows the time or the location; plans change daily at the market.",
        ][i]
        stories.append(make_article(f"Story {i}", [*story.text.split("\n\n"), chance, widget],
                                    site=story.site))  # fmt: skip
    with open_store(":memory:") as store:
        store.add_many(stories)
        assert all(widget not in store.get(s.id).text for s in stories)


def test_a_line_naming_what_the_stories_name_stays(make_article) -> None:
    line = "Marlow Bay mayor rejects the harbour plan"  # names the stories' place
    stories = []
    for i in range(3):
        story = _story(make_article, i, f"site{i}.example", [])
        mention = f"The harbour plan for Marlow Bay was drawn up in the {i}th year of the mayor."
        stories.append(make_article(f"Story {i}", [*story.text.split("\n\n"), mention, line],
                                    site=story.site))  # fmt: skip
    with open_store(":memory:") as store:
        store.add_many(stories)
        assert all(line in store.get(s.id).text for s in stories)


# -- links to other stories of the library ----------------------------------------------

LINKED = "Finnish paper greets the ferry summit with free press billboards"


def _linked_pair(make_article) -> tuple[Article, Article]:
    rng = random.Random(21)
    target = make_article(LINKED, [_prose(rng) for _ in range(4)], site="wire.example")
    rng = random.Random(22)
    body = [_prose(rng) for _ in range(4)]
    holder = make_article("Council budget passes", [*body[:2], LINKED, *body[2:]], site="p.example")
    return target, holder


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_the_headline_of_another_stored_story_standing_alone_in_a_body_is_a_link(
    make_article, order
) -> None:
    pair = _linked_pair(make_article)
    with open_store(":memory:") as store:
        store.add_many([pair[i] for i in order])
        holder = store.get(pair[1].id)
        assert LINKED not in holder.text
        assert LINKED in holder.boilerplate
        assert store.get(pair[0].id).title == LINKED


def test_a_digest_section_headed_by_a_story_headline_stays(make_article) -> None:
    target, _ = _linked_pair(make_article)
    lede = target.text.split("\n\n")[0]
    rng = random.Random(23)
    digest = make_article(
        "News in brief", [_prose(rng), LINKED, lede, _prose(rng)], site="digest.example"
    )
    with open_store(":memory:") as store:
        store.add_many([target, digest])
        assert LINKED in store.get(digest.id).text
