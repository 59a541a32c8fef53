"""Every chart: a PNG with a title and no time stamp, beside a CSV of the numbers it plots."""

import pandas as pd
import pytest
from PIL import Image

from conftest import COMMITTED_PROCESSED
from mrt import charts

CHARTS = sorted((COMMITTED_PROCESSED / "charts").glob("*.png"))


def test_there_are_charts():
    assert len(CHARTS) >= 8


@pytest.mark.parametrize("png", CHARTS, ids=lambda p: p.stem)
def test_chart_has_title_csv_and_no_stamp(png):
    with Image.open(png) as image:
        assert image.text.get("Title"), "every chart carries its title"
        assert "Software" not in image.text and "Creation Time" not in image.text
    data = pd.read_csv(png.with_suffix(".csv"))
    assert len(data) > 0 and len(data.columns) >= 2


def test_png_bytes_are_deterministic():
    def draw():
        fig, ax = charts.new_figure()
        ax.plot([1, 2, 3], [3, 1, 2])
        ax.set_title("same chart")
        return charts.png_bytes(fig)

    assert draw() == draw()


@pytest.mark.parametrize("png", CHARTS, ids=lambda p: p.stem)
def test_chart_carries_alt_text(png):
    assert len(charts.chart_alt(png)) >= 20


def test_a_chart_without_alt_text_or_source_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("MRT_PROCESSED_DIR", str(tmp_path))
    fig, ax = charts.new_figure()
    ax.plot([1, 2], [1, 2])
    with pytest.raises(charts.ChartError, match="alt text"):
        charts.save_chart(fig, "x", pd.DataFrame({"a": [1]}), "Source: test", alt="")
    with pytest.raises(charts.ChartError, match="source line"):
        charts.save_chart(fig, "x", pd.DataFrame({"a": [1]}), " ", alt="A sentence that states what the chart shows.")
    assert not (tmp_path / "charts" / "x.png").exists()


def test_break_lines_splits_at_every_change():
    frame = pd.DataFrame({"year": range(2015, 2023), "code": ["yes"] * 4 + ["no"] * 2 + ["partly"] * 2})
    runs = charts.break_lines(frame, "code")
    assert [r["year"].tolist() for r in runs] == [[2015, 2016, 2017, 2018], [2019, 2020], [2021, 2022]]


def test_direct_labels_never_overlap():
    fig, ax = charts.new_figure()
    ax.set_ylim(0, 100)
    heights = charts.label_line_ends(ax, [(1, 50, "a", "black"), (1, 51, "b", "black"), (1, 90, "c", "black")])
    assert heights == [50, 55, 90]


def test_year_ticks_are_whole_numbers():
    fig, ax = charts.new_figure()
    ax.plot([2012, 2013, 2014], [1, 2, 3])
    charts.year_axis(ax)
    fig.canvas.draw()
    assert all(float(t.get_text()).is_integer() for t in ax.get_xticklabels() if t.get_text())
