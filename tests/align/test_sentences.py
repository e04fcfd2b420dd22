from unspun.align import split_sentences


def texts(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_dateline_stays_with_its_sentence():
    text = "WASHINGTON (AP) — The talks will resume. Both sides agreed."
    assert texts(text) == ["WASHINGTON (AP) — The talks will resume.", "Both sides agreed."]


def test_abbreviations_do_not_end_sentences():
    text = (
        "The U.S. envoy arrives on Jan. 20 at 10 a.m. and meets Mr. Lavrov in Washington, D.C. "
        "on Monday. He leaves the next day."
    )
    assert len(texts(text)) == 2
    assert texts(text)[1] == "He leaves the next day."


def test_quotes_close_their_sentence():
    text = 'He said: "It is over." Then he left.'
    assert texts(text) == ['He said: "It is over."', "Then he left."]


def test_full_stop_glued_to_next_sentence_is_a_boundary():
    text = "The photo was taken in 2011.The talks focused on trade."
    assert texts(text) == ["The photo was taken in 2011.", "The talks focused on trade."]


def test_decimals_and_domains_are_not_boundaries():
    assert len(texts("Growth was 3.5 percent. See example.com for more.")) == 2


def test_paragraph_breaks_always_split_and_spans_are_exact():
    text = "  A headline without a stop\n\nThe body starts here. It goes on.\n"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "A headline without a stop",
        "The body starts here.",
        "It goes on.",
    ]
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in spans)


def test_empty_and_blank_text():
    assert split_sentences("") == []
    assert split_sentences(" \n\n \n") == []
