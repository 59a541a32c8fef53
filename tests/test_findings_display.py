"""Notebook 6's display of the register: each finding that changes is shown with its alternatives folded, all of them."""

from mrt.findings import Alternative, Finding, alternatives_markdown, folded, part_table, register


def parts():
    fragile = Finding(finding_id="projections.slowdown_share", statement="The slowdown is 40% of the fall, in points.", value=40.0,
                      unit="percent", depends_on="the scale",
                      alternatives=(Alternative("scale: logs", 43.0, True), Alternative("scale: log of percents", 77.0, False, "77%, most of it")),
                      key_rank=1)
    robust = Finding(finding_id="pay.pairs_agree", statement="13 of 13 pairs agree within rounding.", value=13.0, unit="count",
                     depends_on="the tolerance", alternatives=(Alternative("one cent tighter", 13.0, True),))
    return [part_table("03-projections", [fragile]), part_table("02-salaries", [robust])]


def test_alternatives_list_every_method_with_its_value_and_what_changes():
    import pandas as pd

    long = pd.concat(parts(), ignore_index=True)
    assert alternatives_markdown(long, "projections.slowdown_share") == ("- *scale: logs*: 43%; holds\n"
                                                                        "- *scale: log of percents*: 77%; **changes**: 77%, most of it")


def test_folded_shows_only_the_findings_that_change_with_all_their_alternatives_in_a_fold():
    p = parts()
    text = folded(register(p), p).data
    assert text.startswith("**Notebook 3.** The slowdown is 40% of the fall, in points.\n\n<details><summary>2 other methods tried; "
                           "1 changes the conclusion</summary>\n\n- *scale: logs*: 43%; holds")
    assert text.rstrip().endswith("</details>") and text.count("<details>") == 1
    assert "13 of 13 pairs" not in text  # it holds under every alternative: not repeated here


def test_folded_keeps_its_own_fold_but_makes_data_text_inert():
    import pandas as pd

    p = parts()
    hostile = [part.assign(statement="A <script>alert(1)</script> [link](javascript:x) finding",
                           method=[m if m == "as reported" else f"<img src=x onerror=y> {i}" for i, m in enumerate(part["method"])],
                           note=part["note"].where(part["note"].isna(), "<b>bold</b>"))
               for part in p]
    text = folded(register(hostile), hostile).data
    assert "<details>" in text and "</details>" in text
    assert "<script>" not in text and "<img" not in text and "<b>" not in text and "[link]" not in text
    assert "&lt;script&gt;" in text
