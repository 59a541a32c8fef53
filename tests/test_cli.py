"""The command line: one line per failure, JupyterLab kept away from data/processed, mutation shares per module."""

from __future__ import annotations

import json
import sys

import pytest

from mrt import paths
from mrt.cli import _report_failure, lab_environment, main, mutation_shares
from mrt.executor import Interrupted, NotebookFailed


def test_lab_writes_to_a_seeded_scratch_copy_never_data_processed(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.SCRATCH_ENV, str(tmp_path / "scratch"))
    env, line = lab_environment(base={"JUPYTER_PATH": "/someone/elses"})
    processed = tmp_path / "scratch" / "processed"
    assert env[paths.PROCESSED_ENV] == str(processed)
    committed = sorted(p.relative_to(paths.DATA / "processed") for p in (paths.DATA / "processed").rglob("*"))
    assert sorted(p.relative_to(processed) for p in processed.rglob("*")) == committed
    assert "never to data/processed/" in line and "a fresh copy of data/processed" in line
    first = env["JUPYTER_PATH"].split(":")[0]
    spec = json.loads((tmp_path / "scratch" / "jupyter" / "kernels" / "python3" / "kernel.json").read_text())
    assert first == str(tmp_path / "scratch" / "jupyter") and spec["argv"][0] == sys.executable
    assert env["JUPYTER_PATH"].endswith(":/someone/elses")


def test_lab_keeps_an_existing_scratch_copy(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.SCRATCH_ENV, str(tmp_path / "scratch"))
    mine = tmp_path / "scratch" / "processed" / "my_table.csv"
    mine.parent.mkdir(parents=True)
    mine.write_text("kept\n")
    env, line = lab_environment(base={})
    assert mine.read_text() == "kept\n" and not (mine.parent / "figures.csv").exists()
    assert "kept from earlier sessions" in line


RESULTS = """\
    mrt.parse.x_parse_money__mutmut_1: killed
    mrt.parse.x_parse_money__mutmut_2: survived
    mrt.parse.xǁParserǁread__mutmut_1: timeout
    mrt.parse.x_parse_money__mutmut_3: skipped
    mrt.wages.x_real__mutmut_1: no tests
    mrt.wages.x_real__mutmut_2: killed
    mrt.wages.x_real__mutmut_3: not checked
some line that is not a mutant
"""


def test_mutation_shares_per_module():
    # parse: killed 1 + timeout 1 of 3 tested (the skipped one is not counted);
    # wages: 1 killed of 2 tested ('no tests' counts as not killed, 'not checked' is not counted)
    assert mutation_shares(RESULTS) == {"mrt.parse": (2, 3), "mrt.wages": (1, 2)}


def test_failure_report_is_one_line(capsys):
    assert _report_failure(NotebookFailed("02-salaries.ipynb, cell 4: KeyError: 'x'", details="Traceback ..."), verbose=False) == 1
    assert capsys.readouterr().err == "error: 02-salaries.ipynb, cell 4: KeyError: 'x'\n"
    assert _report_failure(ValueError("bad\nthing"), verbose=False) == 1
    assert capsys.readouterr().err == "error: ValueError: bad thing (rerun with --verbose for the traceback)\n"
    assert _report_failure(Interrupted(15, "nothing was replaced"), verbose=False) == 143
    assert capsys.readouterr().err == "error: interrupted by SIGTERM; nothing was replaced\n"
    assert _report_failure(KeyboardInterrupt(), verbose=False) == 130


def test_verbose_report_adds_the_traceback(capsys):
    try:
        raise ValueError("bad")
    except ValueError as error:
        assert _report_failure(error, verbose=True) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and err.splitlines()[-1] == "error: ValueError: bad"


def test_unknown_subcommand_exits_2():
    with pytest.raises(SystemExit) as raised:
        main(["frobnicate"])
    assert raised.value.code == 2
