"""Estimates: the three case-file forms, degenerate values, rules and analytic moments."""

import math

import pytest
from pydantic import ValidationError

from decisionkit.case.estimates import Estimate, coerce_estimate


def test_number_is_fixed():
    e = Estimate.of(80_000)
    assert e.is_fixed
    assert e.plan_value() == 80_000
    assert e.mean() == 80_000


@pytest.mark.parametrize("default", ["pert", "triangular", "uniform"])
def test_list_uses_the_default_distribution(default):
    if default == "uniform":
        with pytest.raises(ValidationError, match="likely is not a parameter of uniform"):
            Estimate.of([1, 2, 3], default=default)
    else:
        assert Estimate.of([1, 2, 3], default=default).distribution == default


def test_pert_mean_is_a_plus_4m_plus_b_over_6():
    assert Estimate.of([60, 90, 150]).mean() == pytest.approx((60 + 4 * 90 + 150) / 6)


def test_triangular_mean_is_the_average_of_the_three_points():
    e = Estimate.of({"distribution": "triangular", "min": 150, "likely": 200, "max": 320})
    assert e.mean() == pytest.approx((150 + 200 + 320) / 3)
    assert e.plan_value() == 200


def test_uniform_mean_and_plan_value_are_the_midpoint():
    e = Estimate.of({"distribution": "uniform", "min": 10, "max": 20})
    assert e.mean() == 15 == e.plan_value()


def test_lognormal_from_p10_p90_has_those_quantiles():
    e = Estimate.of({"distribution": "lognormal", "p10": 40, "p90": 140})
    mu, sigma = e.lognormal_mu_sigma()
    z90 = 1.2815515655446004
    assert math.exp(mu - z90 * sigma) == pytest.approx(40)
    assert math.exp(mu + z90 * sigma) == pytest.approx(140)
    assert e.plan_value() == pytest.approx(math.sqrt(40 * 140))  # the median
    assert e.mean() == pytest.approx(math.exp(mu + sigma**2 / 2))


def test_normal_takes_mean_and_sd():
    e = Estimate.of({"distribution": "normal", "mean": 100, "sd": 15})
    assert e.parameters == {"mean": 100, "sd": 15}
    assert e.mean() == 100


@pytest.mark.parametrize(
    "raw",
    [
        [100, 100, 100],
        {"distribution": "triangular", "min": 5, "likely": 5, "max": 5},
        {"distribution": "uniform", "min": 7, "max": 7},
        {"distribution": "normal", "mean": 3, "sd": 0},
    ],
)
def test_degenerate_estimates_are_fixed_values_not_errors(raw):
    e = Estimate.of(raw)
    assert e.is_fixed


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([12, 10, 20], "min 12 > likely 10"),
        ([1, 30, 20], "likely 30 > max 20"),
        ({"distribution": "uniform", "min": 9, "max": 3}, "min 9 > max 3"),
        ({"distribution": "lognormal", "p10": 40, "p90": 30}, "p10 40 >= p90 30"),
        ({"distribution": "lognormal", "p10": 40, "p90": 40}, "p10 40 >= p90 40"),
        ({"distribution": "lognormal", "p10": 0, "p90": 30}, "p10 0 must be > 0"),
        (-5, "-5 is negative"),
        ([-5, 1, 2], "negative min -5"),
        ({"distribution": "normal", "mean": 10, "sd": -1}, "negative sd -1"),
        (
            {"distribution": "pert", "min": 1, "likely": 2},
            "pert takes min, likely, max; missing max",
        ),
        (
            {"distribution": "pert", "min": 1, "likely": 2, "max": 3, "p10": 1},
            "p10 is not a parameter of pert",
        ),
        ([1, 2], "a list estimate is [min, likely, max] (3 numbers); got 2 values"),
        ([1, "x", 3], "must be numbers; got 'x'"),
        ("lots", "expected an estimate"),
        (
            {"distribution": "lognormal", "min": 1, "max": 3},
            "lognormal takes p10, p90, not min, max",
        ),
        (
            {"min": 1, "max": 3},
            "no distribution for the keys min, max: add e.g. 'distribution: uniform'",
        ),
        (True, "expected an estimate"),
    ],
)
def test_rules_are_named_in_the_message(raw, message):
    with pytest.raises((ValidationError, ValueError)) as info:
        Estimate.of(raw)
    assert message in str(info.value)


def test_nan_and_infinity_are_refused():
    with pytest.raises(ValidationError):
        Estimate.of({"distribution": "fixed", "value": float("nan")})
    with pytest.raises(ValidationError):
        Estimate.of([1, 2, float("inf")])


def test_distribution_is_inferred_from_unambiguous_keys():
    assert coerce_estimate({"p10": 1, "p90": 2})["distribution"] == "lognormal"
    assert coerce_estimate({"mean": 1, "sd": 2})["distribution"] == "normal"
    assert coerce_estimate({"value": 3})["distribution"] == "fixed"
    assert coerce_estimate({"min": 1, "likely": 2, "max": 3}, "triangular")["distribution"] == (
        "triangular"
    )


@pytest.mark.parametrize(
    "raw",
    [
        7,
        [1, 2, 3],
        {"distribution": "triangular", "min": 1, "likely": 2, "max": 3},
        {"distribution": "uniform", "min": 1, "max": 3.5},
        {"distribution": "normal", "mean": 1, "sd": 0.25},
        {"distribution": "lognormal", "p10": 1, "p90": 3},
    ],
)
@pytest.mark.parametrize("default", ["pert", "triangular"])
def test_to_data_round_trips(raw, default):
    e = Estimate.of(raw, default=default)
    assert Estimate.of(e.to_data(default), default=default) == e


def test_estimates_are_immutable():
    e = Estimate.of([1, 2, 3])
    with pytest.raises(ValidationError):
        e.min = 0
