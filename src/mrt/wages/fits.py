"""The shape of the pay distribution: lognormal curves fitted to printed percentiles, the BLS years they are
calibrated and checked on, and the quartiles no guide prints, estimated by several methods each validated against
BLS's published quartiles and medians (closed sets :data:`METHODS` and :data:`BAND_BASES`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from mrt.occupation import COMPARABLE
from mrt.wages.provenance import DISTRIBUTION_STATISTICS, NOT_PUBLISHED, rounding_interval

Z = NormalDist()
QUARTILES = (0.25, 0.5, 0.75)
PUBLISHED_QUARTILES = {0.25: "p25", 0.5: "median", 0.75: "p75"}  # the statistic of bls_wages.csv that BLS publishes at each quartile


# Distributions ----------------------------------------------------------------------------------

def _check_quantile(q: float) -> None:
    if not 0 < q < 1:
        raise ValueError(f"quantile must be strictly between 0 and 1, got {q}")


@dataclass(frozen=True)
class Lognormal:
    """Lognormal distribution: log of pay is normal with mean ``mu`` and sd ``sigma``."""

    mu: float
    sigma: float

    def quantile(self, q: float) -> float:
        _check_quantile(q)
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
    """The one lognormal through two quantiles (for example the 10th and 90th percentiles).

    It is symmetric on the log scale, so its median is the geometric mean of two symmetric
    quantiles: through p10 and p90 the median is sqrt(p10 x p90).
    """
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
    from scipy.optimize import least_squares  # deferred: scipy loads only when a model is fitted

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


@dataclass(frozen=True)
class SplitLognormal:
    """Pay whose logarithm is normal on each side of the median, with its own spread below and above.

    Through the 10th percentile, the median and the 90th percentile it passes through all three
    exactly; with equal spreads it is the lognormal. Its quartiles lie between the median and the
    10th (or 90th) percentile at the position a normal curve gives on the log scale:
    p25 = median x (p10 / median) ** (z(0.75) / z(0.9)), about 0.53 of the way.
    """

    median: float
    sigma_below: float
    sigma_above: float

    @classmethod
    def through(cls, p10: float, median: float, p90: float) -> SplitLognormal:
        if not 0 < p10 < median < p90:
            raise ValueError(f"need 0 < p10 < median < p90, found {p10}, {median}, {p90}")
        z90 = Z.inv_cdf(0.9)
        return cls(median, math.log(median / p10) / z90, math.log(p90 / median) / z90)

    def quantile(self, q: float) -> float:
        _check_quantile(q)
        z = Z.inv_cdf(q)
        return self.median * math.exp((self.sigma_below if z < 0 else self.sigma_above) * z)

    @property
    def mean(self) -> float:
        below = math.exp(self.sigma_below ** 2 / 2) * Z.cdf(-self.sigma_below)
        above = math.exp(self.sigma_above ** 2 / 2) * Z.cdf(self.sigma_above)
        return self.median * (below + above)


def median_position(p10: float, median: float, p90: float) -> float:
    """Where the median sits between the 10th and 90th percentiles on the log scale:
    0 at p10, 1 at p90, one half for a symmetric lognormal."""
    return math.log(median / p10) / math.log(p90 / p10)


def median_at_position(p10: float, p90: float, position: float) -> float:
    """The median that sits at ``position`` between p10 and p90 on the log scale."""
    return p10 * (p90 / p10) ** position


# BLS years: the published distribution, and the years to calibrate on -------------------------------

def bls_annual(bls_wages: pd.DataFrame) -> pd.DataFrame:
    """One row per BLS year: occupation code, comparability and the annual p10, median, mean and p90."""
    annual = bls_wages[bls_wages["unit"] == "usd_per_year"].pivot_table(
        index=["year", "soc_code", COMPARABLE], columns="statistic", values="value").reset_index()
    annual.columns.name = None
    for statistic in DISTRIBUTION_STATISTICS:
        if statistic not in annual.columns:
            annual[statistic] = np.nan
    return annual.sort_values("year").reset_index(drop=True)


def calibration_years(annual: pd.DataFrame) -> list[int]:
    """The BLS years to borrow the shape from: the reference occupation code ("yes"), median published."""
    usable = annual[(annual[COMPARABLE] == "yes") & annual[["p10", "median", "p90"]].notna().all(axis=1)]
    return sorted(int(y) for y in usable["year"])


class NoCalibrationYears(ValueError):
    """No BLS year is left to borrow the shape of the distribution from."""


def borrowed_position(annual: pd.DataFrame, leave_out: int | None = None) -> tuple[float, list[int]]:
    """The median's average position (:func:`median_position`) over the calibration years, leaving
    ``leave_out`` out; returns the position and the years used."""
    years = [y for y in calibration_years(annual) if y != leave_out]
    if not years:
        raise NoCalibrationYears("no BLS year of the reference occupation code (other than the one estimated) "
                                 "publishes a median to borrow the shape from")
    rows = annual[annual["year"].isin(years)]
    positions = [median_position(r.p10, r.median, r.p90) for r in rows.itertuples()]
    return float(np.mean(positions)), years


def describe_years(years: list[int]) -> str:
    """Years as runs: [2010, 2011, 2012, 2014] -> "2010-2012, 2014"."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs)


def year_runs(annual: pd.DataFrame) -> pd.DataFrame:
    """Runs of BLS years with the same occupation code and comparability: one row per run with its first and last
    year and the years of the run the table holds (``years``). Only a change of code or comparability starts a new
    run: a year missing between two surveys of the same code (a gap) is not a code change."""
    frame = annual.sort_values("year")
    new_run = (frame["soc_code"] != frame["soc_code"].shift()) | (frame[COMPARABLE] != frame[COMPARABLE].shift())
    runs = frame.assign(run=new_run.cumsum()).groupby("run", sort=True).agg(
        soc_code=("soc_code", "first"), comparability=(COMPARABLE, "first"), first_year=("year", "min"), last_year=("year", "max"),
        years=("year", lambda y: [int(v) for v in y]))
    return runs.reset_index(drop=True)


def gaps_by_code(annual: pd.DataFrame) -> dict[str, list[int]]:
    """For each occupation code with gaps, the years missing from the BLS table between two of its surveys (a gap,
    not a code change): ``{"00-0002": [2017, 2020]}``."""
    gaps: dict[str, list[int]] = {}
    for run in year_runs(annual).itertuples():
        missing = [y for y in range(run.first_year, run.last_year + 1) if y not in run.years]
        if missing:
            gaps.setdefault(run.soc_code, []).extend(missing)
    return gaps


def gap_years(annual: pd.DataFrame) -> list[int]:
    """The years missing from the BLS table between two surveys of the same occupation code (gaps, not code changes)."""
    return sorted(y for years in gaps_by_code(annual).values() for y in years)


def years_with(annual: pd.DataFrame, statistic: str, first: int, last: int) -> tuple[int, int] | None:
    """The first and last years from ``first`` to ``last`` whose ``statistic`` is published (a change is measured between
    them); None when fewer than two years have it."""
    years = annual.loc[annual["year"].between(first, last) & annual[statistic].notna(), "year"] if statistic in annual else []
    return (int(min(years)), int(max(years))) if len(years) >= 2 else None


def unpublished_figures(provenance: pd.DataFrame) -> list[tuple[int, list[str], str]]:
    """The printed figures BLS's table cannot check (verdict :data:`NOT_PUBLISHED`), one entry per printed year and
    statistic: (year, the BLS statistics missing, the statistic printed), oldest first."""
    rows = provenance[provenance["verdict"] == NOT_PUBLISHED]
    out = []
    for (year, printed), group in rows.groupby(["year_printed", "statistic_printed"], sort=True):
        out.append((int(year), list(dict.fromkeys(group["statistic_compared"])), printed))
    return out


def missing_statistics(annual: pd.DataFrame, statistics: tuple[str, ...] = DISTRIBUTION_STATISTICS) -> dict[int, list[str]]:
    """For each BLS year of :func:`bls_annual` that lacks some of ``statistics``, the ones it lacks, in the order
    given: ``{2016: ["mean"], 2019: ["p10", "p90"]}``."""
    missing = {}
    for row in annual.to_dict("records"):
        lacking = [s for s in statistics if pd.isna(row.get(s, np.nan))]
        if lacking:
            missing[int(row["year"])] = lacking
    return missing


def longest_comparable_run(annual: pd.DataFrame) -> tuple[int, int] | None:
    """First and last year of the longest run of years under the reference code ("yes"); the
    earliest such run on a tie; None when there is none."""
    runs = year_runs(annual)
    runs = runs[runs["comparability"] == "yes"]
    if runs.empty:
        return None
    longest = runs.assign(length=runs["last_year"] - runs["first_year"]).sort_values(["length", "first_year"], ascending=[False, True]).iloc[0]
    return int(longest["first_year"]), int(longest["last_year"])


# Quartiles: the methods, validated on BLS years -------------------------------------------------------

PRINTED_MEDIAN = "printed median, split lognormal"
BORROWED = "median placed as in other BLS years, split lognormal"
LEAST_SQUARES = "lognormal fitted to p10, p90 and mean"
SYMMETRIC = "symmetric lognormal through p10 and p90"
METHODS = (PRINTED_MEDIAN, BORROWED, LEAST_SQUARES, SYMMETRIC)  # in order of preference for the headline
VALIDATED = (BORROWED, LEAST_SQUARES, SYMMETRIC)  # the methods that estimate a median without one
USES = {PRINTED_MEDIAN: ("p10", "median", "p90"), BORROWED: ("p10", "p90"), LEAST_SQUARES: ("p10", "p90", "mean"),
        SYMMETRIC: ("p10", "p90")}

ROUNDING_BAND = "rounding of the printed median"
SHAPE_AND_ROUNDING_BAND = "rounding of the printed median and the curve's quartile errors in other BLS years"
QUARTILE_BAND = "quartile errors in other BLS years"
VALIDATION_BAND = "median errors in other BLS years"
NO_BAND = "no validation years"
BAND_BASES = (ROUNDING_BAND, SHAPE_AND_ROUNDING_BAND, QUARTILE_BAND, VALIDATION_BAND, NO_BAND)


def estimate_median(method: str, p10: float, p90: float, mean: float, annual: pd.DataFrame, leave_out: int | None) -> tuple[float, str | None]:
    """The median under one of :data:`VALIDATED`, without the median of the year ``leave_out``;
    returns it with the calibration years used (None for a method that needs none)."""
    if method == BORROWED:
        position, years = borrowed_position(annual, leave_out)
        return median_at_position(p10, p90, position), describe_years(years)
    if method == LEAST_SQUARES:
        return fit_quantiles_and_mean({0.1: p10, 0.9: p90}, mean).median, None
    if method == SYMMETRIC:
        return fit_two_quantiles(0.1, p10, 0.9, p90).median, None
    raise ValueError(f"expected a method from {VALIDATED}, found {method!r}")


def validate_median_estimates(bls_wages: pd.DataFrame) -> pd.DataFrame:
    """Estimate each BLS year's median without using it, and compare with the published median.

    The years of the reference code are the validation set (``in_validation_set``); the shape
    is borrowed from them leaving the year estimated out. Later years with another code are
    estimated too (out of sample) but kept out of the error bands.
    """
    annual = bls_annual(bls_wages)
    validation_set = set(calibration_years(annual))
    rows = []
    for row in annual.dropna(subset=list(DISTRIBUTION_STATISTICS)).itertuples(index=False):
        year = int(row.year)
        for method in VALIDATED:
            try:
                estimate, calibrated_on = estimate_median(method, row.p10, row.p90, row.mean, annual, leave_out=year)
            except NoCalibrationYears:
                continue
            rows.append({"year": year, "soc_code": row.soc_code, COMPARABLE: getattr(row, COMPARABLE),
                         "in_validation_set": year in validation_set, "method": method, "calibrated_on": calibrated_on,
                         "published_median_usd": row.median, "estimated_median_usd": round(estimate, 0),
                         "error_usd": round(estimate - row.median, 0), "error_pct": round(100 * (estimate - row.median) / row.median, 4)})  # 4 decimals: sentences round to 1 without double rounding
    columns = ["year", "soc_code", COMPARABLE, "in_validation_set", "method", "calibrated_on", "published_median_usd",
               "estimated_median_usd", "error_usd", "error_pct"]
    return pd.DataFrame(rows, columns=columns)


def error_range(validation: pd.DataFrame, method: str, leave_out: int | None = None) -> tuple[float, float] | None:
    """Smallest and largest signed median error (percent) of ``method`` over the validation years,
    leaving ``leave_out`` out; None when no year is left."""
    rows = validation[(validation["method"] == method) & validation["in_validation_set"].astype(bool) & (validation["year"] != leave_out)]
    if rows.empty:
        return None
    return float(rows["error_pct"].min()), float(rows["error_pct"].max())


def band_coverage(validation: pd.DataFrame, method: str) -> tuple[int, int]:
    """How often the band works on known cases: in how many validation years the band built from the
    other years' errors (:func:`band_from_errors`) contains the year's published median, out of how many."""
    rows = validation[(validation["method"] == method) & validation["in_validation_set"].astype(bool)]
    covered = 0
    for row in rows.itertuples():
        errors = error_range(validation, method, leave_out=row.year)
        if errors is not None:
            low, high = band_from_errors(row.estimated_median_usd, errors)
            covered += int(low <= row.published_median_usd <= high)
    return covered, len(rows)


def band_from_errors(estimate: float, errors: tuple[float, float]) -> tuple[float, float]:
    """The true values an estimate is consistent with, given the signed errors (percent) seen on
    known cases: an estimate e% too high means true = estimate / (1 + e/100)."""
    low_error, high_error = errors
    return estimate / (1 + high_error / 100), estimate / (1 + low_error / 100)


def published_quartiles(bls_wages: pd.DataFrame) -> pd.DataFrame:
    """The years whose annual 25th and 75th percentiles BLS publishes (bls_oews_quartiles.csv), oldest first: year, code,
    comparability, p25, median and p75."""
    annual = bls_annual(bls_wages)
    for statistic in ("p25", "p75"):
        if statistic not in annual.columns:
            annual[statistic] = np.nan
    return annual.dropna(subset=["p25", "p75"])[["year", "soc_code", COMPARABLE, "p25", "median", "p75"]].reset_index(drop=True)


def validate_quartile_estimates(bls_wages: pd.DataFrame) -> pd.DataFrame:
    """The method check of the quartiles: in each year BLS publishes the 25th and 75th percentiles, every method of
    :data:`METHODS` is given what a guide prints (the year's 10th percentile, median, mean and 90th percentile; the
    methods of :data:`VALIDATED` without the median) and its quartiles are compared with the published ones.
    The error of the printed-median curve is the error of its assumed shape alone."""
    annual = bls_annual(bls_wages)
    published = published_quartiles(bls_wages).merge(annual[["year", "p10", "mean", "p90"]], on="year")
    rows = []
    for row in published.dropna(subset=["p10", "median", "mean", "p90"]).itertuples(index=False):
        year, figures = int(row.year), {"p10": row.p10, "median": row.median, "mean": row.mean, "p90": row.p90}
        for method in METHODS:
            try:
                median = row.median if method == PRINTED_MEDIAN else estimate_median(method, row.p10, row.p90, row.mean, annual, year)[0]
            except NoCalibrationYears:
                continue
            dist = _distribution(method, figures, median)
            for q in QUARTILES:
                truth, estimate = float(getattr(row, PUBLISHED_QUARTILES[q])), dist.quantile(q)
                rows.append({"year": year, "soc_code": row.soc_code, COMPARABLE: getattr(row, COMPARABLE),
                             "in_validation_set": getattr(row, COMPARABLE) == "yes", "method": method, "quantile": q,
                             "published_usd": truth, "estimated_usd": round(estimate, 0), "error_usd": round(estimate - truth, 0),
                             "error_pct": round(100 * (estimate - truth) / truth, 4)})
    columns = ["year", "soc_code", COMPARABLE, "in_validation_set", "method", "quantile", "published_usd", "estimated_usd", "error_usd",
               "error_pct"]
    return pd.DataFrame(rows, columns=columns)


def quartile_errors(check: pd.DataFrame, method: str, quantile: float, leave_out: int | None = None) -> tuple[float, float] | None:
    """Smallest and largest signed error (percent) of ``method`` at ``quantile`` in the years of
    :func:`validate_quartile_estimates`, leaving ``leave_out`` out; None when no year is left."""
    return error_range(check[check["quantile"] == quantile], method, leave_out)


def quartile_band_coverage(check: pd.DataFrame, method: str, quantiles: tuple[float, ...] = (0.25, 0.75)) -> tuple[int, int]:
    """In how many (year, quartile) cases the band built from the other years' errors contains the published quartile."""
    covered = total = 0
    for q in quantiles:
        at_q = check[check["quantile"] == q].rename(columns={"estimated_usd": "estimated_median_usd", "published_usd": "published_median_usd"})
        inside, cases = band_coverage(at_q, method)
        covered, total = covered + inside, total + cases
    return covered, total


def printed_figures(provenance: pd.DataFrame, year: int) -> dict[str, pd.Series]:
    """The printed annual figures that BLS identifies as the p10, median, mean and p90 of ``year``
    (printed with that year, or matched to it). Where two printed amounts are the same statistic,
    the most precise (smallest rounding step) is used. The values are the printed ones, so an
    estimate rests on the guides; BLS only tells which statistic a printed amount is."""
    annual = provenance[(provenance["unit"] == "usd_per_year") & (provenance["bls_year"] == year)]
    found = {}
    for statistic in DISTRIBUTION_STATISTICS:
        rows = annual[annual["bls_statistic"] == statistic].sort_values("printed_rounding_step", kind="stable")
        if len(rows):
            found[statistic] = rows.iloc[0]
    return found


def distribution_years(provenance: pd.DataFrame) -> list[int]:
    """The years whose printed annual figures identify the p10, p90 and mean."""
    years = provenance.loc[provenance["bls_year"].notna(), "bls_year"].astype(int).unique()
    return sorted(int(y) for y in years if {"p10", "p90", "mean"} <= set(printed_figures(provenance, y)))


def _distribution(method: str, printed: dict[str, float], median: float | None = None):
    p10, p90 = printed["p10"], printed["p90"]
    if method == LEAST_SQUARES:
        return fit_quantiles_and_mean({0.1: p10, 0.9: p90}, printed["mean"])
    if method == SYMMETRIC:
        return fit_two_quantiles(0.1, p10, 0.9, p90)
    if method in (PRINTED_MEDIAN, BORROWED):
        return SplitLognormal.through(p10, median, p90)
    raise ValueError(f"expected a method from {METHODS}, found {method!r}")


def _quartile_rows(method: str, dist, band: dict[float, tuple[float, float]] | None, basis: str, validated_on: str | None) -> list[dict]:
    return [{"quantile": q, "method": method, "annual_usd": round(dist.quantile(q), 0),
             "low_usd": None if band is None else round(band[q][0], 0), "high_usd": None if band is None else round(band[q][1], 0),
             "band_basis": basis, "validated_on": validated_on} for q in QUARTILES]


def _band(estimates: tuple[float, float], errors: tuple[float, float] | None) -> tuple[float, float]:
    """The band of one quartile: the lowest and highest estimate (the ends of a printed median's rounding, or the estimate
    twice), each widened by the errors (percent) the method made in other BLS years (none: the estimates alone)."""
    if errors is None:
        return estimates
    return band_from_errors(estimates[0], errors)[0], band_from_errors(estimates[1], errors)[1]


def _years_used(table: pd.DataFrame, method: str, year: int) -> str:
    used = table[(table["method"] == method) & table["in_validation_set"].astype(bool) & (table["year"] != year)]
    return describe_years(sorted(set(used["year"].tolist())))


def _validated_rows(method: str, dist, validation: pd.DataFrame, year: int, check: pd.DataFrame) -> list[dict]:
    """A method without the median: its quartile errors in other years where BLS publishes quartiles, else its median
    errors applied to each quartile, else no band."""
    errors = {q: quartile_errors(check, method, q, leave_out=year) for q in QUARTILES}
    if all(e is not None for e in errors.values()):
        band = {q: _band((dist.quantile(q),) * 2, errors[q]) for q in QUARTILES}
        return _quartile_rows(method, dist, band, QUARTILE_BAND, _years_used(check, method, year))
    median_errors = error_range(validation, method, leave_out=year)
    if median_errors is None:
        return _quartile_rows(method, dist, None, NO_BAND, None)
    band = {q: band_from_errors(dist.quantile(q), median_errors) for q in QUARTILES}
    return _quartile_rows(method, dist, band, VALIDATION_BAND, _years_used(validation, method, year))


def _printed_median_rows(printed: dict[str, float], step: float, check: pd.DataFrame, year: int) -> list[dict]:
    """Quartiles through the printed p10, median and p90: the band carries the printed median's rounding through the
    curve and, where BLS publishes quartiles in other years, widens it by the curve's errors there (its assumed shape)."""
    low, high = rounding_interval(printed["median"], step)
    ends = [_distribution(PRINTED_MEDIAN, printed, median) for median in (low, high)]
    errors = {q: quartile_errors(check, PRINTED_MEDIAN, q, leave_out=year) for q in QUARTILES}
    shaped = all(e is not None for e in errors.values())
    band = {q: _band((ends[0].quantile(q), ends[1].quantile(q)), errors[q] if shaped else None) for q in QUARTILES}
    return _quartile_rows(PRINTED_MEDIAN, _distribution(PRINTED_MEDIAN, printed, printed["median"]), band,
                          SHAPE_AND_ROUNDING_BAND if shaped else ROUNDING_BAND, _years_used(check, PRINTED_MEDIAN, year) if shaped else None)


def quartiles_for_year(provenance: pd.DataFrame, bls_wages: pd.DataFrame, year: int, validation: pd.DataFrame,
                       check: pd.DataFrame | None = None) -> list[dict]:
    """Quartiles of one year under every method its printed figures allow, each with an error band."""
    figures = printed_figures(provenance, year)
    printed = {s: float(r["value"]) for s, r in figures.items()}
    annual = bls_annual(bls_wages)
    check = validate_quartile_estimates(bls_wages) if check is None else check
    rows = _printed_median_rows(printed, float(figures["median"]["printed_rounding_step"]), check, year) if "median" in figures else []
    for method in VALIDATED:
        try:
            median = estimate_median(method, printed["p10"], printed["p90"], printed["mean"], annual, leave_out=year)[0]
        except NoCalibrationYears:
            continue
        rows += _validated_rows(method, _distribution(method, printed, median), validation, year, check)
    headline = next(m for m in METHODS if any(r["method"] == m for r in rows))
    for row in rows:
        row.update(year=year, headline=row["method"] == headline,
                   figures_used="; ".join(f"{s} {printed[s]:,.0f} ({figures[s]['source_key']})" for s in USES[row["method"]]))
    return rows


def salary_quantiles(provenance: pd.DataFrame, bls_wages: pd.DataFrame, validation: pd.DataFrame | None = None,
                     check: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quartiles of annual pay for every year whose printed figures identify p10, p90 and mean:
    one row per year, quantile and method, ``headline`` marking the method reported (the printed
    median where a guide prints one, else the shape borrowed from other BLS years). ``check`` is
    :func:`validate_quartile_estimates` (computed when not given)."""
    validation = validate_median_estimates(bls_wages) if validation is None else validation
    check = validate_quartile_estimates(bls_wages) if check is None else check
    rows = [row for year in distribution_years(provenance) for row in quartiles_for_year(provenance, bls_wages, year, validation, check)]
    columns = ["year", "quantile", "method", "headline", "annual_usd", "low_usd", "high_usd", "band_basis", "validated_on", "figures_used"]
    return pd.DataFrame(rows, columns=columns)


def within_headline_band(quantiles: pd.DataFrame, year: int, method: str) -> bool:
    """Whether every quartile of ``method`` lies inside the error band of the headline method, same year."""
    rows = quantiles[quantiles["year"] == year]
    headline = rows[rows["headline"].astype(bool)].set_index("quantile")
    other = rows[rows["method"] == method].set_index("quantile")["annual_usd"]
    return bool(((other >= headline["low_usd"]) & (other <= headline["high_usd"])).all())


def mean_median_gap(bls_wages: pd.DataFrame) -> pd.DataFrame:
    annual = bls_annual(bls_wages)
    annual["mean_minus_median_usd"] = annual["mean"] - annual["median"]
    annual["mean_to_median_ratio"] = (annual["mean"] / annual["median"]).round(3)
    annual["p90_to_p10_ratio"] = (annual["p90"] / annual["p10"]).round(2)
    annual["source_key"] = "bls_oews_national.csv#year=" + annual["year"].astype(str)
    return annual.rename(columns={"mean": "mean_annual_usd", "median": "median_annual_usd", "p10": "p10_annual_usd", "p90": "p90_annual_usd"})[
        ["year", "soc_code", COMPARABLE, "p10_annual_usd", "median_annual_usd", "mean_annual_usd", "p90_annual_usd",
         "mean_minus_median_usd", "mean_to_median_ratio", "p90_to_p10_ratio", "source_key"]]


def mean_above_median(gap: pd.DataFrame, first: int, last: int) -> dict:
    """How far the mean is above the median (percent of the median) in the years ``first``-``last`` of
    :func:`mean_median_gap` (one occupation code: a comparison across codes mixes groups of jobs): the smallest and
    largest, in how many of the years the mean is above, how many years there are and which (``year_list``). Years
    without a published mean or median are left out (:func:`missing_statistics` names them)."""
    rows = gap[gap["year"].between(first, last) & gap["mean_annual_usd"].notna() & gap["median_annual_usd"].notna()]
    if rows.empty:
        raise ValueError(f"mean_median_gap.csv: expected years {first}-{last} with a mean and a median, found none")
    above = 100 * (rows["mean_annual_usd"].astype(float) / rows["median_annual_usd"].astype(float) - 1)
    return {"low_pct": float(above.min()), "high_pct": float(above.max()), "years_above": int((above > 0).sum()),
            "years_below": int((above < 0).sum()), "years": len(rows), "first": int(rows["year"].min()), "last": int(rows["year"].max()),
            "year_list": sorted(int(y) for y in rows["year"])}

