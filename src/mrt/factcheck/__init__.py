"""Fact-check rules: each check returns numbers and a verdict code, never a sentence.

Every claim in ``guide_claims.csv`` names a check (:data:`CHECKS`). A check compares the claim's
printed figures (or words) with the BLS record the other notebooks cleaned, and returns a
:class:`Result`: the verdict code (:data:`VERDICTS`), the reading of the claim it used
(:data:`READINGS`), the guide's value and the range of true values it allows, the record's value,
year and rows, the year the claim is judged at, and named facts for the evidence. The fact-check
notebook composes every sentence from those values; nothing here says "consistent with".

The rules, stated once:

- **One rounding rule for every printed number.** A printed number allows every value that rounds
  to it at its own step, read from its digits: the largest power of ten that divides it
  (``40`` -> 10, so 35 to 45; ``$39,000`` -> 1,000; ``13`` -> 1; ``$20.59`` -> one cent).
  The strict reading (:data:`LAST_DIGIT`) takes the last printed digit as exact (``40`` -> 39.5 to 40.5).
  A qualifier moves the range: "more than X" is above X, "almost X" is the lower half of X's
  rounding range up to X (:func:`printed_range`).
- **A record that covers only part of a setting is a lower bound**, never a contradiction: the true
  share is at least that high (``partial_settings`` in occupation.toml).
- **A claim is judged in its own time frame**: the year it prints, or else the guide's own date, read
  from its figures (the latest year any of them is for); a claim from a guide with no dated figure is
  judged against the latest record. Shares are compared with the records nearest that year on each
  side (:func:`years_in_frame`); education with the Handbook edition of the time (:func:`edition_of_time`),
  never a later one, unless :attr:`Rules.education_edition` allows any edition.
- **"Most"** means a majority (more than half) by default; a plurality (more than any other setting) is the
  alternative: :attr:`Rules.most`. Exactly half is not a majority; a tie is not a plurality.
- Tolerances and readings are parameters (:class:`Rules`), never module globals a caller must mutate.
"""

# One job per module: rules (closed sets, Rules, Range, time frames, what a check reads and returns), checks (the check
# functions and REGISTRY), tallies (judge, the claims table, counting), titles (the guides' titles for display). The public
# names are re-exported here, so ``from mrt import factcheck; factcheck.X`` keeps working.
from mrt.vocab import CHECKS, VERDICTS
from mrt.factcheck.rules import (AGREEING, ANY_EDITION, Claim, EDITION_OF_TIME, Evidence, FactCheckError,
    GROWTH_WORDING_VERDICTS, GUIDE_DATE, HANDBOOK_WORDING, LAST_DIGIT, LATEST_RECORD, MAJORITY, MEAN, MEDIAN, NOT_CHECKABLE,
    NO_READING, OWN_STEP, PLURALITY, PRESCRIPTIVE_STANCES, PRINTED, PROJECT_RATIO, QUALIFIERS_READ, READINGS, Range, Result,
    Rules, TIMELESS, TIME_BASES, TIME_FRAMES, VERDICT_GROUPS, decimals_of, edition_of_time, guide_years, last_digit_step,
    printed_range, printed_step, time_frame, years_in_frame)
from mrt.factcheck.checks import (MostYear, REGISTRY, ShareRecord, WORDING_FACTS, check_area_pay_list, check_area_pay_pattern,
    check_certification, check_credential_issuer, check_duration, check_education_advancement, check_education_entry,
    check_employment_count, check_growth_change, check_growth_direction, check_growth_pct, check_growth_wording,
    check_occupation_title, check_other_industries, check_pay_vs_all_occupations, check_setting_most, check_setting_named,
    check_setting_pay, check_setting_pay_figure, check_setting_remainder, check_setting_share, check_third_party_ranking,
    check_wage, check_work_schedule, combine, exceeds, growth_word_code, most_years, named_settings, ratio_rule, share_outcome,
    share_records)
from mrt.factcheck.tallies import (Judged, rounded_pay_claims, shared_setting_shares, undated_yearly_pay, NO_GUIDE_DATE, QUESTION_CHECKS, TABLE_COLUMNS, Tally, UNDATED_FRAMES,
    UndatedAgreement, changed, judge, most_agree, question_of, restated_hourly, same_conclusion, shared_questions, table, tally,
    tally_by_guide, undated_agreement, undated_frame, verdict_counts)
from mrt.factcheck.titles import guide_titles
