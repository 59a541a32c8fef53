"""Issue 18, "nothing lost, nothing injected": each case of the second hostile probe, as a test.

Data loss: a rerun never replaces a folder it did not write, the staging journal survives a moved
checkout, and files the run does not write are set aside, never deleted. Silently wrong: reruns of one
name never share a folder, every command recovers an interrupted swap first, a symlinked
data/processed is refused up front.
"""

from __future__ import annotations

import json
import re
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from mrt import paths, pipeline, preflight, rerun
from mrt.rerun import RunNameError
from mrt.staging import Staging, StagingError


def fake_execute(folder, parameters):
    """Stands in for the notebook: writes the executed notebook into the run's folder."""
    (folder / rerun.NOTEBOOK).write_text(f"executed with {parameters}")


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A stand-in checkout (raw data, code, tests) that paths.ROOT points at: a rerun that went wrong here loses
    nothing real."""
    root = tmp_path / "checkout"
    for folder in ("data/raw", "src", "tests", "notebooks"):
        (root / folder).mkdir(parents=True)
        (root / folder / "keep.txt").write_text(f"the user's {folder}")
    monkeypatch.setattr(paths, "ROOT", root)
    monkeypatch.setattr(paths, "DATA", root / "data")
    monkeypatch.setattr(paths, "DEFAULT_RAW", root / "data" / "raw")
    monkeypatch.setattr(paths, "RAW", root / "data" / "raw")
    monkeypatch.setattr(rerun, "execute", fake_execute)
    return root


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- data loss: a rerun replaces only its own folders -----------------------------------------------------------

@pytest.mark.parametrize("runs, name", [("data", "raw"), (".", "src"), (".", "tests"), ("data/raw", "x"), (".", "notebooks"),
                                        ("data/raw/inner", "x")])
def test_a_runs_folder_holding_or_inside_the_project_is_refused_and_nothing_is_touched(checkout, runs, name):
    before = tree(checkout)
    with pytest.raises(RunNameError, match=r"^runs folder .* \(MRT_RUNS_DIR\) (is|holds|is inside) .*runs must go to a folder of their own"):
        rerun.rerun({"horizon_years": 30}, name, root=checkout / runs)
    assert tree(checkout) == before


def test_a_folder_a_rerun_did_not_write_is_never_replaced(checkout, tmp_path):
    runs = tmp_path / "elsewhere"
    (runs / "mine").mkdir(parents=True)
    (runs / "mine" / "thesis.docx").write_text("a user's own file")
    with pytest.raises(RunNameError, match=r"mine exists and was not written by a rerun \(it has no \.mrt-run\)"):
        rerun.rerun({}, "mine", root=runs)
    assert tree(runs) == {"mine/thesis.docx": "a user's own file"}


def test_a_run_folder_written_by_a_rerun_is_replaced_by_the_next(checkout, tmp_path):
    runs = tmp_path / "runs"
    first = rerun.rerun({"horizon_years": 30}, "same", root=runs)
    assert (first / rerun.RUN_MARKER).is_file()
    rerun.rerun({"horizon_years": 31}, "same", root=runs)
    assert (first / rerun.NOTEBOOK).read_text() == "executed with {'horizon_years': 31}"
    assert sorted(p.name for p in runs.iterdir() if not p.name.endswith(".lock")) == ["same"]


# -- silently wrong: two reruns of one name -----------------------------------------------------------------------

def test_two_reruns_of_one_name_never_share_a_folder(checkout, tmp_path, monkeypatch):
    runs = tmp_path / "runs"
    started, release = threading.Event(), threading.Event()
    seen = []

    def slow(folder, parameters):
        seen.append(folder)
        started.set()
        release.wait(10)
        fake_execute(folder, parameters)

    monkeypatch.setattr(rerun, "execute", slow)
    outcome = {}
    first = threading.Thread(target=lambda: outcome.setdefault("first", rerun.rerun({"horizon_years": 30}, "same", root=runs)))
    first.start()
    assert started.wait(10)
    with pytest.raises(rerun.RunBusy, match=r"^another rerun named 'same' is running \(process \d+\)"):
        rerun.rerun({"horizon_years": 40}, "same", root=runs)
    release.set()
    first.join(10)
    assert (runs / "same" / rerun.NOTEBOOK).read_text() == "executed with {'horizon_years': 30}"
    assert seen[0].name.startswith(".same.") and seen[0].name.endswith(".partial") and seen[0] != rerun.partial_folder(runs / "same")


# -- data loss: the journal survives a moved checkout ------------------------------------------------------------

def half_swapped(root: Path) -> Staging:
    """A checkout whose run was killed after moving the previous 'out' aside and the new one in."""
    (root / "out").mkdir(parents=True)
    (root / "out" / "table.csv").write_text("previous")
    staging = Staging(root)
    move = staging.plan({"out": root / "out"})["out"]
    Path(move.new).mkdir()
    Path(move.new, "table.csv").write_text("new, from the killed run")
    moved = type(move)(move.target, move.new, move.old, move.root, True)
    staging._write_journal("built", [moved])
    Path(move.old).parent.mkdir(parents=True, exist_ok=True)
    os.replace(move.target, move.old)
    os.replace(move.new, move.target)
    return staging


def test_the_journal_names_paths_relative_to_the_checkout(tmp_path):
    staging = half_swapped(tmp_path / "a")
    record = json.loads(staging.journal.read_text())
    assert {m["target"] for m in record["moves"]} == {"out"}
    assert all(not Path(m[k]).is_absolute() for m in record["moves"] for k in ("target", "new", "old", "root"))


def test_recovery_after_the_checkout_moved_puts_the_previous_set_back(tmp_path):
    half_swapped(tmp_path / "a")
    shutil.move(tmp_path / "a", tmp_path / "b")
    note = Staging(tmp_path / "b").recover()
    assert note == ("an earlier run was stopped while moving its outputs into place: put the previous ones back "
                    f"({paths.relative(tmp_path / 'b' / 'out')})")
    assert (tmp_path / "b" / "out" / "table.csv").read_text() == "previous"


@pytest.mark.parametrize("target, written_in", [("../../elsewhere", "same"), ("/somewhere/else", "other")])
def test_a_journal_pointing_outside_the_checkout_is_refused(tmp_path, target, written_in):
    root = tmp_path / "a"
    staging = Staging(root)
    staging.home.mkdir(parents=True)
    checkout = str(root.resolve()) if written_in == "same" else "/another/checkout"
    move = {"target": target, "new": ".mrt-staging/build/out", "old": ".mrt-staging/previous/out", "root": ".mrt-staging",
            "existed": True}
    staging.journal.write_text(json.dumps({"state": "built", "checkout": checkout, "moves": [move]}))
    with pytest.raises(StagingError, match=r"journal\.json is unreadable \(.*outside"):
        staging.recover()


# -- data loss: files the run does not write are set aside -------------------------------------------------------

def test_files_the_run_does_not_write_are_set_aside_never_deleted(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.SCRATCH_ENV, str(tmp_path / "scratch"))
    processed, site = tmp_path / "processed", tmp_path / "site"
    for folder, names in ((processed, ["a.csv", "my_analysis.csv", "charts/my_chart.png"]), (site, ["index.html", "CNAME"])):
        for name in names:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(f"old {name}")
    new_processed, new_site = tmp_path / "new-processed", tmp_path / "new-site"
    (new_processed).mkdir()
    (new_processed / "a.csv").write_text("new")
    new_site.mkdir()
    (new_site / "index.html").write_text("new")
    aside = pipeline.set_aside({"processed": (processed, new_processed), "site": (site, new_site)}, stamp="T")
    assert aside.folder == tmp_path / "scratch" / "set-aside" / "T"
    assert tree(aside.folder) == {"processed/charts/my_chart.png": "old charts/my_chart.png",
                                  "processed/my_analysis.csv": "old my_analysis.csv", "site/CNAME": "old CNAME"}
    note = aside.note()
    assert note.startswith("moved 3 file(s) this run does not write to ") and "(nothing was deleted)" in note
    assert "my_analysis.csv" in note and "charts/my_chart.png" in note and "CNAME" in note
    assert pipeline.set_aside({"processed": (new_processed, new_processed)}) is None


# -- silently wrong: a symlinked data/processed ------------------------------------------------------------------

def test_a_symlinked_processed_folder_is_refused_up_front(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "data_dictionary.csv").write_text("x")
    link = tmp_path / "processed"
    link.symlink_to(real)
    with pytest.raises(preflight.PreflightError, match=r"is a symbolic link to .*real: .*set MRT_PROCESSED_DIR="):
        preflight.check_processed_target(link, paths.RAW, "processed tables")


# -- silently wrong: line numbers past a guide's end, shares above 100%, "-0%" ---------------------------------------

def test_a_line_past_the_end_of_its_guide_is_refused_when_the_texts_are_available(tmp_path, monkeypatch):
    import pandas as pd

    from mrt import clean
    from mrt.io import DataError

    guide = "000_8f0a57b0245a47f7.txt"
    (tmp_path / guide).write_text("one\ntwo\nthree\n", encoding="utf-8")
    monkeypatch.setenv(paths.GUIDES_ENV, str(tmp_path))
    frame = pd.DataFrame({"guide_file": [guide, guide], "line": ["3", "4"]})
    with pytest.raises(DataError, match=r"guide_claims\.csv data row 2 \(guide 000_8f0a57b0245a47f7\.txt line 4\), column "
                                        r"'line': expected a line of the guide \(it has 3 lines in .*\), found '4'$"):
        clean._guide_location(frame, paths.GUIDE_CLAIMS)
    assert clean._guide_location(frame.head(1), paths.GUIDE_CLAIMS) == [(1, guide, 3)]
    assert clean.guide_lines_note([guide]) is None


def test_the_run_says_when_line_numbers_cannot_be_checked_against_the_guides(monkeypatch, tmp_path):
    from mrt import clean

    monkeypatch.delenv(paths.GUIDES_ENV, raising=False)
    assert clean.guide_lines_note(["000_8f0a57b0245a47f7.txt"]) == (
        "guide line numbers checked only as 1 to 100,000, not against the guide texts (MRT_GUIDES_DIR is not set); "
        "set MRT_GUIDES_DIR to the folder of the guide texts to check them")
    monkeypatch.setenv(paths.GUIDES_ENV, str(tmp_path))
    assert f"not found in {tmp_path}: 000_8f0a57b0245a47f7.txt" in clean.guide_lines_note(["000_8f0a57b0245a47f7.txt"])


def test_the_real_transcriptions_cite_lines_inside_their_guides(guides_dir):
    from mrt import clean

    clean.check_raw_layer()  # MRT_GUIDES_DIR is set (the fixture skips otherwise): every line is checked
    assert clean.guide_lines_note(clean.listed_guides()) is None


@pytest.mark.parametrize("printed, ok", [("100%", True), ("0%", True), ("100.5%", False), ("140%", False)])
def test_an_employment_share_outside_0_to_100_percent_is_refused(tmp_path, printed, ok):
    from mrt import clean
    from mrt.io import DataError

    text = paths.GUIDE_FIGURES.read_text(encoding="utf-8").replace(",12,1,40%,", f",12,1,{printed},", 1)
    (tmp_path / "guide_figures.csv").write_text(text, encoding="utf-8")
    if ok:
        clean.build_figures(tmp_path / "guide_figures.csv")
        return
    with pytest.raises(DataError, match=rf"guide_figures\.csv data row 2 \(guide 000_8f0a57b0245a47f7\.txt line 12\), column "
                                        rf"'as_printed': expected a share between 0% and 100%, found {printed[:-1]}% in '{printed}'$"):
        clean.build_figures(tmp_path / "guide_figures.csv")


@pytest.mark.parametrize("text", ["-0.0", "-0", "0.0"])
def test_a_zero_discount_rate_is_never_shown_as_minus_zero(text):
    from mrt.education import value_text

    assert value_text("discount_rate_pct", rerun.parse_value(text)) == "0%"


def test_values_rounding_to_zero_carry_no_minus_sign():
    from mrt import report

    assert (report.percent(-0.0), report.percent(-0.04), report.percent(-0.05, 0)) == ("0.0%", "0.0%", "0%")
    assert (report.percent(-0.06), report.points(-0.04), report.number(-0.4)) == ("-0.1%", "+0.0 points", "0")
    assert report.percent(-0.6, 0) == "-1%"


# -- silently wrong: every command puts an interrupted swap right before it reads the outputs ------------------------

def test_the_student_command_recovers_an_interrupted_swap_first(tmp_path, monkeypatch):
    from mrt import bundle, cli

    root = tmp_path / "checkout"
    half_swapped(root)
    monkeypatch.setattr(paths, "ROOT", root)
    seen = []
    monkeypatch.setattr(bundle, "build_bundle", lambda: seen.append((root / "out" / "table.csv").read_text()) or root)
    assert cli.main(["student"]) == 0
    assert seen == ["previous"]


def test_an_education_rerun_recovers_an_interrupted_swap_before_copying_the_tables(tmp_path, monkeypatch):
    root = tmp_path / "checkout"
    half_swapped(root)
    monkeypatch.setattr(paths, "ROOT", root)
    monkeypatch.setenv(paths.PROCESSED_ENV, str(root / "out"))
    rerun.copy_processed(tmp_path / "copy")
    assert (tmp_path / "copy" / "table.csv").read_text() == "previous"


def test_an_education_rerun_waits_for_no_main_job_it_would_copy_half_swapped(tmp_path, monkeypatch):
    root = tmp_path / "checkout"
    (root / "out").mkdir(parents=True)
    monkeypatch.setattr(paths, "ROOT", root)
    monkeypatch.setenv(paths.PROCESSED_ENV, str(root / "out"))
    main_job = Staging(root)
    main_job.acquire()
    try:
        from mrt.staging import RunBusy

        with pytest.raises(RunBusy, match="another run of the main job is working in this checkout"):
            rerun.copy_processed(tmp_path / "copy")
    finally:
        main_job.release()
    assert not (tmp_path / "copy").exists()


def test_the_student_build_names_a_truncated_notebook(tmp_path):
    from mrt.bundle import BundleError, build_bundle

    notebook = tmp_path / "01-clean.ipynb"
    notebook.write_text((paths.NOTEBOOKS / "01-clean.ipynb").read_text(encoding="utf-8")[:300], encoding="utf-8")
    with pytest.raises(BundleError, match=rf"^{re.escape(str(notebook))}: not a readable notebook \(invalid JSON at line \d+"):
        build_bundle(tmp_path / "dist", notebooks=[notebook], with_site=False)


def test_a_staging_folder_on_another_file_system_is_refused_before_anything_runs(tmp_path):
    elsewhere = Path("/dev/shm")
    if not elsewhere.is_dir() or elsewhere.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system to test with")
    import tempfile

    other = Path(tempfile.mkdtemp(dir=elsewhere, prefix="mrt-staging-"))
    try:
        root = tmp_path / "checkout"
        root.mkdir()
        (root / ".mrt-staging").symlink_to(other)
        with pytest.raises(StagingError, match=r"\.mrt-staging is on another file system than .*checkout \(a symbolic link or a "
                                               r"mount\?\), so the new .*README\.md could not be moved into place"):
            Staging(root).plan({"README.md": root / "README.md"})
    finally:
        shutil.rmtree(other, ignore_errors=True)


@pytest.mark.slow
def test_the_main_job_sets_a_users_files_aside_and_says_where(tmp_path):
    """The probe's case through run.py: my_analysis.csv and charts/my_chart.png in data/processed, CNAME and
    custom.css in site/. After the run they are in scratch/set-aside/<time>/, named on one line; nothing is lost."""
    from conftest import copy_project, run_project, stub_notebooks, unexplained_lines

    root = copy_project(tmp_path / "project")
    stub_notebooks(root)
    first = root / "notebooks" / "01-clean.ipynb"  # the stand-in copies data/processed whole: not the user's files
    first.write_text(first.read_text().replace("ignore_patterns('previous-set.txt')", "ignore_patterns('previous-set.txt', 'my_*')"))
    assert "'my_*'" in first.read_text()
    assert run_project(root).code == 0  # a site to add files to
    mine = {"data/processed/my_analysis.csv": "my own table\n", "data/processed/charts/my_chart.png": "my chart",
            "site/CNAME": "example.org\n", "site/custom.css": "body {}\n"}
    for name, text in mine.items():
        (root / name).write_text(text)
    finished = run_project(root)
    assert finished.code == 0, finished.stderr
    assert unexplained_lines(finished) == [], finished.stderr
    notes = [line for line in finished.lines if line.startswith("moved ")]
    assert len(notes) == 1 and notes[0].startswith("moved 4 file(s) this run does not write to scratch/set-aside/"), finished.stderr
    assert "data/processed/: charts/my_chart.png, my_analysis.csv" in notes[0] and "site/: CNAME, custom.css" in notes[0]
    (aside,) = (root / "scratch" / "set-aside").iterdir()
    assert {name: (aside / name).read_text() for name in mine} == mine
    assert not any((root / name).exists() for name in mine)


def test_the_education_command_refuses_a_runs_folder_holding_the_raw_data_in_one_line(checkout, monkeypatch, capsys):
    before = tree(checkout)
    monkeypatch.setenv(rerun.RUNS_ENV, str(checkout / "data"))
    assert rerun.main(["-p", "horizon_years", "30", "--name", "raw"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: runs folder {checkout / 'data'} (MRT_RUNS_DIR) holds the raw data (data/raw): runs must go to "
        "a folder of their own (the default is runs/)", "nothing was written."]
    assert tree(checkout) == before
