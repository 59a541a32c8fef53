"""The raw layer's rule framework: faults collected per file, cell rules run as pandera schemas, and the row rules
every raw table shares (keys once, time series forward, annual = hourly x 2,080, percentiles in order, guide citations).

:mod:`mrt.rawschema` declares, with these, what each raw file must hold. Every fault is one line naming the file, the
data row (counted from 1 below the header, as a spreadsheet shows it, with the guide and its line where the row cites
one), the column, what was found and what was expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.errors
import pandera.pandas as pa

from mrt import occupation, paths
from mrt.io import DataError, read_raw_csv, to_number, where
from mrt.parse import YEAR_MAX, YEAR_MIN, ParseError, parse_period
from mrt.vocab import HOURS_PER_YEAR, hourly_annual_tolerance

GUIDE_FILE_PATTERN = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
GUIDE_FILE_EXAMPLE = "000_8f0a57b0245a47f7.txt"
MAX_GUIDE_LINE = 100_000  # a guide is one web page of text; a larger line number is a typing slip


def is_guide_file_name(name: str) -> bool:
    """The one rule for guide file names: three digits, an underscore, 16 hex digits, ``.txt``."""
    return bool(GUIDE_FILE_PATTERN.fullmatch(name))


ANNUAL_FROM_HOURLY_TOLERANCE = hourly_annual_tolerance()  # $15.40: rounding of both printed figures (mrt.vocab)
# Projections print employment in thousands to one decimal: change = projected - base to within 2 x 0.05.
THOUSANDS_TOLERANCE = 0.1 + 1e-9

# Faults: every problem of a file, collected ----------------------------------------------------------------------

class RawFaults(DataError):
    """Every fault of one raw file: the text is the first (one clear line), ``messages`` holds them all."""

    def __init__(self, messages: Iterable[str]):
        self.messages = list(messages)
        super().__init__(self.messages[0])


class ConfigFaults(RawFaults, occupation.ConfigError):
    """Faults the first of which is occupation.toml's."""


class Faults(list):
    """The faults found in one raw file so far, in the order the rules found them."""

    def stop(self) -> None:
        """Raise every fault found so far (a :class:`RawFaults`), if there is one."""
        if self:
            raise RawFaults(self)


class Problems(list):
    """What a checking run found, one line each (:func:`mrt.clean.build_all` with ``problems=``): every file is checked
    even when another fails; a table that needs a failed one is named as not checked, not guessed at."""

    def attempt(self, build: Callable, needs: dict[str, object] | None = None, what: str = ""):
        """The value of ``build()``, or None with its faults recorded; None at once when something it needs failed."""
        failed = [name for name, value in (needs or {}).items() if value is None]
        if failed:
            self.append(f"note: {what} not checked: it needs {' and '.join(failed)}, which failed above")
            return None
        try:
            return build()
        except (DataError, ParseError, occupation.ConfigError) as error:
            self.extend(m for m in getattr(error, "messages", [str(error)]) if m not in self)  # two tables of one file: once
            return None


def raise_at_once(build: Callable, needs: dict[str, object] | None = None, what: str = ""):
    """The main job's way: the first file with a fault stops the run."""
    return build()


# Cell rules: one pandera schema per file, validated lazily -------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """What one cell must be: ``test`` is True for a good cell; an empty cell passes every rule but :data:`VALUE`."""

    expected: str
    test: Callable[[str], bool]
    found: Callable[[str], str] = repr


VALUE = Rule("a value", lambda text: bool(text.strip()), lambda text: "an empty cell")


def one_of(allowed: Iterable[str]) -> Rule:
    allowed = tuple(allowed)
    return Rule(f"one of {sorted(allowed)}", lambda text: text in allowed)


def _cell_check(rule: Rule, name: str) -> pa.Check:
    test = rule.test if rule is VALUE else (lambda text: not text.strip() or bool(rule.test(text)))
    return pa.Check(test, element_wise=True, name=name)


def cells(raw: pd.DataFrame, rules: dict[str, list[Rule]], faults: Faults,
          locate: Callable[[int, str], str]) -> set[tuple[int, str]]:
    """Check every cell of ``raw`` against its column's rules in one lazy pandera validation; record a fault for the first
    rule each failing cell breaks (by column, then row) and return the failing (data row, column) pairs."""
    by_name = {f"{column}#{i}": (column, i, rule) for column, column_rules in rules.items() for i, rule in enumerate(column_rules)}
    schema = pa.DataFrameSchema({column: pa.Column(checks=[_cell_check(rule, f"{column}#{i}") for i, rule in enumerate(column_rules)])
                                 for column, column_rules in rules.items()})
    try:
        schema.validate(raw.reset_index(drop=True), lazy=True)
        return set()
    except pandera.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    found = sorted((list(rules).index(by_name[c.check][0]), int(c.index), by_name[c.check][1], c.check)
                   for c in cases.itertuples(index=False) if c.check in by_name)
    failed: set[tuple[int, str]] = set()
    for _, index, _, name in found:
        column, _, rule = by_name[name]
        position = index + 1
        if (position, column) in failed:
            continue
        failed.add((position, column))
        text = raw[column].iloc[index]
        faults.append(f"{locate(position, column)}: expected {rule.expected}, found {rule.found(text)}")
    return failed


def plain(path: Path) -> Callable[[int, str], str]:
    """Where a cell is, for a file whose rows cite no guide line."""
    return lambda position, column: where(path, position, column=column)


def read(path: Path, columns: list[str], not_empty: list[str], faults: Faults, rules: dict[str, list[Rule]] | None = None,
         locate: Callable[[int, str], str] | None = None) -> tuple[pd.DataFrame, set[tuple[int, str]]]:
    """A raw CSV as text, with its header checked (a missing column stops the file at once) and every cell rule run."""
    raw = read_raw_csv(path, columns)
    return raw, cells(raw, _with_values(not_empty, rules), faults, locate or plain(path))


def _with_values(not_empty: list[str], rules: dict[str, list[Rule]] | None) -> dict[str, list[Rule]]:
    """The rules of each column, a required value first where the column may not be empty."""
    merged = {column: [VALUE] for column in not_empty}
    for column, column_rules in (rules or {}).items():
        merged.setdefault(column, []).extend(column_rules)
    return merged


def is_number(text: str) -> bool:
    try:
        to_number(text, Path("."), 0, "")
    except DataError:
        return False
    return True


NUMBER = Rule("a number such as 34970, 34,970 or 18.13 (a comma only between groups of three digits)", is_number)
YEAR = Rule(f"a four-digit year from {YEAR_MIN} to {YEAR_MAX}",
            lambda text: bool(re.fullmatch(r"\d{4}", text.strip())) and YEAR_MIN <= int(text.strip()) <= YEAR_MAX,
            lambda text: repr(text.strip()))
SOC_CODE = Rule("an occupation code like 29-2071", lambda text: bool(re.fullmatch(r"\d{2}-\d{4}", text)))


def number_rules(minimum: float | None = None, above: float | None = None, maximum: float | None = None,
                 whole: bool = False) -> list[Rule]:
    """A number, then each bound in turn; a cell is named for the first bound it breaks only."""
    bounds = [(f"at least {minimum:g}", lambda v: v >= minimum)] if minimum is not None else []
    bounds += [(f"greater than {above:g}", lambda v: v > above)] if above is not None else []
    bounds += [(f"at most {maximum:g}", lambda v: v <= maximum)] if maximum is not None else []
    bounds += [("a whole number", lambda v: float(v).is_integer())] if whole else []
    shown = lambda text: f"{value(text):g}"  # noqa: E731

    def holds(text: str, i: int) -> bool:
        return not is_number(text) or not all(ok(value(text)) for _, ok in bounds[:i]) or bounds[i][1](value(text))
    return [NUMBER, *(Rule(f"a number {label}", lambda text, i=i: holds(text, i), shown) for i, (label, _) in enumerate(bounds))]


def value(text: str) -> float | None:
    text = text.strip()
    return float(text.replace(",", "")) if text else None


def numbers(raw: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Text cells as numbers (empty -> NA); a cell that failed its rules is NA too (its fault is recorded)."""
    frame = raw.copy()
    for column in columns:
        frame[column] = pd.array([value(t) if is_number(t) else None for t in raw[column]], dtype="Float64")
    return frame


def years(raw: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    frame = raw.copy()
    for column in columns:
        frame[column] = pd.array([int(t.strip()) if YEAR.test(t) else None for t in raw[column]], dtype="Int64")
    return frame


# Row and cross-row rules ------------------------------------------------------------------------------------------

def unique(frame: pd.DataFrame, path: Path, columns: list[str], faults: Faults, names: str | None = None) -> set[int]:
    """A fault for each row repeating an earlier row's key, naming both rows (and their ids, if ``names`` is an id
    column); returns the repeating rows."""
    seen: dict[tuple, int] = {}
    repeated = set()
    for position, key in enumerate(zip(*(frame[c] for c in columns)), start=1):
        if key in seen:
            first = seen[key]
            ids = f" ({frame[names].iloc[first - 1]} and {frame[names].iloc[position - 1]})" if names else ""
            shown = ", ".join(f"{c}={v!r}" if isinstance(v, str) else f"{c}={v}" for c, v in zip(columns, key))
            faults.append(f"{paths.relative(path)} data rows {first} and {position}{ids}: expected one row per "
                          f"({', '.join(columns)}), found {shown} twice")
            repeated.add(position)
        else:
            seen[key] = position
    return repeated


def increasing(values: list, path: Path, column: str, faults: Faults, strictly: bool = True) -> None:
    """A time series runs forward down the file (missing values are skipped)."""
    for position in range(2, len(values) + 1):
        before, value = values[position - 2], values[position - 1]
        if pd.isna(before) or pd.isna(value):
            continue
        if value < before or (strictly and value == before):
            faults.append(f"{where(path, position, column=column)}: expected {column} to {'increase' if strictly else 'not decrease'} "
                          f"down the file (a time series, oldest first), found {value} after {before} in data row {position - 1}")


def periods(raw: pd.DataFrame, path: Path, column: str, faults: Faults, located: bool = True) -> tuple[list, list]:
    """Each cell's period (start, end); an unreadable one is a fault and (None, None)."""
    starts, ends = [], []
    for position, period in enumerate(raw[column], start=1):
        try:
            start, end = parse_period(period)
        except ParseError as error:
            faults.append(f"{where(path, position, column=column if located else None)}: {error}")
            start, end = None, None
        starts.append(start)
        ends.append(end)
    return starts, ends


def annual_matches_hourly(hourly, annual, path: Path, position: int, hourly_column: str, annual_column: str, faults: Faults) -> None:
    if pd.isna(hourly) or pd.isna(annual):
        return
    if abs(float(hourly) * HOURS_PER_YEAR - float(annual)) > ANNUAL_FROM_HOURLY_TOLERANCE + 1e-9:
        faults.append(f"{where(path, position, column=annual_column)}: expected about {hourly_column} x {HOURS_PER_YEAR:,} = "
                      f"{float(hourly) * HOURS_PER_YEAR:,.0f} (within ${ANNUAL_FROM_HOURLY_TOLERANCE:.2f} of rounding), "
                      f"found {float(annual):,.0f}")


def in_order(row: dict, unit: str, order: tuple[str, ...], path: Path, position: int, faults: Faults,
             own: tuple[str, ...] | None = None, beside: str = "") -> None:
    """Percentiles filled in a row do not decrease along ``order``; the fault names the column of this file (``own``)."""
    filled = [(s, row[f"{s}_{unit}"]) for s in order if not pd.isna(row[f"{s}_{unit}"])]
    for (low_name, low), (high_name, high) in zip(filled, filled[1:]):
        if low > high:
            column = high_name if own is None or low_name not in own else low_name
            faults.append(f"{where(path, position, column=f'{column}_{unit}')}: expected {low_name}_{unit} <= {high_name}_{unit}"
                          f"{beside}, found {float(low):g} > {float(high):g}")
            return


# Guide citations --------------------------------------------------------------------------------------------------

def guide_length(guide_file: str) -> int | None:
    """How many lines a guide has, from its text in :func:`mrt.paths.guides_dir`; None when the text is not available."""
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


def guide_rules(guides: Iterable[str] | None) -> dict[str, list[Rule]]:
    """The cell rules of a guide citation: a guide file name (one sources.csv lists) and a line number."""
    rules = [Rule(f"a guide file name like {GUIDE_FILE_EXAMPLE}", is_guide_file_name)]
    if guides is not None:
        known = set(guides)
        rules.append(Rule(f"a guide listed in {paths.SOURCES.name} ({sorted(known)})",
                          lambda name: not is_guide_file_name(name) or name in known))
    line = Rule(f"a 1-based line number (1, 2, ... up to {MAX_GUIDE_LINE:,})",
                lambda text: bool(re.fullmatch(r"[0-9]{1,6}", text)) and 1 <= int(text) <= MAX_GUIDE_LINE)
    return {"guide_file": rules, "line": [line]}


def cited(frame: pd.DataFrame, path: Path) -> Callable[[int, str], str]:
    """Where a cell is, for a file whose rows cite a guide line (the guide is named except for the guide_file cell)."""
    def locate(position: int, column: str) -> str:
        if column == "guide_file":
            return where(path, position, column=column)
        return where(path, position, frame["guide_file"].iloc[position - 1], frame["line"].iloc[position - 1], column)
    return locate


def guide_location(frame: pd.DataFrame, path: Path, guides: Iterable[str] | None = None, faults: Faults | None = None,
                   failed: set[tuple[int, str]] | None = None) -> list[tuple[int, str, int]]:
    """(data row, guide, line) of every row whose citation is sound: a listed guide file, and a line inside the guide
    when its text is available. With ``faults``, the faults are added there (and ``failed`` says which cells the cell
    rules already refused); without, the citation's cell rules run here and the first fault raises."""
    own = faults is None
    faults = Faults() if own else faults
    if failed is None:
        failed = cells(frame, guide_rules(guides), faults, cited(frame, path))
    checked = []
    for position, (guide_file, line) in enumerate(zip(frame["guide_file"], frame["line"]), start=1):
        if (position, "guide_file") in failed or (position, "line") in failed or not guide_file or not line:
            continue
        length = guide_length(guide_file)
        if length is not None and int(line) > length:
            faults.append(f"{where(path, position, guide_file, line, 'line')}: expected a line of the guide (it has {length:,} "
                          f"lines in {paths.guides_dir()}), found {line!r}")
            continue
        checked.append((position, guide_file, int(line)))
    if own:
        faults.stop()
    return checked


def read_cited(path: Path, columns: list[str], not_empty: list[str], guides: Iterable[str] | None, faults: Faults,
               rules: dict[str, list[Rule]] | None = None, plain_rules: dict[str, list[Rule]] | None = None
               ) -> tuple[pd.DataFrame, set[tuple[int, str]], list[tuple[int, str, int]]]:
    """A guide transcription read and cell-checked, with the rows whose citation is sound; a fault of ``rules`` names the
    row's guide and line, one of ``plain_rules`` (or an empty required cell) only the row."""
    raw = read_raw_csv(path, columns)
    failed = cells(raw, _with_values(not_empty, plain_rules), faults, plain(path))
    failed |= cells(raw, {**guide_rules(guides), **(rules or {})}, faults, cited(raw, path))
    return raw, failed, guide_location(raw, path, guides, faults, failed)


def space_hint(text: str, known) -> str:
    """Why a value that looks right is not found: a space before or after it."""
    if text.strip() != text and text.strip() in known:
        where = "a trailing space" if text.rstrip() != text else "a leading space"
        return f" ({where}: {text.strip()!r} is known; remove the space)"
    return ""
