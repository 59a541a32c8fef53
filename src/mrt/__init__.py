"""Helpers for the career-guide analysis (the occupation is named in data/raw/occupation.toml).

Notebooks narrate; the modules here compute and are unit-tested:

- :mod:`mrt.paths`     every file and folder the project reads or writes
- :mod:`mrt.io`        reading raw tables with clear errors, writing outputs atomically
- :mod:`mrt.parse`     printed text ("$27.92 / hr", "almost 20 percent") to numbers
- :mod:`mrt.clean`     raw tables to tidy processed tables
- :mod:`mrt.schema`    the data dictionary and its pandera schemas
- :mod:`mrt.wages`     salary statistics (rounding tolerances, lognormal fits, real dollars)
- :mod:`mrt.growth`    projection arithmetic (growth rates, intervals from rounded figures)
- :mod:`mrt.education` the education-route tradeoff model
- :mod:`mrt.factcheck` verdicts for the guides' claims
- :mod:`mrt.charts`    one chart style, charts saved with the numbers they plot
- :mod:`mrt.executor`  run the notebooks as a dependency graph, in the project's kernels
- :mod:`mrt.pipeline`  the main job: checks, the notebook graph, site and README, swapped in whole
"""

__version__ = "0.1.0"
