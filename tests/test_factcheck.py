"""Fact-check rules on small synthetic tables, with cases right at each threshold.

Every expected value is worked out by hand in the comment beside it. The real-data verdicts are in
test_factcheck_real.py; the chart in test_factcheck_chart.py.
"""

from __future__ import annotations

import ast
import inspect
import math

import pandas as pd
import pytest

from mrt import clean, factcheck, rawschema, schema, vocab
from mrt.factcheck import Range, Rules
from mrt.factcheck import rules as factcheck_rules

G0, G1 = "000_aaaaaaaaaaaaaaaa.txt", "001_bbbbbbbbbbbbbbbb.txt"

# Synthetic tables --------------------------------------------------------------------------------------

FIGURE_COLUMNS = ["figure_id", "guide_file", "line", "source_key", "as_printed", "part", "topic", "subject", "statistic", "unit",
                  "value", "qualifier", "year_start", "year_end"]


def figures(*rows) -> pd.DataFrame:
    frame = pd.DataFrame([dict(zip(FIGURE_COLUMNS, r)) for r in rows], columns=FIGURE_COLUMNS)
    for column in ("year_start", "year_end", "line"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    frame["value"] = pd.array(frame["value"].tolist(), dtype="Float64")
    return frame


def fig(figure_id, value, *, guide=G0, unit="percent", qualifier=None, year=None, end=None, subject="hospitals",
        statistic="employment_share", as_printed="x", part=None):
    return (figure_id, guide, 1, f"{guide}#L1", as_printed, part, "work_setting", subject, statistic, unit, value, qualifier, year,
            end if end is not None else year)


def dated(guide, year, figure_id="FD"):
    """A figure that only dates its guide."""
    return fig(figure_id, 1.0, guide=guide, unit="persons", year=year, subject="medical records technicians", statistic="employment")


SETTING_COLUMNS = ["source_key", "source_kind", "year", "setting", "setting_as_named", "share_pct", "share_computed",
                   "employment_persons", "occupation_employment_persons", "mean_annual_usd"]


def settings(*rows) -> pd.DataFrame:
    """rows: (year, setting, share, as_named[, mean pay[, employment, total]])"""
    out = []
    for r in rows:
        year, setting, share, named = r[:4]
        pay = r[4] if len(r) > 4 else None
        employment, total = (r[5], r[6]) if len(r) > 6 else (None, None)
        out.append({"source_key": f"k{year}{setting}", "source_kind": "bls", "year": year, "setting": setting, "setting_as_named": named,
                    "share_pct": share, "share_computed": employment is not None, "employment_persons": employment,
                    "occupation_employment_persons": total, "mean_annual_usd": pay})
    frame = pd.DataFrame(out, columns=SETTING_COLUMNS)
    for column in ("year", "employment_persons", "occupation_employment_persons"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    frame["share_pct"] = pd.array(frame["share_pct"].tolist(), dtype="Float64")
    frame["mean_annual_usd"] = pd.array(frame["mean_annual_usd"].tolist(), dtype="Float64")
    frame["share_computed"] = pd.array(frame["share_computed"].tolist(), dtype="boolean")
    return frame


HOSPITALS_ALL = "Hospitals; state local and private"
HOSPITALS_PART = "General medical and surgical hospitals"
OFFICES = "Offices of physicians"


def provenance(*rows) -> pd.DataFrame:
    """rows: (figure_id, part, unit, value, year_printed, bls_year, bls_statistic, bls_value[, statistic_compared])"""
    columns = ["figure_id", "source_key", "as_printed", "part", "statistic_compared", "unit", "value", "year_printed", "bls_year",
               "bls_statistic", "bls_value", "verdict", "bls_source_key"]
    out = []
    for r in rows:
        figure_id, part, unit, value, printed, year, statistic, bls = r[:8]
        compared = r[8] if len(r) > 8 else statistic
        out.append({"figure_id": figure_id, "source_key": f"{G1}#L1", "as_printed": "x", "part": part, "statistic_compared": compared,
                    "unit": unit, "value": value, "year_printed": printed, "bls_year": year, "bls_statistic": statistic,
                    "bls_value": bls, "verdict": "exact", "bls_source_key": None if year is None else f"oews#year={year}"})
    frame = pd.DataFrame(out, columns=columns)
    for column in ("year_printed", "bls_year"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    for column in ("value", "bls_value"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Float64")
    return frame


def bls_wages(*rows) -> pd.DataFrame:
    """rows: (year, statistic, unit, value[, comparable])"""
    frame = pd.DataFrame([{"year": r[0], "soc_code": "29-0000", "comparable_to_reference_code": r[4] if len(r) > 4 else "yes",
                           "statistic": r[1], "unit": r[2], "value": r[3], "source_key": f"oews#year={r[0]}"} for r in rows],
                         columns=["year", "soc_code", "comparable_to_reference_code", "statistic", "unit", "value", "source_key"])
    frame["year"] = pd.array(frame["year"].tolist(), dtype="Int64")
    frame["value"] = pd.array(frame["value"].tolist(), dtype="Float64")
    return frame


def projections(*rows) -> pd.DataFrame:
    """rows: (vintage, base_thousands, change_thousands, pct, all_pct)"""
    out = [{"vintage": v, "base_year": int(v[:4]), "base_employment_thousands": b, "change_thousands": c, "pct_change": p,
            "all_occupations_pct_change": a, "source_key": f"ep#vintage={v}"} for v, b, c, p, a in rows]
    frame = pd.DataFrame(out, columns=["vintage", "base_year", "base_employment_thousands", "change_thousands", "pct_change",
                                       "all_occupations_pct_change", "source_key"])
    for column in ("base_employment_thousands", "change_thousands", "pct_change", "all_occupations_pct_change"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Float64")
    return frame


def employment(*rows) -> pd.DataFrame:
    frame = pd.DataFrame([{"year": y, "employment_persons": n, "source_key": f"oews#year={y}"} for y, n in rows],
                         columns=["year", "employment_persons", "source_key"])
    frame["year"] = pd.array(frame["year"].tolist(), dtype="Int64")
    frame["employment_persons"] = pd.array(frame["employment_persons"].tolist(), dtype="Int64")
    return frame


def ooh(*rows) -> pd.DataFrame:
    """rows: (edition, wage_year, typical_entry_education, education_wording)"""
    return pd.DataFrame([{"edition": e, "wage_year": y, "typical_entry_education": t, "education_wording": w, "source_key": f"ooh#{e}"}
                         for e, y, t, w in rows], columns=["edition", "wage_year", "typical_entry_education", "education_wording", "source_key"])


def education(*rows) -> pd.DataFrame:
    """rows: (guide, source_key, as_printed, route, stance)"""
    return pd.DataFrame([{"guide_file": g, "source_key": k, "as_printed": a, "route": r, "stance": s, "route_label": r} for g, k, a, r, s in rows],
                        columns=["guide_file", "source_key", "as_printed", "route", "route_label", "stance"])


def evidence(**tables) -> factcheck.Evidence:
    empty = {
        "figures": figures(), "provenance": provenance(), "pairs": pd.DataFrame(columns=["hourly_source_key", "gap_usd", "tolerance_usd", "consistent"]),
        "wording": pd.DataFrame(columns=["source_key", "vintage", "words", "printed_pct", "all_occupations_pct", "ratio", "verdict", "bls_source_key",
                                         *factcheck.WORDING_FACTS]),
        "projections": projections(), "settings": settings(), "ooh": ooh(), "employment": employment(), "bls_wages": bls_wages(),
        "guide_education": education(),
        "costs": pd.DataFrame(columns=["measure", "group", "value_min", "value_max", "unit", "period", "source_key"]),
        "all_occupations_pay": pd.DataFrame(columns=["year", "statistic", "annual_usd", "source_key"]),
    }
    return factcheck.Evidence(**{**empty, **tables})


def claim(check, figure_ids=(), *, guide=G0, text="a claim", as_printed="x", claim_id="C1", line=1):
    return factcheck.Claim(claim_id, guide, line, f"{guide}#L{line}", as_printed, "topic", check, tuple(figure_ids), text)


# Reading printed numbers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value, step", [
    (40, 10), (36, 1), (28000, 1000), (39000, 1000), (37710, 10), (22700, 100), (100, 100), (37.4, 0.1), (20.59, 0.01),
    (20.5, 0.1), (20.0, 10), (0, 1), (25, 1), (12.41, 0.01), (0.05, 0.01), (-40, 10),
])
def test_printed_step_is_the_largest_power_of_ten_dividing_the_number(value, step):
    assert factcheck.printed_step(value) == pytest.approx(step)


@pytest.mark.parametrize("value", [0.9, 100.5, 1.1])
def test_a_number_with_one_decimal_is_read_to_a_tenth(value):
    # the last printed digit is a tenth, whatever the digits before it (100.5 is not a multiple of 1)
    assert factcheck.printed_step(value) == pytest.approx(0.1)


@pytest.mark.parametrize("value, decimals, step", [(40, None, 1), (37.4, None, 0.1), (20.59, None, 0.01), (28000, None, 1), (20.5, 2, 0.01)])
def test_last_digit_step(value, decimals, step):
    assert factcheck.last_digit_step(value, decimals) == pytest.approx(step)


@pytest.mark.parametrize("value, places", [(40.0, 0), (37.4, 1), (20.59, 2), (1e-7, 7), (-2.5, 1)])
def test_decimals_of(value, places):
    assert factcheck.decimals_of(value) == places


@pytest.mark.parametrize("qualifier, low, high, low_open, high_open", [
    (None, 35, 45, False, False),          # 40 at step 10: 35 to 45
    ("about", 35, 45, False, False),
    ("more than", 40, 100, True, False),   # above 40, up to the ceiling
    ("at least", 40, 100, False, False),
    ("almost", 35, 40, False, False),      # the lower half of 40's rounding range, up to 40
    ("less than", 0, 40, False, True),
    ("up to", 0, 40, False, False),
])
def test_printed_range_by_qualifier(qualifier, low, high, low_open, high_open):
    assert factcheck.printed_range(40, qualifier, 10, floor=0, ceiling=100) == Range(low, high, low_open, high_open)


def test_printed_range_defaults_are_unbounded_and_unknown_qualifier_refused():
    assert factcheck.printed_range(5, "more than", 1).high == math.inf
    assert factcheck.printed_range(5, "less than", 1).low == -math.inf
    with pytest.raises(ValueError, match="'roughly'"):
        factcheck.printed_range(5, "roughly", 1)


def test_range_edges():
    closed = Range(35, 45)
    assert 35 in closed and 45 in closed and 40 in closed
    assert 34.99 not in closed and 45.01 not in closed
    assert closed.is_above(34.99) and not closed.is_above(35) and closed.is_below(45.01) and not closed.is_below(45)
    above = Range(25, 100, low_open=True)
    assert 25 not in above and 25.001 in above and above.is_above(25) and not above.is_above(25.001)
    below = Range(0, 40, high_open=True)
    assert 40 not in below and below.is_below(40) and 39.99 in below
    assert 5 in Range(5, 5)
    for bad in ((6, 5), (5, 5, True), (5, 5, False, True)):
        with pytest.raises(ValueError):
            Range(*bad)


# Time frames ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("year, expected", [
    (2013, (2011, 2016)), (2016, (2016,)), (2017, (2016, 2018)), (2010, (2011,)), (2020, (2018,)), (None, (2018,)),
])
def test_years_in_frame(year, expected):
    assert factcheck.years_in_frame([2018, 2011, 2016, 2016], year) == expected


def test_years_in_frame_without_records():
    assert factcheck.years_in_frame([], 2013) == ()


def test_guide_years_take_the_latest_dated_figure():
    table = figures(dated(G0, 2013, "F1"), dated(G0, 2012, "F2"), fig("F3", 1.0, guide=G1))
    assert factcheck.guide_years(table) == {G0: 2013}


@pytest.mark.parametrize("year, edition", [(2013, "2014-15"), (2012, "2014-15"), (2011, "2012-13"), (2005, None), (None, "2016-17")])
def test_edition_of_time_is_the_latest_not_after_the_year(year, edition):
    table = ooh(("2016-17", 2015, "a", ""), ("2012-13", 2010, "a", ""), ("2014-15", 2012, "a", ""), ("2008-09", 2006, "a", ""))
    found = factcheck.edition_of_time(table, year)
    assert (None if found is None else found["edition"]) == edition


def test_time_frame_printed_then_guide_date_then_latest():
    ev = evidence(figures=figures(fig("F1", 40.0), dated(G0, 2013), fig("F2", 5.0, year=2010), fig("F3", 5.0, guide=G1)))
    assert factcheck.time_frame(claim("setting_share", ["F2"]), ev, Rules()) == (2010, "printed")
    assert factcheck.time_frame(claim("setting_share", ["F1"]), ev, Rules()) == (2013, "guide_date")
    assert factcheck.time_frame(claim("setting_share", []), ev, Rules()) == (2013, "guide_date")
    assert factcheck.time_frame(claim("setting_share", ["F1"]), ev, Rules(time_frame="latest_record")) == (None, "latest_record")
    assert factcheck.time_frame(claim("setting_share", ["F2"]), ev, Rules(time_frame="latest_record")) == (2010, "printed")
    assert factcheck.time_frame(claim("setting_share", ["F3"], guide=G1), ev, Rules()) == (None, "latest_record")


# Shares ---------------------------------------------------------------------------------------------------

def record(share, lower_bound=False, year=2016):
    return factcheck.ShareRecord("hospitals", year, share, lower_bound, "k", "named")


@pytest.mark.parametrize("claimed, rec, outcome", [
    (Range(35, 45), record(35.0), "agrees"),                 # a share exactly at the rounding edge
    (Range(35, 45), record(34.99), "overstated"),
    (Range(35, 45), record(45.0), "agrees"),
    (Range(35, 45), record(45.01), "understated"),
    (Range(39.5, 40.5), record(40.5, True), "unsettled"),    # a lower bound touching the claim cannot refute it
    (Range(39.5, 40.5), record(40.51, True), "understated"),  # the true share is above every value the claim allows
    (Range(35, 45), record(37.4, True), "unsettled"),        # consistent, not confirmed
    (Range(35, 45), record(20.0, True), "unsettled"),
    (Range(25, 100, low_open=True), record(37.4, True), "agrees"),   # "more than 25" confirmed by "at least 37.4"
    (Range(25, 100, low_open=True), record(25.0, True), "unsettled"),  # at least 25 is not more than 25
    (Range(25, 100, low_open=True), record(25.01, True), "agrees"),
    (Range(25, 100, low_open=True, high_open=True), record(30.0, True), "unsettled"),
    (Range(25, 100, low_open=True), record(25.0), "overstated"),
    (Range(15, 20), record(20.0), "agrees"),                 # "almost 20" holds at 20
])
def test_share_outcome(claimed, rec, outcome):
    assert factcheck.share_outcome(claimed, rec) == outcome


@pytest.mark.parametrize("outcomes, combined", [
    (("agrees", "unsettled"), "agrees"), (("agrees", "agrees"), "agrees"), (("agrees", "overstated"), "unsettled"),
    ((), "unsettled"), (("unsettled",), "unsettled"), (("overstated", "overstated", "unsettled"), "overstated"),
])
def test_combine(outcomes, combined):
    assert factcheck.combine(outcomes) == combined


def test_share_records_use_unrounded_counts_and_mark_partial_settings():
    table = settings((2011, "hospitals", 37.4, HOSPITALS_PART, None, 67340, 180280), (2016, "hospitals", 36.0, HOSPITALS_ALL))
    part, whole = factcheck.share_records(table)
    assert part.share_pct == pytest.approx(100 * 67340 / 180280) and part.lower_bound
    assert whole.share_pct == 36.0 and not whole.lower_bound
    guide_row = table.assign(source_kind="guide")
    assert factcheck.share_records(guide_row) == []
    assert not factcheck.share_records(table, partial=())[0].lower_bound


SHARES = settings((2011, "hospitals", 37.4, HOSPITALS_PART, None, 67340, 180280), (2016, "hospitals", 36.0, HOSPITALS_ALL),
                  (2018, "hospitals", 34.0, HOSPITALS_ALL), (2016, "offices_of_physicians", 19.0, OFFICES),
                  (2018, "offices_of_physicians", 19.0, OFFICES))


def share_claim(value, qualifier=None, *, subject="hospitals", guide_year=2013):
    ev = evidence(figures=figures(fig("F1", value, qualifier=qualifier, subject=subject, as_printed=f"{value:g}%"),
                                  *([dated(G0, guide_year)] if guide_year else [])), settings=SHARES)
    return claim("setting_share", ["F1"]), ev


@pytest.mark.parametrize("value, qualifier, rules, guide_year, verdict", [
    # 40 at step 10 is 35-45; frame 2011 (at least 37.35: cannot refute) and 2016 (36: inside) -> rounded
    (40.0, None, Rules(), 2013, "rounded"),
    # 40 with its last digit exact is 39.5-40.5; 2016's 36 lies below -> overstated
    (40.0, None, Rules(share_step="last_digit"), 2013, "overstated"),
    # 36 at step 1 is 35.5-36.5: 2016 agrees, but the 2011 lower bound 37.35 lies above 36.5: split -> not checkable
    (36.0, None, Rules(), 2013, "not_checkable"),
    # frame 2016 (36, inside 35-45) and 2018 (34, below 35): split -> not checkable
    (40.0, None, Rules(), 2017, "not_checkable"),
    # 30 at step 10 is 25-35 and holds 2018's 34 -> rounded
    (30.0, None, Rules(), 2018, "rounded"),
    # the 2011 lower bound 37.35 lies above 25-35 -> understated
    (30.0, None, Rules(), 2011, "understated"),
    # 45-55 against "at least 37.35" only: cannot be refuted -> not checkable
    (50.0, None, Rules(), 2011, "not_checkable"),
    # undated guide: the latest record (2018); more than 25 holds 34
    (25.0, "more than", Rules(), None, "matches_record"),
    # "almost 20" at step 10 is 15-20 and holds 2018's 19; with the last digit exact, 19.5-20 does not
    (20.0, "almost", Rules(), None, "matches_record"),
    (20.0, "almost", Rules(share_step="last_digit"), None, "overstated"),
])
def test_setting_share_verdicts(value, qualifier, rules, guide_year, verdict):
    subject = "offices of physicians" if qualifier == "almost" else "hospitals"
    c, ev = share_claim(value, qualifier, subject=subject, guide_year=guide_year)
    result = factcheck.check_setting_share(c, ev, rules)
    assert result.verdict == verdict
    assert result.reading == rules.share_step and result.subject in ("hospitals", "offices_of_physicians")


def test_setting_share_result_carries_its_numbers():
    c, ev = share_claim(40.0)
    r = factcheck.check_setting_share(c, ev, Rules())
    assert r.guide_value == 40.0 and r.guide_range == Range(35, 45) and r.unit == "percent"
    assert r.record_year == 2016 and r.record_value == 36.0 and r.judged_at == 2013 and r.time_basis == "guide_date"
    assert r.record_source_keys == ("k2011hospitals", "k2016hospitals")
    assert r.facts["outcomes"] == ("unsettled", "agrees") and r.facts["step"] == 10 and r.facts["printed"] == "40%"


def test_setting_share_facts_name_the_records_of_its_frame():
    c, ev = share_claim(40.0)  # dated 2013: frame 2011 and 2016
    r = factcheck.check_setting_share(c, ev, Rules())
    # 2011 counts general hospitals only (67,340 of 180,280 = 37.35%, a lower bound); 2016 all hospitals
    assert [(x.setting, x.year, x.lower_bound) for x in r.facts["records"]] == [("hospitals", 2011, True), ("hospitals", 2016, False)]
    assert r.facts["records"][0].share_pct == pytest.approx(100 * 67340 / 180280) and r.facts["records"][1].share_pct == 36.0


def test_setting_share_at_the_same_value_matches_and_unknown_subject_is_refused():
    c, ev = share_claim(34.0, guide_year=2018)
    assert factcheck.check_setting_share(c, ev, Rules()).verdict == "matches_record"
    c, ev = share_claim(34.0, subject="space stations")
    with pytest.raises(factcheck.FactCheckError, match="C1.*space stations"):
        factcheck.check_setting_share(c, ev, Rules())


def test_setting_share_without_records_is_not_checkable():
    c, ev = share_claim(34.0, guide_year=2018)
    r = factcheck.check_setting_share(c, evidence(figures=ev.figures, settings=settings()), Rules())
    assert r.verdict == "not_checkable" and r.record_value is None and r.record_year is None


# "Most" ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, a_lb, b, b_lb, answer", [
    (50.0, False, 50.0, False, "no"), (50.01, False, 50.0, False, "yes"), (40.0, True, 30.0, False, "yes"),
    (30.0, True, 40.0, False, "unknown"), (30.0, True, 30.0, False, "unknown"), (30.0, False, 40.0, True, "no"),
    (30.0, False, 30.0, True, "no"), (40.0, False, 30.0, True, "unknown"), (40.0, True, 30.0, True, "unknown"),
])
def test_exceeds(a, a_lb, b, b_lb, answer):
    assert factcheck.exceeds(a, a_lb, b, b_lb) == answer


def most_claim(text, *rows, guide_year=2017):
    ev = evidence(figures=figures(dated(G0, guide_year)), settings=settings(*rows))
    return claim("setting_most", text=text), ev


@pytest.mark.parametrize("hospitals, offices, most, verdict", [
    (50.0, 19.0, "majority", "contradicted"),    # exactly half is not most
    (50.1, 19.0, "majority", "matches_record"),
    (36.0, 19.0, "majority", "contradicted"),
    (36.0, 19.0, "plurality", "matches_record"),
    (19.0, 19.0, "plurality", "contradicted"),   # a tie is not a plurality
    (19.1, 19.0, "plurality", "matches_record"),
    (49.9, 19.0, "majority", "contradicted"),    # just under half
    (49.9, 19.0, "plurality", "matches_record"),
    (50.1, 49.9, "plurality", "matches_record"),  # a majority is always a plurality
])
def test_setting_most_single_setting(hospitals, offices, most, verdict):
    c, ev = most_claim("Most technicians work in hospitals", (2017, "hospitals", hospitals, HOSPITALS_ALL), (2017, "offices_of_physicians", offices, OFFICES))
    r = factcheck.check_setting_most(c, ev, Rules(most=most))
    assert r.verdict == verdict and r.reading == most and r.subject == "hospitals"
    assert r.record_value == hospitals and r.record_year == 2017


@pytest.mark.parametrize("hospitals, verdict", [
    (36.0, "contradicted"), (49.9, "contradicted"), (50.0, "contradicted"), (50.1, "matches_record")])
def test_most_means_a_majority_by_default(hospitals, verdict):
    assert Rules().most == "majority"
    c, ev = most_claim("Most technicians work in hospitals", (2017, "hospitals", hospitals, HOSPITALS_ALL), (2017, "offices_of_physicians", 19.0, OFFICES))
    r = factcheck.check_setting_most(c, ev, Rules())
    assert (r.verdict, r.reading) == (verdict, "majority")


def test_a_tie_of_two_settings_at_half_each_is_neither_a_majority_nor_a_plurality():
    c, ev = most_claim("Most technicians work in hospitals", (2017, "hospitals", 50.0, HOSPITALS_ALL), (2017, "offices_of_physicians", 50.0, OFFICES))
    assert factcheck.check_setting_most(c, ev, Rules()).verdict == "contradicted"
    assert factcheck.check_setting_most(c, ev, Rules(most="plurality")).verdict == "contradicted"


def test_setting_most_lower_bound_and_unlisted_remainder():
    # the named setting is a lower bound of 40: a majority is unknown, a plurality over 30 is certain
    c, ev = most_claim("Most technicians work in hospitals", (2017, "hospitals", 40.0, HOSPITALS_PART), (2017, "offices_of_physicians", 30.0, OFFICES))
    assert factcheck.check_setting_most(c, ev, Rules(most="majority")).verdict == "not_checkable"
    assert factcheck.check_setting_most(c, ev, Rules(most="plurality")).verdict == "matches_record"
    # both settings named: no listed rival, so the rival is every unlisted job together (100 - 36 - 19 = 45)
    c, ev = most_claim("Most technicians work in hospitals or physicians' offices", (2017, "hospitals", 36.0, HOSPITALS_ALL),
                       (2017, "offices_of_physicians", 19.0, OFFICES))
    r = factcheck.check_setting_most(c, ev, Rules(most="plurality"))
    assert r.verdict == "matches_record" and r.record_value == 55.0 and r.subject == "hospitals+offices_of_physicians"
    (year,) = r.facts["years"]
    assert (year.rival, year.rival_pct, year.unlisted_pct, year.majority, year.plurality) == ("unlisted", 45.0, 45.0, "yes", "yes")
    # 30 + 20 = 50 named, 50 unlisted: not more than the rest (unknown), not more than half (no)
    c, ev = most_claim("Most technicians work in hospitals or physicians' offices", (2017, "hospitals", 30.0, HOSPITALS_ALL),
                       (2017, "offices_of_physicians", 20.0, OFFICES))
    assert factcheck.check_setting_most(c, ev, Rules(most="plurality")).verdict == "not_checkable"
    assert factcheck.check_setting_most(c, ev, Rules(most="majority")).verdict == "contradicted"


def test_setting_most_uses_the_years_of_its_time_frame():
    rows = [(2011, "hospitals", 60.0, HOSPITALS_ALL), (2016, "hospitals", 36.0, HOSPITALS_ALL), (2018, "hospitals", 55.0, HOSPITALS_ALL)]
    c, ev = most_claim("Most technicians work in hospitals", *rows, guide_year=2012)  # frame: 2011 and 2016, split
    assert factcheck.check_setting_most(c, ev, Rules(most="majority")).verdict == "not_checkable"
    c, ev = most_claim("Most technicians work in hospitals", *rows, guide_year=2011)  # frame: 2011 only
    assert factcheck.check_setting_most(c, ev, Rules(most="majority")).verdict == "matches_record"
    assert factcheck.check_setting_most(c, ev, Rules(most="majority")).record_source_keys == ("k2011hospitals",)
    c, ev = most_claim("Most technicians work in hospitals", *rows, guide_year=2017)  # 2016 (no) and 2018 (yes)
    assert factcheck.check_setting_most(c, ev, Rules(most="majority")).verdict == "not_checkable"


def test_setting_most_needs_a_named_setting_and_every_named_setting_in_a_year():
    c, ev = most_claim("Most technicians work in space", (2017, "hospitals", 60.0, HOSPITALS_ALL))
    with pytest.raises(factcheck.FactCheckError, match="name a setting"):
        factcheck.check_setting_most(c, ev, Rules())
    c, ev = most_claim("Most technicians work in hospitals or physicians' offices", (2017, "hospitals", 60.0, HOSPITALS_ALL))
    r = factcheck.check_setting_most(c, ev, Rules())
    assert r.verdict == "not_checkable" and r.record_value is None


def test_named_settings_in_order_longest_name_first_whole_words_only():
    assert factcheck.named_settings("Physicians' offices and hospitals") == ["offices_of_physicians", "hospitals"]
    assert factcheck.named_settings("General medical and surgical hospitals pay") == ["hospitals"]
    assert factcheck.named_settings("Hospitals or offices of physicians, then hospitals") == ["hospitals", "offices_of_physicians"]
    assert factcheck.named_settings("superhospitals and hospitalsx") == []


# Other setting checks ------------------------------------------------------------------------------------

def test_setting_remainder_gives_the_share_of_the_rest():
    ev = evidence(figures=figures(dated(G0, 2016)), settings=settings((2016, "hospitals", 36.0, HOSPITALS_ALL), (2016, "offices_of_physicians", 19.0, OFFICES)))
    c = claim("setting_remainder", text="Physicians' offices and small clinics employ most of the technicians outside hospitals")
    r = factcheck.check_setting_remainder(c, ev, Rules())
    assert r.verdict == "not_checkable" and r.facts["years"] == ((2016, pytest.approx(100 * 19 / 64), False),)  # 19 of the other 64
    assert r.facts["outside"] == "hospitals" and r.facts["settings"] == ("offices_of_physicians",) and r.record_year == 2016
    with pytest.raises(factcheck.FactCheckError, match="outside"):
        factcheck.check_setting_remainder(claim("setting_remainder", text="Physicians' offices employ most"), ev, Rules())


PAY = settings((2011, "hospitals", 37.4, HOSPITALS_PART, 37960.0), (2011, "offices_of_physicians", 22.7, OFFICES, 30120.0))


@pytest.mark.parametrize("text, hospital_pay, verdict, unchecked", [
    ("Hospitals pay more than physicians' offices", 37960.0, "matches_record", ()),
    ("Hospitals and government pay more than physicians' offices and extended-care facilities", 37960.0, "partly_supported",
     ("government", "extended-care facilities")),
    ("Hospitals pay more than physicians' offices", 30120.0, "contradicted", ()),   # equal pay is not more
    ("Hospitals pay more than physicians' offices", 30119.0, "contradicted", ()),
    ("Government pays well, and clinics pay more than farms", 37960.0, "not_checkable", ("Government pays well", "clinics", "farms")),
])
def test_setting_pay(text, hospital_pay, verdict, unchecked):
    table = PAY.copy()
    table.loc[0, "mean_annual_usd"] = hospital_pay
    r = factcheck.check_setting_pay(claim("setting_pay", text=text), evidence(settings=table), Rules())
    assert r.verdict == verdict and r.facts["unchecked"] == unchecked
    if r.verdict != "not_checkable":
        assert r.facts["pairs"] == (("hospitals", "offices_of_physicians", hospital_pay, 30120.0),) and r.record_year == 2011


def test_setting_pay_names_a_setting_without_pay_and_refuses_another_sentence():
    table = PAY[PAY["setting"] == "hospitals"]
    r = factcheck.check_setting_pay(claim("setting_pay", text="Hospitals pay more than physicians' offices"), evidence(settings=table), Rules())
    assert r.verdict == "not_checkable" and r.facts["unchecked"] == ("physicians' offices",)
    with pytest.raises(factcheck.FactCheckError, match="pay more than"):
        factcheck.check_setting_pay(claim("setting_pay", text="Hospitals pay better"), evidence(settings=PAY), Rules())


@pytest.mark.parametrize("statistic, year, value, verdict", [
    ("median", 2011, 37960.0, "not_checkable"),   # the record holds means only
    ("mean", 2017, 37960.0, "not_checkable"),     # no record for that year
    ("mean", 2011, 37960.0, "matches_record"),
    ("mean", 2011, 38000.0, "rounded"),           # 38,000 at step 1,000: 37,500-38,500
    ("mean", 2011, 39000.0, "overstated"),        # 38,500-39,500 misses 37,960
    ("mean", 2011, 37000.0, "understated"),
])
def test_setting_pay_figure(statistic, year, value, verdict):
    ev = evidence(figures=figures(fig("F1", value, unit="usd_per_year", year=year, statistic=statistic)), settings=PAY)
    r = factcheck.check_setting_pay_figure(claim("setting_pay_figure", ["F1"]), ev, Rules())
    assert r.verdict == verdict and r.facts["record_years"] == (2011,) and r.subject == "hospitals"


def test_other_industries_reports_the_unlisted_share():
    table = settings((2016, "hospitals", 36.0, HOSPITALS_ALL), (2018, "hospitals", 34.0, HOSPITALS_ALL), (2018, "offices_of_physicians", 19.0, OFFICES))
    r = factcheck.check_other_industries(claim("other_industries", guide=G1), evidence(settings=table), Rules())
    assert r.verdict == "not_checkable" and r.record_year == 2018 and r.facts["unlisted_pct"] == 47.0  # 100 - 34 - 19
    empty = factcheck.check_other_industries(claim("other_industries"), evidence(), Rules())
    assert empty.facts["unlisted_pct"] is None and empty.record_year is None


# Pay ------------------------------------------------------------------------------------------------------

WAGES = bls_wages((2017, "mean", "usd_per_year", 42820.0), (2024, "mean", "usd_per_year", 55970.0, "partly"),
                  (2017, "p10", "usd_per_year", 25810.0), (2024, "p10", "usd_per_year", 35780.0),
                  (2017, "mean", "usd_per_hour", 20.59), (2024, "mean", "usd_per_hour", 26.91), (2025, "mean", "usd_per_hour", None))


def wage_case(rows, guide_year=2017, rules=Rules()):
    ev = evidence(provenance=provenance(*rows), bls_wages=WAGES,
                  figures=figures(*[fig(r[0], r[3], guide=G1, unit=r[2], year=r[4]) for r in rows], *([dated(G1, guide_year)] if guide_year else [])))
    return factcheck.check_wage(claim("wage", sorted({r[0] for r in rows}), guide=G1), ev, rules)


@pytest.mark.parametrize("rows, guide_year, verdict", [
    ([("F1", None, "usd_per_year", 42820.0, 2017, 2017, "mean", 42820.0)], 2017, "matches_record"),
    ([("F1", None, "usd_per_year", 42800.0, 2017, 2017, "mean", 42820.0)], 2017, "rounded"),       # 42,800 at step 100: 42,750-42,850
    ([("F1", None, "usd_per_year", 42800.0, 2017, 2017, "mean", 42850.0)], 2017, "rounded"),       # at the edge
    ([("F1", None, "usd_per_year", 42800.0, 2017, 2017, "mean", 42851.0)], 2017, "understated"),
    ([("F1", None, "usd_per_year", 42800.0, 2017, 2017, "mean", 42749.0)], 2017, "overstated"),
    ([("F1", None, "usd_per_hour", 20.59, 2017, 2017, "mean", 20.595)], 2017, "rounded"),           # cents: 20.585-20.595
    ([("F1", None, "usd_per_hour", 20.59, 2017, 2017, "mean", 20.5951)], 2017, "understated"),
    ([("F1", "low", "usd_per_year", 25810.0, 2017, 2017, "p10", 25810.0, "p10")], 2017, "mislabelled"),   # a range end
    ([("F1", None, "usd_per_year", 42820.0, 2016, 2017, "mean", 42820.0)], 2017, "mislabelled"),        # year printed wrong
    ([("F1", None, "usd_per_year", 42820.0, 2017, 2017, "mean", 42820.0, "median")], 2017, "mislabelled"),  # statistic
    ([("F1", None, "usd_per_year", 42820.0, None, 2017, "mean", 42820.0)], 2017, "matches_record"),  # undated, its guide's year
    ([("F1", None, "usd_per_year", 42820.0, None, 2017, "mean", 42820.0)], 2018, "outdated"),        # undated, older than its guide
    ([("F1", None, "usd_per_year", 42820.0, None, 2017, "mean", 42820.0)], None, "outdated"),        # undated guide: latest is 2024
    ([("F1", None, "usd_per_year", 42820.0, None, None, None, None)], 2017, "not_checkable"),
])
def test_wage_verdicts(rows, guide_year, verdict):
    assert wage_case(rows, guide_year).verdict == verdict


def test_the_latest_wage_is_the_newest_of_several_years():
    rows = [("F1", None, "usd_per_year", 42820.0, None, 2017, "mean", 42820.0)]
    more = pd.concat([WAGES, bls_wages((2020, "mean", "usd_per_year", 50000.0))], ignore_index=True)  # 2017, 2024 and 2020
    ev = evidence(provenance=provenance(*rows), bls_wages=more, figures=figures(fig("F1", 42820.0, guide=G1, unit="usd_per_year"), dated(G1, 2017)))
    r = factcheck.check_wage(claim("wage", ["F1"], guide=G1), ev, Rules())
    assert (r.facts["latest_year"], r.facts["latest_value"]) == (2024, 55970.0)


def test_wage_result_numbers_and_latest_figure():
    r = wage_case([("F1", "low", "usd_per_year", 25810.0, None, 2017, "p10", 25810.0, "p10"),
                   ("F1", "high", "usd_per_year", 64610.0, None, 2017, "p90", 64610.0, "p90")])
    assert r.verdict == "mislabelled" and r.guide_value == 25810.0 and r.record_value == 25810.0 and r.record_year == 2017
    assert r.guide_range == Range(25805, 25815) and r.record_source_keys == ("oews#year=2017",) and r.unit == "usd_per_year"
    assert r.facts["is_range"] and r.facts["parts"][1] == ("high", 64610.0, "p90", 64610.0)
    assert (r.facts["latest_year"], r.facts["latest_value"], r.facts["latest_comparable"]) == (2024, 35780.0, "yes")
    hourly = wage_case([("F1", None, "usd_per_hour", 20.59, None, 2017, "mean", 20.59)])
    assert hourly.facts["latest_year"] == 2024 and hourly.facts["latest_value"] == 26.91  # 2025 has no value
    assert hourly.judged_at == 2017 and hourly.time_basis == "guide_date" and not hourly.facts["is_range"]
    assert hourly.facts["year_printed"] is None


def test_wage_latest_record_rule_makes_an_undated_figure_outdated():
    row = [("F1", None, "usd_per_year", 42820.0, None, 2017, "mean", 42820.0)]
    assert wage_case(row, 2017, Rules(time_frame="latest_record")).verdict == "outdated"
    assert wage_case(row, 2017, Rules(time_frame="latest_record")).time_basis == "latest_record"


def test_pays_well_against_all_occupations_of_the_same_year():
    everyone = pd.DataFrame([{"year": 2012, "statistic": "median", "annual_usd": 34750.0, "source_key": "all#median"},
                             {"year": 2012, "statistic": "mean", "annual_usd": 45790.0, "source_key": "all#mean"}])
    def run(median, rules=Rules(), year=2012):
        wages = bls_wages((2012, "median", "usd_per_year", median), (2012, "mean", "usd_per_year", 36770.0))
        ev = evidence(figures=figures(dated(G0, year)), bls_wages=wages, all_occupations_pay=everyone)
        return factcheck.check_pay_vs_all_occupations(claim("pay_vs_all_occupations"), ev, rules)
    below = run(34160.0)
    assert below.verdict == "overstated" and below.facts["ratio"] == pytest.approx(34160 / 34750) and below.reading == "median"
    assert below.record_source_keys == ("oews#year=2012", "all#median") and below.record_value == 34160.0
    assert run(34750.0).verdict == "overstated"          # equal pay is not paying well
    assert run(34751.0).verdict == "matches_record"
    mean = run(34751.0, Rules(pay_measure="mean"))
    assert mean.verdict == "overstated" and mean.facts["ratio"] == pytest.approx(36770 / 45790) and mean.reading == "mean"
    assert run(34751.0, year=2013).verdict == "not_checkable"       # no all-occupations pay for 2013
    assert run(34751.0, Rules(time_frame="latest_record")).verdict == "not_checkable"
    assert run(34751.0, year=2013).facts["years_available"] == (2012,)


# Jobs and outlook --------------------------------------------------------------------------------------

COUNTS = dict(projections=projections(("2012-2022", 186.3, None, 22.0, 10.8), ("2016-2026", 206.3, 27.8, 13.5, 7.4)),
              employment=employment((2012, 182370), (2017, 204220), (2024, 187910)))


def count_case(value, year=None, guide_year=2017, rules=Rules(), qualifier=None):
    ev = evidence(figures=figures(fig("F1", value, unit="persons", year=year, qualifier=qualifier), dated(G0, guide_year)), **COUNTS)
    return factcheck.check_employment_count(claim("employment_count", ["F1"]), ev, rules)


def test_employment_count_verdicts():
    projection = count_case(186300.0, year=2012)
    assert projection.verdict == "matches_record" and projection.facts["population"] == "all_jobs"
    assert projection.facts["other_count"] == 182370.0 and projection.facts["other_population"] == "wage_and_salary_jobs"
    assert projection.record_source_keys == ("ep#vintage=2012-2022",)
    undated = count_case(204220.0)
    assert undated.verdict == "matches_record" and undated.facts["population"] == "wage_and_salary_jobs" and undated.facts["other_count"] is None
    assert count_case(204220.0, rules=Rules(time_frame="latest_record")).verdict == "outdated"
    assert count_case(204220.0, guide_year=2018).verdict == "outdated"
    assert count_case(204220.0, year=2018).verdict == "mislabelled"    # printed with the wrong year
    assert count_case(204200.0).verdict == "rounded"                    # 204,200 at step 100 holds 204,220
    assert count_case(205000.0).verdict == "overstated"                 # 204,500-205,500 misses 204,220 (same-year OEWS)
    assert count_case(203000.0).verdict == "understated"
    assert count_case(100000.0, guide_year=2020).verdict == "not_checkable"   # no OEWS count for 2020 to compare


def growth_case(value, period=("2016", "2026"), qualifier=None, unit="percent", check=factcheck.check_growth_pct):
    start, end = (int(period[0]), int(period[1])) if period else (None, None)
    ev = evidence(figures=figures(fig("F1", value, unit=unit, year=start, end=end, qualifier=qualifier)), **COUNTS)
    return check(claim("growth", ["F1"]), ev, Rules())


def test_growth_pct():
    rounded = growth_case(13.0)  # 13 stands for 12.5-13.5; unrounded 27.8 / 206.3 = 13.475%
    assert rounded.verdict == "rounded" and rounded.facts["unrounded_pct"] == pytest.approx(100 * 27.8 / 206.3)
    assert rounded.record_value == 13.5 and rounded.record_year == 2016 and rounded.judged_at == 2016
    assert growth_case(13.5).verdict == "matches_record"
    assert growth_case(14.0).verdict == "overstated"   # 13.5-14.5 misses 13.475
    assert growth_case(12.0).verdict == "understated"
    exact = growth_case(22.0, ("2012", "2022"))         # no published change: the published percent is compared
    assert exact.verdict == "matches_record" and exact.facts["unrounded_pct"] is None
    assert growth_case(20.0, ("2012", "2022")).verdict == "rounded"     # 20 at step 10: 15-25 holds 22
    assert growth_case(13.0, ("2030", "2040")).verdict == "not_checkable"
    with pytest.raises(factcheck.FactCheckError, match="projection period"):
        growth_case(13.0, None)


def test_growth_change():
    about = growth_case(28000.0, qualifier="about", unit="jobs", check=factcheck.check_growth_change)
    assert about.verdict == "rounded" and about.record_value == 27800.0 and about.guide_range == Range(27500, 28500)
    assert growth_case(27800.0, unit="jobs", check=factcheck.check_growth_change).verdict == "matches_record"
    assert growth_case(27600.0, unit="jobs", check=factcheck.check_growth_change).verdict == "understated"  # 27,550-27,650
    assert growth_case(27900.0, unit="jobs", check=factcheck.check_growth_change).verdict == "overstated"
    assert growth_case(41000.0, ("2012", "2022"), unit="jobs", check=factcheck.check_growth_change).verdict == "not_checkable"


@pytest.mark.parametrize("value, code", [("supported", "matches_record"), ("overstated", "overstated"), ("understated", "understated"),
                                         ("contradicted", "contradicted"), ("cannot_tell", "not_checkable")])
def test_growth_word_codes(value, code):
    assert factcheck.growth_word_code(value) == code


def test_every_growth_wording_code_has_a_claim_verdict():
    from mrt import growth

    assert set(factcheck.GROWTH_WORDING_VERDICTS) == set(growth.WORDING_VERDICTS)
    assert set(factcheck.GROWTH_WORDING_VERDICTS.values()) <= set(factcheck.VERDICTS)


@pytest.mark.parametrize("value", ["probably", "overstated: 1.8x the average"])
def test_unknown_growth_word_code_is_refused(value):
    with pytest.raises(factcheck.FactCheckError, match="growth_wording.csv"):
        factcheck.growth_word_code(value)


@pytest.mark.parametrize("words, ratio, threshold, verdict", [
    ("much faster", 2.0, 2.0, "matches_record"), ("much faster", 1.99, 2.0, "overstated"), ("much faster", 1.0, 2.0, "contradicted"),
    ("Faster than the average", 1.01, 2.0, "matches_record"), ("faster", 1.0, 2.0, "contradicted"), ("faster", 3.0, 2.0, "understated"),
    ("much faster", 1.76, 1.75, "matches_record"),
    # 'faster' for growth at or above the 'much faster' threshold names too slow a band
    ("faster", 1.99, 2.0, "matches_record"), ("faster", 2.0, 2.0, "understated"), ("faster", 2.01, 2.0, "understated"),
])
def test_ratio_rule(words, ratio, threshold, verdict):
    assert factcheck.ratio_rule(words, ratio, threshold) == verdict


def test_ratio_rule_needs_a_comparison_word():
    with pytest.raises(ValueError, match="no comparison word"):
        factcheck.ratio_rule("grows", 2.0, 2.0)


FOUND = {"ratio_low": 1.98, "ratio_high": 2.09, "handbook_edition": "2014-15", "handbook_wording": "much faster than the average",
         "faster_ratio_low": 1.5, "faster_ratio_high": 1.8, "much_faster_ratio_low": 2.037, "much_faster_ratio_high": 2.308}
NOT_FOUND = {**FOUND, "ratio_low": 1.68, "ratio_high": 1.84, "handbook_edition": None, "handbook_wording": None}


def test_growth_wording_under_both_rules():
    wording = pd.DataFrame([{"source_key": f"{G0}#L1", "vintage": "2016-2026", "words": "much faster rate", "printed_pct": 13.0,
                             "all_occupations_pct": 7.4, "ratio": 1.76, "verdict": "cannot_tell", "bls_source_key": "ep#2016", **NOT_FOUND}])
    ev = evidence(wording=wording)
    handbook = factcheck.check_growth_wording(claim("growth_wording"), ev, Rules())
    # the Handbook's word for 2016-2026 was not found: notebook 03's 'cannot_tell' is not checkable here
    assert handbook.verdict == "not_checkable" and handbook.reading == "handbook_wording" and handbook.facts["ratio"] == pytest.approx(13 / 7.4)
    assert handbook.record_year == 2016 and handbook.record_value == 7.4 and handbook.guide_value == 13.0
    assert handbook.facts["handbook_wording"] is None and handbook.facts["faster_ratio_high"] == 1.8
    ratio = factcheck.check_growth_wording(claim("growth_wording"), ev, Rules(growth_words="project_ratio"))
    assert ratio.verdict == "overstated" and ratio.reading == "project_ratio"
    assert factcheck.check_growth_wording(claim("growth_wording"), ev, Rules(growth_words="project_ratio", much_faster_ratio=1.75)).verdict == "matches_record"
    supported = evidence(wording=wording.assign(verdict="supported"))
    assert factcheck.check_growth_wording(claim("growth_wording"), supported, Rules()).verdict == "matches_record"
    with pytest.raises(factcheck.FactCheckError, match="growth_wording.csv"):
        factcheck.check_growth_wording(claim("growth_wording", guide=G1), ev, Rules())


def test_growth_wording_needs_the_handbook_columns():
    wording = pd.DataFrame([{"source_key": f"{G0}#L1", "vintage": "2016-2026", "words": "much faster rate", "printed_pct": 13.0,
                             "all_occupations_pct": 7.4, "ratio": 1.76, "verdict": "cannot_tell", "bls_source_key": "ep#2016"}])
    with pytest.raises(factcheck.FactCheckError, match=r"expected growth_wording.csv to have the columns \['ratio_low'"):
        factcheck.check_growth_wording(claim("growth_wording"), evidence(wording=wording), Rules())


# Education ------------------------------------------------------------------------------------------------

EDITIONS = ooh(("2008-09", 2006, "associate's degree", "entrants usually have an associate degree"),
               ("2014-15", 2012, "postsecondary nondegree award", "postsecondary certificate"),
               ("2022-23", 2021, "postsecondary nondegree award", "some qualify with a high school diploma"))


def entry_case(route, stance, guide_year, editions=EDITIONS, rules=Rules()):
    statements = education((G0, f"{G0}#L1", "x", route, stance))
    ev = evidence(figures=figures(*([dated(G0, guide_year)] if guide_year else [])), ooh=editions, guide_education=statements)
    return factcheck.check_education_entry(claim("education_entry"), ev, rules)


ANY = Rules(education_edition="any_edition")


@pytest.mark.parametrize("route, stance, guide_year, verdict, reading", [
    ("postsecondary_certificate", "required", 2013, "matches_record", "edition_of_its_time"),
    ("associate_degree", "typical", 2013, "outdated", "edition_of_its_time"),           # typical only in 2008-09, before 2014-15
    ("associate_degree", "typical", 2007, "matches_record", "edition_of_its_time"),     # 2008-09 is the edition of its time
    ("associate_degree", "typical", 2005, "not_checkable", "edition_of_its_time"),      # older than every edition
    ("bachelor_degree", "required", 2013, "contradicted", "edition_of_its_time"),
    # only a later edition (2022-23) mentions it: not the record of 2013, so not checkable in its own time frame;
    # with any edition allowed, the later mention settles it
    ("hs_diploma_on_the_job", "sufficient", 2013, "not_checkable", "edition_of_its_time"),
    ("hs_diploma_on_the_job", "sufficient", 2021, "matches_record", "edition_of_its_time"),  # 2022-23 is the edition of 2021
    ("hs_diploma_on_the_job", "sufficient", 2020, "not_checkable", "edition_of_its_time"),   # one year before it: 2014-15
    ("hs_diploma_on_the_job", "sufficient", None, "matches_record", "edition_of_its_time"),  # undated: the latest edition
    ("associate_degree", "alternative", 2013, "not_checkable", "edition_of_its_time"),      # only the earlier 2008-09 names it
    ("bachelor_degree", "alternative", 2013, "not_checkable", "edition_of_its_time"),
])
def test_education_entry(route, stance, guide_year, verdict, reading):
    r = entry_case(route, stance, guide_year)
    assert (r.verdict, r.reading) == (verdict, reading)
    assert r.subject == route and r.facts["stance"] == stance


@pytest.mark.parametrize("route, stance, guide_year, verdict, reading", [
    ("hs_diploma_on_the_job", "sufficient", 2013, "matches_record", "any_edition"),     # the later 2022-23 mention settles it
    ("associate_degree", "alternative", 2013, "matches_record", "any_edition"),         # the earlier 2008-09 mention settles it
    ("bachelor_degree", "alternative", 2013, "not_checkable", "edition_of_its_time"),   # no edition mentions it
    ("associate_degree", "typical", 2013, "outdated", "edition_of_its_time"),           # prescriptive: still the edition of its time
    ("postsecondary_certificate", "sufficient", 2013, "matches_record", "edition_of_its_time"),
])
def test_education_entry_with_any_edition_allowed(route, stance, guide_year, verdict, reading):
    r = entry_case(route, stance, guide_year, rules=ANY)
    assert (r.verdict, r.reading) == (verdict, reading)


def test_education_entry_facts_and_a_later_typical_route():
    r = entry_case("associate_degree", "typical", 2013)
    assert r.facts["edition"] == "2014-15" and r.facts["typical_then"] == "postsecondary nondegree award"
    assert r.facts["typical_in"] == ("2008-09",) and r.facts["mentioned_in"] == ("2008-09",) and r.record_year == 2012
    later = ooh(("2014-15", 2012, "postsecondary nondegree award", ""), ("2022-23", 2021, "associate's degree", ""))
    assert entry_case("associate_degree", "typical", 2013, later).verdict == "contradicted"  # typical only after its time


def test_education_entry_needs_its_statement():
    ev = evidence(ooh=EDITIONS, guide_education=education((G0, f"{G0}#L1", "other words", "associate_degree", "typical")))
    with pytest.raises(factcheck.FactCheckError, match="guide_education.csv"):
        factcheck.check_education_entry(claim("education_entry"), ev, Rules())


def test_education_advancement():
    from mrt import occupation

    up = occupation.current().advancement
    costs = pd.DataFrame([{"measure": up.pay_measure, "group": up.pay_group, "value_min": 96540.0, "value_max": 96540.0,
                           "unit": "usd_per_year", "period": "2016", "source_key": "costs#row=17"}])
    def run(route, editions=EDITIONS, table=costs):
        ev = evidence(ooh=editions, costs=table, guide_education=education((G0, f"{G0}#L1", "x", route, "for_advancement")))
        return factcheck.check_education_advancement(claim("education_advancement"), ev, Rules())
    ok = run("bachelor_degree")
    assert ok.verdict == "matches_record" and ok.record_value == 96540.0 and ok.record_year == 2016 and ok.facts["pay"] == 96540.0
    assert run("associate_degree").verdict == "contradicted"
    bachelor_typical = ooh(("2014-15", 2012, "bachelor's degree", ""))
    from mrt import education as edu
    if edu.OOH_CATEGORY_ROUTE.get("bachelor's degree") == "bachelor_degree":
        assert run("bachelor_degree", bachelor_typical).verdict == "contradicted"
    assert run("bachelor_degree", table=costs.iloc[0:0]).verdict == "not_checkable"


def test_duration_certification_issuer_schedule_ranking_area():
    costs = pd.DataFrame([{"measure": "program_length", "group": "medical coding certificate", "value_min": 9.0, "value_max": 12.0,
                           "unit": "months", "period": None, "source_key": "costs#row=21"}])
    ev = evidence(figures=figures(fig("F1", 12.0, unit="months", qualifier="less than"), fig("F2", 12.0, unit="rank"), fig("F3", 5.0, unit="rank")),
                  costs=costs, ooh=EDITIONS, bls_wages=WAGES,
                  guide_education=education((G0, "k", "x", "certification_rhit", "preferred"), (G1, "k", "x", "professional_certification", "optional"),
                                            (G1, "k", "x", "associate_degree", "typical")),
                  pairs=pd.DataFrame([{"hourly_source_key": f"{G0}#L1", "gap_usd": -13.6, "tolerance_usd": 15.4, "consistent": True},
                                      {"hourly_source_key": f"{G0}#L1", "gap_usd": 20.0, "tolerance_usd": 15.4, "consistent": False},
                                      {"hourly_source_key": "other#L9", "gap_usd": 99.0, "tolerance_usd": 15.4, "consistent": False}]))
    duration = factcheck.check_duration(claim("duration", ["F1"]), ev, Rules())
    assert duration.verdict == "not_checkable" and (duration.facts["months_low"], duration.facts["months_high"]) == (9.0, 12.0)
    assert duration.facts["qualifier"] == "less than" and duration.record_source_keys == ("costs#row=21",)
    cert = factcheck.check_certification(claim("certification"), ev, Rules())
    assert cert.facts["guide_stances"] == ((G0, "preferred"), (G1, "optional")) and cert.facts["editions_mentioning"] == ()
    assert cert.facts["handbook_editions"] == 3
    mentioning = evidence(ooh=ooh(("x", 2012, "a", "Certification is common")), guide_education=education())
    assert factcheck.check_certification(claim("certification"), mentioning, Rules()).facts["editions_mentioning"] == ("x",)
    assert factcheck.check_credential_issuer(claim("credential_issuer"), ev, Rules()).facts == {"handbook_editions": 3, "education_rows": 1}
    assert factcheck.check_work_schedule(claim("work_schedule"), ev, Rules()).facts == {"handbook_editions": 3}
    assert factcheck.check_third_party_ranking(claim("third_party_ranking", ["F2", "F3"]), ev, Rules()).facts["ranks"] == (12.0, 5.0)
    assert factcheck.check_third_party_ranking(claim("third_party_ranking"), ev, Rules()).facts["ranks"] == ()
    assert factcheck.check_area_pay_pattern(claim("area_pay_pattern"), ev, Rules()).facts["national_years"] == (2017, 2025)
    area = factcheck.check_area_pay_list(claim("area_pay_list", ["F1"]), ev, Rules())
    assert area.facts == {"pairs": 2, "consistent": 1, "largest_gap_usd": 20.0, "tolerance_usd": 15.4}
    nothing = factcheck.check_area_pay_list(claim("area_pay_list", ["F2"]), evidence(figures=figures(fig("F2", 1.0, guide=G1))), Rules())
    assert nothing.facts["largest_gap_usd"] is None and nothing.facts["pairs"] == 0


# Rules, results, the registry and the run ----------------------------------------------------------------

@pytest.mark.parametrize("changes", [{"share_step": "rounded"}, {"most": "most"}, {"growth_words": "ratio"}, {"time_frame": "today"},
                                     {"pay_measure": "mode"}, {"education_edition": "latest"}, {"much_faster_ratio": 1.0}, {"much_faster_ratio": float("inf")},
                                     {"much_faster_ratio": float("nan")}, {"much_faster_ratio": True}, {"much_faster_ratio": "2"}])
def test_rules_refuse_unknown_readings_and_impossible_ratios(changes):
    with pytest.raises(ValueError, match="Rules\\."):
        Rules(**changes)


def test_rules_accept_every_declared_reading():
    Rules(share_step="last_digit", most="majority", growth_words="project_ratio", time_frame="latest_record", pay_measure="mean",
          much_faster_ratio=1.01, education_edition="any_edition")


@pytest.mark.parametrize("changes, word", [({"verdict": "probably true"}, "verdict"), ({"reading": "squinting"}, "reading"),
                                           ({"time_basis": "someday"}, "time basis")])
def test_result_refuses_codes_outside_the_closed_sets(changes, word):
    with pytest.raises(ValueError, match=word):
        factcheck.Result(**{"verdict": "matches_record", **changes})


def test_closed_sets_are_declared_once_and_imported():
    assert rawschema.CHECKS is factcheck.CHECKS is vocab.CHECKS and factcheck.VERDICTS is vocab.VERDICTS
    assert tuple(factcheck.REGISTRY) == factcheck.CHECKS and tuple(factcheck.VERDICT_GROUPS) == factcheck.VERDICTS
    columns = {c.name: c for c in schema.TABLES["claims.csv"].columns}
    assert columns["verdict"].allowed is factcheck.VERDICTS and columns["reading"].allowed is factcheck.READINGS
    assert columns["check"].allowed is factcheck.CHECKS and columns["time_basis"].allowed is factcheck.TIME_BASES
    assert {c.name: c for c in schema.TABLES["guide_claims.csv"].columns}["check"].allowed is factcheck.CHECKS
    assert set(factcheck.AGREEING) <= set(factcheck.VERDICTS) and factcheck.NOT_CHECKABLE in factcheck.VERDICTS


def test_no_sentence_or_global_lookup_in_the_checks():
    source = inspect.getsource(factcheck)
    assert "globals()" not in source
    tree = ast.parse(source)
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    strings = [n.value.lower() for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]
    for banned in ("consistent with", "matches the record", "not checkable with this data", "the record says", "overstated:"):
        assert not [s for s in strings if banned in s], banned
    module_numbers = [name for name, value in vars(factcheck).items() if name.isupper() and isinstance(value, float)]
    assert module_numbers == [], "tolerances are parameters of Rules, not module globals"


def test_judge_runs_each_check_and_refuses_an_unknown_one():
    table = pd.DataFrame([{"claim_id": "C1", "guide_file": G0, "line": 1, "source_key": f"{G0}#L1", "as_printed": "x", "topic": "t",
                           "check": "work_schedule", "figure_ids": pd.NA, "claim": "full time"},
                          {"claim_id": "C2", "guide_file": G0, "line": 2, "source_key": f"{G0}#L2", "as_printed": "x", "topic": "t",
                           "check": "third_party_ranking", "figure_ids": "F1;F2", "claim": "ranked"}])
    ev = evidence(figures=figures(fig("F1", 12.0, unit="rank", year=2020), fig("F2", 12.0, unit="rank")))
    judged = factcheck.judge(table, ev)
    assert [j.result.verdict for j in judged] == ["not_checkable", "not_checkable"]
    assert [j.prints_year for j in judged] == [None, True] and judged[1].claim.figure_ids == ("F1", "F2")
    with pytest.raises(factcheck.FactCheckError, match="C1.*'guess'"):
        factcheck.judge(table.assign(check="guess"), ev)
    with pytest.raises(factcheck.FactCheckError, match=r"\['F9'\]"):
        factcheck.judge(table.assign(figure_ids="F9"), ev)


def test_table_columns_types_and_evidence():
    c = claim("setting_share", ["F1"])
    r = factcheck.Result("rounded", "own_rounding_step", 25.0, Range(25, math.inf, low_open=True), 34.0, 2018, ("a", "b"), "percent",
                         2018, "printed", "hospitals")
    judged = [factcheck.Judged(c, r, False)]
    frame = factcheck.table(judged, {"C1": "what the record says"})
    assert list(frame.columns) == factcheck.TABLE_COLUMNS
    row = frame.iloc[0]
    assert row["guide_low"] == 25.0 and pd.isna(row["guide_high"]) and row["record_source_key"] == "a;b"
    assert row["prints_year"] == False and row["judged_at_year"] == 2018 and row["evidence"] == "what the record says"  # noqa: E712
    bare = factcheck.table([factcheck.Judged(c, factcheck.Result("not_checkable"), None)], {"C1": "nothing"}).iloc[0]
    assert pd.isna(bare["guide_low"]) and pd.isna(bare["record_source_key"]) and pd.isna(bare["prints_year"])
    with pytest.raises(ValueError, match="C1"):
        factcheck.table(judged, {"C1": "  "})


def test_tally_leaves_not_checkable_out_of_the_denominator():
    t = factcheck.tally(["matches_record", "rounded", "partly_supported", "outdated", "not_checkable", "not_checkable"])
    assert (t.claims, t.not_checkable, t.checkable, t.agreeing, t.partly, t.disagreeing) == (6, 2, 4, 2, 1, 1)
    assert t.share_agreeing == 0.5
    assert factcheck.tally(["not_checkable"]).share_agreeing is None
    assert factcheck.verdict_counts(["rounded"])["matches_record"] == 0
    with pytest.raises(ValueError, match="unknown verdicts"):
        factcheck.verdict_counts(["true"])


def test_tally_by_guide():
    table = pd.DataFrame({"guide_file": [G1, G0, G0, G0], "verdict": ["not_checkable", "matches_record", "overstated", "not_checkable"]})
    frame = factcheck.tally_by_guide(table)
    assert list(frame["guide_file"]) == [G0, G1]
    assert frame.iloc[0][["claims", "not_checkable", "checkable", "agreeing", "disagreeing"]].tolist() == [3, 1, 2, 1, 1]
    assert frame.iloc[0]["share_agreeing_pct"] == 50.0 and pd.isna(frame.iloc[1]["share_agreeing_pct"])


def test_changed_lists_claims_whose_verdict_moves():
    a = factcheck.Judged(claim("x", claim_id="C1"), factcheck.Result("rounded"), None)
    b = factcheck.Judged(claim("x", claim_id="C2"), factcheck.Result("rounded"), None)
    moved = factcheck.Judged(claim("x", claim_id="C1"), factcheck.Result("overstated"), None)
    assert factcheck.changed([a, b], [b, moved]) == [(a, moved)]


def test_shared_questions():
    assert factcheck.question_of("setting_share", "hospitals") == "share_in:hospitals"
    assert factcheck.question_of("setting_most", "hospitals+offices_of_physicians") == "share_in:hospitals+offices_of_physicians"
    assert factcheck.question_of("setting_most", None) is None and factcheck.question_of("wage", "x") is None
    assert factcheck.question_of("education_entry", None) == "entry_education"
    table = pd.DataFrame({"claim_id": ["C1", "C2", "C3", "C4"], "guide_file": [G1, G0, G0, G0], "line": [5, 9, 1, 3],
                          "check": ["setting_share", "setting_most", "education_entry", "wage"],
                          "subject": ["hospitals", "hospitals", "associate_degree", pd.NA]})
    shared = factcheck.shared_questions(table)
    assert list(shared["claim_id"]) == ["C2", "C1"] and set(shared["question"]) == {"share_in:hospitals"}


def test_guide_titles_from_sources():
    sources = pd.DataFrame({"source_id": ["guide:a.txt", "guide:b.txt", "x"], "kind": ["guide", "guide", "raw_file"],
                            "covers": ["Career guide 'How to Start' (pay)", "A school's guide 'What It Is?' (ranks)", "no title"]})
    assert factcheck.guide_titles(sources) == {"a.txt": "How to Start", "b.txt": "What It Is?"}
    with pytest.raises(factcheck.FactCheckError, match="row 2.*covers"):
        factcheck.guide_titles(sources.assign(covers=["'A' x", "no quotes", ""]))


# Whole results: every field and fact a check returns ---------------------------------------------------

FOUR = settings((2011, "hospitals", 60.0, HOSPITALS_ALL), (2016, "hospitals", 36.0, HOSPITALS_ALL), (2016, "offices_of_physicians", 19.0, OFFICES),
                (2018, "hospitals", 34.0, HOSPITALS_ALL), (2018, "offices_of_physicians", 19.0, OFFICES))
REMAINDER = "Physicians' offices and small clinics employ most of the technicians outside hospitals"


def test_setting_remainder_whole_result():
    ev = evidence(figures=figures(dated(G0, 2017)), settings=FOUR)
    r = factcheck.check_setting_remainder(claim("setting_remainder", text=REMAINDER), ev, Rules())
    # frame 2016 and 2018: 19 of the 64 outside hospitals, then 19 of 66
    assert r == factcheck.Result(
        "not_checkable", "not_applicable", unit="percent", judged_at=2017, time_basis="guide_date", subject="offices_of_physicians",
        record_value=100 * 19 / 66, record_year=2018,
        record_source_keys=("k2016hospitals", "k2016offices_of_physicians", "k2018hospitals", "k2018offices_of_physicians"),
        facts={"years": ((2016, 100 * 19 / 64, False), (2018, 100 * 19 / 66, False)), "settings": ("offices_of_physicians",),
               "outside": "hospitals", "unchecked": ("small clinics",)})
    # 2011 holds hospitals only: in the frame of 2012 it is skipped, and no year gives a share
    early = factcheck.check_setting_remainder(claim("setting_remainder", text=REMAINDER),
                                              evidence(figures=figures(dated(G0, 2011)), settings=FOUR), Rules())
    assert early.facts["years"] == () and early.record_value is None and early.record_year is None
    assert early.record_source_keys == ("k2011hospitals",)
    # "outside" read at its first occurrence
    twice = claim("setting_remainder", text="Physicians' offices employ most technicians outside hospitals outside cities")
    assert factcheck.check_setting_remainder(twice, ev, Rules()).facts["outside"] == "hospitals"
    with pytest.raises(factcheck.FactCheckError, match="read 'X employ most ... outside Y', naming settings of occupation.toml"):
        factcheck.check_setting_remainder(claim("setting_remainder", text="Clinics employ most technicians outside towns"), ev, Rules())


@pytest.mark.parametrize("employing, unchecked", [
    ("Physicians' offices, small clinics and nursing homes", ("small clinics", "nursing homes")),  # a comma parts them too
    ("Physicians' offices or small clinics", ("small clinics",)),
])
def test_setting_remainder_names_each_part_it_cannot_check(employing, unchecked):
    ev = evidence(figures=figures(dated(G0, 2017)), settings=FOUR)
    r = factcheck.check_setting_remainder(claim("setting_remainder", text=f"{employing} employ most of the technicians outside hospitals"),
                                          ev, Rules())
    assert r.facts["unchecked"] == unchecked and r.facts["settings"] == ("offices_of_physicians",)


def test_named_settings_read_the_longest_name_first(monkeypatch):
    from dataclasses import replace

    from mrt import occupation

    base = occupation.current()
    wider = replace(base, settings={**base.settings, "general psychiatric hospitals": "psychiatric_hospitals"})
    monkeypatch.setattr(occupation, "current", lambda: wider)  # a setting whose name holds another's ("hospitals")
    assert factcheck.named_settings("Many work in general psychiatric hospitals and in hospitals") == ["psychiatric_hospitals", "hospitals"]
    assert factcheck.named_settings("Many work in general psychiatric hospitals") == ["psychiatric_hospitals"]


def test_setting_remainder_of_two_settings_has_both_as_its_subject(monkeypatch):
    from dataclasses import replace

    from mrt import occupation

    base = occupation.current()
    wider = replace(base, settings={**base.settings, "nursing care facilities": "nursing_care_facilities"})
    monkeypatch.setattr(occupation, "current", lambda: wider)  # an occupation whose settings include a third one
    shares = settings((2016, "hospitals", 36.0, HOSPITALS_ALL), (2016, "offices_of_physicians", 19.0, OFFICES),
                      (2016, "nursing_care_facilities", 13.0, "Nursing care facilities"))
    text = "Physicians' offices and nursing care facilities employ most of the technicians outside hospitals"
    r = factcheck.check_setting_remainder(claim("setting_remainder", text=text), evidence(figures=figures(dated(G0, 2016)), settings=shares),
                                          Rules())
    # (19 + 13) of the 64 outside hospitals = 50%
    assert r.subject == "offices_of_physicians+nursing_care_facilities" and r.record_value == pytest.approx(50.0)


def test_other_industries_whole_result():
    ev = evidence(figures=figures(dated(G0, 2013)), settings=FOUR)  # frame 2011 and 2016: the later one is listed
    assert factcheck.check_other_industries(claim("other_industries"), ev, Rules()) == factcheck.Result(
        "not_checkable", judged_at=2013, time_basis="guide_date", unit="percent", record_year=2016,
        record_source_keys=("k2016hospitals", "k2016offices_of_physicians"),
        facts={"listed": (("hospitals", 36.0), ("offices_of_physicians", 19.0)), "unlisted_pct": 45.0})
    full = settings((2016, "hospitals", 60.0, HOSPITALS_ALL), (2016, "offices_of_physicians", 40.0, OFFICES))
    assert factcheck.check_other_industries(claim("other_industries"), evidence(settings=full), Rules()).facts["unlisted_pct"] == 0.0


def test_growth_wording_whole_result():
    wording = pd.DataFrame([{"source_key": f"{G0}#L1", "vintage": "2012-2022", "words": "faster than the average", "printed_pct": 22.0,
                             "all_occupations_pct": 10.8, "ratio": 2.04, "verdict": "understated", "bls_source_key": "ep#2012", **FOUND}])
    r = factcheck.check_growth_wording(claim("growth_wording"), evidence(wording=wording), Rules())
    assert r == factcheck.Result("understated", "handbook_wording", guide_value=22.0, record_value=10.8, record_year=2012,
                                 record_source_keys=("ep#2012",), unit="percent", judged_at=2012, time_basis="printed",
                                 facts={"ratio": 22 / 10.8, "all_occupations_pct": 10.8, "vintage": "2012-2022",
                                        "words": "faster than the average", **FOUND, "much_faster_ratio": 2.0})
    with pytest.raises(factcheck.FactCheckError, match="expected a row for its guide line in growth_wording.csv"):
        factcheck.check_growth_wording(claim("growth_wording", guide=G1), evidence(wording=wording), Rules())


def test_growth_pct_whole_result_and_qualifiers():
    r = growth_case(13.0)
    assert r == factcheck.Result("rounded", "own_rounding_step", guide_value=13.0, guide_range=Range(12.5, 13.5), record_value=13.5,
                                 record_year=2016, record_source_keys=("ep#vintage=2016-2026",), unit="percent", judged_at=2016,
                                 time_basis="printed", facts={"published_pct": 13.5, "unrounded_pct": 100 * 27.8 / 206.3,
                                                              "vintage": "2016-2026"})
    # "more than 12": above 12 holds 13.475 -> a bound that holds; plain 12 (11.5-12.5) does not
    assert growth_case(12.0, qualifier="more than").verdict == "matches_record"
    assert growth_case(13.5, qualifier="almost").verdict == "matches_record"  # step 0.1: 13.45-13.5 holds 13.475
    assert growth_case(13.4, qualifier="almost").verdict == "understated"     # 13.35-13.4 misses 13.475
    missing = growth_case(13.0, ("2030", "2040"))
    assert missing == factcheck.Result("not_checkable", "own_rounding_step", guide_value=13.0, guide_range=Range(12.5, 13.5),
                                       unit="percent", judged_at=2030, time_basis="printed")


def test_growth_change_and_count_whole_results():
    about = growth_case(28000.0, qualifier="about", unit="jobs", check=factcheck.check_growth_change)
    assert about == factcheck.Result("rounded", "own_rounding_step", guide_value=28000.0, guide_range=Range(27500, 28500),
                                     record_value=27800.0, record_year=2016, record_source_keys=("ep#vintage=2016-2026",), unit="jobs",
                                     judged_at=2016, time_basis="printed", facts={"vintage": "2016-2026"})
    assert growth_case(27000.0, qualifier="more than", unit="jobs", check=factcheck.check_growth_change).verdict == "matches_record"
    count = count_case(186300.0, year=2012)
    assert count == factcheck.Result("matches_record", "own_rounding_step", guide_value=186300.0, guide_range=Range(186250, 186350),
                                     record_value=186300.0, record_year=2012, record_source_keys=("ep#vintage=2012-2022",), unit="persons",
                                     judged_at=2012, time_basis="printed",
                                     facts={"population": "all_jobs", "other_count": 182370.0, "other_population": "wage_and_salary_jobs"})
    off = count_case(205000.0)
    assert off == factcheck.Result("overstated", "own_rounding_step", guide_value=205000.0, guide_range=Range(204500, 205500),
                                   record_value=204220.0, record_year=2017, record_source_keys=("oews#year=2017",), unit="persons",
                                   judged_at=2017, time_basis="guide_date", facts={"population": "wage_and_salary_jobs"})
    assert count_case(200000.0, qualifier="more than").verdict == "matches_record"  # more than 200,000: 204,220 (2017)


def test_education_advancement_whole_result():
    from mrt import occupation

    up = occupation.current().advancement
    decoy = {"measure": up.pay_measure, "group": "another occupation", "value_min": 1.0, "value_max": 1.0, "unit": "usd_per_week",
             "period": "2001", "source_key": "costs#row=1"}
    row = {"measure": up.pay_measure, "group": up.pay_group, "value_min": 96540.0, "value_max": 96540.0, "unit": "usd_per_year",
           "period": "2016", "source_key": "costs#row=17"}
    other = {"measure": "employment", "group": up.pay_group, "value_min": 5.0, "value_max": 5.0, "unit": "persons", "period": "2002",
             "source_key": "costs#row=2"}
    costs = pd.DataFrame([decoy, other, row])
    plain = ooh(("2014-15", 2012, "postsecondary nondegree award", ""))

    def run(route, table=costs):
        ev = evidence(ooh=plain, costs=table, guide_education=education((G0, f"{G0}#L1", "x", route, "for_advancement")))
        return factcheck.check_education_advancement(claim("education_advancement"), ev, Rules())
    assert run("bachelor_degree") == factcheck.Result(
        "matches_record", record_value=96540.0, record_year=2016, record_source_keys=("costs#row=17",), unit="usd_per_year",
        subject="bachelor_degree", facts={"route": "bachelor_degree", "occupation": up.occupation, "pay": 96540.0, "pay_year": 2016,
                                          "typical_for_technicians_in": ()})
    assert run("associate_degree").verdict == "contradicted"  # the occupation up asks a bachelor's, not an associate's
    assert run("bachelor_degree", costs.iloc[:2]) == factcheck.Result(
        "not_checkable", subject="bachelor_degree", facts={"route": "bachelor_degree", "occupation": up.occupation})
    typical = ooh(("2014-15", 2012, "associate's degree", ""))
    ev = evidence(ooh=typical, costs=costs, guide_education=education((G0, f"{G0}#L1", "x", "associate_degree", "for_advancement")))
    assert factcheck.check_education_advancement(claim("education_advancement"), ev, Rules()).facts["typical_for_technicians_in"] == ("2014-15",)


def test_duration_whole_result():
    lengths = pd.DataFrame([
        {"measure": "program_length", "group": "associate's degree (full-time)", "value_min": 24.0, "value_max": 24.0, "unit": "months",
         "period": None, "source_key": "costs#row=22"},
        {"measure": "tuition", "group": "certificate school", "value_min": 1.0, "value_max": 1.0, "unit": "usd_per_year", "period": None,
         "source_key": "costs#row=1"},
        {"measure": "program_length", "group": "medical coding certificate", "value_min": 9.0, "value_max": 12.0, "unit": "months",
         "period": None, "source_key": "costs#row=21"},
        {"measure": "program_length", "group": "another certificate", "value_min": 1.0, "value_max": 2.0, "unit": "months",
         "period": None, "source_key": "costs#row=23"}])
    ev = evidence(figures=figures(fig("F1", 12.0, unit="months", qualifier="less than"), fig("F2", None, unit="months", qualifier="a matter of")),
                  costs=lengths)
    assert factcheck.check_duration(claim("duration", ["F1"]), ev, Rules()) == factcheck.Result(
        "not_checkable", guide_value=12.0, unit="months", record_source_keys=("costs#row=21",),
        facts={"qualifier": "less than", "months_low": 9.0, "months_high": 12.0, "program": "medical coding certificate"})
    vague = factcheck.check_duration(claim("duration", ["F2"]), ev, Rules())
    assert vague.guide_value is None and vague.facts["qualifier"] == "a matter of"
    none = factcheck.check_duration(claim("duration", ["F1"]), evidence(figures=ev.figures, costs=lengths.iloc[:2]), Rules())
    assert none.facts == {"qualifier": "less than", "months_low": None, "months_high": None, "program": None} and none.record_source_keys == ()


def test_table_writes_every_column():
    c = factcheck.Claim("C7", G1, 24, f"{G1}#L24", "x", "pay", "wage", ("F1",), "an average")
    r = factcheck.Result("rounded", "own_rounding_step", 39000.0, Range(38500, 39500), 39180.0, 2017, ("oews#2017",), "usd_per_year",
                         2017, "printed", "hospitals")
    row = factcheck.table([factcheck.Judged(c, r, True)], {"C7": "evidence words"}).iloc[0].to_dict()
    assert row == {"claim_id": "C7", "guide_file": G1, "line": 24, "source_key": f"{G1}#L24", "topic": "pay", "check": "wage",
                   "claim": "an average", "verdict": "rounded", "reading": "own_rounding_step", "judged_at_year": 2017,
                   "time_basis": "printed", "prints_year": True, "subject": "hospitals", "guide_value": 39000.0, "guide_low": 38500.0,
                   "guide_high": 39500.0, "unit": "usd_per_year", "record_value": 39180.0, "record_year": 2017,
                   "record_source_key": "oews#2017", "evidence": "evidence words"}
    with pytest.raises(ValueError, match=r"\['C7'\]"):
        factcheck.table([factcheck.Judged(c, r, True)], {})


def test_tally_by_guide_whole_frame():
    table = pd.DataFrame({"guide_file": [G1, G0, G0, G0, G0], "verdict": ["not_checkable", "rounded", "partly_supported", "overstated", "not_checkable"]})
    expected = pd.DataFrame({"guide_file": [G0, G1], "claims": [4, 1], "not_checkable": [1, 1], "checkable": [3, 0], "agreeing": [1, 0],
                             "partly": [1, 0], "disagreeing": [1, 0],
                             "share_agreeing_pct": pd.array([100 / 3, None], dtype="Float64")})
    pd.testing.assert_frame_equal(factcheck.tally_by_guide(table), expected)


def test_shared_questions_whole_frame():
    table = pd.DataFrame({"claim_id": ["C1", "C2", "C3", "C4", "C5"], "guide_file": [G1, G0, G0, G1, G0], "line": [5, 9, 1, 2, 3],
                          "check": ["setting_share", "setting_most", "setting_share", "certification", "certification"],
                          "subject": ["hospitals", "hospitals", "hospitals", pd.NA, pd.NA]})
    shared = factcheck.shared_questions(table)
    assert shared[["claim_id", "question"]].values.tolist() == [["C5", "certification"], ["C4", "certification"],
                                                                  ["C3", "share_in:hospitals"], ["C2", "share_in:hospitals"],
                                                                  ["C1", "share_in:hospitals"]]
    assert list(shared.index) == [0, 1, 2, 3, 4]


def test_small_readers():
    assert factcheck_rules._number(5) == 5.0 and factcheck_rules._number(pd.NA) is None and factcheck_rules._year(2017.0) == 2017
    row = pd.DataFrame([{"claim_id": "C1", "guide_file": G0, "line": "7", "source_key": "k", "as_printed": "a", "topic": "pay",
                         "check": "wage", "figure_ids": "F1;;F2", "claim": "c"}]).itertuples(index=False).__next__()
    assert factcheck.Claim.from_row(row) == factcheck.Claim("C1", G0, 7, "k", "a", "pay", "wage", ("F1", "F2"), "c")
    assert factcheck.growth_word_code(" overstated ") == "overstated"  # surrounding space is not part of the code


def test_third_party_ranking_and_area_list_without_figures():
    ev = evidence(figures=figures(fig("F1", 3.0, unit="rank")))
    assert factcheck.check_third_party_ranking(claim("third_party_ranking"), ev, Rules()) == factcheck.Result("not_checkable", facts={"ranks": ()})
    area = factcheck.check_area_pay_list(claim("area_pay_list", ["F1"]), ev, Rules())
    assert area.facts == {"pairs": 0, "consistent": 0, "largest_gap_usd": None, "tolerance_usd": None}


def test_pays_well_whole_results_and_frames():
    everyone = pd.DataFrame([{"year": 2012, "statistic": "median", "annual_usd": 34750.0, "source_key": "all#2012"},
                             {"year": 2014, "statistic": "median", "annual_usd": 35540.0, "source_key": "all#2014"}])
    wages = bls_wages((2012, "median", "usd_per_year", 34160.0), (2013, "median", "usd_per_year", 34970.0))

    def run(year):
        ev = evidence(figures=figures(dated(G0, year)), bls_wages=wages, all_occupations_pay=everyone)
        return factcheck.check_pay_vs_all_occupations(claim("pay_vs_all_occupations"), ev, Rules())
    assert run(2012) == factcheck.Result("overstated", "median", record_value=34160.0, record_year=2012,
                                         record_source_keys=("oews#year=2012", "all#2012"), unit="usd_per_year", judged_at=2012,
                                         time_basis="guide_date", facts={"ratio": 34160 / 34750, "all_occupations_value": 34750.0,
                                                                         "measure": "median"})
    # 2013: all occupations' pay only for 2012 and 2014, so no like-for-like year
    assert run(2013) == factcheck.Result("not_checkable", "median", judged_at=2013, time_basis="guide_date", unit="usd_per_year",
                                         facts={"measure": "median", "years_available": (2012, 2014)})
    # 2014: all occupations' pay, but no technicians' median that year
    assert run(2014).verdict == "not_checkable"


def test_setting_pay_whole_result_in_its_time_frame():
    pay = settings((2011, "hospitals", 37.4, HOSPITALS_PART, 37960.0), (2011, "offices_of_physicians", 22.7, OFFICES, 30120.0),
                   (2016, "hospitals", 36.0, HOSPITALS_ALL, 30000.0), (2016, "offices_of_physicians", 19.0, OFFICES, 40000.0))
    ev = evidence(figures=figures(dated(G0, 2011)), settings=pay)
    text = "Hospitals and government pay more than physicians' offices"
    assert factcheck.check_setting_pay(claim("setting_pay", text=text), ev, Rules()) == factcheck.Result(
        "partly_supported", record_value=37960.0, record_year=2011, record_source_keys=("k2011hospitals", "k2011offices_of_physicians"),
        unit="usd_per_year", judged_at=2011, time_basis="guide_date", subject="hospitals",
        facts={"pairs": (("hospitals", "offices_of_physicians", 37960.0, 30120.0),), "unchecked": ("government",), "year": 2011})
    later = factcheck.check_setting_pay(claim("setting_pay", text=text), evidence(figures=figures(dated(G0, 2017)), settings=pay), Rules())
    assert later.verdict == "contradicted" and later.record_year == 2016  # 30,000 is not more than 40,000
    nothing = factcheck.check_setting_pay(claim("setting_pay", text="Clinics pay more than farms"), ev, Rules())
    assert nothing == factcheck.Result("not_checkable", unit="usd_per_year", judged_at=2011, time_basis="guide_date",
                                       facts={"pairs": (), "unchecked": ("Clinics", "farms"), "year": 2011})
    empty = factcheck.check_setting_pay(claim("setting_pay", text="Clinics pay more than farms"), evidence(), Rules())
    assert empty.facts["year"] is None
    with pytest.raises(factcheck.FactCheckError, match=r": expected the claim to read '<settings> pay more than <settings>'$"):
        factcheck.check_setting_pay(claim("setting_pay", text="Hospitals pay better"), ev, Rules())


def test_growth_pct_compares_the_unrounded_percent_and_returns_its_numbers_when_off():
    ev = evidence(figures=figures(fig("F1", 13.0, year=2016, end=2026)), projections=projections(("2016-2026", 200.0, 26.0, 13.5, 7.4)))
    assert factcheck.check_growth_pct(claim("growth_pct", ["F1"]), ev, Rules()).verdict == "matches_record"  # 26 / 200 = 13.0 exactly
    off = growth_case(15.0)
    assert off == factcheck.Result("overstated", "own_rounding_step", guide_value=15.0, guide_range=Range(14.5, 15.5), record_value=13.5,
                                   record_year=2016, record_source_keys=("ep#vintage=2016-2026",), unit="percent", judged_at=2016,
                                   time_basis="printed", facts={"published_pct": 13.5, "unrounded_pct": 100 * 27.8 / 206.3,
                                                                "vintage": "2016-2026"})


def test_error_messages_say_what_was_expected():
    wording = pd.DataFrame(columns=["source_key", "vintage", "words", "printed_pct", "all_occupations_pct", "ratio", "verdict", "bls_source_key"])
    with pytest.raises(factcheck.FactCheckError, match=r": expected a row for its guide line in growth_wording.csv$"):
        factcheck.check_growth_wording(claim("growth_wording"), evidence(wording=wording), Rules())
    with pytest.raises(factcheck.FactCheckError, match=r": expected the claim to read 'X employ most \.\.\. outside Y', naming settings of occupation.toml$"):
        factcheck.check_setting_remainder(claim("setting_remainder", text="Clinics employ most"), evidence(), Rules())
    table = pd.DataFrame([{"claim_id": "C1", "guide_file": G0, "line": 1, "source_key": f"{G0}#L1", "as_printed": "x", "topic": "t",
                           "check": "guess", "figure_ids": pd.NA, "claim": "c"}])
    with pytest.raises(factcheck.FactCheckError, match=r": expected a check from \("):
        factcheck.judge(table, evidence())


def test_table_types():
    c = claim("wage", ["F1"])
    frame = factcheck.table([factcheck.Judged(c, factcheck.Result("not_checkable"), None)], {"C1": "x"})
    assert {col: str(frame[col].dtype) for col in ("line", "judged_at_year", "record_year", "guide_value", "guide_low", "guide_high",
                                                   "record_value", "prints_year")} == {
        "line": "Int64", "judged_at_year": "Int64", "record_year": "Int64", "guide_value": "Float64", "guide_low": "Float64",
        "guide_high": "Float64", "record_value": "Float64", "prints_year": "boolean"}


def test_a_table_of_no_claims_keeps_every_column():
    frame = factcheck.table([], {})
    assert frame.empty and list(frame.columns) == factcheck.TABLE_COLUMNS and str(frame["line"].dtype) == "Int64"


def test_tally_by_guide_of_nothing_keeps_its_columns():
    empty = factcheck.tally_by_guide(pd.DataFrame({"guide_file": [], "verdict": []}))
    assert list(empty.columns) == ["guide_file", "claims", "not_checkable", "checkable", "agreeing", "partly", "disagreeing",
                                   "share_agreeing_pct"] and empty.empty


def test_a_blank_title_in_guides_csv_falls_back_to_the_quoted_title():
    sources = pd.DataFrame({"source_id": ["guide:a.txt", "guide:b.txt"], "kind": ["guide", "guide"],
                            "covers": ["Guide 'Quoted A' (pay)", "Guide 'Quoted B' (pay)"]})
    guides = pd.DataFrame({"guide_file": ["a.txt", "b.txt"], "title": ["Named A", "  "]})
    assert factcheck.guide_titles(sources, guides) == {"a.txt": "Named A", "b.txt": "Quoted B"}


def test_guide_titles_skip_other_rows_wherever_they_are():
    sources = pd.DataFrame({"source_id": ["x", "guide:a.txt"], "kind": ["raw_file", "guide"], "covers": ["no title", "Guide 'A Title' (pay)"]})
    assert factcheck.guide_titles(sources) == {"a.txt": "A Title"}


def test_shared_questions_skip_claims_without_a_subject_and_keep_a_clean_index():
    table = pd.DataFrame({"claim_id": ["C1", "C2", "C3"], "guide_file": [G1, G0, G0], "line": [5, 9, 1],
                          "check": ["setting_share", "setting_share", "setting_share"], "subject": ["hospitals", "hospitals", pd.NA]})
    shared = factcheck.shared_questions(table)
    assert list(shared.columns) == ["claim_id", "guide_file", "line", "check", "subject", "question"]
    assert list(shared["claim_id"]) == ["C2", "C1"]


def test_duration_without_a_qualifier():
    ev = evidence(figures=figures(fig("F1", 12.0, unit="months")))
    assert factcheck.check_duration(claim("duration", ["F1"]), ev, Rules()).facts["qualifier"] is None


def test_wage_whole_results():
    mislabelled = wage_case([("F1", "high", "usd_per_year", 25810.0, None, 2017, "p10", 25810.0, "p10")])
    assert mislabelled == factcheck.Result(
        "mislabelled", "own_rounding_step", guide_value=25810.0, guide_range=Range(25805, 25815), record_value=25810.0, record_year=2017,
        record_source_keys=("oews#year=2017",), unit="usd_per_year", judged_at=2017, time_basis="guide_date",
        facts={"parts": (("high", 25810.0, "p10", 25810.0),), "is_range": True, "year_printed": None, "latest_year": 2024,
               "latest_value": 35780.0, "latest_soc_code": "29-0000", "latest_comparable": "yes"})
    no_latest = wage_case([("F1", None, "usd_per_year", 64610.0, None, 2017, "p90", 64610.0)], guide_year=None)
    assert no_latest.verdict == "matches_record" and no_latest.facts["latest_year"] is None  # no other p90 figure to be outdated by
    off = wage_case([("F1", None, "usd_per_year", 43010.0, 2017, 2017, "mean", 42820.0)])  # 43,005-43,015 misses 42,820
    assert off.verdict == "overstated" and off.record_value == 42820.0 and off.reading == "own_rounding_step" and off.judged_at == 2017
    missing = wage_case([("F1", None, "usd_per_hour", 20.59, None, None, None, None)])
    assert missing == factcheck.Result("not_checkable", "own_rounding_step", guide_value=20.59, judged_at=2017, time_basis="guide_date",
                                       unit="usd_per_hour")
    nothing = factcheck.check_wage(claim("wage", ["F9"], guide=G1), evidence(figures=figures(fig("F9", 1.0, guide=G1), dated(G1, 2017)),
                                                                           bls_wages=WAGES), Rules())
    assert nothing == factcheck.Result("not_checkable", "own_rounding_step", judged_at=2017, time_basis="guide_date")


def test_count_and_change_whole_results_when_not_checkable_or_old():
    assert count_case(100000.0, guide_year=2020) == factcheck.Result(
        "not_checkable", "own_rounding_step", guide_value=100000.0, guide_range=Range(50000, 150000), unit="persons", judged_at=2020,
        time_basis="guide_date")
    old = count_case(204220.0, guide_year=2018)
    assert old == factcheck.Result("outdated", "own_rounding_step", guide_value=204220.0, guide_range=Range(204215, 204225),
                                   record_value=204220.0, record_year=2017, record_source_keys=("oews#year=2017",), unit="persons",
                                   judged_at=2018, time_basis="guide_date",
                                   facts={"population": "wage_and_salary_jobs", "other_count": None, "other_population": None})
    assert growth_case(41000.0, ("2012", "2022"), unit="jobs", check=factcheck.check_growth_change) == factcheck.Result(
        "not_checkable", "own_rounding_step", guide_value=41000.0, guide_range=Range(40500, 41500), unit="jobs", judged_at=2012,
        time_basis="printed")
    assert growth_case(27600.0, unit="jobs", check=factcheck.check_growth_change) == factcheck.Result(
        "understated", "own_rounding_step", guide_value=27600.0, guide_range=Range(27550, 27650), record_value=27800.0, record_year=2016,
        record_source_keys=("ep#vintage=2016-2026",), unit="jobs", judged_at=2016, time_basis="printed", facts={"vintage": "2016-2026"})


def test_a_projection_figure_needs_both_ends_of_its_period():
    table = figures(fig("F1", 13.0, year=2016, end=2026))
    table["year_end"] = pd.array([None], dtype="Int64")
    with pytest.raises(factcheck.FactCheckError, match=r"C1 .*: expected the figure to print its projection period \(year_start and year_end\)$"):
        factcheck.check_growth_pct(claim("growth_pct", ["F1"]), evidence(figures=table, **COUNTS), Rules())
    with pytest.raises(factcheck.FactCheckError, match=r": expected a figure id in column figure_ids$"):
        factcheck.check_growth_pct(claim("growth_pct", []), evidence(figures=table, **COUNTS), Rules())
    with pytest.raises(factcheck.FactCheckError, match=r": expected the claim to name a setting of occupation.toml$"):
        factcheck.check_setting_most(claim("setting_most", text="Most work at sea"), evidence(), Rules())


def test_share_records_read_counts_only_when_the_share_was_computed_from_them():
    table = settings((2016, "hospitals", 36.0, HOSPITALS_ALL), (2018, "hospitals", 34.0, HOSPITALS_ALL))
    table["share_computed"] = pd.array([True, False], dtype="boolean")  # flagged computed but no counts; counts but not flagged
    table["employment_persons"] = pd.array([None, 50], dtype="Int64")
    (first, second) = factcheck.share_records(table)
    assert (first.share_pct, second.share_pct) == (36.0, 34.0)
    assert first == factcheck.ShareRecord("hospitals", 2016, 36.0, False, "k2016hospitals", HOSPITALS_ALL)


def test_most_years_rival_order_bounds_and_unlisted_share():
    rec = lambda setting, share, bound=False: factcheck.ShareRecord(setting, 2017, share, bound, f"k{setting}", setting)  # noqa: E731
    (year,) = factcheck.most_years([rec("a", 40.0), rec("c", 30.0), rec("b", 10.0), rec("d", 20.0)], ["a"])
    assert year == factcheck.MostYear(2017, 40.0, False, "c", 30.0, False, 0.0, "no", "yes", ("ka", "kc", "kb", "kd"))
    (bounded,) = factcheck.most_years([rec("a", 40.0, True), rec("c", 45.0, True)], ["a"])
    assert (bounded.lower_bound, bounded.rival_lower_bound, bounded.plurality, bounded.majority) == (True, True, "unknown", "unknown")
    (rival_bound,) = factcheck.most_years([rec("a", 40.0), rec("c", 45.0, True)], ["a"])
    assert rival_bound.plurality == "no"  # at least 45 elsewhere against exactly 40
    (alone,) = factcheck.most_years([rec("a", 60.0, True)], ["a"])
    assert (alone.rival, alone.rival_pct, alone.rival_lower_bound, alone.plurality, alone.majority) == ("unlisted", 40.0, False, "yes", "yes")
    late = [factcheck.ShareRecord("a", 2011, 60.0, False, "k", "a"), factcheck.ShareRecord("a", 2016, 30.0, False, "k", "a"),
            factcheck.ShareRecord("b", 2016, 20.0, False, "k", "b")]
    assert [m.year for m in factcheck.most_years(late, ["a", "b"])] == [2016]  # 2011 lacks b and is skipped, not the end


def test_setting_most_whole_result():
    c, ev = most_claim("Most technicians work in hospitals", (2017, "hospitals", 36.0, HOSPITALS_ALL), (2017, "offices_of_physicians", 19.0, OFFICES))
    r = factcheck.check_setting_most(c, ev, Rules(most="plurality"))
    (year,) = r.facts["years"]
    assert r == factcheck.Result("matches_record", "plurality", unit="percent", judged_at=2017, time_basis="guide_date", subject="hospitals",
                                 record_value=36.0, record_year=2017, record_source_keys=("k2017hospitals", "k2017offices_of_physicians"),
                                 facts={"years": (year,), "settings": ("hospitals",)})


def test_setting_pay_reads_the_first_comparison_and_figure_whole_results():
    text = "Hospitals pay more than physicians' offices pay more than farms"
    r = factcheck.check_setting_pay(claim("setting_pay", text=text), evidence(settings=PAY), Rules())
    assert r.verdict == "matches_record" and r.facts["unchecked"] == ()
    pay = settings((2011, "hospitals", 37.4, HOSPITALS_PART, 37960.0), (2016, "hospitals", 36.0, HOSPITALS_ALL, 41000.0),
                   (2016, "offices_of_physicians", 19.0, OFFICES, 33000.0))
    ev = evidence(figures=figures(fig("F1", 38000.0, unit="usd_per_year", year=2011, statistic="mean", qualifier="about")), settings=pay)
    assert factcheck.check_setting_pay_figure(claim("setting_pay_figure", ["F1"]), ev, Rules()) == factcheck.Result(
        "rounded", "own_rounding_step", guide_value=38000.0, guide_range=Range(37500, 38500), record_value=37960.0, record_year=2011,
        record_source_keys=("k2011hospitals",), unit="usd_per_year", judged_at=2011, time_basis="printed", subject="hospitals",
        facts={"record_years": (2011, 2016), "record_statistic": "mean",
               "means": (("hospitals", 41000.0), ("offices_of_physicians", 33000.0))})
    bound = evidence(figures=figures(fig("F1", 30000.0, unit="usd_per_year", year=2011, statistic="mean", qualifier="more than")), settings=pay)
    assert factcheck.check_setting_pay_figure(claim("setting_pay_figure", ["F1"]), bound, Rules()).verdict == "matches_record"
    undated = evidence(figures=figures(fig("F1", 38000.0, unit="usd_per_year", statistic="median")), settings=pay)
    r = factcheck.check_setting_pay_figure(claim("setting_pay_figure", ["F1"]), undated, Rules())
    assert r.verdict == "not_checkable" and r.time_basis == "timeless" and r.judged_at is None


def test_education_entry_whole_results():
    in_time = entry_case("hs_diploma_on_the_job", "sufficient", 2013)
    assert in_time == factcheck.Result(
        "not_checkable", "edition_of_its_time", judged_at=2013, time_basis="guide_date", subject="hs_diploma_on_the_job", record_year=2012,
        record_source_keys=("ooh#2014-15",),
        facts={"route": "hs_diploma_on_the_job", "stance": "sufficient", "edition": "2014-15", "typical_then": "postsecondary nondegree award",
               "typical_in": (), "mentioned_in": ("2022-23",)})
    r = entry_case("hs_diploma_on_the_job", "sufficient", 2013, rules=ANY)
    assert r == factcheck.Result(
        "matches_record", "any_edition", judged_at=2013, time_basis="guide_date", subject="hs_diploma_on_the_job", record_year=2012,
        record_source_keys=("ooh#2022-23",),
        facts={"route": "hs_diploma_on_the_job", "stance": "sufficient", "edition": "2014-15", "typical_then": "postsecondary nondegree award",
               "typical_in": (), "mentioned_in": ("2022-23",)})
    categories = ooh(("2014-15", 2012, "associate's degree", "nothing said"))
    named_by_category = entry_case("associate_degree", "alternative", 2013, categories)
    assert named_by_category.facts["mentioned_in"] == ("2014-15",) and named_by_category.reading == "edition_of_its_time"
    assert entry_case("associate_degree", "typical", 2005).judged_at == 2005


def test_last_cases_pinned():
    with pytest.raises(ValueError, match="empty range: 6 to 5"):
        Range(6, 5)
    # no newer figure of the statistic: every "latest" fact is empty
    no_latest = wage_case([("F1", None, "usd_per_year", 64610.0, None, 2017, "p90", 64610.0)], guide_year=None)
    assert {k: v for k, v in no_latest.facts.items() if k.startswith("latest")} == {
        "latest_year": None, "latest_value": None, "latest_soc_code": None, "latest_comparable": None}
    # a year printed wrong: mislabelled, with every number of the comparison
    wrong_year = wage_case([("F1", None, "usd_per_year", 42820.0, 2016, 2017, "mean", 42820.0)])
    assert wrong_year.verdict == "mislabelled" and wrong_year.record_year == 2017 and wrong_year.judged_at == 2016
    assert wrong_year.facts["year_printed"] == 2016 and wrong_year.reading == "own_rounding_step"
    # a job-change figure without its period
    table = figures(fig("F1", 28000.0, unit="jobs", year=2016, end=2026))
    table["year_end"] = pd.array([None], dtype="Int64")
    with pytest.raises(factcheck.FactCheckError, match="C1"):
        factcheck.check_growth_change(claim("growth_change", ["F1"]), evidence(figures=table, **COUNTS), Rules())
    # a share bound reads up to 100%, and the facts keep the qualifier
    c, ev = share_claim(25.0, "more than", guide_year=None)
    r = factcheck.check_setting_share(c, ev, Rules())
    assert r.guide_range == Range(25, 100, low_open=True) and r.facts["qualifier"] == "more than"
    c, ev = share_claim(30.0, "less than", guide_year=None)
    assert factcheck.check_setting_share(c, ev, Rules()).guide_range == Range(0, 30, high_open=True)
    # a rival known only from below: 50 against "at least 45" cannot be settled
    rec = lambda setting, share, bound=False: factcheck.ShareRecord(setting, 2017, share, bound, "k", setting)  # noqa: E731
    assert factcheck.most_years([rec("a", 50.0), rec("c", 45.0, True)], ["a"])[0].plurality == "unknown"
    # a prescriptive entry claim names the edition it was judged by
    r = entry_case("associate_degree", "typical", 2013)
    assert r.record_source_keys == ("ooh#2014-15",) and r.record_year == 2012
    # a missing qualifier stays None, never NA
    plain = figures(fig("F1", 12.0, unit="months"))
    plain["qualifier"] = pd.array([pd.NA], dtype="string")
    assert factcheck.check_duration(claim("duration", ["F1"]), evidence(figures=plain), Rules()).facts["qualifier"] is None
    # shares without a subject answer no shared question, however many guides print them
    table = pd.DataFrame({"claim_id": ["C1", "C2"], "guide_file": [G0, G1], "line": [1, 2], "check": ["setting_share", "setting_share"],
                          "subject": pd.array([pd.NA, pd.NA], dtype="string")})
    assert factcheck.shared_questions(table).empty


# Whether a count's conclusion holds; claims printed without a year; pay printed twice -----------------------

@pytest.mark.parametrize("agreeing, checkable, most", [
    (5, 8, True),    # 5 > 8 / 2
    (4, 8, False),   # exactly half is not most
    (3, 8, False),
    (1, 1, True),
    (1, 2, False),   # half again
    (0, 0, False),   # nothing checkable: not most
])
def test_most_agree_needs_more_than_half(agreeing, checkable, most):
    assert factcheck.most_agree(agreeing, checkable) is most


def counts(agreeing, checkable):
    return factcheck.Tally(claims=checkable, not_checkable=0, checkable=checkable, agreeing=agreeing, partly=0,
                           disagreeing=checkable - agreeing, share_agreeing=agreeing / checkable if checkable else None)


@pytest.mark.parametrize("reported, other, holds", [
    ((6, 8), (2, 8), False),   # 6 of 8 agree -> most; 2 of 8 -> not most: the conclusion changes
    ((6, 8), (5, 8), True),    # most under both, though the count moved
    ((6, 8), (4, 8), False),   # exactly half is not most
    ((6, 8), (5, 9), True),    # 5 > 4.5
    ((3, 8), (2, 8), True),    # not most under both
    ((4, 8), (5, 8), False),   # not most -> most
    ((22, 29), (21, 29), True),
    ((6, 8), (0, 0), False),   # nothing left to check: not most
])
def test_same_conclusion_compares_whether_most_agree(reported, other, holds):
    assert factcheck.same_conclusion(counts(*reported), counts(*other)) is holds


def undated_judged(claim_id, guide, verdict, basis, prints_year=False, check="wage"):
    return factcheck.Judged(claim(check, claim_id=claim_id, guide=guide), factcheck.Result(verdict, time_basis=basis), prints_year)


G2 = "002_cccccccccccccccc.txt"


def test_undated_agreement_splits_guides_with_and_without_a_dated_figure():
    # G0 is dated (2013), G1 and G2 are not. Printed without a year: U1-U4 from G0 at its date (3 checkable, 2 agree),
    # U5-U6 from G1 and U7 from G2 against the latest record (all 3 checkable, 2 agree); D1 prints its year; N1 rests on no figure.
    judged = [undated_judged("U1", G0, "matches_record", "guide_date"), undated_judged("U2", G0, "rounded", "guide_date"),
              undated_judged("U3", G0, "outdated", "guide_date"), undated_judged("U4", G0, "not_checkable", "guide_date"),
              undated_judged("U5", G1, "matches_record", "latest_record"), undated_judged("U6", G1, "overstated", "latest_record"),
              undated_judged("U7", G2, "rounded", "latest_record"),
              undated_judged("D1", G0, "matches_record", "printed", prints_year=True),
              undated_judged("N1", G0, "matches_record", "timeless", prints_year=None)]
    u = factcheck.undated_agreement(judged, {G0: 2013})
    assert (u.with_figures, u.undated, u.checkable, u.agreeing, u.guides_without_date) == (8, 7, 6, 4, 2)
    assert u.checkable_by_frame == {"guide_date": 3, "no_guide_date": 3, "latest_record": 0, "timeless": 0}
    assert u.agreeing_by_frame == {"guide_date": 2, "no_guide_date": 2, "latest_record": 0, "timeless": 0}
    # only the undated guide's claims: every one against the latest record, for want of a date
    alone = factcheck.undated_agreement(judged[4:6], {G0: 2013})
    assert alone.checkable_by_frame["no_guide_date"] == 2 and alone.checkable_by_frame["guide_date"] == 0
    assert alone.guides_without_date == 1 and alone.agreeing == 1


def test_undated_agreement_under_the_latest_record_rule_and_a_timeless_claim():
    # the rule puts G0's claims against the latest record too: G1's lack of a date is then not why, so it counts there as well
    judged = [undated_judged("U1", G0, "outdated", "latest_record"), undated_judged("U2", G0, "outdated", "latest_record"),
              undated_judged("U3", G1, "matches_record", "latest_record"), undated_judged("U4", G0, "rounded", "timeless")]
    u = factcheck.undated_agreement(judged, {G0: 2013})
    assert u.checkable_by_frame == {"guide_date": 0, "no_guide_date": 0, "latest_record": 3, "timeless": 1}
    assert u.agreeing_by_frame == {"guide_date": 0, "no_guide_date": 0, "latest_record": 1, "timeless": 1}
    assert u.guides_without_date == 0 and (u.agreeing, u.checkable) == (2, 4)  # no claim is counted as from an undated guide
    empty = factcheck.undated_agreement([], {})
    assert (empty.with_figures, empty.undated, empty.checkable, empty.agreeing, empty.guides_without_date) == (0, 0, 0, 0, 0)


def test_a_claim_printed_without_a_year_cannot_have_a_printed_year():
    with pytest.raises(ValueError, match="U1 prints no year but was judged at a 'printed' year"):
        factcheck.undated_agreement([undated_judged("U1", G0, "matches_record", "printed")], {G0: 2013})


def pay_judged(claim_id, unit, statistics, *, guide=G0, year=2017, line=1):
    parts = tuple(("value", 1.0, s, 1.0) for s in statistics)
    return factcheck.Judged(claim("wage", claim_id=claim_id, guide=guide, line=line),
                            factcheck.Result("matches_record", unit=unit, record_year=year, facts={"parts": parts}), False)


def test_restated_hourly_pairs_the_same_statistics_of_one_guide_and_year():
    mean_year, mean_hour = pay_judged("A", "usd_per_year", ["mean"]), pay_judged("B", "usd_per_hour", ["mean"], line=2)
    range_year, range_hour = pay_judged("C", "usd_per_year", ["p10", "p90"]), pay_judged("D", "usd_per_hour", ["p10", "p90"], line=2)
    other_guide = pay_judged("E", "usd_per_hour", ["median"], guide=G1)
    median_year = pay_judged("F", "usd_per_year", ["median"])
    other_year = pay_judged("G", "usd_per_hour", ["median"], year=2016)
    unchecked = factcheck.Judged(claim("wage", claim_id="H"), factcheck.Result("not_checkable", unit="usd_per_hour"), False)
    share = factcheck.Judged(claim("setting_share", claim_id="I"), factcheck.Result("rounded", unit="usd_per_hour",
                                                                                    facts={"parts": (("value", 1.0, "median", 1.0),)}), False)
    judged = [mean_year, range_hour, mean_hour, other_guide, range_year, median_year, other_year, unchecked, share]
    pairs = factcheck.restated_hourly(judged)
    assert [(a.claim.claim_id, b.claim.claim_id) for a, b in pairs] == [("A", "B"), ("C", "D")]  # in the yearly claims' order
    assert factcheck.restated_hourly([mean_year]) == [] and factcheck.restated_hourly([mean_hour]) == []
