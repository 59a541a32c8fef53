"""The "In short" answers, the findings register and the index: the questions, the glossary, the method tag (the rules:
:mod:`mrt.words`)."""

from __future__ import annotations

from mrt import report
from mrt.words.common import article, comparison, count_word, counted, direction, names, period


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
