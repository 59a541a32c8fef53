"""One page of the site: the frame every page shares (navigation, previous and next, footer), a notebook's page
(rendered by nbconvert with the template of :mod:`mrt.site.assets`) and the teachers' guide's page."""

from __future__ import annotations

import html
from pathlib import Path
from typing import NamedTuple

import nbformat

from mrt import paths
from mrt.site.assets import (CSS, HIDE_INPUT_TAG, PARAMETERS_SUMMARY, PYGMENTS_STYLE, SHOW_CODE, SHOW_MODEL_ANSWER,
                             SHOW_SOLUTION, SITE_DATA, TEACHING_PAGE, TEMPLATE, SiteError)
from mrt.site.markup import (_markdown, focusable_code, fold_reads_writes, label_table_cells, link_images, localise_links,
                             site_images, tables_for_reading, without_pilcrows, wrap_wide_tables)
from mrt.vocab import PARAMETERS_TAG, SETUP_TAG, SOLUTION_TAG, STEPS

TEACHING = paths.ROOT / "TEACHING.md"


def _exporter(solutions: bool = True):
    from jinja2 import DictLoader  # deferred: jinja2 loads only when the site is built
    from nbconvert import HTMLExporter  # deferred: nbconvert loads only when the site is built
    from nbconvert.preprocessors import TagRemovePreprocessor  # deferred: nbconvert loads only when the site is built

    # embed_images stays off: with it, nbconvert re-parses each raw-HTML block of a Markdown cell on its own, which closes
    # a hint's <details> before the Markdown inside it. No Markdown cell shows an image; outputs' images are handled
    # by link_images.
    exporter = HTMLExporter(template_name="basic", extra_loaders=[DictLoader({"mrt_page.html.j2": TEMPLATE})],
                            template_file="mrt_page.html.j2", exclude_input_prompt=True, exclude_output_prompt=True)
    remove = TagRemovePreprocessor(remove_input_tags={HIDE_INPUT_TAG}, remove_cell_tags=set() if solutions else {SOLUTION_TAG},
                                   enabled=True)
    exporter.register_preprocessor(remove, enabled=True)
    return exporter


def _with_teaching_page(solutions: bool) -> bool:
    """The teachers' guide (TEACHING.md) is about the project's own occupation and guides: it goes on the site only
    with the solutions and only when the raw folder is the project's own (not another occupation's, ADAPTING.md)."""
    return solutions and TEACHING.is_file() and paths.RAW == paths.DEFAULT_RAW


def _pages_in_nav(solutions: bool) -> list[tuple[str, str]]:
    pages = [("index.html", "Home")] + [(f"{Path(s.notebook).stem}.html", _short_title(s.notebook)) for s in STEPS]
    if _with_teaching_page(solutions):
        pages.append((TEACHING_PAGE, "For teachers"))
    return pages


def _short_title(notebook: str) -> str:
    number, _, name = Path(notebook).stem.partition("-")
    return f"{int(number)} · {name.replace('-', ' ').capitalize()}"


def _page(title: str, body: str, current: str, solutions: bool = True) -> str:
    from pygments.formatters import HtmlFormatter  # deferred: pygments loads only when the site is built

    pygments_css = HtmlFormatter(style=PYGMENTS_STYLE).get_style_defs(".highlight")
    here = ' aria-current="page"'
    nav = "\n".join(f'<li><a href="{href}"{here if href == current else ""}>{html.escape(label)}</a></li>'
                    for href, label in _pages_in_nav(solutions))
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{html.escape(title)}</title>\n"
            f"<style>{CSS}\n{pygments_css}</style>\n</head>\n<body>\n"
            f"<a class=\"skip-link\" href=\"#main\">Skip to the content</a>\n"
            f"<header id=\"top\"><nav aria-label=\"Pages of this site\"><ul>\n{nav}\n</ul></nav></header>\n"
            f"<main id=\"main\">\n{body}\n{pager(current, solutions)}\n</main>\n"
            f"{_footer(solutions)}</body>\n</html>\n")


def neighbours(current: str, solutions: bool = True) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """The (href, label) of the page before and after ``current`` in the site's reading order (None at either end, and
    both None for a page not in the navigation)."""
    order = _pages_in_nav(solutions)
    hrefs = [href for href, _ in order]
    if current not in hrefs:
        return None, None
    at = hrefs.index(current)
    return (order[at - 1] if at > 0 else None), (order[at + 1] if at + 1 < len(order) else None)


def pager(current: str, solutions: bool = True) -> str:
    """Links to the previous and the next page, and back to the top of this one."""
    before, after = neighbours(current, solutions)
    links = []
    if before:
        links.append(f'<a class="mrt-previous" rel="prev" href="{before[0]}">← Previous: {html.escape(before[1])}</a>')
    if after:
        links.append(f'<a class="mrt-next" rel="next" href="{after[0]}">Next: {html.escape(after[1])} →</a>')
    nav = f'<nav class="mrt-pager" aria-label="Previous and next page">{"".join(links)}</nav>\n' if links else ""
    return nav + '<p class="mrt-top"><a href="#top">Back to the top</a></p>'


def _footer(solutions: bool) -> str:
    teachers = f'<li><a href="{TEACHING_PAGE}">For teachers</a></li>' if _with_teaching_page(solutions) else ""
    return ("<footer><p>Built from the executed notebooks of this repository; every figure traces to a guide line or a BLS table.</p>\n"
            '<nav aria-label="More of this site"><ul><li><a href="index.html#findings">Key findings</a></li>'
            f'<li><a href="{SITE_DATA}/findings.csv">The findings register (CSV)</a></li>'
            '<li><a href="index.html#sources">Sources</a></li><li><a href="index.html#start">Where to start</a></li>'
            f"{teachers}</ul></nav></footer>\n")


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            return cell.source.strip().splitlines()[0].lstrip("# ").strip()
    return fallback


class NotebookPage(NamedTuple):
    title: str
    html: str
    files: dict[str, bytes]  # images the page shows that are not already files of the site: path in the site -> bytes


def notebook_page(path: Path, exporter=None, *, solutions: bool = True, pages: set[str] | None = None,
                  images: dict[str, str] | None = None) -> NotebookPage:
    """The title, HTML page and new image files of one executed notebook. ``images`` maps the SHA-256 of each image
    file the site has to its path there (default: the charts of data/processed/, see ``site_images``)."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if SETUP_TAG in tags and PARAMETERS_TAG not in tags:
            cell.metadata["tags"] = [*tags, HIDE_INPUT_TAG]
    exporter = exporter or _exporter(solutions)
    resources = {"metadata": {"path": str(path.parent)},
                 "mrt": {"code": SHOW_CODE, "solution": SHOW_SOLUTION, "model_answer": SHOW_MODEL_ANSWER,
                         "parameters": PARAMETERS_SUMMARY,
                         "tags": {"solution": SOLUTION_TAG, "parameters": PARAMETERS_TAG}}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    if not solutions and f"celltag_{SOLUTION_TAG}" in body:
        raise SiteError(f"{path.name}: a solution cell survived the student build")
    pages = pages if pages is not None else {p for p, _ in _pages_in_nav(solutions)}
    body = label_table_cells(focusable_code(wrap_wide_tables(localise_links(without_pilcrows(body), pages))))
    body = fold_reads_writes(tables_for_reading(body))
    body, files = link_images(body, site_images() if images is None else images, path.stem)
    title = notebook_title(nb, path.stem)
    return NotebookPage(title, _page(title, body, f"{path.stem}.html", solutions), files)


def teaching_page() -> str:
    text = TEACHING.read_text(encoding="utf-8")
    title = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), "Teaching with these notebooks")
    pages = {p for p, _ in _pages_in_nav(True)}
    body = label_table_cells(focusable_code(wrap_wide_tables(localise_links(without_pilcrows(_markdown(text)), pages))))
    return _page(title, tables_for_reading(body), TEACHING_PAGE)
