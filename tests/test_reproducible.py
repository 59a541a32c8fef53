"""The committed outputs are exactly what the code makes from data/raw.

Runs the whole notebook graph into a temporary folder (tables, charts and
executed notebooks) and compares every file byte for byte with what is
committed. A difference means the committed outputs are stale or a run is not
deterministic.

The regeneration runs in a hostile set-up, as a user's machine may be: HOME is a file (matplotlib and
IPython cannot make their folders there), a foreign 'python3' kernelspec sits on JUPYTER_PATH and in the
user's Jupyter folder (pointing at a Python that does not exist), IPython has a start-up script that
prints, and MPLBACKEND and PYTHONWARNINGS are set. None of it may change a byte.
"""

import json

import pytest

from conftest import COMMITTED_PROCESSED
from mrt import paths
from mrt.pipeline import STEPS, run_notebooks


def files_under(folder):
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


def hostile_setup(monkeypatch, folder):
    home = folder / "home-is-a-file"
    home.write_text("")
    monkeypatch.setenv("HOME", str(home))
    for variable in ("JUPYTER_PATH", "JUPYTER_DATA_DIR"):
        spec = folder / variable / "kernels" / "python3"
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps({"argv": ["/no/such/python", "-m", "ipykernel_launcher", "-f",
                                                               "{connection_file}"], "display_name": "foreign", "language": "python"}))
        monkeypatch.setenv(variable, str(folder / variable))
    startup = folder / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-print.py").write_text("print('a user start-up script ran')\n")
    monkeypatch.setenv("IPYTHONDIR", str(folder / "ipython"))
    for variable in ("MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "JUPYTER_CONFIG_DIR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("MPLBACKEND", "agg")
    monkeypatch.setenv("PYTHONWARNINGS", "always")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("regenerated")
    with pytest.MonkeyPatch.context() as monkeypatch:
        hostile_setup(monkeypatch, tmp_path_factory.mktemp("hostile"))
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
