"""Projection arithmetic: growth rates, implied levels, intervals from rounded
figures, and the tables of the projection notebook."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mrt.occupation import COMPARABLE

# The project's own rule for the guides' words (BLS thresholds are not in our data):
# "faster" = above the all-occupations rate of the same vintage; "much faster" = at least this many times it.
MUCH_FASTER_RATIO = 2.0


def compound_annual_rate(total_pct: float, years: float) -> float:
    """Percent per year that compounds to ``total_pct`` over ``years``."""
    if years <= 0:
        raise ValueError(f"years must be positive, got {years}")
    if total_pct <= -100:
        raise ValueError(f"total growth must be above -100%, got {total_pct}")
    return 100 * ((1 + total_pct / 100) ** (1 / years) - 1)


def implied_level(base: float, total_pct: float) -> float:
    return base * (1 + total_pct / 100)


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def __post_init__(self):
        if self.low > self.high:
            raise ValueError(f"empty interval [{self.low}, {self.high}]")

    def __truediv__(self, other: "Interval") -> "Interval":
        if other.low <= 0:
            raise ValueError("divisor interval must be positive")
        candidates = [self.low / other.low, self.low / other.high, self.high / other.low, self.high / other.high]
        return Interval(min(candidates), max(candidates))

    def __contains__(self, value: float) -> bool:
        return self.low <= value <= self.high

    @property
    def width(self) -> float:
        return self.high - self.low


def rounded_interval(value: float, step: float) -> Interval:
    """Every value that rounds to ``value`` at ``step`` (closed: a half could round either way)."""
    return Interval(value - step / 2, value + step / 2)


def base_from_change_and_percent(change: Interval, percent: Interval) -> Interval:
    """Base-year employment consistent with a rounded job change and a rounded percent: base = change / (percent / 100)."""
    return change / Interval(percent.low / 100, percent.high / 100)


def vintage_table(projections: pd.DataFrame) -> pd.DataFrame:
    """One row per BLS vintage, with projected level (published or implied), growth rates and the all-occupations comparison."""
    frame = projections.copy()
    years = (frame["target_year"] - frame["base_year"]).astype(float)
    implied = frame["base_employment_thousands"] * (1 + frame["pct_change"] / 100)
    frame["projected_level_basis"] = np.where(frame["projected_employment_thousands"].notna(), "published", "implied from base and percent")
    frame["projected_thousands"] = frame["projected_employment_thousands"].fillna(implied.round(1)).astype(float)
    frame["change_thousands_used"] = frame["change_thousands"].fillna((frame["projected_thousands"] - frame["base_employment_thousands"]).round(1)).astype(float)
    frame["annual_growth_pct"] = [round(compound_annual_rate(p, y), 3) for p, y in zip(frame["pct_change"], years)]
    frame["all_occupations_annual_growth_pct"] = [round(compound_annual_rate(p, y), 3) if pd.notna(p) else np.nan
                                                  for p, y in zip(frame["all_occupations_pct_change"], years)]
    frame["ratio_to_all_occupations"] = (frame["pct_change"] / frame["all_occupations_pct_change"]).round(2)
    frame["comparison_group"] = frame[COMPARABLE].map({"yes": "29-2071 (2010-2018 definition)", "no": "29-2098 broader group",
                                                                    "partly": "29-2072 after the 2018 split"})
    return frame[["vintage", "soc_code", COMPARABLE, "comparison_group", "base_year", "target_year", "base_employment_thousands",
                  "projected_thousands", "projected_level_basis", "change_thousands_used", "pct_change", "annual_growth_pct",
                  "all_occupations_pct_change", "all_occupations_annual_growth_pct", "ratio_to_all_occupations", "status", "source_key"]]


def guide_outlooks(figures: pd.DataFrame, projections: pd.DataFrame) -> pd.DataFrame:
    """The two outlooks the guides quote, with implied end level, change and annual rate.

    Base employment comes from a guide where one prints it for the base year (186,300 in 2012);
    otherwise it is implied from the printed job change and percent.
    """
    growth = figures[figures["statistic"] == "projected_growth"]
    rows = []
    for (start, end), group in growth.groupby(["year_start", "year_end"]):
        pct = float(group["value"].iloc[0])
        if group["value"].nunique() != 1:
            raise ValueError(f"guides disagree on the {start}-{end} percent: {sorted(group['value'].unique())}")
        base_fig = figures[(figures["statistic"] == "employment") & (figures["year_start"] == start)]
        change_fig = figures[(figures["statistic"] == "projected_change") & (figures["year_start"] == start) & (figures["year_end"] == end)]
        if len(base_fig):
            base, base_basis = float(base_fig["value"].iloc[0]), f"printed ({base_fig['source_key'].iloc[0]})"
            change, change_basis = base * pct / 100, "implied: base x percent"
        elif len(change_fig):
            change, change_basis = float(change_fig["value"].iloc[0]), f"printed ({change_fig['source_key'].iloc[0]})"
            base, base_basis = change / (pct / 100), "implied: change / percent"
        else:
            raise ValueError(f"no base or change printed for {start}-{end}")
        bls = projections[projections["vintage"] == f"{start}-{end}"].iloc[0]
        rows.append({"vintage": f"{start}-{end}", "guide_sources": "; ".join(sorted(group["source_key"])), "printed_pct": pct,
                     "base_persons": round(base), "base_basis": base_basis, "change_persons": round(change), "change_basis": change_basis,
                     "implied_end_persons": round(base + change), "annual_growth_pct": round(compound_annual_rate(pct, int(end) - int(start)), 3),
                     "bls_base_persons": round(1000 * float(bls["base_employment_thousands"])), "bls_pct": float(bls["pct_change"]),
                     "bls_all_occupations_pct": float(bls["all_occupations_pct_change"]), "source_key": bls["source_key"]})
    return pd.DataFrame(rows)


def outlook_change(outlooks: pd.DataFrame, earlier: str, later: str) -> dict[str, float]:
    a = outlooks.set_index("vintage").loc[earlier]
    b = outlooks.set_index("vintage").loc[later]
    return {"points": b["printed_pct"] - a["printed_pct"], "relative_pct": 100 * (b["printed_pct"] / a["printed_pct"] - 1),
            "annual_points": b["annual_growth_pct"] - a["annual_growth_pct"]}


def rounding_check(printed_change: float, change_step: float, printed_pct: float, pct_step: float, bls_base: float) -> dict:
    """The base-year employment interval consistent with a rounded change and percent, and whether BLS's base is in it."""
    change = rounded_interval(printed_change, change_step)
    percent = rounded_interval(printed_pct, pct_step)
    base = base_from_change_and_percent(change, percent)
    return {"change_low": change.low, "change_high": change.high, "pct_low": percent.low, "pct_high": percent.high,
            "base_low_persons": round(base.low), "base_high_persons": round(base.high), "bls_base_persons": bls_base,
            "bls_base_in_interval": bls_base in base, "point_estimate_persons": round(printed_change / (printed_pct / 100))}


def projection_vs_outcome(vintages: pd.DataFrame, projections: pd.DataFrame, employment: pd.DataFrame) -> pd.DataFrame:
    """What each vintage projected for its end year against later measurements.

    Two measurements: the base of the later vintage that starts in the target year
    (same concept: all jobs, self-employed included) and OEWS employment of that
    year (wage-and-salary jobs only). Each row says how comparable the pair is.
    """
    by_base = projections.set_index("base_year")
    oes = employment.set_index("year")
    rows = []
    for v in vintages.itertuples(index=False):
        target = int(v.target_year)
        measures = []
        if target in by_base.index:
            later = by_base.loc[target]
            measures.append(("BLS projections base of " + later["vintage"], float(later["base_employment_thousands"]),
                             later[COMPARABLE], later["source_key"], "same concept (all jobs incl. self-employed)"))
        if target in oes.index:
            row = oes.loc[target]
            measures.append(("OEWS May employment", float(row["employment_persons"]) / 1000, row[COMPARABLE], row["source_key"],
                             "different concept (wage-and-salary jobs only)"))
        for name, measured, comparable, key, concept in measures:
            note = {"yes": "same occupation code", "no": "not comparable: broader occupation group",
                    "partly": "partly comparable: occupation split in the 2018 SOC"}[comparable]
            rows.append({"vintage": v.vintage, "target_year": target, "projected_thousands": v.projected_thousands,
                         "projected_level_basis": v.projected_level_basis, "measured_by": name, "measured_thousands": round(measured, 1),
                         "measured_comparable_to_reference_code": comparable, "like_for_like": comparable == "yes" and concept.startswith("same"),
                         "caveat": f"{concept}; {note}",
                         "difference_pct": round(100 * (measured / v.projected_thousands - 1), 1), "measured_source_key": key})
    frame = pd.DataFrame(rows)
    frame["target_year"] = frame["target_year"].astype("Int64")
    return frame


def wording_verdict(pct: float, all_occupations_pct: float, words: str, much_faster_ratio: float = MUCH_FASTER_RATIO) -> tuple[float, str]:
    """Check 'faster than the average' / 'much faster' against the all-occupations rate of the same vintage."""
    ratio = pct / all_occupations_pct
    if "much faster" in words.lower():
        ok = ratio >= much_faster_ratio
        return ratio, ("supported" if ok else f"overstated: {ratio:.1f}x the average, below the {much_faster_ratio:g}x this project takes for 'much faster'")
    if "faster" in words.lower():
        return ratio, "supported" if ratio > 1 else "contradicted"
    raise ValueError(f"no comparison word in {words!r}")


def wording_table(claims: pd.DataFrame, figures: pd.DataFrame, projections: pd.DataFrame) -> pd.DataFrame:
    """Every 'faster'/'much faster' claim against the all-occupations rate of its vintage."""
    rows = []
    for claim in claims[claims["check"] == "growth_wording"].itertuples(index=False):
        figure = figures[figures["figure_id"] == claim.figure_ids].iloc[0]
        vintage = f"{figure['year_start']}-{figure['year_end']}"
        bls = projections[projections["vintage"] == vintage].iloc[0]
        ratio, verdict = wording_verdict(float(figure["value"]), float(bls["all_occupations_pct_change"]), claim.as_printed)
        rows.append({"source_key": claim.source_key, "vintage": vintage, "words": claim.as_printed, "printed_pct": float(figure["value"]),
                     "all_occupations_pct": float(bls["all_occupations_pct_change"]), "ratio": round(ratio, 2), "verdict": verdict,
                     "source_key_bls": bls["source_key"]})
    return pd.DataFrame(rows).rename(columns={"source_key_bls": "bls_source_key"})


def share_of_drop_from_all_occupations(pct_before: float, all_before: float, pct_after: float, all_after: float) -> float:
    """How much of a fall in projected growth the all-occupations slowdown explains, on a log scale.

    occupation % = (ratio to average) x (average %), so the log of the fall splits exactly into
    the fall of the average and the fall of the ratio. Returns the average's share, 0-1 (can leave that range).
    """
    total = np.log(pct_before / pct_after)
    if total == 0:
        raise ValueError("no change to decompose")
    return float(np.log(all_before / all_after) / total)
