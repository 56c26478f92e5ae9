"""Pieces shared by the case models: the frozen base model and checked number types."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Strict

__all__ = ["FrozenModel", "NonNegative", "Positive", "UnitInterval"]


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


Positive = Annotated[float, Strict(), AfterValidator(check_positive)]
NonNegative = Annotated[float, Strict(), AfterValidator(check_non_negative)]
UnitInterval = Annotated[float, Strict(), AfterValidator(check_unit_interval)]
