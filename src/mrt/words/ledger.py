"""Notebook 01-clean's sentences: the ledger of printed figures (the rules: :mod:`mrt.words`)."""

from __future__ import annotations

from mrt.wages import describe_years
from mrt.words.common import counted, majority_word


# 01-clean: the ledger of printed figures -------------------------------------------------------------------------------


def undated_finding(undated: int, whole: int, noun: str, n_guides: int, caveat: str = "") -> str:
    """A finding for readers on figures printed without a year: ``undated_finding(28, 39, "statistics", 4)`` -> ``"Most of
    the statistics in the four guides carry no year: 28 of 39."``; ``caveat`` is one more short sentence when some do."""
    where = f"the {counted(n_guides, 'guide')}"
    if undated == 0:
        return f"Every one of the {whole} {noun} in {where} carries a year."
    return f"{majority_word(undated, whole).capitalize()} of the {noun} in {where} carry no year: {undated} of {whole}." + (
        f" {caveat}" if caveat else "")


def undated_note(undated: int, whole: int, noun: str) -> str:
    """What an undated count says under another way of counting: ``"38 of 49 items carry no year: most of them"``."""
    return f"{undated} of {whole} {noun} carry no year: {majority_word(undated, whole)} of them"


def no_number_clause(texts: list[str]) -> str:
    """The printed items that give no number, for the sentence on awkward forms: ``["a matter of months"]`` ->
    ``"1 gives no number at all (*a matter of months*)"``; none -> ``"every one gives a number"``."""
    if not texts:
        return "every one gives a number"
    return f"{len(texts)} {'gives' if len(texts) == 1 else 'give'} no number at all ({', '.join(f'*{t}*' for t in texts)})"


def list_numbering_clause(numbering: int) -> str:
    """What the printed items that are not statistics are: ``10`` -> ``"the other 10 printed items are list numbering"``;
    ``0`` -> ``"no printed item is list numbering"``."""
    if numbering == 0:
        return "no printed item is list numbering"
    return f"the other {counted(numbering, 'printed item is', 'printed items are', spell=False)} list numbering"


def undated_statistics_sentence(statistics: int, numbering: int, undated: int) -> str:
    """The finding on undated statistics: ``(39, 10, 28)`` -> ``"The guides print 39 statistics (10 more items are list
    numbering); 28 of the 39 statistics carry no year."``; without list numbering the parenthesis is left out."""
    extra = f" ({counted(numbering, 'more item is', 'more items are', spell=False)} list numbering)" if numbering else ""
    return f"The guides print {counted(statistics, 'statistic', spell=False)}{extra}; {undated} of the {statistics} statistics carry no year."


def most_note(part: int, whole: int, noun: str, most: bool) -> str:
    """A count of undated figures for the register, saying when it is not most: ``(5, 11, "items", False)`` ->
    ``"5 of 11 items carry no year, not most"``; ``(7, 11, "items", True)`` -> ``"7 of 11 items carry no year"``."""
    return f"{part} of {whole} {noun} carry no year" + ("" if most else ", not most")


def reference_code_years_sentence(all_years: list[int], same_code: list[int], code: str) -> str:
    """Which years of the OEWS table publish the reference code, the years from the rows (gaps shown as gaps)."""
    covers = f"The OEWS wage table covers {describe_years(all_years)}."
    if not same_code:
        return f"{covers} **None of its {len(all_years)} years publishes the reference code {code}**, so no trend can be read under it."
    if len(same_code) == len(all_years):
        return f"{covers} **Every one of its {len(all_years)} years publishes the reference code {code}**, so the years can be compared under one code."
    return (f"{covers} **Only {len(same_code)} of those {len(all_years)} years publish the reference code {code}** "
            f"({describe_years(same_code)}); the other years use a broader group or a split of it, so a trend across them is not like for like.")


def no_printed_range_sentence(what: str) -> str:
    """An exercise that reads a printed pay range, when the guides print none: ``"Exercise 1.5"`` -> ``"Not computed:
    Exercise 1.5 reads a printed pay range, and the guides print none."``."""
    return f"Not computed: {what} reads a printed pay range, and the guides print none."
