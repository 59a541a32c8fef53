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


def span(vintage: str) -> str:
    """An outlook's name for reading: ``"2012-2022"`` -> ``"2012–2022"`` (an en dash)."""
    return str(vintage).replace("-", "–")


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
    first = (f"BLS's projected ten-year growth for {name} {moved} " + (
        f"from {report.percent_as_published(pct_before)} ({span(earlier)}) to {report.percent_as_published(pct_after)} "
        f"({span(later)}), {points_text(change)}" if change else
        f"from {span(earlier)} to {span(later)}, at {report.percent_as_published(pct_after)}"))
    average = direction(average_change) + (f" {points_text(average_change)}" if average_change else "")
    ratio_before, ratio_after = float(pct_before) / float(average_before), float(pct_after) / float(average_after)
    times = (f"{about_times(ratio_after)} the average both times" if about_times(ratio_before) == about_times(ratio_after)
             else f"{about_times(ratio_before)} the average, then {about_times(ratio_after)}")
    lead = lead_over_average(ratio_before, ratio_after)
    return f"{first}; the all-occupations average {average}. {lead[0].upper()}{lead[1:]}: {times}."


def rounding_range(pct_as_printed: str, change_as_printed: str, low: int, high: int, bls_base: float, point: int) -> str:
    """What two rounded figures allow: every base-year count from ``low`` to ``high``, and whether BLS's own is among them."""
    inside = "inside" if low <= float(bls_base) <= high else "outside"
    return (f"The later guide figures, {pct_as_printed} and {change_as_printed} new jobs, fit any starting count from "
            f"{report.number(low)} to {report.number(high)}; BLS's {report.number(bls_base)} is {inside} that range. "
            f"Dividing one by the other ({report.number(point)}) looks more exact than it is.")


MAX_LISTED_MISSES = 3  # more exceptions than this are summed up by the largest one, so the sentence stays short


def _misses(exceptions) -> str:
    """The checks outside the tolerance, grouped by outlook: "2014–2024 in 2016 (+6.3%) and 2018 (+7.9%)"; when there are
    more than MAX_LISTED_MISSES, how many and the largest."""
    if len(exceptions) > MAX_LISTED_MISSES:
        worst = exceptions.iloc[exceptions["difference_pct"].abs().argmax()]
        return (f"{count_word(len(exceptions))} exceptions, the largest {span(worst['vintage'])} in {int(worst['year'])} "
                f"({report.percent(worst['difference_pct'], 1, signed=True)})")
    by_outlook = {}
    for r in exceptions.itertuples(index=False):
        by_outlook.setdefault(r.vintage, []).append(f"{int(r.year)} ({report.percent(r.difference_pct, 1, signed=True)})")
    return "the exceptions: " + "; ".join(f"{span(v)} in {report.listing(years)}" for v, years in by_outlook.items())


def outcome_within(pairs, tolerance_pct: float) -> str:
    """How many like-for-like checks landed within ± ``tolerance_pct`` of the projected path, naming the exceptions
    (``pairs``: vintage, year, difference_pct); then the caveat that BLS projects only the target year."""
    from mrt import growth

    within = [growth.within_tolerance(d, tolerance_pct) for d in pairs["difference_pct"]]
    n, k = len(within), sum(within)
    if n == 0:
        raise ValueError("no like-for-like check to report")
    exceptions = growth.outcome_exceptions(pairs, tolerance_pct).sort_values(["vintage", "year"])
    how_many = "in all" if k == n else "in none of" if k == 0 else f"in {k} of"
    first = (f"Later BLS counts of the same jobs came within ±{report.percent_as_published(tolerance_pct)} of earlier outlooks' "
             f"projections {how_many} {counted(n, 'check', spell=False)}" + (f"; {_misses(exceptions)}." if 0 < k < n else "."))
    return first + " BLS projects only the final year; years between are read from a smooth path."


def growth_word_finding(row) -> str:
    """One guide's growth word against the Handbook's own word for the same outlook (a row of growth_wording.csv):
    the verdict first; where the edition was not found, the ratios the editions found gave each word."""
    said = f"One guide called {report.percent_as_published(row.printed_pct)} growth over {span(row.vintage)} “{row.words}”"
    if row.verdict == "contradicted":
        return f"{said}, but that is {about_times(row.ratio)} the average, so {GROWTH_WORD_VERDICTS['contradicted']}."
    if report._missing(row.handbook_wording):
        return (f"{said}; the Handbook's word for that outlook was not found, so {GROWTH_WORD_VERDICTS['cannot_tell']}. "
                f"Editions found said “faster” at {times_range(row.faster_ratio_low, row.faster_ratio_high)} the average and "
                f"“much faster” at {times_range(row.much_faster_ratio_low, row.much_faster_ratio_high)}; this is {about_times(row.ratio)}.")
    return f"{said}; the Handbook said “{row.handbook_wording}” for that outlook, so {GROWTH_WORD_VERDICTS[row.verdict]}."


# 04-education: routes into the job ----------------------------------------------------------------------------------------


FIRST_SENTENCE_WORDS = 35  # a finding's first sentence at most (CONTRIBUTING.md)


def route_name(label: str) -> str:
    """A route in a sentence, as its label reads in the data, in quotation marks: ``“Associate's degree”``."""
    return f"\u201c{label}\u201d"


def share_text(share: float) -> str:
    """A share of assumption sets in whole percent: ``0.363`` -> ``"36%"``."""
    return report.percent(100 * float(share), 0)


def ranking_sentence(leaders: list[tuple[str, float]], sets: int, needed: float, among: str = "") -> str:
    """The joint analysis in one sentence: the route that leads in at least ``needed`` of the ``sets`` assumption sets
    tried, or that the model cannot say (then the two that lead most often, with their shares).

    ``leaders`` holds (label, share of sets led), most often first; ``among`` names the routes compared, when not all
    (``"routes that stay technicians"``). A share exactly at ``needed`` ranks."""
    if not leaders:
        raise ValueError("a ranking sentence needs at least one route")
    start = f"Among {among}, " if among else ""
    (first, top), sets_text = leaders[0], f"{sets:,} assumption sets"
    if top >= needed:
        return (f"{start}{route_name(first)} pays best in {share_text(top)} of {sets_text} tried, "
                f"enough for the model to rank it first (it needs {share_text(needed)}).")
    sentence = (f"{start}{'the model cannot say which' if start else 'The model cannot say which route'} pays best: none leads in at least "
                f"{share_text(needed)} of {sets_text}; {route_name(first)} leads most often, in {share_text(top)}")
    if len(leaders) > 1 and leaders[1][1] > 0:
        longer = f"{sentence}, {route_name(leaders[1][0])} in {share_text(leaders[1][1])}."
        if len(longer.split()) <= FIRST_SENTENCE_WORDS:
            return longer
    return sentence + "."


def promotion_sentence(label: str, verdict: str, chance: float | None) -> str:
    """What the chance of promotion must be for the route up to pay off (lead every other route), as "about 1 in 4".

    ``verdict`` is that of :func:`mrt.education.promotion_verdict`: "at least", "at most", "always" or "never"; a
    break-even chance at 0 or 1 reads as "always" or "never" on its side."""
    name = route_name(label)
    if verdict in ("at least", "at most") and chance is not None and 0 < chance < 1:
        side = "above" if verdict == "at least" else "below"
        return f"{name} pays off only if the chance of promotion is {side} {about_one_in(chance)}; no source gives that chance."
    if verdict == "always" or (verdict == "at least" and chance is not None and chance <= 0) or (verdict == "at most" and chance is not None and chance >= 1):
        return f"{name} pays off at any chance of promotion, even none."
    if verdict in ("never", "at least", "at most"):
        return f"{name} cannot pay off at any chance of promotion."
    raise ValueError(f"a promotion verdict is one of 'at least', 'at most', 'always', 'never', found {verdict!r}")


def default_lead_sentence(label: str, lead_pct: float, undone_by: int, among: str = "") -> str:
    """The lead the default assumptions alone give, and how many single assumptions, each within its range tried, undo it;
    ``among`` names the routes compared, when not all."""
    lead = report.percent(lead_pct, 0 if round(abs(lead_pct), 1) >= 10 else 1)
    start = f"Under the default assumptions alone{f', among {among},' if among else ''} {route_name(label)} leads by {lead}"
    if undone_by == 0:
        return f"{start}, and no single assumption within its range undoes that."
    return f"{start}, but {counted(undone_by, 'assumption')}, each within its range, {'undoes' if undone_by == 1 else 'undo'} that lead."


def assumption_pairs_sentence(changed: int, pairs: int, changed_among: int, among: str, example: str | None) -> str:
    """How many pairs of assumptions change a leader together where neither does alone (over all routes, and ``among``
    some), with the example nearest the defaults."""
    sentence = (f"Moved in pairs, {changed:,} of {counted(pairs, 'pair', spell=False)} of assumptions change the leader over all routes "
                f"at values where neither does alone, and {changed_among:,} the leader among {among}")
    return sentence + (f"; the nearest to the defaults: {example}." if example else ".")


def alternative_note(label: str | None, joint: bool, lead_usd: float | None = None, flip: str | None = None) -> str:
    """What a finding of the joint analysis says instead under an alternative: the route it puts first (``joint``: the
    rule or another draw) or the route that leads one assumption set, with its lead or where the leader changes."""
    if label is None:
        return "the model cannot rank the routes"
    if joint:
        return f"{route_name(label)} ranks first"
    note = f"{route_name(label)} leads"
    if lead_usd is not None:
        note += f" by {modelled_money(lead_usd)}"
    return note + (f", with {flip}" if flip else "")


def time_and_cost_sentence(routes: list[tuple[str, float, float]]) -> str:
    """The sourced part of the comparison: each route's months of study and tuition, from (label, months, tuition in dollars);
    routes without study are left out."""
    studied = [(label, months, tuition) for label, months, tuition in routes if months > 0]
    if not studied:
        raise ValueError("a time-and-cost sentence needs at least one route with study")
    parts = [f"{route_name(label)}{' takes' if i == 0 else ','} {report.number(months, 0 if float(months).is_integer() else 1)} months and "
             f"{modelled_money(tuition)}{' in tuition' if i == 0 else ''}" for i, (label, months, tuition) in enumerate(studied)]
    return f"At published public-college prices, {'; '.join(parts)}."


def handbook_sentence(edition: str, label: str | None) -> str:
    """What the latest Handbook edition in the data names as the typical way in."""
    if label is None:
        return f"The latest Handbook edition in the data ({edition}) names none of these routes as the typical way in."
    return f"The latest Handbook edition in the data ({edition}) names {route_name(label)} as the typical way in."


# 05-fact-check: verdicts and evidence -------------------------------------------------------------------------------------


# (sentences of notebook 05 go here)


def growth_wording_evidence(result) -> str:
    """The evidence for a growth_wording claim (a factcheck.Result of check_growth_wording): the printed percent against
    the average, as a ratio with the interval its rounding allows; then what it was judged by: the Handbook's own word for
    the same outlook (or, where that edition was not found, the ratios the editions found gave each word), or the
    project's ratio rule."""
    f = result.facts
    text = (f"{report.percent_as_published(result.guide_value)} against {report.percent_as_published(f['all_occupations_pct'])} "
            f"for all occupations in {span(f['vintage'])}: {about_times(f['ratio'])} the average "
            f"({f['ratio_low']:.2f}–{f['ratio_high']:.2f} within rounding).")
    if result.reading == "project_ratio":
        return text + f" Judged by the project's rule: “much faster” from {f['much_faster_ratio']:g} times the average."
    if f["handbook_wording"] is None:
        return (text + f" The Handbook edition for {span(f['vintage'])} was not found; the editions found called "
                f"{times_range(f['faster_ratio_low'], f['faster_ratio_high'])} the average “faster” and "
                f"{times_range(f['much_faster_ratio_low'], f['much_faster_ratio_high'])} “much faster”.")
    return text + f" The Handbook's {f['handbook_edition']} edition called the same outlook “{f['handbook_wording']}”."


# In short, the findings register and the index ----------------------------------------------------------------------------


QUESTIONS = {"pay": "What does it pay?", "growth": "Is it growing?", "entry": "How do people get in?",
             "trust": "Can I trust the guides?"}

# What must stay of the jargon, defined once for the README and the index.
GLOSSARY = (("median", "the middle pay: half of the workers earn more, half less."),
            ("percentile", "the 10th percentile is the pay that one worker in ten earns less than; the 90th, the pay that one "
                           "in ten earns more than; the middle half earns between the 25th and the 75th."),
            ("present value", "money over many years counted as if paid today, a later dollar counting for less."),
            ("outlook", "the Bureau of Labor Statistics' projection of how many jobs there will be ten years after a base year."))

METHOD_TAG = "⚠ depends on method"  # marks a finding that changes under another reasonable method; links to the register

ERROR_KINDS = {"percentile_range": "a pay range whose ends are really the 10th and 90th percentiles",
               "outdated": "a figure out of date for its time", "mislabelled": "a figure with the wrong year or statistic",
               "overstated": "an overstatement", "understated": "an understatement",
               "contradicted": "a statement the record contradicts", "partly_supported": "a statement only partly supported"}


def article(noun: str) -> str:
    """``"a"`` or ``"an"`` before a noun, from its first letter: ``"associate's degree"`` -> ``"an"``."""
    return "an" if noun[:1].lower() in "aeiou" else "a"


def span(years: tuple[int, int] | str) -> str:
    """A period for readers: ``(2012, 2022)`` or ``"2012-2022"`` -> ``"2012–2022"``."""
    start, end = years if isinstance(years, tuple) else str(years).split("-")
    return f"{start}–{end}"


def pay_answer(p) -> list[str]:
    """What does it pay? (an :class:`mrt.insight.Pay`): the latest median with the 10th-90th percentile range, and the
    middle half only where BLS published it."""
    first = (f"In May {p.year} the median pay of {names().name} was {report.money(p.median)} a year (BLS code {p.soc_code}); "
             f"one in ten earned under {report.money(p.p10)} and one in ten over {report.money(p.p90)}.")
    if p.quartile_year is None:
        return [first]
    code = "" if p.quartile_soc_code == p.soc_code else f" (code {p.quartile_soc_code})"
    when = ("" if p.quartile_year == p.year else
            f"In {p.quartile_year}{code}, the latest year with published quartiles, ")
    middle = f"the middle half earned {report.money(p.p25)} to {report.money(p.p75)}."
    return [first, (when + middle) if when else middle[0].upper() + middle[1:]]


def growth_answer(g) -> list[str]:
    """Is it growing? (an :class:`mrt.insight.Growth`): the latest outlook, in the Handbook's own word where the data hold
    it, else against the all-occupations average (above or below, from the sign); then the outlooks the guides quote."""
    verb = direction(g.pct, "grow", "shrink", "stay level")
    amount = "" if g.pct == 0 else f" {report.percent_as_published(abs(g.pct))}"
    first = f"BLS projects jobs for {names().name} (code {g.soc_code}) to {verb}{amount} from {g.start} to {g.end}"
    if g.handbook_word and g.average_pct is not None:
        first += (f", against {report.percent_as_published(g.average_pct)} for all occupations: "
                  f"“{g.handbook_word}”, in the Handbook's words.")
    elif g.handbook_word:
        first += f": “{g.handbook_word}”, in the Handbook's words."
    elif g.average_pct is not None:
        first += f", {comparison(g.pct, g.average_pct)} the {report.percent_as_published(g.average_pct)} average for all occupations."
    else:
        first += "."
    if not g.quoted:
        return [first]
    older = "older " if all(end < g.end for _, end, _ in g.quoted) else ""
    quoted = report.listing([f"{report.percent_as_published(pct)} for {span((start, end))}" for start, end, pct in g.quoted])
    noun = "outlook" if len(g.quoted) == 1 else "outlooks"
    return [first, f"The guides quote {count_word(len(g.quoted))} {older}{noun}: {quoted}."]


def _months(months: tuple[float, float]) -> str:
    low, high = (report.number(m) for m in months)
    return f"{low} months" if low == high else f"{low}–{high} months"


def entry_answer(e) -> list[str]:
    """How do people get in? (an :class:`mrt.insight.Entry`): the Handbook's typical entry, then each route the guides
    name with its published length of study and yearly tuition."""
    first = f"The latest Handbook edition in the data ({e.edition}) names {article(e.typical)} {e.typical} as the typical way in."
    if not e.routes:
        return [first]
    periods = {r.tuition_period for r in e.routes if r.tuition_period}
    one_period = len(periods) == 1
    items = []
    for r in e.routes:
        parts = [_months(r.months)] if r.months else []
        if r.tuition_usd_per_year is not None:
            parts.append(report.money(r.tuition_usd_per_year) + ("" if one_period else f" ({r.tuition_period})"))
        label = r.label[0].lower() + r.label[1:] + (" (to move up)" if r.to_move_up else "")
        items.append(", ".join([label, *parts]))
    when = f" ({periods.pop()})" if one_period else ""
    return [first, f"Routes the guides name, with published length and yearly tuition{when}: " + "; ".join(items) + "."]


def trust_answer(t) -> list[str]:
    """Can I trust the guides? (an :class:`mrt.insight.Trust`): the fact-check tally, then the most common kind of error
    and the claims whose figures print no year."""
    parts = ([f"{t.agreeing} agree with the BLS record"] + ([f"{t.partly} partly"] if t.partly else [])
             + ([f"{t.disagreeing} do not"] if t.disagreeing else []))
    first = f"Of {counted(t.checkable, 'claim', spell=False)} that can be checked, {report.listing(parts)}"
    unchecked = t.claims - t.checkable
    first += f"; {unchecked} more cannot be checked." if unchecked else "."
    verb, whose = ("gives", "its") if t.undated == 1 else ("give", "their")
    undated = f"{counted(t.undated, 'claim', spell=False)} {verb} no year for {whose} figures"
    if not t.error_kinds:
        return [first, f"None is wrong as printed; {undated}." if t.undated else "None is wrong as printed."]
    top = t.error_kinds[0][1]
    kinds = [ERROR_KINDS.get(k, k) for k, n in t.error_kinds if n == top]
    if len(kinds) == 1:
        second = f"The most common error is {kinds[0]} ({top} of those {t.disagreeing})"
    else:
        second = f"The most common errors are {report.listing(kinds)} ({top} each of those {t.disagreeing})"
    return [first, second + (f"; {undated}." if t.undated else ".")]


ANSWERS = {"pay": pay_answer, "growth": growth_answer, "entry": entry_answer, "trust": trust_answer}
