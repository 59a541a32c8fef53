"""Issue 18, injection: text from data or configuration is shown as written wherever it lands (HTML tables,
Markdown outputs, the site's index, the README, chart labels), never run or rendered as markup; control
characters, line breaks and comment markers are refused in the raw layer before any notebook runs; the
README's generated blocks are each exactly one well-formed pair of markers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from mrt import paths, readme, report, site
from mrt.io import DataError, read_raw_rows, unsafe_text
from mrt.occupation import ConfigError
from mrt.occupation import read as read_occupation

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
LINK = "[click here](javascript:alert(1))"
HOSTILE = f"Hospitals {SCRIPT} employ {IMAGE} most {LINK} & more"


def live_markup(html_text: str) -> list[str]:
    """Markup that a browser would act on: a script or image element, or a javascript: link."""
    return re.findall(r"<script|<img\s+src=x|<a\b[^<>]*javascript:", html_text, flags=re.I)


def rendered(markdown_text: str) -> str:
    """Markdown as the site renders a notebook's Markdown output (nbconvert, raw HTML allowed)."""
    return site._markdown(markdown_text)


# -- HTML tables --------------------------------------------------------------------------------------------------

def test_table_cells_and_labels_from_data_are_escaped():
    frame = pd.DataFrame({"claim": [HOSTILE], "n": [1]})
    out = report.table(frame, {"claim": f"Claim {SCRIPT}", "n": "Count"}, {"n": "int"}, caption="Claims").data
    assert live_markup(out) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "Associate's" in report.table(pd.DataFrame({"a": ["Associate's"]}), {"a": "A"}, caption="c").data


def test_table_ids_do_not_change_with_escaping():
    frame = pd.DataFrame({"a": ["plain"]})
    first = report.table(frame, {"a": "A"}, caption="c").data
    assert first == report.table(frame, {"a": "A"}, caption="c").data


# -- Markdown ------------------------------------------------------------------------------------------------------

def test_markdown_from_data_shows_html_and_links_as_written():
    out = rendered(report.md(f"The guide says: {HOSTILE}.").data)
    assert live_markup(out) == [], out
    assert "<a " not in out
    text = re.sub(r"<[^>]+>", "", out)
    import html

    assert html.unescape(text).strip() == f"The guide says: {HOSTILE}."


def test_markdown_emphasis_code_and_dollars_still_work():
    out = rendered(report.md("*Associate's degree* leads by $1,200; `x < 3` stays code").data)
    assert "<em>Associate's degree</em>" in out and "$1,200" in out and "<code>x &lt; 3</code>" in out


def test_escape_markup_is_idempotent_and_leaves_code_alone():
    once = report.escape_markup(f"a {SCRIPT} `<b>` [x]")
    assert report.escape_markup(once) == once
    assert "`<b>`" in once and "&#91;x&#93;" in once


def test_site_index_findings_show_data_text_as_written():
    out = site._inline_markdown(f"Most {SCRIPT} work in hospitals {LINK}.")
    assert live_markup(out) == [] and "<a " not in out


def test_readme_finding_lines_are_inert_markdown():
    row = SimpleNamespace(statement=f"Most {SCRIPT}\nwork {LINK}", holds_under_all=False, changes_under=IMAGE)
    line = readme.finding_line(row)
    html_text = rendered(line)
    assert "\n" not in line and live_markup(html_text) == []
    # the one link is the code's own tag to the findings register; nothing from the data becomes a link
    assert re.findall(r"<a [^>]*>", html_text) == [f'<a href="{readme.REGISTER_NOTEBOOK}">']


# -- chart labels -------------------------------------------------------------------------------------------------

def test_chart_text_from_data_is_never_read_as_tex():
    import matplotlib.pyplot as plt

    from mrt.charts import new_figure

    fig, ax = new_figure()
    label = ax.set_title("between $12 and $31 an hour")
    assert label._preprocess_math(label.get_text())[1] is False
    plt.close(fig)


# -- the raw layer refuses what cannot be shown safely ------------------------------------------------------------

@pytest.mark.parametrize("cell, says", [("a\x00b", "a NUL byte"), ("line one\nline two", "a line break"),
                                        ("tab\there", "a tab"), ("ends <!-- findings:end --> here", "the comment marker '<!--'"),
                                        ("x -->", "the comment marker '-->'"), ("\u2028", "the control character U+2028")])
def test_raw_text_with_control_characters_or_comment_markers_is_refused(tmp_path, cell, says):
    path = tmp_path / "guide_claims.csv"
    path.write_text(f'claim_id,claim\nC001,fine\nC002,"{cell}"\n', encoding="utf-8")
    with pytest.raises(DataError, match=rf"guide_claims\.csv data row 2, column 'claim' \(file line \d+\): expected plain "
                                        rf"text on one line, found {re.escape(says)}$"):
        read_raw_rows(path)


def test_plain_text_passes():
    assert unsafe_text("Hospitals employ 40% — “most” <b> & [x]") is None


@pytest.mark.parametrize("key, value, says", [("short_name", '"tech\\n<!-- findings:end -->"', "a line break"),
                                               ("short_name", '"techs <!-- x"', "the comment marker '<!--'"),
                                               ("name", '"a\\u0000b"', "a NUL byte")])
def test_occupation_values_with_line_breaks_or_comment_markers_are_refused(tmp_path, key, value, says):
    text = paths.OCCUPATION.read_text(encoding="utf-8")
    text = re.sub(rf"^{key} = .*$", lambda m: f"{key} = {value}", text, count=1, flags=re.M)
    (tmp_path / "occupation.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"occupation\.toml: expected '{key}' to be plain text on one line, found {re.escape(says)}"):
        read_occupation(tmp_path / "occupation.toml")


def test_an_occupation_route_label_with_a_line_break_is_refused(tmp_path):
    text = paths.OCCUPATION.read_text(encoding="utf-8").replace('route_label = "', 'route_label = "x\\n', 1)
    (tmp_path / "occupation.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'advancement\.route_label' to be plain text on one line, found a line break"):
        read_occupation(tmp_path / "occupation.toml")


# -- the README's generated blocks ----------------------------------------------------------------------------------

README_TEXT = "# Title\n<!-- findings:start -->\nold findings\n<!-- findings:end -->\ntext\n<!-- in-short:start -->\nx\n<!-- in-short:end -->\n"


def test_a_block_is_replaced_exactly_once_and_the_rest_kept():
    out = readme.replace_block(README_TEXT, "findings", "new findings")
    assert out == README_TEXT.replace("old findings", "new findings")
    assert readme.replace_block(out, "findings", "new findings") == out


@pytest.mark.parametrize("text, says", [
    (README_TEXT.replace("old findings\n", "old\n<!-- findings:end -->\ninjected tail\n"), "found start on line 2, end on line 4, end on line 6"),
    (README_TEXT + "<!-- findings:start -->\n", "findings:start"),
    (README_TEXT.replace("<!-- in-short:end -->", "<!-- in-short:start -->"), "in-short:start"),
    (README_TEXT.replace("<!-- findings:start -->\nold findings\n<!-- findings:end -->", "<!-- findings:end -->\n<!-- findings:start -->"),
     "end on line 2, start on line 3"),
])
def test_duplicated_or_misordered_markers_of_any_block_are_refused(text, says):
    with pytest.raises(readme.ReadmeError, match=r"^README\.md: expected exactly one <!-- [a-z-]+:start --> followed by one"):
        readme.replace_block(text, "findings", "new")
    with pytest.raises(readme.ReadmeError, match=re.escape(says)):
        readme.replace_block(text, "findings", "new")


def test_a_missing_block_is_refused():
    with pytest.raises(readme.ReadmeError, match=r"README\.md has no well-formed <!-- outputs:start -->"):
        readme.replace_block(README_TEXT, "outputs", "x")


def test_content_holding_a_marker_is_refused():
    with pytest.raises(readme.ReadmeError, match="would hold a block marker"):
        readme.replace_block(README_TEXT, "findings", "a\n<!-- findings:end -->\nb")


# -- end to end: hostile claims and names through the real main job -----------------------------------------------------

@pytest.mark.slow
def test_hostile_claims_and_names_reach_no_page_as_live_markup(tmp_path):
    """The probe's cases: claim text with <script>, <img onerror> and a javascript: link, and occupation names with
    <script> and <img onerror>, run through every notebook; the site and the README show them, never run them."""
    from conftest import copy_project, run_project

    root = copy_project(tmp_path / "project")
    claims = root / "data" / "raw" / "guide_claims.csv"
    import csv
    import io

    rows = list(csv.reader(io.StringIO(claims.read_text(encoding="utf-8"), newline="")))
    column = rows[0].index("claim")
    for row, extra in zip(rows[1:], [SCRIPT, IMAGE, LINK, "<a href=javascript:alert(4)>x</a>", SCRIPT, SCRIPT]):
        row[column] = f"{row[column]} {extra}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    claims.write_text(out.getvalue(), encoding="utf-8")
    toml = root / "data" / "raw" / "occupation.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace('short_name = "technicians"', 'short_name = "technicians <script>alert(2)</script>"')
    text = text.replace('route_label = "Bachelor\'s degree, then manager"', 'route_label = "Bachelor\'s degree, then manager <img src=x onerror=alert(3)>"')
    toml.write_text(text, encoding="utf-8")
    finished = run_project(root, timeout=1200)
    assert finished.code == 0, finished.stderr
    pages = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted((root / "site").glob("*.html"))}
    pages["README.md"] = (root / "README.md").read_text(encoding="utf-8")
    live = {name: live_markup(page) for name, page in pages.items() if live_markup(page)}
    assert live == {}
    shown = "".join(pages.values())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["site/05-fact-check.html"]
    assert "alert(2)" in shown and "alert(3)" in shown  # the names are shown, as text
