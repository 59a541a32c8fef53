"""``python3 run.py grade SUBMISSIONS_DIR``: a class's hand-ins graded into one gradebook and a feedback file each.

SUBMISSIONS_DIR holds one sub-folder or one zip per student (named after the student). In it, anywhere, are the
files the notebooks' hand-in cell writes (``02-salaries-submission.zip``: otter's export) or the notebooks themselves.
For every notebook of the autograder (``dist/autograder/``, built by ``python3 run.py student``) and every student:

1. the handed-in notebook runs top to bottom in a fresh kernel, in a temporary folder, with its own fresh copy of the
   processed tables at an absolute path (so the current directory never matters, and nothing is written into
   ``data/processed/`` or the submissions); a cell that fails is noted and the run goes on, as otter's does;
2. every check of the autograder (the public and the hidden ones) runs against the notebook's variables;
3. each written answer is read from its answer cell.

``SUBMISSIONS_DIR/gradebook.csv`` gets one row per student, notebook and question (status ``auto``: marked by the
checks; ``manual``: a written answer for the teacher, with its text; ``error``: not handed in or not gradable, with
the reason) and ``SUBMISSIONS_DIR/feedback/STUDENT.md`` what each student can use: the hint and what was found.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from mrt import paths
from mrt.exercises import source, tags
from mrt.feedback import what_was_found
from mrt.grading import ANSWER_PROMPT, HANDIN_TAG, QUESTIONS_FILE, WRITTEN_ANSWER

COLUMNS = ("student", "notebook", "question", "points", "max_points", "status", "answer_text", "note")
GRADEBOOK = "gradebook.csv"
FEEDBACK_DIR = "feedback"
RESULT_MARKER = "MRT-GRADE-RESULTS:"
CELL_TIMEOUT_S = 300
NOT_HANDED_IN = "not handed in"


class GradingError(RuntimeError):
    """The submissions or the autograder cannot be read; the message names the file and what was expected."""


@dataclass
class Row:
    student: str
    notebook: str
    question: str
    points: float | None
    max_points: int
    status: str
    answer_text: str = ""
    note: str = ""
    hint: str = ""            # for the feedback file only
    found: str = ""           # for the feedback file only: what the check found
    cell_errors: str = ""     # for the feedback file only: the notebook's failing cells

    def csv(self) -> list[str]:
        points = "" if self.points is None else f"{self.points:g}"
        return [self.student, self.notebook, self.question, points, str(self.max_points), self.status, self.answer_text, self.note]


@dataclass
class Graded:
    """What one notebook's run gave: per check file (by question) whether every test passed and what was found."""

    checks: dict[str, tuple[bool, str]] = field(default_factory=dict)
    cell_errors: list[str] = field(default_factory=list)
    failure: str | None = None


# ---------------------------------------------------------------- reading the submissions


def load_questions(autograder: Path) -> dict[str, list[dict]]:
    path = Path(autograder) / QUESTIONS_FILE
    if not path.is_file():
        raise GradingError(f"{path}: not found; build the autograder first with  python3 run.py student")
    return json.loads(path.read_text(encoding="utf-8"))


def _files_in_zip(data: bytes, where: str) -> list[tuple[str, bytes]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(f"{where}!{m}", archive.read(m)) for m in sorted(archive.namelist()) if not m.endswith("/")]
    except zipfile.BadZipFile:
        raise GradingError(f"{where}: expected a zip file, found something else") from None


def _flatten(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Every file, zips opened (an otter export inside a student's zip too)."""
    out = []
    for name, data in files:
        out += _flatten(_files_in_zip(data, name)) if name.lower().endswith(".zip") else [(name, data)]
    return out


def student_files(entry: Path) -> list[tuple[str, bytes]]:
    if entry.is_dir():
        files = [(p.relative_to(entry.parent).as_posix(), p.read_bytes()) for p in sorted(entry.rglob("*"))
                 if p.is_file() and ".ipynb_checkpoints" not in p.parts]
    else:
        files = [(entry.name, entry.read_bytes())]
    return _flatten(files)


def handed_in(files: list[tuple[str, bytes]], notebook: str) -> tuple[str, bytes] | None:
    """The copy of ``notebook`` to grade: an exported submission before a loose notebook, the last by name
    (otter's default export names end in a timestamp)."""
    copies = [(n, d) for n, d in files if n.replace("\\", "/").rsplit("/", 1)[-1].rsplit("!", 1)[-1] == notebook
              and ".ipynb_checkpoints" not in n]
    if not copies:
        return None
    return sorted(copies, key=lambda c: ("!" in c[0], c[0]))[-1]


def students(folder: Path) -> list[tuple[str, Path]]:
    """(name, folder or zip) for each student in ``folder``; the gradebook and feedback are not students."""
    found = [(p.stem if p.suffix.lower() == ".zip" else p.name, p) for p in sorted(Path(folder).iterdir())
             if (p.is_dir() and p.name != FEEDBACK_DIR and not p.name.startswith(".")) or p.suffix.lower() == ".zip"]
    names = [n for n, _ in found]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise GradingError(f"{folder}: expected one folder or zip per student, found both for {twice}")
    return found


# ---------------------------------------------------------------- running one notebook with the autograder's checks


def _grading_code(test_files: list[Path]) -> str:
    return ("import json as _json\nfrom otter.test_files import create_test_file as _create\n"
            "from otter.nbmeta_config import NBMetadataConfig as _Config\n_results = {}\n"
            f"for _path in {[str(p) for p in test_files]!r}:\n"
            "    try:\n"
            "        _test = _create(_path, _Config())\n"
            "        _test.run(globals())\n"
            "        _bad = [r.message for r in _test.test_case_results if not r.passed]\n"
            "        _results[_path] = [not _bad, _bad[0] if _bad else '']\n"
            "    except Exception as _error:\n"
            "        _results[_path] = [False, f'{type(_error).__name__}: {_error}']\n"
            f"print({RESULT_MARKER!r} + _json.dumps(_results))\n")


def _kernel_tables(client) -> str:
    """MRT_PROCESSED_DIR as the kernel sees it (a kernel spec's own 'env' would override the one given here)."""
    probe = nbformat.v4.new_code_cell(f"import os as _os\nprint({RESULT_MARKER!r} + _os.environ.get({paths.PROCESSED_ENV!r}, ''))")
    client.nb.cells.append(probe)
    try:
        client.execute_cell(probe, len(client.nb.cells) - 1)
    finally:
        client.nb.cells.pop()
    text = "".join(o.get("text", "") for o in probe.outputs if o.get("output_type") == "stream")
    return next((line[len(RESULT_MARKER):] for line in text.splitlines() if line.startswith(RESULT_MARKER)), "")


def _is_handin(cell) -> bool:
    return HANDIN_TAG in tags(cell) or "grader.export(" in source(cell)


def run_submission(notebook: nbformat.NotebookNode, name: str, autograder_notebook: Path, tables: Path,
                   kernel: str = "python3") -> Graded:
    """Execute a handed-in notebook in a temporary folder and run every check of ``autograder_notebook/tests``."""
    from nbclient import NotebookClient  # deferred: the notebook executor loads only when notebooks run
    from nbclient.exceptions import CellExecutionError, DeadKernelError  # deferred: the notebook executor loads only when notebooks run

    graded = Graded()
    with tempfile.TemporaryDirectory(prefix="mrt-grade-") as temp:
        work = Path(temp).resolve()
        shutil.copytree(tables, work / "processed", ignore=shutil.ignore_patterns("charts"))
        shutil.copytree(autograder_notebook / "tests", work / "tests")
        nbformat.write(notebook, work / name)
        tests = sorted((work / "tests").glob("*.py"))
        env = dict(os.environ, PYTHONHASHSEED="0", **{paths.PROCESSED_ENV: str(work / "processed"),
                                                      paths.SCRATCH_ENV: str(work / "scratch")})
        client = NotebookClient(notebook, timeout=CELL_TIMEOUT_S, kernel_name=kernel, record_timing=False,
                                resources={"metadata": {"path": str(work)}}, extra_arguments=["--IPKernelApp.log_level=ERROR"])
        try:
            with client.setup_kernel(env=env):
                where = _kernel_tables(client)
                if where != env[paths.PROCESSED_ENV]:
                    graded.failure = (f"the kernel reads its tables from {where}, not from the copy made for it: its kernel "
                                      "spec (kernel.json) sets MRT_PROCESSED_DIR; remove that 'env' entry")
                    return graded
                for index, cell in enumerate(notebook.cells):
                    if cell.cell_type != "code" or _is_handin(cell):
                        continue
                    try:
                        client.execute_cell(cell, index)
                    except CellExecutionError as error:
                        graded.cell_errors.append(f"cell {index + 1} of the notebook: {error.ename}: {error.evalue}"[:200])
                probe = nbformat.v4.new_code_cell(_grading_code(tests))
                notebook.cells.append(probe)
                client.execute_cell(probe, len(notebook.cells) - 1)
                notebook.cells.pop()
        except (DeadKernelError, TimeoutError, RuntimeError) as error:
            graded.failure = f"the notebook could not be run to the end: {type(error).__name__}: {error}"[:300]
            return graded
        text = "".join(o.get("text", "") for o in probe.outputs if o.get("output_type") == "stream")
        found = [line for line in text.splitlines() if line.startswith(RESULT_MARKER)]
        if not found:
            graded.failure = "the checks could not run after the notebook"
            return graded
        for path, (passed, message) in json.loads(found[-1][len(RESULT_MARKER):]).items():
            graded.checks[Path(path).stem] = (passed, "" if passed else what_was_found(message))
    return graded


def written_answers(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """Each written answer's text, by exercise id (an untouched prompt is no answer)."""
    out = {}
    for cell in notebook.cells:
        exercise_id = cell.get("metadata", {}).get(WRITTEN_ANSWER)
        if exercise_id:
            text = source(cell).strip()
            out[exercise_id] = "" if text == ANSWER_PROMPT else text
    return out


# ---------------------------------------------------------------- the gradebook


def grade_student(student: str, entry: Path, questions: dict[str, list[dict]], autograder: Path, tables: Path,
                  progress=lambda text: None) -> list[Row]:
    try:
        files = student_files(entry)
    except GradingError as error:  # one damaged zip: that student's rows say so, the class is still graded
        return [Row(student, notebook, q["question"], 0, q["max_points"], "error", note=str(error))
                for notebook, wanted in questions.items() for q in wanted]
    rows = []
    for notebook, wanted in questions.items():
        copy = handed_in(files, notebook)
        if copy is None:
            rows += [Row(student, notebook, q["question"], 0, q["max_points"], "error", note=NOT_HANDED_IN) for q in wanted]
            continue
        where, data = copy
        try:
            nb = nbformat.reads(data.decode("utf-8"), as_version=4)
        except Exception as error:  # noqa: BLE001 - a damaged file is a row, not a crash
            rows += [Row(student, notebook, q["question"], 0, q["max_points"], "error",
                         note=f"{where}: not a readable notebook ({type(error).__name__})") for q in wanted]
            continue
        progress(f"grading {student}: {notebook}")
        written = written_answers(nb)
        graded = run_submission(nb, notebook, Path(autograder) / Path(notebook).stem, tables)
        errors = "; ".join(graded.cell_errors[:3])
        for q in wanted:
            if q["kind"] == "manual":
                text = written.get(q["exercise"])
                note = "answer cell not found" if text is None else "" if text else "no answer written"
                rows.append(Row(student, notebook, q["question"], None, q["max_points"], "manual", text or "", note))
            elif graded.failure or q["question"] not in graded.checks:
                rows.append(Row(student, notebook, q["question"], 0, q["max_points"], "error",
                                note=graded.failure or "no check found for this question in the autograder"))
            else:
                passed, found = graded.checks[q["question"]]
                rows.append(Row(student, notebook, q["question"], q["max_points"] if passed else 0, q["max_points"], "auto",
                                note="" if passed else "; ".join(filter(None, [found, errors])), hint="" if passed else q.get("hint") or "",
                                found=found, cell_errors=errors))
    return rows


def write_gradebook(rows: list[Row], target: Path) -> Path:
    partial = target.with_name(target.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(r.csv() for r in rows)
    os.replace(partial, target)
    return target


def feedback_text(student: str, rows: list[Row]) -> str:
    """What a student reads: per notebook the checked score, each check passed or its hint and what was found,
    and the written answers left for the teacher."""
    lines = [f"# Feedback for {student}", ""]
    for notebook in dict.fromkeys(r.notebook for r in rows):
        mine = [r for r in rows if r.notebook == notebook]
        auto = [r for r in mine if r.status == "auto"]
        lines.append(f"## {notebook}")
        lines.append("")
        if all(r.status == "error" and r.note == NOT_HANDED_IN for r in mine):
            lines += ["Not handed in.", ""]
            continue
        errors = next((r.cell_errors for r in mine if r.cell_errors), "")
        if errors:
            lines += [f"When the notebook ran from the top, some cells stopped with an error ({errors}); "
                      "answers after them may be missing.", ""]
        if auto:
            lines.append(f"Checked answers: {sum(r.points for r in auto):g} of {sum(r.max_points for r in auto)} points.")
            lines.append("")
        for r in mine:
            if r.status == "auto" and r.points == r.max_points:
                lines.append(f"- {r.question}: right.")
            elif r.status == "auto":
                lines.append(f"- {r.question}: not yet. What was found: {r.found or r.note or 'no answer'}." + (f" Hint: {r.hint}" if r.hint else ""))
            elif r.status == "manual":
                lines.append(f"- {r.question}: written answer, marked by your teacher (up to {r.max_points} points)"
                             + ("." if r.answer_text else "; no answer was written."))
            else:
                lines.append(f"- {r.question}: not graded: {r.note}.")
        lines.append("")
    return "\n".join(lines)


def _file_name(student: str) -> str:
    return re.sub(r"[^\w.-]+", "_", student).strip("._") or "student"


def default_jobs() -> int:
    """Students graded at once: half the cores (each notebook runs in its own kernel), at least 1, at most 8."""
    return max(1, min(8, (os.cpu_count() or 2) // 2))


def _grade_one(args) -> list[Row]:
    name, entry, questions, autograder, tables = args
    return grade_student(name, entry, questions, autograder, tables, lambda text: print(text, file=sys.stderr, flush=True))


def grade_folder(folder: Path, autograder: Path | None = None, tables: Path | None = None, progress=None,
                 jobs: int = 1) -> Path:
    """Grade every student in ``folder`` (``jobs`` students at a time, each in its own process); write
    ``folder/gradebook.csv`` and ``folder/feedback/``; return the gradebook. Rows keep the students' order."""
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise GradingError(f"{folder}: expected a folder of submissions (one sub-folder or zip per student)")
    autograder = Path(autograder or paths.ROOT / "dist" / "autograder").resolve()
    tables = Path(tables or paths.processed_dir()).resolve()
    questions = load_questions(autograder)
    progress = progress or (lambda text: print(text, file=sys.stderr, flush=True))
    everyone = students(folder)
    if not everyone:
        raise GradingError(f"{folder}: expected one sub-folder or zip per student, found none")
    rows = []
    feedback = folder / FEEDBACK_DIR
    feedback.mkdir(exist_ok=True)
    if jobs > 1 and len(everyone) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            graded = list(pool.map(_grade_one, [(n, e, questions, autograder, tables) for n, e in everyone]))
    else:
        graded = [grade_student(name, entry, questions, autograder, tables, progress) for name, entry in everyone]
    for (name, _), mine in zip(everyone, graded):
        (feedback / f"{_file_name(name)}.md").write_text(feedback_text(name, mine), encoding="utf-8")
        rows += mine
    return write_gradebook(rows, folder / GRADEBOOK)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 run.py grade", description="Grade a folder of hand-ins (one sub-folder or zip per student).")
    parser.add_argument("folder", type=Path, help="the folder of hand-ins; gradebook.csv and feedback/ are written into it")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help=f"students graded at once (default here: {default_jobs()})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        gradebook = grade_folder(args.folder, jobs=max(1, args.jobs))
    except GradingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"gradebook written: {gradebook}; feedback for each student in {gradebook.parent / FEEDBACK_DIR} "
          f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
