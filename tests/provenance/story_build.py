"""A small story of our own, cut and copied in the ways real copies are."""

from __future__ import annotations

from unspun.model import Article, WireCredit, content_id, paragraphs_of

STORY = (
    "The harbour authority in Port Alder closed the northern ferry terminal on Monday after "
    "inspectors found cracks in two steel pylons beneath the loading ramp.",
    "About 4,000 commuters who cross the sound each morning were told to use the southern "
    "terminal, where extra sailings were added at short notice.",
    "Engineers said the cracks probably formed during the winter storms, when waves battered "
    "the pier for nine consecutive days.",
    "The authority's director, Miriam Okafor, said repairs could take until the end of August "
    "and would cost roughly 12 million dollars.",
    "Local businesses near the northern terminal warned that a long closure would empty their "
    "cafes and newsstands during the tourist season.",
    "A spokesman for the ferry operators' union said crews would be moved to the southern route "
    "and that no jobs were at risk.",
    "The pylons were installed in 1987 and were last inspected in detail four years ago, "
    "according to records released by the authority.",
    "Opposition councillors demanded an independent review of the maintenance budget, which "
    "was cut by a fifth in the last budget round.",
    "Okafor rejected the criticism, saying the inspection regime had worked exactly as "
    "intended by catching the damage early.",
    "Cyclists, who made up a growing share of passengers, were offered free bus transfers "
    "between the two terminals while the work lasts.",
    "The regional transport minister is expected to visit the closed terminal on Wednesday "
    "and meet representatives of the shop owners.",
    "Weather forecasters predict calmer seas for the rest of the month, which engineers say "
    "should let divers reach the damaged pylons quickly.",
)
OTHER = (
    "A bakery in the old town of Verlen won the national sourdough prize on Saturday for a "
    "rye loaf fermented for three full days.",
    "The owner, Tomas Brecht, said the recipe came from his grandmother's notebook, found in "
    "an attic during renovations last spring.",
    "Judges praised the crust and the faint taste of caraway, and said the loaf kept fresh for "
    "nearly a week.",
    "Brecht plans to use the prize money to train two apprentices and open a second oven "
    "before the winter markets begin.",
)


def make_article(
    sentences: tuple[str, ...] | list[str],
    site: str,
    published: str = "",
    title: str = "Port Alder ferry terminal closed after cracks found",
    agency: str = "",
    fetched: str = "",
) -> Article:
    body = list(sentences)
    credits: tuple[WireCredit, ...] = ()
    if agency:
        body[0] = f"PORT ALDER ({agency}) — {body[0]}"
        credits = (WireCredit(agency, f"PORT ALDER ({agency}) —", "dateline"),)
    text = "\n\n".join(body)
    return Article(
        id=content_id(title, text, site),
        text=text,
        title=title,
        paragraphs=paragraphs_of(text),
        site=site,
        published=published,
        fetched=fetched,
        credits=credits,
        format="text",
    )
