"""Raw tables (as printed, as published) to tidy processed tables.

Each ``build_*`` function reads one raw file through :mod:`mrt.io`, checks it,
and returns a tidy table in which every row keeps a ``source_key``: the guide
file and line (``001_….txt#L30``) or the BLS table and key
(``bls_oews_national.csv#year=2013``). Bad input raises :class:`mrt.io.DataError`
naming the file, the row and what was expected.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from mrt import occupation, paths
from mrt.factcheck import CHECKS
from mrt.io import DataError, read_raw_csv, to_number, where
from mrt.occupation import COMPARABLE
from mrt.parse import UNITS, ParseError, parse_item, parse_period

GUIDE_FILE_PATTERN = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
TOPICS = ("pay", "employment", "outlook", "work_setting", "education", "ranking", "workload")
STATISTICS = ("mean", "median", "range", "unspecified", "employment", "employment_share",
              "projected_growth", "projected_change", "period_length", "duration", "rank", "count")
ROUTES = {
    "hs_diploma_on_the_job": "High school diploma or GED, then training on the job",
    "postsecondary_certificate": "Postsecondary certificate",
    "associate_degree": "Associate's degree",
    "bachelor_degree": "Bachelor's degree",
    "professional_certification": "Professional certification (any)",
    "certification_rhit": "Certification: Registered Health Information Technician (RHIT)",
    "certification_ctr": "Certification: Certified Tumor Registrar (CTR)",
    "certification_cpc": "Certification: Certified Professional Coder (CPC)",
}
STANCES = ("required", "typical", "sufficient", "alternative", "preferred", "optional", "for_advancement")


def guide_key(guide_file: str, line: int) -> str:
    return f"{guide_file}#L{line}"


def reference_key(path: Path, **key: object) -> str:
    return Path(path).name + "#" + "&".join(f"{k}={v}" for k, v in key.items())


def _guide_location(frame: pd.DataFrame, path: Path) -> list[tuple[int, str, int]]:
    """Check guide_file and line on every row; return (row number, guide, line)."""
    checked = []
    for position, (guide_file, line) in enumerate(zip(frame["guide_file"], frame["line"]), start=1):
        if not GUIDE_FILE_PATTERN.fullmatch(guide_file):
            raise DataError(f"{where(path, position)}: expected a guide file name like 000_8f0a57b0245a47f7.txt, found {guide_file!r}")
        if not line.isdigit() or int(line) < 1:
            raise DataError(f"{where(path, position, guide_file, line)}: expected a 1-based line number, found {line!r}")
        checked.append((position, guide_file, int(line)))
    return checked


def _check_vocabulary(value: str, allowed, path: Path, position: int, guide_file: str, line: int, column: str) -> None:
    if value not in allowed:
        raise DataError(f"{where(path, position, guide_file, line)}: expected {column} to be one of {sorted(allowed)}, found {value!r}")


FIGURE_COLUMNS = ["figure_id", "guide_file", "line", "as_printed", "unit_if_unprinted", "period_as_printed",
                  "topic", "subject", "statistic", "description"]


def build_figures(path: Path = paths.GUIDE_FIGURES) -> pd.DataFrame:
    """Every printed figure as tidy observations: one row per number
    (an hourly-and-annual pair or a range gives two rows, told apart by ``part``)."""
    raw = read_raw_csv(path, FIGURE_COLUMNS, not_empty=["figure_id", "guide_file", "line", "as_printed", "topic", "subject", "statistic", "description"])
    if raw["figure_id"].duplicated().any():
        duplicate = raw.loc[raw["figure_id"].duplicated(), "figure_id"].iloc[0]
        raise DataError(f"{paths.relative(path)}: expected unique figure_id values, found {duplicate!r} twice")
    records = []
    for (position, guide_file, line), row in zip(_guide_location(raw, path), raw.itertuples(index=False)):
        _check_vocabulary(row.topic, TOPICS, path, position, guide_file, line, "topic")
        _check_vocabulary(row.statistic, STATISTICS, path, position, guide_file, line, "statistic")
        try:
            observations = parse_item(row.as_printed, row.unit_if_unprinted or None)
            year_start, year_end = parse_period(row.period_as_printed)
        except ParseError as error:
            raise DataError(f"{where(path, position, guide_file, line)}: {error}") from None
        for obs in observations:
            records.append({
                "figure_id": row.figure_id, "guide_file": guide_file, "line": line,
                "source_key": guide_key(guide_file, line), "as_printed": row.as_printed,
                "part": obs.part, "topic": row.topic, "subject": row.subject, "statistic": row.statistic,
                "unit": obs.unit, "value": obs.value, "qualifier": obs.qualifier,
                "year_start": year_start, "year_end": year_end, "description": row.description,
            })
    frame = pd.DataFrame.from_records(records)
    for column in ("year_start", "year_end", "line"):
        frame[column] = frame[column].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    return frame


def _area(subject: str) -> tuple[str, str, str]:
    """(area_type, area, setting) from a figure's subject."""
    if subject.endswith("(state)"):
        return "state", subject.removesuffix(" (state)"), "all"
    if subject.endswith("(metro area)"):
        return "metro", subject.removesuffix(" (metro area)"), "all"
    setting = occupation.current().setting_key(subject)
    if setting is not None:
        return "national", "United States", setting
    return "national", "United States", "all"


def build_guide_wages(figures: pd.DataFrame) -> pd.DataFrame:
    """The guides' pay figures with where (national, state, metro) and in which setting."""
    wages = figures[figures["unit"].isin(["usd_per_year", "usd_per_hour"])].copy()
    areas = wages["subject"].map(_area)
    wages["area_type"] = [a[0] for a in areas]
    wages["area"] = [a[1] for a in areas]
    wages["setting"] = [a[2] for a in areas]
    wages["year"] = wages["year_start"]
    columns = ["figure_id", "guide_file", "line", "source_key", "as_printed", "area_type", "area", "setting",
               "statistic", "part", "unit", "value", "qualifier", "year"]
    return wages[columns].reset_index(drop=True)


def build_guide_education(path: Path = paths.GUIDE_EDUCATION) -> pd.DataFrame:
    """What each guide says about each route into the job."""
    columns = ["statement_id", "guide_file", "line", "as_printed", "route", "stance", "description"]
    raw = read_raw_csv(path, columns, not_empty=columns)
    for (position, guide_file, line), row in zip(_guide_location(raw, path), raw.itertuples(index=False)):
        _check_vocabulary(row.route, ROUTES, path, position, guide_file, line, "route")
        _check_vocabulary(row.stance, STANCES, path, position, guide_file, line, "stance")
    frame = raw.copy()
    frame["line"] = frame["line"].astype(int).astype("Int64")
    frame["source_key"] = [guide_key(g, l) for g, l in zip(frame["guide_file"], frame["line"])]
    frame["route_label"] = frame["route"].map(ROUTES)
    return frame[["statement_id", "guide_file", "line", "source_key", "as_printed", "route", "route_label", "stance", "description"]]


def build_guide_claims(figures: pd.DataFrame, path: Path = paths.GUIDE_CLAIMS) -> pd.DataFrame:
    """Every checkable claim, restated in the project's words, with the check that applies to it."""
    columns = ["claim_id", "guide_file", "line", "as_printed", "topic", "check", "figure_ids", "claim"]
    raw = read_raw_csv(path, columns, not_empty=[c for c in columns if c != "figure_ids"])
    known = set(figures["figure_id"])
    for (position, guide_file, line), row in zip(_guide_location(raw, path), raw.itertuples(index=False)):
        _check_vocabulary(row.check, CHECKS, path, position, guide_file, line, "check")
        _check_vocabulary(row.topic, TOPICS, path, position, guide_file, line, "topic")
        for figure_id in filter(None, row.figure_ids.split(";")):
            if figure_id not in known:
                raise DataError(f"{where(path, position, guide_file, line)}: expected figure ids from guide_figures.csv, found {figure_id!r}")
    frame = raw.copy()
    frame["line"] = frame["line"].astype(int).astype("Int64")
    frame["source_key"] = [guide_key(g, l) for g, l in zip(frame["guide_file"], frame["line"])]
    frame["figure_ids"] = frame["figure_ids"].replace("", None)
    return frame[["claim_id", "guide_file", "line", "source_key", "as_printed", "topic", "check", "figure_ids", "claim"]]


def _numbers(raw: pd.DataFrame, path: Path, columns: list[str]) -> pd.DataFrame:
    """Convert text cells to numbers (empty -> NA), naming the row on failure."""
    frame = raw.copy()
    for column in columns:
        frame[column] = pd.array([to_number(text, path, position, column)
                                  for position, text in enumerate(raw[column], start=1)], dtype="Float64")
    return frame


def _years(raw: pd.DataFrame, path: Path, columns: list[str]) -> pd.DataFrame:
    frame = raw.copy()
    for column in columns:
        values = []
        for position, text in enumerate(raw[column], start=1):
            if text.strip() and not re.fullmatch(r"(19|20)\d\d", text.strip()):
                raise DataError(f"{where(path, position)}: expected a four-digit year in column '{column}', found {text!r}")
            values.append(int(text) if text.strip() else None)
        frame[column] = pd.array(values, dtype="Int64")
    return frame


OEWS_STATISTICS = {"mean": "mean", "p10": "p10", "median": "median", "p90": "p90"}


def build_bls_wages(path: Path = paths.OEWS_NATIONAL) -> pd.DataFrame:
    """OEWS national wages, long: one row per year, statistic and unit."""
    value_columns = [f"{s}_{u}" for s in OEWS_STATISTICS for u in ("hourly", "annual")]
    column = occupation.current().comparability_column
    raw = read_raw_csv(path, ["year", "soc_code", "occupation_title", column, "employment", *value_columns],
                       not_empty=["year", "soc_code", column]).rename(columns={column: COMPARABLE})
    frame = _years(_numbers(raw, path, value_columns), path, ["year"])
    long = frame.melt(id_vars=["year", "soc_code", "occupation_title", COMPARABLE],
                      value_vars=value_columns, var_name="measure", value_name="value")
    long["statistic"] = long["measure"].str.rsplit("_", n=1).str[0]
    long["unit"] = long["measure"].str.endswith("hourly").map({True: "usd_per_hour", False: "usd_per_year"})
    long["source_key"] = [reference_key(path, year=y) for y in long["year"]]
    order = {s: i for i, s in enumerate(OEWS_STATISTICS)}
    long = long.sort_values(["year", "unit", "statistic"], key=lambda c: c.map(order) if c.name == "statistic" else c)
    return long[["year", "soc_code", "occupation_title", COMPARABLE, "statistic", "unit", "value", "source_key"]].reset_index(drop=True)


def build_bls_employment(path: Path = paths.OEWS_NATIONAL) -> pd.DataFrame:
    """OEWS national employment (wage-and-salary jobs) by year."""
    column = occupation.current().comparability_column
    raw = read_raw_csv(path, ["year", "soc_code", "occupation_title", column, "employment"],
                       not_empty=["year", "employment"]).rename(columns={column: COMPARABLE})
    frame = _years(_numbers(raw, path, ["employment"]), path, ["year"])
    frame["employment_persons"] = frame["employment"].astype("Int64")
    frame["source_key"] = [reference_key(path, year=y) for y in frame["year"]]
    return frame[["year", "soc_code", "occupation_title", COMPARABLE, "employment_persons", "source_key"]]


PROJECTION_NUMBERS = ["base_employment_thousands", "projected_employment_thousands", "change_thousands", "pct_change", "all_occupations_pct_change"]


def build_bls_projections(path: Path = paths.PROJECTIONS) -> pd.DataFrame:
    """Every BLS projection vintage for the occupation, one row per vintage."""
    column = occupation.current().comparability_column
    raw_columns = ["vintage", "soc_code", "occupation_title", column, "base_year", "target_year", *PROJECTION_NUMBERS, "status"]
    raw = read_raw_csv(path, raw_columns, not_empty=["vintage", "soc_code", "base_year", "target_year", "base_employment_thousands", "pct_change"])
    raw = raw.rename(columns={column: COMPARABLE})
    columns = [COMPARABLE if c == column else c for c in raw_columns]
    frame = _years(_numbers(raw, path, PROJECTION_NUMBERS), path, ["base_year", "target_year"])
    for position, (vintage, start, end) in enumerate(zip(frame["vintage"], frame["base_year"], frame["target_year"]), start=1):
        if vintage != f"{start}-{end}":
            raise DataError(f"{where(path, position)}: expected vintage '{start}-{end}' to match base and target years, found {vintage!r}")
    frame["source_key"] = [reference_key(path, vintage=v) for v in frame["vintage"]]
    return frame[[*columns, "source_key"]]


def build_bls_ooh_editions(path: Path = paths.OOH_EDITIONS) -> pd.DataFrame:
    """What each Occupational Outlook Handbook edition said, with typed numbers."""
    raw = read_raw_csv(path, ["edition", "wage_year", "employment_year", "typical_entry_education", "education_wording",
                              "median_annual_pay", "employment", "projection_period", "projection_pct", "status"],
                       not_empty=["edition", "typical_entry_education"])
    frame = _years(_numbers(raw, path, ["median_annual_pay", "employment", "projection_pct"]), path, ["wage_year", "employment_year"])
    starts, ends = [], []
    for position, period in enumerate(raw["projection_period"], start=1):
        try:
            start, end = parse_period(period)
        except ParseError as error:
            raise DataError(f"{where(path, position)}: {error}") from None
        starts.append(start)
        ends.append(end)
    frame["projection_start"] = pd.array(starts, dtype="Int64")
    frame["projection_end"] = pd.array(ends, dtype="Int64")
    frame["median_annual_usd"] = frame["median_annual_pay"]
    frame["employment_persons"] = frame["employment"].astype("Int64")
    frame["source_key"] = [reference_key(path, edition=e) for e in frame["edition"]]
    return frame[["edition", "wage_year", "employment_year", "typical_entry_education", "education_wording", "median_annual_usd",
                  "employment_persons", "projection_start", "projection_end", "projection_pct", "status", "source_key"]]


def build_employment_by_setting(figures: pd.DataFrame, path: Path = paths.INDUSTRY_EMPLOYMENT) -> pd.DataFrame:
    """Where technicians work: the guides' shares beside the BLS industry figures.

    For the OES May 2011 rows the share is computed here from the industry's
    employment and the occupation total printed in the row's status note.
    """
    raw = read_raw_csv(path, ["year", "source_kind", "setting", "employment", "share_of_occupation_pct", "mean_hourly", "mean_annual", "status"],
                       not_empty=["year", "source_kind", "setting"])
    frame = _years(_numbers(raw, path, ["employment", "share_of_occupation_pct", "mean_annual"]), path, ["year"])
    rows = []
    for position, row in enumerate(frame.itertuples(index=False), start=1):
        setting = occupation.current().setting_key(row.setting)
        if setting is None:
            raise DataError(f"{where(path, position)}: expected a setting named in {paths.relative(paths.OCCUPATION)} "
                            f"({sorted(occupation.current().settings)}), found {row.setting!r}")
        total = re.search(r"occupation total that year: (\d+)", row.status)
        share, total_persons = row.share_of_occupation_pct, None
        if pd.isna(share):
            if total is None or pd.isna(row.employment):
                raise DataError(f"{where(path, position)}: expected either a share or an employment count with the occupation total")
            total_persons = int(total.group(1))
            share = round(100 * float(row.employment) / total_persons, 1)
        rows.append({"source_key": reference_key(path, year=row.year, setting=row.setting), "source_kind": "bls",
                     "source_detail": row.source_kind, "guide_file": None, "line": None, "year": row.year,
                     "setting": setting, "setting_as_named": row.setting, "share_pct": share, "qualifier": None,
                     "share_computed": total is not None and pd.isna(row.share_of_occupation_pct),
                     "employment_persons": None if pd.isna(row.employment) else int(row.employment),
                     "occupation_employment_persons": total_persons,
                     "mean_annual_usd": None if pd.isna(row.mean_annual) else float(row.mean_annual)})
    guide_shares = figures[figures["statistic"] == "employment_share"]
    for row in guide_shares.itertuples(index=False):
        rows.append({"source_key": row.source_key, "source_kind": "guide", "source_detail": f"guide, printed as {row.as_printed!r}",
                     "guide_file": row.guide_file, "line": row.line, "year": row.year_start, "setting": occupation.current().setting_key(row.subject),
                     "setting_as_named": row.subject, "share_pct": row.value, "qualifier": row.qualifier, "share_computed": False,
                     "employment_persons": None, "occupation_employment_persons": None, "mean_annual_usd": None})
    result = pd.DataFrame.from_records(rows)
    for column in ("line", "year", "employment_persons", "occupation_employment_persons"):
        result[column] = result[column].astype("Int64")
    result["share_pct"] = result["share_pct"].astype("Float64")
    result["mean_annual_usd"] = result["mean_annual_usd"].astype("Float64")
    return result


def build_cpi(path: Path = paths.CPI_U) -> pd.DataFrame:
    raw = read_raw_csv(path, ["year", "cpi_u"], not_empty=["year", "cpi_u"])
    frame = _years(_numbers(raw, path, ["cpi_u"]), path, ["year"])
    frame["cpi_u_index_1982_84_100"] = frame["cpi_u"]
    frame["source_key"] = [reference_key(path, year=y) for y in frame["year"]]
    return frame[["year", "cpi_u_index_1982_84_100", "source_key"]]


def build_ooh_key_phrases(path: Path = paths.OOH_KEY_PHRASES) -> pd.DataFrame:
    """The Handbook's own bands for its growth words, one row per edition and phrase.

    An empty bound is open (no upper bound for "much faster than average", no lower bound for "decline").
    """
    columns = ["edition", "projection_period", "key_phrase", "min_pct_change", "max_pct_change", "source", "status"]
    raw = read_raw_csv(path, columns, not_empty=["edition", "projection_period", "key_phrase", "source"])
    frame = _numbers(raw, path, ["min_pct_change", "max_pct_change"])
    starts, ends = [], []
    for position, row in enumerate(frame.itertuples(index=False), start=1):
        if pd.isna(row.min_pct_change) and pd.isna(row.max_pct_change):
            raise DataError(f"{where(path, position)}: expected at least one of 'min_pct_change' and 'max_pct_change', found both empty")
        if pd.notna(row.min_pct_change) and pd.notna(row.max_pct_change) and row.min_pct_change > row.max_pct_change:
            raise DataError(f"{where(path, position)}: expected 'min_pct_change' <= 'max_pct_change', found {row.min_pct_change:g} > {row.max_pct_change:g}")
        try:
            start, end = parse_period(row.projection_period)
        except ParseError as error:
            raise DataError(f"{where(path, position)}: {error}") from None
        starts.append(start)
        ends.append(end)
    frame["projection_start"] = pd.array(starts, dtype="Int64")
    frame["projection_end"] = pd.array(ends, dtype="Int64")
    frame["source_key"] = [reference_key(path, edition=e, key_phrase=k) for e, k in zip(frame["edition"], frame["key_phrase"])]
    return frame[["edition", "projection_start", "projection_end", "key_phrase", "min_pct_change", "max_pct_change", "source", "status", "source_key"]]


def build_all_occupations_pay(path: Path = paths.ALL_OCCUPATIONS_PAY) -> pd.DataFrame:
    """Pay of all occupations together (the typical worker), by survey year and statistic."""
    raw = read_raw_csv(path, ["year", "statistic", "annual_usd", "source", "status"], not_empty=["year", "statistic", "annual_usd", "source"])
    frame = _years(_numbers(raw, path, ["annual_usd"]), path, ["year"])
    frame["source_key"] = [reference_key(path, year=y, statistic=s) for y, s in zip(frame["year"], frame["statistic"])]
    return frame[["year", "statistic", "annual_usd", "source", "status", "source_key"]]


def build_education_costs(path: Path = paths.EDUCATION_COSTS) -> pd.DataFrame:
    """Published costs and pay by education, numeric rows only; a range such as
    "9-12" months becomes value_min 9 and value_max 12. The one descriptive row
    (the Handbook's training category) stays in the raw file and is used through
    the Handbook editions table."""
    raw = read_raw_csv(path, ["measure", "group", "value", "unit", "period", "source", "status"], not_empty=["measure", "group", "value", "unit"])
    rows = []
    for position, row in enumerate(raw.itertuples(index=False), start=1):
        if row.unit == "category":
            continue
        match = re.fullmatch(r"([\d.]+)(?:-([\d.]+))?", row.value.replace(",", ""))
        if not match:
            raise DataError(f"{where(path, position)}: expected a number or a range like 9-12 in column 'value', found {row.value!r}")
        low = float(match.group(1))
        high = float(match.group(2)) if match.group(2) else low
        rows.append({"measure": row.measure, "group": row.group, "value_min": low, "value_max": high, "unit": row.unit,
                     "period": row.period or None, "source": row.source, "status": row.status,
                     "source_key": reference_key(path, row=position)})
    return pd.DataFrame.from_records(rows)


def build_all() -> dict[str, pd.DataFrame]:
    """Every table the cleaning notebook writes, by file name."""
    figures = build_figures()
    return {
        "figures.csv": figures,
        "guide_wages.csv": build_guide_wages(figures),
        "guide_education.csv": build_guide_education(),
        "guide_claims.csv": build_guide_claims(figures),
        "bls_wages.csv": build_bls_wages(),
        "bls_employment.csv": build_bls_employment(),
        "bls_projections.csv": build_bls_projections(),
        "bls_ooh_editions.csv": build_bls_ooh_editions(),
        "employment_by_setting.csv": build_employment_by_setting(figures),
        "cpi_u.csv": build_cpi(),
        "education_costs_and_pay.csv": build_education_costs(),
        "bls_ooh_key_phrases.csv": build_ooh_key_phrases(),
        "bls_all_occupations_pay.csv": build_all_occupations_pay(),
    }


__all__ = ["build_all", "build_figures", "UNITS"]
