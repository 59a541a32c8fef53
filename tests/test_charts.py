"""Every chart: a PNG with a title and no time stamp, beside a CSV of the numbers it plots, and a rendition drawn for a
phone (600 px wide, no text under 12 pt); the chart fixes of issue 20 that the chart modules own."""

import pandas as pd
import pytest
from PIL import Image

from conftest import COMMITTED_PROCESSED
from mrt import charts

@pytest.fixture(autouse=True)
def close_figures():
    yield
    charts.plt.close("all")


CHARTS = sorted((COMMITTED_PROCESSED / "charts").glob("*.png"))  # the full-size charts (phone renditions are in charts/phone/)


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


# The phone rendition ----------------------------------------------------------------------------------

@pytest.mark.parametrize("png", CHARTS, ids=lambda p: p.stem)
def test_every_chart_has_a_phone_rendition_with_its_alt_text_and_legible_text(png):
    phone = charts.phone_path(png)
    with Image.open(phone) as image:
        assert image.width == round(charts.PHONE_WIDTH_IN * charts.PHONE_DPI) == 600
        assert image.text["Description"] == charts.chart_alt(png)
        assert float(image.text[charts.SMALLEST_FONT_KEY].split()[0]) >= charts.PHONE_MIN_FONT_PT
    # 12 pt at 120 dpi is 20 px of the image; shown 358 CSS px wide (a 390-px phone) that is 11.9 CSS px
    assert charts.chart_smallest_font_px(phone) * 358 / 600 >= 11


def draw_small_text():
    fig, ax = charts.new_figure()
    ax.plot([2010, 2011, 2012], [30000, 40000, 50000])
    ax.text(2011, 45000, "an annotation at 7 pt", fontsize=7)
    ax.set_title("A long title that a phone has to wrap onto a second line to keep it inside the figure")
    charts.dollar_axis(ax)
    return fig, ax


def test_smallest_font_counts_only_text_that_is_drawn():
    fig, ax = draw_small_text()
    assert charts.smallest_font(fig) == 7
    ax.texts[0].set_visible(False)
    assert charts.smallest_font(fig) == 10  # the tick labels (rcParams' "medium")
    ax.texts[0].set_visible(True)
    ax.texts[0].set_position((1990, 45000))  # outside the figure: not drawn
    assert charts.smallest_font(fig) == 10


def test_save_chart_writes_a_phone_rendition_with_every_text_at_least_12_pt(tmp_path, monkeypatch):
    monkeypatch.setenv("MRT_PROCESSED_DIR", str(tmp_path))
    fig, ax = draw_small_text()
    charts.save_chart(fig, "x", pd.DataFrame({"a": [1]}), "Source: test", alt="A sentence that states what the chart shows.")
    with Image.open(tmp_path / "charts" / "x.png") as full, Image.open(tmp_path / "charts" / "phone" / "x.png") as phone:
        assert full.size == (800, 450) and full.text[charts.SMALLEST_FONT_KEY] == "7 pt"
        assert phone.width == 600 and phone.text[charts.SMALLEST_FONT_KEY] == "12 pt"
        assert phone.text["Title"] == full.text["Title"] == ax.get_title()
        assert "Software" not in phone.text and "Creation Time" not in phone.text


def test_phone_rendition_bytes_are_deterministic(tmp_path, monkeypatch):
    monkeypatch.setenv("MRT_PROCESSED_DIR", str(tmp_path))
    saved = []
    for _ in range(2):
        fig, _ = draw_small_text()
        charts.save_chart(fig, "x", pd.DataFrame({"a": [1]}), "Source: test", alt="A sentence that states what the chart shows.")
        saved.append((tmp_path / "charts" / "phone" / "x.png").read_bytes())
    assert saved[0] == saved[1]


def test_redraw_for_phone_wraps_titles_thins_crowded_ticks_and_runs_the_charts_own_adjustment():
    fig, ax = charts.new_figure()
    ax.plot(range(2000, 2025), range(25))
    ax.set_xticks(range(2000, 2025))
    ax.set_title("A title\nin two lines")
    seen = []
    charts.for_phone(fig, lambda f: seen.append(f.get_size_inches()[0]))
    charts.redraw_for_phone(fig)
    assert seen == [charts.PHONE_WIDTH_IN]
    assert ax.get_title() == "A title in two lines" and ax.title.get_wrap()
    fig.canvas.draw()
    shown = [label.get_window_extent() for t, label in zip(ax.get_xticks(), ax.get_xticklabels()) if 2000 <= t <= 2024]
    assert 3 <= len(shown) < 25 and all(a.x1 < b.x0 for a, b in zip(shown, shown[1:])), "tick labels apart"
    assert charts.smallest_font(fig) >= charts.PHONE_MIN_FONT_PT


def test_labels_above_rows_moves_the_row_names_into_the_plot():
    fig, ax = charts.new_figure()
    ax.barh([0, 1, 2], [3, 2, 1])
    ax.set_yticks([0, 1, 2], ["first row", "second row", "third row"])
    texts = charts.labels_above_rows(ax)
    assert [t.get_text() for t in texts] == ["first row", "second row", "third row"]
    assert [t.get_position()[1] for t in texts] == pytest.approx([0.42, 1.42, 2.42])  # above each row (y grows upwards)
    assert ax.get_ylim()[1] >= 2.42 + 0.5
    assert not ax.yaxis.get_tick_params()["labelleft"]


def test_a_phone_rendition_under_12_pt_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("MRT_PROCESSED_DIR", str(tmp_path))
    fig, ax = draw_small_text()
    charts.for_phone(fig, lambda f: f.axes[0].texts[0].set_fontsize(11.5))
    with pytest.raises(charts.ChartError, match="11.5 pt"):
        charts.save_chart(fig, "x", pd.DataFrame({"a": [1]}), "Source: test", alt="A sentence that states what the chart shows.")
    assert not (tmp_path / "charts" / "x.png").exists()


# Chart fixes -----------------------------------------------------------------------------------------

def committed_vintages():
    from mrt import schema

    return schema.read_processed("projection_vintages.csv")


def test_growth_chart_all_occupations_label_stays_clear_of_the_axis_ticks():
    from mrt.charts import projections

    fig, _ = projections.growth_by_vintage(committed_vintages(), "medical records technicians", {"no": "a", "partly": "b"})
    top = fig.axes[0]
    fig.canvas.draw()
    label = next(t for t in top.texts if t.get_text() == "all occupations")
    box = label.get_window_extent()
    assert box.x0 >= top.get_window_extent().x0, "the label starts inside the plot"
    ticks = [t.get_window_extent() for t in top.get_yticklabels() if t.get_text()]
    assert not any(box.overlaps(t) for t in ticks)


def test_outcome_chart_ends_at_the_last_year_measured_without_a_wide_shaded_span():
    from mrt import growth
    from mrt.charts import projections

    vintages = committed_vintages()
    employment = schema_table("bls_employment.csv")
    pairs = growth.outcome_pairs(vintages, employment)
    like = pairs[pairs["like_for_like"]]
    fig, _ = projections.outcome_paths(vintages, like, "medical records technicians", "after 2018:\nno like-for-like\nmeasure")
    ax = fig.axes[0]
    last = int(like["year"].max())
    assert ax.get_xlim()[1] == last + 0.5
    assert not ax.patches, "no shaded span"
    assert any(t.get_text().strip() == f"after {last}: no like-for-like measure" for t in ax.texts)


def schema_table(name):
    from mrt import schema

    return schema.read_processed(name)


def verdict_plot():
    from mrt import factcheck
    from mrt.charts import factcheck as verdict_chart

    words = {v: v.replace("_", " ") for v in factcheck.VERDICTS}
    counts = {"matches_record": 3, "partly_supported": 1, "overstated": 2, "not_checkable": 4}
    return verdict_chart.verdict_table(counts, words, factcheck.VERDICT_GROUPS)


def test_verdict_colour_words_sit_beside_the_colours_drawn():
    from matplotlib.colors import to_hex

    from mrt.charts import factcheck as verdict_chart

    assert set(verdict_chart.GROUP_COLOUR_WORDS) == set(verdict_chart.GROUP_COLOURS)
    key = verdict_chart.colour_key({"agrees": "agrees", "partly": "partly supported", "disagrees": "does not hold"})
    assert key == "Blue: agrees; orange: partly supported; red: does not hold"
    plot = verdict_plot()
    fig, ax = verdict_chart.verdict_bars(plot, "t", key + "; grey: cannot be checked")
    drawn = [to_hex(p.get_facecolor()) for p in sorted(ax.patches, key=lambda p: -p.get_y())]
    assert drawn == [verdict_chart.GROUP_COLOURS[g].lower() for g in plot["group"]]


@pytest.mark.parametrize("subtitle", ["Blue: agrees; green: partly supported", "Vermillion: does not hold", "purple, below the line: unknown"])
def test_a_subtitle_naming_a_colour_not_drawn_is_refused(subtitle):
    from mrt.charts import factcheck as verdict_chart

    with pytest.raises(verdict_chart.ColourKeyError, match="draws only"):
        verdict_chart.verdict_bars(verdict_plot(), "t", subtitle)


def test_a_subtitle_naming_only_drawn_colours_or_none_is_accepted():
    from mrt.charts import factcheck as verdict_chart

    for subtitle in ("Blue: agrees; orange: partly; red: does not; grey, below the line: cannot", "No colours named here."):
        verdict_chart.verdict_bars(verdict_plot(), "t", subtitle)
