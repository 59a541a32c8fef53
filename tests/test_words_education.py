"""Sentences of the education notebook (src/mrt/words/education.py): both sides of every threshold."""

import pytest

from mrt import words

CERT, ASSOC, UP = "Postsecondary certificate", "Associate's degree", "Degree, then boss"


def test_route_name_quotes_the_label_as_the_data_give_it():
    assert words.route_name(ASSOC) == "\u201cAssociate's degree\u201d"


@pytest.mark.parametrize("share, expected", [(0.363, "36%"), (0.8, "80%"), (0.005, "0%"), (1, "100%")])
def test_share_text(share, expected):
    assert words.share_percent(share) == expected


def test_a_route_at_the_needed_share_ranks_first():
    assert words.ranking_sentence([(CERT, 0.8), (ASSOC, 0.2)], 1000, 0.8) == (
        "\u201cPostsecondary certificate\u201d pays best in 80% of 1,000 assumption sets tried, enough for the model to rank it first "
        "(it needs 80%).")


def test_just_below_the_needed_share_the_model_cannot_say_and_ranks_none():
    # 79.9% rounds to 80% in a table, but it is below the rule's 80%: the sentence names no route (their shares stay in
    # the register and the notebook's table, not in the finding)
    assert words.ranking_sentence([(CERT, 0.799), (ASSOC, 0.201)], 1000, 0.8) == (
        "The model cannot say which route pays best: none leads in 80% of 1,000 assumption sets.")


def test_among_some_routes_the_sentence_names_them():
    assert words.ranking_sentence([(ASSOC, 0.5), (CERT, 0.0)], 200, 0.8, among="routes that stay in the job") == (
        "Among routes that stay in the job, the model cannot say which pays best: none leads in 80% of 200 assumption sets.")
    assert words.ranking_sentence([(ASSOC, 0.9)], 200, 0.8, among="routes that stay in the job").startswith(
        "Among routes that stay in the job, \u201cAssociate's degree\u201d pays best in 90%")


def test_the_ranking_sentence_stays_within_the_first_sentence_limit():
    long = "High school diploma, then training on the job"
    sentence = words.ranking_sentence([(long, 0.4), (long, 0.3)], 1000, 0.8, among="routes that stay in the job")
    assert len(sentence.split()) <= words.FIRST_SENTENCE_WORDS and long not in sentence
    ranked = words.ranking_sentence([(long, 0.8), (CERT, 0.2)], 1000, 0.8)  # exactly at the rule: ranked first, and named
    assert long in ranked and len(ranked.split()) <= words.FIRST_SENTENCE_WORDS


def test_a_ranking_sentence_needs_a_route():
    with pytest.raises(ValueError, match="at least one route"):
        words.ranking_sentence([], 10, 0.8)


@pytest.mark.parametrize("verdict, chance, expected", [
    ("at least", 0.269, "\u201cDegree, then boss\u201d pays off only above about a 1 in 4 chance of promotion, which the data do not give."),
    ("at least", 0.21, "\u201cDegree, then boss\u201d pays off only above about a 1 in 5 chance of promotion, which the data do not give."),
    ("at most", 0.7, "\u201cDegree, then boss\u201d pays off only below about a 7 in 10 chance of promotion, which the data do not give."),
    ("always", None, "\u201cDegree, then boss\u201d pays off at any chance of promotion, even none."),
    ("never", None, "\u201cDegree, then boss\u201d cannot pay off at any chance of promotion."),
    ("at least", 0.0, "\u201cDegree, then boss\u201d pays off at any chance of promotion, even none."),
    ("at least", 1.0, "\u201cDegree, then boss\u201d cannot pay off at any chance of promotion."),
    ("at most", 1.0, "\u201cDegree, then boss\u201d pays off at any chance of promotion, even none."),
    ("at most", 0.0, "\u201cDegree, then boss\u201d cannot pay off at any chance of promotion."),
])
def test_promotion_sentence_on_each_side_and_at_the_ends(verdict, chance, expected):
    sentence = words.promotion_sentence(UP, verdict, chance, published=False)
    assert sentence == expected and len(sentence.split()) <= 25
    published = words.promotion_sentence(UP, verdict, chance, published=True)
    assert published == expected.replace(", which the data do not give.", ".")  # the claim only where the data lack the chance


def test_promotion_sentence_claims_no_source_only_when_the_data_lack_one():
    assert words.promotion_sentence(UP, "at least", 0.269, published=True) == (
        "\u201cDegree, then boss\u201d pays off only above about a 1 in 4 chance of promotion.")
    assert "source" not in words.promotion_sentence(UP, "at least", 0.269, published=False)


def test_promotion_sentence_refuses_an_unknown_verdict():
    with pytest.raises(ValueError, match="verdict"):
        words.promotion_sentence(UP, "sometimes", 0.5, published=False)


@pytest.mark.parametrize("lead, undone, expected", [
    (1.2995, 6, "The 1.3% default lead of \u201cAssociate's degree\u201d is undone by any of six assumptions within range."),
    (1.2995, 1, "The 1.3% default lead of \u201cAssociate's degree\u201d is undone by one assumption within range."),
    (18.2, 0, "The 18% default lead of \u201cAssociate's degree\u201d survives every single assumption within its range."),
    (9.96, 2, "The 10% default lead of \u201cAssociate's degree\u201d is undone by any of two assumptions within range."),
])
def test_default_lead_sentence(lead, undone, expected):
    sentence = words.default_lead_sentence(ASSOC, lead, undone)
    assert sentence == expected and len(sentence.split()) <= 25


def test_default_lead_sentence_among_some_routes():
    assert words.default_lead_sentence(ASSOC, 1.3, 2, among="routes that stay in the job") == (
        "The 1.3% default lead of \u201cAssociate's degree\u201d among routes that stay in the job is undone by any of two assumptions "
        "within range.")


def test_time_and_cost_names_each_route_with_study_and_rounds_money_to_the_hundred():
    sentence = words.time_and_cost_sentence([("High school", 0, 0), (CERT, 12, 4556.4), (ASSOC, 24, 9112.8), ("Bachelor's degree", 48, 44321)])
    assert sentence == ("\u201cPostsecondary certificate\u201d takes 12 months and $4,600 in public-college tuition; "
                        "\u201cAssociate's degree\u201d, 24 months and $9,100; \u201cBachelor's degree\u201d, 48 months and $44,300.")
    assert len(sentence.split()) <= words.FIRST_SENTENCE_WORDS
    assert "9.5 months" in words.time_and_cost_sentence([(CERT, 9.5, 100)])
    with pytest.raises(ValueError, match="with study"):
        words.time_and_cost_sentence([("High school", 0, 0)])


def test_handbook_sentence_with_and_without_a_route():
    assert words.handbook_sentence("2022-23", CERT) == (
        "The latest Handbook in the data (2022-23) calls \u201cPostsecondary certificate\u201d the typical way in.")
    assert words.handbook_sentence("2022-23", None) == (
        "The latest Handbook in the data (2022-23) names none of these routes as the typical way in.")


@pytest.mark.parametrize("label, joint, lead, flip, expected", [
    (None, True, None, None, "the model cannot rank the routes"),
    (None, False, None, None, "the model cannot rank the routes"),
    (CERT, True, None, None, "\u201cPostsecondary certificate\u201d ranks first"),
    (UP, False, 147434.18, None, "\u201cDegree, then boss\u201d leads by $147,400"),
    (ASSOC, False, None, "a horizon of 13 years or less (tested 10–40 years)",
     "\u201cAssociate's degree\u201d leads, with a horizon of 13 years or less (tested 10–40 years)"),
    (ASSOC, False, None, None, "\u201cAssociate's degree\u201d leads"),
])
def test_alternative_note(label, joint, lead, flip, expected):
    assert words.alternative_note(label, joint, lead, flip) == expected


def test_pairs_sentence_with_and_without_an_example():
    assert words.assumption_pairs_sentence(49, 171, 1, "routes that stay in the job", "a discount rate of 7% with a yearly raise of 1.5%") == (
        "Moved in pairs, 49 of 171 pairs of assumptions change the leader over all routes at values where neither does alone, and 1 "
        "the leader among routes that stay in the job; the nearest to the defaults: a discount rate of 7% with a yearly raise of 1.5%.")
    assert words.assumption_pairs_sentence(0, 1, 0, "some", None) == (
        "Moved in pairs, 0 of 1 pair of assumptions change the leader over all routes at values where neither does alone, and 0 the "
        "leader among some.")
