"""Pieces shared by the case models: the frozen base model and checked number types."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Strict

__all__ = ["Budget", "Confidence", "FrozenModel", "NonNegative", "Positive", "UnitInterval"]


class FrozenModel(BaseModel):
    """Immutable, strict about unknown keys and non-finite numbers; fields by name or alias."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", allow_inf_nan=False, populate_by_name=True
    )


def check_positive(value: float) -> float:
    """Refuse zero and negative numbers."""
    if value <= 0:
        raise ValueError(f"{value:g} must be > 0")
    return value


def check_non_negative(value: float) -> float:
    """Refuse negative numbers."""
    if value < 0:
        raise ValueError(f"{value:g} is negative: must be >= 0")
    return value


def check_unit_interval(value: float) -> float:
    """Refuse numbers outside [0, 1]."""
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{value:g} must be within [0, 1]")
    return value


def check_budget(value: float) -> float:
    """Refuse a negative budget, and a zero one (no option with a cost could meet it)."""
    if value < 0:
        raise ValueError(f"budget {value:g} is negative: give the amount in the case currency")
    if value == 0:
        raise ValueError(
            "budget 0 cannot be met by any option that costs something: "
            "leave budget out when there is none"
        )
    return value


def check_confidence(value: float) -> float:
    """Refuse a confidence level outside [0.5, 0.99], naming the fraction a percentage meant."""
    if not 0.5 <= value <= 0.99:
        hint = f" ({value / 100:g} for {value:g} %)" if 50 <= value < 100 else ""
        raise ValueError(f"confidence {value:g} must be a fraction between 0.5 and 0.99{hint}")
    return value


Positive = Annotated[float, Strict(), AfterValidator(check_positive)]
NonNegative = Annotated[float, Strict(), AfterValidator(check_non_negative)]
UnitInterval = Annotated[float, Strict(), AfterValidator(check_unit_interval)]
Budget = Annotated[float, Strict(), AfterValidator(check_budget)]
"""An amount in the case currency, > 0."""
Confidence = Annotated[float, Strict(), AfterValidator(check_confidence)]
"""A confidence level, a fraction in [0.5, 0.99]."""
