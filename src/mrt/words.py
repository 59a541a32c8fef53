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

from mrt import clean, factcheck, growth, occupation, report, wages
from mrt.growth import percent_ratio_interval as ratio_interval  # noqa: F401 - the arithmetic lives in mrt.growth
from mrt.vocab import CHECKS, RANGE_PERCENTILES
from mrt.wages import describe_years


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
    return occupation.current()


def modelled_money(value) -> str:
    """A modelled amount of money, to the $100 its model can support: ``147434`` -> ``"$147,400"``."""
    return report.money(value, to=100)


def about_one_in(probability: float) -> str:
    """A chance for readers: ``0.236`` -> ``"about 1 in 4"``; ``0.5`` -> ``"about 1 in 2"``; ``0.9`` -> ``"about 9 in 10"``.

    Below one half it is the nearer of "1 in N" (N the nearest whole number to 1/p) and tenths (``0.298`` -> ``"about 3
    in 10"``, not "1 in 3"); from one half up it is tenths."""
    p = float(probability)
    if not 0 < p < 1:
        raise ValueError(f"a chance in words needs 0 < p < 1, found {p}")
    tenths = round(10 * p)
    if p < 0.5:
        one_in = round(1 / p)
        if tenths < 2 or abs(1 / one_in - p) <= abs(tenths / 10 - p):
            return f"about 1 in {one_in}"
        return f"about {tenths} in 10"
    return "about 1 in 2" if tenths == 5 else f"about {tenths} in 10"


def about_years(years: float) -> str:
    """A modelled duration to the whole year: ``10.2`` -> ``"about 10 years"``; ``0.8`` -> ``"about 1 year"``."""
    whole = max(1, round(float(years)))
    return f"about {whole} year" + ("" if whole == 1 else "s")





def majority_word(part: int, whole: int) -> str:
    """How much of a whole a count is, in a word: ``(6, 6)`` -> ``"all"``; more than half -> ``"most"``; exactly half ->
    ``"half"``; less -> ``"fewer than half"``; ``(0, n)`` -> ``"none"``. Exactly half is not most."""
    part, whole = int(part), int(whole)
    if whole <= 0 or not 0 <= part <= whole:
        raise ValueError(f"a share in words needs 0 <= part <= whole and whole > 0, found {part} of {whole}")
    if part == whole:
        return "all"
    if part == 0:
        return "none"
    if 2 * part > whole:
        return "most"
    return "half" if 2 * part == whole else "fewer than half"


def with_article(noun: str) -> str:
    """A noun with its indefinite article: ``"medical coding certificate"`` -> ``"a medical coding certificate"``;
    ``"associate's degree"`` -> ``"an associate's degree"`` (by the first letter)."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"

# 01-clean: the ledger of printed figures -------------------------------------------------------------------------------


def undated_finding(undated: int, whole: int, noun: str, n_guides: int, caveat: str = "") -> str:
    """A finding for readers on figures printed without a year: ``undated_finding(28, 39, "statistics", 4)`` -> ``"Most of
    the statistics in the four guides carry no year: 28 of 39."``; ``caveat`` is one more short sentence when some do."""
    where = f"the {counted(n_guides, 'guide')}"
    if undated == 0:
        return f"Every one of the {whole} {noun} in {where} carries a year."
    return f"{majority_word(undated, whole).capitalize()} of the {noun} in {where} carry no year: {undated} of {whole}." + (
        f" {caveat}" if caveat else "")


def undated_note(undated: int, whole: int, noun: str) -> str:
    """What an undated count says under another way of counting: ``"38 of 49 items carry no year: most of them"``."""
    return f"{undated} of {whole} {noun} carry no year: {majority_word(undated, whole)} of them"


def no_number_clause(texts: list[str]) -> str:
    """The printed items that give no number, for the sentence on awkward forms: ``["a matter of months"]`` ->
    ``"1 gives no number at all (*a matter of months*)"``; none -> ``"every one gives a number"``."""
    if not texts:
        return "every one gives a number"
    return f"{len(texts)} {'gives' if len(texts) == 1 else 'give'} no number at all ({', '.join(f'*{t}*' for t in texts)})"


def list_numbering_clause(numbering: int) -> str:
    """What the printed items that are not statistics are: ``10`` -> ``"the other 10 printed items are list numbering"``;
    ``0`` -> ``"no printed item is list numbering"``."""
    if numbering == 0:
        return "no printed item is list numbering"
    return f"the other {counted(numbering, 'printed item is', 'printed items are', spell=False)} list numbering"


def undated_statistics_sentence(statistics: int, numbering: int, undated: int) -> str:
    """The finding on undated statistics: ``(39, 10, 28)`` -> ``"The guides print 39 statistics (10 more items are list
    numbering); 28 of the 39 statistics carry no year."``; without list numbering the parenthesis is left out."""
    extra = f" ({counted(numbering, 'more item is', 'more items are', spell=False)} list numbering)" if numbering else ""
    return f"The guides print {counted(statistics, 'statistic', spell=False)}{extra}; {undated} of the {statistics} statistics carry no year."


def most_note(part: int, whole: int, noun: str, most: bool) -> str:
    """A count of undated figures for the register, saying when it is not most: ``(5, 11, "items", False)`` ->
    ``"5 of 11 items carry no year, not most"``; ``(7, 11, "items", True)`` -> ``"7 of 11 items carry no year"``."""
    return f"{part} of {whole} {noun} carry no year" + ("" if most else ", not most")


def reference_code_years_sentence(all_years: list[int], same_code: list[int], code: str) -> str:
    """Which years of the OEWS table publish the reference code, the years from the rows (gaps shown as gaps)."""
    covers = f"The OEWS wage table covers {describe_years(all_years)}."
    if not same_code:
        return f"{covers} **None of its {len(all_years)} years publishes the reference code {code}**, so no trend can be read under it."
    if len(same_code) == len(all_years):
        return f"{covers} **Every one of its {len(all_years)} years publishes the reference code {code}**, so the years can be compared under one code."
    return (f"{covers} **Only {len(same_code)} of those {len(all_years)} years publish the reference code {code}** "
            f"({describe_years(same_code)}); the other years use a broader group or a split of it, so a trend across them is not like for like.")


def no_printed_range_sentence(what: str) -> str:
    """An exercise that reads a printed pay range, when the guides print none: ``"Exercise 1.5"`` -> ``"Not computed:
    Exercise 1.5 reads a printed pay range, and the guides print none."``."""
    return f"Not computed: {what} reads a printed pay range, and the guides print none."

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


# 04-education: routes into the job ----------------------------------------------------------------------------------------


FIRST_SENTENCE_WORDS = 35  # a finding's first sentence at most (CONTRIBUTING.md)


def route_name(label: str) -> str:
    """A route in a sentence, as its label reads in the data, in quotation marks: ``“Associate's degree”``."""
    return f"\u201c{label}\u201d"


def share_percent(share: float) -> str:
    """A share of assumption sets in whole percent: ``0.363`` -> ``"36%"``."""
    return report.percent(100 * float(share), 0)


def ranking_sentence(leaders: list[tuple[str, float]], sets: int, needed: float, among: str = "") -> str:
    """The joint analysis in one sentence: the route that leads in at least ``needed`` of the ``sets`` assumption sets
    tried, or that the model cannot say (then the two that lead most often, with their shares).

    ``leaders`` holds (label, share of sets led), most often first; ``among`` names the routes compared, when not all
    (``"routes that stay in the job"``). A share exactly at ``needed`` ranks."""
    if not leaders:
        raise ValueError("a ranking sentence needs at least one route")
    start = f"Among {among}, " if among else ""
    (first, top), sets_text = leaders[0], f"{sets:,} assumption sets"
    if top >= needed:
        return (f"{start}{route_name(first)} pays best in {share_percent(top)} of {sets_text} tried, "
                f"enough for the model to rank it first (it needs {share_percent(needed)}).")
    return (f"{start}{'the model cannot say which' if start else 'The model cannot say which route'} pays best: none leads in "
            f"{share_percent(needed)} of {sets_text}.")


def promotion_sentence(label: str, verdict: str, chance: float | None, published: bool) -> str:
    """What the chance of promotion must be for the route up to pay off (lead every other route), as "about 1 in 4".

    ``verdict`` is that of :func:`mrt.education.promotion_verdict`: "at least", "at most", "always" or "never"; a
    break-even chance at 0 or 1 reads as "always" or "never" on its side. ``published``: whether the data give the chance
    of promotion as a published figure; when they do not, the sentence says so."""
    name = route_name(label)
    if verdict in ("at least", "at most") and chance is not None and 0 < chance < 1:
        side = "above" if verdict == "at least" else "below"
        given = "." if published else ", which the data do not give."
        return f"{name} pays off only {side} {about_one_in(chance).replace('about ', 'about a ')} chance of promotion{given}"
    if verdict == "always" or (verdict == "at least" and chance is not None and chance <= 0) or (verdict == "at most" and chance is not None and chance >= 1):
        return f"{name} pays off at any chance of promotion, even none."
    if verdict in ("never", "at least", "at most"):
        return f"{name} cannot pay off at any chance of promotion."
    raise ValueError(f"a promotion verdict is one of 'at least', 'at most', 'always', 'never', found {verdict!r}")


def default_lead_sentence(label: str, lead_pct: float, undone_by: int, among: str = "") -> str:
    """The lead the default assumptions alone give, and how many single assumptions, each within its range tried, undo it;
    ``among`` names the routes compared, when not all."""
    lead = report.percent(lead_pct, 0 if round(abs(lead_pct), 1) >= 10 else 1)
    start = f"The {lead} default lead of {route_name(label)}{f' among {among}' if among else ''}"
    if undone_by == 0:
        return f"{start} survives every single assumption within its range."
    return f"{start} is undone by {'one assumption' if undone_by == 1 else f'any of {count_word(undone_by)} assumptions'} within range."


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


def time_and_cost_sentence(routes: list[tuple[str, float, float]], dollar_year: int | None = None) -> str:
    """The sourced part of the comparison: each route's months of study and tuition, from (label, months, tuition in dollars);
    routes without study are left out."""
    studied = [(label, months, tuition) for label, months, tuition in routes if months > 0]
    if not studied:
        raise ValueError("a time-and-cost sentence needs at least one route with study")
    parts = [f"{route_name(label)}{' takes' if i == 0 else ','} {report.number(months, 0 if float(months).is_integer() else 1)} months and "
             f"{modelled_money(tuition)}{' in public-college tuition' + (f' ({dollar_year} dollars)' if dollar_year else '') if i == 0 else ''}"
             for i, (label, months, tuition) in enumerate(studied)]
    return f"{'; '.join(parts)}."


def handbook_sentence(edition: str, label: str | None) -> str:
    """What the latest Handbook edition in the data names as the typical way in."""
    if label is None:
        return f"The latest Handbook in the data ({edition}) names none of these routes as the typical way in."
    return f"The latest Handbook in the data ({edition}) calls {route_name(label)} the typical way in."


def model_inputs_sentence(year: int | None, lacking: list[str]) -> str:
    """Whether the model can run, from what it lacks for the year of its inputs (``mrt.education.base_year``): nothing
    (it runs on that year's figures) or each missing input, named with where it would be."""
    if not lacking:
        return f"The model uses the published figures of {year}."
    on = "any year" if year is None else f"the inputs of {year}"
    return (f"The model cannot run on {on}: the data lack {report.listing(lacking)}. The sections that need it say so and are "
            "skipped; give the missing values in the parameters cell to run it.")


def fit_misses_median(low_pct: float, high_pct: float) -> str:
    """How the lognormal fitted to p10, p90 and the mean misses the published median over the years checked, from the signs of
    its smallest and largest error: ``"puts the median 3% to 4% too high"``, ``"... too low"``, or both ways."""
    if low_pct > 0:
        return f"puts the median {report.percent(low_pct)} to {report.percent(high_pct)} too high"
    if high_pct < 0:
        return f"puts the median {report.percent(-high_pct)} to {report.percent(-low_pct)} too low"
    return f"misses the median by up to {report.percent(max(-low_pct, high_pct))}, in both directions"

def model_values_sentence(kinds: dict[str, int], dollar_year: int, base_year: int, factor: float,
                          promoted: tuple[int, float] | None, above: str) -> str:
    """The model's values by kind (``kinds``: kind -> count, the kinds of ``mrt.education.KINDS``) and the one dollar year
    they are in: ``base_year`` pay and tuition times ``factor``; ``promoted``: the published year of the pay of the
    occupation ``above`` and its factor, or None when the parameters cell sets that pay."""
    methods = kinds.get("method", 0)
    text = (f"Of the model's {sum(kinds.values())} values, {kinds.get('published figure', 0)} are published figures, "
            f"{kinds.get('convention', 0) + kinds.get('guides and a secondary source', 0)} are conventions or what the guides print, "
            f"**{kinds.get('assumption', 0)} are assumptions** that no source gives, and {methods} "
            f"{'is a choice' if methods == 1 else 'are choices'} of method. All money is in **{dollar_year} dollars** (CPI-U): "
            f"{base_year} pay and {base_year}-{(base_year + 1) % 100:02d} tuition are multiplied by {factor:.3f}")
    if promoted is None:
        return f"{text}; the pay of {above} is the value set in the parameters cell."
    return f"{text}, the {int(promoted[0])} pay of {above} by {float(promoted[1]):.3f}."

def model_skipped_sentence(what: str) -> str:
    """A section (or exercise) that needs the model, when the model cannot run (see :func:`model_inputs_sentence`)."""
    return f"Not computed: {what} needs the model, which lacks published inputs (section 2)."


def unemployment_rates_sentence(year: int, rates: int) -> str:
    """Whether the model can try unemployment risk: ``rates`` education levels with a published rate for ``year``."""
    if rates:
        return f"Unemployment risk, when tried, uses the unemployment rates by education of {year}."
    return (f"The data give no unemployment rates by education for {year}, so the model never tries unemployment risk "
            "(it stays off).")


def time_and_cost_not_available() -> str:
    """The time-and-cost finding, when the model cannot run."""
    return "The time and tuition of each route cannot be compared: the published tuition or pay the model needs is missing."


def best_route_not_available(among: str = "") -> str:
    """The ranking findings, when the model cannot run; ``among`` names the routes compared, when not all."""
    return f"No route{f' among {among}' if among else ''} can be ranked: the published tuition or pay the model needs is missing."


# 05-fact-check: verdicts and evidence -------------------------------------------------------------------------------------


# Words for the codes the checks return (factcheck.VERDICTS, factcheck.READINGS, ...), and the sentence-writers of the
# evidence: one per check (EVIDENCE), each using only the values its check returned (the facts named in its docstring).

VERDICT_WORDS = {"matches_record": "matches the record", "rounded": "correctly rounded", "partly_supported": "partly supported",
                 "outdated": "outdated", "mislabelled": "mislabelled", "overstated": "overstated", "understated": "understated",
                 "contradicted": "contradicted", "not_checkable": "not checkable with this data"}
READING_WORDS = {"own_rounding_step": "its own rounding step", "last_digit": "the last printed digit as exact",
                 "plurality": "'most' as a plurality", "majority": "'most' as a majority", "handbook_wording": "the Handbook's own word for the same outlook",
                 "project_ratio": "the project's ratio rule", "median": "median against median", "mean": "mean against mean",
                 "edition_of_its_time": "the Handbook edition of its time", "any_edition": "any Handbook edition",
                 "not_applicable": "no reading needed"}
STATISTIC = {"mean": "mean", "median": "median", "p10": "10th percentile", "p90": "90th percentile"}
POPULATION = {"all_jobs": "all jobs, self-employed included (the Employment Projections count)",
              "wage_and_salary_jobs": "wage-and-salary jobs (the OEWS count)"}
COMPARABLE = {"yes": "the same occupation code", "partly": "a partly comparable code", "no": "a code that is not comparable"}
MOST = {"plurality": "a plurality (more than any other setting the record lists)", "majority": "a majority (more than half)"}


def pay(value, unit):
    """A pay figure in its unit: cents for an hourly wage (``$20.59``), whole dollars for a year (``$39,000``)."""
    return report.money(value, 2 if unit == "usd_per_hour" else 0)


def when(r):
    """The year a claim was judged at, and where that year comes from (a Result's ``time_basis``)."""
    if r.time_basis == "printed":
        return f"the year it prints, {r.judged_at}"
    if r.time_basis == "guide_date":
        return f"its guide's date, {r.judged_at}"
    return "the latest record, as its guide prints no year"


def lower_first(text):
    """A sentence quoted inside another: its first letter in lower case."""
    return text[:1].lower() + text[1:]


def pct(value):
    """A share as printed: whole (``40%``) or to one decimal (``37.4%``)."""
    return report.percent(value, 0 if float(value).is_integer() else 1)


def printed_range(r, fmt):
    """The range of true values a printed figure allows, in words (``35% to 45%``, ``more than 25%``, ``at least 10%``):
    a share's ceiling of 100% and an infinite end are no bound."""
    low, high = r.guide_range.low, r.guide_range.high
    bounded = high != float("inf") and not (r.unit == "percent" and high >= 100)
    if r.guide_range.low_open:
        return f"more than {fmt(low)}" + (f" and at most {fmt(high)}" if bounded else "")
    return f"{fmt(low)} to {fmt(high)}" if bounded else f"at least {fmt(low)}"


def setting_label(key: str) -> str:
    """A work setting for readers, from occupation.toml's [setting_labels]; ``"unlisted"`` is every setting the record
    does not list one by one."""
    return {**names().setting_labels, "unlisted": "all settings the record does not list"}[key]


def route_label(route: str) -> str:
    """A route into the job for readers (the label guide_education.csv carries), from its key."""
    return clean.routes()[route]


def guide_name(guide_file: str, titles) -> str:
    """A guide by its printed title and file: ``“How to …” (000_….txt)``."""
    return f"“{titles[guide_file]}” ({guide_file})"


def guide_number(guide_file: str) -> str:
    """The short number of a guide file: ``000_8f0a….txt`` -> ``000``."""
    return guide_file.split("_")[0]



def wage_text(c, r):
    f = r.facts
    if r.verdict == "not_checkable":
        return "No OEWS national figure of any year equals the printed amount."
    parts = " and ".join(f"{STATISTIC[s]} {pay(v, r.unit)}" for _, _, s, v in f["parts"])
    text = f"OEWS May {r.record_year}: {parts}."
    if f["is_range"]:
        text += (" The printed ends are these percentiles: one worker in ten earned less than the low end and one in ten "
                 "more than the high end, so they are not the lowest and highest pay.")
    elif r.verdict == "rounded":
        text += f" The printed {pay(r.guide_value, r.unit)} stands for {printed_range(r, lambda v: pay(v, r.unit))} (its own rounding step)."
    elif r.verdict in ("overstated", "understated"):
        text += f" The printed amount stands for {printed_range(r, lambda v: pay(v, r.unit))}, which misses it."
    if f["year_printed"] is None:
        text += (f" The guide prints no year; judged at {when(r)}. The latest OEWS figure ({f['latest_year']}, "
                 f"{COMPARABLE[f['latest_comparable']]}) is {pay(f['latest_value'], r.unit)}.")
    return text


def count_text(c, r):
    f = r.facts
    if r.record_value is None:
        return "No BLS count in our data lies within the printed figure's rounding range."
    text = f"{report.number(r.record_value)} is the BLS count of {POPULATION[f['population']]} for {r.record_year}"
    if f.get("other_count") is not None:
        text += f"; the other BLS count that year is {report.number(f['other_count'])} {POPULATION[f['other_population']].split(' (')[0]}"
    return text + f". Judged at {when(r)}."


def growth_text(c, r):
    f = r.facts
    if r.record_value is None:
        return "Our data hold no BLS projection for the printed period."
    text = f"BLS published {report.percent(f['published_pct'], 1)} for {f['vintage']}"
    if f["unrounded_pct"] is not None:
        text += f" ({report.percent(f['unrounded_pct'], 2)} from its projected change and base)"
    return text + f"; the printed {pct(r.guide_value)} stands for {printed_range(r, pct)}."


def change_text(c, r):
    if r.record_value is None:
        return "Our data hold no projected job change for the printed period."
    return (f"BLS projected {report.number(r.record_value)} new jobs for {r.facts['vintage']}; the printed "
            f"{report.number(r.guide_value)} stands for {printed_range(r, report.number)}.")


def share_list(records):
    return "; ".join(f"{x.year}: {'at least ' if x.lower_bound else ''}{pct(round(x.share_pct, 1))} "
                     f"({x.as_named.lower()}{', only part of the setting' if x.lower_bound else ''})" for x in records)


def share_text(c, r):
    f = r.facts
    text = (f"Read with {READING_WORDS[r.reading]}, the printed “{f['printed']}” stands for {printed_range(r, pct)}. "
            f"Records of its time frame ({when(r)}): {share_list(f['records'])}.")
    if any(x.lower_bound for x in f["records"]):
        text += " A lower bound can refute it only from below."
    return text


def most_text(c, r):
    settings = " and ".join(setting_label(s) for s in r.facts["settings"])
    years = "; ".join(f"{m.year}: {report.percent(m.named_pct, 0)} in {settings} against {report.percent(m.rival_pct, 0)} "
                      f"in {setting_label(m.rival)}" for m in r.facts["years"])
    return f"“Most” read as {MOST[r.reading]}, judged at {when(r)}. {years}."


def remainder_text(c, r):
    f = r.facts
    settings = " and ".join(setting_label(s) for s in f["settings"])
    years = "; ".join(f"{y}: {'at least ' if bound else ''}{report.percent(p, 0)}" for y, p, bound in f["years"])
    if f["years"] and all(p > 50 for _, p, _ in f["years"]):
        half = "more than half of them"
    elif f["years"] and all(p <= 50 and not bound for _, p, bound in f["years"]):
        half = "not more than half of them"
    else:
        half = "the record does not settle whether that is more than half"
    text = f"Share of the jobs outside {setting_label(f['outside'])} held by {settings} ({years}): {half}."
    if f["unchecked"]:
        text += f" Our record has no figure for {report.listing(f['unchecked'])}, so the claim as a whole cannot be checked."
    return text


def setting_pay_text(c, r):
    f = r.facts
    pairs = "; ".join(f"{setting_label(h)} {report.money(a)} against {setting_label(l)} {report.money(b)}" for h, l, a, b in f["pairs"])
    text = f"OES May {f['year']} mean pay: {pairs}." if f["pairs"] else "Our record has no pay for these settings."
    if f["unchecked"]:
        text += f" Not in our data: {', '.join(f['unchecked'])}."
    return text


def setting_pay_figure_text(c, r):
    f = r.facts
    means = ", ".join(f"{setting_label(s)} {report.money(v)}" for s, v in f["means"])
    return (f"Our record has pay by setting only as a {f['record_statistic']} for {', '.join(map(str, f['record_years']))} "
            f"({means}), not a median for {r.judged_at}.")


def industries_text(c, r):
    listed = ", ".join(f"{setting_label(s)} {report.percent(p, 0)}" for s, p in r.facts["listed"])
    return (f"The Handbook's largest-employer rows in our data ({r.record_year}) list only {listed}; the other "
            f"{report.percent(r.facts['unlisted_pct'], 0)} of jobs are not broken down by industry.")

def area_list_text(c, r):
    f = r.facts
    return (f"Our BLS data are national only. Within the guide, {f['consistent']} of {f['pairs']} hourly and annual pairs agree "
            f"(hourly × 2,080 within {report.money(f['tolerance_usd'], 2)}; largest gap {report.money(f['largest_gap_usd'], 2)}).")


def area_pattern_text(c, r):
    first, last = r.facts["national_years"]
    return f"Our BLS data are national figures for {first}–{last}, with no states or regions."


def ranking_text(c, r):
    return f"A ranking by another publisher (top {max(r.facts['ranks']):.0f}); BLS data say nothing about it."


def schedule_text(c, r):
    return (f"No reference table in our data records hours: the {r.facts['handbook_editions']} Handbook editions we hold give "
            "entry education, pay, employment and projections only.")


def pays_well_text(c, r):
    f = r.facts
    if r.record_value is None:
        return f"Our data hold all occupations' {f['measure']} pay only for {', '.join(map(str, f['years_available']))}."
    return (f"In May {r.record_year} the {names().short_name}' {f['measure']} pay was {report.money(r.record_value)}, "
            f"{report.percent(100 * f['ratio'], 0)} of the {f['measure']} for all occupations ({report.money(f['all_occupations_value'])}).")


def entry_text(c, r):
    f = r.facts
    typical = ", ".join(f["typical_in"]) or "no edition"
    mentioned = ", ".join(f["mentioned_in"]) or "no edition"
    text = (f"The Handbook edition of its time ({f['edition']}, judged at {when(r)}) names a {f['typical_then']} as the typical "
            f"entry education. {route_label(f['route'])}: named typical in {typical}; mentioned in {mentioned}.")
    if r.reading == "any_edition":
        text += " The edition of its time does not mention it; a Handbook's silence is not a denial, so other editions that do settle it."
    elif r.verdict == "not_checkable" and f["mentioned_in"]:
        text += (f" The edition of its time is silent on it, which is not a denial; the editions that mention it "
                 f"({', '.join(f['mentioned_in'])}) are not the record of its time, so the claim cannot be checked in it.")
    return text


def advancement_text(c, r):
    f = r.facts
    return (f"BLS gives a bachelor's degree as the entry education of {f['occupation']} (median pay {report.money(f['pay'])} "
            f"in {f['pay_year']}); no Handbook edition names it typical for {names().short_name}.")


def duration_text(c, r):
    f = r.facts
    return (f"No official statistic on program length; program guides (a secondary source) give {f['months_low']:g}–"
            f"{f['months_high']:g} months for {with_article(f['program'])}.")


def stances_by_guide(pairs):
    guides = dict.fromkeys(g for g, _ in pairs)
    return "; ".join(f"{g.split('_')[0]}: {', '.join(s for h, s in pairs if h == g)}" for g in guides)


def certification_text(c, r):
    f = r.facts
    mention = (f"{len(f['editions_mentioning'])} of the {f['handbook_editions']} Handbook editions we hold mention certification"
               if f["editions_mentioning"] else f"None of the {f['handbook_editions']} Handbook editions we hold mentions certification")
    return (f"{mention}, and no other reference table covers it. What the guides themselves say of certification "
            f"(guide: stance): {stances_by_guide(f['guide_stances'])}.")


def issuer_text(c, r):
    return (f"No reference table names credentials or who awards them: our education data are {r.facts['handbook_editions']} "
            f"Handbook editions and {r.facts['education_rows']} rows of costs, pay and program lengths.")



def title_text(c, r):
    f = r.facts
    titles = "; ".join(f"{code} “{title}” ({first}–{last})" if first != last else f"{code} “{title}” ({first})"
                       for code, title, first, last in f["titles"])
    text = f"BLS titles in our record: {titles}. Judged at {when(r)}: "
    if r.verdict == "matches_record":
        return text + f"the title of {r.record_year} holds the name “{f['name']}”."
    if r.verdict == "outdated":
        return text + f"only an earlier title ({', '.join(map(str, f['in_title_years']))}) holds the name “{f['name']}”."
    if f["in_title_years"]:
        return text + f"only later titles ({f['in_title_years'][0]}–{f['in_title_years'][-1]}) hold the name “{f['name']}”."
    return text + f"no title holds the name “{f['name']}”, which does not make it wrong."


def growth_direction_text(c, r):
    f = r.facts
    if r.record_value is None:
        return "Our data hold no BLS projection for its time frame."
    average = "" if f["all_occupations_pct"] is None else f" (all occupations: {report.percent(f['all_occupations_pct'], 1)})"
    code = "" if f["comparable"] == "yes" else f", for {f['soc_code']}, {COMPARABLE[f['comparable']]}"
    return (f"The BLS outlook of its time frame ({when(r)}) is {f['vintage']}{code}: {direction(f['pct_change'], 'a rise', 'a fall', 'no change')} "
            f"of {report.percent(abs(f['pct_change']), 1)}{average}.")


def setting_named_text(c, r):
    f = r.facts
    by_setting = {}
    for x in f["records"]:
        by_setting.setdefault(x.setting, []).append(x)
    listed = "; ".join(f"{setting_label(s)}: {share_list(rows)}" for s, rows in by_setting.items())
    text = (f"Records of its time frame ({when(r)}) list {listed}." if listed
            else f"No record of its time frame ({when(r)}) lists these settings.")
    if f["unchecked"]:
        text += f" Not in our data: {', '.join(f['unchecked'])}."
    return text


# One evidence sentence per check, in the order of mrt.vocab.CHECKS (the names are declared there, once).
EVIDENCE = dict(zip(CHECKS, (
    wage_text, count_text, growth_text, change_text,
    lambda c, r: growth_wording_evidence(r),  # growth_wording: defined further down this section
    share_text, most_text, remainder_text, setting_pay_text, setting_pay_figure_text, industries_text, area_list_text,
    area_pattern_text, pays_well_text, entry_text, advancement_text, duration_text, certification_text, issuer_text,
    schedule_text, ranking_text, title_text, growth_direction_text, setting_named_text), strict=True))

FRAME_WORDS = {"guide_date": ("", " with the record of their guide's date"),
               "no_guide_date": (", from a guide with no dated figure,", " with the latest record"),
               "latest_record": ("", " with the latest record"), "timeless": ("", " with a record that needs no date")}


def undated_agreement_words(u):
    """How many checkable undated claims agree, and with the record of which time (u: factcheck.undated_agreement)."""
    if u.checkable == 0:
        return "none of them can be checked"
    frames = [f for f in factcheck.UNDATED_FRAMES if u.checkable_by_frame[f]]
    words = {f: FRAME_WORDS[f] if f != "no_guide_date" or u.guides_without_date == 1
             else (f", from {u.guides_without_date} guides with no dated figure,", FRAME_WORDS[f][1]) for f in frames}
    head = "the only checkable one" if u.checkable == 1 else f"{u.agreeing} of the {u.checkable} checkable ones"
    verb = ("agrees" if u.agreeing else "does not agree") if u.checkable == 1 else "agrees" if u.agreeing == 1 else "agree"
    if len(frames) == 1:
        lead, tail = words[frames[0]]
        return f"{head}{lead} {verb}{tail}"
    return f"{head} {verb}: " + report.listing(
        f"{u.agreeing_by_frame[f] or 'none'}{words[f][0]}{words[f][1]}" for f in frames)


def undated_statement(u):
    return f"{report.counted(u.undated, 'claim rests', 'claims rest')} on figures printed without a year; {undated_agreement_words(u)}."

def likely_reason(row, r):
    f = r.facts
    if row.check == "setting_share":
        return (f"a different year and a different count: read as {printed_range(r, pct)}, judged at {when(r)}, against "
                f"{share_list(f['records'])}")
    if row.check == "setting_most":
        return (f"“most” read as {MOST[row.reading]}: " + "; ".join(
            f"{m.year}: {report.percent(m.named_pct, 0)} against {report.percent(m.rival_pct, 0)} in {setting_label(m.rival)}" for m in f["years"]))
    if row.check == "education_entry":
        return (f"says {lower_first(route_label(f['route']))} is {f['stance']}; the Handbook of its time ({f['edition']}) names a "
                f"{f['typical_then']} as typical; {lower_first(route_label(f['route']))} was typical in {', '.join(f['typical_in']) or 'no edition'}")
    return f"our reference data hold nothing on certification; the guides' own stances differ ({stances_by_guide(f['guide_stances'])})"


def question_words(question):
    if question.startswith("share_in:"):
        return f"What share of {names().short_name} work in {' and '.join(setting_label(s) for s in question.split(':')[1].split('+'))}?"
    return {"entry_education": "What education does it take to enter?", "certification": "Do employers want a certification?"}[question]




# 05-fact-check: the page's sentences, from the tallies and the judged claims ---------------------------------------------


def guide_dates_text(guides, titles) -> str:
    """How many guides date themselves through their figures (``guides``: guide_file, date_from_figures)."""
    undated = guides[guides["date_from_figures"].isna()]
    if len(guides) == 1:
        year = guides["date_from_figures"].iloc[0]
        return ("The one guide prints no year at all, so its claims are judged against the latest record." if len(undated) else
                f"The one guide dates itself through its figures ({year}).")
    return (f"{len(guides) - len(undated)} of the {len(guides)} guides date themselves through their figures "
            f"({', '.join(str(y) for y in guides['date_from_figures'].dropna())}); "
            + (", ".join(guide_name(g, titles) for g in undated["guide_file"])
               + " prints no year at all, so its claims are judged against the latest record." if len(undated) else "every guide does."))


def agree(n: int, singular: str = "agrees", plural: str = "agree") -> str:
    """The verb that agrees with a count: ``agree(1)`` -> ``"agrees"``; ``agree(2, "does", "do")`` -> ``"do"``."""
    return singular if n == 1 else plural


def is_are(n: int) -> str:
    """The verb that agrees with a count: ``1`` -> ``"is"``; any other count -> ``"are"``."""
    return "is" if n == 1 else "are"


def tally_text(t, counts, n_guides: int) -> str:
    """The verdicts in two sentences and their detail (``t``: factcheck.Tally; ``counts``: factcheck.verdict_counts;
    ``n_guides``: how many guides the claims come from, counted from the data)."""
    not_as_printed = ", ".join(f"{n} {VERDICT_WORDS[v]}" for v, n in counts.items() if n and factcheck.VERDICT_GROUPS[v] == "disagrees")
    return (f"**Of the {t.claims} claims in the {counted(n_guides, 'guide')}, {t.not_checkable} cannot be checked with our data. Of the other "
            f"{t.checkable}, {t.agreeing} {agree(t.agreeing)} with the record ({report.percent(100 * t.share_agreeing, 0)}): "
            f"{counts['matches_record']} {agree(counts['matches_record'], 'matches', 'match')} it and {counts['rounded']} "
            f"{is_are(counts['rounded'])} correctly rounded.** {t.partly} {is_are(t.partly)} partly supported and {t.disagreeing} "
            f"{agree(t.disagreeing, 'does', 'do')} not hold as printed{f' ({not_as_printed})' if not_as_printed else ''}. The not-checkable claims are left out of every share.")


CHART_GROUP_WORDS = {"agrees": "{colour}: agrees", "partly": "{colour}: partly supported", "disagrees": "{colour}: does not hold as printed",
                     "not_checkable": "{colour}, below the line: cannot be checked with our data, and left out of every share"}


def verdict_chart_key(colours: dict[str, str]) -> str:
    """The verdict chart's subtitle, naming only the groups drawn (``colours``: group -> its colour word, in drawing order):
    a folder without partly supported claims draws no orange, and its key names none."""
    key = "; ".join(CHART_GROUP_WORDS[group].format(colour=colour) for group, colour in colours.items())
    return f"Verdicts against the BLS record of each claim's time. {key[:1].upper()}{key[1:]}."


NO_ROUNDED_WAGE_NOTE = "No pay claim of the guides is a correctly rounded BLS figure, so there is none to trace."
NO_UNDATED_WAGE_NOTE = "No guide prints a checkable yearly pay figure without a year, so no time frame can be compared."
NO_ENTRY_CLAIMS_NOTE = "**No guide makes a claim about the education the job needs, so none is judged by a Handbook edition.**"


def verdict_chart_alt(t, counts, name: str) -> str:
    """The verdict chart's alt text: its finding, from the tally."""
    return (f"Of {t.checkable} checkable claims about {name}, {t.agreeing} {agree(t.agreeing)} with the BLS record "
            f"({counts['matches_record']} {agree(counts['matches_record'], 'matches', 'match')} it, {counts['rounded']} "
            f"{is_are(counts['rounded'])} correctly rounded), {t.partly} {is_are(t.partly)} partly supported "
            f"and {t.disagreeing} {agree(t.disagreeing, 'does', 'do')} not hold as printed; {t.not_checkable} more cannot be checked with this data.")


def restated_text(restated, once) -> str:
    """Pay figures a guide prints twice, once a year and once an hour (``restated``: factcheck.restated_hourly), and the
    tally with each counted once (``once``)."""
    if not restated:
        return "No guide prints the same pay twice, once a year and once an hour, so every printed claim is counted once."
    return (f"{report.counted(len(restated), 'set', 'sets')} of pay figures {is_are(len(restated))} printed twice by the same "
            "guide, once a year and once an hour: " + "; ".join(
                f"“{lower_first(y.claim.claim)}” ({report.guide_line(y.claim.source_key)}) and “{lower_first(h.claim.claim)}” (line "
                f"{h.claim.line})" for y, h in restated)
            + f". Each printing is a claim of its own, on its own line, so every count on this page counts printed claims. Counted "
            f"once each, {once.agreeing} of {once.checkable} checkable claims agree ({report.percent(100 * once.share_agreeing, 0)}).")


def best_and_worst_text(by_guide, titles) -> str:
    """The guides that agree with the record most and least often (``by_guide``: factcheck.tally_by_guide)."""
    best = by_guide.loc[by_guide["share_agreeing_pct"].idxmax()]
    worst = by_guide.loc[by_guide["share_agreeing_pct"].idxmin()]
    shares = by_guide["share_agreeing_pct"].dropna()
    if len(by_guide) > 1 and shares.nunique() == 1:
        return (f"Every guide with checkable claims agrees with the record in the same share of them: "
                f"{report.percent(shares.iloc[0], 0)}.")
    if len(by_guide) == 1:
        return (f"{guide_name(best['guide_file'], titles)} agrees with the record in {best['agreeing']} of its {best['checkable']} "
                f"checkable claims ({report.percent(best['share_agreeing_pct'], 0)}).")
    return (f"{guide_name(best['guide_file'], titles)} agrees with the record in {best['agreeing']} of its {best['checkable']} checkable "
            f"claims ({report.percent(best['share_agreeing_pct'], 0)}); {guide_name(worst['guide_file'], titles)} in {worst['agreeing']} of "
            f"{worst['checkable']} ({report.percent(worst['share_agreeing_pct'], 0)}).")


def strict_shares_text(moved, titles) -> str:
    """Claims whose verdict changes when a printed share's last digit is read as exact (``moved``: factcheck.changed)."""
    if not moved:
        return "No claim changes verdict when a printed share's last digit is read as exact."
    return (f"{report.counted(len(moved), 'claim changes', 'claims change')} verdict when a printed share's last digit is read as exact: "
            + "; ".join(f"{guide_name(a.claim.guide_file, titles)} line {a.claim.line}, “{a.claim.claim}”: {VERDICT_WORDS[a.result.verdict]} "
                        f"(read as {printed_range(a.result, pct)}) becomes {VERDICT_WORDS[b.result.verdict]} "
                        f"(read as {printed_range(b.result, pct)})" for a, b in moved) + ".")


MOST_SHORT = {"plurality": "a plurality", "majority": "a majority"}


def most_readings_text(pairs, titles) -> str:
    """Each "most work in X" claim under both readings (``pairs``: (run under the rules, run under the other reading) of
    each claim); each reading is named from the result it produced."""
    return " ".join(
        f"{guide_name(a.claim.guide_file, titles)} line {a.claim.line}, “{a.claim.claim}”: as {MOST_SHORT[a.result.reading]} "
        f"{VERDICT_WORDS[a.result.verdict]}, as {MOST_SHORT[b.result.reading]} {VERDICT_WORDS[b.result.verdict]} ("
        + "; ".join(f"{m.year}: {report.percent(m.named_pct, 0)}, largest rival {report.percent(m.rival_pct, 0)}" for m in a.result.facts["years"])
        + ")." for a, b in pairs)


def time_frame_text(moved) -> str:
    """Claims whose verdict changes when judged against the latest record instead of their guide's date."""
    if not moved:
        return "Judged against the latest record instead of their guide's date, no claim changes verdict."
    return (f"Judged against the latest record instead of their guide's date, {report.counted(len(moved), 'claim changes', 'claims change')} verdict: "
            + "; ".join(f"“{a.claim.claim}” ({guide_number(a.claim.guide_file)}, line {a.claim.line}) {VERDICT_WORDS[a.result.verdict]} "
                        f"→ {VERDICT_WORDS[b.result.verdict]}" for a, b in moved) + ".")


def partly_text(partly) -> str:
    """The partly supported claims with their evidence (rows of claims.csv)."""
    return (" ".join(f"“{c.claim}” ({guide_number(c.guide_file)}, line {c.line}): {c.evidence}" for c in partly.itertuples())
            or "No claim is partly supported under these rules.")


def questions_text(without_year, mislabelled, two_counts) -> str:
    """Which year, which statistic, which population: three questions to ask of any career statistic, answered from counts."""
    return (
        f"- **Which year?** {without_year.undated} of the {without_year.with_figures} claims that rest on printed figures print no year; "
        f"{undated_agreement_words(without_year)}. The year of that record is one the reader has to work out: the page does not print it.\n"
        f"- **Which statistic?** " + (f"{len(mislabelled)} {'claim is' if len(mislabelled) == 1 else 'claims are'} mislabelled: "
                                      + "; ".join(f"{guide_number(c.guide_file)} line {c.line}" for c in mislabelled.itertuples())
                                      if len(mislabelled) else "No claim is mislabelled") + ".\n"
        f"- **Which population?** " + ("; ".join(
            f"{report.number(r.record_value)} counts {POPULATION[r.facts['population']]}, while the other count for {r.record_year} is "
            f"{report.number(r.facts['other_count'])}" for r in two_counts) or "No claim rests on a count with another count of its year") + ".")


def disagreements_text(groups) -> str:
    """The questions more than one guide answers (``groups``: claims_disagreements grouped by question)."""
    if not len(groups):
        return "No question gets answers from more than one guide."
    return (f"{len(groups)} questions get answers from more than one guide: " + "; ".join(
        f"{lower_first(question_words(q)).rstrip('?')} ({rows['guide_file'].nunique()} guides; verdicts: "
        f"{', '.join(VERDICT_WORDS[v] for v in dict.fromkeys(rows['verdict']))})" for q, rows in groups) + ".")


def visits_text(visits, titles) -> str:
    """The printed figure that is not a claim we check: visits to doctors and hospitals (rows of figures.csv)."""
    return " ".join(
        f"{guide_name(v.guide_file, titles)} line {v.line} says people make “{v.as_printed}” visits to doctors and hospitals a day. "
        "It stays unchecked: none of our reference tables counts patient visits (they count workers, their pay and their jobs), "
        f"and the phrase is an order of magnitude, not a figure. It promises only a floor, at least {report.number(v.value)} a day, "
        f"so even a count of visits could only confirm that floor, and the floor says nothing about the {names().short_name}' work."
        for v in visits.itertuples())


UNCHECKED_KIND_WORDS = {"no_reference_data": "our reference data hold nothing on it", "judgment": "an opinion or impression",
                        "repeats_checked": "repeats what a claim checks", "not_about_the_occupation": "about another job, a school or a program"}


def unchecked_sentences_text(sentences, n_claims: int, n_guides: int) -> str:
    """How many sentences of the guides hold a number or a checkable statement but are no claim we check, and why, by kind
    (``sentences``: guide_unchecked_sentences.csv)."""
    head = (f"Besides the {n_claims} claims, we read every sentence of the {counted(n_guides, 'guide')} that holds a number or a "
            "checkable statement")
    if len(sentences) == 0:
        return f"{head}: each is one of the claims."
    counts = sentences["kind"].value_counts()
    kinds = "; ".join(f"{UNCHECKED_KIND_WORDS[k]}: {counts[k]}" for k in UNCHECKED_KIND_WORDS if k in counts)
    return f"{head}. {report.counted(len(sentences), 'more sentence is', 'more sentences are').capitalize()} no claim we check ({kinds})."


def share_pct(x):
    """A tally's share of agreeing claims in percent (None when nothing is checkable)."""
    return None if x.share_agreeing is None else 100 * x.share_agreeing


def verdicts_finding_text(t, n_guides: int) -> str:
    """The key finding of the fact-check, for readers: whether most checkable claims agree with the record, then how many
    could not be checked (``t``: factcheck.Tally; ``n_guides`` counted from the data). What it depends on is in the register."""
    if not t.checkable:
        return f"None of the {t.claims} claims in the {counted(n_guides, 'guide')} can be checked with the data we hold."
    return (f"{majority_word(t.agreeing, t.checkable).capitalize()} of the claims in the {counted(n_guides, 'guide')} that we could "
            f"check agree with official U.S. labor statistics: {t.agreeing} of {t.checkable} ({report.percent(share_pct(t), 0)})."
            + (f" {counted(t.not_checkable, 'other claim', spell=False).capitalize()} cannot be checked with our data."
               if t.not_checkable else ""))


def undated_finding_text(u, latest) -> str:
    """Claims resting on figures printed without a year, for readers: how many were right for their guide's time
    (``u``: factcheck.undated_agreement), and how many still match the latest record (``latest``: the same under
    Rules(time_frame="latest_record"))."""
    head = f"{report.counted(u.undated, 'claim rests', 'claims rest').capitalize()} on undated figures"
    if u.checkable == 0:
        return f"{head}; none of them can be checked."
    if u.checkable == 1 and latest.checkable == 1:
        return (f"{head}: the one we could check {'was' if u.agreeing else 'was not'} right for its guide's time. "
                f"Against the latest figures, it {'still is' if latest.agreeing else 'is not'}.")
    return (f"{head}: {u.agreeing} of the {u.checkable} we could check were right for their guide's time. "
            f"Against the latest figures, {latest.agreeing} of {latest.checkable} still are.")


def fewer_agree_note(other) -> str:
    """What a finding says instead when fewer than most checkable claims agree under another reading."""
    return f"only {other.agreeing} of {other.checkable} checkable claims agree"


def growth_wording_evidence(result) -> str:
    """The evidence for a growth_wording claim (a factcheck.Result of check_growth_wording): the printed percent against
    the average, as a ratio with the interval its rounding allows; then what it was judged by: the Handbook's own word for
    the same outlook (or, where that edition was not found, the ratios the editions found gave each word), or the
    project's ratio rule."""
    f = result.facts
    text = (f"{report.percent_as_published(result.guide_value)} against {report.percent_as_published(f['all_occupations_pct'])} "
            f"for all occupations in {period(f['vintage'])}: {about_times(f['ratio'])} the average "
            f"({f['ratio_low']:.2f}–{f['ratio_high']:.2f} within rounding).")
    if result.reading == "project_ratio":
        return text + f" Judged by the project's rule: “much faster” from {f['much_faster_ratio']:g} times the average."
    if f["handbook_wording"] is None:
        return (text + f" The Handbook edition for {period(f['vintage'])} was not found; the editions found called "
                f"{times_range(f['faster_ratio_low'], f['faster_ratio_high'])} the average “faster” and "
                f"{times_range(f['much_faster_ratio_low'], f['much_faster_ratio_high'])} “much faster”.")
    return text + f" The Handbook's {f['handbook_edition']} edition called the same outlook “{f['handbook_wording']}”."


# In short, the findings register and the index ----------------------------------------------------------------------------


QUESTIONS = {"pay": "What does it pay?", "growth": "Is it growing?", "entry": "How do people get in?",
             "trust": "Can I trust the guides?"}


def sources_sentence(guides: int, dated: int) -> str:
    """The index's line on the guides: their count and how many print a date, from the rows (never typed)."""
    if dated == 0:
        printed = "none of them prints a date" if guides > 1 else "it prints no date"
    elif dated == guides:
        printed = "each prints a date" if guides > 1 else "it prints a date"
    else:
        printed = f"{count_word(dated)} of them {'prints' if dated == 1 else 'print'} a date"
    return (f"The {counted(guides, 'guide')}, by their title as printed, with the publisher where the text names one and the year of "
            f"their latest figure ({printed}). The file name is how every table refers to a guide.")


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


def period(years: tuple[int, int] | str) -> str:
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
            f"In {p.quartile_year}{code}, the latest year with quartiles in our data, ")
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
    quoted = report.listing([f"{report.percent_as_published(pct)} for {period((start, end))}" for start, end, pct in g.quoted])
    noun = "outlook" if len(g.quoted) == 1 else "outlooks"
    return [first, f"The guides quote {count_word(len(g.quoted))} {older}{noun}: {quoted}."]


def _months(months: tuple[float, float]) -> str:
    low, high = (report.number(m) for m in months)
    return f"{low} months" if low == high else f"{low}–{high} months"


def entry_answer(e) -> list[str]:
    """How do people get in? (an :class:`mrt.insight.Entry`): the Handbook's typical entry, then each route the guides
    name with its typical length of study (a program guide's or a convention, not an official statistic) and yearly
    tuition."""
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
    return [first, f"Routes the guides name, with typical length and published yearly tuition{when}: " + "; ".join(items) + "."]


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


# 05-fact-check: the exercises' own lines, from the claims they work on ------------------------------------------------

NO_SHARED_SHARE_NOTE = "No two guides print a share of the workers in the same setting, so there are no figures to reconcile."


def traced_keys_text(row) -> str:
    """Exercise 5.1's model answer for the claim it traces: what its source_key and record_source_key point to."""
    table, _, key = str(row["record_source_key"]).partition("#")
    return (f"`{row['source_key']}` is line {int(row['line'])} of the guide file `{row['guide_file']}`, where "
            f"{report.money(row['guide_value'])} is printed. `{row['record_source_key']}` is the row `{key}` of the BLS table "
            f"`{table}` in `data/raw/reference/`: its figure, {report.money(row['record_value'])}, rounds to the printed {report.money(row['guide_value'])}.")


def undated_pay_text(at_date, latest) -> str:
    """Exercise 5.4's model answer for the claim it judges: its verdict in both time frames and the sentence its guide
    could have printed (the year it is judged at, the BLS statistic and the printed dollars)."""
    statistic = at_date.result.facts["parts"][0][2]
    return (f"Against the latest record it is `{latest.result.verdict}`; at its guide's date ({at_date.result.judged_at}) it is "
            f"`{at_date.result.verdict}`. The guide could have printed: “In May {at_date.result.judged_at} the {statistic} annual "
            f"wage in this occupation was {report.money(at_date.result.guide_value)} (BLS, Occupational Employment and Wage Statistics).”")
