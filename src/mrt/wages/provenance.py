"""Where each printed pay figure came from: the verdicts of the provenance table, rounding steps and tolerances,
hourly-annual agreement, each national figure matched to the BLS record, and pay by place against the national figure
(package docstring: :mod:`mrt.wages`)."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from mrt.vocab import HOURLY_STEP, HOURS_PER_YEAR, RANGE_PERCENTILES, hourly_annual_tolerance

DISTRIBUTION_STATISTICS = ("p10", "median", "mean", "p90")
RANGE_PARTS = ("low", "high")  # the two ends of a printed range (clean.py's ``part``)
STATISTIC_WORDS = {"p10": "10th percentile", "p25": "25th percentile", "median": "median", "mean": "mean", "p75": "75th percentile",
                   "p90": "90th percentile"}

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
