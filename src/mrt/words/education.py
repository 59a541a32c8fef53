"""Notebook 04-education's sentences: routes into the job (the rules: :mod:`mrt.words`)."""

from __future__ import annotations

from mrt import report
from mrt.words.common import about_one_in, count_word, counted, modelled_money


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
