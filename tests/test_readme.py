"""The README's findings and outputs sections are exactly what the tables say."""

from mrt import paths
from mrt.readme import README, rendered_readme


def test_readme_generated_blocks_match_the_tables():
    text = README.read_text(encoding="utf-8")
    assert rendered_readme(text) == text, "README.md is stale: run `python3 run.py` to refresh the findings and outputs"


def test_readme_links_resolve():
    import re

    text = README.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", text):
        assert (paths.ROOT / target).exists(), target


def test_titles_that_quote_numbers_agree_with_the_data():
    import nbformat

    from mrt import schema
    from mrt.pipeline import STEPS

    outlooks = schema.read_processed("guide_outlooks.csv").set_index("vintage")["printed_pct"]
    quoted = {f"{outlooks['2012-2022']:.0f}%", f"{outlooks['2016-2026']:.0f}%"}
    title = nbformat.read(paths.NOTEBOOKS / "03-projections.ipynb", as_version=4).cells[0].source.splitlines()[0]
    summary = next(s.summary for s in STEPS if s.notebook == "03-projections.ipynb")
    for text in (title, summary):
        assert set(re_percent(text)) == quoted, text


def re_percent(text):
    import re

    return re.findall(r"\d+%", text)


def test_a_finding_that_changes_under_another_method_is_marked_with_where():
    from types import SimpleNamespace

    from mrt.readme import finding_line

    robust = SimpleNamespace(statement="13 of 13 pairs agree.", holds_under_all=True, changes_under=None)
    fragile = SimpleNamespace(statement="77% of the fall is the slowdown.", holds_under_all=False, changes_under="scale: percentage points")
    assert finding_line(robust) == "- 13 of 13 pairs agree."
    assert finding_line(fragile).startswith("- 77% of the fall is the slowdown. ⚠")
    assert "scale: percentage points" in finding_line(fragile)


def test_every_register_finding_is_in_the_readme():
    from mrt import schema

    text = README.read_text(encoding="utf-8")
    for statement in schema.read_processed("findings.csv")["statement"]:
        assert statement in text, statement
