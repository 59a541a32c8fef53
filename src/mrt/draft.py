"""Draft a ledger of printed figures from guide texts, for a person to check: ``python3 run.py draft GUIDE_DIR --out DIR``.

Transcribing a new occupation's guides by hand is the slow part of adapting the notebooks (ADAPTING.md). This module
reads every line of every guide, finds every number on it (digits and numbers in words), and tries to read each as a
printed figure with the project's own parsers (:mod:`mrt.parse`):

- **a figure**: the longest span around the number that a parser reads whole, extended to the left only by the words
  a figure can start with ("as low as", "between", "about", "top", ...), and to the right over a unit or a second
  amount ("$27.92 / hr $58,080 / yr", "start at $25,810 a year and go up to $64,610 a year"); a bare number takes its
  unit from the words after it ("204,220 employed" -> persons). The period printed on the same line ("in 2017",
  "from 2016 to 2026") is kept beside it; topic and statistic are guessed where the line's words say it.
- **an exclusion**: a number that is not a figure (a year alone, a phone number, "one of the few"), proposed for
  ``guide_line_exclusions.csv`` with the reason.
- **unparsed**: a number no parser reads in any span; listed in ``draft_unparsed.csv``, never dropped.

Every drafted row is marked ``unconfirmed``: a person checks it against the guide line, fills in the description in
their own words, and deletes the ``draft_status`` column when the ledger is done. Nothing is written until every
guide is read, and then each file is written whole (:func:`mrt.io.write_csv_atomic` style: temporary file, then rename).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mrt import parse
from mrt.words import counted

FIGURE_COLUMNS = ["figure_id", "guide_file", "line", "occurrence", "as_printed", "unit_if_unprinted", "period_as_printed",
                  "topic", "subject", "statistic", "description", "draft_status"]
EXCLUSION_COLUMNS = ["guide_file", "line", "reason", "draft_status"]
UNPARSED_COLUMNS = ["guide_file", "line", "number_as_printed", "context", "why"]
SOURCE_COLUMNS = ["source_id", "kind", "path", "origin", "covers", "sha256"]
UNCONFIRMED = "unconfirmed"

# Words a printed figure can start with, longest first (a span is extended left only by these).
OPENERS = tuple(sorted({*parse.QUALIFIER_SPELLINGS, "between", "from", "start at", "starts at", "starting at", "top", "tens of",
                        "a matter of"}, key=len, reverse=True))
MAX_RIGHT_TOKENS = 12
# A bare number's unit, from the words near it (the next few words first, then the few before it).
UNIT_WORDS = (
    (re.compile(r"\b(?:jobs?|positions?|openings?)\b", re.I), "jobs"),
    (re.compile(r"\b(?:programs?|pathways?|schools?|courses?)\b", re.I), "programs"),
    (re.compile(r"\bvisits?\b", re.I), "visits_per_day"),
    (re.compile(r"\b(?:employed|workers?|people|persons?|employees|professionals|technicians?|specialists?)\b", re.I), "persons"),
)
NEAR_WORDS = 5
_TOKEN = re.compile(r"\S+")
_ANCHOR = re.compile(r"\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|" + parse.NUMBER_WORD_PATTERN.pattern, re.IGNORECASE)
_NO_NUMBER = re.compile(r"\b(?:a matter of (?:weeks|months|years)|(?:less|more) than a year|about a year|a year or (?:less|two))\b",
                        re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_PHONE = re.compile(r"\(?\b\d{3}\)?[-.\s]\d{3}[-.]\d{4}\b")
_LIST_MARKER = re.compile(r"^\s*(?:[-•*]\s*)?(\d+\.)\s")
_PERIOD = re.compile(r"\b(?:(?:between|from)\s+)?(?:19|20)\d\d\s*(?:and|to|-|–)\s*(?:19|20)\d\d\b|\bin\s+(?:19|20)\d\d\b", re.IGNORECASE)


class DraftError(ValueError):
    """The guide folder or the output folder cannot be used; the message says which and why."""


@dataclass
class Draft:
    figures: list[dict] = field(default_factory=list)
    exclusions: list[dict] = field(default_factory=list)
    unparsed: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)


def _reads(text: str, hint: str | None) -> list[parse.Observation] | None:
    try:
        return parse.parse_item(text, hint)
    except parse.ParseError:
        return None


def period_on(line: str) -> str:
    """The period printed on a line ("in 2017", "from 2016 to 2026"), or "" when there is none or more than one."""
    found = []
    for match in _PERIOD.finditer(line):
        try:
            parse.parse_period(match.group(0))
        except parse.ParseError:
            continue
        found.append(match.group(0))
    return found[0] if len(set(found)) == 1 else ""


def unit_near(before: str, after: str) -> str | None:
    """A bare number's unit from the few words after it, else the few before it; None when they do not say."""
    for words in (" ".join(after.split()[:NEAR_WORDS]), " ".join(before.split()[-NEAR_WORDS:])):
        for pattern, unit in UNIT_WORDS:
            if pattern.search(words):
                return unit
    return None


def money_hint(line: str, text: str) -> str:
    """A lone amount's unit when it prints none: per hour where the line speaks of hours or the amount has cents
    under $200, else per year."""
    amount = float(re.search(r"\$([\d,]+(?:\.\d+)?)", text).group(1).replace(",", ""))
    if re.search(r"\bhour(?:ly)?\b", line, re.I) and not re.search(r"\b(?:annual|year(?:ly)?|salary)\b", line, re.I):
        return "usd_per_hour"
    return "usd_per_hour" if amount < 200 else "usd_per_year"


def _opener_before(line: str, start: int) -> int:
    """Where a figure starting at ``start`` really starts: before an opener ("as low as") that ends there, if any."""
    before = line[:start].rstrip()
    for opener in OPENERS:
        if before.lower().endswith(opener) and (len(before) == len(opener) or not before[-len(opener) - 1].isalnum()):
            return len(before) - len(opener)
    return start


_UNIT_END = re.compile(r"(?:hr|hour|hours|hourly|yr|year|years|yearly|annually|annum|wk|week|weekly|mo|month|months|monthly|"
                       r"percent|cent|%|quarters?|thirds?|half)$", re.IGNORECASE)


def _best(found: list[tuple[str, str | None, list[parse.Observation]]]):
    """Of the spans a parser reads: the one with the most numbers; then one that prints its own unit (no hint
    needed); then one that ends on a unit word ("10 year", not "10 year period"); then the shortest."""
    return max(found, key=lambda f: (len(f[2]), f[1] is None, bool(_UNIT_END.search(f[0])), -len(f[0])))


def _candidate(line: str, start: int, end: int, anchor_is_word: bool = False):
    """The span from ``start`` (or an opener before it) that a parser reads whole, ending at a token end at or after
    ``end`` (see :func:`_best` for which one of several); with the unit hint it needed, or None when none reads."""
    token_ends = [m.end() for m in _TOKEN.finditer(line) if m.end() >= end][:MAX_RIGHT_TOKENS]
    begin = _opener_before(line, start)
    for left in dict.fromkeys((begin, start)):
        found = []
        for stop in token_ends:
            text = line[left:stop].rstrip(".,;:!?)”\"'")
            if not text or len(text) < stop - left - 3:
                continue
            for hint in (None, money_hint(line, text)) if "$" in text else (None,):
                read = _reads(text, hint)
                if read:
                    found.append((text, hint, read))
        if found:
            return _best(found)
        text = line[left:token_ends[0] if token_ends else end].rstrip(".,;:!?)”\"'")
        if anchor_is_word and line[start:end].lower() == "one" and re.match(r"\s*of\b", line[end:]):
            return None  # "one of the few", "each one of these": a figure of speech
        hint = unit_near("" if anchor_is_word else line[:left], line[end:])
        for tried in ([hint] if hint else []) + ["rank"] * bool(re.fullmatch(r"top\s+\S+", text, re.I)):
            read = _reads(text, tried)
            if read:
                return text, tried, read
    return None


def _topic(line: str, observations: list[parse.Observation], text: str) -> tuple[str, str]:
    """(topic, statistic) guessed from the figure and the words of its line; "" where the words do not say."""
    words = line.lower()
    unit = observations[0].unit
    if unit == "rank":
        return "ranking", "rank"
    if unit.startswith("usd"):
        if len(observations) == 2 and observations[0].part in parse.RANGE_PARTS:
            return "pay", "range"
        if len(observations) == 2:
            return "pay", "unspecified"
        statistic = ("median" if "median" in words else "mean" if re.search(r"\b(?:average|mean)\b", words) else "")
        return "pay", statistic
    if unit == "percent":
        if re.search(r"\b(?:increase|grow|growth|decline|outlook)\b", words):
            return "outlook", "projected_growth"
        if re.search(r"\b(?:employ|work|hospital|office|setting)", words):
            return "work_setting", "employment_share"
        return "", ""
    if unit in parse.DURATION_UNITS:
        return ("outlook", "period_length") if re.search(r"\b(?:increase|outlook|period)\b", words) and "year" in text else ("education", "duration")
    if unit == "jobs":
        return "outlook", "projected_change"
    if unit == "persons":
        return "employment", "employment"
    if unit == "programs":
        return "education", "count"
    return "", "count"


def _exclusion_reason(line: str, match: re.Match) -> str | None:
    """Why a number on a line is not a figure, when that is plain from its form; else None."""
    token = match.group(0)
    if _YEAR.fullmatch(token):
        return f"'{token}' is a year, read as the period of a figure or as a date, not a figure"
    if any(p.start() <= match.start() < p.end() for p in _PHONE.finditer(line)):
        return f"'{token}' is part of a phone number"
    return None


def read_guide(path: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """Draft figures, exclusions and unparsed numbers of one guide text."""
    figures, exclusions, unparsed = [], [], []
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        line_figures, spans, pending = _read_line(line)
        seen: dict[str, int] = {}
        for row in line_figures:
            seen[row["as_printed"]] = seen.get(row["as_printed"], 0) + 1
            figures.append({"guide_file": path.name, "line": number, "occurrence": seen[row["as_printed"]], **row})
        reasons: dict[str, None] = {}
        for start, kind, what in pending:
            if any(a <= start < b for a, b in spans):
                continue  # part of a figure found later on the line ("tens" of "tens of thousands")
            if kind == "unparsed":
                unparsed.append({"guide_file": path.name, "line": number, **what})
            elif not line_figures:  # a line with a figure needs no exclusion (a year beside it is its period)
                reasons[what] = None
        for reason in reasons:
            exclusions.append({"guide_file": path.name, "line": number, "reason": reason, "draft_status": UNCONFIRMED})
    return figures, exclusions, unparsed


def _read_line(line: str) -> tuple[list[dict], list[tuple[int, int]], list[tuple[int, str, object]]]:
    """The figures on one line (in order), the spans they cover, and what else holds a number there:
    (position, "year" | "other" | "unparsed", the exclusion's reason or the unparsed row)."""
    figures, spans, pending = [], [], []
    period = period_on(line)
    found = sorted([(m.start(), m.end(), m) for m in _ANCHOR.finditer(line)] + [(m.start(), m.end(), m) for m in _NO_NUMBER.finditer(line)],
                   key=lambda f: f[0])
    marker = _LIST_MARKER.match(line)
    for start, end, match in found:
        if any(a <= start < b for a, b in spans):
            continue
        token = match.group(0)
        is_word = not token[:1].isdigit() and not token.startswith("$")
        if marker and start == marker.start(1):
            item = (marker.group(1), "rank", parse.parse_item(marker.group(1), "rank"))
        else:
            reason = _exclusion_reason(line, match)
            if reason:
                pending.append((start, "year" if _YEAR.fullmatch(token) else "other", reason))
                continue
            item = _candidate(line, start, end, anchor_is_word=is_word)
        if item is None:
            if is_word:
                pending.append((start, "other", f"'{token}' reads as no figure here (a figure of speech?): check"))
            else:
                pending.append((start, "unparsed", {"number_as_printed": token, "context": line[max(0, start - 40):end + 40].strip(),
                                                    "why": "no span around it is a figure the parsers read"}))
            continue
        as_printed, hint, observations = item
        at = line.find(as_printed, _opener_before(line, start))
        spans.append((at, at + len(as_printed)))
        topic, statistic = _topic(line, observations, as_printed)
        figures.append({"as_printed": as_printed, "unit_if_unprinted": hint or "",
                        "period_as_printed": period if topic in ("pay", "outlook", "employment") else "",
                        "topic": topic, "subject": "", "statistic": statistic,
                        "description": f"read as: {parse.describe(observations)}", "draft_status": UNCONFIRMED})
    return figures, spans, pending


def source_row(path: Path, root: Path) -> dict:
    """The sources.csv row of one guide text: its path relative to the checkout where it can be, and its SHA-256."""
    resolved = path.resolve()
    try:
        shown = os.path.relpath(resolved, root)
    except ValueError:  # another drive (Windows)
        shown = str(resolved)
    return {"source_id": f"guide:{path.name}", "kind": "guide", "path": shown, "origin": "career guide (primary source): say where it comes from",
            "covers": "", "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def draft(guide_dir: Path, root: Path) -> Draft:
    """Read every ``*.txt`` guide in ``guide_dir`` (sorted by name) into a draft ledger."""
    if not guide_dir.is_dir():
        raise DraftError(f"{guide_dir}: expected a folder of guide texts (*.txt), found no folder")
    guides = sorted(guide_dir.glob("*.txt"))
    if not guides:
        raise DraftError(f"{guide_dir}: expected guide texts (*.txt), found none")
    result = Draft()
    for path in guides:
        try:
            figures, exclusions, unparsed = read_guide(path)
        except UnicodeDecodeError as error:
            raise DraftError(f"{path}: expected UTF-8 text, found a byte it cannot read at position {error.start}") from None
        result.figures += figures
        result.exclusions += exclusions
        result.unparsed += unparsed
        result.sources.append(source_row(path, root))
    for n, row in enumerate(result.figures, start=1):
        row["figure_id"] = f"F{n:03d}"
    return result


def _csv_text(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


OUTPUTS = {"guide_figures.csv": ("figures", FIGURE_COLUMNS), "guide_line_exclusions.csv": ("exclusions", EXCLUSION_COLUMNS),
           "draft_unparsed.csv": ("unparsed", UNPARSED_COLUMNS), "sources.csv": ("sources", SOURCE_COLUMNS)}


def write(result: Draft, out: Path) -> list[Path]:
    """Write the draft's four files into ``out`` whole (each to a temporary file, then renamed); refuse to overwrite
    a ledger a person may have checked."""
    out.mkdir(parents=True, exist_ok=True)
    clash = [name for name in OUTPUTS if (out / name).exists()]
    if clash:
        raise DraftError(f"{out}: already holds {', '.join(clash)}; a draft never overwrites a ledger: choose an empty folder")
    texts = {name: _csv_text(getattr(result, attr), columns) for name, (attr, columns) in OUTPUTS.items()}
    written = []
    for name, text in texts.items():
        handle, temporary = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".partial")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, out / name)
        written.append(out / name)
    return written


def summary(result: Draft) -> str:
    return (f"draft: {counted(len(result.figures), 'figure', spell=False)} from {counted(len(result.sources), 'guide', spell=False)}, "
            f"{counted(len(result.exclusions), 'proposed exclusion', spell=False)}, "
            f"{counted(len(result.unparsed), 'number', spell=False)} no parser could read (listed in draft_unparsed.csv); "
            "every row is unconfirmed: check each against its guide line")
