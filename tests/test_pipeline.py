"""The main job's runner: dependency order, a failing cell reported by notebook and cell, kernels that run
the project's own interpreter whatever kernelspecs exist, and outputs that never depend on HOME."""

import json
import re
from pathlib import Path
import os
import sys

import nbformat
import pytest

from conftest import unwritable_folder
from mrt import findings, paths, schema
from mrt.executor import KERNEL_ENV_DROPPED, NotebookFailed, Step, kernel_environment, run_notebooks, tidy_metadata
from mrt.pipeline import ALL_STEPS, STEPS
from mrt.preflight import PreflightError, check_notebook, check_processed_target, preflight


def notebook(*sources, tags=None):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    if tags:
        for cell, tag in zip(nb.cells, tags):
            if tag:
                cell.metadata["tags"] = [tag]
    return nb


def test_graph_is_complete_and_acyclic():
    assert STEPS == ALL_STEPS, "no notebook of the graph is ever dropped"
    seen = set()
    for step in STEPS:
        assert set(step.needs) <= seen, f"{step.notebook} needs a notebook that comes later"
        seen.add(step.notebook)


def tables_read(step) -> set[str]:
    """The processed tables a notebook's code names ("figures.csv"), and every notebook's findings part where it
    reads them all (``findings.part_name(...)`` over ``findings.NOTEBOOKS``)."""
    nb = nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4)
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    named = set(re.findall(r"[\"']([a-z0-9_]+\.csv)[\"']", code))
    if "findings.part_name(" in code and "findings.NOTEBOOKS" in code:
        named |= {findings.part_name(nb_) for nb_ in findings.NOTEBOOKS}
    return named


def test_each_notebook_waits_for_exactly_the_notebooks_whose_tables_it_reads():
    """A notebook waits for every notebook that writes a table it names, and for no other: a need no table explains
    only makes the main job wait (the fact-check once waited for the education model it never reads)."""
    writer = dict(schema.data_dictionary().drop_duplicates("table")[["table", "written_by"]].itertuples(index=False))
    for step in STEPS:
        names = tables_read(step)
        assert names, f"{step.notebook}: no table found in its code"
        writers = {f"{writer[name]}.ipynb" for name in names if name in writer} - {step.notebook}
        assert set(step.needs) == writers, f"{step.notebook} waits for {sorted(step.needs)}, reads tables of {sorted(writers)}"


def test_failing_cell_names_notebook_and_cell(tmp_path):
    nbformat.write(notebook("x = 1", "1 / 0"), tmp_path / "bad.ipynb")
    with pytest.raises(NotebookFailed, match=r"bad\.ipynb, cell 2: ZeroDivisionError"):
        run_notebooks(out_dir=tmp_path / "out", processed_dir=tmp_path / "p", steps=(Step("bad.ipynb", (), ""),), source_dir=tmp_path)
    assert not (tmp_path / "out" / "bad.ipynb").exists(), "a failed notebook is not written"


def test_dependent_runs_after_its_dependency(tmp_path):
    marker = tmp_path / "marker.txt"
    nbformat.write(notebook("import time; time.sleep(0.5)", f"open(r'{marker}', 'w').write('done')"), tmp_path / "a.ipynb")
    nbformat.write(notebook("import os", f"assert open(r'{marker}').read() == 'done'", tags=["setup", None]), tmp_path / "b.ipynb")
    steps = (Step("a.ipynb", (), ""), Step("b.ipynb", ("a.ipynb",), ""))
    run_notebooks(out_dir=tmp_path / "out", processed_dir=tmp_path / "p", steps=steps, source_dir=tmp_path)
    executed = nbformat.read(tmp_path / "out" / "b.ipynb", as_version=4)
    assert [c.execution_count for c in executed.cells] == [1, 2]
    assert set(executed.metadata) == {"kernelspec", "language_info"} and "version" not in executed.metadata.language_info


def test_tidy_metadata_drops_run_specific_fields():
    nb = notebook("1")
    nb.metadata["papermill"] = {"duration": 1.0}
    nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    tidy_metadata(nb)
    assert "papermill" not in nb.metadata and "execution" not in nb.cells[0].metadata


def foreign_kernelspecs(folder):
    """A Jupyter data folder whose 'python3' kernelspec points at a Python that does not exist."""
    spec = folder / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": ["/no/such/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                                  "display_name": "Someone else's Python", "language": "python"}))
    return folder


def test_kernels_run_this_interpreter_whatever_kernelspecs_exist(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(foreign_kernelspecs(tmp_path / "jupyter-path")))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(foreign_kernelspecs(tmp_path / "user-data")))
    nbformat.write(notebook("import sys; print(sys.executable)"), tmp_path / "which.ipynb")
    run_notebooks(out_dir=tmp_path / "out", processed_dir=tmp_path / "p", steps=(Step("which.ipynb", (), ""),), source_dir=tmp_path)
    executed = nbformat.read(tmp_path / "out" / "which.ipynb", as_version=4)
    assert executed.cells[0].outputs[0].text.strip() == sys.executable


def unusable_home(kind, tmp_path):
    if kind == "read-only folder":
        return unwritable_folder(tmp_path)
    home = tmp_path / "home-is-a-file"
    home.write_text("")
    return home


def test_project_kernel_manager_class_for_other_tools(tmp_path, monkeypatch):
    """What papermill or a bare NotebookClient can be given so that they, too, run the project's interpreter."""
    from nbclient import NotebookClient

    from mrt.executor import ProjectKernelManager

    monkeypatch.setenv("JUPYTER_PATH", str(foreign_kernelspecs(tmp_path / "jupyter-path")))
    nb = notebook("import sys; print(sys.executable)")
    NotebookClient(nb, kernel_name="python3", kernel_manager_class=ProjectKernelManager).execute()
    assert nb.cells[0].outputs[0].text.strip() == sys.executable


@pytest.mark.parametrize("kind", ["read-only folder", "file"])
def test_kernel_outputs_do_not_depend_on_home(tmp_path, monkeypatch, kind):
    """With an unusable HOME, matplotlib warns into the cell's output ("mkdir -p failed ... a temporary cache
    directory") and IPython into the log, or the run fails outright; the kernels get folders of their own instead.
    A user's IPython start-up script and matplotlib backend do not reach them either."""
    monkeypatch.setenv("HOME", str(unusable_home(kind, tmp_path)))
    for name in ("IPYTHONDIR", "MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    startup = tmp_path / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-hello.py").write_text("print('hello from the user start-up script')\n")
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("MPLBACKEND", "svg")
    nbformat.write(notebook("import matplotlib.pyplot as plt\nimport IPython\nfig, ax = plt.subplots()\nax.plot([1, 2])\nplt.show()"),
                   tmp_path / "plot.ipynb")
    run_notebooks(out_dir=tmp_path / "out", processed_dir=tmp_path / "p", steps=(Step("plot.ipynb", (), ""),), source_dir=tmp_path)
    outputs = nbformat.read(tmp_path / "out" / "plot.ipynb", as_version=4).cells[0].outputs
    assert [o.output_type for o in outputs] == ["display_data"], [o.get("text", o.output_type) for o in outputs]
    assert "image/png" in outputs[0].data, "the inline backend, whatever MPLBACKEND says"


def test_kernel_environment_is_the_projects(tmp_path):
    base = {"HOME": "/home/someone", "JUPYTER_PATH": "/x", "MPLBACKEND": "agg", "PYTHONWARNINGS": "error", "KEEP": "1",
            paths.PROCESSED_ENV: "/somewhere/else"}
    env = kernel_environment(tmp_path / "processed", tmp_path / "runtime", base=base)
    assert not set(KERNEL_ENV_DROPPED) & set(env)
    assert env["KEEP"] == "1" and env["PYTHONHASHSEED"] == "0" and env["JUPYTER_RUNTIME_DIR"] == str(tmp_path / "runtime")
    assert env[paths.PROCESSED_ENV] == str((tmp_path / "processed").resolve())
    assert env["HOME"] != "/home/someone" and all(os.path.isdir(env[n]) for n in ("HOME", "MPLCONFIGDIR", "IPYTHONDIR"))


def test_check_notebook_accepts_every_notebook_of_the_graph():
    for step in STEPS:
        check_notebook(paths.NOTEBOOKS / step.notebook)


@pytest.mark.parametrize("content, expected", [
    (None, "notebook not found"),
    (b"", "invalid JSON at line 1, column 1: Expecting value"),
    (b"\xff\xfe{", "not UTF-8 text"),
    (b'{"nbformat": 3, "cells": []}', "expected nbformat 4 JSON with a list of cells"),
    (b"[1, 2]", "expected nbformat 4 JSON with a list of cells"),
])
def test_check_notebook_names_the_problem(tmp_path, content, expected):
    path = tmp_path / "x.ipynb"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(PreflightError, match=expected) as raised:
        check_notebook(path)
    assert str(path.name) in str(raised.value)


def test_preflight_reports_the_default_places(monkeypatch):
    monkeypatch.delenv(paths.PROCESSED_ENV, raising=False)
    plan = preflight()
    assert (plan.raw, plan.processed, plan.redirected) == (paths.DEFAULT_RAW, paths.DATA / "processed", ())


# A kernel that dies while starting is started once more, with a fresh manager ------------------------------

class _FakeClient:
    def __init__(self, failures: int):
        self.failures, self.starts, self.km, self.kc = failures, [], "first manager", None

    async def async_start_new_kernel(self, **kwargs):
        self.starts.append(self.km)
        if len(self.starts) <= self.failures:
            raise RuntimeError("Kernel died before replying to kernel_info")

    async def async_start_new_kernel_client(self):
        pass


def _start(client, monkeypatch):
    import asyncio
    import io

    from mrt import executor

    stopped = []

    async def stop(client, km, now):
        stopped.append(km)

    monkeypatch.setattr(executor, "_stop_kernel", stop)
    step = executor.Step("09-x.ipynb", (), "x")
    log = io.BytesIO()
    result = asyncio.run(executor._start_kernel(client, step, {}, log, lambda attempt: f"manager {attempt}"))
    return result, stopped, log.getvalue().decode()


def test_a_kernel_that_dies_while_starting_is_started_again_with_fresh_ports(monkeypatch):
    client = _FakeClient(failures=1)
    km, stopped, log = _start(client, monkeypatch)
    assert client.starts == ["first manager", "manager 2"] and km == "manager 2" and client.km == "manager 2"
    assert stopped == ["first manager"] and "starting it again" in log


def test_a_kernel_that_dies_twice_while_starting_fails_the_step_in_one_line(monkeypatch):
    from mrt import executor

    with pytest.raises(executor.NotebookFailed, match=r"^09-x.ipynb: the kernel \(.+\) did not start \(2 attempts\): Kernel died"):
        _start(_FakeClient(failures=2), monkeypatch)


def test_a_kernel_that_starts_is_started_once(monkeypatch):
    client = _FakeClient(failures=0)
    km, stopped, _ = _start(client, monkeypatch)
    assert client.starts == ["first manager"] and km == "first manager" and stopped == []


# The folder of processed tables is replaced whole: it must be one the project owns ----------------------------

@pytest.mark.parametrize("where, says", [
    (lambda tmp: paths.ROOT, "holds the whole project"),
    (lambda tmp: paths.ROOT.parent, "holds the whole project"),
    (lambda tmp: Path("/"), "holds the whole project"),
    (lambda tmp: paths.DEFAULT_RAW, "is the raw data"),
    (lambda tmp: paths.DEFAULT_RAW / "reference", "is inside the raw data"),
    (lambda tmp: paths.NOTEBOOKS, "is the notebooks"),
    (lambda tmp: paths.ROOT / "site" / "processed", "is inside the site"),
    (lambda tmp: paths.ROOT / "src" / "mrt", "is inside the code"),
    (lambda tmp: paths.ROOT / ".venv", "is the environment"),
])
def test_processed_folder_may_not_be_or_hold_the_projects_own_folders(tmp_path, where, says):
    target = where(tmp_path)
    with pytest.raises(PreflightError, match=f"^{re.escape(str(target))} \\(set by MRT_PROCESSED_DIR\\) {says}[ :]"):
        check_processed_target(target, paths.DEFAULT_RAW, "set by MRT_PROCESSED_DIR")


def test_processed_folder_may_not_hold_or_be_inside_a_redirected_raw_folder(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for target, says in ((raw, "is the raw data"), (raw / "processed", "is inside the raw data"), (tmp_path, "holds the raw data")):
        with pytest.raises(PreflightError, match=says):
            check_processed_target(target, raw, "set by MRT_PROCESSED_DIR")


def test_a_folder_of_someones_own_files_is_refused_but_a_folder_of_tables_or_an_empty_one_is_not(tmp_path):
    mine = tmp_path / "mydocs"
    (mine / "sub").mkdir(parents=True)
    (mine / "thesis.txt").write_text("years of work")
    with pytest.raises(PreflightError, match="already holds files but no data_dictionary.csv"):
        check_processed_target(mine, paths.DEFAULT_RAW, "set by MRT_PROCESSED_DIR")
    assert (mine / "thesis.txt").read_text() == "years of work"
    empty, new, tables = tmp_path / "empty", tmp_path / "new" / "processed", tmp_path / "tables"
    empty.mkdir()
    tables.mkdir()
    (tables / "data_dictionary.csv").write_text("table,column\n")
    (tables / "figures.csv").write_text("x\n")
    for ok in (empty, new, tables, paths.DATA / "processed", paths.ROOT / "scratch" / "processed"):
        check_processed_target(ok, paths.DEFAULT_RAW, "processed tables")   # no error
