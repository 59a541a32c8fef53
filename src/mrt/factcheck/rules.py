"""The fact-check's rules: closed sets of verdicts, readings and time frames, the tolerances a caller may change
(:class:`Rules`), the range of true values a printed figure allows (:class:`Range`), and what a check reads and
returns (:class:`Claim`, :class:`Evidence`, :class:`Result`) with the year a claim is judged at (:func:`time_frame`).

The rules are stated once, in the docstring of :mod:`mrt.factcheck`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from decimal import Decimal
import math

import pandas as pd

from mrt.vocab import ENTRY_STANCES, VERDICTS


# Closed sets (CHECKS and VERDICTS are declared in mrt.vocab) --------------------------------------------

AGREEING = ("matches_record", "rounded")  # verdicts that count as agreeing with the record
NOT_CHECKABLE = "not_checkable"
# Each verdict's group (for counting and the chart): agrees, partly, disagrees (as printed), not_checkable.
VERDICT_GROUPS = {"matches_record": "agrees", "rounded": "agrees", "partly_supported": "partly", "outdated": "disagrees",
                  "mislabelled": "disagrees", "overstated": "disagrees", "understated": "disagrees", "contradicted": "disagrees",
                  "not_checkable": "not_checkable"}
if tuple(VERDICT_GROUPS) != VERDICTS:  # pragma: no cover - a programming error, caught on import
    raise RuntimeError("factcheck: VERDICT_GROUPS must name every verdict of VERDICTS, in order")

OWN_STEP, LAST_DIGIT = "own_rounding_step", "last_digit"
PLURALITY, MAJORITY = "plurality", "majority"
# Growth words: HANDBOOK_WORDING reads notebook 03's verdict code, which since issue 16 judges the words against the Handbook's
# own word for the same outlook (its published bands are only an alternative there). PROJECT_RATIO is the project's ratio
# rule (Rules.much_faster_ratio).
HANDBOOK_WORDING, PROJECT_RATIO = "handbook_wording", "project_ratio"
MEDIAN, MEAN = "median", "mean"
EDITION_OF_TIME, ANY_EDITION = "edition_of_its_time", "any_edition"
NO_READING = "not_applicable"
READINGS = (OWN_STEP, LAST_DIGIT, PLURALITY, MAJORITY, HANDBOOK_WORDING, PROJECT_RATIO, MEDIAN, MEAN, EDITION_OF_TIME,
            ANY_EDITION, NO_READING)

GUIDE_DATE, LATEST_RECORD = "guide_date", "latest_record"
TIME_FRAMES = (GUIDE_DATE, LATEST_RECORD)  # how an undated claim is placed in time (Rules.time_frame)
PRINTED, TIMELESS = "printed", "timeless"
TIME_BASES = (PRINTED, GUIDE_DATE, LATEST_RECORD, TIMELESS)  # where the year a claim is judged at comes from


# growth_wording.csv (notebook 03) gives each comparison word a verdict code from growth.py's closed set.
# "cannot_tell" (the Handbook's own word for that outlook was not found) is not checkable with this data.
GROWTH_WORDING_VERDICTS = {"supported": "matches_record", "overstated": "overstated", "understated": "understated",
                           "contradicted": "contradicted", "cannot_tell": NOT_CHECKABLE}
QUALIFIERS_READ = (None, "about", "more than", "at least", "almost", "less than", "up to")
PRESCRIPTIVE_STANCES = ENTRY_STANCES  # judged by the Handbook's typical entry education of the time



class FactCheckError(ValueError):
    """A claim the checks cannot read: the message names the claim, its guide line and what was expected."""


# Rules: every reading and tolerance a caller may change --------------------------------------------

@dataclass(frozen=True)
class Rules:
    share_step: str = OWN_STEP  # how a printed share's rounding is read: OWN_STEP or LAST_DIGIT
    most: str = MAJORITY  # "most work in X": MAJORITY (more than half, the default) or PLURALITY (more than any other setting)
    growth_words: str = HANDBOOK_WORDING  # growth words: the Handbook's own word for the same outlook (notebook 03's code), or the project's ratio rule
    much_faster_ratio: float = 2.0  # the project's ratio rule: "much faster" = at least this many times the average
    time_frame: str = GUIDE_DATE  # an undated claim: judged at its guide's date or against the latest record
    pay_measure: str = MEDIAN  # "pays well": the occupation's median against all occupations' median, or mean with mean
    education_edition: str = EDITION_OF_TIME  # a route said to suffice: only the edition of its time, or any edition

    def __post_init__(self):
        allowed = {"share_step": (OWN_STEP, LAST_DIGIT), "most": (PLURALITY, MAJORITY),
                   "growth_words": (HANDBOOK_WORDING, PROJECT_RATIO), "time_frame": TIME_FRAMES, "pay_measure": (MEDIAN, MEAN),
                   "education_edition": (EDITION_OF_TIME, ANY_EDITION)}
        for name, values in allowed.items():
            if getattr(self, name) not in values:
                raise ValueError(f"Rules.{name}: expected one of {values}, found {getattr(self, name)!r}")
        ratio = self.much_faster_ratio
        if isinstance(ratio, bool) or not isinstance(ratio, (int, float)) or not math.isfinite(ratio) or ratio <= 1:
            raise ValueError(f"Rules.much_faster_ratio: expected a finite number above 1, found {ratio!r}")


# Ranges of true values -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Range:
    """The true values a printed figure allows: low to high, each end closed unless marked open."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def __post_init__(self):
        if self.low > self.high or (self.low == self.high and (self.low_open or self.high_open)):
            raise ValueError(f"empty range: {self.low} to {self.high}")

    def __contains__(self, value: float) -> bool:
        return not self.is_above(value) and not self.is_below(value)

    def is_above(self, value: float) -> bool:
        """Every value in the range is above ``value``."""
        return value < self.low or (value == self.low and self.low_open)

    def is_below(self, value: float) -> bool:
        """Every value in the range is below ``value``."""
        return value > self.high or (value == self.high and self.high_open)


def decimals_of(value: float) -> int:
    """Decimal places a number is written with (``37.4`` -> 1, ``40.0`` -> 0)."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def printed_step(value: float) -> float:
    """The rounding step a printed number allows, read from its digits: the largest power of ten
    dividing it (``40`` -> 10, ``36`` -> 1, ``28000`` -> 1000, ``37.4`` -> 0.1, ``20.59`` -> 0.01).
    The same rule reads the guides' pay figures. (A trailing zero after the decimal point is not
    printed in a float, and does not change the step: ``20.50`` and ``20.5`` both give 0.1.)"""
    places = decimals_of(value)
    units = round(abs(value) * 10 ** places)
    step = 1
    while units and units % (step * 10) == 0:
        step *= 10
    return step / 10 ** places


def last_digit_step(value: float, decimals: int | None = None) -> float:
    """The strict reading: the last printed digit is exact (``40`` -> 1, ``37.4`` -> 0.1)."""
    places = decimals_of(value) if decimals is None else decimals
    return 1 / 10 ** places


def printed_range(value: float, qualifier: str | None, step: float, floor: float = -math.inf,
                  ceiling: float = math.inf) -> Range:
    """Every true value a printed figure allows, given its rounding step and qualifier.

    ``40`` at step 10 -> 35 to 45; "more than 25" -> above 25 up to ``ceiling``; "almost 20" at step 10
    -> 15 to 20; "at least", "less than", "up to" likewise. An unknown qualifier is an error.
    """
    half = step / 2
    if qualifier is None or qualifier == "about":
        return Range(value - half, value + half)
    if qualifier == "more than":
        return Range(value, ceiling, low_open=True)
    if qualifier == "at least":
        return Range(value, ceiling)
    if qualifier == "almost":
        return Range(value - half, value)
    if qualifier == "less than":
        return Range(floor, value, high_open=True)
    if qualifier == "up to":
        return Range(floor, value)
    raise ValueError(f"no reading for the qualifier {qualifier!r}; expected one of {QUALIFIERS_READ}")


def fingerprint(frame: pd.DataFrame) -> bytes:
    """A fingerprint of a table's contents: every row's hash, with the column names and types."""
    hashed = pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
    return hashed + repr([(str(c), str(t)) for c, t in frame.dtypes.items()]).encode()


# Time frames -------------------------------------------------------------------------------------------

def guide_years(figures: pd.DataFrame) -> dict[str, int]:
    """Each guide's own date, read from its figures: the latest year any dated figure is for
    (a projection counts by its base year). A guide with no dated figure is left out."""
    dated = figures[figures["year_start"].notna()]
    return {g: int(y) for g, y in dated.groupby("guide_file")["year_start"].max().items()}


def years_in_frame(years: Iterable[int], year: int | None) -> tuple[int, ...]:
    """The record years to judge a claim of ``year`` by: that year if the record has it, else the nearest
    record year on each side; the latest record year when the claim has no year."""
    known = sorted({int(y) for y in years})
    if not known:
        return ()
    if year is None:
        return (known[-1],)
    if year in known:
        return (year,)
    before = [y for y in known if y < year]
    after = [y for y in known if y > year]
    return tuple(before[-1:] + after[:1])


def edition_of_time(ooh: pd.DataFrame, year: int | None) -> pd.Series | None:
    """The Handbook edition a guide of ``year`` could read: the latest whose pay year is not after it
    (the latest edition for an undated guide; None for a guide older than every edition)."""
    ordered = ooh.sort_values("wage_year")
    if year is not None:
        ordered = ordered[ordered["wage_year"] <= year]
    return None if ordered.empty else ordered.iloc[-1]


# Results -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    """What a check found: numbers and codes only."""

    verdict: str
    reading: str = NO_READING
    guide_value: float | None = None
    guide_range: Range | None = None
    record_value: float | None = None
    record_year: int | None = None
    record_source_keys: tuple[str, ...] = ()
    unit: str | None = None
    judged_at: int | None = None  # the year the claim is judged at
    time_basis: str = TIMELESS
    subject: str | None = None  # the setting or route the claim is about, when it has one
    facts: Mapping[str, object] = field(default_factory=dict)  # check-specific values for the evidence

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}; expected one of {VERDICTS}")
        if self.reading not in READINGS:
            raise ValueError(f"unknown reading {self.reading!r}; expected one of {READINGS}")
        if self.time_basis not in TIME_BASES:
            raise ValueError(f"unknown time basis {self.time_basis!r}; expected one of {TIME_BASES}")


@dataclass(frozen=True)
class Evidence:
    """The processed tables the checks read (only the columns the notebooks' contracts keep)."""

    figures: pd.DataFrame
    provenance: pd.DataFrame  # wage_provenance.csv
    pairs: pd.DataFrame  # hourly_annual_checks.csv
    wording: pd.DataFrame  # growth_wording.csv
    projections: pd.DataFrame  # bls_projections.csv (published figures only: no implied change)
    settings: pd.DataFrame  # employment_by_setting.csv
    ooh: pd.DataFrame  # bls_ooh_editions.csv
    employment: pd.DataFrame  # bls_employment.csv
    bls_wages: pd.DataFrame
    guide_education: pd.DataFrame
    costs: pd.DataFrame  # education_costs_and_pay.csv
    all_occupations_pay: pd.DataFrame  # bls_all_occupations_pay.csv

    # Worked out once per Evidence (the checks ask for them claim after claim, under every set of rules); the tables are
    # read, never changed, so what is worked out from them stays true.
    @cached_property
    def figure_rows(self) -> dict[str, list[int]]:
        """Where each figure id's rows are in ``figures`` (positions, in order)."""
        rows: dict[str, list[int]] = {}
        for position, figure_id in enumerate(self.figures["figure_id"]):
            rows.setdefault(figure_id, []).append(position)
        return rows

    @cached_property
    def guide_dates(self) -> dict[str, int]:
        """:func:`guide_years` of ``figures``."""
        return guide_years(self.figures)

    @cached_property
    def fingerprint(self) -> tuple[bytes, ...]:
        """:func:`fingerprint` of every table, in the order of the fields."""
        return tuple(fingerprint(getattr(self, f.name)) for f in fields(self))


@dataclass(frozen=True)
class Claim:
    """One row of guide_claims.csv."""

    claim_id: str
    guide_file: str
    line: int
    source_key: str
    as_printed: str
    topic: str
    check: str
    figure_ids: tuple[str, ...]
    claim: str

    @classmethod
    def from_row(cls, row) -> Claim:
        ids = () if pd.isna(row.figure_ids) else tuple(filter(None, str(row.figure_ids).split(";")))
        return cls(row.claim_id, row.guide_file, int(row.line), row.source_key, row.as_printed, row.topic, row.check, ids, row.claim)

    def fail(self, expected: str) -> FactCheckError:
        return FactCheckError(f"guide_claims.csv claim {self.claim_id} ({self.source_key}, check {self.check!r}): {expected}")


# Shared helpers ----------------------------------------------------------------------------------------

def _number(value) -> float | None:
    return None if pd.isna(value) else float(value)


def _year(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _figures(claim: Claim, ev: Evidence) -> pd.DataFrame:
    """The rows of ``figures`` with the claim's figure ids, in the table's order."""
    wanted = set(claim.figure_ids)
    missing = sorted(wanted - set(ev.figure_rows))
    if missing:
        raise claim.fail(f"expected figures {missing} in figures.csv")
    return ev.figures.iloc[sorted(p for figure_id in wanted for p in ev.figure_rows[figure_id])]


def _one_figure(claim: Claim, ev: Evidence) -> pd.Series:
    if not claim.figure_ids:
        raise claim.fail("expected a figure id in column figure_ids")
    return _figures(claim, ev)[lambda f: f["figure_id"] == claim.figure_ids[0]].iloc[0]


def _printed(fig: pd.Series) -> tuple[float, str | None, Range]:
    """A figure's value, qualifier and the range it stands for at its own rounding step."""
    value = float(fig["value"])
    qualifier = fig["qualifier"] if pd.notna(fig["qualifier"]) else None
    return value, qualifier, printed_range(value, qualifier, printed_step(value))


def time_frame(claim: Claim, ev: Evidence, rules: Rules) -> tuple[int | None, str]:
    """(year the claim is judged at, where that year comes from)."""
    printed = _figures(claim, ev)["year_start"].dropna() if claim.figure_ids else pd.Series(dtype="Int64")
    if len(printed):
        return int(printed.max()), PRINTED
    if rules.time_frame == LATEST_RECORD:
        return None, LATEST_RECORD
    year = ev.guide_dates.get(claim.guide_file)
    return (year, GUIDE_DATE) if year is not None else (None, LATEST_RECORD)
