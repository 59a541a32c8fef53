"""The salary notebook follows the house style: it selects by meaning (no figure ids, guide file names or typed years),
narrates with Markdown built from computed values, draws with src/ chart functions, records its findings, and has
exercises a student can answer from the page. The last test runs it on thinner guides (slow)."""

import json
import re
import shutil

import nbformat
import pandas as pd
import pytest

from conftest import COMMITTED_PROCESSED
from mrt import charts, paths, schema, wages

NOTEBOOK = paths.NOTEBOOKS / "02-salaries.ipynb"
CHARTS = ("median_method_validation", "pay_distribution_from_printed_figures", "pay_nominal_vs_real", "pay_by_place_vs_national")
REQUIRED_CONCEPTS = {"validating a method on known cases", "real versus nominal dollars", "mean versus median",
                     "percentiles are not minimum and maximum"}


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


def tags(cell):
    return cell.metadata.get("tags", [])


def test_no_figure_ids_guide_files_or_typed_years(nb):
    for index, cell in enumerate(nb.cells):
        source = cell.source
        assert not re.search(r"\bF\d{3}\b", source), f"cell {index}: select figures by meaning, not by id"
        assert not re.search(r"\d{3}_[0-9a-f]{16}", source), f"cell {index}: no guide file names"
        assert not re.search(r"(?<![\d,.$_])(19[5-9]\d|20[0-4]\d)(?![\d,_])", source), f"cell {index}: no typed years: {source[:80]!r}"
        assert "BASE_YEAR" not in source


def test_findings_are_markdown_not_printed_text(nb):
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert not any("print(" in c.source for c in code)
    for cell in code:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "stream", f"console output in: {cell.source[:60]!r}"
            assert "text/html" not in output.get("data", {}) or "mrt-table" in "".join(output["data"]["text/html"]), "a bare DataFrame"


def test_cells_stay_short_and_charts_are_drawn_in_src(nb):
    for cell in nb.cells:
        if cell.cell_type == "code" and "solution" not in tags(cell):
            assert len(cell.source.splitlines()) <= 40, cell.source[:60]
            assert "ax.plot" not in cell.source and "plt." not in cell.source and "new_figure" not in cell.source


def test_every_chart_is_saved_with_alt_text_that_states_a_finding(nb):
    saved = re.findall(r'save_chart\(fig, "([^"]+)"', "\n".join(c.source for c in nb.cells))
    assert sorted(saved) == sorted(CHARTS)
    for name in CHARTS:
        png = COMMITTED_PROCESSED / "charts" / f"{name}.png"
        alt = charts.chart_alt(png)
        assert "To be replaced" not in alt and re.search(r"\d", alt), f"{name}: the alt text states the finding with its numbers"
        assert charts.chart_title(png).lower().startswith("medical records technicians"), f"{name}: the title names the occupation"
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == len(CHARTS)
    assert all(o.get("metadata", {}).get("image/png", {}).get("alt") or o.get("metadata", {}).get("alt") for o in images)


def test_one_headline_method_per_year_and_quantile():
    quantiles = schema.read_processed("salary_quantiles.csv")
    assert (quantiles.groupby(["year", "quantile"])["headline"].sum() == 1).all()
    provenance = schema.read_processed("wage_provenance.csv")
    assert sorted(quantiles["year"].unique()) == wages.distribution_years(provenance)


def test_exercises_follow_the_format(nb):
    cells = nb.cells
    exercises = [i for i, c in enumerate(cells) if "exercise" in tags(c)]
    assert len(exercises) >= 5
    levels, concepts = set(), set()
    for number, i in enumerate(exercises, start=1):
        meta = cells[i].metadata["exercise"]
        assert cells[i].source.startswith(f"**Exercise 2.{number} · {meta['level']}.**")
        assert meta["id"] == f"q2_{number}" and meta["level"] in ("warm-up", "core", "stretch") and meta["hint"]
        levels.add(meta["level"])
        concepts.update(meta["concepts"])
        following = cells[i + 1:exercises[exercises.index(i) + 1] if i != exercises[-1] else len(cells)]
        solutions = [c for c in following if "solution" in tags(c)]
        written = [c for c in solutions if "written" in tags(c)]
        assert len(written) <= 1 and all(c.source.startswith("**Model answer.**") for c in written), f"exercise 2.{number}: one model answer"
        if meta["answer"] is not None:
            solutions = [c for c in solutions if c.cell_type == "code"]   # a written part's model answer may follow the key
        assert len(solutions) == 1, f"exercise 2.{number}: one solution cell"
        solution = solutions[0]
        if meta["answer"] is None:
            assert solution.cell_type == "markdown" and "written" in tags(solution) and solution.source.startswith("**Model answer.**")
        else:
            assert solution.cell_type == "code"
            assert meta["check"].split(":")[0] in ("number", "int", "bool", "text", "set")
            assert solution.source.strip().splitlines()[-1].startswith(f"{meta['answer']} = "), "the key ends by assigning the answer"
            assert f"`{meta['answer']}`" in cells[i].source, "the question names the variable"
        if meta["level"] == "stretch":
            assert any("hint" in tags(c) and c.source.startswith("<details><summary>Hint</summary>") for c in following)
        assert "paths.processed" not in "".join(c.source for c in following), "exercises write nothing into data/processed"
    assert {"warm-up", "stretch"} <= levels
    assert REQUIRED_CONCEPTS <= concepts


def test_exercises_use_only_functions_the_page_has_called(nb):
    body = [c.source for c in nb.cells if not {"exercise", "solution", "hint"} & set(tags(c))]
    shown = set(re.findall(r"wages\.(\w+)\(", "\n".join(body)))
    for cell in nb.cells:
        if {"solution", "hint", "exercise"} & set(tags(cell)):
            used = set(re.findall(r"wages\.(\w+)\(", cell.source))
            assert used <= shown, f"functions never called above the exercises: {used - shown}"
            assert "NormalDist" not in cell.source and "import " not in cell.source


# Thinner guides: the notebook says plainly when a kind of figure is absent ------------------------------

THIN = {
    "one guide, one year, no median, no places": lambda w: w[w["guide_file"] == sorted(w["guide_file"].unique())[0]],
    "a single dated median": lambda w: w[(w["statistic"] == "median") & (w["area_type"] == "national") & (w["setting"] == "all")].head(1),
    "no pay figures at all": lambda w: w.iloc[0:0],
}
ABSENT = {
    "one guide, one year, no median, no places": ["no pay for particular places or work settings", "No guide prints a pay figure in both hourly"],
    "a single dated median": ["The guides print no pay range", "cannot be turned into quartiles"],
    "no pay figures at all": ["The guides print no national pay figure"],
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(THIN))
def test_the_notebook_runs_on_thinner_guides_and_says_what_is_absent(case, tmp_path):
    from mrt.pipeline import STEPS, run_notebooks

    processed = tmp_path / "processed"
    processed.mkdir()
    for name in ("bls_wages.csv", "cpi_u.csv"):
        shutil.copy(COMMITTED_PROCESSED / name, processed / name)
    guide_wages = pd.read_csv(COMMITTED_PROCESSED / "guide_wages.csv", dtype=str, keep_default_na=False)
    THIN[case](guide_wages).to_csv(processed / "guide_wages.csv", index=False)
    run_notebooks(out_dir=tmp_path / "out", processed_dir=processed, steps=tuple(s for s in STEPS if s.notebook == NOTEBOOK.name))
    executed = nbformat.read(tmp_path / "out" / NOTEBOOK.name, as_version=4)
    text = json.dumps([o.get("data", {}).get("text/markdown", "") for c in executed.cells for o in c.get("outputs", [])])
    for phrase in ABSENT[case]:
        assert phrase in text, f"{case}: the page should say {phrase!r}"
    assert (processed / "findings" / "02-salaries.csv").is_file()


# Issue 16: thin cells, words from data, findings for readers, the published middle half ---------------------------------


def analysis_cells(nb):
    cells = []
    for cell in nb.cells:
        if {"exercise", "solution", "hint"} & set(tags(cell)):
            break
        cells.append(cell)
    return cells


def test_analysis_cells_are_thin_and_type_no_names_or_directions(nb):
    for index, cell in enumerate(analysis_cells(nb)):
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 20, f"cell {index}: {len(cell.source.splitlines())} lines"
            text = re.sub(r"#.*", "", cell.source)  # a comment may explain; a string may not type what the data says
            assert not re.search(r"\btechnicians?\b", text, re.I), f"cell {index}: the occupation's name comes from occupation.toml"
            assert not re.search(r"\b(rose|fell)\b", text), f"cell {index}: a direction comes from a sign (words.direction)"
            assert not re.search(r"\b(two|three|four|five) guides\b", text), f"cell {index}: a count comes from the rows"
        else:
            for paragraph in cell.source.split("\n\n"):
                assert len(paragraph.split()) <= 120, f"cell {index}: a paragraph of {len(paragraph.split())} words"


def test_recorded_findings_read_as_findings():
    part = pd.read_csv(COMMITTED_PROCESSED / "findings" / "02-salaries.csv").drop_duplicates("finding_id")
    for row in part.itertuples():
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", row.statement.strip())
        assert len(sentences) <= 2 and len(sentences[0].split()) <= 35, row.finding_id
        assert len(sentences) == 1 or len(sentences[1].split()) <= 25, row.finding_id
        assert not re.search(r"lognormal|OEWS|nominal|\bp\d0\b", row.statement), f"{row.finding_id}: jargon in {row.statement!r}"
        assert not re.search(r"\$\d{1,3},\d{2}[1-9]\b", row.statement) or row.finding_id == "pay.middle_half", \
            f"{row.finding_id}: a modelled amount to the dollar"


def test_the_pay_finding_is_the_published_middle_half_of_the_latest_year():
    wages_table = schema.read_processed("bls_wages.csv")
    annual = wages_table[wages_table["unit"] == "usd_per_year"]
    quartiles = annual[annual["statistic"].isin(["p25", "p75"])]
    latest = int(quartiles["year"].max())
    p25, p75 = (float(quartiles.loc[(quartiles["year"] == latest) & (quartiles["statistic"] == s), "value"].iloc[0]) for s in ("p25", "p75"))
    register = pd.read_csv(COMMITTED_PROCESSED / "findings" / "02-salaries.csv").drop_duplicates("finding_id").set_index("finding_id")
    statement = register.loc["pay.middle_half", "statement"]
    assert statement.startswith("The middle half of") and f"${p25:,.0f} to ${p75:,.0f}" in statement and str(latest) in statement
    assert register.loc["pay.middle_half", "value"] == p25


def test_the_quartile_check_covers_every_published_year_and_every_method():
    check = schema.read_processed("quartile_method_check.csv")
    wages_table = schema.read_processed("bls_wages.csv")
    published_years = set(wages_table.loc[wages_table["statistic"] == "p25", "year"])
    assert set(check["year"]) == published_years
    assert set(check["method"]) == set(wages.METHODS)
    curve = check[check["method"] == wages.PRINTED_MEDIAN]
    assert (curve.loc[curve["quantile"] == 0.5, "error_pct"] == 0).all()  # through the printed median: only the shape errs
    quantiles = schema.read_processed("salary_quantiles.csv")
    headline = quantiles[quantiles["headline"] & (quantiles["method"] == wages.PRINTED_MEDIAN)]
    assert set(headline["band_basis"]) == {wages.SHAPE_AND_ROUNDING_BAND}
