"""The set-up files agree with each other, with the README and with CI."""

import re
import shlex

import yaml

from mrt import paths


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


def requirement_pins():
    return pins((paths.ROOT / "requirements.txt").read_text().splitlines())


def test_environment_yml_lists_the_same_packages_and_versions():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert pins(pip_section) == requirement_pins()
    assert "python=3.11" in env["dependencies"] and "pip" in env["dependencies"]


def test_constraints_pin_every_direct_requirement_at_the_same_version():
    locked = pins(l for l in (paths.ROOT / "constraints.txt").read_text().splitlines())
    for name, version in requirement_pins().items():
        assert locked.get(name) == version, f"{name}: requirements {version}, constraints {locked.get(name)}"


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
