"""Raw tables (as printed, as published) to tidy processed tables.

Each ``build_*`` function has one raw file checked by :mod:`mrt.rawschema` (which reads it through :mod:`mrt.io` and
raises :class:`mrt.io.DataError` naming the file, the data row, the column and what was expected) and returns a tidy
table in which every row keeps a ``source_key``: the guide file and line (``001_….txt#L30``) or the BLS table and key
(``bls_oews_national.csv#year=2013``).

:func:`check_raw_layer` checks the whole raw layer (every raw CSV and ``occupation.toml``) without writing anything;
:func:`write_all` writes the processed tables only once every one of them has been built and checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from mrt import occupation, paths, rawschema, schema
from mrt.io import write_csv
from mrt.occupation import COMPARABLE, Occupation
from mrt.parse import MONEY_UNITS, PART_BY_MONEY_UNIT, RANGE_PARTS
from mrt.rawrules import Problems, guide_lines_note, raise_at_once
from mrt.rawrules import guide_location as _guide_location  # noqa: F401  (tests call it as clean._guide_location)
from mrt.rawschema import (FIGURE_COLUMNS, MIN_REASON_LENGTH, OEWS_VALUE_COLUMNS, QUARTILE_VALUE_COLUMNS,  # noqa: F401
                           check_sources, check_years, listed_guides, routes)
from mrt.vocab import (ALL_OCCUPATIONS_STATISTICS, AREA_TYPES, BLS_WAGE_STATISTICS, OEWS_UNITS, PAY_STATISTICS,  # noqa: F401
                       RANGE_PERCENTILES, SOURCE_KINDS, TOPICS)

MONEY_PART_NAMES = tuple(PART_BY_MONEY_UNIT.values())
ALL_SETTINGS = "all"  # a pay figure that covers every work setting
DESCRIPTIVE_UNIT = rawschema.DESCRIPTIVE_UNIT


def guide_key(guide_file: str, line: int) -> str:
    return f"{guide_file}#L{line}"


def reference_key(path: Path, **key: object) -> str:
    return Path(path).name + "#" + "&".join(f"{k}={v}" for k, v in key.items())


def _occupation(occ: Occupation | None) -> Occupation:
    return occ if occ is not None else occupation.current()


def _with_guide_key(raw: pd.DataFrame) -> pd.DataFrame:
    frame = raw.copy()
    frame["line"] = frame["line"].astype(int).astype("Int64")
    frame["source_key"] = [guide_key(g, l) for g, l in zip(frame["guide_file"], frame["line"])]
    return frame


# Guide transcriptions ------------------------------------------------------------------------------

def build_figures(path: Path = paths.GUIDE_FIGURES, occ: Occupation | None = None, guides: Iterable[str] | None = None) -> pd.DataFrame:
    """Every printed figure as tidy observations: one row per number
    (an hourly-and-annual pair or a range gives two rows, told apart by ``part``)."""
    records = []
    for _, guide_file, line, row, observations, year_start, year_end in rawschema.figures(path, _occupation(occ), guides):
        for obs in observations:
            records.append({
                "figure_id": row.figure_id, "guide_file": guide_file, "line": line,
                "source_key": guide_key(guide_file, line), "as_printed": row.as_printed,
                "part": obs.part, "topic": row.topic, "subject": row.subject, "statistic": row.statistic,
                "unit": obs.unit, "value": obs.value, "qualifier": obs.qualifier, "numbering": obs.numbering,
                "year_start": year_start, "year_end": year_end, "description": row.description,
            })
    frame = pd.DataFrame.from_records(records, columns=["figure_id", "guide_file", "line", "source_key", "as_printed", "part", "topic",
                                                        "subject", "statistic", "unit", "value", "qualifier", "numbering",
                                                        "year_start", "year_end", "description"])
    for column in ("year_start", "year_end", "line"):
        frame[column] = frame[column].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    frame["numbering"] = frame["numbering"].astype("boolean")
    return frame


PRINTED_FORMS = ("list numbering", "no number, only words", "pay in two units", "range", "with a qualifier", "number in words", "plain number")


def printed_form(figures: pd.DataFrame) -> pd.Series:
    """The printed form of each row's item, from the structured columns (first match in :data:`PRINTED_FORMS`):
    a list marker, words without a number, a pay pair, a range, a qualified figure, a number in words, a plain number."""
    def form(row) -> str:
        if row.numbering:
            return "list numbering"
        if pd.isna(row.value):
            return "no number, only words"
        if row.part in MONEY_PART_NAMES:
            return "pay in two units"
        if row.part in RANGE_PARTS:
            return "range"
        if not pd.isna(row.qualifier):
            return "with a qualifier"
        if not re.search(r"\d", row.as_printed):
            return "number in words"
        return "plain number"
    return pd.Series([form(row) for row in figures.itertuples(index=False)], index=figures.index, dtype="string")


def _area(subject: str, occ: Occupation) -> tuple[str, str, str]:
    """(area_type, area, setting) from a figure's subject."""
    if subject.endswith("(state)"):
        return "state", subject.removesuffix(" (state)"), ALL_SETTINGS
    if subject.endswith("(metro area)"):
        return "metro", subject.removesuffix(" (metro area)"), ALL_SETTINGS
    setting = occ.setting_key(subject)
    if setting is not None:
        return "national", "United States", setting
    return "national", "United States", ALL_SETTINGS


def build_guide_wages(figures: pd.DataFrame, occ: Occupation | None = None) -> pd.DataFrame:
    """The guides' pay figures (every money unit) with where (national, state, metro) and in which setting."""
    occ = _occupation(occ)
    wages = figures[figures["unit"].isin(MONEY_UNITS)].copy()
    areas = [_area(subject, occ) for subject in wages["subject"]]
    wages["area_type"] = [a[0] for a in areas]
    wages["area"] = [a[1] for a in areas]
    wages["setting"] = [a[2] for a in areas]
    wages["year"] = wages["year_start"]
    columns = ["figure_id", "guide_file", "line", "source_key", "as_printed", "area_type", "area", "setting",
               "statistic", "part", "unit", "value", "qualifier", "year"]
    return wages[columns].reset_index(drop=True)


def build_guide_education(path: Path = paths.GUIDE_EDUCATION, guides: Iterable[str] | None = None) -> pd.DataFrame:
    """What each guide says about each route into the job."""
    frame = _with_guide_key(rawschema.education(path, guides))
    frame["route_label"] = frame["route"].map(routes())
    return frame[["statement_id", "guide_file", "line", "source_key", "as_printed", "route", "route_label", "stance", "description"]]


def build_guide_claims(figures: pd.DataFrame, path: Path = paths.GUIDE_CLAIMS, guides: Iterable[str] | None = None) -> pd.DataFrame:
    """Every checkable claim, restated in the project's words, with the check that applies to it."""
    frame = _with_guide_key(rawschema.claims(path, guides, figures["figure_id"]))
    frame["figure_ids"] = frame["figure_ids"].replace("", None)
    return frame[["claim_id", "guide_file", "line", "source_key", "as_printed", "topic", "check", "figure_ids", "claim"]]


def build_unchecked_sentences(path: Path = paths.GUIDE_UNCHECKED, guides: Iterable[str] | None = None) -> pd.DataFrame:
    """Sentences of the guides with a number or a checkable statement that are no claim we check: each with a short phrase
    exactly as printed, what it says in the project's words, the kind of reason (:data:`UNCHECKED_KINDS`) and the reason."""
    frame = _with_guide_key(rawschema.unchecked_sentences(path, guides))
    return frame[["guide_file", "line", "source_key", "as_printed", "kind", "description", "reason"]]


def check_exclusions(path: Path = paths.GUIDE_EXCLUSIONS, figures: pd.DataFrame | None = None,
                     guides: Iterable[str] | None = None) -> pd.DataFrame:
    """Guide lines that hold a number but no figure: each line once, with a reason, and never also transcribed."""
    return rawschema.exclusions(path, figures, guides)


# BLS reference tables ------------------------------------------------------------------------------

def _oews(path: Path, occ: Occupation) -> pd.DataFrame:
    """The OEWS national table, typed and checked: one row per year, oldest first, percentiles in order."""
    return rawschema.oews(path, occ).rename(columns={occ.comparability_column: COMPARABLE})


def _long_wages(frame: pd.DataFrame, path: Path, value_columns: list[str]) -> pd.DataFrame:
    long = frame.melt(id_vars=["year", "soc_code", "occupation_title", COMPARABLE],
                      value_vars=value_columns, var_name="measure", value_name="value")
    long["statistic"] = long["measure"].str.rsplit("_", n=1).str[0]
    long["unit"] = long["measure"].str.rsplit("_", n=1).str[1].map(OEWS_UNITS)
    long["source_key"] = [reference_key(path, year=y) for y in long["year"]]
    return long


def build_bls_wages(path: Path = paths.OEWS_NATIONAL, occ: Occupation | None = None, quartiles: Path | None = None) -> pd.DataFrame:
    """OEWS national wages, long: one row per year, statistic and unit; with ``quartiles`` (bls_oews_quartiles.csv),
    also the published 25th and 75th percentiles (statistics ``p25`` and ``p75``) of the years that file covers, each
    with the code, title and comparability of the national table's row of that year."""
    frame = _oews(path, _occupation(occ))
    long = _long_wages(frame, path, OEWS_VALUE_COLUMNS)
    if quartiles is not None:
        published = rawschema.quartiles(quartiles, frame, path).drop(columns=["soc_code", "status"])
        published = published.merge(frame[["year", "soc_code", "occupation_title", COMPARABLE]], on="year")
        long = pd.concat([long, _long_wages(published, quartiles, QUARTILE_VALUE_COLUMNS)], ignore_index=True)
    order = {s: i for i, s in enumerate(BLS_WAGE_STATISTICS)}
    long = long.sort_values(["year", "unit", "statistic"], key=lambda c: c.map(order) if c.name == "statistic" else c)
    return long[["year", "soc_code", "occupation_title", COMPARABLE, "statistic", "unit", "value", "source_key"]].reset_index(drop=True)


def build_bls_employment(path: Path = paths.OEWS_NATIONAL, occ: Occupation | None = None) -> pd.DataFrame:
    """OEWS national employment (wage-and-salary jobs) by year."""
    frame = _oews(path, _occupation(occ))
    frame["employment_persons"] = frame["employment"].astype("Int64")
    frame["source_key"] = [reference_key(path, year=y) for y in frame["year"]]
    return frame[["year", "soc_code", "occupation_title", COMPARABLE, "employment_persons", "source_key"]]


def build_bls_projections(path: Path = paths.PROJECTIONS, occ: Occupation | None = None) -> pd.DataFrame:
    """Every BLS projection vintage for the occupation, one row per vintage, oldest first."""
    column = _occupation(occ).comparability_column
    frame, raw_columns = rawschema.projections(path, _occupation(occ))
    frame = frame.rename(columns={column: COMPARABLE})
    frame["source_key"] = [reference_key(path, vintage=v) for v in frame["vintage"]]
    columns = [COMPARABLE if c == column else c for c in raw_columns]
    return frame[[*columns, "source_key"]]


def build_bls_ooh_editions(path: Path = paths.OOH_EDITIONS) -> pd.DataFrame:
    """What each Occupational Outlook Handbook edition said, with typed numbers, oldest edition first."""
    frame, project_start, project_end = rawschema.editions(path)
    frame["projection_start"] = pd.array(project_start, dtype="Int64")
    frame["projection_end"] = pd.array(project_end, dtype="Int64")
    frame["median_annual_usd"] = frame["median_annual_pay"]
    frame["employment_persons"] = frame["employment"].astype("Int64")
    frame["source_key"] = [reference_key(path, edition=e) for e in frame["edition"]]
    return frame[["edition", "wage_year", "employment_year", "typical_entry_education", "education_wording", "median_annual_usd",
                  "employment_persons", "projection_start", "projection_end", "projection_pct", "status", "source_key"]]


def build_employment_by_setting(figures: pd.DataFrame, path: Path = paths.INDUSTRY_EMPLOYMENT, occ: Occupation | None = None) -> pd.DataFrame:
    """Where the occupation works: the guides' shares beside the BLS industry figures.

    For the OES May 2011 rows the share is computed here from the industry's
    employment and the occupation total printed in the row's status note.
    """
    occ = _occupation(occ)
    frame = rawschema.industry(path, occ)
    rows = []
    for row in frame.itertuples(index=False):
        total = re.search(r"occupation total that year: (\d+)", row.status)
        share, total_persons = row.share_of_occupation_pct, None
        if pd.isna(share):
            total_persons = int(total.group(1))
            share = round(100 * float(row.employment) / total_persons, 1)
        rows.append({"source_key": reference_key(path, year=row.year, setting=row.setting), "source_kind": "bls",
                     "source_detail": row.source_kind, "guide_file": None, "line": None, "year": row.year,
                     "setting": row.setting_key, "setting_as_named": row.setting, "share_pct": share, "qualifier": None,
                     "share_computed": total is not None and pd.isna(row.share_of_occupation_pct),
                     "employment_persons": None if pd.isna(row.employment) else int(row.employment),
                     "occupation_employment_persons": total_persons,
                     "mean_annual_usd": None if pd.isna(row.mean_annual) else float(row.mean_annual)})
    guide_shares = figures[figures["statistic"] == "employment_share"]
    for row in guide_shares.itertuples(index=False):
        rows.append({"source_key": row.source_key, "source_kind": "guide", "source_detail": f"guide, printed as {row.as_printed!r}",
                     "guide_file": row.guide_file, "line": row.line, "year": row.year_start, "setting": occ.setting_key(row.subject),
                     "setting_as_named": row.subject, "share_pct": row.value, "qualifier": row.qualifier, "share_computed": False,
                     "employment_persons": None, "occupation_employment_persons": None, "mean_annual_usd": None})
    result = pd.DataFrame.from_records(rows)
    for column in ("line", "year", "employment_persons", "occupation_employment_persons"):
        result[column] = result[column].astype("Int64")
    result["share_pct"] = result["share_pct"].astype("Float64")
    result["mean_annual_usd"] = result["mean_annual_usd"].astype("Float64")
    return result


def build_cpi(path: Path = paths.CPI_U) -> pd.DataFrame:
    """CPI-U annual averages, one row per year, oldest first; the index is positive."""
    frame = rawschema.cpi(path)
    frame["cpi_u_index_1982_84_100"] = frame["cpi_u"]
    frame["source_key"] = [reference_key(path, year=y) for y in frame["year"]]
    return frame[["year", "cpi_u_index_1982_84_100", "source_key"]]


def build_ooh_key_phrases(path: Path = paths.OOH_KEY_PHRASES) -> pd.DataFrame:
    """The Handbook's own bands for its growth words, one row per edition and phrase.

    An empty bound is open (no upper bound for "much faster than average", no lower bound for "decline").
    """
    frame, project_start, project_end = rawschema.key_phrases(path)
    frame["projection_start"] = pd.array(project_start, dtype="Int64")
    frame["projection_end"] = pd.array(project_end, dtype="Int64")
    frame["source_key"] = [reference_key(path, edition=e, key_phrase=k) for e, k in zip(frame["edition"], frame["key_phrase"])]
    return frame[["edition", "projection_start", "projection_end", "key_phrase", "min_pct_change", "max_pct_change", "source", "status", "source_key"]]


def build_all_occupations_pay(path: Path = paths.ALL_OCCUPATIONS_PAY) -> pd.DataFrame:
    """Pay of all occupations together (the typical worker), by survey year and statistic."""
    frame = rawschema.all_occupations_pay(path)
    frame["source_key"] = [reference_key(path, year=y, statistic=s) for y, s in zip(frame["year"], frame["statistic"])]
    return frame[["year", "statistic", "annual_usd", "source", "status", "source_key"]]


def build_education_costs(path: Path = paths.EDUCATION_COSTS) -> pd.DataFrame:
    """Published costs and pay by education, numeric rows only; a range such as
    "9-12" months becomes value_min 9 and value_max 12. The one descriptive row
    (the Handbook's training category) stays in the raw file and is used through
    the Handbook editions table."""
    rows = []
    for position, row in enumerate(rawschema.education_costs(path).itertuples(index=False), start=1):
        if row.unit == DESCRIPTIVE_UNIT:
            continue
        low, high = rawschema.cost_value(row.value)
        rows.append({"measure": row.measure, "group": row.group, "value_min": low, "value_max": high, "unit": row.unit,
                     "period": row.period or None, "source": row.source, "status": row.status,
                     "source_key": reference_key(path, row=position)})
    return pd.DataFrame.from_records(rows, columns=["measure", "group", "value_min", "value_max", "unit", "period", "source", "status", "source_key"])


# The whole raw layer --------------------------------------------------------------------------------

def raw_path(default: Path, raw_dir: Path | None = None) -> Path:
    """Where a raw file of :mod:`mrt.paths` is inside another raw folder (the same name and subfolder)."""
    return Path(default) if raw_dir is None else Path(raw_dir) / Path(default).relative_to(paths.RAW)


def build_all(raw_dir: Path | None = None, problems: Problems | None = None) -> dict[str, pd.DataFrame]:
    """Every table the cleaning notebook writes, by file name, once the whole raw layer has been checked.

    ``raw_dir`` is another raw folder (a practice occupation, a copy in a test); by default the one
    :mod:`mrt.paths` names (``data/raw`` unless ``MRT_RAW_DIR`` says otherwise). By default the first file with a fault
    raises (its text the first fault, its ``messages`` all of them); with ``problems`` (a :class:`Problems` list) every
    file is checked and every fault recorded there instead, and the tables that could be built are returned.
    """
    at: Callable[[Path], Path] = lambda default: raw_path(default, raw_dir)  # noqa: E731
    attempt = problems.attempt if problems is not None else raise_at_once
    occ = attempt(lambda: occupation.current() if raw_dir is None else occupation.read(at(paths.OCCUPATION)))
    guides = attempt(lambda: listed_guides(at(paths.SOURCES)))
    figures = attempt(lambda: build_figures(at(paths.GUIDE_FIGURES), occ, guides), {"occupation.toml": occ, "sources.csv": guides},
                      "guide_figures.csv")
    attempt(lambda: check_exclusions(at(paths.GUIDE_EXCLUSIONS), figures, guides), {"guide_figures.csv": figures, "sources.csv": guides},
            "guide_line_exclusions.csv")
    needs_occ, needs_figures = {"occupation.toml": occ}, {"guide_figures.csv": figures, "occupation.toml": occ}
    builders: dict[str, tuple[Callable[[], pd.DataFrame], dict]] = {
        "figures.csv": (lambda: figures, needs_figures),
        "guide_wages.csv": (lambda: build_guide_wages(figures, occ), needs_figures),
        "guide_education.csv": (lambda: build_guide_education(at(paths.GUIDE_EDUCATION), guides), {"sources.csv": guides}),
        "guide_claims.csv": (lambda: build_guide_claims(figures, at(paths.GUIDE_CLAIMS), guides), needs_figures),
        "bls_wages.csv": (lambda: build_bls_wages(at(paths.OEWS_NATIONAL), occ, at(paths.OEWS_QUARTILES)), needs_occ),
        "bls_employment.csv": (lambda: build_bls_employment(at(paths.OEWS_NATIONAL), occ), needs_occ),
        "bls_projections.csv": (lambda: build_bls_projections(at(paths.PROJECTIONS), occ), needs_occ),
        "bls_ooh_editions.csv": (lambda: build_bls_ooh_editions(at(paths.OOH_EDITIONS)), {}),
        "employment_by_setting.csv": (lambda: build_employment_by_setting(figures, at(paths.INDUSTRY_EMPLOYMENT), occ), needs_figures),
        "cpi_u.csv": (lambda: build_cpi(at(paths.CPI_U)), {}),
        "education_costs_and_pay.csv": (lambda: build_education_costs(at(paths.EDUCATION_COSTS)), {}),
        "bls_ooh_key_phrases.csv": (lambda: build_ooh_key_phrases(at(paths.OOH_KEY_PHRASES)), {}),
        "bls_all_occupations_pay.csv": (lambda: build_all_occupations_pay(at(paths.ALL_OCCUPATIONS_PAY)), {}),
        "bls_all_occupations_growth.csv": (lambda: build_all_occupations_growth(at(paths.ALL_OCCUPATIONS_GROWTH)), {}),
        "bls_ooh_growth_wording.csv": (lambda: build_ooh_growth_wording(at(paths.OOH_GROWTH_WORDING)), {}),
        "guide_unchecked_sentences.csv": (lambda: build_unchecked_sentences(at(paths.GUIDE_UNCHECKED), guides), {"sources.csv": guides}),
    }
    tables = {name: attempt(build, needs, name) for name, (build, needs) in builders.items()}
    attempt(lambda: check_years(tables["cpi_u.csv"], occ, at), {"cpi_u_annual.csv": tables["cpi_u.csv"], "occupation.toml": occ},
            "the years across tables")
    attempt(lambda: check_sources(at(paths.RAW), at(paths.SOURCES)))  # last: a fault inside a file is named before a changed checksum
    return {name: table for name, table in tables.items() if table is not None}


def build_all_occupations_growth(path: Path = paths.ALL_OCCUPATIONS_GROWTH) -> pd.DataFrame:
    """The projected percent change of all occupations together, by projection period: the average the
    Handbook's growth words compare with, for periods the projections table does not cover (or rounds otherwise)."""
    frame, starts, ends = rawschema.all_occupations_growth(path)
    frame["projection_start"] = pd.array(starts, dtype="Int64")
    frame["projection_end"] = pd.array(ends, dtype="Int64")
    frame["source_key"] = [reference_key(path, projection_period=p) for p in frame["projection_period"]]
    return frame[["projection_start", "projection_end", "all_occupations_pct_change", "source", "status", "source_key"]]


def build_ooh_growth_wording(path: Path = paths.OOH_GROWTH_WORDING) -> pd.DataFrame:
    """The Handbook's own growth word for the occupation, one row per edition, oldest first: the outlook it
    describes, its percent, the all-occupations percent and the words ("much faster than the average").
    The words must name a growth band (``mrt.growth.band_of_words``); a percent above the average cannot be
    called slower than it, nor one below it faster."""
    frame, starts, ends = rawschema.growth_wording(path)
    frame["projection_start"] = pd.array(starts, dtype="Int64")
    frame["projection_end"] = pd.array(ends, dtype="Int64")
    frame["source_key"] = [reference_key(path, edition=e) for e in frame["edition"]]
    return frame[["edition", "projection_start", "projection_end", "pct_change", "all_occupations_pct_change", "handbook_wording",
                  "source", "status", "source_key"]]


def _validated(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {name: schema.validate(table.reset_index(drop=True), name) for name, table in tables.items()}


def check_raw_layer(raw_dir: Path | None = None) -> list[str]:
    """Check the whole raw layer (every raw CSV and ``occupation.toml``) without writing anything.

    Raises :class:`mrt.io.DataError` (or :class:`mrt.occupation.ConfigError`) naming the file, the row,
    the column and what was expected; returns the raw files checked, as a reader of the repository sees them.
    """
    _validated(build_all(raw_dir))
    root = raw_path(paths.RAW, raw_dir)
    return sorted(paths.relative(p) for p in root.rglob("*") if p.suffix in (".csv", ".toml"))


def write_all(raw_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Build and check every processed table, then write them all with the data dictionary.

    Nothing is written unless every table was built and passed the data dictionary."""
    tables = _validated(build_all(raw_dir))
    for name, table in tables.items():
        write_csv(table, paths.processed(name))
    schema.write_data_dictionary()
    return tables


__all__ = ["build_all", "build_figures", "check_raw_layer", "write_all"]
