"""The committed outputs are exactly what the code makes from data/raw.

Runs the whole notebook graph into a temporary folder (tables, charts and
executed notebooks) and compares every file byte for byte with what is
committed. A difference means the committed outputs are stale or a run is not
deterministic.
"""

import pytest

from conftest import COMMITTED_PROCESSED
from mrt import paths
from mrt.pipeline import STEPS, run_notebooks


def files_under(folder):
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("regenerated")
    run_notebooks(out_dir=out / "notebooks", processed_dir=out / "processed")
    return out


@pytest.mark.slow
def test_processed_outputs_regenerate_byte_for_byte(regenerated):
    committed = files_under(COMMITTED_PROCESSED)
    fresh = files_under(regenerated / "processed")
    assert sorted(fresh) == sorted(committed), "a different set of output files"
    changed = [name for name in committed if committed[name].read_bytes() != fresh[name].read_bytes()]
    assert not changed, f"regenerated outputs differ from the committed ones: {changed}"


@pytest.mark.slow
def test_executed_notebooks_regenerate_byte_for_byte(regenerated):
    for step in STEPS:
        fresh = (regenerated / "notebooks" / step.notebook).read_text(encoding="utf-8")
        committed = (paths.NOTEBOOKS / step.notebook).read_text(encoding="utf-8")
        assert fresh == committed, f"{step.notebook}: rerunning changes the committed notebook"


@pytest.mark.slow
def test_execution_counts_in_order():
    import nbformat

    for step in STEPS:
        nb = nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4)
        counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
        assert counts == list(range(1, len(counts) + 1)), step.notebook
