"""The generic helpers every section uses: directions from signs, counts from rows, the occupation's names, rounding for
readers (the rules: :mod:`mrt.words`)."""

from __future__ import annotations

from mrt import occupation, report
from mrt.growth import percent_ratio_interval as ratio_interval  # noqa: F401 - the arithmetic lives in mrt.growth


# Generic helpers ----------------------------------------------------------------------------------------------------

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def direction(change, up: str = "rose", down: str = "fell", flat: str = "did not change") -> str:
    """The word for a change, from its sign: ``direction(-8.5)`` -> ``"fell"``; ``direction(2)`` -> ``"rose"``;
    ``direction(0)`` -> ``"did not change"``. A missing change is an error, not a direction."""
    if report._missing(change):
        raise ValueError("a direction needs a change; found a missing value")
    value = float(change)
    if value > 0:
        return up
    if value < 0:
        return down
    return flat


def comparison(value, reference, above: str = "above", below: str = "below", equal: str = "equal to") -> str:
    """Where ``value`` stands against ``reference``: ``comparison(13.5, 7.4)`` -> ``"above"``."""
    return direction(float(value) - float(reference), above, below, equal)


def count_word(n: int) -> str:
    """A small count in words, as a newspaper writes it: 0-10 spelled out (``4`` -> ``"four"``), larger as digits."""
    n = int(n)
    if n < 0:
        raise ValueError(f"a count cannot be negative, found {n}")
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else f"{n:,}"


def counted(n: int, singular: str, plural: str | None = None, spell: bool = True) -> str:
    """A count with the noun that agrees: ``counted(4, "guide")`` -> ``"four guides"``; ``counted(1, "guide")`` ->
    ``"one guide"``; ``counted(0, "guide")`` -> ``"no guides"``; ``spell=False`` keeps digits (``"4 guides"``)."""
    plural = plural if plural is not None else singular + "s"
    n = int(n)
    number = count_word(n) if spell else ("no" if n == 0 else f"{n:,}")
    return f"{number} {singular if n == 1 else plural}"


def names():
    """The occupation's words from occupation.toml (``name``, ``name_singular``, ``short_name``, ...)."""
    return occupation.current()


def modelled_money(value) -> str:
    """A modelled amount of money, to the $100 its model can support: ``147434`` -> ``"$147,400"``."""
    return report.money(value, to=100)


def about_one_in(probability: float) -> str:
    """A chance for readers: ``0.236`` -> ``"about 1 in 4"``; ``0.5`` -> ``"about 1 in 2"``; ``0.9`` -> ``"about 9 in 10"``.

    Below one half it is the nearer of "1 in N" (N the nearest whole number to 1/p) and tenths (``0.298`` -> ``"about 3
    in 10"``, not "1 in 3"); from one half up it is tenths."""
    p = float(probability)
    if not 0 < p < 1:
        raise ValueError(f"a chance in words needs 0 < p < 1, found {p}")
    tenths = round(10 * p)
    if p < 0.5:
        one_in = round(1 / p)
        if tenths < 2 or abs(1 / one_in - p) <= abs(tenths / 10 - p):
            return f"about 1 in {one_in}"
        return f"about {tenths} in 10"
    return "about 1 in 2" if tenths == 5 else f"about {tenths} in 10"


def about_years(years: float) -> str:
    """A modelled duration to the whole year: ``10.2`` -> ``"about 10 years"``; ``0.8`` -> ``"about 1 year"``."""
    whole = max(1, round(float(years)))
    return f"about {whole} year" + ("" if whole == 1 else "s")





def majority_word(part: int, whole: int) -> str:
    """How much of a whole a count is, in a word: ``(6, 6)`` -> ``"all"``; more than half -> ``"most"``; exactly half ->
    ``"half"``; less -> ``"fewer than half"``; ``(0, n)`` -> ``"none"``. Exactly half is not most."""
    part, whole = int(part), int(whole)
    if whole <= 0 or not 0 <= part <= whole:
        raise ValueError(f"a share in words needs 0 <= part <= whole and whole > 0, found {part} of {whole}")
    if part == whole:
        return "all"
    if part == 0:
        return "none"
    if 2 * part > whole:
        return "most"
    return "half" if 2 * part == whole else "fewer than half"


def with_article(noun: str) -> str:
    """A noun with its indefinite article: ``"medical coding certificate"`` -> ``"a medical coding certificate"``;
    ``"associate's degree"`` -> ``"an associate's degree"`` (by the first letter)."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def period(years: tuple[int, int] | str) -> str:
    """A period for readers: ``(2012, 2022)`` or ``"2012-2022"`` -> ``"2012–2022"``."""
    start, end = years if isinstance(years, tuple) else str(years).split("-")
    return f"{start}–{end}"


def article(noun: str) -> str:
    """``"a"`` or ``"an"`` before a noun, from its first letter: ``"associate's degree"`` -> ``"an"``."""
    return "an" if noun[:1].lower() in "aeiou" else "a"
