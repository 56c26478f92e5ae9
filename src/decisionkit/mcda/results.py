"""The results of the robustness analyses: SMAA-2 and weight stability, labelled.

The arrays are what :func:`~decisionkit.mcda.smaa` and :func:`~decisionkit.mcda.weight_stability`
compute; ``alternatives`` and ``criteria`` name their rows and columns (``a1``... and ``c1``...
unless given: this layer knows nothing of cases) for :meth:`to_frame` and :meth:`to_dict`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from decisionkit.errors import MCDAError

__all__ = ["SMAAResult", "StabilityResult"]


@dataclass(frozen=True)
class SMAAResult:
    """SMAA-2 results (Lahdelma & Salminen 2001).

    Attributes
    ----------
    rank_acceptability
        ``b[i, r]``: share of draws where alternative i takes rank r + 1 (rows and columns sum
        to 1).
    central_weights
        ``w_c[i]``: the mean weight vector of the draws where i ranks first (NaN if never).
    confidence
        ``p_c[i]``: share of data draws where i ranks first with its central weights.
    pairwise
        ``p[i, j]``: share of draws where i ranks above j (ties as in the ranks).
    holistic
        SMAA-2 holistic acceptability with meta-weights ``(m - r) / (m - 1)``.
    alternatives, criteria
        Labels of the rows and of the criteria, for :meth:`to_frame` and :meth:`to_dict`:
        ``a1`` ... ``am`` and ``c1`` ... ``ck`` unless given (an appraisal gives its option
        and criterion ids, with :func:`dataclasses.replace`).

    Examples
    --------
    >>> from decisionkit.mcda import smaa
    >>> r = smaa([[1, 9], [9, 1]], ["max", "max"], method="weighted_sum", n=100, seed=1)
    >>> r.alternatives, r.criteria
    (('a1', 'a2'), ('c1', 'c2'))
    >>> r.to_frame().groupby("option")["acceptability"].sum().tolist()
    [1.0, 1.0]
    """

    rank_acceptability: np.ndarray
    central_weights: np.ndarray
    confidence: np.ndarray
    pairwise: np.ndarray
    holistic: np.ndarray
    draws: int
    conventions: dict[str, Any] = field(default_factory=dict)
    alternatives: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        m, k = self.central_weights.shape
        object.__setattr__(self, "alternatives", _labels(self.alternatives, m, "a", "alternatives"))
        object.__setattr__(self, "criteria", _labels(self.criteria, k, "c", "criteria"))

    def to_frame(self) -> Any:
        """Rank acceptabilities in long form: ``option``, ``rank`` (1 = first),
        ``acceptability`` (the share of draws, 0-1; it sums to 1 per option and per rank)."""
        import pandas as pd

        m = len(self.alternatives)
        return pd.DataFrame(
            {
                "option": np.repeat(self.alternatives, m),
                "rank": np.tile(np.arange(1, m + 1), m),
                "acceptability": self.rank_acceptability.ravel(),
            }
        )

    def summary(self) -> Any:
        """One row per alternative: ``option``, ``p_first`` (rank-1 acceptability),
        ``holistic`` and ``confidence`` (fractions, 0-1)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "option": self.alternatives,
                "p_first": self.rank_acceptability[:, 0],
                "holistic": self.holistic,
                "confidence": self.confidence,
            }
        )

    def central_weights_frame(self) -> Any:
        """Central weights in long form: ``option``, ``criterion``, ``central_weight`` (NaN
        for an alternative never first)."""
        import pandas as pd

        m, k = self.central_weights.shape
        return pd.DataFrame(
            {
                "option": np.repeat(self.alternatives, k),
                "criterion": np.tile(self.criteria, m),
                "central_weight": self.central_weights.ravel(),
            }
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON, keyed by the labels: ``draws``, ``rank_acceptability``
        (option -> shares of ranks 1, 2...), ``central_weights`` (option -> criterion -> weight,
        ``None`` when never first), ``confidence``, ``pairwise`` (option -> option -> share of
        draws where the first ranks above the second) and ``holistic`` (option -> value)."""
        alts, crits = self.alternatives, self.criteria
        return {
            "draws": int(self.draws),
            "rank_acceptability": {
                a: self.rank_acceptability[i].tolist() for i, a in enumerate(alts)
            },
            "central_weights": {
                a: {c: _number(w) for c, w in zip(crits, self.central_weights[i], strict=True)}
                for i, a in enumerate(alts)
            },
            "confidence": dict(zip(alts, self.confidence.tolist(), strict=True)),
            "pairwise": {
                a: dict(zip(alts, self.pairwise[i].tolist(), strict=True))
                for i, a in enumerate(alts)
            },
            "holistic": dict(zip(alts, self.holistic.tolist(), strict=True)),
        }


def _labels(given: Sequence[str], n: int, prefix: str, what: str) -> tuple[str, ...]:
    """The labels given (checked against ``n``), or ``prefix1`` ... ``prefixn``."""
    if not given:
        return tuple(f"{prefix}{i + 1}" for i in range(n))
    labels = tuple(str(x) for x in given)
    if len(labels) != n:
        raise MCDAError(f"{what} has {len(labels)} labels for {n} {what}")
    if len(set(labels)) != n:
        raise MCDAError(f"{what} labels must be distinct, got {', '.join(labels)}")
    return labels


def _number(x: float) -> float | None:
    """A float for JSON: NaN becomes None."""
    x = float(x)
    return None if np.isnan(x) else x


@dataclass(frozen=True)
class StabilityResult:
    """Weight stability intervals (Mareschal 1988): one per criterion.

    ``intervals[j] = (low, high)``: the range of criterion j's weight (the others rescaled
    proportionally) within which the first-ranked alternative (or the whole ranking, with
    ``full_ranking=True``) stays the same. ``swap`` gives the smallest change of one weight
    that swaps the first two: ``(criterion, new weight, change)``, or None if no weight can;
    ``tipping`` the smallest change of one weight after which the first-ranked alternative is
    no longer first (whoever takes its place), from the interval ends.

    ``alternatives`` and ``criteria`` label them for :meth:`to_frame` and :meth:`to_dict`
    (``a1`` ... and ``c1`` ... unless given; an appraisal gives its option and criterion ids).

    Examples
    --------
    >>> from decisionkit.mcda import weight_stability
    >>> m, d = [[1, 9, 2], [9, 1, 8]], ["max", "max", "max"]
    >>> st = weight_stability(m, [5, 3, 2], d, method="weighted_sum")
    >>> st.winner, st.to_frame().round(4)[["criterion", "low", "high"]].values.tolist()
    ('a2', [['c1', 0.1667, 1.0], ['c2', 0.0, 0.5], ['c3', 0.0, 1.0]])
    >>> tip = st.to_dict(scale=10)["tipping"]  # on the scale of the weights given: 5, 3, 2
    >>> tip["criterion"], round(tip["from_case"], 6), round(tip["to_case"], 6)
    ('c2', 3.0, 5.0)
    """

    intervals: np.ndarray
    weights: np.ndarray
    first: int
    swap: tuple[int, float, float] | None
    tipping: tuple[int, float, float] | None = None
    conventions: dict[str, Any] = field(default_factory=dict)
    alternatives: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        k = len(self.weights)
        object.__setattr__(self, "criteria", _labels(self.criteria, k, "c", "criteria"))
        if self.alternatives:
            labels = tuple(str(x) for x in self.alternatives)
            if not 0 <= self.first < len(labels) or len(set(labels)) != len(labels):
                raise MCDAError(
                    f"alternatives must be distinct labels, one for each alternative (the "
                    f"first-ranked is number {self.first})"
                )
            object.__setattr__(self, "alternatives", labels)

    @property
    def winner(self) -> str:
        """The label of the first-ranked alternative (``a<first + 1>`` without labels)."""
        return self.alternatives[self.first] if self.alternatives else f"a{self.first + 1}"

    def to_frame(self) -> Any:
        """One row per criterion: ``option`` (the first-ranked alternative), ``criterion``,
        ``weight`` (now, normalised), ``low`` and ``high`` (the interval, normalised)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "option": self.winner,
                "criterion": self.criteria,
                "weight": self.weights,
                "low": self.intervals[:, 0],
                "high": self.intervals[:, 1],
            }
        )

    def to_dict(self, *, scale: float | None = None) -> dict[str, Any]:
        """Plain data for JSON: ``winner``, ``full_ranking``, ``intervals`` (one
        ``{criterion, weight, low, high}`` per criterion), ``tipping`` and ``swap`` (each
        ``{criterion, from, to}``, the weight of that criterion now and after the change, or
        ``None``).

        Weights are normalised (they sum to 1). With ``scale`` (the sum of the weights as the
        case writes them, e.g. 100 for 40/40/20), every weight also comes on that scale:
        ``weight_case``, ``low_case``, ``high_case``, ``from_case``, ``to_case`` (the
        normalised value times ``scale``), and ``weight_scale`` gives the scale.
        """

        def change(c: tuple[int, float, float] | None) -> dict[str, Any] | None:
            if c is None:
                return None
            j, new, _ = c
            out: dict[str, Any] = {
                "criterion": self.criteria[j],
                "from": float(self.weights[j]),
                "to": float(new),
            }
            if scale is not None:
                out |= {"from_case": out["from"] * scale, "to_case": out["to"] * scale}
            return out

        intervals = []
        for c, w, (lo, hi) in zip(self.criteria, self.weights, self.intervals, strict=True):
            row: dict[str, Any] = {
                "criterion": c,
                "weight": float(w),
                "low": float(lo),
                "high": float(hi),
            }
            if scale is not None:
                row |= {
                    "weight_case": float(w) * scale,
                    "low_case": float(lo) * scale,
                    "high_case": float(hi) * scale,
                }
            intervals.append(row)
        out = {
            "winner": self.winner,
            "full_ranking": bool(self.conventions.get("full_ranking", False)),
            "intervals": intervals,
            "tipping": change(self.tipping),
            "swap": change(self.swap),
        }
        if scale is not None:
            out["weight_scale"] = float(scale)
        return out
