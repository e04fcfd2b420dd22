"""Line roles: boilerplate, captions, bylines, headline, body."""

from __future__ import annotations

import pytest

from unspun.config import ExtractConfig
from unspun.extract.clean import (
    Role,
    boilerplate_reason,
    find_date,
    guess_language,
    is_caption,
    is_heading,
    layout,
)


@pytest.mark.parametrize(
    "line",
    [
        "Search",
        "Advertisement",
        "Share this:",
        "window._ads = window._ads || [];  _ads.push({ mode: 'thumbs', container: 'ad-3' });",
        "(68102)",
        "High 86F. Winds NNE at 5 to 10 mph.",
        "Mainly clear. Low near 70F. Winds N at 5 to 10 mph.",
        "Loading comments...",
        "Check out this story on example.com: https://exm.pl/2zJo9Gb",
        "Mail icon",
        "Facebook Twitter Email",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Sign up for our weekly newsletter and get the best stories in your inbox.",
        "Already a subscriber? Log in to continue reading.",
        "We use cookies to improve your experience on our site.",
        "Click here to comment on this article",
        "Related: Council approves new budget",
        "© 2024 Example Media Group. All rights reserved.",
        "Updated: 9:41 AM, March 2, 2024",
        "Tuesday, Apr 2nd 2024 5-Day Forecast",
        "3 hours ago",
        "Image 4 of 12",
        "1,204 shares",
        "Home › Politics › Elections",
        "Be the first to know.",
        "What did you make of the vote? Tell us in the comments below.",
        "You have reached your limit of free articles this month.",
        "Get breaking news alerts from the Harbour Gazette",
        "Enlarge this image",
    ],
)
def test_site_boilerplate(line: str) -> None:
    assert boilerplate_reason(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Temperatures hit a high of 91F on Sunday as protesters marched, with light winds.",
        "The president said x = y was not a formula he liked; he added (again) that it held.",
        "The vote was 212 to 88.",
        "It was an honor to join you this morning. Thank you! https://t.co/NOUTroe8MV",
        "The council voted to register all new boats by the end of the year.",
        "Search teams found the missing hikers on Sunday after a three-day effort.",
        "She said she had never missed a council meeting in twenty years of service.",
        "\u201cYou have to sign up early,\u201d said one parent, who waited four hours in line.",
        "Officials said readers could click here and there on the new map, which "
        "launched on Monday with data on every bus stop in the region, but many "
        "complained that the site was slow and hard to use on phones and tablets alike.",
        "WHAT COMES NEXT",
        "Threats against the judge appeared in the comments below the video.",
        "The paper lets readers see five free articles a month, its editor said.",
        "Officials said the storm had set off a flood of news alerts across the region.",
    ],
)
def test_article_sentences_are_not_boilerplate(line: str) -> None:
    assert boilerplate_reason(line) is None


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Crowds gather in the square on Monday. (AP Photo/Kim Ode)", True),
        ("Photo: Lena Roth, AP", True),
        ("Lena Roth/AFP/Getty Images", True),
        ("Credit: Reuters", True),
        ("The photographer, who works for AP, said the crowd was calm.", False),
        ("By LENA ROTH, Associated Press", False),
        ("Harbour master Lena Roth (L) and mayor Kim Ode", True),
        ("Mayor Kim Ode (2nd R) greets the crew on the quay", True),
        ("Mayor Kim Ode, left, and harbour master Lena Roth talk on the quay.", True),
        ("Crews unload the ferry in Portland, Maine, Monday, July 16, 2018.", True),
        ("The vote, right, was delayed until the council met again.", False),
        ("The ferry sailed on Monday, and the crew said the sea was calm.", False),
        ("The mayor (left unnamed in the report) said the quay would reopen.", False),
    ],
)
def test_captions(line: str, caption: bool) -> None:
    assert is_caption(line) is caption


def test_headings() -> None:
    assert is_heading("Town votes to rebuild pier")
    assert is_heading("The Mayor Has Announced That The Pier Will Be Rebuilt Next Year.")
    assert not is_heading("the council voted on Tuesday to rebuild the old pier in the harbour.")
    assert not is_heading("Menu")


def test_layout_breadcrumb_repeated_headline_and_tag_line() -> None:
    units = [
        "Home Posts Town Votes To Rebuild Its Old Pier",
        "Town Votes To Rebuild Its Old Pier",
        "Harbours",
        "Town Votes To Rebuild Its Old Pier",
        "Residents voted on Tuesday to rebuild the wooden pier that storms tore apart.",
        "Work will start in the spring, officials said after the vote.",
        "Leave a Reply",
    ]
    roles = layout(units).roles
    assert roles == (
        Role.BOILERPLATE,
        Role.TITLE,
        Role.BOILERPLATE,
        Role.BOILERPLATE,
        Role.BODY,
        Role.BODY,
        Role.BOILERPLATE,
    )


def test_layout_given_title_removes_its_repeats_and_keeps_body_subheads() -> None:
    units = [
        "Library opens late",
        "The city library will stay open until 9 p.m. on weekdays from April.",
        "WHAT READERS SAID",
        "Most readers in a survey had asked for evening hours, officials said.",
    ]
    roles = layout(units, title="Library opens late").roles
    assert roles == (Role.BOILERPLATE, Role.BODY, Role.BODY, Role.BODY)


def test_guess_language() -> None:
    assert guess_language("The council said that it would vote on the plan in the spring.") == "en"
    assert guess_language("Der Rat hat am Dienstag beschlossen, die alte Brücke zu bauen.") == ""


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("July 15, 2018", "2018-07-15"),
        ("Updated: Sunday, Jul 15th 2018 9:41 AM", "2018-07-15"),
        ("Monday 16 July 2018 14.12 BST", "2018-07-16"),
        ("Published 2018-07-16T08:00:00Z", "2018-07-16"),
        ("Sept. 3, 2019", "2019-09-03"),
        ("Feb 30, 2020", ""),
        ("Mayday 12 2018", ""),
        ("No date here", ""),
    ],
)
def test_find_date(line: str, date: str) -> None:
    assert find_date(line) == date


def test_layout_drops_headlines_listed_under_a_links_header() -> None:
    units = [
        "Harbour pier to be rebuilt",
        "Residents voted on Tuesday to rebuild the wooden pier that storms tore apart.",
        "Related",
        "Council approves new budget for the coming year",
        "Storm damage costs rise in coastal towns",
        "Work will start in the spring, officials said after the vote at the fire station.",
        "WHAT COMES NEXT",
        "Engineers will survey the harbour floor in March before any piles are driven.",
    ]
    roles = layout(units).roles
    assert roles[2:5] == (Role.BOILERPLATE,) * 3
    assert roles[5:] == (Role.BODY,) * 3


def test_layout_prefers_a_headline_to_a_site_name_above_it() -> None:
    units = [
        "The Coast Daily News",
        "Ferry runs aground off Marlow Bay; all 212 aboard rescued",
        "A passenger ferry ran aground on a sandbar near the harbour mouth early on Sunday.",
        "All passengers were taken ashore by lifeboats, the coast guard said.",
    ]
    roles = layout(units).roles
    assert roles[:2] == (Role.BOILERPLATE, Role.TITLE)


# -- the headline: what the body is about, not the furniture around it ----------------------

_BODY = [
    "HARBOURVILLE (AP) — The ferry operator Norland Lines said on Monday that its new electric "
    "ferry would start carrying passengers across Marlow Bay in the autumn, a year late.",
    "Norland Lines blamed the delay on batteries that failed their first sea trials in March, "
    "and said the ferry would cost 12 million euros more than planned.",
]


@pytest.mark.parametrize(
    "furniture",
    [
        "Enter City and State or Zip Code",
        "To find out more about Facebook commenting please read the Conversation Guidelines",
        "The Harbourville Gazette",
        "High 86F. Winds NNE at 5 to 10 mph.",
        "Try one month for $1!",
    ],
)
def test_furniture_above_the_headline_is_not_the_title(furniture: str) -> None:
    units = [furniture, "Norland Lines delays its electric ferry for Marlow Bay", *_BODY]
    assert layout(units).roles[1] is Role.TITLE


def test_a_page_with_only_furniture_above_the_body_has_no_title() -> None:
    units = ["Enter City and State or Zip Code", "Congratulations!", *_BODY]
    assert Role.TITLE not in layout(units).roles


def test_a_site_name_glued_to_the_headline_is_cut_off() -> None:
    from unspun.extract.text import extract_text

    text = "Norland Lines delays its electric ferry for Marlow Bay | Harbourville Gazette\n\n"
    text += "\n\n".join(_BODY)
    article = extract_text(text, origin="t.txt", raw=text.encode(), cfg=ExtractConfig())
    assert article.title == "Norland Lines delays its electric ferry for Marlow Bay"
    assert text[article.title_origin :].startswith(article.title)
    assert "Harbourville Gazette" in article.boilerplate


def test_a_short_headline_over_a_short_body_stays_the_title() -> None:
    units = ["Café headline", "The café on the corner reopened on Monday, its owner said."]
    assert layout(units).roles == (Role.TITLE, Role.BODY)


def test_a_two_word_label_is_not_a_headline() -> None:
    units = ["Bergen County", *_BODY]
    assert Role.TITLE not in layout(units).roles


def test_an_agency_photo_caption_glued_to_the_lede_is_a_caption() -> None:
    line = "FILE - In this Nov. 11, 2017 file photo, two leaders talk in Danang. " + " ".join(
        ["The summit opened late."] * 20
    )
    assert is_caption(line)


def test_a_title_case_headline_ending_in_a_full_stop_is_the_title() -> None:
    headline = (
        "The Harbour Board Has Announced That Norland Lines Will Delay Its Electric Ferry "
        "For Marlow Bay Until The Autumn."
    )
    units = [f"Home Posts {headline}", headline, *_BODY]
    assert layout(units).roles[:2] == (Role.BOILERPLATE, Role.TITLE)


# -- the headline a page states twice (its <title> and its <h1>) ---------------------------


def test_the_headline_the_page_repeats_is_the_title_even_over_a_stronger_subhead() -> None:
    # A digest: its own label is the headline (page title, then h1); the first story's
    # headline below it is what the body is about, but the page names it second.
    units = [
        "Harbour News in Brief at 6:04 a.m. | The Harbourville Gazette",
        "Harbour News in Brief at 6:04 a.m.",
        "Norland Lines delays its electric ferry for Marlow Bay",
        *_BODY,
    ]
    roles = layout(units).roles
    assert roles[1] is Role.TITLE
    assert roles[2] is not Role.TITLE


def test_a_headline_repeated_with_its_deck_glued_on_is_the_title() -> None:
    headline = "Grandma defies expectations in a terrible country"
    units = [
        "Harbourville Shop",
        headline
        + " When Andrei returns to the harbour to care for his grandmother, he hopes to write.",
        headline,
        "Embed",
        headline,
        "Andrei returns to the harbour to care for his grandmother, and finds the country "
        "less terrible than he expected, the novel says in its first chapter.",
        "His grandmother, who has lived by the harbour for eighty years, defies every "
        "expectation he brought with him from the city.",
    ]
    roles = layout(units).roles
    assert roles.index(Role.TITLE) == 2


def test_a_repeated_site_name_is_not_a_headline() -> None:
    units = ["The Harbourville Gazette", "The Harbourville Gazette", *_BODY]
    assert Role.TITLE not in layout(units).roles
