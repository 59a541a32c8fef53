"""Notebook 05-fact-check's sentences, part two: the page's sentences, from the tallies and the judged claims (the
rules: :mod:`mrt.words`)."""

from __future__ import annotations

from mrt import factcheck, report
from mrt.words.common import counted, majority_word, names
from mrt.words.evidence import (POPULATION, VERDICT_WORDS, guide_name, guide_number, lower_first, pct, printed_range,
                                question_words, undated_agreement_words)


# 05-fact-check: the page's sentences, from the tallies and the judged claims ---------------------------------------------


def guide_dates_text(guides, titles) -> str:
    """How many guides date themselves through their figures (``guides``: guide_file, date_from_figures)."""
    undated = guides[guides["date_from_figures"].isna()]
    if len(guides) == 1:
        year = guides["date_from_figures"].iloc[0]
        return ("The one guide prints no year at all, so its claims are judged against the latest record." if len(undated) else
                f"The one guide dates itself through its figures ({year}).")
    return (f"{len(guides) - len(undated)} of the {len(guides)} guides date themselves through their figures "
            f"({', '.join(str(y) for y in guides['date_from_figures'].dropna())}); "
            + (", ".join(guide_name(g, titles) for g in undated["guide_file"])
               + " prints no year at all, so its claims are judged against the latest record." if len(undated) else "every guide does."))


def agree(n: int, singular: str = "agrees", plural: str = "agree") -> str:
    """The verb that agrees with a count: ``agree(1)`` -> ``"agrees"``; ``agree(2, "does", "do")`` -> ``"do"``."""
    return singular if n == 1 else plural


def is_are(n: int) -> str:
    """The verb that agrees with a count: ``1`` -> ``"is"``; any other count -> ``"are"``."""
    return "is" if n == 1 else "are"


def tally_text(t, counts, n_guides: int) -> str:
    """The verdicts in two sentences and their detail (``t``: factcheck.Tally; ``counts``: factcheck.verdict_counts;
    ``n_guides``: how many guides the claims come from, counted from the data)."""
    not_as_printed = ", ".join(f"{n} {VERDICT_WORDS[v]}" for v, n in counts.items() if n and factcheck.VERDICT_GROUPS[v] == "disagrees")
    return (f"**Of the {t.claims} claims in the {counted(n_guides, 'guide')}, {t.not_checkable} cannot be checked with our data. Of the other "
            f"{t.checkable}, {t.agreeing} {agree(t.agreeing)} with the record ({report.percent(100 * t.share_agreeing, 0)}): "
            f"{counts['matches_record']} {agree(counts['matches_record'], 'matches', 'match')} it and {counts['rounded']} "
            f"{is_are(counts['rounded'])} correctly rounded.** {t.partly} {is_are(t.partly)} partly supported and {t.disagreeing} "
            f"{agree(t.disagreeing, 'does', 'do')} not hold as printed{f' ({not_as_printed})' if not_as_printed else ''}. The not-checkable claims are left out of every share.")


CHART_GROUP_WORDS = {"agrees": "{colour}: agrees", "partly": "{colour}: partly supported", "disagrees": "{colour}: does not hold as printed",
                     "not_checkable": "{colour}, below the line: cannot be checked with our data, and left out of every share"}


def verdict_chart_key(colours: dict[str, str]) -> str:
    """The verdict chart's subtitle, naming only the groups drawn (``colours``: group -> its colour word, in drawing order):
    a folder without partly supported claims draws no orange, and its key names none."""
    key = "; ".join(CHART_GROUP_WORDS[group].format(colour=colour) for group, colour in colours.items())
    return f"Verdicts against the BLS record of each claim's time. {key[:1].upper()}{key[1:]}."


NO_ROUNDED_WAGE_NOTE = "No pay claim of the guides is a correctly rounded BLS figure, so there is none to trace."
NO_UNDATED_WAGE_NOTE = "No guide prints a checkable yearly pay figure without a year, so no time frame can be compared."
NO_ENTRY_CLAIMS_NOTE = "**No guide makes a claim about the education the job needs, so none is judged by a Handbook edition.**"


def verdict_chart_alt(t, counts, name: str) -> str:
    """The verdict chart's alt text: its finding, from the tally."""
    return (f"Of {t.checkable} checkable claims about {name}, {t.agreeing} {agree(t.agreeing)} with the BLS record "
            f"({counts['matches_record']} {agree(counts['matches_record'], 'matches', 'match')} it, {counts['rounded']} "
            f"{is_are(counts['rounded'])} correctly rounded), {t.partly} {is_are(t.partly)} partly supported "
            f"and {t.disagreeing} {agree(t.disagreeing, 'does', 'do')} not hold as printed; {t.not_checkable} more cannot be checked with this data.")


def restated_text(restated, once) -> str:
    """Pay figures a guide prints twice, once a year and once an hour (``restated``: factcheck.restated_hourly), and the
    tally with each counted once (``once``)."""
    if not restated:
        return "No guide prints the same pay twice, once a year and once an hour, so every printed claim is counted once."
    return (f"{report.counted(len(restated), 'set', 'sets')} of pay figures {is_are(len(restated))} printed twice by the same "
            "guide, once a year and once an hour: " + "; ".join(
                f"“{lower_first(y.claim.claim)}” ({report.guide_line(y.claim.source_key)}) and “{lower_first(h.claim.claim)}” (line "
                f"{h.claim.line})" for y, h in restated)
            + f". Each printing is a claim of its own, on its own line, so every count on this page counts printed claims. Counted "
            f"once each, {once.agreeing} of {once.checkable} checkable claims agree ({report.percent(100 * once.share_agreeing, 0)}).")


def best_and_worst_text(by_guide, titles) -> str:
    """The guides that agree with the record most and least often (``by_guide``: factcheck.tally_by_guide)."""
    best = by_guide.loc[by_guide["share_agreeing_pct"].idxmax()]
    worst = by_guide.loc[by_guide["share_agreeing_pct"].idxmin()]
    shares = by_guide["share_agreeing_pct"].dropna()
    if len(by_guide) > 1 and shares.nunique() == 1:
        return (f"Every guide with checkable claims agrees with the record in the same share of them: "
                f"{report.percent(shares.iloc[0], 0)}.")
    if len(by_guide) == 1:
        return (f"{guide_name(best['guide_file'], titles)} agrees with the record in {best['agreeing']} of its {best['checkable']} "
                f"checkable claims ({report.percent(best['share_agreeing_pct'], 0)}).")
    return (f"{guide_name(best['guide_file'], titles)} agrees with the record in {best['agreeing']} of its {best['checkable']} checkable "
            f"claims ({report.percent(best['share_agreeing_pct'], 0)}); {guide_name(worst['guide_file'], titles)} in {worst['agreeing']} of "
            f"{worst['checkable']} ({report.percent(worst['share_agreeing_pct'], 0)}).")


def strict_shares_text(moved, titles) -> str:
    """Claims whose verdict changes when a printed share's last digit is read as exact (``moved``: factcheck.changed)."""
    if not moved:
        return "No claim changes verdict when a printed share's last digit is read as exact."
    return (f"{report.counted(len(moved), 'claim changes', 'claims change')} verdict when a printed share's last digit is read as exact: "
            + "; ".join(f"{guide_name(a.claim.guide_file, titles)} line {a.claim.line}, “{a.claim.claim}”: {VERDICT_WORDS[a.result.verdict]} "
                        f"(read as {printed_range(a.result, pct)}) becomes {VERDICT_WORDS[b.result.verdict]} "
                        f"(read as {printed_range(b.result, pct)})" for a, b in moved) + ".")


MOST_SHORT = {"plurality": "a plurality", "majority": "a majority"}


def most_readings_text(pairs, titles) -> str:
    """Each "most work in X" claim under both readings (``pairs``: (run under the rules, run under the other reading) of
    each claim); each reading is named from the result it produced."""
    return " ".join(
        f"{guide_name(a.claim.guide_file, titles)} line {a.claim.line}, “{a.claim.claim}”: as {MOST_SHORT[a.result.reading]} "
        f"{VERDICT_WORDS[a.result.verdict]}, as {MOST_SHORT[b.result.reading]} {VERDICT_WORDS[b.result.verdict]} ("
        + "; ".join(f"{m.year}: {report.percent(m.named_pct, 0)}, largest rival {report.percent(m.rival_pct, 0)}" for m in a.result.facts["years"])
        + ")." for a, b in pairs)


def time_frame_text(moved) -> str:
    """Claims whose verdict changes when judged against the latest record instead of their guide's date."""
    if not moved:
        return "Judged against the latest record instead of their guide's date, no claim changes verdict."
    return (f"Judged against the latest record instead of their guide's date, {report.counted(len(moved), 'claim changes', 'claims change')} verdict: "
            + "; ".join(f"“{a.claim.claim}” ({guide_number(a.claim.guide_file)}, line {a.claim.line}) {VERDICT_WORDS[a.result.verdict]} "
                        f"→ {VERDICT_WORDS[b.result.verdict]}" for a, b in moved) + ".")


def partly_text(partly) -> str:
    """The partly supported claims with their evidence (rows of claims.csv)."""
    return (" ".join(f"“{c.claim}” ({guide_number(c.guide_file)}, line {c.line}): {c.evidence}" for c in partly.itertuples())
            or "No claim is partly supported under these rules.")


def questions_text(without_year, mislabelled, two_counts) -> str:
    """Which year, which statistic, which population: three questions to ask of any career statistic, answered from counts."""
    return (
        f"- **Which year?** {without_year.undated} of the {without_year.with_figures} claims that rest on printed figures print no year; "
        f"{undated_agreement_words(without_year)}. The year of that record is one the reader has to work out: the page does not print it.\n"
        f"- **Which statistic?** " + (f"{len(mislabelled)} {'claim is' if len(mislabelled) == 1 else 'claims are'} mislabelled: "
                                      + "; ".join(f"{guide_number(c.guide_file)} line {c.line}" for c in mislabelled.itertuples())
                                      if len(mislabelled) else "No claim is mislabelled") + ".\n"
        f"- **Which population?** " + ("; ".join(
            f"{report.number(r.record_value)} counts {POPULATION[r.facts['population']]}, while the other count for {r.record_year} is "
            f"{report.number(r.facts['other_count'])}" for r in two_counts) or "No claim rests on a count with another count of its year") + ".")


def disagreements_text(groups) -> str:
    """The questions more than one guide answers (``groups``: claims_disagreements grouped by question)."""
    if not len(groups):
        return "No question gets answers from more than one guide."
    return (f"{len(groups)} questions get answers from more than one guide: " + "; ".join(
        f"{lower_first(question_words(q)).rstrip('?')} ({rows['guide_file'].nunique()} guides; verdicts: "
        f"{', '.join(VERDICT_WORDS[v] for v in dict.fromkeys(rows['verdict']))})" for q, rows in groups) + ".")


def visits_text(visits, titles) -> str:
    """The printed figure that is not a claim we check: visits to doctors and hospitals (rows of figures.csv)."""
    return " ".join(
        f"{guide_name(v.guide_file, titles)} line {v.line} says people make “{v.as_printed}” visits to doctors and hospitals a day. "
        "It stays unchecked: none of our reference tables counts patient visits (they count workers, their pay and their jobs), "
        f"and the phrase is an order of magnitude, not a figure. It promises only a floor, at least {report.number(v.value)} a day, "
        f"so even a count of visits could only confirm that floor, and the floor says nothing about the {names().short_name}' work."
        for v in visits.itertuples())


UNCHECKED_KIND_WORDS = {"no_reference_data": "our reference data hold nothing on it", "judgment": "an opinion or impression",
                        "repeats_checked": "repeats what a claim checks", "not_about_the_occupation": "about another job, a school or a program"}


def unchecked_sentences_text(sentences, n_claims: int, n_guides: int) -> str:
    """How many sentences of the guides hold a number or a checkable statement but are no claim we check, and why, by kind
    (``sentences``: guide_unchecked_sentences.csv)."""
    head = (f"Besides the {n_claims} claims, we read every sentence of the {counted(n_guides, 'guide')} that holds a number or a "
            "checkable statement")
    if len(sentences) == 0:
        return f"{head}: each is one of the claims."
    counts = sentences["kind"].value_counts()
    kinds = "; ".join(f"{UNCHECKED_KIND_WORDS[k]}: {counts[k]}" for k in UNCHECKED_KIND_WORDS if k in counts)
    return f"{head}. {report.counted(len(sentences), 'more sentence is', 'more sentences are').capitalize()} no claim we check ({kinds})."


def share_pct(x):
    """A tally's share of agreeing claims in percent (None when nothing is checkable)."""
    return None if x.share_agreeing is None else 100 * x.share_agreeing


def verdicts_finding_text(t, n_guides: int) -> str:
    """The key finding of the fact-check, for readers: whether most checkable claims agree with the record, then how many
    could not be checked (``t``: factcheck.Tally; ``n_guides`` counted from the data). What it depends on is in the register."""
    if not t.checkable:
        return f"None of the {t.claims} claims in the {counted(n_guides, 'guide')} can be checked with the data we hold."
    return (f"{majority_word(t.agreeing, t.checkable).capitalize()} of the claims in the {counted(n_guides, 'guide')} that we could "
            f"check agree with official U.S. labor statistics: {t.agreeing} of {t.checkable} ({report.percent(share_pct(t), 0)})."
            + (f" {counted(t.not_checkable, 'other claim', spell=False).capitalize()} cannot be checked with our data."
               if t.not_checkable else ""))


def undated_finding_text(u, latest) -> str:
    """Claims resting on figures printed without a year, for readers: how many were right for their guide's time
    (``u``: factcheck.undated_agreement), and how many still match the latest record (``latest``: the same under
    Rules(time_frame="latest_record"))."""
    head = f"{report.counted(u.undated, 'claim rests', 'claims rest').capitalize()} on undated figures"
    if u.checkable == 0:
        return f"{head}; none of them can be checked."
    if u.checkable == 1 and latest.checkable == 1:
        return (f"{head}: the one we could check {'was' if u.agreeing else 'was not'} right for its guide's time. "
                f"Against the latest figures, it {'still is' if latest.agreeing else 'is not'}.")
    return (f"{head}: {u.agreeing} of the {u.checkable} we could check were right for their guide's time. "
            f"Against the latest figures, {latest.agreeing} of {latest.checkable} still are.")


def fewer_agree_note(other) -> str:
    """What a finding says instead when fewer than most checkable claims agree under another reading."""
    return f"only {other.agreeing} of {other.checkable} checkable claims agree"
