"""Real pay: amounts in dollars of one base year (CPI-U annual averages), for the BLS record and for every national
figure of the guides."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mrt.occupation import COMPARABLE


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

