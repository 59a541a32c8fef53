"""A layout-only draw (nothing rasterised) places every text where a full draw does, so the measurements the charts
take from it, and the PNGs saved after it, are the same."""

import matplotlib.pyplot as plt
import pytest

from mrt import charts


def figure():
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([2012, 2016, 2020], [10.5, 22.0, 13.5], marker="o")
    ax.set_title("A long title that wraps when the figure is narrow enough for it to need wrapping", wrap=True)
    ax.set_xlabel("Year")
    ax.set_ylabel("Growth, %")
    ax.text(2016, 20, "a label", fontsize=7)
    charts.add_source(fig, "Source: a synthetic table, made up for this test, long enough to wrap on a narrow figure")
    return fig


def extents(fig):
    return [(t.get_text(), tuple(round(v, 9) for v in t.get_window_extent().bounds)) for t in charts.drawn_texts(fig)]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_a_layout_draw_measures_what_a_full_draw_measures():
    full, layout = figure(), figure()
    for fig in (full, layout):
        fig.set_size_inches(5, 4)
    full.canvas.draw()
    charts.layout_draw(layout)
    measured = []
    for fig in (full, layout):
        measured.append([(t.get_text(), tuple(round(v, 9) for v in t.get_window_extent().bounds)) for t in fig.findobj(
            lambda a: hasattr(a, "get_text") and a.get_visible() and a.get_text())])
    assert measured[0] == measured[1] and len(measured[0]) > 5


def test_the_saved_charts_are_the_same_bytes_after_a_layout_draw_as_after_a_full_draw():
    full, layout = figure(), figure()
    full.canvas.draw()
    charts.layout_draw(layout)
    assert charts.png_bytes(full, "Growth rose, then fell back to 13.5%") == charts.png_bytes(layout, "Growth rose, then fell back to 13.5%")
    for fig in (full, layout):
        charts.redraw_for_phone(fig)
    assert extents(full) == extents(layout)
    assert (charts.png_bytes(full, "alt text of the chart", dpi=charts.PHONE_DPI)
            == charts.png_bytes(layout, "alt text of the chart", dpi=charts.PHONE_DPI))


def test_a_closed_figure_is_drawn_as_before():
    fig = figure()
    plt.close(fig)
    charts.layout_draw(fig)  # no renderer of its own: the canvas is asked to draw, as fig.canvas.draw() did
    assert charts.smallest_font(fig) > 0
