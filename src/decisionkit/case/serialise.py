"""Write a case back to plain data in its shortest case-file form."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from decisionkit.case.estimates import Estimate
from decisionkit.case.model import Dependency

if TYPE_CHECKING:
    from decisionkit.case.model import Case

__all__ = ["case_to_data", "to_plain"]


def case_to_data(case: Case) -> dict[str, Any]:
    """Return the case as plain data (mappings, lists, numbers, strings, dates).

    Fields equal to their default are left out; estimates take their shortest form
    (a number, ``[min, likely, max]`` in the case's default distribution, or a mapping).
    Loading the result gives back an equal case.
    """
    return _dump(case, case.defaults.distribution)


def to_plain(value: Any, default: str = "pert") -> Any:
    """Any part of a case (a model, a tuple of models, an estimate) as plain data."""
    return _dump(value, default)


def _dump(value: Any, default: str) -> Any:
    if isinstance(value, Estimate):
        return value.to_data(default)
    if isinstance(value, Dependency) and value.lag == 0:
        return value.task
    if isinstance(value, BaseModel):
        out: dict[str, Any] = {}
        for name, field in type(value).model_fields.items():
            item = getattr(value, name)
            if _is_default(item, field):
                continue
            key = field.alias or name
            if name == "between":  # correlations read best as [a, b, rho]
                return [item[0], item[1], _number(value.rho)]  # type: ignore[attr-defined]
            out[key] = _dump(item, default)
        return out
    if isinstance(value, tuple | list):
        return [_dump(v, default) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v, default) for k, v in value.items()}
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, dt.date):
        return value
    return value


def _is_default(item: Any, field: Any) -> bool:
    if field.is_required():
        return False
    default = field.get_default(call_default_factory=True)
    return bool(item == default)


def _number(x: float) -> float | int:
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else float(x)
