"""The main job's runner: dependency order, and a failing cell reported by notebook and cell."""

import nbformat
import pytest

from mrt.pipeline import ALL_STEPS, STEPS, NotebookFailed, Step, run_notebooks, tidy_metadata


def notebook(*sources, tags=None):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    if tags:
        for cell, tag in zip(nb.cells, tags):
            if tag:
                cell.metadata["tags"] = [tag]
    return nb


def test_graph_is_complete_and_acyclic():
    assert [s.notebook for s in STEPS] == [s.notebook for s in ALL_STEPS]
    seen = set()
    for step in STEPS:
        assert set(step.needs) <= seen, f"{step.notebook} needs a notebook that comes later"
        seen.add(step.notebook)


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
