"""Notebook 03 (and the fact-check sentences it feeds) on partial data, issue 17: what the outlook page lacks is found
from the processed tables (growth.outlook_gaps) and said in plain words (words, section 03-projections); every direction
comes from a sign, tested on both sides and in both directions, with expected sentences written out by hand."""

import pandas as pd
import pytest

from mrt import factcheck, growth, words
from mrt.occupation import COMPARABLE

from test_growth import SYNTHETIC, figures_table, projections_table
from test_words_projections import assert_readable


# Fewer than two quoted outlooks, no printed jobs -------------------------------------------------------------

@pytest.mark.parametrize("quoted, text", [
    ([], "No guide prints a projected growth, so no outlook the guides quote can be set beside BLS's."),
    (["2018-2028"], "The guides quote one outlook (2018–2028), so how their percent changed between two outlooks cannot be computed."),
    (["2014-2024", "2018-2028"], ""),
    (["2010-2020", "2014-2024", "2018-2028"], ""),
])
def test_quoted_outlooks_note_at_zero_one_and_two(quoted, text):
    assert words.quoted_outlooks_note(quoted) == text


def test_quoted_ends_with_none_one_two_and_three_outlooks():
    frame = lambda vintages: pd.DataFrame({"vintage": vintages})  # noqa: E731
    assert growth.quoted_ends(frame([])) == (None, None)
    assert growth.quoted_ends(frame(["2018-2028"])) == (None, "2018-2028")
    assert growth.quoted_ends(frame(["2018-2028", "2014-2024"])) == ("2014-2024", "2018-2028")
    assert growth.quoted_ends(frame(["2016-2026", "2012-2022", "2014-2024"])) == ("2012-2022", "2016-2026")


def claims_table(checks):
    return pd.DataFrame({"check": list(checks)}, dtype="string")


WORDING_COLUMNS = ["edition", "projection_start", "projection_end", "pct_change", "all_occupations_pct_change", "handbook_wording",
                   "source", "status", "source_key"]


def test_outlook_gaps_from_synthetic_tables():
    """2012-2022 quoted with a printed base (the change is implied, none printed); 2016-2026 quoted with nothing but its
    percent. SYNTHETIC: 2012-2022 and 2016-2026 start inside 2010-2020's span (code A), so two outlooks can be checked
    like for like (2010-2020 and 2012-2022); the all-occupations percent is known for both quoted outlooks."""
    figs = figures_table([("projected_growth", 10, 2012, 2022, "g#L1"), ("employment", 110000, 2012, 2012, "g#L2"),
                          ("projected_growth", 10, 2016, 2026, "h#L3")])
    outlooks = growth.guide_outlooks(figs, SYNTHETIC)
    no_words = pd.DataFrame(columns=WORDING_COLUMNS)
    gaps = growth.outlook_gaps(outlooks, SYNTHETIC, claims_table(["wage", "growth_wording"]), no_words)
    assert gaps == {"quoted": ["2012-2022", "2016-2026"], "no_change": ["2016-2026"], "latest_change_printed": False, "no_average": [],
                    "no_handbook_word": True, "like_for_like": 2}
    assert words.projection_notes(gaps, "A") == [
        ("guide_figures.csv", "No base-year employment or number of new jobs is printed for 2016–2026, so its new jobs cannot be implied."),
        ("guide_figures.csv", "No number of new jobs is printed for 2016–2026, so the rounding interval cannot be computed."),
        ("bls_ooh_growth_wording.csv", words.NO_HANDBOOK_WORD_NOTE)]
    # no growth-word claim: no Handbook word is needed
    assert growth.outlook_gaps(outlooks, SYNTHETIC, claims_table(["wage"]), no_words)["no_handbook_word"] is False


def test_outlook_gaps_when_the_change_is_printed_and_nothing_overlaps():
    """One quoted outlook printing its change (so the rounding section can run); each outlook of code A starts after the
    last one ends, so nothing is checked like for like; its all-occupations percent is missing."""
    projections = projections_table([("2010-2020", "A", "yes", 100.0, 121.0, 21.0, 21.0, None),
                                     ("2021-2031", "A", "yes", 130.0, 140.0, 10.0, 7.7, None)])
    figs = figures_table([("projected_growth", 21, 2010, 2020, "g#L1"), ("projected_change", 21000, 2010, 2020, "g#L1")])
    outlooks = growth.guide_outlooks(figs, projections)
    gaps = growth.outlook_gaps(outlooks, projections, claims_table([]), pd.DataFrame(columns=WORDING_COLUMNS))
    assert gaps == {"quoted": ["2010-2020"], "no_change": [], "latest_change_printed": True, "no_average": ["2010-2020"],
                    "no_handbook_word": False, "like_for_like": 0}
    assert [n for _, n in words.projection_notes(gaps, "A")] == [
        "The guides quote one outlook (2010–2020), so how their percent changed between two outlooks cannot be computed.",
        "No all-occupations percent for 2010–2020 is in our data, so that outlook cannot be set against the average.",
        "No outlook of code A starts inside an earlier one's ten years, so no projection can be checked like for like."]


def test_an_outlook_starting_in_an_earlier_ones_target_year_counts_like_for_like():
    # 2020-2030 starts in 2010-2020's last year: its base measures that outlook's end, as outcome_pairs counts it
    projections = projections_table([("2010-2020", "A", "yes", 100.0, 121.0, 21.0, 21.0, None),
                                     ("2020-2030", "A", "yes", 130.0, 140.0, 10.0, 7.7, None)])
    outlooks = growth.guide_outlooks(figures_table([("projected_growth", 21, 2010, 2020, "g#L1")]), projections)
    assert growth.outlook_gaps(outlooks, projections, claims_table([]), pd.DataFrame(columns=WORDING_COLUMNS))["like_for_like"] == 1


def test_no_quoted_outlook_gives_one_note_and_an_empty_table_with_its_columns():
    outlooks = growth.guide_outlooks(figures_table([("employment", 5, 2013, 2013, "g#L2")]), SYNTHETIC)
    assert outlooks.empty and list(outlooks.columns) == growth.OUTLOOK_COLUMNS
    gaps = growth.outlook_gaps(outlooks, SYNTHETIC, claims_table([]), pd.DataFrame(columns=WORDING_COLUMNS))
    assert [n for _, n in words.projection_notes(gaps, "A")] == [words.quoted_outlooks_note([])]


def test_projection_not_available_states_what_is_missing():
    statement, missing = words.projection_not_available("projections.rounding_interval", "sorters",
                                                        words.no_rounding_note("2018-2028"))
    assert missing == "no number of new jobs is printed for 2018–2028"
    assert statement == "What the rounding of the guides' printed outlook hides is not available: no number of new jobs is printed for 2018–2028."
    statement, missing = words.projection_not_available("projections.outlook_change", "sorters", words.quoted_outlooks_note(["2018-2028"]))
    assert statement == ("How BLS's projected growth for sorters changed between the outlooks the guides quote is not available: "
                         "the guides quote one outlook (2018–2028).")


def test_finding_keys_are_unique_when_guides_share_a_word():
    assert growth.finding_keys(["much_faster", "faster"]) == ["much_faster", "faster"]  # the project's own ids stay
    assert growth.finding_keys(["faster", "much_faster", "faster"]) == ["faster_1", "much_faster", "faster_2"]
    assert growth.finding_keys([]) == []


def test_wording_tables_without_growth_word_claims_keep_their_columns():
    figs = figures_table([("projected_growth", 10, 2012, 2022, "g#L1")])
    no_claims = pd.DataFrame({"check": [], "figure_ids": [], "as_printed": [], "source_key": []}, dtype="string")
    assert list(growth.wording_table(no_claims, figs, SYNTHETIC, pd.DataFrame(columns=WORDING_COLUMNS)).columns) == growth.WORDING_TABLE_COLUMNS
    rule = growth.Rule("percent", "e", (("much_faster", 20.0), ("faster", 14.0)))
    assert list(growth.rule_wording_table(no_claims, figs, SYNTHETIC, rule).columns) == growth.RULE_TABLE_COLUMNS


def test_outcome_pairs_without_any_later_measurement_have_the_columns_and_no_rows():
    projections = projections_table([("2010-2020", "A", "yes", 100.0, 121.0, 21.0, 21.0, 10.0)])
    vintages = growth.vintage_table(projections)
    employment = pd.DataFrame({"year": [2030], "employment_persons": [1.0], "soc_code": ["A"], COMPARABLE: ["yes"], "source_key": ["o"]})
    pairs = growth.outcome_pairs(vintages, employment)
    assert pairs.empty and list(pairs.columns) == growth.OUTCOME_COLUMNS


# Directions from signs, in both directions ---------------------------------------------------------------------

def test_the_key_outlook_sentence_follows_a_rise_as_well_as_a_fall():
    """The reversed practice data: 9% (average 6.5%) then 12% (average 5.2%): up 3 points, the average down 1.3;
    9 / 6.5 = 1.38 -> 12 / 5.2 = 2.31, so the lead widened."""
    rose = words.outlook_vs_average("sorters", "2014-2024", "2018-2028", 9, 12, 6.5, 5.2)
    assert rose == ("BLS's projected growth for sorters rose from 9% (2014–2024) to 12% (2018–2028), 3 points; the all-occupations "
                    "average fell 1.3 points. It stayed above the average and its lead widened, from about 1.4 times to about 2.3 times.")
    fell = words.outlook_vs_average("sorters", "2014-2024", "2018-2028", 12, 9, 5.2, 6.5)
    assert fell == ("BLS's projected growth for sorters fell from 12% (2014–2024) to 9% (2018–2028), 3 points; the all-occupations "
                    "average rose 1.3 points. It stayed above the average and its lead narrowed, from about 2.3 times to about 1.4 times.")
    assert_readable(rose)
    assert_readable(fell)


@pytest.mark.parametrize("first_pct, last_pct, moved", [(12, 9, "fell"), (9, 12, "rose"), (9, 9, "did not change")])
def test_outlooks_trend_direction_from_the_sign(first_pct, last_pct, moved):
    text = words.outlooks_trend("sorters", "2014-2024", "2018-2028", first_pct, last_pct, [1.846, 1.731])
    assert text == (f"projected growth of sorters {moved} from {first_pct}% in the 2014–2024 outlook to {last_pct}% in 2018–2028, "
                    "at 1.7–1.8 times the average of each outlook")


def test_outlooks_trend_with_one_outlook_or_no_known_average():
    assert words.outlooks_trend("sorters", "2018-2028", "2018-2028", 9, 9, [1.731]) == (
        "projected growth of sorters was 9% in the 2018–2028 outlook, at 1.7 times the average of each outlook")
    assert words.outlooks_trend("sorters", "2014-2024", "2018-2028", 12, 9, [None, float("nan")]) == (
        "projected growth of sorters fell from 12% in the 2014–2024 outlook to 9% in 2018–2028")


@pytest.mark.parametrize("points, text", [
    (-9.0, ""), (-0.1, ""),
    (0.0, "The guides' percent did not change between the two outlooks they quote, so there is no fall to measure."),
    (0.1, "The guides' percent rose between the two outlooks they quote, so there is no fall to measure."),
    (3.0, "The guides' percent rose between the two outlooks they quote, so there is no fall to measure."),
])
def test_no_fall_note_on_both_sides_of_zero(points, text):
    assert words.no_fall_note(points) == text


@pytest.mark.parametrize("differences, text", [
    ([2.9], "above the one earlier path (+2.9%)"),
    ([-2.0], "below the one earlier path (-2.0%)"),
    ([0.0], "on the one earlier path (+0.0%)"),
    ([1.9, 7.9, 4.0, 2.2], "above all four earlier paths (+1.9% to +7.9%)"),
    ([-1.9, -7.9], "below all two earlier paths (-7.9% to -1.9%)"),
    ([-1.0, 2.0, 0.5], "between the three earlier paths (-1.0% to +2.0%)"),
    ([0.0, 2.0], "between the two earlier paths (+0.0% to +2.0%)"),  # at zero a path is not below the count
])
def test_paths_side_from_the_signs(differences, text):
    assert words.paths_side(differences) == text


def test_signed_span_one_value_or_two():
    assert words.signed_span(-17.4, 54.2) == "-17.4% to +54.2%"
    assert words.signed_span(1.5, 1.5) == "+1.5%"
    assert words.signed_span(-3.3, -3.3) == "-3.3%"


@pytest.mark.parametrize("diffs, text", [
    ([2.9], "Later BLS counts of the same jobs came within ±3% of the path to each earlier projection in the one check."),
    ([3.1], "Later BLS counts of the same jobs came within ±3% of the path to each earlier projection in no check; there was one."),
    ([1.0, 2.0], "Later BLS counts of the same jobs came within ±3% of the path to each earlier projection in all 2 checks."),
])
def test_outcome_within_with_one_check(diffs, text):
    pairs = pd.DataFrame({"vintage": ["2014-2024"] * len(diffs), "year": list(range(2016, 2016 + len(diffs))), "difference_pct": diffs})
    assert words.outcome_within(pairs, 3.0) == text


# Exercises the data cannot pose -----------------------------------------------------------------------------------

def test_exercise_notes():
    assert words.exercise_skipped(words.no_rounding_note("2018-2028")) == (
        "*This exercise is skipped for these data: no number of new jobs is printed for 2018–2028, so the rounding interval cannot "
        "be computed.*")
    assert words.no_threshold_note(1, True) == "" and "much faster" in words.no_threshold_note(0, True)
    assert "ratio rule" in words.no_threshold_note(2, False)
    assert words.no_outlook_four_years_on("2012-2022", missing=False) == ""
    assert words.no_outlook_four_years_on(None, missing=True) == ""
    assert words.no_outlook_four_years_on("2012-2022", missing=True).startswith("No outlook in our data starts four years after 2012–2022")
    assert words.model_answer_for("guide 001, line 20").startswith("*The model answer above was written for the project's own guides")


# Fact-check page ------------------------------------------------------------------------------------------------------

def test_verdict_chart_key_names_only_the_groups_drawn():
    every = {"agrees": "blue", "partly": "orange", "disagrees": "red", "not_checkable": "grey"}
    assert words.verdict_chart_key(every) == (
        "Verdicts against the BLS record of each claim's time. Blue: agrees; orange: partly supported; red: does not hold as printed; "
        "grey, below the line: cannot be checked with our data, and left out of every share.")
    assert words.verdict_chart_key({"agrees": "blue", "disagrees": "red"}) == (
        "Verdicts against the BLS record of each claim's time. Blue: agrees; red: does not hold as printed.")


def test_guide_titles_from_guides_csv_before_sources_csv():
    sources = pd.DataFrame({"source_id": ["guide:a.txt", "guide:b.txt", "bls:x"], "kind": ["guide", "guide", "reference"],
                            "covers": ["A practice guide without a quoted title", "Career guide 'Quoted Title' (pay)", "x"]})
    guides = pd.DataFrame({"guide_file": ["a.txt"], "title": ["Title From guides.csv"]})
    assert factcheck.guide_titles(sources, guides) == {"a.txt": "Title From guides.csv", "b.txt": "Quoted Title"}
    with pytest.raises(factcheck.FactCheckError, match="sources.csv data row 1"):
        factcheck.guide_titles(sources)


def test_fact_check_sentences_with_one_guide_and_nothing_to_list():
    titles = {"a.txt": "A Guide"}
    one = pd.DataFrame({"guide_file": ["a.txt"], "date_from_figures": pd.array([2018], dtype="Int64")})
    assert words.guide_dates_text(one, titles) == "The one guide dates itself through its figures (2018)."
    undated = one.assign(date_from_figures=pd.array([None], dtype="Int64"))
    assert words.guide_dates_text(undated, titles).startswith("The one guide prints no year at all")
    two = pd.DataFrame({"guide_file": ["a.txt", "b.txt"], "date_from_figures": pd.array([2018, 2013], dtype="Int64")})
    assert words.guide_dates_text(two, titles | {"b.txt": "B"}) == "2 of the 2 guides date themselves through their figures (2018, 2013); every guide does."
    assert words.restated_text([], None).startswith("No guide prints the same pay twice")
    assert words.strict_shares_text([], titles) == "No claim changes verdict when a printed share's last digit is read as exact."
    assert words.time_frame_text([]) == "Judged against the latest record instead of their guide's date, no claim changes verdict."
    assert words.disagreements_text(pd.DataFrame({"question": []}).groupby("question")) == "No question gets answers from more than one guide."
    by_guide = pd.DataFrame({"guide_file": ["a.txt"], "agreeing": [4], "checkable": [5], "share_agreeing_pct": [80.0]})
    assert words.best_and_worst_text(by_guide, titles) == "“A Guide” (a.txt) agrees with the record in 4 of its 5 checkable claims (80%)."


def test_best_and_worst_when_every_guide_scores_the_same():
    by_guide = pd.DataFrame({"guide_file": ["a.txt", "b.txt"], "agreeing": [2, 1], "checkable": [2, 1], "share_agreeing_pct": [100.0, 100.0]})
    assert words.best_and_worst_text(by_guide, {"a.txt": "A", "b.txt": "B"}) == (
        "Every guide with checkable claims agrees with the record in the same share of them: 100%.")
    by_guide.loc[1, ["agreeing", "share_agreeing_pct"]] = [0, 0.0]
    assert words.best_and_worst_text(by_guide, {"a.txt": "A", "b.txt": "B"}).startswith("“A” (a.txt) agrees with the record in 2 of its 2")


def test_a_handbook_edition_without_its_median_is_accepted(tmp_path):
    """No notebook reads the Handbook's median (pay comes from OEWS), so an edition whose median was not found is kept, empty."""
    from mrt import clean, paths, schema

    text = (paths.DATA / "practice-partial" / "reference" / "bls_ooh_editions.csv").read_text(encoding="utf-8")
    path = tmp_path / "bls_ooh_editions.csv"
    path.write_text(text.replace(",38100,52000,", ",,52000,"), encoding="utf-8")
    editions = clean.build_bls_ooh_editions(path)
    assert editions["median_annual_usd"].isna().tolist() == [True, False]
    schema.validate(editions, "bls_ooh_editions.csv")
