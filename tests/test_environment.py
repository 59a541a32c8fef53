"""The set-up files agree with each other, with the README and with CI; the main job installs only what it needs."""

import ast
import importlib.metadata
import re
import shlex

import nbformat
import pytest
import yaml

from mrt import paths

GROUP_FILES = ("requirements.txt", "requirements-test.txt", "requirements-lab.txt", "requirements-teach.txt")
TEST_ONLY = {"pytest", "hypothesis", "nbval", "playwright", "mutmut"}  # pyyaml: mrt.grading needs it in the main group


def pins(lines):
    found = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[^\]]+\])?==([^\s;]+)", line)
        assert match, f"not an exact pin: {line!r}"
        found[match.group(1).lower().replace("_", "-")] = match.group(3)
    return found


def requirement_pins(*files):
    found = {}
    for name in files or GROUP_FILES:
        group = pins((paths.ROOT / name).read_text().splitlines())
        assert not set(group) & set(found), f"{name} repeats a package of another requirement file"
        found.update(group)
    return found


def test_environment_yml_lists_the_same_packages_and_versions():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert pins(pip_section) == requirement_pins(), "environment.yml must list every requirement file's pins"
    assert "python=3.11" in env["dependencies"] and "pip" in env["dependencies"]


def test_constraints_pin_every_direct_requirement_at_the_same_version():
    locked = pins(l for l in (paths.ROOT / "constraints.txt").read_text().splitlines())
    for name, version in requirement_pins().items():
        assert locked.get(name) == version, f"{name}: requirements {version}, constraints {locked.get(name)}"
    assert "uv" in locked, "run.py installs uv under constraints.txt: pin it there"


def test_main_requirements_hold_no_test_or_lab_package():
    main = set(requirement_pins("requirements.txt"))
    assert not main & TEST_ONLY and "jupyterlab" not in main
    assert TEST_ONLY <= set(requirement_pins("requirements-test.txt"))


def closure(pinned):
    """Every distribution the pinned requirements need, as installed here (markers evaluated, extras followed)."""
    from packaging.requirements import Requirement

    seen, todo = set(), [Requirement(f"{name}{extras}") for name, extras in pinned.items()]
    while todo:
        requirement = todo.pop()
        name = requirement.name.lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        for text in importlib.metadata.requires(name) or []:
            needed = Requirement(text)
            environments = [{"extra": e} for e in requirement.extras] or [{"extra": ""}]
            if needed.marker is None or any(needed.marker.evaluate(e) for e in environments):
                todo.append(needed)
    return seen


def imported_modules():
    sources = [p.read_text(encoding="utf-8") for p in (paths.ROOT / "src" / "mrt").rglob("*.py")]
    sources += [c.source for p in paths.NOTEBOOKS.glob("*.ipynb") for c in nbformat.read(p, as_version=4).cells
                if c.cell_type == "code"]
    found = set()
    for source in sources:
        for node in ast.walk(ast.parse(source.replace("%matplotlib inline", ""))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


def test_main_requirements_provide_every_import_of_the_main_job():
    """What src/mrt and the notebooks import comes with requirements.txt alone (not from the test or lab files)."""
    lines = [l.split("#")[0].strip() for l in (paths.ROOT / "requirements.txt").read_text().splitlines()]
    provided = closure({re.split(r"[\[=]", l)[0]: (re.search(r"\[[^\]]+\]", l) or [""])[0] for l in lines if l})
    by_module = importlib.metadata.packages_distributions()
    for module in sorted(imported_modules()):
        distributions = {d.lower().replace("_", "-") for d in by_module.get(module, [])}
        if not distributions or module in ("mrt", "mutmut"):
            continue  # the standard library, the project itself, or mutmut's hooks in its mutated copies of src/
        if module == "otter":  # imported only when the student bundle is built (src/mrt/grading.py): the teach group
            assert "otter-grader" in requirement_pins("requirements-teach.txt")
            continue
        assert distributions & provided, f"{module} (from {sorted(distributions)}) is not installed by requirements.txt"


def readme_commands():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- commands -->\s*```(?:bash|sh)?\n(.*?)```", readme, re.S)
    assert block, "README needs the two commands in a fenced block after <!-- commands -->"
    return [l.strip() for l in block.group(1).splitlines() if l.strip() and not l.strip().startswith("#")]


def test_readme_has_two_commands_and_ci_calls_the_test_one():
    commands = readme_commands()
    assert len(commands) == 2, commands
    run, test = (c.split("#")[0].strip() for c in commands)
    ci = (paths.ROOT / ".ci" / "run").read_text()
    ci_commands = [shlex.split(l, comments=True) for l in ci.splitlines() if l.strip() and not l.strip().startswith("#")]
    assert shlex.split(test, comments=True) in ci_commands, f".ci/run must call the README's test command {test!r}"
    assert run != test


def test_makefile_only_wraps_run_py():
    makefile = (paths.ROOT / "Makefile").read_text()
    recipes = [l.strip() for l in makefile.splitlines() if l.startswith("\t")]
    assert recipes and all(r.startswith("$(PYTHON) run.py") for r in recipes)
