"""The checks added for claims the first pass missed (issue 16, section 4): another name for the occupation, room to
grow, and settings named without a share. Synthetic tables, each threshold tried on both sides; expected verdicts
worked out by hand. The real claims (C048-C052) are pinned in test_factcheck_real.py."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from mrt import factcheck, words
from mrt.factcheck import Rules
from test_factcheck import G0, G1, HOSPITALS_ALL, OFFICES, claim, dated, evidence, figures, projections, settings

TITLES = [(2011, "29-2071", "Medical Records and Health Information Technicians"),
          (2012, "29-2071", "Medical Records and Health Information Technicians"),
          (2019, "29-2098", "Medical Dosimetrists, Medical Records\n Specialists, and Others"),
          (2021, "29-2072", "Medical Records Specialists"), (2024, "29-2072", "Medical Records Specialists")]


def employment_titles(rows=TITLES) -> pd.DataFrame:
    frame = pd.DataFrame([{"year": y, "soc_code": code, "occupation_title": title, "employment_persons": 1, "source_key": f"oews#year={y}"}
                          for y, code, title in rows])
    frame["year"] = pd.array(frame["year"].tolist(), dtype="Int64")
    return frame


def title_check(name, guide_year=None):
    ev = evidence(employment=employment_titles(), figures=figures(dated(G0, guide_year)) if guide_year else figures())
    return factcheck.check_occupation_title(claim("occupation_title", as_printed=name, guide=G0), ev, Rules())


@pytest.mark.parametrize("name, guide_year, verdict, year", [
    ("health information technicians", 2012, "matches_record", 2012),   # the title of its time holds it
    ("Health  Information technicians", 2012, "matches_record", 2012),  # case and spaces do not matter
    ("health information technicians", None, "outdated", 2024),         # undated: the latest title has dropped it
    ("medical records specialists", None, "matches_record", 2024),
    ("medical records specialists", 2012, "not_checkable", 2012),       # only later titles hold it
    ("medical records specialists", 2020, "matches_record", 2021),      # frame 2019 and 2021; the 2019 title holds it across a line break
    ("records specialist", None, "not_checkable", 2024),                # whole words only: not a part of "specialists"
    ("coders", None, "not_checkable", 2024),                            # in no title: not a contradiction
])
def test_occupation_title(name, guide_year, verdict, year):
    r = title_check(name, guide_year)
    assert (r.verdict, r.record_year) == (verdict, year)


def test_occupation_title_facts_name_every_code_once_in_order():
    r = title_check("medical records specialists")
    assert [t[:1] + t[2:] for t in r.facts["titles"]] == [("29-2071", 2011, 2012), ("29-2098", 2019, 2019), ("29-2072", 2021, 2024)]
    assert r.facts["titles"][1][1] == "Medical Dosimetrists, Medical Records Specialists, and Others"
    assert r.facts["in_title_years"] == (2019, 2021, 2024) and r.record_source_keys == ("oews#year=2024",)


def outlook(*rows):
    frame = projections(*rows)
    frame["comparable_to_reference_code"] = ["yes"] * (len(frame) - 1) + ["partly"]
    frame["soc_code"] = ["29-2071"] * (len(frame) - 1) + ["29-2072"]
    return frame


@pytest.mark.parametrize("latest_pct, verdict", [(7.1, "matches_record"), (0.1, "matches_record"), (0.0, "contradicted"),
                                                 (-0.1, "contradicted")])
def test_growth_direction_undated_takes_the_latest_outlook(latest_pct, verdict):
    ev = evidence(projections=outlook(("2012-2022", 186.3, None, 22.0, 10.8), ("2024-2034", 200.0, None, latest_pct, 3.1)))
    r = factcheck.check_growth_direction(claim("growth_direction", guide=G1), ev, Rules())
    assert (r.verdict, r.record_value, r.facts["vintage"], r.facts["comparable"]) == (verdict, latest_pct, "2024-2034", "partly")


def test_growth_direction_dated_takes_the_outlook_of_its_time_and_none_before_it():
    ev = evidence(projections=outlook(("2012-2022", 186.3, None, 22.0, 10.8), ("2024-2034", 200.0, None, -1.0, 3.1)),
                  figures=figures(dated(G0, 2013)))
    r = factcheck.check_growth_direction(claim("growth_direction"), ev, Rules())
    assert (r.verdict, r.facts["vintage"], r.record_year, r.time_basis) == ("matches_record", "2012-2022", 2012, "guide_date")
    early = evidence(projections=ev.projections, figures=figures(dated(G0, 2011)))
    assert factcheck.check_growth_direction(claim("growth_direction"), early, Rules()).verdict == "not_checkable"


SHARES = settings((2016, "hospitals", 36.0, HOSPITALS_ALL), (2016, "offices_of_physicians", 19.0, OFFICES),
                  (2018, "offices_of_physicians", 19.0, OFFICES))


def named(text, guide_year=2017):
    ev = evidence(settings=SHARES, figures=figures(dated(G0, guide_year)))
    return factcheck.check_setting_named(claim("setting_named", text=text), ev, Rules())


def test_setting_named_every_part_listed_or_only_some():
    whole = named("Many other technicians work in physicians' offices")
    assert (whole.verdict, [r.year for r in whole.facts["records"]], whole.facts["unchecked"]) == ("matches_record", [2016, 2018], ())
    part = named("Many other technicians work in physicians' offices or nursing facilities")
    assert (part.verdict, part.facts["unchecked"]) == ("partly_supported", ("nursing facilities",))
    both = named("Many work in hospitals, physicians' offices and nursing homes", guide_year=2016)
    assert (both.verdict, {r.setting for r in both.facts["records"]}) == ("partly_supported", {"hospitals", "offices_of_physicians"})
    # hospitals are not in the 2018 record: in a 2018 time frame they are a part the record does not list then
    late = named("Many work in hospitals and physicians' offices", guide_year=2018)
    assert (late.verdict, late.facts["unchecked"]) == ("partly_supported", ("hospitals",))
    assert named("Many work in nursing facilities").verdict == "not_checkable"


def test_setting_named_needs_work_in():
    with pytest.raises(factcheck.FactCheckError, match="work in"):
        named("Physicians' offices employ many")


def test_the_evidence_of_the_added_checks():
    assert words.setting_named_text(None, named("Many other technicians work in physicians' offices or nursing facilities")) == (
        "Records of its time frame (its guide's date, 2017) list physicians' offices: 2016: 19% (offices of physicians); 2018: 19% "
        "(offices of physicians). Not in our data: nursing facilities.")
    assert words.title_text(None, title_check("health information technicians")) == (
        "BLS titles in our record: 29-2071 “Medical Records and Health Information Technicians” (2011–2012); 29-2098 “Medical "
        "Dosimetrists, Medical Records Specialists, and Others” (2019); 29-2072 “Medical Records Specialists” (2021–2024). Judged at "
        "the latest record, as its guide prints no year: only an earlier title (2011, 2012) holds the name “health information technicians”.")
    ev = evidence(projections=outlook(("2012-2022", 186.3, None, 22.0, 10.8), ("2024-2034", 200.0, None, -1.5, None)))
    fall = factcheck.check_growth_direction(claim("growth_direction", guide=G1), ev, Rules())
    assert words.growth_direction_text(None, fall) == ("The BLS outlook of its time frame (the latest record, as its guide prints no "
                                                       "year) is 2024-2034, for 29-2072, a partly comparable code: a fall of 1.5%.")


def test_growth_direction_whole_result_and_an_outlook_from_the_guides_own_year():
    ev = evidence(projections=outlook(("2012-2022", 186.3, None, 22.0, 10.8), ("2024-2034", 200.0, None, -1.0, 3.1)),
                  figures=figures(dated(G0, 2012)))
    r = factcheck.check_growth_direction(claim("growth_direction"), ev, Rules())
    # a guide dated 2012 takes the outlook whose base year is 2012 itself: +22% is growth
    assert r == factcheck.Result("matches_record", record_value=22.0, record_year=2012, record_source_keys=("ep#vintage=2012-2022",),
                                 unit="percent", judged_at=2012, time_basis="guide_date",
                                 facts={"vintage": "2012-2022", "pct_change": 22.0, "all_occupations_pct": 10.8, "comparable": "yes",
                                        "soc_code": "29-2071"})
    early = factcheck.check_growth_direction(claim("growth_direction"), evidence(projections=ev.projections, figures=figures(dated(G0, 2011))),
                                             Rules())
    assert early == factcheck.Result("not_checkable", unit="percent", judged_at=2011, time_basis="guide_date")


def test_setting_named_whole_result():
    r = named("Many other technicians work in physicians' offices or nursing facilities")
    # frame 2016 and 2018 (guide dated 2017): offices listed in both years at 19%; nursing facilities are not in our data
    assert [(s.setting, s.year, s.share_pct) for s in r.facts["records"]] == [("offices_of_physicians", 2016, 19.0),
                                                                             ("offices_of_physicians", 2018, 19.0)]
    assert replace(r, facts={}) == factcheck.Result(
        "partly_supported", record_value=19.0, record_year=2018,
        record_source_keys=("k2016offices_of_physicians", "k2018offices_of_physicians"), subject="offices_of_physicians",
        unit="percent", judged_at=2017, time_basis="guide_date")
    assert r.facts["unchecked"] == ("nursing facilities",)
    # hospitals (36% in 2016) and offices: the value and year are the last record's, the subject the first setting's
    both = named("Many work in hospitals and physicians' offices", guide_year=2016)
    assert (both.subject, both.record_value, both.record_year) == ("hospitals", 19.0, 2016)
    assert named("Many work in nursing facilities") == factcheck.Result(
        "not_checkable", unit="percent", judged_at=2017, time_basis="guide_date", facts={"records": (), "unchecked": ("nursing facilities",)})


def test_setting_named_failure_says_what_it_expected():
    with pytest.raises(factcheck.FactCheckError, match=r": expected the claim to read '\.\.\. work in <settings>', settings joined by ',', "
                                                        r"'and' or 'or'$"):
        named("Physicians' offices employ many")


TITLE_ROWS = (("29-2071", "Medical Records and Health Information Technicians", 2011, 2012),
              ("29-2098", "Medical Dosimetrists, Medical Records Specialists, and Others", 2019, 2019),
              ("29-2072", "Medical Records Specialists", 2021, 2024))


def test_occupation_title_whole_results():
    # dated 2012: the record has 2012, whose title holds the name
    assert title_check("health information technicians", 2012) == factcheck.Result(
        "matches_record", record_year=2012, judged_at=2012, time_basis="guide_date", record_source_keys=("oews#year=2012",),
        facts={"name": "health information technicians", "titles": TITLE_ROWS, "in_title_years": (2011, 2012), "frame_years": (2012,)})
    # only the later titles (2019 on) hold this name: not checkable in 2012, still with the frame's year and key
    assert title_check("medical records specialists", 2012) == factcheck.Result(
        "not_checkable", record_year=2012, judged_at=2012, time_basis="guide_date", record_source_keys=("oews#year=2012",),
        facts={"name": "medical records specialists", "titles": TITLE_ROWS, "in_title_years": (2019, 2021, 2024), "frame_years": (2012,)})


def test_occupation_title_without_any_record_is_not_checkable_with_no_year():
    empty = employment_titles().iloc[0:0]
    r = factcheck.check_occupation_title(claim("occupation_title", as_printed="coders", guide=G0), evidence(employment=empty), Rules())
    assert (r.verdict, r.record_year, r.record_source_keys, r.facts["frame_years"]) == ("not_checkable", None, (), ())
