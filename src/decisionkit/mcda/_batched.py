"""Scores of many weight vectors, each on its own sample of the decision matrix (for SMAA).

SMAA draws a weight vector and a sample of the (simulated) matrix per draw. With one kernel
per sample, 10,000 simulated samples cost 10,000 Python calls per chunk of draws; here what
does not depend on the weights is computed for the whole stack of samples at once (the
normalisation of each sample, its ideal and anti-ideal points, its PROMETHEE net flows per
criterion), and a chunk of draws is scored with one ``einsum``: ``scores(W, idx)`` gives the
scores (draws x alternatives, higher is better) of weight rows ``W`` on samples ``idx``.

The scores rank alternatives exactly as the methods of :mod:`decisionkit.mcda.methods` do
(TOPSIS by ``D-^2 / D+^2``, which orders like the closeness coefficient; VIKOR by ``-Q``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from decisionkit.errors import MCDAError
from decisionkit.mcda.methods import _per_criterion, _preference, preference_matrices
from decisionkit.mcda.normalization import normalize, scale

__all__ = ["batched_kernel"]

Scores = Callable[[np.ndarray, np.ndarray], np.ndarray]


def _product(w: np.ndarray, stack: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Row ``b`` of ``w`` (draws x k) times sample ``idx[b]`` of ``stack`` (samples x n x k):
    draws x n. One sample: a plain matrix product (BLAS), nothing copied per draw."""
    if stack.shape[0] == 1:
        return w @ stack[0].T
    return np.einsum("bk,bjk->bj", w, stack[idx])


def _topsis(data: np.ndarray, benefit: np.ndarray, options: dict[str, Any]) -> Scores:
    r = scale(data, options.get("normalization", "vector"))  # samples x n x k
    best = np.where(benefit, r.max(axis=1), r.min(axis=1))[:, None, :]
    worst = np.where(benefit, r.min(axis=1), r.max(axis=1))[:, None, :]
    n = data.shape[1]
    # squared gaps to the ideal and the anti-ideal, side by side: samples x 2n x k
    gaps = np.ascontiguousarray(np.concatenate([(r - best) ** 2, (r - worst) ** 2], axis=1))

    def scores(w: np.ndarray, idx: np.ndarray) -> np.ndarray:
        # closeness D-/(D+ + D-) ranks like D-^2/D+^2: no square roots are needed
        d = _product(w * w, gaps, idx)
        if d[:, :n].min() > 0:
            return d[:, n:] / d[:, :n]
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = d[:, n:] / d[:, :n]
        ratio[np.isnan(ratio)] = 1.0  # at the ideal: inf; all equal (0 / 0): C = 0.5
        return ratio

    scores.nonnegative = True  # type: ignore[attr-defined]
    return scores


def _weighted_sum(data: np.ndarray, benefit: np.ndarray, options: dict[str, Any]) -> Scores:
    r = normalize(data, benefit, options.get("normalization", "minmax"))
    return lambda w, idx: _product(w, r, idx)


def _weighted_product(data: np.ndarray, benefit: np.ndarray, options: dict[str, Any]) -> Scores:
    if (data <= 0).any():
        raise MCDAError("the weighted product needs values > 0")
    logs = np.where(benefit, np.log(data), -np.log(data))
    return lambda w, idx: np.exp(_product(w, logs, idx))


def _promethee(data: np.ndarray, benefit: np.ndarray, options: dict[str, Any]) -> Scores:
    directions = ["max" if b else "min" for b in benefit]
    preference_matrices(data[0], directions, **options)  # checks the functions and thresholds
    samples, n, k = data.shape
    kinds = _per_criterion(options.get("preference", "usual"), k, "preference")
    thresholds = {name: _per_criterion(options.get(name), k, name) for name in ("q", "p", "s")}
    net = np.empty((samples, n, k))
    for j in range(k):
        params = {name: values[j] for name, values in thresholds.items()}
        col = data[:, :, j]
        d = col[:, :, None] - col[:, None, :]
        if not benefit[j]:
            d = -d
        pref = _preference(kinds[j], d, params)
        net[:, :, j] = (pref.sum(axis=2) - pref.sum(axis=1)) / max(n - 1, 1)
    return lambda w, idx: _product(w, net, idx)


def _vikor(data: np.ndarray, benefit: np.ndarray, options: dict[str, Any]) -> Scores:
    v = options.get("v", 0.5)
    best = np.where(benefit, data.max(axis=1), data.min(axis=1))[:, None, :]
    worst = np.where(benefit, data.min(axis=1), data.max(axis=1))[:, None, :]
    span = best - worst
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.where(span != 0, (best - data) / np.where(span != 0, span, 1), 0.0)

    def scores(w: np.ndarray, idx: np.ndarray) -> np.ndarray:
        terms = w[:, None, :] * (gap[:1] if len(gap) == 1 else gap[idx])
        s, r = terms.sum(axis=2), terms.max(axis=2)

        def part(x: np.ndarray) -> np.ndarray:
            lo, hi = x.min(axis=1, keepdims=True), x.max(axis=1, keepdims=True)
            return np.where(hi > lo, (x - lo) / np.where(hi > lo, hi - lo, 1), 0.0)

        return -(v * part(s) + (1 - v) * part(r))

    return scores


_KERNELS = {
    "topsis": _topsis,
    "weighted_sum": _weighted_sum,
    "weighted_product": _weighted_product,
    "promethee_ii": _promethee,
    "vikor": _vikor,
}


def batched_kernel(
    method: str, data: np.ndarray, benefit: np.ndarray, options: dict[str, Any]
) -> Scores:
    """``scores(W, idx)`` of ``method`` on a stack of samples (samples x alternatives x
    criteria): row ``b`` of ``W`` scored on sample ``idx[b]``."""
    try:
        make = _KERNELS[method]
    except KeyError:
        raise MCDAError(f"method must be one of {', '.join(_KERNELS)}, got {method!r}") from None
    return make(np.asarray(data, dtype=float), np.asarray(benefit, dtype=bool), options)
