"""The house without circles (issue 21): the import graph of src/mrt, computed from the source with ast.

Fails on an import cycle, on an import that runs upward (the layers below, declared once, here), on an import inside a
function without a one-line ``# deferred: <reason>`` comment, on a list declared twice that mrt.vocab owns, and on a
command or chart list that drifted from mrt.vocab. run.py is outside: it runs before mrt is installed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from mrt import vocab

SRC = Path(__file__).resolve().parents[1] / "src" / "mrt"
ROOT = SRC.parents[1]

# Lowest first. A module may import modules of its own layer or of a lower one, never of a higher one (ARCHITECTURE.md).
LAYERS = (
    ("vocabulary", ("vocab",)),
    ("base", ("paths", "parse", "report", "exercises", "feedback", "chartfiles")),
    ("input", ("io", "occupation", "staging", "rawrules")),
    ("analysis", ("wages", "wages.provenance", "wages.fits", "wages.realpay", "growth", "education", "education.parameters",
                  "education.routes", "education.model", "education.inputs", "factcheck", "factcheck.rules", "factcheck.checks",
                  "factcheck.tallies", "factcheck.titles")),
    ("dictionary", ("schema", "rawschema")),
    ("cleaning", ("clean",)),
    ("narration", ("words", "words.common", "words.ledger", "words.salaries", "words.projections", "words.education",
                   "words.evidence", "words.tallies", "words.summary", "insight", "findings", "charts", "charts.education",
                   "charts.factcheck", "charts.projections", "charts.salaries", "draft", "readability")),
    ("publishing", ("readme", "site", "site.assets", "site.markup", "site.page", "site.index", "handouts", "grading", "student")),
    ("running", ("preflight", "kernelfork", "executor", "pipeline", "rerun", "bundle", "gradebook", "rawcheck")),
    ("command line", ("cli",)),
)
LAYER_OF = {module: rank for rank, (_, modules) in enumerate(LAYERS) for module in modules}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py")) if module_name(p) != "__init__"}


def mrt_targets(node: ast.AST, importer: str) -> list[str]:
    """The mrt modules an import statement names (``from mrt import a, b`` names a and b when they are modules)."""
    if isinstance(node, ast.Import):
        return [a.name.removeprefix("mrt.") for a in node.names if a.name.startswith("mrt.")]
    if node.level:  # relative: from . import x / from .x import y
        package = importer.split(".")[:-1] if importer in MODULES and not MODULES[importer].name == "__init__.py" else importer.split(".")
        base = ".".join(package[:len(package) - node.level + 1])
        module = ".".join(filter(None, [base, node.module]))
    elif node.module == "mrt" or (node.module or "").startswith("mrt."):
        module = (node.module or "").removeprefix("mrt").removeprefix(".")
    else:
        return []
    named = [".".join(filter(None, [module, a.name])) for a in node.names]
    found = [n for n in named if n in MODULES]
    return found if found else [module] if module in MODULES else []


def imports(name: str) -> tuple[set[str], list[tuple[int, str]]]:
    """(mrt modules imported at module level, function-level imports as (line, source line))."""
    text = MODULES[name].read_text(encoding="utf-8")
    lines = text.splitlines()
    top, inner = set(), []

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                if in_function:
                    inner.append((child.lineno, lines[child.lineno - 1]))
                elif not _type_checking_only(child):
                    top.update(mrt_targets(child, name))
            walk(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    tree = ast.parse(text)
    parents = {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}

    def _type_checking_only(node: ast.AST) -> bool:
        parent = parents.get(id(node))
        return isinstance(parent, ast.If) and "TYPE_CHECKING" in ast.unparse(parent.test)

    walk(tree, False)
    top.discard(name)
    return top, inner


GRAPH = {name: imports(name)[0] for name in MODULES}


def test_every_module_has_a_layer():
    assert set(MODULES) == set(LAYER_OF), "give each module of src/mrt a layer in LAYERS (and ARCHITECTURE.md)"


def test_no_import_cycle():
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for target in sorted(GRAPH[node]):
            if state.get(target) == "open":
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target, stack + [target])
        state[node] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_no_upward_import():
    upward = [f"{name} ({LAYERS[LAYER_OF[name]][0]}) imports {target} ({LAYERS[LAYER_OF[target]][0]})"
              for name, targets in sorted(GRAPH.items()) for target in sorted(targets) if LAYER_OF[target] > LAYER_OF[name]]
    assert not upward, "imports that run upward: " + "; ".join(upward)


def test_a_module_of_a_package_imports_only_the_modules_listed_before_it():
    """education.* and factcheck.* (ARCHITECTURE.md): parameters < routes < model < inputs; rules < checks < tallies < titles."""
    order = [module for _, modules in LAYERS for module in modules]
    later = [f"{name} imports {target}" for name, targets in sorted(GRAPH.items()) for target in sorted(targets)
             if name.split(".")[0] in ("education", "factcheck") and "." in name and "." in target
             and target.split(".")[0] == name.split(".")[0] and order.index(target) > order.index(name)]
    assert not later, "a module of a package imports one listed after it in LAYERS: " + "; ".join(later)


def imported_packages(name: str) -> set[str]:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    return {(n.module if isinstance(n, ast.ImportFrom) else a.name).split(".")[0]
            for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}


def test_vocab_is_a_leaf_of_the_standard_library_only():
    assert imported_packages("vocab") <= {"__future__", "dataclasses"}, "run.py reads mrt.vocab before .venv exists"


def test_paths_needs_only_the_standard_library():
    """A student bundle's start.py reads mrt.paths from its file (to seed scratch/processed) before its environment exists."""
    assert imported_packages("paths") <= {"__future__", "os", "shutil", "pathlib"}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_an_import_inside_a_function_says_why_it_is_deferred(name):
    bare = [f"{MODULES[name].name}:{line}: {source.strip()}" for line, source in imports(name)[1]
            if not re.search(r"#\s*deferred: \S", source)]
    assert not bare, "imports inside functions without a '# deferred: <reason>' comment: " + "; ".join(bare)


def test_a_deferred_import_never_defers_an_mrt_module():
    """Deferring is for heavy or optional packages; an mrt module imported late hides a cycle."""
    late = [f"{name}:{line}" for name in MODULES for line, source in imports(name)[1] if re.search(r"\bmrt\b", source.split("#")[0])]
    assert not late, late


# -- every list declared once -------------------------------------------------------------------------------------

DECLARED_ONCE = ("CHECKS", "STANCES", "OEWS_STATISTICS", "HOURS_PER_YEAR", "SETUP_TAG", "SOLUTION_TAG", "STEPS",
                 "MAIN_CHARTS", "RANGE_PERCENTILES", "ENTRY_STANCES", "COMMANDS", "TOPICS", "AS_REPORTED")


def assigned_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def test_the_vocabulary_is_declared_only_in_vocab():
    twice = [f"{name} in {path.relative_to(ROOT)}" for path in MODULES.values() if path.stem != "vocab"
             for name in sorted(assigned_names(path) & set(DECLARED_ONCE))]
    assert not twice, "declared again outside mrt.vocab: " + "; ".join(twice)


LITERALS = {  # a value of mrt.vocab typed out again elsewhere in src/mrt: caught by its text
    "2,080 hours as a number": re.compile(r"(?<![\w.])2_?080(?![\w.])"),
    "the four OEWS statistics": re.compile(r"\(\s*\"mean\",\s*\"p10\",\s*\"median\",\s*\"p90\"\s*\)"),
    "the entry stances": re.compile(r"\(\s*\"required\",\s*\"typical\"\s*\)"),
}


@pytest.mark.parametrize("what", sorted(LITERALS))
def test_no_vocabulary_value_is_typed_again(what):
    found = [f"{path.relative_to(ROOT)}:{number}" for path in MODULES.values() if path.stem != "vocab"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if LITERALS[what].search(line.split("#")[0])]
    assert not found, f"{what} typed again (import it from mrt.vocab): {found}"


def test_the_registries_follow_the_declared_check_names():
    from mrt import factcheck, words

    assert tuple(factcheck.REGISTRY) == vocab.CHECKS and tuple(words.EVIDENCE) == vocab.CHECKS
    assert all(function.__name__ == f"check_{name}" for name, function in factcheck.REGISTRY.items())


# -- the commands, the charts, the notebooks -------------------------------------------------------------------------

def test_the_makefile_targets_are_commands_of_the_vocabulary():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z]+):", makefile, flags=re.M))
    phony = set(re.search(r"^\.PHONY:(.*)$", makefile, flags=re.M).group(1).split())
    assert targets == phony and targets <= set(vocab.COMMANDS)
    assert all(f"run.py {t}" in makefile for t in targets), "each target calls run.py with the command of its name"


def test_run_py_usage_lists_every_command_and_reads_the_rest_from_vocab():
    text = (ROOT / "run.py").read_text(encoding="utf-8")
    usage = ast.get_docstring(ast.parse(text))
    assert set(re.findall(r"python3 run\.py ([a-z]+)", usage)) | {"run"} == set(vocab.COMMANDS)
    assert "vocabulary().COMMANDS" in text


def test_the_command_line_handles_its_commands_of_the_vocabulary():
    from mrt import cli

    assert set(cli.HANDLERS) == set(vocab.CLI_COMMANDS) <= set(vocab.COMMANDS)


def test_each_notebook_saves_exactly_the_charts_it_declares():
    """The README and the site find charts from mrt.vocab.STEPS; the notebooks must save exactly those."""
    import nbformat

    for step in vocab.STEPS:
        nb = nbformat.read(ROOT / "notebooks" / step.notebook, as_version=4)
        saved = [name for cell in nb.cells if cell.cell_type == "code"
                 for name in re.findall(r'save_chart\(\s*fig,\s*"([^"]+)"', cell.source)]
        assert sorted(saved) == sorted(step.charts), step.notebook
    assert set(vocab.MAIN_CHARTS) <= set(vocab.CHARTS)


def test_a_chart_on_disk_that_no_notebook_declares_is_refused(tmp_path, monkeypatch):
    from mrt import paths, readme

    monkeypatch.setenv(paths.PROCESSED_ENV, str(tmp_path))
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "stray.png").write_bytes(b"")
    with pytest.raises(ValueError, match="stray.png .*declared by no notebook"):
        readme.chart_index()


def test_the_notebook_lists_come_from_the_graph():
    assert vocab.NOTEBOOKS == tuple(p.stem for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")))
    assert vocab.FINDING_NOTEBOOKS == vocab.NOTEBOOKS[:-1]
    assert all(set(step.needs) < {s.notebook for s in vocab.STEPS} for step in vocab.STEPS)


def test_the_tolerance_of_hourly_and_annual_is_rounding_of_both():
    assert vocab.hourly_annual_tolerance() == pytest.approx(15.40)  # 2,080 x $0.005 + $10 / 2
    assert vocab.hourly_annual_tolerance(0.01, 1000.0) == pytest.approx(510.40)
    assert vocab.hourly_annual_tolerance(0.0, 0.0) == 0


MAX_MODULE_LINES = 800  # issue 21: a module longer than this holds more than one job


def test_no_module_is_over_800_lines():
    long = {name: n for name, path in MODULES.items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"split by job: {long}"
