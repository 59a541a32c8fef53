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


# (the "In short" answers and the findings' display go here)
