"""Settings of the align stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Knobs of the sentence aligner; the defaults are the tuned ones."""

    model: str = "minilm-int8"  # sentence-embedding model ("minilm-int8" or "none")
    threads: int = 1  # onnxruntime intra-op threads
    batch_size: int = 4  # sentences per model call (4 ran fastest on one core; 8 costs ~15 %)
    max_tokens: int = 128  # longer sentences are truncated before embedding
    # Candidate filter: a sentence pair is scored only if it shares this much rare-word weight
    # (idf-weighted, as a share of the smaller sentence) or, with a model, this cosine.
    min_shared: float = 0.2
    max_unit_chars: int = 600  # longer run-on "sentences" (lists, tables) are cut up
    min_words: int = 3  # shorter units ("2.", "Menu") are never aligned
    # Pair scores: the embedding cosine counts above cosine_floor, weighted against the
    # rare-word overlap; lexical evidence alone can also carry a pair.
    verbatim_run: int = 12  # this many consecutive words in common make a sure pair ...
    # ... when they cover run_cover of the copy sentence, or the words outside the run share
    # run_rest of their rare weight (rare_shared); less, the run counts in proportion: a web
    # page's "From Wikipedia, the free encyclopedia" banner glued to the first sentence of
    # two unrelated pages makes no pair. 0 turns the rule off.
    run_cover: float = 0.5
    run_rest: float = 0.2
    # A copy sentence whose best lexical pair scores this and is its source sentence's best too
    # is settled by the words: neither sentence is embedded for it (the model costs ~10 ms a
    # sentence on one core, and a copied sentence gains nothing from it). 1.01 embeds all.
    settled_score: float = 0.8
    cosine_floor: float = 0.45
    cosine_weight: float = 0.7
    # A pair scoring match_threshold is accepted anywhere; a pair scoring weak_threshold only
    # next to another accepted pair (within run_window sentences on both sides, in order or
    # reordered), or as the headline against the source's title or lede; two neighbouring
    # pairs both at run_seed_threshold vouch for each other.
    match_threshold: float = 0.65
    weak_threshold: float = 0.4
    run_seed_threshold: float = 0.5
    run_window: int = 3
    # A passage reworded throughout (words shuffled, machine-translated) may leave no single
    # pair at match_threshold: a chain of at least two pairs scoring chain_floor, in order on
    # both sides (each step at most chain_gap sentences on), is accepted when its pairs
    # together score chain_min above the floor (sum of score - chain_floor). Fit on the PAN13
    # pairs of even-numbered suspicious documents; see tests/baselines/pan13.json.
    chain_floor: float = 0.35
    chain_min: float = 0.1
    chain_gap: int = 2  # a chain's step moves at most this many sentences on either side
    # Lower bar for growing a pair to a neighbouring sentence (a copy that merges two source
    # sentences into one, or splits one).
    extend_threshold: float = 0.35
    title_lede_bonus: float = 0.1  # the copy's headline prefers the source's title or lede
    caption_penalty: float = 0.15  # captions pair with body text only on stronger evidence
    # near-verbatim: this share of word bigrams in common both ways, or this character
    # similarity (rapidfuzz ratio); below, a matched pair is a paraphrase
    near_verbatim: float = 0.8
    near_verbatim_chars: float = 0.92
    # Sentence by sentence, the copy shows reuse with this many matched copy characters, or
    # one verbatim, near-verbatim or strong pair (score >= strong_score) of this many.
    reuse_min_chars: int = 100
    reuse_strong_chars: int = 40
    strong_score: float = 0.7
    # The judgement "the copy reuses the source" (unspun.align.decision): the reporter's own
    # sentences (under quote_share of them in quotation marks) matched in order, strong
    # pairs two or more in a run (or one sentence of verbatim_chars copied word for word),
    # covering reuse_share of the shorter text; or a run of passage_pairs narration pairs of
    # any strength covering passage_chars. Fit on the tune half of the hand-labelled
    # Helsinki pairs (devsets/helsinki/same_event.json); see tests/baselines/pairs.json.
    quote_share: float = 0.5
    reuse_share: float = 0.3
    verbatim_chars: int = 150
    passage_pairs: int = 4
    passage_chars: int = 600
    # Sentence-by-sentence evidence is enough only where the two texts open on different
    # subjects: the names of their headlines and first subject_chars of body share under
    # subject_share (Jaccard).
    subject_share: float = 0.15
    subject_chars: int = 800
