"""Any occupation (issue 17): the whole analysis (`run.py --raw DIR --out DIR`) on the two practice occupations, into
temporary folders. It completes; no findings page, notebook output or site page holds a word of the original
occupation or its guides; and the sentences of the partial practice occupation follow its directions, which reverse the
original's (see data/practice-partial/README.md):

- projected growth rose, 9% (2014-2024) to 12% (2018-2028), while the all-occupations average fell, 6.5 to 5.2: its edge
  over the average widened (9 / 6.5 = 1.38 times, 12 / 5.2 = 2.31 times);
- the mean is below the median in every year with both (2014: $36,900 against $37,800);
- the median rose 6.3% before inflation (37,800 to 40,200) and fell after it (CPI-U +14.5%);
- the education model runs on 2018 (the only year with both tuitions and the supervisors' pay), without unemployment
  rates; data/practice gives it no tuition or pay above, so its education findings are not available.

The forbidden words are computed from the original's own raw files where they can be (guide file names, its dollar
figures, its occupation names from data/raw/occupation.toml), less any that the practice folder's own raw files hold and
less round hundreds of dollars (``$42,000``), which any data's computed and modelled amounts can land on.
"""

import html
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from mrt import paths, pipeline

PRACTICE, PARTIAL = paths.DATA / "practice", paths.DATA / "practice-partial"

FIXED_WORDS = ("technician", "medical record", "health information", "coding certificate", "four guides", "four routes",
               "manager", "29-2071", "29-2072", "guide 000", "guide 001", "guide 002", "guide 003")


def original_words(folder: Path) -> list[str]:
    """The words that only the original occupation and its guides can put on a page: the fixed list, its names from
    data/raw/occupation.toml, its guide files, and every dollar figure its guides print but round thousands; less what ``folder`` holds."""
    raw = paths.DEFAULT_RAW
    job = tomllib.loads((raw / "occupation.toml").read_text(encoding="utf-8"))
    names = [job["name"], job["name_singular"], job["advancement"]["occupation"], job["advancement"]["pay_group"]]
    guides = pd.read_csv(raw / "guides.csv", dtype=str)
    files = [f.removesuffix(".txt") for f in guides["guide_file"]] + [f.split("_")[1][:8] for f in guides["guide_file"]]
    printed = pd.read_csv(raw / "guide_figures.csv", dtype=str)["as_printed"].dropna()
    dollars = {d for text in printed for d in re.findall(r"\$\d{1,3},\d{3}", text) if not d.endswith("00")}  # round hundreds: any data's
    own = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file()).lower()
    return sorted({w.lower() for w in (*FIXED_WORDS, *names, *files, *dollars)} - {w for w in map(str.lower, dollars) if w in own})


def prose_of_notebook(path: Path) -> str:
    """What a reader of an executed notebook reads: its Markdown cells and every output, charts' alt texts included (code is
    not prose)."""
    nb = nbformat.read(path, as_version=4)
    parts = [c.source for c in nb.cells if c.cell_type == "markdown"]
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts += [str(data.get(kind, "")) for kind in ("text/markdown", "text/html", "text/plain")]
            parts.append(str(output.get("text", "")))
            parts += [str(meta.get("alt", "")) for meta in output.get("metadata", {}).values() if isinstance(meta, dict)]
    return "\n".join(parts)


CODE = re.compile(r'<details class="mrt-code[^"]*"[^>]*>.*?</details>|<pre>.*?</pre>|<code>.*?</code>', re.S)


def prose_of_page(path: Path) -> str:
    """A site page without its code (code cells, code blocks and inline code), tags dropped."""
    text = CODE.sub(" ", path.read_text(encoding="utf-8"))
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def run_elsewhere(raw: Path, out: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MRT_")}
    env[paths.GUIDES_ENV] = str(raw / "guides")
    return subprocess.run([sys.executable, "-m", "mrt.cli", "--raw", str(raw), "--out", str(out)], cwd=paths.ROOT, env=env,
                          capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Both practice folders analysed whole, each into its own temporary output folder."""
    done = {}
    for raw in (PRACTICE, PARTIAL):
        out = tmp_path_factory.mktemp(raw.name) / "out"
        result = run_elsewhere(raw, out)
        assert result.returncode == 0, f"{raw.name}: {result.stderr[-2000:]}"
        done[raw.name] = out
    return done


def register(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "processed" / "findings.csv").set_index("finding_id")


def test_original_words_are_computed_and_sensible():
    words = original_words(PARTIAL)
    assert "technician" in words and "four guides" in words and "000_8f0a57b0245a47f7" in words
    assert any(w.startswith("$") for w in words)
    assert not [w for w in words if w in "practice sorters"]  # nothing that the practice folder's own names hold


@pytest.mark.slow
def test_both_practice_occupations_run_whole_and_name_nothing_of_the_original(runs):
    for name, out in runs.items():
        forbidden = original_words(paths.DATA / name)
        texts = {"findings.md": (out / "findings.md").read_text(encoding="utf-8")}
        texts |= {f"notebooks/{p.name}": prose_of_notebook(p) for p in sorted((out / "notebooks").glob("*.ipynb"))}
        texts |= {f"site/{p.name}": prose_of_page(p) for p in sorted((out / "site").glob("*.html"))}
        statements = register(out)[["statement", "depends_on"]].fillna("").astype(str)
        texts["findings.csv"] = " ".join(statements.stack())
        assert len(texts) >= 1 + 6 + 6 + 1, sorted(texts)
        found = {where: [w for w in forbidden if w in text.lower()] for where, text in texts.items()}
        assert not {where: words for where, words in found.items() if words}, f"{name}: words of the original occupation"


@pytest.mark.slow
def test_the_partial_occupation_s_sentences_follow_its_reversed_directions(runs):
    found = register(runs["practice-partial"])
    growth = found.loc["projections.outlook_change", "statement"]
    assert " rose from 9% " in growth and "12%" in growth and " fell from" not in growth, growth
    assert "widened" in growth and "narrowed" not in growth, growth
    mean = found.loc["pay.mean_above_median", "statement"]
    assert " below " in mean and "understates" in mean and "overstates" not in mean, mean
    assert "after inflation it fell" in found.loc["pay.real_median_rise", "statement"]
    page = (runs["practice-partial"] / "findings.md").read_text(encoding="utf-8")
    assert "five guides" in page.lower() or "5 guides" in page.lower() or "four guides" not in page.lower()
    # the education model runs on 2018 without unemployment rates: its findings are available
    for finding_id in ("education.best_route", "education.best_entry_route", "education.time_and_cost"):
        assert not str(found.loc[finding_id, "depends_on"]).startswith("not available:"), finding_id
    education = prose_of_notebook(runs["practice-partial"] / "notebooks" / "04-education.ipynb")
    assert "no unemployment rates by education for 2018" in education and "2018 pay and 2018-19 tuition" in education


@pytest.mark.slow
def test_the_practice_occupation_without_education_inputs_says_so(runs):
    found = register(runs["practice"])
    for finding_id in ("education.best_route", "education.best_entry_route", "education.time_and_cost"):
        assert str(found.loc[finding_id, "depends_on"]).startswith("not available:"), finding_id
        assert pd.isna(found.loc[finding_id, "value"])
    education = prose_of_notebook(runs["practice"] / "notebooks" / "04-education.ipynb")
    assert "The model cannot run on the inputs of" in education and "Not computed: Section 7 needs the model" in education


@pytest.mark.slow
def test_notebooks_01_02_and_04_alone_run_on_both_practice_occupations(tmp_path):
    """What runs today (notebooks 01, 02 and 04 depend on nothing else): the cleaning, pay and education pages complete on
    both folders and name nothing of the original (its guides' dollars, lines, files and occupation words); the education
    page says what it lacks and records its findings (not available where the model cannot run); the pay chart's caption
    follows the data (the partial folder has gaps between surveys, not a code change)."""
    for raw in (PRACTICE, PARTIAL):
        env = {k: v for k, v in os.environ.items() if not k.startswith("MRT_")}
        env |= {paths.RAW_ENV: str(raw), paths.GUIDES_ENV: str(raw / "guides"), paths.PROCESSED_ENV: str(tmp_path / raw.name / "processed")}
        script = ("import sys; from pathlib import Path; from mrt.pipeline import ALL_STEPS, run_notebooks; "
                  "run_notebooks(out_dir=Path(sys.argv[1]), steps=tuple(s for s in ALL_STEPS if s.notebook[:2] in ('01', '02', '04')))")
        done = subprocess.run([sys.executable, "-c", script, str(tmp_path / raw.name / "notebooks")], cwd=paths.ROOT, env=env,
                              capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr[-2000:]
        for notebook in ("01-clean", "02-salaries", "04-education"):
            text = prose_of_notebook(tmp_path / raw.name / "notebooks" / f"{notebook}.ipynb")
            assert not [w for w in original_words(raw) if w in text.lower()], (raw.name, notebook)
        part = pd.read_csv(tmp_path / raw.name / "processed" / "findings" / "04-education.csv")
        part = part[part["method"] == "as reported"].set_index("finding_id")
        available = ~part["depends_on"].fillna("").str.startswith("not available:")
        assert available.tolist() == ([True] * 3 if raw == PARTIAL else [False] * 3), raw.name
    partial = prose_of_notebook(tmp_path / PARTIAL.name / "notebooks" / "04-education.ipynb")
    assert "no unemployment rates by education for 2018" in partial and "2018 pay and 2018-19 tuition" in partial
    pay = prose_of_notebook(tmp_path / PARTIAL.name / "notebooks" / "02-salaries.ipynb")
    assert "The lines run on across 2017 and 2020, years without a survey, not a code change." in pay
    assert "where the occupation code changes" not in pay
    cleaning = prose_of_notebook(tmp_path / PARTIAL.name / "notebooks" / "01-clean.ipynb")
    assert "$37,200xyz" in cleaning  # the trials are built around the first annual amount its guides print (Q001, guide 901 line 5)
    practice = prose_of_notebook(tmp_path / PRACTICE.name / "notebooks" / "04-education.ipynb")
    assert "The model cannot run on the inputs of 2020" in practice and "Not computed: Exercise 4.6 needs the model" in practice
