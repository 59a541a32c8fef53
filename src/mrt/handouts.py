"""Printable pages built with the student bundle (``python3 run.py student``):

- ``dist/student/worksheet.html``: every exercise of every notebook with a box to answer in, for classes that
  answer on paper (print it from a browser; no solution is on it: the bundle's leak scan reads it too);
- ``dist/autograder/answer-key.html``: the teacher's one-page key: each checked answer as the key computes it
  and the precision it is checked to, each model answer, and the rubric of each written answer.
"""

from __future__ import annotations

import html
import re

import nbformat

from mrt.exercises import Exercise, source
from mrt.site import _markdown as render

STYLE = """
body { font-family: Georgia, serif; max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.35; color: #111; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.4rem; border-bottom: 1px solid #999; }
.question { break-inside: avoid; margin: 0.8rem 0; }
.question p { margin: 0.25rem 0; }
.box { border: 1px solid #555; margin: 0.3rem 0 0.8rem; }
.hint { font-size: 0.85rem; color: #333; }
table { border-collapse: collapse; width: 100%; font-size: 0.8rem; }
th, td { border: 1px solid #999; padding: 0.2rem 0.35rem; vertical-align: top; text-align: left; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n<h1>{html.escape(title)}</h1>\n{body}\n</body>\n</html>\n")


def _markdown(text: str) -> str:
    return render(text)


def _hint_text(cell_text: str) -> str:
    """A folded hint cell's text without its <details> wrapper."""
    text = re.sub(r"</?details>|<summary>.*?</summary>", "", cell_text, flags=re.S)
    return text.strip()


def _notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and source(cell).lstrip().startswith("# "):
            return source(cell).lstrip()[2:].splitlines()[0].strip()
    return fallback


def worksheet(assigned) -> str:
    """Every exercise, its folded hint printed small, and an answer box (taller for a written answer)."""
    parts = ['<p>Name: ______________________________ &nbsp; Class: ____________ &nbsp; Date: ____________</p>',
             "<p>Answer in the box under each exercise. Give numbers to the precision the question asks for. "
             "The notebooks (or the student site, <code>site/index.html</code>) hold the tables and charts the exercises refer to.</p>"]
    for item in assigned:
        nb = nbformat.read(item.executed_key, as_version=4)
        parts.append(f"<h2>{html.escape(item.notebook)}: {html.escape(_notebook_title(nb, item.notebook))}</h2>")
        for exercise in item.exercises:
            box = 3 if exercise.checkable and exercise.written_cell is None else 8
            hint = (f'<div class="hint">Hint: {_markdown(_hint_text(source(nb.cells[exercise.hint_cell])))}</div>'
                    if exercise.hint_cell is not None else "")
            parts.append(f'<div class="question">{_markdown(source(nb.cells[exercise.cell]))}{hint}'
                         f'<div class="box" style="height: {box * 1.4:.1f}rem"></div></div>')
    return _page("Exercises: worksheet", "\n".join(parts))


def key_answer(exercise: Exercise, value: object) -> str:
    """The key's answer as the check compares it, with the precision in words."""
    check = exercise.check
    if check.kind == "number":
        return f"{check.canonical(value)} ({check.precision()})"
    if check.kind == "set":
        return ", ".join(str(v) for v in value)
    return str(value)


def answer_key(assigned, rubrics: dict[str, dict]) -> str:
    """One table per notebook: exercise, checked answer, model answer, rubric."""
    parts = ["<p>Teachers only: never hand this page out. Checked answers are worth 1 point each; written answers "
             "the rubric's points. <code>python3 run.py grade SUBMISSIONS_DIR</code> marks the checked ones.</p>"]
    for item in assigned:
        nb = nbformat.read(item.executed_key, as_version=4)
        rows = []
        for exercise in item.exercises:
            model = source(nb.cells[exercise.written_cell]) if exercise.written_cell is not None else ""
            model = _markdown(model.replace("**Model answer.**", "", 1).strip()) if model else ""
            rubric = rubrics.get(exercise.id) if exercise.written_cell is not None else None
            rubric_html = (f"<strong>{rubric['points']} point{'' if rubric['points'] == 1 else 's'}.</strong> Full: {html.escape(rubric['full'])} "
                           f"Partial: {html.escape(rubric['partial'])}") if rubric else ""
            checked = html.escape(key_answer(exercise, item.answers[exercise.id])) if exercise.checkable else ""
            rows.append(f"<tr><td>{exercise.number}<br>{html.escape(exercise.level)}</td><td>{checked}</td>"
                        f"<td>{model}</td><td>{rubric_html}</td></tr>")
        parts.append(f"<h2>{html.escape(item.notebook)}</h2><table><thead><tr><th>exercise</th><th>checked answer</th>"
                     f"<th>model answer</th><th>rubric (written answer)</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return _page("Exercises: answer key", "\n".join(parts))
