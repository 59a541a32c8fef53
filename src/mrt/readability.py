"""How readable the findings are: the project's own figures, printed by ``python3 run.py readability``
(or ``python -m mrt.readability``).

For the findings in ``data/processed/findings.csv``: the average number of words per finding, the longest finding,
the longest first sentence, and the Flesch-Kincaid grade of all of them together, computed on real sentence ends.
A sentence ends at ``.``, ``!`` or ``?`` followed by a space and a capital letter, a digit or a quote (or the end of the
text), never inside a number (``$1.5``, ``24.7%``) or after an abbreviation (``e.g.``, ``i.e.``, ``U.S.``, ``vs.``).
Syllables are counted by the usual rule of thumb for English (groups of vowels, less a silent final ``e``); a number
counts as one word of one syllable, so the grade is if anything on the low side for text full of figures.

The targets (issue 16): average at most 30 words, no finding over 60 words with its caveat, a first sentence of at most
35 words, grade at most 12. ``--check`` exits 1 when a target is missed.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from mrt import schema

TARGETS = {"average_words": 30, "longest_words": 60, "longest_first_sentence_words": 35, "grade": 12}
ABBREVIATIONS = ("e.g.", "i.e.", "u.s.", "vs.", "etc.", "cf.", "no.", "approx.", "dr.", "mr.", "ms.", "st.")

_WORD = re.compile(r"\$?[A-Za-z0-9][A-Za-z0-9'’.,%×–-]*")  # a word or a number (with its decimal point, thousands, % and ×)
_END = re.compile(r"""[.!?]["'”’)*]*(?=\s+["“'‘(*]*[A-Z0-9$]|\s*$)""")


def clean(text: str) -> str:
    """Markdown emphasis and code marks out, spaces made single: ``*Associate's degree* leads`` -> ``Associate's degree leads``."""
    return re.sub(r"\s+", " ", re.sub(r"[*_`]+", "", str(text))).strip()


def sentences(text: str) -> list[str]:
    """The sentences of a text, split at real sentence ends only."""
    text = clean(text)
    found, start = [], 0
    for end in _END.finditer(text):
        before = text[start:end.start() + 1].split()
        last = before[-1].lower().lstrip("(\"'“‘*") if before else ""
        if last in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.){2,}", last):
            continue  # e.g. / U.S. / i.e.: not a sentence end
        found.append(text[start:end.end()].strip())
        start = end.end()
    rest = text[start:].strip()
    return [s for s in found + ([rest] if rest else []) if words(s)]


def words(text: str) -> list[str]:
    """The words of a text; a number (``$147,434``, ``24.7%``, ``2012–2022``) is one word."""
    return _WORD.findall(clean(text))


def syllables(word: str) -> int:
    """Syllables of one English word by the usual rule of thumb; a number counts as one."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters or len(letters) <= 3:
        return 1
    letters = re.sub(r"(?:[^laeiouy]es|(?<![td])ed|[^laeiouy]e)$", "", letters)
    letters = re.sub(r"^y", "", letters)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", letters)))


def grade(texts: list[str]) -> float:
    """Flesch-Kincaid grade of the texts together: 0.39 x words per sentence + 11.8 x syllables per word - 15.59."""
    split = [s for t in texts for s in sentences(t)]
    tokens = [w for s in split for w in words(s)]
    if not tokens:
        raise ValueError("a grade needs at least one word")
    return 0.39 * len(tokens) / len(split) + 11.8 * sum(syllables(w) for w in tokens) / len(tokens) - 15.59


@dataclass(frozen=True)
class Figures:
    findings: int
    average_words: float
    longest_words: int
    longest_id: str
    longest_first_sentence_words: int
    longest_first_sentence_id: str
    average_first_sentence_words: float
    grade: float
    sentences: int

    def missed(self) -> list[str]:
        """The targets this text misses, by name."""
        return [name for name, limit in TARGETS.items() if getattr(self, name) > limit]


def figures(statements: dict[str, str]) -> Figures:
    """The readability figures of findings given as id -> statement."""
    if not statements:
        raise ValueError("the readability figures need at least one finding")
    counts = {i: len(words(s)) for i, s in statements.items()}
    firsts = {i: len(words(sentences(s)[0])) if sentences(s) else 0 for i, s in statements.items()}
    longest = max(counts, key=lambda i: (counts[i], i))
    longest_first = max(firsts, key=lambda i: (firsts[i], i))
    texts = list(statements.values())
    return Figures(len(statements), sum(counts.values()) / len(counts), counts[longest], longest, firsts[longest_first],
                   longest_first, sum(firsts.values()) / len(firsts), grade(texts), sum(len(sentences(t)) for t in texts))


def register_figures() -> Figures:
    register = schema.read_processed("findings.csv")
    return figures(dict(zip(register["finding_id"], register["statement"])))


def report_lines(f: Figures) -> list[str]:
    def mark(name: str) -> str:
        return "met" if getattr(f, name) <= TARGETS[name] else "NOT met"

    return [f"Readability of the {f.findings} findings in data/processed/findings.csv ({f.sentences} sentences):",
            f"  average words per finding    {f.average_words:6.1f}   target <= {TARGETS['average_words']}: {mark('average_words')}",
            f"  longest finding (words)      {f.longest_words:6d}   target <= {TARGETS['longest_words']}: {mark('longest_words')} ({f.longest_id})",
            f"  longest first sentence       {f.longest_first_sentence_words:6d}   target <= {TARGETS['longest_first_sentence_words']}: "
            f"{mark('longest_first_sentence_words')} ({f.longest_first_sentence_id})",
            f"  average first sentence       {f.average_first_sentence_words:6.1f}",
            f"  Flesch-Kincaid grade         {f.grade:6.1f}   target <= {TARGETS['grade']}: {mark('grade')}"]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    unknown = [a for a in argv if a != "--check"]
    if unknown:
        print(f"error: unknown argument(s) {' '.join(unknown)}; expected nothing or --check", file=sys.stderr)
        return 2
    result = register_figures()
    print("\n".join(report_lines(result)))
    return 1 if "--check" in argv and result.missed() else 0


if __name__ == "__main__":
    sys.exit(main())
