"""In short: the four answers computed from small synthetic tables and written in words, both ways at each turn."""

import pandas as pd
import pytest

from mrt import insight, words
from mrt.insight import Entry, Growth, Pay, Route, Trust

NAME = words.names().name  # from occupation.toml


def wages(rows):
    """(year, soc_code, statistic, value) rows of annual pay, plus an hourly row that must be ignored."""
    frame = pd.DataFrame(rows, columns=["year", "soc_code", "statistic", "value"]).assign(unit="usd_per_year")
    hourly = pd.DataFrame([{"year": 2030, "soc_code": "99-9999", "statistic": "median", "value": 99.0, "unit": "usd_per_hour"}])
    return pd.concat([frame, hourly], ignore_index=True)


BASE = [(2017, "29-2071", "median", 39180), (2017, "29-2071", "p10", 25810), (2017, "29-2071", "p90", 64610),
        (2021, "29-2072", "median", 46660), (2021, "29-2072", "p10", 31000), (2021, "29-2072", "p90", 73000)]
QUARTILES = [(2016, "29-2071", "p25", 30000), (2016, "29-2071", "p75", 48000),
             (2017, "29-2071", "p25", 31200), (2017, "29-2071", "p75", 50100),
             (2018, "29-2071", "p25", 32000)]  # 2018 has no p75: not a year with published quartiles


def test_pay_without_quartiles_says_nothing_of_a_middle_half():
    p = insight.pay(wages(BASE))
    assert p == Pay(2021, "29-2072", 46660, 31000, 73000)
    answer = words.pay_answer(p)
    assert answer == [f"In May 2021 the median pay of {NAME} was $46,660 a year (BLS code 29-2072); "
                      "one in ten earned under $31,000 and one in ten over $73,000."]
    assert "middle half" not in " ".join(answer)


def test_pay_with_quartiles_names_the_latest_year_that_has_both():
    p = insight.pay(wages(BASE + QUARTILES))
    assert (p.quartile_year, p.quartile_soc_code, p.p25, p.p75) == (2017, "29-2071", 31200, 50100)
    second = words.pay_answer(p)[1]
    assert second == "In 2017 (code 29-2071), the latest year with quartiles in our data, the middle half earned $31,200 to $50,100."


def test_pay_quartiles_of_the_latest_year_need_no_year_of_their_own():
    rows = BASE + [(2021, "29-2072", "p25", 38000), (2021, "29-2072", "p75", 57000)]
    assert words.pay_answer(insight.pay(wages(rows)))[1] == "The middle half earned $38,000 to $57,000."


def test_pay_needs_a_year_with_median_and_both_ends():
    with pytest.raises(insight.InShortError, match="bls_wages.csv: expected at least one year with an annual median, p10 and p90"):
        insight.pay(wages([(2021, "29-2072", "median", 46660), (2021, "29-2072", "p10", 31000)]))


def projections(rows):
    return pd.DataFrame(rows, columns=["vintage", "soc_code", "base_year", "target_year", "pct_change", "all_occupations_pct_change"])


OUTLOOKS = pd.DataFrame({"vintage": ["2016-2026", "2012-2022"], "printed_pct": [13.0, 22.0]})
WORDING = pd.DataFrame({"edition": ["2014-15", "2016-17"], "projection_start": [2012, 2014], "projection_end": [2022, 2024],
                        "pct_change": [22, 15], "all_occupations_pct_change": [10.8, 6.5],
                        "handbook_wording": ["much faster than the average", "much faster than average"],
                        "source": ["a Handbook edition", "a Handbook edition"], "status": ["read in a test", "read in a test"],
                        "source_key": ["bls_ooh_growth_wording.csv#edition=2014-15", "bls_ooh_growth_wording.csv#edition=2016-17"]})


def test_growth_above_the_average_without_a_handbook_word():
    g = insight.growth(projections([("2012-2022", "29-2071", 2012, 2022, 22.0, 10.8), ("2024-2034", "29-2072", 2024, 2034, 7.1, 3.1)]),
                       OUTLOOKS, WORDING)
    assert g == Growth(2024, 2034, "29-2072", 7.1, 3.1, None, ((2012, 2022, 22.0), (2016, 2026, 13.0)))
    assert words.growth_answer(g) == [
        f"BLS projects jobs for {NAME} (code 29-2072) to grow 7.1% from 2024 to 2034, above the 3.1% average for all occupations.",
        "The guides quote two older outlooks: 22% for 2012–2022 and 13% for 2016–2026."]


def test_growth_below_the_average():
    g = insight.growth(projections([("2024-2034", "29-2072", 2024, 2034, 2.0, 3.1)]), OUTLOOKS.iloc[:0])
    assert words.growth_answer(g) == [f"BLS projects jobs for {NAME} (code 29-2072) to grow 2% from 2024 to 2034, "
                                      "below the 3.1% average for all occupations."]


def test_growth_falling_says_shrink_from_the_sign():
    g = insight.growth(projections([("2024-2034", "29-2072", 2024, 2034, -4.5, 3.1)]), OUTLOOKS.iloc[:1])
    first, second = words.growth_answer(g)
    assert "to shrink 4.5% from 2024 to 2034, below the 3.1% average" in first
    assert second == "The guides quote one older outlook: 13% for 2016–2026."


def test_growth_in_the_handbooks_words_where_the_data_hold_them():
    g = insight.growth(projections([("2014-2024", "29-2071", 2014, 2024, 15.4, 6.5)]), OUTLOOKS, WORDING)
    assert g.handbook_word == "much faster than average"
    first, second = words.growth_answer(g)
    assert first.endswith("to grow 15.4% from 2014 to 2024, against 6.5% for all occupations: “much faster than average”, "
                          "in the Handbook's words.")
    assert second.startswith("The guides quote two outlooks:")  # 2016-2026 is not older than 2014-2024


def test_growth_without_an_average_states_only_the_projection():
    g = insight.growth(projections([("2010-2020", "29-2071", 2010, 2020, 21.0, None)]), OUTLOOKS.iloc[:0])
    assert g.average_pct is None
    assert words.growth_answer(g) == [f"BLS projects jobs for {NAME} (code 29-2071) to grow 21% from 2010 to 2020."]


def test_growth_needs_an_outlook():
    with pytest.raises(insight.InShortError, match="bls_projections.csv"):
        insight.growth(projections([("2024-2034", "29-2072", 2024, 2034, None, 3.1)]), OUTLOOKS)


EDITIONS = pd.DataFrame({"edition": ["2022-23", "2008-09"], "typical_entry_education": ["postsecondary nondegree award", "associate's degree"]})
PATHS = pd.DataFrame({"route": ["associate_degree", "bachelor_degree", "postsecondary_certificate", "certification_rhit"],
                      "route_label": ["Associate's degree", "Bachelor's degree", "Postsecondary certificate", "Certification: RHIT"],
                      "guides": [3, 2, 3, 1], "stances": ["alternative|typical", "for_advancement", "required|typical", "preferred"]})
COSTS = pd.DataFrame({"measure": ["tuition_and_fees", "tuition_and_fees", "tuition_and_fees", "program_length", "program_length"],
                      "group": ["public two-year college (in-district)", "public four-year college (in-state)",
                                "public four-year college (in-state)", "medical coding certificate", "associate's degree (full-time)"],
                      "value_min": [3560.0, 9670.0, 9970.0, 9.0, 24.0], "value_max": [3560.0, 9670.0, 9970.0, 12.0, 24.0],
                      "period": ["2017-18", "2016-17", "2017-18", None, None]})


def test_entry_takes_the_latest_edition_and_each_named_route_with_published_length_and_tuition():
    e = insight.entry(EDITIONS, PATHS, COSTS)
    assert e == Entry("2022-23", "postsecondary nondegree award", (
        Route("Postsecondary certificate", (9.0, 12.0), 3560.0, "2017-18", False),
        Route("Associate's degree", (24.0, 24.0), 3560.0, "2017-18", False),
        Route("Bachelor's degree", None, 9970.0, "2017-18", True)))
    assert words.entry_answer(e) == [
        "The latest Handbook edition in the data (2022-23) names a postsecondary nondegree award as the typical way in.",
        "Routes the guides name, with typical length and published yearly tuition (2017-18): postsecondary certificate, 9–12 months, $3,560; "
        "associate's degree, 24 months, $3,560; bachelor's degree (to move up), $9,970."]


def test_entry_with_an_older_edition_an_article_that_agrees_and_tuition_of_several_years():
    e = insight.entry(EDITIONS.iloc[1:], PATHS[PATHS["route"] == "bachelor_degree"], COSTS.iloc[[1]])
    first, second = words.entry_answer(Entry(e.edition, e.typical, e.routes + (Route("Associate's degree", None, 3560.0, "2017-18", False),)))
    assert first.startswith("The latest Handbook edition in the data (2008-09) names an associate's degree")
    assert second == "Routes the guides name, with typical length and published yearly tuition: bachelor's degree (to move up), $9,670 (2016-17); " \
                     "associate's degree, $3,560 (2017-18)."


def claims(verdicts, prints_year=None):
    ids = [f"C{i:03d}" for i in range(1, len(verdicts) + 1)]
    return pd.DataFrame({"claim_id": ids, "verdict": verdicts, "prints_year": prints_year or [pd.NA] * len(verdicts)})


GUIDE_CLAIMS = pd.DataFrame({"claim_id": ["C001", "C002", "C003"], "figure_ids": ["F1", "F2;F3", None]})
PROVENANCE = pd.DataFrame({"figure_id": ["F1", "F1", "F2", "F3"], "part": ["low", "high", None, None],
                           "bls_statistic": ["p10", "p90", "mean", "median"]})


def test_trust_counts_the_kinds_of_error_with_percentile_ranges_told_apart():
    table = claims(["mislabelled", "mislabelled", "overstated", "matches_record", "rounded", "not_checkable", "partly_supported"],
                   [False, False, True, pd.NA, False, pd.NA, pd.NA])
    t = insight.trust(table, GUIDE_CLAIMS, PROVENANCE)
    assert (t.claims, t.checkable, t.agreeing, t.partly, t.disagreeing, t.undated) == (7, 6, 2, 1, 3, 3)
    # C001's range ends are p10 and p90; C002 is mislabelled another way; C003 overstated: a three-way tie, in the fixed order
    assert t.error_kinds == (("percentile_range", 1), ("mislabelled", 1), ("overstated", 1))
    first, second = words.trust_answer(t)
    assert first == "Of 6 claims that can be checked, 2 agree with the BLS record, 1 partly and 3 do not; 1 more cannot be checked."
    assert second.startswith("The most common errors are a pay range whose ends are really the 10th and 90th percentiles, "
                             "a figure with the wrong year or statistic and an overstatement (1 each of those 3); 3 claims give no year")


def test_trust_names_the_single_most_common_error():
    t = Trust(10, 8, 4, 0, 4, (("outdated", 3), ("overstated", 1)), 1)
    assert words.trust_answer(t) == ["Of 8 claims that can be checked, 4 agree with the BLS record and 4 do not; 2 more cannot be checked.",
                                     "The most common error is a figure out of date for its time (3 of those 4); 1 claim gives no year for its figures."]


def test_trust_when_nothing_is_wrong():
    t = Trust(3, 3, 3, 0, 0, (), 0)
    assert words.trust_answer(t) == ["Of 3 claims that can be checked, 3 agree with the BLS record.", "None is wrong as printed."]


def test_every_answer_is_at_most_two_sentences_on_the_real_tables():
    found = insight.facts()
    for key in insight.QUESTIONS:
        assert 1 <= len(words.ANSWERS[key](found[key])) <= 2, key


def test_words_helpers_of_in_short():
    assert words.article("associate's degree") == "an" and words.article("postsecondary award") == "a"
    assert words.period((2012, 2022)) == "2012–2022" and words.period("2016-2026") == "2016–2026"


def test_every_route_the_guides_name_finds_its_published_rows_in_the_real_tables():
    """The route -> published row mapping of mrt.insight names groups that exist in education_costs_and_pay.csv."""
    found = insight.facts()["entry"]
    routes = {r.label: r for r in found.routes}
    assert set(routes) == {"Postsecondary certificate", "Associate's degree", "Bachelor's degree"}
    assert all(r.tuition_usd_per_year is not None for r in routes.values())
    assert routes["Postsecondary certificate"].months is not None and routes["Associate's degree"].months is not None
    assert routes["Bachelor's degree"].to_move_up and not routes["Associate's degree"].to_move_up


def test_the_handbook_word_table_is_used_when_present(tmp_path, monkeypatch):
    """With bls_ooh_growth_wording.csv beside the other tables, an outlook it covers is told in the Handbook's word."""
    import shutil

    from mrt import paths

    for name in ("bls_wages.csv", "bls_projections.csv", "guide_outlooks.csv", "bls_ooh_editions.csv", "education_paths.csv",
                 "education_costs_and_pay.csv", "claims.csv", "guide_claims.csv", "wage_provenance.csv"):
        shutil.copy(paths.processed(name), tmp_path / name)
    monkeypatch.setenv(paths.PROCESSED_ENV, str(tmp_path))
    assert insight.tables()[insight.GROWTH_WORDING] is None
    WORDING.assign(projection_start=[2012, 2024], projection_end=[2022, 2034]).to_csv(tmp_path / insight.GROWTH_WORDING, index=False)
    assert insight.facts()["growth"].handbook_word == "much faster than average"
