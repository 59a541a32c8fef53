"""The data dictionary: every processed table, its columns, types, units and
allowed values. It is written out as ``data/processed/data_dictionary.csv`` and
turned into pandera schemas that check every table before it is written and
again in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pandas as pd
import pandera.pandas as pa

from mrt import factcheck, growth, occupation, paths, wages
from mrt.education import KINDS as PARAMETER_KINDS, MODEL_ROUTES, PARAMETERS, RANKINGS
from mrt.io import write_csv
from mrt.occupation import COMPARABILITY, COMPARABLE as COMPARABLE_NAME
from mrt.parse import MONEY_UNITS, PARTS, QUALIFIERS, STATISTICS, UNITS
from mrt.vocab import (ALL_OCCUPATIONS_STATISTICS, AREA_TYPES, AS_REPORTED, BLS_WAGE_STATISTICS, CHECKS, EDUCATION_COST_UNITS,
                       FINDING_NOTEBOOKS, FINDING_UNITS, OEWS_STATISTICS, OEWS_UNITS, PAY_STATISTICS, SOURCE_KINDS, STANCES,
                       TOPICS, UNCHECKED_KINDS, VERDICTS, findings_part)

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


YEAR = "calendar year"
SETTING = "work setting: 'all', or a setting key of occupation.toml [settings]"
QUAL = Col("qualifier", "string", "qualifier printed with the figure, kept as printed (normalised spelling); empty when none", allowed=tuple(QUALIFIERS), nullable=True)
COMPARABLE = Col(COMPARABLE_NAME, "string", "whether the row's occupation code is the reference code of occupation.toml (yes), "
                 "a different group (no) or a split of it (partly)", allowed=COMPARABILITY)

def _projection_tables() -> dict[str, Table]:
    """The tables of the projection notebook; its closed sets (verdicts, bands, measures) come from mrt.growth."""
    jobs_k = "thousands of jobs"
    GROWTH_WORDING_COLUMNS = (  # noqa: N806 - one column list shared by the two wording tables
        Col("source_key", "string", "guide file and line"), Col("vintage", "string", "projection period"),
        Col("words", "string", "the comparison words as printed"), Col("printed_pct", "float", "percent printed", unit="percent"),
        Col("all_occupations_pct", "float", "BLS all-occupations percent, same vintage", unit="percent"),
        Col("ratio", "float", "printed percent / all occupations (3 decimals)", unit="ratio"),
        Col("claimed_band", "string", "the Handbook band the words claim", allowed=growth.BANDS),
        Col("band", "string", "the band the rule puts the growth in", allowed=growth.BANDS),
        Col("rule", "string", "the rule used: kind and Handbook edition of the bands"),
        Col("verdict", "string", "verdict code", allowed=growth.WORDING_VERDICTS),
        Col("bls_source_key", "string", "BLS projections row compared"))
    return {
        "bls_all_occupations_growth.csv": Table(
            "Projected percent change of employment in all occupations together, by projection period, as stated where the "
            "projections table has no figure for the period (or the Handbook rounded it)",
            "01-clean",
            (Col("projection_start", "int", "first year of the projection", unit=YEAR), Col("projection_end", "int", "last year", unit=YEAR),
             Col("all_occupations_pct_change", "float", "projected change of employment in all occupations", unit="percent"),
             Col("source", "string", "publication the figure is read from"), Col("status", "string", "how the project knows it"),
             _ref_key("bls_all_occupations_growth.csv"))),
        "bls_ooh_growth_wording.csv": Table(
            "The Handbook's own growth word for the occupation in each edition found, with the outlook it describes", "01-clean",
            (Col("edition", "string", "Handbook edition"),
             Col("projection_start", "int", "first year of the outlook the edition describes", unit=YEAR),
             Col("projection_end", "int", "last year of that outlook", unit=YEAR),
             Col("pct_change", "float", "the occupation's projected change, as the edition prints it", unit="percent"),
             Col("all_occupations_pct_change", "float", "projected change for all occupations, same outlook", unit="percent"),
             Col("handbook_wording", "string", "the edition's own words for the occupation's growth"),
             Col("source", "string", "the edition, page and words read"), Col("status", "string", "which copy was read"),
             _ref_key("bls_ooh_growth_wording.csv"))),
        "projection_vintages.csv": Table(
            "Every BLS projection vintage, with implied levels, growth rates and the all-occupations comparison", "03-projections",
            (Col("vintage", "string", "projection period"), Col("soc_code", "string", "occupation code"), COMPARABLE,
             Col("base_year", "int", "base year", unit=YEAR), Col("target_year", "int", "target year", unit=YEAR),
             Col("base_employment_thousands", "float", "base-year employment", unit=jobs_k),
             Col("projected_thousands", "float", "target-year employment, published or implied", unit=jobs_k),
             Col("projected_level_basis", "string", "published, or implied from base and percent", allowed=("published", "implied from base and percent")),
             Col("change_thousands_used", "float", "projected change (published, or projected minus base)", unit=jobs_k),
             Col("pct_change", "float", "projected change over the period", unit="percent"),
             Col("annual_growth_pct", "float", "compound annual growth rate", unit="percent per year"),
             Col("all_occupations_pct_change", "float", "all occupations, same vintage", unit="percent", nullable=True),
             Col("all_occupations_annual_growth_pct", "float", "all occupations, compound annual rate", unit="percent per year", nullable=True),
             Col("ratio_to_all_occupations", "float", "occupation percent / all-occupations percent (3 decimals)", unit="ratio", nullable=True),
             Col("status", "string", "how the reference row was verified"), _ref_key("bls_employment_projections.csv"))),
        "guide_outlooks.csv": Table(
            "The outlooks the guides quote, with implied end-year employment, change and annual rate", "03-projections",
            (Col("vintage", "string", "projection period"), Col("guide_sources", "string", "guide lines that print the percent"),
             Col("printed_pct", "float", "percent the guides print", unit="percent"),
             Col("base_persons", "int", "base-year employment used; empty: neither base nor change printed", unit="jobs", nullable=True), Col("base_basis", "string", "printed (with line) or implied"),
             Col("change_persons", "int", "numeric change; empty: neither base nor change printed", unit="jobs", nullable=True), Col("change_basis", "string", "printed (with line) or implied"),
             Col("implied_end_persons", "int", "implied end-year employment", unit="jobs", nullable=True),
             Col("annual_growth_pct", "float", "compound annual growth rate of the printed percent", unit="percent per year"),
             Col("bls_base_persons", "int", "base BLS used", unit="jobs"), Col("bls_pct", "float", "percent BLS published", unit="percent"),
             Col("bls_all_occupations_pct", "float", "all occupations, same vintage", unit="percent", nullable=True), _ref_key("bls_employment_projections.csv"))),
        "outlook_rounding.csv": Table(
            "Base-year employment consistent with the rounded change and percent the guides print for the later quoted outlook "
            "(interval arithmetic), under each rounding step for the change", "03-projections",
            (Col("vintage", "string", "projection period"),
             Col("printed_change", "float", "job change as printed", unit="jobs"),
             Col("change_step", "float", "rounding step assumed for the printed change", unit="jobs"),
             Col("printed_pct", "float", "percent as printed", unit="percent"),
             Col("pct_step", "float", "rounding step of the printed percent", unit="percentage points"),
             Col("change_low", "float", "lowest change that rounds to the printed one", unit="jobs"), Col("change_high", "float", "highest", unit="jobs"),
             Col("pct_low", "float", "lowest percent that rounds to the printed one", unit="percent"), Col("pct_high", "float", "highest", unit="percent"),
             Col("base_low_persons", "int", "lowest whole-job base consistent with both", unit="jobs"),
             Col("base_high_persons", "int", "highest whole-job base consistent with both", unit="jobs"),
             Col("bls_base_persons", "float", "base BLS used", unit="jobs"), Col("bls_base_in_interval", "bool", "whether BLS's base is consistent"),
             Col("point_estimate_persons", "int", "printed change / printed percent", unit="jobs"),
             Col("step_as_printed", "bool", "true for the step read from the printed digits (the one the notebook reports)"),
             Col("source_keys", "string", "guide lines and BLS row"))),
        **{name: Table(description, "03-projections", _outcome_columns(growth)) for name, description in (
            ("projection_vs_outcome.csv", "Like-for-like checks: each outlook's projected path against the base-year employment of a later "
                                          "outlook with the same occupation code (same concept: all jobs)"),
            ("projection_vs_outcome_not_comparable.csv", "Projected against measured employment where the pair is NOT like for like "
                                                         "(another occupation code, or OEWS wage-and-salary counts), with why"))},
        "growth_wording.csv": Table(
            "The guides' growth words judged against the Handbook's own word for the same outlook (cannot_tell where that "
            "edition's word was not found), with the ratios to the average the Handbook's editions gave each word", "03-projections",
            (*GROWTH_WORDING_COLUMNS[:6],
             Col("ratio_low", "float", "lowest ratio the two printed percents allow, each read with its rounding step", unit="ratio"),
             Col("ratio_high", "float", "highest ratio the two printed percents allow", unit="ratio"), GROWTH_WORDING_COLUMNS[6],
             Col("handbook_edition", "string", "Handbook edition that describes the same outlook; empty: not found", nullable=True),
             Col("handbook_wording", "string", "that edition's own words for the occupation's growth", nullable=True),
             Col("handbook_band", "string", "the band those words name", allowed=growth.BANDS, nullable=True),
             Col("verdict", "string", "verdict code", allowed=growth.WORDING_VERDICTS),
             *(Col(f"{band}_ratio_{end}", "float", f"{end}est ratio to the average any edition found called "
                   f"'{band.replace('_', ' ')}'", unit="ratio", nullable=True) for band in growth.ABOVE_AVERAGE for end in ("low", "high")),
             GROWTH_WORDING_COLUMNS[-1],
             Col("handbook_source_key", "string", "bls_ooh_growth_wording.csv row compared", nullable=True))),
        "growth_wording_rules.csv": Table(
            "The guides' growth words judged by each Handbook edition's published bands in percent (alternatives for the "
            "findings register)", "03-projections",
            GROWTH_WORDING_COLUMNS),
    }


def _outcome_columns(growth) -> tuple[Col, ...]:
    jobs_k = "thousands of jobs"
    return (Col("vintage", "string", "the outlook whose path is checked"), Col("soc_code", "string", "its occupation code"),
            Col("target_year", "int", "its target year", unit=YEAR), Col("year", "int", "year compared", unit=YEAR),
            Col("years_ahead", "int", "years from the outlook's base year to the year compared", unit="years"),
            Col("interpolation", "string", "how the path is read between base and target", allowed=growth.INTERPOLATIONS),
            Col("projected_thousands", "float", "employment on the outlook's path in that year", unit=jobs_k),
            Col("measured_by", "string", "what measured the year", allowed=growth.MEASURES),
            Col("measured_vintage", "string", "the later outlook whose base year is the measurement (projection bases only)", nullable=True),
            Col("measured_soc_code", "string", "occupation code of the measurement"),
            Col("measured_comparable_to_reference_code", "string", "comparability of that code with the reference code", allowed=COMPARABILITY),
            Col("same_code", "bool", "measurement and outlook use the same occupation code"),
            Col("same_concept", "bool", "measurement counts all jobs, self-employed included, as projections do (false for OEWS)"),
            Col("like_for_like", "bool", "same code and same concept"),
            Col("measured_thousands", "float", "measured employment", unit=jobs_k),
            Col("difference_thousands", "float", "measured minus projected", unit=jobs_k),
            Col("difference_pct", "float", "measured relative to projected: positive when the outcome was above the path", unit="percent"),
            Col("source_key", "string", "BLS projections row of the outlook"), Col("measured_source_key", "string", "row measured"))


def _findings_tables() -> dict[str, Table]:
    part = (Col("finding_id", "string", "stable id of the finding, <topic>.<name>"),
            Col("notebook", "string", "notebook that computes the finding", allowed=FINDING_NOTEBOOKS),
            Col("key_rank", "int", "1-5 for the five key findings shown first in the README and on the site's index; empty otherwise", nullable=True),
            Col("statement", "string", "the finding as reported, a sentence composed from the computed values"),
            Col("unit", "string", "unit of value", allowed=FINDING_UNITS),
            Col("depends_on", "string", "the method choices the finding rests on; empty when it rests on none", nullable=True),
            Col("method", "string", f"'{AS_REPORTED}' for the reported method, else the alternative method in words"),
            Col("value", "float", "the headline number under this method; empty when it has none", unit="see unit column", nullable=True),
            Col("conclusion_holds", "bool", "whether the finding's conclusion holds under this method"),
            Col("note", "string", "what the finding says instead when it does not hold", nullable=True),
            Col("source_keys", "string", "where the value comes from (processed tables and rows, guide lines)", nullable=True))
    tables = {findings_part(nb): Table(f"The findings of notebook {nb}, each under the reported method and every alternative", nb, part)
              for nb in FINDING_NOTEBOOKS}
    tables["findings.csv"] = Table(
        "The robustness register: one row per headline finding, its value, what it depends on, its value under each "
        "alternative method, and whether it holds under all of them", "06-findings",
        (Col("finding_id", "string", "stable id of the finding, <topic>.<name>"),
         Col("notebook", "string", "notebook that computes the finding", allowed=FINDING_NOTEBOOKS),
         Col("key_rank", "int", "1-5 for the five key findings; empty otherwise", nullable=True),
         Col("statement", "string", "the finding as reported"),
         Col("value", "float", "the headline number as reported", unit="see unit column", nullable=True),
         Col("unit", "string", "unit of value", allowed=FINDING_UNITS),
         Col("depends_on", "string", "the method choices the finding rests on", nullable=True),
         Col("alternatives", "string", "each alternative method with the value it gives, and what changes", nullable=True),
         Col("holds_under_all", "bool", "whether the conclusion holds under every alternative"),
         Col("changes_under", "string", "the alternatives under which the conclusion changes", nullable=True),
         Col("source_keys", "string", "where the value comes from", nullable=True)))
    return tables


@cache
def _tables() -> dict[str, Table]:
    """Every processed table, described. Built on first use: it reads occupation.toml (the dollar year, the settings),
    so importing this module reads nothing."""

    TABLES: dict[str, Table] = {
        "figures.csv": Table(
            "Every figure printed in the guides, one row per number (a pay pair or a range gives two rows)", "01-clean",
            (Col("figure_id", "string", "id of the printed item in data/raw/guide_figures.csv"), *_guide_cols(),
             Col("as_printed", "string", "the printed item exactly as in the guide"),
             Col("part", "string", "which number of a two-number item this row is (a pair in two units, or the ends of a range)",
                 allowed=PARTS, nullable=True),
             Col("topic", "string", "what the figure is about", allowed=TOPICS),
             Col("subject", "string", "who or what the figure describes"),
             Col("statistic", "string", "which statistic the guide gives ('unspecified' when it does not say)", allowed=STATISTICS),
             Col("unit", "string", "unit of value", allowed=UNITS),
             Col("value", "float", "the number, in unit", unit="see unit column", nullable=True),
             QUAL,
             Col("numbering", "bool", "true for a list marker ('1.' before a state in the guide's ranked list): the guide's "
                 "numbering, not a statistic about the occupation"),
             Col("year_start", "int", "first year the figure refers to, as printed; empty when no year is printed", unit=YEAR, nullable=True),
             Col("year_end", "int", "last year the figure refers to (same as year_start for a single year)", unit=YEAR, nullable=True),
             Col("description", "string", "what the figure is, in the project's words"))),
        "guide_wages.csv": Table(
            "The guides' pay figures with area and work setting", "01-clean",
            (Col("figure_id", "string", "id of the printed item"), *_guide_cols(), Col("as_printed", "string", "the printed item exactly as in the guide"),
             Col("area_type", "string", "geography of the figure", allowed=AREA_TYPES),
             Col("area", "string", "United States, a state, or a metro area"),
             Col("setting", "string", SETTING),
             Col("statistic", "string", "statistic named by the guide", allowed=PAY_STATISTICS),
             Col("part", "string", "which amount of a pair (hourly, annual, ...) or which end of a range", allowed=PARTS, nullable=True),
             Col("unit", "string", "unit of value", allowed=MONEY_UNITS),
             Col("value", "float", "the amount, nominal dollars", unit="usd (see unit)"), QUAL,
             Col("year", "int", "year printed with the figure; empty when none is printed", unit=YEAR, nullable=True))),
        "guide_education.csv": Table(
            "What each guide says about each route into the job", "01-clean",
            (Col("statement_id", "string", "id in data/raw/guide_education.csv"), *_guide_cols(),
             Col("as_printed", "string", "a short phrase exactly as printed, to find the statement on its line"),
             Col("route", "string", "route into the job: a general route or certification_<key> of occupation.toml [certifications]"), Col("route_label", "string", "route in plain words"),
             Col("stance", "string", "what the guide says of the route", allowed=STANCES),
             Col("description", "string", "the statement in the project's words"))),
        "guide_claims.csv": Table(
            "Every checkable claim in the guides, restated in the project's words, with the check that applies", "01-clean",
            (Col("claim_id", "string", "id in data/raw/guide_claims.csv"), *_guide_cols(),
             Col("as_printed", "string", "a short phrase exactly as printed, to find the claim on its line"),
             Col("topic", "string", "what the claim is about", allowed=TOPICS),
             Col("check", "string", "which check applies (src/mrt/factcheck/)", allowed=CHECKS),
             Col("figure_ids", "string", "printed figures the claim rests on, separated by ';'", nullable=True),
             Col("claim", "string", "the claim in the project's words"))),
        "guide_unchecked_sentences.csv": Table(
            "Sentences of the guides with a number or a checkable statement that are no claim we check, with the reason", "01-clean",
            (*_guide_cols(), Col("as_printed", "string", "a short phrase exactly as printed, to find the sentence on its line"),
             Col("kind", "string", "the kind of reason it is not checked", allowed=UNCHECKED_KINDS),
             Col("description", "string", "what the sentence says, in the project's words"),
             Col("reason", "string", "why it is no claim we check"))),
        "bls_wages.csv": Table(
            "BLS OEWS national wage estimates (May of each year), long format", "01-clean",
            (Col("year", "int", "OEWS reference year (May)", unit=YEAR), Col("soc_code", "string", "occupation code used that year"),
             Col("occupation_title", "string", "occupation title used that year"), COMPARABLE,
             Col("statistic", "string", "wage statistic (p25 and p75 only for the years bls_oews_quartiles.csv covers)", allowed=BLS_WAGE_STATISTICS),
             Col("unit", "string", "unit of value", allowed=tuple(OEWS_UNITS.values())),
             Col("value", "float", "wage, nominal dollars", unit="usd (see unit)", nullable=True),
             _ref_key("bls_oews_national.csv (p25 and p75: bls_oews_quartiles.csv)"))),
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
             Col("median_annual_usd", "float", "median annual pay stated; empty: not found for that edition", unit="usd_per_year, nominal", nullable=True),
             Col("employment_persons", "int", "employment stated", unit="persons"),
             Col("projection_start", "int", "first year of the projection stated", unit=YEAR, nullable=True),
             Col("projection_end", "int", "last year of the projection stated", unit=YEAR, nullable=True),
             Col("projection_pct", "float", "projected growth stated", unit="percent", nullable=True),
             Col("status", "string", "how the row was verified"), _ref_key("bls_ooh_editions.csv"))),
        "employment_by_setting.csv": Table(
            "Where the occupation's workers work: the guides' shares beside BLS industry figures", "01-clean",
            (Col("source_key", "string", "guide file and line, or reference table and key"),
             Col("source_kind", "string", "guide or BLS", allowed=SOURCE_KINDS), Col("source_detail", "string", "which release or how printed"),
             Col("guide_file", "string", "guide file (guide rows only)", nullable=True), Col("line", "int", "guide line (guide rows only)", nullable=True),
             Col("year", "int", "reference year (empty when the guide prints none)", unit=YEAR, nullable=True),
             Col("setting", "string", "work setting: a setting key of occupation.toml [settings]"),
             Col("setting_as_named", "string", "the setting as its source names it"),
             Col("share_pct", "float", "share of the occupation's employment", unit="percent"), QUAL,
             Col("share_computed", "bool", "true when the share was computed here from employment counts"),
             Col("employment_persons", "int", "employment in the setting", unit="persons", nullable=True),
             Col("occupation_employment_persons", "int", "occupation total used for a computed share", unit="persons", nullable=True),
             Col("mean_annual_usd", "float", "mean annual pay in the setting (OES rows only)", unit="usd_per_year, nominal", nullable=True))),
        "bls_ooh_key_phrases.csv": Table(
            "The Handbook's own bands of projected percent change for its growth words, by edition", "01-clean",
            (Col("edition", "string", "Handbook edition"),
             Col("projection_start", "int", "first year of the projection the edition describes", unit=YEAR),
             Col("projection_end", "int", "last year of that projection", unit=YEAR),
             Col("key_phrase", "string", "the Handbook's words for a band of growth"),
             Col("min_pct_change", "float", "lowest projected change the phrase covers; empty: no lower bound", unit="percent", nullable=True),
             Col("max_pct_change", "float", "highest projected change the phrase covers; empty: no upper bound", unit="percent", nullable=True),
             Col("source", "string", "publication the band is read from"), Col("status", "string", "which copy was read"),
             _ref_key("bls_ooh_key_phrases.csv"))),
        "bls_all_occupations_pay.csv": Table(
            "Annual pay of all occupations together (the typical worker), by survey year", "01-clean",
            (Col("year", "int", "OES survey year (May)", unit=YEAR), Col("statistic", "string", "pay statistic", allowed=ALL_OCCUPATIONS_STATISTICS),
             Col("annual_usd", "float", "annual pay of all occupations, nominal dollars", unit="usd_per_year"),
             Col("source", "string", "publication the figure is read from"), Col("status", "string", "which copy was read"),
             _ref_key("bls_all_occupations_pay.csv"))),
        "cpi_u.csv": Table(
            "CPI-U annual averages (U.S. city average, all items, NSA)", "01-clean",
            (Col("year", "int", "year", unit=YEAR), Col("cpi_u_index_1982_84_100", "float", "annual average index", unit="index, 1982-84=100"), _ref_key("cpi_u_annual.csv"))),
        "education_costs_and_pay.csv": Table(
            "Published costs and pay by education (numeric rows of the reference table)", "01-clean",
            (Col("measure", "string", "what is measured"), Col("group", "string", "who or what it describes"),
             Col("value_min", "float", "value, or low end of a range", unit="see unit column"),
             Col("value_max", "float", "value, or high end of a range", unit="see unit column"),
             Col("unit", "string", "unit of the value", allowed=EDUCATION_COST_UNITS),
             Col("period", "string", "year or period of the figure", nullable=True), Col("source", "string", "publication"),
             Col("status", "string", "how it was verified"), _ref_key("education_costs_and_pay.csv"))),
    }

    USD = "usd (see unit column)"
    VERDICTS_WAGE = wages.VERDICTS
    METHODS = wages.METHODS
    BLS_STAT = OEWS_STATISTICS
    REAL_USD = wages.real_column(occupation.current().dollar_year)  # amounts in the project's dollar year (occupation.toml)
    DOLLARS_OF = f"{occupation.current().dollar_year} dollars"

    TABLES.update({
        "wage_provenance.csv": Table(
            "Each national pay figure in the guides matched to the BLS OEWS release it came from", "02-salaries",
            (Col("figure_id", "string", "printed item id"), Col("source_key", "string", "guide file and line"),
             Col("as_printed", "string", "the printed item"), Col("part", "string", "part of a pair or range", allowed=("hourly", "annual", "low", "high"), nullable=True),
             Col("statistic_printed", "string", "statistic the guide names"), Col("statistic_compared", "string", "BLS statistic compared (range ends as p10/p90)"),
             Col("unit", "string", "unit", allowed=("usd_per_year", "usd_per_hour")), Col("value", "float", "printed amount", unit=USD),
             Col("year_printed", "int", "year printed with the figure", unit=YEAR, nullable=True),
             Col("printed_rounding_step", "float", "rounding step read from the printed amount", unit=USD),
             Col("bls_year", "int", "OEWS year matched", unit=YEAR, nullable=True),
             Col("bls_statistic", "string", "OEWS statistic matched", allowed=BLS_STAT, nullable=True),
             Col("bls_value", "float", "OEWS value matched", unit=USD, nullable=True),
             Col("difference", "float", "printed minus BLS", unit=USD, nullable=True),
             Col("verdict", "string", "how the printed figure relates to the record", allowed=VERDICTS_WAGE),
             Col("bls_source_key", "string", "OEWS row matched", nullable=True))),
        "hourly_annual_checks.csv": Table(
            "Every hourly/annual pair the guides print, checked against annual = hourly x 2,080", "02-salaries",
            (Col("area_type", "string", "geography", allowed=AREA_TYPES), Col("area", "string", "area"),
             Col("statistic", "string", "statistic named by the guide"), Col("range_end", "string", "point figure or range end", allowed=("point", "low", "high")),
             Col("hourly_source_key", "string", "guide line of the hourly amount"), Col("annual_source_key", "string", "guide line of the annual amount"),
             Col("hourly_usd", "float", "printed hourly amount", unit="usd_per_hour"), Col("annual_usd", "float", "printed annual amount", unit="usd_per_year"),
             Col("annual_rounding_step_usd", "float", "rounding step of the printed annual amount", unit="usd_per_year"),
             Col("hourly_x_2080", "float", "hourly amount times 2,080 hours", unit="usd_per_year"),
             Col("gap_usd", "float", "printed annual minus hourly x 2,080", unit="usd_per_year"),
             Col("tolerance_usd", "float", "largest gap rounding explains: half a cent x 2,080 + half the annual step", unit="usd_per_year"),
             Col("consistent", "bool", "gap within tolerance"))),
        "mean_median_gap.csv": Table(
            "BLS mean, median and spread of annual pay by year", "02-salaries",
            (Col("year", "int", "OEWS year", unit=YEAR), Col("soc_code", "string", "occupation code"), COMPARABLE,
             # each figure is empty in a year BLS does not publish it (a partial occupation), and so is what is computed from it
             Col("p10_annual_usd", "float", "10th percentile", unit="usd_per_year, nominal", nullable=True),
             Col("median_annual_usd", "float", "median", unit="usd_per_year, nominal", nullable=True),
             Col("mean_annual_usd", "float", "mean", unit="usd_per_year, nominal", nullable=True),
             Col("p90_annual_usd", "float", "90th percentile", unit="usd_per_year, nominal", nullable=True),
             Col("mean_minus_median_usd", "float", "mean minus median", unit="usd_per_year", nullable=True),
             Col("mean_to_median_ratio", "float", "mean / median", unit="ratio", nullable=True),
             Col("p90_to_p10_ratio", "float", "90th / 10th percentile", unit="ratio", nullable=True), _ref_key("bls_oews_national.csv"))),
        "median_method_validation.csv": Table(
            "The median of each BLS year estimated without it (from p10, p90 and the mean, or the shape of other years), against the published median",
            "02-salaries",
            (Col("year", "int", "OEWS year", unit=YEAR), Col("soc_code", "string", "occupation code"), COMPARABLE,
             Col("in_validation_set", "bool", "true for the years of the reference occupation code, whose errors give the error bands"),
             Col("method", "string", "estimation method", allowed=wages.VALIDATED),
             Col("calibrated_on", "string", "BLS years whose shape the estimate borrows (never the year estimated); empty for a method that borrows none",
                 nullable=True),
             Col("published_median_usd", "float", "published median", unit="usd_per_year, nominal"),
             Col("estimated_median_usd", "float", "estimated median", unit="usd_per_year, nominal"),
             Col("error_usd", "float", "estimate minus published (signed)", unit="usd_per_year"),
             Col("error_pct", "float", "signed error relative to the published median", unit="percent"))),
        "quartile_method_check.csv": Table(
            "The quartile methods checked where BLS publishes the 25th and 75th percentiles: each method given what a guide prints "
            "(10th percentile, median, mean, 90th percentile; the methods that estimate the median without it), against the published quartiles",
            "02-salaries",
            (Col("year", "int", "OEWS year", unit=YEAR), Col("soc_code", "string", "occupation code"), COMPARABLE,
             Col("in_validation_set", "bool", "true for the years of the reference occupation code, whose errors give the bands of salary_quantiles.csv"),
             Col("method", "string", "estimation method", allowed=METHODS),
             Col("quantile", "float", "quantile", allowed=wages.QUARTILES),
             Col("published_usd", "float", "published 25th percentile, median or 75th percentile", unit="usd_per_year, nominal"),
             Col("estimated_usd", "float", "the method's value at the quantile", unit="usd_per_year, nominal"),
             Col("error_usd", "float", "estimate minus published (signed)", unit="usd_per_year"),
             Col("error_pct", "float", "signed error relative to the published value", unit="percent"))),
        "salary_quantiles.csv": Table(
            "Quartiles of national annual pay estimated from the guides' printed figures, one row per year, quantile and method, with error bands",
            "02-salaries",
            (Col("year", "int", "year of the printed figures (printed, or the BLS year they match)", unit=YEAR),
             Col("quantile", "float", "quantile", allowed=wages.QUARTILES),
             Col("method", "string", "estimation method", allowed=METHODS),
             Col("headline", "bool", "true for the one method the notebook and README report for this year: the printed median where a guide "
                 "prints one, else the median placed as in other BLS years"),
             Col("annual_usd", "float", "estimated pay at the quantile (modelled)", unit="usd_per_year, dollars of the year"),
             Col("low_usd", "float", "low end of the error band", unit="usd_per_year, dollars of the year", nullable=True),
             Col("high_usd", "float", "high end of the error band", unit="usd_per_year, dollars of the year", nullable=True),
             Col("band_basis", "string", "where the band comes from: the rounding interval of the printed median (quartiles through its two ends), "
                 "widened by the curve's smallest and largest signed error at that quartile in other BLS years that publish quartiles "
                 "(quartile_method_check.csv); a method's own quartile errors there; or, where no year publishes quartiles, its median "
                 "errors in other BLS years (applied to every quartile)",
                 allowed=wages.BAND_BASES),
             Col("validated_on", "string", "BLS years whose errors give the band; empty for a band of rounding alone", nullable=True),
             Col("figures_used", "string", "printed figures the method uses, with guide file and line"))),
        "bls_pay_constant_dollars.csv": Table(
            f"BLS national annual mean and median, nominal and in {DOLLARS_OF} (CPI-U)", "02-salaries",
            (Col("year", "int", "OEWS year", unit=YEAR), Col("soc_code", "string", "occupation code"), COMPARABLE,
             Col("statistic", "string", "statistic", allowed=("mean", "median")), Col("nominal_usd", "float", "pay in dollars of the year", unit="usd_per_year, nominal"),
             Col(REAL_USD, "float", f"pay in {DOLLARS_OF} (the project's dollar year)", unit=f"usd_per_year, {DOLLARS_OF}"), _ref_key("bls_oews_national.csv"))),
        "guide_pay_constant_dollars.csv": Table(
            f"Every national pay figure of the guides in {DOLLARS_OF} (CPI-U)", "02-salaries",
            (Col("figure_id", "string", "printed item id"), Col("source_key", "string", "guide file and line"), Col("as_printed", "string", "the printed item"),
             Col("part", "string", "part of a pair or range", allowed=("hourly", "annual", "low", "high"), nullable=True),
             Col("statistic", "string", "statistic (range ends as p10/p90)"), Col("unit", "string", "unit", allowed=("usd_per_year", "usd_per_hour")),
             Col("nominal_value", "float", "printed amount, in dollars of dollar_year", unit=USD), Col("dollar_year", "int", "year whose dollars the figure is in", unit=YEAR, nullable=True),
             Col("dollar_year_basis", "string", "where the dollar year comes from", allowed=("printed", "inferred from the BLS match", "unknown")),
             Col(REAL_USD, "float", f"amount in {DOLLARS_OF}", unit=f"{USD}, {DOLLARS_OF}", nullable=True))),
        "pay_by_place_vs_national.csv": Table(
            "The guides' state, metro and work-setting pay against the national BLS figure of the same year and statistic", "02-salaries",
            (Col("figure_id", "string", "printed item id"), Col("source_key", "string", "guide file and line"),
             Col("area_type", "string", "geography", allowed=AREA_TYPES), Col("area", "string", "area"),
             Col("setting", "string", "work setting (keys of occupation.toml)", allowed=("all", *occupation.current().setting_labels)),
             Col("unit", "string", "unit", allowed=("usd_per_year", "usd_per_hour")), Col("value", "float", "printed amount, nominal", unit=USD),
             Col("year", "int", "year compared: printed, or inferred; empty when neither", unit=YEAR, nullable=True),
             Col("year_basis", "string", "where the year comes from", allowed=("printed", "inferred from the guide's undated national figures", "unknown")),
             Col("national_statistic", "string", "national statistic compared: the one the guide names, else the mean (BLS ranks areas by mean pay)",
                 allowed=BLS_STAT),
             Col("national_value", "float", "national BLS value, same year, unit and statistic", unit=USD, nullable=True),
             Col("difference", "float", "printed minus national", unit=USD, nullable=True),
             Col("ratio_to_national", "float", "printed / national", unit="ratio", nullable=True),
             Col("national_source_key", "string", "OEWS row compared", nullable=True))),
    })


    TABLES.update(_projection_tables())

    MODEL_PARAMETERS = tuple(PARAMETERS)
    DOLLARS = DOLLARS_OF  # the dollar year of occupation.toml; the education model converts every input to it with CPI-U
    ROUTE = Col("route", "string", "route (closed list, src/mrt/education/)", allowed=MODEL_ROUTES)
    TABLES.update({
        "education_paths.csv": Table(
            "Each route into the job: what the guides say (file and line), stated durations, and the Handbook editions", "04-education",
            (Col("route", "string", "route (closed list)"), Col("route_label", "string", "route in plain words"),
             Col("guides", "int", "number of guides that mention the route", unit="guides"),
             Col("guide_stances", "string", "each stance with the guides (by number) that take it"),
             Col("statements", "string", "every mention as guide#Lline and what it says"), Col("stances", "string", "distinct stances, '|'-separated"),
             Col("guides_agree", "bool", "true when every mention takes the same stance"),
             Col("stated_duration", "string", "durations the guides print for the route, with lines", nullable=True),
             Col("ooh_typical_entry_in", "string", "Handbook editions naming it the typical entry education", nullable=True),
             Col("ooh_wording_mentions_in", "string", "Handbook editions whose wording mentions it", nullable=True))),
        "education_model_parameters.csv": Table(
            "Every parameter of the education model: value used, unit, why, and the published figure it comes from", "04-education",
            (Col("parameter", "string", "name in the notebook's parameters cell", allowed=MODEL_PARAMETERS),
             Col("label", "string", "the parameter in words"),
             Col("value", "float", "value used (True/False as 1/0); money in " + DOLLARS, unit="see unit column"),
             Col("unit", "string", "unit of the value"), Col("kind", "string", "where the value comes from", allowed=PARAMETER_KINDS),
             Col("why", "string", "why this default"), Col("value_from", "string", "published figure or set in the parameters cell"),
             Col("published_value", "float", "the figure as published, in dollars of its own year", unit="usd, nominal", nullable=True),
             Col("published_year", "int", "the year whose dollars the published figure is in (converted with CPI-U)", unit=YEAR, nullable=True),
             Col("source_key", "string", "row of the reference table the published figure comes from", nullable=True))),
        "education_model_results.csv": Table(
            "The education model's summary: one row per route, ranked by present value, with the lead over the next route", "04-education",
            (ROUTE, Col("label", "string", "route in plain words"),
             Col("study_months", "float", "months of study before work", unit="months"),
             Col("tuition_total_usd", "float", "tuition paid", unit="usd, " + DOLLARS),
             Col("earnings_forgone_usd", "float", "what the shortest route earns while this one studies, less part-time pay", unit="usd, " + DOLLARS),
             Col("start_percentile", "float", "starting point in the occupation's pay distribution", unit="percentile"),
             Col("start_pay_usd_per_year", "float", "starting pay", unit="usd_per_year, " + DOLLARS),
             Col("promotion_probability", "float", "chance of promotion (empty for a route never promoted)", unit="probability", nullable=True),
             Col("unemployment_rate_pct", "float", "unemployment rate applied to pay (0 without unemployment risk)", unit="percent"),
             Col("cumulative_net_usd", "float", "expected pay minus tuition over the horizon, undiscounted", unit="usd, " + DOLLARS),
             Col("net_present_value_usd", "float", "the same, discounted: the basis of the ranking", unit="usd, " + DOLLARS + ", present value"),
             Col("present_value_vs_shortest_usd", "float", "present value minus the shortest route's", unit="usd, " + DOLLARS + ", present value"),
             Col("break_even_year_vs_shortest", "int", "first year from which the route's discounted cumulative net stays at or above the shortest "
                 "route's (1 for the shortest itself); empty if never within the horizon", unit="year of the horizon", nullable=True),
             Col("rank_by_present_value", "int", "1 = highest present value"),
             Col("lead_over_next_usd", "float", "present value minus that of the route ranked just below; empty for the last",
                 unit="usd, " + DOLLARS + ", present value", nullable=True),
             Col("lead_over_next_pct", "float", "the lead as a percentage of the next route's present value", unit="percent", nullable=True))),
        "education_model_paths.csv": Table(
            "The education model year by year for each route", "04-education",
            (ROUTE, Col("year", "int", "year of the horizon (1 = first year after high school)"),
             Col("pay_usd", "float", "expected pay earned in the year", unit="usd, " + DOLLARS),
             Col("tuition_usd", "float", "tuition paid in the year", unit="usd, " + DOLLARS),
             Col("net_usd", "float", "pay minus tuition", unit="usd, " + DOLLARS),
             Col("net_present_usd", "float", "net, discounted to the start", unit="usd, " + DOLLARS + ", present value"),
             Col("cumulative_net_usd", "float", "running total of net", unit="usd, " + DOLLARS),
             Col("cumulative_net_present_usd", "float", "running total of discounted net (what the chart plots)", unit="usd, " + DOLLARS + ", present value"))),
        "education_sensitivity.csv": Table(
            "Present value of each route as one parameter at a time takes its low, default and high value, with the best route and its lead",
            "04-education",
            (Col("assumption", "string", "parameter varied (the others at their defaults)", allowed=MODEL_PARAMETERS),
             Col("value", "float", "value tried (True/False as 1/0)", unit="see education_model_parameters.csv"),
             Col("is_default", "bool", "true for the default value"), ROUTE,
             Col("net_present_value_usd", "float", "present value of the route", unit="usd, " + DOLLARS + ", present value"),
             Col("best_route", "string", "route with the highest present value", allowed=MODEL_ROUTES),
             Col("best_route_lead_usd", "float", "its lead over the next route", unit="usd, " + DOLLARS + ", present value"),
             Col("best_entry_route", "string", "best among the routes that stay in the occupation", allowed=MODEL_ROUTES),
             Col("best_entry_lead_usd", "float", "its lead over the next route that stays in the occupation", unit="usd, " + DOLLARS + ", present value"))),
        "education_break_even.csv": Table(
            "For each parameter and ranking: the default leader's lead at the low, default and high value, and the value at which it stops leading",
            "04-education",
            (Col("ranking", "string", "which routes are compared", allowed=tuple(RANKINGS)),
             Col("assumption", "string", "parameter varied", allowed=MODEL_PARAMETERS), Col("label", "string", "the parameter in words"),
             Col("default_value", "float", "default value", unit="see education_model_parameters.csv"),
             Col("low_value", "float", "low value tried", unit="see education_model_parameters.csv"),
             Col("high_value", "float", "high value tried", unit="see education_model_parameters.csv"),
             Col("leader", "string", "route leading under the defaults", allowed=MODEL_ROUTES),
             Col("lead_at_low_usd", "float", "the leader's present value minus the best other route's, at the low value (negative: it no longer leads)",
                 unit="usd, " + DOLLARS + ", present value"),
             Col("lead_at_default_usd", "float", "the same at the default", unit="usd, " + DOLLARS + ", present value"),
             Col("lead_at_high_usd", "float", "the same at the high value", unit="usd, " + DOLLARS + ", present value"),
             Col("flips_below", "float", "value between the low and the default at which the leader stops leading; empty if it leads at the low value",
                 unit="see education_model_parameters.csv", nullable=True),
             Col("leader_below", "string", "the route leading at the low value, when it is another", allowed=MODEL_ROUTES, nullable=True),
             Col("flips_above", "float", "value between the default and the high at which the leader stops leading; empty if it leads at the high value",
                 unit="see education_model_parameters.csv", nullable=True),
             Col("leader_above", "string", "the route leading at the high value, when it is another", allowed=MODEL_ROUTES, nullable=True),
             Col("start_gap_at_flip", "float", "for the certificate's and the associate's starting percentiles: the associate's head start over the "
                 "certificate where the leader changes (the break-even gap)", unit="percentile points", nullable=True))),
        "education_joint_sensitivity.csv": Table(
            "How often each route leads when every assumption is drawn at once from its range tried (seeded, the same sets on every run)",
            "04-education",
            (Col("ranking", "string", "which routes are compared", allowed=tuple(RANKINGS)), ROUTE, Col("label", "string", "route in plain words"),
             Col("assumption_sets", "int", "assumption sets drawn (src/mrt/education/: JOINT_DRAWS, JOINT_SEED)", unit="sets"),
             Col("sets_led", "int", "sets in which the route has the highest present value of the ranking", unit="sets"),
             Col("share_led", "float", "sets_led / assumption_sets; the model ranks a route first only from RANK_SHARE up", unit="share, 0-1"))),
        "education_pair_flips.csv": Table(
            "Pairs of assumptions that change a leader together where neither does alone, each on a grid over its range", "04-education",
            (Col("ranking", "string", "which routes are compared", allowed=tuple(RANKINGS)),
             Col("assumption_a", "string", "first parameter of the pair", allowed=MODEL_PARAMETERS), Col("label_a", "string", "it in words"),
             Col("value_a", "float", "its value in the combination nearest the defaults that changes the leader", unit="see education_model_parameters.csv"),
             Col("assumption_b", "string", "second parameter of the pair", allowed=MODEL_PARAMETERS), Col("label_b", "string", "it in words"),
             Col("value_b", "float", "its value in that combination", unit="see education_model_parameters.csv"),
             Col("leader", "string", "the route that leads there", allowed=MODEL_ROUTES),
             Col("distance_from_defaults", "float", "sum of the two values' distances from their defaults, as shares of their ranges", unit="share"),
             Col("combinations_tried", "int", "grid combinations of the pair tried", unit="combinations"),
             Col("combinations_changed", "int", "combinations that change the leader although each value alone does not", unit="combinations"))),
        "education_scenarios.csv": Table(
            "The best route under other reasonable assumptions, each changed from the defaults", "04-education",
            (Col("scenario", "string", "what is changed from the defaults"),
             Col("best_route", "string", "route with the highest present value", allowed=MODEL_ROUTES),
             Col("best_route_lead_usd", "float", "its lead over the next route", unit="usd, " + DOLLARS + ", present value"),
             Col("best_route_lead_pct", "float", "the lead as a percentage of the next route's present value", unit="percent", nullable=True),
             Col("best_entry_route", "string", "best among the routes that stay in the occupation", allowed=MODEL_ROUTES),
             Col("best_entry_lead_usd", "float", "its lead over the next route that stays in the occupation", unit="usd, " + DOLLARS + ", present value"),
             Col("best_entry_lead_pct", "float", "the lead as a percentage of the next such route's present value", unit="percent",
                 nullable=True),
             Col("default_leader_lead_usd", "float", "present value of the route that leads under the defaults minus the best other route's "
                 "(negative: it no longer leads)", unit="usd, " + DOLLARS + ", present value"),
             Col("default_entry_leader_lead_usd", "float", "the same for the route that stays in the occupation and leads under the defaults",
                 unit="usd, " + DOLLARS + ", present value"),
             Col("advancement_rank", "int", "rank of the route up (1 = highest present value)"),
             Col("advancement_present_value_usd", "float", "present value of the route up", unit="usd, " + DOLLARS + ", present value"))),
    })

    TABLES.update({
        "claims.csv": Table(
            "Every checkable claim in the guides with a verdict, its evidence and the numbers compared", "05-fact-check",
            (Col("claim_id", "string", "id in data/raw/guide_claims.csv"), *_guide_cols(), Col("topic", "string", "what the claim is about"),
             Col("check", "string", "the check applied (src/mrt/factcheck/)", allowed=CHECKS),
             Col("claim", "string", "the claim in the project's words"),
             Col("verdict", "string", "verdict code (closed set; the notebook's Method table says what each means)", allowed=VERDICTS),
             Col("reading", "string", "how the claim was read (rounding step, 'most' as plurality or majority, growth-word rule, ...)",
                 allowed=factcheck.READINGS),
             Col("judged_at_year", "int", "the year the claim is judged at: the year it prints, else its guide's date (latest year of its figures)",
                 unit=YEAR, nullable=True),
             Col("time_basis", "string", "where judged_at_year comes from", allowed=factcheck.TIME_BASES),
             Col("prints_year", "bool", "whether the claim's figures print a year; empty when the claim rests on no printed figure", nullable=True),
             Col("subject", "string", "the setting(s) or route the claim is about, as project keys joined by '+'", nullable=True),
             Col("guide_value", "float", "the guide's number, where there is one", unit="see unit column", nullable=True),
             Col("guide_low", "float", "lowest true value the printed figure allows (its rounding step and qualifier)", unit="see unit column", nullable=True),
             Col("guide_high", "float", "highest true value the printed figure allows; empty when unbounded", unit="see unit column", nullable=True),
             Col("unit", "string", "unit of the values", nullable=True), Col("record_value", "float", "the record's number compared", unit="see unit column", nullable=True),
             Col("record_year", "int", "year of the record compared", unit=YEAR, nullable=True),
             Col("record_source_key", "string", "rows of the record compared, ';'-separated", nullable=True),
             Col("evidence", "string", "what the record says, in words, composed in the notebook from the numbers compared"))),
        "claims_disagreements.csv": Table(
            "Claims on the same question that differ across guides, side by side with the likely reason", "05-fact-check",
            (Col("question", "string", "the shared question, as a code: share_in:<setting>, entry_education, certification"),
             Col("guide_file", "string", "guide file name"), Col("source_key", "string", "guide file and line"), Col("claim", "string", "the claim"),
             Col("verdict", "string", "verdict code", allowed=VERDICTS),
             Col("judged_at_year", "int", "the year the claim is judged at", unit=YEAR, nullable=True),
             Col("likely_reason", "string", "why the guides differ, composed in the notebook from the numbers compared"))),
    })


    TABLES.update(_findings_tables())
    return TABLES


def __getattr__(name: str):
    if name == "TABLES":  # schema.TABLES: built when first asked for
        return _tables()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _pandera_column(col: Col) -> pa.Column:
    checks = [pa.Check.isin(list(col.allowed))] if col.allowed else []
    return pa.Column(DTYPES[col.dtype], checks=checks, nullable=col.nullable, coerce=True)


def table_spec(name: str) -> Table:
    if name not in _tables():
        raise KeyError(f"{name} is not described in the data dictionary (src/mrt/schema.py); describe it there first")
    return _tables()[name]


def schema(name: str) -> pa.DataFrameSchema:
    table = table_spec(name)
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
    table = table_spec(name)
    dtypes = {c.name: DTYPES[c.dtype] for c in table.columns}
    frame = pd.read_csv(paths.processed(name), dtype=dtypes, keep_default_na=False, na_values=[""], encoding="utf-8")
    return validate(frame, name)


def data_dictionary() -> pd.DataFrame:
    rows = []
    for name, table in sorted(_tables().items()):
        for col in table.columns:
            rows.append({"table": name, "table_description": table.description, "written_by": table.written_by,
                         "column": col.name, "type": col.dtype, "unit": col.unit, "nullable": col.nullable,
                         "allowed_values": "|".join(map(str, col.allowed)) if col.allowed else "", "description": col.description})
    return pd.DataFrame(rows)


def write_data_dictionary() -> pd.DataFrame:
    frame = data_dictionary()
    write_csv(frame, paths.processed("data_dictionary.csv"))
    return frame
