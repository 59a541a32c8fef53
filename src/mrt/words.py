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


def pairs_sentence(changed: int, pairs: int, changed_among: int, among: str, example: str | None) -> str:
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


# In short, the findings register and the index ----------------------------------------------------------------------------


# (the "In short" answers and the findings' display go here)
