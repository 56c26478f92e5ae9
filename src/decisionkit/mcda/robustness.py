"""Robustness of a ranking: SMAA-2 acceptabilities and exact weight stability intervals.

References
----------
Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability analysis
for group decision making. *Operations Research*, 49(3), 444-454.
Tervonen, T. & Figueira, J. R. (2008). A survey on stochastic multicriteria acceptability
analysis methods. *Journal of Multi-Criteria Decision Analysis*, 15(1-2), 1-14.
Mareschal, B. (1988). Weight stability intervals in multicriteria decision aid. *European
Journal of Operational Research*, 33(1), 54-64.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from decisionkit.errors import MCDAError
from decisionkit.mcda._batched import batched_kernel
from decisionkit.mcda._checks import as_directions, as_matrix, as_weights
from decisionkit.mcda.results import SMAAResult, StabilityResult

__all__ = ["SMAAResult", "StabilityResult", "smaa", "weight_stability"]

SMAA_METHODS = ("weighted_sum", "weighted_product", "topsis", "vikor", "promethee_ii")


# -- kernels: weights (B x k) -> scores (B x n), higher is better ----------------------------


def _kernel(method: str, m: np.ndarray, benefit: np.ndarray, options: dict[str, Any]):
    """``scores(W)`` of one matrix (the batched kernel on a stack of one sample)."""
    if method not in SMAA_METHODS:
        raise MCDAError(f"method must be one of {', '.join(SMAA_METHODS)}, got {method!r}")
    batched = batched_kernel(method, m[None], benefit, options)

    def scores(w: np.ndarray) -> np.ndarray:
        return batched(w, np.zeros(len(w), dtype=np.intp))

    scores.nonnegative = getattr(batched, "nonnegative", False)  # type: ignore[attr-defined]
    return scores


# -- SMAA-2 ---------------------------------------------------------------------------------


def _weight_sampler(
    k: int,
    rng: np.random.Generator,
    weights: Any,
    bounds: Sequence[tuple[float, float]] | None,
    order: Sequence[int] | None,
):
    if weights is not None and (bounds is not None or order is not None):
        raise MCDAError("give either fixed weights or weight constraints (bounds, order)")
    if weights is not None:
        w = as_weights(weights, k)
        return lambda size: np.broadcast_to(w, (size, k))
    lo = hi = None
    if bounds is not None:
        b = np.asarray(bounds, dtype=float)
        if b.shape != (k, 2) or (b[:, 0] > b[:, 1]).any() or (b < 0).any():
            raise MCDAError(
                "weight bounds are one (low, high) pair per criterion, 0 <= low <= high"
            )
        if b[:, 0].sum() > 1 or b[:, 1].sum() < 1:
            raise MCDAError("no weight vector summing to 1 fits these bounds")
        lo, hi = b[:, 0], b[:, 1]
    ranks = None
    if order is not None:
        ranks = np.asarray(order, dtype=float)
        if len(ranks) != k:
            raise MCDAError(f"the criteria ranking has {len(ranks)} entries for {k} criteria")

    def draw(size: int) -> np.ndarray:
        out = np.empty((0, k))
        tries = 0
        while len(out) < size:
            e = rng.standard_exponential((max(size, 256), k))  # uniform on the simplex:
            w = e / e.sum(axis=1, keepdims=True)  # normalised exponential spacings
            if ranks is not None:  # sorted, then given to the criteria by rank; tied
                # criteria share their positions in a random order (uniform on the region)
                w = -np.sort(-w, axis=1)
                keys = ranks[None, :] + 0.5 * rng.random(w.shape)
                by_rank = np.argsort(keys, axis=1)
                placed = np.empty_like(w)
                np.put_along_axis(placed, by_rank, w, axis=1)
                w = placed
            if lo is None and len(out) == 0 and len(w) == size:
                return w  # the common case: no rejection, no copy
            if lo is not None:
                w = w[((w >= lo) & (w <= hi)).all(axis=1)]
            out = np.vstack([out, w])
            tries += 1
            if tries > 1000 and len(out) < size:
                raise MCDAError(
                    "the weight constraints leave almost no room: fewer than 1 draw "
                    "in 1,000 fits; widen the bounds"
                )
        return out[:size]

    return draw


_SIGN = np.uint64(1 << 63)


def _ascending_alternatives(
    scores: np.ndarray, *, reuse: bool = False, nonnegative: bool = False
) -> np.ndarray:
    """Per row, ``m - 1 - alternative`` in increasing score order (one sort of packed keys).

    The last column is the best alternative; among equal scores the one listed first comes
    last (it wins the tie). Scores closer than about ``2^-(52 - log2 m)`` relatively tie.
    """
    m = scores.shape[1]
    bits = max(1, (m - 1).bit_length())
    low = np.uint64((1 << bits) - 1)
    if nonnegative or scores.min() >= 0:  # non-negative floats sort as unsigned integers
        if reuse and scores.flags.c_contiguous and scores.flags.writeable:
            key = scores.view(np.uint64)  # the caller's scratch array becomes the keys
            if not nonnegative:  # (a kernel that says so never returns -0.0)
                key[key == _SIGN] = 0  # -0.0 is 0.0
        else:
            key = (scores + 0.0).view(np.uint64)  # a new array: + 0.0 turns -0.0 into 0.0
    else:
        u = np.ascontiguousarray(scores + 0.0).view(np.uint64)
        key = np.where((u & _SIGN) != 0, ~u, u | _SIGN)
    key &= ~low
    key |= (m - 1 - np.arange(m, dtype=np.uint64))[None, :]
    key.sort(axis=1)
    key &= low
    return key.view(np.int64)  # values below 2^bits: the same numbers, no copy


def _order(scores: np.ndarray) -> np.ndarray:
    """Alternatives by decreasing score per row; ties go to the one listed first.

    One sort of 64-bit keys per row: the score's bits made sortable as unsigned integers, with
    the alternative's index in the lowest ``ceil(log2 m)`` bits (scores closer than about
    ``2^-(52 - log2 m)`` in relative terms count as tied). This is about twice as fast as
    ``argsort`` on floats.
    """
    m = scores.shape[1]
    bits = max(1, (m - 1).bit_length())
    low = np.uint64((1 << bits) - 1)
    u = np.ascontiguousarray(scores + 0.0).view(np.uint64)  # + 0.0 turns -0.0 into 0.0
    negative = (u & _SIGN) != 0
    key = np.where(negative, ~u, u | _SIGN)  # IEEE-754 bits in increasing order
    key &= ~low
    key |= (m - 1 - np.arange(m, dtype=np.uint64))[None, :]  # reversed: first listed wins
    key.sort(axis=1)
    return m - 1 - (key[:, ::-1] & low).astype(np.intp)


def smaa(
    matrix_or_samples: Any,
    directions: Sequence[str],
    *,
    method: str = "topsis",
    weights: Any = None,
    weight_bounds: Sequence[tuple[float, float]] | None = None,
    weight_order: Sequence[int] | None = None,
    n: int = 10_000,
    seed: int | None = None,
    chunk: int = 4096,
    pairwise_draws: int = 2_500,
    **method_options: Any,
) -> SMAAResult:
    """SMAA-2 for any registered method, over uncertain weights and uncertain values.

    Parameters
    ----------
    matrix_or_samples
        A matrix (alternatives x criteria) or samples of it (draws x alternatives x criteria),
        e.g. simulated cost and delay per iteration; draw ``t`` uses sample ``t mod S``.
    directions
        ``"max"`` or ``"min"`` per criterion.
    method
        ``weighted_sum``, ``weighted_product``, ``topsis``, ``vikor`` or ``promethee_ii``;
        ``method_options`` go to it (normalisation, PROMETHEE preference functions...).
    weights
        A fixed weight vector; by default weights are uniform on the simplex (no preference
        information), optionally within ``weight_bounds`` or following ``weight_order`` (ranks
        of the criteria, 1 = most important).
    n, seed, chunk
        Number of draws, the seed of ``numpy.random.default_rng`` and the draws per batch.
    pairwise_draws
        Pairwise winning probabilities are counted on the first ``pairwise_draws`` draws
        (they cost alternatives^2 per draw; with 2,500 their standard error is at most 0.01);
        rank acceptabilities use every draw.

    Ties in a draw go to the alternative listed first.
    """
    try:
        data = np.asarray(matrix_or_samples, dtype=float)
    except (TypeError, ValueError):
        raise MCDAError("the matrix or samples must hold numbers only") from None
    if data.ndim == 2:
        data = data[None]
    if data.ndim != 3:
        raise MCDAError("give a matrix (alternatives x criteria) or samples (draws x alt x crit)")
    for s in range(min(len(data), 1)):
        as_matrix(data[s])
    if not np.isfinite(data).all():
        raise MCDAError("samples must be finite")
    samples, alts, k = data.shape
    benefit = as_directions(directions, k)
    if n < 1:
        raise MCDAError(f"n must be >= 1, got {n}")
    rng = np.random.default_rng(seed)
    draw_weights = _weight_sampler(k, rng, weights, weight_bounds, weight_order)
    if samples == 1:
        kernel = _kernel(method, data[0], benefit, method_options)

        def score(w: np.ndarray, idx: np.ndarray) -> np.ndarray:
            return kernel(w)

        nonnegative = getattr(kernel, "nonnegative", False)  # one sort per draw
    else:  # every sample at once: no Python loop over thousands of simulated samples
        score = batched_kernel(method, data, benefit, method_options)
        nonnegative = getattr(score, "nonnegative", False)
    positions = np.arange(alts)[None, :]
    counts = np.zeros((alts, alts))
    first_weight_sum = np.zeros((alts, k))
    wins = np.zeros((alts, alts))
    done = 0
    while done < n:
        size = min(chunk, n - done)
        w = np.array(draw_weights(size), dtype=float)
        scores = score(w, np.arange(done, done + size) % samples)
        rev = _ascending_alternatives(scores, reuse=True, nonnegative=nonnegative)
        # rank counts straight from the sorted keys: reversed id a at ascending position p is
        # alternative m-1-a at rank m-1-p
        counts += np.bincount((rev * alts + positions).ravel(), minlength=alts * alts).reshape(
            alts, alts
        )[::-1, ::-1]
        firsts = alts - 1 - rev[:, -1]  # sums of the weights of the draws each one wins
        cells = (firsts[:, None] * k + np.arange(k)[None, :]).ravel()
        first_weight_sum += np.bincount(cells, weights=w.ravel(), minlength=alts * k).reshape(
            alts, k
        )
        if done < pairwise_draws:  # from the positions (small integers), not the scores
            part = rev[: pairwise_draws - done]
            place = np.empty(part.shape, dtype=np.int8 if alts < 128 else np.int32)
            np.put_along_axis(place, part, positions.astype(place.dtype), axis=1)
            wins += (place[:, :, None] > place[:, None, :]).sum(axis=0)[::-1, ::-1]
        done += size
    acceptability = counts / n
    with np.errstate(invalid="ignore", divide="ignore"):
        central = first_weight_sum / counts[:, :1]
    confidence = np.zeros(alts)
    for i in range(alts):
        if counts[i, 0] == 0:
            continue
        wc = np.repeat(central[i][None, :], samples, axis=0)
        confidence[i] = float(np.mean(np.argmax(score(wc, np.arange(samples)), axis=1) == i))
    meta = (alts - 1 - np.arange(alts)) / (alts - 1) if alts > 1 else np.ones(1)
    return SMAAResult(
        rank_acceptability=acceptability,
        central_weights=central,
        confidence=confidence,
        pairwise=wins / min(n, pairwise_draws),
        holistic=acceptability @ meta,
        draws=n,
        conventions={
            "method": method,
            "weights": "fixed"
            if weights is not None and weight_bounds is None and weight_order is None
            else "uniform on the "
            "simplex"
            + (" within bounds" if weight_bounds is not None else "")
            + (" ordered by rank" if weight_order is not None else ""),
            "data_samples": samples,
            "ties": "the alternative listed first",
            "seed": seed,
            **method_options,
        },
    )


# -- weight stability -----------------------------------------------------------------------


def _path(w: np.ndarray, j: int, t: np.ndarray) -> np.ndarray:
    """Weights with w_j = t and the others rescaled proportionally to keep the sum at 1."""
    rest = w.copy()
    rest[j] = 0.0
    total = rest.sum()
    if total > 0:
        rest /= total
    else:  # only criterion j had weight: share the rest equally
        rest = np.ones_like(w)
        rest[j] = 0.0
        rest /= rest.sum() if rest.sum() > 0 else 1.0
    out = t[:, None] * np.eye(len(w))[j][None, :] + (1 - t)[:, None] * rest[None, :]
    return out


def weight_stability(
    matrix: Any,
    weights: Any,
    directions: Sequence[str],
    *,
    method: str = "topsis",
    full_ranking: bool = False,
    tol: float = 1e-12,
    **method_options: Any,
) -> StabilityResult:
    """Weight stability intervals for weighted sum, TOPSIS and PROMETHEE II, to ``tol``.

    Along each criterion's path (its weight moves from 0 to 1, the others keep their
    proportions) the ranking is evaluated on 2,001 points and each change is then located by
    bisection to ``tol`` (1e-12 by default). For the weighted sum and PROMETHEE II the scores
    are linear along the path, so the first-ranked region is a single interval and the grid
    cannot miss it; TOPSIS scores are smooth and a change narrower than 1/2000 of the path
    could in principle be missed.
    """
    if method not in ("weighted_sum", "topsis", "promethee_ii"):
        raise MCDAError("weight stability is available for weighted_sum, topsis and promethee_ii")
    m = as_matrix(matrix)
    benefit = as_directions(directions, m.shape[1])
    w = as_weights(weights, m.shape[1])
    scores_of = _kernel(method, m, benefit, method_options)
    base = scores_of(w[None, :])[0]
    order = np.argsort(-base, kind="stable")
    first, second = int(order[0]), (int(order[1]) if len(order) > 1 else None)

    def same(scores: np.ndarray) -> np.ndarray:
        o = np.argsort(-scores, axis=1, kind="stable")
        return (o == order).all(axis=1) if full_ranking else o[:, 0] == first

    k = len(w)
    intervals = np.empty((k, 2))
    best_swap: tuple[int, float, float] | None = None
    grid = np.linspace(0.0, 1.0, 2001)
    for j in range(k):
        ts = np.unique(np.concatenate([grid, [w[j]]]))
        path_scores = scores_of(_path(w, j, ts))  # once per criterion: ranks and swaps
        ok = same(path_scores)
        at = int(np.searchsorted(ts, w[j]))
        lo_i = at
        while lo_i > 0 and ok[lo_i - 1]:
            lo_i -= 1
        hi_i = at
        while hi_i < len(ts) - 1 and ok[hi_i + 1]:
            hi_i += 1

        def edge(good: float, bad: float, j: int = j) -> float:
            for _ in range(200):  # bisection to tol
                mid = (good + bad) / 2
                if abs(bad - good) <= tol:
                    break
                if same(scores_of(_path(w, j, np.array([mid]))))[0]:
                    good = mid
                else:
                    bad = mid
            return good

        low = 0.0 if lo_i == 0 else edge(ts[lo_i], ts[lo_i - 1])
        high = 1.0 if hi_i == len(ts) - 1 else edge(ts[hi_i], ts[hi_i + 1])
        intervals[j] = (low, high)
        if second is not None:
            s = path_scores
            swapped = s[:, second] > s[:, first]
            candidates = np.flatnonzero(swapped)
            if len(candidates):
                nearest = int(candidates[np.argmin(np.abs(ts[candidates] - w[j]))])
                toward = nearest - 1 if ts[nearest] > w[j] else nearest + 1
                good, bad = float(ts[toward]), float(ts[nearest])  # not swapped / swapped
                for _ in range(200):
                    if abs(bad - good) <= tol:
                        break
                    mid = (good + bad) / 2
                    sm = scores_of(_path(w, j, np.array([mid])))[0]
                    if sm[second] > sm[first]:
                        bad = mid
                    else:
                        good = mid
                change = abs(bad - w[j])
                if best_swap is None or change < best_swap[2]:
                    best_swap = (j, bad, float(change))
    tipping = None
    for j, (lo, hi) in enumerate(intervals):
        for end in (lo, hi):
            if 0.0 < end < 1.0:
                change = abs(end - w[j])
                if tipping is None or change < tipping[2]:
                    tipping = (j, float(end), float(change))
    return StabilityResult(
        tipping=tipping,
        intervals=intervals,
        weights=w,
        first=first,
        swap=best_swap,
        alternatives=tuple(f"a{i + 1}" for i in range(m.shape[0])),
        conventions={
            "method": method,
            "full_ranking": full_ranking,
            "path": "one weight moves, the others keep their proportions",
            **method_options,
        },
    )
