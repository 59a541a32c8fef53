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


def test_titles_quote_no_computed_number():
    """A notebook's title and its one-line summary are typed by hand, so they quote no percent or dollar amount
    (a figure there would drift from the data); the findings under them are printed from the computed values."""
    import nbformat

    from mrt.pipeline import STEPS

    for step in STEPS:
        title = nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4).cells[0].source.splitlines()[0]
        for text in (title, step.summary):
            assert not re_percent(text) and "$" not in text, f"{step.notebook}: {text!r}"


def test_the_title_check_catches_a_quoted_percent():
    assert re_percent("How the outlook shrank from 22% to 13%") == ["22%", "13%"]


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
