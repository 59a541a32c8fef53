"""Salary statistics: where each printed pay figure came from, rounding steps and tolerances,
hourly-annual agreement, the shape of the pay distribution (quartiles no guide prints, with the
methods checked against BLS's published quartiles and medians), real dollars, and pay by place.

Functions here return numbers, tables and codes from the closed sets re-exported here
(:data:`VERDICTS`, :data:`METHODS`, :data:`BAND_BASES`); the salary notebook composes the sentences.

The package, by job: :mod:`mrt.wages.provenance` (verdicts, rounding, hourly and annual, matching to the BLS record,
pay by place), :mod:`mrt.wages.fits` (the distribution's curves, the BLS years, the quartile methods and their
validation) and :mod:`mrt.wages.realpay` (dollars of one base year). Callers use every name as ``mrt.wages.X``.
"""

from __future__ import annotations

# Re-exported: the notebooks, the other modules and the tests use these as mrt.wages.X.
from mrt.occupation import COMPARABLE
from mrt.vocab import hourly_annual_tolerance
from mrt.wages.provenance import (DISTRIBUTION_STATISTICS, EXACT, NOT_FOUND, NOT_PUBLISHED, PLACE_STATISTIC,
                                  RANGE_PARTS, ROUNDED_STEPS, STATISTIC_MISLABELLED, STATISTIC_WORDS, UNDATED_MATCH,
                                  UNDATED_OTHER_STATISTIC, VERDICTS, YEAR_MISLABELLED, check_pair, compared_statistic,
                                  hourly_annual_pairs, match_to_bls, matching_years, national_figures,
                                  pay_by_place_vs_national, provenance_counts, round_to, rounded_verdict,
                                  rounding_interval, rounding_step, undated_year_by_guide, undated_years_within_step)
from mrt.wages.fits import (BAND_BASES, BORROWED, LEAST_SQUARES, Lognormal, METHODS, NO_BAND, NoCalibrationYears,
                            PRINTED_MEDIAN, PUBLISHED_QUARTILES, QUARTILES, QUARTILE_BAND, ROUNDING_BAND,
                            SHAPE_AND_ROUNDING_BAND, SYMMETRIC, SplitLognormal, USES, VALIDATED, VALIDATION_BAND, Z,
                            _distribution, band_coverage, band_from_errors, bls_annual, borrowed_position,
                            calibration_years, describe_years, distribution_years, error_range, estimate_median,
                            fit_quantiles_and_mean, fit_two_quantiles, gap_years, gaps_by_code, longest_comparable_run,
                            mean_above_median, mean_median_gap, median_at_position, median_position, missing_statistics,
                            printed_figures, published_quartiles, quartile_band_coverage, quartile_errors,
                            quartiles_for_year, salary_quantiles, unpublished_figures, validate_median_estimates,
                            validate_quartile_estimates, within_headline_band, year_runs, years_with)
from mrt.wages.realpay import (bls_pay_in_constant_dollars, guide_pay_in_constant_dollars, pay_change, real_column,
                               to_constant_dollars)
