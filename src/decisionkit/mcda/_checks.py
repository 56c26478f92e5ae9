"""Input checks shared by the methods: shapes, directions, weights (raise MCDAError)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from decisionkit.errors import MCDAError

__all__ = ["as_directions", "as_matrix", "as_weights"]


def as_matrix(matrix: Any, *, name: str = "matrix") -> np.ndarray:
    """A finite 2-D float array (alternatives x criteria) with at least one of each."""
    try:
        m = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError):
        raise MCDAError(f"{name} must hold numbers only") from None
    if m.ndim != 2:
        raise MCDAError(f"{name} must be 2-D (alternatives x criteria), got {m.ndim} dimension(s)")
    if m.shape[0] < 1 or m.shape[1] < 1:
        raise MCDAError(f"{name} needs at least one alternative and one criterion, got {m.shape}")
    if not np.isfinite(m).all():
        i, j = np.argwhere(~np.isfinite(m))[0]
        raise MCDAError(f"{name}[{i}, {j}] is {m[i, j]}: values must be finite")
    return m


def as_directions(directions: Sequence[str], n: int) -> np.ndarray:
    """A boolean array, True for "max" (benefit) criteria."""
    if isinstance(directions, str):
        raise MCDAError("directions must be a sequence such as ['max', 'min'], not one string")
    dirs = list(directions)
    if len(dirs) != n:
        raise MCDAError(f"directions has {len(dirs)} entries for {n} criteria")
    bad = [d for d in dirs if d not in ("max", "min")]
    if bad:
        raise MCDAError(f"directions must be 'max' or 'min', got {bad[0]!r}")
    return np.array([d == "max" for d in dirs])


def as_weights(weights: Any, n: int) -> np.ndarray:
    """Non-negative weights normalised to sum to 1."""
    try:
        w = np.asarray(weights, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise MCDAError("weights must be numbers") from None
    if len(w) != n:
        raise MCDAError(f"weights has {len(w)} entries for {n} criteria")
    if not np.isfinite(w).all():
        raise MCDAError("weights must be finite")
    if (w < 0).any():
        j = int(np.argmax(w < 0))
        raise MCDAError(f"weights[{j}] is {w[j]:g}: weights must be >= 0")
    total = w.sum()
    if total <= 0:
        raise MCDAError("all weights are zero: at least one criterion needs a weight > 0")
    return w / total
