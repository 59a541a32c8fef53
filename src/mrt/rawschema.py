"""The raw layer's schema: what every raw file must hold, checked all at once.

Each raw file is read as text (:func:`mrt.io.read_raw_csv`) and checked with the rules of :mod:`mrt.rawrules`, and every
fault is collected before anything stops:

- cell rules (:class:`mrt.rawrules.Rule`), run as one pandera schema per file with lazy validation, so every failing
  cell of every column is found in one pass: a required value, a closed list, a number, a year, a guide file and line;
- row and cross-row rules for what a single cell cannot say (a row's parts agree with each other, years run forward,
  a key appears once, a file agrees with another), each adding to the same list of faults.

Every fault is one line naming the file, the data row (counted from 1 below the header, as a spreadsheet shows it, with
the guide and its line where the row cites one), the column, what was found and what was expected. A file with faults
raises :class:`mrt.rawrules.RawFaults`: its text is the first fault (the main job stops there with one clear line), its
``messages`` every fault (``run.py check`` prints them all, see :mod:`mrt.rawcheck`). Each function here returns the
file's cells typed; :mod:`mrt.clean` builds the tidy tables from them.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path

import pandas as pd

from mrt import growth, occupation, paths
from mrt.io import DataError, read_raw_csv, where
from mrt.occupation import COMPARABILITY, Occupation
from mrt.parse import MONEY_UNITS, RANGE_PARTS, STATISTIC_UNITS, STATISTICS, YEAR_MAX, YEAR_MIN, ParseError, parse_item, parse_period
from mrt.vocab import (ALL_OCCUPATIONS_STATISTICS, BLS_WAGE_STATISTICS, CHECKS, EDUCATION_COST_UNITS, OEWS_STATISTICS,  # noqa: F401
                        OEWS_UNITS, PAY_STATISTICS, QUARTILE_STATISTICS, RANGE_PERCENTILES, STANCES, TOPICS, UNCHECKED_KINDS)
from mrt.rawrules import (GUIDE_FILE_EXAMPLE, NUMBER, SOC_CODE, THOUSANDS_TOLERANCE, YEAR, ConfigFaults, Faults, Rule, annual_matches_hourly,
                          cells, in_order, increasing, is_guide_file_name, is_number, number_rules, numbers, one_of, periods, read,
                          read_cited, space_hint, unique, value, years)

# Closed lists of the raw layer: declared in mrt.vocab (the statistics' units in mrt.parse) -----------------------

# Routes into any job; the occupation's own certifications come from occupation.toml (see routes()).
GENERAL_ROUTES = {
    "hs_diploma_on_the_job": "High school diploma or GED, then training on the job",
    "postsecondary_certificate": "Postsecondary certificate",
    "associate_degree": "Associate's degree",
    "bachelor_degree": "Bachelor's degree",
    "professional_certification": "Professional certification (any)",
}
CERTIFICATION_PREFIX = "certification_"


def routes() -> dict[str, str]:
    """Every route key a guide statement can name, with its label: the general routes, and
    ``certification_<key>`` for each certification in occupation.toml's ``[certifications]``."""
    certifications = occupation.current().certifications
    return {**GENERAL_ROUTES, **{CERTIFICATION_PREFIX + key: f"Certification: {label}" for key, label in certifications.items()}}


DESCRIPTIVE_UNIT = "category"  # a row of words, not a number: kept in the raw file only
SOURCE_KINDS_RAW = ("guide", "raw_file")
MIN_REASON_LENGTH = 20  # a reason says why the line holds no figure, in a phrase, not a word

# Amounts a pay figure in each unit can hold: beyond them the unit is wrong (an annual range marked usd_per_hour)
PLAUSIBLE_PAY = {"usd_per_hour": (1, 1_000), "usd_per_week": (10, 40_000), "usd_per_month": (50, 200_000),
                 "usd_per_year": (500, 2_000_000)}
SHARE_STATISTICS = ("employment_share",)  # statistics that are a part of a whole: 0 to 100 percent



# Guide transcriptions ---------------------------------------------------------------------------------------------

FIGURE_COLUMNS = ["figure_id", "guide_file", "line", "occurrence", "as_printed", "unit_if_unprinted", "period_as_printed",
                  "topic", "subject", "statistic", "description"]
FIGURE_REQUIRED = ["figure_id", "guide_file", "line", "occurrence", "as_printed", "topic", "subject", "statistic", "description"]
OCCURRENCE = Rule("1 for the first appearance of the text on its line, 2 for the second, ...",
                  lambda text: bool(re.fullmatch(r"[0-9]+", text)) and int(text) >= 1)


def _occurrences(raw: pd.DataFrame, path: Path, faults: Faults, failed: set[tuple[int, str]]) -> None:
    """``occurrence`` says which appearance of the text on its line a row transcribes (1, 2, ...).
    The same (guide, line, text, occurrence) twice is one figure transcribed twice."""
    unique(raw, path, ["guide_file", "line", "as_printed", "occurrence"], faults, names="figure_id")
    rows = [(p, g, l, t, int(n)) for p, (g, l, t, n) in enumerate(zip(raw["guide_file"], raw["line"], raw["as_printed"],
                                                                       raw["occurrence"]), start=1) if (p, "occurrence") not in failed]
    present = {(g, l, t, n) for _, g, l, t, n in rows}
    for position, guide_file, line, text, n in rows:
        if n > 1 and (guide_file, line, text, n - 1) not in present:
            faults.append(f"{where(path, position, guide_file, line, 'occurrence')}: expected occurrence {n - 1} of {text!r} "
                          f"on this line to be transcribed before occurrence {n}, found none")


def _observations(row, path: Path, position: int, guide_file: str, line: int, occ: Occupation, faults: Faults):
    """Parse one printed item and check that what it reads agrees with the row's statistic: (observations, year start,
    year end), or None with its faults recorded."""
    located, before = where(path, position, guide_file, line), len(faults)
    try:
        observations = parse_item(row.as_printed, row.unit_if_unprinted or None)
    except ParseError as error:
        faults.append(f"{located}, column 'as_printed': {error}")
        observations = None
    try:
        year_start, year_end = parse_period(row.period_as_printed)
    except ParseError as error:
        faults.append(f"{located}, column 'period_as_printed': {error}")
    if observations is None:
        return None
    unit = observations[0].unit
    is_range = tuple(o.part for o in observations) == RANGE_PARTS
    if unit not in STATISTIC_UNITS[row.statistic]:
        faults.append(f"{located}, column 'statistic': expected a statistic that can be in {unit} for {row.as_printed!r}, "
                      f"found {row.statistic!r} (which is in {', '.join(STATISTIC_UNITS[row.statistic])})")
    elif (row.statistic in RANGE_PERCENTILES) != (is_range and unit in MONEY_UNITS):
        expected = (f"'range' for a pay range (or the percentiles it names: {', '.join(list(RANGE_PERCENTILES)[1:])})" if is_range
                    else "a statistic other than 'range' (or a range of named percentiles) for a single amount or a pair")
        faults.append(f"{located}, column 'statistic': expected {expected}, found {row.statistic!r} for {row.as_printed!r}")
    if row.statistic == "employment_share" and occ.setting_key(row.subject) is None:
        faults.append(f"{located}, column 'subject': expected a work setting named in occupation.toml "
                      f"({sorted(occ.settings)}) for an employment share, found {row.subject!r}")
    for obs in observations:
        low, high = PLAUSIBLE_PAY.get(obs.unit, (None, None))
        if low is not None and obs.value is not None and not low <= obs.value <= high:
            faults.append(f"{located}, column '{'unit_if_unprinted' if row.unit_if_unprinted else 'as_printed'}': expected "
                          f"{obs.unit} amounts between ${low:,} and ${high:,}, found ${obs.value:,g} in {row.as_printed!r}: "
                          f"is the unit right?")
            break
        if unit == "percent" and row.statistic in SHARE_STATISTICS and obs.value is not None and not 0 <= obs.value <= 100:
            faults.append(f"{located}, column 'as_printed': expected a share between 0% and 100%, found {obs.value:g}% "
                          f"in {row.as_printed!r}")
            break
    return None if len(faults) > before else (observations, year_start, year_end)


def figures(path: Path, occ: Occupation, guides: Iterable[str] | None) -> list[tuple]:
    """guide_figures.csv checked whole: (data row, guide, line, row, observations, year start, year end) per row."""
    faults = Faults()
    rules = {"topic": [one_of(TOPICS)], "statistic": [one_of(STATISTICS)]}
    raw, failed, located = read_cited(path, FIGURE_COLUMNS, FIGURE_REQUIRED, guides, faults, rules, {"occurrence": [OCCURRENCE]})
    unique(raw, path, ["figure_id"], faults)
    _occurrences(raw, path, faults, failed)
    records, sound = [], {position: (guide_file, line) for position, guide_file, line in located}
    for position, row in enumerate(raw.itertuples(index=False), start=1):
        if any((position, c) in failed for c in ("as_printed", "topic", "statistic")):
            continue
        guide_file, line = sound.get(position, (row.guide_file, row.line))  # a faulty citation is named as written
        read = _observations(row, path, position, guide_file, line, occ, faults)
        if read is not None and position in sound:
            records.append((position, guide_file, line, row, *read))
    faults.stop()
    return records


def guide_table(path: Path, columns: list[str], not_empty: list[str], guides: Iterable[str] | None,
                rules: dict[str, list[Rule]], keys: list[list[str]], names: str | None = None,
                rows: Callable[[pd.DataFrame, list, Faults], None] | None = None) -> pd.DataFrame:
    """A guide transcription other than the figures, checked whole: cell rules, then each key in ``keys`` once (the
    first key plain, the others naming the ``names`` id of both rows), then ``rows(raw, located, faults)``."""
    faults = Faults()
    raw, failed, located = read_cited(path, columns, not_empty, guides, faults, rules)
    for i, key in enumerate(keys):
        unique(raw, path, key, faults, names=names if i else None)
    if rows is not None:
        rows(raw, located, faults)
    faults.stop()
    return raw


def reason_rule(what: str) -> Rule:
    return Rule(f"a reason of at least {MIN_REASON_LENGTH} characters saying why {what}",
                lambda text: len(text.strip()) >= MIN_REASON_LENGTH)


def education(path: Path, guides: Iterable[str] | None) -> pd.DataFrame:
    columns = ["statement_id", "guide_file", "line", "as_printed", "route", "stance", "description"]
    return guide_table(path, columns, columns, guides, {"route": [one_of(routes())], "stance": [one_of(STANCES)]},
                       [["statement_id"], ["guide_file", "line", "as_printed", "route"]], names="statement_id")


def claims(path: Path, guides: Iterable[str] | None, figure_ids: Iterable[str]) -> pd.DataFrame:
    columns = ["claim_id", "guide_file", "line", "as_printed", "topic", "check", "figure_ids", "claim"]
    raw = read_raw_csv(path, columns)
    if raw.empty:
        raise DataError(f"{paths.relative(path)}: expected at least one claim below the header, found none (the fact-check "
                        "and the findings need claims to check)")
    known = set(figure_ids)

    def cites_figures(raw: pd.DataFrame, located: list, faults: Faults) -> None:
        for position, guide_file, line in located:
            cell = raw["figure_ids"].iloc[position - 1]
            for figure_id in cell.split(";") if cell else []:
                if figure_id not in known:
                    faults.append(f"{where(path, position, guide_file, line, 'figure_ids')}: expected figure ids from "
                                  f"{paths.GUIDE_FIGURES.name}, separated by ';', found {figure_id!r}{space_hint(figure_id, known)}")
    return guide_table(path, columns, [c for c in columns if c != "figure_ids"], guides,
                       {"topic": [one_of(TOPICS)], "check": [one_of(CHECKS)]},
                       [["claim_id"], ["guide_file", "line", "as_printed", "check"]], names="claim_id", rows=cites_figures)


UNCHECKED_COLUMNS = ["guide_file", "line", "as_printed", "kind", "description", "reason"]


def unchecked_sentences(path: Path, guides: Iterable[str] | None) -> pd.DataFrame:
    rules = {"kind": [one_of(UNCHECKED_KINDS)], "reason": [reason_rule("the sentence is no claim we check")]}
    return guide_table(path, UNCHECKED_COLUMNS, UNCHECKED_COLUMNS, guides, rules, [["guide_file", "line", "as_printed"]])


def exclusions(path: Path, figures: pd.DataFrame | None, guides: Iterable[str] | None) -> pd.DataFrame:
    """Guide lines that hold a number but no figure: each line once, with a reason, and never also transcribed."""
    transcribed = set() if figures is None else set(zip(figures["guide_file"], figures["line"].astype(int)))

    def not_transcribed(raw: pd.DataFrame, located: list, faults: Faults) -> None:
        for position, guide_file, line in located:
            if (guide_file, line) in transcribed:
                faults.append(f"{where(path, position, guide_file, line, 'line')}: expected a line that is not also transcribed in "
                              f"{paths.GUIDE_FIGURES.name}, found it there")
    columns = ["guide_file", "line", "reason"]
    return guide_table(path, columns, columns, guides, {"reason": [reason_rule("the line holds no figure")]},
                       [["guide_file", "line"]], rows=not_transcribed)


# BLS reference tables ---------------------------------------------------------------------------------------------

OEWS_VALUE_COLUMNS = [f"{s}_{u}" for s in OEWS_STATISTICS for u in OEWS_UNITS]
QUARTILE_VALUE_COLUMNS = [f"{s}_{u}" for s in QUARTILE_STATISTICS for u in OEWS_UNITS]
PERCENTILE_ORDER = ("p10", "p25", "median", "p75", "p90")


def oews(path: Path, occ: Occupation) -> pd.DataFrame:
    """The OEWS national table, typed and checked: one row per year, oldest first, percentiles in order."""
    faults, column = Faults(), occ.comparability_column
    rules = {"soc_code": [SOC_CODE], column: [one_of(COMPARABILITY)], "year": [YEAR],
             "employment": number_rules(minimum=0, whole=True), **{c: number_rules(above=0) for c in OEWS_VALUE_COLUMNS}}
    raw, _ = read(path, ["year", "soc_code", "occupation_title", column, "employment", *OEWS_VALUE_COLUMNS],
                  ["year", "soc_code", column, "employment"], faults, rules)
    frame = numbers(years(raw, ["year"]), ["employment", *OEWS_VALUE_COLUMNS])
    unique(frame, path, ["year"], faults)
    increasing(list(frame["year"]), path, "year", faults)
    for position, row in enumerate(frame.to_dict("records"), start=1):
        for unit in OEWS_UNITS:
            in_order(row, unit, ("p10", "median", "p90"), path, position, faults)
        for statistic in OEWS_STATISTICS:
            annual_matches_hourly(row[f"{statistic}_hourly"], row[f"{statistic}_annual"], path, position,
                                  f"{statistic}_hourly", f"{statistic}_annual", faults)
    faults.stop()
    return frame


def quartiles(path: Path, national: pd.DataFrame, national_path: Path) -> pd.DataFrame:
    """The published 25th and 75th percentiles, typed and checked: each year one of the national table with the same code,
    annual = hourly x 2,080, and p10 <= p25 <= median <= p75 <= p90 with that year's national figures."""
    faults = Faults()
    rules = {"soc_code": [SOC_CODE], "year": [YEAR], **{c: number_rules(above=0) for c in QUARTILE_VALUE_COLUMNS}}
    raw, failed = read(path, ["year", "soc_code", *QUARTILE_VALUE_COLUMNS, "status"], ["year", "soc_code", "status"], faults, rules)
    frame = numbers(years(raw, ["year"]), QUARTILE_VALUE_COLUMNS)
    unique(frame, path, ["year"], faults)
    increasing(list(frame["year"]), path, "year", faults)
    by_year = national.set_index("year")
    beside = f" (the 10th, median and 90th from {national_path.name})"
    for position, row in enumerate(frame.to_dict("records"), start=1):
        if pd.isna(row["year"]) or (position, "soc_code") in failed:
            continue
        if row["year"] not in by_year.index or by_year.loc[row["year"], "soc_code"] != row["soc_code"]:
            faults.append(f"{where(path, position, column='soc_code')}: expected a year and code of {national_path.name}, found "
                          f"{row['year']} {row['soc_code']}")
            continue
        for unit in OEWS_UNITS:  # first: a figure in the wrong column is the likelier slip
            in_order({**by_year.loc[row["year"]].to_dict(), **row}, unit, PERCENTILE_ORDER, path, position, faults,
                     QUARTILE_STATISTICS, beside)
        for statistic in QUARTILE_STATISTICS:
            annual_matches_hourly(row[f"{statistic}_hourly"], row[f"{statistic}_annual"], path, position,
                                  f"{statistic}_hourly", f"{statistic}_annual", faults)
    faults.stop()
    return frame


PROJECTION_NUMBERS = ["base_employment_thousands", "projected_employment_thousands", "change_thousands", "pct_change",
                      "all_occupations_pct_change"]


def _decimals(text: str) -> int:
    return len(text.strip().partition(".")[2])


def _projection_arithmetic(row: dict, raw_pct: str, path: Path, position: int, faults: Faults) -> None:
    """Change = projected - base (to rounding), and the percent agrees with change / base (interval arithmetic:
    every figure is rounded, so the check asks whether some unrounded values fit all of them)."""
    base, projected, change, pct = (row[c] for c in ("base_employment_thousands", "projected_employment_thousands",
                                                     "change_thousands", "pct_change"))
    if pd.isna(base) or pd.isna(pct):
        return
    if not pd.isna(projected) and not pd.isna(change) and abs(float(projected) - float(base) - float(change)) > THOUSANDS_TOLERANCE:
        faults.append(f"{where(path, position, column='change_thousands')}: expected projected - base = "
                      f"{float(projected) - float(base):.1f} (to rounding), found {float(change):g}")
        return
    if pd.isna(change) or float(base) <= 0.05:
        return
    half = 0.05
    lowest = 100 * (float(change) - half) / (float(base) + half)
    highest = 100 * (float(change) + half) / (float(base) - half)
    step = float(Decimal(1).scaleb(-_decimals(raw_pct)))
    if highest < float(pct) - step / 2 or lowest > float(pct) + step / 2:
        faults.append(f"{where(path, position, column='pct_change')}: expected a percent that rounds from change / base "
                      f"({lowest:.2f} to {highest:.2f}), found {raw_pct.strip()}")


def projections(path: Path, occ: Occupation) -> tuple[pd.DataFrame, list[str]]:
    """Every BLS projection vintage, typed and checked, with the raw columns in their order."""
    faults, column = Faults(), occ.comparability_column
    raw_columns = ["vintage", "soc_code", "occupation_title", column, "base_year", "target_year", *PROJECTION_NUMBERS, "status"]
    rules = {"soc_code": [SOC_CODE], column: [one_of(COMPARABILITY)], "base_year": [YEAR], "target_year": [YEAR],
             **{c: number_rules(minimum=0) for c in PROJECTION_NUMBERS[:2]}, **{c: [NUMBER] for c in PROJECTION_NUMBERS[2:]}}
    raw, _ = read(path, raw_columns, ["vintage", "soc_code", column, "base_year", "target_year", "base_employment_thousands",
                                      "pct_change"], faults, rules)
    unique(raw, path, ["vintage"], faults)
    frame = numbers(years(raw, ["base_year", "target_year"]), PROJECTION_NUMBERS)
    for position, row in enumerate(frame.to_dict("records"), start=1):
        if pd.isna(row["base_year"]) or pd.isna(row["target_year"]):
            continue
        if row["vintage"] != f"{row['base_year']}-{row['target_year']}":
            faults.append(f"{where(path, position, column='vintage')}: expected '{row['base_year']}-{row['target_year']}' to match "
                          f"base and target years, found {row['vintage']!r}")
        if row["base_year"] >= row["target_year"]:
            faults.append(f"{where(path, position, column='target_year')}: expected a target year after the base year "
                          f"{row['base_year']}, found {row['target_year']}")
        _projection_arithmetic(row, raw["pct_change"].iloc[position - 1], path, position, faults)
    increasing(list(frame["base_year"]), path, "base_year", faults)
    faults.stop()
    return frame, raw_columns


def edition_start(edition: str) -> int | None:
    """``"2014-15"`` -> 2014 (an edition spans two consecutive years); None for anything else."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", edition)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)) or not YEAR_MIN <= int(match.group(1)) <= YEAR_MAX:
        return None
    return int(match.group(1))


EDITION = Rule("a Handbook edition like 2014-15 (two consecutive years)", lambda text: edition_start(text) is not None)


def editions(path: Path) -> tuple[pd.DataFrame, list, list]:
    """What each Handbook edition said, typed and checked, with each row's projection period (start, end)."""
    faults = Faults()
    rules = {"edition": [EDITION], "wage_year": [YEAR], "employment_year": [YEAR], "median_annual_pay": number_rules(above=0),
             "employment": number_rules(minimum=0, whole=True), "projection_pct": [NUMBER]}
    raw, _ = read(path, ["edition", "wage_year", "employment_year", "typical_entry_education", "education_wording",
                         "median_annual_pay", "employment", "projection_period", "projection_pct", "status"],
                  ["edition", "typical_entry_education"], faults, rules)
    unique(raw, path, ["edition"], faults)
    starts = [edition_start(e) for e in raw["edition"]]
    increasing(starts, path, "edition", faults)
    frame = numbers(years(raw, ["wage_year", "employment_year"]), ["median_annual_pay", "employment", "projection_pct"])
    for position, (start, wage_year, employment_year) in enumerate(zip(starts, frame["wage_year"], frame["employment_year"]), start=1):
        for column, year in (("wage_year", wage_year), ("employment_year", employment_year)):
            if start is not None and not pd.isna(year) and year > start:
                faults.append(f"{where(path, position, column=column)}: expected a year no later than the edition's first year "
                              f"{start} (a Handbook reports data gathered before it is published), found {year}")
    project_start, project_end = periods(raw, path, "projection_period", faults)
    for position, (period, pct, text) in enumerate(zip(project_start, frame["projection_pct"], raw["projection_pct"]), start=1):
        if (period is None) != (not text.strip()):
            faults.append(f"{where(path, position, column='projection_pct')}: expected a projection period and a percent together "
                          "(both filled or both empty)")
    faults.stop()
    return frame, project_start, project_end


INDUSTRY_COLUMNS = ["year", "source_kind", "setting", "employment", "share_of_occupation_pct", "mean_hourly", "mean_annual", "status"]


def industry(path: Path, occ: Occupation) -> pd.DataFrame:
    """Employment by industry, typed and checked; ``setting_key`` is the setting's key in occupation.toml."""
    faults = Faults()
    setting = Rule(f"a setting named in occupation.toml ({sorted(occ.settings)})", lambda text: occ.setting_key(text) is not None)
    rules = {"setting": [setting], "year": [YEAR], "employment": number_rules(minimum=0, whole=True),
             "share_of_occupation_pct": number_rules(minimum=0, maximum=100), "mean_hourly": number_rules(above=0),
             "mean_annual": number_rules(above=0)}
    raw, _ = read(path, INDUSTRY_COLUMNS, ["year", "source_kind", "setting"], faults, rules)
    frame = numbers(years(raw, ["year"]), ["employment", "share_of_occupation_pct", "mean_hourly", "mean_annual"])
    frame["setting_key"] = [occ.setting_key(s) for s in raw["setting"]]
    unique(frame, path, ["year", "setting_key"], faults)
    increasing(list(frame["year"]), path, "year", faults, strictly=False)
    for position, row in enumerate(frame.itertuples(index=False), start=1):
        annual_matches_hourly(row.mean_hourly, row.mean_annual, path, position, "mean_hourly", "mean_annual", faults)
        total = re.search(r"occupation total that year: (\d+)", row.status)
        if pd.isna(row.share_of_occupation_pct) and not raw["share_of_occupation_pct"].iloc[position - 1].strip():
            if total is None or pd.isna(row.employment):
                faults.append(f"{where(path, position, column='share_of_occupation_pct')}: expected either a share or an employment "
                              "count with the occupation total ('occupation total that year: N' in the status)")
            elif int(total.group(1)) < row.employment:
                faults.append(f"{where(path, position, column='employment')}: expected at most the occupation total "
                              f"{int(total.group(1)):,}, found {int(row.employment):,}")
    faults.stop()
    return frame


def cpi(path: Path) -> pd.DataFrame:
    """CPI-U annual averages, typed and checked: one row per year, oldest first; the index is positive."""
    faults = Faults()
    raw, _ = read(path, ["year", "cpi_u"], ["year", "cpi_u"], faults, {"year": [YEAR], "cpi_u": number_rules(above=0)})
    frame = numbers(years(raw, ["year"]), ["cpi_u"])
    unique(frame, path, ["year"], faults)
    increasing(list(frame["year"]), path, "year", faults)
    faults.stop()
    return frame


def key_phrases(path: Path) -> tuple[pd.DataFrame, list, list]:
    """The Handbook's bands for its growth words, typed and checked, with each row's projection period."""
    faults = Faults()
    columns = ["edition", "projection_period", "key_phrase", "min_pct_change", "max_pct_change", "source", "status"]
    raw, _ = read(path, columns, ["edition", "projection_period", "key_phrase", "source"], faults,
                  {"edition": [EDITION], "min_pct_change": [NUMBER], "max_pct_change": [NUMBER]})
    unique(raw, path, ["edition", "key_phrase"], faults)
    increasing([edition_start(e) for e in raw["edition"]], path, "edition", faults, strictly=False)
    frame = numbers(raw, ["min_pct_change", "max_pct_change"])
    for position, row in enumerate(frame.itertuples(index=False), start=1):
        filled = [raw[c].iloc[position - 1].strip() for c in ("min_pct_change", "max_pct_change")]
        if not any(filled):
            faults.append(f"{where(path, position, column='max_pct_change')}: expected at least one of 'min_pct_change' and "
                          "'max_pct_change', found both empty")
        if pd.notna(row.min_pct_change) and pd.notna(row.max_pct_change) and row.min_pct_change > row.max_pct_change:
            faults.append(f"{where(path, position, column='max_pct_change')}: expected 'min_pct_change' <= 'max_pct_change', "
                          f"found {row.min_pct_change:g} > {row.max_pct_change:g}")
    project_start, project_end = periods(raw, path, "projection_period", faults)
    faults.stop()
    return frame, project_start, project_end


def all_occupations_pay(path: Path) -> pd.DataFrame:
    faults = Faults()
    raw, _ = read(path, ["year", "statistic", "annual_usd", "source", "status"], ["year", "statistic", "annual_usd", "source"], faults,
                  {"statistic": [one_of(ALL_OCCUPATIONS_STATISTICS)], "year": [YEAR], "annual_usd": number_rules(above=0)})
    frame = numbers(years(raw, ["year"]), ["annual_usd"])
    unique(frame, path, ["year", "statistic"], faults)
    increasing(list(frame["year"]), path, "year", faults, strictly=False)
    faults.stop()
    return frame


_COST_VALUE = re.compile(r"(?P<low>\d+(?:\.\d+)?)(?:-(?P<high>\d+(?:\.\d+)?))?")


def cost_value(text: str) -> tuple[float, float] | None:
    """A published cost or pay as (low, high): ``"9-12"`` -> (9, 12), ``"34,970"`` -> (34970, 34970)."""
    match = _COST_VALUE.fullmatch(text.strip())
    if match:
        low = float(match.group("low"))
        return low, float(match.group("high")) if match.group("high") else low
    return (value(text),) * 2 if is_number(text) else None


COST_VALUE_RULES = [  # a number or a range of two (the descriptive row's words are not checked)
    Rule(NUMBER.expected, lambda text: cost_value(text) is not None),
    Rule("a number at least 0", lambda text: cost_value(text) is None or cost_value(text)[0] >= 0, lambda text: f"{cost_value(text)[0]:g}"),
    Rule("the low end of the range first", lambda text: cost_value(text) is None or cost_value(text)[0] <= cost_value(text)[1]),
]


def education_costs(path: Path) -> pd.DataFrame:
    """Published costs and pay by education, checked: a known unit, one row per (measure, group, period), and on every
    numeric row a number or a range, low end first."""
    faults = Faults()
    raw, _ = read(path, ["measure", "group", "value", "unit", "period", "source", "status"], ["measure", "group", "value", "unit"],
                  faults, {"unit": [one_of((*EDUCATION_COST_UNITS, DESCRIPTIVE_UNIT))]})
    unique(raw, path, ["measure", "group", "period"], faults)
    numeric = raw[raw["unit"] != DESCRIPTIVE_UNIT]
    cells(numeric, {"value": COST_VALUE_RULES}, faults,
          lambda position, column: where(path, int(numeric.index[position - 1]) + 1, column=column))
    faults.stop()
    return raw


def all_occupations_growth(path: Path) -> tuple[pd.DataFrame, list, list]:
    faults = Faults()
    columns = ["projection_period", "all_occupations_pct_change", "source", "status"]
    raw, _ = read(path, columns, columns, faults, {"all_occupations_pct_change": [NUMBER]})
    frame = numbers(raw, ["all_occupations_pct_change"])
    starts, ends, seen = [], [], set()
    for position, period in enumerate(raw["projection_period"], start=1):
        try:
            start, end = parse_period(period)
        except ParseError as error:
            faults.append(f"{where(path, position)}: {error}")
            start, end = None, None
        else:
            if start is None or end is None or end <= start:
                faults.append(f"{where(path, position)}: expected a projection period like 2006-2016, found {period!r}")
            elif (start, end) in seen:
                faults.append(f"{where(path, position)}: expected one row per projection period, found {period!r} twice")
            seen.add((start, end))
        starts.append(start)
        ends.append(end)
    faults.stop()
    return frame, starts, ends


def growth_wording(path: Path) -> tuple[pd.DataFrame, list, list]:
    """The Handbook's own growth word for the occupation, typed and checked: the words name a growth band, and a percent
    above the average is not called slower than it, nor one below it faster."""
    faults = Faults()
    columns = ["edition", "projection_period", "pct_change", "all_occupations_pct_change", "handbook_wording", "source", "status"]
    raw, failed = read(path, columns, columns, faults, {"edition": [EDITION], "pct_change": [NUMBER],
                                                        "all_occupations_pct_change": number_rules(above=0)})
    unique(raw, path, ["edition"], faults)
    increasing([edition_start(e) for e in raw["edition"]], path, "edition", faults)
    frame = numbers(raw, ["pct_change", "all_occupations_pct_change"])
    starts, ends = periods(raw, path, "projection_period", faults)
    for position, (start, end, words, pct, average) in enumerate(
            zip(starts, ends, raw["handbook_wording"], frame["pct_change"], frame["all_occupations_pct_change"]), start=1):
        if start is not None and end is not None and end <= start:
            faults.append(f"{where(path, position, column='projection_period')}: expected a projection period like 2012-2022, "
                          f"found {raw['projection_period'].iloc[position - 1]!r}")
        try:
            band = growth.band_of_words(words)
        except ValueError as error:
            faults.append(f"{where(path, position, column='handbook_wording')}: {error}")
            continue
        if pd.isna(pct) or pd.isna(average):
            continue
        if (band in growth.ABOVE_AVERAGE and pct <= average) or (band in growth.BELOW_AVERAGE and pct >= average):
            faults.append(f"{where(path, position, column='handbook_wording')}: expected words that put {pct:g}% on its side of the "
                          f"all-occupations {average:g}%, found {words!r}")
    faults.stop()
    return frame, starts, ends


# Sources and the years across tables ------------------------------------------------------------------------------

SOURCE_COLUMNS = ["source_id", "kind", "path", "origin", "covers", "sha256"]
SHA256 = Rule("64 lower-case hex digits (a SHA-256)", lambda text: bool(re.fullmatch(r"[0-9a-f]{64}", text)))


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def listed_guides(path: Path = paths.SOURCES) -> list[str]:
    """The guide files sources.csv lists (``guide:<file name>``), each with its SHA-256."""
    faults = Faults()
    raw, failed = read(path, SOURCE_COLUMNS, ["source_id", "kind", "path", "origin", "covers"], faults,
                       {"kind": [one_of(SOURCE_KINDS_RAW)], "sha256": [SHA256]})
    unique(raw, path, ["source_id"], faults)
    guides = []
    for position, row in enumerate(raw.itertuples(index=False), start=1):
        if row.kind != "guide":
            continue
        name = row.source_id.removeprefix("guide:")
        if not row.source_id.startswith("guide:") or not is_guide_file_name(name):
            faults.append(f"{where(path, position, column='source_id')}: expected 'guide:' and a guide file name like "
                          f"{GUIDE_FILE_EXAMPLE}, found {row.source_id!r}")
        elif not row.sha256:
            faults.append(f"{where(path, position, column='sha256')}: expected the SHA-256 of the guide text, found an empty cell")
        else:
            guides.append(name)
    faults.stop()
    return guides


def check_sources(raw_dir: Path, path: Path | None = None) -> None:
    """Every CSV and TOML file of the raw folder is listed in sources.csv exactly once, every listed
    file exists, and every file listed with a SHA-256 still has it (reference copies are never edited)."""
    faults = Faults()
    path = Path(path or Path(raw_dir) / paths.SOURCES.name)
    raw = read_raw_csv(path, SOURCE_COLUMNS)
    on_disk = {p.relative_to(raw_dir).as_posix(): p for p in sorted(Path(raw_dir).rglob("*")) if p.suffix in (".csv", ".toml")}
    listed: dict[str, int] = {}
    for position, row in enumerate(raw.itertuples(index=False), start=1):
        if row.kind != "raw_file":
            continue
        matches = [name for name in on_disk if row.path == name or row.path.endswith("/" + name)]
        if not matches:
            faults.append(f"{where(path, position, column='path')}: expected a file of the raw folder {paths.relative(raw_dir)}, "
                          f"found {row.path!r}, which is not there")
            continue
        name = max(matches, key=len)
        if name in listed:
            faults.append(f"{paths.relative(path)} data rows {listed[name]} and {position}: expected each raw file listed once, "
                          f"found {name!r} twice")
            continue
        listed[name] = position
        if row.sha256 and sha256(on_disk[name]) != row.sha256:
            faults.append(f"{paths.relative(on_disk[name])}: expected the SHA-256 recorded in {paths.relative(path)} data row {position} "
                          "(a reference copy is never edited; copy it again from its source), found different bytes")
    unlisted = sorted(set(on_disk) - set(listed))
    if unlisted:
        faults.append(f"{paths.relative(path)}: expected a row (kind raw_file) for every raw file, found none for {unlisted}")
    faults.stop()


# Years observed: what happened, and what the CPI can convert (files, column)
OBSERVED_YEARS = ((paths.OEWS_NATIONAL, "year"), (paths.CPI_U, "year"), (paths.INDUSTRY_EMPLOYMENT, "year"),
                  (paths.ALL_OCCUPATIONS_PAY, "year"))
CONVERTED_YEARS = ((paths.OEWS_NATIONAL, "year"),)  # BLS pay is converted to dollars of the dollar year


def check_years(cpi: pd.DataFrame, occ: Occupation, at: Callable[[Path], Path] = lambda p: p, this_year: int | None = None) -> None:
    """Checks across tables that would otherwise fail late, inside a notebook: the CPI-U has every year from its
    first to its last; the dollar year of occupation.toml is one of them; no observed year (a survey, an index)
    lies in the future; every BLS pay year can be converted to dollars of the dollar year."""
    faults, this_year = Faults(), this_year or datetime.date.today().year
    cpi_path = at(paths.CPI_U)
    years = [int(y) for y in cpi["year"]]
    for position, (before, year) in enumerate(zip(years, years[1:]), start=2):
        if year != before + 1:
            faults.append(f"{where(cpi_path, position, column='year')}: expected {before + 1} after {before} (every year "
                          f"from the first to the last, so any year can be converted), found {year}")
    span = f"{years[0]}-{years[-1]}" if years else "none"
    if occ.dollar_year not in years:
        faults.append(f"{paths.relative(at(paths.OCCUPATION))}: expected 'dollar_year' to be a year with a CPI-U "
                      f"annual average in {cpi_path.name} ({span}), found {occ.dollar_year}")
    for source, column in OBSERVED_YEARS:
        path = at(source)
        try:
            raw = read_raw_csv(path, [column])
        except DataError:
            continue  # the table's own check names the file's fault
        for position, text in enumerate(raw[column], start=1):
            if not re.fullmatch(r"[0-9]+", text.strip()):
                continue  # the table's own check names a malformed year
            year = int(text)
            if year > this_year:
                faults.append(f"{where(path, position, column=column)}: expected a year that has happened (up to "
                              f"{this_year}), found {year}")
            elif (source, column) in CONVERTED_YEARS and year not in years:
                faults.append(f"{where(path, position, column=column)}: expected a year with a CPI-U annual average in "
                              f"{cpi_path.name} ({span}), to convert its pay to dollars of {occ.dollar_year}, found {year}")
    if faults and faults[0].startswith(f"{paths.relative(at(paths.OCCUPATION))}: "):
        raise ConfigFaults(faults)  # the first fault is occupation.toml's
    faults.stop()
