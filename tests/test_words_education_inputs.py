"""The sentences of notebook 04 when the data lack the model's inputs (issue 17: partial data, any occupation), each
tested on both sides of its condition; expected strings typed from the rules in src/mrt/words/."""

from mrt import words


def test_model_inputs_sentence_says_what_is_missing_or_the_year():
    assert words.model_inputs_sentence(2017, []) == "The model uses the published figures of 2017."
    text = words.model_inputs_sentence(2020, ["the tuition of a college in 2020-21 (costs.csv)", "the CPI-U of 2020 (cpi_u.csv)"])
    assert text == ("The model cannot run on the inputs of 2020: the data lack the tuition of a college in 2020-21 (costs.csv) and "
                    "the CPI-U of 2020 (cpi_u.csv). The sections that need it say so and are skipped; give the missing values in the "
                    "parameters cell to run it.")
    assert words.model_inputs_sentence(None, ["pay (bls_wages.csv)"]).startswith("The model cannot run on any year: the data lack pay")


def test_skipped_and_not_available_sentences():
    assert words.model_skipped_sentence("Section 3") == "Not computed: Section 3 needs the model, which lacks published inputs (section 2)."
    assert words.best_route_not_available() == "No route can be ranked: the published tuition or pay the model needs is missing."
    assert words.best_route_not_available("routes that stay sorters").startswith("No route among routes that stay sorters can be ranked")
    assert words.time_and_cost_not_available().startswith("The time and tuition of each route cannot be compared")


def test_unemployment_rates_sentence_on_both_sides():
    assert words.unemployment_rates_sentence(2018, 0) == ("The data give no unemployment rates by education for 2018, so the model never "
                                                          "tries unemployment risk (it stays off).")
    assert words.unemployment_rates_sentence(2017, 4) == "Unemployment risk, when tried, uses the unemployment rates by education of 2017."


def test_fit_misses_median_in_each_direction():
    assert words.fit_misses_median(3.2, 4.1) == "puts the median 3.2% to 4.1% too high"
    assert words.fit_misses_median(-4.1, -0.7) == "puts the median 0.7% to 4.1% too low"
    assert words.fit_misses_median(-0.7, 0.0) == "misses the median by up to 0.7%, in both directions"
    assert words.fit_misses_median(-0.5, 1.5) == "misses the median by up to 1.5%, in both directions"
    assert words.fit_misses_median(0.1, 0.2) == "puts the median 0.1% to 0.2% too high"


def test_model_values_sentence_with_and_without_a_published_pay_above():
    kinds = {"assumption": 13, "published figure": 3, "convention": 2, "guides and a secondary source": 1, "method": 2}
    text = words.model_values_sentence(kinds, 2024, 2017, 1.28, (2016.0, 1.3071), "bosses")  # a year read from a table: a float
    assert text == ("Of the model's 21 values, 3 are published figures, 3 are conventions or what the guides print, **13 are assumptions** "
                    "that no source gives, and 2 are choices of method. All money is in **2024 dollars** (CPI-U): 2017 pay and 2017-18 "
                    "tuition are multiplied by 1.280, the 2016 pay of bosses by 1.307.")
    one = words.model_values_sentence({**kinds, "method": 1}, 2024, 2019, 1.2, None, "bosses")
    assert "and 1 is a choice of method" in one and one.endswith("multiplied by 1.200; the pay of bosses is the value set in the parameters cell.")
    assert words.model_values_sentence({**kinds, "method": 1}, 2024, 1999, 1.2, None, "x").count("1999-00 tuition") == 1
