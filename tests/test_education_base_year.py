"""`python3 run.py education -p base_year YEAR` with a year the data cannot serve (issue 17): refused before anything is
written, in one line naming the parameter, the year and what is missing, not a crash in the comparison step.

On the project's own data (data/processed): 2017 has every input; 2016 lacks only the two-year tuition of 2016-17;
2005 lacks everything (no OEWS year, no tuition, no CPI-U)."""

import pytest

from mrt import rerun
from mrt.education import ParameterError


def values(**given):
    return {**rerun.notebook_defaults(), **given}


def test_a_year_with_every_input_is_accepted():
    rerun.check_model_inputs(values(base_year=2017))
    rerun.check_model_inputs(values())  # None: the latest year with every input


def test_a_year_lacking_one_input_is_named_with_what_it_lacks():
    with pytest.raises(ParameterError) as refused:
        rerun.check_model_inputs(values(base_year=2016))
    message = str(refused.value)
    assert message.startswith("parameter 'base_year': the data cannot serve 2016: they lack the tuition of a public two-year college")
    assert "2016-17" in message and "two_year_tuition_usd_per_year" in message
    assert "bls_wages.csv" not in message and "four-year" not in message and "\n" not in message


def test_a_missing_input_given_as_a_parameter_serves_the_year():
    rerun.check_model_inputs(values(base_year=2016, two_year_tuition_usd_per_year=3500))


def test_a_year_lacking_everything_names_each_input():
    with pytest.raises(ParameterError) as refused:
        rerun.check_model_inputs(values(base_year=2005))
    message = str(refused.value)
    for lacking in ("pay of the occupation in 2005 (bls_wages.csv)", "2005-06", "the CPI-U of 2005 (cpi_u.csv)"):
        assert lacking in message


def test_the_command_refuses_it_in_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(rerun.RUNS_ENV, str(tmp_path / "runs"))
    monkeypatch.setattr(rerun, "execute", lambda folder, parameters: pytest.fail("the notebook must not run"))
    assert rerun.main(["-p", "base_year", "2016"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("error: parameter 'base_year': the data cannot serve 2016: they lack ") and lines[1:] == ["nothing was written."]
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())
