"""Reading raw tables with clear errors; writing outputs whole, then moving them into place."""

from __future__ import annotations

import codecs
import csv
import os
import re
import tempfile
import unicodedata
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

from mrt.paths import relative

if TYPE_CHECKING:  # pandas is imported where it is used, so the main job's launcher starts fast
    import pandas as pd


class DataError(ValueError):
    """Bad input: the message names the file, the row and what was expected."""


def where(path: Path, row_number: int, guide_file: str | None = None, line: object = None, column: str | None = None) -> str:
    """Human-readable location of one data row, e.g.
    ``data/raw/guide_figures.csv data row 5 (guide 001_….txt line 30), column 'as_printed'``.
    Data rows are counted from 1 after the header row, as a spreadsheet shows them below the header."""
    text = f"{relative(path)} data row {row_number}"
    if guide_file:
        text += f" (guide {guide_file} line {line})"
    if column:
        text += f", column '{column}'"
    return text


def _decode(path: Path) -> str:
    """The file as UTF-8 text; a byte-order mark or another encoding is an error naming the file line."""
    data = path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        raise DataError(f"{relative(path)}: expected UTF-8 text without a byte-order mark (BOM), found one at the start "
                        "(save the file as plain UTF-8)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        file_line = data[:error.start].count(b"\n") + 1
        raise DataError(f"{relative(path)} file line {file_line}: expected UTF-8 text, found the byte 0x{data[error.start]:02x} "
                        "(was the file saved as Latin-1 or Windows-1252?)") from None


def read_raw_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and data rows of a raw CSV, every cell as text exactly as written.

    Blank lines are skipped; a row with more or fewer cells than the header, a header
    naming a column twice, and broken quoting are errors naming the file and the row.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{relative(path)}: expected the file, found none (file not found)")
    reader = csv.reader(StringIO(_decode(path), newline=""), strict=True)
    try:
        records = [(reader.line_num, row) for row in reader if row]
    except csv.Error as error:
        raise DataError(f"{relative(path)} file line {reader.line_num}: expected well-formed CSV, found {error}") from None
    if not records:
        raise DataError(f"{relative(path)}: expected a header row, found an empty file")
    (_, header), rows = records[0], records[1:]
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:
        raise DataError(f"{relative(path)}: expected each column once in the header, found {twice} more than once")
    for position, (file_line, row) in enumerate(rows, start=1):
        if len(row) != len(header):
            raise DataError(f"{where(path, position)} (file line {file_line}): expected {len(header)} cells as in the header, "
                            f"found {len(row)} (a comma inside a cell needs the cell in double quotes)")
    for name in header:
        problem = unsafe_text(name)
        if problem:
            raise DataError(f"{relative(path)} header: expected plain text on one line, found {problem} in column name {name!r}")
    for position, (file_line, row) in enumerate(rows, start=1):
        for name, cell in zip(header, row):
            problem = unsafe_text(cell)
            if problem:
                raise DataError(f"{where(path, position, column=name)} (file line {file_line}): expected plain text on one "
                                f"line, found {problem}")
    return header, [row for _, row in rows]


_COMMENT_MARKERS = ("<!--", "-->")


def unsafe_text(text: str) -> str | None:
    """What makes a text from data unsafe to place in a page or the README, or None: a control character (a NUL,
    a tab, a line break of any kind) or an HTML comment marker (which could end a generated block of the README)."""
    for character in text:
        if unicodedata.category(character) == "Cc" or character in "\u2028\u2029\x85":
            name = {"\n": "a line break", "\r": "a carriage return", "\t": "a tab", "\x00": "a NUL byte"}.get(character)
            return name or f"the control character U+{ord(character):04X}"
    for marker in _COMMENT_MARKERS:
        if marker in text:
            return f"the comment marker {marker!r}"
    return None


def read_raw_csv(path: Path, required: list[str], not_empty: list[str] | None = None) -> pd.DataFrame:
    """Read a raw CSV as text, checking its columns and required cells.

    Every cell is read as a string (empty cells as ""), so nothing is guessed;
    the cleaning code converts types itself and can say which row was bad.
    """
    import pandas as pd  # deferred: pandas loads only when a table is read (light commands stay light)

    header, rows = read_raw_rows(path)
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError(f"{relative(path)}: expected columns {missing}, found {header}")
    frame = pd.DataFrame(rows, columns=header, dtype=object).astype(str) if rows else pd.DataFrame(columns=header, dtype=str)
    for position, row in enumerate(rows, start=1):
        for column in not_empty or []:
            if not row[header.index(column)].strip():
                raise DataError(f"{where(path, position, column=column)}: expected a value, found an empty cell")
    return frame


_RAW_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def to_number(text: str, path: Path, row_number: int, column: str) -> float | None:
    """A raw cell as a float; empty means missing (None), never zero.

    Only plain decimal numbers are read: a comma must separate groups of three digits
    (``37,71`` is refused, not read as 3771), and ``nan``, ``inf`` and ``1e5`` are refused."""
    text = text.strip()
    if not text:
        return None
    if not _RAW_NUMBER.fullmatch(text):
        raise DataError(f"{where(path, row_number, column=column)}: expected a number such as 34970, 34,970 or 18.13 "
                        f"(a comma only between groups of three digits), found {text!r}")
    return float(text.replace(",", ""))


def _atomic_write(path: Path, write) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temp_name, 0o666 & ~umask)  # mkstemp makes 0600 files; give outputs ordinary permissions
    try:
        write(Path(temp_name))
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write a table whole to a temporary file, then move it into place."""
    return _atomic_write(path, lambda temp: frame.to_csv(temp, index=False, lineterminator="\n", encoding="utf-8"))


def write_bytes(data: bytes, path: Path) -> Path:
    """Write bytes whole to a temporary file, then move them into place."""
    return _atomic_write(path, lambda temp: temp.write_bytes(data))


def write_text(text: str, path: Path) -> Path:
    return write_bytes(text.encode("utf-8"), path)
