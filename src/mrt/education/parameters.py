"""The education model's parameters: each one's label, unit, kind, allowed range and range tried (:data:`PARAMETERS`),
the words that name a value (:func:`phrase`, :func:`range_text`), and the check of given values (:func:`check_parameters`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import difflib
import math
import numbers

from mrt import report


class ParameterError(ValueError):
    """A model parameter refused: the message names the parameter and what was expected."""


# The parameters -----------------------------------------------------------------------------------

KINDS = ("assumption", "convention", "guides and a secondary source", "method", "published figure")
SHOWN = ("years", "months", "percent", "usd", "percentile", "probability", "flag", "year")


@dataclass(frozen=True)
class Parameter:
    label: str  # in words, for tables and charts
    unit: str
    kind: str  # one of KINDS
    why: str  # why this default
    low: float  # allowed range, inclusive
    high: float
    whole: bool = False  # whole numbers only
    flag: bool = False  # True or False
    published: bool = False  # None stands for the published figure (converted to the dollar year)
    chosen: bool = False  # None stands for the value chosen from the data (base_year: the latest year with every input)
    sweep: tuple[float, float] = (0.0, 0.0)  # low and high values tried in the sensitivity analysis
    sweep_scales: bool = False  # the sweep values multiply the value used (tuition, pay)
    shown: str = ""  # how a value reads in words: one of SHOWN
    phrase: str = ""  # the parameter at a value, in a sentence: "a horizon of {}" ({} = value_text); for a flag, when True
    phrase_no: str = ""  # for a flag, when False


# The order is the order of the notebook's parameters cell (a test checks it).
PARAMETERS: dict[str, Parameter] = {
    "horizon_years": Parameter(
        "Horizon", "years", "assumption",
        "long enough for the four-year route to show whether it pays off; a working life is about 45 years, so more than 60 is refused",
        1, 60, whole=True, sweep=(10, 40), shown="years", phrase="a horizon of {}"),
    "discount_rate_pct": Parameter(
        "Discount rate", "percent a year, above inflation", "assumption",
        "the lower of the two real rates U.S. federal cost-benefit analysis used for two decades (3% and 7%, OMB Circular A-4, 2003)",
        0, 30, sweep=(0, 7), shown="percent", phrase="a discount rate of {}"),
    "annual_real_raise_pct": Parameter(
        "Yearly raise", "percent a year, above inflation", "assumption",
        "modest pay growth with experience; no source gives it for this occupation", -10, 10, sweep=(0, 2), shown="percent", phrase="a yearly raise of {}"),
    "study_work_share": Parameter(
        "Part-time work while studying", "share of the shortest route's starting pay, 0-1", "assumption",
        "0 = studying full time with no paid work", 0, 1, sweep=(0, 0.5), shown="probability", phrase="part-time work while studying worth {} of the starting pay"),
    "unemployment_risk": Parameter(
        "Unemployment risk", "True or False", "assumption",
        "False = paid every month; True = pay times the employment rate of the route's education level (BLS 'Education pays')",
        0, 1, flag=True, sweep=(0, 1), shown="flag", phrase="unemployment risk", phrase_no="no unemployment risk"),
    "certificate_months": Parameter(
        "Certificate: months of study", "months", "guides and a secondary source",
        "a full-time certificate program's length; the guides' own figures are in section 1 and the program lengths in education_costs_and_pay.csv", 0, 120, sweep=(6, 18), shown="months", phrase="a certificate of {}"),
    "associate_months": Parameter(
        "Associate's degree: months of study", "months", "convention", "the conventional full-time length", 0, 120, sweep=(18, 36), shown="months", phrase="an associate's degree of {}"),
    "bachelor_months": Parameter(
        "Bachelor's degree: months of study", "months", "convention", "the conventional four years of full-time study", 0, 120,
        sweep=(36, 72), shown="months", phrase="a bachelor's degree of {}"),
    "two_year_tuition_usd_per_year": Parameter(
        "Two-year college tuition", "dollars a year, in the dollar year", "published figure",
        "College Board: public two-year college, in-district tuition and fees, converted with CPI-U", 0, 200_000, published=True,
        sweep=(0, 3), sweep_scales=True, shown="usd", phrase="two-year college tuition of {} a year"),
    "four_year_tuition_usd_per_year": Parameter(
        "Four-year college tuition", "dollars a year, in the dollar year", "published figure",
        "College Board: public four-year college, in-state tuition and fees, converted with CPI-U", 0, 200_000, published=True,
        sweep=(0, 3), sweep_scales=True, shown="usd", phrase="four-year college tuition of {} a year"),
    "hs_start_percentile": Parameter(
        "High school route: starting percentile", "percentile of the occupation's pay", "assumption",
        "without a credential one is assumed to start near the bottom (the BLS 10th percentile); no source gives pay by education "
        "within the occupation", 1, 99, sweep=(5, 20), shown="percentile", phrase="the high school route starting at {}"),
    "certificate_start_percentile": Parameter(
        "Certificate: starting percentile", "percentile of the occupation's pay", "assumption",
        "a credential is assumed to start higher; no source gives it", 1, 99, sweep=(15, 35), shown="percentile", phrase="the certificate starting at {}"),
    "associate_start_percentile": Parameter(
        "Associate's degree: starting percentile", "percentile of the occupation's pay", "assumption",
        "a longer credential is assumed to start higher still; no source gives it", 1, 99, sweep=(25, 45), shown="percentile", phrase="the associate's degree starting at {}"),
    "bachelor_start_percentile": Parameter(
        "Bachelor's degree: starting percentile", "percentile of the occupation's pay", "assumption",
        "as the associate's degree until promotion; no source gives it", 1, 99, sweep=(25, 45), shown="percentile", phrase="the bachelor's degree starting at {}"),
    "promotion_probability": Parameter(
        "Chance of promotion", "probability, 0-1", "assumption",
        "no source gives the chance that a worker with a bachelor's degree moves up; 0.5 says 'as likely as not', and the "
        "notebook reports 0, 1 and the break-even chance beside it", 0, 1, sweep=(0, 1), shown="probability", phrase="a chance of promotion of {}"),
    "years_to_promotion": Parameter(
        "Years of work before promotion", "years", "assumption", "no source gives it", 0, 60, sweep=(2, 15), shown="years", phrase="promotion after {} of work"),
    "promoted_pay_usd_per_year": Parameter(
        "Pay after promotion", "dollars a year, in the dollar year", "published figure",
        "the median pay of the occupation above (occupation.toml: advancement), converted with CPI-U", 0, 1_000_000, published=True,
        sweep=(0.75, 1.25), sweep_scales=True, shown="usd", phrase="pay after promotion of {} a year"),
    "promoted_ramp_years": Parameter(
        "Years to reach the full pay after promotion", "years", "assumption",
        "a newly promoted worker does not earn the full pay of the job above at once; no source gives how fast it comes, so pay "
        "rises in equal yearly steps from the pay they had to the full pay in this many years (0 or 1 = at once)",
        0, 30, sweep=(0, 10), shown="years", phrase="the full pay after promotion reached in {}"),
    "promotion_share": Parameter(
        "Chance of promotion on the other routes", "share of the route up's chance, 0-1", "assumption",
        "the route up is taken as the way to the occupation above (occupation.toml); 0 = only the route up is promoted, "
        "1 = every route as often, after the same years of work",
        0, 1, sweep=(0, 1), shown="probability", phrase="the other routes promoted at {} of the route up's chance"),
    "pay_through_median": Parameter(
        "Pay curve through the published median", "True or False", "method",
        "True = a split lognormal through the published 10th percentile, median and 90th percentile of the year used (exact at all "
        "three; needs a published median); False = a lognormal fitted to the 10th and 90th percentiles and the mean, which puts the "
        "median too high in every BLS year that publishes one (notebook 02)",
        0, 1, flag=True, sweep=(0, 1), shown="flag",
        phrase="the pay curve through the published median", phrase_no="a lognormal pay curve fitted to p10, p90 and the mean"),
    "base_year": Parameter(
        "Year of the published inputs", "year", "method",
        "the year whose pay distribution, tuition and unemployment rates the model uses (the pay after promotion: the latest "
        "published by then); None = the latest year for which the data give them all",
        1990, 2100, whole=True, chosen=True, shown="year", phrase="the inputs of {}"),
}
NOT_VARIED = ("base_year",)  # chosen, never varied: another year is another set of published inputs, not an assumption
STUDY_MONTHS = ("certificate_months", "associate_months", "bachelor_months")


def ordinal(value: float) -> str:
    """``1`` -> ``1st``, ``22`` -> ``22nd``, ``13`` -> ``13th``, ``32.76`` -> ``32.8th``."""
    if not float(value).is_integer():
        return f"{value:.1f}th"
    whole = int(value)
    suffix = "th" if whole % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(whole % 10, "th")
    return f"{whole}{suffix}"


def value_text(name: str, value) -> str:
    """A parameter value in words: ``20 years``, ``3%``, ``$4,556``, ``the 35th percentile``, ``50%``, ``yes``."""
    shown = PARAMETERS[name].shown
    if shown == "flag":
        return "yes" if value else "no"
    if shown == "usd":
        return report.money(value)
    if shown == "percentile":
        return f"the {ordinal(round(float(value), 1))} percentile"
    if shown in ("percent", "probability"):
        share = float(value) * (100 if shown == "probability" else 1)
        return report.percent(share, 0 if round(share, 1).is_integer() else 1)
    if shown == "year":
        return f"{int(value)}"
    unit = {"years": " years", "months": " months"}[shown]
    return f"{report.number(value, 0 if round(float(value), 1).is_integer() else 1)}{unit}"


def phrase(name: str, value) -> str:
    """A parameter at a value, as a sentence names it: ``a horizon of 10 years``, ``unemployment risk``."""
    spec = PARAMETERS[name]
    if spec.flag:
        return spec.phrase if value else spec.phrase_no
    return spec.phrase.format(value_text(name, value))


def range_text(name: str, low: float, high: float) -> str:
    """A tested range in words, the unit once: ``10–40 years``, ``0–7%``, ``$0–$13,668``, ``the 15th–35th percentile``."""
    shown = PARAMETERS[name].shown
    first, last = value_text(name, low), value_text(name, high)
    if shown == "flag":
        return f"{first} and {last}"
    if shown == "percentile":
        return f"{first.removesuffix(' percentile')}–{last.removeprefix('the ')}"
    if shown in ("years", "months"):
        return f"{first.removesuffix(' ' + shown)}–{last}"
    if shown in ("percent", "probability"):
        return f"{first.removesuffix('%')}–{last}"
    return f"{first}–{last}"


def expected(spec: Parameter) -> str:
    """What a parameter accepts, in words."""
    if spec.flag:
        return "True or False"
    kind = "a whole number" if spec.whole else "a finite number"
    text = f"{kind} from {spec.low:g} to {spec.high:g} ({spec.unit})"
    if spec.chosen:
        return text + ", or None for the latest year the data give every input"
    return text + ", or None for the published figure" if spec.published else text


def _problem(name: str, value) -> str | None:
    spec = PARAMETERS[name]
    if spec.flag:
        ok = isinstance(value, bool)
    elif value is None:
        ok = spec.published or spec.chosen
    else:
        ok = (isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)
              and spec.low <= value <= spec.high and (not spec.whole or float(value).is_integer()))
    return None if ok else f"parameter {name!r}: expected {expected(spec)}, got {value!r}"


def check_parameters(values: Mapping[str, object]) -> None:
    """Refuse unknown names and out-of-range values; the message names every parameter refused and what it expects.

    Called before anything is written (the notebook's first cell after the parameters, and ``run.py education``).
    """
    problems = []
    for name in values:
        if name not in PARAMETERS:
            close = difflib.get_close_matches(name, list(PARAMETERS))
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"unknown parameter {name!r}{hint}; the parameters are: {', '.join(PARAMETERS)}")
    problems += [p for p in (_problem(n, v) for n, v in values.items() if n in PARAMETERS) if p]
    if problems:
        raise ParameterError("\n".join(problems))
    horizon = values.get("horizon_years")
    if horizon is not None:
        problems = [f"parameter {n!r}: expected fewer months of study than the horizon ({horizon * 12:g} months), got {values[n]!r}"
                    for n in STUDY_MONTHS if n in values and values[n] >= horizon * 12]
    if problems:
        raise ParameterError("\n".join(problems))


def resolve(given: Mapping[str, object], published: Mapping[str, float]) -> dict:
    """The values the model uses: every parameter checked, ``None`` replaced by its published figure (or, for the year of
    the inputs, the year chosen: ``published["base_year"]``, which :func:`model_data` gives)."""
    missing = [n for n in PARAMETERS if n not in given]
    if missing:
        raise ParameterError(f"parameters missing: {missing}")
    check_parameters(given)
    return {n: published[n] if given[n] is None else given[n] for n in PARAMETERS}
