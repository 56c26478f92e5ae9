"""Multi-criteria decision analysis (layer 2): arrays in, arrays out; knows nothing of cases.

The matrix is alternatives x criteria; ``directions`` holds ``"max"`` or ``"min"`` per
criterion; weights are non-negative and normalised internally. :data:`METHODS` maps each
method name to a function returning scores where higher is better. The robustness results
(:class:`SMAAResult`, :class:`StabilityResult`) label alternatives ``a1``... and criteria
``c1``... unless given labels (an appraisal gives its option and criterion ids).
"""

from collections.abc import Callable

import numpy as np

from decisionkit.mcda.ahp import RANDOM_INDEX_SAATY, AHPResult, aggregate_judgements, ahp_weights
from decisionkit.mcda.dominance import dominance
from decisionkit.mcda.methods import (
    PREFERENCE_FUNCTIONS,
    PrometheeResult,
    VikorResult,
    preference_matrices,
    promethee_i,
    promethee_ii,
    topsis,
    vikor,
    weighted_product,
    weighted_sum,
)
from decisionkit.mcda.normalization import NORMALIZATIONS
from decisionkit.mcda.robustness import SMAAResult, StabilityResult, smaa, weight_stability
from decisionkit.mcda.weights import (
    direct_weights,
    rank_sum_weights,
    reciprocal_weights,
    roc_weights,
    swing_weights,
)


def _vikor_score(matrix, weights, directions, **options) -> np.ndarray:
    return 0.0 - vikor(matrix, weights, directions, **options).Q  # lower Q is better; no -0


METHODS: dict[str, Callable[..., np.ndarray]] = {
    "weighted_sum": weighted_sum,
    "weighted_product": weighted_product,
    "topsis": topsis,
    "vikor": _vikor_score,
    "promethee_ii": promethee_ii,
}
"""Registered methods: each returns one score per alternative, higher is better."""

__all__ = [
    "METHODS",
    "NORMALIZATIONS",
    "PREFERENCE_FUNCTIONS",
    "RANDOM_INDEX_SAATY",
    "AHPResult",
    "PrometheeResult",
    "SMAAResult",
    "StabilityResult",
    "VikorResult",
    "aggregate_judgements",
    "ahp_weights",
    "direct_weights",
    "dominance",
    "preference_matrices",
    "promethee_i",
    "promethee_ii",
    "rank_sum_weights",
    "reciprocal_weights",
    "roc_weights",
    "smaa",
    "swing_weights",
    "topsis",
    "vikor",
    "weight_stability",
    "weighted_product",
    "weighted_sum",
]
