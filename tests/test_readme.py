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


def test_a_finding_that_changes_under_another_method_gets_one_tag_linking_to_the_register():
    from types import SimpleNamespace

    from mrt.readme import REGISTER_NOTEBOOK, finding_line
    from mrt.words import METHOD_TAG

    robust = SimpleNamespace(statement="13 of 13 pairs agree.", holds_under_all=True, changes_under=None)
    fragile = SimpleNamespace(statement="77% of the fall is the slowdown.", holds_under_all=False,
                              changes_under="scale: percentage points; scale: logs")
    assert finding_line(robust) == "- 13 of 13 pairs agree."
    assert finding_line(fragile) == f"- 77% of the fall is the slowdown. [{METHOD_TAG}]({REGISTER_NOTEBOOK})"
    assert "scale" not in finding_line(fragile), "the alternatives live in the register, not in the sentence"


def test_readme_opens_with_in_short_before_the_findings_and_the_set_up():
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- inshort:start -->\n", 1)[1].split("<!-- inshort:end -->", 1)[0]
    from mrt.words import GLOSSARY, QUESTIONS

    for question in QUESTIONS.values():
        assert f"**{question}**" in block, question
    for term, _ in GLOSSARY:
        assert f"*{term.capitalize()}*" in block, term
    assert text.index("## In short") < text.index("## Findings") < text.index("## Two commands") < text.index("## Running it: the details")
    words_before_findings = len(text[:text.index("## Findings")].split())
    assert words_before_findings < 600, f"{words_before_findings} words before the findings"


def test_in_short_links_each_answer_to_its_notebook():
    from mrt import insight
    from mrt.readme import render_inshort

    block = render_inshort()
    for key in insight.QUESTIONS:
        assert f"(notebooks/{insight.SECTIONS[key][0]}.ipynb)" in block, key


def test_in_short_from_synthetic_facts_is_what_words_write():
    from mrt import words
    from mrt.insight import Entry, Growth, Pay, Trust
    from mrt.readme import render_inshort

    found = {"pay": Pay(2021, "29-2072", 46660, 31000, 73000), "growth": Growth(2024, 2034, "29-2072", -1.0, 3.1, None, ()),
             "entry": Entry("2022-23", "associate's degree", ()), "trust": Trust(3, 3, 3, 0, 0, (), 0)}
    block = render_inshort(found)
    for key, facts in found.items():
        assert " ".join(words.ANSWERS[key](facts)) in block
    assert "to shrink 1% from 2024 to 2034, below the 3.1% average" in block


def test_every_register_finding_is_in_the_readme():
    from mrt import schema

    text = README.read_text(encoding="utf-8")
    for statement in schema.read_processed("findings.csv")["statement"]:
        assert statement in text, statement
