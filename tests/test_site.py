"""The rendered site, built without a browser: code folding, links, the index, the student build.

The same pages opened in headless Chromium (overflow, images, accessibility, requests) are tested in
tests/test_site_browser.py.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from mrt import paths, site
from mrt.pipeline import STEPS
from mrt.words import METHOD_TAG
from mrt.site import (IMAGES, MARKER, SHOW_CODE, SHOW_MODEL_ANSWER, SHOW_SOLUTION, SiteError, build_site, external_references, guide_dates,
                      label_table_cells, link_images, local_targets, localise_link, notebook_page, unresolved_links, wrap_wide_tables)

# a 1x1 PNG
PIXEL = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")).decode()
DETAILS = re.compile(r"<details([^>]*)>(.*?)</details>", re.S)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "site"
    build_site(out)
    return out


def pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


# A small synthetic notebook: every kind of cell the house style uses -----------------------------------

def code(source, tags=(), outputs=()):
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": list(tags)} if tags else {})
    cell.outputs = list(outputs)
    return cell


def markdown(source, tags=()):
    return nbformat.v4.new_markdown_cell(source, metadata={"tags": list(tags)} if tags else {})


@pytest.fixture
def synthetic(tmp_path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        markdown("# 9. A synthetic page\n\nPay was \\$42,820; the parser reads `between $12.41 and $31.06 an hour`. "
                 "The [full table](../data/processed/claims.csv), the [salaries](02-salaries.ipynb#Data) and the [teachers' guide](../TEACHING.md)."),
        code("import setup_only_module", tags=["setup"]),
        code("horizon_years = 20  # parameters_cell_code", tags=["parameters"]),
        markdown("## 1. A section\n\nA finding."),
        code("folded_cell_code = 1", outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "output_of_the_folded_cell"},
                                                                        execution_count=1)]),
        code("chart_cell_code = 2", outputs=[nbformat.v4.new_output("display_data", {"image/png": PIXEL, "text/plain": "<Image>"},
                                                                       metadata={"image/png": {"alt": "Pay rose by a third in ten years"}})]),
        code("   \n"),  # an empty cell: nothing to fold
        markdown("**Exercise 9.1 · warm-up.** Store the answer in `answer`.", tags=["exercise"]),
        markdown("<details><summary>Hint</summary>\n\nThe hint_paragraph_one with `hint_code`.\n\nThe hint_paragraph_two.\n</details>",
                 tags=["hint"]),
        code("answer = 'solution_cell_code'", tags=["solution"],
             outputs=[nbformat.v4.new_output("stream", name="stdout", text="printed_by_the_solution\n"),
                      nbformat.v4.new_output("execute_result", {"text/plain": "output_of_the_solution"}, execution_count=2)]),
        markdown("**Model answer.** written_model_answer", tags=["solution", "written"]),
    ]
    path = tmp_path / "09-synthetic.ipynb"
    nbformat.write(nb, path)
    return path


def synthetic_page(path, solutions=True) -> str:
    return notebook_page(path, solutions=solutions, pages={"index.html", "02-salaries.html", "teaching.html"})[1]


def soup(page: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(page, "html.parser")  # nests elements as a browser does: a </details> closes what it opened


def plain(text: str) -> str:
    return " ".join(text.split())


def fold_of(element):
    """The closed <details> an element sits in, or None if it is shown (not folded, or in an open fold)."""
    details = element.find_parent("details")
    return details if details is not None and not details.has_attr("open") else None


def test_every_code_cell_is_folded_and_its_output_shown(synthetic):
    page = synthetic_page(synthetic)
    folded = {body for attrs, body in DETAILS.findall(page) if "open" not in attrs}
    assert any("folded_cell_code" in body for body in folded)
    assert any("chart_cell_code" in body for body in folded)
    assert page.count(f"<summary>{SHOW_CODE}</summary>") == 2  # the folded cell and the chart cell; the empty cell has none
    assert not any("output_of_the_folded_cell" in body for _, body in DETAILS.findall(page)), "outputs are never folded"
    assert "output_of_the_folded_cell" in page


def test_markdown_inside_a_details_block_stays_inside_the_fold(synthetic):
    """A hint cell is <details><summary>Hint</summary>, Markdown paragraphs, </details>: the paragraphs are in the fold
    (nbconvert's embed_images re-parsed each HTML block on its own and closed the <details> before them)."""
    tree = soup(synthetic_page(synthetic))
    hint = next(d for d in tree.find_all("details") if d.summary and d.summary.get_text() == "Hint")
    assert not hint.has_attr("open")
    inside = plain(hint.get_text())
    assert "The hint_paragraph_one with hint_code." in inside and "The hint_paragraph_two." in inside
    assert hint.find("code").get_text() == "hint_code", "the Markdown inside the fold is rendered"
    assert all(fold_of(p) is hint for p in tree.find_all(string=lambda s: "hint_paragraph" in s))


def test_the_parameters_cell_is_shown_open_and_setup_code_is_left_out(synthetic):
    page = synthetic_page(synthetic)
    opened = [body for attrs, body in DETAILS.findall(page) if re.search(r"\bopen\b", attrs)]
    assert len(opened) == 1 and "parameters_cell_code" in opened[0]
    assert "setup_only_module" not in page


def test_solutions_are_folded_for_teachers_and_left_out_for_students(synthetic):
    teacher = synthetic_page(synthetic)
    assert f"<summary>{SHOW_SOLUTION}</summary>" in teacher and f"<summary>{SHOW_MODEL_ANSWER}</summary>" in teacher
    tree = soup(teacher)
    folds = {}
    for text in ("solution_cell_code", "printed_by_the_solution", "output_of_the_solution", "written_model_answer"):
        found = tree.find_all(string=lambda s, text=text: text in s)
        assert len(found) == 1, text
        folds[text] = fold_of(found[0])
        assert folds[text] is not None, f"{text} is shown open"
    # the code and both of its outputs in one fold, the model answer in its own
    assert folds["solution_cell_code"] is folds["printed_by_the_solution"] is folds["output_of_the_solution"]
    assert folds["solution_cell_code"].summary.get_text() == SHOW_SOLUTION
    assert folds["written_model_answer"].summary.get_text() == SHOW_MODEL_ANSWER
    assert folds["written_model_answer"] is not folds["solution_cell_code"]
    assert fold_of(tree.find(string=lambda s: "Exercise 9.1" in s)) is None, "the exercise itself is shown"
    student = synthetic_page(synthetic, solutions=False)
    for text in ("solution_cell_code", "written_model_answer", "output_of_the_solution", "printed_by_the_solution", "celltag_solution",
                 SHOW_SOLUTION, SHOW_MODEL_ANSWER):
        assert text not in student, text
    assert "Exercise 9.1" in student and "folded_cell_code" in student


def test_headings_have_no_pilcrow_and_images_keep_their_alt_text(synthetic):
    page = synthetic_page(synthetic)
    assert "¶" not in page and "&#182;" not in page and "anchor-link" not in page
    assert re.search(r'<h2 id="[^"]+">1\. A section</h2>', page), "headings keep an id to link to"
    assert 'alt="Pay rose by a third in ten years"' in page


def test_an_image_is_a_file_of_the_site_and_links_to_itself_at_full_size(synthetic):
    """The chart is written once, as a file (not also as a data URI in the page), and the image opens it full size."""
    import hashlib

    result = notebook_page(synthetic, pages={"index.html"}, images={})
    pixel = base64.b64decode(PIXEL)
    name = f"{IMAGES}/09-synthetic-{hashlib.sha256(pixel).hexdigest()[:12]}.png"
    assert result.files == {name: pixel}
    assert "data:image" not in result.html
    image = soup(result.html).find("img")
    assert image["src"] == name and image["alt"] == "Pay rose by a third in ten years"
    assert image.parent.name == "a" and image.parent["href"] == name


def test_link_images_uses_the_site_copy_of_a_known_image_and_writes_the_others():
    import hashlib

    pixel = base64.b64decode(PIXEL)
    other = pixel[:-1] + b"\x00"  # not a file of the site
    body = (f'<img alt="known" src="data:image/png;base64,{PIXEL}\n">'
            f'<p>text</p><img src="data:image/png;base64,{base64.b64encode(other).decode()}" alt="other" width="10">'
            '<img alt="already a file" src="data/charts/a.png">')
    linked, files = link_images(body, {hashlib.sha256(pixel).hexdigest(): "data/charts/known.png"}, "02-salaries")
    other_name = f"{IMAGES}/02-salaries-{hashlib.sha256(other).hexdigest()[:12]}.png"
    assert files == {other_name: other}
    tree = soup(linked)
    assert [(i["src"], i.parent.name, i.parent.get("href")) for i in tree.find_all("img")] == [
        ("data/charts/known.png", "a", "data/charts/known.png"), (other_name, "a", other_name),
        ("data/charts/a.png", "a", "data/charts/a.png")]
    assert [i["alt"] for i in tree.find_all("img")] == ["known", "other", "already a file"]
    assert tree.find_all("img")[1]["width"] == "10"
    assert "(PNG, 1 × 1 px)" in plain(tree.get_text()), "the full-size link says how big the image is"
    assert link_images(linked, {}, "02-salaries") == (linked, {}), "an image already linked is left alone"


def test_dollars_show_as_dollars_in_prose_and_code(synthetic):
    page = synthetic_page(synthetic)
    assert "Pay was $42,820" in page
    assert "<code>between $12.41 and $31.06 an hour</code>" in page
    assert "&#36;" not in page and "\\$" not in page


def test_links_written_for_the_repository_point_inside_the_site(synthetic):
    page = synthetic_page(synthetic)
    assert 'href="data/claims.csv"' in page
    assert 'href="02-salaries.html#Data"' in page
    assert 'href="teaching.html"' in page


@pytest.mark.parametrize(("url", "expected"), [
    ("../data/processed/claims.csv", "data/claims.csv"),
    ("data/processed/charts/claim_verdicts.csv", "data/charts/claim_verdicts.csv"),
    ("../../data/processed/findings/03-projections.csv", "data/findings/03-projections.csv"),
    ("02-salaries.ipynb", "02-salaries.html"),
    ("../notebooks/02-salaries.ipynb#Data", "02-salaries.html#Data"),
    ("notebooks/02-salaries.ipynb", "02-salaries.html"),
    ("07-not-built.ipynb", "07-not-built.ipynb"),  # no such page: left for the link test to report
    ("other/02-salaries.ipynb", "other/02-salaries.ipynb"),
    ("TEACHING.md", "teaching.html"),
    ("../README.md#findings", "index.html#findings"),
    ("https://www.bls.gov/oes/", "https://www.bls.gov/oes/"),
    ("#Data", "#Data"),
    ("../src/mrt/site.py", "../src/mrt/site.py"),
    ("data:image/png;base64,AAAA", "data:image/png;base64,AAAA"),
])
def test_localise_link(url, expected):
    assert localise_link(url, {"index.html", "02-salaries.html", "teaching.html"}) == expected


def test_teaching_page_is_rendered_with_its_own_title_and_links_into_the_site(tmp_path, monkeypatch):
    guide = tmp_path / "TEACHING.md"
    guide.write_text("Intro line\n\n# Lesson plan — three lessons\n\nStart with [notebook 2](notebooks/02-salaries.ipynb) "
                     "and [its table](data/processed/claims.csv); [this page](TEACHING.md#top).\n\n| lesson | minutes |\n|---|---|\n| 1 | 50 |\n\n"
                     "```bash\npython3 run.py\n```\n", encoding="utf-8")
    monkeypatch.setattr(site.page, "TEACHING", guide)  # mrt.site.page reads it
    page = site.teaching_page()
    assert "<title>Lesson plan — three lessons</title>" in page
    assert 'href="02-salaries.html"' in page and 'href="data/claims.csv"' in page and 'href="teaching.html#top"' in page
    assert '<div class="mrt-wide" role="region"' in page and '<pre tabindex="0">' in page
    assert "¶" not in page and "&#182;" not in page
    assert 'aria-current="page">For teachers</a>' in page


def test_teaching_page_without_a_heading_gets_a_plain_title(tmp_path, monkeypatch):
    guide = tmp_path / "TEACHING.md"
    guide.write_text("Notes for teachers, no heading.\n", encoding="utf-8")
    monkeypatch.setattr(site.page, "TEACHING", guide)  # mrt.site.page reads it
    assert "<title>Teaching with these notebooks</title>" in site.teaching_page()


def test_teaching_links_stay_as_written_when_the_site_has_no_teaching_page():
    assert localise_link("TEACHING.md", {"index.html"}) == "TEACHING.md"


def test_table_cells_are_labelled_with_their_column_header_for_the_phone_layout():
    page = ('<table class="mrt-table" id="T_x"><caption>Pay</caption><thead><tr><th class="col_heading">Year</th>'
            '<th>Holds <em>under</em> all? &amp; why</th></tr></thead>'
            '<tbody><tr><td class="data" id="T_x_r0">2017</td><td>yes</td></tr><tr><th>2018</th><td><code>no</code></td></tr></tbody></table>'
            '<table><thead><tr><th></th><th>a</th></tr></thead><tbody><tr><th>0</th><td>1</td></tr></tbody></table>')
    tree = soup(label_table_cells(page))
    first, second = tree.find_all("table")
    assert first["class"] == ["mrt-table", "mrt-cards"] and second["class"] == ["mrt-cards"]
    labels = [[(c.name, c.get("data-label"), c.get_text()) for c in row.find_all(["td", "th"])] for row in first.tbody.find_all("tr")]
    assert labels == [[("td", "Year", "2017"), ("td", "Holds under all? & why", "yes")],
                      [("th", "Year", "2018"), ("td", "Holds under all? & why", "no")]]
    assert first.find("td")["id"] == "T_x_r0" and first.find("td")["class"] == ["data"], "the cell keeps its attributes"
    assert [c.get("data-label") for c in second.tbody.find_all(["td", "th"])] == ["", "a"]
    assert [c.get("data-label") for c in first.thead.find_all("th")] == [None, None], "header cells are not labelled"


@pytest.mark.parametrize("table", [
    '<table><thead><tr><th colspan="2">pay</th></tr><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
    '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td rowspan="2">1</td><td>2</td></tr><tr><td>3</td></tr></tbody></table>',
    '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
    '<table><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
    '<table><tr><td>1</td><td>2</td></tr></table>',
])
def test_a_table_whose_cells_cannot_be_matched_to_one_header_each_stays_a_table(table):
    """Two header rows, spanning cells, a short row or no header: no card layout (it keeps its scrolling box)."""
    assert label_table_cells(table) == table


def test_a_table_not_made_by_report_table_scrolls_in_its_own_labelled_box():
    page = ('<table border="1" class="dataframe"><tr><td>1</td></tr></table>'
            '<table><caption>Pay &amp; years</caption><tr><td>2</td></tr></table>'
            '<div class="mrt-table-wrap"><table id="T_x" class="mrt-table"><tr><td>3</td></tr></table></div>')
    wrapped = wrap_wide_tables(page)
    boxes = re.findall(r'<div class="mrt-wide" role="region" aria-label="([^"]+)" tabindex="0"><table', wrapped)
    assert boxes == ["Table 1 (scrolls sideways)", "Pay &amp; years"]
    assert wrapped.count("mrt-wide") == 2  # report.table's own box is not wrapped twice


def test_local_targets_and_unresolved_links(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("x\n")
    (tmp_path.parent / "outside.csv").write_text("x\n")
    page = ('<a href="data/a.csv">a</a><a href="data/b.csv">b</a><a href="#top">top</a><a href="https://bls.gov">bls</a>'
            '<a href="http://bls.gov">bls</a><a href="mailto:a@b.c">mail</a>'
            '<img src="data:image/png;base64,AA" alt="x"><a href="../outside.csv">out</a><a href="file:///etc/passwd">f</a>'
            '<a href="//host/x.csv">h</a><a href="ftp://host/y.csv">g</a><a href="data/a.csv#row=2">a2</a><a href="data/c.csv">c</a>')
    assert local_targets(page) == ["data/a.csv", "data/b.csv", "../outside.csv", "file:///etc/passwd", "//host/x.csv",
                                   "ftp://host/y.csv", "data/a.csv#row=2", "data/c.csv"]
    assert unresolved_links(page, tmp_path / "index.html") == ["data/b.csv", "../outside.csv", "file:///etc/passwd", "//host/x.csv",
                                                                "ftp://host/y.csv", "data/c.csv"]


def test_external_references_are_loads_not_links():
    page = ('<img src="https://example.org/x.png"><a href="https://www.bls.gov/oes/">BLS</a><link rel="stylesheet" href="//cdn/x.css">'
            '<img src="data:image/png;base64,AA"><img src="data/charts/a.png"><style>body { background: url("http://x/y.png") }</style>'
            '<script src="../../elsewhere.js"></script><img src="/srv/x.png"><LINK REL="stylesheet" HREF="theme.css">')
    assert external_references(page) == ["https://example.org/x.png", "../../elsewhere.js", "/srv/x.png", "//cdn/x.css",
                                         "http://x/y.png"]
    assert re.findall(r"<link\b", page, flags=re.I) and "theme.css" not in external_references(page)  # a local file is not outside


@pytest.mark.parametrize(("row", "expected"), [
    ({"date_printed": "none", "latest_year": 2013}, "undated; latest figure 2013"),
    ({"date_printed": "", "latest_year": None}, "undated; prints no dated figure"),
    ({"date_printed": "May 2019", "latest_year": 2018}, "dated May 2019; latest figure 2018"),
])
def test_guide_dates(row, expected):
    assert guide_dates(row) == expected


def test_latest_figure_year_counts_a_projection_by_its_base_year(tmp_path, monkeypatch):
    # guide a: pay for 2013 and a 2012-2022 projection -> 2013 (not 2022, a year not yet measured when printed)
    # guide b: only a 2016-2026 projection -> 2016; guide c: no year at all -> not listed
    pd.DataFrame({"guide_file": ["a", "a", "b", "c"], "topic": ["pay", "outlook", "outlook", "pay"],
                  "year_start": [2013, 2012, 2016, None], "year_end": [2013, 2022, 2026, None]}).to_csv(tmp_path / "figures.csv", index=False)
    monkeypatch.setenv(paths.PROCESSED_ENV, str(tmp_path))
    assert site._latest_figure_years() == {"a": 2013, "b": 2016}


# The site built from the committed notebooks -----------------------------------------------------------

def test_one_page_per_notebook_an_index_and_the_teachers_guide(built):
    expected = {"index.html", "teaching.html"} | {Path(s.notebook).stem + ".html" for s in STEPS}
    assert {p.name for p in pages(built)} == expected


def test_pages_load_nothing_from_outside(built):
    for page in pages(built):
        text = page.read_text(encoding="utf-8")
        assert external_references(text) == [], page.name
        assert "<script" not in text.lower(), f"{page.name} has a script"
        assert "<link" not in text.lower(), f"{page.name} links a style sheet"


def test_every_local_link_on_every_page_resolves_inside_the_site(built):
    for page in pages(built):
        assert unresolved_links(page.read_text(encoding="utf-8"), page) == [], page.name


def test_every_table_link_opens_its_csv_copy(built):
    for page in pages(built):
        for href in re.findall(r'class="mrt-csv" href="([^"]+)"', page.read_text(encoding="utf-8")):
            assert href.startswith("data/") and (built / href).is_file(), f"{page.name}: {href}"
    assert (built / "data" / "claims.csv").read_bytes() == paths.processed("claims.csv").read_bytes()


def test_every_hint_is_inside_a_closed_details_on_every_notebook_page(built):
    count = 0
    for step in STEPS:
        nb = nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4)
        tree = soup((built / f"{Path(step.notebook).stem}.html").read_text(encoding="utf-8"))
        for cell in nb.cells:
            if "hint" not in cell.metadata.get("tags", []):
                continue
            count += 1
            inner = re.sub(r"</?details>|<summary>.*?</summary>", "", cell.source, flags=re.S)
            hint_text = plain(soup(site._markdown(inner)).get_text())
            assert len(hint_text) > 20, (step.notebook, cell.id)
            rendered = tree.find(id=f"cell-id={cell.id}")
            folds = [d for d in rendered.find_all("details") if not d.has_attr("open") and d.summary.get_text() == "Hint"]
            assert len(folds) == 1, f"{step.notebook} {cell.id}: no closed Hint fold"
            assert hint_text in plain(folds[0].get_text()), f"{step.notebook} {cell.id}: the hint text is outside its fold"
            assert plain(rendered.get_text()).replace(plain(folds[0].get_text()), "").strip() == "", \
                f"{step.notebook} {cell.id}: text of the hint cell outside the fold"
    assert count >= 5, "the notebooks have hint cells"


def test_every_solution_and_its_outputs_sit_in_one_closed_fold_on_the_teachers_site(built):
    count = 0
    for step in STEPS:
        nb = nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4)
        tree = soup((built / f"{Path(step.notebook).stem}.html").read_text(encoding="utf-8"))
        for cell in nb.cells:
            tags = cell.metadata.get("tags", [])
            if "solution" not in tags or not cell.source.strip():
                continue
            count += 1
            rendered = tree.find(id=f"cell-id={cell.id}")
            fold = fold_of(rendered)
            assert fold is not None, f"{step.notebook} {cell.id}: the solution is shown open"
            expected = SHOW_MODEL_ANSWER if cell.cell_type == "markdown" else SHOW_SOLUTION
            assert fold.summary.get_text() == expected, (step.notebook, cell.id)
            if cell.cell_type == "code" and cell.outputs:
                outputs = rendered.select(".output_area")
                assert len(outputs) == len(cell.outputs) and all(fold_of(o) is fold for o in outputs), (step.notebook, cell.id)
    assert count >= 10, "the notebooks have solution cells"


def test_every_image_on_every_page_opens_a_file_of_the_site_and_none_is_inlined(built):
    charts = 0
    for page in pages(built):
        text = page.read_text(encoding="utf-8")
        assert "data:image" not in text, f"{page.name}: an image is inlined as well as written as a file"
        for image in soup(text).find_all("img"):
            charts += 1
            link = image.find_parent("a")
            assert link is not None, f"{page.name}: {image['src']} is not in a link"
            assert link["href"] == image["src"] and (built / image["src"]).is_file(), f"{page.name}: {image['src']}"
            assert image.get("alt", "").strip(), f"{page.name}: {image['src']} has no alt text"
    assert charts >= 12  # nine charts on the notebook pages, three on the index
    salaries = (built / "02-salaries.html").read_text(encoding="utf-8")
    for src in re.findall(r'<img[^>]*src="([^"]+)"', salaries):
        assert src.startswith("data/charts/") and (built / src).read_bytes() == paths.processed(src.removeprefix("data/")).read_bytes()


def test_every_table_with_one_header_row_is_labelled_for_the_phone_layout(built):
    tables = 0
    for page in pages(built):
        for table in soup(page.read_text(encoding="utf-8")).find_all("table"):
            tables += 1
            assert "mrt-cards" in table.get("class", []), f"{page.name}: {table.caption or table.get('id')}"
            headers = [plain(th.get_text()) for th in table.thead.find_all("th")]
            for row in table.tbody.find_all("tr"):
                assert [c.get("data-label") for c in row.find_all(["td", "th"])] == headers, page.name
    assert tables > 30


def test_setup_code_is_left_out_analysis_code_folded_parameters_open(built):
    salaries = (built / "02-salaries.html").read_text(encoding="utf-8")
    assert "use_style" not in salaries  # the setup cell's code
    assert any("match_to_bls" in body for attrs, body in DETAILS.findall(salaries) if "open" not in attrs)
    education = (built / "04-education.html").read_text(encoding="utf-8")
    opened = [body for attrs, body in DETAILS.findall(education) if re.search(r"\bopen\b", attrs)]
    assert len(opened) == 1 and "horizon_years" in opened[0]  # the parameters cell, although it is also tagged setup


def index_html() -> str:
    """The index as built from the processed tables (called in each test, not through a shared fixture,
    so that mutation testing attributes the call to the test that checks it)."""
    return site.index_page({s.notebook: f"Title of {s.notebook}" for s in STEPS})


def test_index_leads_with_the_five_key_findings_in_order_marked_where_they_change():
    from mrt import schema

    index = index_html()
    register = schema.read_processed("findings.csv")
    key = register[register["key_rank"].notna()].sort_values("key_rank")
    assert list(key["key_rank"]) == [1, 2, 3, 4, 5]
    items = re.findall(r"<li>(.*?)</li>", re.search(r'<ol class="mrt-findings">(.*?)</ol>', index, re.S).group(1), re.S)
    assert len(items) == 5
    for item, row in zip(items, key.itertuples()):
        plain = re.sub(r"<[^>]+>", "", item).replace("&#x27;", "'").replace("&amp;", "&")
        assert re.sub(r"\*+", "", row.statement).split(";")[0] in plain  # the index renders the Markdown emphasis
        assert (METHOD_TAG in item) == (not row.holds_under_all), row.finding_id
        for method in (row.changes_under.split("; ") if isinstance(row.changes_under, str) else []):
            assert method not in plain, f"{row.finding_id}: one tag, not the list of alternatives ({method})"
        if not row.holds_under_all:
            assert '<a class="mrt-tag" href="06-findings.html#Findings-that-depend-on-the-method">' in item
        assert f'href="{row.notebook}.html"' in item
    purpose = re.search(r'</h1>\s*<p class="mrt-purpose">(.*?)</p>', index, re.S)
    assert purpose and "4 career guides print about\nmedical records technicians" in purpose.group(1), "the page opens with its purpose"
    assert (index.index("mrt-purpose") < index.index("In short") < index.index("Five key findings") < index.index("Three main charts")
            < index.index("Where to start"))


def test_index_answers_the_four_questions_first_each_linking_to_its_section():
    from mrt import insight, words

    index = index_html()
    found = insight.facts()
    for key in insight.QUESTIONS:
        answer = re.search(rf'<h3 id="in-short-{key}">(.*?)</h3>\n<p>(.*?)</p>', index, re.S)
        assert answer and answer.group(1) == html.escape(words.QUESTIONS[key]), key
        plain = html.unescape(re.sub(r"<[^>]+>", "", answer.group(2)))
        assert " ".join(words.ANSWERS[key](found[key])) in plain, key
        notebook, heading = insight.SECTIONS[key]
        anchor = site.section_anchor(notebook, heading)
        assert anchor, f"{notebook} has no section headed with {heading!r}: update insight.SECTIONS"
        assert f'<a href="{notebook}.html#{anchor}">More in notebook {int(notebook[:2])}</a>' in answer.group(2)
    for term, meaning in words.GLOSSARY:
        assert f"<dt>{term.capitalize()}</dt><dd>{html.escape(meaning)}</dd>" in index, term
    assert site.section_anchor(site.REGISTER_NOTEBOOK, site.REGISTER_SECTION) == "Findings-that-depend-on-the-method"


def test_section_anchor_is_the_id_the_page_gives_its_heading(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title\n\ntext"),
                                         nbformat.v4.new_markdown_cell('## 3. Mean and median, and what a pay "range" is')])
    nbformat.write(nb, tmp_path / "02-toy.ipynb")
    assert site.section_anchor("02-toy", "mean and MEDIAN", tmp_path) == "3.-Mean-and-median,-and-what-a-pay-%22range%22-is"
    assert site.section_anchor("02-toy", "quartiles", tmp_path) == ""
    assert site.section_anchor("09-none", "Title", tmp_path) == ""
    page = site._markdown('## 3. Mean and median, and what a pay "range" is')
    assert 'id="3.-Mean-and-median,-and-what-a-pay-%22range%22-is"' in page


def test_index_shows_the_main_charts_with_their_alt_text_and_data():
    from mrt.charts import chart_alt, chart_title

    index = index_html()
    charts = site.main_charts()
    assert len(charts) == 3
    for stem in charts:
        alt = chart_alt(paths.charts_dir() / f"{stem}.png")
        assert (f'<a class="mrt-chart" href="data/charts/{stem}.png"><picture><source media="{site.PHONE_MEDIA}" '
                f'srcset="data/charts/phone/{stem}.png"><img src="data/charts/{stem}.png" '
                f'alt="{alt.replace(chr(39), "&#x27;")}"></picture></a>') in index
        assert f'href="data/charts/{stem}.csv"' in index
        figure = next(f for f in soup(index).find_all("figure") if f.find("img")["src"] == f"data/charts/{stem}.png")
        caption = plain(figure.figcaption.get_text())
        assert caption.startswith(plain(alt)), "the caption states the chart's finding"
        assert plain(chart_title(paths.charts_dir() / f"{stem}.png")) not in caption, "the caption does not repeat the title"


def test_index_names_the_guides_by_title_publisher_and_year_with_the_file_beside():
    index = index_html()
    guides = pd.read_csv(paths.GUIDES, dtype=str, keep_default_na=False)
    for g in guides.itertuples():
        entry = re.search(rf"<dt>“{re.escape(g.title)}”</dt><dd>(.*?)</dd>", index.replace("&#x27;", "'"))
        assert entry, g.title
        assert g.guide_file in entry.group(1) and g.publisher in entry.group(1) and "undated" in entry.group(1)
    assert "latest figure 2013" in index  # guide 000 prints 2013 pay and a 2012-2022 projection
    guides_list = re.search(r'<dl class="mrt-guides">(.*?)</dl>', index, re.S).group(1)
    assert guides_list.count("<dt>") == 4, "the four guides, and only they"
    assert 'href="teaching.html"' in index
    assert 'href="02-salaries.html">Title of 02-salaries.ipynb</a>' in index  # where to start: each notebook by its title


def test_guides_table_names_every_guide_with_its_title_as_printed(guides_dir):
    guides = pd.read_csv(paths.GUIDES, dtype=str, keep_default_na=False)
    sources = pd.read_csv(paths.SOURCES, dtype=str, keep_default_na=False)
    assert set(guides["guide_file"]) == {s.removeprefix("guide:") for s in sources.loc[sources["kind"] == "guide", "source_id"]}
    for g in guides.itertuples():
        lines = [line.strip() for line in (guides_dir / g.guide_file).read_text(encoding="utf-8").splitlines()]
        assert g.title in lines, f"{g.guide_file}: the title {g.title!r} is not a line of the guide"
        if g.publisher != "not named in the text":
            assert g.publisher in (guides_dir / g.guide_file).read_text(encoding="utf-8"), g.publisher


def test_student_site_has_no_solution_and_no_teachers_guide(tmp_path):
    out = tmp_path / "student-site"
    build_site(out, solutions=False)
    assert not (out / "teaching.html").exists()
    solutions = []
    for step in STEPS:
        nb = nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4)
        solutions += [(step.notebook, c.source.strip().splitlines()[0]) for c in nb.cells
                      if "solution" in c.metadata.get("tags", []) and c.source.strip()]
    assert solutions, "the notebooks have solution cells to leave out"
    for notebook, first_line in solutions:
        page = (out / f"{Path(notebook).stem}.html").read_text(encoding="utf-8")
        assert "celltag_solution" not in page
        assert first_line not in page or first_line in _non_solution_sources(notebook), (notebook, first_line)
    for page in pages(out):
        assert "teaching.html" not in page.read_text(encoding="utf-8")


def _non_solution_sources(notebook: str) -> str:
    nb = nbformat.read(paths.NOTEBOOKS / notebook, as_version=4)
    return "\n".join(c.source for c in nb.cells if "solution" not in c.metadata.get("tags", []))


def test_a_rebuild_replaces_its_own_site_and_refuses_any_other_folder(tmp_path):
    out = tmp_path / "site"
    build_site(out)
    (out / "stale.html").write_text("from an earlier build")
    build_site(out)
    assert not (out / "stale.html").exists() and (out / MARKER).is_file()
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("mine")
    with pytest.raises(SiteError, match="not built by mrt.site"):
        build_site(precious)
    assert (precious / "notes.txt").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "the temporary build folder is removed"


def test_no_markdown_prose_can_be_read_as_tex_and_code_keeps_its_dollars():
    """Prose writes \\$ (shown as $, never TeX); code spans keep a plain $ that a reader can copy; no HTML entity anywhere."""
    from mrt.report import unescaped_dollars

    for step in STEPS:
        nb = nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "markdown":
                assert not unescaped_dollars(cell.source), f"{step.notebook} cell {index}: write \\$ in prose: {unescaped_dollars(cell.source)}"
                assert "&#36;" not in cell.source, f"{step.notebook} cell {index}: an entity shows literally inside code; write $"
            for output in cell.get("outputs", []):
                markdown_output = output.get("data", {}).get("text/markdown", "")
                assert not unescaped_dollars(markdown_output), f"{step.notebook} cell {index}: Markdown output with a bare $"


@pytest.mark.parametrize(("statement", "expected"), [
    # a finding's Markdown as inline HTML: no <p> around it, dollars never read as TeX, lines kept
    ("Pay **rose** from $5 to $6\nover two lines", "Pay <strong>rose</strong> from $5 to $6\nover two lines"),
    ("Pay rose from \\$5 to `$6`", "Pay rose from $5 to <code>$6</code>"),
])
def test_a_finding_is_rendered_inline(statement, expected):
    assert site._inline_markdown(statement) == expected


# The key findings from a small synthetic register -------------------------------------------------------

def synthetic_register(folder: Path, with_parts: bool) -> None:
    """Five key findings in another order than their ranks; rank 3 changes under one of its two alternatives."""
    from mrt import schema
    from mrt.findings import Alternative, Finding, part_name, part_table, register

    def item(rank, notebook, **extra):
        return notebook, Finding(finding_id=f"t.finding_{rank}", statement=f"Finding number {rank} costs $1{rank} a year.", value=float(rank),
                                 unit="count", depends_on=extra.pop("depends_on", ""), key_rank=rank, **extra)

    items = [item(5, "05-fact-check"), item(2, "02-salaries"),
             item(3, "03-projections", depends_on="the scale",
                  alternatives=(Alternative("scale: points", 40.0, False, "40%, **less** than half"), Alternative("scale: logs", 77.0, True))),
             item(1, "02-salaries"), item(4, "04-education")]
    parts = {}
    for notebook, finding in items:
        parts.setdefault(notebook, []).append(finding)
    tables = [part_table(notebook, found) for notebook, found in parts.items()]
    folder.mkdir(parents=True, exist_ok=True)
    if with_parts:
        for notebook, table in zip(parts, tables):
            (folder / part_name(notebook)).parent.mkdir(exist_ok=True)
            table.to_csv(folder / part_name(notebook), index=False)
    schema.validate(register(tables), "findings.csv").to_csv(folder / "findings.csv", index=False)


@pytest.mark.parametrize("with_parts", [True, False])
def test_key_findings_in_rank_order_each_marked_where_it_changes(tmp_path, monkeypatch, with_parts):
    synthetic_register(tmp_path, with_parts)
    monkeypatch.setenv(paths.PROCESSED_ENV, str(tmp_path))
    listed = site._key_findings_html({"02-salaries.html", "03-projections.html"})
    items = re.findall(r"<li>(.*?)</li>", listed, re.S)
    assert [re.search(r"Finding number (\d)", i).group(1) for i in items] == ["1", "2", "3", "4", "5"]
    assert "costs $13 a year" in items[2]
    assert [METHOD_TAG in i for i in items] == [False, False, True, False, False]
    assert "scale: points" not in items[2] and "scale: logs" not in items[2]  # one tag; the alternatives are in the register
    assert '<a class="mrt-tag" href="data/findings.csv">' in items[2]  # no notebook 6 page in this site: the register's CSV
    assert 'href="03-projections.html"' in items[2] and "href" not in items[3]  # no link to a page the site does not have


def test_key_findings_need_the_register(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.PROCESSED_ENV, str(tmp_path))
    with pytest.raises(SiteError, match="findings.csv is missing: run the findings notebook"):
        site._key_findings_html(set())


def test_guides_without_their_table_are_named_by_what_sources_csv_says(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "GUIDES", tmp_path / "no-guides.csv")
    rows = site._guides_table()
    assert [r["file"] for r in rows] == ["000_8f0a57b0245a47f7.txt", "001_cb1680f8129abfb3.txt", "002_1f917793c12acbbb.txt",
                                         "003_dc4e1e54816b27dc.txt"]
    assert rows[0]["title"].startswith("Career guide 'How to Become") and rows[0]["publisher"] == "" and rows[0]["date_printed"] == ""
    assert rows[0]["latest_year"] == 2013 and rows[2]["latest_year"] is None


def test_external_references_catch_loads_by_any_scheme():
    page = '<LINK REL="stylesheet" HREF="https://cdn.example/x.css"><img src="file:///etc/x.png">'
    assert external_references(page) == ["file:///etc/x.png", "https://cdn.example/x.css"]


# Issue 20: the site on a phone and on paper --------------------------------------------------------------

@pytest.mark.parametrize(("text", "numeric"), [("$51,036", True), ("0.87 ×", True), ("+1.9%", True), ("-7.0%", True), ("2010–2018", True),
                                               ("2017", True), ("$12.41 to $31.06", True), ("NA", True),
                                               ("$34,708 ($34,550–$34,860)", True), ("-0.7% (-1.0% to +0.6%)", True),
                                               ("$34,708 (modelled)", False), ("Year", False), ("yes", False),
                                               ("10 years", False), ("", False)])
def test_a_numeric_cell_is_a_number_a_range_or_a_mark_for_none(text, numeric):
    assert site.is_numeric(text) == numeric


def test_numeric_cells_are_marked_to_stay_on_one_line_and_long_text_keeps_a_readable_width():
    long_text = " ".join(["word"] * (site.PROSE_WORDS + 1))
    short_text = " ".join(["word"] * site.PROSE_WORDS)
    table = (f"<table><thead><tr><th>Year</th><th>Pay</th><th>Note</th></tr></thead><tbody>"
             f'<tr><th>2017</th><td class="data">$51,036</td><td>{long_text}</td></tr>'
             f"<tr><th>2018</th><td>0.87 ×</td><td>{short_text}</td></tr></tbody></table>")
    cells = soup(site.mark_cells(table)).tbody.find_all(["td", "th"])
    assert [c.get("class") for c in cells] == [["mrt-num"], ["data", "mrt-num"], ["mrt-prose"], ["mrt-num"], ["mrt-num"], None]


def test_a_long_under_other_methods_cell_shows_its_first_item_with_the_rest_one_click_away():
    items = ["matching within each rounding step: 6", "the mean instead of the median: 9.2% " + "and more words " * 5,
             "another scale: 77%"]
    long_cell = "; ".join(items)
    other = "; ".join(items)  # the same text in a column that is not folded
    table = (f"<table><thead><tr><th>Finding</th><th>Under other methods</th></tr></thead><tbody>"
             f"<tr><td>{other}</td><td>{long_cell}</td></tr><tr><td>x</td><td>short; cell</td></tr></tbody></table>")
    tree = soup(site.mark_cells(table))
    first, folded = tree.tbody.tr.find_all("td")
    assert first.find("details") is None, "only the columns named in FOLDED_COLUMNS fold"
    fold = folded.find("details")
    assert fold["class"] == ["mrt-more"] and plain(fold.summary.get_text()) == "2 more"
    assert plain(folded.get_text()).startswith(items[0] + "; ")
    assert plain(fold.get_text()).removeprefix("2 more") == plain("; ".join(items[1:]))
    assert tree.find_all("tr")[2].find_all("td")[1].find("details") is None, "a short cell stays whole"
    assert len(plain(long_cell).split()) > site.FOLD_WORDS


def long_table_box(rows: int) -> str:
    body = "".join(f'<tr><td id="T_r{i}">{2000 + i}</td></tr>' for i in range(rows))
    return (f'<div aria-label="Pay" class="mrt-wide" role="region" tabindex="0"><table id="T"><thead><tr><th>Year</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def test_a_long_table_shows_its_first_rows_on_a_phone_with_the_whole_table_folded_beneath():
    short = long_table_box(site.LONG_TABLE_ROWS)
    assert site.tables_for_reading(short) == site.mark_cells(short), "a short table is left whole"
    rows = site.LONG_TABLE_ROWS + 1
    tree = soup(site.tables_for_reading(long_table_box(rows)))
    full, phone = tree.find("div", class_="mrt-long-full"), tree.find("div", class_="mrt-long-phone")
    assert len(full.find_all("tr")) == rows + 1 and full.find("td")["id"] == "T_r0", "the whole table, as it was"
    preview = phone.find("table")
    assert [plain(td.get_text()) for td in preview.find_all("td")] == [str(2000 + i) for i in range(site.PREVIEW_ROWS)]
    fold = phone.find("details")
    assert plain(fold.summary.get_text()) == f"Show all {rows} rows" and len(fold.find_all("td")) == rows
    assert not phone.find_all(id=True), "the copies carry no ids (each id once on the page)"
    assert f"The first {site.PREVIEW_ROWS} of {rows} rows" in phone.get_text()


def test_reads_and_writes_are_folded_below_the_question():
    body = ("<h1>2. Salaries</h1><p><strong>Reads</strong> <code>a.csv</code>.\n<strong>Writes</strong> <code>b.csv</code>.</p>\n"
            "<p><strong>Question.</strong> Where did it come from?</p><p><strong>Data.</strong> The figures.</p>")
    tree = soup(site.fold_reads_writes(body))
    paragraphs = [plain(p.get_text()) for p in tree.find_all("p")]
    assert paragraphs[0].startswith("Question.")
    fold = tree.find("details", class_="mrt-files")
    assert plain(fold.summary.get_text()) == site.FILES_SUMMARY and "a.csv" in fold.get_text() and "b.csv" in fold.get_text()
    assert fold.find_previous_sibling("p").get_text().startswith("Question.")
    assert site.fold_reads_writes("<p>No file list.</p>") == "<p>No file list.</p>"


def test_reads_without_a_question_are_folded_where_they_were():
    tree = soup(site.fold_reads_writes("<h1>T</h1><p><strong>Reads</strong> a.csv</p><p>Next.</p>"))
    assert [c.name for c in tree.children if c.name] == ["h1", "details", "p"]


@pytest.mark.parametrize(("current", "previous", "next_page"), [("index.html", None, "01-clean.html"),
                                                                  ("02-salaries.html", "01-clean.html", "03-projections.html"),
                                                                  ("teaching.html", "06-findings.html", None),
                                                                  ("09-not-in-the-site.html", None, None)])
def test_every_page_links_to_the_pages_either_side_and_back_to_its_top(current, previous, next_page):
    tree = soup(site._page("T", "<p>body</p>", current))
    pager = tree.find("nav", class_="mrt-pager")
    links = {a["class"][0]: a["href"] for a in pager.find_all("a")} if pager else {}
    assert links.get("mrt-previous") == previous and links.get("mrt-next") == next_page
    assert tree.find("a", href="#top") is not None and tree.find(id="top") is not None
    footer = tree.find("footer")
    assert {a["href"] for a in footer.find_all("a")} >= {"index.html#findings", "data/findings.csv", "index.html#sources"}


def test_a_chart_with_a_phone_rendition_is_served_in_a_picture_with_its_finding_as_caption():
    pixel = base64.b64decode(PIXEL)
    import hashlib

    known = {hashlib.sha256(pixel).hexdigest(): "data/charts/pay.png", "other": "data/charts/phone/pay.png"}
    body = f'<img alt="Pay rose by a third &amp; more" src="data:image/png;base64,{PIXEL}">'
    page, files = link_images(body, known, "02-salaries")
    figure = soup(page).find("figure")
    source = figure.find("source")
    assert source["srcset"] == "data/charts/phone/pay.png" and source["media"] == site.PHONE_MEDIA
    assert figure.find("img")["src"] == "data/charts/pay.png" and figure.find("a", class_="mrt-chart")["href"] == "data/charts/pay.png"
    assert plain(figure.figcaption.get_text()).startswith("Pay rose by a third & more Open the chart at full size")
    assert not files
    alone, _ = link_images(body, {hashlib.sha256(pixel).hexdigest(): "data/charts/pay.png"}, "02-salaries")
    assert "<picture>" not in alone and "<figure" in alone, "no phone rendition: the image alone, still with its caption"


def test_the_teachers_guide_is_left_out_of_another_occupation_s_site(monkeypatch):
    """TEACHING.md teaches the project's own case: a site built from another raw folder has no page or link for it."""
    own = [p for p, _ in site._pages_in_nav(True)]
    assert site.TEACHING_PAGE in own and site.TEACHING_PAGE not in [p for p, _ in site._pages_in_nav(False)]
    monkeypatch.setattr(site.paths, "RAW", site.paths.DATA / "practice")
    assert site.TEACHING_PAGE not in [p for p, _ in site._pages_in_nav(True)]
    assert site.TEACHING_PAGE not in site._footer(True)
