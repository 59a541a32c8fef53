"""Notebook 05-fact-check's sentences, part one: words for the codes the checks return, and one evidence sentence per
check (:data:`EVIDENCE`, in the order of :data:`mrt.vocab.CHECKS`) (the rules: :mod:`mrt.words`)."""

from __future__ import annotations

from mrt import clean, factcheck, report
from mrt.vocab import CHECKS
from mrt.words.common import direction, names, period, with_article
from mrt.words.projections import about_times, times_range


# 05-fact-check: verdicts and evidence -------------------------------------------------------------------------------------


# Words for the codes the checks return (factcheck.VERDICTS, factcheck.READINGS, ...), and the sentence-writers of the
# evidence: one per check (EVIDENCE), each using only the values its check returned (the facts named in its docstring).

VERDICT_WORDS = {"matches_record": "matches the record", "rounded": "correctly rounded", "partly_supported": "partly supported",
                 "outdated": "outdated", "mislabelled": "mislabelled", "overstated": "overstated", "understated": "understated",
                 "contradicted": "contradicted", "not_checkable": "not checkable with this data"}
READING_WORDS = {"own_rounding_step": "its own rounding step", "last_digit": "the last printed digit as exact",
                 "plurality": "'most' as a plurality", "majority": "'most' as a majority", "handbook_wording": "the Handbook's own word for the same outlook",
                 "project_ratio": "the project's ratio rule", "median": "median against median", "mean": "mean against mean",
                 "edition_of_its_time": "the Handbook edition of its time", "any_edition": "any Handbook edition",
                 "not_applicable": "no reading needed"}
STATISTIC = {"mean": "mean", "median": "median", "p10": "10th percentile", "p90": "90th percentile"}
POPULATION = {"all_jobs": "all jobs, self-employed included (the Employment Projections count)",
              "wage_and_salary_jobs": "wage-and-salary jobs (the OEWS count)"}
COMPARABLE = {"yes": "the same occupation code", "partly": "a partly comparable code", "no": "a code that is not comparable"}
MOST = {"plurality": "a plurality (more than any other setting the record lists)", "majority": "a majority (more than half)"}


def pay(value, unit):
    """A pay figure in its unit: cents for an hourly wage (``$20.59``), whole dollars for a year (``$39,000``)."""
    return report.money(value, 2 if unit == "usd_per_hour" else 0)


def when(r):
    """The year a claim was judged at, and where that year comes from (a Result's ``time_basis``)."""
    if r.time_basis == "printed":
        return f"the year it prints, {r.judged_at}"
    if r.time_basis == "guide_date":
        return f"its guide's date, {r.judged_at}"
    return "the latest record, as its guide prints no year"


def lower_first(text):
    """A sentence quoted inside another: its first letter in lower case."""
    return text[:1].lower() + text[1:]


def pct(value):
    """A share as printed: whole (``40%``) or to one decimal (``37.4%``)."""
    return report.percent(value, 0 if float(value).is_integer() else 1)


def printed_range(r, fmt):
    """The range of true values a printed figure allows, in words (``35% to 45%``, ``more than 25%``, ``at least 10%``):
    a share's ceiling of 100% and an infinite end are no bound."""
    low, high = r.guide_range.low, r.guide_range.high
    bounded = high != float("inf") and not (r.unit == "percent" and high >= 100)
    if r.guide_range.low_open:
        return f"more than {fmt(low)}" + (f" and at most {fmt(high)}" if bounded else "")
    return f"{fmt(low)} to {fmt(high)}" if bounded else f"at least {fmt(low)}"


def setting_label(key: str) -> str:
    """A work setting for readers, from occupation.toml's [setting_labels]; ``"unlisted"`` is every setting the record
    does not list one by one."""
    return {**names().setting_labels, "unlisted": "all settings the record does not list"}[key]


def route_label(route: str) -> str:
    """A route into the job for readers (the label guide_education.csv carries), from its key."""
    return clean.routes()[route]


def guide_name(guide_file: str, titles) -> str:
    """A guide by its printed title and file: ``“How to …” (000_….txt)``."""
    return f"“{titles[guide_file]}” ({guide_file})"


def guide_number(guide_file: str) -> str:
    """The short number of a guide file: ``000_8f0a….txt`` -> ``000``."""
    return guide_file.split("_")[0]



def wage_text(c, r):
    f = r.facts
    if r.verdict == "not_checkable":
        return "No OEWS national figure of any year equals the printed amount."
    parts = " and ".join(f"{STATISTIC[s]} {pay(v, r.unit)}" for _, _, s, v in f["parts"])
    text = f"OEWS May {r.record_year}: {parts}."
    if f["is_range"]:
        text += (" The printed ends are these percentiles: one worker in ten earned less than the low end and one in ten "
                 "more than the high end, so they are not the lowest and highest pay.")
    elif r.verdict == "rounded":
        text += f" The printed {pay(r.guide_value, r.unit)} stands for {printed_range(r, lambda v: pay(v, r.unit))} (its own rounding step)."
    elif r.verdict in ("overstated", "understated"):
        text += f" The printed amount stands for {printed_range(r, lambda v: pay(v, r.unit))}, which misses it."
    if f["year_printed"] is None:
        text += (f" The guide prints no year; judged at {when(r)}. The latest OEWS figure ({f['latest_year']}, "
                 f"{COMPARABLE[f['latest_comparable']]}) is {pay(f['latest_value'], r.unit)}.")
    return text


def count_text(c, r):
    f = r.facts
    if r.record_value is None:
        return "No BLS count in our data lies within the printed figure's rounding range."
    text = f"{report.number(r.record_value)} is the BLS count of {POPULATION[f['population']]} for {r.record_year}"
    if f.get("other_count") is not None:
        text += f"; the other BLS count that year is {report.number(f['other_count'])} {POPULATION[f['other_population']].split(' (')[0]}"
    return text + f". Judged at {when(r)}."


def growth_text(c, r):
    f = r.facts
    if r.record_value is None:
        return "Our data hold no BLS projection for the printed period."
    text = f"BLS published {report.percent(f['published_pct'], 1)} for {f['vintage']}"
    if f["unrounded_pct"] is not None:
        text += f" ({report.percent(f['unrounded_pct'], 2)} from its projected change and base)"
    return text + f"; the printed {pct(r.guide_value)} stands for {printed_range(r, pct)}."


def change_text(c, r):
    if r.record_value is None:
        return "Our data hold no projected job change for the printed period."
    return (f"BLS projected {report.number(r.record_value)} new jobs for {r.facts['vintage']}; the printed "
            f"{report.number(r.guide_value)} stands for {printed_range(r, report.number)}.")


def share_list(records):
    return "; ".join(f"{x.year}: {'at least ' if x.lower_bound else ''}{pct(round(x.share_pct, 1))} "
                     f"({x.as_named.lower()}{', only part of the setting' if x.lower_bound else ''})" for x in records)


def share_text(c, r):
    f = r.facts
    text = (f"Read with {READING_WORDS[r.reading]}, the printed “{f['printed']}” stands for {printed_range(r, pct)}. "
            f"Records of its time frame ({when(r)}): {share_list(f['records'])}.")
    if any(x.lower_bound for x in f["records"]):
        text += " A lower bound can refute it only from below."
    return text


def most_text(c, r):
    settings = " and ".join(setting_label(s) for s in r.facts["settings"])
    years = "; ".join(f"{m.year}: {report.percent(m.named_pct, 0)} in {settings} against {report.percent(m.rival_pct, 0)} "
                      f"in {setting_label(m.rival)}" for m in r.facts["years"])
    return f"“Most” read as {MOST[r.reading]}, judged at {when(r)}. {years}."


def remainder_text(c, r):
    f = r.facts
    settings = " and ".join(setting_label(s) for s in f["settings"])
    years = "; ".join(f"{y}: {'at least ' if bound else ''}{report.percent(p, 0)}" for y, p, bound in f["years"])
    if f["years"] and all(p > 50 for _, p, _ in f["years"]):
        half = "more than half of them"
    elif f["years"] and all(p <= 50 and not bound for _, p, bound in f["years"]):
        half = "not more than half of them"
    else:
        half = "the record does not settle whether that is more than half"
    text = f"Share of the jobs outside {setting_label(f['outside'])} held by {settings} ({years}): {half}."
    if f["unchecked"]:
        text += f" Our record has no figure for {report.listing(f['unchecked'])}, so the claim as a whole cannot be checked."
    return text


def setting_pay_text(c, r):
    f = r.facts
    pairs = "; ".join(f"{setting_label(h)} {report.money(a)} against {setting_label(l)} {report.money(b)}" for h, l, a, b in f["pairs"])
    text = f"OES May {f['year']} mean pay: {pairs}." if f["pairs"] else "Our record has no pay for these settings."
    if f["unchecked"]:
        text += f" Not in our data: {', '.join(f['unchecked'])}."
    return text


def setting_pay_figure_text(c, r):
    f = r.facts
    means = ", ".join(f"{setting_label(s)} {report.money(v)}" for s, v in f["means"])
    return (f"Our record has pay by setting only as a {f['record_statistic']} for {', '.join(map(str, f['record_years']))} "
            f"({means}), not a median for {r.judged_at}.")


def industries_text(c, r):
    listed = ", ".join(f"{setting_label(s)} {report.percent(p, 0)}" for s, p in r.facts["listed"])
    return (f"The Handbook's largest-employer rows in our data ({r.record_year}) list only {listed}; the other "
            f"{report.percent(r.facts['unlisted_pct'], 0)} of jobs are not broken down by industry.")


def area_list_text(c, r):
    f = r.facts
    return (f"Our BLS data are national only. Within the guide, {f['consistent']} of {f['pairs']} hourly and annual pairs agree "
            f"(hourly × 2,080 within {report.money(f['tolerance_usd'], 2)}; largest gap {report.money(f['largest_gap_usd'], 2)}).")


def area_pattern_text(c, r):
    first, last = r.facts["national_years"]
    return f"Our BLS data are national figures for {first}–{last}, with no states or regions."


def ranking_text(c, r):
    return f"A ranking by another publisher (top {max(r.facts['ranks']):.0f}); BLS data say nothing about it."


def schedule_text(c, r):
    return (f"No reference table in our data records hours: the {r.facts['handbook_editions']} Handbook editions we hold give "
            "entry education, pay, employment and projections only.")


def pays_well_text(c, r):
    f = r.facts
    if r.record_value is None:
        return f"Our data hold all occupations' {f['measure']} pay only for {', '.join(map(str, f['years_available']))}."
    return (f"In May {r.record_year} the {names().short_name}' {f['measure']} pay was {report.money(r.record_value)}, "
            f"{report.percent(100 * f['ratio'], 0)} of the {f['measure']} for all occupations ({report.money(f['all_occupations_value'])}).")


def entry_text(c, r):
    f = r.facts
    typical = ", ".join(f["typical_in"]) or "no edition"
    mentioned = ", ".join(f["mentioned_in"]) or "no edition"
    text = (f"The Handbook edition of its time ({f['edition']}, judged at {when(r)}) names a {f['typical_then']} as the typical "
            f"entry education. {route_label(f['route'])}: named typical in {typical}; mentioned in {mentioned}.")
    if r.reading == "any_edition":
        text += " The edition of its time does not mention it; a Handbook's silence is not a denial, so other editions that do settle it."
    elif r.verdict == "not_checkable" and f["mentioned_in"]:
        text += (f" The edition of its time is silent on it, which is not a denial; the editions that mention it "
                 f"({', '.join(f['mentioned_in'])}) are not the record of its time, so the claim cannot be checked in it.")
    return text


def advancement_text(c, r):
    f = r.facts
    return (f"BLS gives a bachelor's degree as the entry education of {f['occupation']} (median pay {report.money(f['pay'])} "
            f"in {f['pay_year']}); no Handbook edition names it typical for {names().short_name}.")


def duration_text(c, r):
    f = r.facts
    return (f"No official statistic on program length; program guides (a secondary source) give {f['months_low']:g}–"
            f"{f['months_high']:g} months for {with_article(f['program'])}.")


def stances_by_guide(pairs):
    guides = dict.fromkeys(g for g, _ in pairs)
    return "; ".join(f"{g.split('_')[0]}: {', '.join(s for h, s in pairs if h == g)}" for g in guides)


def certification_text(c, r):
    f = r.facts
    mention = (f"{len(f['editions_mentioning'])} of the {f['handbook_editions']} Handbook editions we hold mention certification"
               if f["editions_mentioning"] else f"None of the {f['handbook_editions']} Handbook editions we hold mentions certification")
    return (f"{mention}, and no other reference table covers it. What the guides themselves say of certification "
            f"(guide: stance): {stances_by_guide(f['guide_stances'])}.")


def issuer_text(c, r):
    return (f"No reference table names credentials or who awards them: our education data are {r.facts['handbook_editions']} "
            f"Handbook editions and {r.facts['education_rows']} rows of costs, pay and program lengths.")



def title_text(c, r):
    f = r.facts
    titles = "; ".join(f"{code} “{title}” ({first}–{last})" if first != last else f"{code} “{title}” ({first})"
                       for code, title, first, last in f["titles"])
    text = f"BLS titles in our record: {titles}. Judged at {when(r)}: "
    if r.verdict == "matches_record":
        return text + f"the title of {r.record_year} holds the name “{f['name']}”."
    if r.verdict == "outdated":
        return text + f"only an earlier title ({', '.join(map(str, f['in_title_years']))}) holds the name “{f['name']}”."
    if f["in_title_years"]:
        return text + f"only later titles ({f['in_title_years'][0]}–{f['in_title_years'][-1]}) hold the name “{f['name']}”."
    return text + f"no title holds the name “{f['name']}”, which does not make it wrong."


def growth_direction_text(c, r):
    f = r.facts
    if r.record_value is None:
        return "Our data hold no BLS projection for its time frame."
    average = "" if f["all_occupations_pct"] is None else f" (all occupations: {report.percent(f['all_occupations_pct'], 1)})"
    code = "" if f["comparable"] == "yes" else f", for {f['soc_code']}, {COMPARABLE[f['comparable']]}"
    return (f"The BLS outlook of its time frame ({when(r)}) is {f['vintage']}{code}: {direction(f['pct_change'], 'a rise', 'a fall', 'no change')} "
            f"of {report.percent(abs(f['pct_change']), 1)}{average}.")


def setting_named_text(c, r):
    f = r.facts
    by_setting = {}
    for x in f["records"]:
        by_setting.setdefault(x.setting, []).append(x)
    listed = "; ".join(f"{setting_label(s)}: {share_list(rows)}" for s, rows in by_setting.items())
    text = (f"Records of its time frame ({when(r)}) list {listed}." if listed
            else f"No record of its time frame ({when(r)}) lists these settings.")
    if f["unchecked"]:
        text += f" Not in our data: {', '.join(f['unchecked'])}."
    return text


# One evidence sentence per check, in the order of mrt.vocab.CHECKS (the names are declared there, once).
EVIDENCE = dict(zip(CHECKS, (
    wage_text, count_text, growth_text, change_text,
    lambda c, r: growth_wording_evidence(r),  # growth_wording: defined further down this section
    share_text, most_text, remainder_text, setting_pay_text, setting_pay_figure_text, industries_text, area_list_text,
    area_pattern_text, pays_well_text, entry_text, advancement_text, duration_text, certification_text, issuer_text,
    schedule_text, ranking_text, title_text, growth_direction_text, setting_named_text), strict=True))

FRAME_WORDS = {"guide_date": ("", " with the record of their guide's date"),
               "no_guide_date": (", from a guide with no dated figure,", " with the latest record"),
               "latest_record": ("", " with the latest record"), "timeless": ("", " with a record that needs no date")}


def undated_agreement_words(u):
    """How many checkable undated claims agree, and with the record of which time (u: factcheck.undated_agreement)."""
    if u.checkable == 0:
        return "none of them can be checked"
    frames = [f for f in factcheck.UNDATED_FRAMES if u.checkable_by_frame[f]]
    words = {f: FRAME_WORDS[f] if f != "no_guide_date" or u.guides_without_date == 1
             else (f", from {u.guides_without_date} guides with no dated figure,", FRAME_WORDS[f][1]) for f in frames}
    head = "the only checkable one" if u.checkable == 1 else f"{u.agreeing} of the {u.checkable} checkable ones"
    verb = ("agrees" if u.agreeing else "does not agree") if u.checkable == 1 else "agrees" if u.agreeing == 1 else "agree"
    if len(frames) == 1:
        lead, tail = words[frames[0]]
        return f"{head}{lead} {verb}{tail}"
    return f"{head} {verb}: " + report.listing(
        f"{u.agreeing_by_frame[f] or 'none'}{words[f][0]}{words[f][1]}" for f in frames)


def undated_statement(u):
    return f"{report.counted(u.undated, 'claim rests', 'claims rest')} on figures printed without a year; {undated_agreement_words(u)}."

def likely_reason(row, r):
    f = r.facts
    if row.check == "setting_share":
        return (f"a different year and a different count: read as {printed_range(r, pct)}, judged at {when(r)}, against "
                f"{share_list(f['records'])}")
    if row.check == "setting_most":
        return (f"“most” read as {MOST[row.reading]}: " + "; ".join(
            f"{m.year}: {report.percent(m.named_pct, 0)} against {report.percent(m.rival_pct, 0)} in {setting_label(m.rival)}" for m in f["years"]))
    if row.check == "education_entry":
        return (f"says {lower_first(route_label(f['route']))} is {f['stance']}; the Handbook of its time ({f['edition']}) names a "
                f"{f['typical_then']} as typical; {lower_first(route_label(f['route']))} was typical in {', '.join(f['typical_in']) or 'no edition'}")
    return f"our reference data hold nothing on certification; the guides' own stances differ ({stances_by_guide(f['guide_stances'])})"


def question_words(question):
    if question.startswith("share_in:"):
        return f"What share of {names().short_name} work in {' and '.join(setting_label(s) for s in question.split(':')[1].split('+'))}?"
    return {"entry_education": "What education does it take to enter?", "certification": "Do employers want a certification?"}[question]


def growth_wording_evidence(result) -> str:
    """The evidence for a growth_wording claim (a factcheck.Result of check_growth_wording): the printed percent against
    the average, as a ratio with the interval its rounding allows; then what it was judged by: the Handbook's own word for
    the same outlook (or, where that edition was not found, the ratios the editions found gave each word), or the
    project's ratio rule."""
    f = result.facts
    text = (f"{report.percent_as_published(result.guide_value)} against {report.percent_as_published(f['all_occupations_pct'])} "
            f"for all occupations in {period(f['vintage'])}: {about_times(f['ratio'])} the average "
            f"({f['ratio_low']:.2f}–{f['ratio_high']:.2f} within rounding).")
    if result.reading == "project_ratio":
        return text + f" Judged by the project's rule: “much faster” from {f['much_faster_ratio']:g} times the average."
    if f["handbook_wording"] is None:
        return (text + f" The Handbook edition for {period(f['vintage'])} was not found; the editions found called "
                f"{times_range(f['faster_ratio_low'], f['faster_ratio_high'])} the average “faster” and "
                f"{times_range(f['much_faster_ratio_low'], f['much_faster_ratio_high'])} “much faster”.")
    return text + f" The Handbook's {f['handbook_edition']} edition called the same outlook “{f['handbook_wording']}”."
