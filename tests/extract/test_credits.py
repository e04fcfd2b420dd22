"""Wire credits: each way an agency is credited, and mentions that are not credits."""

from __future__ import annotations

import pytest

from unspun.extract.credits import agency_of, find_credits, is_credit_line


def _credits(**parts: object) -> list[tuple[str, str]]:
    return [(c.agency, c.where) for c in find_credits(**parts)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("body", "agency", "evidence"),
    [
        ("OSLO (AP) — The ferry sailed at dawn.", "AP", "OSLO (AP) —"),
        ("LIMA, Peru (AP) - Miners went back to work.", "AP", "LIMA, Peru (AP) -"),
        ("KYIV, May 4 (Reuters) - Grain exports rose.", "Reuters", "KYIV, May 4 (Reuters) -"),
        ("Nairobi (AFP) - Rain closed the schools.", "AFP", "Nairobi (AFP) -"),
        ("NEW DELHI (PTI) -- Trains were delayed.", "PTI", "NEW DELHI (PTI) --"),
        ("SYDNEY (Australian Associated Press) - Surf was up.", "AAP", None),
    ],
)
def test_datelines(body: str, agency: str, evidence: str | None) -> None:
    credits = find_credits(body=body)
    assert [(c.agency, c.where) for c in credits] == [(agency, "dateline")]
    if evidence:
        assert credits[0].evidence == evidence


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("By Reuters", "Reuters"),
        ("By The Associated Press", "AP"),
        ("By NORA BLAKE, Associated Press", "AP"),
        ("By SAM OTIENO AP Science Writer", "AP"),
        ("The Associated Press", "AP"),
        ("Nora Blake, The Associated Press •", "AP"),
    ],
)
def test_bylines(line: str, agency: str) -> None:
    assert _credits(body=f"Headline words here\n{line}\nThe story starts here.") == [
        (agency, "byline")
    ]
    assert is_credit_line(line)


def test_copyright_contribution_and_trailer_lines() -> None:
    body = (
        "The museum reopened on Monday.\n"
        "Associated Press writer Li Wen in Boston contributed to this report.\n"
        "(Reporting by Ana Costa; Editing by Mark Hill)\n"
        "© Copyright 2024 The Associated Press. All rights reserved."
    )
    assert _credits(body=body) == [
        ("AP", "credit-line"),
        ("Reuters", "credit-line"),
        ("AP", "copyright"),
    ]
    assert _credits(body="Copyright 2023 The Associated Press. All rights reserved.") == [
        ("AP", "copyright")
    ]
    assert _credits(body="Contributing: Reuters") == [("Reuters", "credit-line")]


def test_caption_photo_credits_keep_the_credit_as_evidence() -> None:
    credits = find_credits(captions=["Boats in the bay on Friday. (AP Photo/Kim Ode)"])
    assert [(c.agency, c.where, c.evidence) for c in credits] == [
        ("AP", "caption", "(AP Photo/Kim Ode)")
    ]
    assert _credits(captions=["Lena Roth/AFP/Getty Images"]) == [("AFP", "caption")]
    assert _credits(captions=["REUTERS/Jo Park"]) == [("Reuters", "caption")]
    assert _credits(captions=["(Ville Aho/Lehtikuva via AP)"]) == [("AP", "caption")]


@pytest.mark.parametrize(
    "body",
    [
        "The mayor told The Associated Press on Monday that the plan would go ahead.",
        "Turnout was low, the Associated Press reported.",
        "According to Reuters, the talks stalled.",
        "The LAPD said the APEC summit would close roads.",
        "Michael Bloomberg spoke at the opening.",
        "The agency (AP) said nothing more about it.",
        "He said the AP had the story first.",
    ],
)
def test_mentions_that_are_not_credits(body: str) -> None:
    assert find_credits(body=body) == ()


def test_metadata_names_and_reading_order_without_repeats() -> None:
    credits = find_credits(
        title="Storm hits coast",
        body="MIAMI (AP) — Wind.\nMIAMI (AP) — Wind.",
        byline="By JO RIVAS Associated Press",
        extra=["Reuters", "Michael Bloomberg"],
    )
    assert [(c.agency, c.where) for c in credits] == [
        ("AP", "byline"),
        ("AP", "dateline"),
        ("Reuters", "metadata"),
    ]


def test_agency_of() -> None:
    assert agency_of("Agence France-Presse") == "AFP"
    assert agency_of("The Associated Press") == "AP"
    assert agency_of("Daily Planet") is None
