"""Notebook 01's findings in words (src/mrt/words/ledger.py), tested directly on both sides of half."""

import pytest

from mrt import words


@pytest.mark.parametrize("undated, whole, guides, expected", [
    (28, 39, 4, "Most of the statistics in the four guides carry no year: 28 of 39."),
    (20, 40, 4, "Half of the statistics in the four guides carry no year: 20 of 40."),
    (19, 40, 3, "Fewer than half of the statistics in the three guides carry no year: 19 of 40."),
    (21, 40, 1, "Most of the statistics in the one guide carry no year: 21 of 40."),
    (40, 40, 4, "All of the statistics in the four guides carry no year: 40 of 40."),
    (0, 40, 4, "Every one of the 40 statistics in the four guides carries a year."),
])
def test_undated_finding(undated, whole, guides, expected):
    assert words.undated_finding(undated, whole, "statistics", guides) == expected


def test_undated_finding_caveat_only_when_some_are_undated():
    caveat = "A reader cannot tell which year's pay they show."
    assert words.undated_finding(16, 22, "pay figures", 4, caveat) == (
        "Most of the pay figures in the four guides carry no year: 16 of 22. A reader cannot tell which year's pay they show.")
    assert words.undated_finding(0, 22, "pay figures", 4, caveat) == "Every one of the 22 pay figures in the four guides carries a year."


@pytest.mark.parametrize("undated, whole, expected", [(38, 49, "38 of 49 items carry no year: most of them"),
                                                       (24, 49, "24 of 49 items carry no year: fewer than half of them")])
def test_undated_note(undated, whole, expected):
    assert words.undated_note(undated, whole, "items") == expected


def test_no_printed_range_sentence_names_the_exercise_and_what_it_lacks():
    assert words.no_printed_range_sentence("Exercise 1.5") == (
        "Not computed: Exercise 1.5 reads a printed pay range, and the guides print none.")
