"""Education routes: what the guides say, and a transparent model of time, money and pay.

One job per module: :mod:`~mrt.education.parameters` (the parameter registry), :mod:`~mrt.education.routes` (the route
keys and which guide names which route), :mod:`~mrt.education.model` (the model and what a headline depends on) and
:mod:`~mrt.education.inputs` (the published inputs, in one dollar year). The public names are re-exported here, so
``from mrt import education; education.X`` keeps working.
"""

from mrt.education.parameters import (KINDS, NOT_VARIED, PARAMETERS, Parameter, ParameterError, SHOWN, STUDY_MONTHS,
    check_parameters, expected, ordinal, phrase, range_text, resolve, value_text)
from mrt.education.routes import (ADVANCEMENT, ASSOCIATE, CERTIFICATE, ENTRY_ROUTES, HS, MODEL_ROUTES, OOH_CATEGORY_ROUTE,
    ROUTE_LABELS, WORDING_ROUTE, entry_routes, guide_number, handbook_typical_entry, route_summary, stances_by_guide)
from mrt.education.model import (ALL_ROUTES, Assumptions, FLIP_COLUMNS, GAP_PARAMETERS, JOINT_DRAWS, JOINT_SEED, ModelData,
    OTHER_RANK_SHARES, PAIR_COLUMNS, PAIR_POINTS, PAY_CURVES, PROMOTION_VERDICTS, RANKINGS, RANK_SHARE, Route, STAYING_ROUTES,
    assumptions_from, break_even, break_even_table, break_even_year, build_routes, compare_routes, draw_assumption_sets,
    evaluate, first_promotion_year, flip_listing, flip_phrase, flips_in_range, grid_values, headline_alternatives,
    joint_alternatives, joint_leaders, joint_ranges, joint_shares, lead_pct, margin, monthly_path, pair_flips, pay_curve,
    present_values, promoted_pay, promotion_band, promotion_break_even, promotion_verdict, rank_with_margins, ranked_first,
    scenarios, sensitivity, shortest_route, start_gap, sweep_values, tie, time_and_cost, tried_parameters, winner, with_value)
from mrt.education.inputs import (EDUCATION_LEVEL, TUITION_GROUPS, base_year, cpi_factor, missing_inputs, model_data,
    occupation_pay, parameter_table, published_inputs, school_year, unemployment_rates)
