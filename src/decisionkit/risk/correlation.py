"""Rank correlation between estimates: Iman-Conover reordering and matrix repair.

References
----------
Iman, R. L. & Conover, W. J. (1982). A distribution-free approach to inducing rank
correlation among input variables. *Communications in Statistics - Simulation and
Computation*, 11(3), 311-334.

Higham, N. J. (2002). Computing the nearest correlation matrix - a problem from finance.
*IMA Journal of Numerical Analysis*, 22(3), 329-343.
"""

from __future__ import annotations

import numpy as np

__all__ = ["iman_conover", "is_valid_correlation", "nearest_correlation", "spearman_to_pearson"]


def spearman_to_pearson(rho: np.ndarray) -> np.ndarray:
    """The normal-copula Pearson correlation that gives Spearman ``rho``: ``2 sin(pi rho / 6)``."""
    return 2.0 * np.sin(np.pi * np.asarray(rho) / 6.0)


def is_valid_correlation(c: np.ndarray, tol: float = 1e-10) -> bool:
    """True when ``c`` is symmetric, has a unit diagonal and is positive semi-definite."""
    c = np.asarray(c, dtype=float)
    return bool(
        np.allclose(c, c.T) and np.allclose(np.diag(c), 1.0) and np.linalg.eigvalsh(c).min() >= -tol
    )


def nearest_correlation(c: np.ndarray, *, tol: float = 1e-12, max_iter: int = 500) -> np.ndarray:
    """The nearest correlation matrix in Frobenius norm (Higham 2002, with Dykstra's correction).

    Examples
    --------
    >>> bad = np.array([[1, .9, -.9], [.9, 1, .9], [-.9, .9, 1]])
    >>> fixed = nearest_correlation(bad)
    >>> bool(np.linalg.eigvalsh(fixed).min() > -1e-9), np.allclose(np.diag(fixed), 1)
    (True, True)
    """
    a = np.asarray(c, dtype=float)
    y = a.copy()
    ds = np.zeros_like(a)
    for _ in range(max_iter):
        r = y - ds
        w, v = np.linalg.eigh(r)
        x = (v * np.maximum(w, 0.0)) @ v.T
        ds = x - r
        y_new = x.copy()
        np.fill_diagonal(y_new, 1.0)
        if np.linalg.norm(y_new - y, "fro") <= tol * max(1.0, np.linalg.norm(y, "fro")):
            y = y_new
            break
        y = y_new
    # a last projection keeps the result exactly PSD with a unit diagonal
    w, v = np.linalg.eigh((y + y.T) / 2)
    y = (v * np.maximum(w, 1e-12)) @ v.T
    d = np.sqrt(np.diag(y))
    return y / np.outer(d, d)


def iman_conover(u: np.ndarray, target: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Reorder each row of ``u`` so that the rows have rank correlation close to ``target``.

    The marginal values of each row are kept (only their order changes), so a Latin hypercube
    stays one.

    Parameters
    ----------
    u
        Draws, one row per variable (k x n).
    target
        The wanted Spearman rank correlation matrix (k x k), valid (positive semi-definite).
    rng
        The generator for the scores' random order.
    """
    k, n = u.shape
    if k < 2 or n < 3:
        return u
    from scipy import special  # lazy: importing it costs more than the rest of decisionkit

    pearson = spearman_to_pearson(target)
    np.fill_diagonal(pearson, 1.0)
    p = np.linalg.cholesky(_jitter(pearson))
    scores = special.ndtri(np.arange(1, n + 1) / (n + 1))
    s = np.empty((k, n))
    for i in range(k):
        s[i] = rng.permutation(scores)
    e = np.corrcoef(s)
    q = np.linalg.cholesky(_jitter(e))
    t = p @ np.linalg.solve(q, s)  # scores with (about) the target correlation
    out = np.empty_like(u)
    sorted_u = np.sort(u, axis=1)
    ranks = np.argsort(np.argsort(t, axis=1), axis=1)
    for i in range(k):
        out[i] = sorted_u[i, ranks[i]]
    return out


def _jitter(c: np.ndarray) -> np.ndarray:
    w = np.linalg.eigvalsh(c).min()
    if w > 1e-10:
        return c
    return c + (1e-10 - w) * np.eye(len(c))
