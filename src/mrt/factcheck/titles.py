"""Guides by title, for display: each guide's title from guides.csv or the quoted title in sources.csv.
"""

from __future__ import annotations

import re

import pandas as pd

from mrt.factcheck.rules import FactCheckError


_TITLE = re.compile(r"(?:^|\s)'(?P<title>[^']+)'(?=\s|$)")


def guide_titles(sources: pd.DataFrame, guides: pd.DataFrame | None = None) -> dict[str, str]:
    """Each guide's title, by guide file: from guides.csv (``guides``: guide_file, title) where it names the guide, else
    from the quoted title in the ``covers`` column of sources.csv (an occupation folder need not quote it there)."""
    titles = {} if guides is None else {str(f): str(t) for f, t in zip(guides["guide_file"], guides["title"]) if str(t).strip()}
    for position, row in enumerate(sources.itertuples(index=False), start=1):
        if row.kind != "guide" or row.source_id.removeprefix("guide:") in titles:
            continue
        match = _TITLE.search(row.covers)
        if match is None:
            raise FactCheckError(f"sources.csv data row {position}: expected the guide's title in single quotes in column 'covers', "
                                 f"found {row.covers!r}")
        titles[row.source_id.removeprefix("guide:")] = match.group("title")
    return titles
