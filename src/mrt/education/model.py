"""The education model: a transparent model of time, money and pay on each route.

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
tuition are converted with CPI-U by
:func:`mrt.education.inputs.model_data`. The occupation's pay is a curve through the published
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

from collections.abc import Mapping
from dataclasses import dataclass
import math

import numpy as np
import pandas as pd

from mrt import report
from mrt.education.parameters import NOT_VARIED, PARAMETERS, ParameterError, STUDY_MONTHS, check_parameters, phrase, range_text
from mrt.education.routes import ADVANCEMENT, ASSOCIATE, CERTIFICATE, ENTRY_ROUTES, HS, MODEL_ROUTES, ROUTE_LABELS
from mrt.wages import Lognormal, SplitLognormal


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
    # np.minimum/np.maximum rather than np.clip: the same values, without np.clip's overhead on these short arrays
    study_fraction = np.minimum(np.maximum(route.study_months - months, 0), 1)  # a fractional last month is part study, part work
    years_working = np.floor(np.maximum(months - route.study_months, 0) / 12)
    own_pay = pay.quantile(route.start_percentile / 100) * (1 + assumptions.annual_real_raise_pct / 100) ** years_working
    if route.promotion_after_years is not None:
        since = months - route.study_months - route.promotion_after_years * 12  # months since promotion became possible
        p = route.promotion_probability
        higher = promoted_pay(np.floor(np.maximum(since, 0) / 12), own_pay, assumptions)
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
            pv = _present_values(with_value(params, name, value), data)  # the present values alone: no tables are needed here
            best, best_entry = _leader(pv, MODEL_ROUTES), _leader(pv, ENTRY_ROUTES)
            leads = _margin(pv, best), _margin(pv, best_entry, ENTRY_ROUTES)  # the same for every route's row
            for route, present_value in pv.items():
                rows.append({"assumption": name, "value": value, "is_default": value == default, "route": route,
                             "net_present_value_usd": present_value, "best_route": best,
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
    default_pv = _present_values(params, data)  # present values alone, as in the sensitivity table: no tables are needed here
    rows = []
    for ranking, among in RANKINGS.items():
        leader = _leader(default_pv, among)
        for name in names:
            low, high = sweep_values(name, params)
            ends = {}
            for side, value in (("low", low), ("high", high)):
                pv = _present_values(with_value(params, name, value), data)
                flips = break_even(params, data, name, leader, value, among)
                ends[side] = (value, _margin(pv, leader, among), flips, None if flips is None else _leader(pv, among))
            rows.append({"ranking": ranking, "assumption": name, "label": PARAMETERS[name].label, "default_value": float(params[name]),
                         "low_value": ends["low"][0], "high_value": ends["high"][0], "leader": leader,
                         "lead_at_low_usd": ends["low"][1], "lead_at_default_usd": _margin(default_pv, leader, among),
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
    together = {(a, b): {(va, vb): leaders({a: va, b: vb}) for va in grids[a] for vb in grids[b]} for a, b in pairs}
    for ranking in RANKINGS:
        for a, b in pairs:
            changed = [(va, vb, found[ranking]) for (va, vb), found in together[(a, b)].items()
                       if found[ranking] != default[ranking] and alone[(a, va)][ranking] == default[ranking]
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
