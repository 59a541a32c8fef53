"""Saved charts as files: where a chart's phone rendition is, and the title and alt text its PNG carries.

Reading a saved chart needs Pillow only, not matplotlib: the README and the site read charts through this
module, so building them does not load the plotting library. Drawing and saving live in :mod:`mrt.charts`.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

PHONE_DIR = "phone"  # charts/phone/<name>.png beside charts/<name>.png


def chart_title(path) -> str:
    """The title stored in a chart's PNG metadata."""
    with Image.open(path) as image:
        return image.text.get("Title", "")


def chart_alt(path) -> str:
    """The alt text stored in a chart's PNG metadata (the sentence that states its finding)."""
    with Image.open(path) as image:
        return image.text.get("Description", "")


def phone_path(path) -> Path:
    """charts/<name>.png -> charts/phone/<name>.png (the rendition drawn for a phone)."""
    path = Path(path)
    return path.parent / PHONE_DIR / path.name
