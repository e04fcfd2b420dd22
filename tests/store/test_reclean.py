"""Applying this version's cleaning rules to articles stored by an earlier one."""

from __future__ import annotations

from unspun.config import StoreConfig
from unspun.store import open_store
from unspun.store.boilerplate import reclean_article

HEADLINE = "Norland Lines delays its electric ferry for Marlow Bay"
BODY = [
    "HARBOURVILLE (AP) — The ferry operator Norland Lines said on Monday that its new electric "
    "ferry would start carrying passengers across Marlow Bay in the autumn, a year late.",
    "Norland Lines blamed the delay on batteries that failed their first sea trials in March, "
    "and said the ferry would cost 12 million euros more than planned.",
]


def test_a_prompt_stored_as_title_gives_way_to_the_headline_in_the_body(make_article) -> None:
    old = make_article("Enter City and State or Zip Code", [HEADLINE, *BODY])
    new = reclean_article(old)
    assert new.id == old.id
    assert new.title == HEADLINE
    assert new.title_origin == old.paragraphs[0].origin
    assert new.text == "\n\n".join(BODY)
    assert [p.origin for p in new.paragraphs] == [p.origin for p in old.paragraphs[1:]]
    assert "Enter City and State or Zip Code" in new.boilerplate


def test_a_site_name_glued_to_the_title_is_cut_and_widgets_go(make_article) -> None:
    old = make_article(f"{HEADLINE} | Harbourville Gazette", [*BODY, "Loading comments..."])
    new = reclean_article(old)
    assert new.title == HEADLINE
    assert new.text == "\n\n".join(BODY)
    assert set(new.boilerplate) == {"Harbourville Gazette", "Loading comments..."}


def test_an_article_that_is_clean_already_is_left_as_it_is(make_article) -> None:
    old = make_article(HEADLINE, BODY)
    assert reclean_article(old) == old


def test_reclean_rewrites_the_library_and_learns_its_furniture(make_article, tmp_path) -> None:
    prompt = "Chat with us on Parley for the news as it breaks."
    stories = [
        "The bakery on Mill Lane won the national sourdough prize for a third year running.",
        "A museum of maritime maps reopened after a two-year renovation of its west wing.",
        "The football stadium will get a roof before the winter league starts in October.",
    ]
    olds = [
        make_article(
            text.split(" for ")[0].split(" after ")[0],
            [text, *(f"{text[:-1]}, day {d} of the {k}th story." for d in range(6)), prompt],
            site=f"s{k}.ex",
        )
        for k, text in enumerate(stories)
    ]
    olds.append(make_article("Enter City and State or Zip Code", [HEADLINE, *BODY]))
    # an earlier version: no furniture learnt across the library, the prompt as a title
    with open_store(tmp_path / "lib.db", StoreConfig(library_min_stories=0)) as store:
        store.add_many(olds)
    with open_store(tmp_path / "lib.db") as store:
        summary = store.reclean()
        assert summary.articles == 4 and summary.titles == 1 and summary.library_lines == 1
        assert all(prompt not in store.get(o.id).text for o in olds[:3])
        assert store.get(olds[3].id).title == HEADLINE
        assert store.site_boilerplate() == [("all sites", prompt, 3)]
        assert store.reclean().changed == 0  # once is enough


def test_a_title_that_is_known_furniture_gives_way_on_add(make_article) -> None:
    prompt = "Chat with us on Parley for the news as it breaks."
    stories = [
        "The bakery on Mill Lane won the national sourdough prize for a third year running.",
        "A museum of maritime maps reopened after a two-year renovation of its west wing.",
        "The football stadium will get a roof before the winter league starts in October.",
    ]
    with open_store(":memory:") as store:
        store.add_many(
            make_article(
                text.split(" for ")[0],
                [text, *(f"{text[:-1]}, day {d} of the {k}th story." for d in range(6)), prompt],
                site=f"s{k}.ex",
            )
            for k, text in enumerate(stories)
        )
        late = make_article(prompt, [HEADLINE, *BODY], site="s9.ex")
        store.add(late)
        stored = store.get(late.id)
        assert stored.title == HEADLINE
        assert prompt in stored.boilerplate
