"""The education charts: titles naming the occupation, whole-year ticks, direct labels with the margin,
the promotion marked, jargon-free labels, and exactly the plotted numbers returned for the CSV."""

import pandas as pd
import pytest

from mrt import charts
from mrt.charts import education as education_charts
from mrt.education import ADVANCEMENT, ASSOCIATE, CERTIFICATE, HS, MODEL_ROUTES

LABELS = {HS: "High school diploma, then training on the job", CERTIFICATE: "Postsecondary certificate", ASSOCIATE: "Associate's degree",
          ADVANCEMENT: "Degree, then boss"}


def synthetic():
    years = range(1, 6)
    yearly = pd.DataFrame([{"route": r, "year": y, "cumulative_net_present_usd": 1000.0 * y * (i + 1)}
                           for i, r in enumerate(MODEL_ROUTES) for y in years])
    results = pd.DataFrame({"route": list(MODEL_ROUTES), "label": [LABELS[r] for r in MODEL_ROUTES],
                            "net_present_value_usd": [5000.0, 10000.0, 15000.0, 20000.0], "rank_by_present_value": [4, 3, 2, 1],
                            "lead_over_next_usd": [None, 5000.0, 5000.0, 5000.0], "lead_over_next_pct": [None, 100.0, 50.0, 33.3]})
    band = pd.DataFrame({"year": list(years), "low": [500.0 * y for y in years], "high": [6000.0 * y for y in years]})
    return yearly, results, band


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


def test_cumulative_chart():
    yearly, results, band = synthetic()
    fig, plotted = education_charts.cumulative_chart(yearly, results, band, occupation_name="dental hygienists", dollar_year=2024,
                                                     discount_rate_pct=3.0, promotion_year=3, promotion_probability=0.5)
    assert fig._suptitle.get_text() == "Dental hygienists: what each route earns, modelled"
    ax = fig.axes[0]
    assert "2024 dollars, discounted 3% a year" in ax.get_ylabel() and ax.get_xlabel() == "years after leaving high school"
    shown = texts(fig)
    assert "Degree, then boss: $20,000" in shown and "Certificate: $10,000" in shown and "if never promoted" in shown
    assert "After 5 years:\nDegree, then boss\nleads Associate's degree\nby $5,000 (33.3%)" in shown
    assert "promotion possible\nfrom year 3\n(chance 50%)" in shown
    fig.canvas.draw()
    assert all(float(t.get_text()).is_integer() for t in ax.get_xticklabels() if t.get_text())
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_text()][0].startswith(("$", "-$"))
    assert len(plotted) == 4 * 5 + 2 * 5 and list(plotted.columns) == ["route", "series", "year", "cumulative_net_present_usd"]
    assert plotted[plotted["series"] == "promoted for sure"]["cumulative_net_present_usd"].tolist() == band["high"].tolist()


def test_cumulative_chart_png_carries_its_title():
    from io import BytesIO

    from PIL import Image

    yearly, results, band = synthetic()
    fig, _ = education_charts.cumulative_chart(yearly, results, band, occupation_name="dental hygienists", dollar_year=2024,
                                               discount_rate_pct=3.0, promotion_year=3, promotion_probability=0.5)
    with Image.open(BytesIO(charts.png_bytes(fig, "A sentence that states the finding."))) as image:
        assert image.text["Title"] == "Dental hygienists: what each route earns, modelled"


BREAK_EVEN = pd.DataFrame([
    # ranking, assumption, label, low, high, leader, lead at low, default, high, flips below, above, gap
    ("all routes", "promotion_probability", "Chance of promotion", 0.0, 1.0, ADVANCEMENT, -100.0, 50.0, 300.0, 0.25, None, None),
    ("all routes", "discount_rate_pct", "Discount rate", 0.0, 7.0, ADVANCEMENT, 80.0, 50.0, 20.0, None, None, None),
    ("all routes", "hs_start_percentile", "High school route: starting percentile", 5.0, 20.0, ADVANCEMENT, 50.0, 50.0, 50.0, None, None, None),
    ("routes that stay in the job", "associate_start_percentile", "Associate's degree: starting percentile", 25.0, 45.0, ASSOCIATE, -40.0, 10.0, 60.0, 32.8, None, 7.8),
    ("routes that stay in the job", "two_year_tuition_usd_per_year", "Two-year college tuition", 0.0, 13668.0, ASSOCIATE, 12.0, 10.0, 5.0, None, None, None),
], columns=["ranking", "assumption", "label", "low_value", "high_value", "leader", "lead_at_low_usd", "lead_at_default_usd", "lead_at_high_usd",
            "flips_below", "flips_above", "start_gap_at_flip"]).astype({"flips_below": "Float64", "flips_above": "Float64", "start_gap_at_flip": "Float64"})


def test_chart_rows_keep_every_flip_and_drop_what_does_not_move():
    rows = education_charts.chart_rows(BREAK_EVEN, "all routes", most=1)
    assert rows["assumption"].tolist() == ["promotion_probability"]  # the flip is kept even when it fills the quota
    rows = education_charts.chart_rows(BREAK_EVEN, "all routes", most=8)
    assert rows["assumption"].tolist() == ["discount_rate_pct", "promotion_probability"]  # widest at the top (last), the flat row dropped
    assert rows["flips"].tolist() == [False, True]


def test_sensitivity_chart_labels_in_words_with_the_break_even():
    fig, plotted = education_charts.sensitivity_chart(BREAK_EVEN, LABELS, occupation_name="dental hygienists", dollar_year=2024)
    assert fig._suptitle.get_text() == "Dental hygienists: which assumptions decide the best route (modelled)"
    top, bottom = fig.axes
    assert top.get_title(loc="left") == "All routes: lead of Degree, then boss over the next best"
    assert bottom.get_title(loc="left") == "Routes that stay in the job: lead of Associate's degree over the next best"
    ticks = [t.get_text() for t in bottom.get_yticklabels()]
    assert "Associate's degree: starting percentile\n(leader changes at 32.8th; gap 7.8 points)" in ticks
    assert "Two-year college tuition" in ticks and not any("_" in t for t in ticks)
    shown = texts(fig)
    assert "0%" in shown and "100%" in shown and "25th" in shown and "$13,668" in shown
    assert "2024 dollars" in bottom.get_xlabel()
    assert len(plotted) == 4 and "start_gap_at_flip" in plotted.columns


@pytest.mark.parametrize("name, value, text", [("associate_start_percentile", 32.76, "32.8th"), ("promotion_probability", 0.25, "25%"),
                                               ("horizon_years", 10, "10 years")])
def test_compact_values(name, value, text):
    assert education_charts.compact(name, value) == text


def laid_out(break_even):
    """The sensitivity chart as save_chart lays it out, drawn."""
    fig, _ = education_charts.sensitivity_chart(break_even, LABELS, occupation_name="dental hygienists", dollar_year=2024)
    fig.tight_layout(rect=education_charts.LAYOUT_RECT)
    fig.canvas.draw()
    return fig


# a row like the real chart's "Pay after promotion": its low end just right of zero, with a long label that would cross the
# zero line; and one whose bar starts at the default lead (the dashed line)
CROWDED = pd.concat([BREAK_EVEN, pd.DataFrame([
    ("all routes", "promoted_pay_usd_per_year", "Pay after promotion", 94633.5, 157722.5, ADVANCEMENT, 3.0, 50.0, 250.0, None, None, None),
    ("all routes", "study_work_share", "Part-time work while studying", 0.0, 0.5, ADVANCEMENT, 50.0, 50.0, 80.0, None, None, None),
], columns=BREAK_EVEN.columns)], ignore_index=True).astype({"flips_below": "Float64", "flips_above": "Float64", "start_gap_at_flip": "Float64"})


@pytest.mark.parametrize("break_even", [BREAK_EVEN, CROWDED], ids=["synthetic", "crowded"])
def test_value_labels_sit_beside_the_bars_off_the_reference_lines_and_inside_the_axes(break_even):
    from matplotlib.lines import Line2D

    fig = laid_out(break_even)
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        labels = [t for t in ax.texts if t.get_gid() == education_charts.END_LABEL]
        bars = [p.get_window_extent(renderer) for p in ax.patches if p.get_gid() == education_charts.BAR]
        lines = [ax.transData.transform((line.get_xdata()[0], 0))[0] for line in ax.get_lines() if isinstance(line, Line2D)]
        assert len(labels) == 2 * len(bars) and len(lines) == 2  # both ends of every bar; the zero and default lines
        inside = ax.get_window_extent(renderer)
        for label in labels:
            box = label.get_window_extent(renderer)
            assert not any(box.overlaps(bar) for bar in bars), label.get_text()
            assert not any(box.x0 <= x <= box.x1 for x in lines), label.get_text()
            assert inside.x0 <= box.x0 and box.x1 <= inside.x1, label.get_text()
    if break_even is CROWDED:
        assert "$94,634" in texts(fig) and "$157,722" in texts(fig)


def test_the_word_for_the_flip_colour_names_the_colour_drawn():
    import colorsys

    from matplotlib.colors import to_hex, to_rgb

    def hue(colour):
        return 360 * colorsys.rgb_to_hsv(*to_rgb(colour))[0]

    def distance(a, b):
        return min(abs(a - b), 360 - abs(a - b))

    basic = ("red", "orange", "yellow", "green", "blue", "purple", "pink")  # CSS colours of the plain words
    nearest = min(basic, key=lambda word: distance(hue(word), hue(education_charts.FLIP_COLOUR)))
    assert education_charts.FLIP_COLOUR_WORD == nearest
    fig = laid_out(BREAK_EVEN)
    flipped = {to_hex(p.get_facecolor()) for ax in fig.axes for p in ax.patches if p.get_gid() == education_charts.BAR}
    assert to_hex(education_charts.FLIP_COLOUR) in flipped
    caption = fig.axes[-1].get_xlabel()
    assert f"{education_charts.FLIP_COLOUR_WORD.capitalize()} bars cross zero" in caption
    words = set(caption.lower().replace(".", " ").replace(":", " ").split())
    assert words & set(basic) == {education_charts.FLIP_COLOUR_WORD}  # no other colour named


def test_joint_chart_shows_each_routes_share_and_the_share_needed():
    shares = pd.DataFrame({"ranking": ["all routes"] * 4 + ["routes that stay in the job"] * 3,
                           "route": [CERTIFICATE, ASSOCIATE, HS, ADVANCEMENT, CERTIFICATE, ASSOCIATE, HS],
                           "label": [LABELS[r] for r in (CERTIFICATE, ASSOCIATE, HS, ADVANCEMENT, CERTIFICATE, ASSOCIATE, HS)],
                           "assumption_sets": 200, "sets_led": [80, 60, 40, 20, 100, 70, 30]})
    shares["share_led"] = shares["sets_led"] / 200
    fig, plotted = education_charts.joint_chart(shares, occupation_name="dental hygienists", needed=0.8, sets=200,
                                                ranking_labels={"routes that stay in the job": "routes that stay hygienists"})
    assert fig._suptitle.get_text() == "Dental hygienists: how often each route pays best (modelled)"
    assert len(fig.axes) == 2
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["All routes: share of assumption sets in which each leads",
                                                             "Routes that stay hygienists: share of assumption sets in which each leads"]
    shown = texts(fig)
    assert "needed to rank first: 80% " in shown
    labels = [t.get_text() for t in fig.axes[0].texts if t.get_gid() == education_charts.END_LABEL]
    assert labels == ["10%", "20%", "30%", "40%"]  # bottom to top: the most frequent leader on top
    widths = sorted(round(p.get_width(), 6) for p in fig.axes[1].patches if p.get_gid() == education_charts.BAR)
    assert widths == [15.0, 35.0, 50.0]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][-1] == "Certificate"
    assert "percent of 200 assumption sets" in fig.axes[-1].get_xlabel()
    pd.testing.assert_frame_equal(plotted, shares)
