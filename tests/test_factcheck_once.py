"""Claims judged once per rule set: a second run with the same claims, evidence, rules and occupation hands out the
verdicts of the first (a new list of the same results); a change to any of them is judged afresh."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mrt import factcheck, occupation
from mrt.factcheck import Rules, tallies

from test_factcheck_real import real  # noqa: F401 - the fixture: claims and evidence rebuilt from data/raw


@pytest.fixture(autouse=True)
def empty_cache():
    tallies._JUDGED.clear()
    yield
    tallies._JUDGED.clear()


def verdicts(judged):
    return [(j.claim.claim_id, j.result.verdict, j.result.reading, j.prints_year) for j in judged]


def test_a_second_run_hands_out_the_first_runs_verdicts(real):  # noqa: F811
    claims, ev = real
    first = factcheck.judge(claims, ev)
    again = factcheck.judge(claims.copy(), ev, Rules())  # equal contents, another object: the same run
    assert again == first and again is not first
    assert all(a is b for a, b in zip(again, first)) and len(tallies._JUDGED) == 1
    assert verdicts(first) == verdicts(tallies._judge(claims, ev, Rules()))


@pytest.mark.parametrize("changes", [{"share_step": factcheck.LAST_DIGIT}, {"most": factcheck.PLURALITY},
                                     {"time_frame": "latest_record"}])
def test_other_rules_are_judged_under_those_rules(real, changes):  # noqa: F811
    claims, ev = real
    factcheck.judge(claims, ev)
    other = factcheck.judge(claims, ev, replace(Rules(), **changes))
    assert verdicts(other) == verdicts(tallies._judge(claims, ev, replace(Rules(), **changes)))
    assert len(tallies._JUDGED) == 2


def test_changed_claims_or_evidence_are_judged_afresh(real):  # noqa: F811
    claims, ev = real
    factcheck.judge(claims, ev)
    fewer = claims.iloc[:-1]
    assert verdicts(factcheck.judge(fewer, ev)) == verdicts(tallies._judge(fewer, ev, Rules()))
    edited = claims.copy()
    edited.loc[edited.index[0], "claim"] = edited["claim"].iloc[0] + " (edited)"
    assert factcheck.judge(edited, ev)[0].claim.claim == edited["claim"].iloc[0]
    no_wording = replace(ev, wording=ev.wording.iloc[:0])  # judged afresh: a growth claim finds no row now
    with pytest.raises(factcheck.FactCheckError, match="growth_wording.csv"):
        factcheck.judge(claims, no_wording)
    assert len(tallies._JUDGED) == 3


def test_another_occupation_is_judged_afresh(real, monkeypatch):  # noqa: F811
    claims, ev = real
    first = factcheck.judge(claims, ev)
    other = replace(occupation.current())  # an equal occupation, another object: judged again
    monkeypatch.setattr(occupation, "current", lambda: other)
    again = factcheck.judge(claims, ev)
    assert verdicts(again) == verdicts(first) and not all(a is b for a, b in zip(again, first))


def test_a_claims_figures_are_the_rows_with_its_ids_in_the_tables_order(real):  # noqa: F811
    from mrt.factcheck.rules import Claim, _figures

    claims, ev = real
    ids = list(dict.fromkeys(ev.figures["figure_id"]))
    picked = (ids[5], ids[0], ids[5], ids[2])  # out of order, one twice
    claim = Claim("C-test", "g.md", 1, "g.md:L1", "x", "pay", "wage", picked, "x")
    expected = ev.figures[ev.figures["figure_id"].isin(picked)]  # a scan of the whole table, as before the index
    assert _figures(claim, ev).equals(expected) and list(_figures(claim, ev).index) == list(expected.index)
    with pytest.raises(factcheck.FactCheckError, match=r"expected figures \['F-nope', 'F-nope2'\] in figures.csv"):
        _figures(replace(claim, figure_ids=(ids[0], "F-nope2", "F-nope")), ev)


def test_what_evidence_works_out_once_is_its_tables_own(real):  # noqa: F811
    claims, ev = real
    assert ev.guide_dates == factcheck.guide_years(ev.figures)
    assert all(list(ev.figures["figure_id"].iloc[rows]) == [figure_id] * len(rows) for figure_id, rows in ev.figure_rows.items())
    assert sum(map(len, ev.figure_rows.values())) == len(ev.figures)
    fewer = replace(ev, figures=ev.figures.iloc[1:])  # another Evidence: its own figures, worked out afresh
    assert fewer.fingerprint != ev.fingerprint and fewer.fingerprint[1:] == ev.fingerprint[1:]
    assert sum(map(len, fewer.figure_rows.values())) == len(ev.figures) - 1


def test_a_tables_fingerprint_tells_its_values_index_column_names_and_types_apart():
    import pandas as pd

    from mrt.factcheck.rules import fingerprint

    table = pd.DataFrame({"claim_id": ["C1", "C2"], "line": [3, 4]})
    assert fingerprint(table.copy()) == fingerprint(table)  # the same contents, another object
    assert fingerprint(table.assign(line=[3, 5])) != fingerprint(table)
    assert fingerprint(table.set_axis([1, 2])) != fingerprint(table)  # the same rows under another index
    assert fingerprint(table.rename(columns={"line": "row"})) != fingerprint(table)  # the same values under another name
    assert fingerprint(table.astype({"line": "Int64"})) != fingerprint(table)  # the same numbers, another type


def test_a_returned_list_is_the_callers_own(real):  # noqa: F811
    claims, ev = real
    first = factcheck.judge(claims, ev)
    second = factcheck.judge(claims, ev)
    second.clear()  # what a caller does with its list never reaches the kept run
    assert factcheck.judge(claims, ev) == first and len(first) == len(claims)


def test_claims_with_a_cell_that_cannot_be_hashed_are_judged_without_being_kept(real):  # noqa: F811
    claims, ev = real
    odd = claims.assign(note=[["a list"]] * len(claims))  # an extra column whose cells are lists
    assert verdicts(factcheck.judge(odd, ev)) == verdicts(tallies._judge(claims, ev, Rules()))
    assert len(tallies._JUDGED) == 0


def test_at_most_64_runs_are_kept(real):  # noqa: F811
    claims, ev = real
    tallies._JUDGED.update({("filler", n): (None, []) for n in range(tallies._JUDGED_MOST)})  # full: 64 runs kept
    factcheck.judge(claims, ev)
    assert len(tallies._JUDGED) == 1  # emptied when full, then this run kept
