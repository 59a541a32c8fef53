"""The checks: one function per check name of ``mrt.vocab.CHECKS``, each returning numbers and a verdict code, never a
sentence; :data:`REGISTRY` zips them onto the declared names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
import re

import pandas as pd

from mrt import occupation
from mrt.education.routes import OOH_CATEGORY_ROUTE, WORDING_ROUTE
from mrt.factcheck.rules import (ANY_EDITION, Claim, EDITION_OF_TIME, Evidence, FactCheckError, GROWTH_WORDING_VERDICTS,
    HANDBOOK_WORDING, NOT_CHECKABLE, NO_READING, OWN_STEP, PRESCRIPTIVE_STANCES, PRINTED, Range, Result, Rules, TIMELESS,
    _figures, _number, _one_figure, _printed, _year, edition_of_time, last_digit_step, printed_range, printed_step, time_frame,
    years_in_frame)
from mrt.vocab import CHECKS


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
