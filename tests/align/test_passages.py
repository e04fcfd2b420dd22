from unspun.align.passages import shared_stretch


def test_trims_to_the_shared_words():
    a = "My own intro. The quick brown fox jumps over the lazy dog today"
    b = "Elsewhere: the quick brown fox jumps over the lazy dog. And more."
    a0, a1, b0, b1 = shared_stretch(a, b)
    assert a[a0:a1] == "The quick brown fox jumps over the lazy dog"
    assert b[b0:b1] == "the quick brown fox jumps over the lazy dog"


def test_nothing_shared():
    assert shared_stretch("one two three four", "five six seven eight") is None
