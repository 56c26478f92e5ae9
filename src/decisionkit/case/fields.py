"""Pieces shared by the case models: the frozen base model and checked number types."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Strict

from decisionkit.errors import rule, rule_of

__all__ = [
    "Budget",
    "Confidence",
    "FrozenModel",
    "NonNegative",
    "Positive",
    "UnitInterval",
    "error_rule",
]


class FrozenModel(BaseModel):
    """Immutable, strict about unknown keys and non-finite numbers; fields by name or alias."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", allow_inf_nan=False, populate_by_name=True
    )


def error_rule(err: Any) -> str:
    """The rule of one pydantic ``value_error``: the :class:`~decisionkit.errors.Rule` the
    validator raised (pydantic keeps the exception in ``ctx``), else pydantic's text."""
    exc = (err.get("ctx") or {}).get("error")
    if isinstance(exc, BaseException):
        return rule_of(exc)
    msg = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    return msg


def check_positive(value: float) -> float:
    """Refuse zero and negative numbers."""
    if value <= 0:
        raise ValueError(rule("rule.value.positive", value=f"{value:g}"))
    return value


def check_non_negative(value: float) -> float:
    """Refuse negative numbers."""
    if value < 0:
        raise ValueError(rule("rule.value.negative", value=f"{value:g}"))
    return value


def check_unit_interval(value: float) -> float:
    """Refuse numbers outside [0, 1]."""
    if not 0.0 <= value <= 1.0:
        raise ValueError(rule("rule.value.unit_interval", value=f"{value:g}"))
    return value


def check_budget(value: float) -> float:
    """Refuse a negative budget, and a zero one (no option with a cost could meet it)."""
    if value < 0:
        raise ValueError(rule("rule.value.budget_negative", value=f"{value:g}"))
    if value == 0:
        raise ValueError(rule("rule.value.budget_zero"))
    return value


def check_confidence(value: float) -> float:
    """Refuse a confidence level outside [0.5, 0.99], naming the fraction a percentage meant."""
    if not 0.5 <= value <= 0.99:
        if 50 <= value < 100:
            raise ValueError(
                rule(
                    "rule.value.confidence_percent",
                    value=f"{value:g}",
                    fraction=f"{value / 100:g}",
                )
            )
        raise ValueError(rule("rule.value.confidence", value=f"{value:g}"))
    return value


Positive = Annotated[float, Strict(), AfterValidator(check_positive)]
NonNegative = Annotated[float, Strict(), AfterValidator(check_non_negative)]
UnitInterval = Annotated[float, Strict(), AfterValidator(check_unit_interval)]
Budget = Annotated[float, Strict(), AfterValidator(check_budget)]
"""An amount in the case currency, > 0."""
Confidence = Annotated[float, Strict(), AfterValidator(check_confidence)]
"""A confidence level, a fraction in [0.5, 0.99]."""
