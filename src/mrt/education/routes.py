"""The routes, and which guide names which route: the route keys, the Handbook's category and the words that name each
route (read by the fact-check's education checks too), and the summary of what the guides and each Handbook edition say.
"""

from __future__ import annotations

import pandas as pd

from mrt.vocab import ENTRY_STANCES


HS, CERTIFICATE, ASSOCIATE, ADVANCEMENT = "hs_diploma_on_the_job", "postsecondary_certificate", "associate_degree", "bachelor_degree"
MODEL_ROUTES = (HS, CERTIFICATE, ASSOCIATE, ADVANCEMENT)
ENTRY_ROUTES = (HS, CERTIFICATE, ASSOCIATE)
ROUTE_LABELS = {HS: "High school diploma, then training on the job", CERTIFICATE: "Postsecondary certificate", ASSOCIATE: "Associate's degree"}


def handbook_typical_entry(ooh: pd.DataFrame) -> tuple[str, str | None]:
    """The latest Handbook edition and the route its typical entry education names (None when it names none of the routes)."""
    latest = ooh.sort_values("edition").iloc[-1]
    return str(latest["edition"]), OOH_CATEGORY_ROUTE.get(latest["typical_entry_education"])


# What the guides say -------------------------------------------------------------------------------

OOH_CATEGORY_ROUTE = {"associate's degree": "associate_degree", "postsecondary nondegree award": "postsecondary_certificate"}
WORDING_ROUTE = {"high school": "hs_diploma_on_the_job", "certificate": "postsecondary_certificate", "nondegree": "postsecondary_certificate",
                 "non-degree": "postsecondary_certificate", "associate": "associate_degree", "bachelor": "bachelor_degree"}


def guide_number(guide_file: str) -> str:
    """A guide's short name: the number its file name starts with (``001_cb16....txt`` -> ``001``)."""
    return guide_file.split("_")[0].removesuffix(".txt")


def stances_by_guide(group: pd.DataFrame) -> str:
    """``required: 001, 003; typical: 002``: each stance with the guides that take it."""
    by_stance = group.groupby("stance")["guide_file"].agg(lambda files: ", ".join(sorted({guide_number(f) for f in files})))
    return "; ".join(f"{stance.replace('_', ' ')}: {guides}" for stance, guides in by_stance.items())


def route_summary(guide_education: pd.DataFrame, figures: pd.DataFrame, ooh: pd.DataFrame) -> pd.DataFrame:
    """One row per route: which guide says what (file and line), stated durations, and what each Handbook edition said."""
    durations = figures[(figures["topic"] == "education") & figures["unit"].isin(["months", "years"])]
    rows = []
    for route, group in guide_education.groupby("route", sort=False):
        stances = sorted(set(group["stance"]))
        own = durations[durations["subject"].str.contains("certificate") & (route == CERTIFICATE)]
        typical = [e for e, c in zip(ooh["edition"], ooh["typical_entry_education"]) if OOH_CATEGORY_ROUTE.get(c) == route]
        mentioned = [e for e, w in zip(ooh["edition"], ooh["education_wording"]) if any(WORDING_ROUTE[k] == route for k in WORDING_ROUTE if k in w.lower())]
        rows.append({"route": route, "route_label": group["route_label"].iloc[0], "guides": group["guide_file"].nunique(),
                     "guide_stances": stances_by_guide(group),
                     "statements": "; ".join(f"{k} {s}" for k, s in zip(group["source_key"], group["stance"])), "stances": "|".join(stances),
                     "guides_agree": len(stances) == 1,
                     "stated_duration": "; ".join(f"{q + ' ' if isinstance(q, str) else ''}{'' if pd.isna(v) else f'{v:g} '}{u} ({k})"
                                                  for q, v, u, k in zip(own["qualifier"], own["value"], own["unit"], own["source_key"])) or None,
                     "ooh_typical_entry_in": ", ".join(typical) or None, "ooh_wording_mentions_in": ", ".join(mentioned) or None})
    return pd.DataFrame(rows)


def entry_routes(guide_education: pd.DataFrame) -> pd.DataFrame:
    """Each guide's way in: the entry route(s) it calls required or typical (one row per guide and route)."""
    entry = guide_education[guide_education["route"].isin(ENTRY_ROUTES) & guide_education["stance"].isin(ENTRY_STANCES)]
    return entry[["guide_file", "route", "route_label"]].drop_duplicates().sort_values(["route", "guide_file"]).reset_index(drop=True)
