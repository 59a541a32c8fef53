"""TEACHING.md is a plan that adds up, names exercises that exist, and gives the same commands as the READMEs."""

import re

import nbformat
import pytest

from mrt import bundle, paths
from mrt.pipeline import STEPS
from test_student import real_exercises

TEACHING = (paths.ROOT / "TEACHING.md").read_text(encoding="utf-8")
README = (paths.ROOT / "README.md").read_text(encoding="utf-8")
STUDENT_README = (bundle.STUDENT_TEMPLATE / "README.md").read_text(encoding="utf-8")


def lessons(text=TEACHING):
    """{lesson heading: (stated minutes, [minutes of each activity])}."""
    found = {}
    for match in re.finditer(r"^### (Lesson \d+ · .+?) \((\d+) minutes\)\n(.*?)(?=^#{2,3} |\Z)", text, re.S | re.M):
        rows = re.findall(r"^\| (\d+) \| .+ \|$", match.group(3), re.M)
        found[match.group(1)] = (int(match.group(2)), [int(r) for r in rows])
    return found


def test_three_lessons_of_fifty_minutes_whose_timings_add_up():
    plan = lessons()
    assert len(plan) == 3, list(plan)
    for name, (stated, parts) in plan.items():
        assert stated == 50 and len(parts) >= 4, name
        assert sum(parts) == stated, f"{name}: activities add up to {sum(parts)} minutes, not {stated}"


def test_the_timing_check_catches_a_plan_that_does_not_add_up():
    broken = TEACHING.replace("| 15 | In class: exercises q1_1, q1_2, q1_3 |", "| 25 | In class: exercises q1_1, q1_2, q1_3 |")
    assert [sum(p) for _, p in lessons(broken).values()][0] == 60


def test_plan_has_objectives_prerequisites_setup_homework_and_extension():
    for heading in ("## Learning objectives", "## Prerequisites", "## Classroom set-up", "## The three lessons", "## Extension"):
        assert heading in TEACHING
    assert TEACHING.count("Homework:") == 3 and "Key points:" in TEACHING and "without Python" in TEACHING


CONCEPTS = ("percent change versus percentage points", "like-for-like comparison", "missing is not zero",
            "tracing a source_key to its guide line", "validating a method on known cases", "why two sources disagree",
            "rounding intervals")


def concept_table(text=TEACHING):
    """{concept: [exercise ids]} from the table under "Which concept is practised where"."""
    table = text.split("## Which concept is practised where", 1)[1].split("\n## ", 1)[0]
    return {c: re.findall(r"q\d+_\d+", ids) for c, ids in re.findall(r"^\| ([^|]+?) \| (q[^|]+?) \|$", table, re.M)}


def notebook_concepts():
    found: dict[str, list[str]] = {}
    for step in (s for s in STEPS if s.has_exercises):
        for exercise in real_exercises(step):
            for concept in exercise.concepts:
                found.setdefault(concept, []).append(exercise.id)
    return found


def test_every_concept_the_unit_promises_has_exercises():
    table = concept_table()
    for concept in CONCEPTS:
        assert table.get(concept), f"{concept!r} has no exercises in TEACHING.md"


def test_the_concept_table_is_the_notebooks_exercise_metadata():
    assert concept_table() == notebook_concepts()


def test_the_concept_table_check_catches_a_wrong_id():
    wrong = TEACHING.replace("| why two sources disagree | q5_3 |", "| why two sources disagree | q5_2 |")
    assert concept_table(wrong) != notebook_concepts()


def set_in_the_plan(text=TEACHING):
    """The exercise ids the lessons and the extension set, with "q4_1 to q4_7" and "q3_4 onward" expanded."""
    plan = text.split("## The three lessons", 1)[1].split("## Which concept is practised where", 1)[0]
    ids = {(int(n), int(k)) for n, k in re.findall(r"\bq(\d+)_(\d+)\b", plan)}
    for n, a, b in re.findall(r"\bq(\d+)_(\d+) to q\1_(\d+)\b", plan):
        ids |= {(int(n), k) for k in range(int(a), int(b) + 1)}
    onward = {(int(n), int(k)) for n, k in re.findall(r"\bq(\d+)_(\d+) onward", plan)}
    return ids, onward


def test_every_exercise_is_set_in_class_as_homework_or_as_extension():
    ids, onward = set_in_the_plan()
    for step in (s for s in STEPS if s.has_exercises):
        number = int(step.notebook[:2])
        for exercise in real_exercises(step):
            k = int(exercise.id.split("_")[1])
            covered = (number, k) in ids or any(n == number and k >= start for n, start in onward)
            assert covered, f"TEACHING.md never sets {exercise.id} ({step.notebook})"


def test_in_class_and_homework_exercises_are_not_extension_too():
    plan = TEACHING.split("## The three lessons", 1)[1].split("## Extension", 1)[0]
    lessons_ids = set(re.findall(r"\bq\d+_\d+\b", plan))
    extension = TEACHING.split("## Extension", 1)[1].split("## Which concept", 1)[0]
    listed = set(re.findall(r"\bq\d+_\d+\b", extension.split("the remaining exercises", 1)[1].split("\n- ", 1)[0]))
    assert not lessons_ids & listed, sorted(lessons_ids & listed)


def commands(text):
    """Every command in fenced bash blocks or inline code that starts with python3, without its comment."""
    blocks = re.findall(r"```bash\n(.*?)```", text, re.S)
    lines = [l for b in blocks for l in b.splitlines()] + re.findall(r"`(python3 [^`]+)`", text)
    return {l.split("#", 1)[0].strip() for l in lines if l.strip().startswith("python3 ")}


def test_teaching_commands_match_the_readmes():
    project, student = commands(README), commands(STUDENT_README)
    project_verbs = {tuple(c.split()[:3]) for c in project}
    for command in commands(TEACHING):
        if command.startswith("python3 start.py"):
            assert command in student, f"{command!r} is not in the student README"
        else:
            assert tuple(command.split()[:3]) in project_verbs, f"{command!r}: README.md never mentions {' '.join(command.split()[:3])!r}"
    teaching_section = README.split("## Teaching with it", 1)[1].split("\n## ", 1)[0]
    assert commands(teaching_section) <= commands(TEACHING), "README's teaching commands must be TEACHING.md's"
    assert "TEACHING.md" in teaching_section and "ADAPTING.md" in teaching_section


def named_ids():
    return sorted(set(re.findall(r"\bq(\d+)_(\d+)\b", TEACHING)))


@pytest.mark.parametrize("step", [s for s in STEPS if s.has_exercises], ids=lambda s: s.notebook)
def test_every_exercise_teaching_names_exists(step):
    number = int(step.notebook[:2])
    wanted = {f"q{n}_{k}" for n, k in named_ids() if int(n) == number}
    found = {e.id for e in real_exercises(step)}
    assert wanted <= found, f"{step.notebook}: TEACHING.md names {sorted(wanted - found)}, not in the notebook"


# ------------------------------------------------------------------ what TEACHING.md says matches the notebooks


def prose_words(notebook: str) -> int:
    """Words a student reads on a page: its Markdown (not exercises, hints or keys) and the Markdown it prints."""
    nb = nbformat.read(paths.NOTEBOOKS / notebook, as_version=4)
    words = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown" and not set(cell.metadata.get("tags", [])) & {"exercise", "solution", "hint"}:
            words += len(re.findall(r"\w+", cell.source))
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            text = output.get("data", {}).get("text/markdown", "")
            words += len(re.findall(r"\w+", "".join(text) if isinstance(text, list) else text))
    return words


def lesson_notebooks(text=TEACHING):
    """{lesson heading: ([notebooks it names before its key points], stated words)}."""
    found = {}
    for match in re.finditer(r"^### (Lesson \d+ · .+?) \(\d+ minutes\)\n\n(.*?)Key points:", text, re.S | re.M):
        stated = re.search(r"about ([\d,]+) words", match.group(2))
        found[match.group(1)] = (re.findall(r"`(\d\d-[a-z-]+)`", match.group(2)), int(stated.group(1).replace(",", "")) if stated else None)
    return found


def test_each_lesson_covers_one_notebook_whose_length_is_stated_truly():
    plan = lesson_notebooks()
    assert len(plan) == 3
    for lesson, (notebooks, stated) in plan.items():
        assert len(notebooks) == 1, f"{lesson}: one notebook per lesson, found {notebooks}"
        actual = prose_words(notebooks[0] + ".ipynb")
        assert stated is not None and abs(stated - actual) <= 0.2 * actual, f"{lesson}: says about {stated} words, the page has {actual}"


def test_the_prerequisites_say_which_warm_ups_need_code():
    prerequisites = TEACHING.split("## Prerequisites", 1)[1].split("\n## ", 1)[0]
    assert "change a number and run" not in prerequisites.replace('no warm-up is "change a number and run"', "")
    named = set(re.findall(r"\bq\d+_\d+\b", prerequisites))
    for step in (s for s in STEPS if s.has_exercises):
        for exercise in real_exercises(step):
            if exercise.level == "warm-up":
                assert exercise.id in named, f"{exercise.id} is a warm-up the prerequisites do not place"


def test_each_lesson_ends_with_an_exit_question_and_its_model_answer():
    for match in re.finditer(r"^### (Lesson \d+ · .+?)\n(.*?)(?=^#{2,3} |\Z)", TEACHING, re.S | re.M):
        body = match.group(2)
        assert "Exit question: *" in body and "Model answer:" in body.split("Exit question: *", 1)[1], match.group(1)
