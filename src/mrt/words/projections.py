"""Notebook 03-projections' sentences: the outlook, and what the outlook page lacks for a partial occupation (the rules:
:mod:`mrt.words`)."""

from __future__ import annotations

from mrt import growth, report
from mrt.words.common import comparison, count_word, counted, direction, names, period
from mrt.words.salaries import not_available_sentence


# 03-projections: the outlook --------------------------------------------------------------------------------------------

BAND_WORDS = {"much_faster": "much faster than average", "faster": "faster than average", "about_as_fast": "about as fast as average",
              "more_slowly": "more slowly than average", "little_or_no_change": "little or no change", "decline": "a decline"}
GROWTH_WORD_VERDICTS = {"supported": "the guide's word matches it", "overstated": "the guide's word overstates it",
                        "understated": "the guide's word understates it",
                        "contradicted": "the guide's word puts the growth on the wrong side of the average",
                        "cannot_tell": "we cannot tell"}


GROWTH_WORD_LABELS = {"supported": "matches", "overstated": "overstates", "understated": "understates",
                      "contradicted": "wrong side of the average", "cannot_tell": "cannot tell"}  # short, for tables


def printed_or_implied(basis: str) -> str:
    """Where a figure of an outlook comes from, for a table: ``"printed (003_….txt#L3)"`` -> ``"printed (guide 003, line 3)"``;
    ``"implied: base x percent"`` -> ``"implied: base × percent"``."""
    text = str(basis)
    if text.startswith("printed (") and text.endswith(")"):
        return f"printed ({report.guide_line(text[len('printed ('):-1])})"
    return text.replace(" x ", " × ")




def points_text(change: float) -> str:
    """A difference of percents for readers, without its sign and without a decimal it does not have: ``-8.5`` ->
    ``"8.5 points"``, ``9.0`` -> ``"9 points"``, ``1`` -> ``"1 point"``."""
    size = report.percent_as_published(abs(float(change))).removesuffix("%")
    return f"{size} point" + ("" if size == "1" else "s")


def about_times(ratio: float) -> str:
    """A ratio of published percents, to the one decimal their rounding supports: ``2.037`` -> ``"about 2.0 times"``."""
    return f"about {float(ratio):.1f} times"


def times_range(low: float, high: float) -> str:
    """``(1.5, 1.8)`` -> ``"1.5–1.8 times"``; one value when both ends round alike (``"2.0 times"``)."""
    a, b = f"{float(low):.1f}", f"{float(high):.1f}"
    return f"{a} times" if a == b else f"{a}–{b} times"


def lead_over_average(ratio_before: float, ratio_after: float) -> str:
    """What happened to the occupation's place against the average, from its two ratios to it (1 = the average):
    ``(2.04, 1.82)`` -> ``"it stayed above the average and its lead narrowed"``."""
    side_before, side_after = comparison(ratio_before, 1), comparison(ratio_after, 1)
    if side_before != side_after:
        return f"it moved from {side_before} the average to {side_after} it"
    if side_after == "equal to":
        return "it stayed at the average"
    word = "lead" if side_after == "above" else "shortfall"
    up, down = ("widened", "narrowed") if side_after == "above" else ("narrowed", "widened")
    return f"it stayed {side_after} the average and its {word} {direction(ratio_after - ratio_before, up, down, 'held steady')}"


def outlook_vs_average(name: str, earlier: str, later: str, pct_before: float, pct_after: float, average_before: float,
                       average_after: float) -> str:
    """The key outlook finding: the occupation's projected growth and the all-occupations average between two outlooks,
    each change in points with its direction, then the occupation against the average ("about 2.0 times")."""
    change, average_change = float(pct_after) - float(pct_before), float(average_after) - float(average_before)
    moved = direction(change)
    first = (f"BLS's projected growth for {name} {moved} " + (
        f"from {report.percent_as_published(pct_before)} ({period(earlier)}) to {report.percent_as_published(pct_after)} "
        f"({period(later)}), {points_text(change)}" if change else
        f"from {period(earlier)} to {period(later)}, at {report.percent_as_published(pct_after)}"))
    average = direction(average_change) + (f" {points_text(average_change)}" if average_change else "")
    ratio_before, ratio_after = float(pct_before) / float(average_before), float(pct_after) / float(average_after)
    times = (f"at {about_times(ratio_after)} the average both times" if about_times(ratio_before) == about_times(ratio_after)
             else f"from {about_times(ratio_before)} to {about_times(ratio_after)}")
    lead = lead_over_average(ratio_before, ratio_after)
    return f"{first}; the all-occupations average {average}. {lead[0].upper()}{lead[1:]}, {times}."


def rounding_range(pct_as_printed: str, change_as_printed: str, low: int, high: int, bls_base: float, point: int) -> str:
    """What two rounded figures allow: every base-year count from ``low`` to ``high``, and whether BLS's own is among them."""
    inside = "inside" if low <= float(bls_base) <= high else "outside"
    return (f"The guide's {pct_as_printed} and {change_as_printed} new jobs fit any starting count from "
            f"{report.number(low)} to {report.number(high)}; BLS's {report.number(bls_base)} is {inside}. "
            f"Dividing one by the other ({report.number(point)}) looks more exact than it is.")


MAX_LISTED_MISSES = 1  # more exceptions than this are summed up by the largest one, so the sentence stays short


def _misses(exceptions) -> str:
    """The checks outside the tolerance, grouped by outlook: "2014–2024 in 2016 (+6.3%) and 2018 (+7.9%)"; when there are
    more than MAX_LISTED_MISSES, how many and the largest."""
    if len(exceptions) > MAX_LISTED_MISSES:
        worst = exceptions.iloc[exceptions["difference_pct"].abs().argmax()]
        return (f"the largest of {count_word(len(exceptions))} misses was {report.percent(worst['difference_pct'], 1, signed=True)} "
                f"({period(worst['vintage'])}, in {int(worst['year'])})")
    by_outlook = {}
    for r in exceptions.itertuples(index=False):
        by_outlook.setdefault(r.vintage, []).append(f"{int(r.year)} ({report.percent(r.difference_pct, 1, signed=True)})")
    return "the exceptions: " + "; ".join(f"{period(v)} in {report.listing(years)}" for v, years in by_outlook.items())


def outcome_within(pairs, tolerance_pct: float) -> str:
    """How many like-for-like checks landed within ± ``tolerance_pct`` of the projected path, naming the exceptions
    (``pairs``: vintage, year, difference_pct), against the path to each projection (BLS projects only the target year)."""
    within = [growth.within_tolerance(d, tolerance_pct) for d in pairs["difference_pct"]]
    n, k = len(within), sum(within)
    if n == 0:
        raise ValueError("no like-for-like check to report")
    exceptions = growth.outcome_exceptions(pairs, tolerance_pct).sort_values(["vintage", "year"])
    how_many = "in all" if k == n else "in none of" if k == 0 else f"in {k} of"
    checks = ("the one check" if k else "no check; there was one") if n == 1 else f"{how_many} {counted(n, 'check', spell=False)}"
    first = (f"Later BLS counts of the same jobs came within ±{report.percent_as_published(tolerance_pct)} of the path to each earlier "
             f"projection {'in ' if n == 1 else ''}{checks}" + (f"; {_misses(exceptions)}." if 0 < k < n else "."))
    return first  # "the path to" says what is compared: BLS projects the final year, the years between are on a steady path


def signed_span(low: float, high: float) -> str:
    """Signed percents to one decimal, from ``low`` to ``high``; one value when they are the same: ``(-17.4, 54.2)`` ->
    ``"-17.4% to +54.2%"``; ``(1.5, 1.5)`` -> ``"+1.5%"``."""
    a, b = report.percent(low, 1, signed=True), report.percent(high, 1, signed=True)
    return a if a == b else f"{a} to {b}"


def paths_side(differences) -> str:
    """Where one measured count stands against the earlier paths to it (measured relative to each path, in percent), from
    the signs: "above all four earlier paths (+1.9% to +7.9%)"; one path: "below the one earlier path (-2.0%)"."""
    values = [float(d) for d in differences]
    if not values:
        raise ValueError("no earlier path to compare with")
    if len(values) == 1:
        return f"{direction(values[0], 'above', 'below', 'on')} the one earlier path ({signed_span(values[0], values[0])})"
    side = "above all" if min(values) > 0 else "below all" if max(values) < 0 else "between the"
    return f"{side} {count_word(len(values))} earlier paths ({signed_span(min(values), max(values))})"


def growth_word_finding(row) -> str:
    """One guide's growth word against the Handbook's own word for the same outlook (a row of growth_wording.csv):
    the verdict first; where the edition was not found, the ratios the editions found gave each word."""
    said = f"One guide called {report.percent_as_published(row.printed_pct)} growth over {period(row.vintage)} “{row.words}”"
    if row.verdict == "contradicted":
        return f"{said}, but that is {about_times(row.ratio)} the average, so {GROWTH_WORD_VERDICTS['contradicted']}."
    if report._missing(row.handbook_wording):
        return f"{said}; the Handbook's word for that outlook was not found, so {GROWTH_WORD_VERDICTS['cannot_tell']}."
    return f"{said}; the Handbook said “{row.handbook_wording}” for that outlook, so {GROWTH_WORD_VERDICTS[row.verdict]}."


def outlooks_trend(name: str, first: str, last: str, first_pct: float, last_pct: float, ratios) -> str:
    """Projected growth across the outlooks of one code, from the first to the last, direction from the sign, with the
    range of its ratios to the average where any is known: "projected growth of X fell from 21% in the 2010–2020 outlook to
    10.7% in 2018–2028, at 1.8–2.4 times the average of each outlook"."""
    known = [float(r) for r in ratios if not report._missing(r)]
    moved = direction(float(last_pct) - float(first_pct))
    times = f", at {times_range(min(known), max(known))} the average of each outlook" if known else ""
    if first == last:
        return f"projected growth of {name} was {report.percent_as_published(first_pct)} in the {period(first)} outlook{times}"
    return (f"projected growth of {name} {moved} from {report.percent_as_published(first_pct)} in the {period(first)} outlook to "
            f"{report.percent_as_published(last_pct)} in {period(last)}{times}")


NO_GROWTH_WORDS_NOTE = "No guide puts the outlook's growth in words such as “faster than average”, so there is no growth word to judge."


def exercise_skipped(missing_note: str) -> str:
    """An exercise this occupation's data cannot pose: it says why and that it is skipped."""
    return f"*This exercise is skipped for these data: {missing_note[0].lower()}{missing_note[1:]}*"


def model_answer_for(what: str) -> str:
    """After a model answer written for the project's own guides, when the data computed beside it differ."""
    return (f"*The model answer above was written for the project's own guides ({what}); it does not describe these data, "
            "so this exercise is skipped.*")


def no_fall_note(points: float) -> str:
    """Exercises about the fall of the guides' percent, when it did not fall (direction from the sign); empty when it fell."""
    if float(points) < 0:
        return ""
    return f"The guides' percent {direction(points)} between the two outlooks they quote, so there is no fall to measure."


def no_threshold_note(much_faster_claims: int, rule_known: bool) -> str:
    """The threshold exercise needs a guide's "much faster" and a ratio rule from the Handbook's bands; empty with both."""
    if not much_faster_claims:
        return "No guide calls the growth “much faster than average”, so there is no such word to test."
    if not rule_known:
        return ("No Handbook edition in our data has both its bands in percent and the all-occupations percent, so no ratio rule "
                "can be derived.")
    return ""


def no_outlook_four_years_on(earlier: str | None, missing: bool) -> str:
    """The path exercise needs an outlook starting four years after the earliest quoted one; empty when there is one."""
    if earlier is None or not missing:
        return ""
    return f"No outlook in our data starts four years after {period(earlier)}, so there is no measured base to read the path against."


# What the outlook page lacks (a partial occupation): one plain note each, for the page and for ``run.py check``.

NO_HANDBOOK_WORD_NOTE = "No Handbook edition's own growth word is in our data, so the guides' growth words cannot be judged by it."


def quoted_outlooks_note(quoted: list[str]) -> str:
    """Fewer than two outlooks quoted by the guides: what cannot be computed; empty from two on."""
    if len(quoted) >= 2:
        return ""
    if not quoted:
        return "No guide prints a projected growth, so no outlook the guides quote can be set beside BLS's."
    return (f"The guides quote {counted(1, 'outlook')} ({period(quoted[0])}), so how their percent changed between two outlooks "
            "cannot be computed.")


def no_jobs_note(vintage: str) -> str:
    """A quoted outlook with neither its base-year employment nor its number of new jobs printed."""
    return f"No base-year employment or number of new jobs is printed for {period(vintage)}, so its new jobs cannot be implied."


def no_rounding_note(vintage: str) -> str:
    """The latest quoted outlook without a printed number of new jobs: the rounding section needs one."""
    return f"No number of new jobs is printed for {period(vintage)}, so the rounding interval cannot be computed."


def no_average_note(vintage: str) -> str:
    """A quoted outlook without the all-occupations percent of the same outlook."""
    return f"No all-occupations percent for {period(vintage)} is in our data, so that outlook cannot be set against the average."


def no_like_for_like_note(code: str) -> str:
    """No outlook of the reference code starts inside an earlier one's span: nothing to check like for like."""
    return (f"No outlook of code {code} starts inside an earlier one's ten years, so no projection can be checked like for "
            "like.")


def projection_notes(gaps: dict, code: str) -> list[tuple[str, str]]:
    """The notes of :func:`mrt.growth.outlook_gaps`, each with the raw file it is about."""
    notes = [("guide_figures.csv", quoted_outlooks_note(gaps["quoted"]))]
    notes += [("guide_figures.csv", no_jobs_note(v)) for v in gaps["no_change"]]
    if gaps["quoted"] and not gaps["latest_change_printed"]:
        notes.append(("guide_figures.csv", no_rounding_note(gaps["quoted"][-1])))
    notes += [("bls_employment_projections.csv", no_average_note(v)) for v in gaps["no_average"]]
    if gaps["no_handbook_word"]:
        notes.append(("bls_ooh_growth_wording.csv", NO_HANDBOOK_WORD_NOTE))
    if not gaps["like_for_like"]:
        notes.append(("bls_employment_projections.csv", no_like_for_like_note(code)))
    return [(name, note) for name, note in notes if note]


def projection_table_notes(tables: dict) -> list[tuple[str, str]]:
    """What the processed tables lack that the outlook page can do without, one plain note each with its raw file, for
    ``run.py check``. A quoted outlook missing from BLS's table is an error of the folder, not a note: none is given."""
    try:
        outlooks = growth.guide_outlooks(tables["figures.csv"], tables["bls_projections.csv"])
    except ValueError:
        return []
    gaps = growth.outlook_gaps(outlooks, tables["bls_projections.csv"], tables["guide_claims.csv"],
                               tables["bls_ooh_growth_wording.csv"])
    return projection_notes(gaps, names().reference_soc_code)


PROJECTION_FINDINGS_NOT_AVAILABLE = {  # finding id -> what it would say, for a partial occupation
    "projections.outlook_change": "How BLS's projected growth for {name} changed between the outlooks the guides quote",
    "projections.rounding_interval": "What the rounding of the guides' printed outlook hides",
    "projections.outcome_like_for_like": "How close BLS's earlier projections for {name} came, checked like for like",
}


def projection_not_available(finding_id: str, name: str, missing_note: str) -> tuple[str, str]:
    """An outlook finding the data cannot give: its statement and what is missing (the note's reason, lower case, without
    its full stop), for :func:`mrt.findings.not_available`."""
    missing = missing_note.split(", so ", 1)[0].rstrip(".")
    missing = missing[0].lower() + missing[1:]
    return not_available_sentence(PROJECTION_FINDINGS_NOT_AVAILABLE[finding_id].format(name=name), missing), missing
