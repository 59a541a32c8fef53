"""Computed values into words: the one home of every sentence the project prints.

Notebooks, the README and the site's index call these functions; none of them types a direction, a count or an
occupation's name. The rules:

- **Directions come from signs**: :func:`direction` says "rose" or "fell" (or the words a caller gives) from the sign of
  a change, and "did not change" at zero.
- **Counts come from rows**: :func:`count_word` writes "four guides" from ``len(guides)``; :func:`counted` agrees the noun.
- **Names come from occupation.toml**: :func:`names` returns the occupation's words, so another career gets its own.
- **Rounding for readers**: modelled money to $100 (:func:`modelled_money`), chances as "about 1 in 4"
  (:func:`about_one_in`), durations to what a model supports (:func:`about_years`), ratios of whole percents with the
  interval their rounding allows (:func:`ratio_interval`).

Each notebook's own sentence-writers live in the section named for it below; generic helpers stay at the top.
Everything here is tested directly in ``tests/test_words.py``, on both sides of each threshold.
"""

from __future__ import annotations

import math

from mrt import report

# Generic helpers ----------------------------------------------------------------------------------------------------

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def direction(change, up: str = "rose", down: str = "fell", flat: str = "did not change") -> str:
    """The word for a change, from its sign: ``direction(-8.5)`` -> ``"fell"``; ``direction(2)`` -> ``"rose"``;
    ``direction(0)`` -> ``"did not change"``. A missing change is an error, not a direction."""
    if report._missing(change):
        raise ValueError("a direction needs a change; found a missing value")
    value = float(change)
    if value > 0:
        return up
    if value < 0:
        return down
    return flat


def comparison(value, reference, above: str = "above", below: str = "below", equal: str = "equal to") -> str:
    """Where ``value`` stands against ``reference``: ``comparison(13.5, 7.4)`` -> ``"above"``."""
    return direction(float(value) - float(reference), above, below, equal)


def count_word(n: int) -> str:
    """A small count in words, as a newspaper writes it: 0-10 spelled out (``4`` -> ``"four"``), larger as digits."""
    n = int(n)
    if n < 0:
        raise ValueError(f"a count cannot be negative, found {n}")
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else f"{n:,}"


def counted(n: int, singular: str, plural: str | None = None, spell: bool = True) -> str:
    """A count with the noun that agrees: ``counted(4, "guide")`` -> ``"four guides"``; ``counted(1, "guide")`` ->
    ``"one guide"``; ``counted(0, "guide")`` -> ``"no guides"``; ``spell=False`` keeps digits (``"4 guides"``)."""
    plural = plural if plural is not None else singular + "s"
    n = int(n)
    number = count_word(n) if spell else ("no" if n == 0 else f"{n:,}")
    return f"{number} {singular if n == 1 else plural}"


def names():
    """The occupation's words from occupation.toml (``name``, ``name_singular``, ``short_name``, ...)."""
    from mrt import occupation

    return occupation.current()


def modelled_money(value) -> str:
    """A modelled amount of money, to the $100 its model can support: ``147434`` -> ``"$147,400"``."""
    return report.money(value, to=100)


def about_one_in(probability: float) -> str:
    """A chance for readers: ``0.236`` -> ``"about 1 in 4"``; ``0.5`` -> ``"about 1 in 2"``; ``0.9`` -> ``"about 9 in 10"``.

    Below one half it is "1 in N" with N the nearest whole number to 1/p; from one half up it is tenths."""
    p = float(probability)
    if not 0 < p < 1:
        raise ValueError(f"a chance in words needs 0 < p < 1, found {p}")
    if p < 0.5:
        return f"about 1 in {round(1 / p)}"
    tenths = round(10 * p)
    return "about 1 in 2" if tenths == 5 else f"about {tenths} in 10"


def about_years(years: float) -> str:
    """A modelled duration to the whole year: ``10.2`` -> ``"about 10 years"``; ``0.8`` -> ``"about 1 year"``."""
    whole = max(1, round(float(years)))
    return f"about {whole} year" + ("" if whole == 1 else "s")


def ratio_interval(pct: float, reference_pct: float, pct_step: float = 1.0, reference_step: float = 0.1) -> tuple[float, float]:
    """The ratio of two published percents, as an interval their rounding allows: a 22% printed to whole percents
    (21.5-22.5) over a 10.8% printed to tenths (10.75-10.85) -> (1.98, 2.09)."""
    low = (float(pct) - pct_step / 2) / (float(reference_pct) + reference_step / 2)
    high = (float(pct) + pct_step / 2) / (float(reference_pct) - reference_step / 2)
    if not (math.isfinite(low) and math.isfinite(high)) or float(reference_pct) - reference_step / 2 <= 0:
        raise ValueError(f"a ratio interval needs a positive reference above its rounding, found {reference_pct}")
    return low, high


# 01-clean: the ledger of printed figures -------------------------------------------------------------------------------


# (sentences of notebook 01 go here)


# 02-salaries: pay ---------------------------------------------------------------------------------------------------------


RANGE_ENDS_ARE = "BLS's 10th and 90th percentiles, not the lowest and highest pay"
MEDIAN_WORDS = "the median (middle) pay"
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
    return f"in {first}" if first == last else f"in every year from {first} to {last}"


def _in_years(years) -> str:
    """``[2010, ..., 2018]`` -> ``"in every year from 2010 to 2018"``; with a gap -> ``"in each of the years 2010-2012, 2014"``."""
    from mrt.wages import describe_years

    years = sorted({int(y) for y in years})
    if not years:
        raise ValueError("a sentence about years needs at least one year")
    if years == list(range(years[0], years[-1] + 1)):
        return _years(years[0], years[-1])
    return f"in each of the years {describe_years(years)}"


def range_ends_sentence(at_percentiles: int, ends: int, undated: int, undated_matched: int, undated_years: list[int]) -> str:
    """The guides' pay ranges are percentiles, and their undated figures have a year: counts and years from the provenance table."""
    if ends == 0:
        first = "The guides print no pay range."
    elif ends == 1:
        first = ("The one pay-range end the guides print is a BLS 10th or 90th percentile, not the lowest or highest pay." if at_percentiles
                 else "The one pay-range end the guides print is not a BLS 10th or 90th percentile.")
    elif at_percentiles == 0:
        first = f"None of the {count_word(ends)} pay-range ends the guides print is a BLS 10th or 90th percentile."
    else:
        first = f"{_share_of(at_percentiles, ends)} pay-range ends the guides print are {RANGE_ENDS_ARE}."
    if undated == 0:
        return first
    figures = "pay figure printed without a year" if undated == 1 else "pay figures printed without a year"
    years = report.listing([f"May {y}" for y in undated_years])
    if undated_matched == 0:
        second = f"{'The one' if undated == 1 else f'None of the {count_word(undated)}'} {figures} {'matches' if undated > 1 else 'matches no'} " \
                 f"{'a BLS figure' if undated > 1 else 'BLS figure'}."
    elif undated_matched == undated:
        second = (f"{'The one' if undated == 1 else _share_of(undated, undated)} {figures} {'is a BLS figure' if undated == 1 else 'are BLS figures'} "
                  f"for {years}.")
    else:
        second = f"{_share_of(undated_matched, undated)} {figures} match BLS figures for {years}."
    return f"{first} {second}"


def mostly_inflation(nominal_pct: float, real_pct: float) -> bool:
    """Whether "most of the rise was inflation": a rise of which less than half is left after inflation."""
    return nominal_pct > 0 and real_pct < nominal_pct / 2


def real_rise_sentence(nominal_pct: float, real_pct: float, start: int, end: int, name: str, caveat: bool = True) -> str:
    """How much of a pay rise was inflation: "most" when less than half of the rise is left after inflation; "outpaced" when
    pay fell after inflation; a fall before inflation said as a fall. Directions from the signs. ``caveat`` adds the one
    that matters: BLS's yearly estimates are not designed for comparing years."""
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
    return f"{first} BLS does not design these yearly estimates for comparing years." if caveat else first


def pairs_sentence(agree: int, pairs: int) -> str:
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
                               name: str) -> str:
    """Average (mean) pay against the median, within one run of years of one occupation code; direction from the signs."""
    if years_above == years:
        return (f"{_years(first, last).capitalize()}, the average pay of {name} was {percent_span(low_pct, high_pct)} above "
                f"{MEDIAN_WORDS}. So a guide's \"average salary\" overstates typical pay.")
    if years_below == years:
        return (f"{_years(first, last).capitalize()}, the average pay of {name} was {percent_span(high_pct, low_pct)} below "
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
    return (f"The middle half of {name} earned {report.money(p25)} to {report.money(p75)} a year in {year}, the latest year with "
            f"published figures. A quarter earned less, and a quarter more.")


def quartile_model_sentence(max_error_pct: float, checked_years, year: int, modelled: tuple[float, float],
                            published: tuple[float, float] | None) -> str:
    """The method check of the modelled quartiles: the largest error (percent) against the published quartiles in the years
    checked; then the guides' year, modelled (to $100) beside published."""
    first_sentence = f"{CURVE} comes within about {reader_percent(max_error_pct)} of BLS's published middle half {_in_years(checked_years)}."
    low, high = (modelled_money(v) for v in modelled)
    if published is None:
        return f"{first_sentence} From the guides' {year} figures it gives about {low} to {high}."
    return (f"{first_sentence} From the guides' {year} figures it gives about {low} to {high}; BLS published "
            f"{report.money(published[0])} to {report.money(published[1])}.")


# 03-projections: the outlook --------------------------------------------------------------------------------------------


# (sentences of notebook 03 go here)


# 04-education: routes into the job ----------------------------------------------------------------------------------------


# (sentences of notebook 04 go here)


# 05-fact-check: verdicts and evidence -------------------------------------------------------------------------------------


# (sentences of notebook 05 go here)


# In short, the findings register and the index ----------------------------------------------------------------------------


# (the "In short" answers and the findings' display go here)
