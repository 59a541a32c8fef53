"""Run-level faults: each one ends in exactly one line naming what failed, a non-zero exit, and nothing
written or lost (the outputs in place are byte for byte as before, no build left behind).

The data-level faults (bad rows in the raw tables) are in the cleaning and parsing tests; these are the
faults of running the project: its notebooks, its folders, its environment variables, its environment.
Runs happen in a throwaway copy of the project (conftest.copy_project), through run.py as a user types it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from conftest import (copy_project, load_run_py, no_strays_within, output_files, project_env, run_project,
                      start_project, stub_notebooks, unexplained_lines, unwritable_folder, wait_for_line)
from mrt import paths
from mrt.staging import Staging


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def assert_fails_cleanly(root: Path, before: dict, finished, expected: str, code: int = 1):
    """Exactly one 'error:' line, equal to ``expected``; no other noise; outputs untouched; no build left."""
    assert finished.code == code, finished.stderr
    assert finished.errors == [f"error: {expected}"], finished.stderr
    assert unexplained_lines(finished) == [], finished.stderr
    assert output_files(root) == before, "the outputs in place changed"
    staging = root / ".mrt-staging"
    assert not staging.exists() or sorted(p.name for p in staging.iterdir()) == ["lock"], "a build was left behind"


# -- the notebooks of the graph ---------------------------------------------------------------------------------

def test_missing_notebook_is_named(project):
    (project / "notebooks" / "04-education.ipynb").unlink()
    before = output_files(project)
    assert_fails_cleanly(project, before, run_project(project),
                         "notebooks/04-education.ipynb: notebook not found (the graph needs it; restore it with "
                         "'git checkout -- notebooks/04-education.ipynb')")


def test_notebook_with_broken_json_is_named_with_the_place(project):
    path = project / "notebooks" / "03-projections.ipynb"
    cut = path.read_text(encoding="utf-8")[:200]  # a save cut short
    path.write_text(cut, encoding="utf-8")
    with pytest.raises(json.JSONDecodeError) as where:
        json.loads(cut)
    before = output_files(project)
    assert_fails_cleanly(project, before, run_project(project),
                         f"notebooks/03-projections.ipynb: not a readable notebook (invalid JSON at line {where.value.lineno}, "
                         f"column {where.value.colno}: {where.value.msg})")


def test_notebook_that_is_not_text_is_named(project):
    (project / "notebooks" / "02-salaries.ipynb").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    before = output_files(project)
    assert_fails_cleanly(project, before, run_project(project),
                         "notebooks/02-salaries.ipynb: not a readable notebook (not UTF-8 text: invalid start byte at byte 0)")


def test_json_that_is_not_a_notebook_is_named(project):
    (project / "notebooks" / "05-fact-check.ipynb").write_text('{"cells": "none"}\n', encoding="utf-8")
    before = output_files(project)
    assert_fails_cleanly(project, before, run_project(project),
                         "notebooks/05-fact-check.ipynb: not a readable notebook (expected nbformat 4 JSON with a list of cells)")


# -- where it reads and writes --------------------------------------------------------------------------------------

def test_unwritable_processed_folder_is_named(project, tmp_path):
    target = unwritable_folder(tmp_path) / "mrt-test" / "processed"
    before = output_files(project)
    finished = run_project(project, **{paths.PROCESSED_ENV: str(target)})
    folder = target.parent.parent
    assert_fails_cleanly(project, before, finished,
                         f"cannot write to {folder} (set by {paths.PROCESSED_ENV}): Permission denied")


def test_processed_folder_that_is_a_file_is_named(project, tmp_path):
    target = tmp_path / "processed.csv"
    target.write_text("not a folder\n")
    before = output_files(project)
    assert_fails_cleanly(project, before, run_project(project, **{paths.PROCESSED_ENV: str(target)}),
                         f"{target} (set by {paths.PROCESSED_ENV}) is a file, not a folder")
    assert target.read_text() == "not a folder\n"


def test_processed_folder_of_someones_own_files_is_refused_and_kept(project, tmp_path):
    mine = tmp_path / "mydocs"
    (mine / "sub").mkdir(parents=True)
    (mine / "thesis.txt").write_text("years of work\n")
    (mine / "sub" / "notes.md").write_text("notes\n")
    before = output_files(project)
    assert_fails_cleanly(project, before, run_project(project, **{paths.PROCESSED_ENV: str(mine)}),
                         f"{mine} (set by {paths.PROCESSED_ENV}) already holds files but no data_dictionary.csv, so it is not "
                         "a folder of processed tables: a run replaces that folder whole; point it at a new or empty folder")
    assert (mine / "thesis.txt").read_text() == "years of work\n" and (mine / "sub" / "notes.md").read_text() == "notes\n"


def test_processed_folder_set_to_the_raw_data_is_refused(project):
    raw = project / "data" / "raw"
    before, raw_before = output_files(project), {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()}
    assert_fails_cleanly(project, before, run_project(project, **{paths.PROCESSED_ENV: str(raw)}),
                         f"{raw} (set by {paths.PROCESSED_ENV}) is the raw data ({raw.resolve()}): a run replaces that folder "
                         "whole; point it at a folder of its own (for example scratch/processed)")
    assert {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()} == raw_before


def test_missing_raw_folder_is_named(project, tmp_path):
    raw = tmp_path / "no-such-raw"
    before = output_files(project)
    assert_fails_cleanly(project, before, run_project(project, **{paths.RAW_ENV: str(raw)}),
                         f"raw data folder {raw} (set by {paths.RAW_ENV}) does not exist or is not a folder")


def test_raw_folder_without_the_raw_files_is_named(project, tmp_path):
    raw = tmp_path / "raw"
    (raw / "reference").mkdir(parents=True)
    (raw / "guide_figures.csv").write_text("x\n")
    before = output_files(project)
    assert_fails_cleanly(project, before, run_project(project, **{paths.RAW_ENV: str(raw)}),
                         f"raw data folder {raw} (set by {paths.RAW_ENV}) lacks {len(paths.RAW_FILES) - 1} of the {len(paths.RAW_FILES)} "
                         "raw files (guide_line_exclusions.csv, guide_education.csv, guide_claims.csv, ...): is it a copy of data/raw?")


def test_raw_folder_missing_one_file_names_it(project, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(paths.DEFAULT_RAW, raw)
    (raw / "reference" / "cpi_u_annual.csv").unlink()
    before = output_files(project)
    assert_fails_cleanly(project, before, run_project(project, **{paths.RAW_ENV: str(raw)}),
                         f"raw data folder {raw} (set by {paths.RAW_ENV}) lacks reference/cpi_u_annual.csv")


def test_where_line_plain_and_redirected(project, tmp_path, monkeypatch):
    from mrt.pipeline import Plan, where_line

    plan = Plan(raw=paths.DEFAULT_RAW, processed=paths.DATA / "processed", notebooks=paths.NOTEBOOKS,
                site=paths.ROOT / "site", readme=paths.ROOT / "README.md", redirected=())
    assert where_line(plan) == ("reads data/raw; writes data/processed, notebooks/, site/, README.md "
                                "(built in .mrt-staging/, moved into place only when all of it is done)")
    moved = Plan(raw=tmp_path / "raw", processed=tmp_path / "p", notebooks=paths.NOTEBOOKS, site=paths.ROOT / "site",
                 readme=paths.ROOT / "README.md", redirected=(paths.RAW_ENV, paths.PROCESSED_ENV))
    assert where_line(moved) == (
        f"WARNING: redirected by MRT_RAW_DIR and MRT_PROCESSED_DIR: reads {tmp_path / 'raw'} (set by MRT_RAW_DIR, not "
        f"data/raw); writes {tmp_path / 'p'} (set by MRT_PROCESSED_DIR, not data/processed), notebooks/, site/, README.md "
        "(built in .mrt-staging/, moved into place only when all of it is done)")


# -- the run itself (stand-in notebooks: seconds per run) -------------------------------------------------------------

@pytest.fixture
def stub_project(project):  # tests using it execute (stand-in) notebooks: marked slow
    stub_notebooks(project)
    return project


def put_cell(root: Path, notebook: str, source: str) -> int:
    """Append a code cell to one stand-in notebook; return its 1-based position (as the error names it)."""
    import nbformat

    path = root / "notebooks" / notebook
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(source))
    nbformat.write(nb, path)
    return len(nb.cells)


@pytest.mark.slow
def test_failing_cell_is_one_line_naming_notebook_cell_and_error(stub_project):
    cell = put_cell(stub_project, "03-projections.ipynb", "import pandas as pd\npd.DataFrame()['nope']")
    before = output_files(stub_project)
    finished = run_project(stub_project)
    assert_fails_cleanly(stub_project, before, finished, f"03-projections.ipynb, cell {cell}: KeyError: 'nope'")
    assert "Traceback" not in finished.stderr
    assert finished.lines[0] == ("reads data/raw; writes data/processed, notebooks/, site/, README.md "
                                 "(built in .mrt-staging/, moved into place only when all of it is done)")


@pytest.mark.slow
def test_verbose_adds_the_traceback_to_the_one_error_line(stub_project):
    cell = put_cell(stub_project, "03-projections.ipynb", "def broken():\n    return 1 / 0\nbroken()")
    finished = run_project(stub_project, "--verbose")
    assert finished.code == 1
    assert finished.errors == [f"error: 03-projections.ipynb, cell {cell}: ZeroDivisionError: division by zero"]
    assert "Traceback" in finished.stderr and "broken()" in finished.stderr


@pytest.mark.slow
def test_multi_line_error_message_stays_on_one_line(stub_project):
    cell = put_cell(stub_project, "02-salaries.ipynb", "raise ValueError('first line\\nsecond line\\nthird line')")
    finished = run_project(stub_project)
    assert finished.errors == [f"error: 02-salaries.ipynb, cell {cell}: ValueError: first line [...]"], finished.stderr


@pytest.mark.slow
def test_kernel_that_dies_is_named(stub_project):
    cell = put_cell(stub_project, "04-education.ipynb", "import os\nos._exit(3)")
    before = output_files(stub_project)
    assert_fails_cleanly(stub_project, before, run_project(stub_project),
                         f"04-education.ipynb, cell {cell}: the kernel died (out of memory, or killed?)")


@pytest.mark.slow
def test_notebook_saved_during_the_run_is_not_overwritten(stub_project):
    """Someone saves a notebook in JupyterLab while the job runs: the job replaces nothing, so the edit is kept."""
    put_cell(stub_project, "02-salaries.ipynb",
             "import os, time\nfrom mrt import paths\ntime.sleep(0.05)\nos.utime(paths.NOTEBOOKS / '05-fact-check.ipynb')")
    before = output_files(stub_project)
    assert_fails_cleanly(stub_project, before, run_project(stub_project),
                         "notebooks/05-fact-check.ipynb changed while the job ran (saved from JupyterLab?); nothing was "
                         "replaced, so that change is kept: run again to include it")


def test_second_run_in_the_same_checkout_is_refused(project):
    staging = Staging(project)
    staging.acquire()
    try:
        before = output_files(project)
        finished = run_project(project)
    finally:
        staging.release()
    assert_fails_cleanly(project, before, finished,
                         f"another run of the main job is working in this checkout (process {os.getpid()}); wait for it "
                         "to finish or stop it, then run again")


@pytest.mark.slow
def test_sigterm_during_setup_cells_stops_the_kernels(stub_project):
    put_cell(stub_project, "01-clean.ipynb", "import time\nprint('working', flush=True)\ntime.sleep(600)")
    env = project_env(stub_project)
    process = start_project(stub_project, env=env)
    wait_for_line(process, "waits for 01-clean.ipynb")
    time.sleep(1)
    before = output_files(stub_project)
    process.send_signal(signal.SIGTERM)
    stderr = process.communicate(timeout=60)[1]
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert [l for l in stderr.splitlines() if l.startswith("error:")] == [
        "error: interrupted by SIGTERM; nothing was replaced: data/processed/, notebooks/, README.md, site/ are as before"]
    assert no_strays_within(env["MRT_TEST_RUN_ID"], seconds=2) == []
    assert output_files(stub_project) == before


@pytest.mark.slow
def test_redirected_output_is_said_loudly_and_written_there_whole(stub_project, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "processed"
    committed = {k: v for k, v in output_files(stub_project).items() if k.startswith("data/processed/")}
    finished = run_project(stub_project, **{paths.PROCESSED_ENV: str(elsewhere)})
    assert finished.code == 0, finished.stderr
    assert finished.lines[0].startswith(f"WARNING: redirected by MRT_PROCESSED_DIR: reads data/raw; writes {elsewhere} "
                                        "(set by MRT_PROCESSED_DIR, not data/processed)"), finished.stderr
    written = {p.relative_to(elsewhere).as_posix(): p.read_bytes() for p in elsewhere.rglob("*") if p.is_file()}
    assert written == {k.removeprefix("data/processed/"): v for k, v in committed.items()}
    assert {k: v for k, v in output_files(stub_project).items() if k.startswith("data/processed/")} == committed


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/shm").is_dir() or os.stat("/dev/shm").st_dev == os.stat(paths.ROOT).st_dev,
                    reason="needs a second file system (/dev/shm)")
def test_output_on_another_file_system_is_staged_beside_it(stub_project, tmp_path):
    import tempfile

    with tempfile.TemporaryDirectory(dir="/dev/shm") as other:
        elsewhere = Path(other) / "processed"
        finished = run_project(stub_project, **{paths.PROCESSED_ENV: str(elsewhere)})
        assert finished.code == 0, finished.stderr
        assert (elsewhere / "figures.csv").is_file()
        assert sorted(p.name for p in Path(other).iterdir()) == ["processed"], "staging beside it is cleared"


@pytest.mark.slow
def test_unusable_home_changes_nothing_and_says_nothing(stub_project, tmp_path):
    """HOME that cannot hold matplotlib's or IPython's folders: no warning on the terminal, and the same outputs."""
    first = run_project(stub_project)
    assert first.code == 0, first.stderr
    before = output_files(stub_project)
    home = tmp_path / "home-is-a-file"
    home.write_text("")
    again = run_project(stub_project, HOME=str(home))
    assert again.code == 0, again.stderr
    assert unexplained_lines(again) == [], again.stderr
    assert output_files(stub_project) == before


# -- the journal ------------------------------------------------------------------------------------------------

def test_unreadable_journal_stops_the_run_with_advice(project):
    staging = project / ".mrt-staging"
    staging.mkdir()
    (staging / "journal.json").write_text("{not json")
    before = output_files(project)
    finished = run_project(project)
    assert finished.code == 1
    assert finished.errors == [
        "error: .mrt-staging/journal.json is unreadable (Expecting property name enclosed in double quotes: line 1 column 2 "
        "(char 1)); the outputs may be a mix of two runs: check them with 'git status', then remove .mrt-staging/ and "
        "run again"], finished.stderr
    assert output_files(project) == before
    assert (staging / "journal.json").read_text() == "{not json", "the evidence is kept"


# -- the environment (run.py, unit level) ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def run_py():
    return load_run_py()


def fake_venv(root: Path, run_py, python_script: str | None, stamp: bool = True) -> Path:
    venv = root / ".venv"
    python = run_py.python_of(venv)
    python.parent.mkdir(parents=True)
    if python_script is not None:
        python.write_text(python_script)
        python.chmod(0o755)
    if stamp:
        (venv / run_py.STAMP_NAME).write_text(json.dumps({"groups": {}}))
    return venv


def probe_script(pip: bool, mrt_origin: str | None) -> str:
    """A stand-in python that answers run.py's probe as an environment with or without pip and the project would."""
    return f"#!/bin/sh\necho {'pip' if pip else '-'}\necho '{mrt_origin or '-'}'\n"


@pytest.mark.skipif(os.name != "posix", reason="stand-in interpreters are shell scripts")
class TestBrokenEnvironment:
    def test_sound_environment_has_no_problem(self, tmp_path, run_py):
        venv = fake_venv(tmp_path, run_py, probe_script(True, str(tmp_path / "src" / "mrt" / "__init__.py")))
        assert run_py.environment_problem(venv, tmp_path) is None

    def test_no_python(self, tmp_path, run_py):
        venv = fake_venv(tmp_path, run_py, None)
        assert run_py.environment_problem(venv, tmp_path) == "it has no Python"

    def test_interrupted_first_setup_leaves_no_stamp(self, tmp_path, run_py):
        venv = fake_venv(tmp_path, run_py, probe_script(True, str(tmp_path / "src" / "mrt" / "__init__.py")), stamp=False)
        assert run_py.environment_problem(venv, tmp_path) == "its last set-up did not finish"

    def test_no_pip(self, tmp_path, run_py):
        venv = fake_venv(tmp_path, run_py, probe_script(False, str(tmp_path / "src" / "mrt" / "__init__.py")))
        assert run_py.environment_problem(venv, tmp_path) == "pip is missing from it"

    def test_project_not_installed(self, tmp_path, run_py):
        venv = fake_venv(tmp_path, run_py, probe_script(True, None))
        assert run_py.environment_problem(venv, tmp_path) == "the project (package mrt) is not installed in it"

    def test_project_from_another_checkout(self, tmp_path, run_py):
        venv = fake_venv(tmp_path, run_py, probe_script(True, "/elsewhere/src/mrt/__init__.py"))
        assert run_py.environment_problem(venv, tmp_path) == "it runs the project from /elsewhere/src/mrt, not from this checkout"

    def test_python_that_does_not_start(self, tmp_path, run_py):
        venv = fake_venv(tmp_path, run_py, "#!/bin/sh\nexit 127\n")
        assert run_py.environment_problem(venv, tmp_path) == "its Python does not start (exit 127)"

    def test_python_whose_interpreter_is_gone(self, tmp_path, run_py):
        venv = fake_venv(tmp_path, run_py, "#!/no/such/interpreter\n")
        assert run_py.environment_problem(venv, tmp_path).startswith("its Python does not start (")

    @pytest.mark.slow  # asks the real .venv; under mutmut the project runs from a copy the .venv does not know
    def test_real_environment_is_sound(self, run_py):
        assert run_py.environment_problem(Path(sys.prefix), paths.ROOT) is None

    def test_stamp_of_an_older_run_py_reads_as_nothing_installed(self, tmp_path, run_py):
        (tmp_path / run_py.STAMP_NAME).write_text("3e1efe1b9d4e")
        assert run_py.read_stamp(tmp_path) == {}


def test_unknown_installer_is_refused(monkeypatch, run_py, tmp_path):
    monkeypatch.setenv(run_py.INSTALLER_ENV, "conda")
    with pytest.raises(run_py.SetupError, match=r"MRT_INSTALLER='conda': expected 'uv' or 'pip'"):
        run_py.choose_installer(tmp_path)


def test_uv_failure_falls_back_to_pip_and_says_so(monkeypatch, run_py, tmp_path, capsys):
    calls = []

    def fake_run(args, what, env=None):
        calls.append(what)
        if "with uv" in what:
            raise run_py.SetupError(f"{what} failed (exit 2): No solution found")

    monkeypatch.setattr(run_py, "_run", fake_run)
    assert run_py.install("uv", tmp_path, ["-r", "requirements.txt"], "installing requirements.txt") == "pip"
    assert calls == ["installing requirements.txt with uv", "installing requirements.txt with pip"]
    assert capsys.readouterr().err == ("installing requirements.txt with uv failed (exit 2): No solution found; trying pip\n")


def test_setup_failure_is_one_line_naming_the_step(monkeypatch, run_py, tmp_path):
    monkeypatch.setattr(run_py, "ROOT", tmp_path)
    with pytest.raises(run_py.SetupError) as raised:
        run_py._run([sys.executable, "-c", "import sys; print('noise'); sys.exit('ERROR: No matching distribution found for nothing==9')"],
                    "installing requirements.txt with pip")
    assert str(raised.value) == ("installing requirements.txt with pip failed (exit 1): "
                                 "ERROR: No matching distribution found for nothing==9")


def test_unknown_command_is_one_line_and_exit_2(project):
    finished = run_project(project, "frobnicate")
    assert finished.code == 2
    assert finished.errors == ["error: unknown command 'frobnicate'"]
