"""Sentences of the findings page and the index that once typed the original's counts (issue 17): from the rows now,
tested on each side of their conditions."""

from mrt import words


def test_sources_sentence_counts_the_guides_and_their_dates():
    assert words.sources_sentence(4, 0).startswith("The four guides, by their title as printed")
    assert "(none of them prints a date)" in words.sources_sentence(4, 0)
    assert words.sources_sentence(5, 0).startswith("The five guides,")
    assert "(it prints no date)" in words.sources_sentence(1, 0) and words.sources_sentence(1, 0).startswith("The one guide,")
    assert "(one of them prints a date)" in words.sources_sentence(5, 1)
    assert "(two of them print a date)" in words.sources_sentence(5, 2)
    assert "(each prints a date)" in words.sources_sentence(3, 3)
    assert "(it prints a date)" in words.sources_sentence(1, 1)
    assert words.sources_sentence(4, 0).endswith("The file name is how every table refers to a guide.")
