"""Outcome: the normal quantile of its percentile intervals, without scipy at import time."""

from statistics import NormalDist

import numpy as np
import pytest
from scipy import special

from decisionkit.montecarlo import Outcome


@pytest.mark.parametrize("p", [0.5, 0.6, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.9995, 1 - 1e-9])
def test_normal_quantile_matches_scipy_ndtri(p):
    # Outcome.interval uses statistics.NormalDist, so that importing it does not load scipy
    assert NormalDist().inv_cdf(p) == pytest.approx(float(special.ndtri(p)), rel=1e-14, abs=0)


def test_interval_ranks_are_the_order_statistics_of_the_normal_approximation():
    n = 10_000
    out = Outcome("capex", np.arange(n, dtype=float), "EUR", 0.0)
    z = float(special.ndtri(0.975))
    half = z * np.sqrt(n * 0.8 * 0.2)
    lo, hi = out.interval(80, 0.95)
    assert lo == np.floor(n * 0.8 - half) - 1
    assert hi == np.ceil(n * 0.8 + half) - 1
    assert out.interval(80, 0.99)[0] < lo  # a higher confidence widens the interval
