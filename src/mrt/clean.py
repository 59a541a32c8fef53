"""Raw tables (as printed, as published) to tidy processed tables.

Each ``build_*`` function reads one raw file through :mod:`mrt.io`, checks it,
and returns a tidy table in which every row keeps a ``source_key``: the guide
file and line (``001_….txt#L30``) or the BLS table and key
(``bls_oews_national.csv#year=2013``). Bad input raises :class:`mrt.io.DataError`
naming the file, the data row, the column and what was expected.

:func:`check_raw_layer` checks the whole raw layer (every raw CSV and
``occupation.toml``) without writing anything; :func:`write_all` writes the
processed tables only once every one of them has been built and checked.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pandas as pd

from mrt import growth, occupation, paths, schema
from mrt.io import DataError, read_raw_csv, to_number, where, write_csv
from mrt.occupation import COMPARABILITY, COMPARABLE, Occupation
from mrt.parse import (MONEY_UNITS, PART_BY_MONEY_UNIT, RANGE_PARTS, STATISTIC_UNITS, STATISTICS, YEAR_MAX, YEAR_MIN, ParseError,
                       parse_item, parse_period)
from mrt.vocab import (ALL_OCCUPATIONS_STATISTICS, BLS_WAGE_STATISTICS, CHECKS, EDUCATION_COST_UNITS, HOURS_PER_YEAR,
                       OEWS_STATISTICS, OEWS_UNITS, QUARTILE_STATISTICS, RANGE_PERCENTILES, STANCES, TOPICS,
                       UNCHECKED_KINDS, hourly_annual_tolerance)

MONEY_PART_NAMES = tuple(PART_BY_MONEY_UNIT.values())

# Closed lists owned by the cleaning step (the ones other modules need are in src/mrt/vocab.py). ---------

GUIDE_FILE_PATTERN = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
GUIDE_FILE_EXAMPLE = "000_8f0a57b0245a47f7.txt"


MAX_GUIDE_LINE = 100_000  # a guide is one web page of text; a larger line number is a typing slip


def is_guide_file_name(name: str) -> bool:
    """The one rule for guide file names: three digits, an underscore, 16 hex digits, ``.txt``."""
    return bool(GUIDE_FILE_PATTERN.fullmatch(name))


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
ALL_SETTINGS = "all"  # a pay figure that covers every work setting
DESCRIPTIVE_UNIT = "category"  # a row of words, not a number: kept in the raw file only
SOURCE_KINDS_RAW = ("guide", "raw_file")

ANNUAL_FROM_HOURLY_TOLERANCE = hourly_annual_tolerance()  # $15.40: rounding of both printed figures (mrt.vocab)
# Projections print employment in thousands to one decimal: change = projected - base to within 2 x 0.05.
THOUSANDS_TOLERANCE = 0.1 + 1e-9


def guide_key(guide_file: str, line: int) -> str:
    return f"{guide_file}#L{line}"


def reference_key(path: Path, **key: object) -> str:
    return Path(path).name + "#" + "&".join(f"{k}={v}" for k, v in key.items())


# Generic checks of raw rows ------------------------------------------------------------------------

def _guide_location(frame: pd.DataFrame, path: Path, guides: Iterable[str] | None = None) -> list[tuple[int, str, int]]:
    """Check guide_file and line on every row; return (row number, guide, line).

    ``guides`` is the set of guide files listed in sources.csv; a file not listed there is refused."""
    known = None if guides is None else set(guides)
    checked = []
    for position, (guide_file, line) in enumerate(zip(frame["guide_file"], frame["line"]), start=1):
        if not is_guide_file_name(guide_file):
            raise DataError(f"{where(path, position, column='guide_file')}: expected a guide file name like {GUIDE_FILE_EXAMPLE}, "
                            f"found {guide_file!r}")
        if known is not None and guide_file not in known:
            raise DataError(f"{where(path, position, column='guide_file')}: expected a guide listed in "
                            f"{paths.SOURCES.name} ({sorted(known)}), found {guide_file!r}")
        if not re.fullmatch(r"[0-9]{1,6}", line) or not 1 <= int(line) <= MAX_GUIDE_LINE:
            raise DataError(f"{where(path, position, guide_file, line, 'line')}: expected a 1-based line number (1, 2, ... up to "
                            f"{MAX_GUIDE_LINE:,}), found {line!r}")
        length = guide_length(guide_file)
        if length is not None and int(line) > length:
            raise DataError(f"{where(path, position, guide_file, line, 'line')}: expected a line of the guide (it has {length:,} "
                            f"lines in {paths.guides_dir()}), found {line!r}")
        checked.append((position, guide_file, int(line)))
    return checked


def guide_length(guide_file: str) -> int | None:
    """How many lines a guide has, from its text in ``MRT_GUIDES_DIR``; None when the text is not available."""
    folder = paths.guides_dir()
    if folder is None or not (Path(folder) / guide_file).is_file():
        return None
    return _line_count(str(Path(folder) / guide_file))


@lru_cache(maxsize=None)
def _line_count(path: str) -> int:
    return len(Path(path).read_text(encoding="utf-8").splitlines())


def guide_lines_note(guides: Iterable[str]) -> str | None:
    """A sentence saying which guides' line numbers could not be checked against their texts, or None when all were."""
    missing = sorted(g for g in guides if guide_length(g) is None)
    if not missing:
        return None
    where = (f"{paths.GUIDES_ENV} is not set" if paths.guides_dir() is None
             else f"not found in {paths.guides_dir()}: {', '.join(missing)}")
    return (f"guide line numbers checked only as 1 to {MAX_GUIDE_LINE:,}, not against the guide texts ({where}); set "
            f"{paths.GUIDES_ENV} to the folder of the guide texts to check them")


def _check_vocabulary(value: str, allowed, path: Path, position: int, guide_file: str | None, line: object, column: str) -> None:
    if value not in allowed:
        raise DataError(f"{where(path, position, guide_file, line, column)}: expected one of {sorted(allowed)}, found {value!r}")


def _unique(frame: pd.DataFrame, path: Path, columns: list[str], names: str | None = None) -> None:
    """Refuse two rows with the same key, naming both rows (and their ids, if ``names`` is an id column)."""
    seen: dict[tuple, int] = {}
    for position, key in enumerate(zip(*(frame[c] for c in columns)), start=1):
        if key in seen:
            first = seen[key]
            ids = f" ({frame[names].iloc[first - 1]} and {frame[names].iloc[position - 1]})" if names else ""
            shown = ", ".join(f"{c}={v!r}" if isinstance(v, str) else f"{c}={v}" for c, v in zip(columns, key))
            raise DataError(f"{paths.relative(path)} data rows {first} and {position}{ids}: expected one row per "
                            f"({', '.join(columns)}), found {shown} twice")
        seen[key] = position


def _increasing(values: list, path: Path, column: str, strictly: bool = True) -> None:
    """A time series runs forward down the file."""
    for position in range(2, len(values) + 1):
        before, value = values[position - 2], values[position - 1]
        if value < before or (strictly and value == before):
            raise DataError(f"{where(path, position, column=column)}: expected {column} to {'increase' if strictly else 'not decrease'} "
                            f"down the file (a time series, oldest first), found {value} after {before} in data row {position - 1}")


def _numbers(raw: pd.DataFrame, path: Path, columns: list[str], *, minimum: float | None = None, above: float | None = None,
             maximum: float | None = None, whole: bool = False) -> pd.DataFrame:
    """Convert text cells to numbers (empty -> NA), checking each against its range and naming the row on failure."""
    frame = raw.copy()
    for column in columns:
        values = []
        for position, text in enumerate(raw[column], start=1):
            value = to_number(text, path, position, column)
            if value is not None:
                _check_range(value, path, position, column, minimum, above, maximum, whole)
            values.append(value)
        frame[column] = pd.array(values, dtype="Float64")
    return frame


def _check_range(value: float, path: Path, position: int, column: str, minimum: float | None, above: float | None,
                 maximum: float | None, whole: bool) -> None:
    expected = None
    if minimum is not None and value < minimum:
        expected = f"at least {minimum:g}"
    elif above is not None and value <= above:
        expected = f"greater than {above:g}"
    elif maximum is not None and value > maximum:
        expected = f"at most {maximum:g}"
    elif whole and not float(value).is_integer():
        expected = "a whole number"
    if expected:
        raise DataError(f"{where(path, position, column=column)}: expected a number {expected}, found {value:g}")


def _years(raw: pd.DataFrame, path: Path, columns: list[str]) -> pd.DataFrame:
    frame = raw.copy()
    for column in columns:
        values = []
        for position, text in enumerate(raw[column], start=1):
            text = text.strip()
            if text and not (re.fullmatch(r"\d{4}", text) and YEAR_MIN <= int(text) <= YEAR_MAX):
                raise DataError(f"{where(path, position, column=column)}: expected a four-digit year from {YEAR_MIN} to {YEAR_MAX}, found {text!r}")
            values.append(int(text) if text else None)
        frame[column] = pd.array(values, dtype="Int64")
    return frame


def _periods(raw: pd.DataFrame, path: Path, column: str) -> tuple[list, list]:
    starts, ends = [], []
    for position, period in enumerate(raw[column], start=1):
        try:
            start, end = parse_period(period)
        except ParseError as error:
            raise DataError(f"{where(path, position, column=column)}: {error}") from None
        starts.append(start)
        ends.append(end)
    return starts, ends


def _comparability(raw: pd.DataFrame, path: Path, column: str) -> None:
    for position, value in enumerate(raw[column], start=1):
        _check_vocabulary(value, COMPARABILITY, path, position, None, None, column)


def _soc_codes(raw: pd.DataFrame, path: Path) -> None:
    for position, code in enumerate(raw["soc_code"], start=1):
        if not re.fullmatch(r"\d{2}-\d{4}", code):
            raise DataError(f"{where(path, position, column='soc_code')}: expected an occupation code like 29-2071, found {code!r}")


def _annual_matches_hourly(hourly, annual, path: Path, position: int, hourly_column: str, annual_column: str) -> None:
    if pd.isna(hourly) or pd.isna(annual):
        return
    if abs(float(hourly) * HOURS_PER_YEAR - float(annual)) > ANNUAL_FROM_HOURLY_TOLERANCE + 1e-9:
        raise DataError(f"{where(path, position, column=annual_column)}: expected about {hourly_column} x {HOURS_PER_YEAR:,} = "
                        f"{float(hourly) * HOURS_PER_YEAR:,.0f} (within ${ANNUAL_FROM_HOURLY_TOLERANCE:.2f} of rounding), "
                        f"found {float(annual):,.0f}")


def _occupation(occ: Occupation | None) -> Occupation:
    return occ if occ is not None else occupation.current()


# Guide transcriptions ------------------------------------------------------------------------------

FIGURE_COLUMNS = ["figure_id", "guide_file", "line", "occurrence", "as_printed", "unit_if_unprinted", "period_as_printed",
                  "topic", "subject", "statistic", "description"]
FIGURE_REQUIRED = ["figure_id", "guide_file", "line", "occurrence", "as_printed", "topic", "subject", "statistic", "description"]


def _occurrences(raw: pd.DataFrame, path: Path) -> None:
    """``occurrence`` says which appearance of the text on its line a row transcribes (1, 2, ...).
    The same (guide, line, text, occurrence) twice is one figure transcribed twice."""
    for position, value in enumerate(raw["occurrence"], start=1):
        if not value.isdigit() or int(value) < 1:
            raise DataError(f"{where(path, position, column='occurrence')}: expected 1 for the first appearance of the text on its line, "
                            f"2 for the second, ...; found {value!r}")
    _unique(raw, path, ["guide_file", "line", "as_printed", "occurrence"], names="figure_id")
    present = set(zip(raw["guide_file"], raw["line"], raw["as_printed"], raw["occurrence"].astype(int)))
    for position, (guide_file, line, text, n) in enumerate(zip(raw["guide_file"], raw["line"], raw["as_printed"], raw["occurrence"].astype(int)), start=1):
        if n > 1 and (guide_file, line, text, n - 1) not in present:
            raise DataError(f"{where(path, position, guide_file, line, 'occurrence')}: expected occurrence {n - 1} of {text!r} "
                            f"on this line to be transcribed before occurrence {n}, found none")


def _figure_observations(row, path: Path, position: int, guide_file: str, line: int, occ: Occupation) -> tuple[list, int | None, int | None]:
    """Parse one printed item and check that what it reads agrees with the row's statistic."""
    located = where(path, position, guide_file, line)
    try:
        observations = parse_item(row.as_printed, row.unit_if_unprinted or None)
    except ParseError as error:
        raise DataError(f"{located}, column 'as_printed': {error}") from None
    try:
        year_start, year_end = parse_period(row.period_as_printed)
    except ParseError as error:
        raise DataError(f"{located}, column 'period_as_printed': {error}") from None
    unit = observations[0].unit
    if unit not in STATISTIC_UNITS[row.statistic]:
        raise DataError(f"{located}, column 'statistic': expected a statistic that can be in {unit} for {row.as_printed!r}, "
                        f"found {row.statistic!r} (which is in {', '.join(STATISTIC_UNITS[row.statistic])})")
    is_range = tuple(o.part for o in observations) == RANGE_PARTS
    if (row.statistic in RANGE_PERCENTILES) != (is_range and unit in MONEY_UNITS):
        expected = (f"'range' for a pay range (or the percentiles it names: {', '.join(list(RANGE_PERCENTILES)[1:])})" if is_range
                    else "a statistic other than 'range' (or a range of named percentiles) for a single amount or a pair")
        raise DataError(f"{located}, column 'statistic': expected {expected}, found {row.statistic!r} for {row.as_printed!r}")
    if row.statistic == "employment_share" and occ.setting_key(row.subject) is None:
        raise DataError(f"{located}, column 'subject': expected a work setting named in occupation.toml "
                        f"({sorted(occ.settings)}) for an employment share, found {row.subject!r}")
    for obs in observations:
        low, high = PLAUSIBLE_PAY.get(obs.unit, (None, None))
        if low is not None and obs.value is not None and not low <= obs.value <= high:
            raise DataError(f"{located}, column '{'unit_if_unprinted' if row.unit_if_unprinted else 'as_printed'}': expected "
                            f"{obs.unit} amounts between ${low:,} and ${high:,}, found ${obs.value:,g} in {row.as_printed!r}: "
                            f"is the unit right?")
        if unit == "percent" and row.statistic in SHARE_STATISTICS and obs.value is not None and not 0 <= obs.value <= 100:
            raise DataError(f"{located}, column 'as_printed': expected a share between 0% and 100%, found {obs.value:g}% "
                            f"in {row.as_printed!r}")
    return observations, year_start, year_end


# Amounts a pay figure in each unit can hold: beyond them the unit is wrong (an annual range marked usd_per_hour)
PLAUSIBLE_PAY = {"usd_per_hour": (1, 1_000), "usd_per_week": (10, 40_000), "usd_per_month": (50, 200_000),
                 "usd_per_year": (500, 2_000_000)}
SHARE_STATISTICS = ("employment_share",)  # statistics that are a part of a whole: 0 to 100 percent


def build_figures(path: Path = paths.GUIDE_FIGURES, occ: Occupation | None = None, guides: Iterable[str] | None = None) -> pd.DataFrame:
    """Every printed figure as tidy observations: one row per number
    (an hourly-and-annual pair or a range gives two rows, told apart by ``part``)."""
    occ = _occupation(occ)
    raw = read_raw_csv(path, FIGURE_COLUMNS, not_empty=FIGURE_REQUIRED)
    _unique(raw, path, ["figure_id"])
    located = _guide_location(raw, path, guides)
    _occurrences(raw, path)
    records = []
    for (position, guide_file, line), row in zip(located, raw.itertuples(index=False)):
        _check_vocabulary(row.topic, TOPICS, path, position, guide_file, line, "topic")
        _check_vocabulary(row.statistic, STATISTICS, path, position, guide_file, line, "statistic")
        observations, year_start, year_end = _figure_observations(row, path, position, guide_file, line, occ)
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
    columns = ["statement_id", "guide_file", "line", "as_printed", "route", "stance", "description"]
    raw = read_raw_csv(path, columns, not_empty=columns)
    _unique(raw, path, ["statement_id"])
    located = _guide_location(raw, path, guides)
    _unique(raw, path, ["guide_file", "line", "as_printed", "route"], names="statement_id")
    known_routes = routes()
    for (position, guide_file, line), row in zip(located, raw.itertuples(index=False)):
        _check_vocabulary(row.route, known_routes, path, position, guide_file, line, "route")
        _check_vocabulary(row.stance, STANCES, path, position, guide_file, line, "stance")
    frame = raw.copy()
    frame["line"] = frame["line"].astype(int).astype("Int64")
    frame["source_key"] = [guide_key(g, l) for g, l in zip(frame["guide_file"], frame["line"])]
    frame["route_label"] = frame["route"].map(known_routes)
    return frame[["statement_id", "guide_file", "line", "source_key", "as_printed", "route", "route_label", "stance", "description"]]


def _space_hint(text: str, known) -> str:
    """Why a value that looks right is not found: a space before or after it."""
    if text.strip() != text and text.strip() in known:
        where = "a trailing space" if text.rstrip() != text else "a leading space"
        return f" ({where}: {text.strip()!r} is known; remove the space)"
    return ""


def build_guide_claims(figures: pd.DataFrame, path: Path = paths.GUIDE_CLAIMS, guides: Iterable[str] | None = None) -> pd.DataFrame:
    """Every checkable claim, restated in the project's words, with the check that applies to it."""
    columns = ["claim_id", "guide_file", "line", "as_printed", "topic", "check", "figure_ids", "claim"]
    raw = read_raw_csv(path, columns, not_empty=[c for c in columns if c != "figure_ids"])
    if raw.empty:
        raise DataError(f"{paths.relative(path)}: expected at least one claim below the header, found none (the fact-check "
                        "and the findings need claims to check)")
    _unique(raw, path, ["claim_id"])
    located = _guide_location(raw, path, guides)
    _unique(raw, path, ["guide_file", "line", "as_printed", "check"], names="claim_id")
    known = set(figures["figure_id"])
    for (position, guide_file, line), row in zip(located, raw.itertuples(index=False)):
        _check_vocabulary(row.check, CHECKS, path, position, guide_file, line, "check")
        _check_vocabulary(row.topic, TOPICS, path, position, guide_file, line, "topic")
        for figure_id in row.figure_ids.split(";") if row.figure_ids else []:
            if figure_id not in known:
                raise DataError(f"{where(path, position, guide_file, line, 'figure_ids')}: expected figure ids from "
                                f"{paths.GUIDE_FIGURES.name}, separated by ';', found {figure_id!r}{_space_hint(figure_id, known)}")
    frame = raw.copy()
    frame["line"] = frame["line"].astype(int).astype("Int64")
    frame["source_key"] = [guide_key(g, l) for g, l in zip(frame["guide_file"], frame["line"])]
    frame["figure_ids"] = frame["figure_ids"].replace("", None)
    return frame[["claim_id", "guide_file", "line", "source_key", "as_printed", "topic", "check", "figure_ids", "claim"]]


UNCHECKED_COLUMNS = ["guide_file", "line", "as_printed", "kind", "description", "reason"]


def build_unchecked_sentences(path: Path = paths.GUIDE_UNCHECKED, guides: Iterable[str] | None = None) -> pd.DataFrame:
    """Sentences of the guides with a number or a checkable statement that are no claim we check: each with a short phrase
    exactly as printed, what it says in the project's words, the kind of reason (:data:`UNCHECKED_KINDS`) and the reason."""
    raw = read_raw_csv(path, UNCHECKED_COLUMNS, not_empty=UNCHECKED_COLUMNS)
    located = _guide_location(raw, path, guides)
    _unique(raw, path, ["guide_file", "line", "as_printed"])
    for (position, guide_file, line), row in zip(located, raw.itertuples(index=False)):
        _check_vocabulary(row.kind, UNCHECKED_KINDS, path, position, guide_file, line, "kind")
        if len(row.reason.strip()) < MIN_REASON_LENGTH:
            raise DataError(f"{where(path, position, guide_file, line, 'reason')}: expected a reason of at least {MIN_REASON_LENGTH} "
                            f"characters saying why the sentence is no claim we check, found {row.reason!r}")
    frame = raw.copy()
    frame["line"] = frame["line"].astype(int).astype("Int64")
    frame["source_key"] = [guide_key(g, l) for g, l in zip(frame["guide_file"], frame["line"])]
    return frame[["guide_file", "line", "source_key", "as_printed", "kind", "description", "reason"]]


MIN_REASON_LENGTH = 20  # a reason says why the line holds no figure, in a phrase, not a word


def check_exclusions(path: Path = paths.GUIDE_EXCLUSIONS, figures: pd.DataFrame | None = None,
                     guides: Iterable[str] | None = None) -> pd.DataFrame:
    """Guide lines that hold a number but no figure: each line once, with a reason, and never also transcribed."""
    raw = read_raw_csv(path, ["guide_file", "line", "reason"], not_empty=["guide_file", "line", "reason"])
    located = _guide_location(raw, path, guides)
    _unique(raw, path, ["guide_file", "line"])
    transcribed = set() if figures is None else set(zip(figures["guide_file"], figures["line"].astype(int)))
    for (position, guide_file, line), reason in zip(located, raw["reason"]):
        if len(reason.strip()) < MIN_REASON_LENGTH:
            raise DataError(f"{where(path, position, guide_file, line, 'reason')}: expected a reason of at least {MIN_REASON_LENGTH} "
                            f"characters saying why the line holds no figure, found {reason!r}")
        if (guide_file, line) in transcribed:
            raise DataError(f"{where(path, position, guide_file, line, 'line')}: expected a line that is not also transcribed in "
                            f"{paths.GUIDE_FIGURES.name}, found it there")
    return raw


# BLS reference tables ------------------------------------------------------------------------------

OEWS_VALUE_COLUMNS = [f"{s}_{u}" for s in OEWS_STATISTICS for u in OEWS_UNITS]


def _oews(path: Path, occ: Occupation) -> pd.DataFrame:
    """The OEWS national table, typed and checked: one row per year, oldest first, percentiles in order."""
    column = occ.comparability_column
    raw = read_raw_csv(path, ["year", "soc_code", "occupation_title", column, "employment", *OEWS_VALUE_COLUMNS],
                       not_empty=["year", "soc_code", column, "employment"])
    _soc_codes(raw, path)
    _comparability(raw, path, column)
    frame = _years(raw, path, ["year"])
    _unique(frame, path, ["year"])
    _increasing(list(frame["year"]), path, "year")
    frame = _numbers(frame, path, ["employment"], minimum=0, whole=True)
    frame = _numbers(frame, path, OEWS_VALUE_COLUMNS, above=0)
    for position, row in enumerate(frame.to_dict("records"), start=1):
        for unit in OEWS_UNITS:
            _percentiles_in_order(row, unit, path, position)
        for statistic in OEWS_STATISTICS:
            _annual_matches_hourly(row[f"{statistic}_hourly"], row[f"{statistic}_annual"], path, position,
                                   f"{statistic}_hourly", f"{statistic}_annual")
    return frame.rename(columns={column: COMPARABLE})


def _percentiles_in_order(row: dict, unit: str, path: Path, position: int) -> None:
    """p10 <= median <= p90 where the cells are filled."""
    filled = [(s, row[f"{s}_{unit}"]) for s in ("p10", "median", "p90") if not pd.isna(row[f"{s}_{unit}"])]
    for (low_name, low), (high_name, high) in zip(filled, filled[1:]):
        if low > high:
            raise DataError(f"{where(path, position, column=f'{high_name}_{unit}')}: expected {low_name}_{unit} <= {high_name}_{unit}, "
                            f"found {float(low):g} > {float(high):g}")


QUARTILE_VALUE_COLUMNS = [f"{s}_{u}" for s in QUARTILE_STATISTICS for u in OEWS_UNITS]
PERCENTILE_ORDER = ("p10", "p25", "median", "p75", "p90")


def _quartiles(path: Path, national: pd.DataFrame, national_path: Path) -> pd.DataFrame:
    """The published 25th and 75th percentiles, typed and checked: each year one of the national table with the same code,
    annual = hourly x 2,080, and p10 <= p25 <= median <= p75 <= p90 with that year's national figures."""
    raw = read_raw_csv(path, ["year", "soc_code", *QUARTILE_VALUE_COLUMNS, "status"], not_empty=["year", "soc_code", "status"])
    _soc_codes(raw, path)
    frame = _years(raw, path, ["year"])
    _unique(frame, path, ["year"])
    _increasing(list(frame["year"]), path, "year")
    frame = _numbers(frame, path, QUARTILE_VALUE_COLUMNS, above=0)
    by_year = national.set_index("year")
    for position, row in enumerate(frame.to_dict("records"), start=1):
        if row["year"] not in by_year.index or by_year.loc[row["year"], "soc_code"] != row["soc_code"]:
            raise DataError(f"{where(path, position, column='soc_code')}: expected a year and code of {national_path.name}, found "
                            f"{row['year']} {row['soc_code']}")
        for unit in OEWS_UNITS:  # first: a figure in the wrong column is the likelier slip
            _quartiles_in_order({**by_year.loc[row["year"]].to_dict(), **row}, unit, path, position, national_path)
        for statistic in QUARTILE_STATISTICS:
            _annual_matches_hourly(row[f"{statistic}_hourly"], row[f"{statistic}_annual"], path, position,
                                   f"{statistic}_hourly", f"{statistic}_annual")
    return frame


def _quartiles_in_order(row: dict, unit: str, path: Path, position: int, national_path: Path) -> None:
    filled = [(s, row[f"{s}_{unit}"]) for s in PERCENTILE_ORDER if not pd.isna(row[f"{s}_{unit}"])]
    for (low_name, low), (high_name, high) in zip(filled, filled[1:]):
        if low > high:
            own = low_name if low_name in QUARTILE_STATISTICS else high_name
            raise DataError(f"{where(path, position, column=f'{own}_{unit}')}: expected {low_name}_{unit} <= {high_name}_{unit} "
                            f"(the 10th, median and 90th from {national_path.name}), found {float(low):g} > {float(high):g}")


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
        published = _quartiles(quartiles, frame, path).drop(columns=["soc_code", "status"])
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


PROJECTION_NUMBERS = ["base_employment_thousands", "projected_employment_thousands", "change_thousands", "pct_change", "all_occupations_pct_change"]


def _decimals(text: str) -> int:
    return len(text.strip().partition(".")[2])


def _projection_arithmetic(row: dict, raw_pct: str, path: Path, position: int) -> None:
    """Change = projected - base (to rounding), and the percent agrees with change / base (interval arithmetic:
    every figure is rounded, so the check asks whether some unrounded values fit all of them)."""
    base, projected, change, pct = (row[c] for c in ("base_employment_thousands", "projected_employment_thousands", "change_thousands", "pct_change"))
    if not pd.isna(projected) and not pd.isna(change) and abs(float(projected) - float(base) - float(change)) > THOUSANDS_TOLERANCE:
        raise DataError(f"{where(path, position, column='change_thousands')}: expected projected - base = "
                        f"{float(projected) - float(base):.1f} (to rounding), found {float(change):g}")
    if pd.isna(change) or float(base) <= 0.05:
        return
    half = 0.05
    lowest = 100 * (float(change) - half) / (float(base) + half)
    highest = 100 * (float(change) + half) / (float(base) - half)
    step = float(Decimal(1).scaleb(-_decimals(raw_pct)))
    if highest < float(pct) - step / 2 or lowest > float(pct) + step / 2:
        raise DataError(f"{where(path, position, column='pct_change')}: expected a percent that rounds from change / base "
                        f"({lowest:.2f} to {highest:.2f}), found {raw_pct.strip()}")


def build_bls_projections(path: Path = paths.PROJECTIONS, occ: Occupation | None = None) -> pd.DataFrame:
    """Every BLS projection vintage for the occupation, one row per vintage, oldest first."""
    column = _occupation(occ).comparability_column
    raw_columns = ["vintage", "soc_code", "occupation_title", column, "base_year", "target_year", *PROJECTION_NUMBERS, "status"]
    raw = read_raw_csv(path, raw_columns, not_empty=["vintage", "soc_code", column, "base_year", "target_year",
                                                     "base_employment_thousands", "pct_change"])
    _unique(raw, path, ["vintage"])
    _soc_codes(raw, path)
    _comparability(raw, path, column)
    frame = _years(raw, path, ["base_year", "target_year"])
    frame = _numbers(frame, path, ["base_employment_thousands", "projected_employment_thousands"], minimum=0)
    frame = _numbers(frame, path, ["change_thousands", "pct_change", "all_occupations_pct_change"])
    for position, row in enumerate(frame.to_dict("records"), start=1):
        if row["vintage"] != f"{row['base_year']}-{row['target_year']}":
            raise DataError(f"{where(path, position, column='vintage')}: expected '{row['base_year']}-{row['target_year']}' to match "
                            f"base and target years, found {row['vintage']!r}")
        if row["base_year"] >= row["target_year"]:
            raise DataError(f"{where(path, position, column='target_year')}: expected a target year after the base year "
                            f"{row['base_year']}, found {row['target_year']}")
        _projection_arithmetic(row, raw["pct_change"].iloc[position - 1], path, position)
    _increasing(list(frame["base_year"]), path, "base_year")
    frame = frame.rename(columns={column: COMPARABLE})
    frame["source_key"] = [reference_key(path, vintage=v) for v in frame["vintage"]]
    columns = [COMPARABLE if c == column else c for c in raw_columns]
    return frame[[*columns, "source_key"]]


def _edition_start(edition: str, path: Path, position: int) -> int:
    """``"2014-15"`` -> 2014; an edition spans two consecutive years."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", edition)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)) or not YEAR_MIN <= int(match.group(1)) <= YEAR_MAX:
        raise DataError(f"{where(path, position, column='edition')}: expected a Handbook edition like 2014-15 "
                        f"(two consecutive years), found {edition!r}")
    return int(match.group(1))


def build_bls_ooh_editions(path: Path = paths.OOH_EDITIONS) -> pd.DataFrame:
    """What each Occupational Outlook Handbook edition said, with typed numbers, oldest edition first."""
    raw = read_raw_csv(path, ["edition", "wage_year", "employment_year", "typical_entry_education", "education_wording",
                              "median_annual_pay", "employment", "projection_period", "projection_pct", "status"],
                       not_empty=["edition", "typical_entry_education"])
    _unique(raw, path, ["edition"])
    starts = [_edition_start(e, path, position) for position, e in enumerate(raw["edition"], start=1)]
    _increasing(starts, path, "edition")
    frame = _years(raw, path, ["wage_year", "employment_year"])
    frame = _numbers(frame, path, ["median_annual_pay"], above=0)
    frame = _numbers(frame, path, ["employment"], minimum=0, whole=True)
    frame = _numbers(frame, path, ["projection_pct"])
    for position, (start, wage_year, employment_year) in enumerate(zip(starts, frame["wage_year"], frame["employment_year"]), start=1):
        for column, year in (("wage_year", wage_year), ("employment_year", employment_year)):
            if not pd.isna(year) and year > start:
                raise DataError(f"{where(path, position, column=column)}: expected a year no later than the edition's first year "
                                f"{start} (a Handbook reports data gathered before it is published), found {year}")
    project_start, project_end = _periods(raw, path, "projection_period")
    for position, (period, pct) in enumerate(zip(project_start, frame["projection_pct"]), start=1):
        if (period is None) != pd.isna(pct):
            raise DataError(f"{where(path, position, column='projection_pct')}: expected a projection period and a percent together "
                            "(both filled or both empty)")
    frame["projection_start"] = pd.array(project_start, dtype="Int64")
    frame["projection_end"] = pd.array(project_end, dtype="Int64")
    frame["median_annual_usd"] = frame["median_annual_pay"]
    frame["employment_persons"] = frame["employment"].astype("Int64")
    frame["source_key"] = [reference_key(path, edition=e) for e in frame["edition"]]
    return frame[["edition", "wage_year", "employment_year", "typical_entry_education", "education_wording", "median_annual_usd",
                  "employment_persons", "projection_start", "projection_end", "projection_pct", "status", "source_key"]]


INDUSTRY_COLUMNS = ["year", "source_kind", "setting", "employment", "share_of_occupation_pct", "mean_hourly", "mean_annual", "status"]


def _industry(path: Path, occ: Occupation) -> pd.DataFrame:
    raw = read_raw_csv(path, INDUSTRY_COLUMNS, not_empty=["year", "source_kind", "setting"])
    for position, setting in enumerate(raw["setting"], start=1):
        if occ.setting_key(setting) is None:
            raise DataError(f"{where(path, position, column='setting')}: expected a setting named in occupation.toml "
                            f"({sorted(occ.settings)}), found {setting!r}")
    frame = _years(raw, path, ["year"])
    frame["setting_key"] = [occ.setting_key(s) for s in raw["setting"]]
    _unique(frame, path, ["year", "setting_key"])
    _increasing(list(frame["year"]), path, "year", strictly=False)
    frame = _numbers(frame, path, ["employment"], minimum=0, whole=True)
    frame = _numbers(frame, path, ["share_of_occupation_pct"], minimum=0, maximum=100)
    frame = _numbers(frame, path, ["mean_hourly", "mean_annual"], above=0)
    for position, (hourly, annual) in enumerate(zip(frame["mean_hourly"], frame["mean_annual"]), start=1):
        _annual_matches_hourly(hourly, annual, path, position, "mean_hourly", "mean_annual")
    return frame


def build_employment_by_setting(figures: pd.DataFrame, path: Path = paths.INDUSTRY_EMPLOYMENT, occ: Occupation | None = None) -> pd.DataFrame:
    """Where technicians work: the guides' shares beside the BLS industry figures.

    For the OES May 2011 rows the share is computed here from the industry's
    employment and the occupation total printed in the row's status note.
    """
    occ = _occupation(occ)
    frame = _industry(path, occ)
    rows = []
    for position, row in enumerate(frame.itertuples(index=False), start=1):
        total = re.search(r"occupation total that year: (\d+)", row.status)
        share, total_persons = row.share_of_occupation_pct, None
        if pd.isna(share):
            if total is None or pd.isna(row.employment):
                raise DataError(f"{where(path, position, column='share_of_occupation_pct')}: expected either a share or an employment "
                                "count with the occupation total ('occupation total that year: N' in the status)")
            total_persons = int(total.group(1))
            if total_persons < row.employment:
                raise DataError(f"{where(path, position, column='employment')}: expected at most the occupation total "
                                f"{total_persons:,}, found {int(row.employment):,}")
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
    raw = read_raw_csv(path, ["year", "cpi_u"], not_empty=["year", "cpi_u"])
    frame = _years(raw, path, ["year"])
    _unique(frame, path, ["year"])
    _increasing(list(frame["year"]), path, "year")
    frame = _numbers(frame, path, ["cpi_u"], above=0)
    frame["cpi_u_index_1982_84_100"] = frame["cpi_u"]
    frame["source_key"] = [reference_key(path, year=y) for y in frame["year"]]
    return frame[["year", "cpi_u_index_1982_84_100", "source_key"]]


def build_ooh_key_phrases(path: Path = paths.OOH_KEY_PHRASES) -> pd.DataFrame:
    """The Handbook's own bands for its growth words, one row per edition and phrase.

    An empty bound is open (no upper bound for "much faster than average", no lower bound for "decline").
    """
    columns = ["edition", "projection_period", "key_phrase", "min_pct_change", "max_pct_change", "source", "status"]
    raw = read_raw_csv(path, columns, not_empty=["edition", "projection_period", "key_phrase", "source"])
    _unique(raw, path, ["edition", "key_phrase"])
    starts = [_edition_start(e, path, position) for position, e in enumerate(raw["edition"], start=1)]
    _increasing(starts, path, "edition", strictly=False)
    frame = _numbers(raw, path, ["min_pct_change", "max_pct_change"])
    for position, row in enumerate(frame.itertuples(index=False), start=1):
        if pd.isna(row.min_pct_change) and pd.isna(row.max_pct_change):
            raise DataError(f"{where(path, position, column='max_pct_change')}: expected at least one of 'min_pct_change' and "
                            "'max_pct_change', found both empty")
        if pd.notna(row.min_pct_change) and pd.notna(row.max_pct_change) and row.min_pct_change > row.max_pct_change:
            raise DataError(f"{where(path, position, column='max_pct_change')}: expected 'min_pct_change' <= 'max_pct_change', "
                            f"found {row.min_pct_change:g} > {row.max_pct_change:g}")
    project_start, project_end = _periods(raw, path, "projection_period")
    frame["projection_start"] = pd.array(project_start, dtype="Int64")
    frame["projection_end"] = pd.array(project_end, dtype="Int64")
    frame["source_key"] = [reference_key(path, edition=e, key_phrase=k) for e, k in zip(frame["edition"], frame["key_phrase"])]
    return frame[["edition", "projection_start", "projection_end", "key_phrase", "min_pct_change", "max_pct_change", "source", "status", "source_key"]]


def build_all_occupations_pay(path: Path = paths.ALL_OCCUPATIONS_PAY) -> pd.DataFrame:
    """Pay of all occupations together (the typical worker), by survey year and statistic."""
    raw = read_raw_csv(path, ["year", "statistic", "annual_usd", "source", "status"], not_empty=["year", "statistic", "annual_usd", "source"])
    for position, statistic in enumerate(raw["statistic"], start=1):
        _check_vocabulary(statistic, ALL_OCCUPATIONS_STATISTICS, path, position, None, None, "statistic")
    frame = _years(raw, path, ["year"])
    _unique(frame, path, ["year", "statistic"])
    _increasing(list(frame["year"]), path, "year", strictly=False)
    frame = _numbers(frame, path, ["annual_usd"], above=0)
    frame["source_key"] = [reference_key(path, year=y, statistic=s) for y, s in zip(frame["year"], frame["statistic"])]
    return frame[["year", "statistic", "annual_usd", "source", "status", "source_key"]]


_COST_VALUE = re.compile(r"(?P<low>\d+(?:\.\d+)?)(?:-(?P<high>\d+(?:\.\d+)?))?")


def build_education_costs(path: Path = paths.EDUCATION_COSTS) -> pd.DataFrame:
    """Published costs and pay by education, numeric rows only; a range such as
    "9-12" months becomes value_min 9 and value_max 12. The one descriptive row
    (the Handbook's training category) stays in the raw file and is used through
    the Handbook editions table."""
    raw = read_raw_csv(path, ["measure", "group", "value", "unit", "period", "source", "status"], not_empty=["measure", "group", "value", "unit"])
    _unique(raw, path, ["measure", "group", "period"])
    rows = []
    for position, row in enumerate(raw.itertuples(index=False), start=1):
        _check_vocabulary(row.unit, (*EDUCATION_COST_UNITS, DESCRIPTIVE_UNIT), path, position, None, None, "unit")
        if row.unit == DESCRIPTIVE_UNIT:
            continue
        low, high = _cost_value(row.value, path, position)
        rows.append({"measure": row.measure, "group": row.group, "value_min": low, "value_max": high, "unit": row.unit,
                     "period": row.period or None, "source": row.source, "status": row.status,
                     "source_key": reference_key(path, row=position)})
    return pd.DataFrame.from_records(rows, columns=["measure", "group", "value_min", "value_max", "unit", "period", "source", "status", "source_key"])


def _cost_value(text: str, path: Path, position: int) -> tuple[float, float]:
    match = _COST_VALUE.fullmatch(text.strip())
    if not match:
        plain = to_number(text, path, position, "value")  # "34,970" is a number with separators; anything else is refused
        _check_range(plain, path, position, "value", 0, None, None, False)
        return plain, plain
    low = float(match.group("low"))
    high = float(match.group("high")) if match.group("high") else low
    if low > high:
        raise DataError(f"{where(path, position, column='value')}: expected the low end of the range first, found {text!r}")
    return low, high


# Sources and the whole raw layer --------------------------------------------------------------------

SOURCE_COLUMNS = ["source_id", "kind", "path", "origin", "covers", "sha256"]


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def listed_guides(path: Path = paths.SOURCES) -> list[str]:
    """The guide files sources.csv lists (``guide:<file name>``), each with its SHA-256."""
    raw = read_raw_csv(path, SOURCE_COLUMNS, not_empty=["source_id", "kind", "path", "origin", "covers"])
    _unique(raw, path, ["source_id"])
    guides = []
    for position, row in enumerate(raw.itertuples(index=False), start=1):
        _check_vocabulary(row.kind, SOURCE_KINDS_RAW, path, position, None, None, "kind")
        if row.sha256 and not re.fullmatch(r"[0-9a-f]{64}", row.sha256):
            raise DataError(f"{where(path, position, column='sha256')}: expected 64 lower-case hex digits (a SHA-256), found {row.sha256!r}")
        if row.kind == "guide":
            name = row.source_id.removeprefix("guide:")
            if not row.source_id.startswith("guide:") or not is_guide_file_name(name):
                raise DataError(f"{where(path, position, column='source_id')}: expected 'guide:' and a guide file name like "
                                f"{GUIDE_FILE_EXAMPLE}, found {row.source_id!r}")
            if not row.sha256:
                raise DataError(f"{where(path, position, column='sha256')}: expected the SHA-256 of the guide text, found an empty cell")
            guides.append(name)
    return guides


def check_sources(raw_dir: Path, path: Path | None = None) -> None:
    """Every CSV and TOML file of the raw folder is listed in sources.csv exactly once, every listed
    file exists, and every file listed with a SHA-256 still has it (reference copies are never edited)."""
    path = Path(path or Path(raw_dir) / paths.SOURCES.name)
    raw = read_raw_csv(path, SOURCE_COLUMNS)
    on_disk = {p.relative_to(raw_dir).as_posix(): p for p in sorted(Path(raw_dir).rglob("*")) if p.suffix in (".csv", ".toml")}
    listed: dict[str, int] = {}
    for position, row in enumerate(raw.itertuples(index=False), start=1):
        if row.kind != "raw_file":
            continue
        matches = [name for name in on_disk if row.path == name or row.path.endswith("/" + name)]
        if not matches:
            raise DataError(f"{where(path, position, column='path')}: expected a file of the raw folder {paths.relative(raw_dir)}, "
                            f"found {row.path!r}, which is not there")
        name = max(matches, key=len)
        if name in listed:
            raise DataError(f"{paths.relative(path)} data rows {listed[name]} and {position}: expected each raw file listed once, "
                            f"found {name!r} twice")
        listed[name] = position
        if row.sha256 and _sha256(on_disk[name]) != row.sha256:
            raise DataError(f"{paths.relative(on_disk[name])}: expected the SHA-256 recorded in {paths.relative(path)} data row {position} "
                            "(a reference copy is never edited; copy it again from its source), found different bytes")
    unlisted = sorted(set(on_disk) - set(listed))
    if unlisted:
        raise DataError(f"{paths.relative(path)}: expected a row (kind raw_file) for every raw file, found none for {unlisted}")


def raw_path(default: Path, raw_dir: Path | None = None) -> Path:
    """Where a raw file of :mod:`mrt.paths` is inside another raw folder (the same name and subfolder)."""
    return Path(default) if raw_dir is None else Path(raw_dir) / Path(default).relative_to(paths.RAW)


class Problems(list):
    """What a checking run found, one line each (:func:`build_all` with ``problems=``): every file is checked even when
    another fails; a table that needs a failed one is named as not checked, not guessed at."""

    def attempt(self, build: Callable, needs: dict[str, object] | None = None, what: str = ""):
        """The value of ``build()``, or None with its error recorded; None at once when something it needs failed."""
        failed = [name for name, value in (needs or {}).items() if value is None]
        if failed:
            self.append(f"note: {what} not checked: it needs {' and '.join(failed)}, which failed above")
            return None
        try:
            return build()
        except (DataError, ParseError, occupation.ConfigError) as error:
            self.append(str(error))
            return None


def _raise_at_once(build: Callable, needs: dict[str, object] | None = None, what: str = ""):
    return build()


def build_all(raw_dir: Path | None = None, problems: Problems | None = None) -> dict[str, pd.DataFrame]:
    """Every table the cleaning notebook writes, by file name, once the whole raw layer has been checked.

    ``raw_dir`` is another raw folder (a practice occupation, a copy in a test); by default the one
    :mod:`mrt.paths` names (``data/raw`` unless ``MRT_RAW_DIR`` says otherwise). By default the first problem raises;
    with ``problems`` (a :class:`Problems` list) every file is checked and every problem recorded there instead, and
    the tables that could be built are returned.
    """
    at: Callable[[Path], Path] = lambda default: raw_path(default, raw_dir)  # noqa: E731
    attempt = problems.attempt if problems is not None else _raise_at_once
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


# Years observed: what happened, and what the CPI can convert (files, column) ---------------------------------------
OBSERVED_YEARS = ((paths.OEWS_NATIONAL, "year"), (paths.CPI_U, "year"), (paths.INDUSTRY_EMPLOYMENT, "year"),
                  (paths.ALL_OCCUPATIONS_PAY, "year"))
CONVERTED_YEARS = ((paths.OEWS_NATIONAL, "year"),)  # BLS pay is converted to dollars of the dollar year


def check_years(cpi: pd.DataFrame, occ: Occupation, at: Callable[[Path], Path] = lambda p: p, this_year: int | None = None) -> None:
    """Checks across tables that would otherwise fail late, inside a notebook: the CPI-U has every year from its
    first to its last; the dollar year of occupation.toml is one of them; no observed year (a survey, an index)
    lies in the future; every BLS pay year can be converted to dollars of the dollar year."""
    this_year = this_year or datetime.date.today().year
    cpi_path = at(paths.CPI_U)
    years = [int(y) for y in cpi["year"]]
    for position, (before, year) in enumerate(zip(years, years[1:]), start=2):
        if year != before + 1:
            raise DataError(f"{where(cpi_path, position, column='year')}: expected {before + 1} after {before} (every year "
                            f"from the first to the last, so any year can be converted), found {year}")
    span = f"{years[0]}-{years[-1]}" if years else "none"
    if occ.dollar_year not in years:
        raise occupation.ConfigError(f"{paths.relative(at(paths.OCCUPATION))}: expected 'dollar_year' to be a year with a CPI-U "
                                     f"annual average in {cpi_path.name} ({span}), found {occ.dollar_year}")
    for source, column in OBSERVED_YEARS:
        path = at(source)
        raw = read_raw_csv(path, [column])
        for position, text in enumerate(raw[column], start=1):
            if not text.strip().isdigit():
                continue  # the table's own check names a malformed year
            year = int(text)
            if year > this_year:
                raise DataError(f"{where(path, position, column=column)}: expected a year that has happened (up to "
                                f"{this_year}), found {year}")
            if (source, column) in CONVERTED_YEARS and year not in years:
                raise DataError(f"{where(path, position, column=column)}: expected a year with a CPI-U annual average in "
                                f"{cpi_path.name} ({span}), to convert its pay to dollars of {occ.dollar_year}, found {year}")


def build_all_occupations_growth(path: Path = paths.ALL_OCCUPATIONS_GROWTH) -> pd.DataFrame:
    """The projected percent change of all occupations together, by projection period: the average the
    Handbook's growth words compare with, for periods the projections table does not cover (or rounds otherwise)."""
    raw = read_raw_csv(path, ["projection_period", "all_occupations_pct_change", "source", "status"],
                       not_empty=["projection_period", "all_occupations_pct_change", "source", "status"])
    frame = _numbers(raw, path, ["all_occupations_pct_change"])
    starts, ends = [], []
    for position, period in enumerate(raw["projection_period"], start=1):
        try:
            start, end = parse_period(period)
        except ParseError as error:
            raise DataError(f"{where(path, position)}: {error}") from None
        if start is None or end is None or end <= start:
            raise DataError(f"{where(path, position)}: expected a projection period like 2006-2016, found {period!r}")
        starts.append(start)
        ends.append(end)
    frame["projection_start"] = pd.array(starts, dtype="Int64")
    frame["projection_end"] = pd.array(ends, dtype="Int64")
    if frame.duplicated(["projection_start", "projection_end"]).any():
        position = int(frame.duplicated(["projection_start", "projection_end"]).to_numpy().nonzero()[0][0]) + 1
        raise DataError(f"{where(path, position)}: expected one row per projection period, found {raw['projection_period'].iloc[position - 1]!r} twice")
    frame["source_key"] = [reference_key(path, projection_period=p) for p in raw["projection_period"]]
    return frame[["projection_start", "projection_end", "all_occupations_pct_change", "source", "status", "source_key"]]


def build_ooh_growth_wording(path: Path = paths.OOH_GROWTH_WORDING) -> pd.DataFrame:
    """The Handbook's own growth word for the occupation, one row per edition, oldest first: the outlook it
    describes, its percent, the all-occupations percent and the words ("much faster than the average").
    The words must name a growth band (``mrt.growth.band_of_words``); a percent above the average cannot be
    called slower than it, nor one below it faster."""
    columns = ["edition", "projection_period", "pct_change", "all_occupations_pct_change", "handbook_wording", "source", "status"]
    raw = read_raw_csv(path, columns, not_empty=columns)
    _unique(raw, path, ["edition"])
    _increasing([_edition_start(e, path, position) for position, e in enumerate(raw["edition"], start=1)], path, "edition")
    frame = _numbers(_numbers(raw, path, ["pct_change"]), path, ["all_occupations_pct_change"], above=0)
    starts, ends = _periods(raw, path, "projection_period")
    for position, (start, end, words, pct, average) in enumerate(
            zip(starts, ends, raw["handbook_wording"], frame["pct_change"], frame["all_occupations_pct_change"]), start=1):
        if end <= start:
            raise DataError(f"{where(path, position, column='projection_period')}: expected a projection period like 2012-2022, "
                            f"found {raw['projection_period'].iloc[position - 1]!r}")
        try:
            band = growth.band_of_words(words)
        except ValueError as error:
            raise DataError(f"{where(path, position, column='handbook_wording')}: {error}") from None
        if (band in growth.ABOVE_AVERAGE and pct <= average) or (band in growth.BELOW_AVERAGE and pct >= average):
            raise DataError(f"{where(path, position, column='handbook_wording')}: expected words that put {pct:g}% on its side of the "
                            f"all-occupations {average:g}%, found {words!r}")
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
