"""Projection arithmetic for the outlook notebook (03-projections).

Growth rates and implied levels; intervals of the values that round to a printed figure; projected paths
compared with measured outcomes like for like (and how many land within a tolerance); and the guides'
growth words ("faster", "much faster") judged against the Handbook's own word for the same outlook,
with the Handbook's published bands in percent kept as alternatives.

Functions return numbers and codes from the closed sets below; the notebook composes the sentences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from mrt.occupation import COMPARABLE

# Closed sets (declared here, imported by schema.py) -------------------------------------------------

CANNOT_TELL = "cannot_tell"  # the Handbook's own word for that outlook was not found
WORDING_VERDICTS = ("supported", "overstated", "understated", "contradicted", CANNOT_TELL)
# The Handbook's growth bands, slowest first; the guides' words and the key phrases map onto them.
BANDS = ("decline", "little_or_no_change", "more_slowly", "about_as_fast", "faster", "much_faster")
ABOVE_AVERAGE = ("faster", "much_faster")
BELOW_AVERAGE = ("decline", "little_or_no_change", "more_slowly")
RULE_KINDS = ("percent", "ratio")  # a band read from the percent itself, or from percent / all-occupations average
INTERPOLATIONS = ("compound", "linear")
MEASURES = ("projections_base", "oews_employment")

# Words -> band, tried in this order ("much faster" before "faster").
WORD_BANDS = (("much faster", "much_faster"), ("faster", "faster"), ("as fast as", "about_as_fast"),
              ("more slowly", "more_slowly"), ("slower", "more_slowly"), ("little or no", "little_or_no_change"),
              ("decline", "decline"))


# Rates and levels -----------------------------------------------------------------------------------

def compound_annual_rate(total_pct: float, years: float) -> float:
    """Percent per year that compounds to ``total_pct`` over ``years``."""
    if years <= 0:
        raise ValueError(f"years must be positive, got {years}")
    if total_pct <= -100:
        raise ValueError(f"total growth must be above -100%, got {total_pct}")
    return 100 * ((1 + total_pct / 100) ** (1 / years) - 1)


def implied_level(base: float, total_pct: float) -> float:
    """The level ``total_pct`` percent above ``base``."""
    return base * (1 + total_pct / 100)


def path_level(base: float, projected: float, base_year: int, target_year: int, year: float,
               interpolation: str = "compound") -> float:
    """Employment on a projection's path in ``year``, between its base and target years.

    ``compound``: the same percent every year, base x (projected / base) ^ ((year - base_year) / span);
    ``linear``: the same number of jobs every year. Both give the base at the base year and the
    projected level at the target year.
    """
    if target_year <= base_year:
        raise ValueError(f"target year {target_year} must come after base year {base_year}")
    if not base_year <= year <= target_year:
        raise ValueError(f"year {year} is outside the projection {base_year}-{target_year}")
    share = (year - base_year) / (target_year - base_year)
    if interpolation == "compound":
        return base * (projected / base) ** share
    if interpolation == "linear":
        return base + (projected - base) * share
    raise ValueError(f"interpolation must be one of {INTERPOLATIONS}, got {interpolation!r}")


# Rounded figures ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def __post_init__(self):
        if self.low > self.high:
            raise ValueError(f"empty interval [{self.low}, {self.high}]")

    def __truediv__(self, other: "Interval") -> "Interval":
        if other.low <= 0:
            raise ValueError("divisor interval must be positive")
        candidates = [self.low / other.low, self.low / other.high, self.high / other.low, self.high / other.high]
        return Interval(min(candidates), max(candidates))

    def __contains__(self, value: float) -> bool:
        return self.low <= value <= self.high

    @property
    def width(self) -> float:
        return self.high - self.low


def rounded_interval(value: float, step: float) -> Interval:
    """Every value that rounds to ``value`` at ``step`` (closed: a value exactly halfway could round either way)."""
    if step <= 0:
        raise ValueError(f"rounding step must be positive, got {step}")
    return Interval(value - step / 2, value + step / 2)


def rounding_step(value: float) -> float:
    """The step a printed number is rounded to, read from its digits: 28000 -> 1000, 13 -> 1, 13.5 -> 0.1."""
    if not math.isfinite(value) or value == 0:
        raise ValueError(f"cannot read a rounding step from {value!r}")
    return 10.0 ** Decimal(repr(float(value))).normalize().as_tuple().exponent


def base_from_change_and_percent(change: Interval, percent: Interval) -> Interval:
    """Base-year employment consistent with a rounded job change and a rounded percent: base = change / (percent / 100)."""
    return change / Interval(percent.low / 100, percent.high / 100)


def rounding_check(printed_change: float, change_step: float, printed_pct: float, pct_step: float, bls_base: float) -> dict:
    """The whole-job bases consistent with a rounded change and percent, and whether BLS's base is among them.

    The bounds are rounded to 6 decimals before taking whole jobs, so that float noise
    (28,000 / 0.14 = 199,999.99999999997) never costs a job."""
    change = rounded_interval(printed_change, change_step)
    percent = rounded_interval(printed_pct, pct_step)
    base = base_from_change_and_percent(change, percent)
    return {"printed_change": printed_change, "change_step": change_step, "printed_pct": printed_pct, "pct_step": pct_step,
            "change_low": change.low, "change_high": change.high, "pct_low": percent.low, "pct_high": percent.high,
            "base_low_persons": math.ceil(round(base.low, 6)), "base_high_persons": math.floor(round(base.high, 6)), "bls_base_persons": bls_base,
            "bls_base_in_interval": bls_base in base, "point_estimate_persons": round(printed_change / (printed_pct / 100))}


def rounding_table(vintage: str, printed_change: float, printed_pct: float, bls_base: float, source_keys: str) -> pd.DataFrame:
    """:func:`rounding_check` with the change read as rounded to the step its digits show, and to half and five times
    that step ("about" leaves room for coarser rounding); the percent to its own step. One row per reading."""
    step, pct_step = rounding_step(printed_change), rounding_step(printed_pct)
    steps = (step / 2, step, step * 5)
    frame = pd.DataFrame([rounding_check(printed_change, s, printed_pct, pct_step, bls_base) for s in steps])
    return frame.assign(vintage=vintage, step_as_printed=[s == step for s in steps], source_keys=source_keys)[
        ["vintage", "printed_change", "change_step", "printed_pct", "pct_step", "change_low", "change_high", "pct_low", "pct_high",
         "base_low_persons", "base_high_persons", "bls_base_persons", "bls_base_in_interval", "point_estimate_persons",
         "step_as_printed", "source_keys"]]


# The vintages and the two outlooks the guides quote --------------------------------------------------

def vintage_table(projections: pd.DataFrame) -> pd.DataFrame:
    """One row per BLS vintage, with projected level (published or implied), growth rates and the all-occupations comparison."""
    frame = projections.copy()
    years = (frame["target_year"] - frame["base_year"]).astype(float)
    implied = [round(implied_level(b, p), 1) for b, p in zip(frame["base_employment_thousands"], frame["pct_change"])]
    published = frame["projected_employment_thousands"].notna()
    frame["projected_level_basis"] = ["published" if p else "implied from base and percent" for p in published]
    frame["projected_thousands"] = frame["projected_employment_thousands"].astype(float).where(published, implied)
    frame["change_thousands_used"] = frame["change_thousands"].astype(float).where(
        frame["change_thousands"].notna(), (frame["projected_thousands"] - frame["base_employment_thousands"]).round(1))
    frame["annual_growth_pct"] = [round(compound_annual_rate(p, y), 3) for p, y in zip(frame["pct_change"], years)]
    frame["all_occupations_annual_growth_pct"] = [round(compound_annual_rate(p, y), 3) if pd.notna(p) else None
                                                  for p, y in zip(frame["all_occupations_pct_change"], years)]
    frame["ratio_to_all_occupations"] = (frame["pct_change"] / frame["all_occupations_pct_change"]).round(3)
    return frame[["vintage", "soc_code", COMPARABLE, "base_year", "target_year", "base_employment_thousands",
                  "projected_thousands", "projected_level_basis", "change_thousands_used", "pct_change", "annual_growth_pct",
                  "all_occupations_pct_change", "all_occupations_annual_growth_pct", "ratio_to_all_occupations", "status", "source_key"]]


def printed_figure(figures: pd.DataFrame, statistic: str, start: int, end: int | None = None) -> pd.Series | None:
    """The guides' figure of ``statistic`` for the years given (None if no guide prints one);
    an error if guides print different values for it."""
    rows = figures[(figures["statistic"] == statistic) & (figures["year_start"] == start)]
    if end is not None:
        rows = rows[rows["year_end"] == end]
    if rows.empty:
        return None
    if rows["value"].nunique() != 1:
        raise ValueError(f"guides print different values for {statistic} {start}-{end}: {sorted(rows['value'].unique())}")
    return rows.iloc[0]


NOT_PRINTED = "not printed"  # the basis of a base or change no guide prints and the other cannot imply
OUTLOOK_COLUMNS = ["vintage", "guide_sources", "printed_pct", "base_persons", "base_basis", "change_persons", "change_basis",
                   "implied_end_persons", "annual_growth_pct", "bls_base_persons", "bls_pct", "bls_all_occupations_pct", "source_key"]


def _base_and_change(figures: pd.DataFrame, start: int, end: int, pct: float) -> tuple:
    """(base, its basis, change, its basis) for one quoted outlook: a printed base implies the change, a printed change
    implies the base; with neither printed both are missing (NA) and their basis says so."""
    base_fig = printed_figure(figures, "employment", start)
    change_fig = printed_figure(figures, "projected_change", start, end)
    if base_fig is not None:
        base = float(base_fig["value"])
        return base, f"printed ({base_fig['source_key']})", base * pct / 100, "implied: base x percent"
    if change_fig is not None:
        change = float(change_fig["value"])
        return change / (pct / 100), "implied: change / percent", change, f"printed ({change_fig['source_key']})"
    return None, NOT_PRINTED, None, NOT_PRINTED


def guide_outlooks(figures: pd.DataFrame, projections: pd.DataFrame) -> pd.DataFrame:
    """The outlooks the guides quote (every period with a printed projected growth), with implied end level,
    change and annual rate, beside the BLS row of the same vintage; no rows when no guide prints a projected growth.

    Base employment comes from a guide where one prints it for the base year; otherwise it is implied
    from the printed job change and percent; where neither is printed, base, change and end level are missing
    (their basis says "not printed"): :func:`outlook_gaps` lists what that leaves out.
    """
    growth = figures[figures["statistic"] == "projected_growth"]
    rows = []
    for (start, end), group in growth.groupby(["year_start", "year_end"]):
        pct = float(printed_figure(figures, "projected_growth", start, end)["value"])
        base, base_basis, change, change_basis = _base_and_change(figures, start, end, pct)
        bls = projections[projections["vintage"] == f"{start}-{end}"]
        if bls.empty:
            raise ValueError(f"the guides quote {start}-{end} but the BLS projections table has no such vintage")
        bls = bls.iloc[0]
        known = base is not None
        rows.append({"vintage": f"{start}-{end}", "guide_sources": "; ".join(sorted(group["source_key"])), "printed_pct": pct,
                     "base_persons": round(base) if known else None, "base_basis": base_basis,
                     "change_persons": round(change) if known else None, "change_basis": change_basis,
                     "implied_end_persons": round(base + change) if known else None,
                     "annual_growth_pct": round(compound_annual_rate(pct, int(end) - int(start)), 3),
                     "bls_base_persons": round(1000 * float(bls["base_employment_thousands"])), "bls_pct": float(bls["pct_change"]),
                     "bls_all_occupations_pct": None if pd.isna(bls["all_occupations_pct_change"]) else float(bls["all_occupations_pct_change"]),
                     "source_key": bls["source_key"]})
    frame = pd.DataFrame(rows, columns=OUTLOOK_COLUMNS)
    frame["bls_all_occupations_pct"] = frame["bls_all_occupations_pct"].astype("Float64")
    for column in ("base_persons", "change_persons", "implied_end_persons"):
        frame[column] = frame[column].astype("Int64")
    return frame


def quoted_pair(outlooks: pd.DataFrame) -> tuple[str, str]:
    """The earliest and the latest outlook the guides quote (vintage names)."""
    if len(outlooks) < 2:
        raise ValueError(f"expected at least two quoted outlooks to compare, found {len(outlooks)}")
    ordered = sorted(outlooks["vintage"])
    return ordered[0], ordered[-1]


def quoted_ends(outlooks: pd.DataFrame) -> tuple[str | None, str | None]:
    """(earliest, latest) outlook the guides quote, for a page that must also work with fewer than two: the earliest is
    None unless at least two are quoted; the latest is None when none is."""
    ordered = sorted(outlooks["vintage"])
    return (ordered[0] if len(ordered) >= 2 else None), (ordered[-1] if ordered else None)


def outlook_gaps(outlooks: pd.DataFrame, projections: pd.DataFrame, claims: pd.DataFrame, wording: pd.DataFrame) -> dict:
    """What the outlook page lacks, from the processed tables (the page and ``run.py check`` say each in words, see
    :func:`mrt.words.projection_notes`): ``quoted`` (the vintages the guides quote, sorted), ``no_change`` (quoted
    vintages whose number of new jobs is neither printed nor implied), ``latest_change_printed`` (whether the latest quoted
    outlook prints its number of new jobs: the rounding section needs it), ``no_average`` (quoted vintages without an
    all-occupations percent), ``no_handbook_word`` (whether growth words are claimed but no Handbook word is in the data)
    and ``like_for_like`` (how many outlooks of the reference code start inside an earlier one's span)."""
    quoted = sorted(outlooks["vintage"])
    latest = outlooks.set_index("vintage").loc[quoted[-1]] if quoted else None
    reference = projections[projections[COMPARABLE] == "yes"]
    inside = sum(bool(((reference["base_year"] > r.base_year) & (reference["base_year"] <= r.target_year)).any())
                 for r in reference.itertuples(index=False))
    return {"quoted": quoted, "no_change": sorted(outlooks.loc[outlooks["change_persons"].isna(), "vintage"]),
            "latest_change_printed": latest is not None and str(latest["change_basis"]).startswith("printed"),
            "no_average": sorted(outlooks.loc[outlooks["bls_all_occupations_pct"].isna(), "vintage"]),
            "no_handbook_word": bool((claims["check"] == "growth_wording").any()) and wording.empty,
            "like_for_like": int(inside)}


def outlook_change(outlooks: pd.DataFrame, earlier: str, later: str) -> dict[str, float]:
    """The fall in the printed percent between two outlooks: in percentage points, as a percent change of the
    percent, and in percentage points of the compound annual rate."""
    a = outlooks.set_index("vintage").loc[earlier]
    b = outlooks.set_index("vintage").loc[later]
    return {"points": b["printed_pct"] - a["printed_pct"], "relative_pct": 100 * (b["printed_pct"] / a["printed_pct"] - 1),
            "annual_points": b["annual_growth_pct"] - a["annual_growth_pct"]}


# Projections against outcomes -----------------------------------------------------------------------

def _pair(v, year: float, interpolation: str, measured: float, measured_by: str, measured_vintage, measured_code: str,
          measured_comparable: str, same_concept: bool, measured_key: str) -> dict:
    projected = path_level(float(v.base_employment_thousands), float(v.projected_thousands), int(v.base_year),
                           int(v.target_year), year, interpolation)
    same_code = measured_code == v.soc_code
    return {"vintage": v.vintage, "soc_code": v.soc_code, "target_year": int(v.target_year), "year": int(year),
            "years_ahead": int(year) - int(v.base_year), "interpolation": interpolation, "projected_thousands": round(projected, 1),
            "measured_by": measured_by, "measured_vintage": measured_vintage, "measured_soc_code": measured_code,
            "measured_comparable_to_reference_code": measured_comparable, "same_code": same_code, "same_concept": same_concept,
            "like_for_like": same_code and same_concept, "measured_thousands": round(measured, 1),
            "difference_thousands": round(measured - projected, 1), "difference_pct": round(100 * (measured / projected - 1), 1),
            "source_key": v.source_key, "measured_source_key": measured_key}


OUTCOME_COLUMNS = ["vintage", "soc_code", "target_year", "year", "years_ahead", "interpolation", "projected_thousands", "measured_by",
                   "measured_vintage", "measured_soc_code", "measured_comparable_to_reference_code", "same_code", "same_concept",
                   "like_for_like", "measured_thousands", "difference_thousands", "difference_pct", "source_key", "measured_source_key"]


def outcome_pairs(vintages: pd.DataFrame, employment: pd.DataFrame, interpolation: str = "compound") -> pd.DataFrame:
    """Each outlook of the reference occupation code against what was measured later, inside its ten years.

    The measurement is the base-year employment of every later outlook that starts inside the span
    (same concept: all jobs, self-employed included; like for like when the occupation code is the same)
    and OEWS employment (wage-and-salary jobs only: never like for like) in the target year and in the
    last year any outlook of the reference code measured. The projection in a year between base and
    target is read from the outlook's path (``interpolation``, see :func:`path_level`).
    """
    reference = vintages[vintages[COMPARABLE] == "yes"]
    if reference.empty:
        raise ValueError("no projection vintage has the reference occupation code")
    last_measured = int(reference["base_year"].max())
    oews = employment.set_index("year")
    rows = []
    for v in reference.itertuples(index=False):
        for w in vintages[(vintages["base_year"] > v.base_year) & (vintages["base_year"] <= v.target_year)].itertuples(index=False):
            rows.append(_pair(v, int(w.base_year), interpolation, float(w.base_employment_thousands), "projections_base", w.vintage,
                              w.soc_code, getattr(w, COMPARABLE), True, w.source_key))
        for year in sorted({int(v.target_year), last_measured}):
            if year > v.base_year and year <= v.target_year and year in oews.index:
                o = oews.loc[year]
                rows.append(_pair(v, year, interpolation, float(o["employment_persons"]) / 1000, "oews_employment", None,
                                  o["soc_code"], o[COMPARABLE], False, o["source_key"]))
    frame = pd.DataFrame(rows, columns=OUTCOME_COLUMNS)  # no rows where no later measurement falls inside any span
    frame["measured_vintage"] = frame["measured_vintage"].astype("string")
    return frame.sort_values(["like_for_like", "vintage", "year", "measured_by"], ascending=[False, True, True, True]).reset_index(drop=True)


# The guides' growth words --------------------------------------------------------------------------

def band_of_words(words: str) -> str:
    """The Handbook band a growth phrase claims: 'much faster rate of growth' -> much_faster."""
    text = " ".join(words.lower().split())
    for fragment, band in WORD_BANDS:
        if fragment in text:
            return band
    raise ValueError(f"no growth comparison word in {words!r} (expected one of {[f for f, _ in WORD_BANDS]})")


@dataclass(frozen=True)
class Rule:
    """A rule that puts a projected growth in a band.

    ``kind`` "percent" reads the band from the percent itself (the Handbook's published bands);
    "ratio" from the percent divided by the all-occupations average of the same outlook.
    ``lower_bounds`` are (band, lowest value in the band), fastest band first; a value below every
    bound falls in the band just under the last one listed. A value exactly at a bound is in that band.
    ``basis`` says where the bounds come from (a Handbook edition, or that a parameter replaced them).
    """

    kind: str
    basis: str
    lower_bounds: tuple[tuple[str, float], ...]

    def __post_init__(self):
        if self.kind not in RULE_KINDS:
            raise ValueError(f"rule kind must be one of {RULE_KINDS}, got {self.kind!r}")
        bands = [b for b, _ in self.lower_bounds]
        if not bands or any(b not in BANDS for b in bands) or bands[-1] == BANDS[0]:
            raise ValueError(f"rule {self.key}: expected bands from {BANDS[1:]}, found {bands}")
        order = [BANDS.index(b) for b in bands]
        values = [v for _, v in self.lower_bounds]
        for i in range(1, len(bands)):
            if not (order[i] < order[i - 1] and values[i] < values[i - 1]):
                raise ValueError(f"rule {self.key}: bands must run fastest first with falling bounds, found {list(self.lower_bounds)}")

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.basis}"

    def band(self, value: float) -> str:
        for band, low in self.lower_bounds:
            if value >= low:
                return band
        return BANDS[BANDS.index(self.lower_bounds[-1][0]) - 1]

    def bound(self, band: str) -> float:
        return dict(self.lower_bounds)[band]


def handbook_rule(key_phrases: pd.DataFrame, edition: str) -> Rule:
    """The Handbook's own bands of one edition, in percent (bls_ooh_key_phrases.csv)."""
    rows = key_phrases[key_phrases["edition"] == edition]
    if rows.empty:
        raise ValueError(f"no key phrases for Handbook edition {edition!r}")
    lowest: dict[str, float] = {}
    for phrase, low in zip(rows["key_phrase"], rows["min_pct_change"]):
        band = band_of_words(phrase)  # an empty lower bound leaves the band open below
        lowest[band] = min(float(low) if pd.notna(low) else -math.inf, lowest.get(band, math.inf))
    bounds = sorted(((b, v) for b, v in lowest.items() if v > -math.inf), key=lambda item: -item[1])
    return Rule("percent", edition, tuple(bounds))


def average_for(averages: pd.DataFrame, start: int, end: int) -> float:
    """The all-occupations percent of the outlook start-end."""
    rows = averages[(averages["projection_start"] == start) & (averages["projection_end"] == end)]
    if rows.empty:
        raise ValueError(f"no all-occupations percent for {start}-{end}")
    return float(rows["all_occupations_pct_change"].iloc[0])


def ratio_rule(rule: Rule, average_pct: float) -> Rule:
    """A percent rule turned into a ratio rule: each band's lowest percent divided by the all-occupations
    average of the same outlook (21% / 10% -> 'much faster' from 2.1 times the average)."""
    if rule.kind != "percent":
        raise ValueError(f"only a percent rule can be divided by an average, got {rule.key}")
    if average_pct <= 0:
        raise ValueError(f"the all-occupations average must be positive to divide by, got {average_pct}")
    return Rule("ratio", rule.basis, tuple((band, low / average_pct) for band, low in rule.lower_bounds))


def derived_ratio_rule(key_phrases: pd.DataFrame, averages: pd.DataFrame) -> Rule:
    """The ratio rule derived from the latest Handbook edition whose bands and all-occupations average are both known.

    No verdict uses it any more (BLS's own words contradict it: it called 22% against 10.8%, about 2.0 times, "much
    faster"); it stays only for Exercise 3.5, which varies its threshold."""
    periods = key_phrases.drop_duplicates("edition").sort_values("projection_start", ascending=False)
    for edition, start, end in zip(periods["edition"], periods["projection_start"], periods["projection_end"]):
        known = averages[(averages["projection_start"] == start) & (averages["projection_end"] == end)]
        if not known.empty:
            return ratio_rule(handbook_rule(key_phrases, edition), average_for(averages, start, end))
    raise ValueError("no Handbook edition has both its key-phrase bands and its all-occupations average")


def derived_ratio_rule_if_known(key_phrases: pd.DataFrame, averages: pd.DataFrame) -> Rule | None:
    """:func:`derived_ratio_rule`, or None when no Handbook edition has both its bands and its all-occupations average."""
    try:
        return derived_ratio_rule(key_phrases, averages)
    except ValueError:
        return None


def finding_keys(bands: list[str]) -> list[str]:
    """One key per growth-word claim for the findings register, from the bands the words claim: the band itself when
    one claim names it, numbered in order when several do (several guides may use the same word):
    ``["faster", "much_faster", "faster"]`` -> ``["faster_1", "much_faster", "faster_2"]``."""
    seen: dict[str, int] = {}
    keys = []
    for band in bands:
        seen[band] = seen.get(band, 0) + 1
        keys.append(f"{band}_{seen[band]}" if list(bands).count(band) > 1 else band)
    return keys


def with_thresholds(rule: Rule, much_faster: float | None = None, faster: float | None = None) -> Rule:
    """``rule`` with its 'much faster' and/or 'faster' lower bounds replaced (None keeps the rule's own)."""
    bounds = dict(rule.lower_bounds)
    changed = []
    for band, value in (("much_faster", much_faster), ("faster", faster)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
            raise ValueError(f"the '{band.replace('_', ' ')}' threshold must be a positive number, got {value!r}")
        bounds[band] = float(value)
        changed.append(f"{band}={float(value):g}")
    if not changed:
        return rule
    ordered = sorted(bounds.items(), key=lambda item: -BANDS.index(item[0]))
    return Rule(rule.kind, f"{rule.basis}, " + ", ".join(changed), tuple(ordered))


@dataclass(frozen=True)
class Judgement:
    ratio: float  # percent / all-occupations average
    claimed_band: str  # the band the words claim
    band: str  # the band the rule puts the growth in
    verdict: str  # one of WORDING_VERDICTS


def compare_bands(claimed: str, actual: str, ratio: float) -> str:
    """supported when the words name the rule's band; contradicted when they put the growth on the wrong side
    of the average (above it at or below 1x, below it at or above 1x); else overstated or understated."""
    if (claimed in ABOVE_AVERAGE and ratio <= 1) or (claimed in BELOW_AVERAGE and ratio >= 1):
        return "contradicted"
    if claimed == actual:
        return "supported"
    return "overstated" if BANDS.index(claimed) > BANDS.index(actual) else "understated"


def judge_words(words: str, pct: float, average_pct: float, rule: Rule) -> Judgement:
    """Judge growth words against a projected percent and the all-occupations average of the same outlook."""
    if average_pct <= 0:
        raise ValueError(f"the all-occupations average must be positive to compare with, got {average_pct}")
    ratio = pct / average_pct
    band = rule.band(ratio if rule.kind == "ratio" else pct)
    claimed = band_of_words(words)
    return Judgement(ratio, claimed, band, compare_bands(claimed, band, ratio))


# How close the outcomes came ---------------------------------------------------------------------------

def _tolerance(tolerance_pct: float) -> float:
    if isinstance(tolerance_pct, bool) or not isinstance(tolerance_pct, (int, float)) or not math.isfinite(tolerance_pct) \
            or tolerance_pct <= 0:
        raise ValueError(f"the tolerance must be a positive number of percent, got {tolerance_pct!r}")
    return float(tolerance_pct)


def within_tolerance(difference_pct: float, tolerance_pct: float) -> bool:
    """Whether a measured-versus-projected difference lies within ± ``tolerance_pct`` (closed: exactly 3.0 is within 3)."""
    return abs(float(difference_pct)) <= _tolerance(tolerance_pct)


def outcome_exceptions(pairs: pd.DataFrame, tolerance_pct: float) -> pd.DataFrame:
    """The pairs of :func:`outcome_pairs` whose difference lies outside ± ``tolerance_pct``, largest miss first."""
    _tolerance(tolerance_pct)
    outside = pairs[[not within_tolerance(d, tolerance_pct) for d in pairs["difference_pct"]]]
    return outside.iloc[outside["difference_pct"].abs().argsort()[::-1]].reset_index(drop=True)


# The guides' growth words against the Handbook's own word -----------------------------------------

def percent_step(value: float) -> float:
    """The rounding step of a published percent: a whole percent -> 1 (22 stands for 21.5-22.5), else its last
    decimal (10.8 -> 0.1)."""
    return 1.0 if float(value).is_integer() else rounding_step(value)


def percent_ratio_interval(pct: float, reference_pct: float, pct_step: float = 1.0, reference_step: float = 0.1) -> tuple[float, float]:
    """The ratio of two published percents, as an interval their rounding allows: a 22% printed to whole percents
    (21.5-22.5) over a 10.8% printed to tenths (10.75-10.85) -> (1.98, 2.09)."""
    if not float(reference_pct) - reference_step / 2 > 0:  # checked before dividing: a reference at its rounding is no divisor
        raise ValueError(f"a ratio interval needs a positive reference above its rounding, found {reference_pct}")
    low = (float(pct) - pct_step / 2) / (float(reference_pct) + reference_step / 2)
    high = (float(pct) + pct_step / 2) / (float(reference_pct) - reference_step / 2)
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"a ratio interval needs a positive reference above its rounding, found {reference_pct}")
    return low, high


def ratio_interval(pct: float, average_pct: float) -> Interval:
    """Every ratio the two published percents allow, each read with its own rounding step (:func:`percent_step`):
    22 over 10.8 -> 1.98-2.09 (the arithmetic is :func:`percent_ratio_interval`)."""
    return Interval(*percent_ratio_interval(pct, average_pct, percent_step(pct), percent_step(average_pct)))


def handbook_words(wording: pd.DataFrame) -> pd.DataFrame:
    """bls_ooh_growth_wording.csv with each edition's band (from its words) and its ratio to the average (point and interval)."""
    frame = wording.copy()
    frame["band"] = [band_of_words(w) for w in frame["handbook_wording"]]
    frame["ratio"] = (frame["pct_change"].astype(float) / frame["all_occupations_pct_change"].astype(float)).round(3)
    intervals = [ratio_interval(p, a) for p, a in zip(frame["pct_change"], frame["all_occupations_pct_change"])]
    frame["ratio_low"] = [round(i.low, 3) for i in intervals]
    frame["ratio_high"] = [round(i.high, 3) for i in intervals]
    return frame


def ratio_brackets(words: pd.DataFrame) -> dict[str, dict]:
    """For each band the Handbook used (a frame from :func:`handbook_words`): the lowest and highest ratio to the
    average it gave that word, with the editions: {"faster": {"low": 1.5, "low_edition": "2012-13", "high": 1.8, ...}}."""
    brackets = {}
    for band, rows in words.groupby("band"):
        low, high = rows.loc[rows["ratio"].idxmin()], rows.loc[rows["ratio"].idxmax()]
        brackets[band] = {"low": float(low["ratio"]), "low_edition": low["edition"], "high": float(high["ratio"]),
                          "high_edition": high["edition"], "editions": len(rows)}
    return brackets


def handbook_word_for(words: pd.DataFrame, start: int, end: int) -> pd.Series | None:
    """The Handbook's own word for the outlook start-end (a row of :func:`handbook_words`), or None if no edition found has it."""
    rows = words[(words["projection_start"] == start) & (words["projection_end"] == end)]
    if len(rows) > 1:
        raise ValueError(f"more than one Handbook edition describes {start}-{end}: {sorted(rows['edition'])}")
    return None if rows.empty else rows.iloc[0]


def judge_against_handbook(claimed: str, ratio: float, handbook_band: str | None) -> str:
    """A guide's word against the Handbook's own word for the same outlook: contradicted when it puts the growth on the
    wrong side of the average; otherwise cannot_tell when the Handbook's word was not found (``None``); else as
    :func:`compare_bands` (supported, overstated, understated)."""
    if (claimed in ABOVE_AVERAGE and ratio <= 1) or (claimed in BELOW_AVERAGE and ratio >= 1):
        return "contradicted"
    if handbook_band is None:
        return CANNOT_TELL
    return compare_bands(claimed, handbook_band, ratio)


def _growth_word_claims(claims: pd.DataFrame, figures: pd.DataFrame, projections: pd.DataFrame):
    for claim in claims[claims["check"] == "growth_wording"].itertuples(index=False):
        figure = figures[figures["figure_id"] == claim.figure_ids].iloc[0]
        vintage = f"{figure['year_start']}-{figure['year_end']}"
        bls = projections[projections["vintage"] == vintage]
        if bls.empty:
            raise ValueError(f"{claim.source_key}: the guide's outlook {vintage} is not in the BLS projections table")
        yield claim, figure, vintage, bls.iloc[0]


RULE_TABLE_COLUMNS = ["source_key", "vintage", "words", "printed_pct", "all_occupations_pct", "ratio", "claimed_band", "band", "rule",
                      "verdict", "bls_source_key"]
WORDING_TABLE_COLUMNS = ["source_key", "vintage", "words", "printed_pct", "all_occupations_pct", "ratio", "ratio_low", "ratio_high",
                         "claimed_band", "handbook_edition", "handbook_wording", "handbook_band", "verdict",
                         *(f"{band}_ratio_{end}" for band in ABOVE_AVERAGE for end in ("low", "high")), "bls_source_key",
                         "handbook_source_key"]


def wording_table(claims: pd.DataFrame, figures: pd.DataFrame, projections: pd.DataFrame, wording: pd.DataFrame) -> pd.DataFrame:
    """Every growth-word claim judged against the Handbook's own word for the same outlook (bls_ooh_growth_wording.csv),
    with the printed percent's ratio to the all-occupations percent and the ratios the Handbook's editions gave each word."""
    words = handbook_words(wording)
    brackets = ratio_brackets(words)
    rows = []
    for claim, figure, vintage, bls in _growth_word_claims(claims, figures, projections):
        pct, average = float(figure["value"]), float(bls["all_occupations_pct_change"])
        found = handbook_word_for(words, int(figure["year_start"]), int(figure["year_end"]))
        claimed, interval = band_of_words(claim.as_printed), ratio_interval(pct, average)
        rows.append({"source_key": claim.source_key, "vintage": vintage, "words": claim.as_printed, "printed_pct": pct,
                     "all_occupations_pct": average, "ratio": round(pct / average, 3), "ratio_low": round(interval.low, 3),
                     "ratio_high": round(interval.high, 3), "claimed_band": claimed,
                     "handbook_edition": None if found is None else found["edition"],
                     "handbook_wording": None if found is None else found["handbook_wording"],
                     "handbook_band": None if found is None else found["band"],
                     "verdict": judge_against_handbook(claimed, pct / average, None if found is None else found["band"]),
                     **{f"{band}_ratio_{end}": brackets.get(band, {}).get(end) for band in ABOVE_AVERAGE for end in ("low", "high")},
                     "bls_source_key": bls["source_key"], "handbook_source_key": None if found is None else found["source_key"]})
    frame = pd.DataFrame(rows, columns=WORDING_TABLE_COLUMNS)  # no rows where no guide claims a growth word
    for column in ("handbook_edition", "handbook_wording", "handbook_band", "handbook_source_key"):
        frame[column] = frame[column].astype("string")
    return frame


def rule_wording_table(claims: pd.DataFrame, figures: pd.DataFrame, projections: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    """Every growth-word claim judged by ``rule`` (an alternative for the register, such as an edition's published bands)."""
    rows = []
    for claim, figure, vintage, bls in _growth_word_claims(claims, figures, projections):
        judged = judge_words(claim.as_printed, float(figure["value"]), float(bls["all_occupations_pct_change"]), rule)
        rows.append({"source_key": claim.source_key, "vintage": vintage, "words": claim.as_printed, "printed_pct": float(figure["value"]),
                     "all_occupations_pct": float(bls["all_occupations_pct_change"]), "ratio": round(judged.ratio, 3),
                     "claimed_band": judged.claimed_band, "band": judged.band, "rule": rule.key, "verdict": judged.verdict,
                     "bls_source_key": bls["source_key"]})
    return pd.DataFrame(rows, columns=RULE_TABLE_COLUMNS)
