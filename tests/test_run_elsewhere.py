"""`run.py --raw DIR --out DIR`: the whole analysis of another raw folder, every output under DIR, nothing in the checkout."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mrt import executor, paths, pipeline, preflight


def test_a_relative_folder_in_a_variable_is_read_from_where_the_command_was_typed(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CALLER_CWD_ENV, str(tmp_path))
    assert paths.env_path("dental/raw") == (tmp_path / "dental" / "raw").resolve()
    assert paths.env_path(str(tmp_path / "x")) == (tmp_path / "x").resolve()
    monkeypatch.delenv(paths.CALLER_CWD_ENV)
    monkeypatch.chdir(tmp_path)
    assert paths.env_path("y") == (tmp_path / "y").resolve()


def test_the_kernels_get_the_raw_folder_as_an_absolute_path(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.RAW_ENV, "some/relative/raw")
    monkeypatch.setenv(paths.CALLER_CWD_ENV, str(tmp_path))
    env = executor.kernel_environment(tmp_path / "processed", tmp_path / "runtime")
    assert env[paths.RAW_ENV] == str((tmp_path / "some" / "relative" / "raw").resolve())
    base = {paths.RAW_ENV: str(tmp_path / "elsewhere")}  # an environment given by the caller: its own raw folder, as it is
    assert executor.kernel_environment(None, tmp_path / "runtime", base)[paths.RAW_ENV] == str((tmp_path / "elsewhere").resolve())


@pytest.mark.parametrize("where, message", [
    (lambda tmp: paths.ROOT, "the project or a folder holding it"),
    (lambda tmp: paths.ROOT / "data" / "elsewhere", "inside the project"),
    (lambda tmp: paths.ROOT.parent, "the project or a folder holding it"),
])
def test_an_output_folder_of_the_project_is_refused(tmp_path, where, message):
    with pytest.raises(preflight.PreflightError, match=message):
        preflight.check_out_dir(where(tmp_path))


def test_an_output_folder_holding_someone_elses_files_is_refused_and_a_fresh_or_earlier_one_is_not(tmp_path):
    preflight.check_out_dir(tmp_path / "new")  # not there yet
    preflight.check_out_dir(paths.ROOT / "scratch" / "dental-out")  # scratch/ is the user's own, not committed
    earlier = tmp_path / "earlier"
    for name in ("processed", "notebooks", "site", preflight.FINDINGS_PAGE):
        (earlier / name).mkdir(parents=True) if "." not in name else (earlier / name).write_text("x")
    preflight.check_out_dir(earlier)
    (earlier / "thesis.docx").write_text("mine")
    with pytest.raises(preflight.PreflightError, match="already holds thesis.docx"):
        preflight.check_out_dir(earlier)


def test_raw_without_out_is_one_clear_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mrt.cli", "--raw", str(tmp_path)], cwd=paths.ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip() == "error: --raw and --out go together: the raw folder to analyse and the folder that receives the outputs"


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_a_whole_run_for_another_raw_folder_writes_only_there(tmp_path):
    raw = tmp_path / "typed" / "raw"
    shutil.copytree(paths.DEFAULT_RAW, raw)
    watched = [paths.DATA / "processed", paths.NOTEBOOKS, paths.ROOT / "site"]
    before = {str(f): _stamps(f) for f in watched}
    readme = (paths.ROOT / "README.md").read_bytes()
    env = {k: v for k, v in os.environ.items() if k not in (paths.RAW_ENV, paths.PROCESSED_ENV, paths.OUT_ENV)}
    env[paths.CALLER_CWD_ENV] = str(tmp_path / "typed")
    done = subprocess.run([sys.executable, "-m", "mrt.cli", "--raw", "raw", "--out", "out"], cwd=paths.ROOT, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    out = tmp_path / "typed" / "out"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["findings.md", "notebooks", "processed", "site"]
    assert (out / "site" / "index.html").is_file() and (out / "processed" / "findings.csv").is_file()
    assert sorted(p.name for p in (out / "notebooks").glob("*.ipynb")) == sorted(s.notebook for s in pipeline.STEPS)
    page = (out / "findings.md").read_text(encoding="utf-8")
    assert page.startswith("# What career guides say about medical records technicians, checked") and "## In short" in page
    assert "](processed/charts/" in page and "](data/processed/" not in page
    assert {str(f): _stamps(f) for f in watched} == before
    assert (paths.ROOT / "README.md").read_bytes() == readme
    assert str(out) in done.stderr.splitlines()[0] and "nothing in the checkout is written" in done.stderr.splitlines()[0]
