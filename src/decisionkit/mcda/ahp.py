"""Analytic Hierarchy Process: weights from pairwise comparisons, consistency, aggregation.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill. (Eigenvector method,
consistency index and ratio, random index table.)
Aczél, J. & Saaty, T. L. (1983). Procedures for synthesizing ratio judgements. *Journal of
Mathematical Psychology*, 27(1), 93-102. (Geometric mean aggregation of judgements.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from decisionkit.errors import MCDAError

__all__ = ["RANDOM_INDEX_SAATY", "AHPResult", "aggregate_judgements", "ahp_weights"]

RANDOM_INDEX_SAATY: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}
"""Saaty's (1980) random consistency index by matrix size."""


@dataclass(frozen=True)
class AHPResult:
    """Weights from a pairwise comparison matrix, with its consistency.

    Attributes
    ----------
    weights
        Priority vector (sums to 1).
    lambda_max, ci, cr
        Principal eigenvalue, consistency index ``(lambda_max - n) / (n - 1)`` and consistency
        ratio ``CI / RI(n)`` (Saaty's rule of thumb: revise when CR > 0.1).
    suggestions
        When CR > 0.1: judgements ``(i, j, current, consistent value, CR after revision)``
        whose revision most reduces the inconsistency, best first.
    """

    weights: np.ndarray
    lambda_max: float
    ci: float
    cr: float
    suggestions: tuple[tuple[int, int, float, float, float], ...] = ()
    conventions: dict[str, Any] = field(default_factory=dict)


def _check_pairwise(pairwise: Any) -> np.ndarray:
    try:
        a = np.asarray(pairwise, dtype=float)
    except (TypeError, ValueError):
        raise MCDAError("the pairwise matrix must hold numbers") from None
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] < 1:
        raise MCDAError(f"the pairwise matrix must be square, got shape {a.shape}")
    if not np.isfinite(a).all() or (a <= 0).any():
        raise MCDAError("pairwise judgements must be finite and > 0")
    if not np.allclose(np.diag(a), 1.0):
        raise MCDAError("the diagonal of a pairwise matrix must be 1")
    bad = np.argwhere(~np.isclose(a * a.T, 1.0, rtol=1e-3))
    if len(bad):
        i, j = bad[0]
        raise MCDAError(
            f"judgement [{i}, {j}] = {a[i, j]:g} but [{j}, {i}] = {a[j, i]:g}: "
            "a pairwise matrix is reciprocal (a_ji = 1 / a_ij)"
        )
    return a


def _weights(a: np.ndarray, method: str) -> tuple[np.ndarray, float]:
    n = a.shape[0]
    if method == "eigenvector":
        values, vectors = np.linalg.eig(a)
        k = int(np.argmax(values.real))
        w = np.abs(vectors[:, k].real)
        w /= w.sum()
        return w, float(values[k].real)
    if method == "geometric":
        g = np.exp(np.log(a).mean(axis=1))
        w = g / g.sum()
        return w, float(((a @ w) / w).mean()) if n else 0.0
    raise MCDAError(f"method must be 'eigenvector' or 'geometric', got {method!r}")


def _cr(lambda_max: float, n: int, table: dict[int, float]) -> tuple[float, float]:
    ci = (lambda_max - n) / (n - 1) if n > 1 else 0.0
    ri = table.get(n)
    if ri is None:
        raise MCDAError(
            f"no random index for n = {n} in the table (it covers {min(table)}..{max(table)})"
        )
    return ci, (ci / ri if ri > 0 else 0.0)


def ahp_weights(
    pairwise: Any,
    *,
    method: str = "eigenvector",
    random_index: dict[int, float] | None = None,
    threshold: float = 0.1,
) -> AHPResult:
    """Priority weights of a reciprocal pairwise comparison matrix (Saaty's 1-9 scale).

    Parameters
    ----------
    pairwise
        ``a[i, j]``: how much more important criterion i is than j (``a[j, i] = 1 / a[i, j]``).
    method
        ``"eigenvector"`` (Saaty) or ``"geometric"`` (row geometric means).
    random_index
        The random index table (default :data:`RANDOM_INDEX_SAATY`), recorded on the result.
    threshold
        CR above which the result names the judgements to revise.

    Examples
    --------
    >>> r = ahp_weights([[1, 3], [1 / 3, 1]])
    >>> [round(float(x), 3) for x in r.weights], round(r.cr, 3)
    ([0.75, 0.25], 0.0)
    """
    a = _check_pairwise(pairwise)
    table = RANDOM_INDEX_SAATY if random_index is None else random_index
    n = a.shape[0]
    w, lam = _weights(a, method)
    ci, cr = _cr(lam, n, table)
    suggestions: list[tuple[int, int, float, float, float]] = []
    if cr > threshold:
        for i in range(n):
            for j in range(i + 1, n):
                revised = a.copy()
                revised[i, j] = w[i] / w[j]
                revised[j, i] = 1 / revised[i, j]
                _, lam2 = _weights(revised, method)
                suggestions.append(
                    (i, j, float(a[i, j]), float(w[i] / w[j]), _cr(lam2, n, table)[1])
                )
        suggestions.sort(key=lambda t: t[4])
    return AHPResult(
        weights=w,
        lambda_max=lam,
        ci=ci,
        cr=cr,
        suggestions=tuple(suggestions[:3]),
        conventions={
            "method": method,
            "random_index": "Saaty (1980)" if random_index is None else "custom",
            "random_index_table": dict(table),
            "threshold": threshold,
        },
    )


def aggregate_judgements(
    matrices: Sequence[Any], weights: Sequence[float] | None = None
) -> np.ndarray:
    """Combine several decision makers' pairwise matrices by (weighted) geometric mean.

    The geometric mean keeps the matrix reciprocal (Aczél & Saaty 1983).
    """
    if not matrices:
        raise MCDAError("no pairwise matrix to aggregate")
    stack = np.stack([_check_pairwise(m) for m in matrices])
    w = np.ones(len(stack)) if weights is None else np.asarray(weights, dtype=float)
    if len(w) != len(stack) or (w < 0).any() or w.sum() <= 0:
        raise MCDAError("one non-negative weight per decision maker, not all zero")
    w = w / w.sum()
    return np.exp(np.tensordot(w, np.log(stack), axes=1))
