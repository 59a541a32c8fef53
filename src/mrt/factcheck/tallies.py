"""Judging every claim (:func:`judge`, each run kept once) and counting the verdicts: the claims table, tallies by verdict
group and by guide, the agreement of claims printed without a year, and the questions several guides answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
import math

import pandas as pd

from mrt import occupation
from mrt.factcheck.checks import REGISTRY
from mrt.factcheck.rules import (AGREEING, Claim, Evidence, GUIDE_DATE, LATEST_RECORD, NOT_CHECKABLE, Result, Rules, TIMELESS,
    VERDICT_GROUPS, _figures, fingerprint)
from mrt.vocab import CHECKS, VERDICTS


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


def _judged_key(claims: pd.DataFrame, ev: Evidence, rules: Rules) -> tuple | None:
    try:
        key = (fingerprint(claims), ev.fingerprint, rules)
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


# What the exercises of notebook 05 work on, picked by meaning (never by a guide's file or line) -----------------------

def rounded_pay_claims(claims_table: pd.DataFrame) -> pd.DataFrame:
    """The pay claims whose printed figure is a correctly rounded BLS figure (exercise 5.1 traces the first)."""
    return claims_table[(claims_table["check"] == "wage") & (claims_table["verdict"] == "rounded")]


def undated_yearly_pay(run: list[Judged]) -> list[Judged]:
    """The checkable yearly pay claims, not ranges, whose guide prints no year (exercise 5.4 judges the first)."""
    return [j for j in run if j.claim.check == "wage" and j.prints_year is False and j.result.unit == "usd_per_year"
            and not j.result.facts.get("is_range") and j.result.verdict != NOT_CHECKABLE]


def shared_setting_shares(claims_table: pd.DataFrame) -> pd.DataFrame:
    """The printed shares of one setting that two or more guides give: the setting most guides give a share of (ties:
    the first setting in the table), all its share claims in guide and line order; empty when no two guides share one."""
    shares = claims_table[claims_table["check"] == "setting_share"]
    guides = shares.groupby("subject", sort=False)["guide_file"].nunique()
    if guides.empty or guides.max() < 2:
        return shares.iloc[0:0]
    rows = shares[shares["subject"] == guides.idxmax()]
    return rows.sort_values(["guide_file", "line"], kind="stable")
