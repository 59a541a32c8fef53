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


# (sentences of notebook 02 go here)


# 03-projections: the outlook --------------------------------------------------------------------------------------------


# (sentences of notebook 03 go here)


# 04-education: routes into the job ----------------------------------------------------------------------------------------


# (sentences of notebook 04 go here)


# 05-fact-check: verdicts and evidence -------------------------------------------------------------------------------------


# (sentences of notebook 05 go here)


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
