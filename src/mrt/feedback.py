"""What ``grader.check`` shows a student: "passed", or what was found and the hint, never the check's code.

otter-grader prints a failing check as the line of test code that failed (with the answer's fingerprint in it)
before the hint. The student notebooks wrap their ``grader`` with :func:`readable`, so a check shows::

    q2_3: not yet.
    What was found: `mean_above_median_pct` holds 12: not the expected answer yet (checked as a number ...)
    Hint: Use the last row of `gap` ...

The wrapped result keeps every attribute of otter's (``passed_all``, ``summary()``, ...): the check still counts
in otter's log. Only the standard library and otter are imported (the student's kernel has both).
"""

from __future__ import annotations

import html
import sys

NOT_ACCEPTED = "AnswerNotAccepted: "


def what_was_found(message: str | None) -> str:
    """The last line of otter's failure text, without the exception's name (the code lines above it are dropped)."""
    lines = [line.strip() for line in (message or "").strip().splitlines() if line.strip()]
    if not lines:
        return "the check could not run"
    last = lines[-1]
    if last.startswith(NOT_ACCEPTED):
        return last[len(NOT_ACCEPTED):]
    if last.startswith(("NameError", "KeyError")):
        return "the answer variable is not set yet: run the answer cell above, then this check"
    return last


class Feedback:
    """otter's result of one check, shown as a student can use it."""

    def __init__(self, result):
        self.result = result

    def __getattr__(self, name):
        return getattr(self.result, name)

    def lines(self) -> list[str]:
        name = self.result.name
        if self.result.passed_all:
            return [f"{name}: passed."]
        out = [f"{name}: not yet."]
        for outcome in self.result.test_case_results:
            if outcome.passed or outcome.test_case.hidden:
                continue
            out.append(f"What was found: {what_was_found(outcome.message)}")
            if outcome.test_case.failure_message:
                out.append(f"Hint: {outcome.test_case.failure_message}")
        return out

    def __repr__(self) -> str:
        return "\n".join(self.lines())

    def _repr_html_(self) -> str:
        return "".join(f"<p>{html.escape(line)}</p>" for line in self.lines())


def readable(grader):
    """Wrap ``grader.check`` (an ``otter.Notebook``) so that its result shows as :class:`Feedback`."""
    check = grader.check

    def readable_check(question: str, global_env: dict | None = None):
        env = global_env if global_env is not None else sys._getframe(1).f_globals
        return Feedback(check(question, env))

    grader.check = readable_check
    return grader
