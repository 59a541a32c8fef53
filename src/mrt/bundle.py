"""What a teacher hands out: ``python3 run.py student`` builds ``dist/``.

- ``dist/student/`` and ``dist/student.zip``: the student notebooks (otter-grader's student version: every
  solution replaced by an answer cell and a ``grader.check`` cell), their public checks, the data they read,
  the ``mrt`` package (installable), a student site (the same pages without solutions), a README with one
  set-up command and one command to open JupyterLab, and only the packages the notebooks need. It runs
  outside the repository (``start.py``); everything a student's run writes goes to its ``scratch/``.
- ``dist/autograder/``: per notebook, otter's autograder notebook (with the key), every test (hidden ones
  too) and otter's autograder zip; ``questions.json`` (what ``python3 run.py grade`` grades) and the answer key
  (``answer-key.html``, :mod:`mrt.handouts`). Never part of the student bundle.
- the student bundle's ``worksheet.html``: every exercise with an answer box, to print; its site has no
  teacher's page.

The bundle is built in a staging folder, scanned for any solution's source, output or model answer (the
zip included), and only then moved into place.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

from mrt import grading, paths
from mrt.exercises import ExerciseError, read_exercises, source, tags
from mrt.grading import QUESTIONS_FILE, KeyFailed
from mrt.handouts import answer_key, worksheet
from mrt.io import write_text
from mrt.vocab import STEPS
from mrt.preflight import PreflightError, check_notebook
from mrt.site import build_site
from mrt.student import site_notebook
from mrt.vocab import SOLUTION_TAG

DIST = paths.ROOT / "dist"
TEMPLATES = paths.ROOT / "teaching"
STUDENT_TEMPLATE = TEMPLATES / "student-bundle"
AUTOGRADER_README = TEMPLATES / "autograder-README.md"

# The packages the student notebooks need (they and the mrt modules they call import these), pinned as in the
# project's requirement files (main job, JupyterLab, teaching); constraints.txt pins what they pull in.
# Test-only packages never go to students.
STUDENT_PACKAGES = ("jupyterlab", "ipykernel", "numpy", "pandas", "pandera", "scipy", "matplotlib", "seaborn")
# otter-grader's checks and export (no PDF) need only these of its dependencies (pinned from constraints.txt); otter
# itself and fica are installed without theirs (requirements-no-deps.txt), which would bring a browser driver
# (playwright, for PDFs), Docker's client, Sphinx and others a student never uses: a .venv about 350 MB lighter.
OTTER_RUNTIME = ("dill", "ipylab", "ipywidgets", "python-frontmatter", "pyyaml", "wrapt")
NO_DEPS = ("otter-grader", "fica")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class BundleError(RuntimeError):
    """The bundle could not be built, or would leak a solution; the message names the file."""


def _pin_name(line: str) -> str:
    return re.split(r"[\[=<>; ]", line.strip(), maxsplit=1)[0].lower().replace("_", "-")


REQUIREMENT_FILES = ("requirements.txt", "requirements-lab.txt", "requirements-teach.txt")


def student_requirements(*files: Path, packages: tuple[str, ...] = STUDENT_PACKAGES + OTTER_RUNTIME) -> list[str]:
    """The pinned lines, from the project's requirement files and then constraints.txt, for exactly ``packages``."""
    files = files or tuple(paths.ROOT / name for name in REQUIREMENT_FILES + ("constraints.txt",))
    pinned = {}
    for requirements in reversed(files):  # the first file's pin wins: requirement files before constraints.txt
        lines = [l.split("#", 1)[0].strip() for l in requirements.read_text(encoding="utf-8").splitlines()]
        pinned.update({_pin_name(l): l for l in lines if l})
    missing = [p for p in packages if p not in pinned]
    if missing:
        raise BundleError(f"{', '.join(paths.relative(f) for f in files)}: expected pins for {missing}, found none")
    return [pinned[p] for p in packages]


def _pyproject() -> str:
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return ("[build-system]\nrequires = [\"setuptools>=68\"]\nbuild-backend = \"setuptools.build_meta\"\n\n"
            f"[project]\nname = {json.dumps(project['name'])}\nversion = {json.dumps(project['version'])}\n"
            f"description = {json.dumps(project['description'])}\nrequires-python = {json.dumps(project['requires-python'])}\n\n"
            "[tool.setuptools.packages.find]\nwhere = [\"src\"]\n")


# ---------------------------------------------------------------- the solution scan


@dataclass(frozen=True)
class Needle:
    text: str
    what: str


def _output_texts(cell) -> list[str]:
    texts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            texts.append(source({"source": output["text"]}))
        for mime, value in output.get("data", {}).items():
            value = source({"source": value})
            if mime == "text/html":
                value = _html_text(value)
            texts.append(value)
    return texts


def _html_text(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def package_source() -> tuple[str, ...]:
    """The text of every module of the mrt package, which students get: a line found there is no secret."""
    return tuple(p.read_text(encoding="utf-8") for p in sorted((paths.ROOT / "src" / "mrt").rglob("*.py")))


def solution_needles(notebooks: list[Path], public: tuple[str, ...] = (), min_line: int = 20) -> list[Needle]:
    """What must never appear in a student's file: each solution cell's source, its long lines and output
    lines, and each model answer, unless the same text is also part of a page outside the solutions or of
    ``public`` (the package's own source, which students get)."""
    page, solutions = [], []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            (solutions if SOLUTION_TAG in tags(cell) else page).append((path.name, cell))
    elsewhere = "\n".join([source(c) + "\n" + "\n".join(_output_texts(c)) for _, c in page] + list(public))
    needles = []
    for name, cell in solutions:
        text = source(cell).strip()
        if len(text) >= 8 and text not in elsewhere:
            needles.append(Needle(text, f"{name}: a solution's {'model answer' if cell.cell_type == 'markdown' else 'source'}"))
        for line in text.splitlines():
            if len(line.strip()) >= min_line and line.strip() not in elsewhere:
                needles.append(Needle(line.strip(), f"{name}: a line of a solution"))
        for output in _output_texts(cell):
            for line in output.splitlines():
                if len(line.strip()) >= 12 and line.strip() not in elsewhere:
                    needles.append(Needle(line.strip(), f"{name}: a line of a solution's output"))
        for output in cell.get("outputs", []):
            for mime, value in output.get("data", {}).items():
                if mime.startswith("image/"):
                    needles.append(Needle(source({"source": value}).strip(), f"{name}: a solution's {mime} output"))
    return needles


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return ["".join(value)] if value and all(isinstance(v, str) for v in value) else [s for v in value for s in _strings(v)]
    return []


def _readable(name: str, data: bytes) -> list[str]:
    """The texts a reader of this file could see: raw text, a notebook's strings, a page's visible text."""
    text = data.decode("utf-8", errors="replace")
    texts = [text]
    if name.endswith(".ipynb"):
        texts += _strings(json.loads(text))
    if name.endswith((".html", ".htm")):
        texts.append(_html_text(text))
    return texts


def find_leaks(folder_or_zip: Path, needles: list[Needle]) -> list[str]:
    """Every file (zip members included) that holds a needle, as 'file: what'."""
    found = []

    def scan(name: str, data: bytes) -> None:
        if name.endswith(".zip"):
            with zipfile.ZipFile(_bytes_file(data)) as inner:
                for member in inner.namelist():
                    scan(f"{name}!{member}", inner.read(member))
            return
        texts = _readable(name, data)
        for needle in needles:
            if any(needle.text in t for t in texts):
                found.append(f"{name}: {needle.what}: {needle.text[:80]!r}")

    target = Path(folder_or_zip)
    files = [target] if target.is_file() else sorted(p for p in target.rglob("*") if p.is_file())
    for path in files:
        scan(path.relative_to(target.parent if target.is_file() else target).as_posix(), path.read_bytes())
    return found


def _bytes_file(data: bytes):
    return io.BytesIO(data)


# ---------------------------------------------------------------- assembling the bundle


def _copy_tree(source_dir: Path, target: Path, skip=lambda p: False) -> None:
    for path in sorted(source_dir.rglob("*")):
        relative = path.relative_to(source_dir)
        if path.is_file() and not skip(relative) and "__pycache__" not in relative.parts:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / relative)


def _site_notebooks(notebooks: list[Path], out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for path in notebooks:
        nbformat.write(site_notebook(nbformat.read(path, as_version=4)), out / path.name)
    return out


def write_zip(folder: Path, target: Path) -> Path:
    """A zip of ``folder`` (top-level folder named like it), entries sorted and dated 1980 so rebuilds are identical."""
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (0o755 if os.access(path, os.X_OK) else 0o644) << 16
                archive.writestr(info, path.read_bytes())
    os.replace(partial, target)
    return target


def _swap_in(staged: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build_bundle(dist: Path | None = None, notebooks: list[Path] | None = None, with_site: bool = True,
                 rubrics_file: Path | None = None) -> Path:
    """Build ``dist/student/``, ``dist/student.zip`` and ``dist/autograder/`` from the teacher's executed
    notebooks (every notebook of the main job unless ``notebooks`` says otherwise); return the student folder."""
    dist = Path(dist or DIST)
    notebooks = [Path(p) for p in notebooks] if notebooks is not None else [paths.NOTEBOOKS / s.notebook for s in STEPS]
    for path in notebooks:
        if not path.is_file():
            raise BundleError(f"{paths.relative(path)}: notebook not found")
        try:
            check_notebook(path)  # a truncated or broken notebook is named, with the place
        except PreflightError as error:
            raise BundleError(str(error)) from None
    with_exercises = [p for p in notebooks if read_exercises(nbformat.read(p, as_version=4), p.name)]
    dist.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=dist))
    try:
        assigned = grading.assign_all(with_exercises, work)
        rubrics = grading.load_rubrics(rubrics_file or grading.RUBRICS)
        questions = grading.question_list(assigned, rubrics)
        student = work / "student"
        _assemble_student(student, notebooks, assigned, work, with_site)
        autograder = work / "autograder"
        _assemble_autograder(autograder, assigned, questions, rubrics)
        needles = solution_needles(notebooks + [a.executed_key for a in assigned], package_source())  # the key's fresh outputs too
        leaks = find_leaks(student, needles)
        if leaks:
            raise BundleError("the student bundle would hold solutions:\n" + "\n".join(leaks[:20]))
        zipped = write_zip(student, work / "student.zip")
        leaks = find_leaks(zipped, needles)
        if leaks:
            raise BundleError("the student zip would hold solutions:\n" + "\n".join(leaks[:20]))
        _swap_in(student, dist / "student")
        _swap_in(autograder, dist / "autograder")
        os.replace(zipped, dist / "student.zip")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return dist / "student"


def _assemble_student(student: Path, notebooks: list[Path], assigned: list, work: Path, with_site: bool) -> None:
    by_name = {a.notebook: a for a in assigned}
    tests = student / "notebooks" / "tests"
    tests.mkdir(parents=True)
    for path in notebooks:
        if path.name in by_name:
            shutil.copy2(by_name[path.name].student_notebook, student / "notebooks" / path.name)
            for test in by_name[path.name].public_tests:
                if (tests / test.name).exists():
                    raise BundleError(f"{path.name}: check {test.stem} is also defined by another notebook (ids must be unique)")
                shutil.copy2(test, tests / test.name)
        else:
            shutil.copy2(path, student / "notebooks" / path.name)
    _copy_tree(paths.RAW, student / "data" / "raw")
    _copy_tree(paths.processed_dir(), student / "data" / "processed", skip=lambda r: r.parts[0] == "charts")
    _copy_tree(paths.ROOT / "src" / "mrt", student / "src" / "mrt")
    for name in ("README.md", "start.py"):
        shutil.copy2(STUDENT_TEMPLATE / name, student / name)
    write_text("\n".join(student_requirements()) + "\n", student / "requirements.txt")
    write_text("\n".join(student_requirements(packages=NO_DEPS)) + "\n", student / "requirements-no-deps.txt")
    shutil.copy2(paths.ROOT / "constraints.txt", student / "constraints.txt")
    write_text(_pyproject(), student / "pyproject.toml")
    write_text("This folder is a student bundle: mrt's tables are read and written in scratch/processed.\n",
               student / paths.STUDENT_MARKER)

    write_text(worksheet(assigned), student / "worksheet.html")
    if with_site:
        build_site(student / "site", _site_notebooks(notebooks, work / "site-notebooks"), solutions=False)  # no teacher's page


def _assemble_autograder(autograder: Path, assigned: list, questions: dict, rubrics: dict) -> None:
    autograder.mkdir(parents=True)
    if AUTOGRADER_README.is_file():
        shutil.copy2(AUTOGRADER_README, autograder / "README.md")
    write_text(json.dumps(questions, indent=1, ensure_ascii=False) + "\n", autograder / QUESTIONS_FILE)
    write_text(answer_key(assigned, rubrics), autograder / "answer-key.html")
    for item in assigned:
        target = autograder / Path(item.notebook).stem
        _copy_tree(item.autograder_dir, target, skip=lambda r: r.suffix == ".zip")
        for archive in item.autograder_dir.glob("*.zip"):
            shutil.copy2(archive, target / f"{Path(item.notebook).stem}-autograder.zip")


def main(argv: list[str] | None = None) -> int:
    """``python -m mrt.bundle``: build dist/; a failure is one line naming the notebook, cell or file."""
    try:
        out = build_bundle()
    except (ExerciseError, KeyFailed, BundleError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"student bundle written: {paths.relative(out)} and {paths.relative(out.parent / 'student.zip')}; "
          f"autograder: {paths.relative(out.parent / 'autograder')}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
