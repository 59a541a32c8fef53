"""The rendered site: self-contained pages, opened in a real browser (headless Chromium).

CI installs Debian's chromium and sets MRT_REQUIRE_BROWSER=1, so there a missing
browser fails the test instead of skipping it.
"""

import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from mrt import paths
from mrt.pipeline import STEPS
from mrt.site import build_site, external_references

ARTIFACTS = paths.ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    build_site(out)
    return out


def pages(site):
    return sorted(site.glob("*.html"))


def test_one_page_per_notebook_and_an_index(site):
    assert {p.name for p in pages(site)} == {"index.html"} | {Path(s.notebook).stem + ".html" for s in STEPS}


def test_pages_load_nothing_from_outside(site):
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        assert external_references(text) == [], page.name
        assert "<script" not in text.lower(), f"{page.name} has a script"
        assert "<link" not in text.lower(), f"{page.name} links a style sheet"


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
                markdown = output.get("data", {}).get("text/markdown", "")
                assert not unescaped_dollars(markdown), f"{step.notebook} cell {index}: Markdown output with a bare $"


def test_setup_code_is_hidden(site):
    text = (site / "02-salaries.html").read_text(encoding="utf-8")
    assert "use_style" not in text  # the setup cell's code
    assert "match_to_bls" in text  # an analysis cell's code stays
    education = (site / "04-education.html").read_text(encoding="utf-8")
    assert "certificate_start_percentile" in education  # the parameters cell stays visible


def chromium():
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("MRT_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here (MRT_REQUIRE_BROWSER is set) but not installed: apt-get install chromium")
        pytest.skip("headless Chromium not installed (apt-get install chromium); the browser test needs it")
    return found


@pytest.mark.browser
def test_every_page_renders_in_chromium_with_images_and_no_requests_out(site, tmp_path):
    from playwright.sync_api import sync_playwright

    executable = chromium()
    outside = []
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.route("**/*", lambda route: (outside.append(route.request.url), route.abort()) if not route.request.url.startswith(("file:", "data:"))
                   else route.continue_())
        for html_page in pages(site):
            page.goto(html_page.as_uri())
            page.wait_for_load_state("load")
            assert page.title(), f"{html_page.name}: no title"
            assert len(page.inner_text("body")) > 500, f"{html_page.name}: nearly empty"
            broken = page.evaluate("Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).length")
            assert broken == 0, f"{html_page.name}: {broken} image(s) did not load"
            raw_tex = re.findall(r"\\\(|\\\[|\$\$|\\frac", page.inner_text("body"))
            assert not raw_tex, f"{html_page.name}: raw TeX {raw_tex[:3]}"
            if html_page.name == "index.html":
                links = set(page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))"))
                assert {Path(s.notebook).stem + ".html" for s in STEPS} <= links
                page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
            if html_page.name == "02-salaries.html":
                assert page.evaluate("document.images.length") >= 4
        browser.close()
    assert outside == [], f"requests left the machine: {outside[:5]}"
    assert (ARTIFACTS / "index.png").stat().st_size > 10_000
