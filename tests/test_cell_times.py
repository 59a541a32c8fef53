"""Per-cell timing for the benchmark's slowest cells: every executed code cell is timed in memory, and the
executed notebook carries no timing metadata (reruns stay byte-identical)."""

import sys
from pathlib import Path

import nbformat

from mrt.executor import CellTime, Step, run_notebooks

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from main_job import notebook_totals, slowest_cells  # noqa: E402


def test_every_code_cell_is_timed_and_nothing_is_written_into_the_notebook(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import time"), nbformat.v4.new_markdown_cell("# words"),
                                         nbformat.v4.new_code_cell("time.sleep(0.3)\nx = 1")])
    nbformat.write(nb, tmp_path / "a.ipynb")
    times: list[CellTime] = []
    run_notebooks(out_dir=tmp_path / "out", processed_dir=tmp_path / "p", steps=(Step("a.ipynb", (), ""),),
                  source_dir=tmp_path, cell_times=times)
    assert [(t.notebook, t.cell, t.first_line) for t in times] == [("a.ipynb", 1, "import time"),
                                                                   ("a.ipynb", 3, "time.sleep(0.3) [...]")]
    assert times[1].seconds >= 0.3 and times[0].seconds < times[1].seconds
    executed = nbformat.read(tmp_path / "out" / "a.ipynb", as_version=4)
    assert all("execution" not in cell.metadata for cell in executed.cells)


def test_slowest_cells_are_medians_over_runs_slowest_first():
    runs = [[{"notebook": "a", "cell": 1, "first_line": "x", "seconds": 1.0},
             {"notebook": "b", "cell": 2, "first_line": "y", "seconds": 5.0}],
            [{"notebook": "a", "cell": 1, "first_line": "x", "seconds": 3.0},
             {"notebook": "b", "cell": 2, "first_line": "y", "seconds": 1.0}],
            [{"notebook": "a", "cell": 1, "first_line": "x", "seconds": 2.0},
             {"notebook": "b", "cell": 2, "first_line": "y", "seconds": 1.5}]]
    assert slowest_cells(runs, 2) == [("a", 1, "x", 2.0), ("b", 2, "y", 1.5)]
    assert slowest_cells(runs, 1) == [("a", 1, "x", 2.0)]
    assert notebook_totals(runs) == {"a": 2.0, "b": 1.5}


def test_a_waiting_notebook_imports_its_modules_silently_and_its_outputs_are_unchanged(tmp_path, monkeypatch):
    """Where kernels start the usual way (not forked from a server that has loaded the modules already, as on
    Linux: tests/test_kernelfork.py), a waiting kernel imports its notebook's modules while it waits."""
    from mrt.executor import imported_modules

    monkeypatch.setattr("mrt.executor.forking_available", lambda: False)

    first = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import time; time.sleep(0.5)")])
    second = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("import sys\nwarm = 'wave' in sys.modules\nfrom wave import Wave_read\nfrom fractions import *\nprint(warm, x)"),
        nbformat.v4.new_code_cell("%time y = 2"),
        nbformat.v4.new_code_cell("import no_such_module_anywhere")])
    second.cells[0].metadata["tags"] = ["setup"]
    assert imported_modules(second) == ["sys", "wave", "wave.Wave_read", "fractions", "no_such_module_anywhere"]
    second.cells.pop()  # a module that does not exist is left to its cell (shown here by the list alone)
    nbformat.write(first, tmp_path / "a.ipynb")
    nbformat.write(second, tmp_path / "b.ipynb")
    run_notebooks(out_dir=tmp_path / "out", processed_dir=tmp_path / "p", steps=(Step("a.ipynb", (), ""), Step("b.ipynb", ("a.ipynb",), "")),
                  source_dir=tmp_path)
    executed = nbformat.read(tmp_path / "out" / "b.ipynb", as_version=4)
    assert [c.execution_count for c in executed.cells] == [1, 2, 3], "the silent import takes no execution count"
    assert executed.cells[1].outputs[0].text == "True 1\n", "wave was imported while the notebook waited"
    assert "_mrt_warm_up" not in str(executed), "and left nothing behind"
    run_notebooks(out_dir=tmp_path / "alone", processed_dir=tmp_path / "p", steps=(Step("b.ipynb", (), ""),), source_dir=tmp_path)
    alone = nbformat.read(tmp_path / "alone" / "b.ipynb", as_version=4)
    assert alone.cells[1].outputs[0].text == "False 1\n", "a notebook that waits for nothing imports in its cells"
