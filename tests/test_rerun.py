"""`run.py education`: parameters refused before anything is written, a run name that stays inside runs/,
no half-written run left behind, and a report of what changed against the default run."""

import math
import os
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from mrt import paths, rerun, schema
from mrt.education import ParameterError
from mrt.rerun import RunFailed, RunNameError



def default_run():
    """The default run's tables (read when called: the test session points MRT_PROCESSED_DIR at a copy)."""
    return paths.processed_dir()


def listing(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# Values and names -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [("0.2", 0.2), ("3", 3), ("None", None), ("True", True), ("-1.5", -1.5), ("1e999", math.inf),
                                         ("half", "half"), ("'x'", "x")])
def test_parse_value(text, value):
    assert rerun.parse_value(text) == value


@pytest.mark.parametrize("text", ["inf", "-inf", "Infinity"])
def test_infinity_is_read_as_a_number_so_the_check_can_name_it(text):
    assert math.isinf(rerun.parse_value(text))


def test_nan_is_read_as_a_number():
    assert math.isnan(rerun.parse_value("nan"))


def test_a_parameter_given_twice_is_refused():
    assert rerun.parse_parameters([("horizon_years", "10"), ("discount_rate_pct", "0")]) == {"horizon_years": 10, "discount_rate_pct": 0}
    with pytest.raises(ParameterError, match=r"^parameter 'horizon_years': given twice \(10 and 12\); give it once$"):
        rerun.parse_parameters([("horizon_years", "10"), ("horizon_years", "12")])


@pytest.mark.parametrize("name", ["..", ".", "../data", "../..", "/tmp", "a/b", "", ".hidden", "-rf", "x" * 101, "a\\b", "runs/../x"])
def test_a_run_name_that_leaves_runs_is_refused_and_nothing_is_removed(tmp_path, name):
    runs = tmp_path / "runs"
    runs.mkdir()
    keep = tmp_path / "data" / "raw.csv"
    keep.parent.mkdir()
    keep.write_text("precious")
    (runs / "other").mkdir()
    with pytest.raises(RunNameError, match="not a plain folder name"):
        rerun.rerun({}, name, root=runs)
    assert keep.read_text() == "precious" and listing(runs) == ["other"]


def test_default_run_names_are_plain_folder_names():
    for parameters in ({}, {"discount_rate_pct": -1.5}, {"a": "../x"}, {"b": "/etc"}):
        assert rerun.RUN_NAME.fullmatch(rerun.default_name(parameters)), rerun.default_name(parameters)
    assert rerun.default_name({"promotion_probability": 0.2}) == "promotion_probability=0.2"
    assert rerun.default_name({}) == "defaults"


@pytest.mark.parametrize("parameters, message", [
    ({"tuition": 0}, "unknown parameter 'tuition'"),
    ({"horizon_years": math.inf}, "parameter 'horizon_years': expected a whole number from 1 to 60 (years), got inf"),
    ({"horizon_years": 100}, "parameter 'horizon_years': expected a whole number from 1 to 60 (years), got 100"),
    ({"discount_rate_pct": math.nan}, "parameter 'discount_rate_pct': expected a finite number"),
    ({"certificate_months": -3}, "parameter 'certificate_months': expected a finite number from 0 to 120 (months), got -3"),
    ({"promotion_probability": 1.5}, "parameter 'promotion_probability': expected a finite number from 0 to 1"),
    ({"certificate_start_percentile": 150}, "'certificate_start_percentile'"),
    # with the notebook's own values: its bachelor's degree (48 months) does not end within a 3-year horizon
    ({"horizon_years": 3}, "parameter 'bachelor_months': expected fewer months of study than the horizon (36 months), got 48"),
    ({"horizon_years": 4}, "parameter 'bachelor_months': expected fewer months of study than the horizon (48 months), got 48"),
])
def test_bad_parameters_are_refused_before_anything_is_written(tmp_path, parameters, message):
    def never(*args):
        raise AssertionError("the notebook must not run")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rerun, "execute", never)
        with pytest.raises(ParameterError) as error:
            rerun.rerun(parameters, "x", root=tmp_path)
    assert message in str(error.value)
    assert listing(tmp_path) == []


# Whole or nothing -------------------------------------------------------------------------------------

def fake_execute(results=None):
    """Stands in for the notebook: writes a notebook file and changed results into the run's folder."""
    def execute(folder, parameters):
        (folder / rerun.NOTEBOOK).write_text(f"executed with {parameters}")
        if results is not None:
            results.to_csv(folder / "processed" / rerun.RESULTS, index=False)
    return execute


def test_a_complete_run_is_moved_into_place(tmp_path, monkeypatch):
    monkeypatch.setattr(rerun, "execute", fake_execute())
    out = rerun.rerun({"horizon_years": 30}, "longer", root=tmp_path)
    assert out == (tmp_path / "longer").resolve()
    assert (out / rerun.NOTEBOOK).read_text() == "executed with {'horizon_years': 30}"
    assert (out / "processed" / rerun.RESULTS).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["longer"]  # no partial or old folder left


def test_a_new_run_replaces_an_old_one_of_the_same_name_only_when_complete(tmp_path, monkeypatch):
    old = tmp_path / "same"
    old.mkdir()
    (old / "marker").write_text("old run")
    (old / rerun.RUN_MARKER).write_text("written by a rerun")
    monkeypatch.setattr(rerun, "execute", fake_execute())
    rerun.rerun({}, "same", root=tmp_path)
    assert not (old / "marker").exists() and (old / rerun.NOTEBOOK).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["same"]


@pytest.mark.parametrize("failure", [RunFailed("04-education.ipynb, cell 7: ValueError: boom"), KeyboardInterrupt(), OSError("disk full")])
def test_a_failed_or_interrupted_run_leaves_nothing_that_looks_like_results(tmp_path, monkeypatch, failure):
    previous = tmp_path / "mine"
    previous.mkdir()
    (previous / "marker").write_text("the previous complete run")
    (previous / rerun.RUN_MARKER).write_text("written by a rerun")

    def execute(folder, parameters):
        (folder / rerun.NOTEBOOK).write_text("half")
        raise failure

    monkeypatch.setattr(rerun, "execute", execute)
    with pytest.raises(type(failure)):
        rerun.rerun({}, "mine", root=tmp_path)
    with pytest.raises(type(failure)):
        rerun.rerun({}, "fresh", root=tmp_path)
    assert listing(tmp_path) == ["mine", f"mine/{rerun.RUN_MARKER}", "mine/marker"]
    assert (previous / "marker").read_text() == "the previous complete run"


def test_a_partial_folder_left_by_a_killed_run_is_cleared(tmp_path, monkeypatch):
    stale = tmp_path / ".mine.partial"
    (stale / "processed").mkdir(parents=True)
    (stale / "junk").write_text("from a run killed with SIGKILL")
    monkeypatch.setattr(rerun, "execute", fake_execute())
    rerun.rerun({}, "mine", root=tmp_path)
    assert not stale.exists() and not (tmp_path / "mine" / "junk").exists()


def test_runs_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(rerun.RUNS_ENV, str(tmp_path))
    assert rerun.runs_dir() == tmp_path
    monkeypatch.delenv(rerun.RUNS_ENV)
    assert rerun.runs_dir() == paths.ROOT / "runs"


# What changed -----------------------------------------------------------------------------------------

def changed_run(tmp_path):
    """A run folder with the default tables, one parameter changed and the top two routes swapped."""
    run = tmp_path / "run"
    shutil.copytree(default_run(), run)
    parameters = pd.read_csv(run / rerun.PARAMETERS)
    parameters.loc[parameters["parameter"] == "promotion_probability", "value"] = 0.2
    parameters.to_csv(run / rerun.PARAMETERS, index=False)
    results = pd.read_csv(run / rerun.RESULTS)
    results.loc[results["route"] == "bachelor_degree", ["net_present_value_usd", "rank_by_present_value", "lead_over_next_usd", "lead_over_next_pct"]] = [
        600000.0, 2, 100.0, 0.5]
    results.loc[results["route"] == "associate_degree", ["net_present_value_usd", "rank_by_present_value", "lead_over_next_usd", "lead_over_next_pct"]] = [
        700000.0, 1, 100000.0, 16.7]
    results.to_csv(run / rerun.RESULTS, index=False)
    return run


def test_changes_names_the_parameters_the_ranking_and_where_the_results_are(tmp_path):
    from mrt import report

    default = pd.read_csv(default_run() / rerun.RESULTS).set_index("route")["net_present_value_usd"]
    text = rerun.changes(default_run(), changed_run(tmp_path), "try", tmp_path / "runs" / "try")
    lines = text.splitlines()
    assert lines[0] == "Education model, run 'try': what changed against the default run"
    assert "  Chance of promotion (promotion_probability): 50% -> 20%" in lines
    assert sum(line.startswith("  ") and "->" in line for line in lines) == 1  # only the parameter that differs
    ranking = [line for line in lines if line.startswith("  1. ") or line.startswith("  2. ")]
    assert ranking[0].startswith("  1. Associate's degree") and "$700,000" in ranking[0] and "leads the next by $100,000 (16.7%)" in ranking[0]
    assert f"[default: 2nd, {report.money(default['associate_degree'])}]" in ranking[0]
    assert ranking[1].startswith("  2. Bachelor's degree, then manager") and f"[default: 1st, {report.money(default['bachelor_degree'])}]" in ranking[1]
    assert "The best route: Associate's degree (changed from Bachelor's degree, then manager)." in lines
    assert "The best route among those that stay in the job: Associate's degree (unchanged)." in lines
    assert any(line.startswith("  4. ") and "last" in line for line in lines)
    assert f"Full results: {tmp_path / 'runs' / 'try' / rerun.NOTEBOOK}" in text


def test_changes_names_a_parameter_the_default_run_does_not_have(tmp_path):
    default = tmp_path / "default"
    shutil.copytree(default_run(), default)
    parameters = pd.read_csv(default / rerun.PARAMETERS)
    parameters[parameters["parameter"] != "promoted_ramp_years"].to_csv(default / rerun.PARAMETERS, index=False)
    lines = rerun.changes(default, default_run(), "new", tmp_path / "runs" / "new").splitlines()
    assert "  Years to reach the full pay after promotion (promoted_ramp_years): not in the default run -> 5 years" in lines
    assert sum(line.startswith("  ") and "->" in line for line in lines) == 1


def test_changes_say_what_every_assumption_at_once_says(tmp_path):
    run = tmp_path / "run"
    shutil.copytree(default_run(), run)
    pd.DataFrame({"ranking": ["all routes", "all routes", "routes that stay in the job"], "route": ["associate_degree", "bachelor_degree", "associate_degree"],
                  "label": ["Associate's degree", "Up", "Associate's degree"], "assumption_sets": 10, "sets_led": [9, 1, 10],
                  "share_led": [0.9, 0.1, 1.0]}).to_csv(run / rerun.JOINT, index=False)
    lines = rerun.changes(default_run(), run, "joint", tmp_path / "runs" / "joint").splitlines()
    assert ("Every assumption at once: \u201cAssociate's degree\u201d pays best in 90% of 10 assumption sets tried, enough for the model "
            "to rank it first (it needs 80%).") in lines
    (run / rerun.JOINT).unlink()
    assert not any(line.startswith("Every assumption at once") for line in rerun.changes(default_run(), run, "j", tmp_path).splitlines())


def test_changes_says_when_no_parameter_differs():
    text = rerun.changes(default_run(), default_run(), "same", paths.ROOT / "runs" / "same")
    assert "No parameter differs from the default run." in text and "(unchanged)" in text and "changed from" not in text


# The command ------------------------------------------------------------------------------------------

def test_command_refuses_bad_parameters_with_one_clear_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(rerun.RUNS_ENV, str(tmp_path))
    assert rerun.main(["-p", "horizon_years", "inf", "-p", "promotion_probability", "2"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: parameter 'horizon_years': expected a whole number from 1 to 60 (years), got inf\n")
    assert "parameter 'promotion_probability': expected a finite number from 0 to 1" in err and err.endswith("nothing was written.\n")
    assert listing(tmp_path) == []
    assert rerun.main(["--name", "../data", "-p", "horizon_years", "10"]) == 2
    assert "not a plain folder name" in capsys.readouterr().err


def test_command_reports_what_changed(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(rerun.RUNS_ENV, str(tmp_path))
    monkeypatch.setattr(rerun, "execute", fake_execute())
    assert rerun.main(["--name", "same", "-p", "horizon_years", "20"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Education model, run 'same': what changed against the default run")
    assert f"Full results: {tmp_path.resolve() / 'same' / rerun.NOTEBOOK}" in out
    assert (tmp_path / "same" / rerun.NOTEBOOK).is_file()


@pytest.mark.parametrize("failure, code, says", [(RunFailed("04-education.ipynb, cell 9: ValueError: boom"), 1, "error: the rerun failed in 04-education.ipynb, cell 9"),
                                                 (KeyboardInterrupt(), 130, "interrupted: the partial run was removed")])
def test_command_says_why_it_stopped_in_one_line(tmp_path, monkeypatch, capsys, failure, code, says):
    monkeypatch.setenv(rerun.RUNS_ENV, str(tmp_path))

    def execute(folder, parameters):
        raise failure

    monkeypatch.setattr(rerun, "execute", execute)
    assert rerun.main(["--name", "x"]) == code
    err = capsys.readouterr().err
    assert err.startswith(says) and err.rstrip().endswith(f"no {tmp_path.resolve() / 'x'} was written")
    assert listing(tmp_path) == []


# The real notebook ------------------------------------------------------------------------------------

@pytest.mark.slow
def test_rerun_with_other_parameters_changes_outputs_as_the_model_says(tmp_path):
    out = rerun.rerun({"two_year_tuition_usd_per_year": 10000, "associate_months": 36}, "test", root=tmp_path)
    assert (out / rerun.NOTEBOOK).is_file() and listing(tmp_path)[0] == "test"
    new = pd.read_csv(out / "processed" / rerun.RESULTS).set_index("route")
    old = schema.read_processed(rerun.RESULTS).set_index("route")
    params = pd.read_csv(out / "processed" / rerun.PARAMETERS).set_index("parameter")
    assert params.loc["two_year_tuition_usd_per_year", "value"] == 10000
    # tuition moves exactly as the model says: the certificate pays 12 months of the new fee, the associate's degree 36
    assert new.loc["postsecondary_certificate", "tuition_total_usd"] == pytest.approx(10000)
    assert new.loc["associate_degree", "tuition_total_usd"] == pytest.approx(30000)
    drop = old.loc["postsecondary_certificate", "cumulative_net_usd"] - new.loc["postsecondary_certificate", "cumulative_net_usd"]
    assert drop == pytest.approx(10000 - old.loc["postsecondary_certificate", "tuition_total_usd"], abs=0.05)
    # routes the parameters do not touch are unchanged
    assert new.loc["bachelor_degree", "net_present_value_usd"] == pytest.approx(old.loc["bachelor_degree", "net_present_value_usd"])
    # and the committed outputs were left alone
    committed = pd.read_csv(paths.DATA / "processed" / rerun.RESULTS).set_index("route")
    assert committed.loc["postsecondary_certificate", "tuition_total_usd"] == old.loc["postsecondary_certificate", "tuition_total_usd"]


@pytest.mark.slow
def test_an_interrupted_rerun_leaves_no_results_and_keeps_the_previous_run(tmp_path):
    previous = tmp_path / "mine"
    previous.mkdir()
    (previous / "marker").write_text("the previous complete run")
    (previous / rerun.RUN_MARKER).write_text("written by a rerun")
    env = {**os.environ, rerun.RUNS_ENV: str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "mrt.rerun", "--name", "mine", "-p", "horizon_years", "30"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".mine.*.partial/processed")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    time.sleep(1.5)  # the kernel is starting or running the notebook
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 143, err     # 128 + SIGTERM, as the main job
    assert err.strip().endswith(f"interrupted: the partial run was removed; {tmp_path.resolve() / 'mine'} is as it was before"), err
    assert listing(tmp_path) == ["mine", f"mine/{rerun.RUN_MARKER}", "mine/marker"]


def test_an_empty_run_name_on_the_command_line_is_refused_not_replaced_by_the_default(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(rerun.RUNS_ENV, str(tmp_path))
    monkeypatch.setattr(rerun, "execute", lambda *args: (_ for _ in ()).throw(AssertionError("the notebook must not run")))
    assert rerun.main(["--name", ""]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: run name '' is not a plain folder name") and err.rstrip().endswith("nothing was written.")
    assert listing(tmp_path) == []
