"""The fact-check chart: the numbers plotted, their order, and what every chart carries."""

import pandas as pd
import pytest

from mrt import factcheck
from mrt.charts import factcheck as verdict_chart

WORDS = {v: v.replace("_", " ") for v in factcheck.VERDICTS}


def test_verdict_table_keeps_verdicts_with_claims_in_group_order():
    counts = {v: 0 for v in factcheck.VERDICTS} | {"not_checkable": 5, "overstated": 2, "matches_record": 7, "partly_supported": 1}
    plot = verdict_chart.verdict_table(counts, WORDS, factcheck.VERDICT_GROUPS)
    assert list(plot["verdict"]) == ["matches_record", "partly_supported", "overstated", "not_checkable"]
    assert list(plot["claims"]) == [7, 1, 2, 5] and list(plot["group"]) == ["agrees", "partly", "disagrees", "not_checkable"]
    assert list(plot.columns) == ["verdict", "label", "group", "claims"]


def test_unknown_group_is_refused():
    with pytest.raises(ValueError, match="unknown verdict groups"):
        verdict_chart.verdict_table({"x": 1}, {"x": "x"}, {"x": "maybe"})


def test_verdict_bars_label_every_bar_and_set_the_not_checkable_bar_apart():
    plot = verdict_chart.verdict_table({"matches_record": 19, "rounded": 4, "not_checkable": 17}, WORDS, factcheck.VERDICT_GROUPS)
    fig, ax = verdict_chart.verdict_bars(plot, "Claims about technicians, checked", "A subtitle that explains the colours")
    ticks = sorted(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels())), reverse=True)
    assert [label for _, label in ticks] == ["matches record", "rounded", "not checkable"]  # first verdict at the top
    assert sorted(t.get_text() for t in ax.texts) == ["17", "19", "4"]
    assert len(ax.lines) == 1 and ax.lines[0].get_ydata()[0] == pytest.approx(0.5)  # the rule above the not-checkable bar
    assert fig._suptitle.get_text() == "Claims about technicians, checked"
    assert [t for t in ax.get_xticks() if t != int(t)] == []  # whole numbers of claims
    colours = {p.get_facecolor() for p in ax.patches}
    assert len(colours) == 2


def test_no_rule_when_every_verdict_is_checkable():
    plot = verdict_chart.verdict_table({"matches_record": 3}, WORDS, factcheck.VERDICT_GROUPS)
    fig, ax = verdict_chart.verdict_bars(plot, "t", "s")
    assert len(ax.lines) == 0 and ax.get_xlim()[1] == pytest.approx(3 * 1.12)
