"""Computed values into words: the one home of every sentence the project prints.

Notebooks, the README and the site's index call these functions; none of them types a direction, a count or an
occupation's name. The rules:

- **Directions come from signs**: :func:`direction` says "rose" or "fell" (or the words a caller gives) from the sign of
  a change, and "did not change" at zero.
- **Counts come from rows**: :func:`count_word` writes "four guides" from ``len(guides)``; :func:`counted` agrees the noun.
- **Names come from occupation.toml**: :func:`names` returns the occupation's words, so another career gets its own.
- **Rounding for readers**: modelled money to $100 (:func:`modelled_money`), chances as "about 1 in 4"
  (:func:`about_one_in`), durations to what a model supports (:func:`about_years`), ratios of whole percents with the
  interval their rounding allows (:func:`ratio_interval`).

Each notebook's own sentence-writers live in its module of this package: ``ledger`` (01-clean), ``salaries``
(02-salaries), ``projections`` (03-projections), ``education`` (04-education), ``evidence`` and ``tallies``
(05-fact-check: the words for the checks' codes and one evidence sentence per check; the page's sentences from the
tallies), ``summary`` ("In short", the findings register and the index); the generic helpers live in ``common``. This
module re-exports every name, so callers write ``words.X``; a name is defined in one module only (a test checks).
Everything here is tested directly (``tests/test_words*.py``), on both sides of each threshold.
"""

from __future__ import annotations

# Each section's names, re-exported: a name is defined in one module only (tests/test_words.py).
from mrt.words.common import *  # noqa: F401,F403
from mrt.words.ledger import *  # noqa: F401,F403
from mrt.words.salaries import *  # noqa: F401,F403
from mrt.words.projections import *  # noqa: F401,F403
from mrt.words.education import *  # noqa: F401,F403
from mrt.words.evidence import *  # noqa: F401,F403
from mrt.words.tallies import *  # noqa: F401,F403
from mrt.words.summary import *  # noqa: F401,F403
