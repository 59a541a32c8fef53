"""`run.py check --raw DIR` names every fault of a broken folder in one run, several in one file included.

A copy of data/practice is broken in eight places across six files (three faults in guide_figures.csv, two in
bls_oews_national.csv, a missing column in a reference table, a SHA-256 in sources.csv that no longer matches its
reference file) and the check must print each one (and the SHA-256 faults the edits of two reference copies cause), on
one line naming the file, the row and the column.
"""

import csv
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from mrt import clean, paths, rawrules
from mrt.io import DataError

PRACTICE = paths.DATA / "practice"
GUIDE = "900_3c5e19ccdd9f79ed.txt"


def _check(raw: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MRT_CALLER_CWD=str(raw.parent))
    env.pop(paths.RAW_ENV, None)
    env.pop(paths.GUIDES_ENV, None)
    return subprocess.run([sys.executable, "-m", "mrt.cli", "check", "--raw", str(raw)], cwd=paths.ROOT, env=env,
                          capture_output=True, text=True)


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(StringIO(path.read_text(encoding="utf-8"))))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    out = StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8")


def _set(path: Path, row: int, column: str, value: str) -> None:
    header, rows = _rows(path)
    rows[row - 1][header.index(column)] = value
    _write(path, header, rows)


def _drop(path: Path, column: str) -> None:
    header, rows = _rows(path)
    i = header.index(column)
    _write(path, header[:i] + header[i + 1:], [r[:i] + r[i + 1:] for r in rows])


@pytest.fixture
def broken(tmp_path) -> Path:
    raw = tmp_path / "dental"
    shutil.copytree(PRACTICE, raw)
    figures, oews, ref = raw / "guide_figures.csv", raw / "reference" / "bls_oews_national.csv", raw / "reference"
    _set(figures, 3, "topic", "salary")
    _set(figures, 5, "as_printed", "$22.1.2 / hr $46,010 / yr")
    _set(figures, 6, "line", "twelve")
    _set(raw / "guide_education.csv", 1, "stance", "maybe")
    _set(oews, 1, "employment", "-51200")
    _set(oews, 2, "comparable_to_00_0001", "maybe")
    _drop(ref / "bls_ooh_key_phrases.csv", "source")
    header, rows = _rows(raw / "sources.csv")
    cpi_row = next(i for i, r in enumerate(rows, start=1) if r[header.index("path")].endswith("cpi_u_annual.csv"))
    _set(raw / "sources.csv", cpi_row, "sha256", "0" * 64)
    return raw


def test_every_fault_is_named_in_one_run_with_file_row_and_column(broken):
    done = _check(broken)
    assert done.returncode == 1, done.stdout + done.stderr
    errors = [line.removeprefix("error: ") for line in done.stdout.splitlines() if line.startswith("error: ")]
    expected = [  # (file, where, what was found and expected)
        ("guide_figures.csv", f"data row 3 (guide {GUIDE} line 7), column 'topic'", "expected one of ['education', "),
        ("guide_figures.csv", f"data row 5 (guide {GUIDE} line 9), column 'as_printed'", "expected a number such as"),
        ("guide_figures.csv", f"data row 6 (guide {GUIDE} line twelve), column 'line'",
         "expected a 1-based line number (1, 2, ... up to 100,000), found 'twelve'"),
        ("guide_education.csv", "data row 1 (guide", "column 'stance': expected one of ['alternative', "),
        ("bls_oews_national.csv", "data row 1, column 'employment'", "expected a number at least 0, found -51200"),
        ("bls_oews_national.csv", "data row 2, column 'comparable_to_00_0001'", "expected one of ['no', 'partly', 'yes'], found 'maybe'"),
        ("bls_ooh_key_phrases.csv", ": expected columns ['source']", "found ['edition', "),
        ("cpi_u_annual.csv", ": expected the SHA-256 recorded in", "found different bytes"),
        # an edited reference copy no longer has the SHA-256 sources.csv records for it: a fault of its own
        ("bls_oews_national.csv", ": expected the SHA-256 recorded in", "found different bytes"),
        ("bls_ooh_key_phrases.csv", ": expected the SHA-256 recorded in", "found different bytes"),
    ]
    for file, where, what in expected:
        assert [e for e in errors if file in e and where in e and what in e], (file, where, what, errors)
    assert len(errors) == len(expected), errors  # each fault once, nothing else
    assert "'salary'" in next(e for e in errors if "column 'topic'" in e)
    assert done.stderr.strip() == f"check: {len(expected)} problems in {broken}; fix them and check again"


def test_a_clean_practice_folder_exits_zero():
    done = _check(PRACTICE)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("can be analysed")


def test_the_main_job_stops_at_the_first_fault_of_the_first_file_with_one_line(broken):
    with pytest.raises(DataError) as error:
        clean.build_all(broken)
    message = str(error.value)
    assert "\n" not in message
    assert message.endswith(f"guide_figures.csv data row 6 (guide {GUIDE} line twelve), column 'line': expected a 1-based line "
                            "number (1, 2, ... up to 100,000), found 'twelve'")  # citations are checked first, as before
    assert len(error.value.messages) == 3  # the file's three faults, for `check` to print


def test_cells_are_checked_lazily_every_failing_cell_once():
    import pandas as pd

    frame = pd.DataFrame({"a": ["1", "x", "", "-2"], "b": ["yes", "no", "maybe", ""]})
    faults = rawrules.Faults()
    failed = rawrules.cells(frame, {"a": [rawrules.VALUE, *rawrules.number_rules(minimum=0)], "b": [rawrules.one_of(("yes", "no"))]},
                            faults, lambda position, column: f"row {position} {column}")
    assert failed == {(2, "a"), (3, "a"), (4, "a"), (3, "b")}
    assert faults == ["row 2 a: expected a number such as 34970, 34,970 or 18.13 (a comma only between groups of three digits), found 'x'",
                      "row 3 a: expected a value, found an empty cell",
                      "row 4 a: expected a number at least 0, found -2",
                      "row 3 b: expected one of ['no', 'yes'], found 'maybe'"]


def test_an_occupation_folder_s_own_guides_are_used_when_no_guide_folder_is_named(tmp_path):
    raw = tmp_path / "dental"
    (raw / "guides").mkdir(parents=True)
    code = "from mrt import paths; print(paths.guides_dir())"
    env = {k: v for k, v in os.environ.items() if k != paths.GUIDES_ENV} | {paths.RAW_ENV: str(raw)}
    ran = lambda env: subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout.strip()  # noqa: E731
    assert ran(env) == str(raw / "guides")
    assert ran(env | {paths.GUIDES_ENV: str(tmp_path)}) == str(tmp_path)  # the variable still decides
    (raw / "guides").rmdir()
    assert ran(env) == "None"
    assert ran({k: v for k, v in env.items() if k != paths.RAW_ENV}) == "None"  # the project's own data/raw: as before


@pytest.mark.parametrize(("text", "expected"), [
    ("0", None), ("-0.5", "a number at least 0"), ("1.5", "a number a whole number"),  # the wording test_clean.py pins
    ("100", None), ("100.1", "a number at most 100"),
    ("-3.5", "a number at least 0"),  # below the minimum and not whole: only the first bound it breaks is named
])
def test_each_number_is_named_for_the_first_bound_it_breaks(text, expected):
    rules = rawrules.number_rules(minimum=0, maximum=100, whole=True)
    broken = [rule.expected for rule in rules if not rule.test(text)]
    assert broken == ([expected] if expected else [])


def test_a_row_with_a_faulty_citation_still_has_its_figure_checked(tmp_path):
    raw = tmp_path / "dental"
    shutil.copytree(PRACTICE, raw)
    _set(raw / "guide_figures.csv", 2, "line", "0")
    _set(raw / "guide_figures.csv", 2, "as_printed", "$41,2OO")
    with pytest.raises(DataError) as error:
        clean.build_all(raw)
    assert [m.split("guide_figures.csv ")[1] for m in error.value.messages] == [
        f"data row 2 (guide {GUIDE} line 0), column 'line': expected a 1-based line number (1, 2, ... up to 100,000), found '0'",
        f"data row 2 (guide {GUIDE} line 0), column 'as_printed': expected a number such as 186,300 or 20.59, found '41,2'"]  # parse.py's words


from test_bad_input import FAULTS  # noqa: E402  (the bad-input suite's faults, one per case)


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_check_lists_each_bad_input_fault_and_carries_on_past_it(tmp_path, fault):
    """Checking on past a fault reads what the fault left behind: no crash, and the fault is among the lines."""
    from mrt import rawcheck

    raw = tmp_path / "raw"
    shutil.copytree(paths.DEFAULT_RAW, raw)
    fault.apply(raw)
    errors = rawcheck.errors_in(rawcheck.check_folder(raw))
    assert [e for e in errors if str(raw / fault.file) in e and fault.where in e and fault.expected in e], errors
    assert len(errors) == len(set(errors))
