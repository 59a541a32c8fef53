"""In short: the four questions a career seeker brings, answered from the processed tables.

What does it pay? Is it growing? How do people get in? Can I trust the guides? Each function below takes the
processed tables it needs (plain DataFrames, so tests pass small synthetic ones) and returns the facts of one answer;
``mrt.words`` turns them into at most two sentences; the README and the site's index print them at the top, each
with a link to the notebook section behind it. Nothing here is a sentence, and nothing is modelled: published
figures only.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mrt import factcheck, paths, schema
from mrt.education import TUITION_GROUPS


ANNUAL = "usd_per_year"
GROWTH_WORDING = "bls_ooh_growth_wording.csv"  # the Handbook's own growth word by edition (optional: used when present)

# Each question's key, with the notebook and the words of the section heading behind its answer (the README links the
# notebook; the site links the section, found by these words; a test checks that every link finds its section).
QUESTIONS = ("pay", "growth", "entry", "trust")
SECTIONS = {"pay": ("02-salaries", "Mean and median"), "growth": ("03-projections", "Every outlook since"),
            "entry": ("04-education", "What the guides say about the way in"), "trust": ("05-fact-check", "The verdicts")}


class InShortError(ValueError):
    """A table cannot answer its question; the message names the table and what was expected."""


# What does it pay? -------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pay:
    year: int
    soc_code: str
    median: float
    p10: float
    p90: float
    quartile_year: int | None = None  # the latest year BLS published the 25th and 75th percentiles, if any
    quartile_soc_code: str | None = None
    p25: float | None = None
    p75: float | None = None


def _annual_by_year(wages: pd.DataFrame, statistics: tuple[str, ...]) -> pd.DataFrame:
    """Annual pay, one row per year and code, one column per statistic; only years that have all of ``statistics``."""
    annual = wages[(wages["unit"] == ANNUAL) & wages["statistic"].isin(statistics) & wages["value"].notna()]
    wide = annual.pivot_table(index=["year", "soc_code"], columns="statistic", values="value", aggfunc="first")
    wide = wide.reindex(columns=list(statistics)).dropna()
    return wide.reset_index().sort_values("year", kind="stable")


def pay(wages: pd.DataFrame) -> Pay:
    """The latest OEWS year with a median and the 10th and 90th percentiles (annual), and the latest year with
    published 25th and 75th percentiles (statistics ``p25`` and ``p75``) when the table has any."""
    main = _annual_by_year(wages, ("median", "p10", "p90"))
    if main.empty:
        raise InShortError("bls_wages.csv: expected at least one year with an annual median, p10 and p90 (unit usd_per_year)")
    latest = main.iloc[-1]
    quartiles = _annual_by_year(wages, ("p25", "p75"))
    facts = dict(year=int(latest["year"]), soc_code=str(latest["soc_code"]), median=float(latest["median"]),
                 p10=float(latest["p10"]), p90=float(latest["p90"]))
    if quartiles.empty:
        return Pay(**facts)
    q = quartiles.iloc[-1]
    return Pay(**facts, quartile_year=int(q["year"]), quartile_soc_code=str(q["soc_code"]), p25=float(q["p25"]), p75=float(q["p75"]))


# Is it growing? ----------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Growth:
    start: int
    end: int
    soc_code: str
    pct: float
    average_pct: float | None  # all occupations, same outlook (None when not found)
    handbook_word: str | None  # the Handbook's own word for this outlook, when the data hold it
    quoted: tuple[tuple[int, int, float], ...]  # the outlooks the guides quote: (start, end, printed percent)


def _vintage_years(vintage: str) -> tuple[int, int]:
    start, end = str(vintage).split("-")
    return int(start), int(end)


def growth(projections: pd.DataFrame, guide_outlooks: pd.DataFrame, wording: pd.DataFrame | None = None) -> Growth:
    """The latest Employment Projections outlook (the latest base year), with the all-occupations rate and the
    Handbook's own word for the same projection period where ``wording`` (bls_ooh_growth_wording.csv) holds one."""
    known = projections[projections["pct_change"].notna()]
    if known.empty:
        raise InShortError("bls_projections.csv: expected at least one outlook with a pct_change")
    latest = known.sort_values(["base_year", "target_year"], kind="stable").iloc[-1]
    start, end = int(latest["base_year"]), int(latest["target_year"])
    word = None
    if wording is not None and len(wording):
        same = wording[(wording["projection_start"] == start) & (wording["projection_end"] == end) & wording["handbook_wording"].notna()]
        if len(same):
            word = str(same.sort_values("edition", kind="stable")["handbook_wording"].iloc[-1])
    quoted = tuple((*_vintage_years(r.vintage), float(r.printed_pct))
                   for r in guide_outlooks.sort_values("vintage", kind="stable").itertuples())
    average = latest["all_occupations_pct_change"]
    return Growth(start, end, str(latest["soc_code"]), float(latest["pct_change"]), None if pd.isna(average) else float(average), word, quoted)


# How do people get in? ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Route:
    label: str
    months: tuple[float, float] | None  # shortest and longest length of study published for it (None if none)
    tuition_usd_per_year: float | None  # published tuition and fees a year at the college that offers it
    tuition_period: str | None  # the school year of that figure
    to_move_up: bool  # the guides name it only as a way to move up


@dataclass(frozen=True)
class Entry:
    edition: str
    typical: str  # the Handbook's typical entry education, in its words
    routes: tuple[Route, ...]


def _route_evidence() -> dict[str, dict[str, str]]:
    """Which published rows of education_costs_and_pay.csv give each route's length and tuition (groups as published)."""
    two, four = TUITION_GROUPS["two_year_tuition_usd_per_year"], TUITION_GROUPS["four_year_tuition_usd_per_year"]
    return {"postsecondary_certificate": {"length": "certificate", "tuition": two},
            "associate_degree": {"length": "associate's degree", "tuition": two},
            "bachelor_degree": {"tuition": four}}


def _latest_row(costs: pd.DataFrame, measure: str, group: str, within: bool = False):
    """The latest row of ``measure`` for ``group`` (``within``: every group whose name holds ``group``, as program lengths
    are named by each occupation's own programs: "practice certificate", "associate's degree (full-time)")."""
    named = costs["group"].str.contains(group, regex=False, na=False) if within else costs["group"] == group
    rows = costs[(costs["measure"] == measure) & named]
    return None if rows.empty else rows.sort_values("period", kind="stable", na_position="first").iloc[-1]


def entry(editions: pd.DataFrame, education_paths: pd.DataFrame, costs: pd.DataFrame) -> Entry:
    """The latest Handbook edition's typical entry education, and each route the guides name with its published
    length of study and tuition (the latest school year published)."""
    if editions.empty:
        raise InShortError("bls_ooh_editions.csv: expected at least one Handbook edition")
    latest = editions.sort_values("edition", kind="stable").iloc[-1]
    evidence = _route_evidence()
    routes = []
    named = education_paths[education_paths["route"].isin(evidence) & (education_paths["guides"] > 0)]
    named = named.assign(_order=named["route"].map(list(evidence).index)).sort_values("_order", kind="stable")
    for r in named.itertuples():
        where = evidence[r.route]
        length = _latest_row(costs, "program_length", where["length"], within=True) if "length" in where else None
        tuition = _latest_row(costs, "tuition_and_fees", where["tuition"])
        routes.append(Route(r.route_label, None if length is None else (float(length["value_min"]), float(length["value_max"])),
                            None if tuition is None else float(tuition["value_min"]), None if tuition is None else str(tuition["period"]),
                            str(r.stances) == "for_advancement"))
    return Entry(str(latest["edition"]), str(latest["typical_entry_education"]), tuple(routes))


# Can I trust the guides? -------------------------------------------------------------------------------------------------

PERCENTILE_RANGE = "percentile_range"  # an error kind: a printed range whose ends are the 10th and 90th percentiles


@dataclass(frozen=True)
class Trust:
    claims: int
    checkable: int
    agreeing: int
    partly: int
    disagreeing: int
    error_kinds: tuple[tuple[str, int], ...]  # kinds of error among the disagreeing claims, most common first
    undated: int  # claims that rest on figures printed without a year


def error_kind(claim_id: str, verdict: str, figure_ids: dict[str, list[str]], provenance: pd.DataFrame) -> str:
    """A disagreeing claim's kind of error: ``percentile_range`` when its figures include a range whose ends BLS
    publishes as the 10th and 90th percentiles, else its verdict (``outdated``, ``overstated`` ...)."""
    ids = figure_ids.get(claim_id, [])
    ends = provenance[provenance["figure_id"].isin(ids) & provenance["part"].isin(["low", "high"])]
    if len(ends) and set(ends["bls_statistic"]) == {"p10", "p90"}:
        return PERCENTILE_RANGE
    return verdict


def trust(claims: pd.DataFrame, guide_claims: pd.DataFrame, provenance: pd.DataFrame) -> Trust:
    """The fact-check tally, the kinds of error among the claims that do not hold as printed (most common first,
    ties in the order of the verdicts), and how many claims rest on figures printed with no year."""
    t = factcheck.tally(claims["verdict"])
    figure_ids = {r.claim_id: [f.strip() for f in str(r.figure_ids).split(";") if f.strip()]
                  for r in guide_claims.itertuples() if isinstance(r.figure_ids, str)}
    wrong = claims[claims["verdict"].map(factcheck.VERDICT_GROUPS) == "disagrees"]
    kinds = [error_kind(r.claim_id, r.verdict, figure_ids, provenance) for r in wrong.itertuples()]
    order = (PERCENTILE_RANGE, *factcheck.VERDICTS)
    counted = sorted({k: kinds.count(k) for k in kinds}.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    undated = int((claims["prints_year"].astype("boolean") == False).sum())  # noqa: E712 (NA is neither)
    return Trust(t.claims, t.checkable, t.agreeing, t.partly, t.disagreeing, tuple(counted), undated)


# All four, from the processed tables -------------------------------------------------------------------------------------

def tables() -> dict[str, pd.DataFrame | None]:
    """The processed tables the answers need; the Handbook's growth words only when that table exists."""
    names = ("bls_wages.csv", "bls_projections.csv", "guide_outlooks.csv", "bls_ooh_editions.csv", "education_paths.csv",
             "education_costs_and_pay.csv", "claims.csv", "guide_claims.csv", "wage_provenance.csv")
    found = {name: schema.read_processed(name) for name in names}
    wording = paths.processed(GROWTH_WORDING)
    found[GROWTH_WORDING] = None
    if wording.is_file():
        found[GROWTH_WORDING] = schema.read_processed(GROWTH_WORDING) if GROWTH_WORDING in schema.TABLES else pd.read_csv(wording)
    return found


def facts(t: dict[str, pd.DataFrame | None] | None = None) -> dict[str, object]:
    """Question key -> its facts (:class:`Pay`, :class:`Growth`, :class:`Entry`, :class:`Trust`)."""
    t = tables() if t is None else t
    return {"pay": pay(t["bls_wages.csv"]),
            "growth": growth(t["bls_projections.csv"], t["guide_outlooks.csv"], t.get(GROWTH_WORDING)),
            "entry": entry(t["bls_ooh_editions.csv"], t["education_paths.csv"], t["education_costs_and_pay.csv"]),
            "trust": trust(t["claims.csv"], t["guide_claims.csv"], t["wage_provenance.csv"])}
