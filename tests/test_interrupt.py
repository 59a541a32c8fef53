"""Whole or nothing: the main job killed at several points leaves the previous complete set, and a rerun succeeds.

Each run is `python run.py` in a throwaway copy of the project (conftest.copy_project), stopped with
SIGTERM or SIGKILL at a named point (MRT_FAULT_AT: the test-only plugin tests/faults/sitecustomize.py, on PYTHONPATH):

- ``01-clean.ipynb written``: during notebook execution (the other kernels are running);
- ``site``: every notebook has run, the site is about to be built;
- ``ready``: the new set is complete, just before the swap;
- ``swap``: the journal is written, nothing moved yet; ``swap 3``: three outputs moved, the rest not;
- ``swapped``: everything moved, old set not yet removed.

Points up to ``ready`` are paused there and the signal comes from outside; inside the swap SIGINT and
SIGTERM are held back, so those points make the process signal itself (SIGKILL cannot be held back).
Most cases use stand-in notebooks (seconds per run); one uses the real notebooks.
"""

from __future__ import annotations

import signal
import sys

import pytest

from conftest import (FAULT_ENV, SIGNALS, copy_project, mark_previous_set, no_strays_within, output_files, project_env,
                      run_project, start_project, stub_notebooks, unexplained_lines, wait_for_line)
from mrt.staging import Staging

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform != "linux", reason="signals and /proc: Linux")]


@pytest.fixture(scope="module")
def stub_project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("interrupt") / "project")
    stub_notebooks(root)
    mark_previous_set(root)
    return root, output_files(root)


def leftovers(root):
    staging = root / ".mrt-staging"
    return sorted(p.name for p in staging.iterdir() if p.name != "lock") if staging.is_dir() else []


def interrupt(root, point: str, signame: str, how: str):
    """Run the main job in ``root`` and stop it at ``point``; return (exit code, stderr, run id)."""
    env = project_env(root, **{FAULT_ENV: f"{point}:{'pause' if how == 'external' else signame.lower()}"})
    process = start_project(root, env=env)
    try:
        if how == "external":
            seen = wait_for_line(process, f"paused at {point}")
            process.send_signal(SIGNALS[signame])
            rest = process.stderr.read()
            process.wait(timeout=120)
            stderr = seen + rest
        else:
            stderr = process.communicate(timeout=300)[1]
    finally:
        if process.poll() is None:
            process.kill()
    return process.returncode, stderr, env["MRT_TEST_RUN_ID"]


BEFORE_THE_SWAP = [
    ("01-clean.ipynb written", "SIGTERM", "external"),
    ("01-clean.ipynb written", "SIGKILL", "external"),
    ("site", "SIGTERM", "external"),
    ("site", "SIGKILL", "external"),
    ("ready", "SIGTERM", "external"),
    ("ready", "SIGKILL", "external"),
    ("swap", "SIGKILL", "self"),
    ("swap 3", "SIGKILL", "self"),
]


@pytest.mark.parametrize("point, signame, how", BEFORE_THE_SWAP, ids=[f"{p}-{s}" for p, s, _ in BEFORE_THE_SWAP])
def test_interrupted_run_leaves_the_previous_set(stub_project, point, signame, how):
    root, previous = stub_project
    code, stderr, run_id = interrupt(root, point, signame, how)
    assert no_strays_within(run_id) == [], "processes of the interrupted run are still alive"
    if signame == "SIGTERM":
        assert code == 128 + signal.SIGTERM, stderr
        errors = [line for line in stderr.splitlines() if line.startswith("error:")]
        assert errors == ["error: interrupted by SIGTERM; nothing was replaced: data/processed/, notebooks/, README.md, "
                          "site/ are as before"], stderr
        assert "Traceback" not in stderr and "Exception" not in stderr, stderr
        assert leftovers(root) == [], "a SIGTERM-ed run clears its own build"
    else:
        assert code == -signal.SIGKILL
        note = Staging(root).recover()  # what the next run does first
        if point.startswith("swap"):
            assert note.startswith("an earlier run was stopped while moving its outputs into place: put the previous ones back")
        else:
            assert note.startswith("an earlier run was stopped before its outputs were complete: removed its unfinished build")
        assert leftovers(root) == []
    assert output_files(root) == previous, "the previous set is not intact"


def test_rerun_after_an_interruption_clears_up_and_succeeds(stub_project):
    root, previous = stub_project
    code, _, _ = interrupt(root, "site", "SIGKILL", "external")  # leaves an unfinished build behind
    assert code == -signal.SIGKILL and leftovers(root) == ["build"]
    finished = run_project(root)
    assert finished.code == 0, finished.stderr
    assert finished.lines[0].startswith("an earlier run was stopped before its outputs were complete: removed its "
                                        "unfinished build (.mrt-staging/build)"), finished.stderr
    assert unexplained_lines(finished) == [], finished.stderr
    assert leftovers(root) == []
    assert_new_complete_set(root, previous)


def assert_new_complete_set(root, previous):
    now = output_files(root)
    assert not [name for name in now if name.endswith("previous-set.txt")], "a file of the previous set survived"
    assert sorted(n for n in now if n.startswith("data/processed/")) == sorted(
        n for n in previous if n.startswith("data/processed/") and not n.endswith("previous-set.txt"))
    for name in (n for n in now if n.startswith("notebooks/")):
        assert now[name] != previous[name], f"{name} is not the newly executed notebook"
    assert b"01-clean" in now["site/index.html"] and now["README.md"] != previous["README.md"]


@pytest.mark.parametrize("point, signame", [("swapped", "SIGKILL"), ("swap 2", "SIGTERM")])
def test_interrupted_after_the_new_set_is_complete_keeps_the_new_set(tmp_path, point, signame):
    root = copy_project(tmp_path / "project")
    stub_notebooks(root)
    mark_previous_set(root)
    previous = output_files(root)
    code, stderr, run_id = interrupt(root, point, signame, "self")
    assert no_strays_within(run_id) == []
    if signame == "SIGTERM":  # held back during the swap, delivered once the new set is in place
        assert code == 128 + signal.SIGTERM
        assert [l for l in stderr.splitlines() if l.startswith("error:")] == [
            "error: interrupted by SIGTERM; the new outputs were already in place"], stderr
    else:
        assert code == -signal.SIGKILL
        assert Staging(root).recover().startswith("an earlier run was stopped while clearing up after its outputs were in place")
    assert leftovers(root) == []
    assert_new_complete_set(root, previous)


def test_sigterm_during_the_real_notebooks_stops_every_kernel(tmp_path):
    """The real graph (five kernels running at once), stopped by SIGTERM sent to run.py: every kernel
    stops, one line says why, and nothing in place changed."""
    root = copy_project(tmp_path / "project")
    before = output_files(root)
    code, stderr, run_id = interrupt(root, "01-clean.ipynb written", "SIGTERM", "external")
    assert code == 128 + signal.SIGTERM, stderr
    assert stray_free(run_id)
    assert [l for l in stderr.splitlines() if l.startswith("error:")] == [
        "error: interrupted by SIGTERM; nothing was replaced: data/processed/, notebooks/, README.md, site/ are as before"]
    assert "Traceback" not in stderr and "Task was destroyed" not in stderr and "Exception ignored" not in stderr, stderr
    assert output_files(root) == before
    assert leftovers(root) == []


def stray_free(run_id):
    strays = no_strays_within(run_id, seconds=2)  # stopped by the job itself, not by their parent-death watch
    assert strays == [], strays
    return True
