"""The fact-check's sentences (src/mrt/words/evidence.py and tallies.py, notebook 05-fact-check), tested directly on
synthetic results.

Each expected sentence is written out by hand; each threshold is tried on both sides.
"""

from __future__ import annotations

import math
import re

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
     "1 claim rests on figures printed without a year; the only checkable one agrees with the record of their guide's date."),
    (agreement(undated=1, guide_date=(0, 1), guides_without_date=0),
     "1 claim rests on figures printed without a year; the only checkable one does not agree with the record of their guide's date."),
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


# Helpers: ranges, time frames, percents ----------------------------------------------------------------------------------

def result(verdict="matches_record", **kw):
    return Result(verdict, **kw)


def claim(check="wage", claim_text="A claim", guide_file="000_aaaaaaaaaaaaaaaa.txt", line=5):
    return Claim("C900", guide_file, line, f"{guide_file}#L{line}", "printed", "pay", check, (), claim_text)


@pytest.mark.parametrize("span, unit, expected", [
    (Range(35, 45), "percent", "35% to 45%"),                       # bounded
    (Range(25, 100, low_open=True), "percent", "more than 25%"),   # a share's ceiling of 100% is no bound
    (Range(25, 99, low_open=True), "percent", "more than 25% and at most 99%"),
    (Range(15, 20), "percent", "15% to 20%"),
    (Range(10, math.inf), "persons", "at least 10%"),               # unbounded above
    (Range(10, 100), "percent", "at least 10%"),                    # a closed range up to 100% is "at least"
    (Range(10, 99.9), "percent", "10% to 99.9%"),                   # just under the ceiling: bounded
])
def test_span_bounded_and_unbounded(span, unit, expected):
    assert words.printed_range(result(guide_range=span, unit=unit), words.pct) == expected


@pytest.mark.parametrize("basis, year, expected", [
    ("printed", 2013, "the year it prints, 2013"),
    ("guide_date", 2017, "its guide's date, 2017"),
    ("latest_record", None, "the latest record, as its guide prints no year"),
])
def test_when(basis, year, expected):
    assert words.when(result(judged_at=year, time_basis=basis)) == expected


@pytest.mark.parametrize("value, expected", [(40.0, "40%"), (37.4, "37.4%"), (19.96, "20.0%")])
def test_pct_whole_or_one_decimal(value, expected):
    assert words.pct(value) == expected


@pytest.mark.parametrize("n, verb", [(0, "are"), (1, "is"), (2, "are")])
def test_is_are(n, verb):
    assert words.is_are(n) == verb


def test_words_cover_every_code():
    assert tuple(words.VERDICT_WORDS) == factcheck.VERDICTS
    assert set(words.READING_WORDS) == set(factcheck.READINGS)
    assert set(words.EVIDENCE) == set(factcheck.CHECKS)


def test_setting_and_route_labels_come_from_the_data():
    assert words.setting_label("offices_of_physicians") == "physicians' offices"  # occupation.toml's [setting_labels]
    assert words.setting_label("unlisted") == "all settings the record does not list"
    with pytest.raises(KeyError):
        words.setting_label("moon_base")


# Evidence, one check at a time ---------------------------------------------------------------------------------------------

def wage(verdict, parts, is_range=False, year_printed=2017, span=Range(38500, 39500), value=39000.0, unit="usd_per_year", **facts):
    return result(verdict, guide_value=value, guide_range=span, record_year=2017, unit=unit, judged_at=2017, time_basis="printed",
                  facts={"parts": parts, "is_range": is_range, "year_printed": year_printed, **facts})


def test_wage_text_rounded_and_missed():
    rounded = wage("rounded", (("value", 39000.0, "median", 39180.0),))
    assert words.wage_text(claim(), rounded) == ("OEWS May 2017: median $39,180. The printed $39,000 stands for $38,500 to $39,500 "
                                                 "(its own rounding step).")
    missed = wage("overstated", (("value", 39000.0, "median", 37000.0),))
    assert words.wage_text(claim(), missed) == ("OEWS May 2017: median $37,000. The printed amount stands for $38,500 to $39,500, "
                                                "which misses it.")
    assert words.wage_text(claim(), result("not_checkable")) == "No OEWS national figure of any year equals the printed amount."


def test_wage_text_hourly_keeps_cents_and_undated_names_the_latest():
    hourly = wage("matches_record", (("value", 20.59, "mean", 20.59),), year_printed=None, span=Range(20.585, 20.595), value=20.59,
                  unit="usd_per_hour", latest_year=2024, latest_value=24.5, latest_comparable="partly")
    assert words.wage_text(claim(), hourly) == (
        "OEWS May 2017: mean $20.59. The guide prints no year; judged at the year it prints, 2017. The latest OEWS figure "
        "(2024, a partly comparable code) is $24.50.")


def test_count_text_with_and_without_the_other_count():
    r = result(record_value=186300.0, record_year=2012, judged_at=2012, time_basis="printed",
               facts={"population": "all_jobs", "other_count": 179910.0, "other_population": "wage_and_salary_jobs"})
    assert words.count_text(claim(), r) == (
        "186,300 is the BLS count of all jobs, self-employed included (the Employment Projections count) for 2012; the other BLS "
        "count that year is 179,910 wage-and-salary jobs. Judged at the year it prints, 2012.")
    alone = result(record_value=186300.0, record_year=2012, judged_at=2012, time_basis="printed", facts={"population": "all_jobs"})
    assert words.count_text(claim(), alone).endswith("(the Employment Projections count) for 2012. Judged at the year it prints, 2012.")
    assert words.count_text(claim(), result("not_checkable")).startswith("No BLS count")


def test_growth_text_with_and_without_the_unrounded_percent():
    common = dict(guide_value=22.0, guide_range=Range(21.5, 22.5), record_value=21.5, unit="percent")
    r = result(**common, facts={"published_pct": 21.5, "unrounded_pct": 21.53, "vintage": "2012-2022"})
    assert words.growth_text(claim(), r) == "BLS published 21.5% for 2012-2022 (21.53% from its projected change and base); the printed 22% stands for 21.5% to 22.5%."
    r = result(**common, facts={"published_pct": 21.5, "unrounded_pct": None, "vintage": "2012-2022"})
    assert words.growth_text(claim(), r) == "BLS published 21.5% for 2012-2022; the printed 22% stands for 21.5% to 22.5%."


def share(year, pct, bound=False, named="Hospitals; state local and private"):
    return factcheck.ShareRecord("hospitals", year, pct, bound, f"k{year}", named)


def test_share_text_marks_a_lower_bound_only_when_there_is_one():
    plain = result(reading="own_rounding_step", guide_range=Range(35, 45), unit="percent", judged_at=2016, time_basis="guide_date",
                   facts={"printed": "40%", "records": (share(2016, 36.0),)})
    assert words.share_text(claim(), plain) == ("Read with its own rounding step, the printed “40%” stands for 35% to 45%. Records of "
                                                "its time frame (its guide's date, 2016): 2016: 36% (hospitals; state local and private).")
    bound = result(reading="own_rounding_step", guide_range=Range(35, 45), unit="percent", judged_at=2011, time_basis="guide_date",
                   facts={"printed": "40%", "records": (share(2011, 37.35, True, "General medical and surgical hospitals"),)})
    assert words.share_text(claim(), bound) == (
        "Read with its own rounding step, the printed “40%” stands for 35% to 45%. Records of its time frame (its guide's date, 2011): "
        "2011: at least 37.4% (general medical and surgical hospitals, only part of the setting). A lower bound can refute it only from below.")


def most_year(year, named, rival_pct):
    return factcheck.MostYear(year, named, False, "offices_of_physicians", rival_pct, False, 100 - named - rival_pct, "no", "yes", ())


def test_most_text_names_the_reading_and_the_rival():
    r = result("contradicted", reading="majority", judged_at=2017, time_basis="guide_date",
               facts={"settings": ("hospitals",), "years": (most_year(2016, 36.0, 19.0), most_year(2018, 34.0, 19.0))})
    assert words.most_text(claim(), r) == ("“Most” read as a majority (more than half), judged at its guide's date, 2017. 2016: 36% in "
                                           "hospitals against 19% in physicians' offices; 2018: 34% in hospitals against 19% in physicians' offices.")


def test_setting_pay_text_with_and_without_pairs():
    r = result("partly_supported", facts={"pairs": (("hospitals", "offices_of_physicians", 37960.0, 30120.0),), "unchecked": ("government",),
                                          "year": 2011})
    assert words.setting_pay_text(claim(), r) == ("OES May 2011 mean pay: hospitals $37,960 against physicians' offices $30,120. "
                                                  "Not in our data: government.")
    none = result("not_checkable", facts={"pairs": (), "unchecked": (), "year": None})
    assert words.setting_pay_text(claim(), none) == "Our record has no pay for these settings."


def test_pays_well_text_with_and_without_a_record():
    r = result(record_value=34160.0, record_year=2012, facts={"measure": "median", "ratio": 34160 / 34750, "all_occupations_value": 34750.0})
    assert words.pays_well_text(claim(), r) == ("In May 2012 the technicians' median pay was $34,160, 98% of the median for all "
                                                "occupations ($34,750).")
    missing = result("not_checkable", facts={"measure": "median", "years_available": (2012,)})
    assert words.pays_well_text(claim(), missing) == "Our data hold all occupations' median pay only for 2012."


def entry(verdict, reading="edition_of_its_time", mentioned=("2016-17",)):
    return result(verdict, reading=reading, judged_at=2013, time_basis="guide_date",
                  facts={"route": "associate_degree", "stance": "sufficient", "edition": "2014-15",
                         "typical_then": "postsecondary nondegree award", "typical_in": (), "mentioned_in": mentioned})


def test_entry_text_silence_is_not_a_denial():
    label = words.route_label("associate_degree")
    head = (f"The Handbook edition of its time (2014-15, judged at its guide's date, 2013) names a postsecondary nondegree award as the "
            f"typical entry education. {label}: named typical in no edition; mentioned in 2016-17.")
    assert words.entry_text(claim(), entry("matches_record", mentioned=("2016-17",))) == head
    assert words.entry_text(claim(), entry("not_checkable")) == head + (
        " The edition of its time is silent on it, which is not a denial; the editions that mention it (2016-17) are not the record "
        "of its time, so the claim cannot be checked in it.")
    assert words.entry_text(claim(), entry("matches_record", reading="any_edition")) == head + (
        " The edition of its time does not mention it; a Handbook's silence is not a denial, so other editions that do settle it.")
    nowhere = words.entry_text(claim(), entry("not_checkable", mentioned=()))
    assert nowhere.endswith("named typical in no edition; mentioned in no edition.")


def test_certification_text_with_and_without_mentions():
    stances = (("000_a.txt", "preferred"), ("002_b.txt", "optional"), ("002_b.txt", "preferred"))
    some = result("not_checkable", facts={"handbook_editions": 6, "editions_mentioning": ("2010-11",), "guide_stances": stances})
    assert words.certification_text(claim(), some) == (
        "1 of the 6 Handbook editions we hold mention certification, and no other reference table covers it. What the guides "
        "themselves say of certification (guide: stance): 000: preferred; 002: optional, preferred.")
    none = result("not_checkable", facts={"handbook_editions": 6, "editions_mentioning": (), "guide_stances": stances})
    assert words.certification_text(claim(), none).startswith("None of the 6 Handbook editions we hold mentions certification,")


# The page's sentences -------------------------------------------------------------------------------------------------------

def tally(agree=22, partly=1, disagree=6, not_checkable=18):
    verdicts = ["matches_record"] * agree + ["partly_supported"] * partly + ["overstated"] * disagree + ["not_checkable"] * not_checkable
    return factcheck.tally(verdicts), factcheck.verdict_counts(verdicts)


@pytest.mark.parametrize("partly, phrase", [(1, "1 is partly supported"), (2, "2 are partly supported"), (0, "0 are partly supported")])
def test_tally_text_agrees_the_verb_with_the_count(partly, phrase):
    t, counts = tally(partly=partly)
    assert phrase in words.tally_text(t, counts, 4)


def test_share_pct_and_the_note_when_fewer_agree():
    t, _ = tally(agree=3, partly=0, disagree=5, not_checkable=0)
    assert words.share_pct(t) == pytest.approx(37.5)
    assert words.share_pct(factcheck.tally(["not_checkable"])) is None
    assert words.fewer_agree_note(t) == "only 3 of 8 checkable claims agree"


def test_partly_text_when_none_is_partly_supported():
    empty = pd.DataFrame(columns=["claim", "guide_file", "line", "evidence"])
    assert words.partly_text(empty) == "No claim is partly supported under these rules."
    one = pd.DataFrame([{"claim": "X pay more than Y", "guide_file": "000_a.txt", "line": 40, "evidence": "Some evidence."}])
    assert words.partly_text(one) == "“X pay more than Y” (000, line 40): Some evidence."


@pytest.mark.parametrize("part, whole, word", [
    (6, 6, "all"), (5, 6, "most"), (51, 100, "most"), (50, 100, "half"), (49, 100, "fewer than half"), (1, 6, "fewer than half"),
    (0, 6, "none"), (1, 1, "all"), (2, 3, "most"), (1, 2, "half")])
def test_majority_word_on_both_sides_of_half(part, whole, word):
    assert words.majority_word(part, whole) == word


@pytest.mark.parametrize("bad", [(1, 0), (-1, 4), (5, 4)])
def test_majority_word_refuses_impossible_counts(bad):
    with pytest.raises(ValueError):
        words.majority_word(*bad)


@pytest.mark.parametrize("noun, expected", [("medical coding certificate", "a medical coding certificate"),
                                             ("associate's degree", "an associate's degree"), ("Online course", "an Online course")])
def test_with_article(noun, expected):
    assert words.with_article(noun) == expected


@pytest.mark.parametrize("agree, disagree, not_checkable, guides, expected", [
    (21, 8, 18, 4, "Most of the claims in the four guides that we could check agree with official U.S. labor statistics: 21 of 29 "
                   "(72%). 18 other claims cannot be checked with our data."),
    (4, 4, 1, 1, "Half of the claims in the one guide that we could check agree with official U.S. labor statistics: 4 of 8 (50%). "
                 "1 other claim cannot be checked with our data."),
    (3, 5, 0, 2, "Fewer than half of the claims in the two guides that we could check agree with official U.S. labor statistics: "
                 "3 of 8 (38%)."),
    (5, 4, 0, 5, "Most of the claims in the five guides that we could check agree with official U.S. labor statistics: 5 of 9 (56%)."),
])
def test_verdicts_finding_text_leads_with_whether_most_agree(agree, disagree, not_checkable, guides, expected):
    verdicts = ["matches_record"] * agree + ["overstated"] * disagree + ["not_checkable"] * not_checkable
    assert words.verdicts_finding_text(factcheck.tally(verdicts), guides) == expected


def test_verdicts_finding_text_is_short_for_readers():
    t = factcheck.tally(["matches_record"] * 21 + ["overstated"] * 8 + ["not_checkable"] * 18)
    first, second = words.verdicts_finding_text(t, 4).split(". ", 1)
    assert len(first.split()) <= 35 and "agree" in first.split()[:20] and len(second.split()) <= 25


def test_verdicts_finding_text_when_nothing_is_checkable():
    assert words.verdicts_finding_text(factcheck.tally(["not_checkable"] * 3), 4) == (
        "None of the 3 claims in the four guides can be checked with the data we hold.")


def test_undated_finding_text():
    u, latest = agreement(guide_date=(4, 6), no_guide_date=(2, 2)), agreement(latest=(2, 8))
    assert words.undated_finding_text(u, latest) == ("15 claims rest on undated figures: 6 of the 8 we "
                                                     "could check were right for their guide's time. Against the latest figures, 2 of 8 still are.")
    assert words.undated_finding_text(agreement(undated=1), latest) == "1 claim rests on undated figures; none of them can be checked."


def test_duration_text_names_the_program_from_the_data():
    r = result("not_checkable", facts={"months_low": 9.0, "months_high": 12.0, "program": "medical coding certificate", "qualifier": None})
    assert words.duration_text(claim(), r) == ("No official statistic on program length; program guides (a secondary source) give 9–12 "
                                               "months for a medical coding certificate.")
    r = result("not_checkable", facts={"months_low": 18.0, "months_high": 24.0, "program": "associate's degree", "qualifier": None})
    assert words.duration_text(claim(), r).endswith("18–24 months for an associate's degree.")


def test_most_readings_text_names_each_reading_from_its_result():
    years = (most_year(2016, 36.0, 19.0),)
    c = claim("setting_most", "Most technicians work in hospitals", guide_file="001_b.txt", line=17)
    a = factcheck.Judged(c, result("contradicted", reading="majority", facts={"years": years}), None)
    b = factcheck.Judged(c, result("matches_record", reading="plurality", facts={"years": years}), None)
    assert words.most_readings_text([(a, b)], {"001_b.txt": "A guide"}) == (
        "“A guide” (001_b.txt) line 17, “Most technicians work in hospitals”: as a majority contradicted, as a plurality matches the "
        "record (2016: 36%, largest rival 19%).")


def test_unchecked_sentences_text_counts_by_kind_in_a_fixed_order():
    sentences = pd.DataFrame({"kind": ["judgment", "no_reference_data", "no_reference_data", "repeats_checked"]})
    assert words.unchecked_sentences_text(sentences, 54, 4) == (
        "Besides the 54 claims, we read every sentence of the four guides that holds a number or a checkable statement. 4 more "
        "sentences are no claim we check (our reference data hold nothing on it: 2; an opinion or impression: 1; repeats what a "
        "claim checks: 1).")
    one = pd.DataFrame({"kind": ["judgment"]})
    assert words.unchecked_sentences_text(one, 3, 1).endswith("statement. 1 more sentence is no claim we check (an opinion or impression: 1).")
    none = pd.DataFrame({"kind": pd.Series([], dtype="string")})
    assert words.unchecked_sentences_text(none, 3, 1) == ("Besides the 3 claims, we read every sentence of the one guide that holds a "
                                                          "number or a checkable statement: each is one of the claims.")


def test_question_words_name_the_workers_and_settings_from_occupation_toml():
    short = words.names().short_name
    assert words.question_words("share_in:hospitals+offices_of_physicians") == f"What share of {short} work in hospitals and physicians' offices?"
    assert words.question_words("entry_education") == "What education does it take to enter?"
    with pytest.raises(KeyError):
        words.question_words("pay")


@pytest.mark.parametrize("years, half", [
    (((2016, 29.7, False), (2018, 28.8, False)), "not more than half of them"),
    (((2016, 50.0, False),), "not more than half of them"),                       # exactly half is not most
    (((2016, 50.1, False),), "more than half of them"),
    (((2011, 50.1, True),), "more than half of them"),                            # at least 50.1%: more than half either way
    (((2011, 40.0, True),), "the record does not settle whether that is more than half"),  # at least 40%: could be more
    (((2016, 40.0, False), (2018, 60.0, False)), "the record does not settle whether that is more than half"),
    ((), "the record does not settle whether that is more than half"),
])
def test_remainder_text_judges_half_from_the_shares(years, half):
    r = result("not_checkable", facts={"years": years, "settings": ("offices_of_physicians",), "outside": "hospitals", "unchecked": ()})
    assert words.remainder_text(claim(), r).endswith(f"): {half}.")


def test_remainder_text_names_the_parts_our_record_lacks():
    r = result("not_checkable", facts={"years": ((2016, 29.7, False),), "settings": ("offices_of_physicians",), "outside": "hospitals",
                                       "unchecked": ("small clinics",)})
    assert words.remainder_text(claim(), r) == (
        "Share of the jobs outside hospitals held by physicians' offices (2016: 30%): not more than half of them. Our record has no "
        "figure for small clinics, so the claim as a whole cannot be checked.")


def test_industries_area_ranking_schedule_and_issuer_texts():
    listed = result("not_checkable", record_year=2018, facts={"listed": (("hospitals", 34.0), ("offices_of_physicians", 19.0)),
                                                               "unlisted_pct": 47.0})
    assert words.industries_text(claim(), listed) == ("The Handbook's largest-employer rows in our data (2018) list only hospitals 34%, "
                                                      "physicians' offices 19%; the other 47% of jobs are not broken down by industry.")
    pairs = result("not_checkable", facts={"pairs": 5, "consistent": 4, "tolerance_usd": 10.4, "largest_gap_usd": 12.5})
    assert words.area_list_text(claim(), pairs) == ("Our BLS data are national only. Within the guide, 4 of 5 hourly and annual pairs "
                                                    "agree (hourly × 2,080 within $10.40; largest gap $12.50).")
    assert words.area_pattern_text(claim(), result("not_checkable", facts={"national_years": (2010, 2024)})) == (
        "Our BLS data are national figures for 2010–2024, with no states or regions.")
    assert words.ranking_text(claim(), result("not_checkable", facts={"ranks": (12.0, 12.0)})) == (
        "A ranking by another publisher (top 12); BLS data say nothing about it.")
    assert words.schedule_text(claim(), result("not_checkable", facts={"handbook_editions": 7})).startswith(
        "No reference table in our data records hours: the 7 Handbook editions")
    assert words.issuer_text(claim(), result("not_checkable", facts={"handbook_editions": 7, "education_rows": 21})) == (
        "No reference table names credentials or who awards them: our education data are 7 Handbook editions and 21 rows of costs, "
        "pay and program lengths.")


def judged(claim_id, verdict, text="A claim", guide_file="000_a.txt", line=3, **kw):
    c = factcheck.Claim(claim_id, guide_file, line, f"{guide_file}#L{line}", "x", "pay", "setting_share", (), text)
    return factcheck.Judged(c, result(verdict, **kw), None)


def test_restated_text_one_set_and_two():
    once, _ = tally(agree=20, partly=1, disagree=6, not_checkable=0)
    y = judged("C1", "matches_record", "The average salary is $42,820", "001_b.txt", 24)
    h = judged("C2", "matches_record", "The average hourly wage is $20.59", "001_b.txt", 27)
    one = words.restated_text([(y, h)], once)
    assert one.startswith("1 set of pay figures is printed twice by the same guide, once a year and once an hour: “the average salary")
    assert "(guide 001_b.txt#L24" not in one and one.endswith("Counted once each, 20 of 27 checkable claims agree (74%).")
    assert words.restated_text([(y, h), (y, h)], once).startswith("2 sets of pay figures are printed twice")


def test_guide_dates_text_with_and_without_an_undated_guide():
    titles = {"000_a.txt": "Guide A", "001_b.txt": "Guide B"}
    dated_both = pd.DataFrame({"guide_file": ["000_a.txt", "001_b.txt"], "date_from_figures": pd.array([2013, 2017], dtype="Int64")})
    assert words.guide_dates_text(dated_both, titles) == "2 of the 2 guides date themselves through their figures (2013, 2017); every guide does."
    one_undated = pd.DataFrame({"guide_file": ["000_a.txt", "001_b.txt"], "date_from_figures": pd.array([2013, None], dtype="Int64")})
    assert words.guide_dates_text(one_undated, titles) == (
        "1 of the 2 guides date themselves through their figures (2013); “Guide B” (001_b.txt) prints no year at all, so its claims "
        "are judged against the latest record.")


def test_best_and_worst_and_time_frame_texts():
    by_guide = pd.DataFrame({"guide_file": ["000_a.txt", "001_b.txt"], "agreeing": [3, 1], "checkable": [4, 4],
                             "share_agreeing_pct": [75.0, 25.0]})
    assert words.best_and_worst_text(by_guide, {"000_a.txt": "A", "001_b.txt": "B"}) == (
        "“A” (000_a.txt) agrees with the record in 3 of its 4 checkable claims (75%); “B” (001_b.txt) in 1 of 4 (25%).")
    moved = [(judged("C1", "matches_record", "Pay was $39,000"), judged("C1", "outdated", "Pay was $39,000"))]
    assert words.time_frame_text(moved) == ("Judged against the latest record instead of their guide's date, 1 claim changes verdict: "
                                            "“Pay was $39,000” (000, line 3) matches the record → outdated.")


@pytest.mark.parametrize("agree_n, disagree_n, phrase", [(1, 1, "1 agrees with the record"), (2, 1, "1 does not hold as printed"),
                                                          (2, 2, "2 do not hold as printed"), (2, 2, "2 agree with the record")])
def test_tally_text_and_alt_agree_their_verbs(agree_n, disagree_n, phrase):
    t, counts = tally(agree=agree_n, partly=0, disagree=disagree_n, not_checkable=1)
    assert phrase in words.tally_text(t, counts, 4)
    assert phrase.replace("the record", "the BLS record") in words.verdict_chart_alt(t, counts, "clerks")


# The notebook narrates; mrt.words writes ------------------------------------------------------------------------------

def test_notebook_05_is_thin_and_types_no_words_the_data_gives():
    """Read as text, never executed: no code cell over 20 lines, no sentence-writer defined in a cell, and none of the words
    the data give (the count of guides, the workers' name, the program) typed in any cell."""
    import nbformat

    from mrt import paths

    notebook = nbformat.read(paths.NOTEBOOKS / "05-fact-check.ipynb", as_version=4)
    for number, cell in enumerate(notebook.cells):
        lowered = cell.source.lower()
        for typed in ("four guides", "four career guides", "technician", "a coding certificate"):
            assert typed not in lowered, f"cell {number} types {typed!r}: derive it from the data (mrt.words)"
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 20, f"code cell {number} has {len(cell.source.splitlines())} lines"
            assert not re.search(r"^def \w*(text|words|statement|reason)\w*\(|^[A-Z_]*WORDS = ", cell.source, re.M), (
                f"code cell {number} defines a sentence-writer: its home is mrt.words")
