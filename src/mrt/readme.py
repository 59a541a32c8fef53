"""The README's findings and outputs sections, written from the processed tables.

``python3 run.py`` rewrites the blocks between the markers; a test checks that
the committed README equals what the tables say, so the front page cannot drift.
"""

from __future__ import annotations

import re
from pathlib import Path

from mrt import paths, schema
from mrt.occupation import COMPARABLE

README = paths.ROOT / "README.md"
BLOCKS = ("findings", "outputs")


def _money(x: float) -> str:
    return f"${x:,.0f}"


def render_findings() -> str:
    read = schema.read_processed
    figures, provenance, pairs = read("figures.csv"), read("wage_provenance.csv"), read("hourly_annual_checks.csv")
    quantiles, validation, real = read("salary_quantiles.csv"), read("median_method_validation.csv"), read("bls_pay_constant_dollars.csv")
    outlooks, vintages, rounding = read("guide_outlooks.csv").set_index("vintage"), read("projection_vintages.csv").set_index("vintage"), read("outlook_rounding.csv").iloc[0]
    results, sens, claims = read("education_model_results.csv"), read("education_sensitivity.csv"), read("claims.csv")
    places = read("pay_by_place_vs_national.csv")

    items = figures.drop_duplicates("figure_id")
    ends = provenance[provenance["part"].isin(["low", "high"])]
    undated = provenance[provenance["year_printed"].isna()]
    method = "lognormal least squares on p10, p90 and mean"
    q17 = quantiles[(quantiles["year"] == 2017) & (quantiles["method"] == method)].set_index("quantile")["annual_usd"]
    worst = validation[(validation["method"] == method) & (validation[COMPARABLE] == "yes")]["error_pct"].abs().max()
    med = real[real["statistic"] == "median"].set_index("year")
    from mrt.growth import share_of_drop_from_all_occupations

    share = share_of_drop_from_all_occupations(vintages.loc["2012-2022", "pct_change"], vintages.loc["2012-2022", "all_occupations_pct_change"],
                                               vintages.loc["2016-2026", "pct_change"], vintages.loc["2016-2026", "all_occupations_pct_change"])
    best = results.sort_values("rank_by_present_value").iloc[0]
    technician = results[results["route"] != "bachelor_degree"].sort_values("net_present_value_usd", ascending=False).iloc[0]
    winners = sens.drop_duplicates(["assumption", "value"])
    moves = sorted(a for a, g in winners.groupby("assumption") if g["best_technician_route"].nunique() > 1)
    counts = claims["verdict"].value_counts()
    top = places[(places["unit"] == "usd_per_year") & (places["area_type"] != "national")].sort_values("ratio_to_national").iloc[-1]
    lines = [
        f"- **Transcription.** The four guides print {len(items)} figures ({len(figures)} numbers once pay pairs and ranges are split); "
        f"{int(items['year_start'].isna().sum())} of them carry no year.",
        f"- **Salary ranges are percentiles.** All {len(ends)} printed range ends are the BLS 10th and 90th percentiles, not the lowest and highest pay. "
        f"{len(undated)} national pay numbers print no year; every one of them matches OEWS May {int(undated['bls_year'].mode().iloc[0])} exactly.",
        f"- **Hourly and annual agree.** {int(pairs['consistent'].sum())} of {len(pairs)} hourly/annual pairs satisfy annual = hourly × 2,080 within "
        f"the ${pairs['tolerance_usd'].max():.2f} that rounding explains.",
        f"- **Quartiles from printed figures.** A lognormal fitted to the guide's 2017 figures puts the quartiles at {_money(q17[0.25])}, "
        f"{_money(q17[0.5])} and {_money(q17[0.75])}; on the BLS years 2010-2018 the same method misses the published median by at most {worst:.1f}%.",
        f"- **Real pay.** The BLS median rose {100 * (med.loc[2018, 'nominal_usd'] / med.loc[2013, 'nominal_usd'] - 1):.1f}% from 2013 to 2018 in "
        f"dollars of each year but {100 * (med.loc[2018, 'real_usd_2024'] / med.loc[2013, 'real_usd_2024'] - 1):.1f}% in 2024 dollars. "
        f"The best-paid place a guide lists, {top['area']}, pays {top['ratio_to_national']:.2f}× the national mean.",
        f"- **The outlook.** The quoted growth fell from {outlooks.loc['2012-2022', 'printed_pct']:.0f}% (2012-2022) to "
        f"{outlooks.loc['2016-2026', 'printed_pct']:.0f}% (2016-2026); on a log scale {share:.0%} of the fall in BLS's figures is the slowdown "
        f"BLS projected for all occupations. The rounded 2016-2026 figures fit any base from {int(rounding['base_low_persons']):,} to "
        f"{int(rounding['base_high_persons']):,} jobs; BLS used {rounding['bls_base_persons']:,.0f}.",
        f"- **Education routes.** Under the default assumptions the route with the highest present value is: {best['label'].lower()}; among routes "
        f"that stay technicians: {technician['label'].lower()}. That choice moves with: {', '.join(m.replace('_', ' ') for m in moves) or 'none of the assumptions tried'}.",
        f"- **Fact-check.** Of {len(claims)} claims, {counts.get('matches the record', 0)} match the record, {counts.get('rounded', 0)} are correctly rounded, "
        f"{counts.get('outdated', 0)} are outdated, {counts.get('mislabelled', 0)} mislabelled, {counts.get('overstated', 0)} overstated, "
        f"{counts.get('contradicted', 0)} contradicted, and {counts.get('not checkable with this data', 0)} cannot be checked with this data.",
        "",
        "![BLS pay, nominal and in 2024 dollars](data/processed/charts/pay_nominal_vs_real.png)",
        "![Projected growth by BLS outlook](data/processed/charts/projected_growth_by_vintage.png)",
        "![Verdicts on the guides' claims](data/processed/charts/claim_verdicts.png)",
    ]
    return "\n".join(lines)


def render_outputs() -> str:
    lines = ["| file | written by | what it holds |", "|---|---|---|"]
    for name in sorted(schema.TABLES):
        table = schema.TABLES[name]
        lines.append(f"| `data/processed/{name}` | `{table.written_by}` | {table.description} |")
    lines.append("| `data/processed/data_dictionary.csv` | `01-clean` | every column of every table above: type, unit, allowed values, meaning |")
    for stem, (notebook, title) in sorted(chart_index().items()):
        lines.append(f"| `data/processed/charts/{stem}.png` and `.csv` | `{notebook}` | chart: {title}; the CSV holds exactly the numbers plotted |")
    lines.append("| `notebooks/*.ipynb` | `run.py` | the executed notebooks, outputs included |")
    lines.append("| `site/` (not committed) | `run.py` | the rendered, self-contained HTML pages |")
    return "\n".join(lines)


def chart_index() -> dict[str, tuple[str, str]]:
    """Every chart: name -> (notebook that saves it, title stored in the PNG)."""
    import nbformat

    from mrt.charts import chart_title
    from mrt.pipeline import STEPS

    saved_by = {}
    for step in STEPS:
        nb = nbformat.read(paths.NOTEBOOKS / step.notebook, as_version=4)
        for cell in nb.cells:
            for name in re.findall(r'save_chart\(fig, "([^"]+)"', cell.source if cell.cell_type == "code" else ""):
                saved_by[name] = step.notebook.removesuffix(".ipynb")
    found = {}
    for png in sorted(paths.charts_dir().glob("*.png")):
        if png.stem not in saved_by:
            raise ValueError(f"chart {png.name} on disk is saved by no notebook")
        found[png.stem] = (saved_by[png.stem], chart_title(png))
    return found


def rendered_readme(text: str) -> str:
    for block, render in (("findings", render_findings), ("outputs", render_outputs)):
        pattern = re.compile(rf"(<!-- {block}:start -->\n)(?:.*?\n)?(<!-- {block}:end -->)", re.S)
        if not pattern.search(text):
            raise ValueError(f"README.md has no <!-- {block}:start --> ... <!-- {block}:end --> block")
        text = pattern.sub(lambda m: m.group(1) + render() + "\n" + m.group(2), text)
    return text


def update_readme(path: Path = README) -> bool:
    """Rewrite the generated blocks; return True if the README changed."""
    from mrt.io import write_text

    old = path.read_text(encoding="utf-8")
    new = rendered_readme(old)
    if new != old:
        write_text(new, path)
    return new != old
