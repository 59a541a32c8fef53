"""Exercises as CONTRIBUTING.md defines them, read from a notebook and checked for form.

An exercise is a Markdown cell tagged ``exercise`` whose metadata says::

    "exercise": {"id": "q2_1", "level": "warm-up", "concepts": ["real versus nominal dollars"],
                 "answer": "real_2012_median", "check": "number:0", "hint": "Look at the CPI-U ..."}

then, optionally, a Markdown cell tagged ``hint`` (a folded ``<details>``), then the key: cells tagged
``solution`` (a code cell that assigns the answer variable; for a question asked in words a Markdown
cell tagged ``solution`` and ``written`` that starts ``**Model answer.**``).

:class:`Check` compares a student's answer with the key's without revealing it: the public check a
student runs compares a salted SHA-256 digest of the normalised answer (rounded number, integer,
true/false, text with case and spaces ignored, or a set of texts), so neither the check's source nor
its failure message holds the value (it shows what the student stored, and the hint). That hides an answer
from a glance, not from a determined student (a short answer can be found by trying values against the
digest, in well under a second): the checks are feedback. The hidden checks compare the same value with the
key's in the clear, so a mark says an answer was found, not how; TEACHING.md says so. This module uses only the standard library: the checks import it
in the student's kernel.
"""

from __future__ import annotations

import ast
import hashlib
import json
import keyword
import math
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from mrt.vocab import HINT_TAG, SOLUTION_TAG, WRITTEN_TAG

EXERCISE_TAG = "exercise"
LEVELS = ("warm-up", "core", "stretch")
CHECK_KINDS = ("number", "int", "bool", "text", "set")
METADATA_KEYS = ("id", "level", "concepts", "answer", "check", "hint")
ID_PATTERN = re.compile(r"q(\d+)_(\d+)")
TITLE_PATTERN = re.compile(r"\*\*Exercise (\d+)\.(\d+) · ([a-z-]+)\.\*\*")
MODEL_ANSWER_START = "**Model answer.**"


class ExerciseError(ValueError):
    """An exercise does not follow CONTRIBUTING.md; the message names the notebook, the cell and what was expected."""


class AnswerNotAccepted(AssertionError):
    """A student's answer has the wrong form or does not match the key (the message never holds the key's value)."""


@dataclass(frozen=True)
class Check:
    """How an answer is compared with the key's: ``number:<decimals>``, ``int``, ``bool``, ``text`` or ``set``."""

    kind: str
    decimals: int | None = None

    @classmethod
    def parse(cls, spec: object) -> Check:
        if not isinstance(spec, str):
            raise ValueError(f"expected a check such as 'number:2', 'int', 'bool', 'text' or 'set', found {spec!r}")
        kind, colon, decimals = spec.partition(":")
        if kind == "number" and decimals.isdigit():
            return cls("number", int(decimals))
        if kind in CHECK_KINDS and kind != "number" and not colon:
            return cls(kind)
        raise ValueError(f"expected a check such as 'number:2', 'int', 'bool', 'text' or 'set', found {spec!r}")

    @property
    def spec(self) -> str:
        return f"number:{self.decimals}" if self.kind == "number" else self.kind

    def precision(self) -> str:
        """How a number is compared, in words: "rounded to a whole number", "rounded to 1 decimal", "... 2 decimals"."""
        if self.decimals == 0:
            return "rounded to a whole number"
        return f"rounded to {self.decimals} decimal{'' if self.decimals == 1 else 's'}"

    def describe(self) -> str:
        return {"number": f"a number (it is compared {self.precision() if self.kind == 'number' else ''})",
                "int": "a whole number", "bool": "True or False",
                "text": "a text (case and spaces are ignored)",
                "set": "a collection of texts such as a list or a set (order is ignored)"}[self.kind]

    def canonical(self, value: object, variable: str = "the answer") -> str:
        """The normalised answer as text; :class:`AnswerNotAccepted` names what was expected when it has the wrong form."""
        if value is None or value is Ellipsis:
            raise AnswerNotAccepted(f"`{variable}` holds no answer yet: store {self.describe()} in it")
        return getattr(self, f"_canonical_{self.kind}")(value, variable)

    def _wrong(self, value: object, variable: str) -> AnswerNotAccepted:
        return AnswerNotAccepted(f"expected {self.describe()} in `{variable}`, found a {type(value).__name__}")

    def _canonical_number(self, value: object, variable: str) -> str:
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(float(value)) or math.isinf(float(value)):
            raise self._wrong(value, variable)
        # half up, on the shortest decimal form of the float: 2.25 -> 2.3 and 2.675 -> 2.68, as a person rounds
        rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)
        return f"{rounded if rounded != 0 else abs(rounded)}"  # -0.0 reads as 0

    def _canonical_int(self, value: object, variable: str) -> str:
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not float(value).is_integer():
            raise self._wrong(value, variable)
        return str(int(value))

    def _canonical_bool(self, value: object, variable: str) -> str:
        if type(value).__name__ != "bool":  # Python's bool and numpy's
            raise self._wrong(value, variable)
        return "true" if bool(value) else "false"

    @staticmethod
    def _text(value: str) -> str:
        return " ".join(str(value).split()).casefold()

    def _canonical_text(self, value: object, variable: str) -> str:
        if not isinstance(value, str):
            raise self._wrong(value, variable)
        return self._text(value)

    def _canonical_set(self, value: object, variable: str) -> str:
        if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
            raise self._wrong(value, variable)
        items = list(value)
        if not all(isinstance(item, str) or (isinstance(item, numbers.Integral) and not isinstance(item, bool)) for item in items):
            raise AnswerNotAccepted(f"expected texts in the collection `{variable}`, found "
                                    f"{sorted({type(i).__name__ for i in items if not isinstance(i, str)})}")
        return json.dumps(sorted({self._text(item) for item in items}), ensure_ascii=False)

    def digest(self, exercise_id: str, value: object, variable: str = "the answer") -> str:
        """SHA-256 of the normalised answer, salted with the exercise id and the check."""
        text = f"{exercise_id}|{self.spec}|{self.canonical(value, variable)}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def verify(self, exercise_id: str, variable: str, value: object, expected_digest: str) -> None:
        """The public check: passes quietly, or raises :class:`AnswerNotAccepted` without revealing the key."""
        if self.digest(exercise_id, value, variable) != expected_digest:
            raise AnswerNotAccepted(f"`{variable}` holds {self.found(value)}: not the expected answer yet ({self.how_checked()})")

    def how_checked(self) -> str:
        return {"number": f"it is compared {self.precision() if self.kind == 'number' else ''}",
                "int": "it is checked as a whole number", "bool": "it is checked as True or False",
                "text": "case and spaces are ignored", "set": "order is ignored"}[self.kind]

    def found(self, value: object) -> str:
        """What the student stored, as they would read it (their own value, never the key's)."""
        if self.kind == "number":
            shown, typed = self.canonical(value), repr(float(value)).removesuffix(".0")
            return typed if Decimal(shown) == Decimal(repr(float(value))) else f"{typed}, which rounds to {shown}"
        text = repr(value)
        return text if len(text) <= 80 else text[:77] + "..."

    def key_value(self, value: object, variable: str = "the answer") -> object:
        """The key's answer as a plain JSON value, for the hidden (autograder) checks."""
        self.canonical(value, variable)  # refuses a key of the wrong form
        if self.kind == "number":
            return float(value)
        if self.kind == "int":
            return int(value)
        if self.kind == "bool":
            return bool(value)
        if self.kind == "text":
            return self._text(value)
        return json.loads(self._canonical_set(value, variable))

    def matches(self, value: object, key: object) -> bool:
        """The hidden check: compares the normalised value with the key's (the same rule as the public check)."""
        try:
            return self.canonical(value) == self.canonical(key)
        except AnswerNotAccepted:
            return False


@dataclass(frozen=True)
class Exercise:
    """One exercise of a notebook and where its cells are (0-based cell indices)."""

    notebook: str
    id: str
    number: str                # "2.1", as the title prints it
    level: str
    concepts: tuple[str, ...]
    answer: str | None
    check: Check | None
    hint: str | None
    cell: int
    hint_cell: int | None
    solution_cells: tuple[int, ...]
    written_cell: int | None

    @property
    def checkable(self) -> bool:
        return self.answer is not None

    @property
    def cells(self) -> tuple[int, ...]:
        return tuple(sorted({self.cell, *filter(lambda c: c is not None, (self.hint_cell,)), *self.solution_cells}))


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def source(cell) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def _notebook_number(notebook: str) -> int | None:
    match = re.match(r"(\d+)-", notebook)
    return int(match.group(1)) if match else None


def _fail(notebook: str, index: int, exercise_id: str | None, message: str) -> ExerciseError:
    which = f" (exercise {exercise_id})" if exercise_id else ""
    return ExerciseError(f"{notebook}, cell {index + 1}{which}: {message}")


def _assigned_names(code: str) -> set[str]:
    """Names the cell assigns at module level, including inside if/for/while/with/try blocks
    (not inside a function or class body, whose names stay local)."""
    names = set()

    def visit(node) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            return
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.NamedExpr)) else []
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name):
                    names.add(sub.id)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(code))
    return names


def _read_metadata(cell, notebook: str, index: int) -> dict:
    meta = cell.get("metadata", {}).get("exercise")
    if not isinstance(meta, dict):
        raise _fail(notebook, index, None, "expected the cell's metadata to hold an 'exercise' object "
                    f"with {', '.join(METADATA_KEYS)}, found {meta!r}")
    missing = [k for k in METADATA_KEYS if k not in meta]
    if missing:
        raise _fail(notebook, index, meta.get("id"), f"expected exercise metadata keys {missing}, found none")
    return meta


def _check_header(cell, meta: dict, notebook: str, index: int) -> str:
    exercise_id = meta["id"]
    match = ID_PATTERN.fullmatch(str(exercise_id))
    if not match:
        raise _fail(notebook, index, None, f"expected an id like 'q2_1', found {exercise_id!r}")
    number = _notebook_number(notebook)
    if number is not None and int(match.group(1)) != number:
        raise _fail(notebook, index, exercise_id, f"expected the id to start with q{number}_ (notebook {number}), found {exercise_id!r}")
    if meta["level"] not in LEVELS:
        raise _fail(notebook, index, exercise_id, f"expected level to be one of {list(LEVELS)}, found {meta['level']!r}")
    title = TITLE_PATTERN.match(source(cell))
    expected = f"**Exercise {match.group(1)}.{match.group(2)} · {meta['level']}.**"
    if not title or title.group(0) != expected:
        raise _fail(notebook, index, exercise_id, f"expected the cell to start with {expected!r}, found {source(cell)[:40]!r}")
    concepts = meta["concepts"]
    if not isinstance(concepts, list) or not concepts or not all(isinstance(c, str) and c.strip() for c in concepts):
        raise _fail(notebook, index, exercise_id, f"expected concepts to be a non-empty list of words, found {concepts!r}")
    return f"{match.group(1)}.{match.group(2)}"


def _check_answer(cell, meta: dict, notebook: str, index: int) -> tuple[str | None, Check | None, str | None]:
    exercise_id, answer, hint = meta["id"], meta["answer"], meta["hint"]
    if answer is None:
        check = None
        if meta["check"] is not None:
            raise _fail(notebook, index, exercise_id, f"expected check to be null for a question answered in words, found {meta['check']!r}")
    else:
        if not isinstance(answer, str) or not answer.isidentifier() or keyword.iskeyword(answer):
            raise _fail(notebook, index, exercise_id, f"expected answer to be a Python variable name or null, found {answer!r}")
        if f"`{answer}`" not in source(cell):
            raise _fail(notebook, index, exercise_id, f"expected the question to name the answer variable as `{answer}`")
        try:
            check = Check.parse(meta["check"])
        except ValueError as error:
            raise _fail(notebook, index, exercise_id, str(error)) from None
        if not isinstance(hint, str) or not hint.strip():
            raise _fail(notebook, index, exercise_id, f"expected a hint (what to look at when the check fails), found {hint!r}")
    if hint is not None and not isinstance(hint, str):
        raise _fail(notebook, index, exercise_id, f"expected hint to be a text, found {hint!r}")
    return answer, check, hint


def read_exercises(nb, notebook: str) -> list[Exercise]:
    """Every exercise of ``nb`` (a notebook node or dict), checked against CONTRIBUTING.md.

    Raises :class:`ExerciseError` naming the notebook, the cell and what was expected.
    """
    cells = nb["cells"] if isinstance(nb, dict) else nb.cells
    found, claimed, seen = [], set(), {}
    for index, cell in enumerate(cells):
        if EXERCISE_TAG not in tags(cell):
            continue
        if cell.get("cell_type") != "markdown":
            raise _fail(notebook, index, None, "expected an exercise to be a Markdown cell")
        meta = _read_metadata(cell, notebook, index)
        number = _check_header(cell, meta, notebook, index)
        exercise_id = meta["id"]
        if exercise_id in seen:
            raise _fail(notebook, index, exercise_id, f"expected a unique id, found it already at cell {seen[exercise_id] + 1}")
        seen[exercise_id] = index
        answer, check, hint = _check_answer(cell, meta, notebook, index)
        position, hint_cell = index + 1, None
        if position < len(cells) and HINT_TAG in tags(cells[position]) and SOLUTION_TAG not in tags(cells[position]):
            hint_cell = position
            if cells[position].get("cell_type") != "markdown" or "<details>" not in source(cells[position]):
                raise _fail(notebook, position, exercise_id, "expected a hint cell to be Markdown holding <details><summary>Hint</summary> ... </details>")
            position += 1
        if meta["level"] == "stretch" and hint_cell is None:
            raise _fail(notebook, index, exercise_id, "expected a folded hint cell (tagged 'hint') after a stretch exercise")
        solutions = []
        while position < len(cells) and SOLUTION_TAG in tags(cells[position]):
            solutions.append(position)
            position += 1
        code = [i for i in solutions if cells[i].get("cell_type") == "code"]
        written = [i for i in solutions if cells[i].get("cell_type") == "markdown"]
        for i in written:
            if WRITTEN_TAG not in tags(cells[i]) or not source(cells[i]).lstrip().startswith(MODEL_ANSWER_START):
                raise _fail(notebook, i, exercise_id, f"expected a written solution to be tagged 'solution' and 'written' and start {MODEL_ANSWER_START!r}")
        if len(written) > 1:
            raise _fail(notebook, written[1], exercise_id, "expected at most one model answer")
        if answer is not None:
            if not code:
                raise _fail(notebook, index, exercise_id, f"expected a code cell tagged 'solution' after the question that assigns `{answer}`")
            assigned = set().union(*(_assigned_names(source(cells[i])) for i in code))
            if answer not in assigned:
                raise _fail(notebook, code[-1], exercise_id, f"expected the solution to assign the answer variable `{answer}`")
        elif not written:
            raise _fail(notebook, index, exercise_id, f"expected a Markdown model answer (tagged 'solution' and 'written') for a question answered in words")
        claimed.update(solutions)
        found.append(Exercise(notebook=notebook, id=exercise_id, number=number, level=meta["level"],
                              concepts=tuple(meta["concepts"]), answer=answer, check=check, hint=hint, cell=index,
                              hint_cell=hint_cell, solution_cells=tuple(solutions), written_cell=written[0] if written else None))
    for index, cell in enumerate(cells):
        if SOLUTION_TAG in tags(cell) and index not in claimed:
            raise _fail(notebook, index, None, "expected a solution cell right after its exercise (or its hint), found it on its own")
    return found


def hint_gives_answer_away(exercise: Exercise, key_value: object) -> bool:
    """Whether the hint prints the key's answer (a number of three or more digits, or a text answer)."""
    if not exercise.hint or exercise.check is None:
        return False
    hint = Check._text(exercise.hint)
    kind = exercise.check.kind
    if kind in ("number", "int"):
        value = float(key_value)
        forms = {exercise.check.canonical(value)} | ({f"{round(value):,}", str(round(value))} if abs(value) >= 100 else set())
        return any(len(re.sub(r"\D", "", f)) >= 3 and re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d])", hint) for f in forms)
    if kind == "text":
        return len(str(key_value)) >= 4 and str(key_value) in hint
    if kind == "set":
        return bool(key_value) and all(len(item) >= 4 and item in hint for item in key_value)
    return False
