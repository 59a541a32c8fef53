"""The education rerun executes with nbclient, as the main job does (one executor): its values go in as a cell
tagged injected-parameters after the notebook's parameters cell."""

from __future__ import annotations

import nbformat
import pytest

from mrt import rerun


def toy(*cells) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    for source, tags in cells:
        nb.cells.append(nbformat.v4.new_code_cell(source, metadata={"tags": list(tags)}))
    return nb


def test_the_values_go_in_right_after_the_parameters_cell_and_the_notebook_is_not_changed():
    nb = toy(("import math", ["setup"]), ("rate = 3.0  # percent\nflag = False", ["parameters"]), ("print(rate)", []))
    out = rerun.with_parameters(nb, {"rate": 0.5, "flag": True, "name": None})
    assert [c.source for c in out.cells] == ["import math", "rate = 3.0  # percent\nflag = False",
                                             "# Parameters\nrate = 0.5\nflag = True\nname = None\n", "print(rate)"]
    assert out.cells[2].metadata["tags"] == [rerun.INJECTED_TAG]
    assert len(nb.cells) == 3, "the notebook given is left as it was"


def test_a_value_is_written_as_python_reads_it_back():
    out = rerun.with_parameters(toy(("x = 1", ["parameters"])), {"x": 12, "y": 0.1, "z": "text"})
    namespace: dict = {}
    exec(out.cells[1].source, namespace)
    assert (namespace["x"], namespace["y"], namespace["z"]) == (12, 0.1, "text")


def test_a_notebook_without_a_parameters_cell_is_refused():
    with pytest.raises(rerun.RunFailed, match="no code cell tagged 'parameters'"):
        rerun.with_parameters(toy(("x = 1", ["setup"])), {"x": 2})


def test_the_failing_cell_is_named_by_its_execution_count():
    nb = toy(("a = 1", []), ("1 / 0", []))
    nb.cells[0].execution_count, nb.cells[1].execution_count = 1, 2
    nb.cells[1].outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])]
    assert rerun._failed_cell(nb) == "2"
    assert rerun._failed_cell(toy(("a = 1", []))) == "?"


def test_the_defaults_are_the_literals_of_the_parameters_cell(tmp_path, monkeypatch):
    from mrt import paths

    nb = toy(("import math", ["setup"]), ("horizon_years = 20  # years\nrisk = False\ntuition = None\nshare = 0.5", ["parameters"]))
    nbformat.write(nb, tmp_path / rerun.NOTEBOOK)
    monkeypatch.setattr(paths, "NOTEBOOKS", tmp_path)
    assert rerun.notebook_defaults() == {"horizon_years": 20, "risk": False, "tuition": None, "share": 0.5}
