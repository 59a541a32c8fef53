"""Projection arithmetic for the outlook notebook (03-projections).

Growth rates and implied levels; intervals of the values that round to a printed figure; the fall
between two outlooks split on several scales; projected paths compared with measured outcomes like
for like; and the guides' growth words ("faster", "much faster") judged by a rule, either the
Handbook's own bands in percent or a ratio to the all-occupations average derived from them.

Functions return numbers and codes from the closed sets below; the notebook composes the sentences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from mrt.occupation import COMPARABLE

# Closed sets (declared here, imported by schema.py) -------------------------------------------------

WORDING_VERDICTS = ("supported", "overstated", "understated", "contradicted")
# The Handbook's growth bands, slowest first; the guides' words and the key phrases map onto them.
BANDS = ("decline", "little_or_no_change", "more_slowly", "about_as_fast", "faster", "much_faster")
ABOVE_AVERAGE = ("faster", "much_faster")
BELOW_AVERAGE = ("decline", "little_or_no_change", "more_slowly")
RULE_KINDS = ("percent", "ratio")  # a band read from the percent itself, or from percent / all-occupations average
SCALES = ("percentage_points", "log_growth_factor", "log_percent")
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


def guide_outlooks(figures: pd.DataFrame, projections: pd.DataFrame) -> pd.DataFrame:
    """The outlooks the guides quote (every period with a printed projected growth), with implied end level,
    change and annual rate, beside the BLS row of the same vintage.

    Base employment comes from a guide where one prints it for the base year; otherwise it is implied
    from the printed job change and percent.
    """
    growth = figures[figures["statistic"] == "projected_growth"]
    rows = []
    for (start, end), group in growth.groupby(["year_start", "year_end"]):
        pct = float(printed_figure(figures, "projected_growth", start, end)["value"])
        base_fig = printed_figure(figures, "employment", start)
        change_fig = printed_figure(figures, "projected_change", start, end)
        if base_fig is not None:
            base, base_basis = float(base_fig["value"]), f"printed ({base_fig['source_key']})"
            change, change_basis = base * pct / 100, "implied: base x percent"
        elif change_fig is not None:
            change, change_basis = float(change_fig["value"]), f"printed ({change_fig['source_key']})"
            base, base_basis = change / (pct / 100), "implied: change / percent"
        else:
            raise ValueError(f"no base or change printed for {start}-{end}")
        bls = projections[projections["vintage"] == f"{start}-{end}"]
        if bls.empty:
            raise ValueError(f"the guides quote {start}-{end} but the BLS projections table has no such vintage")
        bls = bls.iloc[0]
        rows.append({"vintage": f"{start}-{end}", "guide_sources": "; ".join(sorted(group["source_key"])), "printed_pct": pct,
                     "base_persons": round(base), "base_basis": base_basis, "change_persons": round(change), "change_basis": change_basis,
                     "implied_end_persons": round(base + change), "annual_growth_pct": round(compound_annual_rate(pct, int(end) - int(start)), 3),
                     "bls_base_persons": round(1000 * float(bls["base_employment_thousands"])), "bls_pct": float(bls["pct_change"]),
                     "bls_all_occupations_pct": float(bls["all_occupations_pct_change"]), "source_key": bls["source_key"]})
    return pd.DataFrame(rows)


def quoted_pair(outlooks: pd.DataFrame) -> tuple[str, str]:
    """The earliest and the latest outlook the guides quote (vintage names)."""
    if len(outlooks) < 2:
        raise ValueError(f"expected at least two quoted outlooks to compare, found {len(outlooks)}")
    ordered = sorted(outlooks["vintage"])
    return ordered[0], ordered[-1]


def outlook_change(outlooks: pd.DataFrame, earlier: str, later: str) -> dict[str, float]:
    """The fall in the printed percent between two outlooks: in percentage points, as a percent change of the
    percent, and in percentage points of the compound annual rate."""
    a = outlooks.set_index("vintage").loc[earlier]
    b = outlooks.set_index("vintage").loc[later]
    return {"points": b["printed_pct"] - a["printed_pct"], "relative_pct": 100 * (b["printed_pct"] / a["printed_pct"] - 1),
            "annual_points": b["annual_growth_pct"] - a["annual_growth_pct"]}


# The fall between two outlooks, split on several scales ---------------------------------------------

def _on_scale(pct: float, scale: str) -> float:
    if scale == "percentage_points":
        return pct
    if scale == "log_growth_factor":
        if pct <= -100:
            raise ValueError(f"log_growth_factor needs percents above -100, got {pct}")
        return math.log(1 + pct / 100)
    if scale == "log_percent":
        if pct <= 0:
            raise ValueError(f"log_percent needs positive percents, got {pct}")
        return math.log(pct)
    raise ValueError(f"scale must be one of {SCALES}, got {scale!r}")


def slowdown_share(before: float, all_before: float, after: float, all_after: float, scale: str) -> float:
    """The share of a fall in projected growth that the fall of the all-occupations average accounts for, on ``scale``.

    On each scale f, f(occupation) = f(average) + (the occupation's edge over the average), so the fall
    splits exactly into the average's fall and the edge's fall; the share is f(average) fall / f(occupation) fall:
    percentage points f(p) = p; log growth factors f(p) = ln(1 + p/100); log of the percents f(p) = ln(p)
    (there the edge is the ratio to the average). The share can leave 0-1 when the two move apart.
    """
    total = _on_scale(before, scale) - _on_scale(after, scale)
    if total == 0:
        raise ValueError("no change to split")
    return (_on_scale(all_before, scale) - _on_scale(all_after, scale)) / total


def slowdown_table(before: float, all_before: float, after: float, all_after: float) -> pd.DataFrame:
    """The fall split on every scale: one row per scale, the occupation's fall, the average's fall, the edge's fall and the share."""
    rows = []
    for scale in SCALES:
        occupation_fall = _on_scale(before, scale) - _on_scale(after, scale)
        average_fall = _on_scale(all_before, scale) - _on_scale(all_after, scale)
        rows.append({"scale": scale, "occupation_fall": occupation_fall, "all_occupations_fall": average_fall,
                     "edge_fall": occupation_fall - average_fall,
                     "all_occupations_share": slowdown_share(before, all_before, after, all_after, scale)})
    return pd.DataFrame(rows)


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
    frame = pd.DataFrame(rows)
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
    """The ratio rule derived from the latest Handbook edition whose bands and all-occupations average are both known."""
    periods = key_phrases.drop_duplicates("edition").sort_values("projection_start", ascending=False)
    for edition, start, end in zip(periods["edition"], periods["projection_start"], periods["projection_end"]):
        known = averages[(averages["projection_start"] == start) & (averages["projection_end"] == end)]
        if not known.empty:
            return ratio_rule(handbook_rule(key_phrases, edition), average_for(averages, start, end))
    raise ValueError("no Handbook edition has both its key-phrase bands and its all-occupations average")


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


def wording_table(claims: pd.DataFrame, figures: pd.DataFrame, projections: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    """Every growth-word claim judged by ``rule``: the printed percent against the all-occupations percent of its vintage."""
    rows = []
    for claim in claims[claims["check"] == "growth_wording"].itertuples(index=False):
        figure = figures[figures["figure_id"] == claim.figure_ids].iloc[0]
        vintage = f"{figure['year_start']}-{figure['year_end']}"
        bls = projections[projections["vintage"] == vintage].iloc[0]
        judged = judge_words(claim.as_printed, float(figure["value"]), float(bls["all_occupations_pct_change"]), rule)
        rows.append({"source_key": claim.source_key, "vintage": vintage, "words": claim.as_printed, "printed_pct": float(figure["value"]),
                     "all_occupations_pct": float(bls["all_occupations_pct_change"]), "ratio": round(judged.ratio, 3),
                     "claimed_band": judged.claimed_band, "band": judged.band, "rule": rule.key, "verdict": judged.verdict,
                     "bls_source_key": bls["source_key"]})
    return pd.DataFrame(rows)


def rules_table(rules: list[Rule], in_use: Rule) -> pd.DataFrame:
    """Every rule's bands and lower bounds, one row per rule and band (the slowest band has no bound)."""
    rows = []
    for rule in rules:
        bounds = dict(rule.lower_bounds)
        slowest = BANDS.index(rule.band(-math.inf))
        for band in reversed(BANDS[slowest:]):
            rows.append({"rule": rule.key, "kind": rule.kind, "basis": rule.basis, "band": band,
                         "lower_bound": bounds.get(band), "in_use": rule == in_use})
    return pd.DataFrame(rows)
