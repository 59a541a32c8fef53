"""Findings and tables for people: dollar signs never read as TeX, cells formatted for reading, missing shown as missing."""

import math

import pandas as pd
import pytest

from mrt import report


@pytest.mark.parametrize("text, expected", [
    ("pay $42,820", "pay \\$42,820"),
    ("already \\$5", "already \\$5"),
    ("code `between $12.41 and $31.06 an hour` stays", "code `between $12.41 and $31.06 an hour` stays"),
    ("double ``a `$` b`` stays", "double ``a `$` b`` stays"),
    ("```\nx = '$1'\n```\nthen $2", "```\nx = '$1'\n```\nthen \\$2"),
    ("two $1 and $2", "two \\$1 and \\$2"),
    ("", ""),
])
def test_dollars_are_escaped_in_prose_only(text, expected):
    assert report.escape_dollars(text) == expected


def test_unescaped_dollars_finds_prose_dollars_only():
    assert report.unescaped_dollars("a `$1` \\$2") == []
    assert len(report.unescaped_dollars("a `$1` $3")) == 1


@pytest.mark.parametrize("value, expected", [
    (42820, "$42,820"), (42820.5, "$42,820"), (42821.5, "$42,822"), (-1234.4, "-$1,234"), (-0.4, "$0"),
    (None, "not found"), (float("nan"), "not found"), (pd.NA, "not found"),
])
def test_money(value, expected):
    assert report.money(value) == expected


@pytest.mark.parametrize("value, to, expected", [(31384, 100, "$31,400"), (50869, 100, "$50,900"), (31349.99, 100, "$31,300"),
                                                 (-1260, 100, "-$1,300"), (40, 100, "$0"), (31384, 1000, "$31,000")])
def test_money_rounded_to_a_stated_precision(value, to, expected):
    assert report.money(value, to=to) == expected


def test_money_cents_and_percent_and_points():
    assert report.money(20.594, 2) == "$20.59"
    assert report.percent(13.48) == "13.5%"
    assert report.percent(13.48, 0) == "13%"
    assert report.percent(2.5, signed=True) == "+2.5%"
    assert report.points(-8.5) == "-8.5 points"
    assert report.ratio(1.8243) == "1.82×"
    assert report.number(186300) == "186,300"
    assert report.percent(math.nan, missing="none") == "none"


@pytest.mark.parametrize("value, expected", [(21, "21%"), (21.0, "21%"), (13.5, "13.5%"), (7.06, "7.1%"), (7.04, "7%"),
                                             (10.0, "10%"), (100, "100%"), (math.nan, "not found")])
def test_a_published_percent_gets_no_decimal_it_does_not_have(value, expected):
    assert report.percent_as_published(value) == expected


@pytest.mark.parametrize("value, expected", [("*Associate's degree* leads", "Associate's degree leads"), ("**14 of 15** agree", "14 of 15 agree"),
                                             ("2 * 3 and 4 * 5", "2 * 3 and 4 * 5"), ("no stars", "no stars"), (math.nan, "not found")])
def test_plain_drops_markdown_emphasis_only(value, expected):
    assert report.plain(value) == expected


def test_readable_labels_formats_and_missing():
    frame = pd.DataFrame({"pay": [42820.0, None], "share": [12.25, 40.0], "who": ["a", None]})
    shown = report.readable(frame, {"who": "Who", "pay": "Annual pay", "share": "Share"}, {"pay": "usd", "share": "pct"},
                            missing={"who": "nobody"})
    assert list(shown.columns) == ["Who", "Annual pay", "Share"]
    assert shown.iloc[1].tolist() == ["nobody", "not found", "40.0%"]
    with pytest.raises(KeyError, match="not in the table"):
        report.readable(frame, {"nope": "x"})
    with pytest.raises(KeyError, match="unknown format"):
        report.readable(frame, {"pay": "x"}, {"pay": "dollars"})


def test_table_html_is_deterministic_and_labelled():
    frame = pd.DataFrame({"pay": [42820.0, None]})
    one = report.table(frame, {"pay": "Annual pay"}, {"pay": "usd"}, caption="Pay", csv="bls_wages.csv").data
    two = report.table(frame, {"pay": "Annual pay"}, {"pay": "usd"}, caption="Pay", csv="bls_wages.csv").data
    assert one == two
    assert "NaN" not in one and "<NA>" not in one and "not found" in one and "$42,820" in one
    assert 'aria-label="Pay"' in one and "../data/processed/bls_wages.csv" in one and "tex2jax_ignore" in one


def test_long_tables_say_they_are_cut():
    frame = pd.DataFrame({"n": range(30)})
    assert "First 10 of 30 rows" in report.table(frame, {"n": "n"}, {"n": "int"}, caption="N", max_rows=10).data


def test_listing_joins_items_in_words():
    from mrt.report import listing

    assert listing([]) == "" and listing(["a"]) == "a" and listing(["a", "b"]) == "a and b"
    assert listing(["a", "b", "c"]) == "a, b and c" and listing([1, 2], "or") == "1 or 2"
