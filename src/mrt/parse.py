"""Turn figures as printed in the guides into numbers.

Every parser takes the printed text and returns plain values; anything it
cannot read raises :class:`ParseError` saying what it expected. Qualifiers
("about", "almost", "more than", ...) are returned, never dropped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MONEY_UNITS = ("usd_per_year", "usd_per_hour")
COUNT_UNITS = ("persons", "jobs", "programs", "visits_per_day")
DURATION_UNITS = ("months", "years")
UNITS = MONEY_UNITS + ("percent", "rank") + COUNT_UNITS + DURATION_UNITS

# Printed qualifier -> the one spelling kept in the data.
QUALIFIER_SPELLINGS = {
    "about": "about", "approximately": "about", "roughly": "about", "around": "about",
    "almost": "almost", "nearly": "almost",
    "more than": "more than", "over": "more than",
    "less than": "less than", "under": "less than",
    "at least": "at least",
    "as few as": "as few as",
    "as low as": "as low as",
    "as high as": "as high as",
    "up to": "up to",
}
QUALIFIERS = tuple(sorted(set(QUALIFIER_SPELLINGS.values()))) + ("top", "a matter of", "tens of")

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
FRACTIONS = {"half": 50.0, "halves": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0}
SCALES = {"hundred": 100, "thousand": 1_000, "thousands": 1_000, "million": 1_000_000}
# Words that count as "number words" when checking that every figure was transcribed.
NUMBER_WORDS = tuple(ONES) + tuple(TENS) + tuple(FRACTIONS) + tuple(SCALES) + ("hundreds", "millions", "dozen", "dozens", "tens")
NUMBER_WORD_PATTERN = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


class ParseError(ValueError):
    """Printed text that does not read as the expected kind of figure."""


@dataclass(frozen=True)
class Observation:
    """One number read from a printed item. A printed item can hold two
    (an hourly and an annual amount, or the two ends of a range)."""

    part: str | None  # "hourly", "annual", "low", "high", or None for a single value
    value: float | None  # None only when the guide gives no number ("a matter of months")
    unit: str
    qualifier: str | None


def split_qualifier(text: str) -> tuple[str | None, str]:
    """Remove a leading qualifier: ``"about 28,000"`` -> ``("about", "28,000")``."""
    stripped = text.strip()
    lowered = stripped.lower()
    for printed in sorted(QUALIFIER_SPELLINGS, key=len, reverse=True):
        if lowered.startswith(printed + " "):
            return QUALIFIER_SPELLINGS[printed], stripped[len(printed):].strip()
    return None, stripped


def parse_number(text: str) -> float:
    """Digits with optional thousands separators and decimals: ``"186,300"`` -> 186300."""
    token = text.strip()
    if not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", token):
        raise ParseError(f"expected a number such as 186,300 or 20.59, found {text!r}")
    return float(token.replace(",", ""))


def parse_number_words(text: str) -> float:
    """Number words up to the millions: ``"two"``, ``"twenty-two"``, ``"five thousand"``."""
    words = [w for w in re.split(r"[\s-]+", text.strip().lower()) if w and w != "and"]
    if not words:
        raise ParseError(f"expected a number in words, found {text!r}")
    total, current = 0, 0
    for word in words:
        if word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word in ("hundred",):
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            raise ParseError(f"expected a number in words, found {word!r} in {text!r}")
    return float(total + current)


def parse_number_or_words(text: str) -> float:
    text = text.strip()
    if text and text[0].isdigit():
        return parse_number(text)
    return parse_number_words(text)


_MONEY = re.compile(r"\$\s?(?P<amount>[\d,]+(?:\.\d+)?)\s*(?P<unit>/\s*hr|/\s*yr|/\s*hour|/\s*year|a year|an hour|per hour|per year|annually)?", re.IGNORECASE)
_UNIT_WORDS = {"hr": "usd_per_hour", "hour": "usd_per_hour", "yr": "usd_per_year", "year": "usd_per_year", "annually": "usd_per_year"}


def _money_unit(printed: str | None) -> str | None:
    if not printed:
        return None
    last = re.split(r"[\s/]+", printed.strip().lower())[-1]
    return _UNIT_WORDS[last]


def money_amounts(text: str) -> list[tuple[float, str | None]]:
    """Every dollar amount in the text with its printed unit (None if no unit is printed)."""
    found = [(parse_number(m.group("amount")), _money_unit(m.group("unit"))) for m in _MONEY.finditer(text)]
    if not found:
        raise ParseError(f"expected a dollar amount such as $37,710 or $20.59 / hr, found {text!r}")
    return found


_RANGE = re.compile(
    r"^(?:from\s+)?(?P<q1>as low as\s+)?(?P<low>\$[^$]+?)\s+(?:to|and go up to|-|–)\s+(?P<q2>as high as\s+|up to\s+)?(?P<high>\$.+)$"
    r"|^between\s+(?P<low2>\$[^$]+?)\s+and\s+(?P<high2>\$.+)$"
    r"|^start at\s+(?P<low3>\$[^$]+?)\s+and go up to\s+(?P<high3>\$.+)$",
    re.IGNORECASE,
)


def parse_money(text: str, unit_hint: str | None = None) -> list[Observation]:
    """Dollar figures: a single amount, an hourly-and-annual pair, or a range.

    ``"$27.92 / hr $58,080 / yr"`` gives two observations (hourly, annual);
    ``"as low as $21,000 to as high as $55,000"`` gives low and high ends.
    A printed unit wins; ``unit_hint`` is used only where none is printed.
    """
    if unit_hint is not None and unit_hint not in MONEY_UNITS:
        raise ParseError(f"expected a money unit {MONEY_UNITS} as the hint, found {unit_hint!r}")
    qualifier, rest = split_qualifier(text)
    match = _RANGE.match(rest.strip().rstrip("."))
    if match:
        low_text = match.group("low") or match.group("low2") or match.group("low3")
        high_text = match.group("high") or match.group("high2") or match.group("high3")
        (low, low_unit), = money_amounts(low_text)
        (high, high_unit), = money_amounts(high_text)
        if low_unit and high_unit and low_unit != high_unit:
            raise ParseError(f"expected both ends of a range in one unit, found {low_unit} and {high_unit} in {text!r}")
        unit = low_unit or high_unit or unit_hint
        if unit is None:
            raise ParseError(f"expected a unit (/ hr, a year, ...) or a unit hint for the range {text!r}")
        if low > high:
            raise ParseError(f"expected the low end first, found {low} > {high} in {text!r}")
        q_low = QUALIFIER_SPELLINGS["as low as"] if match.group("q1") else qualifier
        q_high = QUALIFIER_SPELLINGS[match.group("q2").strip().lower()] if match.group("q2") else None
        if match.group("high3"):
            q_high = "up to"
        return [Observation("low", low, unit, q_low), Observation("high", high, unit, q_high)]
    amounts = money_amounts(rest)
    if len(amounts) == 1:
        value, unit = amounts[0]
        unit = unit or unit_hint
        if unit is None:
            raise ParseError(f"expected a unit (/ hr, a year, ...) or a unit hint for {text!r}")
        return [Observation(None, value, unit, qualifier)]
    if len(amounts) == 2:
        units = [u for _, u in amounts]
        if sorted(u or "" for u in units) != ["usd_per_hour", "usd_per_year"]:
            raise ParseError(f"expected one hourly and one annual amount, found units {units} in {text!r}")
        return [Observation("hourly" if u == "usd_per_hour" else "annual", v, u, qualifier) for v, u in amounts]
    raise ParseError(f"expected one amount, a pair or a range, found {len(amounts)} amounts in {text!r}")


def parse_percent(text: str) -> Observation:
    """``"22%"``, ``"13 percent"``, ``"Almost 20 percent"``, ``"more than one-quarter"``."""
    qualifier, rest = split_qualifier(text)
    rest = rest.strip().rstrip(".")
    match = re.fullmatch(r"(?P<num>[\d,.]+)\s*(?:%|percent|per cent)", rest, re.IGNORECASE)
    if match:
        return Observation(None, parse_number(match.group("num")), "percent", qualifier)
    match = re.fullmatch(r"(?:(?P<count>[a-z]+)[\s-]+)?(?P<fraction>half|halves|third|thirds|quarter|quarters)", rest, re.IGNORECASE)
    if match:
        count = parse_number_words(match.group("count")) if match.group("count") and match.group("count").lower() != "a" else 1.0
        value = count * FRACTIONS[match.group("fraction").lower()]
        if value > 100:
            raise ParseError(f"expected a share of at most 100 percent, found {text!r}")
        return Observation(None, round(value, 2), "percent", qualifier)
    match = re.fullmatch(r"(?P<words>[a-z\s-]+?)\s+(?:percent|per cent)", rest, re.IGNORECASE)
    if match:
        return Observation(None, parse_number_words(match.group("words")), "percent", qualifier)
    raise ParseError(f"expected a percentage such as 22%, 13 percent or one-quarter, found {text!r}")


def parse_count(text: str, unit: str) -> Observation:
    """A count of people, jobs or things: ``"204,220"``, ``"about 28,000"``, ``"two"``,
    and the order of magnitude ``"tens of thousands"`` (kept as at least 10,000, qualifier "tens of")."""
    if unit not in COUNT_UNITS:
        raise ParseError(f"expected a count unit {COUNT_UNITS}, found {unit!r} for {text!r}")
    match = re.fullmatch(r"tens of (thousands|millions)", text.strip(), re.IGNORECASE)
    if match:
        return Observation(None, 10.0 * SCALES[match.group(1).lower()], unit, "tens of")
    qualifier, rest = split_qualifier(text)
    return Observation(None, parse_number_or_words(rest), unit, qualifier)


def parse_duration(text: str, unit_hint: str | None = None) -> Observation:
    """``"as few as 12 months"``, ``"less than a year"`` (12 months), ``"10 year"``,
    and ``"a matter of months"`` (no number: value None, qualifier "a matter of")."""
    lowered = text.strip().lower()
    if re.fullmatch(r"a matter of (months|years)", lowered):
        return Observation(None, None, lowered.split()[-1], "a matter of")
    qualifier, rest = split_qualifier(text)
    match = re.fullmatch(r"(?P<num>an?|[\d.]+|[a-z-]+)[\s-]+(?P<unit>months?|years?)(?:\s+period)?", rest.strip().lower())
    if not match:
        raise ParseError(f"expected a duration such as '12 months' or 'less than a year', found {text!r}")
    number = 1.0 if match.group("num") in ("a", "an") else parse_number_or_words(match.group("num"))
    if match.group("unit").startswith("year") and match.group("num") in ("a", "an"):
        return Observation(None, 12.0 * number, "months", qualifier)
    unit = "months" if match.group("unit").startswith("month") else "years"
    if unit_hint and unit_hint != unit:
        raise ParseError(f"expected {unit_hint} from the hint, found {unit} in {text!r}")
    return Observation(None, number, unit, qualifier)


def parse_rank(text: str) -> Observation:
    """A place in a ranked list: ``"1."`` (first) or ``"top 12"`` (somewhere in the first 12)."""
    stripped = text.strip()
    match = re.fullmatch(r"(\d+)\.?", stripped)
    if match:
        return Observation(None, float(match.group(1)), "rank", None)
    match = re.fullmatch(r"top\s+(\S+)", stripped, re.IGNORECASE)
    if match:
        return Observation(None, parse_number_or_words(match.group(1)), "rank", "top")
    raise ParseError(f"expected a rank such as '1.' or 'top 12', found {text!r}")


def parse_period(text: str) -> tuple[int | None, int | None]:
    """``"in 2013"`` -> (2013, 2013); ``"from 2016 to 2026"`` -> (2016, 2026); ``""`` -> (None, None)."""
    stripped = text.strip().rstrip(".")
    if not stripped:
        return None, None
    years = [int(y) for y in re.findall(r"\b(\d{4})\b", stripped)]
    single = re.fullmatch(r"(?:in\s+)?(\d{4})", stripped, re.IGNORECASE)
    span = re.fullmatch(r"(?:between|from)?\s*(\d{4})\s*(?:and|to|-|–)\s*(\d{4})", stripped, re.IGNORECASE)
    if not (single or span) or not all(1900 <= y <= 2100 for y in years):
        raise ParseError(f"expected a year ('in 2013') or a period ('from 2016 to 2026'), found {text!r}")
    start, end = (years[0], years[0]) if single else (years[0], years[1])
    if start > end:
        raise ParseError(f"expected the period to start before it ends, found {text!r}")
    return start, end


def looks_like_percent(text: str) -> bool:
    return bool(re.search(r"%|\bper ?cent\b|\b(half|halves|third|thirds|quarter|quarters)\b", text, re.IGNORECASE))


def parse_item(as_printed: str, unit_hint: str | None = None) -> list[Observation]:
    """Read one printed item into one or two observations.

    The kind of figure is read from the text where it shows (a dollar sign, a
    percent sign or word, a month or year); otherwise the transcriber's unit
    hint says what a bare number counts (``rank``, ``persons``, ...).
    """
    hint = unit_hint or None
    if hint is not None and hint not in UNITS:
        raise ParseError(f"expected a unit hint from {UNITS}, found {hint!r}")
    if "$" in as_printed:
        return parse_money(as_printed, hint)
    if looks_like_percent(as_printed):
        return [parse_percent(as_printed)]
    if hint == "rank" or re.fullmatch(r"\d+\.|top\s+\S+", as_printed.strip(), re.IGNORECASE):
        return [parse_rank(as_printed)]
    if re.search(r"\b(months?|years?)\b", as_printed, re.IGNORECASE) or hint in DURATION_UNITS:
        return [parse_duration(as_printed, hint if hint in DURATION_UNITS else None)]
    if hint in COUNT_UNITS:
        return [parse_count(as_printed, hint)]
    raise ParseError(f"cannot tell what {as_printed!r} measures: expected a $ amount, a percentage, "
                     f"a rank, a duration, or a unit hint from {UNITS}")


def is_close(a: float, b: float, tolerance: float) -> bool:
    return math.isclose(a, b, rel_tol=0.0, abs_tol=tolerance)
