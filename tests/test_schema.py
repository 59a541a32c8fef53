"""Every processed table against the data dictionary (pandera), and the dictionary against the tables."""

import pandas as pd
import pytest

from conftest import COMMITTED_PROCESSED
from mrt import schema

TABLES = sorted(schema.TABLES)


@pytest.mark.parametrize("name", TABLES)
def test_committed_table_matches_dictionary(name):
    path = COMMITTED_PROCESSED / name
    assert path.is_file(), f"{name} is in the dictionary but was not written"
    dtypes = {c.name: schema.DTYPES[c.dtype] for c in schema.TABLES[name].columns}
    frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""])
    schema.validate(frame, name)


def test_every_processed_csv_is_documented():
    written = {p.relative_to(COMMITTED_PROCESSED).as_posix() for p in COMMITTED_PROCESSED.rglob("*.csv")
               if p.parent.name != "charts"} - {"data_dictionary.csv"}
    assert written == set(schema.TABLES)


def test_written_dictionary_is_current():
    committed = pd.read_csv(COMMITTED_PROCESSED / "data_dictionary.csv", dtype=str, keep_default_na=False)
    current = schema.data_dictionary().astype(str)
    pd.testing.assert_frame_equal(committed, current)


def test_schema_rejects_out_of_vocabulary_unit():
    frame = pd.read_csv(COMMITTED_PROCESSED / "bls_wages.csv")
    frame.loc[0, "unit"] = "dollars"
    with pytest.raises(Exception, match="isin"):
        schema.validate(frame, "bls_wages.csv")


def test_undescribed_table_is_refused():
    with pytest.raises(KeyError, match="not described in the data dictionary"):
        schema.write_processed(pd.DataFrame({"a": [1]}), "mystery.csv")


def test_allowed_values_are_the_lists_their_modules_own():
    """The schema imports every closed list (mrt.vocab, mrt.parse); it never types its own copy."""
    from mrt import parse, vocab

    def allowed(table, column):
        return next(c.allowed for c in schema.TABLES[table].columns if c.name == column)

    assert allowed("figures.csv", "unit") is parse.UNITS and allowed("figures.csv", "part") is parse.PARTS
    assert allowed("figures.csv", "qualifier") == parse.QUALIFIERS and allowed("figures.csv", "topic") is vocab.TOPICS
    assert allowed("figures.csv", "statistic") is parse.STATISTICS
    assert allowed("guide_wages.csv", "unit") is parse.MONEY_UNITS and allowed("guide_wages.csv", "statistic") is vocab.PAY_STATISTICS
    assert allowed("guide_wages.csv", "area_type") is vocab.AREA_TYPES
    assert allowed("guide_education.csv", "stance") is vocab.STANCES
    assert allowed("bls_wages.csv", "statistic") is vocab.BLS_WAGE_STATISTICS
    assert allowed("bls_all_occupations_pay.csv", "statistic") is vocab.ALL_OCCUPATIONS_STATISTICS
    assert allowed("education_costs_and_pay.csv", "unit") is vocab.EDUCATION_COST_UNITS
    assert allowed("employment_by_setting.csv", "source_kind") is vocab.SOURCE_KINDS
