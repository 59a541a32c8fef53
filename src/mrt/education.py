"""Education routes: what the guides say, and a transparent model of time, money and pay.

The model follows one person month by month over a horizon. On each route they study for some
months (paying tuition, earning only what part-time work brings), then work in the occupation
starting at a chosen percentile of the occupation's pay distribution, with a yearly real raise.
On the route up (``occupation.toml``: ``advancement``) they may move to the pay of the occupation
above after some years of work: a *probability*, so the route's pay is an expected value,
``(1 - p) x the occupation's pay + p x promoted pay`` once promotion is possible. The other routes may
move up too, with a share of that chance (``promotion_share``, 0 by default), and the
promoted pay rises from one's own pay to the full pay over ``promoted_ramp_years``. With
``unemployment_risk`` every route's pay is multiplied by the employment rate of its education
level (BLS "Education pays"). Routes are ranked by present value (pay minus tuition, discounted);
the cumulative chart, the break-even years and the margins all use that same basis.

Every number is in dollars of one year (``occupation.current().dollar_year``): published pay and
tuition are converted with CPI-U by :func:`model_data`. The occupation's pay is a curve through the published
figures of one BLS year; ``pay_through_median`` chooses which curve (:data:`PAY_CURVES`).

What a headline depends on is derived by one rule, :func:`flips_in_range`: every parameter whose
break-even (the value at which the leader changes) lies inside the range tested for it. Assumptions
also change the answer together: :func:`draw_assumption_sets` draws every parameter at once over its
range (seeded), and the model ranks a route first only if it leads in at least :data:`RANK_SHARE` of
the sets (:func:`ranked_first`); otherwise it cannot rank the routes.

This module returns numbers, route keys and the phrases that name a parameter's value
(:func:`phrase`, :func:`flip_phrase`); the notebook composes the sentences.
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mrt import report
from mrt.occupation import COMPARABLE
from mrt.vocab import ENTRY_STANCES
from mrt.wages import Lognormal, SplitLognormal, fit_quantiles_and_mean


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


# The model ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Route:
    key: str
    label: str
    study_months: float
    tuition_usd_per_year: float
    start_percentile: float
    unemployment_rate_pct: float = 0.0
    promotion_after_years: float | None = None  # None: never promoted
    promotion_probability: float = 1.0


@dataclass(frozen=True)
class Assumptions:
    horizon_years: int = 20
    discount_rate_pct: float = 3.0
    annual_real_raise_pct: float = 1.0
    study_work_share: float = 0.0  # share of the shortest route's starting pay earned by part-time work while studying
    promoted_pay_usd_per_year: float = 0.0  # the full pay after promotion
    promoted_ramp_years: float = 0.0  # years of equal steps from the pay one had to the full pay (0 or 1: at once)


def promoted_pay(years_promoted, own_pay, assumptions: Assumptions):
    """Pay after promotion in each whole year since promotion (0 = the first): in year ``k`` the pay one had plus
    ``min(1, (k + 1) / promoted_ramp_years)`` of the way to the full pay, so the full pay is reached in year
    ``promoted_ramp_years`` (in the first year when that is 0 or 1)."""
    full = float(assumptions.promoted_pay_usd_per_year)
    ramp = float(assumptions.promoted_ramp_years)
    progress = np.ones(np.shape(years_promoted)) if ramp <= 1 else np.minimum(1.0, (np.asarray(years_promoted, dtype=float) + 1) / ramp)
    return own_pay + (full - own_pay) * progress


def _monthly(route: Route, assumptions: Assumptions, pay: Lognormal, shortest_start_pay: float) -> dict[str, np.ndarray]:
    """Month-by-month arrays of one route: the one computation behind :func:`monthly_path` and :func:`present_values`."""
    months = np.arange(assumptions.horizon_years * 12)
    study_fraction = np.clip(route.study_months - months, 0, 1)  # a fractional last month is part study, part work
    years_working = np.floor(np.clip(months - route.study_months, 0, None) / 12)
    own_pay = pay.quantile(route.start_percentile / 100) * (1 + assumptions.annual_real_raise_pct / 100) ** years_working
    if route.promotion_after_years is not None:
        since = months - route.study_months - route.promotion_after_years * 12  # months since promotion became possible
        p = route.promotion_probability
        higher = promoted_pay(np.floor(np.clip(since, 0, None) / 12), own_pay, assumptions)
        own_pay = np.where(since >= 0, (1 - p) * own_pay + p * higher, own_pay)
    employed = 1 - route.unemployment_rate_pct / 100
    part_time = employed * assumptions.study_work_share * shortest_start_pay / 12 * study_fraction
    earned = employed * own_pay / 12 * (1 - study_fraction) + part_time
    tuition = route.tuition_usd_per_year / 12 * study_fraction
    discount = (1 + assumptions.discount_rate_pct / 100) ** (-(months / 12))
    return {"month": months, "study_fraction": study_fraction, "part_time_usd": part_time, "pay_usd": earned, "tuition_usd": tuition,
            "net_usd": earned - tuition, "net_present_usd": (earned - tuition) * discount}


def monthly_path(route: Route, assumptions: Assumptions, pay: Lognormal, shortest_start_pay: float) -> pd.DataFrame:
    """Month-by-month expected pay, tuition and net earnings of one route."""
    arrays = _monthly(route, assumptions, pay, shortest_start_pay)
    return pd.DataFrame({"route": route.key, "month": arrays["month"], "year": arrays["month"] // 12 + 1,
                         **{k: v for k, v in arrays.items() if k != "month"}})


def shortest_route(routes: list[Route]) -> Route:
    return min(routes, key=lambda r: (r.study_months, r.tuition_usd_per_year))


def break_even_year(own: pd.Series, base: pd.Series) -> int | None:
    """The first year from which ``own`` stays at or above ``base`` to the end (None if never)."""
    ahead = (own >= base - 1e-6).to_numpy()
    stays = np.logical_and.accumulate(ahead[::-1])[::-1]
    return int(own.index[stays.argmax()]) if stays.any() else None


def rank_with_margins(summary: pd.DataFrame) -> pd.DataFrame:
    """Rank by present value (1 = highest) and each route's lead over the route ranked just below it, in dollars and percent."""
    ordered = summary.sort_values("net_present_value_usd", ascending=False, kind="stable")
    pv = ordered["net_present_value_usd"]
    below = pv.shift(-1)
    lead = pv - below
    out = summary.copy()
    out["rank_by_present_value"] = pv.rank(ascending=False, method="min").astype(int)
    out["lead_over_next_usd"] = lead.astype("Float64")
    out["lead_over_next_pct"] = (100 * lead / below).where(below > 0).astype("Float64")
    return out


def compare_routes(routes: list[Route], assumptions: Assumptions, pay: Lognormal) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Yearly cumulative paths, and one row per route: totals, present value, rank and margins."""
    if not routes:
        raise ParameterError("parameter 'routes': expected at least one route, got none")
    shortest = shortest_route(routes)
    shortest_start = pay.quantile(shortest.start_percentile / 100)
    monthly = {r.key: monthly_path(r, assumptions, pay, shortest_start) for r in routes}
    yearly = pd.concat(monthly.values()).groupby(["route", "year"], sort=False)[
        ["pay_usd", "tuition_usd", "net_usd", "net_present_usd"]].sum().reset_index()
    yearly["cumulative_net_usd"] = yearly.groupby("route")["net_usd"].cumsum()
    yearly["cumulative_net_present_usd"] = yearly.groupby("route")["net_present_usd"].cumsum()
    base = yearly[yearly["route"] == shortest.key].set_index("year")["cumulative_net_present_usd"]
    rows = []
    for r in routes:
        own = yearly[yearly["route"] == r.key].set_index("year")
        # what the shortest route earns during this route's study, less what this route earns by part-time work then
        forgone = float((monthly[shortest.key]["pay_usd"] * monthly[r.key]["study_fraction"]).sum() - monthly[r.key]["part_time_usd"].sum())
        rows.append({"route": r.key, "label": r.label, "study_months": float(r.study_months), "tuition_total_usd": own["tuition_usd"].sum(),
                     "earnings_forgone_usd": forgone, "start_percentile": float(r.start_percentile),
                     "start_pay_usd_per_year": pay.quantile(r.start_percentile / 100),
                     "promotion_probability": None if r.promotion_after_years is None else float(r.promotion_probability),
                     "unemployment_rate_pct": float(r.unemployment_rate_pct),
                     "cumulative_net_usd": own["cumulative_net_usd"].iloc[-1], "net_present_value_usd": own["cumulative_net_present_usd"].iloc[-1],
                     "present_value_vs_shortest_usd": own["cumulative_net_present_usd"].iloc[-1] - base.iloc[-1],
                     "break_even_year_vs_shortest": break_even_year(own["cumulative_net_present_usd"], base)})
    summary = pd.DataFrame(rows)
    summary["promotion_probability"] = summary["promotion_probability"].astype("Float64")
    summary["break_even_year_vs_shortest"] = summary["break_even_year_vs_shortest"].astype("Int64")
    return yearly, rank_with_margins(summary)


# From parameters to routes -----------------------------------------------------------------------

HS, CERTIFICATE, ASSOCIATE, ADVANCEMENT = "hs_diploma_on_the_job", "postsecondary_certificate", "associate_degree", "bachelor_degree"
MODEL_ROUTES = (HS, CERTIFICATE, ASSOCIATE, ADVANCEMENT)
ENTRY_ROUTES = (HS, CERTIFICATE, ASSOCIATE)
ROUTE_LABELS = {HS: "High school diploma, then training on the job", CERTIFICATE: "Postsecondary certificate", ASSOCIATE: "Associate's degree"}
# The BLS "Education pays" group whose unemployment rate stands for each route. A certificate is not a degree:
# BLS counts its holders with "some college, no degree".
EDUCATION_LEVEL = {HS: "high school diploma", CERTIFICATE: "some college, no degree", ASSOCIATE: "associate's degree",
                   ADVANCEMENT: "bachelor's degree"}


# The two curves of the occupation's pay, by the value of ``pay_through_median``.
PAY_CURVES = {True: "a split lognormal through the published 10th percentile, median and 90th percentile",
              False: "a lognormal fitted to the 10th and 90th percentiles and the mean"}


@dataclass(frozen=True)
class ModelData:
    """What the published record gives the model, in dollars of ``dollar_year``."""

    pay: Mapping[bool, Lognormal | SplitLognormal]  # the occupation's pay by the value of pay_through_median (PAY_CURVES)
    unemployment_rate_pct: Mapping[str, float]  # by route
    published: Mapping[str, float]  # parameter -> published figure, converted
    advancement_label: str
    dollar_year: int
    base_year: int


def build_routes(params: Mapping[str, object], data: ModelData) -> list[Route]:
    """The four modelled routes from resolved parameter values."""
    if params["unemployment_risk"] and not data.unemployment_rate_pct:
        raise ParameterError(f"parameter 'unemployment_risk': expected False, as education_costs_and_pay.csv gives no unemployment "
                             f"rates for {data.base_year}, got True")

    def rate(key: str) -> float:
        return float(data.unemployment_rate_pct[key]) if params["unemployment_risk"] else 0.0

    # every route can move up after the same years of work; the routes that stay in the job at a share of the route up's chance
    chance = float(params["promotion_probability"]) * float(params["promotion_share"])
    up = (params["years_to_promotion"], chance) if chance > 0 else (None, 1.0)
    return [
        Route(HS, ROUTE_LABELS[HS], 0, 0, params["hs_start_percentile"], rate(HS), *up),
        Route(CERTIFICATE, ROUTE_LABELS[CERTIFICATE], params["certificate_months"], params["two_year_tuition_usd_per_year"],
              params["certificate_start_percentile"], rate(CERTIFICATE), *up),
        Route(ASSOCIATE, ROUTE_LABELS[ASSOCIATE], params["associate_months"], params["two_year_tuition_usd_per_year"],
              params["associate_start_percentile"], rate(ASSOCIATE), *up),
        Route(ADVANCEMENT, data.advancement_label, params["bachelor_months"], params["four_year_tuition_usd_per_year"],
              params["bachelor_start_percentile"], rate(ADVANCEMENT), params["years_to_promotion"], params["promotion_probability"]),
    ]


def assumptions_from(params: Mapping[str, object]) -> Assumptions:
    return Assumptions(horizon_years=int(params["horizon_years"]), discount_rate_pct=float(params["discount_rate_pct"]),
                       annual_real_raise_pct=float(params["annual_real_raise_pct"]), study_work_share=float(params["study_work_share"]),
                       promoted_pay_usd_per_year=float(params["promoted_pay_usd_per_year"]),
                       promoted_ramp_years=float(params["promoted_ramp_years"]))


def pay_curve(params: Mapping[str, object], data: ModelData):
    """The curve of the occupation's pay that ``params`` choose (``pay_through_median``); refused when the record cannot give it."""
    through_median = bool(params["pay_through_median"])
    if through_median not in data.pay:
        raise ParameterError(f"parameter 'pay_through_median': expected False, as bls_wages.csv publishes no median for "
                             f"{data.base_year} ({PAY_CURVES[True]} needs one), got True")
    return data.pay[through_median]


# evaluate() is called with the same values many times over (the sensitivity table, the break-even table for each
# ranking, the scenarios): each result is kept, by the ModelData object and the exact values with their types (an
# int and a float of the same value give tables of different types), and a copy handed out.
_EVALUATED: dict[tuple, tuple[ModelData, pd.DataFrame, pd.DataFrame]] = {}
_EVALUATED_MOST = 4096  # results kept (each a few kilobytes); the cache is emptied when it is full


def _values_key(params: Mapping[str, object]) -> tuple | None:
    """The parameter values with their types, as a dictionary key; None when a value cannot be one."""
    key = tuple((name, type(value), value) for name, value in params.items())
    try:
        hash(key)
    except TypeError:
        return None
    return key


def evaluate(params: Mapping[str, object], data: ModelData) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Yearly paths and the summary of every route under ``params`` (resolved values; checked here)."""
    check_parameters(params)
    values = _values_key(params)
    key = None if values is None else (id(data), values)
    kept = _EVALUATED.get(key) if key is not None else None
    if kept is not None and kept[0] is data:
        return kept[1].copy(), kept[2].copy()
    yearly, summary = compare_routes(build_routes(params, data), assumptions_from(params), pay_curve(params, data))
    if key is not None:
        if len(_EVALUATED) >= _EVALUATED_MOST:
            _EVALUATED.clear()
        _EVALUATED[key] = (data, yearly.copy(), summary.copy())
    return yearly, summary


def _present_values(params: Mapping[str, object], data: ModelData) -> dict[str, float]:
    """:func:`present_values` as a plain dictionary, route -> present value (for the loops that compute it thousands of times)."""
    check_parameters(params)
    routes, assumptions, pay = build_routes(params, data), assumptions_from(params), pay_curve(params, data)
    shortest_start = pay.quantile(shortest_route(routes).start_percentile / 100)
    return {r.key: float(_monthly(r, assumptions, pay, shortest_start)["net_present_usd"].sum()) for r in routes}


def present_values(params: Mapping[str, object], data: ModelData) -> pd.Series:
    """Each route's present value under ``params`` (checked), by route: what :func:`evaluate` ranks, without its tables
    (the joint analysis computes it thousands of times)."""
    return pd.Series(_present_values(params, data), name="net_present_value_usd").rename_axis("route")


def _leader(pv: Mapping[str, float], among: tuple[str, ...]) -> str:
    """The route of ``among`` with the highest present value, the first listed on a tie: what
    ``pd.Series(pv)[list(among)].idxmax()`` gives, without building a Series (NaN values are left to pandas)."""
    values = [pv[route] for route in among]
    if any(math.isnan(v) for v in values):
        return str(pd.Series(pv)[list(among)].idxmax())
    return among[max(range(len(among)), key=values.__getitem__)]


def tried_parameters(data: ModelData) -> list[str]:
    """The parameters the sensitivity analysis moves: all of them but the year of the inputs, less ``pay_through_median``
    when the record gives one curve and ``unemployment_risk`` when it gives no unemployment rates."""
    given = {"pay_through_median": len(data.pay) > 1, "unemployment_risk": bool(data.unemployment_rate_pct)}
    return [name for name in PARAMETERS if name not in NOT_VARIED and given.get(name, True)]


def with_value(params: Mapping[str, object], name: str, value: float) -> dict:
    """``params`` with one parameter changed (a flag takes True/False)."""
    return {**params, name: bool(value) if PARAMETERS[name].flag else value}


# Who wins, by how much, and what it would take to change that ------------------------------------

def margin(summary: pd.DataFrame, route: str, among: tuple[str, ...] = MODEL_ROUTES) -> float:
    """Present value of ``route`` minus the best of the other routes in ``among`` (negative: it does not lead)."""
    pv = summary.set_index("route")["net_present_value_usd"]
    return float(pv[route] - pv[[r for r in among if r != route]].max())


def _margin(pv: Mapping[str, float], route: str, among: tuple[str, ...] = MODEL_ROUTES) -> float:
    """:func:`margin` from a dictionary of present values by route (:func:`_present_values`)."""
    best_other = max((pv[r] for r in among if r != route and not math.isnan(pv[r])), default=math.nan)  # NaN skipped, as pandas does
    return float(pv[route] - best_other)


def lead_pct(summary: pd.DataFrame, route: str, among: tuple[str, ...] = MODEL_ROUTES) -> float | None:
    """:func:`margin` as a percentage of the best other route's present value (None if that is not positive)."""
    lead = margin(summary, route, among)
    rival = float(summary.set_index("route")["net_present_value_usd"][route]) - lead
    return 100 * lead / rival if rival > 0 else None


def winner(summary: pd.DataFrame, among: tuple[str, ...] = MODEL_ROUTES) -> str:
    """The route with the highest present value among ``among`` (the first listed on a tie)."""
    pv = summary.set_index("route")["net_present_value_usd"]
    return str(pv[list(among)].idxmax())


def promotion_break_even(params: Mapping[str, object], data: ModelData) -> float | None:
    """The chance of promotion at which the route up ties the best other route.

    Expected pay is linear in the probability, so the present value is too:
    ``p* = (best other - PV at p=0) / (PV at p=1 - PV at p=0)``. Below 0 the route leads even
    without promotion; above 1 it cannot lead. None when promotion does not change its value.
    When the other routes move up too (``promotion_share`` above 0) their values change with the chance
    as well: then the tie between 0 and 1 (:func:`_promotion_tie`), None if there is none.
    """
    if float(params["promotion_share"]) > 0:
        return _promotion_tie(params, data)
    pv0 = evaluate(with_value(params, "promotion_probability", 0.0), data)[1]
    pv1 = evaluate(with_value(params, "promotion_probability", 1.0), data)[1]
    at0 = pv0.set_index("route")["net_present_value_usd"]
    gain = pv1.set_index("route")["net_present_value_usd"][ADVANCEMENT] - at0[ADVANCEMENT]
    if gain == 0:
        return None
    best_other = at0.drop(ADVANCEMENT).max()
    return float((best_other - at0[ADVANCEMENT]) / gain)


def _promotion_tie(params: Mapping[str, object], data: ModelData) -> float | None:
    """The break-even chance when the other routes are promoted too (their values then move with the chance as well):
    the chance between 0 and 1 at which the route up ties the best other route (Brent's method), None if there is none."""
    from scipy.optimize import brentq  # deferred: scipy loads only when a model is fitted

    def lead(p: float) -> float:
        return margin(evaluate(with_value(params, "promotion_probability", p), data)[1], ADVANCEMENT)

    if lead(0.0) * lead(1.0) > 0:
        return None
    return float(brentq(lead, 0.0, 1.0))


PROMOTION_VERDICTS = ("always", "never", "at least", "at most")


def promotion_verdict(params: Mapping[str, object], data: ModelData) -> tuple[str, float | None]:
    """Whether the route up leads the others at every chance of promotion ("always"), at none ("never"), or only from
    the break-even chance up ("at least") or up to it ("at most", when the promoted pay is below the occupation's);
    with the break-even chance (None for "always" and "never")."""
    leads = [margin(evaluate(with_value(params, "promotion_probability", p), data)[1], ADVANCEMENT) >= 0 for p in (0.0, 1.0)]
    if leads[0] == leads[1]:
        return ("always" if leads[0] else "never"), None
    return ("at most" if leads[0] else "at least"), promotion_break_even(params, data)


def first_promotion_year(params: Mapping[str, object]) -> int:
    """The year of the horizon (1 = the first after high school) in which promotion first becomes possible."""
    return int((params["bachelor_months"] + 12 * params["years_to_promotion"]) // 12) + 1


def promotion_band(params: Mapping[str, object], data: ModelData) -> pd.DataFrame:
    """The route up's cumulative present value by year if never promoted (``low``) and if promoted for sure (``high``)."""
    paths = [evaluate(with_value(params, "promotion_probability", p), data)[0] for p in (0.0, 1.0)]
    low, high = (path[path["route"] == ADVANCEMENT].reset_index(drop=True) for path in paths)
    return pd.DataFrame({"year": low["year"], "low": low["cumulative_net_present_usd"], "high": high["cumulative_net_present_usd"]})


def tie(params: Mapping[str, object], data: ModelData, name: str, route: str, rival: str, low: float, high: float) -> float | None:
    """The value of ``name`` between ``low`` and ``high`` at which ``route`` and ``rival`` have the same present value
    (None if one stays ahead over the whole range)."""
    from scipy.optimize import brentq  # deferred: scipy loads only when a model is fitted

    def gap(value: float) -> float:
        pv = evaluate(with_value(params, name, value), data)[1].set_index("route")["net_present_value_usd"]
        return float(pv[route] - pv[rival])

    if gap(low) * gap(high) > 0:
        return None
    return float(brentq(gap, low, high))


def break_even(params: Mapping[str, object], data: ModelData, name: str, route: str, toward: float,
               among: tuple[str, ...] = MODEL_ROUTES) -> float | None:
    """The value of ``name``, between its value in ``params`` and ``toward``, at which ``route`` stops leading ``among``.

    Whole-number parameters give the first whole value at which it no longer leads; True/False parameters ``toward``
    itself; others the value where it ties (Brent's method on the margin). None if it leads at ``toward`` too.
    """
    from scipy.optimize import brentq  # deferred: scipy loads only when a model is fitted

    spec = PARAMETERS[name]
    start = float(params[name])

    def lead(value: float) -> float:  # :func:`margin` from the present values alone (no tables: Brent's method calls it often)
        return _margin(_present_values(with_value(params, name, value), data), route, among)

    if lead(toward) >= 0:
        return None
    if spec.flag:
        return float(toward)
    if spec.whole:
        step = 1 if toward > start else -1
        return float(next(v for v in range(int(start) + step, int(toward) + step, step) if lead(v) < 0))
    return float(brentq(lead, start, toward))


def sweep_values(name: str, params: Mapping[str, object]) -> tuple[float, float]:
    """The low and high values the sensitivity analysis tries for one parameter."""
    spec = PARAMETERS[name]
    low, high = spec.sweep
    if spec.sweep_scales:
        return low * float(params[name]), high * float(params[name])
    # only values the model accepts together with the others: study ends within the horizon
    if name in STUDY_MONTHS and params.get("horizon_years") is not None:
        high = min(high, float(params["horizon_years"]) * 12 - 1)
    if name == "horizon_years":
        longest = max((float(params[n]) for n in STUDY_MONTHS if params.get(n) is not None), default=0.0)
        low = max(low, math.floor(longest / 12) + 1)
    return float(low), float(high)


ALL_ROUTES, STAYING_ROUTES = "all routes", "routes that stay in the job"  # the two rankings: every route, and the routes that stay in the job
RANKINGS = {ALL_ROUTES: MODEL_ROUTES, STAYING_ROUTES: ENTRY_ROUTES}


def scenarios(params: Mapping[str, object], data: ModelData, changes: Mapping[str, Mapping[str, object]]) -> pd.DataFrame:
    """One row per named scenario (parameters changed from ``params``): the best route and its lead over the next,
    overall and among the routes that stay in the job; the lead of the routes that lead under ``params`` (negative when they no
    longer do); and where the route up ranks."""
    default = evaluate(params, data)[1]
    leader, entry_leader = winner(default), winner(default, ENTRY_ROUTES)
    rows = []
    for scenario, changed in changes.items():
        values = dict(params)
        for name, value in changed.items():
            values = with_value(values, name, value)
        summary = evaluate(values, data)[1]
        by_route = summary.set_index("route")
        best, best_entry = winner(summary), winner(summary, ENTRY_ROUTES)
        rows.append({"scenario": scenario, "best_route": best, "best_route_lead_usd": margin(summary, best),
                     "best_route_lead_pct": lead_pct(summary, best), "best_entry_route": best_entry,
                     "best_entry_lead_usd": margin(summary, best_entry, ENTRY_ROUTES),
                     "best_entry_lead_pct": lead_pct(summary, best_entry, ENTRY_ROUTES),
                     "default_leader_lead_usd": margin(summary, leader),
                     "default_entry_leader_lead_usd": margin(summary, entry_leader, ENTRY_ROUTES),
                     "advancement_rank": int(by_route.loc[ADVANCEMENT, "rank_by_present_value"]),
                     "advancement_present_value_usd": float(by_route.loc[ADVANCEMENT, "net_present_value_usd"])})
    frame = pd.DataFrame(rows)
    for column in ("best_route_lead_pct", "best_entry_lead_pct"):
        frame[column] = frame[column].astype("Float64")
    return frame


def sensitivity(params: Mapping[str, object], data: ModelData, names: list[str]) -> pd.DataFrame:
    """Each route's present value as one parameter at a time takes its low, default and high value,
    with the best route and its lead over the next, overall and among the routes that stay in the job."""
    rows = []
    for name in names:
        low, high = sweep_values(name, params)
        default = float(params[name])
        for value in sorted({low, default, high}):
            summary = evaluate(with_value(params, name, value), data)[1]
            best, best_entry = winner(summary), winner(summary, ENTRY_ROUTES)
            leads = margin(summary, best), margin(summary, best_entry, ENTRY_ROUTES)  # the same for every route's row
            for r in summary.itertuples():
                rows.append({"assumption": name, "value": value, "is_default": value == default, "route": r.route,
                             "net_present_value_usd": r.net_present_value_usd, "best_route": best,
                             "best_route_lead_usd": leads[0],
                             "best_entry_route": best_entry,
                             "best_entry_lead_usd": leads[1]})
    return pd.DataFrame(rows)


def start_gap(params: Mapping[str, object], name: str, value: float) -> float:
    """The associate's degree's head start over the certificate, in percentile points, once ``name`` takes ``value``."""
    changed = with_value(params, name, value)
    return float(changed["associate_start_percentile"]) - float(changed["certificate_start_percentile"])


GAP_PARAMETERS = ("certificate_start_percentile", "associate_start_percentile")


def break_even_table(params: Mapping[str, object], data: ModelData, names: list[str]) -> pd.DataFrame:
    """One row per parameter and ranking: the default leader's lead at the low, default and high value,
    and the value (if any, within the range tried) at which it stops leading, with the route that leads beyond it.
    For the two starting percentiles that decide between certificate and associate's degree, also the head start
    of the associate's degree (percentile points) at that value: the break-even gap."""
    default_summary = evaluate(params, data)[1]
    rows = []
    for ranking, among in RANKINGS.items():
        leader = winner(default_summary, among)
        for name in names:
            low, high = sweep_values(name, params)
            ends = {}
            for side, value in (("low", low), ("high", high)):
                summary = evaluate(with_value(params, name, value), data)[1]
                flips = break_even(params, data, name, leader, value, among)
                ends[side] = (value, margin(summary, leader, among), flips, None if flips is None else winner(summary, among))
            rows.append({"ranking": ranking, "assumption": name, "label": PARAMETERS[name].label, "default_value": float(params[name]),
                         "low_value": ends["low"][0], "high_value": ends["high"][0], "leader": leader,
                         "lead_at_low_usd": ends["low"][1], "lead_at_default_usd": margin(default_summary, leader, among),
                         "lead_at_high_usd": ends["high"][1],
                         "flips_below": ends["low"][2], "leader_below": ends["low"][3],
                         "flips_above": ends["high"][2], "leader_above": ends["high"][3]})
            flips = ends["low"][2] if ends["low"][2] is not None else ends["high"][2]
            rows[-1]["start_gap_at_flip"] = start_gap(params, name, flips) if name in GAP_PARAMETERS and flips is not None else None
    frame = pd.DataFrame(rows)
    for column in ("flips_below", "flips_above", "start_gap_at_flip"):
        frame[column] = frame[column].astype("Float64")
    return frame


# Assumptions varied together ----------------------------------------------------------------------------

# The joint analysis: every parameter the sensitivity analysis moves, drawn at once, each uniformly over its range tried
# (a True/False parameter as a fair coin, a whole number as a whole number), JOINT_DRAWS times from a fixed seed, so
# the same sets are drawn on every run.
JOINT_DRAWS = 1000
JOINT_SEED = 16  # fixed; any other seed gives shares within sampling error (the notebook reports one)
# The rule for ranking: the model puts a route first only if it leads in at least this share of the assumption sets
# drawn; below it, the model cannot rank the routes. Four in five: most plausible sets must agree, and with 1,000 sets
# the sampling error of a share near it is about 2.5 points (95%), far smaller than the distance that matters.
RANK_SHARE = 0.8


def joint_ranges(params: Mapping[str, object], names: list[str]) -> dict[str, tuple[float, float]]:
    """The range each parameter is drawn from in the joint analysis: its range tried (:func:`sweep_values`), with the
    horizon's low end lifted so that even the longest study drawn ends within it."""
    ranges = {name: sweep_values(name, params) for name in names}
    if "horizon_years" in ranges:
        longest = max((ranges[n][1] if n in ranges else float(params[n]) for n in STUDY_MONTHS), default=0.0)
        low, high = ranges["horizon_years"]
        ranges["horizon_years"] = (max(low, math.floor(longest / 12) + 1), high)
    return ranges


def draw_assumption_sets(params: Mapping[str, object], names: list[str], draws: int = JOINT_DRAWS, seed: int = JOINT_SEED) -> pd.DataFrame:
    """``draws`` assumption sets, one per row: each of ``names`` drawn at once from its joint range, uniformly (a flag as
    a fair coin, a whole-number parameter as a whole number); the others keep their value in ``params``. Deterministic."""
    if draws < 1:
        raise ParameterError(f"parameter 'draws': expected at least one assumption set, got {draws!r}")
    rng = np.random.default_rng(seed)
    columns = {}
    for name, (low, high) in joint_ranges(params, names).items():
        spec = PARAMETERS[name]
        if spec.flag:
            columns[name] = rng.random(draws) < 0.5
        elif spec.whole:
            columns[name] = rng.integers(int(math.ceil(low)), int(math.floor(high)) + 1, size=draws)
        else:
            columns[name] = rng.uniform(low, high, size=draws)
    return pd.DataFrame(columns).rename_axis("assumption_set").reset_index()


PAIR_POINTS = 5  # values tried per assumption in the grid of pairs: evenly spaced over its range, ends included


def grid_values(name: str, low: float, high: float, default: float, points: int = PAIR_POINTS) -> list[float]:
    """The values of one assumption in the grid of pairs: ``points`` evenly spaced from ``low`` to ``high`` (whole numbers
    rounded; a flag its two values), without the default (the pairs ask what moving both does)."""
    spec = PARAMETERS[name]
    values = [0.0, 1.0] if spec.flag else [float(round(v)) if spec.whole else float(v) for v in np.linspace(low, high, points)]
    return sorted({v for v in values if not math.isclose(v, float(default))})


PAIR_COLUMNS = ["ranking", "assumption_a", "label_a", "value_a", "assumption_b", "label_b", "value_b", "leader", "distance_from_defaults",
                "combinations_tried", "combinations_changed"]


def pair_flips(params: Mapping[str, object], data: ModelData, names: list[str], points: int = PAIR_POINTS) -> pd.DataFrame:
    """Assumptions that change a leader together where neither does alone: for every pair of ``names``, each on its grid
    (:func:`grid_values` over its joint range), the combinations under which another route leads a ranking of
    :data:`RANKINGS` although each value alone, the other at its default, leaves the default leader in front.

    One row per ranking and pair with at least one such combination: the one nearest the defaults (the smallest sum of
    the two values' distances from the default, as shares of their ranges: ``distance_from_defaults``), the route that
    leads there, the combinations tried and how many changed the leader. Rows in the order of the rankings, then of
    ``names``."""
    ranges = joint_ranges(params, names)
    grids = {n: grid_values(n, *ranges[n], float(params[n]), points) for n in names}

    def leaders(changes: dict) -> dict[str, str]:
        values = dict(params)
        for name, value in changes.items():
            values = with_value(values, name, int(value) if PARAMETERS[name].whole else value)
        pv = _present_values(values, data)
        return {ranking: _leader(pv, among) for ranking, among in RANKINGS.items()}

    default = leaders({})
    alone = {(n, v): leaders({n: v}) for n in names for v in grids[n]}
    rows = []
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]
    together = {(a, b, va, vb): leaders({a: va, b: vb}) for a, b in pairs for va in grids[a] for vb in grids[b]}
    for ranking in RANKINGS:
        for a, b in pairs:
            changed = [(va, vb, found[ranking]) for (pa, pb, va, vb), found in together.items() if (pa, pb) == (a, b)
                       and found[ranking] != default[ranking] and alone[(a, va)][ranking] == default[ranking]
                       and alone[(b, vb)][ranking] == default[ranking]]
            if not changed:
                continue

            def distance(item) -> float:
                return sum(abs(v - float(params[n])) / ((ranges[n][1] - ranges[n][0]) or 1) for n, v in zip((a, b), item[:2]))

            va, vb, leader = min(changed, key=distance)
            rows.append({"ranking": ranking, "assumption_a": a, "label_a": PARAMETERS[a].label, "value_a": va, "assumption_b": b,
                         "label_b": PARAMETERS[b].label, "value_b": vb, "leader": leader, "distance_from_defaults": distance((va, vb)),
                         "combinations_tried": len(grids[a]) * len(grids[b]), "combinations_changed": len(changed)})
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def joint_leaders(params: Mapping[str, object], data: ModelData, sets: pd.DataFrame) -> pd.DataFrame:
    """For each assumption set: the route that leads each ranking of :data:`RANKINGS` (one row per set and ranking)."""
    names = [c for c in sets.columns if c in PARAMETERS]
    rows = []
    for drawn in sets.itertuples(index=False):
        values = dict(params)
        for name in names:
            value = getattr(drawn, name)
            values = with_value(values, name, bool(value) if PARAMETERS[name].flag else
                                (int(value) if PARAMETERS[name].whole else float(value)))
        pv = _present_values(values, data)
        rows += [{"assumption_set": int(drawn.assumption_set), "ranking": ranking, "leader": _leader(pv, among)}
                 for ranking, among in RANKINGS.items()]
    return pd.DataFrame(rows, columns=["assumption_set", "ranking", "leader"])


def joint_shares(leaders: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """How often each route leads each ranking: one row per ranking and route (every route of the ranking, leading or not),
    with the sets tried, the sets it leads and the share, most often first within a ranking."""
    rows = []
    for ranking, among in RANKINGS.items():
        own = leaders[leaders["ranking"] == ranking]
        counts = own["leader"].value_counts()
        for route in among:
            led = int(counts.get(route, 0))
            rows.append({"ranking": ranking, "route": route, "label": labels[route], "assumption_sets": len(own), "sets_led": led,
                         "share_led": led / len(own) if len(own) else float("nan")})
    frame = pd.DataFrame(rows)
    order = frame["ranking"].map(list(RANKINGS).index)
    return (frame.assign(_order=order).sort_values(["_order", "sets_led"], ascending=[True, False], kind="stable")
            .drop(columns="_order").reset_index(drop=True))


def ranked_first(shares: pd.DataFrame, ranking: str, needed: float = RANK_SHARE) -> str | None:
    """The route the model can put first in ``ranking``: the one that leads in at least ``needed`` of the assumption sets
    (:data:`RANK_SHARE`); None when no route does (the model cannot rank them)."""
    own = shares[shares["ranking"] == ranking]
    first = own.loc[own["share_led"].idxmax()]
    return str(first["route"]) if first["share_led"] >= needed else None


OTHER_RANK_SHARES = (2 / 3, 0.9)  # the rule at other thresholds, recorded as alternatives of the joint findings


def joint_alternatives(shares: pd.DataFrame, reseeded: pd.DataFrame, ranking: str, single: pd.DataFrame, default_leader: str,
                       default_lead_usd: float) -> pd.DataFrame:
    """The alternatives of a finding of the joint analysis, each with the route it puts first (None: it cannot rank):
    the rule at :data:`OTHER_RANK_SHARES`; another draw of the sets (``reseeded``); and ranking on one assumption set,
    the defaults, then each row of ``single`` (:func:`headline_alternatives`: a flip or a named scenario) under which another
    route leads.
    ``holds`` is whether it puts the same route first as the joint analysis (or, like it, none). ``value``: the share of
    sets the most frequent leader leads, for the joint rows; the lead of ``default_leader`` (negative when it no longer
    leads), for the single sets. ``lead_usd``: the lead of the route first, where the single set's row gives it (it is
    ``default_leader`` and leads), else None."""
    def top(frame: pd.DataFrame) -> float:
        return float(frame.loc[frame["ranking"] == ranking, "share_led"].max())

    rows = [{"choice": f"a route ranked first from {round(100 * needed)}% of the sets", "value": top(shares), "first": ranked_first(shares, ranking, needed),
             "joint": True, "flip": None} for needed in OTHER_RANK_SHARES]
    rows.append({"choice": f"another draw of the assumption sets (seed {JOINT_SEED + 1})", "value": top(reseeded),
                 "first": ranked_first(reseeded, ranking), "joint": True, "flip": None})
    rows.append({"choice": "one assumption set: the defaults", "value": float(default_lead_usd), "first": default_leader, "joint": False, "flip": None})
    rows += [{"choice": f"one assumption set: the defaults with {a.choice}", "value": float(a.value), "first": a.leader, "joint": False,
              "flip": a.flip if isinstance(a.flip, str) else None} for a in single.itertuples(index=False)
             if a.leader != default_leader]  # a set where the defaults' leader still leads says nothing the defaults do not
    first = ranked_first(shares, ranking)
    for row in rows:  # missing as None (not NaN), so that a caller can test ``is None``
        row["first"], row["flip"] = (None if pd.isna(row[key]) else row[key] for key in ("first", "flip"))
        row["holds"] = row["first"] == first
        row["lead_usd"] = row["value"] if not row["joint"] and row["first"] == default_leader and row["value"] >= 0 else None
    frame = pd.DataFrame({key: pd.Series([row[key] for row in rows], dtype=object if key in ("first", "flip", "lead_usd") else None)
                          for key in ("choice", "value", "first", "joint", "flip", "holds", "lead_usd")})
    return frame.drop_duplicates("choice", keep="first").reset_index(drop=True)


# What the sourced figures say alone -------------------------------------------------------------------------

def time_and_cost(params: Mapping[str, object], results: pd.DataFrame) -> pd.DataFrame:
    """Each route's months of study and tuition: the only part of the comparison that published figures and conventions give
    (no starting pay, no chance of promotion). Routes in the order of :data:`MODEL_ROUTES`."""
    by_route = results.set_index("route")
    return pd.DataFrame([{"route": route, "label": by_route.loc[route, "label"], "study_months": float(by_route.loc[route, "study_months"]),
                          "tuition_total_usd": float(by_route.loc[route, "tuition_total_usd"])} for route in MODEL_ROUTES])


def handbook_typical_entry(ooh: pd.DataFrame) -> tuple[str, str | None]:
    """The latest Handbook edition and the route its typical entry education names (None when it names none of the routes)."""
    latest = ooh.sort_values("edition").iloc[-1]
    return str(latest["edition"]), OOH_CATEGORY_ROUTE.get(latest["typical_entry_education"])


# What a headline depends on: one rule -----------------------------------------------------------------

FLIP_COLUMNS = ["assumption", "label", "side", "flips_at", "default_value", "low_value", "high_value", "end_value", "lead_at_end_usd",
                "leader_beyond", "nearness"]


def flips_in_range(break_even: pd.DataFrame, ranking: str, exclude: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rule: every parameter whose break-even lies inside the range tested for it (from ``low_value`` to
    ``high_value``, ends included) changes the leader of ``ranking`` on its own, so every headline about that
    ranking depends on it. One row per such parameter and side (``below``/``above`` the default), with the end tested on
    that side, the default leader's lead there and the route that leads beyond the break-even.

    ``nearness`` is how far the break-even lies from the default, as a share of the way to the end tested
    (0: at the default; 1: at the end; a True/False parameter changes it only at its other value, 1); rows come
    nearest first, then in the order of :data:`PARAMETERS`. ``exclude`` leaves out parameters a sentence already names.
    """
    rows = break_even[(break_even["ranking"] == ranking) & ~break_even["assumption"].isin(exclude)]
    found = []
    for row in rows.itertuples(index=False):
        lowest, highest = sorted((row.low_value, row.high_value))
        for side, end, lead in (("below", row.low_value, row.lead_at_low_usd), ("above", row.high_value, row.lead_at_high_usd)):
            at = getattr(row, f"flips_{side}")
            if pd.isna(at) or not lowest <= at <= highest:
                continue
            span = abs(end - row.default_value)
            found.append({"assumption": row.assumption, "label": row.label, "side": side, "flips_at": float(at),
                          "default_value": row.default_value, "low_value": row.low_value, "high_value": row.high_value,
                          "end_value": end, "lead_at_end_usd": lead, "leader_beyond": getattr(row, f"leader_{side}"),
                          "nearness": abs(at - row.default_value) / span if span else 1.0})
    frame = pd.DataFrame(found, columns=FLIP_COLUMNS)
    order = frame["assumption"].map(list(PARAMETERS).index)
    return frame.assign(_order=order).sort_values(["nearness", "_order"], kind="stable").drop(columns="_order").reset_index(drop=True)


def flip_phrase(flip) -> str:
    """One row of :func:`flips_in_range` in words: ``a certificate of 8.6 months or less (tested 6–18 months)``."""
    name = flip.assumption
    spec = PARAMETERS[name]
    if spec.flag:
        return phrase(name, flip.flips_at)
    lower, higher = ("or less", "or more") if spec.shown in ("years", "months") else ("or lower", "or higher")
    return (f"{phrase(name, flip.flips_at)} {lower if flip.side == 'below' else higher} "
            f"(tested {range_text(name, flip.low_value, flip.high_value)})")


def flip_listing(flips: pd.DataFrame, most: int = 3, table: str = "education_break_even.csv") -> str:
    """The flips in words, nearest first, joined with "or"; beyond ``most``, the nearest ``most`` and how many more.
    Empty when there are none."""
    phrases = [flip_phrase(f) for f in flips.itertuples(index=False)]
    if len(phrases) <= most:
        return report.listing(phrases, "or")
    return f"{', '.join(phrases[:most])} and {len(phrases) - most} more (see {table})"


def headline_alternatives(flips: pd.DataFrame, scenarios: pd.DataFrame, lead_column: str, winner_column: str, leader: str) -> pd.DataFrame:
    """The alternatives of one headline: each flip of :func:`flips_in_range` at the end tested beyond it (the leader changes
    there), then each named scenario not already among them (same words, same parameters). Columns: ``choice`` (in
    words), ``value`` (the default leader's lead under it), ``holds`` (it still leads), ``leader`` (who leads), ``flip``
    (where the leader changes, in words, for the flips)."""
    rows = [{"choice": phrase(f.assumption, f.end_value), "value": float(f.lead_at_end_usd), "holds": False, "leader": f.leader_beyond,
             "flip": flip_phrase(f)} for f in flips.itertuples(index=False)]
    rows += [{"choice": s.scenario, "value": float(getattr(s, lead_column)), "holds": getattr(s, winner_column) == leader,
              "leader": getattr(s, winner_column), "flip": None} for s in scenarios.itertuples(index=False)]
    frame = pd.DataFrame(rows, columns=["choice", "value", "holds", "leader", "flip"])
    return frame.drop_duplicates("choice", keep="first").reset_index(drop=True)


# What the record gives the model, in one dollar year ---------------------------------------------

def cpi_factor(cpi: pd.DataFrame, from_year: int, to_year: int) -> float:
    """Multiply dollars of ``from_year`` by this to get dollars of ``to_year`` (CPI-U annual averages)."""
    index = cpi.set_index("year")["cpi_u_index_1982_84_100"]
    for year in (from_year, to_year):
        if year not in index.index:
            raise ValueError(f"cpi_u.csv: expected a CPI-U annual average for {year}, found years {index.index.min()}-{index.index.max()}")
    return float(index[to_year] / index[from_year])


def _pay_years(bls_wages: pd.DataFrame, more: tuple[str, ...] = ()) -> set[int]:
    """The years with the annual 10th and 90th percentiles and mean of the reference occupation code (what a pay curve needs),
    and the statistics ``more`` names (the median, for the curve through it)."""
    rows = bls_wages[(bls_wages["unit"] == "usd_per_year") & (bls_wages[COMPARABLE] == "yes") & bls_wages["value"].notna()]
    needed = {"p10", "p90", "mean", *more}
    return {int(year) for year, found in rows.groupby("year")["statistic"].agg(set).items() if needed <= found}


def school_year(year: int) -> str:
    """The school year that starts in ``year``: ``2017`` -> ``2017-18``."""
    return f"{year}-{(year + 1) % 100:02d}"


def missing_inputs(bls_wages: pd.DataFrame, costs: pd.DataFrame, cpi: pd.DataFrame, advancement, year: int, dollar_year: int,
                   given: Mapping[str, object]) -> list[str]:
    """What the model lacks to run on the inputs of ``year``, each in plain words naming where it would be (empty: it can
    run). A value set in the parameters cell (``given``, not None) stands in for the published figure it replaces."""
    lacking = []
    if year not in _pay_years(bls_wages):
        lacking.append(f"the yearly 10th percentile, 90th percentile and mean pay of the occupation in {year} (bls_wages.csv)")
    elif given.get("pay_through_median", False) and year not in _pay_years(bls_wages, ("median",)):
        lacking.append(f"the yearly median pay of the occupation in {year} (bls_wages.csv, or pay_through_median = False in the "
                       "parameters cell)")
    for name, group in TUITION_GROUPS.items():
        rows = costs[(costs["measure"] == "tuition_and_fees") & (costs["group"] == group) & (costs["period"] == school_year(year))]
        if given.get(name) is None and rows.empty:
            lacking.append(f"the tuition of a {group} in {school_year(year)} (education_costs_and_pay.csv, or {name} in the parameters cell)")
    years = costs.loc[(costs["measure"] == advancement.pay_measure) & (costs["group"] == advancement.pay_group), "period"].dropna().map(int)
    if given.get("promoted_pay_usd_per_year") is None and not (years <= year).any():
        lacking.append(f"the pay of {advancement.occupation} in {year} or before (education_costs_and_pay.csv, or promoted_pay_usd_per_year "
                       "in the parameters cell)")
    cpi_years = set(cpi["year"].astype(int))
    lacking += [f"the CPI-U of {y} (cpi_u.csv)" for y in sorted({year, dollar_year}) if y not in cpi_years]
    return lacking


def base_year(bls_wages: pd.DataFrame, costs: pd.DataFrame, cpi: pd.DataFrame, advancement, dollar_year: int,
              given: Mapping[str, object]) -> tuple[int | None, list[str]]:
    """The year of the model's inputs and what the model lacks for it (empty: it can run).

    ``given["base_year"]`` when set; else the latest year for which the data give every input (:func:`missing_inputs`);
    when no year does, the latest year of published pay (or None when there is none) with what it lacks."""
    if given.get("base_year") is not None:
        year = int(given["base_year"])
        return year, missing_inputs(bls_wages, costs, cpi, advancement, year, dollar_year, given)
    candidates = sorted(_pay_years(bls_wages), reverse=True)
    for year in candidates:
        if not missing_inputs(bls_wages, costs, cpi, advancement, year, dollar_year, given):
            return year, []
    if not candidates:
        return None, ["the yearly 10th percentile, 90th percentile and mean pay of the occupation in any year (bls_wages.csv)"]
    return candidates[0], missing_inputs(bls_wages, costs, cpi, advancement, candidates[0], dollar_year, given)


def _one(costs: pd.DataFrame, measure: str, group: str, period: str) -> pd.Series:
    rows = costs[(costs["measure"] == measure) & (costs["group"] == group) & (costs["period"] == period)]
    if len(rows) != 1:
        raise ValueError(f"education_costs_and_pay.csv: expected one {measure} row for {group!r} in {period}, found {len(rows)}")
    return rows.iloc[0]


def occupation_pay(bls_wages: pd.DataFrame, year: int, factor: float) -> dict[bool, Lognormal | SplitLognormal]:
    """The occupation's pay distribution of ``year``, times ``factor``, by the value of ``pay_through_median``
    (:data:`PAY_CURVES`): a lognormal fitted to the 10th and 90th percentiles and the mean (False) and, when the year
    publishes a median, a split lognormal through the 10th percentile, the median and the 90th percentile (True)."""
    rows = bls_wages[(bls_wages["year"] == year) & (bls_wages["unit"] == "usd_per_year")]
    if rows.empty or (rows[COMPARABLE] != "yes").any():
        raise ValueError(f"bls_wages.csv: expected annual pay of the reference occupation code for {year}")
    annual = rows.set_index("statistic")["value"].dropna()
    missing = [s for s in ("p10", "p90", "mean") if s not in annual.index]
    if missing:
        raise ValueError(f"bls_wages.csv: expected the annual {', '.join(missing)} of {year}, found none")
    fitted = fit_quantiles_and_mean({0.1: annual["p10"], 0.9: annual["p90"]}, annual["mean"])
    curves = {False: Lognormal(fitted.mu + math.log(factor), fitted.sigma)}
    if "median" in annual.index:
        curves[True] = SplitLognormal.through(annual["p10"] * factor, annual["median"] * factor, annual["p90"] * factor)
    return curves


TUITION_GROUPS = {"two_year_tuition_usd_per_year": "public two-year college (in-district)",
                  "four_year_tuition_usd_per_year": "public four-year college (in-state)"}


def published_inputs(costs: pd.DataFrame, cpi: pd.DataFrame, pay_measure: str, pay_group: str, year: int, dollar_year: int,
                     given: Mapping[str, object] | None = None) -> pd.DataFrame:
    """The published defaults: each as published, its dollar year, the CPI-U factor and its value in ``dollar_year`` dollars.

    Tuition is the school year starting in ``year`` (in dollars of ``year``); the promoted pay is the latest figure
    published for ``year`` or before. A value set in ``given`` (not None) needs no published figure: it is left out
    when none is published.
    """
    given = given or {}
    rows = [(name, _one(costs, "tuition_and_fees", group, school_year(year)), year) for name, group in TUITION_GROUPS.items()
            if given.get(name) is None or not costs[(costs["measure"] == "tuition_and_fees") & (costs["group"] == group)
                                                      & (costs["period"] == school_year(year))].empty]
    years = costs.loc[(costs["measure"] == pay_measure) & (costs["group"] == pay_group), "period"].dropna().map(int)
    years = years[years <= year]
    if years.empty and given.get("promoted_pay_usd_per_year") is None:
        raise ValueError(f"education_costs_and_pay.csv: expected a {pay_measure} row for {pay_group!r} in {year} or before, found none")
    if not years.empty:
        latest = costs.loc[years.idxmax()]
        rows.append(("promoted_pay_usd_per_year", latest, int(latest["period"])))
    return pd.DataFrame([{"parameter": name, "published_value": float(row["value_min"]), "published_year": published_year,
                          "cpi_factor": cpi_factor(cpi, published_year, dollar_year),
                          "value": round(float(row["value_min"]) * cpi_factor(cpi, published_year, dollar_year)), "source_key": row["source_key"]}
                         for name, row, published_year in rows])


def unemployment_rates(costs: pd.DataFrame, year: int) -> dict[str, float]:
    """Each route's unemployment rate: that of its education level in BLS 'Education pays' of ``year`` (percent); empty when
    the data do not give every level's rate for ``year``."""
    rates = costs[(costs["measure"] == "unemployment_rate") & (costs["period"] == str(year))].set_index("group")["value_min"]
    if any(level not in rates.index for level in EDUCATION_LEVEL.values()):
        return {}  # not every level published that year: the model runs without unemployment risk (tried_parameters)
    return {route: float(rates[level]) for route, level in EDUCATION_LEVEL.items()}


def model_data(bls_wages: pd.DataFrame, costs: pd.DataFrame, cpi: pd.DataFrame, advancement, dollar_year: int, year: int,
               given: Mapping[str, object] | None = None) -> tuple[ModelData, pd.DataFrame]:
    """Everything the record gives the model for the inputs of ``year`` (:func:`base_year`), in dollars of ``dollar_year``,
    and the table of published inputs. ``given``: the parameters cell (a value set there needs no published figure)."""
    inputs = published_inputs(costs, cpi, advancement.pay_measure, advancement.pay_group, year, dollar_year, given)
    data = ModelData(pay=occupation_pay(bls_wages, year, cpi_factor(cpi, year, dollar_year)),
                     unemployment_rate_pct=unemployment_rates(costs, year),
                     published={**dict(zip(inputs["parameter"], inputs["value"])), "base_year": year}, advancement_label=advancement.route_label,
                     dollar_year=dollar_year, base_year=year)
    return data, inputs


def parameter_table(params: Mapping[str, object], given: Mapping[str, object], inputs: pd.DataFrame) -> pd.DataFrame:
    """Every parameter with the value used, its unit, why, and (for published figures) the figure as published and its source."""
    published = inputs.set_index("parameter")
    rows = []
    for name, spec in PARAMETERS.items():
        source = published.loc[name] if name in published.index else None
        if source is None:
            origin = "the latest year with every input" if given[name] is None else "set in the parameters cell"
        else:
            origin = "published figure" if given[name] is None else "set in the parameters cell (published figure replaced)"
        rows.append({"parameter": name, "label": spec.label, "value": float(params[name]), "unit": spec.unit, "kind": spec.kind,
                     "why": spec.why, "value_from": origin,
                     "published_value": None if source is None else float(source["published_value"]),
                     "published_year": None if source is None else int(source["published_year"]),
                     "source_key": None if source is None else source["source_key"]})
    frame = pd.DataFrame(rows)
    frame["published_value"] = frame["published_value"].astype("Float64")
    frame["published_year"] = frame["published_year"].astype("Int64")
    return frame


# What the guides say -------------------------------------------------------------------------------

OOH_CATEGORY_ROUTE = {"associate's degree": "associate_degree", "postsecondary nondegree award": "postsecondary_certificate"}
WORDING_ROUTE = {"high school": "hs_diploma_on_the_job", "certificate": "postsecondary_certificate", "nondegree": "postsecondary_certificate",
                 "non-degree": "postsecondary_certificate", "associate": "associate_degree", "bachelor": "bachelor_degree"}


def guide_number(guide_file: str) -> str:
    """A guide's short name: the number its file name starts with (``001_cb16....txt`` -> ``001``)."""
    return guide_file.split("_")[0].removesuffix(".txt")


def stances_by_guide(group: pd.DataFrame) -> str:
    """``required: 001, 003; typical: 002``: each stance with the guides that take it."""
    by_stance = group.groupby("stance")["guide_file"].agg(lambda files: ", ".join(sorted({guide_number(f) for f in files})))
    return "; ".join(f"{stance.replace('_', ' ')}: {guides}" for stance, guides in by_stance.items())


def route_summary(guide_education: pd.DataFrame, figures: pd.DataFrame, ooh: pd.DataFrame) -> pd.DataFrame:
    """One row per route: which guide says what (file and line), stated durations, and what each Handbook edition said."""
    durations = figures[(figures["topic"] == "education") & figures["unit"].isin(["months", "years"])]
    rows = []
    for route, group in guide_education.groupby("route", sort=False):
        stances = sorted(set(group["stance"]))
        own = durations[durations["subject"].str.contains("certificate") & (route == CERTIFICATE)]
        typical = [e for e, c in zip(ooh["edition"], ooh["typical_entry_education"]) if OOH_CATEGORY_ROUTE.get(c) == route]
        mentioned = [e for e, w in zip(ooh["edition"], ooh["education_wording"]) if any(WORDING_ROUTE[k] == route for k in WORDING_ROUTE if k in w.lower())]
        rows.append({"route": route, "route_label": group["route_label"].iloc[0], "guides": group["guide_file"].nunique(),
                     "guide_stances": stances_by_guide(group),
                     "statements": "; ".join(f"{k} {s}" for k, s in zip(group["source_key"], group["stance"])), "stances": "|".join(stances),
                     "guides_agree": len(stances) == 1,
                     "stated_duration": "; ".join(f"{q + ' ' if isinstance(q, str) else ''}{'' if pd.isna(v) else f'{v:g} '}{u} ({k})"
                                                  for q, v, u, k in zip(own["qualifier"], own["value"], own["unit"], own["source_key"])) or None,
                     "ooh_typical_entry_in": ", ".join(typical) or None, "ooh_wording_mentions_in": ", ".join(mentioned) or None})
    return pd.DataFrame(rows)


def entry_routes(guide_education: pd.DataFrame) -> pd.DataFrame:
    """Each guide's way in: the entry route(s) it calls required or typical (one row per guide and route)."""
    entry = guide_education[guide_education["route"].isin(ENTRY_ROUTES) & guide_education["stance"].isin(ENTRY_STANCES)]
    return entry[["guide_file", "route", "route_label"]].drop_duplicates().sort_values(["route", "guide_file"]).reset_index(drop=True)
