"""The robustness register: every headline finding, what it depends on, and whether it survives other methods.

Each analysis notebook composes its findings from the values it computed, recomputes each one under
the other reasonable methods (another scale, rounding rule, threshold or assumption), and records them
with :func:`record` into ``data/processed/findings/<notebook>.csv`` (one row per finding and method).
The findings notebook assembles them with :func:`register` into ``data/processed/findings.csv`` (one row
per finding), which the README and the site's index print. A finding whose conclusion does not hold
under every alternative is marked there, with the alternatives under which it changes.

No sentence here is a constant: statements and notes are composed in the notebooks from computed values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from mrt import report, schema
from mrt.vocab import AS_REPORTED, FINDING_NOTEBOOKS as NOTEBOOKS, FINDING_UNITS as UNITS, findings_part as part_name


KEY_RANKS = (1, 2, 3, 4, 5)  # the five key findings: README top and the site's index, in this order
ID_PATTERN = re.compile(r"[a-z0-9_]+\.[a-z0-9_]+")  # <topic>.<name>, e.g. projections.slowdown_share


class FindingError(ValueError):
    """A finding recorded without what the register needs; the message names the finding."""


@dataclass(frozen=True)
class Alternative:
    """The finding recomputed by another reasonable method."""

    choice: str  # the other method in words, e.g. "scale: percentage points"
    value: float | None  # the headline number under that method (None if it has none)
    holds: bool  # whether the finding's conclusion still holds under it
    note: str = ""  # what the finding says instead, when it does not hold (composed from computed values)


@dataclass(frozen=True)
class Finding:
    finding_id: str  # "<topic>.<name>", stable across runs
    statement: str  # the sentence as reported, composed from the computed values
    value: float | None  # the headline number as reported
    unit: str  # one of UNITS
    depends_on: str  # the method choices the finding rests on, in words ("" if none)
    alternatives: tuple[Alternative, ...] = field(default_factory=tuple)
    key_rank: int | None = None  # 1-5 for the five key findings, else None
    source_keys: str = ""  # where the value comes from: processed tables and rows, or guide lines

    def check(self) -> None:
        where = f"finding {self.finding_id!r}"
        if not ID_PATTERN.fullmatch(self.finding_id):
            raise FindingError(f"{where}: expected an id like 'projections.slowdown_share' (<topic>.<name>, lower case)")
        if len(self.statement.strip()) < 20:
            raise FindingError(f"{where}: expected a statement in a full sentence, found {self.statement!r}")
        if self.unit not in UNITS:
            raise FindingError(f"{where}: expected a unit from {UNITS}, found {self.unit!r}")
        if self.key_rank is not None and self.key_rank not in KEY_RANKS:
            raise FindingError(f"{where}: expected key_rank in {KEY_RANKS} or None, found {self.key_rank!r}")
        if self.alternatives and not self.depends_on.strip():
            raise FindingError(f"{where}: alternatives are given, so say what the finding depends on (depends_on)")
        choices = [a.choice for a in self.alternatives]
        if len(set(choices)) != len(choices) or AS_REPORTED in choices:
            raise FindingError(f"{where}: alternative choices must be distinct and not {AS_REPORTED!r}, found {choices}")
        for alternative in self.alternatives:
            if not alternative.holds and not alternative.note.strip():
                raise FindingError(f"{where}: under {alternative.choice!r} the finding does not hold; say what it says instead (note)")

    @property
    def holds_under_all(self) -> bool:
        return all(a.holds for a in self.alternatives)


NOT_AVAILABLE = "not available"  # what a finding the data cannot give depends on, first: "not available: <what is missing>"


def not_available(finding_id: str, statement: str, missing: str, key_rank: int | None = None, source_keys: str = "") -> Finding:
    """A finding the data cannot give (a partial occupation): recorded all the same, so the register says so. Its
    statement says in plain words what is missing; its value is empty; ``depends_on`` is ``"not available: <missing>"``."""
    if not missing.strip():
        raise FindingError(f"finding {finding_id!r}: say what is missing for it to be available")
    return Finding(finding_id, statement, None, "none", f"{NOT_AVAILABLE}: {missing}", key_rank=key_rank, source_keys=source_keys)


def is_available(depends_on) -> bool:
    """Whether a finding (its ``depends_on`` in the register) was computed, or recorded by :func:`not_available`."""
    return not (isinstance(depends_on, str) and depends_on.startswith(f"{NOT_AVAILABLE}:"))


def _rows(notebook: str, finding: Finding) -> list[dict]:
    common = {"finding_id": finding.finding_id, "notebook": notebook, "key_rank": finding.key_rank, "statement": finding.statement,
              "unit": finding.unit, "depends_on": finding.depends_on or None, "source_keys": finding.source_keys or None}
    rows = [{**common, "method": AS_REPORTED, "value": finding.value, "conclusion_holds": True, "note": None}]
    for a in finding.alternatives:
        rows.append({**common, "method": a.choice, "value": a.value, "conclusion_holds": bool(a.holds), "note": a.note or None})
    return rows


def part_table(notebook: str, items: list[Finding]) -> pd.DataFrame:
    """The long table of one notebook's findings: one row per finding and method (as reported first)."""
    if notebook not in NOTEBOOKS:
        raise FindingError(f"expected a notebook from {NOTEBOOKS}, found {notebook!r}")
    ids = [f.finding_id for f in items]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise FindingError(f"{notebook}: finding ids recorded twice: {duplicated}")
    for finding in items:
        finding.check()
    frame = pd.DataFrame([row for f in items for row in _rows(notebook, f)],
                         columns=["finding_id", "notebook", "key_rank", "statement", "unit", "depends_on", "method", "value",
                                  "conclusion_holds", "note", "source_keys"])
    frame["key_rank"] = frame["key_rank"].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    frame["conclusion_holds"] = frame["conclusion_holds"].astype("boolean")
    return frame


def record(notebook: str, items: list[Finding]) -> pd.DataFrame:
    """Validate one notebook's findings and write them to ``data/processed/findings/<notebook>.csv``."""
    return schema.write_processed(part_table(notebook, items), part_name(notebook))


def format_value(value, unit: str) -> str:
    """A register value in words: ``40.2`` percent -> ``40%``; usd -> ``$42,820``."""
    if value is None or report._missing(value):
        return "no single number"
    if unit == "percent":
        return report.percent(value, 0 if abs(value) >= 10 else 1)
    if unit == "percentage points":
        return report.points(value)
    if unit.startswith("usd"):
        return report.money(value)
    if unit == "ratio":
        return report.ratio(value)
    if unit == "share":
        return report.percent(100 * float(value), 0)
    return report.number(value, 0 if float(value).is_integer() else 2) + ("" if unit in ("count", "none", "rank") else f" {unit}")


def register(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per finding: the value as reported, what it depends on, every alternative with its value,
    whether the conclusion holds under all of them, and under which it changes."""
    long = pd.concat(parts, ignore_index=True) if parts else part_table("01-clean", [])
    if long.duplicated(["finding_id", "method"]).any():
        twice = sorted(long.loc[long.duplicated(["finding_id", "method"]), "finding_id"].unique())
        raise FindingError(f"findings recorded twice across notebooks: {twice}")
    ranks = long.drop_duplicates("finding_id")["key_rank"].dropna()
    if ranks.duplicated().any():
        raise FindingError(f"two findings share key rank(s) {sorted(ranks[ranks.duplicated()].unique())}")
    rows = []
    for finding_id, group in long.groupby("finding_id", sort=False):
        reported = group[group["method"] == AS_REPORTED].iloc[0]
        others = group[group["method"] != AS_REPORTED]
        alternatives = "; ".join(
            f"{o.method}: {format_value(o.value, o.unit)}" + ("" if o.conclusion_holds else f" (changes: {o.note})")
            for o in others.itertuples())
        changes = others[~others["conclusion_holds"].astype(bool)]
        rows.append({"finding_id": finding_id, "notebook": reported["notebook"], "key_rank": reported["key_rank"],
                     "statement": reported["statement"], "value": reported["value"], "unit": reported["unit"],
                     "depends_on": reported["depends_on"], "alternatives": alternatives or None,
                     "holds_under_all": bool(changes.empty),
                     "changes_under": "; ".join(changes["method"]) or None, "source_keys": reported["source_keys"]})
    frame = pd.DataFrame(rows, columns=["finding_id", "notebook", "key_rank", "statement", "value", "unit", "depends_on", "alternatives",
                                        "holds_under_all", "changes_under", "source_keys"])
    frame["key_rank"] = frame["key_rank"].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    frame["holds_under_all"] = frame["holds_under_all"].astype("boolean")
    order = frame["key_rank"].fillna(99).astype(int)
    return frame.assign(_order=order).sort_values(["_order", "notebook"], kind="stable").drop(columns="_order").reset_index(drop=True)


def show(items: list[Finding]):
    """The findings as a Markdown list for the notebook, each marked when another method changes it."""
    lines = []
    for f in items:
        line = f"- {f.statement}"
        if not f.holds_under_all:
            changed = [a for a in f.alternatives if not a.holds]
            line += " **Depends on the method:** " + "; ".join(f"under {a.choice}, {a.note}" for a in changed)
        lines.append(line)
    return report.md("\n".join(lines))


def alternatives_markdown(long: pd.DataFrame, finding_id: str) -> str:
    """One finding's alternatives as a Markdown list: each method, its value and, where the conclusion changes, what
    the finding says instead (from the notebook's part of the register, one row per finding and method)."""
    rows = long[(long["finding_id"] == finding_id) & (long["method"] != AS_REPORTED)]
    lines = []
    for r in rows.itertuples():
        held = bool(r.conclusion_holds)
        lines.append(f"- *{report.escape_markup(r.method)}*: {format_value(r.value, r.unit)}"
                     + ("; holds" if held else f"; **changes**: {report.escape_markup(r.note)}"))
    return "\n".join(lines)


def folded(register_table: pd.DataFrame, parts: list[pd.DataFrame]):
    """Every finding that changes under another reasonable method, as rendered Markdown: where it comes from and the
    statement, then its alternatives folded (a ``<details>`` a reader opens), so the page stays short and nothing is
    left out. ``parts`` are the notebooks' parts of the register (one row per finding and method)."""
    long = pd.concat(parts, ignore_index=True)
    blocks = []
    for row in register_table[~register_table["holds_under_all"].astype(bool)].itertuples():
        changed = long[(long["finding_id"] == row.finding_id) & (long["method"] != AS_REPORTED)]
        n_changed = int((~changed["conclusion_holds"].astype(bool)).sum())
        changes = report.counted(n_changed, "changes the conclusion", "change the conclusion")
        blocks.append(f"**Notebook {int(row.notebook[:2])}.** {report.escape_markup(row.statement)}\n\n<details><summary>"
                      f"{len(changed)} other methods tried; {changes}</summary>\n\n{alternatives_markdown(long, row.finding_id)}"
                      "\n\n</details>")
    return report.md_with_markup("\n\n".join(blocks))  # the fold is the code's; every text from data is escaped above
