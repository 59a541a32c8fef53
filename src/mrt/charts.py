"""One chart style for every notebook, and charts saved with the numbers they plot.

Every chart is written as ``data/processed/charts/<name>.png`` beside
``<name>.csv`` holding exactly the numbers plotted. PNG bytes are deterministic:
no software or date metadata, a fixed size and resolution, fonts that ship
with matplotlib.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from mrt import paths  # noqa: E402
from mrt.io import write_bytes, write_csv  # noqa: E402

# Okabe & Ito (2008): distinguishable with the common forms of colour blindness.
PALETTE = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000", "grey": "#999999",
}
SERIES = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "yellow", "black")]
DPI = 100
SIZE = (8, 4.5)


def use_style() -> None:
    """Apply the project's style (call once at the top of a notebook)."""
    sns.set_theme(context="notebook", style="whitegrid", palette=SERIES, font="DejaVu Sans")
    plt.rcParams.update({
        "figure.figsize": SIZE, "figure.dpi": DPI, "savefig.dpi": DPI, "axes.titleweight": "bold",
        "axes.titlesize": 12, "axes.labelsize": 10, "legend.fontsize": 9, "legend.frameon": False,
        "svg.hashsalt": "mrt", "path.simplify": False,
    })


def new_figure(width: float = SIZE[0], height: float = SIZE[1]):
    use_style()
    return plt.subplots(figsize=(width, height))


def add_source(fig, text: str) -> None:
    """A source line under the chart: every chart says where its numbers come from."""
    fig.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=7.5, color="#555555", wrap=True)


def png_bytes(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def save_chart(fig, name: str, data: pd.DataFrame, source: str):
    """Save ``fig`` as charts/<name>.png and ``data`` (the numbers plotted) as
    charts/<name>.csv; return an image to display in the notebook."""
    from IPython.display import Image

    add_source(fig, source)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    data_png = png_bytes(fig)
    plt.close(fig)
    write_csv(data.reset_index(drop=True), paths.charts_dir() / f"{name}.csv")
    write_bytes(data_png, paths.charts_dir() / f"{name}.png")
    return Image(data=data_png, format="png")
