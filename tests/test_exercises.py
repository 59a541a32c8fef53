"""The exercise format (CONTRIBUTING.md) and the answer checks, on small synthetic cases worked out by hand."""

import hashlib
import json

import nbformat
import numpy as np
import pandas as pd
import pytest

from mrt.exercises import AnswerNotAccepted, Check, ExerciseError, hint_gives_answer_away, read_exercises
from toy_notebooks import exercise, hint, notebook, page_cells, solution, toy_cells, written


# ------------------------------------------------------------------ checks


@pytest.mark.parametrize("spec, kind, decimals", [("number:0", "number", 0), ("number:2", "number", 2), ("int", "int", None),
                                                  ("bool", "bool", None), ("text", "text", None), ("set", "set", None)])
def test_check_specs(spec, kind, decimals):
    check = Check.parse(spec)
    assert (check.kind, check.decimals, check.spec) == (kind, decimals, spec)


@pytest.mark.parametrize("spec", ["number", "number:", "number:x", "number:-1", "int:2", "float", "", None, 3, "text:", "sets"])
def test_bad_check_specs_are_refused(spec):
    with pytest.raises(ValueError, match="expected a check such as"):
        Check.parse(spec)


@pytest.mark.parametrize("decimals, value, expected", [
    (1, 2.25, "2.3"),      # half up, as a person rounds (Python's round() would give 2.2)
    (2, 2.675, "2.68"),    # the float 2.675 is stored as 2.67499999...; its shortest form 2.675 rounds up
    (1, 2.24999, "2.2"),
    (1, 10.46, "10.5"),
    (1, -0.04, "0.0"),     # never "-0.0"
    (1, -0.05, "-0.1"),
    (0, 45123.5, "45124"),
    (0, -0.4, "0"),
    (2, 3, "3.00"),
    (0, np.float64(7.5), "8"),
    (0, np.int64(7), "7"),
])
def test_numbers_are_rounded_half_up(decimals, value, expected):
    assert Check("number", decimals).canonical(value) == expected


@pytest.mark.parametrize("value", [True, "10.5", float("nan"), float("inf"), [10.5], pd.NA])
def test_a_number_check_refuses_what_is_not_a_number(value):
    with pytest.raises(AnswerNotAccepted, match="expected a number .* in `x`"):
        Check("number", 1).canonical(value, "x")


@pytest.mark.parametrize("value", [None, ...])
def test_an_empty_answer_says_so(value):
    with pytest.raises(AnswerNotAccepted, match="`x` holds no answer yet: store a whole number in it"):
        Check("int").canonical(value, "x")


def test_int_bool_text_set():
    assert Check("int").canonical(5) == Check("int").canonical(5.0) == Check("int").canonical(np.int64(5)) == "5"
    for wrong in (5.5, True, "5"):
        with pytest.raises(AnswerNotAccepted):
            Check("int").canonical(wrong)
    assert Check("bool").canonical(True) == Check("bool").canonical(np.bool_(True)) == "true"
    assert Check("bool").canonical(False) == "false"
    for wrong in (1, 0, "True"):
        with pytest.raises(AnswerNotAccepted):
            Check("bool").canonical(wrong)
    assert Check("text").canonical("  Sky \n BLUE ") == "sky blue"
    with pytest.raises(AnswerNotAccepted):
        Check("text").canonical(3)
    as_set = Check("set").canonical
    assert as_set(["b", "A", "a "]) == as_set({"a", "b"}) == as_set(pd.Series(["B", "a"])) == '["a", "b"]'
    assert as_set([2019, "x"]) == '["2019", "x"]'
    for wrong in ("ab", b"ab", {"a": 1}, 3, [1.5], [True]):
        with pytest.raises(AnswerNotAccepted):
            as_set(wrong)


def test_the_digest_is_salted_with_id_and_check():
    # sha256 of "q2_1|number:0|45124", worked out with hashlib directly
    assert Check("number", 0).digest("q2_1", 45123.6) == hashlib.sha256(b"q2_1|number:0|45124").hexdigest()
    assert Check("number", 0).digest("q2_2", 45123.6) != Check("number", 0).digest("q2_1", 45123.6)
    assert Check("int").digest("q2_1", 45124) != Check("number", 0).digest("q2_1", 45124)


def test_verify_passes_quietly_and_fails_without_the_key():
    key = Check("number", 1).digest("q1_1", 10.5)
    Check("number", 1).verify("q1_1", "half_total", 10.46, key)       # rounds to 10.5: passes
    with pytest.raises(AnswerNotAccepted) as failure:
        Check("number", 1).verify("q1_1", "half_total", 10.4, key)
    assert str(failure.value) == "`half_total` holds 10.4: not the expected answer yet (it is compared rounded to 1 decimal)"
    assert "10.5" not in str(failure.value)
    with pytest.raises(AnswerNotAccepted) as failure:
        Check("number", 0).verify("q1_1", "pay", 41.26, Check("number", 0).digest("q1_1", 40))
    assert str(failure.value) == "`pay` holds 41.26, which rounds to 41: not the expected answer yet (it is compared rounded to a whole number)"
    with pytest.raises(AnswerNotAccepted) as failure:
        Check("text").verify("q1_1", "colour", "red", Check("text").digest("q1_1", "blue"))
    assert str(failure.value) == "`colour` holds 'red': not the expected answer yet (case and spaces are ignored)"


@pytest.mark.parametrize("decimals, words", [(0, "rounded to a whole number"), (1, "rounded to 1 decimal"), (2, "rounded to 2 decimals")])
def test_precision_is_said_grammatically(decimals, words):
    assert Check("number", decimals).precision() == words
    assert Check("number", decimals).describe() == f"a number (it is compared {words})"


@pytest.mark.parametrize("decimals, key, accepted, refused", [
    (0, 40.9, [41, 40.5, 41.49, "41.0"], [40.49, 42]),        # q3_2: the page prints 41%
    (2, 0.2358, [0.24, 0.235, 0.2449], [0.23, 0.2, 0.245]),  # q4_6: 0.24
    (1, 35.0, [35, 34.95, 35.04], [34.94, 35.05]),
])
def test_any_answer_that_rounds_to_the_key_passes(decimals, key, accepted, refused):
    check = Check("number", decimals)
    digest = check.digest("q9_9", key)
    for value in accepted:
        if isinstance(value, str):
            continue  # a text is refused for its form, tested elsewhere
        check.verify("q9_9", "x", value, digest)
    for value in refused:
        with pytest.raises(AnswerNotAccepted):
            check.verify("q9_9", "x", value, digest)


def test_key_values_and_the_hidden_comparison():
    assert Check("number", 1).key_value(np.float64(10.5)) == 10.5 and type(Check("number", 1).key_value(np.float64(10.5))) is float
    assert Check("int").key_value(np.int64(3)) == 3
    assert Check("bool").key_value(np.bool_(False)) is False
    assert Check("text").key_value(" Sky  BLUE") == "sky blue"
    assert Check("set").key_value(["b", "a", "a"]) == ["a", "b"]
    with pytest.raises(AnswerNotAccepted):
        Check("int").key_value(2.5)
    assert Check("number", 1).matches(10.46, 10.5) and not Check("number", 1).matches(10.44, 10.5)
    assert Check("set").matches({"B", "a"}, ["a", "b"]) and not Check("set").matches(["a"], ["a", "b"])
    assert not Check("int").matches("3", 3) and not Check("int").matches(None, 3)


# ------------------------------------------------------------------ the format


def test_the_toy_notebook_reads():
    found = read_exercises(notebook(toy_cells()), "01-toy.ipynb")
    assert [e.id for e in found] == ["q1_1", "q1_2", "q1_3", "q1_4"]
    first, _, third, fourth = found
    assert (first.number, first.level, first.answer, first.check, first.cell, first.solution_cells) == ("1.1", "warm-up", "half_total", Check("number", 1), 4, (5,))
    assert (third.number, third.hint_cell, third.solution_cells, third.cells) == ("1.3", 9, (10,), (8, 9, 10))
    assert (first.notebook, first.concepts, first.hint) == ("01-toy.ipynb", ("tidy data",), 'Divide the "total" by 4 \\ not by 2.')
    assert (fourth.checkable, fourth.written_cell, fourth.solution_cells) == (False, 13, (12, 13))


def broken(change):
    cells = toy_cells()
    change(cells)
    return cells


def meta(cells, index=4):
    return cells[index].metadata["exercise"]


@pytest.mark.parametrize("change, message", [
    (lambda c: meta(c).pop("hint"), r"cell 5 \(exercise q1_1\): expected exercise metadata keys \['hint'\]"),
    (lambda c: c[4].metadata.pop("exercise"), "cell 5: expected the cell's metadata to hold an 'exercise' object"),
    (lambda c: meta(c).update(level="easy"), r"cell 5 \(exercise q1_1\): expected level to be one of"),
    (lambda c: c.__setitem__(4, nbformat.v4.new_code_cell("x = 1", metadata=c[4].metadata)), r"cell 5: expected an exercise to be a Markdown cell"),
    (lambda c: meta(c).update(concepts=["  "]), r"cell 5 \(exercise q1_1\): expected concepts to be a non-empty list"),
    (lambda c: c.append(exercise("q1_5", "core", None, None, None, "Last?")), r"cell 16 \(exercise q1_5\): expected a Markdown model answer"),
    (lambda c: meta(c, 11).update(hint=3), r"cell 12 \(exercise q1_4\): expected hint to be a text, found 3"),
    (lambda c: meta(c).update(id="q2_1"), r"cell 5 \(exercise q2_1\): expected the id to start with q1_ \(notebook 1\)"),
    (lambda c: meta(c).update(id="Q1"), "expected an id like 'q2_1'"),
    (lambda c: meta(c).update(level="core"), r"cell 5 \(exercise q1_1\): expected the cell to start with '\*\*Exercise 1.1 · core.\*\*'"),
    (lambda c: meta(c).update(concepts=[]), r"cell 5 \(exercise q1_1\): expected concepts to be a non-empty list"),
    (lambda c: meta(c).update(answer="not a name"), r"cell 5 \(exercise q1_1\): expected answer to be a Python variable name or null"),
    (lambda c: meta(c).update(answer="class"), "expected answer to be a Python variable name or null"),
    (lambda c: meta(c).update(answer="other"), r"cell 5 \(exercise q1_1\): expected the question to name the answer variable as `other`"),
    (lambda c: meta(c).update(check="float"), r"cell 5 \(exercise q1_1\): expected a check such as"),
    (lambda c: meta(c).update(hint=""), r"cell 5 \(exercise q1_1\): expected a hint"),
    (lambda c: meta(c, 11).update(check="int"), r"cell 12 \(exercise q1_4\): expected check to be null for a question answered in words"),
    (lambda c: c.pop(5), r"cell 5 \(exercise q1_1\): expected a code cell tagged 'solution'"),
    (lambda c: c.__setitem__(5, solution("quarter = total / 4")), r"cell 6 \(exercise q1_1\): expected the solution to assign the answer variable `half_total`"),
    (lambda c: c.pop(9), r"cell 9 \(exercise q1_3\): expected a folded hint cell"),
    (lambda c: c.__setitem__(9, written("x").__class__(cell_type="markdown", id="h", source="Hint: loop", metadata={"tags": ["hint"]})), r"cell 10 \(exercise q1_3\): expected a hint cell to be Markdown holding <details>"),
    (lambda c: c.pop(13), r"exercise q1_4\): expected a Markdown model answer"),
    (lambda c: c[13].metadata.update(tags=["solution"]), r"cell 14 \(exercise q1_4\): expected a written solution to be tagged 'solution' and 'written'"),
    (lambda c: c.insert(3, solution("x = 1")), r"cell 4: expected a solution cell right after its exercise"),
    (lambda c: c.__setitem__(6, exercise("q1_1", "core", "colour", "text", "Sky.", "Which?")), r"cell 7 \(exercise q1_1\): expected a unique id, found it already at cell 5"),
    (lambda c: c.insert(14, written("Twice.")), r"cell 15 \(exercise q1_4\): expected at most one model answer"),
])
def test_bad_exercises_name_notebook_cell_and_expectation(change, message):
    with pytest.raises(ExerciseError, match=r"^01-toy.ipynb, .*" + message):
        read_exercises(notebook(broken(change)), "01-toy.ipynb")


def test_a_notebook_without_exercises_has_none():
    assert read_exercises(notebook(page_cells()), "06-findings.ipynb") == []


def test_a_solution_may_assign_in_any_form():
    for code in ("half_total: float = total / 4", "half_total, rest = total / 4, 0", "half_total = 0\nhalf_total += total / 4"):
        cells = toy_cells()
        cells[5] = solution(code)
        assert read_exercises(notebook(cells), "01-toy.ipynb")[0].answer == "half_total"


@pytest.mark.parametrize("check, hint_text, key, gives_away", [
    ("number:0", "It is about 45,124 dollars.", 45123.6, True),
    ("number:0", "It is 45124 in all.", 45123.6, True),
    ("number:0", "Annual pay is hourly pay times 2,080.", 45123.6, False),
    ("int", "Count the years within 5 of the start.", 5, False),      # small numbers occur in hints naturally
    ("number:1", "The answer is 2.5 or so.", 2.5, False),            # under three digits: not judged
    ("number:1", "Think of 123.4.", 123.4, True),
    ("number:1", "Think of 12.3.", 12.3, True),                        # three digits: judged
    ("int", "About 100 of them.", 100, True),
    ("int", "About 1,000 of them.", 1000, True),
    ("text", "A blue one.", "blue", True),
    ("text", "A red one.", "red", False),                              # under four letters: not judged
    ("text", "The colour of the sky.", "sky blue", False),
    ("text", "Try sky blue.", "sky blue", True),
    ("set", "Only a and e.", ["alpha", "beta"], False),
    ("set", "alpha and beta", ["alpha", "beta"], True),
    ("bool", "true or false?", True, False),
])
def test_a_hint_that_gives_the_answer_away_is_found(check, hint_text, key, gives_away):
    cells = page_cells() + [exercise("q1_1", "core", "x", check, hint_text, "Q?"), solution("x = 1")]
    found = read_exercises(notebook(cells), "01-toy.ipynb")[0]
    assert hint_gives_answer_away(found, key) is gives_away


def test_wrong_forms_name_the_variable_and_what_was_found():
    for check, value, found in (("int", "5", "str"), ("bool", 1, "int"), ("text", 3, "int"), ("set", "ab", "str"), ("number:1", [1], "list")):
        with pytest.raises(AnswerNotAccepted, match=rf"in `answer_var`, found a {found}$"):
            Check.parse(check).canonical(value, "answer_var")
    with pytest.raises(AnswerNotAccepted, match=r"expected texts in the collection `answer_var`, found \['float'\]"):
        Check("set").canonical(["a", 1.5], "answer_var")
    with pytest.raises(AnswerNotAccepted, match="expected a whole number in `years`, found a str"):
        Check("int").verify("q1_1", "years", "5", Check("int").digest("q1_1", 5))
    with pytest.raises(AnswerNotAccepted, match="expected a whole number in `years`"):
        Check("int").key_value(2.5, "years")
    assert Check("bool").key_value(True) is True
    assert Check("set").key_value(["É"], "v") == ["é"]


def test_exercises_read_from_a_plain_notebook_dict_and_a_model_answer_may_start_with_spaces():
    cells = toy_cells()
    cells[13] = written("Fine.")
    cells[13].source = "  " + cells[13].source
    as_dict = json.loads(nbformat.writes(notebook(cells)))
    assert [e.id for e in read_exercises(as_dict, "01-toy.ipynb")] == ["q1_1", "q1_2", "q1_3", "q1_4"]


def test_a_question_in_words_never_gives_an_answer_away():
    written_one = read_exercises(notebook(toy_cells()), "01-toy.ipynb")[3]
    assert hint_gives_answer_away(written_one, None) is False


def test_answers_assigned_inside_blocks_count_but_not_inside_functions():
    from mrt.exercises import _assigned_names

    code = "try:\n    x = 1\nexcept ValueError:\n    y = 2\nif True:\n    z: int = 3\nfor w in []:\n    pass\ndef f():\n    local = 4\n"
    assert _assigned_names(code) == {"x", "y", "z", "w"}
