"""The site's index page: the four answers "In short", the key findings from the findings register, the main charts
with their findings as captions, where to start, and the sources (the guides by title, the official tables)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pandas as pd

from mrt import findings, insight, occupation, paths, schema, words
from mrt.chartfiles import chart_alt, phone_path
from mrt.io import read_raw_csv
from mrt.site.assets import SITE_DATA, TEACHING_PAGE, SiteError
from mrt.site.markup import _inline_markdown, _markdown, _png_size, chart_link
from mrt.site.page import _page, _pages_in_nav, _short_title
from mrt.vocab import MAIN_CHARTS, STEPS
from mrt.words import METHOD_TAG


def _guides_table() -> list[dict]:
    """Each guide: file, title, publisher and date as printed (data/raw/guides.csv), and the latest year
    its figures are for (computed from the processed figures: a projection counts by its base year)."""
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


REGISTER_NOTEBOOK = "06-findings"  # the page that shows every finding's alternatives
REGISTER_SECTION = "Findings that depend on the method"  # its section the method tag links to


def section_anchor(notebook: str, heading_words: str, notebooks_dir: Path | None = None) -> str:
    """The id the site gives the first heading of ``notebook`` (a stem, e.g. ``"02-salaries"``) that contains
    ``heading_words``, e.g. ``"3.-Mean-and-median,-and-what-a-pay-%22range%22-is"``; ``""`` when no heading has them
    (the link then opens the page at its top; a test checks that every link of the index finds its section)."""
    path = Path(notebooks_dir or paths.NOTEBOOKS) / f"{notebook}.ipynb"
    if not path.is_file():
        return ""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#") and heading_words.lower() in line.lower():
                found = re.search(r'\bid="([^"]+)"', _markdown(line.strip()))
                return found.group(1) if found else ""
    return ""


def _page_link(notebook: str, heading_words: str, pages: set[str]) -> str | None:
    """``02-salaries.html#<section>`` when the site has that page, else None."""
    page = f"{notebook}.html"
    if page not in pages:
        return None
    anchor = section_anchor(notebook, heading_words)
    return page + (f"#{anchor}" if anchor else "")


def method_tag(pages: set[str]) -> str:
    """The one short tag that marks a finding that changes under another reasonable method, linking to where its
    alternatives are shown (notebook 6's section, or the register's CSV when the site has no such page)."""
    target = _page_link(REGISTER_NOTEBOOK, REGISTER_SECTION, pages) or f"{SITE_DATA}/findings.csv"
    return f'<a class="mrt-tag" href="{html.escape(target, quote=True)}">{html.escape(METHOD_TAG)}</a>'


def _in_short_html(pages: set[str]) -> str:
    """The four questions a career seeker brings, each answered in at most two sentences (mrt.insight, mrt.words),
    with a link to the notebook section behind it; then the glossary."""
    found = insight.facts()
    parts = []
    for key in insight.QUESTIONS:
        notebook, heading = insight.SECTIONS[key]
        answer = " ".join(_inline_markdown(sentence) for sentence in words.ANSWERS[key](found[key]))
        target = _page_link(notebook, heading, pages)
        more = f' <a href="{html.escape(target, quote=True)}">More in notebook {int(notebook[:2])}</a>.' if target else ""
        parts.append(f'<h3 id="in-short-{key}">{html.escape(words.QUESTIONS[key])}</h3>\n<p>{answer}{more}</p>')
    glossary = "\n".join(f"<dt>{html.escape(term.capitalize())}</dt><dd>{html.escape(meaning)}</dd>" for term, meaning in words.GLOSSARY)
    return "\n".join(parts) + f'\n<h3 id="glossary">Words used here</h3>\n<dl class="mrt-glossary">\n{glossary}\n</dl>'


def _key_findings_html(pages: set[str]) -> str:
    if not paths.processed("findings.csv").is_file():
        raise SiteError(f"{paths.relative(paths.processed('findings.csv'))} is missing: run the findings notebook before the site")
    register = schema.read_processed("findings.csv")
    key = register[register["key_rank"].isin(findings.KEY_RANKS)].sort_values("key_rank")
    tag = method_tag(pages)
    items = []
    for row in key.itertuples():
        text = f"<p>{_inline_markdown(row.statement)}" + ("" if bool(row.holds_under_all) else f" {tag}") + "</p>"
        page = f"{row.notebook}.html"
        if page in pages:
            text += f'<p class="mrt-from">From <a href="{page}">notebook {html.escape(_short_title(row.notebook + ".ipynb"))}</a>.</p>'
        items.append(f"<li>{text}</li>")
    return '<ol class="mrt-findings">\n' + "\n".join(items) + "\n</ol>"


def main_charts() -> tuple[str, ...]:
    """The charts the index shows: the same three the README shows (mrt.vocab.MAIN_CHARTS)."""
    return MAIN_CHARTS


def _charts_html() -> str:
    """The main charts, each with its finding (the alt text) as the caption under it: the title on the chart says
    what is drawn, the caption what it shows."""
    figures = []
    for stem in main_charts():
        png = paths.charts_dir() / f"{stem}.png"
        if not png.is_file():
            raise SiteError(f"the index shows chart {stem!r} but {paths.relative(png)} does not exist")
        csv = f"{SITE_DATA}/charts/{stem}.csv"
        alt = chart_alt(png)
        image = f'<img src="{SITE_DATA}/charts/{stem}.png" alt="{html.escape(alt, quote=True)}">'
        phone = f"{SITE_DATA}/charts/{phone_path(png).parent.name}/{stem}.png" if phone_path(png).is_file() else None
        caption = f'{html.escape(alt)} <a href="{csv}">The numbers plotted (CSV)</a>.'
        figures.append(chart_link(image, f"{SITE_DATA}/charts/{stem}.png", _png_size(png.read_bytes()), phone, caption))
    return "\n".join(figures)


def index_page(titles: dict[str, str], *, solutions: bool = True) -> str:
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
    guides_sentence = words.sources_sentence(len(guides), sum(g["date_printed"].strip() not in ("", "none") for g in guides))
    sources = pd.read_csv(paths.SOURCES, dtype=str, keep_default_na=False)
    reference = sources[sources["path"].str.contains("/reference/")]
    reference_items = "\n".join(f"<li>{html.escape(r.origin)} (<code>{html.escape(Path(r.path).name)}</code>): {html.escape(r.covers)}</li>"
                                for r in reference.itertuples())
    body = f"""<h1>What career guides say about {html.escape(job.name)}, checked</h1>
<p class="mrt-purpose">This project takes every pay, job-growth and education figure that {len(guides)} career guides print about
{html.escape(job.name)}, traces it to the official record of the U.S. Bureau of Labor Statistics (BLS) and says which hold up. It is
a worked example for people learning to read career statistics, and for the teachers who teach them.</p>
<h2 id="in-short">In short</h2>
{_in_short_html(pages)}
<h2 id="findings">Five key findings</h2>
{_key_findings_html(pages)}
<p>Each finding is printed from the computed values in <a href="{SITE_DATA}/findings.csv">the findings register (CSV)</a>, with its
value under every other reasonable method; a finding marked “{html.escape(METHOD_TAG)}” changes under at least one of them.</p>
<h2 id="charts">Three main charts</h2>
{_charts_html()}
<h2 id="start">Where to start</h2>
<p>Start with the first notebook, which turns the printed figures into tables; the next three (pay, the job outlook, the routes
into the job) can be read in any order; the fact-check draws on all of them, and the last page tests each headline against other
reasonable methods.</p>
<ol>
{notebooks}
</ol>
{teachers}
<h2 id="sources">Sources</h2>
<p>{guides_sentence}</p>
<dl class="mrt-guides">
{guide_items}
</dl>
<details><summary>The official record: {len(reference)} tables from the BLS and education statistics</summary>
<ul>
{reference_items}
</ul>
</details>"""
    return _page(f"{job.name.capitalize()}: the guides checked", body, "index.html", solutions)
