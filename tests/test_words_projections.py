"""Sentences of the outlook notebook (src/mrt/words/projections.py, and the growth-word evidence of 05-fact-check in
src/mrt/words/evidence.py): directions from signs in both directions, both sides of every threshold, and each finding
short enough for a reader (first sentence at most 35 words, at most one more of at most 25)."""

import re
from types import SimpleNamespace

import pandas as pd
import pytest

from mrt import factcheck, words


def sentences(text: str) -> list[str]:
    """Split at real sentence ends: a full stop, question or exclamation mark followed by a space and a capital or digit."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“])", text.strip()) if s]


def assert_readable(text: str) -> None:
    parts = sentences(text)
    assert 1 <= len(parts) <= 2, parts
    assert len(parts[0].split()) <= 35, (len(parts[0].split()), parts[0])
    assert len(parts) == 1 or len(parts[1].split()) <= 25, (len(parts[1].split()), parts[1])


# Small helpers -----------------------------------------------------------------------------------------------

def test_span_and_points_text():
    assert words.period("2012-2022") == "2012–2022"
    assert [words.points_text(v) for v in (-8.5, 8.5, 9.0, 1, -1.0, 0.5, 3.4)] == [
        "8.5 points", "8.5 points", "9 points", "1 point", "1 point", "0.5 points", "3.4 points"]


@pytest.mark.parametrize("ratio, text", [(2.037, "about 2.0 times"), (1.757, "about 1.8 times"), (1.824, "about 1.8 times"),
                                         (2.308, "about 2.3 times"), (0.94, "about 0.9 times")])
def test_about_times_to_one_decimal(ratio, text):
    assert words.about_times(ratio) == text


def test_times_range():
    assert words.times_range(1.5, 1.8) == "1.5–1.8 times"
    assert words.times_range(2.037, 2.308) == "2.0–2.3 times"
    assert words.times_range(2.01, 2.04) == "2.0 times"  # both ends round alike


@pytest.mark.parametrize("before, after, text", [
    (2.04, 1.82, "it stayed above the average and its lead narrowed"),
    (1.82, 2.04, "it stayed above the average and its lead widened"),
    (1.5, 1.5, "it stayed above the average and its lead held steady"),
    (0.8, 0.9, "it stayed below the average and its shortfall narrowed"),
    (0.9, 0.8, "it stayed below the average and its shortfall widened"),
    (1.2, 0.9, "it moved from above the average to below it"),
    (0.9, 1.2, "it moved from below the average to above it"),
    (1.0, 1.0, "it stayed at the average"),
])
def test_lead_over_average_in_every_direction(before, after, text):
    assert words.lead_over_average(before, after) == text


# The key outlook finding ---------------------------------------------------------------------------------------

def test_outlook_vs_average_the_real_numbers():
    text = words.outlook_vs_average("medical records technicians", "2012-2022", "2016-2026", 22, 13.5, 10.8, 7.4)
    assert text == ("BLS's projected growth for medical records technicians fell from 22% (2012–2022) to 13.5% (2016–2026), "
                    "8.5 points; the all-occupations average fell 3.4 points. It stayed above the average and its lead "
                    "narrowed, from about 2.0 times to about 1.8 times.")
    assert_readable(text)
    assert "fell" in " ".join(text.split()[:20])  # the point (its direction) within the first 20 words


def test_outlook_vs_average_growth_that_rose_is_reported_as_rising():
    text = words.outlook_vs_average("workers", "2012-2022", "2016-2026", 24, 30, 10, 8)
    assert "workers rose from 24% (2012–2022) to 30% (2016–2026), 6 points" in text
    assert "the all-occupations average fell 2 points" in text and "its lead widened, from about 2.4 times to about 3.8 times" in text
    assert "fell from" not in text
    assert_readable(text)


def test_outlook_vs_average_when_the_average_rises_or_holds_and_the_job_holds():
    rising = words.outlook_vs_average("workers", "2012-2022", "2016-2026", 10, 9, 4, 6)
    assert "fell from 10%" in rising and "all-occupations average rose 2 points" in rising and "lead narrowed" in rising
    held = words.outlook_vs_average("workers", "2012-2022", "2016-2026", 10, 8, 5, 5)
    assert held.split(". ")[0].endswith("; the all-occupations average did not change")
    flat = words.outlook_vs_average("workers", "2012-2022", "2016-2026", 10, 10, 5, 4)
    assert "workers did not change from 2012–2022 to 2016–2026, at 10%" in flat and "lead widened" in flat
    below = words.outlook_vs_average("workers", "2012-2022", "2016-2026", 12, 6, 10, 8)
    assert "moved from above the average to below it, from about 1.2 times to about 0.8 times" in below
    same = words.outlook_vs_average("workers", "2012-2022", "2016-2026", 20.4, 20.2, 10, 10)
    assert same.endswith("its lead narrowed, at about 2.0 times the average both times.")
    for text in (rising, held, flat, below, same):
        assert_readable(text)


# Rounding --------------------------------------------------------------------------------------------------------

def test_rounding_range_inside_and_outside_at_the_ends():
    inside = words.rounding_range("13 percent", "about 28,000", 203704, 228000, 206300, 215385)
    assert inside == ("The guide's 13 percent and about 28,000 new jobs fit any starting count from 203,704 to 228,000; "
                      "BLS's 206,300 is inside. Dividing one by the other (215,385) looks more exact than it is.")
    assert_readable(inside)
    assert "is inside" in words.rounding_range("13%", "28,000", 203704, 228000, 203704, 1)  # the ends belong to the range
    assert "is inside" in words.rounding_range("13%", "28,000", 203704, 228000, 228000, 1)
    assert "is outside" in words.rounding_range("13%", "28,000", 203704, 228000, 203703, 1)
    assert "is outside" in words.rounding_range("13%", "28,000", 203704, 228000, 228001, 1)


# Projections against outcomes --------------------------------------------------------------------------------------

def pairs(*rows):
    return pd.DataFrame(rows, columns=["vintage", "year", "difference_pct"])


@pytest.mark.parametrize("difference, within", [(2.9, True), (3.0, True), (3.1, False), (-2.9, True), (-3.0, True), (-3.1, False)])
def test_outcome_within_at_the_tolerance(difference, within):
    text = words.outcome_within(pairs(("2010-2020", 2012, 0.5), ("2012-2022", 2016, difference)), 3.0)
    if within:
        assert text.startswith("Later BLS counts of the same jobs came within ±3% of the path to each earlier projection in all 2 checks.")
    else:
        shown = f"{difference:+.1f}%"
        assert text.startswith(f"Later BLS counts of the same jobs came within ±3% of the path to each earlier projection in 1 of 2 checks; "
                               f"the exceptions: 2012–2022 in 2016 ({shown}).")
    assert text.endswith(".") and text.count(". ") == 0  # one sentence: the path says what is compared
    assert_readable(text)


def test_outcome_within_the_real_checks_and_none_within():
    real = pairs(("2010-2020", 2012, -0.1), ("2010-2020", 2014, -2.6), ("2010-2020", 2016, 2.5), ("2010-2020", 2018, 3.1),
                 ("2012-2022", 2014, -2.7), ("2012-2022", 2016, 2.3), ("2012-2022", 2018, 2.7), ("2014-2024", 2016, 6.3),
                 ("2014-2024", 2018, 7.9), ("2016-2026", 2018, 1.9))
    text = words.outcome_within(real, 3.0)
    assert "in 7 of 10 checks; the largest of three misses was +7.9% (2014–2024, in 2018)." in text
    assert "-0.1%" not in text  # a difference inside the tolerance is not called a miss
    assert_readable(text)
    assert "in 10 of 10" not in words.outcome_within(real, 8.0) and "in all 10 checks." in words.outcome_within(real, 8.0)
    none = words.outcome_within(pairs(("a-b", 2012, 5.0), ("a-b", 2014, -4.0)), 3.0)
    assert none.startswith("Later BLS counts of the same jobs came within ±3% of the path to each earlier projection in none of 2 checks.")
    with pytest.raises(ValueError, match="no like-for-like check"):
        words.outcome_within(pairs(), 3.0)


def test_outcome_within_sums_up_many_exceptions():
    many = pairs(("2010-2020", 2012, 4.0), ("2010-2020", 2014, -5.0), ("2012-2022", 2014, 3.5), ("2012-2022", 2016, 9.2),
                 ("2014-2024", 2016, 1.0))
    text = words.outcome_within(many, 3.0)
    assert "in 1 of 5 checks; the largest of four misses was +9.2% (2012–2022, in 2016)." in text
    one = words.outcome_within(pairs(("2010-2020", 2012, 4.0), ("2010-2020", 2014, 1.0)), 3.0)
    assert "in 1 of 2 checks; the exceptions: 2010–2020 in 2012 (+4.0%)." in one  # a single miss is named, not summed up
    assert_readable(text)


# The guides' growth words --------------------------------------------------------------------------------------------

def wording_row(**change):
    row = dict(source_key="g#L1", vintage="2012-2022", words="faster than the average", printed_pct=22.0, all_occupations_pct=10.8,
               ratio=2.037, ratio_low=1.982, ratio_high=2.093, claimed_band="faster", handbook_edition="2014-15",
               handbook_wording="much faster than the average", handbook_band="much_faster", verdict="understated",
               faster_ratio_low=1.5, faster_ratio_high=1.8, much_faster_ratio_low=2.037, much_faster_ratio_high=2.308)
    return SimpleNamespace(**{**row, **change})


@pytest.mark.parametrize("verdict, ending", [("understated", "so the guide's word understates it."),
                                             ("supported", "so the guide's word matches it."),
                                             ("overstated", "so the guide's word overstates it.")])
def test_growth_word_finding_where_the_handbook_word_was_found(verdict, ending):
    text = words.growth_word_finding(wording_row(verdict=verdict))
    assert text == ("One guide called 22% growth over 2012–2022 “faster than the average”; the Handbook said “much faster than "
                    f"the average” for that outlook, {ending}")
    assert_readable(text)


def test_growth_word_finding_where_it_was_not_found_says_cannot_tell():
    row = wording_row(vintage="2016-2026", words="much faster rate of growth", printed_pct=13.0, all_occupations_pct=7.4, ratio=1.757,
                      claimed_band="much_faster", handbook_edition=pd.NA, handbook_wording=pd.NA, handbook_band=pd.NA, verdict="cannot_tell")
    text = words.growth_word_finding(row)
    assert text == ("One guide called 13% growth over 2016–2026 “much faster rate of growth”; the Handbook's word for that outlook "
                    "was not found, so we cannot tell.")  # what the editions found bracket stays in the register and notebook 3
    assert_readable(text)


def test_growth_word_finding_on_the_wrong_side_of_the_average():
    text = words.growth_word_finding(wording_row(printed_pct=7.0, ratio=0.648, verdict="contradicted", handbook_wording=pd.NA))
    assert text == ("One guide called 7% growth over 2012–2022 “faster than the average”, but that is about 0.6 times the average, "
                    "so the guide's word puts the growth on the wrong side of the average.")
    assert_readable(text)


def evidence_result(reading="handbook_wording", **facts):
    base = {"ratio": 13 / 7.4, "ratio_low": 1.678, "ratio_high": 1.837, "all_occupations_pct": 7.4, "vintage": "2016-2026",
            "words": "much faster rate of growth", "handbook_edition": None, "handbook_wording": None, "faster_ratio_low": 1.5,
            "faster_ratio_high": 1.8, "much_faster_ratio_low": 2.037, "much_faster_ratio_high": 2.308, "much_faster_ratio": 2.0}
    return factcheck.Result("not_checkable", reading, guide_value=13.0, record_value=7.4, facts={**base, **facts})


def test_growth_wording_evidence_not_found_found_and_by_the_ratio_rule():
    head = "13% against 7.4% for all occupations in 2016–2026: about 1.8 times the average (1.68–1.84 within rounding)."
    assert words.growth_wording_evidence(evidence_result()) == (
        head + " The Handbook edition for 2016–2026 was not found; the editions found called 1.5–1.8 times the average “faster” "
        "and 2.0–2.3 times “much faster”.")
    found = evidence_result(handbook_edition="2018-19", handbook_wording="faster than the average")
    assert words.growth_wording_evidence(found) == head + " The Handbook's 2018-19 edition called the same outlook “faster than the average”."
    assert words.growth_wording_evidence(evidence_result("project_ratio")) == (
        head + " Judged by the project's rule: “much faster” from 2 times the average.")
    assert "1.75 times" in words.growth_wording_evidence(evidence_result("project_ratio", much_faster_ratio=1.75))


def test_labels_for_tables():
    assert words.printed_or_implied("printed (003_dc4e1e54816b27dc.txt#L3)") == "printed (guide 003, line 3)"
    assert words.printed_or_implied("implied: base x percent") == "implied: base × percent"
    assert words.printed_or_implied("implied: change / percent") == "implied: change / percent"
    from mrt import growth

    assert set(words.GROWTH_WORD_LABELS) == set(growth.WORDING_VERDICTS) == set(words.GROWTH_WORD_VERDICTS)
