"""Settings of the changes stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChangeConfig:
    """Knobs of the change detector; the defaults are the tuned ones."""

    # A clause counts as added (dropped) when this many of its content words appear nowhere in
    # the other article and the run holds at least run_min_words unmatched content words ...
    added_min_words: int = 3
    dropped_min_words: int = 3
    run_min_words: int = 4
    # ... unless the other sentence has this share as many unmatched words of its own (then it
    # is rewording, not addition or loss)
    reword_share: float = 0.6
    # A copy sentence with no source is a claim added when this share of its content words is
    # new to the source article, and it has at least this many words
    claim_min_novel: float = 0.4
    claim_min_words: int = 6
    # New sentences before the first or after the last aligned one count as added claims only
    # in runs this short: a longer run means the copy drew on a fuller version of the story
    max_edge_claims: int = 2
    # Source sentences the copy leaves out inside the copied region reported as dropped details
    # (off: the alignment already lists dropped sentences, and condensing copies skip many)
    report_dropped_sentences: bool = False
    dropped_sentence_min_words: int = 8
    headline: bool = True  # run the headline check inside detect_changes
    # The headline is checked against this many source sentences (those sharing most of its
    # content words); a modal's claim is the first content word within contradiction_window
    headline_support_sentences: int = 3
    contradiction_window: int = 3
    # An unpaired piece of a cut sentence joins its pair when at most this many characters
    # (no line break) lie between them
    fragment_max_gap: int = 3
    # Quotations pair when this share of their words is shared; a word differing by spelling
    # only (rapidfuzz ratio at least quote_spelling_ratio) is the same word
    quote_pair_min_overlap: float = 0.3
    quote_spelling_ratio: int = 85
    # A quoted run of at most this many capitalised words is a name ("Meet the Press")
    work_title_max_words: int = 6
    # A negation counts when the first content word within this many words after it is one the
    # other side also has; a hedge's claim is the first content word within hedge_window
    negation_window: int = 4
    hedge_window: int = 3
    # Two names are one entity when one word starts the other (both at least
    # name_prefix_min_chars long), when they share their first name_stem_chars letters and
    # are name_stem_ratio alike, or when they are name_spelling_ratio alike (rapidfuzz ratio)
    name_prefix_min_chars: int = 3
    name_stem_chars: int = 5
    name_stem_ratio: int = 60
    name_spelling_ratio: int = 85
