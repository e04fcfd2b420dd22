from unspun.align.features import idf_weights, normalize, pair_features, tokenize


def test_normalize_quotes_case_and_space():
    assert normalize("The “Best”  Plan’s\nend") == normalize('the "best" plan\'s end')


def test_tokenize_reads_abbreviations_possessives_and_plurals():
    tokens = tokenize("The U.S. leaders’ talks on June 16")
    assert "us" in tokens.words
    assert "leader" in tokens.content and "talk" in tokens.content
    assert {"june", "16"} <= tokens.names
    assert "the" not in tokens.content


def test_pair_features_separate_copies_from_unrelated_sentences():
    a = tokenize("Council chair Marion Okafor said the work would begin in the spring.")
    b = tokenize("Council chair Marion Okafor said work would start in the spring.")
    c = tokenize("Shipping companies welcomed the decision on Tuesday.")
    idf = idf_weights([a, b, c])
    close, far = pair_features(a, b, idf), pair_features(a, c, idf)
    assert close.containment > 0.5 > far.containment
    assert close.rare_shared > 0.6 > far.rare_shared
    assert close.names_numbers == 1.0
    assert far.names_missing > 0
