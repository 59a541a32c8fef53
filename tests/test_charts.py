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
