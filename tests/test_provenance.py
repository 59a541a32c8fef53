"""The transcription against the guide texts: every item verbatim on its line,
every line with a number accounted for, the guides and reference copies unchanged."""

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import guide_lines
from mrt import paths
from mrt.parse import NUMBER_WORD_PATTERN


def raw(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("path, columns", [
    (paths.GUIDE_FIGURES, ["as_printed", "period_as_printed"]),
    (paths.GUIDE_EDUCATION, ["as_printed"]),
    (paths.GUIDE_CLAIMS, ["as_printed"]),
    (paths.GUIDE_UNCHECKED, ["as_printed"]),
])
def test_every_item_is_verbatim_on_its_line(guides_dir, path, columns):
    problems = []
    for number, row in enumerate(raw(path).itertuples(index=False), start=1):
        lines = guide_lines(guides_dir, row.guide_file)
        line = int(row.line)
        if not 1 <= line <= len(lines):
            problems.append(f"row {number}: {row.guide_file} has no line {line}")
            continue
        for column in columns:
            text = getattr(row, column)
            if text and text not in lines[line - 1]:  # exact: curly quotes and non-breaking spaces must match
                problems.append(f"row {number}: {column} {text!r} is not on {row.guide_file} line {line}")
        occurrence = int(getattr(row, "occurrence", 1) or 1)
        if lines[line - 1].count(row.as_printed) < occurrence:  # the second "top 12" on a line must really be printed twice
            problems.append(f"row {number}: {row.as_printed!r} appears {lines[line - 1].count(row.as_printed)} time(s) on "
                            f"{row.guide_file} line {line}, fewer than its occurrence {occurrence}")
    assert not problems, "\n".join(problems)


def test_occurrences_count_appearances_on_the_line(guides_dir):
    """Rows that transcribe the same text on the same line are numbered 1, 2, ... and the line holds it that often."""
    figures = raw(paths.GUIDE_FIGURES)
    for (guide_file, line, text), group in figures.groupby(["guide_file", "line", "as_printed"]):
        assert sorted(group["occurrence"].astype(int)) == list(range(1, len(group) + 1)), (guide_file, line, text)
        assert guide_lines(guides_dir, guide_file)[int(line) - 1].count(text) >= len(group), (guide_file, line, text)


def lines_with_numbers(guides_dir):
    for guide in sorted(guides_dir.glob("*.txt")):
        for number, text in enumerate(guide_lines(guides_dir, guide.name), start=1):
            if re.search(r"\d", text) or NUMBER_WORD_PATTERN.search(text):
                yield guide.name, number


def test_every_line_with_a_number_is_transcribed_or_excluded(guides_dir):
    covered = {(r.guide_file, int(r.line)) for r in raw(paths.GUIDE_FIGURES).itertuples()}
    excluded = {(r.guide_file, int(r.line)) for r in raw(paths.GUIDE_EXCLUSIONS).itertuples()}
    missing = [f"{g} line {n}" for g, n in lines_with_numbers(guides_dir) if (g, n) not in covered | excluded]
    assert not missing, "lines holding a digit or number word, neither transcribed nor excluded:\n" + "\n".join(missing)


def test_exclusions_are_real_and_explained(guides_dir):
    with_numbers = set(lines_with_numbers(guides_dir))
    covered = {(r.guide_file, int(r.line)) for r in raw(paths.GUIDE_FIGURES).itertuples()}
    for row in raw(paths.GUIDE_EXCLUSIONS).itertuples():
        key = (row.guide_file, int(row.line))
        assert key in with_numbers, f"{key} is excluded but holds no number"
        assert key not in covered, f"{key} is both transcribed and excluded"
        assert len(row.reason) > 20, f"{key}: the reason should say why"


def test_guide_checksums_match_sources_table(guides_dir):
    sources = raw(paths.SOURCES)
    guides = sources[sources["kind"] == "guide"]
    assert {r.source_id.removeprefix("guide:") for r in guides.itertuples()} == {p.name for p in guides_dir.glob("*.txt")}
    for row in guides.itertuples():
        name = row.source_id.removeprefix("guide:")
        digest = hashlib.sha256((guides_dir / name).read_bytes()).hexdigest()
        assert digest == row.sha256, f"{name} differs from the version transcribed"


def test_sources_table_lists_every_raw_file():
    sources = raw(paths.SOURCES)
    listed = set(sources.loc[sources["kind"] == "raw_file", "path"])
    on_disk = {p.relative_to(paths.ROOT).as_posix() for p in paths.RAW.rglob("*") if p.suffix in (".csv", ".toml")}
    assert listed == on_disk
    assert set(paths.relative(p) for p in paths.RAW_FILES) == on_disk


def test_reference_copies_are_unchanged():
    """data/raw/reference/* must be byte-identical to what sources.csv recorded
    (and, when shared/reference is beside the project, to those files)."""
    sources = raw(paths.SOURCES)
    for row in sources[sources["sha256"] != ""].itertuples():
        if row.kind != "raw_file":
            continue
        digest = hashlib.sha256((paths.ROOT / row.path).read_bytes()).hexdigest()
        assert digest == row.sha256, f"{row.path} was changed"
    shared = paths.guides_dir().parent / "reference" if paths.guides_dir() else None
    copied = {Path(r.path).name for r in sources.itertuples() if "copied unchanged from shared/reference" in r.origin}
    if shared and shared.is_dir() and shared.resolve() != paths.RAW_REFERENCE.resolve():  # (the practice data keeps its guides beside its reference)
        for copy in paths.RAW_REFERENCE.glob("*.csv"):
            if copy.name in copied:  # the project's own reference tables (sources.csv says so) have no shared original
                assert copy.read_bytes() == (shared / copy.name).read_bytes(), copy.name
            else:
                assert not (shared / copy.name).exists(), f"{copy.name} exists in shared/reference: copy it unchanged and say so in sources.csv"


def test_unchecked_sentences_are_not_claims_already(guides_dir):
    """A sentence listed as unchecked is not also a claim: no phrase of guide_unchecked_sentences.csv is a claim's phrase on
    the same line, and each row says why, in more than a word."""
    claims = {(r.guide_file, int(r.line), r.as_printed) for r in raw(paths.GUIDE_CLAIMS).itertuples()}
    for number, row in enumerate(raw(paths.GUIDE_UNCHECKED).itertuples(index=False), start=1):
        assert (row.guide_file, int(row.line), row.as_printed) not in claims, f"row {number}: {row.as_printed!r} is also a claim"
        assert len(row.reason) > 20 and len(row.description) > 10, f"row {number}: say what it says and why it is not checked"
