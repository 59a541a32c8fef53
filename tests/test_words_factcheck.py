"""The fact-check's sentences (words.py, section "05-fact-check"), tested directly on synthetic results.

Each expected sentence is written out by hand; each threshold is tried on both sides.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from mrt import factcheck, words
from mrt.factcheck import Claim, Range, Result


# Claims printed without a year ----------------------------------------------------------------------------------------

def agreement(undated=15, guide_date=(0, 0), no_guide_date=(0, 0), latest=(0, 0), timeless=(0, 0), guides_without_date=1):
    """Counts as (agreeing, checkable) per frame."""
    frames = {"guide_date": guide_date, "no_guide_date": no_guide_date, "latest_record": latest, "timeless": timeless}
    return factcheck.UndatedAgreement(with_figures=28, undated=undated, checkable_by_frame={f: c for f, (_, c) in frames.items()},
                                      agreeing_by_frame={f: a for f, (a, _) in frames.items()}, guides_without_date=guides_without_date)


@pytest.mark.parametrize("counts, sentence", [
    # dated guides and one guide with no dated figure (the real case)
    (agreement(guide_date=(4, 6), no_guide_date=(2, 2)),
     "15 claims rest on figures printed without a year; 6 of the 8 checkable ones agree: 4 with the record of their guide's date "
     "and 2, from a guide with no dated figure, with the latest record."),
    # only dated guides
    (agreement(guide_date=(6, 8), guides_without_date=0),
     "15 claims rest on figures printed without a year; 6 of the 8 checkable ones agree with the record of their guide's date."),
    # only a guide with no dated figure
    (agreement(no_guide_date=(2, 3)),
     "15 claims rest on figures printed without a year; 2 of the 3 checkable ones, from a guide with no dated figure, agree with "
     "the latest record."),
    # two undated guides; none of the dated guides' claims agree
    (agreement(guide_date=(0, 4), no_guide_date=(3, 3), guides_without_date=2),
     "15 claims rest on figures printed without a year; 3 of the 7 checkable ones agree: none with the record of their guide's "
     "date and 3, from 2 guides with no dated figure, with the latest record."),
    # the latest-record rule: one frame, no reason to name the undated guide
    (agreement(latest=(2, 8), guides_without_date=0),
     "15 claims rest on figures printed without a year; 2 of the 8 checkable ones agree with the latest record."),
    # singular forms
    (agreement(undated=1, guide_date=(1, 1), guides_without_date=0),
     "1 claim rests on figures printed without a year; 1 of the 1 checkable one agrees with the record of their guide's date."),
    # three frames
    (agreement(guide_date=(1, 2), no_guide_date=(1, 1), timeless=(1, 1)),
     "15 claims rest on figures printed without a year; 3 of the 4 checkable ones agree: 1 with the record of their guide's date, "
     "1, from a guide with no dated figure, with the latest record and 1 with a record that needs no date."),
    # nothing to check
    (agreement(undated=2), "2 claims rest on figures printed without a year; none of them can be checked."),
])
def test_undated_statement(counts, sentence):
    assert words.undated_statement(counts) == sentence


def test_the_words_cover_every_frame():
    assert set(words.FRAME_WORDS) == set(factcheck.UNDATED_FRAMES)
