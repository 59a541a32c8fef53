"""Fact-check verdicts: the closed set, the rules on synthetic cases, and key cases on the real data."""

import pandas as pd
import pytest

from mrt import factcheck, schema


@pytest.fixture(scope="module")
def verdicts():
    return schema.read_processed("claims.csv").set_index("claim_id")


def test_every_claim_has_one_verdict_from_the_closed_set(verdicts):
    claims = schema.read_processed("guide_claims.csv")
    assert sorted(verdicts.index) == sorted(claims["claim_id"])
    assert set(verdicts["verdict"]) <= set(factcheck.VERDICTS)
    assert verdicts["evidence"].str.len().min() > 20


def test_unknown_verdict_rejected():
    with pytest.raises(ValueError):
        factcheck.Verdict("probably true", "")


def settings(shares):
    return pd.DataFrame([{"source_kind": "bls", "setting": "hospitals", "year": y, "share_pct": s, "setting_as_named": "hospitals",
                          "share_computed": False, "source_key": f"k{y}", "mean_annual_usd": None} for y, s in shares])


@pytest.mark.parametrize("value, qualifier, shares, expected", [
    (40.0, None, [(2016, 36.0), (2018, 34.0)], "overstated"),
    (35.0, None, [(2016, 36.0), (2018, 34.0)], "matches the record"),
    (25.0, "more than", [(2016, 36.0), (2018, 34.0)], "matches the record"),
    (35.0, "more than", [(2016, 36.0), (2018, 34.0)], "contradicted"),
    (20.0, "almost", [(2016, 19.0)], "matches the record"),
    (20.0, "almost", [(2016, 21.0)], "contradicted"),
])
def test_share_rules(value, qualifier, shares, expected):
    guide = pd.DataFrame([{"source_kind": "guide", "setting": "hospitals", "year": None, "share_pct": value, "setting_as_named": "hospitals",
                           "share_computed": False, "source_key": "g#L1", "mean_annual_usd": None}])
    ev = factcheck.Evidence(**{f: None for f in factcheck.Evidence.__dataclass_fields__})
    ev.settings = pd.concat([settings(shares), guide])
    ev.figures = pd.DataFrame([{"figure_id": "F1", "value": value, "qualifier": qualifier}])
    claim = pd.DataFrame([{"source_key": "g#L1", "figure_ids": "F1"}]).itertuples(index=False).__next__()
    assert factcheck.check_setting_share(claim, ev).verdict == expected


def test_key_cases_on_the_real_data(verdicts):
    def verdict_of(source_key, words):
        rows = verdicts[(verdicts["source_key"] == source_key) & verdicts["claim"].str.contains(words, regex=False)]
        assert len(rows) == 1, (source_key, words)
        return rows.iloc[0]
    # median printed with its year, equal to OEWS May 2012
    assert verdict_of("003_dc4e1e54816b27dc.txt#L55", "median").verdict == "matches the record"
    # $39,000 for a published $39,180
    assert verdict_of("001_cb1680f8129abfb3.txt#L20", "median annual salary").verdict == "rounded"
    # undated average equal to 2017, printed as current
    assert verdict_of("001_cb1680f8129abfb3.txt#L24", "average annual").verdict == "outdated"
    # range ends are percentiles
    assert verdict_of("000_8f0a57b0245a47f7.txt#L40", "at the bottom").verdict == "mislabelled"
    # 'most work in hospitals' while no source exceeds 40%
    assert verdict_of("001_cb1680f8129abfb3.txt#L17", "majority").verdict == "contradicted"
