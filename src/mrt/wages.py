"""Salary statistics: where each printed pay figure came from, rounding steps and tolerances,
hourly-annual agreement, the shape of the pay distribution (quartiles no guide prints, with the
methods checked against BLS's published quartiles and medians), real dollars, and pay by place.

Functions here return numbers, tables and codes from the closed sets declared below
(:data:`VERDICTS`, :data:`METHODS`, :data:`BAND_BASES`); the salary notebook composes the sentences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import NormalDist

import numpy as np
import pandas as pd

from mrt.occupation import COMPARABLE
from mrt.vocab import HOURLY_STEP, HOURS_PER_YEAR, RANGE_PERCENTILES, hourly_annual_tolerance

Z = NormalDist()
RANGE_PARTS = ("low", "high")  # the two ends of a printed range (clean.py's ``part``)
DISTRIBUTION_STATISTICS = ("p10", "median", "mean", "p90")
STATISTIC_WORDS = {"p10": "10th percentile", "p25": "25th percentile", "median": "median", "mean": "mean", "p75": "75th percentile",
                   "p90": "90th percentile"}
QUARTILES = (0.25, 0.5, 0.75)
PUBLISHED_QUARTILES = {0.25: "p25", 0.5: "median", 0.75: "p75"}  # the statistic of bls_wages.csv that BLS publishes at each quartile

# Verdicts of the provenance table (closed set; schema.py imports it) ------------------------------

EXACT = "exact"
ROUNDED_STEPS = (100, 1_000, 10_000, 100_000)  # a printed amount rounded to one of these steps can be "rounded"
YEAR_MISLABELLED = "year mislabelled"
STATISTIC_MISLABELLED = "statistic mislabelled"
UNDATED_MATCH = "no year printed; matches one BLS year exactly"
UNDATED_OTHER_STATISTIC = "no year printed; matches another statistic"
NOT_FOUND = "not found"
NOT_PUBLISHED = "BLS table has no such figure for the year printed"  # the year's statistic is missing: cannot be compared


def rounded_verdict(step: float) -> str:
    """The verdict of a printed amount equal to the BLS value rounded to ``step`` (one of :data:`ROUNDED_STEPS`)."""
    if step not in ROUNDED_STEPS:
        raise ValueError(f"expected a rounding step from {ROUNDED_STEPS}, found {step!r}")
    return f"rounded to nearest {int(step):,}"


VERDICTS = (EXACT, *(f"rounded to nearest {s:,}" for s in ROUNDED_STEPS), YEAR_MISLABELLED, STATISTIC_MISLABELLED,
            UNDATED_MATCH, UNDATED_OTHER_STATISTIC, NOT_FOUND, NOT_PUBLISHED)


# Rounding ---------------------------------------------------------------------------------------

def _decimal(value: float) -> Decimal:
    return Decimal(repr(float(value)))


def rounding_step(value: float, unit: str) -> float:
    """How finely a printed amount was rounded, read from the amount itself.

    Hourly amounts are printed to the cent. For annual amounts the step is the largest
    power of ten that divides the amount ($39,000 -> 1,000; $58,080 -> 10; $22.50 -> 0.1):
    an upper bound, because $50,000 could also be an amount rounded to 10.
    """
    if unit == "usd_per_hour":
        return HOURLY_STEP
    exponent = _decimal(value).normalize().as_tuple().exponent
    return float(Decimal(1).scaleb(exponent))


def round_to(value: float, step: float) -> float:
    """Round to a multiple of ``step``, half away from zero, as publications do (not Python's
    banker's rounding), in decimal arithmetic so that 1.005 rounds to 1.01 at a step of 0.01."""
    if not step > 0:
        raise ValueError(f"expected a positive rounding step, found {step!r}")
    units = (_decimal(value) / _decimal(step)).to_integral_value(rounding=ROUND_HALF_UP)
    return float(units * _decimal(step))


def rounding_interval(printed: float, step: float) -> tuple[float, float]:
    """The amounts that round to ``printed`` at ``step``: from printed - step/2 (included) to printed + step/2 (excluded)."""
    if not step > 0:
        raise ValueError(f"expected a positive rounding step, found {step!r}")
    return printed - step / 2, printed + step / 2


# Hourly and annual ----------------------------------------------------------------------------------

def check_pair(hourly: float, annual: float, annual_step: float = 10.0, hourly_step: float = HOURLY_STEP) -> dict:
    """Hourly x 2,080 against the printed annual amount; gap and tolerance compared in whole cents."""
    implied = hourly * HOURS_PER_YEAR
    gap_cents = round((annual - implied) * 100)
    tolerance = hourly_annual_tolerance(hourly_step, annual_step)
    return {"hourly_x_2080": round(implied, 2), "gap_usd": gap_cents / 100, "tolerance_usd": round(tolerance, 2),
            "consistent": abs(gap_cents) <= round(tolerance * 100)}


def hourly_annual_pairs(guide_wages: pd.DataFrame, annual_step: float | None = None) -> pd.DataFrame:
    """Every hourly amount the guides print beside an annual one: the state and metro pairs
    printed in one item, and national figures printed separately in the same guide for the
    same statistic and range end.

    The annual rounding step is read from each printed annual amount, unless ``annual_step``
    fixes it (``annual_step=1`` treats every annual amount as exact to the dollar).
    """
    rows = []
    keyed = guide_wages.assign(end=guide_wages["part"].where(guide_wages["part"].isin(["low", "high"]), "point"))
    for (_, area_type, area, _, statistic, end), group in keyed.groupby(
            ["guide_file", "area_type", "area", "setting", "statistic", "end"], sort=False):
        hourly = group[group["unit"] == "usd_per_hour"].drop_duplicates("value")
        annual = group[group["unit"] == "usd_per_year"].drop_duplicates("value")
        if len(hourly) != 1 or len(annual) != 1:
            continue
        h, a = hourly.iloc[0], annual.iloc[0]
        step = rounding_step(a["value"], "usd_per_year") if annual_step is None else float(annual_step)
        rows.append({"area_type": area_type, "area": area, "statistic": statistic, "range_end": end,
                     "hourly_source_key": h["source_key"], "annual_source_key": a["source_key"],
                     "hourly_usd": h["value"], "annual_usd": a["value"], "annual_rounding_step_usd": step,
                     **check_pair(h["value"], a["value"], step)})
    columns = ["area_type", "area", "statistic", "range_end", "hourly_source_key", "annual_source_key", "hourly_usd", "annual_usd",
               "annual_rounding_step_usd", "hourly_x_2080", "gap_usd", "tolerance_usd", "consistent"]
    return pd.DataFrame(rows, columns=columns)


# Where each printed figure came from ------------------------------------------------------------------

def _one(frame: pd.DataFrame) -> pd.Series | None:
    return frame.iloc[0] if len(frame) == 1 else None


def _equal(frame: pd.DataFrame, value: float) -> pd.Series:
    return pd.Series(np.isclose(frame["value"].astype(float), value), index=frame.index)


def national_figures(guide_wages: pd.DataFrame) -> pd.DataFrame:
    """The guides' national pay figures for all work settings (the ones BLS's national table can check)."""
    return guide_wages[(guide_wages["area_type"] == "national") & (guide_wages["setting"] == "all")]


def compared_statistic(statistic: str, part) -> str:
    """The BLS statistic a printed figure is compared with: a range end with the percentile its range statistic names
    (:data:`mrt.vocab.RANGE_PERCENTILES`: the 10th or 90th for a range that names none, the 25th or 75th for a middle
    half); any other figure with its own statistic."""
    if statistic in RANGE_PERCENTILES and part in RANGE_PARTS:
        return RANGE_PERCENTILES[statistic][RANGE_PARTS.index(part)]
    return statistic


def _match_dated(fig, statistic: str, step: float, same_unit: pd.DataFrame) -> tuple[str, pd.Series | None]:
    same_year = same_unit[same_unit["year"] == int(fig.year)]
    same_statistic = same_year[same_year["statistic"] == statistic]
    exact = _one(same_statistic[_equal(same_statistic, fig.value)])
    if exact is not None:
        return EXACT, exact
    if step in ROUNDED_STEPS:
        rounded = _one(same_statistic[same_statistic["value"].astype(float).map(lambda v: round_to(v, step)) == fig.value])
        if rounded is not None:
            return rounded_verdict(step), rounded
    other_year = same_unit[(same_unit["statistic"] == statistic) & _equal(same_unit, fig.value)]
    if _one(other_year) is not None:
        return YEAR_MISLABELLED, _one(other_year)
    other_statistic = _one(same_year[_equal(same_year, fig.value)])
    if other_statistic is not None:
        return STATISTIC_MISLABELLED, other_statistic
    return (NOT_FOUND if len(same_statistic) else NOT_PUBLISHED), None


def _match_undated(fig, statistic: str, same_unit: pd.DataFrame) -> tuple[str, pd.Series | None]:
    exact = same_unit[_equal(same_unit, fig.value)]
    candidate = _one(exact[exact["statistic"] == statistic])
    if candidate is not None:
        return UNDATED_MATCH, candidate
    if _one(exact) is not None:
        return UNDATED_OTHER_STATISTIC, _one(exact)
    return NOT_FOUND, None


def match_to_bls(guide_wages: pd.DataFrame, bls_wages: pd.DataFrame) -> pd.DataFrame:
    """For each national pay figure, the BLS year and statistic it came from.

    Verdicts, first that applies. With a printed year: ``exact`` (printed year and statistic, same
    value), ``rounded to nearest N`` (same after rounding the BLS value to the printed figure's step,
    a step of 100 or more), ``year mislabelled`` (equals the same statistic of exactly one other year),
    ``statistic mislabelled`` (equals another statistic of the printed year); when none applies and the BLS table
    has no value of that statistic for the printed year (no survey that year, a percentile not published),
    :data:`NOT_PUBLISHED`: it cannot be compared, which is not "not found". Without one: ``no year
    printed; matches one BLS year exactly`` (the same statistic in exactly one year) or ``no year
    printed; matches another statistic``. Otherwise ``not found``. The candidates are the four statistics of the
    national table (:data:`DISTRIBUTION_STATISTICS`) and the figure's own statistic: a published quartile is matched only
    by a range whose guide names that percentile (a middle half).
    """
    rows = []
    for fig in national_figures(guide_wages).itertuples(index=False):
        statistic = compared_statistic(fig.statistic, fig.part)
        candidates = [*DISTRIBUTION_STATISTICS, statistic]  # a range that names the 25th and 75th is compared with the published ones
        same_unit = bls_wages[(bls_wages["unit"] == fig.unit) & bls_wages["value"].notna() & bls_wages["statistic"].isin(candidates)]
        step = rounding_step(fig.value, fig.unit)
        printed_year = None if pd.isna(fig.year) else int(fig.year)
        if printed_year is None:
            verdict, match = _match_undated(fig, statistic, same_unit)
        else:
            verdict, match = _match_dated(fig, statistic, step, same_unit)
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
    columns = ["figure_id", "source_key", "as_printed", "part", "statistic_printed", "statistic_compared", "unit", "value",
               "year_printed", "printed_rounding_step", "bls_year", "bls_statistic", "bls_value", "difference", "verdict", "bls_source_key"]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("year_printed", "bls_year"):
        frame[column] = frame[column].astype("Int64")
    return frame


def provenance_counts(provenance: pd.DataFrame) -> dict:
    """What the provenance table says, counted: figures; exact, rounded, not-found and not-published verdicts;
    figures printed without a year, how many of those match a BLS year and which years; the ends of printed ranges
    that name no percentile (``range_ends``), how many BLS can check (its table has that year's 10th or 90th
    percentile) and how many are a BLS 10th or 90th percentile; and the ends of ranges whose guide names their
    percentiles (a middle half), with how many match them."""
    verdict = provenance["verdict"]
    undated = provenance[provenance["year_printed"].isna()]
    ends = provenance[provenance["part"].isin(RANGE_PARTS) & provenance["statistic_printed"].isin(list(RANGE_PERCENTILES))]
    unnamed, named = ends[ends["statistic_printed"] == "range"], ends[ends["statistic_printed"] != "range"]
    at_percentile = lambda rows: int((rows["bls_statistic"] == rows["statistic_compared"]).sum())  # noqa: E731
    return {"figures": len(provenance), "exact": int((verdict == EXACT).sum()),
            "rounded": int(verdict.isin([rounded_verdict(s) for s in ROUNDED_STEPS]).sum()), "not_found": int((verdict == NOT_FOUND).sum()),
            "not_published": int((verdict == NOT_PUBLISHED).sum()),
            "undated": len(undated), "undated_matched": int(undated["bls_year"].notna().sum()),
            "undated_years": sorted(int(y) for y in undated["bls_year"].dropna().unique()),
            "range_ends": len(unnamed), "range_ends_checkable": int((unnamed["verdict"] != NOT_PUBLISHED).sum()),
            "range_ends_at_percentiles": at_percentile(unnamed),
            "named_range_ends": len(named), "named_range_ends_matched": at_percentile(named)}


def matching_years(value: float, unit: str, statistic: str, bls_wages: pd.DataFrame, step: float | None = None) -> list[int]:
    """Every BLS year whose ``statistic`` equals ``value`` (``step=None``), or rounds to it at ``step``."""
    rows = bls_wages[(bls_wages["unit"] == unit) & (bls_wages["statistic"] == statistic) & bls_wages["value"].notna()]
    if step is None:
        hit = _equal(rows, value)
    else:
        hit = rows["value"].astype(float).map(lambda v: math.isclose(round_to(v, step), value))
    return sorted(int(y) for y in rows.loc[hit, "year"])


def undated_years_within_step(provenance: pd.DataFrame, bls_wages: pd.DataFrame) -> list[list[int]]:
    """For each undated printed figure, the BLS years it matches when each BLS value is first
    rounded to the figure's own printed step (a looser match than equality)."""
    undated = provenance[provenance["year_printed"].isna()]
    return [matching_years(r.value, r.unit, r.statistic_compared, bls_wages, r.printed_rounding_step) for r in undated.itertuples()]


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


# Real dollars -----------------------------------------------------------------------------------

def real_column(base_year: int) -> str:
    """The column of amounts in dollars of ``base_year``."""
    return f"real_usd_{base_year}"


def to_constant_dollars(nominal: pd.Series, years: pd.Series, cpi: pd.DataFrame, base_year: int) -> pd.Series:
    """Nominal amounts in dollars of ``base_year``, with CPI-U annual averages:
    real = nominal x CPI(base year) / CPI(year). A missing year gives a missing amount."""
    index = cpi.set_index("year")["cpi_u_index_1982_84_100"].astype(float)
    if base_year not in index.index:
        raise ValueError(f"no CPI-U value for the base year {base_year}")
    missing = sorted(set(int(y) for y in years.dropna()) - set(index.index))
    if missing:
        raise ValueError(f"no CPI-U value for {missing}")
    factors = years.map(lambda y: index[base_year] / index[int(y)] if pd.notna(y) else np.nan)
    return nominal.astype(float) * factors.astype(float)


def bls_pay_in_constant_dollars(bls_wages: pd.DataFrame, cpi: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """BLS annual mean and median, nominal and in dollars of ``base_year``: the years that publish them (a year without
    a mean has no row for it)."""
    annual = bls_wages[(bls_wages["unit"] == "usd_per_year") & bls_wages["statistic"].isin(["mean", "median"]) & bls_wages["value"].notna()].copy()
    annual["nominal_usd"] = annual["value"].astype(float)
    annual[real_column(base_year)] = to_constant_dollars(annual["nominal_usd"], annual["year"], cpi, base_year).round(0)
    return annual[["year", "soc_code", COMPARABLE, "statistic", "nominal_usd", real_column(base_year), "source_key"]].reset_index(drop=True)


def pay_change(pay: pd.DataFrame, statistic: str, start: int, end: int, base_year: int) -> dict[str, float]:
    """Percent change of a BLS statistic from ``start`` to ``end``, nominal and in dollars of ``base_year``
    (rows of :func:`bls_pay_in_constant_dollars`)."""
    rows = pay[pay["statistic"] == statistic].set_index("year")
    for year in (start, end):
        if year not in rows.index:
            raise ValueError(f"no BLS {statistic} for {year}")
    nominal = 100 * (rows.loc[end, "nominal_usd"] / rows.loc[start, "nominal_usd"] - 1)
    real = 100 * (rows.loc[end, real_column(base_year)] / rows.loc[start, real_column(base_year)] - 1)
    return {"start": start, "end": end, "nominal_pct": float(nominal), "real_pct": float(real)}


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
    frame[real_column(base_year)] = to_constant_dollars(frame["value"], frame["dollar_year"], cpi, base_year).round(2)
    return frame[["figure_id", "source_key", "as_printed", "part", "statistic_compared", "unit", "value", "dollar_year",
                  "dollar_year_basis", real_column(base_year)]].rename(columns={"value": "nominal_value", "statistic_compared": "statistic"})


# Places and work settings --------------------------------------------------------------------------

PLACE_STATISTIC = "mean"  # BLS ranks states and metro areas by mean pay; the guides' place figures name no statistic


def undated_year_by_guide(provenance: pd.DataFrame) -> dict[str, int]:
    """For each guide whose undated national figures all match one BLS year, that year."""
    undated = provenance[provenance["year_printed"].isna() & provenance["bls_year"].notna()]
    guide = undated["source_key"].str.split("#").str[0]
    years = undated.groupby(guide)["bls_year"].agg(lambda s: int(s.iloc[0]) if s.nunique() == 1 else None)
    return {g: int(y) for g, y in years.items() if pd.notna(y)}


def pay_by_place_vs_national(guide_wages: pd.DataFrame, provenance: pd.DataFrame, bls_wages: pd.DataFrame) -> pd.DataFrame:
    """The guides' state, metro and setting pay figures against the national figure of the same year
    and the same statistic.

    States and metros print no year or statistic; their year is taken to be the year that the same
    guide's undated national figures match (from the provenance table), and they are compared with
    the national mean (BLS ranks areas by mean pay). Setting figures name their statistic and year,
    and are compared with the national value of that statistic and year. A figure whose year cannot
    be told is kept, with the national value missing.
    """
    inferred = undated_year_by_guide(provenance)
    national = bls_wages.dropna(subset=["value"]).set_index(["year", "unit", "statistic"])["value"]
    rows = []
    places = guide_wages[(guide_wages["area_type"] != "national") | (guide_wages["setting"] != "all")]
    for fig in places.itertuples(index=False):
        if fig.area_type == "national":
            year = None if pd.isna(fig.year) else int(fig.year)
            basis = "printed" if year is not None else "unknown"
            statistic = PLACE_STATISTIC if fig.statistic == "unspecified" else compared_statistic(fig.statistic, fig.part)
        else:
            year = inferred.get(fig.guide_file)
            basis = "inferred from the guide's undated national figures" if year is not None else "unknown"
            statistic = PLACE_STATISTIC
        reference = float(national.get((year, fig.unit, statistic), np.nan))  # no year: no national value
        rows.append({"figure_id": fig.figure_id, "source_key": fig.source_key, "area_type": fig.area_type, "area": fig.area,
                     "setting": fig.setting, "unit": fig.unit, "value": fig.value, "year": year, "year_basis": basis,
                     "national_statistic": statistic, "national_value": reference,
                     "difference": round(fig.value - reference, 2), "ratio_to_national": round(fig.value / reference, 3),
                     "national_source_key": None if year is None else f"bls_oews_national.csv#year={year}"})
    columns = ["figure_id", "source_key", "area_type", "area", "setting", "unit", "value", "year", "year_basis", "national_statistic",
               "national_value", "difference", "ratio_to_national", "national_source_key"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["year"] = frame["year"].astype("Int64")
    return frame
