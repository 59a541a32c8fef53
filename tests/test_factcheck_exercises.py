"""Notebook 05's exercises pick the claims they work on by meaning (issue 17): small synthetic claims tables and judged
claims at each condition, and the model-answer sentences written from the picked claim."""

import pandas as pd

from mrt import factcheck, words
from mrt.factcheck import Claim, Judged, Result


def row(claim_id, guide, line, check, verdict, subject=None, **more):
    return {"claim_id": claim_id, "guide_file": guide, "line": line, "source_key": f"{guide}#L{line}", "check": check,
            "verdict": verdict, "subject": subject, "claim": f"claim {claim_id}", **more}


def test_rounded_pay_claims_keeps_only_rounded_wage_claims():
    table = pd.DataFrame([row("A", "g1.txt", 3, "wage", "matches_record"), row("B", "g1.txt", 4, "wage", "rounded"),
                          row("C", "g2.txt", 5, "setting_share", "rounded")])
    assert factcheck.rounded_pay_claims(table)["claim_id"].tolist() == ["B"]
    assert factcheck.rounded_pay_claims(table[table["claim_id"] != "B"]).empty


def judged(claim_id, *, check="wage", prints_year=False, unit="usd_per_year", is_range=False, verdict="outdated"):
    claim = Claim(claim_id, "g.txt", 1, "g.txt#L1", "$1", "pay", check, ("F1",), "c")
    return Judged(claim, Result(verdict, unit=unit, facts={"is_range": is_range}), prints_year)


def test_undated_yearly_pay_needs_each_condition():
    run = [judged("ok"), judged("dated", prints_year=True), judged("no_figure", prints_year=None), judged("hourly", unit="usd_per_hour"),
           judged("range", is_range=True), judged("unchecked", verdict="not_checkable"), judged("share", check="setting_share"),
           judged("second")]
    assert [j.claim.claim_id for j in factcheck.undated_yearly_pay(run)] == ["ok", "second"]
    assert factcheck.undated_yearly_pay(run[1:7]) == []


def test_shared_setting_shares_needs_two_guides_on_one_setting():
    one_guide_each = pd.DataFrame([row("A", "g1.txt", 3, "setting_share", "rounded", "hospitals"),
                                   row("B", "g1.txt", 9, "setting_share", "rounded", "hospitals"),
                                   row("C", "g2.txt", 5, "setting_share", "rounded", "offices"),
                                   row("D", "g3.txt", 5, "setting_most", "rounded", "hospitals")])
    assert factcheck.shared_setting_shares(one_guide_each).empty
    assert factcheck.shared_setting_shares(one_guide_each.iloc[0:0]).empty
    shared = pd.concat([one_guide_each, pd.DataFrame([row("E", "g0.txt", 7, "setting_share", "matches_record", "offices"),
                                                      row("F", "g3.txt", 2, "setting_share", "matches_record", "offices")])])
    assert factcheck.shared_setting_shares(shared)["claim_id"].tolist() == ["E", "C", "F"]  # offices: three guides, by guide


def test_traced_keys_text_reads_both_keys_from_the_row():
    r = {"source_key": "905_x.txt#L7", "line": 7, "guide_file": "905_x.txt", "guide_value": 41000.0,
         "record_source_key": "bls_oews_national.csv#year=2019", "record_value": 40870.0}
    text = words.traced_keys_text(r)
    assert text.startswith("`905_x.txt#L7` is line 7 of the guide file `905_x.txt`, where $41,000 is printed.")
    assert "row `year=2019` of the BLS table `bls_oews_national.csv`" in text and "its figure, $40,870, rounds to the printed $41,000" in text


def test_undated_pay_text_names_both_verdicts_and_the_statistic():
    claim = Claim("C1", "g.txt", 1, "g.txt#L1", "$30,500", "pay", "wage", ("F1",), "c")
    facts = {"parts": (("value", 30500.0, "median", 30480.0),)}
    at_date = Judged(claim, Result("rounded", guide_value=30500.0, judged_at=2019, facts=facts), False)
    latest = Judged(claim, Result("outdated", guide_value=30500.0, judged_at=2024, facts=facts), False)
    text = words.undated_pay_text(at_date, latest)
    assert text.startswith("Against the latest record it is `outdated`; at its guide's date (2019) it is `rounded`.")
    assert "“In May 2019 the median annual wage in this occupation was $30,500 (BLS" in text


def test_shared_setting_shares_two_guides_are_enough():
    table = pd.DataFrame([row("A", "g2.txt", 4, "setting_share", "rounded", "hospitals"),
                          row("B", "g1.txt", 8, "setting_share", "rounded", "hospitals")])
    assert factcheck.shared_setting_shares(table)["claim_id"].tolist() == ["B", "A"]  # exactly two guides: shared, by guide


def test_shared_setting_shares_tie_goes_to_the_setting_first_in_the_table():
    # offices and hospitals are each given by two guides; offices comes first in the table (though not in the alphabet)
    table = pd.DataFrame([row("A", "g1.txt", 3, "setting_share", "rounded", "offices"),
                          row("B", "g1.txt", 5, "setting_share", "rounded", "hospitals"),
                          row("C", "g2.txt", 2, "setting_share", "rounded", "hospitals"),
                          row("D", "g2.txt", 6, "setting_share", "rounded", "offices")])
    assert factcheck.shared_setting_shares(table)["claim_id"].tolist() == ["A", "D"]
