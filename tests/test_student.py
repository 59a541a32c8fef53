"""The student edition: no solution survives, and the notebooks still run top to bottom."""

import nbformat
import pytest

from mrt import paths
from mrt.pipeline import STEPS, run_notebooks
from mrt.student import ANSWER_PROMPT, SOLUTION_TAG, build_student_edition


def output_text(output):
    return output.get("text") or str(output.get("data", {}).get("text/plain", ""))


def solutions(nb):
    return [c for c in nb.cells if SOLUTION_TAG in c.metadata.get("tags", [])]


def test_every_notebook_has_exercises_with_tagged_solutions():
    for step in (s for s in STEPS if s.has_exercises):
        nb = nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4)
        exercises = [c for c in nb.cells if "exercise" in c.metadata.get("tags", [])]
        assert len(exercises) >= 3, step.notebook
        assert len(solutions(nb)) == len(exercises), step.notebook


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    return build_student_edition(tmp_path_factory.mktemp("student"))


def test_no_solution_survives(edition):
    for step in (s for s in STEPS if s.has_exercises):
        original = nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4)
        student = nbformat.read(edition / step.notebook, as_version=4)
        assert not solutions(student), step.notebook
        kept = [c.source for c in student.cells]
        student_outputs = {output_text(o) for c in student.cells for o in c.get("outputs", [])}
        for cell in solutions(original):
            assert cell.source not in kept, f"{step.notebook}: a solution survived"
            for output in cell.get("outputs", []):
                assert output_text(output) not in student_outputs, f"{step.notebook}: a solution's output survived"
        answers = [c for c in student.cells if c.source == ANSWER_PROMPT]
        assert len(answers) == len(solutions(original))
        assert [c for c in student.cells if "exercise" in c.metadata.get("tags", [])], "the questions stay"


@pytest.mark.slow
def test_student_notebooks_run_top_to_bottom(edition, tmp_path):
    run_notebooks(out_dir=tmp_path / "executed", processed_dir=tmp_path / "processed", source_dir=edition)
    for step in STEPS:
        nb = nbformat.read(tmp_path / "executed" / step.notebook, as_version=4)
        counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
        assert counts == list(range(1, len(counts) + 1))
        assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))
