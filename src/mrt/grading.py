"""Automatic feedback with otter-grader, generated from the key so that the checks cannot drift from it.

For each notebook with exercises (:mod:`mrt.exercises`):

1. the teacher's notebook (the key) runs top to bottom in a fresh kernel, with its processed tables and
   scratch folder redirected to a temporary folder (nothing is written into ``data/processed/``);
2. in the same kernel every answer variable is read and checked for form (:class:`mrt.exercises.Check`);
3. an otter master notebook is written from the tagged notebook: each exercise becomes an otter question
   whose solution is the key's code, with a public test that compares a salted digest of the normalised
   answer (neither its source nor its failure message holds the value; the failure message is the
   exercise's hint) and a hidden test that compares values;
4. ``otter assign`` turns the master into the student notebook with its public tests and the autograder
   notebook with every test (and otter's autograder zip);
5. every generated test runs in the key's kernel and must pass, and the student notebook must keep every
   cell of the page that is not part of an exercise;
6. the student notebook gets what otter does not add: checks that show the hint and what was found
   (:mod:`mrt.feedback`), a Markdown answer cell under every written part of a checked question, and a last
   hand-in cell (otter's export, no PDF).

The hidden tests compare the same normalised value as the public ones, in the clear: they let the autograder
grade without the fingerprint, and test nothing more (TEACHING.md says what a mark therefore means).
:func:`question_list` and :func:`load_rubrics` say what :mod:`mrt.gradebook` grades.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from mrt import paths
from mrt.exercises import Exercise, hint_gives_answer_away, read_exercises, source, tags
from mrt.vocab import SOLUTION_TAG

POINTS_PER_EXERCISE = 1
KEY_MARKER = "MRT-KEY-ANSWERS:"
TEST_MARKER = "MRT-TEST-RESULTS:"
INIT_CELL_TAG = "otter-init"


class KeyFailed(RuntimeError):
    """The key (a teacher notebook) failed to run, or a generated check does not pass on it; the message names the notebook."""


def _kernel_env(work: Path) -> dict[str, str]:
    """The key runs with its tables and scratch in ``work``: never over ``data/processed/``."""
    processed = work / "processed"
    if not processed.exists():
        shutil.copytree(paths.processed_dir(), processed)
    env = dict(os.environ, PYTHONHASHSEED="0")
    env[paths.PROCESSED_ENV] = str(processed)
    env[paths.SCRATCH_ENV] = str(work / "scratch")
    return env


class KeyKernel:
    """A teacher notebook executed top to bottom in a kernel that stays open for reading answers and running checks."""

    def __init__(self, notebook: Path, env: dict[str, str], cwd: Path | None = None, timeout: int = 600):
        from nbclient import NotebookClient  # deferred: the notebook executor loads only when notebooks run

        self.path = Path(notebook)
        self.nb = nbformat.read(self.path, as_version=4)
        self.client = NotebookClient(self.nb, timeout=timeout, kernel_name="python3", record_timing=False,
                                     resources={"metadata": {"path": str(cwd or self.path.parent)}},
                                     extra_arguments=["--IPKernelApp.log_level=ERROR"])
        self.env = env
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> KeyKernel:
        from nbclient.exceptions import CellExecutionError  # deferred: the notebook executor loads only when notebooks run

        self._stack.enter_context(self.client.setup_kernel(env=self.env))
        try:
            for index, cell in enumerate(self.nb.cells):
                if cell.cell_type == "code":
                    self.client.execute_cell(cell, index)
        except CellExecutionError as error:
            self._stack.close()
            raise KeyFailed(f"{self.path.name}, cell {index + 1}: {error.ename}: {error.evalue}") from None
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()

    def evaluate(self, code: str, marker: str) -> object:
        """Run ``code`` (which prints ``marker`` then JSON) after the notebook; return the JSON."""
        from nbclient.exceptions import CellExecutionError  # deferred: the notebook executor loads only when notebooks run

        cell = nbformat.v4.new_code_cell(code)
        self.nb.cells.append(cell)
        try:
            self.client.execute_cell(cell, len(self.nb.cells) - 1)
        except CellExecutionError as error:
            raise KeyFailed(f"{self.path.name}: {error.ename}: {error.evalue}") from None
        finally:
            self.nb.cells.pop()
        text = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
        found = [line for line in text.splitlines() if line.startswith(marker)]
        if not found:
            raise KeyFailed(f"{self.path.name}: the kernel printed no {marker.rstrip(':')} line (output: {text[-300:]!r})")
        return json.loads(found[-1][len(marker):])

    def answers(self, exercises: list[Exercise]) -> dict[str, object]:
        """Each checkable exercise's answer as the key computes it (a plain JSON value)."""
        wanted = {e.id: (e.answer, e.check.spec) for e in exercises if e.checkable}
        code = ("import json as _json\nfrom mrt.exercises import Check as _Check, AnswerNotAccepted as _Refused\n"
                "_found = {}\n"
                f"for _id, (_var, _spec) in {wanted!r}.items():\n"
                "    if _var not in globals():\n"
                "        _found[_id] = {'error': f'the key never sets `{_var}`'}\n"
                "        continue\n"
                "    try:\n"
                "        _found[_id] = {'value': _Check.parse(_spec).key_value(globals()[_var], _var)}\n"
                "    except _Refused as _error:\n"
                "        _found[_id] = {'error': str(_error)}\n"
                f"print({KEY_MARKER!r} + _json.dumps(_found))\n")
        found = self.evaluate(code, KEY_MARKER)
        problems = [f"{i}: {r['error']}" for i, r in found.items() if "error" in r]
        if problems:
            raise KeyFailed(f"{self.path.name}: the key's answer has the wrong form: " + "; ".join(problems))
        return {i: r["value"] for i, r in found.items()}

    def run_tests(self, test_files: list[Path]) -> dict[str, str | None]:
        """Run otter test files against the key's variables: None where a test passed, else otter's summary."""
        code = ("import json as _json\nfrom otter.test_files import create_test_file as _create\n"
                "from otter.nbmeta_config import NBMetadataConfig as _Config\n_results = {}\n"
                f"for _path in {[str(p) for p in test_files]!r}:\n"
                "    _test = _create(_path, _Config())\n"
                "    _test.run(globals())\n"
                "    _results[_path] = None if _test.passed_all else _test.summary()\n"
                f"print({TEST_MARKER!r} + _json.dumps(_results))\n")
        return self.evaluate(code, TEST_MARKER)


# ---------------------------------------------------------------- the otter master notebook


def _raw(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_raw_cell(text)


def _prompt(exercise: Exercise, last: bool) -> str:
    """What the student's answer cell holds (otter keeps the lines between the PROMPT markers)."""
    if exercise.answer and last:
        return f"# Your answer here: store it in `{exercise.answer}`.\n{exercise.answer} = ..."
    return "# Your working here."


def _solution_cell(cell, exercise: Exercise, last: bool) -> nbformat.NotebookNode:
    code = source(cell)
    out = nbformat.v4.new_code_cell(f'""" # BEGIN PROMPT\n{_prompt(exercise, last)}\n""" # END PROMPT\n'
                                    f"# BEGIN SOLUTION NO PROMPT\n{code}\n# END SOLUTION")
    out.metadata = nbformat.from_dict({"tags": [t for t in tags(cell) if t != SOLUTION_TAG] + ["answer"]})
    out.outputs = cell.get("outputs", [])  # the autograder notebook shows the key's output
    if "id" in cell:
        out.id = cell["id"]
    return out


def _test_config(**config) -> str:
    return '""" # BEGIN TEST CONFIG\n' + yaml.safe_dump(config, allow_unicode=True, width=10**6, sort_keys=True) + '""" # END TEST CONFIG\n'


def public_test_cell(exercise: Exercise, key_value: object) -> nbformat.NotebookNode:
    """Compares a digest of the normalised answer; its failure message is the hint (the template quotes it, so it is escaped)."""
    digest = exercise.check.digest(exercise.id, key_value, exercise.answer)
    escaped_hint = json.dumps(exercise.hint, ensure_ascii=False)[1:-1]
    return nbformat.v4.new_code_cell(
        _test_config(failure_message=escaped_hint)
        + f"def test_{exercise.id}({exercise.answer}):\n"
        f"    from mrt.exercises import Check\n"
        f"    Check.parse({exercise.check.spec!r}).verify({exercise.id!r}, {exercise.answer!r}, {exercise.answer}, {digest!r})\n")


def hidden_test_cell(exercise: Exercise, key_value: object) -> nbformat.NotebookNode:
    """Compares values (autograder only: never in the student's files)."""
    return nbformat.v4.new_code_cell(
        _test_config(hidden=True)
        + f"def test_{exercise.id}_value({exercise.answer}):\n"
        f"    from mrt.exercises import Check\n"
        f"    assert Check.parse({exercise.check.spec!r}).matches({exercise.answer}, {key_value!r}), "
        f"{'`' + exercise.answer + '` differs from the key'!r}\n")


def assignment_config(name: str) -> str:
    config = {"name": name, "init_cell": True, "check_all_cell": False, "export_cell": False, "run_tests": False,
              "generate": True, "tests": {"files": True, "ok_format": False}}
    return "# ASSIGNMENT CONFIG\n" + yaml.safe_dump(config, sort_keys=False)


def master_notebook(nb: nbformat.NotebookNode, exercises: list[Exercise], answers: dict[str, object], name: str) -> nbformat.NotebookNode:
    """The otter master notebook of a tagged notebook: exercises become otter questions, every other cell stays."""
    by_cell = {e.cell: e for e in exercises}
    taken = {c for e in exercises for c in e.cells} | {e.written_cell for e in exercises if e.written_cell is not None}
    cells = [_raw(assignment_config(name))]
    for index, cell in enumerate(nb.cells):
        exercise = by_cell.get(index)
        if exercise is None:
            if index not in taken:
                cells.append(cell)
            continue
        question = {"name": exercise.id, "points": POINTS_PER_EXERCISE, **({} if exercise.checkable else {"manual": True})}
        cells.append(_raw("# BEGIN QUESTION\n" + yaml.safe_dump(question, sort_keys=False)))
        cells.append(nb.cells[exercise.cell])
        if exercise.hint_cell is not None:
            cells.append(nb.cells[exercise.hint_cell])
        cells.append(_raw("# BEGIN SOLUTION"))
        code = [i for i in exercise.solution_cells if nb.cells[i].cell_type == "code"]
        for i in exercise.solution_cells:
            cell_i = nb.cells[i]
            cells.append(_solution_cell(cell_i, exercise, last=i == code[-1]) if cell_i.cell_type == "code" else cell_i)
        cells.append(_raw("# END SOLUTION"))
        if exercise.checkable:
            cells += [_raw("# BEGIN TESTS"), public_test_cell(exercise, answers[exercise.id]),
                      hidden_test_cell(exercise, answers[exercise.id]), _raw("# END TESTS")]
        cells.append(_raw("# END QUESTION"))
    master = nbformat.from_dict(nb)
    master.cells = cells
    return master


# ---------------------------------------------------------------- otter assign and its checks


@dataclass
class Assigned:
    """What ``otter assign`` made of one notebook."""

    notebook: str
    exercises: list[Exercise]
    answers: dict[str, object]
    student_notebook: Path
    public_tests: list[Path]
    autograder_dir: Path
    executed_key: Path
    all_tests: list[Path] = field(default_factory=list)


def run_otter_assign(master: Path, result: Path) -> None:
    """``otter assign`` through its Python API (the same as the command line), quietly."""
    from otter import logging as otter_logging  # deferred: otter-grader (requirements-teach.txt) is optional
    from otter.assign import main as assign  # deferred: otter-grader (requirements-teach.txt) is optional

    otter_logging.set_level(logging.ERROR)  # not "no autograded tests" for a notebook of written questions
    with contextlib.redirect_stdout(sys.stderr):
        assign(str(master), str(result), no_pdfs=True, no_run_tests=True)


EXPORT_COMMENTS = ("<!-- BEGIN QUESTION -->", "<!-- END QUESTION -->")


def _without_export_comments(text: str) -> str:
    """otter marks written questions for its PDF export with HTML comments on the next Markdown cell."""
    lines = text.split("\n")
    while lines and (lines[0] in EXPORT_COMMENTS or (not lines[0].strip() and len(lines) > 1 and lines[1] != "")):
        lines.pop(0)
    return "\n".join(lines)


def _same_page(teacher: nbformat.NotebookNode, exercises: list[Exercise], student: nbformat.NotebookNode, name: str) -> None:
    """otter must keep every cell that is not part of an exercise, unchanged and in order (it drops cells that
    start with '# ignore' and lines ending in '# IGNORE', which this project never means)."""
    taken = {c for e in exercises for c in e.cells}
    expected = [source(c) for i, c in enumerate(teacher.cells) if i not in taken]
    kept = [_without_export_comments(source(c)) for c in student.cells]
    position = 0
    for text in kept:
        if position < len(expected) and text == expected[position]:
            position += 1
    if position != len(expected):
        raise KeyFailed(f"{name}: otter assign changed or dropped the page's cell {expected[position][:60]!r}")


def restore_outputs(student: nbformat.NotebookNode, executed: nbformat.NotebookNode, exercises: list[Exercise]) -> None:
    """Give the student notebook the outputs of the page's own cells (never of an exercise's), so it reads
    well before it is run; execution counts are cleared."""
    taken = {c for e in exercises for c in e.cells}
    outputs = {c.get("id"): c for i, c in enumerate(executed.cells) if i not in taken and c.cell_type == "code"}
    for number, cell in enumerate(student.cells):
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        original = outputs.get(cell.get("id"))
        if original is not None and source(original) == source(cell):
            cell.outputs = [nbformat.from_dict({k: v for k, v in o.items() if k != "execution_count"} |
                                               ({"execution_count": None} if o.get("output_type") == "execute_result" else {}))
                            for o in original.outputs]
    for number, cell in enumerate(student.cells):  # otter's new cells get random ids: make them stable
        if not cell.get("id") or cell.id not in {c.get("id") for c in executed.cells}:
            cell.id = f"otter-{number}"
        if source(cell).startswith("# Initialize Otter"):
            cell.metadata.setdefault("tags", [])
            if INIT_CELL_TAG not in cell.metadata["tags"]:
                cell.metadata["tags"].append(INIT_CELL_TAG)


# ---------------------------------------------------------------- what otter does not add: readable checks, answer cells, hand-in

WRITTEN_ANSWER = "written_answer"        # cell metadata: the exercise id a Markdown answer cell answers
WRITTEN_ANSWER_TAG = "written-answer"
ANSWER_PROMPT = "_Type your answer here, replacing this text._"
HANDIN_TAG = "hand-in"
READABLE_CHECKS = "from mrt.feedback import readable  # checks show the hint and what was found\ngrader = readable(grader)"


def submission_name(stem: str) -> str:
    """The file a notebook's hand-in cell writes beside it (one per notebook; running the cell again replaces it)."""
    return f"{stem}-submission.zip"


def handin_cells(stem: str) -> list[nbformat.NotebookNode]:
    """The last two cells of a student notebook: what to hand in, and otter's export of the saved notebook."""
    text = nbformat.v4.new_markdown_cell(
        "## Hand in\n\nWhen you have answered what you can: **save the notebook** (*File → Save Notebook*, or Ctrl+S / "
        f"Cmd+S), then run the cell below. It writes `{submission_name(stem)}` in the notebooks folder: the saved notebook "
        "and the record of your checks. Running it again replaces the file. Hand in that file as your teacher says "
        "(the README says how to collect every notebook's file into one zip: `python3 start.py handin YOUR-NAME`).")
    code = nbformat.v4.new_code_cell(f'grader.export(export_path="{submission_name(stem)}", pdf=False)')
    for cell, suffix in ((text, "text"), (code, "export")):
        cell.id = f"hand-in-{suffix}"
        cell.metadata = nbformat.from_dict({"tags": [HANDIN_TAG]})
    return [text, code]


def written_answer_cell(exercise_id: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(ANSWER_PROMPT)
    cell.id = f"{exercise_id}-written"
    cell.metadata = nbformat.from_dict({"tags": ["otter_answer_cell", WRITTEN_ANSWER_TAG], WRITTEN_ANSWER: exercise_id})
    return cell


def _mark_answer_cell(cell, exercise_id: str) -> None:
    cell.metadata.setdefault("tags", [])
    if WRITTEN_ANSWER_TAG not in cell.metadata["tags"]:
        cell.metadata["tags"].append(WRITTEN_ANSWER_TAG)
    cell.metadata[WRITTEN_ANSWER] = exercise_id


def add_student_cells(student: nbformat.NotebookNode, exercises: list[Exercise], stem: str) -> None:
    """Readable checks in the init cell; an answer cell under every question with a written part (otter gives one
    only to questions answered in words alone); the hand-in cells at the very end."""
    init = next((c for c in student.cells if source(c).startswith("# Initialize Otter")), None)
    if init is not None and READABLE_CHECKS not in source(init):
        init.source = source(init) + "\n" + READABLE_CHECKS
    def first(found, what: str, exercise_id: str) -> int:
        index = next(found, None)
        if index is None:
            raise KeyFailed(f"{stem}.ipynb ({exercise_id}): otter assign wrote no {what} in the student notebook")
        return index

    for exercise in (e for e in exercises if e.written_cell is not None):
        position = first((i for i, c in enumerate(student.cells) if "exercise" in tags(c)
                          and (c.get("metadata", {}).get("exercise") or {}).get("id") == exercise.id), "question", exercise.id)
        if not exercise.checkable:
            answer = first((i for i in range(position + 1, len(student.cells)) if "otter_answer_cell" in tags(student.cells[i])),
                           "answer cell", exercise.id)
            _mark_answer_cell(student.cells[answer], exercise.id)
            continue
        check = first((i for i in range(position + 1, len(student.cells))
                       if source(student.cells[i]).strip() == f'grader.check("{exercise.id}")'), "check cell", exercise.id)
        student.cells.insert(check + 1, written_answer_cell(exercise.id))
    student.cells += handin_cells(stem)


def assign_notebook(teacher: Path, work: Path, env: dict[str, str]) -> Assigned:
    """Run the key, write the master, run otter assign, and check every generated test on the key."""
    name = teacher.name
    nb = nbformat.read(teacher, as_version=4)
    exercises = read_exercises(nb, name)
    stem = teacher.stem
    folder = work / stem
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with KeyKernel(teacher, env, cwd=teacher.parent) as key:
        answers = key.answers(exercises)
        for exercise in exercises:
            if exercise.checkable and hint_gives_answer_away(exercise, answers[exercise.id]):
                raise KeyFailed(f"{name} ({exercise.id}): the hint gives the answer away; say what to look at instead")
        master_path = folder / name
        nbformat.write(master_notebook(key.nb, exercises, answers, stem), master_path)
        run_otter_assign(master_path, folder / "dist")
        autograder_dir = folder / "dist" / "autograder"
        all_tests = sorted((autograder_dir / "tests").glob("*.py"))
        failing = {p: s for p, s in key.run_tests([Path(p) for p in all_tests]).items() if s is not None}
        if failing:
            raise KeyFailed(f"{name}: generated checks fail on the key:\n" + "\n".join(failing.values()))
        executed = key.nb
        (folder / "key").mkdir()
        nbformat.write(executed, folder / "key" / name)
    student_path = folder / "dist" / "student" / name
    student = nbformat.read(student_path, as_version=4)
    _same_page(nb, exercises, student, name)
    restore_outputs(student, executed, exercises)
    add_student_cells(student, exercises, stem)
    nbformat.write(student, student_path)
    return Assigned(notebook=name, exercises=exercises, answers=answers, student_notebook=student_path,
                    public_tests=sorted((folder / "dist" / "student" / "tests").glob("*.py")),
                    autograder_dir=autograder_dir, executed_key=folder / "key" / name, all_tests=all_tests)


def assign_all(notebooks: list[Path], work: Path) -> list[Assigned]:
    """Every notebook with exercises, its key run against a temporary copy of the processed tables."""
    env = _kernel_env(work / "key-run")
    return [assign_notebook(path, work / "otter", env) for path in notebooks]


def tempdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


# ---------------------------------------------------------------- what the gradebook grades: questions and rubrics

RUBRICS = paths.ROOT / "teaching" / "rubrics.toml"
QUESTIONS_FILE = "questions.json"


def load_rubrics(path: Path = RUBRICS) -> dict[str, dict]:
    """Each written answer's rubric: ``points`` (a whole number >= 1), ``full`` and ``partial`` (what earns them)."""
    rubrics = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    for exercise_id, rubric in rubrics.items():
        points = rubric.get("points")
        if not isinstance(points, int) or isinstance(points, bool) or points < 1:
            raise KeyFailed(f"{paths.relative(path)} [{exercise_id}]: expected points to be a whole number of at least 1, found {points!r}")
        for key in ("full", "partial"):
            if not isinstance(rubric.get(key), str) or not rubric[key].strip():
                raise KeyFailed(f"{paths.relative(path)} [{exercise_id}]: expected {key} to say what earns the points, found {rubric.get(key)!r}")
    return rubrics


def written_question(exercise: Exercise) -> str:
    """The gradebook's name for an exercise's written part: its id, or 'q2_2 (written)' beside a checked answer."""
    return f"{exercise.id} (written)" if exercise.checkable else exercise.id


def question_list(assigned: list[Assigned], rubrics: dict[str, dict]) -> dict[str, list[dict]]:
    """Per notebook, in page order, every row the gradebook has for a student: checked answers ('auto', with their
    variable and hint) and written answers ('manual', with their rubric's points)."""
    out = {}
    for item in assigned:
        rows = []
        for exercise in item.exercises:
            if exercise.checkable:
                rows.append({"question": exercise.id, "exercise": exercise.id, "kind": "auto", "max_points": POINTS_PER_EXERCISE,
                             "variable": exercise.answer, "hint": exercise.hint})
            if exercise.written_cell is not None:
                if exercise.id not in rubrics:
                    raise KeyFailed(f"{item.notebook} ({exercise.id}): a written answer needs a rubric in {paths.relative(RUBRICS)}")
                rows.append({"question": written_question(exercise), "exercise": exercise.id, "kind": "manual",
                             "max_points": rubrics[exercise.id]["points"]})
        out[item.notebook] = rows
    return out
