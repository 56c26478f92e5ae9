"""Scoring a stack of samples at once ranks like one kernel per sample (SMAA relies on it)."""

from __future__ import annotations

import numpy as np
import pytest

from decisionkit.mcda import METHODS
from decisionkit.mcda._batched import batched_kernel

CASES = [
    ("topsis", {}),
    ("topsis", {"normalization": "minmax"}),
    ("weighted_sum", {}),
    ("weighted_sum", {"normalization": "vector"}),
    ("weighted_product", {}),
    ("vikor", {"v": 0.3}),
    ("promethee_ii", {}),
    (
        "promethee_ii",
        {"preference": ["linear", "v-shape", "usual"], "q": [1, None, None], "p": [5, 3, None]},
    ),
]


@pytest.mark.parametrize(("method", "options"), CASES)
def test_batched_scores_rank_like_the_method_on_each_sample(method, options):
    rng = np.random.default_rng(4)
    data = rng.uniform(1, 20, size=(50, 5, 3))
    directions = ["max", "min", "max"]
    benefit = np.array([d == "max" for d in directions])
    w = rng.dirichlet(np.ones(3), size=200)
    idx = np.arange(200) % 50
    scores = batched_kernel(method, data, benefit, options)(w, idx)
    for b in range(200):
        ref = METHODS[method](data[idx[b]], w[b], directions, **options)
        np.testing.assert_array_equal(np.argsort(-scores[b]), np.argsort(-ref), err_msg=str(b))
