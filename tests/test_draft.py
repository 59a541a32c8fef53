"""`run.py draft`: a ledger drafted from guide texts, every number accounted for, nothing guessed silently."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mrt import draft, paths


def _guide(tmp_path: Path, text: str, name: str = "900_aaaaaaaaaaaaaaaa.txt") -> Path:
    folder = tmp_path / "guides"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _figures(tmp_path: Path, text: str) -> list[dict]:
    return draft.draft(_guide(tmp_path, text), tmp_path).figures


def test_the_project_guides_are_drafted_back_to_at_least_nine_in_ten_ledger_items(guides_dir):
    result = draft.draft(guides_dir, paths.ROOT)
    with open(paths.RAW / "guide_figures.csv", encoding="utf-8") as handle:
        ledger = [(r["guide_file"], int(r["line"]), r["as_printed"]) for r in csv.DictReader(handle)]
    drafted = {(r["guide_file"], r["line"], r["as_printed"]) for r in result.figures}
    recovered = [item for item in ledger if item in drafted]
    assert len(recovered) >= 0.9 * len(ledger), sorted(set(ledger) - drafted)
    assert all(r["draft_status"] == draft.UNCONFIRMED for r in result.figures + result.exclusions)
    with open(paths.RAW / "guide_line_exclusions.csv", encoding="utf-8") as handle:
        excluded = {(r["guide_file"], int(r["line"])) for r in csv.DictReader(handle)}
    assert excluded <= {(r["guide_file"], r["line"]) for r in result.exclusions}


def test_ranges_pairs_and_units_are_read_whole_with_the_period_of_their_line(tmp_path):
    rows = _figures(tmp_path, "In 2019 pay went from as low as $21,500 to as high as $55,100.\n"
                              "- 1. Ohio $27.92 / hr $58,080 / yr\n"
                              "The median was $39,000 in 2017.\n"
                              "Hourly pay is between $11.20 and $30.40 an hour.\n")
    got = [(r["line"], r["as_printed"], r["unit_if_unprinted"], r["statistic"]) for r in rows]
    assert got == [(1, "as low as $21,500 to as high as $55,100", "usd_per_year", "range"),
                   (2, "1.", "rank", "rank"), (2, "$27.92 / hr $58,080 / yr", "", "unspecified"),
                   (3, "$39,000", "usd_per_year", "median"),
                   (4, "between $11.20 and $30.40 an hour", "", "range")]
    assert rows[0]["period_as_printed"] == "In 2019" and rows[3]["period_as_printed"] == "in 2017"


def test_words_percents_durations_and_counts_with_their_unit_from_nearby_words(tmp_path):
    rows = _figures(tmp_path, "Almost 20 percent work in offices, more than one-quarter in clinics.\n"
                              "Programs take as few as 12 months, some less than a year.\n"
                              "There are two popular pathways.\n"
                              "It will add about 28,000 jobs from 2016 to 2026.\n")
    got = [(r["as_printed"], r["unit_if_unprinted"]) for r in rows]
    assert got == [("Almost 20 percent", ""), ("more than one-quarter", ""), ("as few as 12 months", ""), ("less than a year", ""),
                   ("two", "programs"), ("about 28,000", "jobs")]
    assert rows[-1]["period_as_printed"] == "from 2016 to 2026" and rows[-1]["statistic"] == "projected_change"


def test_numbers_that_are_not_figures_are_proposed_as_exclusions_with_a_reason(tmp_path):
    result = draft.draft(_guide(tmp_path, "One of the few jobs without patients.\nFounded in 1998.\nCall (555) 123-4567 today.\n"
                                          "Salaries rose to $40,000 in 2018.\n"), tmp_path)
    reasons = {r["line"]: r["reason"] for r in result.exclusions}
    assert set(reasons) == {1, 2, 3}  # line 4 holds a figure: its year is the figure's period
    assert "figure of speech" in reasons[1] and "year" in reasons[2] and "phone" in reasons[3]
    assert [r["as_printed"] for r in result.figures] == ["$40,000"]


def test_a_number_no_parser_reads_is_listed_never_dropped(tmp_path):
    result = draft.draft(_guide(tmp_path, "Average pay: $37,71 (a misprint).\n"), tmp_path)
    assert [(r["line"], r["number_as_printed"]) for r in result.unparsed] == [(1, "$37"), (1, "71")]
    assert not result.figures and not result.exclusions


def test_the_same_figure_twice_on_a_line_is_counted_by_occurrence(tmp_path):
    rows = _figures(tmp_path, "Ranked in the top 12 careers and the top 12 jobs.\n")
    assert [(r["as_printed"], r["occurrence"]) for r in rows] == [("top 12", 1), ("top 12", 2)]


def test_sources_rows_carry_each_guides_sha256(tmp_path):
    folder = _guide(tmp_path, "Pay was $40,000 in 2018.\n")
    row = draft.draft(folder, tmp_path).sources[0]
    import hashlib
    assert row["sha256"] == hashlib.sha256((folder / "900_aaaaaaaaaaaaaaaa.txt").read_bytes()).hexdigest()
    assert row["path"] == os.path.join("guides", "900_aaaaaaaaaaaaaaaa.txt")


def test_bad_folders_get_one_clear_error(tmp_path):
    with pytest.raises(draft.DraftError, match="no folder"):
        draft.draft(tmp_path / "missing", tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(draft.DraftError, match=r"found none"):
        draft.draft(tmp_path / "empty", tmp_path)
    bad = tmp_path / "latin"
    bad.mkdir()
    (bad / "g.txt").write_bytes(b"caf\xe9 $1\n")
    with pytest.raises(draft.DraftError, match="UTF-8"):
        draft.draft(bad, tmp_path)


def test_a_draft_is_written_whole_and_never_over_a_ledger(tmp_path):
    result = draft.draft(_guide(tmp_path, "Pay was $40,000 in 2018.\n"), tmp_path)
    out = tmp_path / "out"
    written = draft.write(result, out)
    assert sorted(p.name for p in written) == sorted(draft.OUTPUTS)
    assert not list(out.glob(".*partial"))
    with open(out / "guide_figures.csv", encoding="utf-8") as handle:
        assert list(csv.DictReader(handle))[0]["as_printed"] == "$40,000"
    with pytest.raises(draft.DraftError, match="never overwrites"):
        draft.write(result, out)


def test_the_command_reads_relative_paths_from_where_it_was_typed(tmp_path):
    _guide(tmp_path, "Pay was $40,000 in 2018.\n")
    env = dict(os.environ, MRT_CALLER_CWD=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "mrt.cli", "draft", "guides", "--out", "drafted"], cwd=paths.ROOT, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("draft: 1 figure from 1 guide, no proposed exclusions, no numbers no parser could read")
    assert (tmp_path / "drafted" / "guide_figures.csv").is_file()
    again = subprocess.run([sys.executable, "-m", "mrt.cli", "draft", "guides", "--out", "drafted"], cwd=paths.ROOT, env=env,
                           capture_output=True, text=True)
    assert again.returncode == 1 and again.stderr.count("\n") == 1 and again.stderr.startswith("error: ")
