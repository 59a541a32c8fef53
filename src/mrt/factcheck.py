"""Verdicts for the guides' claims, each with its evidence and computation.

Every claim in ``guide_claims.csv`` names a check; each check below compares the
claim's printed figures (or words) with the BLS record already cleaned by the
other notebooks, and returns one verdict from a small closed set.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mrt.occupation import COMPARABLE

VERDICTS = ("matches the record", "rounded", "outdated", "mislabelled", "overstated", "contradicted", "not checkable with this data")
SHARE_TOLERANCE_POINTS = 1.0  # a plain share "matches" a BLS share within this many percentage points
ALMOST_POINTS = 3.0  # "almost X" matches a BLS share from X - 3 up to X


@dataclass
class Verdict:
    verdict: str
    evidence: str
    computation: str = ""
    guide_value: float | None = None
    record_value: float | None = None
    unit: str | None = None
    record_year: int | None = None
    record_source_key: str | None = None

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")


@dataclass
class Evidence:
    """The processed tables the checks read."""

    figures: pd.DataFrame
    provenance: pd.DataFrame
    pairs: pd.DataFrame
    outlooks: pd.DataFrame
    wording: pd.DataFrame
    vintages: pd.DataFrame
    settings: pd.DataFrame
    ooh: pd.DataFrame
    employment: pd.DataFrame
    bls_wages: pd.DataFrame
    guide_education: pd.DataFrame
    costs: pd.DataFrame


def _ids(claim) -> list[str]:
    return [] if pd.isna(claim.figure_ids) else str(claim.figure_ids).split(";")


def _latest(bls_wages: pd.DataFrame, statistic: str, unit: str) -> pd.Series:
    rows = bls_wages[(bls_wages["statistic"] == statistic) & (bls_wages["unit"] == unit)].sort_values("year")
    return rows.iloc[-1]


def check_wage(claim, ev: Evidence) -> Verdict:
    rows = ev.provenance[ev.provenance["figure_id"].isin(_ids(claim))]
    if rows.empty or rows["bls_year"].isna().any():
        return Verdict("not checkable with this data", "no BLS national figure matches the printed amount")
    first = rows.iloc[0]
    values = ", ".join(f"{v:,.2f}".rstrip("0").rstrip(".") for v in rows["value"])
    record = ", ".join(f"{s} {v:,.2f}".rstrip("0").rstrip(".") for s, v in zip(rows["bls_statistic"], rows["bls_value"]))
    common = dict(guide_value=float(first["value"]), record_value=float(first["bls_value"]), unit=first["unit"],
                  record_year=int(first["bls_year"]), record_source_key=first["bls_source_key"])
    computation = f"printed {values} vs OEWS May {int(first['bls_year'])} {record}"
    is_range = rows["part"].isin(["low", "high"]).any()
    undated = rows["year_printed"].isna().all()
    if is_range:
        text = ("the printed ends are the 10th and 90th percentiles, not the lowest and highest pay: one in ten earns less, one in ten more"
                + (f"; no year printed (they are the {int(first['bls_year'])} figures)" if undated else ""))
        return Verdict("mislabelled", text, computation, **common)
    if undated:
        latest = _latest(ev.bls_wages, first["bls_statistic"], first["unit"])
        return Verdict("outdated", f"matches OEWS {int(first['bls_year'])} exactly but prints no year and is stated as current; "
                                   f"the latest figure ({int(latest['year'])}, SOC {latest['soc_code']}, {latest[COMPARABLE]} comparable) is "
                                   f"{latest['value']:,.2f}".rstrip("0").rstrip("."), computation, **common)
    if first["verdict"].startswith("rounded"):
        return Verdict("rounded", f"{first['verdict']} from the BLS {first['bls_statistic']} of {first['bls_value']:,.0f}", computation, **common)
    if first["verdict"] == "exact":
        return Verdict("matches the record", f"equals the OEWS May {int(first['bls_year'])} {first['bls_statistic']}", computation, **common)
    return Verdict("contradicted", first["verdict"], computation, **common)


def check_employment_count(claim, ev: Evidence) -> Verdict:
    fig = ev.figures[ev.figures["figure_id"] == _ids(claim)[0]].iloc[0]
    value, year = float(fig["value"]), fig["year_start"]
    oes = ev.employment[ev.employment["employment_persons"] == value]
    projections = ev.vintages[(ev.vintages["base_employment_thousands"] * 1000).round() == value]
    if len(projections):
        p = projections.iloc[0]
        same_year_oes = ev.employment[ev.employment["year"] == p["base_year"]]["employment_persons"]
        note = f"; OEWS counts {int(same_year_oes.iloc[0]):,} wage-and-salary jobs that year" if len(same_year_oes) else ""
        verdict = "matches the record" if pd.notna(year) and int(year) == int(p["base_year"]) else "outdated"
        return Verdict(verdict, f"equals the base-year employment of the BLS {p['vintage']} projections (all jobs, self-employed included){note}",
                       f"{value:,.0f} = 1000 x {p['base_employment_thousands']}", value, value, "persons", int(p["base_year"]), p["source_key"])
    if len(oes):
        o = oes.iloc[0]
        latest = ev.employment.sort_values("year").iloc[-1]
        if pd.isna(year):
            return Verdict("outdated", f"equals OEWS May {int(o['year'])} employment exactly but prints no year; the latest OEWS count "
                                       f"({int(latest['year'])}, SOC {latest['soc_code']}) is {int(latest['employment_persons']):,}",
                           f"{value:,.0f} = OEWS {int(o['year'])}", value, value, "persons", int(o["year"]), o["source_key"])
        verdict = "matches the record" if int(year) == int(o["year"]) else "mislabelled"
        return Verdict(verdict, f"equals OEWS May {int(o['year'])} employment", f"{value:,.0f} = OEWS {int(o['year'])}", value, value, "persons", int(o["year"]), o["source_key"])
    return Verdict("not checkable with this data", "no BLS employment figure equals the printed count", guide_value=value, unit="persons")


def check_growth_pct(claim, ev: Evidence) -> Verdict:
    fig = ev.figures[ev.figures["figure_id"] == _ids(claim)[0]].iloc[0]
    vintage = f"{fig['year_start']}-{fig['year_end']}"
    bls = ev.vintages.set_index("vintage").loc[vintage]
    printed, record = float(fig["value"]), float(bls["pct_change"])
    computation = f"printed {printed:g}% vs BLS {vintage} {record:g}%"
    common = dict(guide_value=printed, record_value=record, unit="percent", record_year=int(fig["year_start"]), record_source_key=bls["source_key"])
    if printed == record:
        return Verdict("matches the record", f"equals the BLS {vintage} projection", computation, **common)
    change = bls["change_thousands_used"] / bls["base_employment_thousands"] * 100
    if abs(change - printed) <= 0.5:
        return Verdict("rounded", f"BLS's unrounded change ({bls['change_thousands_used']:g} of {bls['base_employment_thousands']:g} thousand = {change:.2f}%) rounds to the printed whole percent",
                       computation, **common)
    return Verdict("contradicted", f"BLS projected {record:g}% for {vintage}", computation, **common)


def check_growth_change(claim, ev: Evidence) -> Verdict:
    fig = ev.figures[ev.figures["figure_id"] == _ids(claim)[0]].iloc[0]
    vintage = f"{fig['year_start']}-{fig['year_end']}"
    bls = ev.vintages.set_index("vintage").loc[vintage]
    printed, record = float(fig["value"]), 1000 * float(bls["change_thousands_used"])
    computation = f"printed {printed:,.0f} vs BLS change {record:,.0f}; rounded to the nearest 1,000: {1000 * round(record / 1000):,.0f}"
    common = dict(guide_value=printed, record_value=record, unit="jobs", record_year=int(fig["year_start"]), record_source_key=bls["source_key"])
    if printed == record:
        return Verdict("matches the record", f"equals the BLS {vintage} projected change", computation, **common)
    if abs(printed - record) <= 500:
        return Verdict("rounded", f"BLS projected {record:,.0f} new jobs; 'about' marks the rounding", computation, **common)
    return Verdict("contradicted", f"BLS projected {record:,.0f} new jobs", computation, **common)


def check_growth_wording(claim, ev: Evidence) -> Verdict:
    row = ev.wording[ev.wording["source_key"] == claim.source_key].iloc[0]
    verdict = {"supported": "matches the record", "contradicted": "contradicted"}.get(row["verdict"], "overstated")
    return Verdict(verdict, f"{row['printed_pct']:g}% against {row['all_occupations_pct']:g}% for all occupations in {row['vintage']} ({row['ratio']:.2f}x); {row['verdict']}",
                   f"{row['printed_pct']:g} / {row['all_occupations_pct']:g} = {row['ratio']:.2f}", row["printed_pct"], row["all_occupations_pct"],
                   "percent", int(row["vintage"][:4]), row["bls_source_key"])


def _bls_shares(ev: Evidence, setting: str) -> pd.DataFrame:
    return ev.settings[(ev.settings["source_kind"] == "bls") & (ev.settings["setting"] == setting)].sort_values("year")


def _shares_text(shares: pd.DataFrame) -> str:
    return "; ".join(f"{int(r.year)}: {r.share_pct:g}% ({r.setting_as_named}{', computed' if r.share_computed else ''})" for r in shares.itertuples())


def check_setting_share(claim, ev: Evidence) -> Verdict:
    fig = ev.settings[(ev.settings["source_kind"] == "guide") & (ev.settings["source_key"] == claim.source_key)]
    fig = fig[fig["setting_as_named"].notna()]
    figure = ev.figures[ev.figures["figure_id"] == _ids(claim)[0]].iloc[0]
    setting = fig[fig["share_pct"] == figure["value"]].iloc[0]["setting"]
    shares = _bls_shares(ev, setting)
    x, qualifier = float(figure["value"]), figure["qualifier"]
    values = shares["share_pct"].astype(float)
    computation = f"printed {qualifier + ' ' if isinstance(qualifier, str) else ''}{x:g}% vs BLS {_shares_text(shares)}"
    common = dict(guide_value=x, unit="percent", record_value=float(values.iloc[-1]), record_year=int(shares["year"].iloc[-1]),
                  record_source_key=shares["source_key"].iloc[-1])
    if qualifier == "more than":
        ok = (values > x).all()
    elif qualifier == "almost":
        ok = ((values >= x - ALMOST_POINTS) & (values <= x)).any()
    else:
        ok = ((values - x).abs() <= SHARE_TOLERANCE_POINTS).any()
        if not ok and x > values.max():
            return Verdict("overstated", f"every BLS share for {setting.replace('_', ' ')} is lower ({values.min():g}-{values.max():g}%); the guide prints no year or source year",
                           computation, **common)
    return Verdict("matches the record" if ok else "contradicted",
                   f"BLS shares for {setting.replace('_', ' ')}: {values.min():g}-{values.max():g}% across {shares['year'].min()}-{shares['year'].max()}", computation, **common)


def check_setting_majority(claim, ev: Evidence) -> Verdict:
    shares = _bls_shares(ev, "hospitals")
    top = float(shares["share_pct"].max())
    return Verdict("contradicted" if top < 50 else "matches the record",
                   f"no BLS source puts a majority in hospitals: the largest share is {top:g}%", f"max({_shares_text(shares)}) = {top:g}% < 50%",
                   None, top, "percent", int(shares.loc[shares["share_pct"].idxmax(), "year"]), shares.loc[shares["share_pct"].idxmax(), "source_key"])


def check_setting_remainder(claim, ev: Evidence) -> Verdict:
    hospitals, offices = _bls_shares(ev, "hospitals"), _bls_shares(ev, "offices_of_physicians")
    both = hospitals.merge(offices, on="year", suffixes=("_h", "_o"))
    both["of_remainder"] = (100 * both["share_pct_o"] / (100 - both["share_pct_h"])).round(1)
    text = "; ".join(f"{int(r.year)}: {r.of_remainder:g}% of the non-hospital jobs" for r in both.itertuples())
    return Verdict("not checkable with this data", f"physicians' offices alone hold {both['of_remainder'].min():g}-{both['of_remainder'].max():g}% of the jobs outside hospitals, "
                   "not most of them; 'small clinics' are not a separate setting in our data", text, None, float(both["of_remainder"].iloc[-1]), "percent",
                   int(both["year"].iloc[-1]), both["source_key_o"].iloc[-1])


def check_setting_pay(claim, ev: Evidence) -> Verdict:
    oes = ev.settings[ev.settings["mean_annual_usd"].notna()].set_index("setting")
    h, o = oes.loc["hospitals"], oes.loc["offices_of_physicians"]
    return Verdict("matches the record" if h["mean_annual_usd"] > o["mean_annual_usd"] else "contradicted",
                   f"OES May {int(h['year'])}: hospitals' mean pay ${h['mean_annual_usd']:,.0f} vs physicians' offices ${o['mean_annual_usd']:,.0f}; "
                   "government and extended-care pay are not in our data", f"{h['mean_annual_usd']:,.0f} > {o['mean_annual_usd']:,.0f}",
                   None, float(h["mean_annual_usd"]), "usd_per_year", int(h["year"]), h["source_key"])


def check_setting_pay_figure(claim, ev: Evidence) -> Verdict:
    fig = ev.figures[ev.figures["figure_id"] == _ids(claim)[0]].iloc[0]
    oes = ev.settings[ev.settings["mean_annual_usd"].notna()].set_index("setting")
    return Verdict("not checkable with this data", f"our BLS extract has pay by setting only for {int(oes['year'].iloc[0])} (means: hospitals "
                   f"${oes.loc['hospitals', 'mean_annual_usd']:,.0f}, physicians' offices ${oes.loc['offices_of_physicians', 'mean_annual_usd']:,.0f}); "
                   "the direction of the gap agrees", "", float(fig["value"]), None, "usd_per_year", None, None)


def check_area_pay_list(claim, ev: Evidence) -> Verdict:
    keys = ev.figures[ev.figures["figure_id"].isin(_ids(claim))]["source_key"].unique()
    pairs = ev.pairs[ev.pairs["hourly_source_key"].isin(keys)]
    ok = int(pairs["consistent"].sum())
    return Verdict("not checkable with this data", f"no state or metro data in our BLS extract; internally, {ok} of {len(pairs)} hourly/annual pairs agree "
                   f"(hourly x 2,080 within ${pairs['tolerance_usd'].max():.2f})", f"largest gap ${pairs['gap_usd'].abs().max():.2f}")


def check_education_entry(claim, ev: Evidence) -> Verdict:
    statement = ev.guide_education[(ev.guide_education["source_key"] == claim.source_key)
                                   & ev.guide_education["route"].isin(["hs_diploma_on_the_job", "postsecondary_certificate", "associate_degree"])]
    words = claim.as_printed.lower()
    route = "hs_diploma_on_the_job" if "high school" in words else "associate_degree" if "associate" in words else "postsecondary_certificate"
    stance = statement[statement["route"] == route]["stance"].iloc[0]
    from mrt.education import OOH_CATEGORY_ROUTE, WORDING_ROUTE

    typical = ev.ooh[ev.ooh["typical_entry_education"].map(OOH_CATEGORY_ROUTE) == route]["edition"].tolist()
    mentioned = [e for e, w in zip(ev.ooh["edition"], ev.ooh["education_wording"]) if any(WORDING_ROUTE[k] == route for k in WORDING_ROUTE if k in w.lower())]
    latest = ev.ooh.iloc[-1]
    common = dict(record_year=int(latest["wage_year"]), record_source_key=latest["source_key"])
    if stance in ("required", "typical"):
        if latest["edition"] in typical:
            return Verdict("matches the record", f"the Handbook names it the typical entry education in {', '.join(typical)}", f"stance {stance}", **common)
        if typical:
            return Verdict("outdated", f"the Handbook named it typical only in {', '.join(typical)}; since then: {latest['typical_entry_education']}", f"stance {stance}", **common)
        return Verdict("contradicted", f"no Handbook edition names it typical; they name {latest['typical_entry_education']}", f"stance {stance}", **common)
    if mentioned:
        return Verdict("matches the record", f"the Handbook's wording allows it in {', '.join(mentioned)}", f"stance {stance}", **common)
    return Verdict("not checkable with this data", "no Handbook edition in our data mentions this route", f"stance {stance}", **common)


def check_education_advancement(claim, ev: Evidence) -> Verdict:
    rows = ev.costs[ev.costs["group"].str.contains("typical entry: bachelor", regex=False)]
    row = rows.iloc[0]
    return Verdict("matches the record", f"BLS gives a bachelor's degree as the typical entry education of medical and health services managers "
                   f"(median pay ${row['value_max']:,.0f} in {row['period']})", "", None, float(row["value_max"]), "usd_per_year", int(row["period"]), row["source_key"])


def check_duration(claim, ev: Evidence) -> Verdict:
    fig = ev.figures[ev.figures["figure_id"] == _ids(claim)[0]].iloc[0]
    lengths = ev.costs[(ev.costs["measure"] == "program_length") & ev.costs["group"].str.contains("certificate")].iloc[0]
    return Verdict("not checkable with this data", f"no official statistic on program length; program guides (a secondary source) give "
                   f"{lengths['value_min']:g}-{lengths['value_max']:g} months for a coding certificate, consistent with '{claim.as_printed}'",
                   "", None if pd.isna(fig["value"]) else float(fig["value"]), None, fig["unit"], None, lengths["source_key"])


def check_not_checkable(claim, ev: Evidence) -> Verdict:
    return Verdict("not checkable with this data", "our data hold nothing on this (no state breakdowns, no third-party rankings)")


CHECKS = {name.removeprefix("check_"): fn for name, fn in globals().items() if name.startswith("check_")}


def verdicts(claims: pd.DataFrame, ev: Evidence) -> pd.DataFrame:
    rows = []
    for claim in claims.itertuples(index=False):
        if claim.check not in CHECKS:
            raise ValueError(f"{claim.source_key}: no check named {claim.check!r}")
        v = CHECKS[claim.check](claim, ev)
        rows.append({"claim_id": claim.claim_id, "guide_file": claim.guide_file, "line": claim.line, "source_key": claim.source_key,
                     "topic": claim.topic, "claim": claim.claim, "verdict": v.verdict, "evidence": v.evidence, "computation": v.computation or None,
                     "guide_value": v.guide_value, "record_value": v.record_value, "unit": v.unit, "record_year": v.record_year,
                     "record_source_key": v.record_source_key})
    frame = pd.DataFrame(rows)
    for column in ("line", "record_year"):
        frame[column] = frame[column].astype("Int64")
    for column in ("guide_value", "record_value"):
        frame[column] = frame[column].astype("Float64")
    return frame


def disagreements(claims_with_verdicts: pd.DataFrame, settings: pd.DataFrame, ooh: pd.DataFrame) -> pd.DataFrame:
    """The hospital share and the entry education, side by side across guides, with the likely reason."""
    hospital = claims_with_verdicts[claims_with_verdicts["check"].isin(["setting_share", "setting_majority"])
                                    & claims_with_verdicts["claim"].str.contains("hospital", case=False)]
    bls = settings[(settings["source_kind"] == "bls") & (settings["setting"] == "hospitals")]
    spread = f"BLS puts {bls['share_pct'].min():g}-{bls['share_pct'].max():g}% in hospitals ({int(bls['year'].min())}-{int(bls['year'].max())}), "
    rows = []
    for c in hospital.itertuples(index=False):
        reason = {"overstated": spread + "so 40% is above every year; no year or source is printed, it may come from an older or different count",
                  "contradicted": spread + "so 'most' reads a plurality (the largest single employer) as a majority",
                  "matches the record": spread + "so 'more than one-quarter' is true, if cautious"}[c.verdict]
        rows.append({"question": "What share of technicians work in hospitals?", "source_key": c.source_key, "claim": c.claim, "verdict": c.verdict, "likely_reason": reason})
    entry = claims_with_verdicts[claims_with_verdicts["check"] == "education_entry"]
    first_typical = ooh.iloc[0]
    for c in entry.itertuples(index=False):
        reason = (f"the {first_typical['edition']} Handbook named an {first_typical['typical_entry_education']} typical; every edition since names a postsecondary nondegree award"
                  if c.verdict == "outdated" else "agrees with the Handbook editions of its time: " + c.evidence)
        rows.append({"question": "What education does it take to enter?", "source_key": c.source_key, "claim": c.claim, "verdict": c.verdict, "likely_reason": reason})
    return pd.DataFrame(rows)
