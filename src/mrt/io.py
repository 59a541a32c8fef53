"""Reading raw tables with clear errors; writing outputs whole, then moving them into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mrt.paths import relative

if TYPE_CHECKING:  # pandas is imported where it is used, so the main job's launcher starts fast
    import pandas as pd


class DataError(ValueError):
    """Bad input: the message names the file, the row and what was expected."""


def where(path: Path, row_number: int, guide_file: str | None = None, line: object = None) -> str:
    """Human-readable location of one data row, e.g.
    ``data/raw/guide_figures.csv data row 5 (guide 001_….txt line 30)``."""
    text = f"{relative(path)} data row {row_number}"
    if guide_file:
        text += f" (guide {guide_file} line {line})"
    return text


def read_raw_csv(path: Path, required: list[str], not_empty: list[str] | None = None) -> pd.DataFrame:
    """Read a raw CSV as text, checking its columns and required cells.

    Every cell is read as a string (empty cells as ""), so nothing is guessed;
    the cleaning code converts types itself and can say which row was bad.
    """
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise DataError(f"{relative(path)}: file not found")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataError(f"{relative(path)}: expected columns {missing}, found {list(frame.columns)}")
    for position, row in enumerate(frame.itertuples(index=False), start=1):
        for column in not_empty or []:
            if not getattr(row, column).strip():
                raise DataError(f"{where(path, position)}: expected a value in column '{column}', found an empty cell")
    return frame


def to_number(text: str, path: Path, row_number: int, column: str) -> float | None:
    """A raw cell as a float; empty means missing (None), never zero."""
    text = text.strip()
    if not text:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise DataError(f"{where(path, row_number)}: expected a number in column '{column}', found {text!r}") from None


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
