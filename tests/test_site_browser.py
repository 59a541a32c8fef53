"""The rendered site opened as a reader opens it: every page in headless Chromium at phone width (390 px)
and at desktop width (1,280 px).

Each page is loaded once per width (the ``seen`` fixture records what the browser saw); each test then
checks one thing on one page at one width, so a failure names the page, the width and the check:

- no horizontal scroll of the page; at 1,280 px no table cell beyond the right edge of the window, not even inside a
  table's scrolling box; at 390 px a table stays a table, and a cell beyond the window sits in its table's own
  horizontally scrolling, keyboard-reachable box;
- every chart's text legible at 390 px: the smallest font the chart's PNG records ("Smallest font"), at the size the
  browser shows the image, is at least 11 CSS px (the phone rendition is served there);
- no numeric table cell wraps (its text is one line box), at 390 px, at 1,280 px and in print;
- every page links to the page before and after it (the first page only forward, the last only back) and back to its top;
- every image loads and has alt text;
- no ``NaN``, ``<NA>``, ``&#36;`` or raw TeX in the visible text;
- code folded: every code cell's input sits in a ``<details>``, closed unless it is the parameters cell;
- every link resolves to a file in the site folder, and no request leaves the machine;
- axe-core (bundled in axe-playwright-python, so it runs offline) finds no serious or critical violation.

The print style sheet is checked the same way (charts, numeric cells, tables within the page) with print media emulated
at the printed page's width, and every page is rendered to PDF. Screenshots of every page at both widths and the PDFs
are kept in ``test-artifacts/`` for a person to look at (not committed).
CI installs Debian's chromium and sets MRT_REQUIRE_BROWSER=1, so there a missing browser fails.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from mrt import paths
from mrt.pipeline import STEPS
from mrt.site import TEACHING, TEACHING_PAGE, build_site

pytestmark = pytest.mark.browser

ARTIFACTS = paths.ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WIDTHS = (390, 1280)
PAGES = ("index.html", *(Path(s.notebook).stem + ".html" for s in STEPS), *((TEACHING_PAGE,) if TEACHING.is_file() else ()))
SCREENSHOT_PAGES = PAGES
LEGIBLE_PX = 11  # the smallest text a chart may show, in CSS px
BAD_TEXT = {"NaN": r"\bNaN\b", "<NA>": r"<NA>", "&#36;": r"&#36;", r"\(": r"\\\(", r"\[": r"\\\[", "$$": r"\$\$", r"\frac": r"\\frac"}
SERIOUS = ("serious", "critical")

PAGE_STATE = """() => {
  const READING_STATE = %s;
  const root = document.documentElement;
  const wide = [];
  if (root.scrollWidth > root.clientWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > root.clientWidth + 1 && el.getClientRects().length) {
        wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
                  + ' ' + Math.round(r.right) + 'px');
        if (wide.length >= 5) break;
      }
    }
  }
  const digest = text => { let h = 5381; for (let k = 0; k < text.length; k++) h = (h * 33 + text.charCodeAt(k)) >>> 0; return h; };
  const images = Array.from(document.images).map(i => ({
    src: i.getAttribute('src').slice(0, 60), key: digest(i.getAttribute('src')), loaded: i.complete && i.naturalWidth > 0, alt: (i.getAttribute('alt') || '').trim()}));
  const code = Array.from(document.querySelectorAll('.input_area pre')).map(pre => {
    const details = pre.closest('details');
    return {in_details: !!details, open: !!(details && details.open), parameters: !!pre.closest('.celltag_parameters'),
            visible: pre.checkVisibility()};
  });
  const clipped = el => { // inside a visually hidden box (a 1-px clipped box: the header row of a table shown as cards)
    for (let e = el; e; e = e.parentElement) {
      const r = e.getBoundingClientRect();
      if (getComputedStyle(e).overflow !== 'visible' && (r.width <= 1 || r.height <= 1)) return true;
    }
    return false;
  };
  const cut = Array.from(document.querySelectorAll('td, th')).filter(c => c.getClientRects().length && c.checkVisibility() && !clipped(c))
    .filter(c => c.getBoundingClientRect().right > root.clientWidth + 1)
    .map(c => (c.closest('table').querySelector('caption') || {}).textContent + ' | ' + c.textContent.trim().slice(0, 30)
              + ' ' + Math.round(c.getBoundingClientRect().right) + 'px');
  const scroller = el => { // the nearest ancestor that scrolls sideways and a keyboard can reach
    for (let e = el.parentElement; e; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX;
      if (o === 'auto' || o === 'scroll') return e.hasAttribute('tabindex') ? e : null;
    }
    return null;
  };
  const unscrollable = Array.from(document.querySelectorAll('td, th')).filter(c => c.getClientRects().length && c.checkVisibility())
    .filter(c => c.getBoundingClientRect().right > root.clientWidth + 1)
    .filter(c => { const box = scroller(c); return !box || box.getBoundingClientRect().right > root.clientWidth + 1; })
    .map(c => c.textContent.trim().slice(0, 30));
  const cards = Array.from(document.querySelectorAll('table')).filter(t => t.checkVisibility())
    .map(t => getComputedStyle(t).display === 'block');
  const links = Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'));
  const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide, cut, unscrollable, cards, images, code, links, ids,
          text: document.body.innerText, ...READING_STATE()};
}"""

# What a reader needs on every page and in print: charts shown at a legible size, numbers on one line, a way through.
READING_STATE = """() => {
  const lines = el => { // the number of line boxes of an element's text
    const range = document.createRange();
    range.selectNodeContents(el);
    const size = parseFloat(getComputedStyle(el).fontSize);
    const tops = Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => r.top).sort((a, b) => a - b);
    let count = 0, last = -Infinity;
    for (const top of tops) { if (top > last + 0.5 * size) { count += 1; last = top; } }
    return count;
  };
  const charts = Array.from(document.images).filter(i => i.checkVisibility()).map(i => ({
    src: i.currentSrc, natural: i.naturalWidth, shown: i.getBoundingClientRect().width, alt: (i.alt || '').slice(0, 60)}));
  const numbers = Array.from(document.querySelectorAll('td.mrt-num, th.mrt-num')).filter(c => c.checkVisibility());
  const wrapped = numbers.filter(c => lines(c) > 1).map(c => c.textContent.trim() + ' (' + lines(c) + ' lines)');
  const link = cls => { const a = document.querySelector('nav.mrt-pager a.' + cls); return a ? a.getAttribute('href') : null; };
  const top = document.querySelector('a[href="#top"]');
  return {charts, numbers: numbers.length, wrapped, previous: link('mrt-previous'), next: link('mrt-next'),
          to_top: !!top && !!document.getElementById('top')};
}"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("MRT_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here (MRT_REQUIRE_BROWSER is set) but not installed: apt-get install chromium")
        pytest.skip("headless Chromium not installed (apt-get install chromium); the browser test needs it")
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    build_site(out)
    return out


@pytest.fixture(scope="module")
def seen(site) -> dict:
    """What the browser saw on every page at every width: page state, requests sent out, axe violations."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    executable = chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    axe = Axe()
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for name in PAGES:
                outside = []
                page.unroute("**/*")
                page.route("**/*", lambda route, outside=outside: (outside.append(route.request.url), route.abort())
                           if not route.request.url.startswith(("file:", "data:")) else route.continue_())
                page.goto((site / name).as_uri())
                page.wait_for_load_state("load")
                state = page.evaluate(PAGE_STATE % READING_STATE)
                violations = axe.run(page).response["violations"]
                state["axe"] = [v for v in violations if v["impact"] in SERIOUS]
                state["outside"] = list(outside)
                state["title"] = page.title()
                if name in SCREENSHOT_PAGES:
                    page.screenshot(path=str(ARTIFACTS / f"{Path(name).stem}-{width}.png"), full_page=True)
                results[name, width] = state
            context.close()
        browser.close()
    return results


def cases():
    return [pytest.param(name, width, id=f"{Path(name).stem}-{width}") for name in PAGES for width in WIDTHS]


@pytest.mark.parametrize(("name", "width"), cases())
def test_page_has_a_title_and_content(seen, name, width):
    state = seen[name, width]
    assert state["title"], f"{name}: no title"
    assert len(state["text"]) > 500, f"{name}: nearly empty"


@pytest.mark.parametrize(("name", "width"), cases())
def test_no_horizontal_page_scroll(seen, name, width):
    state = seen[name, width]
    assert state["scrollWidth"] <= state["clientWidth"], (
        f"{name} at {width} px is {state['scrollWidth']} px wide; widest elements: {state['wide']}")


@pytest.mark.parametrize(("name", "width"), cases())
def test_every_table_cell_is_within_the_window_or_its_scrolling_box(seen, name, width):
    """On a wide screen no column is cut off, not even inside a table's scrolling box (the verdict column was); on a
    phone a table wider than the window scrolls sideways in its own keyboard-reachable box, never the page."""
    state = seen[name, width]
    cut = state["cut"] if width > 800 else state["unscrollable"]
    assert not cut, f"{name} at {width} px: {len(cut)} table cell(s) end beyond the window's right edge, e.g. {cut[:3]}"


@pytest.mark.parametrize(("name", "width"), cases())
def test_tables_stay_tables_at_every_width(seen, name, width):
    cards = seen[name, width]["cards"]
    assert not any(cards), f"{name}: {cards.count(True)} table(s) shown as a stack of cards at {width} px"


def chart_text_px(site: Path, chart: dict) -> float:
    """The smallest text of a chart as shown, in CSS px: its smallest font in pixels of the PNG (recorded when it was
    saved), scaled by the width shown over the width drawn."""
    from mrt.charts import chart_smallest_font_px

    path = Path(unquote(urlsplit(chart["src"]).path))
    assert path.is_file() and path.resolve().is_relative_to(site.resolve()), chart["src"]
    return chart_smallest_font_px(path) * chart["shown"] / chart["natural"]


def illegible_charts(site: Path, charts: list[dict]) -> list[str]:
    """Each chart whose smallest text is shown under LEGIBLE_PX CSS px, with its size."""
    bad = []
    for chart in charts:
        shown = chart_text_px(site, chart)
        if shown < LEGIBLE_PX:
            bad.append(f"{Path(urlsplit(chart['src']).path).name}: {shown:.1f} px (drawn {chart['natural']} px wide, shown {chart['shown']:.0f})")
    return bad


@pytest.mark.parametrize("name", PAGES)
def test_every_chart_is_legible_on_a_phone(seen, site, name):
    charts = seen[name, 390]["charts"]
    bad = illegible_charts(site, charts)
    assert not bad, f"{name} at 390 px: chart text under {LEGIBLE_PX} CSS px: {bad}"
    assert all("/phone/" in c["src"] for c in charts), f"{name}: a chart without its phone rendition at 390 px"


@pytest.mark.parametrize(("name", "width"), cases())
def test_no_numeric_table_cell_wraps(seen, name, width):
    state = seen[name, width]
    assert not state["wrapped"], f"{name} at {width} px: {len(state['wrapped'])} of {state['numbers']} numeric cells wrap: {state['wrapped'][:5]}"


@pytest.mark.parametrize(("name", "width"), cases())
def test_every_page_links_to_the_previous_and_next_page_and_its_top(seen, name, width):
    state = seen[name, width]
    at = PAGES.index(name)
    assert state["previous"] == (PAGES[at - 1] if at > 0 else None), f"{name}: previous link {state['previous']}"
    assert state["next"] == (PAGES[at + 1] if at + 1 < len(PAGES) else None), f"{name}: next link {state['next']}"
    assert state["previous"] or state["next"]
    assert state["to_top"], f"{name}: no link back to the top"


@pytest.mark.parametrize(("name", "width"), cases())
def test_every_image_loads_and_has_alt_text(seen, name, width):
    images = seen[name, width]["images"]
    broken = [i["src"] for i in images if not i["loaded"]]
    no_alt = [i["src"] for i in images if not i["alt"]]
    assert not broken, f"{name}: {len(broken)} image(s) did not load: {broken[:3]}"
    assert not no_alt, f"{name}: {len(no_alt)} image(s) without alt text"


@pytest.mark.parametrize(("name", "width"), cases())
def test_each_chart_states_its_own_finding(seen, name, width):
    """Alt text says what its chart shows: two different images sharing one alt text is a placeholder."""
    by_alt = {}
    for image in seen[name, width]["images"]:
        by_alt.setdefault(image["alt"], set()).add(image["key"])
    shared = {alt[:60]: len(srcs) for alt, srcs in by_alt.items() if alt and len(srcs) > 1}
    assert not shared, f"{name}: different images share one alt text: {shared}"


@pytest.mark.parametrize(("name", "width"), cases())
def test_visible_text_has_no_nan_entity_or_raw_tex(seen, name, width):
    text = seen[name, width]["text"]
    found = {}
    for label, pattern in BAD_TEXT.items():
        hits = [text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ") for m in re.finditer(pattern, text)]
        if hits:
            found[label] = (len(hits), hits[:2])
    assert not found, f"{name}: visible text shows {found}"


@pytest.mark.parametrize(("name", "width"), cases())
def test_code_is_folded_except_the_parameters(seen, name, width):
    code = seen[name, width]["code"]
    unfolded = [c for c in code if not c["in_details"]]
    open_not_parameters = [c for c in code if c["visible"] and not c["parameters"]]
    parameters_hidden = [c for c in code if c["parameters"] and not c["visible"]]
    assert not unfolded, f"{name}: {len(unfolded)} code cell(s) not in a <details>"
    assert not open_not_parameters, f"{name}: {len(open_not_parameters)} code cell(s) shown open that are not the parameters cell"
    assert not parameters_hidden, f"{name}: the parameters cell is folded; it should be shown open"


@pytest.mark.parametrize(("name", "width"), cases())
def test_every_link_resolves_inside_the_site(seen, site, name, width):
    state = seen[name, width]
    broken = []
    for href in state["links"]:
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto"):
            continue  # a link to another site is not a load; it works when the reader is online
        if parts.scheme or parts.netloc:
            broken.append(href)
        elif not parts.path:
            if unquote(parts.fragment) not in state["ids"]:
                broken.append(href)
        else:
            target = (site / unquote(parts.path)).resolve()
            if not (target.is_file() and target.is_relative_to(site.resolve())):
                broken.append(href)
    assert not broken, f"{name}: links that do not resolve inside the site: {broken[:5]}"


@pytest.mark.parametrize(("name", "width"), cases())
def test_no_request_leaves_the_machine(seen, name, width):
    assert seen[name, width]["outside"] == [], f"{name}: requests left the machine: {seen[name, width]['outside'][:5]}"


@pytest.mark.parametrize(("name", "width"), cases())
def test_axe_finds_no_serious_or_critical_violation(seen, name, width):
    violations = seen[name, width]["axe"]
    summary = [f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']}; e.g. {v['nodes'][0]['target']}" for v in violations]
    assert not violations, f"{name} at {width} px: " + " | ".join(summary)


def test_index_links_every_notebook_and_screenshots_are_kept(seen):
    links = set(seen["index.html", 1280]["links"])
    assert {Path(s.notebook).stem + ".html" for s in STEPS} <= links
    for name in SCREENSHOT_PAGES:
        for width in WIDTHS:
            shot = ARTIFACTS / f"{Path(name).stem}-{width}.png"
            assert shot.stat().st_size > 10_000, shot


PRINT_STATE = """() => {
  const shown = el => getComputedStyle(el).display !== 'none' && el.checkVisibility();
  const page = document.documentElement.clientWidth;
  return {
    page_width: page,
    too_wide: Array.from(document.querySelectorAll('table')).filter(shown)
                .map(t => ({caption: (t.querySelector('caption') || {}).textContent || t.textContent.slice(0, 40),
                            right: Math.max(t.getBoundingClientRect().right,
                                            ...Array.from(t.querySelectorAll('td, th')).map(c => c.getBoundingClientRect().right))}))
                .filter(t => t.right > page + 1).map(t => t.caption.slice(0, 50) + ': ' + Math.round(t.right) + ' px'),
    nav: Array.from(document.querySelectorAll('header nav')).some(shown),
    folded_code: Array.from(document.querySelectorAll('details.mrt-code:not(.mrt-parameters)')).filter(shown).length,
    parameters: Array.from(document.querySelectorAll('details.mrt-parameters pre')).filter(shown).length,
    clipped_tables: Array.from(document.querySelectorAll('.mrt-table-wrap, .mrt-wide'))
                      .filter(el => getComputedStyle(el).overflowX !== 'visible').length,
    tables: document.querySelectorAll('.mrt-table-wrap, .mrt-wide').length,
  };
}"""


# The printed page: Letter (8.5 in, 816 CSS px) less the print style sheet's @page margins of 1.4 cm a side (52.9 px).
# Chromium lays a printed page out at that width, so the page is measured as printed in a window of that width.
PRINTED_WIDTH = round(8.5 * 96 - 2 * 1.4 / 2.54 * 96)  # 710 px


@pytest.fixture(scope="module")
def printed(site) -> dict:
    """Every page as printed: the print style sheet applied at the printed page's width, measured, then rendered to
    PDF (kept in test-artifacts/)."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": PRINTED_WIDTH, "height": 900})
        page.emulate_media(media="print")
        for name in PAGES:
            page.goto((site / name).as_uri())
            page.wait_for_load_state("load")
            results[name] = {**page.evaluate(PRINT_STATE), **page.evaluate(READING_STATE)}
            pdf = ARTIFACTS / f"{Path(name).stem}.pdf"
            page.pdf(path=str(pdf), format="Letter")
            results[name]["pdf_bytes"] = pdf.stat().st_size
        browser.close()
    results["pdf_bytes"] = results["04-education.html"]["pdf_bytes"]
    return results


def test_print_stylesheet_drops_navigation_and_folded_code_and_unclips_tables(printed):
    state = printed["04-education.html"]
    assert not state["nav"], "the navigation is printed"
    assert state["folded_code"] == 0, f"{state['folded_code']} folded code cell(s) printed"
    assert state["parameters"] == 1, "the parameters cell is printed"
    assert state["tables"] > 0 and state["clipped_tables"] == 0, f"{state['clipped_tables']} table box(es) clip their table in print"
    assert printed["pdf_bytes"] > 10_000


@pytest.mark.parametrize("name", PAGES)
def test_print_stylesheet_fits_every_table_to_the_printed_page(printed, name):
    state = printed[name]
    assert state["page_width"] == PRINTED_WIDTH
    assert not state["too_wide"], f"{name}: table(s) wider than the printed page ({PRINTED_WIDTH} px): {state['too_wide'][:3]}"


@pytest.mark.parametrize("name", PAGES)
def test_print_shows_every_chart_legibly_and_no_numeric_cell_wraps(printed, site, name):
    state = printed[name]
    bad = illegible_charts(site, state["charts"])
    assert not bad, f"{name} printed: chart text under {LEGIBLE_PX} CSS px: {bad}"
    assert not state["wrapped"], f"{name} printed: {len(state['wrapped'])} of {state['numbers']} numeric cells wrap: {state['wrapped'][:5]}"
    assert state["pdf_bytes"] > 10_000
