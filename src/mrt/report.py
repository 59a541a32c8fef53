"""Findings and tables for people: Markdown built from computed values, tables formatted for reading.

Notebooks narrate with :func:`md` (a finding is a sentence composed from the computed values beside
it, rendered as Markdown, not printed as console text) and show tables with :func:`table` (money with
a dollar sign and separators, percentages at a sensible precision, missing values as "not found",
column labels in words, nothing truncated, wide tables scrolling inside their own box, the full table
one click away as CSV).

Dollar signs: Jupyter renders ``$...$`` in Markdown as TeX. :func:`md` escapes every ``$`` outside
code spans as ``\\$`` (shown as a plain dollar sign); inside code spans and code blocks a ``$`` stays
as it is, so a student can copy ``between $12.41 and $31.06 an hour`` into a parser. Markdown cells
follow the same rule (a test checks it): ``\\$`` in prose, plain ``$`` in code.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where it is used
    import pandas as pd

NOT_FOUND = "not found"
# ``` fenced blocks, then inline code spans of any backtick-run length (CommonMark: closed by the same run)
_CODE = re.compile(r"(```.*?```|(?<!`)(`+)(?!`).*?(?<!`)\2(?!`))", re.DOTALL)


def escape_dollars(text: str) -> str:
    """Escape every ``$`` outside code as ``\\$`` so Markdown renderers never read prose as TeX.

    A ``$`` already escaped stays escaped; code spans and fenced blocks are left exactly as written.
    """
    out, last = [], 0
    for match in _CODE.finditer(text):
        out.append(_escape_prose(text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_escape_prose(text[last:]))
    return "".join(out)


def _escape_prose(text: str) -> str:
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def unescaped_dollars(markdown: str) -> list[str]:
    """Snippets of prose holding a ``$`` that a Markdown renderer could read as TeX (for the tests)."""
    prose = _CODE.sub(" ", markdown)
    return [prose[max(0, m.start() - 20):m.end() + 20] for m in re.finditer(r"(?<!\\)\$", prose)]


# Characters that would let text make markup of its own in Markdown: raw HTML (< > &) and links ([ ]).
# Entities, not backslashes: ``\\[`` opens display maths in Jupyter's Markdown.
_MARKUP = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "&#91;", "]": "&#93;"}


def escape_markup(text: str) -> str:
    """Make text from data or configuration inert in Markdown: ``<``, ``>``, ``&``, ``[`` and ``]`` outside code
    become HTML entities (shown as the same characters), so no raw HTML, comment or link can come from data.
    Code spans and fenced blocks are left exactly as written (Markdown shows them literally anyway)."""
    out, last = [], 0
    for match in _CODE.finditer(text):
        out.append(_inert(text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_inert(text[last:]))
    return "".join(out)


def _inert(text: str) -> str:
    return re.sub(r"&(?!(?:amp|lt|gt|#91|#93);)|[<>\[\]]", lambda m: _MARKUP[m.group(0)[0]], text)


def md(text: str):
    """A finding or a paragraph as rendered Markdown (dollar signs escaped outside code). The words may hold
    text from data (claims, names from occupation.toml): markup of their own (HTML, links) is made inert."""
    from IPython.display import Markdown  # deferred: IPython's display exists only inside a kernel

    return Markdown(escape_dollars(escape_markup(text)))


def md_with_markup(text: str):
    """Rendered Markdown whose own markup (a ``<details>`` fold) the code wrote: every part of ``text`` that comes from
    data must already have passed :func:`escape_markup`; dollar signs are escaped as in :func:`md`."""
    from IPython.display import Markdown  # deferred: IPython's display exists only inside a kernel

    return Markdown(escape_dollars(text))


# Numbers in words ------------------------------------------------------------------------------------

def _missing(value) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd  # deferred: pandas loads only when a table is read (light commands stay light)

        if value is pd.NA or value is pd.NaT:
            return True
    except ImportError:  # pragma: no cover - pandas is always installed with the project
        pass
    return isinstance(value, float) and math.isnan(value)


def money(value, decimals: int = 0, missing: str = NOT_FOUND, to: int | None = None) -> str:
    """``42820`` -> ``$42,820``; ``-1234.5`` -> ``-$1,235``; cents with ``decimals=2``; missing -> "not found";
    ``to=100`` rounds to the nearest $100 (for a modelled amount whose precision is hundreds): ``31384`` -> ``$31,400``."""
    if _missing(value):
        return missing
    value = float(value)
    if to:
        value = round(value / to) * to
    sign = "-" if value < 0 and round(abs(value), decimals) != 0 else ""
    return f"{sign}${abs(value):,.{decimals}f}"


def _no_negative_zero(value, decimals: int) -> float:
    """A value that rounds to zero at ``decimals`` places is zero, never "-0" (``-0.0``, ``-0.04`` at one place)."""
    value = float(value)
    return 0.0 if round(value, decimals) == 0 else value


def percent(value, decimals: int = 1, missing: str = NOT_FOUND, signed: bool = False) -> str:
    """``13.48`` -> ``13.5%`` (the value is already in percent); ``signed=True`` gives ``+13.5%``; ``-0.0`` -> ``0.0%``."""
    if _missing(value):
        return missing
    return f"{_no_negative_zero(value, decimals):{'+' if signed else ''},.{decimals}f}%"


def percent_as_published(value, decimals: int = 1, missing: str = NOT_FOUND) -> str:
    """A percent published to a whole number or to ``decimals`` places, without a decimal it does not have:
    ``21.0`` -> ``21%``, ``13.5`` -> ``13.5%``, ``7.06`` -> ``7.1%``."""
    text = percent(value, decimals, missing)
    return text if _missing(value) else re.sub(r"\.0+%$", "%", text)


def points(value, decimals: int = 1, missing: str = NOT_FOUND) -> str:
    """A difference of two percentages, in percentage points: ``-8.5`` -> ``-8.5 points``."""
    if _missing(value):
        return missing
    return f"{_no_negative_zero(value, decimals):+,.{decimals}f} points"


def number(value, decimals: int = 0, missing: str = NOT_FOUND) -> str:
    """``186300`` -> ``186,300``; ``-0.0`` -> ``0``."""
    if _missing(value):
        return missing
    return f"{_no_negative_zero(value, decimals):,.{decimals}f}"


def ratio(value, decimals: int = 2, missing: str = NOT_FOUND) -> str:
    """``1.8243`` -> ``1.82×``."""
    if _missing(value):
        return missing
    return f"{float(value):.{decimals}f}×"


def of(part: int, whole: int) -> str:
    """A count out of a total in words: ``of(6, 6)`` -> ``all 6``; ``of(2, 2)`` -> ``both``; ``of(4, 6)`` -> ``4 of 6``;
    ``of(0, 6)`` -> ``none of 6``."""
    if part == whole == 2:
        return "both"
    if part == whole and whole > 1:
        return f"all {whole}"
    if part == 0 and whole > 0:
        return f"none of {whole}"
    return f"{part} of {whole}"


def counted(n: int, singular: str, plural: str) -> str:
    """A count with the word that agrees with it: ``counted(1, "pair fails", "pairs fail")`` -> ``1 pair fails``; 0 -> ``no pairs fail``."""
    return f"{n} {singular}" if n == 1 else f"{'no' if n == 0 else n} {plural}"


_GUIDE_KEY = re.compile(r"(\d{3})_[0-9a-f]{16}\.txt#L(\d+)")


def guide_line(source_key: str) -> str:
    """A guide's source key for readers: ``001_cb1680f8129abfb3.txt#L24`` -> ``guide 001, line 24`` (other keys unchanged)."""
    match = _GUIDE_KEY.fullmatch(str(source_key))
    return f"guide {match.group(1)}, line {match.group(2)}" if match else str(source_key)


def yes_no(value, missing: str = NOT_FOUND) -> str:
    if _missing(value):
        return missing
    return "yes" if bool(value) else "no"


def text(value, missing: str = NOT_FOUND) -> str:
    if _missing(value):
        return missing
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}"
    return str(value)


def plain(value, missing: str = NOT_FOUND) -> str:
    """Markdown text for a table cell, where emphasis would show as stars: ``*Associate's degree* leads`` ->
    ``Associate's degree leads``; ``**14 of 15**`` -> ``14 of 15``. A lone star (``2 * 3``) stays."""
    if _missing(value):
        return missing
    return re.sub(r"(\*{1,2})(?=\S)(.+?)(?<=\S)\1", r"\2", str(value))


def listing(items, conjunction: str = "and") -> str:
    """``["a", "b", "c"]`` -> ``a, b and c``; one item as it is; none -> ``""``."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


FORMATS: dict[str, Callable] = {
    "usd": money, "usd_cents": lambda v, missing=NOT_FOUND: money(v, 2, missing),
    "pct": percent, "pct0": lambda v, missing=NOT_FOUND: percent(v, 0, missing), "pct2": lambda v, missing=NOT_FOUND: percent(v, 2, missing),
    "points": points, "int": number, "float1": lambda v, missing=NOT_FOUND: number(v, 1, missing),
    "float2": lambda v, missing=NOT_FOUND: number(v, 2, missing), "ratio": ratio, "year": text, "bool": yes_no, "text": text, "plain": plain,
}


def format_value(value, kind: str | Callable, missing: str = NOT_FOUND) -> str:
    """One cell as a reader sees it; ``kind`` is a key of :data:`FORMATS` or a function of the value."""
    if callable(kind):
        return missing if _missing(value) else str(kind(value))
    if kind not in FORMATS:
        raise KeyError(f"unknown format {kind!r}; use one of {sorted(FORMATS)} or a function")
    return FORMATS[kind](value, missing=missing)


# Tables --------------------------------------------------------------------------------------------

def readable(frame: pd.DataFrame, columns: Mapping[str, str], formats: Mapping[str, str | Callable] | None = None,
             missing: str | Mapping[str, str] = NOT_FOUND) -> pd.DataFrame:
    """The columns a reader needs, renamed to words, every cell formatted as text.

    ``columns`` maps a column to its label (in the order shown); ``formats`` maps a column to a
    format (default ``text``); ``missing`` is what an empty cell says ("not found" unless told,
    per column if a mapping).
    """
    import pandas as pd  # deferred: pandas loads only when a table is read (light commands stay light)

    unknown = [c for c in columns if c not in frame.columns]
    if unknown:
        raise KeyError(f"columns {unknown} are not in the table (it has {list(frame.columns)})")
    formats = dict(formats or {})
    out = pd.DataFrame(index=range(len(frame)))
    for column, label in columns.items():
        kind = formats.get(column, "text")
        empty = missing.get(column, NOT_FOUND) if isinstance(missing, Mapping) else missing
        out[label] = [format_value(v, kind, empty) for v in frame[column].tolist()]
    return out


def _numeric_kind(kind) -> bool:
    return kind in ("usd", "usd_cents", "pct", "pct0", "pct2", "points", "int", "float1", "float2", "ratio")


def table(frame: pd.DataFrame, columns: Mapping[str, str], formats: Mapping[str, str | Callable] | None = None, *,
          caption: str, csv: str | None = None, missing: str | Mapping[str, str] = NOT_FOUND, max_rows: int | None = None):
    """A table for people, as HTML (pandas Styler): labelled columns, formatted cells, no index.

    ``caption`` says what the table shows (it also names the table for screen readers);
    ``csv`` is the processed table the rows come from (``"claims.csv"``): a link under the table
    opens the full table. Long tables can be cut to ``max_rows`` with a note saying so.
    The HTML is the same on every run (a fixed id derived from the content).
    """
    from IPython.display import HTML  # deferred: IPython's display exists only inside a kernel

    shown = readable(frame, columns, formats, missing)
    note = ""
    if max_rows is not None and len(shown) > max_rows:
        note = f"First {max_rows} of {len(shown)} rows. "
        shown = shown.head(max_rows)
    right = [label for column, label in columns.items() if _numeric_kind((formats or {}).get(column, "text"))]
    digest = hashlib.sha1((caption + shown.to_csv(index=False)).encode("utf-8")).hexdigest()[:10]
    # every cell and label is text (often from data): escaped, so a claim's "<script>" is shown, never run
    shown = shown.map(lambda v: html.escape(str(v), quote=False))
    shown.columns = [html.escape(str(c), quote=False) for c in shown.columns]
    right = [html.escape(str(c), quote=False) for c in right]
    styler = (shown.style.hide(axis="index").set_caption(html.escape(caption)).set_uuid(f"mrt{digest}")
              .set_table_attributes('class="mrt-table"'))
    if right:
        styler = styler.set_properties(subset=right, **{"text-align": "right"})
    body = styler.to_html(doctype_html=False)
    link = ""
    if csv is not None:
        link = (f'<a class="mrt-csv" href="../data/processed/{html.escape(csv)}">'
                f"the full table: data/processed/{html.escape(csv)} (CSV)</a>")
    foot = f'<p class="mrt-table-note">{html.escape(note)}{link}</p>' if (note or link) else ""
    region = html.escape(caption, quote=True)
    return HTML(f'<div class="mrt-table-wrap tex2jax_ignore mathjax_ignore" role="region" aria-label="{region}" tabindex="0">\n{body}</div>\n{foot}')
