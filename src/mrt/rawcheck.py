"""Check a whole raw folder before any notebook runs: ``python3 run.py check --raw DIR``.

Every raw file is checked, even when another fails, and every problem is printed at once, one line each, naming the
file, the data row, the column, what was found and what was expected (the raw layer's schema, see
:mod:`mrt.rawschema`). Within a file every cell and every row rule is checked, so a file with several faults lists them
all; only a missing column stops that file at once. A file the others need (``occupation.toml``, ``sources.csv``, ``guide_figures.csv``) that fails
leaves the files that need it unchecked, and the report says so in a note. Then every table that could be built is
checked against the data dictionary, all of its rows at once. Data that is partial in a way the notebooks can do without
(a year without a survey or without some figures, no published quartiles) is a note, not an error.

The exit code is 0 when the folder can be analysed and 1 when it cannot. Guide line numbers are checked against the guide
texts in the folder's own ``guides/`` when ``MRT_GUIDES_DIR`` is unset (:func:`mrt.paths.guides_dir`).

Run as ``python -m mrt.rawcheck DIR`` with ``MRT_RAW_DIR`` set to the same folder (``run.py check`` does both), so
that the occupation's own ``occupation.toml`` decides its settings and names.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mrt import clean, occupation, paths, schema, words


def schema_problems(name: str, table, errors) -> list[str]:
    """One line per failing cell of a processed table, with the source key of its row (the raw file and row)."""
    lines = []
    cases = errors.failure_cases
    for case in cases.itertuples(index=False):
        row = getattr(case, "index", None)
        key = ""
        if row is not None and row == row and "source_key" in table.columns and 0 <= int(row) < len(table):
            key = f" (row from {table['source_key'].iloc[int(row)]})"
        column = getattr(case, "column", None) or "the table"
        lines.append(f"{name}{key}, column {column!r}: found {case.failure_case!r}, expected {case.check}")
    return lines or [f"{name}: {errors}"]


def check_folder(raw_dir: Path) -> list[str]:
    """Every problem of a raw folder, one line each; notes start with ``note:``. Empty: the folder can be analysed."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        return [f"{raw_dir}: expected a raw data folder (laid out like data/raw), found no folder"]

    try:  # the data dictionary reads the occupation's settings and dollar year: without them nothing else can be checked
        occupation.read(raw_dir / paths.OCCUPATION.name)
    except occupation.ConfigError as error:
        return [str(error), "note: nothing else checked: every table needs occupation.toml"]
    import pandera.errors  # deferred: pandera loads only when tables are checked

    problems = clean.Problems()
    tables = clean.build_all(raw_dir, problems)
    for name, table in tables.items():
        try:
            schema.validate(table.reset_index(drop=True), name)
        except pandera.errors.SchemaErrors as errors:
            problems.extend(schema_problems(name, table.reset_index(drop=True), errors))
    if "bls_wages.csv" in tables:  # partial data the pay notebook can do without: notes, not errors

        problems.extend(f"note: {name}: {note}" for name, note in words.wage_table_notes(tables["bls_wages.csv"]))
    if {"figures.csv", "bls_projections.csv", "guide_claims.csv", "bls_ooh_growth_wording.csv"} <= set(tables):  # the outlook page's
        problems.extend(f"note: {name}: {note}" for name, note in words.projection_table_notes(tables))
    return list(problems)


def errors_in(problems: list[str]) -> list[str]:
    return [p for p in problems if not p.startswith("note:")]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m mrt.rawcheck RAW_DIR", file=sys.stderr)
        return 2
    raw_dir = Path(args[0])
    problems = check_folder(raw_dir)
    for line in problems:
        print(line if line.startswith("note:") else f"error: {line}")
    errors = errors_in(problems)
    if errors:
        print(f"check: {len(errors)} problem{'s' * (len(errors) != 1)} in {raw_dir}; fix them and check again", file=sys.stderr)
        return 1
    print(f"check: {raw_dir} can be analysed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
