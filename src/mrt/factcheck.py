"""Fact-check rules: each check returns numbers and a verdict code, never a sentence.

Every claim in ``guide_claims.csv`` names a check (:data:`CHECKS`). A check compares the claim's
printed figures (or words) with the BLS record the other notebooks cleaned, and returns a
:class:`Result`: the verdict code (:data:`VERDICTS`), the reading of the claim it used
(:data:`READINGS`), the guide's value and the range of true values it allows, the record's value,
year and rows, the year the claim is judged at, and named facts for the evidence. The fact-check
notebook composes every sentence from those values; nothing here says "consistent with".

The rules, stated once:

- **One rounding rule for every printed number.** A printed number allows every value that rounds
  to it at its own step, read from its digits: the largest power of ten that divides it
  (``40`` -> 10, so 35 to 45; ``$39,000`` -> 1,000; ``13`` -> 1; ``$20.59`` -> one cent).
  The strict reading (:data:`LAST_DIGIT`) takes the last printed digit as exact (``40`` -> 39.5 to 40.5).
  A qualifier moves the range: "more than X" is above X, "almost X" is the lower half of X's
  rounding range up to X (:func:`printed_range`).
- **A record that covers only part of a setting is a lower bound**, never a contradiction: the true
  share is at least that high (``partial_settings`` in occupation.toml).
- **A claim is judged in its own time frame**: the year it prints, or else the guide's own date, read
  from its figures (the latest year any of them is for); a claim from a guide with no dated figure is
  judged against the latest record. Shares are compared with the records nearest that year on each
  side (:func:`years_in_frame`); education with the Handbook edition of the time (:func:`edition_of_time`),
  never a later one, unless :attr:`Rules.education_edition` allows any edition.
- **"Most"** means a majority (more than half) by default; a plurality (more than any other setting) is the
  alternative: :attr:`Rules.most`. Exactly half is not a majority; a tie is not a plurality.
- Tolerances and readings are parameters (:class:`Rules`), never module globals a caller must mutate.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal

import pandas as pd

from mrt import occupation
from mrt.education.routes import OOH_CATEGORY_ROUTE, WORDING_ROUTE
from mrt.vocab import CHECKS, ENTRY_STANCES, VERDICTS

# Closed sets (CHECKS and VERDICTS are declared in mrt.vocab) --------------------------------------------

AGREEING = ("matches_record", "rounded")  # verdicts that count as agreeing with the record
NOT_CHECKABLE = "not_checkable"
# Each verdict's group (for counting and the chart): agrees, partly, disagrees (as printed), not_checkable.
VERDICT_GROUPS = {"matches_record": "agrees", "rounded": "agrees", "partly_supported": "partly", "outdated": "disagrees",
                  "mislabelled": "disagrees", "overstated": "disagrees", "understated": "disagrees", "contradicted": "disagrees",
                  "not_checkable": "not_checkable"}

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
    rows = ev.figures[ev.figures["figure_id"].isin(claim.figure_ids)]
    missing = sorted(set(claim.figure_ids) - set(rows["figure_id"]))
    if missing:
        raise claim.fail(f"expected figures {missing} in figures.csv")
    return rows


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
    year = guide_years(ev.figures).get(claim.guide_file)
    return (year, GUIDE_DATE) if year is not None else (None, LATEST_RECORD)


def _verdict_for_agreement(printed: float, qualifier: str | None, records: Iterable[float]) -> str:
    """An agreeing plain number equal to every record matches; one that differs is correctly rounded;
    a bound ("more than", "almost") that holds matches."""
    if qualifier in (None, "about") and any(r != printed for r in records):
        return "rounded"
    return "matches_record"


# Pay ---------------------------------------------------------------------------------------------------

def _latest_wage(bls_wages: pd.DataFrame, statistic: str, unit: str) -> dict:
    """The newest OEWS figure of a statistic (its year, value, code and comparability); all None if there is none."""
    rows = bls_wages[(bls_wages["statistic"] == statistic) & (bls_wages["unit"] == unit) & bls_wages["value"].notna()]
    if rows.empty:
        return {"latest_year": None, "latest_value": None, "latest_soc_code": None, "latest_comparable": None}
    latest = rows.sort_values("year").iloc[-1]
    return {"latest_year": int(latest["year"]), "latest_value": float(latest["value"]), "latest_soc_code": latest["soc_code"],
            "latest_comparable": latest["comparable_to_reference_code"]}


def check_wage(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """A national pay figure against the OEWS release notebook 02 matched it to (wage_provenance.csv).

    Facts: ``parts`` (part, printed value, BLS statistic, BLS value per row), ``is_range``, ``year_printed``,
    ``latest_year``/``latest_value``/``latest_soc_code``/``latest_comparable`` (the newest OEWS figure of the same statistic).
    """
    rows = ev.provenance[ev.provenance["figure_id"].isin(claim.figure_ids)]
    year, basis = time_frame(claim, ev, rules)
    if rows.empty or rows["bls_year"].isna().any():
        value = None if rows.empty else _number(rows["value"].iloc[0])
        return Result(NOT_CHECKABLE, OWN_STEP, guide_value=value, judged_at=year, time_basis=basis,
                      unit=None if rows.empty else rows["unit"].iloc[0])
    first = rows.iloc[0]
    unit, bls_year = first["unit"], int(first["bls_year"])
    ranges = [printed_range(float(v), None, printed_step(float(v))) for v in rows["value"]]
    values, records = [float(v) for v in rows["value"]], [float(v) for v in rows["bls_value"]]
    facts = {"parts": tuple(zip(rows["part"].tolist(), values, rows["bls_statistic"].tolist(), records)),
             "is_range": bool(rows["part"].isin(["low", "high"]).any()), "year_printed": _year(first["year_printed"]),
             **_latest_wage(ev.bls_wages, first["bls_statistic"], unit)}
    common = dict(reading=OWN_STEP, guide_value=values[0], guide_range=ranges[0], record_value=records[0], record_year=bls_year,
                  record_source_keys=tuple(dict.fromkeys(rows["bls_source_key"])), unit=unit, judged_at=year, time_basis=basis,
                  facts=facts)
    outside = [(v, r) for v, r, span in zip(values, records, ranges) if r not in span]
    if outside:
        return Result("overstated" if outside[0][0] > outside[0][1] else "understated", **common)
    if facts["is_range"] or (rows["statistic_compared"] != rows["bls_statistic"]).any():
        return Result("mislabelled", **common)
    if facts["year_printed"] is not None and facts["year_printed"] != bls_year:
        return Result("mislabelled", **common)
    newest = facts["latest_year"] if year is None else year
    if newest is not None and bls_year < newest:
        return Result("outdated", **common)
    return Result(_verdict_for_agreement(values[0], None, records), **common)


def check_pay_vs_all_occupations(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """"Pays well": the occupation's pay against all occupations' pay of the same survey year,
    median with median (or mean with mean, :attr:`Rules.pay_measure`). Above the typical worker supports it.

    Facts: ``ratio`` (occupation / all occupations), ``all_occupations_value``, ``measure``.
    """
    year, basis = time_frame(claim, ev, rules)
    reading = rules.pay_measure
    everyone = ev.all_occupations_pay[ev.all_occupations_pay["statistic"] == reading]
    frame = years_in_frame(everyone["year"], year)
    own = ev.bls_wages[(ev.bls_wages["statistic"] == reading) & (ev.bls_wages["unit"] == "usd_per_year")]
    if not frame or frame[0] != year or own[own["year"] == year].empty:
        return Result(NOT_CHECKABLE, reading, judged_at=year, time_basis=basis, unit="usd_per_year",
                      facts={"measure": reading, "years_available": tuple(sorted(int(y) for y in everyone["year"]))})
    mine = own[own["year"] == year].iloc[0]
    theirs = everyone[everyone["year"] == year].iloc[0]
    ratio = float(mine["value"]) / float(theirs["annual_usd"])
    return Result("matches_record" if ratio > 1 else "overstated", reading, record_value=float(mine["value"]), record_year=year,
                  record_source_keys=(mine["source_key"], theirs["source_key"]), unit="usd_per_year", judged_at=year,
                  time_basis=basis, facts={"ratio": ratio, "all_occupations_value": float(theirs["annual_usd"]), "measure": reading})


# Jobs and outlook --------------------------------------------------------------------------------------

def _count_records(ev: Evidence) -> pd.DataFrame:
    """Every published employment count: projection base years (all jobs) and OEWS (wage-and-salary jobs)."""
    projections = pd.DataFrame({"year": ev.projections["base_year"].astype(int),
                                "value": (ev.projections["base_employment_thousands"] * 1000).round(),
                                "population": "all_jobs", "source_key": ev.projections["source_key"]})
    oews = pd.DataFrame({"year": ev.employment["year"].astype(int), "value": ev.employment["employment_persons"].astype(float),
                         "population": "wage_and_salary_jobs", "source_key": ev.employment["source_key"]})
    return pd.concat([projections, oews], ignore_index=True)


def check_employment_count(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """A printed employment count against the counts BLS publishes (projection base years count all
    jobs, self-employed included; OEWS counts wage-and-salary jobs).

    Facts: ``population`` of the matching count, ``other_count``/``other_population`` (the other count of that year).
    """
    value, qualifier, span = _printed(_one_figure(claim, ev))
    year, basis = time_frame(claim, ev, rules)
    records = _count_records(ev)
    newest = int(records["year"].max()) if year is None else year
    inside = records[[v in span for v in records["value"]]]
    common = dict(reading=OWN_STEP, guide_value=value, guide_range=span, unit="persons", judged_at=year, time_basis=basis)
    if inside.empty:
        same_year = records[(records["year"] == newest) & (records["population"] == "wage_and_salary_jobs")]
        if same_year.empty:
            return Result(NOT_CHECKABLE, **common)
        r = same_year.iloc[0]
        return Result("overstated" if span.is_above(r["value"]) else "understated", record_value=float(r["value"]),
                      record_year=int(r["year"]), record_source_keys=(r["source_key"],), facts={"population": r["population"]}, **common)
    match = inside.sort_values("year", key=lambda y: (y - newest).abs(), kind="stable").iloc[0]
    other = records[(records["year"] == match["year"]) & (records["population"] != match["population"])]
    facts = {"population": match["population"],
             "other_count": None if other.empty else float(other["value"].iloc[0]),
             "other_population": None if other.empty else other["population"].iloc[0]}
    result = dict(record_value=float(match["value"]), record_year=int(match["year"]), record_source_keys=(match["source_key"],),
                  facts=facts, **common)
    if int(match["year"]) == newest:
        return Result(_verdict_for_agreement(value, qualifier, [float(match["value"])]), **result)
    return Result("mislabelled" if basis == PRINTED else "outdated", **result)


def _vintage(claim: Claim, ev: Evidence, fig: pd.Series) -> pd.Series | None:
    if pd.isna(fig["year_start"]) or pd.isna(fig["year_end"]):
        raise claim.fail("expected the figure to print its projection period (year_start and year_end)")
    rows = ev.projections[ev.projections["vintage"] == f"{int(fig['year_start'])}-{int(fig['year_end'])}"]
    return None if rows.empty else rows.iloc[0]


def check_growth_pct(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """A printed projected percent change against BLS's published percent of the same vintage; where BLS
    publishes the change as well as the base, the unrounded percent (change / base) is what the printed rounding must reach.

    Facts: ``published_pct``, ``unrounded_pct`` (None when BLS's change is not in our data), ``vintage``.
    """
    fig = _one_figure(claim, ev)
    value, qualifier, span = _printed(fig)
    bls = _vintage(claim, ev, fig)
    common = dict(reading=OWN_STEP, guide_value=value, guide_range=span, unit="percent", judged_at=int(fig["year_start"]),
                  time_basis=PRINTED)
    if bls is None:
        return Result(NOT_CHECKABLE, **common)
    published = float(bls["pct_change"])
    unrounded = None if pd.isna(bls["change_thousands"]) else 100 * float(bls["change_thousands"]) / float(bls["base_employment_thousands"])
    compared = published if unrounded is None else unrounded
    result = dict(record_value=published, record_year=int(bls["base_year"]), record_source_keys=(bls["source_key"],),
                  facts={"published_pct": published, "unrounded_pct": unrounded, "vintage": bls["vintage"]}, **common)
    if value == published and qualifier is None:
        return Result("matches_record", **result)
    if compared in span:
        return Result(_verdict_for_agreement(value, qualifier, [compared]), **result)
    return Result("overstated" if span.is_above(compared) else "understated", **result)


def check_growth_change(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """A printed number of new jobs against BLS's projected change of the same vintage.

    Facts: ``vintage``.
    """
    fig = _one_figure(claim, ev)
    value, qualifier, span = _printed(fig)
    bls = _vintage(claim, ev, fig)
    common = dict(reading=OWN_STEP, guide_value=value, guide_range=span, unit="jobs", judged_at=int(fig["year_start"]), time_basis=PRINTED)
    if bls is None or pd.isna(bls["change_thousands"]):
        return Result(NOT_CHECKABLE, **common)
    record = round(1000 * float(bls["change_thousands"]))
    result = dict(record_value=float(record), record_year=int(bls["base_year"]), record_source_keys=(bls["source_key"],),
                  facts={"vintage": bls["vintage"]}, **common)
    if record in span:
        return Result(_verdict_for_agreement(value, qualifier, [record]), **result)
    return Result("overstated" if span.is_above(record) else "understated", **result)


def growth_word_code(verdict: str) -> str:
    """The claim verdict for a growth_wording.csv verdict code (a code from growth.WORDING_VERDICTS)."""
    code = str(verdict).strip()
    if code not in GROWTH_WORDING_VERDICTS:
        raise FactCheckError(f"growth_wording.csv: expected a verdict code from {sorted(GROWTH_WORDING_VERDICTS)}, found {verdict!r}")
    return GROWTH_WORDING_VERDICTS[code]


def ratio_rule(words: str, ratio: float, much_faster_ratio: float) -> str:
    """The project's ratio rule for growth words (an alternative to the Handbook's own word): "much faster" = at least
    ``much_faster_ratio`` times the all-occupations rate (below it but above 1: overstated); "faster" = above the rate
    but below ``much_faster_ratio`` times it (at or above it: understated, the growth is much faster)."""
    lowered = words.lower()
    if "faster" not in lowered:
        raise ValueError(f"no comparison word in {words!r}; expected 'faster' or 'much faster'")
    if ratio <= 1:
        return "contradicted"
    much = "much faster" in lowered
    if much and ratio < much_faster_ratio:
        return "overstated"
    if not much and ratio >= much_faster_ratio:
        return "understated"
    return "matches_record"


WORDING_FACTS = ("ratio_low", "ratio_high", "handbook_edition", "handbook_wording", "faster_ratio_low", "faster_ratio_high",
                 "much_faster_ratio_low", "much_faster_ratio_high")


def _fact(value):
    return None if pd.isna(value) else (float(value) if isinstance(value, (int, float)) else str(value))


def check_growth_wording(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """"Faster" / "much faster" than the average: by default (:attr:`Rules.growth_words` HANDBOOK_WORDING) the verdict
    code notebook 03 wrote in growth_wording.csv, which judges the words against the Handbook's own word for the same
    outlook ("cannot_tell", where that edition's word was not found, is not checkable); or by the project's ratio rule.

    Facts: ``ratio`` (printed / all occupations) with ``ratio_low``/``ratio_high`` (what the rounding allows),
    ``all_occupations_pct``, ``vintage``, ``words``, ``handbook_edition`` and ``handbook_wording`` (None: not found),
    the ratios the Handbook's editions called "faster" and "much faster" (``faster_ratio_low`` ... ``much_faster_ratio_high``)
    and ``much_faster_ratio``.
    """
    rows = ev.wording[ev.wording["source_key"] == claim.source_key]
    if rows.empty:
        raise claim.fail("expected a row for its guide line in growth_wording.csv")
    row = rows.iloc[0]
    missing = [c for c in WORDING_FACTS if c not in row.index]
    if missing:
        raise claim.fail(f"expected growth_wording.csv to have the columns {missing}")
    printed, average = float(row["printed_pct"]), float(row["all_occupations_pct"])
    ratio = printed / average
    if rules.growth_words == HANDBOOK_WORDING:
        verdict = growth_word_code(row["verdict"])
    else:
        verdict = ratio_rule(row["words"], ratio, rules.much_faster_ratio)
    return Result(verdict, rules.growth_words, guide_value=printed, record_value=average, record_year=int(row["vintage"][:4]),
                  record_source_keys=(row["bls_source_key"],), unit="percent", judged_at=int(row["vintage"][:4]), time_basis=PRINTED,
                  facts={"ratio": ratio, "all_occupations_pct": average, "vintage": row["vintage"], "words": row["words"],
                         **{c: _fact(row[c]) for c in WORDING_FACTS}, "much_faster_ratio": rules.much_faster_ratio})


# Work settings -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ShareRecord:
    """One record of a setting's share of the occupation's jobs."""

    setting: str
    year: int
    share_pct: float
    lower_bound: bool  # the record counts only part of the setting
    source_key: str
    as_named: str


def share_records(settings: pd.DataFrame, partial: Iterable[str] | None = None) -> list[ShareRecord]:
    """Every BLS share by setting, computed shares taken unrounded from their counts. A row whose setting (as
    named) is in ``partial`` (by default occupation.toml's ``partial_settings``) counts only part of the setting:
    its share is a lower bound."""
    partial = {p.lower() for p in (occupation.current().partial_settings if partial is None else partial)}
    records = []
    for r in settings[settings["source_kind"] == "bls"].itertuples(index=False):
        exact = (pd.notna(r.employment_persons) and pd.notna(r.occupation_employment_persons) and bool(r.share_computed))
        share = 100 * float(r.employment_persons) / float(r.occupation_employment_persons) if exact else float(r.share_pct)
        records.append(ShareRecord(r.setting, int(r.year), share, r.setting_as_named.lower() in partial, r.source_key, r.setting_as_named))
    return sorted(records, key=lambda x: (x.year, x.setting))


def named_settings(text: str) -> list[str]:
    """The settings a claim names, in the order it names them, in the words of occupation.toml
    (a setting as named in a table, or its label): ``"Most of them work in hospitals"`` -> ``["hospitals"]``."""
    config = occupation.current()
    names = {**{k: v for k, v in config.settings.items()}, **{label.lower(): key for key, label in config.setting_labels.items()}}
    found = []
    lowered = text.lower()
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(r"(?<![\w'])" + re.escape(name) + r"(?![\w'])", lowered):
            found.append((match.start(), names[name]))
            lowered = lowered[:match.start()] + " " * len(name) + lowered[match.end():]
    return list(dict.fromkeys(key for _, key in sorted(found)))


def share_outcome(claimed: Range, record: ShareRecord, ceiling: float = 100.0) -> str:
    """``agrees``, ``overstated`` (the claim is above the record), ``understated`` or ``unsettled``.

    A lower-bound record refutes a claim only from below; it confirms a claim that is itself a lower
    bound it passes ("more than X" with the record above X)."""
    if record.lower_bound:
        if claimed.is_below(record.share_pct):
            return "understated"
        if record.share_pct in claimed and claimed.high >= ceiling and not claimed.high_open:
            return "agrees"
        return "unsettled"
    if record.share_pct in claimed:
        return "agrees"
    return "overstated" if claimed.is_above(record.share_pct) else "understated"


def combine(outcomes: Iterable[str]) -> str:
    """One outcome from the records in a claim's time frame: the settled ones must agree with each other."""
    settled = {o for o in outcomes if o != "unsettled"}
    return settled.pop() if len(settled) == 1 else "unsettled"


def _in_frame(records: list[ShareRecord], year: int | None) -> list[ShareRecord]:
    frame = years_in_frame([r.year for r in records], year)
    return [r for r in records if r.year in frame]


def check_setting_share(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """A printed share of the occupation's jobs in one setting against the BLS shares of its time frame,
    read with its own rounding step (or the last digit, :attr:`Rules.share_step`) and its qualifier.

    Facts: ``records`` (the ShareRecords compared), ``qualifier``, ``step``, ``outcomes`` (one per record), ``printed``.
    """
    fig = _one_figure(claim, ev)
    setting = occupation.current().setting_key(fig["subject"])
    if setting is None:
        raise claim.fail(f"expected the figure's subject to name a setting of occupation.toml, found {fig['subject']!r}")
    value = float(fig["value"])
    qualifier = fig["qualifier"] if pd.notna(fig["qualifier"]) else None
    step = printed_step(value) if rules.share_step == OWN_STEP else last_digit_step(value)
    claimed = printed_range(value, qualifier, step, floor=0.0, ceiling=100.0)
    year, basis = time_frame(claim, ev, rules)
    chosen = _in_frame([r for r in share_records(ev.settings) if r.setting == setting], year)
    outcomes = tuple(share_outcome(claimed, r) for r in chosen)
    outcome = combine(outcomes)
    if outcome == "agrees":
        verdict = _verdict_for_agreement(value, qualifier, [r.share_pct for r, o in zip(chosen, outcomes) if o == "agrees"])
    else:
        verdict = NOT_CHECKABLE if outcome == "unsettled" else outcome
    last = chosen[-1] if chosen else None
    return Result(verdict, rules.share_step, guide_value=value, guide_range=claimed, unit="percent", judged_at=year, time_basis=basis,
                  record_value=None if last is None else last.share_pct, record_year=None if last is None else last.year,
                  record_source_keys=tuple(r.source_key for r in chosen), subject=setting,
                  facts={"records": tuple(chosen), "qualifier": qualifier, "step": step, "outcomes": outcomes, "printed": fig["as_printed"]})


def exceeds(a: float, a_lower_bound: bool, b: float, b_lower_bound: bool) -> str:
    """Whether a true share known as ``a`` (at least ``a`` if a lower bound) is above one known as ``b``:
    ``yes``, ``no`` or ``unknown``."""
    if a_lower_bound and b_lower_bound:
        return "unknown"
    if a_lower_bound:
        return "yes" if a > b else "unknown"
    if b_lower_bound:
        return "no" if a <= b else "unknown"
    return "yes" if a > b else "no"


@dataclass(frozen=True)
class MostYear:
    """One record year for a "most work in X" claim."""

    year: int
    named_pct: float  # share of the settings the claim names (at least this, if lower_bound)
    lower_bound: bool
    rival: str  # the largest other setting listed, or "unlisted" (all other jobs together)
    rival_pct: float
    rival_lower_bound: bool
    unlisted_pct: float  # jobs in settings the record does not list one by one
    majority: str  # yes / no / unknown
    plurality: str  # yes / no / unknown
    source_keys: tuple[str, ...]


def most_years(records: list[ShareRecord], named: list[str]) -> list[MostYear]:
    """For every record year holding all the named settings: their share, the largest rival, and whether they
    hold a majority (more than half) and a plurality (more than any other setting listed; with no other
    setting listed, more than all unlisted jobs together)."""
    out = []
    for year in sorted({r.year for r in records}):
        rows = [r for r in records if r.year == year]
        mine = [r for r in rows if r.setting in named]
        if {r.setting for r in mine} != set(named):
            continue
        share, bound = sum(r.share_pct for r in mine), any(r.lower_bound for r in mine)
        others = sorted((r for r in rows if r.setting not in named), key=lambda r: r.share_pct)
        unlisted = max(0.0, 100 - sum(r.share_pct for r in rows))
        if others:
            rival, rival_pct, rival_bound = others[-1].setting, others[-1].share_pct, others[-1].lower_bound
            plurality = exceeds(share, bound, rival_pct, rival_bound)
        else:
            rival, rival_pct, rival_bound = "unlisted", unlisted, False
            plurality = "yes" if share > rival_pct else "unknown"
        out.append(MostYear(year, share, bound, rival, rival_pct, rival_bound, unlisted, exceeds(share, bound, 50.0, False), plurality,
                            tuple(r.source_key for r in rows)))
    return out


def check_setting_most(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """"Most of them work in X": X's share in the records of the claim's time frame, read as a plurality
    or a majority (:attr:`Rules.most`). The settings are those the claim names (:func:`named_settings`).

    Facts: ``years`` (the MostYear rows compared), ``settings``.
    """
    named = named_settings(claim.claim)
    if not named:
        raise claim.fail("expected the claim to name a setting of occupation.toml")
    year, basis = time_frame(claim, ev, rules)
    available = most_years(share_records(ev.settings), named)
    frame = years_in_frame([m.year for m in available], year)
    chosen = [m for m in available if m.year in frame]
    answers = {getattr(m, rules.most) for m in chosen} - {"unknown"}
    verdict = NOT_CHECKABLE if len(answers) != 1 else ("matches_record" if answers == {"yes"} else "contradicted")
    last = chosen[-1] if chosen else None
    return Result(verdict, rules.most, unit="percent", judged_at=year, time_basis=basis, subject="+".join(named),
                  record_value=None if last is None else last.named_pct, record_year=None if last is None else last.year,
                  record_source_keys=tuple(k for m in chosen for k in m.source_keys),
                  facts={"years": tuple(chosen), "settings": tuple(named)})


def check_setting_remainder(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """"X employ most of those outside Y": X's share of the jobs outside Y, by record year in the time frame.
    A setting the record does not hold ("small clinics") leaves the claim not checkable; the shares are facts.

    Facts: ``years`` (year, share of the jobs outside Y held by X, whether Y's share was a lower bound, so that X's share
    is at least that), ``unchecked`` (the parts of X as written that are not settings of occupation.toml).
    """
    inside, _, outside = claim.claim.lower().partition(" outside ")
    employing, excluded = named_settings(inside), named_settings(outside)
    subjects = [i.strip() for i in re.split(r",| and | or ", inside.partition(" employ ")[0]) if i.strip()]
    unchecked = tuple(i for i in subjects if not named_settings(i))
    if not employing or len(excluded) != 1:
        raise claim.fail("expected the claim to read 'X employ most ... outside Y', naming settings of occupation.toml")
    year, basis = time_frame(claim, ev, rules)
    records = share_records(ev.settings)
    frame = years_in_frame([r.year for r in records], year)
    years = []
    for y in frame:
        rows = {r.setting: r for r in records if r.year == y}
        if excluded[0] in rows and all(s in rows for s in employing):
            rest = 100 - rows[excluded[0]].share_pct
            years.append((y, 100 * sum(rows[s].share_pct for s in employing) / rest, rows[excluded[0]].lower_bound))
    return Result(NOT_CHECKABLE, NO_READING, unit="percent", judged_at=year, time_basis=basis, subject="+".join(employing),
                  record_value=years[-1][1] if years else None, record_year=years[-1][0] if years else None,
                  record_source_keys=tuple(r.source_key for r in records if r.year in frame),
                  facts={"years": tuple(years), "settings": tuple(employing), "outside": excluded[0], "unchecked": unchecked})


def _pay_by_setting(ev: Evidence) -> pd.DataFrame:
    return ev.settings[(ev.settings["source_kind"] == "bls") & ev.settings["mean_annual_usd"].notna()]


def check_setting_pay(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """"A and B pay more than C and D": every pair the record holds mean pay for, in the time frame's year;
    parts the record does not hold make the verdict at most partly supported.

    The claim reads ``<settings> pay more than <settings>``, settings joined by "and"; a setting not in
    occupation.toml is a part our data cannot check. Facts: ``pairs`` (higher, lower, pay of each),
    ``unchecked`` (the parts as written), ``year``.
    """
    higher_text, separator, lower_text = claim.claim.partition(" pay more than ")
    if not separator:
        raise claim.fail("expected the claim to read '<settings> pay more than <settings>'")
    config = occupation.current()
    sides = []
    for text in (higher_text, lower_text):
        items = [i.strip() for i in re.split(r",| and ", text) if i.strip()]
        sides.append([(item, (named_settings(item) or [None])[0]) for item in items])
    unchecked = tuple(item for side in sides for item, key in side if key is None)
    pay = _pay_by_setting(ev)
    year, basis = time_frame(claim, ev, rules)
    frame = years_in_frame(pay["year"], year)
    rows = pay[pay["year"].isin(frame)].set_index("setting")
    pairs = tuple((h, l, float(rows.loc[h, "mean_annual_usd"]), float(rows.loc[l, "mean_annual_usd"]))
                  for _, h in sides[0] for _, l in sides[1] if h in rows.index and l in rows.index)
    unchecked += tuple(config.setting_labels[k] for side in sides for _, k in side if k is not None and k not in rows.index)
    common = dict(unit="usd_per_year", judged_at=year, time_basis=basis,
                  facts={"pairs": pairs, "unchecked": unchecked, "year": frame[-1] if frame else None})
    if not pairs:
        return Result(NOT_CHECKABLE, **common)
    keys = tuple(rows.loc[k, "source_key"] for k in dict.fromkeys(k for p in pairs for k in p[:2]))
    result = dict(record_value=pairs[0][2], record_year=int(frame[-1]), record_source_keys=keys, subject=pairs[0][0], **common)
    if any(h <= l for _, _, h, l in pairs):
        return Result("contradicted", **result)
    return Result("partly_supported" if unchecked else "matches_record", **result)


def check_setting_pay_figure(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """A printed pay figure for one setting: checkable only against the same statistic and year (the record
    holds mean pay by setting for one year).

    Facts: ``record_years``, ``record_statistic`` ("mean"), ``means`` (setting, mean pay) of the latest record year.
    """
    fig = _one_figure(claim, ev)
    setting = occupation.current().setting_key(fig["subject"])
    value, qualifier, span = _printed(fig)
    pay = _pay_by_setting(ev)
    year = _year(fig["year_start"])
    latest = pay[pay["year"] == pay["year"].max()]
    facts = {"record_years": tuple(sorted(int(y) for y in pay["year"].unique())), "record_statistic": "mean",
             "means": tuple(zip(latest["setting"], latest["mean_annual_usd"].astype(float)))}
    common = dict(reading=OWN_STEP, guide_value=value, guide_range=span, unit="usd_per_year", judged_at=year,
                  time_basis=PRINTED if year is not None else TIMELESS, subject=setting, facts=facts)
    same = pay[(pay["setting"] == setting) & (pay["year"] == year)]
    if fig["statistic"] != "mean" or same.empty:
        return Result(NOT_CHECKABLE, **common)
    record = float(same["mean_annual_usd"].iloc[0])
    result = dict(record_value=record, record_year=year, record_source_keys=(same["source_key"].iloc[0],), **common)
    if record in span:
        return Result(_verdict_for_agreement(value, qualifier, [record]), **result)
    return Result("overstated" if span.is_above(record) else "understated", **result)


def check_other_industries(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """Industries beyond the settings the record lists: not checkable; facts say how much the record leaves
    unlisted. Facts: ``listed`` (setting, share) and ``unlisted_pct`` of the record year in the time frame."""
    year, basis = time_frame(claim, ev, rules)
    records = share_records(ev.settings)
    frame = years_in_frame([r.year for r in records], year)
    rows = [r for r in records if r.year in frame[-1:]]
    return Result(NOT_CHECKABLE, judged_at=year, time_basis=basis, unit="percent",
                  record_year=frame[-1] if frame else None, record_source_keys=tuple(r.source_key for r in rows),
                  facts={"listed": tuple((r.setting, r.share_pct) for r in rows),
                         "unlisted_pct": max(0.0, 100 - sum(r.share_pct for r in rows)) if rows else None})


def check_area_pay_list(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """State or metro pay lists: not checkable (no area data); facts give the guide's internal consistency.

    Facts: ``pairs``, ``consistent`` (hourly x 2,080 within tolerance), ``largest_gap_usd``, ``tolerance_usd``."""
    keys = _figures(claim, ev)["source_key"].unique()
    pairs = ev.pairs[ev.pairs["hourly_source_key"].isin(keys)]
    return Result(NOT_CHECKABLE, facts={"pairs": len(pairs), "consistent": int(pairs["consistent"].sum()),
                                        "largest_gap_usd": float(pairs["gap_usd"].abs().max()) if len(pairs) else None,
                                        "tolerance_usd": float(pairs["tolerance_usd"].max()) if len(pairs) else None})


def check_area_pay_pattern(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """Where pay is higher by region: not checkable; the record is national. Facts: ``national_years`` (first, last)."""
    years = ev.bls_wages["year"]
    return Result(NOT_CHECKABLE, facts={"national_years": (int(years.min()), int(years.max()))})


def check_third_party_ranking(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """A ranking by another publisher: not checkable with BLS data. Facts: ``ranks`` printed."""
    figures = _figures(claim, ev) if claim.figure_ids else ev.figures.iloc[0:0]
    return Result(NOT_CHECKABLE, facts={"ranks": tuple(float(v) for v in figures["value"].dropna())})


def check_work_schedule(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """Full-time work: no reference table records hours. Facts: ``handbook_editions`` (how many our extract holds)."""
    return Result(NOT_CHECKABLE, facts={"handbook_editions": len(ev.ooh)})


# Education ---------------------------------------------------------------------------------------------

def _statement(claim: Claim, ev: Evidence) -> pd.Series:
    rows = ev.guide_education[(ev.guide_education["source_key"] == claim.source_key) & (ev.guide_education["as_printed"] == claim.as_printed)]
    if len(rows) != 1:
        raise claim.fail(f"expected one statement in guide_education.csv on the same line with as_printed {claim.as_printed!r}, found {len(rows)}")
    return rows.iloc[0]


def _routes_named(text: str) -> set[str]:
    lowered = text.lower()
    return {route for word, route in WORDING_ROUTE.items() if word in lowered}


def check_education_entry(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """An entry route against the Handbook. A route said to be required or typical is judged by the
    typical entry education of the edition of the claim's time: typical then matches; typical only in an
    earlier edition is outdated; otherwise contradicted. A route said to suffice, or to be an alternative,
    matches when the edition of its time mentions it; when only another edition does, the claim is not checkable in
    its own time frame (a Handbook's silence is not a denial, and a later edition is not the record of its time),
    unless :attr:`Rules.education_edition` is ``ANY_EDITION``: then any edition that mentions it settles it.

    Facts: ``route``, ``stance``, ``edition`` (of its time), ``typical_then``, ``typical_in`` (editions naming the
    route typical), ``mentioned_in`` (editions whose wording names the route).
    """
    statement = _statement(claim, ev)
    route, stance = statement["route"], statement["stance"]
    year, basis = time_frame(claim, ev, rules)
    edition = edition_of_time(ev.ooh, year)
    ooh = ev.ooh.sort_values("wage_year")
    typical_in = tuple(e for e, c in zip(ooh["edition"], ooh["typical_entry_education"]) if OOH_CATEGORY_ROUTE.get(c) == route)
    mentioned_in = tuple(e for e, w, c in zip(ooh["edition"], ooh["education_wording"], ooh["typical_entry_education"])
                         if route in _routes_named(w) or OOH_CATEGORY_ROUTE.get(c) == route)
    facts = {"route": route, "stance": stance, "edition": None if edition is None else edition["edition"],
             "typical_then": None if edition is None else edition["typical_entry_education"], "typical_in": typical_in,
             "mentioned_in": mentioned_in}
    reading = EDITION_OF_TIME
    common = dict(judged_at=year, time_basis=basis, subject=route, facts=facts)
    if edition is None:
        return Result(NOT_CHECKABLE, reading, **common)
    common.update(record_year=int(edition["wage_year"]), record_source_keys=(edition["source_key"],))
    if stance in PRESCRIPTIVE_STANCES:
        if edition["edition"] in typical_in:
            return Result("matches_record", reading, **common)
        earlier = ooh[ooh["wage_year"] < edition["wage_year"]]["edition"]
        return Result("outdated" if set(typical_in) & set(earlier) else "contradicted", reading, **common)
    if edition["edition"] in mentioned_in:
        return Result("matches_record", reading, **common)
    if mentioned_in and rules.education_edition == ANY_EDITION:
        keys = tuple(ooh[ooh["edition"].isin(mentioned_in)]["source_key"])
        return Result("matches_record", ANY_EDITION, **{**common, "record_source_keys": keys})
    return Result(NOT_CHECKABLE, reading, **common)


def check_education_advancement(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """The route up needs a bachelor's degree: the entry education BLS gives for the occupation the
    workers move up to (occupation.toml, [advancement]), and no Handbook edition naming it typical for
    the occupation itself.

    Facts: ``route``, ``occupation``, ``pay`` and ``pay_year`` of the occupation up, ``typical_for_technicians_in``.
    """
    statement = _statement(claim, ev)
    route = statement["route"]
    advancement = occupation.current().advancement
    rows = ev.costs[(ev.costs["group"] == advancement.pay_group) & (ev.costs["measure"] == advancement.pay_measure)]
    if rows.empty:
        return Result(NOT_CHECKABLE, subject=route, facts={"route": route, "occupation": advancement.occupation})
    row = rows.iloc[0]
    typical_for_us = tuple(e for e, c in zip(ev.ooh["edition"], ev.ooh["typical_entry_education"]) if OOH_CATEGORY_ROUTE.get(c) == route)
    holds = route in _routes_named(advancement.pay_group) and not typical_for_us
    return Result("matches_record" if holds else "contradicted", record_value=float(row["value_max"]), record_year=int(row["period"]),
                  record_source_keys=(row["source_key"],), unit=row["unit"], subject=route,
                  facts={"route": route, "occupation": advancement.occupation, "pay": float(row["value_max"]),
                         "pay_year": int(row["period"]), "typical_for_technicians_in": typical_for_us})


def check_duration(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """How long a program takes: no official statistic; facts give the secondary source's range.

    Facts: ``months_low``, ``months_high`` (program guides, not official), ``program`` (the program they are for), ``qualifier``."""
    fig = _one_figure(claim, ev)
    lengths = ev.costs[(ev.costs["measure"] == "program_length") & ev.costs["group"].str.contains("certificate")]
    value = _number(fig["value"])
    facts = {"qualifier": fig["qualifier"] if pd.notna(fig["qualifier"]) else None,
             "months_low": None if lengths.empty else float(lengths["value_min"].iloc[0]),
             "months_high": None if lengths.empty else float(lengths["value_max"].iloc[0]),
             "program": None if lengths.empty else lengths["group"].iloc[0]}
    return Result(NOT_CHECKABLE, guide_value=value, unit=fig["unit"], record_source_keys=tuple(lengths["source_key"][:1]), facts=facts)


def check_certification(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """Employers' preference for certification, or who issues a credential: not in our reference data.
    Facts: ``handbook_editions``, ``editions_mentioning`` (Handbook wording naming certification), and
    ``guide_stances`` (guide file, stance) on certification across the guides."""
    mentioning = tuple(e for e, w in zip(ev.ooh["edition"], ev.ooh["education_wording"]) if "certification" in w.lower())
    certification = ev.guide_education[ev.guide_education["route"].str.contains("certification")]
    stances = tuple(sorted(set(zip(certification["guide_file"], certification["stance"]))))
    return Result(NOT_CHECKABLE, facts={"handbook_editions": len(ev.ooh), "editions_mentioning": mentioning, "guide_stances": stances})


def check_credential_issuer(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """Who awards a credential: no reference table names credentials or their issuers.
    Facts: ``handbook_editions`` and ``education_rows`` (how much education data our extract does hold)."""
    return Result(NOT_CHECKABLE, facts={"handbook_editions": len(ev.ooh), "education_rows": len(ev.costs)})


# Names, direction of growth, settings named without a share ------------------------------------------------------------

def _word_in(phrase: str, text: str) -> bool:
    """Whether ``phrase`` is in ``text`` as whole words, ignoring case and runs of white space."""
    squeeze = lambda s: re.sub(r"\s+", " ", s).strip().lower()  # noqa: E731
    return re.search(r"(?<!\w)" + re.escape(squeeze(phrase)) + r"(?!\w)", squeeze(text)) is not None


def check_occupation_title(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """Another name for the occupation ("also called X"): the name, which is the claim's printed phrase, against the
    titles BLS gives the occupation's codes in the record (bls_employment.csv), in the claim's time frame. In a title of
    its time frame: matches; only in an earlier title: outdated; only in a later title, or in none: not checkable (a name
    BLS does not use is not thereby wrong, and a later title is not the record of its time).

    Facts: ``name``, ``titles`` ((soc_code, title, first year, last year) in order), ``in_title_years`` (years whose
    title holds the name), ``frame_years``.
    """
    name = claim.as_printed.strip()
    year, basis = time_frame(claim, ev, rules)
    rows = ev.employment.sort_values("year")
    years = [int(y) for y in rows["year"]]
    holds = tuple(y for y, title in zip(years, rows["occupation_title"]) if _word_in(name, title))
    frame = years_in_frame(years, year)
    titles = tuple((code, re.sub(r"\s+", " ", title).strip(), int(g["year"].min()), int(g["year"].max()))
                   for (code, title), g in rows.groupby(["soc_code", "occupation_title"], sort=False))
    chosen = rows[rows["year"].isin(frame)]
    common = dict(judged_at=year, time_basis=basis, record_source_keys=tuple(chosen["source_key"]),
                  facts={"name": name, "titles": titles, "in_title_years": holds, "frame_years": frame})
    in_frame = [y for y in holds if y in frame]
    if in_frame:
        return Result("matches_record", record_year=in_frame[-1], **common)
    if frame and any(y < frame[0] for y in holds):
        return Result("outdated", record_year=frame[-1], **common)
    return Result(NOT_CHECKABLE, record_year=frame[-1] if frame else None, **common)


def check_growth_direction(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """"Room to grow": the occupation's projected percent change in the Employment Projections outlook of the claim's
    time frame (the latest vintage whose base year is not after the year judged; the latest vintage for an undated
    claim). Growth above zero matches; no change or a fall contradicts.

    Facts: ``vintage``, ``pct_change``, ``all_occupations_pct`` (None when not in our data), ``comparable``, ``soc_code``.
    """
    year, basis = time_frame(claim, ev, rules)
    projections = ev.projections[ev.projections["pct_change"].notna()].sort_values("base_year")
    eligible = projections if year is None else projections[projections["base_year"] <= year]
    common = dict(unit="percent", judged_at=year, time_basis=basis)
    if eligible.empty:
        return Result(NOT_CHECKABLE, **common)
    row = eligible.iloc[-1]
    pct = float(row["pct_change"])
    facts = {"vintage": row["vintage"], "pct_change": pct, "all_occupations_pct": _number(row["all_occupations_pct_change"]),
             "comparable": row["comparable_to_reference_code"], "soc_code": row["soc_code"]}
    return Result("matches_record" if pct > 0 else "contradicted", record_value=pct, record_year=int(row["base_year"]),
                  record_source_keys=(row["source_key"],), facts=facts, **common)


def check_setting_named(claim: Claim, ev: Evidence, rules: Rules) -> Result:
    """"Many (others) work in X and Y": each setting the claim names after " work in " against the record's shares of
    the occupation's jobs in the claim's time frame (the record lists only the largest employers, so a setting it lists
    employs many). Every part listed: matches; some parts not in the record (a setting occupation.toml does not name,
    or one the record does not list then): partly supported; no part listed: not checkable.

    Facts: ``records`` (the ShareRecords of the named settings in the frame), ``unchecked`` (the parts as written).
    """
    _, separator, named_text = claim.claim.partition(" work in ")
    if not separator:
        raise claim.fail("expected the claim to read '... work in <settings>', settings joined by ',', 'and' or 'or'")
    items = [i.strip() for i in re.split(r",| and | or ", named_text) if i.strip()]
    year, basis = time_frame(claim, ev, rules)
    records = share_records(ev.settings)
    frame = years_in_frame([r.year for r in records], year)
    parts = [(item, (named_settings(item) or [None])[0]) for item in items]
    chosen = tuple(r for r in records if r.year in frame and r.setting in {k for _, k in parts})
    listed = {r.setting for r in chosen}
    unchecked = tuple(item for item, key in parts if key not in listed)
    common = dict(unit="percent", judged_at=year, time_basis=basis, facts={"records": chosen, "unchecked": unchecked})
    if not chosen:
        return Result(NOT_CHECKABLE, **common)
    return Result("partly_supported" if unchecked else "matches_record", record_value=chosen[-1].share_pct,
                  record_year=chosen[-1].year, record_source_keys=tuple(r.source_key for r in chosen), subject=chosen[0].setting, **common)


# The registry and the run ------------------------------------------------------------------------------

# Each check's function, in the order of mrt.vocab.CHECKS: a name is never typed twice, and the lengths must match.
REGISTRY: dict[str, Callable[[Claim, Evidence, Rules], Result]] = dict(zip(CHECKS, (
    check_wage, check_employment_count, check_growth_pct, check_growth_change, check_growth_wording, check_setting_share,
    check_setting_most, check_setting_remainder, check_setting_pay, check_setting_pay_figure, check_other_industries,
    check_area_pay_list, check_area_pay_pattern, check_pay_vs_all_occupations, check_education_entry,
    check_education_advancement, check_duration, check_certification, check_credential_issuer, check_work_schedule,
    check_third_party_ranking, check_occupation_title, check_growth_direction, check_setting_named), strict=True))
if tuple(VERDICT_GROUPS) != VERDICTS:  # pragma: no cover - a programming error, caught on import
    raise RuntimeError("factcheck: VERDICT_GROUPS must name every verdict of VERDICTS, in order")


@dataclass(frozen=True)
class Judged:
    """A claim with the result of its check."""

    claim: Claim
    result: Result
    prints_year: bool | None  # whether the claim's figures print a year (None: the claim rests on no figure)


# The fact-check judges the same claims under the same rules more than once (the verdicts, each alternative reading, the
# practice answers): each run's verdicts are kept, by the contents of the claims and the evidence, the rules and the
# occupation, and handed out again as a new list of the same (frozen) results.
_JUDGED: dict[tuple, tuple[object, list[Judged]]] = {}
_JUDGED_MOST = 64  # runs kept; emptied when full


def _contents(frame: pd.DataFrame) -> bytes:
    """A fingerprint of a table's contents: every row's hash, with the column names and types."""
    hashed = pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
    return hashed + repr([(str(c), str(t)) for c, t in frame.dtypes.items()]).encode()


def _judged_key(claims: pd.DataFrame, ev: Evidence, rules: Rules) -> tuple | None:
    try:
        key = (_contents(claims), tuple(_contents(getattr(ev, f.name)) for f in fields(ev)), rules)
        hash(key)
    except TypeError:  # a cell that cannot be hashed: judged afresh
        return None
    return key


def judge(claims: pd.DataFrame, ev: Evidence, rules: Rules = Rules()) -> list[Judged]:
    """Run every claim's check under ``rules`` (a run with the same claims, evidence, rules and occupation is done once)."""
    key = _judged_key(claims, ev, rules)
    config = occupation.current()
    kept = _JUDGED.get(key) if key is not None else None
    if kept is not None and kept[0] is config:
        return list(kept[1])
    out = _judge(claims, ev, rules)
    if key is not None:
        if len(_JUDGED) >= _JUDGED_MOST:
            _JUDGED.clear()
        _JUDGED[key] = (config, list(out))
    return out


def _judge(claims: pd.DataFrame, ev: Evidence, rules: Rules) -> list[Judged]:
    out = []
    for row in claims.itertuples(index=False):
        claim = Claim.from_row(row)
        if claim.check not in REGISTRY:
            raise claim.fail(f"expected a check from {CHECKS}")
        prints_year = bool(_figures(claim, ev)["year_start"].notna().any()) if claim.figure_ids else None
        out.append(Judged(claim, REGISTRY[claim.check](claim, ev, rules), prints_year))
    return out


TABLE_COLUMNS = ["claim_id", "guide_file", "line", "source_key", "topic", "check", "claim", "verdict", "reading", "judged_at_year",
                 "time_basis", "prints_year", "subject", "guide_value", "guide_low", "guide_high", "unit", "record_value", "record_year",
                 "record_source_key", "evidence"]


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def table(judged: list[Judged], evidence: Mapping[str, str]) -> pd.DataFrame:
    """The claims table (claims.csv): one row per claim with its verdict, the numbers compared, and the
    evidence sentence the notebook composed for it (``evidence`` maps claim id to sentence)."""
    missing = [j.claim.claim_id for j in judged if not str(evidence.get(j.claim.claim_id, "")).strip()]
    if missing:
        raise ValueError(f"no evidence sentence for claims {missing}")
    rows = []
    for j in judged:
        c, r = j.claim, j.result
        rows.append({"claim_id": c.claim_id, "guide_file": c.guide_file, "line": c.line, "source_key": c.source_key, "topic": c.topic,
                     "check": c.check, "claim": c.claim, "verdict": r.verdict, "reading": r.reading, "judged_at_year": r.judged_at,
                     "time_basis": r.time_basis, "prints_year": j.prints_year, "subject": r.subject, "guide_value": r.guide_value,
                     "guide_low": _finite(r.guide_range.low) if r.guide_range else None,
                     "guide_high": _finite(r.guide_range.high) if r.guide_range else None, "unit": r.unit,
                     "record_value": r.record_value, "record_year": r.record_year,
                     "record_source_key": ";".join(r.record_source_keys) or None, "evidence": evidence[c.claim_id]})
    frame = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    for column in ("line", "judged_at_year", "record_year"):
        frame[column] = frame[column].astype("Int64")
    for column in ("guide_value", "guide_low", "guide_high", "record_value"):
        frame[column] = frame[column].astype("Float64")
    frame["prints_year"] = frame["prints_year"].astype("boolean")
    return frame


# Counting ----------------------------------------------------------------------------------------------

def verdict_counts(verdicts: Iterable[str]) -> dict[str, int]:
    """How many claims got each verdict, in the order of :data:`VERDICTS` (zeros kept)."""
    listed = list(verdicts)
    unknown = sorted(set(listed) - set(VERDICTS))
    if unknown:
        raise ValueError(f"unknown verdicts {unknown}")
    return {v: listed.count(v) for v in VERDICTS}


@dataclass(frozen=True)
class Tally:
    claims: int
    not_checkable: int
    checkable: int  # the denominator of every share: not-checkable claims are left out
    agreeing: int  # matches the record or correctly rounded
    partly: int
    disagreeing: int  # outdated, mislabelled, overstated, understated or contradicted, as printed
    share_agreeing: float | None  # agreeing / checkable, None when nothing is checkable


def tally(verdicts: Iterable[str]) -> Tally:
    counts = verdict_counts(verdicts)
    by_group = {g: sum(n for v, n in counts.items() if VERDICT_GROUPS[v] == g) for g in set(VERDICT_GROUPS.values())}
    checkable = sum(counts.values()) - by_group[NOT_CHECKABLE]
    return Tally(sum(counts.values()), by_group[NOT_CHECKABLE], checkable, by_group["agrees"], by_group["partly"],
                 by_group["disagrees"], by_group["agrees"] / checkable if checkable else None)


def tally_by_guide(claims_table: pd.DataFrame) -> pd.DataFrame:
    """Per guide: claims, not checkable, checkable, agreeing, partly, disagreeing, and the share of the checkable
    claims that agree (not-checkable claims are out of the denominator)."""
    rows = []
    for guide, group in claims_table.groupby("guide_file", sort=True):
        t = tally(group["verdict"])
        rows.append({"guide_file": guide, "claims": t.claims, "not_checkable": t.not_checkable, "checkable": t.checkable,
                     "agreeing": t.agreeing, "partly": t.partly, "disagreeing": t.disagreeing,
                     "share_agreeing_pct": None if t.share_agreeing is None else 100 * t.share_agreeing})
    frame = pd.DataFrame(rows, columns=["guide_file", "claims", "not_checkable", "checkable", "agreeing", "partly", "disagreeing",
                                        "share_agreeing_pct"])
    frame["share_agreeing_pct"] = frame["share_agreeing_pct"].astype("Float64")
    return frame


def most_agree(agreeing: int, checkable: int) -> bool:
    """Whether most checkable claims agree: more than half of them (exactly half is not most; nothing checkable is not most)."""
    return checkable > 0 and 2 * agreeing > checkable


def same_conclusion(reported, alternative) -> bool:
    """Whether a count of agreeing claims keeps its conclusion under another method: most of the checkable claims
    agree under both, or under neither. Each argument has ``agreeing`` and ``checkable`` (a :class:`Tally` or an
    :class:`UndatedAgreement`): 6 of 8 against 2 of 8 is a changed conclusion; 6 of 8 against 5 of 8 is not."""
    return most_agree(reported.agreeing, reported.checkable) == most_agree(alternative.agreeing, alternative.checkable)


NO_GUIDE_DATE = "no_guide_date"  # judged against the latest record because its guide prints no dated figure
UNDATED_FRAMES = (GUIDE_DATE, NO_GUIDE_DATE, LATEST_RECORD, TIMELESS)  # where a claim printed without a year was judged


@dataclass(frozen=True)
class UndatedAgreement:
    """Claims that rest on figures printed without a year, and the checkable ones that agree, by where each was judged
    (:data:`UNDATED_FRAMES`: at its guide's date; against the latest record because its guide has no dated figure;
    against the latest record by :attr:`Rules.time_frame`; with no time frame)."""

    with_figures: int  # claims that rest on printed figures
    undated: int  # of those, claims whose figures print no year
    checkable_by_frame: Mapping[str, int]  # checkable undated claims, by frame (every frame present)
    agreeing_by_frame: Mapping[str, int]  # of those, the ones that agree
    guides_without_date: int  # guides with no dated figure that the NO_GUIDE_DATE claims come from

    @property
    def checkable(self) -> int:
        return sum(self.checkable_by_frame.values())

    @property
    def agreeing(self) -> int:
        return sum(self.agreeing_by_frame.values())


def undated_frame(judged: Judged, guide_dates: Mapping[str, int]) -> str:
    """Where a claim printed without a year was judged (one of :data:`UNDATED_FRAMES`)."""
    basis = judged.result.time_basis
    if basis == LATEST_RECORD and judged.claim.guide_file not in guide_dates:
        return NO_GUIDE_DATE
    if basis not in UNDATED_FRAMES:
        raise ValueError(f"claim {judged.claim.claim_id} prints no year but was judged at a {basis!r} year")
    return basis


def undated_agreement(judged: Iterable[Judged], guide_dates: Mapping[str, int]) -> UndatedAgreement:
    """Count the claims resting on figures printed without a year (``prints_year`` False), and the checkable ones that
    agree, by the frame each was judged in (``guide_dates``: :func:`guide_years`). Counted from the results, never from text."""
    listed = list(judged)
    undated = [j for j in listed if j.prints_year is False]
    checkable = [j for j in undated if j.result.verdict != NOT_CHECKABLE]
    frames = [undated_frame(j, guide_dates) for j in checkable]
    if LATEST_RECORD in frames:  # the rule judges every undated claim against the latest record: a guide's lack of a date is not why
        frames = [LATEST_RECORD if f == NO_GUIDE_DATE else f for f in frames]
    agree = [f for f, j in zip(frames, checkable) if j.result.verdict in AGREEING]
    without_date = {j.claim.guide_file for f, j in zip(frames, checkable) if f == NO_GUIDE_DATE}
    return UndatedAgreement(with_figures=sum(j.prints_year is not None for j in listed), undated=len(undated),
                            checkable_by_frame={f: frames.count(f) for f in UNDATED_FRAMES},
                            agreeing_by_frame={f: agree.count(f) for f in UNDATED_FRAMES}, guides_without_date=len(without_date))


def restated_hourly(judged: Iterable[Judged]) -> list[tuple[Judged, Judged]]:
    """Pay claims a guide prints twice: (yearly, hourly) pairs of wage claims of one guide that give the same OEWS
    statistics of the same year, once per year and once per hour. Each printing is a claim of its own (it has its
    own line); the pairs let a reader count each set of figures once."""
    def key(j: Judged):
        return (j.claim.guide_file, j.result.record_year, tuple(part[2] for part in j.result.facts["parts"]))

    pay = [j for j in judged if j.claim.check == "wage" and "parts" in j.result.facts]
    hourly = {key(j): j for j in pay if j.result.unit == "usd_per_hour"}
    return [(j, hourly[key(j)]) for j in pay if j.result.unit == "usd_per_year" and key(j) in hourly]


def changed(before: list[Judged], after: list[Judged]) -> list[tuple[Judged, Judged]]:
    """Claims whose verdict differs between two runs (for readings and time frames compared side by side)."""
    by_id = {j.claim.claim_id: j for j in after}
    return [(j, by_id[j.claim.claim_id]) for j in before if by_id[j.claim.claim_id].result.verdict != j.result.verdict]


# Guides by title --------------------------------------------------------------------------------------

_TITLE = re.compile(r"(?:^|\s)'(?P<title>[^']+)'(?=\s|$)")


def guide_titles(sources: pd.DataFrame, guides: pd.DataFrame | None = None) -> dict[str, str]:
    """Each guide's title, by guide file: from guides.csv (``guides``: guide_file, title) where it names the guide, else
    from the quoted title in the ``covers`` column of sources.csv (an occupation folder need not quote it there)."""
    titles = {} if guides is None else {str(f): str(t) for f, t in zip(guides["guide_file"], guides["title"]) if str(t).strip()}
    for position, row in enumerate(sources.itertuples(index=False), start=1):
        if row.kind != "guide" or row.source_id.removeprefix("guide:") in titles:
            continue
        match = _TITLE.search(row.covers)
        if match is None:
            raise FactCheckError(f"sources.csv data row {position}: expected the guide's title in single quotes in column 'covers', "
                                 f"found {row.covers!r}")
        titles[row.source_id.removeprefix("guide:")] = match.group("title")
    return titles


# Questions several guides answer -----------------------------------------------------------------------

QUESTION_CHECKS = {"setting_share": "share_in", "setting_most": "share_in", "education_entry": "entry_education",
                   "certification": "certification"}


def question_of(check: str, subject: str | None) -> str | None:
    """The question a claim answers, when several guides may answer it: the share in a setting, the entry
    education, certification."""
    kind = QUESTION_CHECKS.get(check)
    if kind == "share_in":
        return None if not subject else f"share_in:{subject}"
    return kind


def shared_questions(claims_table: pd.DataFrame) -> pd.DataFrame:
    """Claims on a question that two or more guides answer, side by side (the notebook adds the likely reason)."""
    frame = claims_table.assign(question=[question_of(c, s if pd.notna(s) else None) for c, s in zip(claims_table["check"], claims_table["subject"])])
    frame = frame[frame["question"].notna()]
    guides = frame.groupby("question")["guide_file"].nunique()
    shared = frame[frame["question"].isin(guides[guides >= 2].index)]
    return shared.sort_values(["question", "guide_file", "line"], kind="stable").reset_index(drop=True)
