"""A static, self-contained HTML site from the executed notebooks.

One page per notebook and an index. Every style sheet is inlined, every image
is a data URI, and no script is loaded: the pages work with no network, as in
many classrooms. Setup cells (imports, parameters) have their code hidden.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

from mrt import paths
from mrt.io import write_bytes, write_text
from mrt.pipeline import STEPS

SITE = paths.ROOT / "site"
HIDE_INPUT_TAG = "hide-input"  # given to setup cells (imports), but not to the parameters cell readers should see

CSS = """
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; }
a { color: #0072B2; }
nav { font-size: 0.9rem; margin-bottom: 1.5rem; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
pre { background: #f7f7f7; padding: 0.6rem; overflow-x: auto; font-size: 0.85rem; }
.jp-InputArea, .input_area { margin-top: 1rem; }
.jp-OutputArea-output pre, .output_text pre { background: #fff; border-left: 3px solid #009E73; white-space: pre-wrap; }
img { max-width: 100%; height: auto; }
.jp-InputPrompt, .jp-OutputPrompt, .prompt { display: none; }
.summary { color: #444; }
footer { margin-top: 3rem; font-size: 0.8rem; color: #555; }
"""


def _exporter():
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="basic")
    remove = TagRemovePreprocessor(remove_input_tags={HIDE_INPUT_TAG}, enabled=True)
    exporter.register_preprocessor(remove, enabled=True)
    return exporter


def _page(title: str, body: str) -> str:
    from pygments.formatters import HtmlFormatter

    pygments_css = HtmlFormatter().get_style_defs(".highlight")
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{html.escape(title)}</title>\n"
            f"<style>{CSS}\n{pygments_css}</style>\n</head>\n<body>\n"
            f"<nav><a href=\"index.html\">All notebooks</a></nav>\n{body}\n"
            "<footer>Built from the executed notebooks of this repository; every figure traces to a guide line or a BLS table "
            "(see data/raw/sources.csv).</footer>\n</body>\n</html>\n")


PROCESSED_LINK = '"../data/processed/'
SITE_DATA = "data"


def notebook_page(path: Path, exporter=None) -> tuple[str, str]:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "setup" in tags and "parameters" not in tags:
            cell.metadata["tags"] = [*tags, HIDE_INPUT_TAG]
    body, _ = (exporter or _exporter()).from_notebook_node(nb)
    body = body.replace(f'href={PROCESSED_LINK}', f'href="{SITE_DATA}/')  # the site carries its own copy of the tables
    title = next((c.source.splitlines()[0].lstrip("# ").strip() for c in nb.cells if c.cell_type == "markdown"), path.stem)
    return title, _page(title, body)


def index_page(titles: dict[str, str]) -> str:
    import pandas as pd

    sources = pd.read_csv(paths.SOURCES, dtype=str, keep_default_na=False)
    items = "\n".join(f"<li><a href=\"{html.escape(Path(s.notebook).stem)}.html\">{html.escape(titles[s.notebook])}</a>"
                      f"<br><span class=\"summary\">{html.escape(s.summary)}</span></li>" for s in STEPS)
    rows = "\n".join(f"<tr><td>{html.escape(r.path)}</td><td>{html.escape(r.origin)}</td><td>{html.escape(r.covers)}</td></tr>"
                     for r in sources.itertuples())
    body = f"""<h1>What career guides say about medical records technicians, checked</h1>
<p>Four career guides print pay, employment, growth and education figures about medical records technicians. These notebooks copy every
figure exactly as printed, with the guide file and line, clean them into tidy tables, check them against the U.S. Bureau of Labor Statistics
(BLS), and analyse them. They are written for people learning to read career statistics, and for the teachers who teach them.</p>
<h2>Notebooks</h2>
<ol>
{items}
</ol>
<h2>Sources</h2>
<table><thead><tr><th>file</th><th>origin</th><th>what it covers</th></tr></thead><tbody>
{rows}
</tbody></table>"""
    return _page("Medical records technicians: the guides checked", body)


def build_site(out_dir: Path | None = None, notebooks_dir: Path | None = None) -> Path:
    """Write index.html and one page per notebook; return the index path."""
    out_dir = Path(out_dir or SITE)
    notebooks_dir = Path(notebooks_dir or paths.NOTEBOOKS)
    titles = {}
    exporter = _exporter()
    for step in STEPS:
        title, page = notebook_page(notebooks_dir / step.notebook, exporter)
        titles[step.notebook] = title
        write_text(page, out_dir / f"{Path(step.notebook).stem}.html")
    for table in sorted(paths.processed_dir().rglob("*.csv")):
        if table.parent.name != "charts":
            write_bytes(table.read_bytes(), out_dir / SITE_DATA / table.relative_to(paths.processed_dir()))
    return write_text(index_page(titles), out_dir / "index.html")


def external_references(page: str) -> list[str]:
    """Every src or href that would load something from outside the page (for the tests)."""
    refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", page)
    return [r for r in refs if not (r.startswith("data:") or r.startswith("#") or r.endswith(".html")
                                    or (r.startswith(f"{SITE_DATA}/") and r.endswith(".csv") and ".." not in r))]
