"""Education routes: what the guides say, and a transparent tradeoff model.

The model follows one person month by month over a horizon. On each route they
study for some months (paying tuition, earning only what part-time work
brings), then work as a technician starting at a chosen percentile of the
occupation's pay distribution, with a yearly real raise; on the supervisory
route they move to a manager's pay after some years. Routes are compared by
cumulative net earnings (pay minus tuition), plain and discounted, and by the
year in which each overtakes the shortest route.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from mrt.wages import Lognormal


class ParameterError(ValueError):
    """A model parameter outside its allowed range; the message names the parameter."""


@dataclass(frozen=True)
class Route:
    key: str
    label: str
    study_months: float
    tuition_usd_per_year: float
    start_percentile: float
    supervisor_after_years: float | None = None  # None: stays a technician


@dataclass(frozen=True)
class Assumptions:
    horizon_years: int = 20
    discount_rate_pct: float = 3.0
    annual_real_raise_pct: float = 1.0
    study_work_share: float = 0.0  # share of the shortest route's pay earned by part-time work while studying
    supervisor_pay_usd_per_year: float = 0.0


def check_parameters(values: dict[str, float]) -> None:
    """Raise ParameterError naming the first parameter out of range."""
    for name, value in values.items():
        if value is None:
            continue
        if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value):
            raise ParameterError(f"parameter {name!r} must be a number, got {value!r}")
        if name.endswith("_months") or name.endswith("_usd_per_year") or name.endswith("_after_years"):
            if value < 0:
                raise ParameterError(f"parameter {name!r} must not be negative, got {value}")
        if "percentile" in name and not 0 < value < 100:
            raise ParameterError(f"parameter {name!r} must be a percentile strictly between 0 and 100, got {value}")
        if name == "horizon_years" and (value < 1 or value != int(value)):
            raise ParameterError(f"parameter 'horizon_years' must be a whole number of years, at least 1, got {value}")
        if name == "discount_rate_pct" and not 0 <= value < 100:
            raise ParameterError(f"parameter 'discount_rate_pct' must be between 0 and 100, got {value}")
        if name == "annual_real_raise_pct" and not -50 < value < 50:
            raise ParameterError(f"parameter 'annual_real_raise_pct' must be between -50 and 50, got {value}")
        if name == "study_work_share" and not 0 <= value <= 1:
            raise ParameterError(f"parameter 'study_work_share' must be between 0 and 1, got {value}")


def _check(route: Route, assumptions: Assumptions) -> None:
    check_parameters({f"{route.key}_study_months": route.study_months, f"{route.key}_tuition_usd_per_year": route.tuition_usd_per_year,
                      f"{route.key}_start_percentile": route.start_percentile, f"{route.key}_supervisor_after_years": route.supervisor_after_years})
    check_parameters({f.name: getattr(assumptions, f.name) for f in fields(assumptions)})


def monthly_path(route: Route, assumptions: Assumptions, pay: Lognormal, shortest_start_pay: float) -> pd.DataFrame:
    """Month-by-month pay, tuition and net earnings of one route."""
    _check(route, assumptions)
    months = np.arange(assumptions.horizon_years * 12)
    studying = months < route.study_months
    # a fractional last month of study counts as part study, part work
    study_fraction = np.clip(route.study_months - months, 0, 1)
    work_fraction = 1 - study_fraction
    years_working = np.floor(np.clip(months - route.study_months, 0, None) / 12)
    technician_pay = pay.quantile(route.start_percentile / 100) * (1 + assumptions.annual_real_raise_pct / 100) ** years_working
    if route.supervisor_after_years is not None:
        promoted = (months - route.study_months) >= route.supervisor_after_years * 12
        technician_pay = np.where(promoted, assumptions.supervisor_pay_usd_per_year, technician_pay)
    earned = technician_pay / 12 * work_fraction + assumptions.study_work_share * shortest_start_pay / 12 * study_fraction
    tuition = route.tuition_usd_per_year / 12 * study_fraction
    net = earned - tuition
    discount = (1 + assumptions.discount_rate_pct / 100) ** (-(months / 12))
    return pd.DataFrame({"route": route.key, "month": months, "year": months // 12 + 1, "studying": studying,
                         "pay_usd": earned, "tuition_usd": tuition, "net_usd": net, "net_present_usd": net * discount})


def compare_routes(routes: list[Route], assumptions: Assumptions, pay: Lognormal) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Yearly cumulative paths and a one-row-per-route summary against the shortest route."""
    if not routes:
        raise ParameterError("parameter 'routes' must name at least one route")
    for route in routes:
        _check(route, assumptions)
    shortest = min(routes, key=lambda r: (r.study_months, r.tuition_usd_per_year))
    shortest_start = pay.quantile(shortest.start_percentile / 100)
    monthly = pd.concat([monthly_path(r, assumptions, pay, shortest_start) for r in routes], ignore_index=True)
    yearly = monthly.groupby(["route", "year"], sort=False)[["pay_usd", "tuition_usd", "net_usd", "net_present_usd"]].sum().reset_index()
    yearly["cumulative_net_usd"] = yearly.groupby("route")["net_usd"].cumsum()
    yearly["cumulative_net_present_usd"] = yearly.groupby("route")["net_present_usd"].cumsum()
    base = yearly[yearly["route"] == shortest.key].set_index("year")
    shortest_monthly = monthly[monthly["route"] == shortest.key].set_index("month")["pay_usd"]
    rows = []
    for r in routes:
        own = yearly[yearly["route"] == r.key].set_index("year")
        ahead = own["cumulative_net_usd"] >= base["cumulative_net_usd"] - 1e-6
        # break-even: the first year from which the route stays at or above the shortest route
        stays = ahead[::-1].cummin()[::-1]
        break_even = int(stays.idxmax()) if stays.any() else None
        # what the shortest route earns during this route's months of study, less what part-time work brings in
        own_monthly = monthly[monthly["route"] == r.key].set_index("month")
        study_fraction = np.clip(r.study_months - own_monthly.index.to_numpy(), 0, 1)
        forgone = 0.0 if r.key == shortest.key else float(
            (shortest_monthly.to_numpy() * study_fraction).sum() - (assumptions.study_work_share * shortest_start / 12 * study_fraction).sum())
        rows.append({"route": r.key, "label": r.label, "study_months": r.study_months, "tuition_total_usd": own["tuition_usd"].sum(),
                     "earnings_forgone_usd": forgone, "start_percentile": r.start_percentile, "start_pay_usd_per_year": pay.quantile(r.start_percentile / 100),
                     "cumulative_net_usd": own["cumulative_net_usd"].iloc[-1], "net_present_value_usd": own["cumulative_net_present_usd"].iloc[-1],
                     "difference_vs_shortest_usd": own["cumulative_net_usd"].iloc[-1] - base["cumulative_net_usd"].iloc[-1],
                     "break_even_year_vs_shortest": (0 if r.key == shortest.key else break_even)})
    summary = pd.DataFrame(rows)
    summary["rank_by_present_value"] = summary["net_present_value_usd"].rank(ascending=False, method="min").astype(int)
    summary["break_even_year_vs_shortest"] = summary["break_even_year_vs_shortest"].astype("Int64")
    return yearly, summary


def sensitivity(routes: list[Route], assumptions: Assumptions, pay: Lognormal, sweeps: dict[str, list[float]]) -> pd.DataFrame:
    """Which route has the highest present value as one assumption moves at a time.

    ``sweeps`` maps an assumption to its values. Names: ``tuition_multiplier``,
    ``study_months_multiplier``, ``start_percentile_shift`` (added to every
    route but the shortest), ``years_to_supervisor``, ``discount_rate_pct``,
    ``horizon_years``. Besides the overall winner, ``best_technician_route`` is
    the winner among the routes that stay technicians.
    """
    shortest = min(routes, key=lambda r: (r.study_months, r.tuition_usd_per_year))
    rows = []
    for name, values in sweeps.items():
        for value in values:
            changed_routes, changed = list(routes), assumptions
            if name == "tuition_multiplier":
                changed_routes = [Route(r.key, r.label, r.study_months, r.tuition_usd_per_year * value, r.start_percentile, r.supervisor_after_years) for r in routes]
            elif name == "study_months_multiplier":
                changed_routes = [Route(r.key, r.label, r.study_months * value, r.tuition_usd_per_year, r.start_percentile, r.supervisor_after_years) for r in routes]
            elif name == "start_percentile_shift":
                changed_routes = [r if r.key == shortest.key else Route(r.key, r.label, r.study_months, r.tuition_usd_per_year,
                                                                       min(max(r.start_percentile + value, 1), 99), r.supervisor_after_years) for r in routes]
            elif name == "years_to_supervisor":
                changed_routes = [r if r.supervisor_after_years is None else Route(r.key, r.label, r.study_months, r.tuition_usd_per_year,
                                                                                   r.start_percentile, value) for r in routes]
            elif name in ("discount_rate_pct", "horizon_years"):
                changed = Assumptions(**{**{f.name: getattr(assumptions, f.name) for f in fields(assumptions)}, name: value})
            else:
                raise ParameterError(f"parameter {name!r} is not one the sensitivity analysis can vary")
            _, summary = compare_routes(changed_routes, changed, pay)
            ranked = summary.sort_values("net_present_value_usd", ascending=False)
            technicians = {r.key for r in routes if r.supervisor_after_years is None}
            best = ranked.iloc[0]["route"]
            best_technician = ranked[ranked["route"].isin(technicians)].iloc[0]["route"]
            for position, r in enumerate(summary.itertuples(index=False)):
                rows.append({"assumption": name, "value": float(value), "position": values.index(value), "route": r.route,
                             "net_present_value_usd": round(r.net_present_value_usd, 0), "best_route": best,
                             "best_technician_route": best_technician})
    return pd.DataFrame(rows)


# What the guides say -------------------------------------------------------------------------------

OOH_CATEGORY_ROUTE = {"associate's degree": "associate_degree", "postsecondary nondegree award": "postsecondary_certificate"}
WORDING_ROUTE = {"high school": "hs_diploma_on_the_job", "certificate": "postsecondary_certificate", "nondegree": "postsecondary_certificate",
                 "non-degree": "postsecondary_certificate", "associate": "associate_degree", "bachelor": "bachelor_degree"}


def route_summary(guide_education: pd.DataFrame, figures: pd.DataFrame, ooh: pd.DataFrame) -> pd.DataFrame:
    """One row per route: which guide says what (file and line), stated durations, and what each Handbook edition said."""
    durations = figures[(figures["topic"] == "education") & figures["unit"].isin(["months", "years"])]
    rows = []
    for route, group in guide_education.groupby("route", sort=False):
        statements = "; ".join(f"{k} {s}" for k, s in zip(group["source_key"], group["stance"]))
        stances = sorted(set(group["stance"]))
        if route == "postsecondary_certificate":
            own = durations[durations["subject"].str.contains("certificate")]
        else:
            own = durations.iloc[0:0]
        typical = [e for e, c in zip(ooh["edition"], ooh["typical_entry_education"]) if OOH_CATEGORY_ROUTE.get(c) == route]
        mentioned = [e for e, w in zip(ooh["edition"], ooh["education_wording"]) if any(WORDING_ROUTE[k] == route for k in WORDING_ROUTE if k in w.lower())]
        rows.append({"route": route, "route_label": group["route_label"].iloc[0], "guides": group["guide_file"].nunique(),
                     "statements": statements, "stances": "|".join(stances),
                     "guides_agree": len(stances) == 1,
                     "stated_duration": "; ".join(f"{q + ' ' if isinstance(q, str) else ''}{'' if pd.isna(v) else f'{v:g} '}{u} ({k})"
                                                  for q, v, u, k in zip(own["qualifier"], own["value"], own["unit"], own["source_key"])) or None,
                     "ooh_typical_entry_in": ", ".join(typical) or None, "ooh_wording_mentions_in": ", ".join(mentioned) or None})
    return pd.DataFrame(rows)


# Parameters of the notebook: unit and why the default was chosen --------------------------------

PARAMETER_NOTES = {
    "horizon_years": ("years", "assumption", "long enough for the four-year route to show whether it pays off"),
    "discount_rate_pct": ("percent per year (real)", "assumption", "a common real rate for comparing money received at different times"),
    "annual_real_raise_pct": ("percent per year above inflation", "assumption", "modest pay growth with experience; no occupation-specific source"),
    "study_work_share": ("share, 0-1", "assumption", "0 = studying full time with no paid work"),
    "certificate_months": ("months", "guides + secondary source", "guides: 'less than a year' (001 line 46), 'as few as 12 months' (002 line 83); program guides 9-12 months"),
    "associate_months": ("months", "convention", "conventional full-time length (education_costs_and_pay.csv, marked as convention)"),
    "bachelor_months": ("months", "convention", "conventional four years of full-time study (not in the reference data)"),
    "two_year_tuition_usd_per_year": ("usd per year, 2017 dollars", "sourced", "College Board, public two-year in-district, 2017-18"),
    "four_year_tuition_usd_per_year": ("usd per year, 2017 dollars", "sourced", "College Board, public four-year in-state, 2017-18"),
    "hs_start_percentile": ("percentile of technician pay", "assumption", "no credential: starts near the bottom (the 10th percentile)"),
    "certificate_start_percentile": ("percentile of technician pay", "assumption", "a credential is assumed to start higher; no data by education within the occupation"),
    "associate_start_percentile": ("percentile of technician pay", "assumption", "a longer credential is assumed to start higher still"),
    "bachelor_start_percentile": ("percentile of technician pay", "assumption", "as the associate route until promotion"),
    "years_to_supervisor": ("years after starting work", "assumption", "time before a bachelor's holder moves into a manager's job"),
    "supervisor_pay_usd_per_year": ("usd per year, 2017 dollars", "sourced", "BLS Handbook 2018-19: medical and health services managers, median 2016, converted to 2017 dollars"),
}


def sourced_defaults(costs: pd.DataFrame, cpi: pd.DataFrame) -> dict[str, float]:
    """The parameter defaults that come from published figures (2017 dollars)."""
    def value(measure: str, group: str, period: str) -> float:
        rows = costs[(costs["measure"] == measure) & (costs["group"] == group) & (costs["period"] == period)]
        if len(rows) != 1:
            raise ValueError(f"expected one {measure} row for {group!r} {period}, found {len(rows)}")
        return float(rows["value_min"].iloc[0])

    index = cpi.set_index("year")["cpi_u_index_1982_84_100"].astype(float)
    manager_2016 = value("median_annual_wage", "medical and health services managers (11-9111; typical entry: bachelor's degree)", "2016")
    return {"two_year_tuition_usd_per_year": value("tuition_and_fees", "public two-year college (in-district)", "2017-18"),
            "four_year_tuition_usd_per_year": value("tuition_and_fees", "public four-year college (in-state)", "2017-18"),
            "supervisor_pay_usd_per_year": round(manager_2016 * index[2017] / index[2016], 0)}


def build_routes(p: dict) -> list[Route]:
    """The four modelled routes from a parameter dictionary (as in the notebook's parameters cell)."""
    check_parameters({k: v for k, v in p.items() if k in PARAMETER_NOTES})
    return [
        Route("hs_diploma_on_the_job", "High school diploma + on-the-job training", 0, 0, p["hs_start_percentile"]),
        Route("postsecondary_certificate", "Postsecondary certificate", p["certificate_months"], p["two_year_tuition_usd_per_year"], p["certificate_start_percentile"]),
        Route("associate_degree", "Associate's degree", p["associate_months"], p["two_year_tuition_usd_per_year"], p["associate_start_percentile"]),
        Route("bachelor_degree", "Bachelor's degree, then supervisor", p["bachelor_months"], p["four_year_tuition_usd_per_year"],
              p["bachelor_start_percentile"], p["years_to_supervisor"]),
    ]


def parameter_table(params: dict, given: dict, sourced: dict) -> pd.DataFrame:
    """Every parameter with the value used, its unit, and where the value comes from."""
    rows = []
    for name, (unit, kind, why) in PARAMETER_NOTES.items():
        if name in sourced:
            origin = "published figure" if given[name] is None else "set in the parameters cell (published figure replaced)"
        else:
            origin = "set in the parameters cell"
        rows.append({"parameter": name, "value": float(params[name]), "unit": unit, "kind": kind, "why": why, "value_from": origin})
    return pd.DataFrame(rows)
