"""The education charts' phone renditions (600 px wide, text of at least 12 pt): no piece of text overlaps another and
none is cut off at the edge of the figure, measured on the figure as save_chart draws it for a phone (at its
resolution), for crowded synthetic inputs and for the committed results."""

import pandas as pd
import pytest
from matplotlib.text import Text
from PIL import Image

from conftest import COMMITTED_PROCESSED
from mrt import charts
from mrt.charts import education as education_charts
from mrt.education import ADVANCEMENT, ASSOCIATE, CERTIFICATE, HS, RANK_SHARE
from test_education_charts import BREAK_EVEN, CROWDED, LABELS, synthetic

TOLERANCE_PX = 0.5  # boxes are measured in fractions of a pixel: less than this is not an overlap
SOURCE = "Source: model in src/mrt/education/; one assumption at a time from its low to its high value (education_break_even.csv)"
RANKING_LABELS = {"all routes": "all routes", "routes that stay in the job": "routes that stay in the job"}


# What the phone shows ------------------------------------------------------------------------------------------------

def drawn_texts(fig) -> list[Text]:
    """Every text the figure draws at the phone's resolution: visible and not empty; of the tick labels only those of
    ticks inside the axis's limits (matplotlib draws no others, and leaves them where they were)."""
    fig.set_dpi(charts.PHONE_DPI)
    fig.canvas.draw()
    ticks, shown = set(), []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            margin = 1e-9 * (high - low)
            for get, locations in ((axis.get_major_ticks, axis.get_majorticklocs()), (axis.get_minor_ticks, axis.get_minorticklocs())):
                ticks.update(label for tick in get() for label in (tick.label1, tick.label2))
                shown += [label for tick, at in zip(get(len(locations)), locations) if low - margin <= at <= high + margin
                          for label in (tick.label1, tick.label2) if label.get_visible() and label.get_text().strip()]
    return shown + [t for t in fig.findobj(Text) if t not in ticks and t.get_visible() and t.get_text().strip()]


def overlapping(fig) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes overlap by more than TOLERANCE_PX in both directions."""
    boxes = [(text.get_text(), text.get_window_extent()) for text in drawn_texts(fig)]
    pairs = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            across = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            up = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            if across > TOLERANCE_PX and up > TOLERANCE_PX:
                pairs.append((a, b))
    return pairs


def cut_off(fig) -> list[str]:
    """Drawn texts that reach past an edge of the figure by more than TOLERANCE_PX."""
    drawn = drawn_texts(fig)
    width, height = fig.bbox.width, fig.bbox.height
    return [text.get_text() for text in drawn for box in [text.get_window_extent()]
            if box.x0 < -TOLERANCE_PX or box.y0 < -TOLERANCE_PX or box.x1 > width + TOLERANCE_PX or box.y1 > height + TOLERANCE_PX]


def phone(fig, data, tmp_path, monkeypatch, name="chart"):
    """The figure after save_chart has written it (its phone rendition is what the figure holds last); checks the PNG."""
    monkeypatch.setenv("MRT_PROCESSED_DIR", str(tmp_path))
    charts.save_chart(fig, name, data, SOURCE, alt="A sentence long enough to state the chart's finding.")
    with Image.open(tmp_path / "charts" / charts.PHONE_DIR / f"{name}.png") as image:
        assert image.width == round(charts.PHONE_WIDTH_IN * charts.PHONE_DPI)
        assert image.height == round(fig.get_size_inches()[1] * charts.PHONE_DPI)
    assert charts.smallest_font(fig) >= charts.PHONE_MIN_FONT_PT
    return fig


# The checks themselves, on figures drawn to be right or wrong ----------------------------------------------------------

def figure_with(*placed):
    """A phone-sized figure with texts at (x, y) in figure pixels at the phone's resolution, left and bottom aligned."""
    import matplotlib.pyplot as plt
    from matplotlib.transforms import IdentityTransform

    fig = plt.figure(figsize=(charts.PHONE_WIDTH_IN, 3), dpi=charts.PHONE_DPI)
    for x, y, text in placed:
        fig.text(x, y, text, transform=IdentityTransform(), fontsize=12, ha="left", va="bottom")
    return fig


def test_the_checks_catch_an_overlap_and_a_cut_and_pass_texts_side_by_side():
    import matplotlib.pyplot as plt

    fig = figure_with((10, 10, "first"), (10, 60, "second"))
    apart = [t.get_window_extent() for t in fig.texts]
    assert not overlapping(fig) and not cut_off(fig)
    fig.texts[1].set_y(apart[0].y1 - 0.4)  # less than the tolerance into the first: touching, not overlapping
    assert not overlapping(fig)
    fig.texts[1].set_y(apart[0].y1 - 2)  # two pixels into the first
    assert overlapping(fig) == [("first", "second")]
    plt.close(fig)
    fig = figure_with((charts.PHONE_WIDTH_IN * charts.PHONE_DPI - 30, 10, "past the right edge"), (10, -5, "below"), (10, 100, "inside"))
    assert cut_off(fig) == ["past the right edge", "below"]
    plt.close(fig)


def test_tick_labels_outside_the_axis_limits_are_not_counted():
    fig, ax = charts.new_figure()
    ax.plot([0, 10], [0, 10])
    ax.set_xticks([-100, 0, 5, 10])  # -100 lies outside the limits: its label is not drawn
    ax.set_xlim(0, 10)
    shown = [t.get_text() for t in drawn_texts(fig) if t in ax.get_xticklabels()]
    assert sorted(shown) == ["0", "10", "5"]
    charts.plt.close(fig)


# The charts -------------------------------------------------------------------------------------------------------------

def crowded_cumulative():
    """Two routes ending $100 apart (their labels would fall on each other) and a long name for the route up."""
    yearly, results, band = synthetic()
    ends = {HS: 9000.0, CERTIFICATE: 15000.0, ASSOCIATE: 15100.0, ADVANCEMENT: 20000.0}
    yearly["cumulative_net_present_usd"] = yearly["year"] / 5 * yearly["route"].map(ends)
    results["net_present_value_usd"] = results["route"].map(ends)
    results.loc[results["route"] == ADVANCEMENT, "label"] = "Bachelor's degree in health information management, then manager"
    return yearly, results, band


def cumulative(inputs, **overrides):
    yearly, results, band = inputs
    options = {"occupation_name": "medical records technicians", "dollar_year": 2024, "discount_rate_pct": 3.0, "promotion_year": 3,
               "promotion_probability": 0.5, **overrides}
    return education_charts.cumulative_chart(yearly, results, band, **options)


def committed(name):
    return pd.read_csv(COMMITTED_PROCESSED / name)


def committed_cumulative():
    """The committed results as notebook 04 draws them."""
    params = dict(zip(committed("education_model_parameters.csv")["parameter"], committed("education_model_parameters.csv")["value"]))
    plotted = committed("charts/education_cumulative_earnings.csv")
    yearly = plotted[plotted["series"] == "expected"]
    band = plotted[plotted["series"] != "expected"].pivot(index="year", columns="series", values="cumulative_net_present_usd")
    band = band.rename(columns={"never promoted": "low", "promoted for sure": "high"}).reset_index()
    from mrt.education import first_promotion_year

    return cumulative((yearly, committed("education_model_results.csv"), band), discount_rate_pct=params["discount_rate_pct"],
                      promotion_year=first_promotion_year(params), promotion_probability=params["promotion_probability"])


def sensitivity(break_even, labels=LABELS):
    return education_charts.sensitivity_chart(break_even, labels, occupation_name="medical records technicians", dollar_year=2024,
                                              ranking_labels=RANKING_LABELS)


def committed_labels():
    results = committed("education_model_results.csv")
    return dict(zip(results["route"], results["label"]))


CLOSE_SHARES = pd.DataFrame({"ranking": ["all routes"] * 4 + ["routes that stay in the job"] * 3,
                             "route": [CERTIFICATE, ASSOCIATE, ADVANCEMENT, HS, CERTIFICATE, ASSOCIATE, HS],
                             "label": [LABELS[r] for r in (CERTIFICATE, ASSOCIATE, ADVANCEMENT, HS, CERTIFICATE, ASSOCIATE, HS)],
                             "assumption_sets": 1000, "sets_led": [790, 100, 60, 50, 330, 330, 340]})
CLOSE_SHARES["share_led"] = CLOSE_SHARES["sets_led"] / 1000  # a bar ending just short of the line needed, and three equal bars


def joint(shares):
    return education_charts.joint_chart(shares, occupation_name="medical records technicians", needed=RANK_SHARE,
                                        sets=int(shares["assumption_sets"].iloc[0]), ranking_labels=RANKING_LABELS)


CHARTS = {
    "cumulative, synthetic": lambda: cumulative(synthetic()),
    "cumulative, two routes ending together": lambda: cumulative(crowded_cumulative()),
    "cumulative, committed": committed_cumulative,
    "sensitivity, synthetic": lambda: sensitivity(BREAK_EVEN),
    "sensitivity, crowded": lambda: sensitivity(CROWDED),
    "sensitivity, committed": lambda: sensitivity(committed("education_break_even.csv"), committed_labels()),
    "joint, close shares": lambda: joint(CLOSE_SHARES),
    "joint, committed": lambda: joint(committed("education_joint_sensitivity.csv")),
}


@pytest.mark.parametrize("draw", CHARTS.values(), ids=CHARTS.keys())
def test_the_phone_rendition_has_no_overlapping_text_and_none_cut_off(draw, tmp_path, monkeypatch):
    fig = phone(*draw(), tmp_path, monkeypatch)
    assert overlapping(fig) == []
    assert cut_off(fig) == []
    charts.plt.close(fig)


def test_on_a_phone_the_cumulative_charts_line_labels_become_a_key_in_the_order_the_lines_end(tmp_path, monkeypatch):
    fig = phone(*cumulative(crowded_cumulative()), tmp_path, monkeypatch)
    ax = fig.axes[0]
    assert not any(t.get_visible() for t in ax.texts if t.get_text().startswith(("Certificate:", "if never promoted")))
    key = [" ".join(t.get_text().split()) for t in ax.get_legend().get_texts()]
    assert key[:4] == ["Bachelor's degree in health information management, then manager: $20,000", "Associate's degree: $15,100",
                       "Certificate: $15,000", "High school + training: $9,000"]
    assert key[4] == ("range of Bachelor's degree in health information management, then manager: $30,000 if promoted for sure "
                      "$2,500 if never promoted")
    assert ax.get_ylabel() == "" and "2024 dollars, discounted 3% a year" in ax.get_title(loc="left")
    charts.plt.close(fig)


def test_the_certificate_line_is_dashed_over_the_associates_degree_line():
    fig, _ = cumulative(synthetic())
    lines = {line.get_color(): line for line in fig.axes[0].get_lines() if len(line.get_xdata()) > 2}
    certificate, associate = lines[education_charts.COLOURS[CERTIFICATE]], lines[education_charts.COLOURS[ASSOCIATE]]
    assert certificate.get_linestyle() == "--" and associate.get_linestyle() == "-"
    assert certificate.get_zorder() > associate.get_zorder()
    charts.plt.close(fig)


def test_on_a_phone_the_sensitivity_charts_names_sit_above_their_bars_with_where_the_leader_changes(tmp_path, monkeypatch):
    fig = phone(*sensitivity(CROWDED), tmp_path, monkeypatch)
    top, bottom = fig.axes
    names = [t for t in top.texts if t.get_text().startswith("Chance of promotion")]
    assert [t.get_text() for t in names] == ["Chance of promotion\n(leader changes at 25%)"]
    row = round(names[0].get_position()[1] - education_charts.PHONE_NAME_OFFSET["sensitivity"])
    bar = next(p for p in top.patches if p.get_gid() == education_charts.BAR and p.get_y() < row < p.get_y() + p.get_height())
    assert names[0].get_window_extent().y0 > bar.get_window_extent().y1, "the name is above its bar"
    assert not top.yaxis.get_tick_params()["labelleft"]
    assert not any(t.get_visible() and "another route leads" in t.get_text() for t in top.texts)
    assert fig.axes[-1].get_xlabel().endswith("Shaded: another route leads.")
    default = next(t for t in top.texts if "default lead" in t.get_text())
    inside = top.get_window_extent()
    assert inside.x0 <= default.get_window_extent().x0 and default.get_window_extent().x1 <= inside.x1
    for ax in (top, bottom):  # the value labels are placed again at 12 pt: still inside the plot
        for label in (t for t in ax.texts if t.get_gid() == education_charts.END_LABEL):
            box = label.get_window_extent()
            assert ax.get_window_extent().x0 <= box.x0 and box.x1 <= ax.get_window_extent().x1, label.get_text()
    charts.plt.close(fig)
