import re

import pytest

from decisionkit.case.cells import (
    format_after,
    format_estimate,
    parse_after,
    parse_estimate,
    parse_number,
)
from decisionkit.case.estimates import Estimate
from decisionkit.case.model import Dependency


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("150 000", 150_000),
        ("150\u00a0000", 150_000),
        ("1,5", 1.5),
        ("1.5", 1.5),
        ("2_500", 2500),
        ("1,234,567", 1_234_567),
        ("1,234.5", 1234.5),
        (" 7 ", 7),
    ],
)
def test_numbers_french_and_english(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "rule"),
    [("1,500", "ambiguous"), ("abc", "not a number"), ("nan", "not a finite number")],
)
def test_bad_numbers(text, rule):
    with pytest.raises(ValueError, match=rule):
        parse_number(text)


@pytest.mark.parametrize(
    ("cell", "data"),
    [
        (80000, 80000),
        ("60; 90; 150", [60, 90, 150]),
        ("pert 60; 90; 150", {"distribution": "pert", "min": 60, "likely": 90, "max": 150}),
        ("triangular 1;2;3", {"distribution": "triangular", "min": 1, "likely": 2, "max": 3}),
        ("uniform 10; 20", {"distribution": "uniform", "min": 10, "max": 20}),
        ("normal mean=100; sd=15", {"distribution": "normal", "mean": 100, "sd": 15}),
        ("lognormal p10=40; p90=140", {"distribution": "lognormal", "p10": 40, "p90": 140}),
        ("p10=40; p90=140", {"p10": 40, "p90": 140}),
        ("fixed 5", {"distribution": "fixed", "value": 5}),
        ("pert(1; 2; 3)", {"distribution": "pert", "min": 1, "likely": 2, "max": 3}),
        ("12", 12),
        ("1,5; 2; 3,5", [1.5, 2, 3.5]),
    ],
)
def test_estimate_cells(cell, data):
    assert parse_estimate(cell) == data


@pytest.mark.parametrize(
    ("cell", "rule"),
    [
        ("lognorm p10=1; p90=2", "unknown distribution 'lognorm' (did you mean 'lognormal'?)"),
        ("1; 2", "expected one number (fixed) or three"),
        ("uniform 1; 2; 3", "uniform takes 2 numbers (min; max), got 3"),
        ("pert min=1; 2; 3", "give all parameters by position or all by name"),
        ("; ;", "no numbers"),
        (True, "expected a number or an estimate, got TRUE"),
    ],
)
def test_bad_estimate_cells(cell, rule):
    with pytest.raises(ValueError, match=re.escape(rule)):
        parse_estimate(cell)


@pytest.mark.parametrize(
    "raw",
    [
        3,
        2.75,
        [1, 2, 3],
        {"distribution": "triangular", "min": 0.1, "likely": 0.2, "max": 0.7},
        {"distribution": "uniform", "min": 1, "max": 2},
        {"distribution": "normal", "mean": 5, "sd": 1.25},
        {"distribution": "lognormal", "p10": 0.3, "p90": 1e7},
    ],
)
@pytest.mark.parametrize("default", ["pert", "triangular", "uniform"])
def test_estimate_cells_round_trip(raw, default):
    if default == "uniform" and isinstance(raw, list):
        raw = {"distribution": "pert", "min": 1, "likely": 2, "max": 3}
    e = Estimate.of(raw, default=default)
    assert Estimate.of(parse_estimate(format_estimate(e, default)), default=default) == e


def test_after_cells():
    assert parse_after("design; build+5") == ["design", {"task": "build", "lag": 5}]
    assert parse_after("a\nb + 2,5") == ["a", {"task": "b", "lag": 2.5}]
    deps = (Dependency(task="a"), Dependency(task="b", lag=2.5))
    assert format_after(deps) == "a; b+2.5"
    assert [Dependency.model_validate(d) for d in parse_after(format_after(deps))] == list(deps)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("1.500", "ambiguous"),
        ("60 90 150", "with ';'"),
        ("150 00", "not a number"),
        ("15%", "without '%'"),
    ],
)
def test_numbers_people_mistype(text, rule):
    with pytest.raises(ValueError, match=re.escape(rule)):
        parse_number(text)


def test_forgiving_cells():
    assert parse_estimate("[60, 90, 150]") == [60, 90, 150]
    assert parse_after("marche (+5); design") == [{"task": "marche", "lag": 5}, "design"]
    with pytest.raises(ValueError, match="separate predecessors with ';'"):
        parse_after("conception, developpement")
