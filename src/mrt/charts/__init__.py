"""One chart style for every notebook, and charts saved with the numbers they plot.

Every chart is written as ``data/processed/charts/<name>.png`` beside
``<name>.csv`` holding exactly the numbers plotted. PNG bytes are deterministic:
no software or date metadata, a fixed size and resolution, fonts that ship
with matplotlib. Every chart carries alt text that states its finding (in the
PNG metadata and on the notebook output, where the site's ``<img alt>`` reads it).

Every chart is saved twice: at full size (``<name>.png``, 800 px wide, for a wide screen and the
linked original) and redrawn for a phone (``phone/<name>.png``, :data:`PHONE_WIDTH_IN` inches at
:data:`PHONE_DPI`, about 600 px, no text under :data:`PHONE_MIN_FONT_PT` points, long titles wrapped,
crowded ticks thinned). Each PNG records its smallest font ("Smallest font", in points), so that
the site's browser test can work out the size its text is shown at. A chart function may add its
own adjustments for the phone with :func:`for_phone`.

What every chart does (CONTRIBUTING.md): a title naming the occupation, axis units
and the dollar year; a source line; direct labels instead of a colour-only legend
where there are few series (:func:`label_line_ends`); whole-number year ticks
(:func:`year_axis`); no line across an occupation-code break (:func:`break_lines`);
shaded spans behind the data (:func:`shade`); dark text on light fills; modelled
values labelled as modelled. Chart functions for one notebook live in their own
module here (``mrt.charts.<topic>``) so that notebook cells stay short.
"""

from __future__ import annotations

import io
import warnings
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")

import matplotlib.image  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from PIL import Image  # noqa: E402
from cycler import cycler  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.category import StrCategoryFormatter  # noqa: E402
from matplotlib.patches import Patch, Rectangle  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.ticker import FixedFormatter, MaxNLocator, StrMethodFormatter  # noqa: E402

from mrt import paths  # noqa: E402
from mrt.chartfiles import PHONE_DIR, chart_alt, chart_title, phone_path  # noqa: E402, F401 - charts.chart_alt etc. for notebooks and tests
from mrt.io import write_bytes, write_csv  # noqa: E402

# Okabe & Ito (2008): distinguishable with the common forms of colour blindness.
PALETTE = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000", "grey": "#999999",
}
SERIES = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "yellow", "black")]
DPI = 100
SIZE = (8, 4.5)
# The phone rendition: 5 in at 120 dpi (600 px) with text of at least 12 pt. Shown 358 CSS px wide on a 390-px
# phone, 12 pt is 12 / 72 * 120 * 358 / 600 = 11.9 CSS px; the full-size chart shrunk to that width shows its
# 8-pt labels at 5 CSS px.
PHONE_WIDTH_IN = 5.0
PHONE_DPI = 120
PHONE_MIN_FONT_PT = 12.0
SMALLEST_FONT_KEY = "Smallest font"  # PNG text chunk: the smallest font drawn, "<points> pt"


def use_style() -> None:
    """Apply the project's style (call once at the top of a notebook).

    Plain matplotlib settings in the spirit of seaborn's "whitegrid" theme: importing
    seaborn costs about a second in every kernel, which the main job would pay five times.
    """
    plt.rcParams.update({
        "font.family": "DejaVu Sans", "axes.prop_cycle": cycler(color=SERIES), "axes.facecolor": "white",
        "axes.edgecolor": "#cccccc", "axes.grid": True, "grid.color": "#e5e5e5", "grid.linewidth": 0.8,
        "axes.spines.top": False, "axes.spines.right": False, "xtick.color": "#333333", "ytick.color": "#333333",
        "axes.axisbelow": True, "lines.linewidth": 1.8, "lines.markersize": 5,
    })
    plt.rcParams.update({
        "figure.figsize": SIZE, "figure.dpi": DPI, "savefig.dpi": DPI, "axes.titleweight": "bold",
        "axes.titlesize": 12, "axes.labelsize": 10, "legend.fontsize": 9, "legend.frameon": False,
        "svg.hashsalt": "mrt", "path.simplify": False,
        # labels and titles hold text from data (names from occupation.toml, claims): "$" is a dollar, never TeX
        "text.parse_math": False,
    })


def new_figure(width: float = SIZE[0], height: float = SIZE[1]):
    use_style()
    return plt.subplots(figsize=(width, height))


def dollar_axis(ax, axis: str = "y") -> None:
    """Label an axis in dollars with thousands separators ($50,000)."""
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(StrMethodFormatter("${x:,.0f}"))


def add_source(fig, text: str):
    """A source line under the chart: every chart says where its numbers come from. Returns the text."""
    source = fig.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=7.5, color="#555555", wrap=True)
    fig._mrt_source = source
    return source


def drawn_texts(fig, drawn: bool = False) -> list:
    """Every piece of text the figure draws: visible, not empty, inside the figure (tick labels outside the
    axis limits are not drawn). ``drawn``: the figure has just been drawn as it stands (its texts are placed), so
    it is not laid out again."""
    if not drawn:
        layout_draw(fig)
    width, height = fig.canvas.get_width_height()
    texts = []
    for text in fig.findobj(Text):
        if not (text.get_visible() and text.get_text().strip()):
            continue
        box = text.get_window_extent()
        if box.x1 < 0 or box.y1 < 0 or box.x0 > width or box.y0 > height or box.width == 0:
            continue
        texts.append(text)
    return texts


def layout_draw(fig) -> None:
    """Draw ``fig`` for its layout only: every artist places itself (text sizes, wrapping, tick labels) with the canvas's
    own renderer, as ``fig.canvas.draw()`` does, but nothing is rasterised. Enough for measuring extents, at a fraction
    of the time; the saved PNG is drawn in full by ``savefig``. A canvas without a renderer of its own (a figure
    already closed) is asked to draw as before."""
    if not hasattr(fig.canvas, "get_renderer"):
        fig.canvas.draw()
        return
    renderer = fig.canvas.get_renderer()
    with renderer._draw_disabled():
        fig.draw(renderer)


def smallest_font(fig, drawn: bool = False) -> float:
    """The smallest font size (points) of any text the figure draws (``drawn``: as :func:`drawn_texts`)."""
    return min((t.get_fontsize() for t in drawn_texts(fig, drawn)), default=0.0)


def rendered_png(fig, alt: str | None = None, dpi: int = DPI) -> tuple[bytes, float]:
    """The figure drawn once at ``dpi`` and encoded as PNG, and its smallest font (points) measured on that very
    drawing: the bytes ``fig.savefig(format="png", dpi=dpi)`` writes (the same draw into the Agg buffer and the same
    encoder), without a second pass to lay the texts out for measuring. No software or date stamp (so reruns are
    byte-identical); the chart's title, alt text and smallest font are kept as PNG metadata ("Title", "Description",
    "Smallest font")."""
    title = (fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else "") or (fig.axes[0].get_title() if fig.axes else "")
    previous = fig.dpi
    fig.set_dpi(dpi)
    try:
        FigureCanvasAgg.draw(fig.canvas)
        smallest = smallest_font(fig, drawn=True)
        metadata = {"Software": None, "Title": " ".join(title.split()) or None, "Description": alt or None,
                    SMALLEST_FONT_KEY: f"{smallest:g} pt"}
        buffer = io.BytesIO()
        matplotlib.image.imsave(buffer, fig.canvas.buffer_rgba(), format="png", origin="upper", dpi=fig.dpi, metadata=metadata)
    finally:
        fig.set_dpi(previous)
    return buffer.getvalue(), smallest


def png_bytes(fig, alt: str | None = None, dpi: int = DPI) -> bytes:
    """The PNG of :func:`rendered_png`, without the measurement."""
    return rendered_png(fig, alt, dpi)[0]


def chart_smallest_font_px(path) -> float:
    """The smallest font of a saved chart in pixels of the image (points at the PNG's resolution); shown at
    ``d`` CSS px wide, an image ``w`` px wide shows it at this times d / w CSS px."""
    with Image.open(path) as image:
        points = float(image.text.get(SMALLEST_FONT_KEY, "0 pt").split()[0])
        dpi = image.info.get("dpi", (DPI, DPI))[0]
    return points / 72 * float(dpi)


def for_phone(fig, adjust) -> None:
    """Register ``adjust(fig)`` to run when the chart is redrawn for a phone (after the generic resizing,
    before the layout): a chart's own changes for a narrow image, such as fewer ticks or shorter labels."""
    fig._mrt_phone_adjust = [*getattr(fig, "_mrt_phone_adjust", []), adjust]


def labels_above_rows(ax, offset: float = 0.42, bar_height: float = 0.5) -> list:
    """Move the row labels of a horizontal chart (its y tick labels) above their rows, starting at the left edge
    of the plot, so that on a narrow figure the plot keeps the full width; horizontal bars are made ``bar_height``
    thick (about their centre) to leave the labels room. Returns the new texts."""
    for bar in ax.patches:
        if isinstance(bar, Rectangle) and bar.get_height() > bar_height:
            centre = bar.get_y() + bar.get_height() / 2
            bar.set_height(bar_height)
            bar.set_y(centre - bar_height / 2)
    ticks = list(ax.get_yticks())
    names = [label.get_text() for label in ax.get_yticklabels()]
    low, high = ax.get_ylim()
    up = -1 if low > high else 1  # which way "above" is in data units
    size = max(ax.yaxis.get_ticklabels()[0].get_fontsize() if names else PHONE_MIN_FONT_PT, PHONE_MIN_FONT_PT)
    texts = [ax.text(0, y + up * offset, " ".join(name.split()), transform=ax.get_yaxis_transform(), ha="left", va="bottom",
                     fontsize=size, color="#1a1a1a", zorder=5) for y, name in zip(ticks, names) if name]
    ax.tick_params(axis="y", labelleft=False, left=False)
    top = min(ticks) if up == -1 else max(ticks)
    if up == -1:
        ax.set_ylim(low, min(high, top - offset - 0.55))
    else:
        ax.set_ylim(low, max(high, top + offset + 0.55))
    return texts


def _thin_ticks(ax, axis: str, fresh: bool = False) -> bool:
    """Drop every other numeric tick of an axis while its labels overlap (labels from a fixed list or from
    categories are left alone: dropping ticks would shift them). ``fresh``: the figure's layout has been drawn as
    it stands, so the first look needs no new layout. Returns whether the layout is still as last drawn (no tick
    dropped since), for the next axis to reuse."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    if isinstance(target.get_major_formatter(), (FixedFormatter, StrCategoryFormatter)):
        return fresh
    for _ in range(3):
        if not fresh:
            layout_draw(ax.figure)
        fresh = True
        low, high = sorted(ax.get_xlim() if axis == "x" else ax.get_ylim())
        shown = [(t, label) for t, label in zip(target.get_majorticklocs(), target.get_ticklabels())
                 if low <= t <= high and label.get_text()]
        boxes = [label.get_window_extent() for _, label in shown]
        if axis == "x":
            crowded = any(a.x1 + 4 > b.x0 for a, b in zip(boxes, boxes[1:]))
        else:
            crowded = any(a.y1 + 2 > b.y0 for a, b in zip(boxes, boxes[1:]))
        if not crowded or len(shown) < 3:
            return True
        kept = [t for t, _ in shown][::2]
        (ax.set_xticks if axis == "x" else ax.set_yticks)(kept)
        (ax.set_xlim if axis == "x" else ax.set_ylim)(*(ax.get_xlim() if axis == "x" else ax.get_ylim()))
        fresh = False
    return False


@contextmanager
def _each_axes_measured_once(fig):
    """Within the block, each axes' tight bounding box is measured once and the measurement reused. matplotlib's
    tight layout with a ``rect`` makes two passes over the axes, measuring each at the same place twice (nothing moves
    between the passes: the first only works out the margins the second refines), and measuring is most of its cost.
    Only for a block in which nothing is moved or changed."""
    measured: dict[tuple, object] = {}
    own = {ax: ax.__dict__.get("get_tightbbox") for ax in fig.axes}  # a measuring function set on the axes itself, if any
    for ax in fig.axes:
        measure = ax.get_tightbbox

        def once(*args, _ax=ax, _measure=measure, **kwargs):
            key = (id(_ax), *map(id, args), *sorted(kwargs.items(), key=lambda item: item[0]))
            if key not in measured:
                measured[key] = _measure(*args, **kwargs)
            return measured[key]

        ax.get_tightbbox = once  # an attribute of this axes object alone, taken back below
    try:
        yield
    finally:
        for ax, measure in own.items():
            if measure is None:
                ax.__dict__.pop("get_tightbbox", None)
            else:
                ax.get_tightbbox = measure


def tight_layout(fig, rect: tuple[float, float, float, float]) -> None:
    """``fig.tight_layout(rect=rect)``, with each axes measured once instead of twice: the same layout, at about
    half the cost."""
    with _each_axes_measured_once(fig):
        fig.tight_layout(rect=rect)


def _layout(fig) -> None:
    """Lay the chart out above its source line (however many lines it wraps to)."""
    source = getattr(fig, "_mrt_source", None)
    bottom = 0.05
    if source is not None:  # a text at a fixed place in the figure: measured on its own, the rest need not be laid out
        bottom = max(bottom, source.get_window_extent(fig.canvas.get_renderer()).y1 / fig.bbox.height + 0.015)
    tight_layout(fig, (0, bottom, 1, 1))


def redraw_for_phone(fig) -> None:
    """The figure, redrawn in place for a phone: :data:`PHONE_WIDTH_IN` wide (the height kept, at least three
    quarters of the width), every text at least :data:`PHONE_MIN_FONT_PT`, titles and long labels wrapped to the
    figure, crowded numeric ticks thinned, then each adjustment registered with :func:`for_phone`."""
    width, height = fig.get_size_inches()
    fig.set_size_inches(PHONE_WIDTH_IN, max(height, 0.75 * PHONE_WIDTH_IN))
    for ax in fig.axes:
        for axis in ("x", "y"):
            size = (ax.xaxis if axis == "x" else ax.yaxis).get_ticklabels()
            current = size[0].get_fontsize() if size else PHONE_MIN_FONT_PT
            ax.tick_params(axis=axis, labelsize=max(current, PHONE_MIN_FONT_PT))
    for text in fig.findobj(Text):
        text.set_fontsize(max(text.get_fontsize(), PHONE_MIN_FONT_PT))
    titles = [getattr(fig, "_suptitle", None), getattr(fig, "_mrt_source", None)]
    for ax in fig.axes:
        titles += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label]
    for text in titles:
        if text is not None and text.get_text():
            text.set_text(" ".join(text.get_text().split()))  # wrapped again to the narrower figure
            text.set_wrap(True)
    for adjust in getattr(fig, "_mrt_phone_adjust", []):
        adjust(fig)

    with warnings.catch_warnings():
        # a chart with no adjustments of its own may not fit a narrow figure ("Tight layout not applied"): the rendition is
        # still drawn, with its text at 12 pt; the warning would land in the notebook's output, not with the chart's owner
        warnings.filterwarnings("ignore", message="Tight layout not applied", category=UserWarning)
        _layout(fig)
        fresh = False  # one layout drawn serves every axis's look at its ticks until a tick is dropped
        for ax in fig.axes:
            for axis in ("x", "y"):
                fresh = _thin_ticks(ax, axis, fresh)
        _layout(fig)


class ChartError(ValueError):
    """A chart saved without what every chart needs (alt text, a source line)."""


def save_chart(fig, name: str, data: pd.DataFrame, source: str, alt: str):
    """Save ``fig`` as charts/<name>.png, redrawn for a phone as charts/phone/<name>.png, and ``data``
    (the numbers plotted) as charts/<name>.csv; return the full-size image to display in the notebook,
    carrying ``alt``.

    ``alt`` states the chart's finding in a sentence built from the computed values
    (not "a chart of ..."); it is stored in both PNGs and on the notebook output, where
    the site's ``<img alt>`` (and the caption under the chart) reads it.
    """
    from IPython.display import Image  # deferred: IPython's display exists only inside a kernel

    if not alt or len(alt.strip()) < 20:
        raise ChartError(f"chart {name!r}: alt text must state the chart's finding in a sentence, got {alt!r}")
    if not source.strip():
        raise ChartError(f"chart {name!r}: every chart needs a source line")
    add_source(fig, source)
    tight_layout(fig, (0, 0.05, 1, 1))
    data_png = png_bytes(fig, alt)
    redraw_for_phone(fig)
    phone_png, smallest = rendered_png(fig, alt, dpi=PHONE_DPI)
    plt.close(fig)
    if smallest < PHONE_MIN_FONT_PT:
        raise ChartError(f"chart {name!r}: the phone rendition draws text at {smallest:g} pt, under {PHONE_MIN_FONT_PT:g} pt")
    write_csv(data.reset_index(drop=True), paths.charts_dir() / f"{name}.csv")
    write_bytes(phone_png, phone_path(paths.charts_dir() / f"{name}.png"))
    write_bytes(data_png, paths.charts_dir() / f"{name}.png")
    return Image(data=data_png, format="png", metadata={"alt": alt})


# Helpers for the conventions every chart follows --------------------------------------------------

def year_axis(ax, axis: str = "x") -> None:
    """Whole-number year ticks (never 2012.5)."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(MaxNLocator(integer=True))
    target.set_major_formatter(StrMethodFormatter("{x:.0f}"))


def shade(ax, start: float, end: float, label: str = "", alpha: float = 0.15):
    """A shaded span drawn behind the data (zorder 0), labelled in dark text at the top; returns the label (or None)."""
    ax.axvspan(start, end, color=PALETTE["grey"], alpha=alpha, lw=0, zorder=0)
    if label:
        return ax.text((start + end) / 2, 0.98, label, transform=ax.get_xaxis_transform(), ha="center", va="top",
                       fontsize=8, color="#333333", zorder=1)
    return None


def spread_labels(ax, labels, gap_fraction: float = 0.08) -> None:
    """Push annotations (line-end labels) apart vertically to at least ``gap_fraction`` of the y range, keeping their
    order from the bottom up (for the larger text of the phone rendition)."""
    low, high = ax.get_ylim()
    previous = None
    for label in sorted(labels, key=lambda t: t.xyann[1]):
        y = label.xyann[1] if previous is None else max(label.xyann[1], previous + gap_fraction * (high - low))
        label.xyann = (label.xyann[0], y)
        previous = y


def span_labels_for_phone(labels) -> None:
    """Span labels cut to what comes before their first colon (the occupation code) and turned upright, so that
    narrow spans side by side keep their labels apart on a phone."""
    for label in labels:
        if label is not None:
            label.set_text(label.get_text().split(":")[0].strip())
            label.set_rotation(90)
            label.set_ha("center")


def break_lines(frame: pd.DataFrame, by: str) -> list[pd.DataFrame]:
    """Split one series into runs of equal ``by`` (for example the comparability of the occupation code),
    so that a line is never drawn across a break: plot each run on its own."""
    runs = (frame[by] != frame[by].shift()).cumsum()
    return [group for _, group in frame.groupby(runs, sort=False)]


def label_line_ends(ax, labels: list[tuple[float, float, str, str]], min_gap: float | None = None) -> list[float]:
    """Direct labels at the right end of lines: (x, y, text, colour) each, nudged apart vertically
    so that they never overlap (``min_gap`` in data units; default 5% of the y range). Returns the
    label heights used (for the tests)."""
    if not labels:
        return []
    low, high = ax.get_ylim()
    gap = min_gap if min_gap is not None else 0.05 * (high - low)
    placed: list[float] = []
    for x, y, text, colour in sorted(labels, key=lambda item: item[1]):
        y_text = max([y] + [p + gap for p in placed[-1:]])
        placed.append(y_text)
        ax.annotate(text, xy=(x, y), xytext=(x, y_text), textcoords="data", ha="left", va="center", fontsize=8.5,
                    color=colour, annotation_clip=False,
                    bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8})
    return placed


def line_chart(data: pd.DataFrame, x: str, y: str, hue: str, title: str, ylabel: str,
               spans: list[tuple[float, float, str]] = (), style: str | None = None):
    """Lines by ``hue`` (and dashes by ``style``), with shaded spans for periods to read with care."""
    fig, ax = new_figure()
    dashes = {k: ls for k, ls in zip(dict.fromkeys(data[style]), ["-", "--", ":", "-."])} if style else {}
    for i, (name, group) in enumerate(data.groupby(hue, sort=False)):
        line = dashes.get(group[style].iloc[0], "-") if style else "-"
        ax.plot(group[x], group[y], marker="o", ls=line, color=SERIES[i % len(SERIES)], label=name)
    for i, (start, end, label) in enumerate(spans):
        ax.axvspan(start, end, color=PALETTE["grey"], alpha=0.3 if i == 0 else 0.12, lw=0)
        ax.text((start + end) / 2, 0.98, label, transform=ax.get_xaxis_transform(), ha="center", va="top", fontsize=8, color="#444444")
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("")
    ax.legend(title=None, loc="lower right")
    if y.endswith("usd"):
        dollar_axis(ax, "y")
    return fig, ax


def barh_chart(data: pd.DataFrame, label: str, value: str, title: str, xlabel: str,
               reference: float | None = None, reference_label: str = "", colour_by: str | None = None):
    """Horizontal bars, largest at the top, with an optional reference line."""
    ordered = data.sort_values(value)
    fig, ax = new_figure(8, 0.35 * len(ordered) + 1.6)
    colours = SERIES[0] if colour_by is None else ordered[colour_by].map(
        {k: SERIES[i] for i, k in enumerate(dict.fromkeys(data[colour_by]))})
    ax.barh(ordered[label], ordered[value], color=colours)
    if reference is not None:
        ax.axvline(reference, color=PALETTE["black"], lw=1, ls="--")
        ax.text(reference, len(ordered) - 0.4, " " + reference_label, fontsize=8, va="bottom")
    if colour_by is not None:
        keys = list(dict.fromkeys(data[colour_by]))
        ax.legend([Patch(color=SERIES[i]) for i in range(len(keys))], keys, loc="lower right")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    return fig, ax


def winner_grid(winners: pd.DataFrame, rows: list[str], labels: dict[str, str], title: str, winner_column: str = "best_route"):
    """A grid of coloured cells: one row per assumption, one column per value, each cell naming the winner.

    ``winners`` has columns assumption, value, position (0, 1, 2 ...) and ``winner_column``."""
    keys = list(labels)
    columns = int(winners["position"].max()) + 1
    fig, ax = new_figure(9, 0.75 * len(rows) + 1)
    for row in winners.itertuples(index=False):
        y = rows.index(row.assumption)
        winner = getattr(row, winner_column)
        ax.add_patch(Rectangle((row.position - 0.48, y - 0.45), 0.96, 0.9, color=SERIES[keys.index(winner)], alpha=0.9))
        ax.text(row.position, y, f"{row.value:g}: {labels[winner]}", ha="center", va="center", fontsize=8, color="white", weight="bold")
    ax.set_xlim(-0.5, columns - 0.5)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.set_yticks(range(len(rows)), [r.replace("_", " ") for r in rows])
    ax.set_xticks(range(columns), ["low", "default", "high"][:columns] if columns == 3 else range(columns))
    ax.grid(False)
    ax.set_title(title)
    return fig, ax
