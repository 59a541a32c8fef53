"""A static, self-contained HTML site from the executed notebooks.

One page per notebook, an index that leads with the key findings and the main charts, and the
teachers' guide (TEACHING.md) rendered beside them. Pages load nothing from outside and run no
script: styles are inlined, notebook images are data URIs, and the index's charts and every table's
CSV are copied into the site folder (``data/``), so the folder works offline, as in many classrooms.

On a notebook page every code cell's input is folded in a ``<details>`` "Show the code" (HTML, no
script); the cell a reader is meant to change (tagged ``parameters``) is shown open; cells tagged
``setup`` (imports, reading tables) have their code left out. Outputs are always shown. With
``solutions=False`` the cells tagged ``solution`` (code and written model answers) are left out,
outputs included: the student site.

Why nbconvert and a small template rather than Jupyter Book or Quarto: this module is about 300
lines, most of them the index (findings, charts, guides) that any tool would need us to write
anyway. Jupyter Book 2 (mystmd) needs Node.js and downloads its site theme as an archive from
GitHub at build time, which this project's machines and CI cannot reach; Jupyter Book 1 (Sphinx,
now superseded by 2) would add Sphinx, a theme and some forty packages to the pinned environment and
give pages that depend on the theme's JavaScript; Quarto ships as a ~100 MB binary with Pandoc and
Deno, and its code folding is done by its own scripts. nbconvert is already pinned (nbval and the
pipeline use it), its ``basic`` template gives plain HTML we fully control, and ``<details>`` folds
code without a script. The browser tests (tests/test_site_browser.py) hold whatever builds the site.
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat

from mrt import paths
from mrt.io import write_bytes, write_text
from mrt.pipeline import STEPS

SITE = paths.ROOT / "site"
SITE_DATA = "data"  # the site's copy of data/processed/ (tables, charts and their CSVs)
MARKER = ".mrt-site"  # marks a folder this module built, so a rebuild may replace it and nothing else
TEACHING = paths.ROOT / "TEACHING.md"
TEACHING_PAGE = "teaching.html"

SETUP_TAG = "setup"
PARAMETERS_TAG = "parameters"
SOLUTION_TAG = "solution"  # exercise keys: code cells, and Markdown cells also tagged "written"
HIDE_INPUT_TAG = "hide-input"

PYGMENTS_STYLE = "xcode"  # every token colour at least 4.5:1 on white and on the code background (WCAG AA)
SHOW_CODE = "Show the code"
SHOW_SOLUTION = "Show the solution"
PARAMETERS_SUMMARY = "The parameters: change these values and rerun the notebook"


class SiteError(RuntimeError):
    """The site cannot be built as asked; the message says what and where."""


# The page template: nbconvert's "basic" (plain HTML fragments), with code folded.
TEMPLATE = r"""{%- extends 'classic/base.html.j2' -%}

{% block codecell %}
{%- if cell.outputs or not cell.metadata.get("transient", {}).get("remove_source", false) -%}
{{ super() }}
{%- endif -%}
{%- endblock codecell %}

{% block input_group -%}
{%- if cell.source.strip() -%}
{%- set tags = cell.metadata.get("tags", []) -%}
{%- if "parameters" in tags -%}
<details class="mrt-code mrt-parameters" open><summary>{{ resources.mrt.parameters }}</summary>
{%- elif "solution" in tags -%}
<details class="mrt-code mrt-solution"><summary>{{ resources.mrt.solution }}</summary>
{%- else -%}
<details class="mrt-code"><summary>{{ resources.mrt.code }}</summary>
{%- endif %}
<div class="input">
{{ super() }}
</div>
</details>
{%- endif -%}
{% endblock input_group %}

{% block input %}
<div class="input_area">
{{ cell.source | highlight_code(metadata=cell.metadata) | clean_html }}
</div>
{%- endblock input %}
"""

CSS = """
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: #1a1a1a; background: #fff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
       "DejaVu Sans", Arial, sans-serif; font-size: 1.0625rem; line-height: 1.6; overflow-wrap: break-word; }
header, main, footer { max-width: 68rem; margin: 0 auto; padding: 0 1rem; }
/* prose keeps a readable measure; tables and charts may use the full width */
p, li, dt, dd, h1, h2, h3, h4, figcaption, blockquote, .output_text pre, details.mrt-code { max-width: 46rem; }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: clamp(1.55rem, 1.1rem + 2.2vw, 2.1rem); margin-top: 0.8em; }
h2 { font-size: clamp(1.3rem, 1.05rem + 1.2vw, 1.6rem); }
h3 { font-size: 1.15rem; }
a { color: #005a8c; }
a:focus-visible, summary:focus-visible, [tabindex]:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.86em; }
p code, li code, td code, dd code { overflow-wrap: anywhere; background: #f3f3f1; padding: 0 0.2em; border-radius: 3px; }
pre { background: #f5f5f3; padding: 0.6rem 0.75rem; overflow-x: auto; line-height: 1.45; border-radius: 4px; margin: 0.4rem 0; }
img { max-width: 100%; height: auto; display: block; }
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem; }
.skip-link:focus { left: 0.5rem; }
header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.15rem 1rem; padding: 0.75rem 0; margin: 0;
                border-bottom: 1px solid #ddd; font-size: 0.92rem; }
header nav a[aria-current="page"] { color: #1a1a1a; font-weight: 700; text-decoration: none; }
footer { margin-top: 3rem; padding-bottom: 2rem; font-size: 0.85rem; color: #4a4a4a; border-top: 1px solid #ddd; }
/* tables: a wide one scrolls inside its own box, never the page */
.mrt-table-wrap, .mrt-wide { overflow-x: auto; max-width: 100%; margin: 0.75rem 0; }
table { border-collapse: collapse; border: none; font-size: 0.88rem; margin: 0.25rem 0; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: none; border-bottom: 1px solid #d6d6d6; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top;
         max-width: 22rem; }
.mrt-table-wrap table, .mrt-wide table { width: max-content; }  /* natural width, long text wrapped; scrolls if wider than the box */
@media (max-width: 48rem) { th, td { max-width: 15rem; } }
th { background: #f0f0ee; }
.mrt-table-note { font-size: 0.88rem; margin-top: 0.2rem; }
/* code cells: folded; the parameters cell open */
details.mrt-code { margin: 0.5rem 0; }
details.mrt-code > summary { cursor: pointer; color: #005a8c; font-size: 0.9rem; width: fit-content; }
details.mrt-parameters { border-left: 4px solid #00704a; padding-left: 0.6rem; }
details.mrt-parameters > summary { color: #00553a; font-weight: 600; }
.output_area { margin: 0.5rem 0 1rem; }
.output_text pre, .output_stream pre, .output_error pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff;
                                                         border-left: 3px solid #c8c8c8; }
.output_stderr pre { border-left-color: #b35900; }
/* the index */
.mrt-purpose { font-size: 1.1rem; }
ol.mrt-findings > li { margin-bottom: 0.9rem; }
ol.mrt-findings p { margin: 0.2rem 0; }
.mrt-depends { border-left: 4px solid #b35900; padding-left: 0.6rem; }
.mrt-from { font-size: 0.9rem; color: #4a4a4a; }
figure { margin: 1.5rem 0; }
figcaption { font-size: 0.9rem; color: #333; margin-top: 0.3rem; }
dl.mrt-guides dt { font-weight: 600; margin-top: 0.6rem; }
dl.mrt-guides dd { margin-left: 0; }
@media print {
  body { font-size: 10.5pt; line-height: 1.4; }
  header, .skip-link, footer nav { display: none !important; }
  header, main, footer { max-width: none; padding: 0; }
  details.mrt-code:not(.mrt-parameters) { display: none; }
  details.mrt-parameters > summary { list-style: none; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  .mrt-table-wrap, .mrt-wide { overflow: visible !important; }
  table { font-size: 8.5pt; width: 100%; }
  td { max-width: none; overflow-wrap: anywhere; }
  thead { display: table-header-group; }
  tr, img, figure, pre, .mrt-depends { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  a { color: inherit; }
  @page { margin: 1.6cm 1.4cm; }
}
"""


def _exporter(solutions: bool = True):
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="basic", extra_loaders=[DictLoader({"mrt_page.html.j2": TEMPLATE})],
                            template_file="mrt_page.html.j2", exclude_input_prompt=True, exclude_output_prompt=True,
                            embed_images=True)
    remove = TagRemovePreprocessor(remove_input_tags={HIDE_INPUT_TAG}, remove_cell_tags=set() if solutions else {SOLUTION_TAG},
                                   enabled=True)
    exporter.register_preprocessor(remove, enabled=True)
    return exporter


def _pages_in_nav(solutions: bool) -> list[tuple[str, str]]:
    pages = [("index.html", "Home")] + [(f"{Path(s.notebook).stem}.html", _short_title(s.notebook)) for s in STEPS]
    if solutions and TEACHING.is_file():
        pages.append((TEACHING_PAGE, "For teachers"))
    return pages


def _short_title(notebook: str) -> str:
    number, _, name = Path(notebook).stem.partition("-")
    return f"{int(number)} · {name.replace('-', ' ').capitalize()}"


def _page(title: str, body: str, current: str, solutions: bool = True) -> str:
    from pygments.formatters import HtmlFormatter

    pygments_css = HtmlFormatter(style=PYGMENTS_STYLE).get_style_defs(".highlight")
    here = ' aria-current="page"'
    nav = "\n".join(f'<li><a href="{href}"{here if href == current else ""}>{html.escape(label)}</a></li>'
                    for href, label in _pages_in_nav(solutions))
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{html.escape(title)}</title>\n"
            f"<style>{CSS}\n{pygments_css}</style>\n</head>\n<body>\n"
            f"<a class=\"skip-link\" href=\"#main\">Skip to the content</a>\n"
            f"<header><nav aria-label=\"Pages of this site\"><ul>\n{nav}\n</ul></nav></header>\n"
            f"<main id=\"main\">\n{body}\n</main>\n"
            "<footer><p>Built from the executed notebooks of this repository; every figure traces to a guide line or a BLS table "
            f"(the sources are listed on the <a href=\"index.html#sources\">first page</a>).</p></footer>\n</body>\n</html>\n")


# Links and wide content ------------------------------------------------------------------------------

_HREF = re.compile(r'(href|src)="([^"]*)"')
_ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="#[^"]*">[^<]*</a>')  # nbconvert's pilcrow after each heading
_CODE_PRE = re.compile(r'(<div class="highlight[^"]*">\s*)<pre>|<pre>(?=<code)')  # highlighted code; plain code blocks
_BARE_TABLE = re.compile(r"<table(?![^>]*\bmrt-table\b)[^>]*>.*?</table>", re.S)


def localise_link(url: str, pages: set[str]) -> str:
    """A link as written in a notebook or a Markdown file -> the same target inside the site.

    ``../data/processed/x.csv`` and ``data/processed/x.csv`` -> ``data/x.csv``; ``02-salaries.ipynb``
    (with or without ``notebooks/`` or ``../``) -> ``02-salaries.html`` if that page is built;
    ``TEACHING.md`` -> the rendered guide; ``README.md`` -> the index. Anything else is left alone
    (the tests check that every local link resolves).
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return url
    path, fragment = parts.path, (f"#{parts.fragment}" if parts.fragment else "")
    stripped = re.sub(r"^(\.\./)+", "", path)
    if stripped.startswith("data/processed/"):
        return f"{SITE_DATA}/{stripped.removeprefix('data/processed/')}{fragment}"
    name = stripped.removeprefix("notebooks/")
    if name.endswith(".ipynb") and "/" not in name and f"{name.removesuffix('.ipynb')}.html" in pages:
        return f"{name.removesuffix('.ipynb')}.html{fragment}"
    if stripped == "TEACHING.md" and TEACHING_PAGE in pages:
        return f"{TEACHING_PAGE}{fragment}"
    if stripped == "README.md":
        return f"index.html{fragment}"
    return url


def localise_links(page: str, pages: set[str]) -> str:
    return _HREF.sub(lambda m: f'{m.group(1)}="{html.escape(localise_link(html.unescape(m.group(2)), pages))}"', page)


def without_pilcrows(body: str) -> str:
    """Headings keep their id (a section can be linked to) but lose the visible pilcrow link after them."""
    return _ANCHOR_LINK.sub("", body)


def focusable_code(body: str) -> str:
    """Code blocks scroll sideways rather than wrap; a keyboard user reaches them with Tab (tabindex)."""
    return _CODE_PRE.sub(lambda m: f'{m.group(1) or ""}<pre tabindex="0">', body)


def wrap_wide_tables(body: str) -> str:
    """Put every table that is not already in a ``div.mrt-table-wrap`` (``report.table`` makes those)
    into its own horizontally scrolling, keyboard-reachable box, so that no table widens the page."""
    count = 0

    def wrap(match: re.Match) -> str:
        nonlocal count
        count += 1
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", match.group(0), re.S)
        label = re.sub(r"<[^>]+>", "", caption.group(1)).strip() if caption else f"Table {count} (scrolls sideways)"
        return (f'<div class="mrt-wide" role="region" aria-label="{html.escape(html.unescape(label), quote=True)}" tabindex="0">'
                f"{match.group(0)}</div>")

    return _BARE_TABLE.sub(wrap, body)


def local_targets(page: str) -> list[str]:
    """Every href and src of a page that points inside the site (for the tests): not a data URI,
    not a same-page anchor, not an http(s) or mailto link."""
    found = []
    for _, url in _HREF.findall(page):
        url = html.unescape(url)
        parts = urlsplit(url)
        if url.startswith(("data:", "#")) or parts.scheme in ("http", "https", "mailto"):
            continue
        found.append(url)
    return found


def unresolved_links(page: str, page_path: Path) -> list[str]:
    """Local links of a page whose file does not exist in the site folder (or lies outside it)."""
    site_dir = page_path.parent.resolve()
    missing = []
    for url in local_targets(page):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            missing.append(url)  # file:, ftp:, //host ...: not part of the site
            continue
        target = (page_path.parent / unquote(parts.path)).resolve()
        if not target.is_file() or not target.is_relative_to(site_dir):
            missing.append(url)
    return missing


def external_references(page: str) -> list[str]:
    """Everything a page would load from outside itself (for the tests): a src, a style sheet link or
    a CSS url() that is not a data URI or a file in the site folder. Plain links to other sites are
    not loads and are allowed."""
    loads = re.findall(r"""\bsrc\s*=\s*["']([^"']+)["']""", page)
    loads += re.findall(r"""<link\b[^>]*\bhref\s*=\s*["']([^"']+)["']""", page, flags=re.I)
    loads += re.findall(r"""url\(\s*["']?([^"')]+)""", page)
    return [u for u in loads if not u.startswith("data:") and (urlsplit(u).scheme or urlsplit(u).netloc or u.startswith("/")
                                                            or ".." in u)]


# Pages -----------------------------------------------------------------------------------------------

def _markdown(text: str) -> str:
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    return MarkdownWithMath(renderer=IPythonRenderer(escape=False)).render(text)


def _inline_markdown(text: str) -> str:
    """One sentence of Markdown (a finding) as inline HTML; dollar signs stay dollars."""
    from mrt.report import escape_dollars

    rendered = without_pilcrows(_markdown(escape_dollars(text))).strip()
    return re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.S)


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            return cell.source.strip().splitlines()[0].lstrip("# ").strip()
    return fallback


def notebook_page(path: Path, exporter=None, *, solutions: bool = True, pages: set[str] | None = None) -> tuple[str, str]:
    """(title, HTML page) of one executed notebook."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if SETUP_TAG in tags and PARAMETERS_TAG not in tags:
            cell.metadata["tags"] = [*tags, HIDE_INPUT_TAG]
    exporter = exporter or _exporter(solutions)
    resources = {"metadata": {"path": str(path.parent)},
                 "mrt": {"code": SHOW_CODE, "solution": SHOW_SOLUTION, "parameters": PARAMETERS_SUMMARY}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    if not solutions and f"celltag_{SOLUTION_TAG}" in body:
        raise SiteError(f"{path.name}: a solution cell survived the student build")
    pages = pages if pages is not None else {p for p, _ in _pages_in_nav(solutions)}
    body = focusable_code(wrap_wide_tables(localise_links(without_pilcrows(body), pages)))
    title = notebook_title(nb, path.stem)
    return title, _page(title, body, f"{path.stem}.html", solutions)


def _guides_table() -> list[dict]:
    """Each guide: file, title, publisher and date as printed (data/raw/guides.csv), and the latest year
    its figures are for (computed from the processed figures: a projection counts by its base year)."""
    import pandas as pd

    from mrt.io import read_raw_csv

    sources = pd.read_csv(paths.SOURCES, dtype=str, keep_default_na=False)
    guides = sources[sources["kind"] == "guide"]
    named = {}
    if paths.GUIDES.is_file():
        table = read_raw_csv(paths.GUIDES, ["guide_file", "title", "publisher", "date_printed"], ["guide_file", "title"])
        named = {r.guide_file: r for r in table.itertuples()}
    latest = _latest_figure_years()
    rows = []
    for g in guides.itertuples():
        file = g.source_id.removeprefix("guide:")
        row = named.get(file)
        rows.append({"file": file, "title": row.title if row is not None else g.covers,
                     "publisher": row.publisher if row is not None else "",
                     "date_printed": row.date_printed if row is not None else "",
                     "latest_year": latest.get(file)})
    return rows


def _latest_figure_years() -> dict[str, int]:
    import pandas as pd

    figures_csv = paths.processed("figures.csv")
    if not figures_csv.is_file():
        return {}
    figures = pd.read_csv(figures_csv, usecols=["guide_file", "topic", "year_start", "year_end"])
    year = figures["year_end"].where(figures["topic"] != "outlook", figures["year_start"])
    return {k: int(v) for k, v in year.groupby(figures["guide_file"]).max().dropna().items()}


def guide_dates(row: dict) -> str:
    """``{"date_printed": "none", "latest_year": 2013}`` -> ``undated; latest figure 2013``."""
    printed = row["date_printed"].strip()
    dated = "undated" if printed in ("", "none") else f"dated {printed}"
    latest = f"latest figure {row['latest_year']}" if row["latest_year"] is not None else "prints no dated figure"
    return f"{dated}; {latest}"


def _key_findings_html(pages: set[str]) -> str:
    from mrt import findings, schema

    if not paths.processed("findings.csv").is_file():
        raise SiteError(f"{paths.relative(paths.processed('findings.csv'))} is missing: run the findings notebook before the site")
    register = schema.read_processed("findings.csv")
    key = register[register["key_rank"].isin(findings.KEY_RANKS)].sort_values("key_rank")
    items = []
    for row in key.itertuples():
        text = f"<p>{_inline_markdown(row.statement)}</p>"
        if not bool(row.holds_under_all):
            notes = _changing_alternatives(row.notebook, row.finding_id) or [html.escape(str(row.changes_under))]
            text += ('<p class="mrt-depends"><strong>Depends on the method.</strong> It changes under another reasonable method: '
                     + "; ".join(notes) + ".</p>")
        page = f"{row.notebook}.html"
        if page in pages:
            text += f'<p class="mrt-from">From <a href="{page}">notebook {html.escape(_short_title(row.notebook + ".ipynb"))}</a>.</p>'
        items.append(f"<li>{text}</li>")
    return '<ol class="mrt-findings">\n' + "\n".join(items) + "\n</ol>"


def _changing_alternatives(notebook: str, finding_id: str) -> list[str]:
    """'under <method>, <what it says instead>' for each alternative under which a finding changes."""
    import pandas as pd

    from mrt import findings

    part = paths.processed(findings.part_name(notebook))
    if not part.is_file():
        return []
    rows = pd.read_csv(part, dtype=str, keep_default_na=False)
    changed = rows[(rows["finding_id"] == finding_id) & (rows["conclusion_holds"].str.lower() == "false")]
    return [f"under <em>{html.escape(r.method)}</em>" + (f", {_inline_markdown(r.note)}" if r.note else "") for r in changed.itertuples()]


def main_charts() -> tuple[str, ...]:
    """The charts the index shows: the same three the README shows."""
    from mrt.readme import MAIN_CHARTS

    return MAIN_CHARTS


def _charts_html() -> str:
    from mrt.charts import chart_alt, chart_title

    figures = []
    for stem in main_charts():
        png = paths.charts_dir() / f"{stem}.png"
        if not png.is_file():
            raise SiteError(f"the index shows chart {stem!r} but {paths.relative(png)} does not exist")
        csv = f"{SITE_DATA}/charts/{stem}.csv"
        figures.append(f'<figure><img src="{SITE_DATA}/charts/{stem}.png" alt="{html.escape(chart_alt(png), quote=True)}">'
                       f"<figcaption>{html.escape(chart_title(png))}. "
                       f'<a href="{csv}">The numbers plotted (CSV)</a>.</figcaption></figure>')
    return "\n".join(figures)


def _count_in_words(n: int) -> str:
    words = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
    return words[n] if 0 <= n < len(words) else str(n)


def index_page(titles: dict[str, str], *, solutions: bool = True) -> str:
    import pandas as pd

    from mrt import occupation

    job = occupation.current()
    pages = {p for p, _ in _pages_in_nav(solutions)}
    guides = _guides_table()
    notebooks = "\n".join(f'<li><a href="{html.escape(Path(s.notebook).stem)}.html">{html.escape(titles[s.notebook])}</a>'
                          f"<br><span class=\"mrt-from\">{html.escape(s.summary)}</span></li>" for s in STEPS)
    teachers = (f'<p><strong>Teachers:</strong> the <a href="{TEACHING_PAGE}">lesson plan and guide for teachers</a> says what each '
                "notebook teaches, in which order and how long it takes.</p>") if TEACHING_PAGE in pages else ""
    guide_items = "\n".join(
        f"<dt>“{html.escape(g['title'])}”</dt><dd>{html.escape(g['publisher'] or 'publisher not recorded')}; "
        f"{html.escape(guide_dates(g))}. File <code>{html.escape(g['file'])}</code></dd>" for g in guides)
    sources = pd.read_csv(paths.SOURCES, dtype=str, keep_default_na=False)
    reference = sources[sources["path"].str.contains("/reference/")]
    reference_items = "\n".join(f"<li>{html.escape(r.origin)} (<code>{html.escape(Path(r.path).name)}</code>): {html.escape(r.covers)}</li>"
                                for r in reference.itertuples())
    body = f"""<h1>What career guides say about {html.escape(job.name)}, checked</h1>
<p class="mrt-purpose">{_count_in_words(len(guides))} career guides print pay, job-growth and education figures about {html.escape(job.name)}; this project
traces every one of them to the official record of the U.S. Bureau of Labor Statistics (BLS) and says which hold up. It is a worked
example for people learning to read career statistics, and for the teachers who teach them.</p>
<h2 id="findings">Five key findings</h2>
{_key_findings_html(pages)}
<p>Each finding is printed from the computed values in <a href="{SITE_DATA}/findings.csv">the findings register (CSV)</a>, with its
value under every other reasonable method.</p>
<h2 id="charts">Three main charts</h2>
{_charts_html()}
<h2 id="start">Where to start</h2>
<p>Read the notebooks in order: the first turns the printed figures into tables; the next three analyse pay, the job outlook and the
routes into the job, in any order; the fifth checks every claim.</p>
<ol>
{notebooks}
</ol>
{teachers}
<h2 id="sources">Sources</h2>
<p>The four guides, by their title as printed, with the publisher where the text names one and the year of their latest figure
(none of them prints a date). The file name is how every table refers to a guide.</p>
<dl class="mrt-guides">
{guide_items}
</dl>
<details><summary>The official record: {len(reference)} tables from the BLS and education statistics</summary>
<ul>
{reference_items}
</ul>
</details>"""
    return _page(f"{job.name.capitalize()}: the guides checked", body, "index.html", solutions)


def teaching_page() -> str:
    text = TEACHING.read_text(encoding="utf-8")
    title = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), "Teaching with these notebooks")
    pages = {p for p, _ in _pages_in_nav(True)}
    return _page(title, focusable_code(wrap_wide_tables(localise_links(without_pilcrows(_markdown(text)), pages))), TEACHING_PAGE)


# The build -------------------------------------------------------------------------------------------

def _copy_data(out_dir: Path) -> None:
    for item in sorted(paths.processed_dir().rglob("*")):
        if item.is_file() and item.suffix in (".csv", ".png"):
            write_bytes(item.read_bytes(), out_dir / SITE_DATA / item.relative_to(paths.processed_dir()))


def _replace_folder(built: Path, out_dir: Path) -> None:
    if out_dir.exists():
        if not (out_dir / MARKER).is_file() and any(out_dir.iterdir()):
            raise SiteError(f"{out_dir} exists and was not built by mrt.site (no {MARKER} file): refusing to replace it")
        shutil.rmtree(out_dir)
    built.rename(out_dir)


def build_site(out_dir: Path | None = None, notebooks_dir: Path | None = None, *, solutions: bool = True) -> Path:
    """Write the site into ``out_dir`` (default ``site/``) from the notebooks in ``notebooks_dir``; return
    the index path. ``solutions=False`` leaves out every cell tagged ``solution`` and its outputs (the
    student site) and the teachers' guide. The site is built whole in a temporary folder, then moved into
    place; an existing ``out_dir`` is replaced only if this function built it."""
    out_dir = Path(out_dir or SITE).resolve()
    notebooks_dir = Path(notebooks_dir or paths.NOTEBOOKS)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    built = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    built.chmod(0o755)
    try:
        pages = {p for p, _ in _pages_in_nav(solutions)}
        exporter = _exporter(solutions)
        titles = {}
        for step in STEPS:
            title, page = notebook_page(notebooks_dir / step.notebook, exporter, solutions=solutions, pages=pages)
            titles[step.notebook] = title
            write_text(page, built / f"{Path(step.notebook).stem}.html")
        if TEACHING_PAGE in pages:
            write_text(teaching_page(), built / TEACHING_PAGE)
        _copy_data(built)
        write_text(index_page(titles, solutions=solutions), built / "index.html")
        write_text("built by mrt.site.build_site; the next build replaces this folder\n", built / MARKER)
        _replace_folder(built, out_dir)
    finally:
        shutil.rmtree(built, ignore_errors=True)
    return out_dir / "index.html"
