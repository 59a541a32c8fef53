"""The student bundle and its automatic feedback, built from a small synthetic notebook (tests/toy_notebooks.py).

The real notebooks are checked at the end (they must follow the exercise format once rewritten).
"""

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from mrt import bundle, grading, paths
from mrt.exercises import ExerciseError, read_exercises
from mrt.pipeline import STEPS
from mrt.student import ANSWER_NOTE, site_notebook
from otter.nbmeta_config import NBMetadataConfig
from otter.test_files import create_test_file
from toy_notebooks import HINT_1, MODEL_ANSWER, SOLUTION_LINE, SOLUTION_OUTPUT, exercise, page_cells, solution, toy_cells, write_toy


def execute(path: Path, env_dir: Path) -> Path:
    """Execute a teacher notebook in place, as the main job does (its tables go to a temporary folder)."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    env = {**os.environ, paths.PROCESSED_ENV: str(env_dir / "processed"), paths.SCRATCH_ENV: str(env_dir / "scratch")}
    (env_dir / "processed").mkdir(parents=True, exist_ok=True)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel(env=env):
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("toy")
    return execute(write_toy(folder / "teacher"), folder / "run")


@pytest.fixture(scope="module")
def dist(toy):
    out = toy.parent.parent / "dist"
    bundle.build_bundle(out, [toy], with_site=False)
    return out


def run_check(test_file: Path, **answers):
    test = create_test_file(str(test_file), NBMetadataConfig())
    test.run(answers)
    return test


# ------------------------------------------------------------------ the checks generated from the key


def test_a_correct_answer_passes_and_a_wrong_one_shows_the_hint(dist):
    public = dist / "student" / "notebooks" / "tests" / "q1_1.py"
    assert run_check(public, half_total=10.5).passed_all
    assert run_check(public, half_total=10.46).passed_all      # compared rounded to 1 decimal, as the question says
    wrong = run_check(public, half_total=10.4)
    assert not wrong.passed_all
    assert f"message: {HINT_1}" in wrong.summary()             # quotes and a backslash survive otter's template
    assert "10.5" not in wrong.summary()
    empty = run_check(public, half_total=...)
    assert "`half_total` holds no answer yet" in empty.summary()
    assert run_check(dist / "student" / "notebooks" / "tests" / "q1_2.py", colour="sky   Blue").passed_all
    assert not run_check(dist / "student" / "notebooks" / "tests" / "q1_3.py", letters=["a", "e"]).passed_all


def test_public_checks_hold_no_answer_and_hidden_ones_stay_with_the_autograder(dist):
    public = dist / "student" / "notebooks" / "tests"
    assert sorted(p.name for p in public.iterdir()) == ["q1_1.py", "q1_2.py", "q1_3.py"]   # q1_4 is answered in words
    for name, answer in (("q1_1.py", "10.5"), ("q1_2.py", "sky blue"), ("q1_3.py", "['a']")):
        text = (public / name).read_text()
        assert answer not in text and "hidden=True" not in text
        hidden = (dist / "autograder" / "01-toy" / "tests" / name).read_text()
        assert answer in hidden and "hidden=True" in hidden
    assert run_check(dist / "autograder" / "01-toy" / "tests" / "q1_1.py", half_total=10.5).passed_all
    assert not run_check(dist / "autograder" / "01-toy" / "tests" / "q1_1.py", half_total=10.4).passed_all
    assert not list((dist / "student").rglob("*autograder*"))


def test_the_student_notebook_has_answer_cells_checks_and_the_page(dist):
    nb = nbformat.read(dist / "student" / "notebooks" / "01-toy.ipynb", as_version=4)
    sources = [c.source for c in nb.cells]
    assert sources[0] == ('# Initialize Otter\nimport otter\ngrader = otter.Notebook("01-toy.ipynb")\n'
                          "from mrt.feedback import readable  # checks show the hint and what was found\ngrader = readable(grader)")
    assert sources[-1] == 'grader.export(export_path="01-toy-submission.zip", pdf=False)'    # the hand-in cell, last
    assert sources[-2].startswith("## Hand in") and "01-toy-submission.zip" in sources[-2]
    written = [c for c in nb.cells if c.metadata.get("written_answer")]
    assert [(c.metadata["written_answer"], c.source) for c in written] == [("q1_4", "_Type your answer here, replacing this text._")]
    assert "# Your answer here: store it in `half_total`.\nhalf_total = ..." in sources
    assert [s for s in sources if s.startswith("grader.check")] == ['grader.check("q1_1")', 'grader.check("q1_2")', 'grader.check("q1_3")']
    assert "_Type your answer here, replacing this text._" in sources         # q1_4, in words
    total = next(c for c in nb.cells if c.source == "total = 21 * 2\ntotal")
    assert total.outputs[0]["data"]["text/plain"] == "42" and total.execution_count is None   # the page reads before it is run
    assert all(c.execution_count is None for c in nb.cells if c.cell_type == "code")
    assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)
    assert len({c.id for c in nb.cells}) == len(nb.cells)


def test_the_key_run_writes_nothing_into_processed(dist):
    assert not (paths.processed_dir() / "toy-written.txt").exists()
    assert not (paths.DATA / "processed" / "toy-written.txt").exists()


# ------------------------------------------------------------------ no solution anywhere


def test_no_solution_in_any_file_of_the_bundle_or_its_zip(dist, toy):
    needles = bundle.solution_needles([toy])
    texts = {n.text for n in needles}
    assert SOLUTION_LINE in texts and SOLUTION_OUTPUT in texts and any(MODEL_ANSWER in t for t in texts)
    assert "import math" not in texts            # page lines are not needles
    assert bundle.find_leaks(dist / "student", needles) == []
    assert bundle.find_leaks(dist / "student.zip", needles) == []
    with zipfile.ZipFile(dist / "student.zip") as archive:
        names = archive.namelist()
    assert "student/notebooks/01-toy.ipynb" in names and "student/start.py" in names
    assert not [n for n in names if "autograder" in n or "__pycache__" in n]


def test_the_scan_finds_a_solution_wherever_it_hides(dist, toy, tmp_path):
    needles = bundle.solution_needles([toy])
    copy = tmp_path / "student"
    shutil.copytree(dist / "student", copy)
    (copy / "site").mkdir()
    (copy / "site" / "page.html").write_text('<pre><span class="n">half_total</span> <span class="o">=</span> '
                                            '<span class="n">total</span> <span class="o">/</span> <span class="mi">4</span>\n'
                                            "<span>print(&#39;SOLUTION-OUTPUT-4711&#39;, half_total)</span></pre>")
    found = bundle.find_leaks(copy, needles)
    assert any(f.startswith("site/page.html: 01-toy.ipynb: a line of a solution") for f in found), found
    shutil.rmtree(copy / "site")
    nb = nbformat.read(copy / "notebooks" / "01-toy.ipynb", as_version=4)
    answer = next(c for c in nb.cells if "answer" in c.metadata.get("tags", []))
    answer.outputs = [nbformat.v4.new_output("stream", text=SOLUTION_OUTPUT + "\n")]
    nbformat.write(nb, copy / "notebooks" / "01-toy.ipynb")
    assert any("solution's output" in f for f in bundle.find_leaks(copy, needles))
    zipped = bundle.write_zip(copy, tmp_path / "leaky.zip")
    assert any(f.startswith("leaky.zip!student/notebooks/01-toy.ipynb") for f in bundle.find_leaks(zipped, needles))


def test_a_leaking_bundle_is_refused_and_the_previous_one_stays(dist, toy, tmp_path, monkeypatch):
    out = tmp_path / "dist"
    shutil.copytree(dist, out)
    before = hashlib.sha256((out / "student.zip").read_bytes()).hexdigest()
    monkeypatch.setattr(bundle, "STUDENT_TEMPLATE", tmp_path / "template")
    (tmp_path / "template").mkdir()
    (tmp_path / "template" / "README.md").write_text(f"Answer: {SOLUTION_LINE}\n")
    (tmp_path / "template" / "start.py").write_text("")
    with pytest.raises(bundle.BundleError, match="README.md: 01-toy.ipynb: a line of a solution"):
        bundle.build_bundle(out, [toy], with_site=False)
    assert hashlib.sha256((out / "student.zip").read_bytes()).hexdigest() == before
    assert not list(out.glob(".build-*"))


# ------------------------------------------------------------------ the key decides


def test_a_key_of_the_wrong_form_or_a_telling_hint_is_refused(tmp_path):
    cells = page_cells() + [exercise("q1_1", "core", "years", "int", "Count them.", "How many?"), solution("years = 2.5")]
    with pytest.raises(grading.KeyFailed, match=r"01-toy.ipynb: the key's answer has the wrong form: q1_1: expected a whole number in `years`"):
        grading.assign_all([write_toy(tmp_path / "a", cells)], tmp_path / "work-a")
    cells = page_cells() + [exercise("q1_1", "core", "pay", "number:0", "It is near 45,124.", "How much?"), solution("pay = 45123.6")]
    with pytest.raises(grading.KeyFailed, match=r"\(q1_1\): the hint gives the answer away"):
        grading.assign_all([write_toy(tmp_path / "b", cells)], tmp_path / "work-b")
    cells = page_cells() + [nbformat.v4.new_code_cell("1 / 0")]
    with pytest.raises(grading.KeyFailed, match=r"01-toy.ipynb, cell 5: ZeroDivisionError"):
        grading.assign_all([write_toy(tmp_path / "c", cells)], tmp_path / "work-c")


def test_the_public_check_compares_with_what_the_key_computes(tmp_path):
    """Change the key and the check follows: no value is typed into a check by hand."""
    cells = toy_cells()
    cells[5] = solution("half_total = total / 3")   # 14.0
    assigned = grading.assign_all([write_toy(tmp_path / "t", cells)], tmp_path / "work")[0]
    public = next(p for p in assigned.public_tests if p.name == "q1_1.py")
    assert assigned.answers["q1_1"] == 14.0
    assert run_check(public, half_total=14).passed_all and not run_check(public, half_total=10.5).passed_all


# ------------------------------------------------------------------ what students get


def test_the_bundle_holds_what_students_need_and_nothing_else(dist):
    student = dist / "student"
    for needed in ("README.md", "start.py", "requirements.txt", "constraints.txt", "pyproject.toml", "src/mrt/paths.py",
                   "src/mrt/exercises.py", "data/raw/occupation.toml", "data/raw/reference/cpi_u_annual.csv"):
        assert (student / needed).is_file(), needed
    assert {p.name for p in (student / "data" / "processed").iterdir()} >= {"figures.csv", "data_dictionary.csv"}
    assert not (student / "data" / "processed" / "charts").exists()
    pins = (student / "requirements.txt").read_text().split()
    assert [re.split(r"[\[=]", p)[0].lower() for p in pins] == list(bundle.STUDENT_PACKAGES + bundle.OTTER_RUNTIME)
    no_deps = (student / "requirements-no-deps.txt").read_text().split()
    assert no_deps == ["otter-grader==7.0.0", "fica==0.4.1"]                     # installed without their dependencies
    for not_for_students in ("pytest", "hypothesis", "playwright", "nbval", "papermill", "mutmut", "sphinx", "python-on-whales"):
        assert not any(p.lower().startswith(not_for_students + "=") for p in pins + no_deps)
    readme = (student / "README.md").read_text()
    commands = re.search(r"<!-- student-commands -->\s*```bash\n(.*?)```", readme, re.S).group(1)
    assert [c.split("#")[0].strip() for c in commands.strip().splitlines()] == ["python3 start.py setup", "python3 start.py lab"]


def _imports(text: str) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse("\n".join(l for l in text.splitlines() if not l.lstrip().startswith(("%", "!"))))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return found


def _requirement_closure(packages) -> set[str]:
    from importlib.metadata import PackageNotFoundError, requires

    seen, todo = set(), [p.lower() for p in packages]
    while todo:
        package = todo.pop()
        if package in seen:
            continue
        seen.add(package)
        try:
            needs = requires(package) or []
        except PackageNotFoundError:
            continue
        todo += [re.split(r"[\[<>=!~; (]", r, maxsplit=1)[0].lower().replace("_", "-") for r in needs if "extra ==" not in r]
    return seen


def test_every_import_of_the_notebooks_and_the_package_is_a_student_package():
    """Only the dependencies the notebooks need: every package imported by a notebook, or by an mrt module a
    notebook uses, comes with the student packages."""
    from importlib.metadata import packages_distributions

    imported = set()
    for step in STEPS:
        for cell in nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4).cells:
            if cell.cell_type == "code":
                imported |= _imports(cell.source)
    imported |= {"mrt.exercises"}      # the checks import it
    done = set()
    while todo := {m for m in imported if m.startswith("mrt") and m not in done}:
        for module in todo:
            done.add(module)
            for candidate in (paths.ROOT / "src" / (module.replace(".", "/") + ".py"), paths.ROOT / "src" / module.replace(".", "/") / "__init__.py"):
                if candidate.is_file():
                    imported |= _imports(candidate.read_text())
    third_party = {m.split(".")[0] for m in imported} - set(sys.stdlib_module_names) - {"mrt", "__future__"}
    if "mutants" in Path(paths.__file__).parts:   # mutmut's copy of src/ (in mutants/) imports mutmut's own helpers
        third_party.discard("mutmut")
    reachable = _requirement_closure(bundle.STUDENT_PACKAGES + bundle.OTTER_RUNTIME) | set(bundle.NO_DEPS)
    owners = packages_distributions()
    missing = {m for m in third_party if not {d.lower().replace("_", "-") for d in owners.get(m, [m])} & reachable}
    assert not missing, f"imported but not installed for students: {missing}"
    unneeded = {"pytest", "hypothesis", "playwright", "nbval", "papermill"} & set(bundle.STUDENT_PACKAGES)
    assert not unneeded


def test_start_py_keeps_shipped_tables_and_sends_work_to_scratch(dist, tmp_path):
    copy = tmp_path / "student"
    shutil.copytree(dist / "student", copy)
    spec = importlib.util.spec_from_file_location("start", copy / "start.py")
    start = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(start)
    env = start.working_env()
    assert env["MRT_PROCESSED_DIR"] == str(copy / "scratch" / "processed") and env["MRT_SCRATCH_DIR"] == str(copy / "scratch")
    (copy / "scratch" / "processed").mkdir(parents=True)
    (copy / "scratch" / "processed" / "figures.csv").write_text("the student's own\n")
    start.seed_working_tables()
    assert (copy / "scratch" / "processed" / "figures.csv").read_text() == "the student's own\n"
    assert (copy / "scratch" / "processed" / "cpi_u.csv").read_bytes() == (copy / "data" / "processed" / "cpi_u.csv").read_bytes()
    kernel = copy / ".venv" / "share" / "jupyter" / "kernels" / "python3" / "kernel.json"
    kernel.parent.mkdir(parents=True)
    kernel.write_text('{"argv": ["python"], "display_name": "Python 3"}')
    start.point_kernel_at_scratch()
    assert '"MRT_PROCESSED_DIR": "' + str(copy / "scratch" / "processed") in kernel.read_text()
    assert start.main(["lab"]) == 1          # not set up yet: says so instead of failing later


def test_start_py_notices_a_bundle_moved_or_copied_after_set_up(dist, tmp_path, capsys):
    copy = tmp_path / "renamed"
    shutil.copytree(dist / "student", copy)
    spec = importlib.util.spec_from_file_location("start", copy / "start.py")
    start = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(start)
    start.PYTHON.parent.mkdir(parents=True)
    start.PYTHON.write_text("")                           # an environment set up elsewhere, then copied here
    start.STAMP.write_text(str(tmp_path / "student") + "\n")
    assert start.installed_for() == str(tmp_path / "student") and not start.ready()
    assert "set up in " + str(tmp_path / "student") + " and has been moved or copied since" in capsys.readouterr().err
    assert start.main(["check"]) == 1 and start.main(["lab"]) == 1
    start.STAMP.write_text(str(copy) + "\n")
    assert start.ready()


def test_the_zip_is_the_same_when_rebuilt(dist, toy, tmp_path):
    again = tmp_path / "dist"
    bundle.build_bundle(again, [toy], with_site=False)
    assert (again / "student.zip").read_bytes() == (dist / "student.zip").read_bytes()


def test_the_student_site_page_has_no_solution(toy):
    nb = site_notebook(nbformat.read(toy, as_version=4))
    assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)
    assert [c.source for c in nb.cells].count(ANSWER_NOTE) == 4
    assert "<details><summary>Hint</summary>" in "".join(c.source for c in nb.cells)


@pytest.mark.slow
def test_grader_check_in_the_student_notebook_says_right_or_shows_the_hint(dist, tmp_path):
    from nbclient import NotebookClient

    copy = tmp_path / "student"
    shutil.copytree(dist / "student", copy)
    path = copy / "notebooks" / "01-toy.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.source = cell.source.replace("half_total = ...", "half_total = total / 4").replace("colour = ...", "colour = 'green'")
    nbformat.write(nb, path)
    (copy / "scratch" / "processed").mkdir(parents=True)
    env = {**os.environ, "MRT_PROCESSED_DIR": str(copy / "scratch" / "processed"), "MRT_SCRATCH_DIR": str(copy / "scratch")}
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel(env=env):
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
    checks = {c.source: "".join(o.get("data", {}).get("text/plain", "") for o in c.outputs) for c in nb.cells if c.source.startswith("grader.check")}
    assert checks['grader.check("q1_1")'] == "q1_1: passed."
    digest = re.search(r"'([0-9a-f]{64})'", (copy / "notebooks" / "tests" / "q1_2.py").read_text()).group(1)
    assert checks['grader.check("q1_2")'] == ("q1_2: not yet.\nWhat was found: `colour` holds 'green': not the expected answer "
                                              "yet (case and spaces are ignored)\nHint: Think of the sky.")   # no test code, no hash
    assert digest not in "".join(checks.values()) and "Check.parse" not in "".join(checks.values())
    assert "holds no answer yet" in checks['grader.check("q1_3")']
    assert zipfile.ZipFile(copy / "notebooks" / "01-toy-submission.zip").namelist()[0] == "01-toy.ipynb"   # the hand-in cell ran
    assert (copy / "scratch" / "processed" / "toy-written.txt").is_file() and not (copy / "data" / "processed" / "toy-written.txt").exists()


@pytest.mark.slow
def test_the_zip_installs_and_runs_outside_the_repository(dist, tmp_path):
    """A student's machine: unzip anywhere, set up a fresh venv (pip's cache is reused), run every notebook."""
    shutil.copy2(dist / "student.zip", tmp_path / "student.zip")
    with zipfile.ZipFile(tmp_path / "student.zip") as archive:
        archive.extractall(tmp_path)
    student = tmp_path / "student"
    shipped = {p: p.read_bytes() for p in (student / "data" / "processed").rglob("*") if p.is_file()}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MRT_", "VIRTUAL_ENV", "PYTHONPATH"))}
    for command in (["setup"], ["check"]):
        result = subprocess.run([sys.executable, "start.py", *command], cwd=student, env=env, capture_output=True, text=True, timeout=1800)
        assert result.returncode == 0, result.stderr[-3000:]
    executed = nbformat.read(student / "scratch" / "executed" / "01-toy.ipynb", as_version=4)
    assert not [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    imported = subprocess.run([str(student / ".venv" / "bin" / "python"), "-c", "import mrt.paths as p; print(p.ROOT)"],
                              capture_output=True, text=True, env=env, cwd=tmp_path)
    assert imported.stdout.strip() == str(student)            # the bundle's own package, not the repository's
    assert {p: p.read_bytes() for p in (student / "data" / "processed").rglob("*") if p.is_file()} == shipped
    assert (student / "scratch" / "processed" / "toy-written.txt").is_file()


# ------------------------------------------------------------------ the real notebooks


def real_exercises(step):
    return read_exercises(nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4), step.notebook)


@pytest.mark.parametrize("step", [s for s in STEPS if s.has_exercises], ids=lambda s: s.notebook)
def test_real_notebooks_follow_the_exercise_format(step):
    found = real_exercises(step)
    assert len(found) >= 5, f"{step.notebook}: expected at least five exercises, found {len(found)}"
    levels = [e.level for e in found]
    assert levels[0] == "warm-up" and "stretch" in levels, f"{step.notebook}: from warm-up to stretch, found {levels}"


@pytest.mark.slow
def test_the_real_bundle_has_no_solution_and_runs_outside_the_repository(tmp_path):
    """The teacher's command on the real notebooks: build, scan (the build refuses a leak; scanned again here), unzip
    elsewhere, install in a fresh venv and run every student notebook; the shipped tables stay byte for byte."""
    for step in (s for s in STEPS if s.has_exercises):
        real_exercises(step)
    out = bundle.build_bundle(tmp_path / "dist")
    needles = bundle.solution_needles([paths.NOTEBOOKS / s.notebook for s in STEPS], bundle.package_source())
    assert bundle.find_leaks(out, needles) == [] and bundle.find_leaks(tmp_path / "dist" / "student.zip", needles) == []
    assert (out / "site" / "index.html").is_file() and len(list((out / "notebooks").glob("*.ipynb"))) == len(STEPS)
    with zipfile.ZipFile(tmp_path / "dist" / "student.zip") as archive:
        archive.extractall(tmp_path / "elsewhere")
    student = tmp_path / "elsewhere" / "student"
    shipped = {p: p.read_bytes() for p in (student / "data" / "processed").rglob("*") if p.is_file()}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MRT_", "VIRTUAL_ENV", "PYTHONPATH"))}
    for command in (["setup"], ["check"]):
        result = subprocess.run([sys.executable, "start.py", *command], cwd=student, env=env, capture_output=True, text=True, timeout=3000)
        assert result.returncode == 0, result.stderr[-3000:]
    for step in STEPS:
        executed = nbformat.read(student / "scratch" / "executed" / step.notebook, as_version=4)
        assert not [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"], step.notebook
    assert {p: p.read_bytes() for p in (student / "data" / "processed").rglob("*") if p.is_file()} == shipped


def test_in_a_student_bundle_tables_default_to_a_working_copy_in_scratch(tmp_path, monkeypatch):
    """Whatever starts the kernel (start.py, VS Code, a hub), a bundle's shipped tables are never written."""
    shipped = tmp_path / "data" / "processed"
    (shipped / "charts").mkdir(parents=True)
    (shipped / "figures.csv").write_text("shipped\n")
    (shipped / "charts" / "a.csv").write_text("chart\n")
    monkeypatch.delenv(paths.PROCESSED_ENV, raising=False)
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    monkeypatch.setattr(paths, "DATA", tmp_path / "data")
    assert paths.processed_dir() == shipped                      # no marker: the project's own layout
    (tmp_path / paths.STUDENT_MARKER).write_text("bundle\n")
    working = paths.processed_dir()
    assert working == tmp_path / "scratch" / "processed"
    assert (working / "figures.csv").read_text() == "shipped\n" and (working / "charts" / "a.csv").read_text() == "chart\n"
    (working / "figures.csv").write_text("the student's own\n")
    assert paths.processed_dir() == working and (working / "figures.csv").read_text() == "the student's own\n"
    assert (shipped / "figures.csv").read_text() == "shipped\n"
    monkeypatch.setenv(paths.PROCESSED_ENV, str(tmp_path / "elsewhere"))
    assert paths.processed_dir() == (tmp_path / "elsewhere").resolve()
