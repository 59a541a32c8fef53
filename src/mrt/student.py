"""The student edition: what students get instead of the teacher's notebooks.

``python3 run.py student`` calls :func:`mrt.bundle.build_bundle`, which builds ``dist/``:
the student bundle and its zip, with otter-grader checks generated from the key (:mod:`mrt.grading`), and
the autograder apart from it.

:func:`site_notebook` is the page a student reads on the student site: the teacher's executed notebook
with every ``solution`` cell (code, output and model answer) removed; questions and folded hints stay.
"""

from __future__ import annotations

import nbformat

from mrt.exercises import tags
from mrt.vocab import SOLUTION_TAG

ANSWER_NOTE = "*Answer this exercise in the notebook (`python3 start.py lab`): it can check your answer.*"


def site_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` without any solution cell; a short note follows each exercise's question."""
    out = nbformat.from_dict(nb)
    cells = []
    for cell in out.cells:
        if SOLUTION_TAG in tags(cell):
            continue
        cells.append(cell)
        if "exercise" in tags(cell):
            note = nbformat.v4.new_markdown_cell(ANSWER_NOTE)
            note.id = f"{cell.get('id', len(cells))}-note"
            cells.append(note)
    out.cells = cells
    return out

