"""Notebook 02's caption on the nominal and real pay chart (words.line_breaks_note): the lines break at a change of
occupation code only; a year without a survey is a gap the line runs across (issue 17), and the caption says which."""

import pandas as pd
import pytest

from mrt import wages, words


@pytest.mark.parametrize("changes, gaps, expected", [
    (0, [], ""),
    (1, [], "The lines break where the occupation code changes."),
    (2, [], "The lines break where the occupation code changes."),
    (0, [2017], "The lines run on across 2017, a year without a survey, not a code change."),
    (0, [2017, 2020], "The lines run on across 2017 and 2020, years without a survey, not a code change."),
    (0, [2016, 2017, 2020], "The lines run on across 2016-2017 and 2020, years without a survey, not a code change."),
    (1, [2017], "The lines break where the occupation code changes and run on across 2017, a year without a survey."),
])
def test_line_breaks_note(changes, gaps, expected):
    assert words.line_breaks_note(changes, gaps) == expected


def annual(rows):
    return pd.DataFrame(rows, columns=["year", "soc_code", wages.COMPARABLE])


def test_the_caption_follows_a_table_with_gaps_only_and_one_with_a_code_change():
    gaps_only = annual([(2014, "00-0002", "yes"), (2015, "00-0002", "yes"), (2017, "00-0002", "yes")])
    note = words.line_breaks_note(len(wages.year_runs(gaps_only)) - 1, wages.gap_years(gaps_only))
    assert note == "The lines run on across 2016, a year without a survey, not a code change."
    changed = annual([(2014, "00-0002", "yes"), (2015, "00-0002", "yes"), (2016, "00-0009", "no")])
    note = words.line_breaks_note(len(wages.year_runs(changed)) - 1, wages.gap_years(changed))
    assert note == "The lines break where the occupation code changes."
