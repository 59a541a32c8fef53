"""The fixed pieces of every page of the site: the nbconvert template, the style sheet, the labels of the folds,
the names of the site's folders and pages, and the error the site raises (package docstring: :mod:`mrt.site`)."""

from __future__ import annotations

SITE_DATA = "data"  # the site's copy of data/processed/ (tables, charts and their CSVs)
IMAGES = "images"  # an image a notebook shows that is not a file of data/processed/ (none today: every chart is saved)
TEACHING_PAGE = "teaching.html"

HIDE_INPUT_TAG = "hide-input"

PYGMENTS_STYLE = "xcode"  # every token colour at least 4.5:1 on white and on the code background (WCAG AA)
SHOW_CODE = "Show the code"
SHOW_SOLUTION = "Show the solution"
SHOW_MODEL_ANSWER = "Show the model answer"
PARAMETERS_SUMMARY = "The parameters: change these values and rerun the notebook"


class SiteError(RuntimeError):
    """The site cannot be built as asked; the message says what and where."""


# The page template: nbconvert's "basic" (plain HTML fragments), with code folded. A solution cell is
# folded whole (any_cell), so its outputs are in the fold with its code.
TEMPLATE = r"""{%- extends 'classic/base.html.j2' -%}

{% block any_cell scoped %}
{%- if resources.mrt.tags.solution in cell.metadata.get("tags", []) -%}
<details class="mrt-fold mrt-solution"><summary>
{{- resources.mrt.model_answer if cell.cell_type == "markdown" else resources.mrt.solution -}}
</summary>
{{ super() }}
</details>
{%- else -%}
{{ super() }}
{%- endif -%}
{% endblock any_cell %}

{% block codecell %}
{%- if cell.outputs or not cell.metadata.get("transient", {}).get("remove_source", false) -%}
{{ super() }}
{%- endif -%}
{%- endblock codecell %}

{% block input_group -%}
{%- if cell.source.strip() -%}
{%- set tags = cell.metadata.get("tags", []) -%}
{%- if resources.mrt.tags.solution in tags -%}
<div class="input">
{{ super() }}
</div>
{%- else -%}
{%- if resources.mrt.tags.parameters in tags -%}
<details class="mrt-code mrt-parameters" open><summary>{{ resources.mrt.parameters }}</summary>
{%- else -%}
<details class="mrt-code"><summary>{{ resources.mrt.code }}</summary>
{%- endif %}
<div class="input">
{{ super() }}
</div>
</details>
{%- endif -%}
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
/* tables: as wide as their content up to the width of the page, long text wrapped in its cell; a table that still does
   not fit (a long unbroken word) scrolls inside its own box, never the page */
.mrt-table-wrap, .mrt-wide { overflow-x: auto; max-width: 100%; margin: 0.75rem 0; }
table { border-collapse: collapse; border: none; font-size: 0.88rem; margin: 0.25rem 0; width: auto; max-width: 100%; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: none; border-bottom: 1px solid #d6d6d6; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
td { overflow-wrap: break-word; min-width: 3.5rem; }
th { background: #f0f0ee; }
.mrt-table-note { font-size: 0.88rem; margin-top: 0.2rem; }
/* numbers never break inside their cell, and line up digit under digit */
td.mrt-num, th.mrt-num { white-space: nowrap; font-variant-numeric: tabular-nums; overflow-wrap: normal; }
th { overflow-wrap: normal; }
/* a cell of long text keeps a readable width in its table's scrolling box */
td.mrt-prose { min-width: 14rem; }
td details.mrt-more > summary { cursor: pointer; color: #005a8c; font-size: 0.85rem; width: fit-content; }
/* a long table: whole on a wide screen and on paper; on a phone its first rows, the whole table folded beneath */
.mrt-long-phone { display: none; }
.mrt-long-note { font-size: 0.88rem; margin: 0.2rem 0; }
@media screen and (max-width: 50rem) {
  .mrt-long-phone { display: block; }
  .mrt-long-full { display: none; }
}
/* code cells: folded; the parameters cell open; a solution folded whole, its code with its outputs */
details.mrt-code, details.mrt-fold { margin: 0.5rem 0; }
details.mrt-code > summary, details.mrt-fold > summary { cursor: pointer; color: #005a8c; font-size: 0.9rem; width: fit-content; }
details.mrt-solution[open] { border-left: 4px solid #005a8c; padding-left: 0.6rem; }
/* a fold written in a Markdown cell (an exercise's hint) looks like the others */
.text_cell_render details > summary { cursor: pointer; color: #005a8c; font-size: 0.9rem; width: fit-content; }
.text_cell_render details[open] { border-left: 4px solid #c8c8c8; padding-left: 0.6rem; }
/* a chart opens at full size; on a phone (and on paper) the picture serves the rendition drawn for it */
a.mrt-chart { display: block; width: fit-content; max-width: 100%; }
a.mrt-chart picture { display: block; }
figure.mrt-figure { margin: 1rem 0; }
figure.mrt-figure figcaption { font-size: 0.95rem; color: #1a1a1a; }
.mrt-full-size { font-size: 0.85rem; margin: 0.2rem 0 0; }
/* the parameters: never cut off, a long line wraps inside its box */
details.mrt-parameters { border-left: 4px solid #00704a; padding-left: 0.6rem; max-width: 100%; }
details.mrt-parameters pre { white-space: pre-wrap; overflow-wrap: anywhere; }
/* the files a notebook reads and writes, folded below its question */
details.mrt-files > summary, details.mrt-long-table > summary { cursor: pointer; color: #005a8c; font-size: 0.9rem; width: fit-content; }
/* previous, next and back to the top */
nav.mrt-pager { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.5rem 1.5rem; margin: 2.5rem 0 0;
                padding-top: 0.75rem; border-top: 1px solid #ddd; }
nav.mrt-pager a { display: inline-block; padding: 0.35rem 0; }
.mrt-pager .mrt-next { margin-left: auto; text-align: right; }
.mrt-top { text-align: center; margin: 0.5rem 0 0; font-size: 0.9rem; }
footer ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; }
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
  header, .skip-link, footer nav, nav.mrt-pager, .mrt-top, .mrt-long-phone { display: none !important; }
  .mrt-long-full { display: block !important; }
  /* legible first: a chart is never shrunk to fit a page's height (the education sensitivity chart, 17 rows drawn for a
     phone, is taller than a page and continues on the next one) */
  a.mrt-chart img { max-width: min(100%, 30rem); width: auto; }
  header, main, footer { max-width: none; padding: 0; }
  details.mrt-code:not(.mrt-parameters), details.mrt-fold, .mrt-full-size { display: none; }
  details.mrt-parameters > summary { list-style: none; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  .mrt-table-wrap, .mrt-wide { overflow: visible !important; }
  /* a printed table is as wide as the page at most, its text wrapped in the cells */
  table, .mrt-table-wrap table, .mrt-wide table { font-size: 8.5pt; width: 100%; max-width: 100%; }
  th, td { min-width: 0; overflow-wrap: anywhere; }
  th, td.mrt-prose { overflow-wrap: break-word; }
  td.mrt-prose { min-width: 0; }
  /* on paper a folded cell is printed whole */
  td details.mrt-more > summary { display: none; }
  td details.mrt-more, td details.mrt-more::details-content { display: inline; content-visibility: visible; }
  td.mrt-num, th.mrt-num { white-space: nowrap; overflow-wrap: normal; }
  thead { display: table-header-group; }
  tr, img, figure, pre, .mrt-depends { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  a { color: inherit; }
  @page { margin: 1.6cm 1.4cm; }
}
"""
