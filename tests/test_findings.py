"""The robustness register: a finding that changes under another method is marked, with where it changes."""

import pandas as pd
import pytest

from mrt import schema
from mrt.findings import AS_REPORTED, Alternative, Finding, FindingError, part_table, register


def finding(**overrides):
    base = dict(finding_id="projections.slowdown_share", statement="On a log scale 77% of the fall is the general slowdown.",
                value=77.0, unit="percent", depends_on="the scale on which the fall is split",
                alternatives=(Alternative("scale: percentage points", 40.0, False, "40%, less than half"),
                              Alternative("scale: log growth factors", 43.0, False, "43%, less than half")), key_rank=3)
    return Finding(**{**base, **overrides})


def test_part_has_one_row_per_method_and_validates():
    part = part_table("03-projections", [finding()])
    assert part["method"].tolist() == [AS_REPORTED, "scale: percentage points", "scale: log growth factors"]
    schema.validate(part, "findings/03-projections.csv")


def test_register_marks_what_does_not_hold_and_where():
    robust = finding(finding_id="pay.pairs_agree", statement="13 of 13 hourly and annual pairs agree within rounding.", value=13.0,
                     unit="count", depends_on="the rounding tolerance", key_rank=None,
                     alternatives=(Alternative("tolerance one cent tighter", 13.0, True),))
    table = register([part_table("03-projections", [finding()]), part_table("02-salaries", [robust])])
    schema.validate(table, "findings.csv")
    rows = table.set_index("finding_id")
    assert not rows.loc["projections.slowdown_share", "holds_under_all"]
    assert rows.loc["projections.slowdown_share", "changes_under"] == "scale: percentage points; scale: log growth factors"
    assert "40%" in rows.loc["projections.slowdown_share", "alternatives"]
    assert rows.loc["pay.pairs_agree", "holds_under_all"] and pd.isna(rows.loc["pay.pairs_agree", "changes_under"])
    assert table["finding_id"].iloc[0] == "projections.slowdown_share"  # key findings first


def test_a_finding_with_no_alternative_holds_trivially():
    plain = finding(alternatives=(), depends_on="")
    assert plain.holds_under_all
    assert register([part_table("03-projections", [plain])])["holds_under_all"].iloc[0]


@pytest.mark.parametrize("overrides, message", [
    ({"finding_id": "Slowdown"}, "expected an id"),
    ({"statement": "short"}, "full sentence"),
    ({"unit": "dollars"}, "expected a unit"),
    ({"key_rank": 6}, "key_rank"),
    ({"depends_on": ""}, "depends_on"),
    ({"alternatives": (Alternative("x", 1.0, False),)}, "say what it says instead"),
    ({"alternatives": (Alternative("x", 1.0, True), Alternative("x", 2.0, True))}, "distinct"),
])
def test_bad_findings_are_refused_with_the_finding_named(overrides, message):
    with pytest.raises(FindingError, match=message):
        part_table("03-projections", [finding(**overrides)])


def test_duplicates_are_refused():
    with pytest.raises(FindingError, match="twice"):
        part_table("03-projections", [finding(), finding()])
    with pytest.raises(FindingError, match="twice"):
        register([part_table("03-projections", [finding()]), part_table("02-salaries", [finding()])])
    with pytest.raises(FindingError, match="key rank"):
        register([part_table("03-projections", [finding()]), part_table("02-salaries", [finding(finding_id="pay.other")])])
