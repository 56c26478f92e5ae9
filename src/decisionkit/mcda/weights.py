"""Weight elicitation: from a ranking of criteria, from swing scores, or direct.

References
----------
Barron, F. H. & Barrett, B. E. (1996). Decision quality using ranked attribute weights.
*Management Science*, 42(11), 1515-1523. (Rank-order centroid, rank-sum, reciprocal weights.)
von Winterfeldt, D. & Edwards, W. (1986). *Decision Analysis and Behavioral Research*.
Cambridge University Press. (Swing weights.)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from decisionkit.errors import MCDAError

__all__ = [
    "direct_weights",
    "rank_sum_weights",
    "reciprocal_weights",
    "roc_weights",
    "swing_weights",
]


def _by_rank(ranks: Sequence[float], position_weights: np.ndarray) -> np.ndarray:
    r = np.asarray(ranks, dtype=float)
    n = len(r)
    if n == 0:
        raise MCDAError("no criteria to weight")
    if (r < 1).any() or not np.isfinite(r).all():
        raise MCDAError("ranks start at 1 (the most important criterion)")
    order = np.argsort(r, kind="stable")
    weights = np.empty(n)
    position = 0
    while position < n:  # tied criteria share the weights of the positions they occupy
        same = [order[position]]
        while position + len(same) < n and r[order[position + len(same)]] == r[same[0]]:
            same.append(order[position + len(same)])
        weights[same] = position_weights[position : position + len(same)].mean()
        position += len(same)
    return weights / weights.sum()


def roc_weights(ranks: Sequence[float]) -> np.ndarray:
    """Rank-order centroid weights: position k of n gets ``(1/n) sum_{i=k}^{n} 1/i``.

    ``ranks[i]`` is criterion i's rank (1 = most important); tied criteria share the mean of
    the weights of the positions they occupy.

    Examples
    --------
    >>> [round(float(x), 4) for x in roc_weights([1, 2, 3])]
    [0.6111, 0.2778, 0.1111]
    """
    n = len(ranks)
    k = np.arange(1, n + 1)
    position = np.array([(1 / k[i:]).sum() / n for i in range(n)])
    return _by_rank(ranks, position)


def rank_sum_weights(ranks: Sequence[float]) -> np.ndarray:
    """Rank-sum weights: position k of n gets ``(n - k + 1)``, normalised."""
    n = len(ranks)
    return _by_rank(ranks, np.arange(n, 0, -1, dtype=float))


def reciprocal_weights(ranks: Sequence[float]) -> np.ndarray:
    """Rank-reciprocal weights: position k gets ``1 / k``, normalised."""
    n = len(ranks)
    return _by_rank(ranks, 1 / np.arange(1, n + 1))


def swing_weights(scores: Sequence[float]) -> np.ndarray:
    """Swing weights from 0-100 scores (100 for the swing that matters most), normalised."""
    s = np.asarray(scores, dtype=float)
    if len(s) == 0 or (s < 0).any() or (s > 100).any():
        raise MCDAError("swing scores are between 0 and 100")
    if s.sum() <= 0:
        raise MCDAError("all swing scores are 0")
    return s / s.sum()


def direct_weights(values: Sequence[float]) -> np.ndarray:
    """Weights given directly, normalised to sum to 1."""
    w = np.asarray(values, dtype=float)
    if len(w) == 0 or (w < 0).any() or not np.isfinite(w).all():
        raise MCDAError("direct weights are finite and >= 0")
    if w.sum() <= 0:
        raise MCDAError("all weights are zero")
    return w / w.sum()
