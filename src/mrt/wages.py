"""Salary statistics: where each printed pay figure came from, rounding
tolerances, hourly-annual consistency, lognormal fits and real dollars."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

from mrt.occupation import COMPARABLE

HOURS_PER_YEAR = 2080  # BLS: annual wage = hourly wage x 2,080 hours
Z = NormalDist()
BLS_STATISTIC_FOR_PART = {"low": "p10", "high": "p90"}


def rounding_step(value: float, unit: str) -> float:
    """How finely a printed amount was rounded, read from the amount itself.

    Hourly amounts are printed to the cent. For annual amounts the step is the
    largest power of ten that divides the amount ($39,000 -> 1,000; $58,080 -> 10):
    an upper bound, because $50,000 could also be an amount rounded to 10.
    """
    if unit == "usd_per_hour":
        return 0.01
    whole = int(round(value))
    step = 1
    while whole and whole % (step * 10) == 0:
        step *= 10
    return float(step)


def round_to(value: float, step: float) -> float:
    """Round half away from zero, as publications do (not Python's banker's rounding)."""
    return math.floor(value / step + 0.5) * step


def hourly_annual_tolerance(hourly_step: float = 0.01, annual_step: float = 10.0) -> float:
    """Largest gap between hourly x 2,080 and the printed annual amount that rounding alone explains.

    The hourly figure is off by at most half its step, which 2,080 hours multiply;
    the annual figure is off by at most half its own step.
    """
    return hourly_step / 2 * HOURS_PER_YEAR + annual_step / 2


def check_pair(hourly: float, annual: float, annual_step: float = 10.0) -> dict:
    implied = hourly * HOURS_PER_YEAR
    tolerance = hourly_annual_tolerance(0.01, annual_step)
    gap = annual - implied
    return {"hourly_x_2080": round(implied, 2), "gap_usd": round(gap, 2), "tolerance_usd": tolerance, "consistent": abs(gap) <= tolerance}


def hourly_annual_pairs(guide_wages: pd.DataFrame) -> pd.DataFrame:
    """Every hourly amount the guides print beside an annual one: the state and
    metro pairs printed in one item, and national figures printed separately in
    the same guide for the same statistic and range end."""
    rows = []
    keyed = guide_wages.assign(end=guide_wages["part"].where(guide_wages["part"].isin(["low", "high"]), "point"))
    for (guide, area_type, area, setting, statistic, end), group in keyed.groupby(
            ["guide_file", "area_type", "area", "setting", "statistic", "end"], sort=False):
        hourly = group[group["unit"] == "usd_per_hour"].drop_duplicates("value")
        annual = group[group["unit"] == "usd_per_year"].drop_duplicates("value")
        if len(hourly) != 1 or len(annual) != 1:
            continue
        h, a = hourly.iloc[0], annual.iloc[0]
        step = rounding_step(a["value"], "usd_per_year")
        rows.append({"area_type": area_type, "area": area, "statistic": statistic, "range_end": end,
                     "hourly_source_key": h["source_key"], "annual_source_key": a["source_key"],
                     "hourly_usd": h["value"], "annual_usd": a["value"], "annual_rounding_step_usd": step,
                     **check_pair(h["value"], a["value"], step)})
    return pd.DataFrame(rows)


def match_to_bls(guide_wages: pd.DataFrame, bls_wages: pd.DataFrame) -> pd.DataFrame:
    """For each national pay figure, the BLS year and statistic it came from.

    Verdicts, first that applies:
    ``exact`` (printed year and statistic, same value), ``rounded`` (same after
    rounding the BLS value to the printed figure's step), ``no year printed``
    (matches exactly one BLS year), ``year mislabelled`` (matches another year
    exactly), ``statistic mislabelled`` (matches another statistic of the
    printed year), ``not found``.
    """
    national = guide_wages[(guide_wages["area_type"] == "national") & (guide_wages["setting"] == "all")]
    rows = []
    for fig in national.itertuples(index=False):
        statistic = BLS_STATISTIC_FOR_PART.get(fig.part, fig.statistic) if fig.statistic == "range" else fig.statistic
        same_unit = bls_wages[(bls_wages["unit"] == fig.unit) & bls_wages["value"].notna()]
        exact = same_unit[np.isclose(same_unit["value"].astype(float), fig.value)]
        step = rounding_step(fig.value, fig.unit)
        printed_year = None if pd.isna(fig.year) else int(fig.year)
        verdict, match = "not found", None

        def pick(frame):
            return frame.iloc[0] if len(frame) == 1 else None

        if printed_year is not None:
            same_year = same_unit[same_unit["year"] == printed_year]
            candidate = pick(same_year[(same_year["statistic"] == statistic) & np.isclose(same_year["value"].astype(float), fig.value)])
            if candidate is not None:
                verdict, match = "exact", candidate
            else:
                rounded = same_year[(same_year["statistic"] == statistic)
                                    & (same_year["value"].astype(float).map(lambda v: round_to(v, step)) == fig.value)]
                if pick(rounded) is not None and step > 10:
                    verdict, match = f"rounded to nearest {int(step):,}", pick(rounded)
                elif pick(exact[exact["statistic"] == statistic]) is not None:
                    verdict, match = "year mislabelled", pick(exact[exact["statistic"] == statistic])
                elif pick(same_year[np.isclose(same_year["value"].astype(float), fig.value)]) is not None:
                    verdict, match = "statistic mislabelled", pick(same_year[np.isclose(same_year["value"].astype(float), fig.value)])
        else:
            candidate = pick(exact[exact["statistic"] == statistic])
            if candidate is not None:
                verdict, match = "no year printed; matches one BLS year exactly", candidate
            elif pick(exact) is not None:
                verdict, match = "no year printed; matches another statistic", pick(exact)
        rows.append({
            "figure_id": fig.figure_id, "source_key": fig.source_key, "as_printed": fig.as_printed, "part": fig.part,
            "statistic_printed": fig.statistic, "statistic_compared": statistic, "unit": fig.unit, "value": fig.value,
            "year_printed": printed_year, "printed_rounding_step": step,
            "bls_year": None if match is None else int(match["year"]),
            "bls_statistic": None if match is None else match["statistic"],
            "bls_value": None if match is None else float(match["value"]),
            "difference": None if match is None else round(fig.value - float(match["value"]), 2),
            "verdict": verdict, "bls_source_key": None if match is None else match["source_key"],
        })
    frame = pd.DataFrame(rows)
    for column in ("year_printed", "bls_year"):
        frame[column] = frame[column].astype("Int64")
    return frame


# Lognormal fits ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Lognormal:
    """Lognormal distribution: log of pay is normal with mean ``mu`` and sd ``sigma``."""

    mu: float
    sigma: float

    def quantile(self, q: float) -> float:
        if not 0 < q < 1:
            raise ValueError(f"quantile must be strictly between 0 and 1, got {q}")
        return math.exp(self.mu + self.sigma * Z.inv_cdf(q))

    @property
    def mean(self) -> float:
        return math.exp(self.mu + self.sigma ** 2 / 2)

    @property
    def median(self) -> float:
        return math.exp(self.mu)

    def pdf(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        return np.exp(-((np.log(x) - self.mu) ** 2) / (2 * self.sigma ** 2)) / (x * self.sigma * math.sqrt(2 * math.pi))


def fit_two_quantiles(q_low: float, x_low: float, q_high: float, x_high: float) -> Lognormal:
    """The one lognormal through two quantiles (for example the 10th and 90th percentiles)."""
    if not (0 < q_low < q_high < 1) or not (0 < x_low < x_high):
        raise ValueError("need 0 < q_low < q_high < 1 and 0 < x_low < x_high")
    z_low, z_high = Z.inv_cdf(q_low), Z.inv_cdf(q_high)
    sigma = (math.log(x_high) - math.log(x_low)) / (z_high - z_low)
    return Lognormal(math.log(x_low) - sigma * z_low, sigma)


def fit_quantiles_and_mean(quantiles: dict[float, float], mean: float) -> Lognormal:
    """Least-squares lognormal (on the log scale) through known quantiles and the mean.

    With the 10th and 90th percentiles and the mean there are three facts and two
    parameters, so the fit balances them; on exact lognormal inputs it returns
    the distribution that produced them.
    """
    qs = sorted(quantiles)
    start = fit_two_quantiles(qs[0], quantiles[qs[0]], qs[-1], quantiles[qs[-1]])

    def residuals(params):
        mu, log_sigma = params
        sigma = math.exp(log_sigma)
        out = [mu + sigma * Z.inv_cdf(q) - math.log(quantiles[q]) for q in qs]
        out.append(mu + sigma ** 2 / 2 - math.log(mean))
        return out

    result = least_squares(residuals, x0=[start.mu, math.log(start.sigma)], xtol=1e-14, ftol=1e-14, gtol=1e-14)
    return Lognormal(float(result.x[0]), float(math.exp(result.x[1])))


METHODS = {
    "lognormal through p10 and p90": lambda p10, p90, mean: fit_two_quantiles(0.1, p10, 0.9, p90),
    "lognormal least squares on p10, p90 and mean": lambda p10, p90, mean: fit_quantiles_and_mean({0.1: p10, 0.9: p90}, mean),
}


def validate_median_estimates(bls_wages: pd.DataFrame) -> pd.DataFrame:
    """Estimate each BLS year's median without using it, and compare with the published median."""
    annual = bls_wages[bls_wages["unit"] == "usd_per_year"].pivot_table(
        index=["year", "soc_code", COMPARABLE], columns="statistic", values="value").reset_index()
    rows = []
    for row in annual.itertuples(index=False):
        for method, fit in METHODS.items():
            estimate = fit(row.p10, row.p90, row.mean).median
            rows.append({"year": row.year, "soc_code": row.soc_code, COMPARABLE: getattr(row, COMPARABLE),
                         "method": method, "published_median_usd": row.median, "estimated_median_usd": round(estimate, 0),
                         "error_usd": round(estimate - row.median, 0), "error_pct": round(100 * (estimate - row.median) / row.median, 2)})
    return pd.DataFrame(rows)


def estimate_quartiles(p10: float, p90: float, mean: float) -> dict[str, dict[float, float]]:
    """Quartiles (25th, 50th, 75th percentiles) under each method."""
    return {method: {q: fit(p10, p90, mean).quantile(q) for q in (0.25, 0.5, 0.75)} for method, fit in METHODS.items()}


# Real dollars -----------------------------------------------------------------------------------

def to_constant_dollars(nominal: pd.Series, years: pd.Series, cpi: pd.DataFrame, base_year: int) -> pd.Series:
    """Nominal amounts in dollars of ``base_year``, with CPI-U annual averages."""
    index = cpi.set_index("year")["cpi_u_index_1982_84_100"].astype(float)
    if base_year not in index.index:
        raise ValueError(f"no CPI-U value for the base year {base_year}")
    missing = sorted(set(int(y) for y in years.dropna()) - set(index.index))
    if missing:
        raise ValueError(f"no CPI-U value for {missing}")
    factors = years.map(lambda y: index[base_year] / index[int(y)] if pd.notna(y) else np.nan)
    return nominal.astype(float) * factors.astype(float)


# Tables for the salary notebook -----------------------------------------------------------------

def printed_distribution_inputs(provenance: pd.DataFrame, year: int) -> dict[str, pd.Series]:
    """The printed annual figures of one year that BLS identifies as p10, p90 and mean.

    Uses the printed values (not the BLS ones), so an estimate rests on the guides alone;
    BLS only tells which percentile a printed range end is.
    """
    annual = provenance[(provenance["unit"] == "usd_per_year") & (provenance["bls_year"] == year)]
    found = {}
    for statistic in ("p10", "p90", "mean"):
        rows = annual[annual["bls_statistic"] == statistic].drop_duplicates("value")
        if len(rows) != 1:
            raise ValueError(f"{year}: expected one printed annual figure identified as {statistic}, found {len(rows)}")
        found[statistic] = rows.iloc[0]
    return found


def salary_quantiles(provenance: pd.DataFrame, years: tuple[int, ...]) -> pd.DataFrame:
    rows = []
    for year in years:
        inputs = printed_distribution_inputs(provenance, year)
        used = "; ".join(f"{s} {inputs[s]['value']:,.0f} ({inputs[s]['source_key']})" for s in ("p10", "p90", "mean"))
        estimates = estimate_quartiles(*(float(inputs[s]["value"]) for s in ("p10", "p90", "mean")))
        for method, quartiles in estimates.items():
            for q, value in quartiles.items():
                rows.append({"year": year, "quantile": q, "annual_usd": round(value, 0), "method": method, "figures_used": used})
    return pd.DataFrame(rows)


def mean_median_gap(bls_wages: pd.DataFrame) -> pd.DataFrame:
    annual = bls_wages[bls_wages["unit"] == "usd_per_year"].pivot_table(
        index=["year", "soc_code", COMPARABLE], columns="statistic", values="value").reset_index()
    annual["mean_minus_median_usd"] = annual["mean"] - annual["median"]
    annual["mean_to_median_ratio"] = (annual["mean"] / annual["median"]).round(3)
    annual["p90_to_p10_ratio"] = (annual["p90"] / annual["p10"]).round(2)
    annual["source_key"] = "bls_oews_national.csv#year=" + annual["year"].astype(str)
    return annual.rename(columns={"mean": "mean_annual_usd", "median": "median_annual_usd", "p10": "p10_annual_usd", "p90": "p90_annual_usd"})[
        ["year", "soc_code", COMPARABLE, "p10_annual_usd", "median_annual_usd", "mean_annual_usd", "p90_annual_usd",
         "mean_minus_median_usd", "mean_to_median_ratio", "p90_to_p10_ratio", "source_key"]]


def bls_pay_in_constant_dollars(bls_wages: pd.DataFrame, cpi: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """BLS annual mean and median, nominal and in dollars of ``base_year``."""
    annual = bls_wages[(bls_wages["unit"] == "usd_per_year") & bls_wages["statistic"].isin(["mean", "median"])].copy()
    annual["nominal_usd"] = annual["value"].astype(float)
    annual[f"real_usd_{base_year}"] = to_constant_dollars(annual["nominal_usd"], annual["year"], cpi, base_year).round(0)
    return annual[["year", "soc_code", COMPARABLE, "statistic", "nominal_usd", f"real_usd_{base_year}", "source_key"]].reset_index(drop=True)


def guide_pay_in_constant_dollars(provenance: pd.DataFrame, cpi: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Every national pay figure from the guides in dollars of ``base_year``.

    The dollar year is the printed year, or, where none is printed, the BLS year
    the figure matches exactly (marked as inferred); a figure with neither stays
    unconverted (missing).
    """
    frame = provenance.copy()
    frame["dollar_year"] = frame["year_printed"].fillna(frame["bls_year"]).astype("Int64")
    frame["dollar_year_basis"] = np.where(frame["year_printed"].notna(), "printed",
                                          np.where(frame["bls_year"].notna(), "inferred from the BLS match", "unknown"))
    frame[f"real_usd_{base_year}"] = to_constant_dollars(frame["value"], frame["dollar_year"], cpi, base_year).round(2)
    return frame[["figure_id", "source_key", "as_printed", "part", "statistic_compared", "unit", "value", "dollar_year",
                  "dollar_year_basis", f"real_usd_{base_year}"]].rename(columns={"value": "nominal_value", "statistic_compared": "statistic"})


def pay_by_place_vs_national(guide_wages: pd.DataFrame, provenance: pd.DataFrame, bls_wages: pd.DataFrame) -> pd.DataFrame:
    """The guides' state, metro and setting pay figures against the national figure of the same year.

    States and metros print no year or statistic; their year is taken to be the
    year that the same guide's undated national figures match (computed from the
    provenance table), and they are compared with the national mean, the
    statistic BLS uses to rank areas. Setting figures are compared with the
    national median of their printed year, the statistic the guide names.
    """
    undated = provenance[provenance["year_printed"].isna() & provenance["bls_year"].notna()]
    inferred = undated.assign(guide_file=undated["source_key"].str.split("#").str[0]).groupby("guide_file")["bls_year"].agg(
        lambda s: int(s.iloc[0]) if s.nunique() == 1 else None)
    national = bls_wages.set_index(["year", "unit", "statistic"])["value"]
    rows = []
    places = guide_wages[(guide_wages["area_type"] != "national") | (guide_wages["setting"] != "all")]
    for fig in places.itertuples(index=False):
        if fig.area_type == "national":
            year, basis, statistic = int(fig.year), "printed", fig.statistic
        else:
            year, basis, statistic = inferred.get(fig.guide_file), "inferred from the guide's undated national figures", "mean"
        reference = float(national.get((year, fig.unit, statistic), np.nan)) if year is not None else np.nan
        rows.append({"figure_id": fig.figure_id, "source_key": fig.source_key, "area_type": fig.area_type, "area": fig.area,
                     "setting": fig.setting, "unit": fig.unit, "value": fig.value, "year": year, "year_basis": basis,
                     "national_statistic": statistic, "national_value": reference,
                     "difference": round(fig.value - reference, 2), "ratio_to_national": round(fig.value / reference, 3),
                     "national_source_key": f"bls_oews_national.csv#year={year}"})
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    return frame
