"""The sentence module: directions from signs, counts from rows, rounding for readers; both sides of every threshold."""

import pytest

from mrt import words


@pytest.mark.parametrize("change, expected", [(-8.5, "fell"), (-1e-9, "fell"), (0, "did not change"), (0.0, "did not change"),
                                              (1e-9, "rose"), (6, "rose")])
def test_direction_comes_from_the_sign(change, expected):
    assert words.direction(change) == expected


def test_direction_takes_the_callers_words_and_refuses_a_missing_change():
    assert words.direction(-1, "widened", "narrowed") == "narrowed"
    assert words.direction(1, "widened", "narrowed") == "widened"
    with pytest.raises(ValueError, match="missing"):
        words.direction(float("nan"))
    with pytest.raises(ValueError, match="missing"):
        words.direction(None)


@pytest.mark.parametrize("value, reference, expected", [(13.5, 7.4, "above"), (7.4, 13.5, "below"), (7.4, 7.4, "equal to")])
def test_comparison(value, reference, expected):
    assert words.comparison(value, reference) == expected


@pytest.mark.parametrize("n, expected", [(0, "no"), (1, "one"), (4, "four"), (5, "five"), (10, "ten"), (11, "11"), (1200, "1,200")])
def test_count_word(n, expected):
    assert words.count_word(n) == expected


def test_count_word_refuses_a_negative_count():
    with pytest.raises(ValueError, match="negative"):
        words.count_word(-1)


@pytest.mark.parametrize("n, expected", [(0, "no guides"), (1, "one guide"), (4, "four guides"), (5, "five guides"), (12, "12 guides")])
def test_counted_agrees_the_noun(n, expected):
    assert words.counted(n, "guide") == expected


def test_counted_with_digits_and_an_irregular_plural():
    assert words.counted(4, "guide", spell=False) == "4 guides"
    assert words.counted(1, "salary", "salaries", spell=False) == "1 salary"
    assert words.counted(2, "salary", "salaries") == "two salaries"


@pytest.mark.parametrize("value, expected", [(147434, "$147,400"), (147460, "$147,500"), (7967, "$8,000"), (49, "$0")])
def test_modelled_money_to_the_hundred(value, expected):
    assert words.modelled_money(value) == expected


@pytest.mark.parametrize("p, expected", [(0.236, "about 1 in 4"), (0.2, "about 1 in 5"), (0.49, "about 1 in 2"),
                                         (0.298, "about 3 in 10"), (0.33, "about 1 in 3"), (0.4, "about 4 in 10"), (0.05, "about 1 in 20"),
                                         (0.5, "about 1 in 2"), (0.54, "about 1 in 2"), (0.56, "about 6 in 10"),
                                         (0.9, "about 9 in 10")])
def test_about_one_in(p, expected):
    assert words.about_one_in(p) == expected


@pytest.mark.parametrize("p", [0, 1, -0.1, 1.5])
def test_about_one_in_refuses_certainties(p):
    with pytest.raises(ValueError, match="0 < p < 1"):
        words.about_one_in(p)


@pytest.mark.parametrize("years, expected", [(10.2, "about 10 years"), (10.5, "about 10 years"), (10.6, "about 11 years"),
                                             (0.8, "about 1 year"), (0.2, "about 1 year"), (1.6, "about 2 years")])
def test_about_years(years, expected):
    assert words.about_years(years) == expected


def test_ratio_interval_from_whole_percents():
    low, high = words.ratio_interval(22, 10.8)
    assert low == pytest.approx(21.5 / 10.85) and high == pytest.approx(22.5 / 10.75)
    low, high = words.ratio_interval(22, 10.8, reference_step=0)
    assert round(low, 2) == 1.99 and round(high, 2) == 2.08
    with pytest.raises(ValueError, match="positive reference"):
        words.ratio_interval(22, 0.04)


def _defined_at_top(path):
    """The names a module of mrt/words defines at its top level (functions, classes, assignments), each as often as it
    is defined."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
    names += [t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
              for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)]
    return names


def test_every_name_in_the_sentence_package_is_defined_once():
    """words has a module per notebook section, written by different hands, and re-exports them all as words.X: a name
    defined twice (in one module or in two) would silently replace the other."""
    from pathlib import Path

    modules = sorted(Path(words.__file__).parent.glob("*.py"))
    assert len(modules) > 2, "mrt.words is a package of section modules"
    where = {}
    for path in modules:
        for name in _defined_at_top(path):
            where.setdefault(name, []).append(path.stem)
    assert {name: stems for name, stems in where.items() if len(stems) > 1} == {}


def test_words_x_is_each_sections_own_definition():
    """Every public name a section module defines is what ``words.X`` gives (nothing shadows it in the re-export), and
    each section module is reachable as words.<module> (no re-exported name hides it)."""
    import importlib
    from pathlib import Path

    for path in sorted(Path(words.__file__).parent.glob("*.py")):
        if path.stem == "__init__":
            assert _defined_at_top(path) == [], "words/__init__.py only re-exports the sections' names"
            continue
        module = importlib.import_module(f"mrt.words.{path.stem}")
        assert getattr(words, path.stem) is module
        for name in _defined_at_top(path):
            if not name.startswith("_"):
                assert getattr(words, name) is getattr(module, name), f"words.{name} is not mrt.words.{path.stem}.{name}"
