"""Normalisations of a decision matrix, with explicit conventions for cost criteria.

``normalize(matrix, directions, method)`` returns values where higher is better on every
criterion (cost criteria are turned around), which weighted sums need; TOPSIS uses
``scale(matrix, method)``, which only rescales and keeps the direction (its ideal and anti-ideal
points handle it).

==========  ==============================  ====================================
method      benefit (max)                   cost (min)
==========  ==============================  ====================================
minmax      (x - min) / (max - min)         (max - x) / (max - min)
max         x / max                         min / x  (values must be > 0)
sum         x / sum(x)                      (1 / x) / sum(1 / x)  (values > 0)
vector      x / sqrt(sum(x^2))              1 - x / sqrt(sum(x^2))
==========  ==============================  ====================================

A constant criterion does not discriminate: every alternative gets the same value (1 with
``minmax`` and ``max``, 1/m with ``sum``, 1/sqrt(m) with ``vector`` or 1 - 1/sqrt(m) for a cost
criterion), so it never changes a ranking.
"""

from __future__ import annotations

import numpy as np

from decisionkit.errors import MCDAError

__all__ = ["NORMALIZATIONS", "normalize", "scale"]

NORMALIZATIONS = ("minmax", "max", "sum", "vector")


def _check(method: str) -> None:
    if method not in NORMALIZATIONS:
        raise MCDAError(f"normalization must be one of {', '.join(NORMALIZATIONS)}, got {method!r}")


def scale(matrix: np.ndarray, method: str) -> np.ndarray:
    """Rescale each column, keeping its direction (for TOPSIS).

    ``matrix`` is alternatives x criteria, or a stack of them (samples x alternatives x
    criteria): each matrix of the stack is rescaled on its own, as if alone.
    """
    _check(method)
    m = matrix
    col = {"axis": -2, "keepdims": True}
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "vector":
            norm = np.sqrt((m * m).sum(**col))
            out = np.where(norm > 0, m / np.where(norm > 0, norm, 1), 0.0)
        elif method == "minmax":
            lo, hi = m.min(**col), m.max(**col)
            span = hi - lo
            out = np.where(span > 0, (m - lo) / np.where(span > 0, span, 1), 1.0)
        elif method == "max":
            hi = np.abs(m).max(**col)
            out = np.where(hi > 0, m / np.where(hi > 0, hi, 1), 0.0)
        else:  # sum
            total = m.sum(**col)
            if (total == 0).any():
                raise MCDAError("sum normalisation needs columns whose sum is not 0")
            out = m / total
    return out


def normalize(matrix: np.ndarray, benefit: np.ndarray, method: str) -> np.ndarray:
    """Normalise so that higher is better on every criterion (see the module table).

    ``matrix`` is alternatives x criteria, or a stack of them (samples x alternatives x
    criteria): each matrix of the stack is normalised on its own, as if alone.
    """
    _check(method)
    m = matrix
    col = {"axis": -2, "keepdims": True}
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "minmax":
            lo, hi = m.min(**col), m.max(**col)
            span = np.where(hi > lo, hi - lo, 1.0)
            out = np.where(benefit, (m - lo) / span, (hi - m) / span)
            out = np.where(hi == lo, 1.0, out)
        elif method == "vector":
            norm = np.sqrt((m * m).sum(**col))
            r = m / np.where(norm > 0, norm, 1.0)
            out = np.where(benefit, r, 1.0 - r)
        else:
            if (~benefit).any() and (m[..., ~benefit] <= 0).any():
                raise MCDAError(f"{method} normalisation of a cost criterion needs values > 0")
            if method == "max":
                hi = m.max(**col)
                lo = m.min(**col)
                if (benefit & (hi <= 0)).any():
                    raise MCDAError("max normalisation needs a positive maximum per criterion")
                out = np.where(benefit, m / np.where(hi != 0, hi, 1.0), lo / m)
            else:
                total = m.sum(**col)
                inv = 1.0 / m
                inv_total = inv.sum(**col)
                if (benefit & (total == 0)).any():
                    raise MCDAError("sum normalisation needs columns whose sum is not 0")
                out = np.where(benefit, m / np.where(total != 0, total, 1.0), inv / inv_total)
    return out
