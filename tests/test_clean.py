"""Cleaning: bad input names the file, the row and what was expected; tables keep their source keys."""

import pandas as pd
import pytest

from mrt import clean, paths
from mrt.io import DataError, write_csv

GOOD = {"figure_id": "F001", "guide_file": "001_cb1680f8129abfb3.txt", "line": "30", "as_printed": "$27.92 / hr $58,080 / yr",
        "unit_if_unprinted": "", "period_as_printed": "", "topic": "pay", "subject": "New Jersey (state)",
        "statistic": "unspecified", "description": "pay in New Jersey"}


def write_rows(tmp_path, rows, name="guide_figures.csv"):
    path = tmp_path / name
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_good_row_gives_two_observations(tmp_path):
    table = clean.build_figures(write_rows(tmp_path, [GOOD]))
    assert list(table["part"]) == ["hourly", "annual"]
    assert list(table["source_key"]) == ["001_cb1680f8129abfb3.txt#L30"] * 2
    assert table["year_start"].isna().all()  # no year printed: missing, not zero


@pytest.mark.parametrize("change, message", [
    ({"as_printed": "$27.92 / hr $58.08 / hr"}, "one hourly and one annual"),
    ({"line": "thirty"}, "1-based line number"),
    ({"guide_file": "guide.txt"}, "guide file name"),
    ({"topic": "salary"}, "topic to be one of"),
    ({"period_as_printed": "in 13"}, "expected a year"),
    ({"as_printed": "186,300"}, "cannot tell"),
])
def test_bad_rows_name_file_row_and_expectation(tmp_path, change, message):
    rows = [GOOD, {**GOOD, "figure_id": "F002", **change}]
    with pytest.raises(DataError) as error:
        clean.build_figures(write_rows(tmp_path, rows))
    text = str(error.value)
    assert "guide_figures.csv data row 2" in text
    assert message in text
    if "line" not in change and "guide_file" not in change:
        assert "line 30" in text


def test_missing_column_and_empty_cell(tmp_path):
    with pytest.raises(DataError, match="expected columns"):
        clean.build_figures(write_rows(tmp_path, [{k: v for k, v in GOOD.items() if k != "subject"}]))
    with pytest.raises(DataError, match="data row 1: expected a value in column 'description'"):
        clean.build_figures(write_rows(tmp_path, [{**GOOD, "description": " "}]))


def test_duplicate_ids_rejected(tmp_path):
    with pytest.raises(DataError, match="unique figure_id"):
        clean.build_figures(write_rows(tmp_path, [GOOD, GOOD]))


def test_bad_reference_number_names_row(tmp_path):
    frame = pd.read_csv(paths.OEWS_NATIONAL, dtype=str, keep_default_na=False)
    frame.loc[3, "median_annual"] = "34,97O"
    path = tmp_path / "bls_oews_national.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(DataError, match=r"data row 4: expected a number in column 'median_annual', found '34,97O'"):
        clean.build_bls_wages(path)


def test_projection_vintage_must_match_years(tmp_path):
    frame = pd.read_csv(paths.PROJECTIONS, dtype=str, keep_default_na=False)
    frame.loc[0, "vintage"] = "2010-2021"
    path = tmp_path / "p.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(DataError, match="data row 1: expected vintage '2010-2020'"):
        clean.build_bls_projections(path)


def test_every_processed_row_keeps_a_source_key():
    for name, table in clean.build_all().items():
        assert "source_key" in table.columns, name
        assert table["source_key"].notna().all() and (table["source_key"].str.len() > 5).all(), name


def test_missing_values_stay_missing_never_zero():
    projections = clean.build_bls_projections()
    row = projections.set_index("vintage").loc["2012-2022"]
    assert pd.isna(row["projected_employment_thousands"])  # empty in the reference: not found, not zero
    assert not (clean.build_figures()["year_start"] == 0).any()


def test_computed_setting_share():
    shares = clean.build_employment_by_setting(clean.build_figures())
    oes = shares[(shares["year"] == 2011) & (shares["setting"] == "hospitals")].iloc[0]
    assert oes["share_pct"] == round(100 * 67340 / 180280, 1)
    assert bool(oes["share_computed"])


def test_failed_write_leaves_no_partial_file(tmp_path):
    class Boom(pd.DataFrame):
        def to_csv(self, *args, **kwargs):
            with open(args[0], "w") as handle:
                handle.write("half")
            raise RuntimeError("disk full")

    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError):
        write_csv(Boom({"a": [1]}), target)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
