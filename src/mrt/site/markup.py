"""The HTML of a notebook or Markdown page made fit for the site: links pointed inside it, pilcrows removed, code
reachable by keyboard, tables boxed, labelled and marked for reading, the files paragraph folded, images written as
files and linked at full size; Markdown rendered; and the checks the tests run on a page (links that resolve, nothing
loaded from outside)."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mrt import paths
from mrt.chartfiles import PHONE_DIR
from mrt.report import escape_dollars, escape_markup
from mrt.site.assets import IMAGES, SITE_DATA, TEACHING_PAGE


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


_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL = re.compile(r"<(t[dh])\b([^>]*)>(.*?)</\1>", re.S)
_SECTION = r"<{0}\b[^>]*>(.*?)</{0}>"


def _text(fragment: str) -> str:
    """The text of an HTML fragment, on one line."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _card_table(table: str) -> str:
    """One table with each body cell labelled by its column header (``data-label``) and the class ``mrt-cards``; the
    table unchanged if a cell cannot be matched to exactly one header (two header rows, a spanning cell, a short row)."""
    head, body = (re.search(_SECTION.format(part), table, re.S) for part in ("thead", "tbody"))
    if head is None or body is None or re.search(r"\b(?:rowspan|colspan)\s*=", table):
        return table
    header_rows = _ROW.findall(head.group(1))
    if len(header_rows) != 1:
        return table
    labels = [_text(cell[2]) for cell in _CELL.findall(header_rows[0])]
    rows = _ROW.findall(body.group(1))
    if not rows or any(len(_CELL.findall(row)) != len(labels) for row in rows):
        return table

    def label_row(row: re.Match) -> str:
        cells = iter(labels)

        def label(cell: re.Match) -> str:
            tag, attributes, content = cell.groups()
            return f'<{tag} data-label="{html.escape(next(cells), quote=True)}"{attributes}>{content}</{tag}>'

        return _CELL.sub(label, row.group(0))

    labelled = table[:body.start(1)] + _ROW.sub(label_row, body.group(1)) + table[body.end(1):]
    opening = re.match(r"<table\b[^>]*>", labelled).group(0)
    if re.search(r'\bclass="', opening):
        marked = re.sub(r'\bclass="([^"]*)"', lambda m: f'class="{m.group(1)} mrt-cards"', opening, count=1)
    else:
        marked = opening[:-1] + ' class="mrt-cards">'
    return marked + labelled[len(opening):]


def label_table_cells(body: str) -> str:
    """Label every body cell of every table with its column header (``data-label``) and mark the table ``mrt-cards``; a
    table whose cells do not each have one header is left as it is. Since issue 20 no style sheet lays a table out as
    cards (tables stay tables in their scrolling box at every width); the labels are kept for a reader's own styles."""
    return _TABLE.sub(lambda m: _card_table(m.group(0)), body)


# Tables for reading: numbers that never break, long text folded, long tables summarised on a phone ----

LONG_TABLE_ROWS = 12  # a table with more body rows than this shows its first rows on a phone, the whole table folded beneath
PREVIEW_ROWS = 5
PROSE_WORDS = 12  # a cell of more words than this is text: it keeps a readable width
FOLDED_COLUMNS = ("Under other methods",)  # columns whose long cells show their first item, the rest one click away
FOLD_WORDS = 25
_NUMBER = r"[−\-+]?\(?[$£€]?\d[\d,]*(?:\.\d+)?\)?\s?(?:%|×|pp)?"
_NUMBERS = rf"{_NUMBER}(?:\s?(?:[-–—/]|to)\s?{_NUMBER})?"  # a number or a range
NUMERIC = re.compile(rf"{_NUMBERS}(?:\s\({_NUMBERS}\))?|NA|—|–")  # ... with its band in brackets: "$34,708 ($34,550–$34,860)"
_TABLE_BOX = re.compile(r'<div\b[^>]*\bclass="mrt-(?:table-wrap|wide)\b[^>]*>(?:(?!</?div\b).)*?<table\b.*?</table>\s*</div>', re.S)


def is_numeric(text: str) -> bool:
    """A cell that holds a number (``$51,036``, ``0.87 ×``, ``+1.9%``, ``2010–2018``), a number with its band in brackets
    (``$34,708 ($34,550–$34,860)``) or a mark for none."""
    return bool(NUMERIC.fullmatch(" ".join(text.split())))


def _with_class(attributes: str, name: str) -> str:
    if re.search(r'\bclass="', attributes):
        return re.sub(r'\bclass="([^"]*)"', lambda m: f'class="{m.group(1)} {name}"', attributes, count=1)
    return f' class="{name}"{attributes}'


def fold_cell(content: str) -> str:
    """A long cell of items separated by "; ": its first item shown, the others in a fold ("2 more")."""
    items = content.split("; ")
    if len(_text(content).split()) <= FOLD_WORDS or len(items) < 2:
        return content
    rest = "; ".join(items[1:])
    return (f'{items[0]}; <details class="mrt-more"><summary>{len(items) - 1} more</summary>{rest}</details>')


def mark_cells(table: str) -> str:
    """Each cell of a table marked for reading: ``mrt-num`` (a number: never wrapped), ``mrt-prose`` (long text: a
    readable width); a long cell of a column in FOLDED_COLUMNS shows its first item, the rest folded."""
    head = re.search(_SECTION.format("thead"), table, re.S)
    header_rows = _ROW.findall(head.group(1)) if head else []
    headers = [_text(c[2]) for c in _CELL.findall(header_rows[-1])] if header_rows else []

    def mark_row(row: re.Match) -> str:
        column = iter(range(10_000))

        def mark(cell: re.Match) -> str:
            tag, attributes, content = cell.groups()
            index = next(column)
            text = _text(content)
            if is_numeric(text) and text:
                attributes = _with_class(attributes, "mrt-num")
            elif len(text.split()) > PROSE_WORDS and tag == "td":
                attributes = _with_class(attributes, "mrt-prose")
                if index < len(headers) and headers[index] in FOLDED_COLUMNS:
                    content = fold_cell(content)
            return f"<{tag}{attributes}>{content}</{tag}>"

        return _CELL.sub(mark, row.group(0))

    return _ROW.sub(mark_row, table)


def _without_ids(fragment: str) -> str:
    return re.sub(r'\s(?:id|aria-labelledby)="[^"]*"', "", fragment)


def summarise_long_table(box: str) -> str:
    """A table box with more than LONG_TABLE_ROWS body rows: whole on a wide screen and on paper; on a phone its
    first PREVIEW_ROWS rows, with the whole table folded beneath (CSS chooses; copies carry no ids)."""
    body = re.search(_SECTION.format("tbody"), box, re.S)
    rows = _ROW.findall(body.group(1)) if body else []
    if len(rows) <= LONG_TABLE_ROWS:
        return box
    preview = box[:body.start(1)] + "\n".join(rows[:PREVIEW_ROWS]) + box[body.end(1):]
    copy = _without_ids(box)
    return (f'<div class="mrt-long-full">{box}</div>\n<div class="mrt-long-phone">'
            f'<p class="mrt-long-note">The first {PREVIEW_ROWS} of {len(rows)} rows; all of them are folded beneath.</p>'
            f"{_without_ids(preview)}\n<details class=\"mrt-long-table\"><summary>Show all {len(rows)} rows</summary>{copy}</details></div>")


def tables_for_reading(body: str) -> str:
    """Every table's cells marked (:func:`mark_cells`), every long table summarised on a phone (:func:`summarise_long_table`)."""
    marked = _TABLE.sub(lambda m: mark_cells(m.group(0)), body)
    return _TABLE_BOX.sub(lambda m: summarise_long_table(m.group(0)), marked)


_READS = re.compile(r"<p><strong>Reads</strong>.*?</p>\s*", re.S)
_QUESTION = re.compile(r"<p><strong>Question\.</strong>.*?</p>", re.S)
FILES_SUMMARY = "The files this notebook reads and writes"


def fold_reads_writes(body: str) -> str:
    """A notebook's opening "Reads … Writes …" paragraph, folded and moved below its question (if it has one)."""
    reads = _READS.search(body)
    if reads is None:
        return body
    folded = f'<details class="mrt-files"><summary>{FILES_SUMMARY}</summary>\n{reads.group(0).strip()}\n</details>'
    rest = body[:reads.start()] + body[reads.end():]
    question = _QUESTION.search(rest, reads.start())
    at = question.end() if question else reads.start()
    return rest[:at] + "\n" + folded + "\n" + rest[at:]


_DATA_IMAGE = re.compile(r'<img\b([^>]*?)\bsrc="data:image/(png|jpeg);base64,([^"]*)"([^>]*)>')
_LINKED_IMAGE = re.compile(r'(<a class="mrt-chart" href="[^"]*">)?(<img\b[^>]*\bsrc="([^"]+)"[^>]*>)')


def _png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels read from a PNG's header, or None if the bytes are not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


PHONE_MEDIA = "print, (max-width: 50rem)"  # where a chart's phone rendition is served instead of the full-size PNG


def chart_link(image: str, target: str, size: tuple[int, int] | None, phone: str | None = None, caption: str | None = None) -> str:
    """An ``<img>`` wrapped in a link to the image file (the full-size original), served as ``phone`` (the
    rendition drawn for a narrow screen) on a phone and on paper; with a ``caption`` (HTML: the chart's finding),
    a ``<figure>`` with the caption under the chart and the line that opens it at full size."""
    dimensions = f" (PNG, {size[0]:,} × {size[1]:,} px)" if size else ""
    shown = (f'<picture><source media="{PHONE_MEDIA}" srcset="{html.escape(phone, quote=True)}">{image}</picture>'
             if phone else image)
    link = f'<a class="mrt-chart" href="{html.escape(target, quote=True)}">{shown}</a>'
    full = f'<a href="{html.escape(target, quote=True)}">Open the chart at full size</a>{dimensions}.'
    if caption:
        return f'<figure class="mrt-figure">{link}<figcaption>{caption} <span class="mrt-full-size">{full}</span></figcaption></figure>'
    return f'{link}<p class="mrt-full-size">{full}</p>'


def phone_rendition(target: str, available) -> str | None:
    """The site path of a chart's phone rendition (``data/charts/phone/x.png`` for ``data/charts/x.png``) if it is
    among ``available``, else None."""
    folder, _, name = target.rpartition("/")
    phone = f"{folder}/{PHONE_DIR}/{name}" if folder else f"{PHONE_DIR}/{name}"
    return phone if phone in available else None


def link_images(body: str, known: dict[str, str], stem: str) -> tuple[str, dict[str, bytes]]:
    """Every image of a notebook page as a file of the site, linked at full size: an image inlined as a data URI points
    instead at the site's copy of the same bytes (``known``: SHA-256 -> path in the site, the charts of
    ``data/processed/``) or, if it has none, at a new file ``images/<stem>-<hash>.png`` (returned, to be written). An
    image already pointing at a file is linked to it; one already linked is left alone. A chart with a phone rendition
    among ``known`` is served as that on a phone; an image with alt text gets it as its visible caption."""
    files: dict[str, bytes] = {}
    sizes: dict[str, tuple[int, int] | None] = {}
    available = set(known.values())

    def to_file(match: re.Match) -> str:
        data = base64.b64decode(match.group(3))
        digest = hashlib.sha256(data).hexdigest()
        target = known.get(digest)
        if target is None:
            target = f"{IMAGES}/{stem}-{digest[:12]}.{'png' if match.group(2) == 'png' else 'jpg'}"
            files[target] = data
        sizes[target] = _png_size(data)
        return f'<img{match.group(1)}src="{html.escape(target, quote=True)}"{match.group(4)}>'

    def link(match: re.Match) -> str:
        if match.group(1):
            return match.group(0)
        target = html.unescape(match.group(3))
        alt = re.search(r'\balt="([^"]*)"', match.group(2))
        caption = html.escape(html.unescape(alt.group(1))) if alt and alt.group(1).strip() else None
        return chart_link(match.group(2), target, sizes.get(target), phone_rendition(target, available), caption)

    return _LINKED_IMAGE.sub(link, _DATA_IMAGE.sub(to_file, body)), files


def site_images() -> dict[str, str]:
    """SHA-256 of each image in data/processed/ -> the path of its copy in the site (what ``_copy_data`` copies)."""
    return {hashlib.sha256(item.read_bytes()).hexdigest(): f"{SITE_DATA}/{item.relative_to(paths.processed_dir()).as_posix()}"
            for item in sorted(paths.processed_dir().rglob("*.png")) if item.is_file()}


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


def _markdown(text: str) -> str:
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath  # deferred: nbconvert loads only when the site is built

    return MarkdownWithMath(renderer=IPythonRenderer(escape=False)).render(text)


def _inline_markdown(text: str) -> str:
    """One sentence of Markdown (a finding) as inline HTML; dollar signs stay dollars. The sentence holds text from
    data: its own HTML and links are made inert (shown as written, never rendered)."""
    rendered = without_pilcrows(_markdown(escape_dollars(escape_markup(text)))).strip()
    return re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.S)
