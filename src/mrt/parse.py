"""Turn figures as printed in the guides into numbers.

Every parser reads the *whole* printed item: it returns the values it read, or
raises :class:`ParseError` saying what it expected and what it found. Nothing is
dropped: a qualifier ("about", "more than", ...) is returned beside the number,
a unit or a scale the parser does not know is an error, and trailing text that
is not part of the figure is an error.

The printed forms each parser reads:

- **money** (:func:`parse_money`): ``$37,710``, ``$20.59``, ``$46K`` (46,000),
  ``$46 thousand``, ``$1.2 million``; a unit after an amount: ``/ hr``, ``/ yr``,
  ``per hour``, ``an hour``, ``hourly``, ``per year``, ``a year``, ``annually``,
  ``yearly``, ``per annum``, ``per week``, ``a week``, ``weekly``, ``/ wk``,
  ``per month``, ``a month``, ``monthly``, ``/ mo``; a pair in two units
  (``$27.92 / hr $58,080 / yr``, also with ``,``, ``;``, ``or`` or the second in
  parentheses); a range (``$40,000 to $50,000``, ``-``, ``–``, ``—``,
  ``between … and …``, ``from … to …``, ``start at … and go up to …``), each end
  with its own qualifier (``as low as``, ``as high as``, ``up to``).
  **Negative amounts are refused**: no career guide prints negative pay, and a
  minus sign before a dollar sign is far more often the dash of a range whose
  other end was lost in transcription than a real negative number.
- **percent** (:func:`parse_percent`): ``22%``, ``13 percent``, ``13 per cent``,
  ``-3%`` (a projected decline), ``twenty percent``, ``one-quarter``,
  ``three-quarters``, ``a third``, ``half``, ``one in four``, ``two out of three``.
- **counts** (:func:`parse_count`): ``204,220``, ``28K``, ``186.3 thousand``,
  ``1.2 million``, ``two``, ``five thousand``, ``tens of thousands``; never negative,
  always a whole number.
- **durations** (:func:`parse_duration`): ``12 months``, ``two years``, ``10 year``,
  ``less than a year`` (12 months), ``a matter of months`` (no number), and ranges
  ``18 to 24 months``, ``18-24 months``, ``between one and two years``,
  ``6 months to a year`` (low and high).
- **ranks** (:func:`parse_rank`): the list marker ``1.`` (numbering, not a
  statistic), ``3rd``, ``No. 3``, ``#3``, ``top 12``, and a bare ``3`` when the
  transcriber says it is a rank.
- **periods** (:func:`parse_period`): ``in 2013``, ``2016-2026``, ``2016–2026``,
  ``from 2016 to 2026``, ``between 2012 and 2022``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from mrt.vocab import PAY_STATISTICS

# Closed lists: the schema imports these (src/mrt/schema.py never repeats them). ---------------------

MONEY_UNITS = ("usd_per_year", "usd_per_hour", "usd_per_week", "usd_per_month")
COUNT_UNITS = ("persons", "jobs", "programs", "visits_per_day")
DURATION_UNITS = ("months", "years")
UNITS = MONEY_UNITS + ("percent", "rank") + COUNT_UNITS + DURATION_UNITS
# Each statistic a guide figure can be, with the units it can be in.
STATISTIC_UNITS = {
    **{statistic: MONEY_UNITS for statistic in PAY_STATISTICS},
    "employment": ("persons", "jobs"), "employment_share": ("percent",), "projected_growth": ("percent",),
    "projected_change": ("jobs", "persons"), "period_length": DURATION_UNITS, "duration": DURATION_UNITS,
    "rank": ("rank",), "count": COUNT_UNITS,
}
STATISTICS = tuple(STATISTIC_UNITS)

# The part of a two-number item: a pair in two money units, or the two ends of a range.
PART_BY_MONEY_UNIT = {"usd_per_hour": "hourly", "usd_per_year": "annual", "usd_per_week": "weekly", "usd_per_month": "monthly"}
RANGE_PARTS = ("low", "high")
PARTS = tuple(PART_BY_MONEY_UNIT.values()) + RANGE_PARTS

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
# "top" comes with a rank ("top 12"), "tens of" with an order of magnitude, "a matter of" with a duration and no number.
QUALIFIERS = tuple(sorted(set(QUALIFIER_SPELLINGS.values()))) + ("top", "a matter of", "tens of")

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"thousand": 1_000, "million": 1_000_000}
# A share in words: the denominator word -> percent of one part ("quarter" -> 25).
FRACTIONS = {"half": 50.0, "halves": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0}
# Every word that can hold a quantity. The provenance test uses this list to find guide lines that
# hold a number in words, so it includes plurals and words no parser reads ("dozen", "hundreds").
NUMBER_WORDS = (tuple(ONES) + tuple(TENS) + tuple(FRACTIONS) + ("hundred", "hundreds") + tuple(SCALES)
                + ("thousands", "millions", "dozen", "dozens", "tens"))
NUMBER_WORD_PATTERN = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)

YEAR_MIN, YEAR_MAX = 1900, 2100  # a printed year outside this span is a misprint or a misreading


class ParseError(ValueError):
    """Printed text that does not read as the expected kind of figure."""


@dataclass(frozen=True)
class Observation:
    """One number read from a printed item. A printed item can hold two
    (an hourly and an annual amount, or the two ends of a range)."""

    part: str | None  # one of PARTS, or None for a single value
    value: float | None  # None only when the guide gives no number ("a matter of months")
    unit: str
    qualifier: str | None
    numbering: bool = False  # a list marker ("1." before a state in a ranked list): numbering, not a statistic


# Numbers ---------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def parse_number(text: str) -> float:
    """Digits with optional thousands separators and decimals: ``"186,300"`` -> 186300.

    A comma must separate groups of three digits (``"37,71"`` is refused, not read as 3771).
    """
    token = text.strip()
    if not _NUMBER.fullmatch(token):
        raise ParseError(f"expected a number such as 186,300 or 20.59, found {text!r}")
    return float(token.replace(",", ""))


def _scaled(number: str, scale: str | None) -> float:
    """``("1.2", "million")`` -> 1200000.0, exactly (decimal arithmetic, no 1.2 * 10**6 rounding)."""
    parse_number(number)
    factor = 1 if scale is None else (1_000 if scale.lower() in ("k", "thousand") else 1_000_000)
    return float(Decimal(number.replace(",", "")) * factor)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s-]+", text.strip().lower()) if w]


def _below_thousand(words: list[str], text: str) -> int:
    """A number from 1 to 999 in words: ``["two", "hundred", "and", "five"]`` -> 205."""
    value, position = 0, 0
    if len(words) >= 2 and words[1] == "hundred":
        if words[0] not in ONES or not 1 <= ONES[words[0]] <= 9:
            raise ParseError(f"expected one to nine before 'hundred', found {words[0]!r} in {text!r}")
        value, position = 100 * ONES[words[0]], 2
        if position < len(words) and words[position] == "and":
            position += 1
            if position == len(words):
                raise ParseError(f"expected a number after 'and', found nothing in {text!r}")
    rest = words[position:]
    if len(rest) > 2:
        raise ParseError(f"expected a number in words such as 'twenty-two' or 'two hundred', found {text!r}")
    if len(rest) == 2:
        tens, ones = rest
        if tens not in TENS or ones not in ONES or not 1 <= ONES[ones] <= 9:
            raise ParseError(f"expected a tens word and a unit ('twenty-two'), found {' '.join(rest)!r} in {text!r}")
        value += TENS[tens] + ONES[ones]
    elif len(rest) == 1:
        word = rest[0]
        if word in TENS:
            value += TENS[word]
        elif word in ONES and ONES[word] > 0:
            value += ONES[word]
        else:
            raise ParseError(f"expected a number in words, found {word!r} in {text!r}")
    return value


def parse_number_words(text: str) -> float:
    """Whole numbers in words up to the millions: ``"two"``, ``"twenty-two"``, ``"five thousand"``,
    ``"two hundred and five thousand three hundred"``. Words in the wrong order
    (``"twenty twenty"``, ``"thousand five"``) are refused."""
    words = _words(text)
    if words == ["zero"]:
        return 0.0
    if not words:
        raise ParseError(f"expected a number in words, found {text!r}")
    total, group, last_scale = 0, [], None
    for word in words + [None]:
        if word is None and not group and last_scale is not None:
            break  # "five thousand": nothing after the scale
        if word is None or word in SCALES:
            if not group:  # a scale with no number before it: "thousand five"
                raise ParseError(f"expected a number before {word!r}, found {text!r}")
            value = _below_thousand(group, text)
            if word is not None:
                if last_scale is not None and SCALES[word] >= SCALES[last_scale]:
                    raise ParseError(f"expected scales from large to small, found {word!r} after {last_scale!r} in {text!r}")
                value *= SCALES[word]
                last_scale = word
            total += value
            group = []
        else:
            group.append(word)
    return float(total)


def parse_number_or_words(text: str) -> float:
    """``"12"`` or ``"twelve"``."""
    text = text.strip()
    if text[:1].isdigit():
        return parse_number(text)
    return parse_number_words(text)


def split_qualifier(text: str) -> tuple[str | None, str]:
    """Remove a leading qualifier: ``"about 28,000"`` -> ``("about", "28,000")``."""
    stripped = text.strip()
    lowered = stripped.lower()
    for printed in QUALIFIER_SPELLINGS:  # no spelling is a whole-word prefix of another, so order does not matter
        if lowered.startswith(printed + " "):
            return QUALIFIER_SPELLINGS[printed], stripped[len(printed):].strip()
    return None, stripped


# Money -----------------------------------------------------------------------------------------

MONEY_UNIT_PHRASES = {
    "usd_per_hour": ("/ hr", "/ hour", "per hour", "an hour", "hourly"),
    "usd_per_year": ("/ yr", "/ year", "per year", "a year", "annually", "yearly", "per annum"),
    "usd_per_week": ("/ wk", "/ week", "per week", "a week", "weekly"),
    "usd_per_month": ("/ mo", "/ month", "per month", "a month", "monthly"),
}


def _phrase_pattern(phrase: str) -> str:
    """``"/ hr"`` -> a pattern with any spacing after the slash; words separated by any whitespace."""
    if phrase.startswith("/ "):
        return r"/\s*" + re.escape(phrase[2:])
    return r"\s+".join(re.escape(word) for word in phrase.split())


_UNIT_OF_PHRASE = {phrase: unit for unit, phrases in MONEY_UNIT_PHRASES.items() for phrase in phrases}
_MONEY_UNIT = re.compile(
    r"\s*(?P<unit>" + "|".join(_phrase_pattern(p) for p in sorted(_UNIT_OF_PHRASE, key=len, reverse=True)) + r")(?![A-Za-z])",
    re.IGNORECASE)
_AMOUNT = re.compile(r"\$\s?(?P<number>[\d.,]*\d)(?:(?P<k>[kK])(?![A-Za-z])|\s+(?P<scale>thousand|million)(?![A-Za-z]))?", re.IGNORECASE)
_UNIT_NAMES = ", ".join(repr(p) for p in ("/ hr", "an hour", "a year", "annually", "per week", "monthly"))


@dataclass(frozen=True)
class _End:
    value: float
    unit: str | None
    qualifier: str | None


def _normal_phrase(printed: str) -> str:
    return re.sub(r"/\s*", "/ ", re.sub(r"\s+", " ", printed.strip().lower()))


class _Cursor:
    """Reads a printed money item left to right, so that every error says where reading stopped."""

    def __init__(self, text: str):
        self.text, self.position = text, 0

    def rest(self) -> str:
        return self.text[self.position:]

    def skip_spaces(self) -> None:
        self.position += len(self.rest()) - len(self.rest().lstrip())

    def word(self, *options: str) -> str | None:
        """Consume one of ``options`` (case-insensitive, followed by a space or a ``$``), if present."""
        self.skip_spaces()
        for option in options:  # none is a whole-word prefix of another
            match = re.match(r"\s+".join(map(re.escape, option.split())) + r"(?=[\s$])", self.rest(), re.IGNORECASE)
            if match:
                self.position += match.end()
                return option
        return None

    def end(self) -> _End:
        """One amount with its own qualifier and unit: ``as high as $57,320 a year``."""
        self.skip_spaces()
        qualifier, after = split_qualifier(self.rest())
        if qualifier is not None:
            self.position = len(self.text) - len(after)
        rest = self.rest()
        if rest.startswith("-$") or rest.startswith("−$") or rest.startswith("$-"):
            raise ParseError(f"expected a dollar amount that is not negative (pay is never negative; a leading '-' is "
                             f"usually the dash of a range whose other end is missing), found {self.text!r}")
        match = _AMOUNT.match(rest)
        if not match:
            raise ParseError(f"expected a dollar amount such as $37,710, $20.59 or $46K at {rest[:20]!r}, found {self.text!r}")
        self.position += match.end()
        value = _scaled(match.group("number"), match.group("k") or match.group("scale"))
        unit_match = _MONEY_UNIT.match(self.rest())
        unit = None
        if unit_match:
            self.position += unit_match.end()
            unit = _UNIT_OF_PHRASE[_normal_phrase(unit_match.group("unit"))]
        return _End(value, unit, qualifier)

    def at_end(self) -> bool:
        self.skip_spaces()
        return self.position == len(self.text)


def _check_hint(printed: str | None, hint: str | None, text: str) -> str:
    """The unit of an amount: the printed one, else the hint; a hint that contradicts the print is an error."""
    if printed is not None and hint is not None and printed != hint:
        raise ParseError(f"expected the unit hint ({hint}) to agree with the unit printed ({printed}) in {text!r}")
    unit = printed or hint
    if unit is None:
        raise ParseError(f"expected a unit ({_UNIT_NAMES}, ...) or a unit hint for {text!r}")
    return unit


_RANGE_FORMS = {  # opening words -> the words that must join the two ends
    "between": ("and",), "from": ("to",),
    "start at": ("and go up to",), "starts at": ("and go up to", "and goes up to"), "starting at": ("and going up to",),
}
_RANGE_JOINS = ("to", "-", "–", "—")
_PAIR_JOINS = (",", ";", "or", "(")


def parse_money(text: str, unit_hint: str | None = None) -> list[Observation]:
    """Dollar figures: a single amount, a pair in two units, or a range (forms: module docstring).

    ``"$27.92 / hr $58,080 / yr"`` gives two observations (hourly, annual);
    ``"as low as $21,000 to as high as $55,000"`` gives low and high ends.
    A printed unit wins only when it agrees with ``unit_hint``; the hint is used where no unit is printed.
    """
    if unit_hint is not None and unit_hint not in MONEY_UNITS:
        raise ParseError(f"expected a money unit {MONEY_UNITS} as the hint, found {unit_hint!r} for {text!r}")
    cursor = _Cursor(text.strip())
    qualifier, after = split_qualifier(cursor.text)
    cursor.position = len(cursor.text) - len(after)
    opening = cursor.word(*_RANGE_FORMS)
    first = cursor.end()
    if cursor.at_end():
        if opening:
            raise ParseError(f"expected a second amount after '{opening} {text[cursor.position:]}', found the end of {text!r}")
        return [Observation(None, first.value, _check_hint(first.unit, unit_hint, text), first.qualifier or qualifier)]
    join = cursor.word(*_RANGE_FORMS[opening]) if opening else _range_join(cursor)
    if join is not None:
        second = cursor.end()
        _finish(cursor, text)
        return _range(first, second, qualifier, join, unit_hint, text)
    if opening:
        raise ParseError(f"expected {' or '.join(map(repr, _RANGE_FORMS[opening]))} after the first amount of "
                         f"'{opening} …', found {cursor.rest()!r} in {text!r}")
    bracket = _pair_join(cursor)
    if bracket is None and not cursor.rest().startswith("$"):
        raise ParseError(f"expected a unit ({_UNIT_NAMES}, ...), a scale ('K', 'thousand', 'million'), a range ('to', '-', '–') "
                         f"or a second amount after the first amount, found {cursor.rest()!r} in {text!r}")
    second = cursor.end()
    if bracket == "(":
        cursor.skip_spaces()
        if not cursor.rest().startswith(")"):
            raise ParseError(f"expected ')' after the second amount, found {cursor.rest()!r} in {text!r}")
        cursor.position += 1
    _finish(cursor, text)
    return _pair(first, second, qualifier, unit_hint, text)


def _range_join(cursor: _Cursor) -> str | None:
    cursor.skip_spaces()
    for join in _RANGE_JOINS:
        if join.isalpha():
            found = cursor.word(join)
            if found:
                return found
        elif cursor.rest().startswith(join):
            cursor.position += len(join)
            return join
    return None


def _pair_join(cursor: _Cursor) -> str | None:
    cursor.skip_spaces()
    for join in _PAIR_JOINS:
        if join.isalpha():
            if cursor.word(join):
                return join
        elif cursor.rest().startswith(join):
            cursor.position += len(join)
            return join
    return None


def _finish(cursor: _Cursor, text: str) -> None:
    if not cursor.at_end():
        raise ParseError(f"expected the printed item to end after the last amount and its unit, found {cursor.rest()!r} "
                         f"in {text!r} (a unit or scale not listed in src/mrt/parse.py is never dropped)")


def _range(low: _End, high: _End, qualifier: str | None, join: str, hint: str | None, text: str) -> list[Observation]:
    if low.unit and high.unit and low.unit != high.unit:
        raise ParseError(f"expected both ends of a range in one unit, found {low.unit} and {high.unit} in {text!r}")
    unit = _check_hint(low.unit or high.unit, hint, text)
    if low.value > high.value:
        raise ParseError(f"expected the low end first, found {low.value:g} > {high.value:g} in {text!r}")
    high_qualifier = "up to" if join.endswith("up to") else high.qualifier
    # A qualifier printed before the whole range belongs to its first end ("as low as $22,700 to ...");
    # only "about" ("about $40,000 to $50,000") describes both ends.
    return [Observation("low", low.value, unit, low.qualifier or qualifier),
            Observation("high", high.value, unit, high_qualifier or (qualifier if qualifier == "about" else None))]


def _pair(first: _End, second: _End, qualifier: str | None, hint: str | None, text: str) -> list[Observation]:
    if first.unit is None or second.unit is None or first.unit == second.unit:
        raise ParseError(f"expected a pair of amounts in two different printed units (such as hourly and annual), "
                         f"found units {[first.unit, second.unit]} in {text!r}")
    if hint is not None and hint not in (first.unit, second.unit):
        raise ParseError(f"expected the unit hint ({hint}) to be one of the units printed ({first.unit}, {second.unit}) in {text!r}")
    return [Observation(PART_BY_MONEY_UNIT[end.unit], end.value, end.unit, end.qualifier or qualifier) for end in (first, second)]


# Percentages and shares -------------------------------------------------------------------------

_PERCENT_SIGN = r"(?:%|\s*percent|\s*per\s+cent)"


def parse_percent(text: str) -> Observation:
    """``"22%"``, ``"13 percent"``, ``"-3%"``, ``"Almost 20 percent"``, ``"more than one-quarter"``,
    ``"one in four"`` (25), ``"more than half"`` (50, qualifier "more than")."""
    qualifier, rest = split_qualifier(text)
    match = re.fullmatch(r"(?P<sign>[-−+]?)(?P<num>[\d.,]+)" + _PERCENT_SIGN, rest, re.IGNORECASE)
    if match:
        value = parse_number(match.group("num"))
        return Observation(None, -value if match.group("sign") in ("-", "−") else value, "percent", qualifier)
    match = re.fullmatch(r"(?P<words>[a-z][a-z\s-]*?)" + _PERCENT_SIGN, rest, re.IGNORECASE)
    if match:
        return Observation(None, parse_number_words(match.group("words")), "percent", qualifier)
    match = re.fullmatch(r"(?:(?P<count>[a-z]+)[\s-]+)?(?P<fraction>" + "|".join(FRACTIONS) + ")", rest, re.IGNORECASE)
    if match:
        count = match.group("count")
        number = 1.0 if count is None or count.lower() == "a" else parse_number_words(count)
        fraction = match.group("fraction").lower()
        if (number == 1) != (not fraction.endswith("s")):
            raise ParseError(f"expected 'one {fraction.rstrip('s')}' or 'two {fraction.rstrip('s')}s'-style agreement, found {text!r}")
        return _share(number * FRACTIONS[fraction], text, qualifier)
    match = re.fullmatch(r"(?P<part>[\w-]+)\s+(?:in|out\s+of)\s+(?P<whole>[\w-]+)", rest, re.IGNORECASE)
    if match:
        part, whole = parse_number_or_words(match.group("part")), parse_number_or_words(match.group("whole"))
        if whole == 0:
            raise ParseError(f"expected a share of a whole greater than zero, found {text!r}")
        return _share(100 * part / whole, text, qualifier)
    raise ParseError(f"expected a percentage such as 22%, 13 percent, one-quarter or one in four, found {text!r}")


def _share(value: float, text: str, qualifier: str | None) -> Observation:
    if value > 100:
        raise ParseError(f"expected a share of at most 100 percent, found {text!r}")
    return Observation(None, round(value, 2), "percent", qualifier)


def looks_like_percent(text: str) -> bool:
    """Whether the text prints a percentage or a share (a sign, the word, a fraction word, 'one in four')."""
    return bool(re.search(r"%|\bper ?cent\b|\b(" + "|".join(FRACTIONS) + r")\b|^\s*[\w-]+\s+(in|out\s+of)\s+[\w-]+\s*$",
                          text, re.IGNORECASE))


# Counts ----------------------------------------------------------------------------------------

def parse_count(text: str, unit: str) -> Observation:
    """A count of people, jobs or things: ``"204,220"``, ``"about 28,000"``, ``"28K"``, ``"1.2 million"``,
    ``"two"``, and the order of magnitude ``"tens of thousands"`` (kept as at least 10,000, qualifier "tens of")."""
    if unit not in COUNT_UNITS:
        raise ParseError(f"expected a count unit {COUNT_UNITS}, found {unit!r} for {text!r}")
    match = re.fullmatch(r"tens of (thousands|millions)", text.strip(), re.IGNORECASE)
    if match:
        return Observation(None, 10.0 * SCALES[match.group(1).lower().removesuffix("s")], unit, "tens of")
    qualifier, rest = split_qualifier(text)
    if rest[:1] in ("-", "−"):
        raise ParseError(f"expected a count, which is never negative, found {text!r}")
    match = re.fullmatch(r"(?P<number>[\d.,]*\d)(?:(?P<k>[kK])|\s+(?P<scale>thousand|million))?", rest, re.IGNORECASE)
    if match:
        value = _scaled(match.group("number"), match.group("k") or match.group("scale"))
    elif rest[:1].isdigit():
        raise ParseError(f"expected a count such as 204,220, 28K or 1.2 million, found {text!r}")
    else:
        value = parse_number_words(rest)
    if not value.is_integer():
        raise ParseError(f"expected a whole number of {unit}, found {text!r} ({value:g})")
    return Observation(None, value, unit, qualifier)


# Durations -------------------------------------------------------------------------------------

_DURATION_UNIT = r"(?P<unit{n}>months?|years?)"
_QUANTITY = r"(?P<num{n}>an?|[\d.]+|[a-z]+(?:-[a-z]+)?)"


def _duration_value(number: str, unit: str) -> tuple[float, str]:
    """``("a", "year")`` -> (12, "months"); ``("two", "years")`` -> (2, "years")."""
    unit = "months" if unit.startswith("month") else "years"
    if number in ("a", "an"):
        return (12.0, "months") if unit == "years" else (1.0, "months")
    return parse_number_or_words(number), unit


def parse_duration(text: str, unit_hint: str | None = None) -> list[Observation]:
    """``"as few as 12 months"``, ``"less than a year"`` (12 months), ``"10 year"``, ``"two years"``,
    ``"twenty-four months"`` (a number in words is one word or hyphenated), a bare ``"12"`` with a unit hint,
    ``"a matter of months"`` (no number: value None, qualifier "a matter of"), and ranges
    ``"18 to 24 months"`` / ``"18-24 months"`` / ``"between one and two years"`` (low and high)."""
    if unit_hint is not None and unit_hint not in DURATION_UNITS:
        raise ParseError(f"expected a duration unit {DURATION_UNITS} as the hint, found {unit_hint!r} for {text!r}")
    lowered = text.strip().lower()
    match = re.fullmatch(r"a matter of (months|years)", lowered)
    if match:
        return [Observation(None, None, _agree(match.group(1), unit_hint, text), "a matter of")]
    qualifier, rest = split_qualifier(lowered)
    if unit_hint is not None and re.fullmatch(r"[\d.,]+|[a-z]+(?:-[a-z]+)?", rest):  # "12" with the hint "months"
        return [Observation(None, parse_number_or_words(rest), unit_hint, qualifier)]
    single = re.fullmatch(_QUANTITY.format(n=1) + r"[\s-]+" + _DURATION_UNIT.format(n=1) + r"(?:\s+period)?", rest)
    if single:
        value, unit = _duration_value(single.group("num1"), single.group("unit1"))
        return [Observation(None, value, _agree(unit, unit_hint, text), qualifier)]
    span = re.fullmatch(r"(?P<open>between\s+|from\s+)?" + _QUANTITY.format(n=1) + r"(?:\s+" + _DURATION_UNIT.format(n=1) + r")?"
                        r"\s*(?P<join>to|and|-|–|—)\s*" + _QUANTITY.format(n=2) + r"[\s-]+" + _DURATION_UNIT.format(n=2), rest)
    if span and _span_words_agree(span.group("open"), span.group("join")):
        high, high_unit = _duration_value(span.group("num2"), span.group("unit2"))
        low, low_unit = _duration_value(span.group("num1"), span.group("unit1") or span.group("unit2"))
        if low_unit != high_unit:  # "6 months to a year": both in months
            low, high = (low * 12, high) if low_unit == "years" else (low, high * 12)
            low_unit = high_unit = "months"
        if low > high:
            raise ParseError(f"expected the shorter duration first, found {low:g} > {high:g} in {text!r}")
        unit = _agree(high_unit, unit_hint, text)
        return [Observation("low", low, unit, qualifier), Observation("high", high, unit, qualifier)]
    raise ParseError(f"expected a duration in months or years such as '12 months', 'less than a year' or "
                     f"'18 to 24 months', found {text!r}")


def _span_words_agree(opening: str | None, join: str) -> bool:
    """'between' goes with 'and', 'from' with 'to'; 'and' needs 'between'."""
    opening = (opening or "").strip()
    return {"between": join == "and", "from": join == "to"}.get(opening, join != "and")


def _agree(unit: str, hint: str | None, text: str) -> str:
    if hint is not None and hint != unit:
        raise ParseError(f"expected {hint} from the unit hint, found {unit} in {text!r}")
    return unit


# Ranks -----------------------------------------------------------------------------------------

_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def _ordinal_suffix(n: int) -> str:
    """1 -> st, 2 -> nd, 3 -> rd, 11-13 -> th, 21 -> st, ..."""
    return "th" if n % 100 in (11, 12, 13) else _ORDINAL_SUFFIX.get(n % 10, "th")


def parse_rank(text: str) -> Observation:
    """A place in a ranked list: the list marker ``"1."`` (numbering), ``"3rd"``, ``"No. 3"``, ``"#3"``,
    a bare ``"3"``, or ``"top 12"`` (somewhere in the first 12, qualifier "top")."""
    stripped = text.strip()
    qualifier, numbering = None, False
    if match := re.fullmatch(r"(\d+)\.", stripped):
        number, numbering = match.group(1), True
    elif match := re.fullmatch(r"(\d+)(st|nd|rd|th)", stripped, re.IGNORECASE):
        number = match.group(1)
        if match.group(2).lower() != _ordinal_suffix(int(number)):
            raise ParseError(f"expected {number}{_ordinal_suffix(int(number))}, found {text!r}")
    elif match := re.fullmatch(r"(?:no\.?\s*|number\s+|#\s*)(\d+)", stripped, re.IGNORECASE):
        number = match.group(1)
    elif match := re.fullmatch(r"top\s+(\S+)", stripped, re.IGNORECASE):
        number, qualifier = match.group(1), "top"
    elif re.fullmatch(r"\d+", stripped):
        number = stripped
    else:
        raise ParseError(f"expected a rank such as '1.', '3rd', 'No. 3', '#3' or 'top 12', found {text!r}")
    value = parse_number_or_words(number)
    if value < 1 or not value.is_integer():
        raise ParseError(f"expected a rank that is a whole number from 1, found {text!r}")
    return Observation(None, value, "rank", qualifier, numbering)


_RANK_FORM = re.compile(r"\d+\.|\d+(?:st|nd|rd|th)|(?:no\.?\s*|number\s+|#\s*)\d+|top\s+\S+", re.IGNORECASE)


# Periods ---------------------------------------------------------------------------------------

def parse_period(text: str) -> tuple[int | None, int | None]:
    """``"in 2013"`` -> (2013, 2013); ``"from 2016 to 2026"`` -> (2016, 2026); ``""`` -> (None, None)."""
    stripped = text.strip()
    if not stripped:
        return None, None
    single = re.fullmatch(r"(?:in\s+)?(\d{4})", stripped, re.IGNORECASE)
    span = re.fullmatch(r"(?:(?P<open>between|from)\s+)?(\d{4})\s*(?P<join>and|to|-|–)\s*(\d{4})", stripped, re.IGNORECASE)
    if span and not _span_words_agree((span.group("open") or "").lower(), span.group("join").lower()):
        span = None
    if not (single or span):
        raise ParseError(f"expected a year ('in 2013') or a period ('from 2016 to 2026', '2016-2026'), found {text!r}")
    if single:
        start = end = int(single.group(1))
    else:
        start, end = int(span.group(2)), int(span.group(4))
    if not (YEAR_MIN <= start <= YEAR_MAX and YEAR_MIN <= end <= YEAR_MAX):
        raise ParseError(f"expected years from {YEAR_MIN} to {YEAR_MAX}, found {text!r}")
    if start > end:
        raise ParseError(f"expected the period to start before it ends, found {text!r}")
    return start, end


# Dispatch --------------------------------------------------------------------------------------

def parse_item(as_printed: str, unit_hint: str | None = None) -> list[Observation]:
    """Read one printed item into one or two observations.

    The kind of figure is read from the text where it shows (a dollar sign, a
    percent sign or word, a rank form, a month or year); otherwise the transcriber's
    unit hint says what a bare number counts (``rank``, ``persons``, ...). A hint that
    contradicts what the text prints is an error.
    """
    hint = unit_hint or None
    if hint is not None and hint not in UNITS:
        raise ParseError(f"expected a unit hint from {UNITS}, found {hint!r}")
    if "$" in as_printed:
        return parse_money(as_printed, hint)
    if looks_like_percent(as_printed):
        if hint not in (None, "percent"):
            raise ParseError(f"expected the unit hint to be empty or 'percent' for the percentage {as_printed!r}, found {hint!r}")
        return [parse_percent(as_printed)]
    if hint == "rank" or _RANK_FORM.fullmatch(as_printed.strip()):
        if hint not in (None, "rank"):
            raise ParseError(f"expected the unit hint to be empty or 'rank' for the rank {as_printed!r}, found {hint!r}")
        return [parse_rank(as_printed)]
    if re.search(r"\b(months?|years?)\b", as_printed, re.IGNORECASE) or hint in DURATION_UNITS:
        return parse_duration(as_printed, hint)
    if hint in COUNT_UNITS:
        return [parse_count(as_printed, hint)]
    raise ParseError(f"cannot tell what {as_printed!r} measures: expected a $ amount, a percentage, "
                     f"a rank, a duration, or a unit hint from {UNITS}")


def describe(observations: list[Observation]) -> str:
    """What a parser read, in words: ``"low 12.41 usd_per_hour; high 31.06 usd_per_hour (up to)"``."""
    parts = []
    for obs in observations:
        value = "no number" if obs.value is None else f"{obs.value:,.10g}"
        text = " ".join(filter(None, [obs.part, value, obs.unit]))
        parts.append(text + (f" ({obs.qualifier})" if obs.qualifier else "") + (" (list numbering)" if obs.numbering else ""))
    return "; ".join(parts)


def attempt(as_printed: str, unit_hint: str | None = None) -> dict[str, str | None]:
    """Try to read a printed item, for showing the parsers at work: what was read, or why it was refused."""
    try:
        return {"as_printed": as_printed, "read": describe(parse_item(as_printed, unit_hint)), "refused": None}
    except ParseError as error:
        return {"as_printed": as_printed, "read": None, "refused": str(error)}
