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
            "tracing a `source_key` to its guide line", "validating a method on known cases", "why two sources disagree",
            "rounding intervals")


def test_every_concept_the_unit_promises_has_exercises():
    table = TEACHING.split("## Which concept is practised where", 1)[1]
    for concept in CONCEPTS:
        assert re.search(rf"^\| {re.escape(concept)}[^|]*\| \d+ \| q\d", table, re.M), concept


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
    optional = {i for i in wanted if re.search(rf"{i} onward", TEACHING)}
    assert wanted - optional <= found, f"{step.notebook}: TEACHING.md names {sorted(wanted - optional - found)}, not in the notebook"
