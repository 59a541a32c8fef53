"""The readability figures: syllables, real sentence ends, the grade formula, and the targets on the committed findings."""

import pytest

from mrt import readability
from mrt.readability import figures, grade, sentences, syllables, words


@pytest.mark.parametrize("word, expected", [("cat", 1), ("the", 1), ("pay", 1), ("table", 2), ("rounded", 2), ("agreed", 2),
                                            ("hospital", 3), ("technician", 3), ("employment", 3), ("projected", 3),
                                            ("average", 3), ("occupations", 4), ("certificate", 4), ("years", 1),
                                            ("lives", 1), ("Yearly", 2), ("2024", 1), ("$147,434", 1), ("24.7%", 1)])
def test_syllables(word, expected):
    assert syllables(word) == expected


@pytest.mark.parametrize("text, expected", [
    ("Pay rose. Jobs fell.", ["Pay rose.", "Jobs fell."]),
    ("Pay rose 24.7% to $1.5 million. It fell.", ["Pay rose 24.7% to $1.5 million.", "It fell."]),  # decimal points
    ("Routes differ, e.g. Certificates are short. Yes.", ["Routes differ, e.g. Certificates are short.", "Yes."]),
    ("Jobs in the U.S. Grew fast. Then slowed.", ["Jobs in the U.S. Grew fast.", "Then slowed."]),  # "fast." is no "st."
    ("Most? No! \u201cMuch faster\u201d is wrong.", ["Most?", "No!", "\u201cMuch faster\u201d is wrong."]),
    ("It ends in 2024. 8 of 13 agree.", ["It ends in 2024.", "8 of 13 agree."]),  # a sentence may start with a digit
    ("A semicolon; not an end", ["A semicolon; not an end"]),
    ("*Associate's degree* leads. **Most** agree.", ["Associate's degree leads.", "Most agree."]),  # Markdown emphasis out
])
def test_sentences_split_only_at_real_ends(text, expected):
    assert sentences(text) == expected


def test_a_number_is_one_word():
    assert words("BLS paid $147,434 (23.7%) more in 2012–2022, 2.04× the average") == [
        "BLS", "paid", "$147,434", "23.7%", "more", "in", "2012–2022,", "2.04×", "the", "average"]


def test_grade_is_the_flesch_kincaid_formula_worked_by_hand():
    # "The cat sat. The table fell." : 2 sentences, 6 words, syllables 1+1+1+1+2+1 = 7
    assert grade(["The cat sat. The table fell."]) == pytest.approx(0.39 * 6 / 2 + 11.8 * 7 / 6 - 15.59)
    # pooled over texts, not averaged per text: 3 sentences, 8 words, 7 + 3 + 1 = 11 syllables
    assert grade(["The cat sat. The table fell.", "Hospital pays."]) == pytest.approx(0.39 * 8 / 3 + 11.8 * 11 / 8 - 15.59)
    with pytest.raises(ValueError, match="at least one word"):
        grade([""])


def test_figures_and_targets_on_both_sides_of_each_threshold():
    short = " ".join(["word"] * 29) + "."
    at_limit = {"a": " ".join(["word"] * 30) + ".", "b": " ".join(["word"] * 30) + "."}
    assert figures(at_limit).average_words == 30 and "average_words" not in figures(at_limit).missed()
    over = {"a": " ".join(["word"] * 31) + ".", "b": " ".join(["word"] * 31) + "."}
    assert "average_words" in figures(over).missed()
    first_36 = {"a": " ".join(["word"] * 36) + ". Short caveat.", "b": short}
    f = figures(first_36)
    assert (f.longest_first_sentence_words, f.longest_first_sentence_id, f.longest_words) == (36, "a", 38)
    assert f.average_first_sentence_words == (36 + 29) / 2
    assert "longest_first_sentence_words" in f.missed() and "longest_words" not in f.missed()
    first_35 = {"a": " ".join(["word"] * 35) + ". Short caveat.", "b": short}
    assert "longest_first_sentence_words" not in figures(first_35).missed()
    sixty_one = {"a": " ".join(["word"] * 30) + ". " + " ".join(["word"] * 31) + ".", "b": "Short."}
    assert figures(sixty_one).longest_words == 61 and "longest_words" in figures(sixty_one).missed()
    sixty = {"a": " ".join(["word"] * 30) + ". " + " ".join(["word"] * 30) + ".", "b": "Short."}
    assert "longest_words" not in figures(sixty).missed()
    hard = {"a": "Occupational classification methodologies necessitate considerable interpretation."}
    assert figures(hard).grade > 12 and "grade" in figures(hard).missed()
    assert figures({"a": "The cat sat. The dog ran."}).grade < 12


def test_figures_need_a_finding():
    with pytest.raises(ValueError, match="at least one finding"):
        figures({})


def test_the_command_prints_the_figures_and_checks_on_request(capsys, monkeypatch):
    good = figures({"a": "Pay rose. Jobs grew."})
    monkeypatch.setattr(readability, "register_figures", lambda: good)
    assert readability.main([]) == 0 and readability.main(["--check"]) == 0
    printed = capsys.readouterr().out
    assert "average words per finding" in printed and "Flesch-Kincaid grade" in printed and "NOT met" not in printed
    bad = figures({"a": " ".join(["word"] * 70) + "."})
    monkeypatch.setattr(readability, "register_figures", lambda: bad)
    assert readability.main([]) == 0 and readability.main(["--check"]) == 1
    assert "NOT met" in capsys.readouterr().out
    assert readability.main(["--nonsense"]) == 2


def test_the_committed_findings_meet_the_readability_targets():
    result = readability.register_figures()
    assert result.missed() == [], "\n".join(readability.report_lines(result))
