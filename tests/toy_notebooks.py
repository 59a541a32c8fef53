"""Small synthetic notebooks in the exercise format of CONTRIBUTING.md, for the teaching tests.

The toy page's key: a quarter of 42 is 10.5 (q1_1, number:1); the colour is "  Sky  BLUE " (q1_2, text,
normalised to "sky blue"); the vowels of "banana" are {"a"} (q1_3, set); q1_4 is answered in words.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
HINT_1 = 'Divide the "total" by 4 \\ not by 2.'
SOLUTION_LINE = "print('SOLUTION-OUTPUT-4711', half_total)"
SOLUTION_OUTPUT = "SOLUTION-OUTPUT-4711 10.5"
MODEL_ANSWER = "Because one extreme value moves the mean but not the middle value."


def exercise(id, level, answer, check, hint, text, concepts=("tidy data",), title=None):
    number = id[1:].replace("_", ".")
    cell = nbformat.v4.new_markdown_cell((title or f"**Exercise {number} · {level}.**") + f" {text}"
                                         + (f" Store it in `{answer}`." if answer else ""))
    cell.metadata = {"tags": ["exercise"], "exercise": {"id": id, "level": level, "concepts": list(concepts),
                                                        "answer": answer, "check": check, "hint": hint}}
    return cell


def solution(code):
    cell = nbformat.v4.new_code_cell(code)
    cell.metadata = {"tags": ["solution"]}
    return cell


def written(text):
    cell = nbformat.v4.new_markdown_cell("**Model answer.** " + text)
    cell.metadata = {"tags": ["solution", "written"]}
    return cell


def hint(text):
    cell = nbformat.v4.new_markdown_cell(f"<details><summary>Hint</summary>\n\n{text}\n\n</details>")
    cell.metadata = {"tags": ["hint"]}
    return cell


def page_cells():
    setup = nbformat.v4.new_code_cell("import math\nfrom mrt import paths")
    setup.metadata = {"tags": ["setup"]}
    return [nbformat.v4.new_markdown_cell("# A toy page\n\nReads nothing; writes one scratch file."), setup,
            nbformat.v4.new_code_cell("total = 21 * 2\ntotal"),
            nbformat.v4.new_code_cell('(paths.processed_dir() / "toy-written.txt").write_text("written by the toy page")')]


def toy_cells():
    return page_cells() + [
        exercise("q1_1", "warm-up", "half_total", "number:1", HINT_1, "What is a quarter of the total?"),
        solution(f"half_total = total / 4\n{SOLUTION_LINE}"),
        exercise("q1_2", "core", "colour", "text", "Think of the sky.", "Which colour?"),
        solution("colour = '  Sky  BLUE '"),
        exercise("q1_3", "stretch", "letters", "set", "Vowels only.", "Which vowels appear in 'banana'?"),
        hint("Loop over the letters."),
        solution("letters = sorted({c for c in 'banana' if c in 'aeiou'})"),
        exercise("q1_4", "core", None, None, None, "Why is a median robust?"),
        solution("print(sorted([1, 2, 100]))"),
        written(MODEL_ANSWER),
        nbformat.v4.new_markdown_cell("## Caveats\n\nA toy."),
    ]


def notebook(cells):
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": KERNELSPEC}
    return nb


def write_toy(folder: Path, cells=None, name="01-toy.ipynb") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(notebook(cells if cells is not None else toy_cells()), path)
    return path
