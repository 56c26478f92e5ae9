"""Uncertain quantities: three-point estimates and the other distributions a case may use.

An estimate is written in a case file in one of three forms:

- a number: a fixed value (``duration: 0`` makes a milestone);
- ``[min, likely, max]``: the case's default distribution (beta-PERT unless ``defaults`` says);
- a mapping with ``distribution`` and its parameters::

      {distribution: triangular, min: 150_000, likely: 200_000, max: 320_000}
      {distribution: pert, min: 10, likely: 12, max: 20}
      {distribution: uniform, min: 10, max: 20}
      {distribution: normal, mean: 100, sd: 15}        # truncated at 0 when sampled
      {distribution: lognormal, p10: 40, p90: 140}
      {distribution: fixed, value: 80_000}

A degenerate estimate (``[100, 100, 100]``, a uniform with ``min == max``, a normal with
``sd: 0``) is a fixed value, not an error. Every quantity in a case (durations, costs, delays)
is non-negative.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationInfo,
    model_validator,
)

from decisionkit.errors import rule, rules

__all__ = [
    "DISTRIBUTIONS",
    "PARAMETERS",
    "Distribution",
    "Estimate",
    "EstimateField",
    "ThreePointDistribution",
]

Distribution = Literal["triangular", "pert", "uniform", "normal", "lognormal", "fixed"]
ThreePointDistribution = Literal["triangular", "pert"]

DISTRIBUTIONS: tuple[str, ...] = ("triangular", "pert", "uniform", "normal", "lognormal", "fixed")

PARAMETERS: dict[str, tuple[str, ...]] = {
    "triangular": ("min", "likely", "max"),
    "pert": ("min", "likely", "max"),
    "uniform": ("min", "max"),
    "normal": ("mean", "sd"),
    "lognormal": ("p10", "p90"),
    "fixed": ("value",),
}
"""The parameters each distribution takes, in the order they are written."""

StrictNumber = Annotated[float, Strict()]
"""A number: text and true/false are refused (``"5"`` or ``yes`` is a typo, not a value)."""

_ALL_PARAMETERS = ("min", "likely", "max", "mean", "sd", "p10", "p90", "value")
_Z90 = 1.2815515655446004  # standard normal quantile at 0.90


def _fmt(x: float) -> str:
    """Format a number the way a person wrote it: 12 not 12.0, 1.5 stays 1.5."""
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(float(x))


class Estimate(BaseModel):
    """An uncertain, non-negative quantity (a duration, a cost, a delay...).

    Use :func:`Estimate.of` or the case-file forms; the class checks that the parameters fit
    the distribution and that ``min <= likely <= max``.

    Examples
    --------
    >>> Estimate.of([60, 90, 150]).mean()
    95.0
    >>> Estimate.of(5).is_fixed
    True
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", allow_inf_nan=False, populate_by_name=True
    )

    distribution: Distribution
    min: StrictNumber | None = None
    likely: StrictNumber | None = None
    max: StrictNumber | None = None
    mean_: StrictNumber | None = Field(default=None, alias="mean")
    sd: StrictNumber | None = None
    p10: StrictNumber | None = None
    p90: StrictNumber | None = None
    value: StrictNumber | None = None

    # ``mean`` is a method (the analytic mean): the parameter is stored as ``mean_``.

    @model_validator(mode="after")
    def _check(self) -> Estimate:
        wanted = PARAMETERS[self.distribution]
        given = self.parameters_given()
        problems: list[str] = []
        missing = [p for p in wanted if p not in given]
        extra = [p for p in given if p not in wanted]
        law = {"distribution": self.distribution, "wanted": ", ".join(wanted)}
        if missing and extra:
            problems.append(rule("rule.estimate.takes_not", **law, extra=", ".join(extra)))
        elif missing:
            problems.append(rule("rule.estimate.takes_missing", **law, missing=", ".join(missing)))
        elif extra:
            problems.append(
                rule("rule.estimate.not_parameter", count=len(extra), **law, extra=", ".join(extra))
            )
        if not problems:
            problems.extend(self._check_values(given))
        if problems:
            raise ValueError(rules(problems))
        return self

    def _check_values(self, p: dict[str, float]) -> list[str]:
        out: list[str] = []
        f = {k: _fmt(v) for k, v in p.items()}
        negative = [f"{k} {f[k]}" for k, v in p.items() if v < 0]
        if negative and self.is_fixed:
            out.append(rule("rule.estimate.negative_value", value=f["value"]))
        elif negative:
            out.append(rule("rule.estimate.negative", values=", ".join(negative)))
        d = self.distribution
        if d in ("triangular", "pert"):
            if p["min"] > p["likely"]:
                out.append(rule("rule.estimate.min_gt_likely", min=f["min"], likely=f["likely"]))
            if p["likely"] > p["max"]:
                out.append(rule("rule.estimate.likely_gt_max", likely=f["likely"], max=f["max"]))
        elif d == "uniform" and p["min"] > p["max"]:
            out.append(rule("rule.estimate.min_gt_max", min=f["min"], max=f["max"]))
        elif d == "lognormal":
            if p["p10"] >= p["p90"]:
                out.append(rule("rule.estimate.p10_ge_p90", p10=f["p10"], p90=f["p90"]))
            elif p["p10"] <= 0 and not negative:
                out.append(rule("rule.estimate.p10_positive", p10=f["p10"]))
        return out

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def of(cls, value: Any, *, default: str = "pert") -> Estimate:
        """Build an estimate from any case-file form (number, list or mapping)."""
        return cls.model_validate(coerce_estimate(value, default))

    # -- reading ----------------------------------------------------------------------------
    def parameters_given(self) -> dict[str, float]:
        """The parameters set on this estimate, by case-file name (``mean``, not ``mean_``)."""
        out: dict[str, float] = {}
        for name in _ALL_PARAMETERS:
            v = getattr(self, "mean_" if name == "mean" else name)
            if v is not None:
                out[name] = float(v)
        return out

    @property
    def parameters(self) -> dict[str, float]:
        """The distribution's parameters in their written order, e.g. ``{"min": 1, ...}``."""
        given = self.parameters_given()
        return {k: given[k] for k in PARAMETERS[self.distribution]}

    @property
    def is_fixed(self) -> bool:
        """True for a fixed value (no uncertainty)."""
        return self.distribution == "fixed"

    def plan_value(self) -> float:
        """The value a deterministic plan uses for this estimate.

        The most likely value for triangular and PERT, the value for fixed, the midpoint for
        uniform, the mean for normal and the median for lognormal (planners quote the median
        of a skewed estimate, not its mode).
        """
        p = self.parameters
        match self.distribution:
            case "fixed":
                return p["value"]
            case "triangular" | "pert":
                return p["likely"]
            case "uniform":
                return (p["min"] + p["max"]) / 2
            case "normal":
                return p["mean"]
            case _:  # lognormal: median = sqrt(p10 * p90)
                return math.sqrt(p["p10"] * p["p90"])

    def mean(self) -> float:
        """The analytic mean of the distribution (normal: before truncation at 0)."""
        p = self.parameters
        match self.distribution:
            case "fixed":
                return p["value"]
            case "triangular":
                return (p["min"] + p["likely"] + p["max"]) / 3
            case "pert":
                return (p["min"] + 4 * p["likely"] + p["max"]) / 6
            case "uniform":
                return (p["min"] + p["max"]) / 2
            case "normal":
                return p["mean"]
            case _:
                mu, sigma = self.lognormal_mu_sigma()
                return math.exp(mu + sigma**2 / 2)

    def lognormal_mu_sigma(self) -> tuple[float, float]:
        """``(mu, sigma)`` of the underlying normal of a lognormal estimate."""
        if self.distribution != "lognormal":
            raise ValueError(f"a {self.distribution} estimate has no lognormal parameters")
        lo, hi = math.log(self.parameters["p10"]), math.log(self.parameters["p90"])
        return (lo + hi) / 2, (hi - lo) / (2 * _Z90)

    def to_data(self, default: str = "pert") -> float | list[float] | dict[str, Any]:
        """The shortest case-file form: a number, ``[min, likely, max]`` or a mapping."""
        p = self.parameters
        if self.is_fixed:
            return _number(p["value"])
        if self.distribution == default and default in ("triangular", "pert"):
            return [_number(p["min"]), _number(p["likely"]), _number(p["max"])]
        return {"distribution": self.distribution, **{k: _number(v) for k, v in p.items()}}

    def __str__(self) -> str:
        p = self.parameters
        if self.is_fixed:
            return _fmt(p["value"])
        inner = ", ".join(f"{k}={_fmt(v)}" for k, v in p.items())
        return f"{self.distribution}({inner})"


def _number(x: float) -> float | int:
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else float(x)


_KEY_DISTRIBUTION = {
    frozenset({"min", "likely", "max"}): None,  # the case default
    frozenset({"value"}): "fixed",
    frozenset({"p10", "p90"}): "lognormal",
    frozenset({"mean", "sd"}): "normal",
}


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def coerce_estimate(value: Any, default: str = "pert") -> Any:
    """Turn a case-file estimate (number, list or mapping) into the mapping form.

    Degenerate estimates become fixed values. Anything else is returned unchanged for the
    model to report.
    """
    if isinstance(value, Estimate):
        return value
    if _is_number(value):
        return {"distribution": "fixed", "value": value}
    if isinstance(value, list | tuple):
        if len(value) != 3:
            n = len(value)
            raise ValueError(rule("rule.estimate.list_length", count=n, n=str(n)))
        bad = [repr(v) for v in value if not _is_number(v)]
        if bad:
            raise ValueError(rule("rule.estimate.list_numbers", values=", ".join(bad)))
        data: dict[str, Any] = {
            "distribution": default,
            "min": value[0],
            "likely": value[1],
            "max": value[2],
        }
    elif isinstance(value, dict):
        data = dict(value)
        if "distribution" not in data:
            inferred = _KEY_DISTRIBUTION.get(frozenset(data), "?")
            if inferred == "?":
                keys = ", ".join(map(str, data))
                if not keys:
                    raise ValueError(rule("rule.estimate.no_distribution_empty", default=default))
                raise ValueError(rule("rule.estimate.no_distribution", keys=keys, default=default))
            data["distribution"] = inferred or default
    else:
        raise ValueError(
            rule("rule.estimate.expected", type=type(value).__name__, value=repr(value))
        )
    return _degenerate_to_fixed(data)


def _degenerate_to_fixed(data: dict[str, Any]) -> dict[str, Any]:
    dist = data.get("distribution")
    if dist in ("triangular", "pert", "uniform"):
        lo, hi = data.get("min"), data.get("max")
        mid = data.get("likely", lo) if dist != "uniform" else lo
        keys_ok = set(data) <= {"distribution", "min", "likely", "max"}
        if keys_ok and all(_is_number(v) for v in (lo, hi, mid)) and lo == hi == mid:
            return {"distribution": "fixed", "value": lo}
    elif (
        dist == "normal"
        and set(data) <= {"distribution", "mean", "sd"}
        and _is_number(data.get("sd"))
        and data.get("sd") == 0
        and _is_number(data.get("mean"))
    ):
        return {"distribution": "fixed", "value": data["mean"]}
    return data


def _coerce_with_context(value: Any, info: ValidationInfo) -> Any:
    default = "pert"
    if info.context and isinstance(info.context.get("default_distribution"), str):
        default = info.context["default_distribution"]
    return coerce_estimate(value, default)


EstimateField = Annotated[Estimate, BeforeValidator(_coerce_with_context)]
"""An :class:`Estimate` field that accepts every case-file form."""
