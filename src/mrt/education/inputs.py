"""What the published record gives the model, in one dollar year: CPI-U factors, the base year with every input, the
occupation's pay curves, tuition and unemployment rates (:func:`model_data`), and the parameter table for readers.
"""

from __future__ import annotations

from collections.abc import Mapping
import math

import pandas as pd

from mrt.education.model import ModelData
from mrt.education.parameters import PARAMETERS
from mrt.education.routes import ADVANCEMENT, ASSOCIATE, CERTIFICATE, HS
from mrt.occupation import COMPARABLE
from mrt.wages import Lognormal, SplitLognormal, fit_quantiles_and_mean


# The BLS "Education pays" group whose unemployment rate stands for each route. A certificate is not a degree:
# BLS counts its holders with "some college, no degree".
EDUCATION_LEVEL = {HS: "high school diploma", CERTIFICATE: "some college, no degree", ASSOCIATE: "associate's degree",
                   ADVANCEMENT: "bachelor's degree"}


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
