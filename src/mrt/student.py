"""The student edition: the notebooks with every solution removed, ready to hand out.

Cells tagged ``solution`` are replaced by an empty answer cell; the exercise
section keeps its questions. Everything before the exercises keeps its outputs,
so the handout still reads well before it is run.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from mrt import paths
from mrt.io import write_text
from mrt.pipeline import STEPS

SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
ANSWER_PROMPT = "# Your answer here"


def student_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` with solution cells replaced by empty answer cells."""
    out = nbformat.from_dict(nb)
    cells = []
    for cell in out.cells:
        tags = cell.metadata.get("tags", [])
        if SOLUTION_TAG in tags:
            answer = nbformat.v4.new_code_cell(ANSWER_PROMPT)
            answer.id = f"{cell.id}-answer"
            answer.metadata["tags"] = ["answer"]
            cells.append(answer)
            continue
        cells.append(cell)
    out.cells = cells
    return out


def build_student_edition(out_dir: Path | None = None) -> Path:
    out_dir = Path(out_dir or paths.ROOT / "student-edition")
    for step in STEPS:
        nb = nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4)
        write_text(nbformat.writes(student_notebook(nb)) + "\n", out_dir / step.notebook)
    return out_dir
