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


def savefig_png(fig, alt, dpi):
    """What matplotlib's own savefig writes, with the metadata measured by a separate layout draw (the old way)."""
    import io

    smallest = charts.smallest_font(fig)
    title = fig.axes[0].get_title()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None, "Title": " ".join(title.split()), "Description": alt,
                                                          charts.SMALLEST_FONT_KEY: f"{smallest:g} pt"})
    return buffer.getvalue(), smallest


@pytest.mark.parametrize("dpi", [charts.DPI, charts.PHONE_DPI])
def test_one_drawing_gives_the_bytes_savefig_writes_and_the_smallest_font_a_layout_draw_measures(dpi):
    ours, theirs = figure(), figure()
    png, smallest = charts.rendered_png(ours, "Growth rose, then fell back to 13.5%", dpi=dpi)
    assert (png, smallest) == savefig_png(theirs, "Growth rose, then fell back to 13.5%", dpi)
    assert smallest == 7 and ours.dpi == charts.DPI  # the label at 7 pt; the figure's own resolution is given back
    for fig in (ours, theirs):
        charts.redraw_for_phone(fig)
    assert charts.rendered_png(ours, "alt text of the chart", dpi=dpi) == savefig_png(theirs, "alt text of the chart", dpi)


def two_panels():
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 5))
    top.plot(range(10), [x * 1000 for x in range(10)])
    top.set_title("First panel, with a title long enough to take room")
    bottom.barh(["a row", "another row with a long name"], [3, 5])
    bottom.set_xlabel("Dollars")
    return fig


def test_measuring_each_axes_once_gives_the_layout_matplotlib_gives():
    ours, theirs = two_panels(), two_panels()
    charts.tight_layout(ours, (0, 0.05, 1, 1))
    theirs.tight_layout(rect=(0, 0.05, 1, 1))
    assert [ax.get_position().bounds for ax in ours.axes] == [ax.get_position().bounds for ax in theirs.axes]
    assert all("get_tightbbox" not in ax.__dict__ for ax in ours.axes)  # nothing left behind on the axes


def test_the_layout_is_measured_once_per_axes_not_twice(monkeypatch):
    fig = two_panels()
    calls = []
    for ax in fig.axes:
        measure = ax.get_tightbbox
        monkeypatch.setattr(ax, "get_tightbbox", lambda *a, _m=measure, _ax=ax, **k: calls.append(_ax) or _m(*a, **k))
    charts.tight_layout(fig, (0, 0.05, 1, 1))
    assert sorted(map(id, calls)) == sorted(map(id, fig.axes))  # matplotlib alone asks each axes twice with a rect


def test_uncrowded_ticks_of_every_axis_are_looked_at_on_one_layout(monkeypatch):
    fig = two_panels()
    fig.set_size_inches(charts.PHONE_WIDTH_IN, 5)
    draws = []
    real = charts.layout_draw
    monkeypatch.setattr(charts, "layout_draw", lambda f: draws.append(1) or real(f))
    fresh = False
    for ax in fig.axes:
        for axis in ("x", "y"):
            fresh = charts._thin_ticks(ax, axis, fresh)
    assert fresh and len(draws) == 1


def test_crowded_ticks_are_thinned_and_each_thinning_is_looked_at_on_a_new_layout(monkeypatch):
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot(range(0, 1_000_001, 100_000), range(11))
    ax.set_xticks(range(0, 1_000_001, 100_000))
    ax.xaxis.set_major_formatter(charts.StrMethodFormatter("${x:,.0f}"))
    charts.layout_draw(fig)
    draws, thinned = [], []
    real, set_ticks = charts.layout_draw, ax.set_xticks
    monkeypatch.setattr(charts, "layout_draw", lambda f: draws.append(1) or real(f))
    monkeypatch.setattr(ax, "set_xticks", lambda ticks: thinned.append(len(ticks)) or set_ticks(ticks))
    still_fresh = charts._thin_ticks(ax, "x", fresh=True)  # the first look uses the layout just drawn
    assert thinned[0] == 6 and list(ax.get_xticks()) == list(range(0, 1_000_001, 100_000))[::2][::2 ** (len(thinned) - 1)]
    # after each thinning the ticks are looked at again on a new layout, three looks at most
    assert (still_fresh, len(draws)) == ((True, len(thinned)) if len(thinned) < 3 else (False, 2))
