"""The data dictionary: every processed table, its columns, types, units and
allowed values. It is written out as ``data/processed/data_dictionary.csv`` and
turned into pandera schemas that check every table before it is written and
again in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from mrt import paths
from mrt.io import write_csv
from mrt.parse import QUALIFIERS, UNITS

DTYPES = {"string": "string", "int": "Int64", "float": "Float64", "bool": "boolean"}


@dataclass(frozen=True)
class Col:
    name: str
    dtype: str  # one of DTYPES
    description: str
    unit: str = ""
    allowed: tuple | None = None
    nullable: bool = False


@dataclass(frozen=True)
class Table:
    description: str
    written_by: str
    columns: tuple[Col, ...] = field(default_factory=tuple)


def _guide_cols() -> tuple[Col, ...]:
    return (Col("guide_file", "string", "guide file name in shared/guides"),
            Col("line", "int", "1-based line number in the guide file"),
            Col("source_key", "string", "where the row comes from: guide file and line, as FILE#L<line>"))


def _ref_key(table: str) -> Col:
    return Col("source_key", "string", f"where the row comes from: the raw BLS/reference table and key, as {table}#key=value")


GUIDE_UNITS = tuple(UNITS)
YEAR = "calendar year"
QUAL = Col("qualifier", "string", "qualifier printed with the figure, kept as printed (normalised spelling); empty when none", allowed=tuple(QUALIFIERS), nullable=True)
COMPARABLE = Col("comparable_to_29_2071", "string", "whether the occupation code matches the 2010-2018 SOC 29-2071", allowed=("yes", "no", "partly"))

TABLES: dict[str, Table] = {
    "figures.csv": Table(
        "Every figure printed in the four guides, one row per number (a pay pair or a range gives two rows)", "01-clean",
        (Col("figure_id", "string", "id of the printed item in data/raw/guide_figures.csv"), *_guide_cols(),
         Col("as_printed", "string", "the printed item exactly as in the guide"),
         Col("part", "string", "which number of a two-number item this row is", allowed=("hourly", "annual", "low", "high"), nullable=True),
         Col("topic", "string", "what the figure is about", allowed=("pay", "employment", "outlook", "work_setting", "education", "ranking", "workload")),
         Col("subject", "string", "who or what the figure describes"),
         Col("statistic", "string", "which statistic the guide gives ('unspecified' when it does not say)"),
         Col("unit", "string", "unit of value", allowed=GUIDE_UNITS),
         Col("value", "float", "the number, in unit", unit="see unit column", nullable=True),
         QUAL,
         Col("year_start", "int", "first year the figure refers to, as printed; empty when no year is printed", unit=YEAR, nullable=True),
         Col("year_end", "int", "last year the figure refers to (same as year_start for a single year)", unit=YEAR, nullable=True),
         Col("description", "string", "what the figure is, in the project's words"))),
    "guide_wages.csv": Table(
        "The guides' pay figures with area and work setting", "01-clean",
        (Col("figure_id", "string", "id of the printed item"), *_guide_cols(), Col("as_printed", "string", "the printed item exactly as in the guide"),
         Col("area_type", "string", "geography of the figure", allowed=("national", "state", "metro")),
         Col("area", "string", "United States, a state, or a metro area"),
         Col("setting", "string", "work setting the figure covers", allowed=("all", "hospitals", "offices_of_physicians")),
         Col("statistic", "string", "statistic named by the guide", allowed=("mean", "median", "range", "unspecified")),
         Col("part", "string", "hourly/annual half of a pair, or low/high end of a range", allowed=("hourly", "annual", "low", "high"), nullable=True),
         Col("unit", "string", "unit of value", allowed=("usd_per_year", "usd_per_hour")),
         Col("value", "float", "the amount, nominal dollars", unit="usd (see unit)"), QUAL,
         Col("year", "int", "year printed with the figure; empty when none is printed", unit=YEAR, nullable=True))),
    "guide_education.csv": Table(
        "What each guide says about each route into the job", "01-clean",
        (Col("statement_id", "string", "id in data/raw/guide_education.csv"), *_guide_cols(),
         Col("as_printed", "string", "a short phrase exactly as printed, to find the statement on its line"),
         Col("route", "string", "route into the job (closed list)"), Col("route_label", "string", "route in plain words"),
         Col("stance", "string", "what the guide says of the route", allowed=("required", "typical", "sufficient", "alternative", "preferred", "optional", "for_advancement")),
         Col("description", "string", "the statement in the project's words"))),
    "bls_wages.csv": Table(
        "BLS OEWS national wage estimates (May of each year), long format", "01-clean",
        (Col("year", "int", "OEWS reference year (May)", unit=YEAR), Col("soc_code", "string", "occupation code used that year"),
         Col("occupation_title", "string", "occupation title used that year"), COMPARABLE,
         Col("statistic", "string", "wage statistic", allowed=("mean", "p10", "median", "p90")),
         Col("unit", "string", "unit of value", allowed=("usd_per_hour", "usd_per_year")),
         Col("value", "float", "wage, nominal dollars", unit="usd (see unit)", nullable=True), _ref_key("bls_oews_national.csv"))),
    "bls_employment.csv": Table(
        "BLS OEWS national employment (wage-and-salary jobs) by year", "01-clean",
        (Col("year", "int", "OEWS reference year (May)", unit=YEAR), Col("soc_code", "string", "occupation code used that year"),
         Col("occupation_title", "string", "occupation title used that year"), COMPARABLE,
         Col("employment_persons", "int", "employment", unit="persons"), _ref_key("bls_oews_national.csv"))),
    "bls_projections.csv": Table(
        "BLS Employment Projections for the occupation, one row per vintage", "01-clean",
        (Col("vintage", "string", "projection period, base-target"), Col("soc_code", "string", "occupation code"),
         Col("occupation_title", "string", "occupation title"), COMPARABLE,
         Col("base_year", "int", "base year", unit=YEAR), Col("target_year", "int", "projection year", unit=YEAR),
         Col("base_employment_thousands", "float", "employment in the base year", unit="thousands of jobs"),
         Col("projected_employment_thousands", "float", "projected employment", unit="thousands of jobs", nullable=True),
         Col("change_thousands", "float", "projected change", unit="thousands of jobs", nullable=True),
         Col("pct_change", "float", "projected percent change", unit="percent"),
         Col("all_occupations_pct_change", "float", "projected percent change for all occupations, same vintage", unit="percent", nullable=True),
         Col("status", "string", "how the row was verified (from the reference file)"), _ref_key("bls_employment_projections.csv"))),
    "bls_ooh_editions.csv": Table(
        "What each Occupational Outlook Handbook edition stated", "01-clean",
        (Col("edition", "string", "Handbook edition"), Col("wage_year", "int", "year of the pay figure", unit=YEAR),
         Col("employment_year", "int", "year of the employment figure", unit=YEAR),
         Col("typical_entry_education", "string", "BLS typical entry-level education category"),
         Col("education_wording", "string", "how the edition described the education needed (short)"),
         Col("median_annual_usd", "float", "median annual pay stated", unit="usd_per_year, nominal"),
         Col("employment_persons", "int", "employment stated", unit="persons"),
         Col("projection_start", "int", "first year of the projection stated", unit=YEAR, nullable=True),
         Col("projection_end", "int", "last year of the projection stated", unit=YEAR, nullable=True),
         Col("projection_pct", "float", "projected growth stated", unit="percent", nullable=True),
         Col("status", "string", "how the row was verified"), _ref_key("bls_ooh_editions.csv"))),
    "employment_by_setting.csv": Table(
        "Where technicians work: the guides' shares beside BLS industry figures", "01-clean",
        (Col("source_key", "string", "guide file and line, or reference table and key"),
         Col("source_kind", "string", "guide or BLS", allowed=("guide", "bls")), Col("source_detail", "string", "which release or how printed"),
         Col("guide_file", "string", "guide file (guide rows only)", nullable=True), Col("line", "int", "guide line (guide rows only)", nullable=True),
         Col("year", "int", "reference year (empty when the guide prints none)", unit=YEAR, nullable=True),
         Col("setting", "string", "work setting", allowed=("hospitals", "offices_of_physicians")),
         Col("setting_as_named", "string", "the setting as its source names it"),
         Col("share_pct", "float", "share of the occupation's employment", unit="percent"), QUAL,
         Col("share_computed", "bool", "true when the share was computed here from employment counts"),
         Col("employment_persons", "int", "employment in the setting", unit="persons", nullable=True),
         Col("occupation_employment_persons", "int", "occupation total used for a computed share", unit="persons", nullable=True))),
    "cpi_u.csv": Table(
        "CPI-U annual averages (U.S. city average, all items, NSA)", "01-clean",
        (Col("year", "int", "year", unit=YEAR), Col("cpi_u_index_1982_84_100", "float", "annual average index", unit="index, 1982-84=100"), _ref_key("cpi_u_annual.csv"))),
    "education_costs_and_pay.csv": Table(
        "Published costs and pay by education (numeric rows of the reference table)", "01-clean",
        (Col("measure", "string", "what is measured"), Col("group", "string", "who or what it describes"),
         Col("value_min", "float", "value, or low end of a range", unit="see unit column"),
         Col("value_max", "float", "value, or high end of a range", unit="see unit column"),
         Col("unit", "string", "unit of the value", allowed=("usd_per_year", "usd_per_week", "percent", "persons", "months")),
         Col("period", "string", "year or period of the figure", nullable=True), Col("source", "string", "publication"),
         Col("status", "string", "how it was verified"), _ref_key("education_costs_and_pay.csv"))),
}


def _pandera_column(col: Col) -> pa.Column:
    checks = [pa.Check.isin(list(col.allowed))] if col.allowed else []
    return pa.Column(DTYPES[col.dtype], checks=checks, nullable=col.nullable, coerce=True)


def schema(name: str) -> pa.DataFrameSchema:
    table = TABLES[name]
    return pa.DataFrameSchema({c.name: _pandera_column(c) for c in table.columns}, strict=True, ordered=True, name=name)


def validate(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    return schema(name).validate(frame, lazy=True)


def write_processed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check a table against the dictionary, then write it atomically to data/processed."""
    checked = validate(frame.reset_index(drop=True), name)
    write_csv(checked, paths.processed(name))
    return checked


def read_processed(name: str) -> pd.DataFrame:
    """Read a processed table with the types the dictionary gives it."""
    table = TABLES[name]
    dtypes = {c.name: DTYPES[c.dtype] for c in table.columns}
    frame = pd.read_csv(paths.processed(name), dtype=dtypes, keep_default_na=False, na_values=[""], encoding="utf-8")
    return validate(frame, name)


def data_dictionary() -> pd.DataFrame:
    rows = []
    for name in sorted(TABLES):
        table = TABLES[name]
        for col in table.columns:
            rows.append({"table": name, "table_description": table.description, "written_by": table.written_by,
                         "column": col.name, "type": col.dtype, "unit": col.unit, "nullable": col.nullable,
                         "allowed_values": "|".join(map(str, col.allowed)) if col.allowed else "", "description": col.description})
    return pd.DataFrame(rows)


def write_data_dictionary() -> pd.DataFrame:
    frame = data_dictionary()
    write_csv(frame, paths.processed("data_dictionary.csv"))
    return frame
