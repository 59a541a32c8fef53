"""The README's "In short", findings and outputs sections, written from the processed tables.

``python3 run.py`` rewrites the blocks between the markers; a test checks that
the committed README equals what the tables say, so the front page cannot drift.
"""

from __future__ import annotations

import re
from pathlib import Path

from mrt import insight, occupation, paths, schema, words
from mrt.chartfiles import chart_alt, chart_title
from mrt.io import write_text
from mrt.report import escape_markup
from mrt.vocab import CHARTS, MAIN_CHARTS
from mrt.words import METHOD_TAG

README = paths.ROOT / "README.md"
BLOCKS = ("inshort", "findings", "outputs")
REGISTER_NOTEBOOK = "notebooks/06-findings.ipynb"  # where a finding's alternatives are shown (the tag links there)


def finding_line(row) -> str:
    """One register row as a README bullet: the statement as reported (text from data made inert, on one line) and,
    when another reasonable method changes it, one short tag linking to the register (the alternatives themselves are
    listed there, not here)."""
    text = f"- {escape_markup(_one_line(row.statement))}"
    if not bool(row.holds_under_all):
        text += f" [{METHOD_TAG}]({REGISTER_NOTEBOOK})"
    return text


def _one_line(text) -> str:
    """Text from data on one line: a line break inside it could end the generated block early."""
    return " ".join(str(text).split())


def notebook_label(notebook: str) -> str:
    """``"02-salaries"`` -> ``"notebook 2"``."""
    return f"notebook {int(notebook.split('-')[0])}"


def render_inshort(found: dict | None = None) -> str:
    """The four questions a career seeker brings, each answered in at most two sentences from the processed tables
    (mrt.insight computes, mrt.words writes), with a link to the notebook behind it; then the glossary."""
    found = insight.facts() if found is None else found
    lines = []
    for key in insight.QUESTIONS:
        notebook = insight.SECTIONS[key][0]
        answer = escape_markup(_one_line(" ".join(words.ANSWERS[key](found[key]))))
        lines += [f"**{words.QUESTIONS[key]}** {answer} ([{notebook_label(notebook)}](notebooks/{notebook}.ipynb))", ""]
    lines += ["**Words used here**", ""] + [f"- *{term.capitalize()}*: {meaning}" for term, meaning in words.GLOSSARY]
    return "\n".join(lines)


def render_findings(processed_at: str = "data/processed") -> str:
    """The register's findings (data/processed/findings.csv): the five key findings first, then the rest,
    each as the notebook composed it from its computed values, with the main charts and their alt text
    (linked under ``processed_at``, the processed folder as seen from the page)."""
    register = schema.read_processed("findings.csv")
    key = register[register["key_rank"].notna()].sort_values("key_rank")
    other = register[register["key_rank"].isna()]
    fragile = register[~register["holds_under_all"].astype(bool)]
    lines = ["**Key findings**", ""] + [finding_line(r) for r in key.itertuples()]
    if len(other):
        lines += ["", "**More findings**", ""] + [finding_line(r) for r in other.itertuples()]
    lines += ["", f"{len(register)} findings in all; {len(fragile)} change under at least one other reasonable method (marked ⚠). "
              f"Each one's alternatives and values are in `{processed_at}/findings.csv` and in [notebook 6]({REGISTER_NOTEBOOK}).", ""]
    for stem in MAIN_CHARTS:
        png = paths.charts_dir() / f"{stem}.png"
        if png.is_file():
            lines.append(f"![{escape_markup(_one_line(chart_alt(png)))}]({processed_at}/charts/{stem}.png)")
    return "\n".join(lines)


def findings_page() -> str:
    """The findings page of a run for another raw folder (``run.py --raw DIR --out DIR``): In short and the findings,
    linked as seen from the output folder, the occupation named from its own occupation.toml."""
    name = escape_markup(_one_line(occupation.current().name))
    return "\n".join([f"# What career guides say about {name}, checked", "", "## In short", "", render_inshort(), "",
                      "## Findings", "", render_findings(processed_at="processed"), ""])


def render_outputs() -> str:
    lines = ["| file | written by | what it holds |", "|---|---|---|"]
    for name in sorted(schema.TABLES):
        table = schema.TABLES[name]
        lines.append(f"| `data/processed/{name}` | `{table.written_by}` | {table.description} |")
    lines.append("| `data/processed/data_dictionary.csv` | `01-clean` | every column of every table above: type, unit, allowed values, meaning |")
    for stem, (notebook, title) in sorted(chart_index().items()):
        lines.append(f"| `data/processed/charts/{stem}.png` and `.csv` | `{notebook}` | chart: {title}; the CSV holds exactly the numbers plotted |")
    lines.append("| `notebooks/*.ipynb` | `run.py` | the executed notebooks, outputs included |")
    lines.append("| `site/` (not committed) | `run.py` | the rendered, self-contained HTML pages |")
    return "\n".join(lines)


def chart_index() -> dict[str, tuple[str, str]]:
    """Every chart on disk: name -> (notebook that declares it saves it, mrt.vocab.STEPS; title stored in the PNG)."""
    found = {}
    for png in sorted(paths.charts_dir().glob("*.png")):
        if png.stem not in CHARTS:
            raise ValueError(f"chart {png.name} on disk is declared by no notebook (the charts of mrt.vocab.STEPS)")
        found[png.stem] = (CHARTS[png.stem], chart_title(png))
    return found


class ReadmeError(ValueError):
    """The README's generated blocks are not each one well-formed pair of markers; the message says which."""


# Any generated block's markers, whatever its name: <!-- NAME:start --> ... <!-- NAME:end -->
MARKER = re.compile(r"<!--\s*([A-Za-z0-9_-]+)\s*:\s*(start|end)\s*-->")


def check_markers(text: str, where: str = "README.md") -> None:
    """Every generated block of the README (any name) is exactly one start marker followed by one end marker.
    A duplicated, missing or misordered marker is refused: replacing text around it could keep an injected
    or stale tail for good."""
    found: dict[str, list[tuple[str, int]]] = {}
    for match in MARKER.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found.setdefault(match.group(1), []).append((match.group(2), line))
    for name, marks in found.items():
        kinds = [kind for kind, _ in marks]
        lines = ", ".join(f"{kind} on line {line}" for kind, line in marks)
        if kinds != ["start", "end"]:
            raise ReadmeError(f"{where}: expected exactly one <!-- {name}:start --> followed by one <!-- {name}:end -->, "
                              f"found {lines}; remove the extra markers (git diff shows what changed)")


def replace_block(text: str, block: str, content: str, where: str = "README.md") -> str:
    """``text`` with the lines between ``<!-- block:start -->`` and ``<!-- block:end -->`` replaced by ``content``."""
    check_markers(text, where)
    start, end = f"<!-- {block}:start -->\n", f"<!-- {block}:end -->"
    if MARKER.search(content):
        raise ReadmeError(f"{where}: the generated {block} block would hold a block marker (from the data?): refused")
    first = text.find(start)
    last = text.find(end, first + len(start)) if first >= 0 else -1
    if first < 0 or last < 0 or (last > first + len(start) and text[last - 1] != "\n"):
        raise ReadmeError(f"{where} has no well-formed {start.strip()} ... {end} block (each marker on a line of its own)")
    return text[:first + len(start)] + content + "\n" + text[last:]


def rendered_readme(text: str) -> str:
    for block, render in (("inshort", render_inshort), ("findings", render_findings), ("outputs", render_outputs)):
        text = replace_block(text, block, render())
    return text


def update_readme(path: Path = README) -> bool:
    """Rewrite the generated blocks; return True if the README changed."""
    old = path.read_text(encoding="utf-8")
    new = rendered_readme(old)
    if new != old:
        write_text(new, path)
    return new != old
