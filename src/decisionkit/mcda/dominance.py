"""Dominance screening: options no worse everywhere and better somewhere than another."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from decisionkit.mcda._checks import as_directions, as_matrix

__all__ = ["dominance"]


def dominance(matrix: Any, directions: Sequence[str]) -> np.ndarray:
    """``d[a, b]`` is True when alternative a dominates b.

    a dominates b when it is at least as good on every criterion and strictly better on one.

    Examples
    --------
    >>> dominance([[1, 1], [2, 2]], ["max", "max"]).tolist()
    [[False, False], [True, False]]
    """
    m = as_matrix(matrix)
    benefit = as_directions(directions, m.shape[1])
    g = np.where(benefit, m, -m)  # higher is better everywhere
    ge = (g[:, None, :] >= g[None, :, :]).all(axis=2)
    gt = (g[:, None, :] > g[None, :, :]).any(axis=2)
    return ge & gt
