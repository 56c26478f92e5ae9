"""Ranking methods: weighted sum and product, TOPSIS, VIKOR, PROMETHEE I and II.

Every function takes ``matrix`` (alternatives x criteria), ``weights`` (non-negative,
normalised here) and ``directions`` (``"max"`` or ``"min"`` per criterion); options are
keyword-only. Scores and closeness are "higher is better"; VIKOR's S, R and Q are "lower is
better". Conventions are written on each result or in the docstring.

References
----------
Hwang, C.-L. & Yoon, K. (1981). *Multiple Attribute Decision Making*. Springer.
Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: a comparative
analysis of VIKOR and TOPSIS. *European Journal of Operational Research*, 156(2), 445-455.
Brans, J.-P. & Vincke, Ph. (1985). A preference ranking organisation method (the PROMETHEE
method). *Management Science*, 31(6), 647-656.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from decisionkit.errors import MCDAError
from decisionkit.mcda._checks import as_directions, as_matrix, as_weights
from decisionkit.mcda.normalization import normalize, scale

__all__ = [
    "PREFERENCE_FUNCTIONS",
    "PrometheeResult",
    "VikorResult",
    "preference_matrices",
    "promethee_i",
    "promethee_ii",
    "topsis",
    "vikor",
    "weighted_product",
    "weighted_sum",
]


def _inputs(matrix: Any, weights: Any, directions: Sequence[str]):
    m = as_matrix(matrix)
    benefit = as_directions(directions, m.shape[1])
    w = as_weights(weights, m.shape[1])
    return m, w, benefit


def weighted_sum(
    matrix: Any, weights: Any, directions: Sequence[str], *, normalization: str = "minmax"
) -> np.ndarray:
    """Weighted sum of normalised values (higher is better).

    Examples
    --------
    >>> weighted_sum([[1, 10], [2, 20]], [0.5, 0.5], ["max", "min"]).tolist()
    [0.5, 0.5]
    """
    m, w, benefit = _inputs(matrix, weights, directions)
    return normalize(m, benefit, normalization) @ w


def weighted_product(matrix: Any, weights: Any, directions: Sequence[str]) -> np.ndarray:
    """Weighted product ``prod x_ij^(+/- w_j)`` on the raw values (all must be > 0).

    Benefit criteria enter with exponent ``w_j``, cost criteria with ``-w_j``; higher is better.
    """
    m, w, benefit = _inputs(matrix, weights, directions)
    if (m <= 0).any():
        raise MCDAError("the weighted product needs values > 0")
    exponents = np.where(benefit, w, -w)
    return np.exp(np.log(m) @ exponents)


def topsis(
    matrix: Any, weights: Any, directions: Sequence[str], *, normalization: str = "vector"
) -> np.ndarray:
    """TOPSIS closeness coefficients ``D- / (D+ + D-)`` in [0, 1] (higher is better).

    Values are rescaled (``"vector"`` by default, Hwang & Yoon 1981), weighted, and compared
    with the ideal (best value of each criterion) and anti-ideal points by Euclidean distance.
    Alternatives all equal give 0.5.
    """
    m, w, benefit = _inputs(matrix, weights, directions)
    v = scale(m, normalization) * w
    ideal = np.where(benefit, v.max(axis=0), v.min(axis=0))
    anti = np.where(benefit, v.min(axis=0), v.max(axis=0))
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    total = d_plus + d_minus
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, d_minus / np.where(total > 0, total, 1), 0.5)


@dataclass(frozen=True)
class VikorResult:
    """VIKOR's measures (lower is better) and Opricovic & Tzeng's compromise conditions.

    Attributes
    ----------
    S, R, Q
        Group utility, individual regret and the compromise index, per alternative.
    ranking
        Alternatives by increasing Q (ties by S, then R).
    acceptable_advantage
        Condition C1: ``Q(second) - Q(first) >= 1 / (m - 1)``.
    acceptable_stability
        Condition C2: the first by Q is also first by S or by R.
    compromise
        The compromise set (the first alone when C1 and C2 hold).
    """

    S: np.ndarray
    R: np.ndarray
    Q: np.ndarray
    ranking: np.ndarray
    acceptable_advantage: bool
    acceptable_stability: bool
    compromise: tuple[int, ...]
    conventions: dict[str, Any] = field(default_factory=dict)


def vikor(matrix: Any, weights: Any, directions: Sequence[str], *, v: float = 0.5) -> VikorResult:
    """VIKOR (Opricovic & Tzeng 2004): S, R, Q, ranking and compromise solution.

    ``v`` weighs the strategy of the majority (S) against individual regret (R). A criterion on
    which all alternatives are equal contributes 0; when all S (or all R) are equal, their term
    of Q is 0.
    """
    if not 0 <= v <= 1:
        raise MCDAError(f"v must be within [0, 1], got {v}")
    m, w, benefit = _inputs(matrix, weights, directions)
    best = np.where(benefit, m.max(axis=0), m.min(axis=0))
    worst = np.where(benefit, m.min(axis=0), m.max(axis=0))
    span = best - worst
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.where(span != 0, (best - m) / np.where(span != 0, span, 1), 0.0)
    terms = gap * w
    s, r = terms.sum(axis=1), terms.max(axis=1)

    def part(x: np.ndarray) -> np.ndarray:
        lo, hi = x.min(), x.max()
        return (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)

    q = v * part(s) + (1 - v) * part(r)
    ranking = np.lexsort((r, s, q))
    n = len(q)
    dq = 1 / (n - 1) if n > 1 else 0.0
    first = ranking[0]
    c1 = n < 2 or bool(q[ranking[1]] - q[first] >= dq - 1e-12)
    c2 = bool(s[first] <= s.min() + 1e-12 or r[first] <= r.min() + 1e-12)
    if c1 and c2:
        compromise = (int(first),)
    elif c1:  # only stability fails: the first two
        compromise = (int(first), int(ranking[1]))
    else:  # no acceptable advantage: all close enough to the first
        compromise = tuple(int(a) for a in ranking if q[a] - q[first] < dq - 1e-12)
    return VikorResult(
        S=s,
        R=r,
        Q=q,
        ranking=ranking,
        acceptable_advantage=c1,
        acceptable_stability=c2,
        compromise=compromise,
        conventions={"method": "vikor", "v": v, "DQ": dq, "ties": "by Q, then S, then R"},
    )


PREFERENCE_FUNCTIONS = ("usual", "u-shape", "v-shape", "level", "linear", "gaussian")
_NEEDS = {
    "usual": (),
    "u-shape": ("q",),
    "v-shape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}


def _per_criterion(value: Any, n: int, name: str) -> list[Any]:
    if value is None or isinstance(value, str | int | float):
        return [value] * n
    values = list(value)
    if len(values) != n:
        raise MCDAError(f"{name} has {len(values)} entries for {n} criteria")
    return values


def preference_matrices(
    matrix: Any,
    directions: Sequence[str],
    *,
    preference: str | Sequence[str] = "usual",
    q: Any = None,
    p: Any = None,
    s: Any = None,
) -> np.ndarray:
    """PROMETHEE preference degrees ``P_j(a, b)`` (criteria x alternatives x alternatives).

    Computed once, they turn any weight vector into flows with one product: what SMAA needs.
    ``d`` is ``x_a - x_b`` on a max criterion and ``x_b - x_a`` on a min criterion; ``q`` is
    the indifference threshold, ``p`` the preference threshold, ``s`` the Gaussian parameter.
    """
    m = as_matrix(matrix)
    k = m.shape[1]
    benefit = as_directions(directions, k)
    kinds = _per_criterion(preference, k, "preference")
    qs, ps, ss = (_per_criterion(x, k, name) for x, name in ((q, "q"), (p, "p"), (s, "s")))
    out = np.empty((k, m.shape[0], m.shape[0]))
    for j in range(k):
        kind = kinds[j]
        if kind not in PREFERENCE_FUNCTIONS:
            raise MCDAError(
                f"preference for criterion {j} must be one of "
                f"{', '.join(PREFERENCE_FUNCTIONS)}, got {kind!r}"
            )
        params = {"q": qs[j], "p": ps[j], "s": ss[j]}
        for name in _NEEDS[kind]:
            if params[name] is None or params[name] < 0:
                raise MCDAError(
                    f"the {kind} preference function of criterion {j} needs {name} >= 0"
                )
        if kind in ("level", "linear") and params["p"] <= params["q"]:
            raise MCDAError(f"criterion {j}: p ({params['p']}) must be > q ({params['q']})")
        col = m[:, j]
        d = col[:, None] - col[None, :]
        if not benefit[j]:
            d = -d
        out[j] = _preference(kind, d, params)
    return out


def _preference(kind: str, d: np.ndarray, t: dict[str, Any]) -> np.ndarray:
    if kind == "usual":
        return (d > 0).astype(float)
    if kind == "u-shape":
        return (d > t["q"]).astype(float)
    if kind == "v-shape":
        return np.clip(d / t["p"], 0, 1) if t["p"] > 0 else (d > 0).astype(float)
    if kind == "level":
        return np.where(d > t["p"], 1.0, np.where(d > t["q"], 0.5, 0.0))
    if kind == "linear":
        return np.clip((d - t["q"]) / (t["p"] - t["q"]), 0, 1)
    sigma = t["s"]
    if sigma == 0:
        return (d > 0).astype(float)
    return np.where(d > 0, 1 - np.exp(-(d * d) / (2 * sigma * sigma)), 0.0)


@dataclass(frozen=True)
class PrometheeResult:
    """PROMETHEE flows and the PROMETHEE I partial order.

    ``outranks[a, b]`` is True when a is preferred to b in PROMETHEE I (phi+ not lower and
    phi- not higher, one of them strictly); ``incomparable[a, b]`` when the flows disagree.
    """

    positive: np.ndarray
    negative: np.ndarray
    net: np.ndarray
    outranks: np.ndarray
    incomparable: np.ndarray
    conventions: dict[str, Any] = field(default_factory=dict)


def promethee_i(
    matrix: Any,
    weights: Any,
    directions: Sequence[str],
    *,
    preference: str | Sequence[str] = "usual",
    q: Any = None,
    p: Any = None,
    s: Any = None,
) -> PrometheeResult:
    """PROMETHEE I: positive and negative flows and the partial order they give."""
    m, w, _ = _inputs(matrix, weights, directions)
    pref = preference_matrices(m, directions, preference=preference, q=q, p=p, s=s)
    return _flows(
        pref, w, {"method": "promethee", "preference": preference, "q": q, "p": p, "s": s}
    )


def _flows(pref: np.ndarray, w: np.ndarray, conventions: dict[str, Any]) -> PrometheeResult:
    pi = np.tensordot(w, pref, axes=1)  # aggregated preference pi(a, b)
    n = pi.shape[0]
    denom = max(n - 1, 1)
    plus, minus = pi.sum(axis=1) / denom, pi.sum(axis=0) / denom
    tol = 1e-12
    ge_plus = plus[:, None] >= plus[None, :] - tol
    le_minus = minus[:, None] <= minus[None, :] + tol
    strict = (plus[:, None] > plus[None, :] + tol) | (minus[:, None] < minus[None, :] - tol)
    outranks = ge_plus & le_minus & strict
    incomparable = ~(outranks | outranks.T | (ge_plus & le_minus & ge_plus.T & le_minus.T))
    np.fill_diagonal(incomparable, False)
    return PrometheeResult(
        positive=plus,
        negative=minus,
        net=plus - minus,
        outranks=outranks,
        incomparable=incomparable,
        conventions=conventions,
    )


def promethee_ii(
    matrix: Any,
    weights: Any,
    directions: Sequence[str],
    *,
    preference: str | Sequence[str] = "usual",
    q: Any = None,
    p: Any = None,
    s: Any = None,
) -> np.ndarray:
    """PROMETHEE II net flows ``phi+ - phi-`` (higher is better), flows divided by ``m - 1``.

    Examples
    --------
    >>> promethee_ii([[1, 5], [2, 4], [3, 3]], [0.5, 0.5], ["max", "max"]).tolist()
    [0.0, 0.0, 0.0]
    """
    return promethee_i(matrix, weights, directions, preference=preference, q=q, p=p, s=s).net
