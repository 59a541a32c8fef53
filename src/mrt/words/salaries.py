"""Notebook 02-salaries' sentences: pay (the rules: :mod:`mrt.words`)."""

from __future__ import annotations

from mrt import report, wages
from mrt.vocab import RANGE_PERCENTILES
from mrt.wages import describe_years
from mrt.words.common import count_word, direction, modelled_money


# 02-salaries: pay ---------------------------------------------------------------------------------------------------------


RANGE_ENDS_ARE = "BLS's 10th and 90th percentiles, not the lowest and highest pay"
MEDIAN_WORDS = "the median pay"  # the glossary beside the findings says what a median is
CURVE = "A pay curve through the 10th, 50th and 90th percentiles"
TEXTBOOK_CURVE = "A textbook pay curve through the 10th and 90th percentiles"


def reader_percent(value) -> str:
    """A computed percent for readers, without its sign: whole percents (``24.7`` -> ``"25%"``), one decimal under 1%
    (``0.34`` -> ``"0.3%"``), so that a small change does not read as none."""
    size = abs(float(value))
    return report.percent(size, 0 if size >= 0.95 else 1)


def percent_span(low, high) -> str:
    """Two computed percents as a span for readers: ``(7.6, 9.3)`` -> ``"8% to 9%"``; ``(7.6, 8.4)`` -> ``"about 8%"``."""
    low_text, high_text = reader_percent(low), reader_percent(high)
    return f"about {low_text}" if low_text == high_text else f"{low_text} to {high_text}"


def moved(change) -> str:
    """A percent change in words, its direction from its sign: ``8.3`` -> ``"rose 8%"``; ``-7`` -> ``"fell 7%"``; ``0`` ->
    ``"did not change"``."""
    word = direction(change)
    return word if float(change) == 0 else f"{word} {reader_percent(change)}"


def _share_of(part: int, whole: int) -> str:
    """``(6, 6)`` -> ``"All six"``; ``(2, 2)`` -> ``"Both"``; ``(4, 6)`` -> ``"Four of the six"``; ``(0, 6)`` -> ``"None of the six"``."""
    if part == whole == 2:
        return "Both"
    if part == whole:
        return f"All {count_word(whole)}"
    return f"{'None' if part == 0 else count_word(part).capitalize()} of the {count_word(whole)}"


def _years(first: int, last: int) -> str:
    return f"in {first}" if first == last else f"in each year {first}–{last}"


def _in_years(years) -> str:
    """``[2010, ..., 2018]`` -> ``"in each year 2010–2018"``; with a gap -> ``"in each of the years 2010-2012, 2014"``."""
    years = sorted({int(y) for y in years})
    if not years:
        raise ValueError("a sentence about years needs at least one year")
    if years == list(range(years[0], years[-1] + 1)):
        return _years(years[0], years[-1])
    return f"in each of the years {describe_years(years)}"


def range_ends_sentence(at_percentiles: int, ends: int, undated: int, undated_matched: int, undated_years: list[int],
                        checkable: int | None = None) -> str:
    """The guides' pay ranges are percentiles, and their undated figures have a year: counts and years from the provenance table.
    ``checkable`` is how many of the ``ends`` BLS can check (its table has the year's 10th or 90th percentile; all when not given)."""
    checkable = ends if checkable is None else checkable
    if 0 < checkable < ends:
        first = (f"{_share_of(at_percentiles, checkable)} pay-range ends the guides print that BLS can check "
                 f"{'are' if at_percentiles else 'is'} {RANGE_ENDS_ARE if at_percentiles else 'a BLS 10th or 90th percentile'}.")
        return f"{first} {_undated_sentence(undated, undated_matched, undated_years)}".strip()
    if ends and checkable == 0:
        none = ("The one pay-range end the guides print cannot" if ends == 1 else "Neither of the two pay-range ends the guides print can"
                if ends == 2 else f"None of the {count_word(ends)} pay-range ends the guides print can")
        first = f"{none} be checked: BLS publishes no 10th or 90th percentile for the year printed."
    elif ends == 0:
        first = "The guides print no pay range."
    elif ends == 1:
        first = ("The one pay-range end the guides print is a BLS 10th or 90th percentile, not the lowest or highest pay." if at_percentiles
                 else "The one pay-range end the guides print is not a BLS 10th or 90th percentile.")
    elif at_percentiles == 0:
        first = f"None of the {count_word(ends)} pay-range ends the guides print is a BLS 10th or 90th percentile."
    else:
        first = f"{_share_of(at_percentiles, ends)} pay-range ends the guides print are {RANGE_ENDS_ARE}."
    return f"{first} {_undated_sentence(undated, undated_matched, undated_years)}".strip()


def _undated_sentence(undated: int, undated_matched: int, undated_years: list[int]) -> str:
    if undated == 0:
        return ""
    figures = "undated national pay figure" if undated == 1 else "undated national pay figures"
    years = report.listing([f"May {y}" for y in undated_years])
    if undated_matched == 0:
        return f"{'The one' if undated == 1 else f'None of the {count_word(undated)}'} {figures} {'matches' if undated > 1 else 'matches no'} " \
               f"{'a BLS figure' if undated > 1 else 'BLS figure'}."
    elif undated_matched == undated:
        return (f"{'The one' if undated == 1 else _share_of(undated, undated)} {figures} {'is a BLS figure' if undated == 1 else 'are BLS figures'} "
                f"for {years}.")
    else:
        second = f"{_share_of(undated_matched, undated)} {figures} {'matches a BLS figure' if undated_matched == 1 else 'match BLS figures'} for {years}."
    return second


def mostly_inflation(nominal_pct: float, real_pct: float) -> bool:
    """Whether "most of the rise was inflation": a rise of which less than half is left after inflation."""
    return nominal_pct > 0 and real_pct < nominal_pct / 2


def real_rise_sentence(nominal_pct: float, real_pct: float, start: int, end: int, name: str, caveat: bool = True,
                       recent: tuple[int, int, float] | None = None) -> str:
    """How much of a pay rise was inflation: "most" when less than half of the rise is left after inflation; "outpaced" when
    pay fell after inflation; a fall before inflation said as a fall. Directions from the signs. ``caveat`` adds the one
    that matters: the change after inflation under a newer occupation code (``recent``: first year, last year, percent),
    which a reader deciding today needs, or else that BLS's yearly estimates are not designed for comparing years."""
    subject = f"{MEDIAN_WORDS} of {name}"
    span = f"from {start} to {end}"
    if nominal_pct > 0 and real_pct < 0:
        first = f"Inflation outpaced the {reader_percent(nominal_pct)} rise in {subject} {span}: after inflation it {moved(real_pct)}."
    elif mostly_inflation(nominal_pct, real_pct):
        first = f"Most of the {reader_percent(nominal_pct)} rise in {subject} {span} was inflation: after inflation it {moved(real_pct)}."
    elif nominal_pct > 0:
        first = f"{subject[0].upper()}{subject[1:]} {moved(nominal_pct)} {span}, and {moved(real_pct)} after inflation: most of the rise beat inflation."
    else:
        first = f"{subject[0].upper()}{subject[1:]} {moved(nominal_pct)} {span}, and {moved(real_pct)} after inflation."
    if not caveat:
        return first
    if recent is not None:
        return f"{first} Under the newer code, from {recent[0]} to {recent[1]}, it {moved(recent[2])} after inflation."
    return f"{first} BLS does not design these estimates for comparing years."


def hourly_annual_pairs_sentence(agree: int, pairs: int) -> str:
    """Whether the guides' hourly and yearly forms of the same pay agree within rounding, counted."""
    if pairs == 0:
        return "No guide prints the same pay both by the hour and by the year."
    noun = "pair of hourly and yearly pay the guides print" if pairs == 1 else "pairs of hourly and yearly pay the guides print"
    if agree == pairs:
        return f"{'The one' if pairs == 1 else _share_of(pairs, pairs)} {noun} {'agrees' if pairs == 1 else 'agree'}, once rounding is allowed for."
    failing = pairs - agree
    return f"{_share_of(failing, pairs) if pairs > 1 else 'The one'} {noun} {'disagrees' if failing == 1 else 'disagree'} " \
           f"by more than rounding allows."


def mean_above_median_sentence(low_pct: float, high_pct: float, years_above: int, years_below: int, years: int, first: int, last: int,
                               name: str, year_list: list[int] | None = None) -> str:
    """Average (mean) pay against the median, within one run of years of one occupation code; direction from the signs.
    ``year_list`` is the years compared, when some between ``first`` and ``last`` are missing (said as a list)."""
    in_years = _in_years(year_list) if year_list else _years(first, last)
    if years_above == years:
        return (f"{in_years[0].upper()}{in_years[1:]}, the average pay of {name} was {percent_span(low_pct, high_pct)} above "
                f"{MEDIAN_WORDS}. So a guide's \"average salary\" overstates typical pay.")
    if years_below == years:
        return (f"{in_years[0].upper()}{in_years[1:]}, the average pay of {name} was {percent_span(high_pct, low_pct)} below "
                f"{MEDIAN_WORDS}. So a guide's \"average salary\" understates typical pay.")
    below = f", and below it in {count_word(years_below)}" if years_below else ""
    return (f"The average pay of {name} was above {MEDIAN_WORDS} in {count_word(years_above)} of the {count_word(years)} years "
            f"from {first} to {last}{below}.")


def curve_median_sentence(low_pct: float, high_pct: float, checked_years) -> str:
    """How a textbook (symmetric) pay curve misses the published median in the years checked: too high or too low from the
    signs of its smallest and largest error, or both ways."""
    years = _in_years(checked_years)
    if low_pct > 0:
        return f"{TEXTBOOK_CURVE} puts the median {percent_span(low_pct, high_pct)} too high {years}. Real pay bunches lower, with a longer tail of high pay."
    if high_pct < 0:
        return f"{TEXTBOOK_CURVE} puts the median {percent_span(high_pct, low_pct)} too low {years}."
    return f"{TEXTBOOK_CURVE} misses the median by up to {reader_percent(max(-low_pct, high_pct))} {years}, in both directions."


def middle_half_sentence(year: int, p25: float, p75: float, name: str) -> str:
    """The published middle half (25th to 75th percentile) of one year, to the dollar as published."""
    return (f"The middle half of {name} earned {report.money(p25)} to {report.money(p75)} a year in {year}, the latest year "
            f"our data hold.")  # the glossary beside the findings says what the middle half is


def quartile_model_sentence(max_error_pct: float, checked_years, year: int, modelled: tuple[float, float],
                            published: tuple[float, float] | None) -> str:
    """The method check of the modelled quartiles: the largest error (percent) against the published quartiles in the years
    checked; then the guides' year, modelled (to $100) beside published."""
    first_sentence = f"{CURVE} comes within about {reader_percent(max_error_pct)} of BLS's published middle half {_in_years(checked_years)}."
    low, high = (modelled_money(v) for v in modelled)
    if published is None:
        return f"{first_sentence} For {year} it gives about {low} to {high}."
    return (f"{first_sentence} For {year}: about {low} to {high}, against BLS's "
            f"{report.money(published[0])} to {report.money(published[1])}.")


STATISTIC_NAMES = {"p10": "10th percentile", "p25": "25th percentile", "median": "median", "mean": "mean", "p75": "75th percentile",
                   "p90": "90th percentile"}
PRINTED_NAMES = {"range": "pay range", "mean": "average (mean) pay", "median": "median pay", "unspecified": "pay figure"}


def printed_name(statistic: str) -> str:
    """What a guide printed, in words, from its statistic: ``"range"`` -> ``"pay range"``; ``"range_p25_p75"`` -> ``"range from
    the 25th to the 75th percentile"``."""
    if statistic in PRINTED_NAMES:
        return PRINTED_NAMES[statistic]
    if statistic in RANGE_PERCENTILES:
        low, high = RANGE_PERCENTILES[statistic]
        return f"range from the {STATISTIC_NAMES[low]} to the {STATISTIC_NAMES[high]}".replace("percentile to the", "to the")
    raise ValueError(f"expected a pay statistic, found {statistic!r}")


def _either(statistics) -> str:
    """``["p10", "p90"]`` -> ``"10th or 90th percentile"``; ``["mean"]`` -> ``"mean"``."""
    names = [STATISTIC_NAMES[s] for s in statistics]
    if len(names) == 2 and all(n.endswith(" percentile") for n in names):
        return f"{names[0].removesuffix(' percentile')} or {names[1]}"
    return " or ".join(names)


def unpublished_note(year: int, statistics, printed: str) -> str:
    """A printed figure BLS's table cannot check, because that year's statistic is not published: ``(2019, ["p10", "p90"],
    "range")`` -> ``"No 10th or 90th percentile is published for 2019, so the pay range printed for that year cannot be
    compared."``"""
    return f"No {_either(statistics)} is published for {year}, so the {printed_name(printed)} printed for that year cannot be compared."


def unmatched_undated_note(count: int) -> str:
    """Undated pay figures that match no BLS figure: their year cannot be told."""
    if count == 0:
        return ""
    if count == 1:
        return ("One pay figure printed without a year matches no BLS figure, so its year cannot be told and it is not "
                "converted to today's dollars.")
    return (f"{count_word(count).capitalize()} pay figures printed without a year match no BLS figure, so their years cannot be "
            "told and they are not converted to today's dollars.")


def survey_gaps_note(gaps: list[int], code: str) -> str:
    """Years missing between two surveys of one occupation code: gaps, not a code change."""
    if not gaps:
        return ""

    return (f"Our BLS table has no survey for {describe_years(gaps).replace(', ', ' or ') if len(gaps) < 3 else describe_years(gaps)}: "
            f"{'a gap' if len(gaps) == 1 else 'gaps'} between surveys of the same code {code}, not a code change.")


def line_breaks_note(code_changes: int, gaps: list[int]) -> str:
    """What a chart's lines do at a change of occupation code (``code_changes`` of them: the lines break) and at years
    without a survey (``gaps``: the line runs on across them); empty when there is neither.
    ``(2, [])`` -> ``"The lines break where the occupation code changes."``; ``(0, [2017])`` -> ``"The lines run on
    across 2017, a year without a survey, not a code change."``"""
    across = ""
    if gaps:
        which = f"{' and '.join(describe_years(gaps).rsplit(', ', 1))}, {'a year' if len(gaps) == 1 else 'years'} without a survey"
        across = f"run on across {which}, not a code change" if not code_changes else f"run on across {which}"
    if code_changes:
        return "The lines break where the occupation code changes" + (f" and {across}." if across else ".")
    return f"The lines {across}." if across else ""

def missing_year_note(year: int, statistics) -> str:
    """A BLS year that lacks some of its figures, and what that year cannot show: ``(2016, ["mean"])`` -> ``"No mean is
    published for 2016, so that year's mean cannot be compared with its median."``"""
    lacking = set(statistics)
    consequences = []
    if lacking & {"mean", "median"}:
        consequences.append("that year's mean cannot be compared with its median")
    if lacking & {"p10", "p90"}:
        consequences.append("that year's range cannot be compared")
    if not consequences:
        raise ValueError(f"expected some of mean, median, p10 and p90, found {sorted(lacking)}")
    names = [STATISTIC_NAMES[s] for s in statistics]
    either = _either(statistics) if len(statistics) <= 2 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"No {either} is published for {year}, so {' and '.join(consequences)}."


def not_available_sentence(what: str, missing: str) -> str:
    """A finding the data cannot give, in plain words: ``("The middle half of pay", "no 25th or 75th percentile is
    published")`` -> ``"The middle half of pay is not available: no 25th or 75th percentile is published."``"""
    return f"{what} is not available: {missing}."


NO_BAND_CHART = ("The chart of the modelled middle half is not drawn: it shows each method with its error band, and no BLS year of "
                 "the reference code is left to build a band from.")
NO_QUARTILES_NOTE = "No 25th or 75th percentile is published in any year, so the middle half of pay can only be modelled."


def wage_table_notes(bls_wages) -> list[tuple[str, str]]:
    """What the BLS wage tables lack that the pay notebook can do without, one plain note each with the raw file it is
    about, for ``run.py check``: gaps between surveys of one code, years without some of their figures, no published
    quartiles."""
    annual = wages.bls_annual(bls_wages)
    notes = [survey_gaps_note(years, code) for code, years in wages.gaps_by_code(annual).items()]
    notes += [missing_year_note(year, lacking) for year, lacking in wages.missing_statistics(annual).items()]
    national = [("bls_oews_national.csv", note) for note in notes]
    return national + ([("bls_oews_quartiles.csv", NO_QUARTILES_NOTE)] if wages.published_quartiles(bls_wages).empty else [])


PAY_FINDINGS_NOT_AVAILABLE = {  # finding id -> (what it would say, what is missing for it), for a partial occupation
    "pay.real_median_rise": ("The change in the median pay of {name} after inflation",
                             "fewer than two years of the reference code publish a median"),
    "pay.hourly_annual_agree": ("A check of hourly against yearly pay", "no guide prints the same pay both by the hour and by the year"),
    "pay.symmetric_lognormal_overstates": ("A check of the textbook pay curve against the median",
                                           "no BLS year of the reference code publishes its 10th and 90th percentiles, median and mean together"),
    "pay.middle_half": ("The published pay of the middle half of {name}", "our BLS table has no 25th or 75th percentile"),
    "pay.quartile_model_check": ("A check of the pay curve against the published middle half", "our BLS table has no 25th or 75th percentile"),
}
NO_CURVE_YEAR = "no year's printed figures give a 10th percentile, a median and a 90th percentile together"


def pay_not_available(finding_id: str, name: str, quartiles_published: bool = False) -> tuple[str, str]:
    """A pay finding the data cannot give: its statement in plain words and what is missing, for
    :func:`mrt.findings.not_available`. With published quartiles the curve check lacks the guides' figures instead."""
    what, missing = PAY_FINDINGS_NOT_AVAILABLE[finding_id]
    if finding_id == "pay.quartile_model_check" and quartiles_published:
        missing = NO_CURVE_YEAR
    return not_available_sentence(what.format(name=name), missing), missing
