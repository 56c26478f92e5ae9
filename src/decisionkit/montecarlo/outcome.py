"""The simulated distribution of one output: percentiles, intervals, S-curve.

Shared by the risk engine (capex, TCO, finish, go-live) and the footprint (kgCO2e), so both
answer the same questions the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from statistics import NormalDist
from typing import Any

import numpy as np

__all__ = ["PERCENTILES", "Outcome"]

PERCENTILES = (10, 50, 80, 90)


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    a.setflags(write=False)
    return a


@dataclass(frozen=True)
class Outcome:
    """The simulated distribution of one output (capex, TCO, finish, go-live, footprint...).

    Attributes
    ----------
    name
        ``"capex"``, ``"tco"``, ``"finish"``, ``"go_live"``, a footprint part...
    values
        One value per iteration (read-only).
    unit
        The currency, ``"working days"``, ``"kgCO2e"``...
    plan
        The deterministic plan's value (plan values, no risks): the base of contingency.
    """

    name: str
    values: np.ndarray
    unit: str
    plan: float

    @cached_property
    def _sorted(self) -> np.ndarray:
        return np.sort(self.values)

    @property
    def n(self) -> int:
        """Number of iterations."""
        return len(self.values)

    def percentile(self, p: float) -> float:
        """The ``p``-th percentile (0-100), linear interpolation between order statistics."""
        _check_p(p)
        return float(np.percentile(self._sorted, p))

    def percentiles(self, ps: Any = PERCENTILES) -> np.ndarray:
        """Several percentiles at once."""
        for p in np.atleast_1d(ps):
            _check_p(float(p))
        return np.percentile(self._sorted, ps)

    def mean(self) -> float:
        """The mean over iterations."""
        return float(self.values.mean())

    def std(self) -> float:
        """The standard deviation over iterations (ddof = 1)."""
        return float(self.values.std(ddof=1)) if self.n > 1 else 0.0

    def interval(self, p: float, confidence: float = 0.95) -> tuple[float, float]:
        """Distribution-free confidence interval of the ``p``-th percentile (order statistics).

        The ranks ``n q +/- z sqrt(n q (1 - q))`` bracket the true percentile with the given
        confidence (normal approximation to the binomial).
        """
        _check_p(p)
        q = p / 100
        z = NormalDist().inv_cdf(0.5 + confidence / 2)  # as scipy.special.ndtri within 1e-15
        half = z * math.sqrt(self.n * q * (1 - q))
        lo = max(math.floor(self.n * q - half) - 1, 0)
        hi = min(math.ceil(self.n * q + half) - 1, self.n - 1)
        return float(self._sorted[lo]), float(self._sorted[max(hi, lo)])

    def standard_error(self, p: float) -> float:
        """Monte Carlo standard error of the ``p``-th percentile (from its 95 % interval)."""
        lo, hi = self.interval(p, 0.95)
        return (hi - lo) / (2 * 1.959963984540054)

    def contingency(self, p: float) -> float:
        """The ``p``-th percentile minus the deterministic plan value."""
        return self.percentile(p) - self.plan

    def probability_at_most(self, x: float) -> float:
        """P(value <= x): the confidence of meeting ``x``."""
        return float(np.searchsorted(self._sorted, x, side="right") / self.n)

    def s_curve(self, points: int = 101) -> Any:
        """The S-curve (cumulative distribution) as a DataFrame.

        Columns: ``output``, ``percentile`` (0-100, as in the ``p80`` keys), ``probability``
        (the same as a fraction 0-1: P(value <= ``value``)), ``value`` and ``unit``.
        """
        import pandas as pd

        probs = np.linspace(0, 100, points)
        return pd.DataFrame(
            {
                "output": self.name,
                "percentile": probs,
                "probability": probs / 100,
                "value": self.percentiles(probs),
                "unit": self.unit,
            }
        )


def _check_p(p: float) -> None:
    if not 0 <= p <= 100:
        raise ValueError(f"percentile {p} is outside [0, 100]")
