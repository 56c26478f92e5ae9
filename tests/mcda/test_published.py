"""Published worked examples of MCDA methods, reproduced through :mod:`decisionkit.mcda`.

Every expected number in this file is copied from a published source: a book, a paper, or a
public repository's test that itself cites the published example with its numbers (both are
cited in each test's docstring). No expected value is computed here or adjusted to fit.

Tolerances follow the precision the source prints: a source that rounds to ``k`` decimals is
checked with ``abs=_dp(k)``, i.e. half a unit in the last printed place plus a 20% margin for
values that sit on a rounding boundary (e.g. 0.74825 printed as 0.7482). Where a source's own
intermediate rounding keeps it further from an exact recomputation, the looser tolerance is
stated and explained in that test.
"""

from __future__ import annotations

import numpy as np
import pytest

from decisionkit.mcda import (
    ahp_weights,
    promethee_i,
    promethee_ii,
    roc_weights,
    topsis,
    vikor,
    weighted_product,
    weighted_sum,
)


def _dp(k: int) -> float:
    """Absolute tolerance for a value printed with ``k`` decimals."""
    return 0.6 * 10.0**-k


def _reciprocal(upper: list[list[float]]) -> np.ndarray:
    """Complete a pairwise comparison matrix given as its upper triangle (rows may be ragged)."""
    n = len(upper)
    a = np.ones((n, n))
    for i, row in enumerate(upper):
        for j, value in enumerate(row, start=n - len(row)):
            a[i, j] = value
            a[j, i] = 1.0 / value
    return a


def _ahp_synthesis(criteria: np.ndarray, per_criterion: list[np.ndarray]) -> np.ndarray:
    """Saaty's distributive synthesis: sum over criteria of criterion weight x local priority."""
    w = ahp_weights(criteria).weights
    local = np.column_stack([ahp_weights(p).weights for p in per_criterion])
    return local @ w


# -- TOPSIS -----------------------------------------------------------------------------------


def test_topsis_tzeng_huang_2011():
    """TOPSIS, vector normalisation, three benefit criteria.

    Source: Tzeng, G.-H. & Huang, J.-J. (2011). *Multiple Attribute Decision Making: Methods
    and Applications*. CRC Press (TOPSIS chapter, numerical example). Taken from
    scikit-criteria, ``tests/agg/test_topsis.py::test_TOPSIS_tzeng2011multiple`` (commit
    102c04f7) and ``tests/madm/test_topsis.py`` (commit ce8c6a34), which cite the book and
    check the closeness coefficients at ``atol=1e-4``.
    The source prints 4 decimals; one value (0.74825) sits on the rounding boundary.
    """
    matrix = [
        [5, 8, 4],
        [7, 6, 8],
        [8, 8, 6],
        [7, 4, 6],
    ]
    weights = [0.3, 0.4, 0.3]
    closeness = topsis(matrix, weights, ["max", "max", "max"], normalization="vector")
    assert closeness == pytest.approx([0.5037, 0.6581, 0.7482, 0.3340], abs=_dp(4))
    # Published ranking: A3 > A2 > A1 > A4.
    assert list(np.argsort(-closeness)) == [2, 1, 0, 3]


def test_topsis_ersoy_2021_entropy_weights():
    """TOPSIS, vector normalisation, four benefit and two cost criteria.

    Source: Ersoy, Y. (2021). Equipment selection for an e-commerce company using
    entropy-based TOPSIS, EDAS and CODAS methods during the COVID-19. *LogForum*, 17(3),
    341-358 (TOPSIS closeness coefficients). Taken from pyrepo-mcda (energyinpython),
    ``tests/test_mcda_methods.py::Test_TOPSIS`` (commit 8ea0d9f9), which cites the paper.

    Tolerance: the paper prints 3 decimals, but its entropy weights are printed (and given
    here) to 3 decimals only, so its closeness values are not reproducible beyond about
    +-0.0008 from the printed inputs; pyrepo-mcda compares them after rounding to 2 decimals.
    We use ``abs=1e-3``.
    """
    matrix = [
        [256, 8, 41, 1.6, 1.77, 7347.16],
        [256, 8, 32, 1.0, 1.8, 6919.99],
        [256, 8, 53, 1.6, 1.9, 8400],
        [256, 8, 41, 1.0, 1.75, 6808.9],
        [512, 8, 35, 1.6, 1.7, 8479.99],
        [256, 4, 35, 1.6, 1.7, 7499.99],
    ]
    weights = [0.405, 0.221, 0.134, 0.199, 0.007, 0.034]
    directions = ["max", "max", "max", "max", "min", "min"]
    closeness = topsis(matrix, weights, directions, normalization="vector")
    assert closeness == pytest.approx([0.308, 0.254, 0.327, 0.263, 0.857, 0.192], abs=1e-3)
    # Ranking implied by the published values: A5 > A3 > A1 > A4 > A2 > A6.
    assert list(np.argsort(-closeness)) == [4, 2, 0, 3, 1, 5]


# -- VIKOR ------------------------------------------------------------------------------------


@pytest.mark.parametrize("units", ["published", "rescaled"])
def test_vikor_opricovic_tzeng_2004(units):
    """VIKOR, v = 0.5: the illustrative example of the VIKOR/TOPSIS comparison paper.

    Source: Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: a
    comparative analysis of VIKOR and TOPSIS. *European Journal of Operational Research*,
    156(2), 445-455 (numerical example: risk, to minimise, and altitude, to maximise; equal
    weights). Taken from scikit-criteria, ``tests/agg/test_vikor.py::
    test_VIKOR_opricovic2004compromise`` (commit 102c04f7), which also runs the example with
    the criteria re-expressed in other units (risk + 5, altitude / 1000 - 1) and expects the
    same S, R and Q, since VIKOR's linear normalisation is invariant to such changes; the
    Q values [1, 0, 1] are also checked by pymcdm's ``TestVIKOR.test_output_opricovic``.
    The published values are exact.
    """
    matrix = [[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]]
    if units == "rescaled":
        matrix = [[risk + 5, altitude / 1000 - 1] for risk, altitude in matrix]
    res = vikor(matrix, [0.5, 0.5], ["min", "max"], v=0.5)
    group_utility, regret, index = res.S, res.R, res.Q
    assert group_utility == pytest.approx([0.5, 0.375, 0.5], abs=1e-9)
    assert regret == pytest.approx([0.5, 0.25, 0.5], abs=1e-9)
    assert index == pytest.approx([1.0, 0.0, 1.0], abs=1e-9)
    # A2 is the compromise solution; A1 and A3 tie behind it.
    assert res.ranking[0] == 1
    assert set(res.ranking[1:].tolist()) == {0, 2}
    assert res.acceptable_advantage is True
    assert res.acceptable_stability is True
    assert tuple(res.compromise) == (1,)


# Opricovic & Tzeng (2007), Table 1 (six hydropower alternatives, eight criteria) and the
# results for their four weight sets W1..W4 (S, R, Q printed to 3 decimals).
_OT2007_MATRIX = [
    [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
    [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
    [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
    [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
    [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
    [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
]
_OT2007_DIRECTIONS = ["max", "min", "max", "max", "min", "min", "min", "max"]
_OT2007_CASES = {
    # weights, S, R, Q, published rank of each alternative (1 = best), C1, C2, compromise set
    "W1": (
        [1, 1, 1, 1, 1, 1, 1, 1],
        [0.692, 0.7, 0.29, 0.423, 0.28, 0.346],
        [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
        [0.991, 1.0, 0.473, 0.670, 0.0, 0.578],
        [5, 6, 2, 4, 1, 3],
        True,
        True,
        {4},
    ),
    "W2": (
        [2, 2, 2, 2, 1, 1, 1, 1],
        [0.701, 0.6, 0.386, 0.365, 0.317, 0.459],
        [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
        [1.0, 0.533, 0.552, 0.563, 0.0, 0.686],
        [6, 2, 3, 4, 1, 5],
        True,
        True,
        {4},
    ),
    "W3": (
        [1, 1, 1, 1, 2, 2, 2, 2],
        [0.683, 0.8, 0.193, 0.48, 0.243, 0.232],
        [0.113, 0.167, 0.08, 0.122, 0.044, 0.083],
        [0.684, 1.0, 0.147, 0.554, 0.041, 0.191],
        [5, 6, 2, 4, 1, 3],
        False,
        True,
        {2, 4, 5},
    ),
    "W4": (
        [1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2],
        [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
        [0.129, 0.190, 0.057, 0.139, 0.042, 0.060],
        [0.668, 1.0, 0.051, 0.588, 0.058, 0.078],
        [5, 6, 1, 4, 2, 3],
        False,
        True,
        {2, 4, 5},
    ),
}


@pytest.mark.parametrize("case", sorted(_OT2007_CASES))
def test_vikor_opricovic_tzeng_2007_hydropower(case):
    """VIKOR, v = 0.5, with four weight sets, compromise conditions C1/C2 and sets.

    Source: Opricovic, S. & Tzeng, G.-H. (2007). Extended VIKOR method in comparison with
    outranking methods. *European Journal of Operational Research*, 178(2), 514-529
    (numerical example: six alternatives, eight criteria; S, R, Q and the ranking for weight
    sets W1-W4). Taken from scikit-criteria, ``tests/agg/test_vikor.py::
    test_VIKOR_opricovic2007extended`` (commit 102c04f7), which cites the paper and checks
    S, R, Q at ``rtol=atol=1e-3``. Weights are given unnormalised, as in the paper.
    The source prints 3 decimals; some values sit on the rounding boundary (S = 0.7015 is
    printed 0.701), hence ``_dp(3)``.
    """
    weights, s, r, q, rank, advantage, stability, compromise = _OT2007_CASES[case]
    res = vikor(_OT2007_MATRIX, weights, _OT2007_DIRECTIONS, v=0.5)
    group_utility, regret, index = res.S, res.R, res.Q
    assert group_utility == pytest.approx(s, abs=_dp(3))
    assert regret == pytest.approx(r, abs=_dp(3))
    assert index == pytest.approx(q, abs=_dp(3))
    best_first = sorted(range(6), key=lambda i: rank[i])
    assert res.ranking.tolist() == best_first
    assert res.acceptable_advantage is advantage
    assert res.acceptable_stability is stability
    assert set(res.compromise) == compromise
    assert res.ranking[0] in res.compromise


def test_vikor_papathanasiou_ploskas_2018_v0625():
    """VIKOR with v = 0.625 (a non-default strategy weight), four benefit criteria.

    Source: Papathanasiou, J. & Ploskas, N. (2018). VIKOR. In *Multiple Criteria Decision
    Aid: Methods, Examples and Python Implementations* (Springer Optimization and Its
    Applications 136, pp. 31-55). Springer, Cham. doi:10.1007/978-3-319-91648-4_2.
    Taken from pyrepo-mcda, ``tests/test_mcda_methods.py::Test_VIKOR`` (commit 8ea0d9f9),
    which cites the chapter; Q is printed to 3 decimals.
    """
    matrix = [
        [8, 7, 2, 1],
        [5, 3, 7, 5],
        [7, 5, 6, 4],
        [9, 9, 7, 3],
        [11, 10, 3, 7],
        [6, 9, 5, 4],
    ]
    res = vikor(matrix, [0.4, 0.3, 0.1, 0.2], ["max"] * 4, v=0.625)
    index = res.Q
    assert index == pytest.approx([0.640, 1.000, 0.693, 0.271, 0.000, 0.694], abs=_dp(3))
    # Published ranking (ascending Q): A5, A4, A1, A3, A6, A2.
    assert res.ranking.tolist() == [4, 3, 0, 2, 5, 1]


def test_vikor_yang_wu_2020():
    """VIKOR, v = 0.5, equal weights, five alternatives on four benefit criteria.

    Source: Yang, W. & Wu, Y. (2020). A new improvement method to avoid rank reversal in
    VIKOR. *IEEE Access*, 8, 21261-21271. Taken from pymcdm (Shekhovtsov & Kizielewicz),
    test ``TestVIKOR.test_output_yang`` and the example in the ``VIKOR`` docstring of
    ``pymcdm/methods/vikor.py`` (commit 1bc181a2), which cite the paper; Q is printed to
    4 decimals.
    """
    matrix = [
        [78, 56, 34, 6],
        [4, 45, 3, 97],
        [18, 2, 50, 63],
        [9, 14, 11, 92],
        [85, 9, 100, 29],
    ]
    res = vikor(matrix, [0.25, 0.25, 0.25, 0.25], ["max"] * 4, v=0.5)
    index = res.Q
    assert index == pytest.approx([0.5679, 0.7667, 1.0, 0.7493, 0.0], abs=_dp(4))


# -- PROMETHEE --------------------------------------------------------------------------------


def test_promethee_zhao_2013_usual():
    """PROMETHEE II with the usual (type I) preference function.

    Source: Zhao, H., Peng, Y. & Li, W. (2013). Revised PROMETHEE II for improving efficiency
    in emergency response. *Procedia Computer Science*, 17, 181-188 (numerical example).
    Taken from pymcdm, test ``TestPROMETHEE_II.test_output`` (net flows to 2 decimals), which
    cites the paper. PROMETHEE I's positive minus negative flow must give the same net flows.
    """
    matrix = [[4, 3, 2], [3, 2, 4], [5, 1, 3]]
    weights = [0.5, 0.3, 0.2]
    directions = ["max", "max", "max"]
    published = [0.1, -0.3, 0.2]
    net = promethee_ii(matrix, weights, directions, preference="usual")
    assert net == pytest.approx(published, abs=_dp(2))
    flows = promethee_i(matrix, weights, directions, preference="usual")
    assert flows.positive - flows.negative == pytest.approx(published, abs=_dp(2))


def test_promethee_ii_papathanasiou_ploskas_2018_linear():
    """PROMETHEE II, linear (type V) preference function with q = 1 and p = 2 everywhere.

    Source: Papathanasiou, J. & Ploskas, N. (2018). PROMETHEE. In *Multiple Criteria
    Decision Aid: Methods, Examples and Python Implementations* (pp. 57-89). Springer, Cham.
    doi:10.1007/978-3-319-91648-4_3. Taken from pyrepo-mcda,
    ``tests/test_mcda_methods_2.py::Test_PROMETHEE_II`` (commit 798cff14), which cites the
    chapter and uses its ``_linear_function`` (type V: 0 up to q, linear to 1 at p); net
    flows printed to 2 decimals.
    """
    matrix = [
        [8, 7, 2, 1],
        [5, 3, 7, 5],
        [7, 5, 6, 4],
        [9, 9, 7, 3],
        [11, 10, 3, 7],
        [6, 9, 5, 4],
    ]
    net = promethee_ii(matrix, [0.4, 0.3, 0.1, 0.2], ["max"] * 4, preference="linear", q=1, p=2)
    assert net == pytest.approx([-0.26, -0.52, -0.22, 0.36, 0.70, -0.06], abs=_dp(2))


# Ziemba (2019), sustainable energy example: nine alternatives (columns) on twelve criteria
# (rows), as printed in the paper; transposed below to alternatives x criteria.
_ZIEMBA2019_BY_CRITERION = [
    [38723, 34913, 25596, 34842, 22570, 39773, 19500, 34525, 16486],
    [33207, 32085, 2123, 32095, 1445, 17485, 868, 16958, 958],
    [0, 0.2, 5, 0.2, 0.2, 0.2, 99, 99, 99],
    [3375, 3127, 3547, 3115, 3090, 4135, 3160, 4295, 3653],
    [11.36, 12.78, 12.78, 12.86, 12.86, 17, 12.86, 17, 12.86],
    [-320.9, -148.4, -148.4, -9.9, -9.9, 0, -9.9, 0, -9.9],
    [203.7, 463, 356.2, 552.5, 295, 383, 264, 352, 264],
    [0, 11.7, 44.8, 11.7, 95.9, 95.9, 116.8, 116.8, 164.9],
    [0, 4.9, 10.7, 5.4, 11.2, 11.2, 11.2, 11.2, 11.2],
    [1, 1, 1, 3.5, 4, 4, 4, 4, 4],
    [21.5, 47.9, 27.7, 39.7, 1.5, 22.7, 2.7, 23.9, 1],
    [0, 3.7, 4.5, 10.3, 11.5, 11.5, 11.3, 11.3, 11.4],
]


def test_promethee_ziemba_2019_linear_per_criterion_thresholds():
    """PROMETHEE II, linear (type V) preference with per-criterion q and p, mixed directions.

    Source: Ziemba, P. (2019). Towards strong sustainability management - a generalized
    PROSA method. *Sustainability*, 11(6), 1555. doi:10.3390/su11061555 (PROMETHEE II net
    flows reported for comparison with PROSA). Taken from pyrepo-mcda,
    ``tests/test_mcda_methods_2.py::Test_PROMETHEE_II_2`` (commit 798cff14), which cites the
    paper; net flows printed to 4 decimals. Weights are given unnormalised, as in the paper.
    PROMETHEE I's positive minus negative flow must give the same net flows.
    """
    matrix = np.array(_ZIEMBA2019_BY_CRITERION, dtype=float).T
    weights = [0.3333, 0.1667, 0.1667, 0.3333, 0.25, 0.75, 1, 1, 0.4, 0.20, 0.40, 1]
    signs = [-1, -1, 1, -1, 1, 1, -1, 1, 1, -1, -1, 1]
    directions = ["max" if s > 0 else "min" for s in signs]
    p = [2100, 5000, 50, 200, 5, 20, 100, 80, 4, 2, 23, 3]
    q = [420, 1000, 10, 40, 1, 7, 50, 20, 1, 1, 4.6, 1]
    published = [-0.4143, -0.5056, -0.2317, -0.2892, 0.3313, 0.0619, 0.4296, 0.1626, 0.4554]
    net = promethee_ii(matrix, weights, directions, preference="linear", q=q, p=p)
    assert net == pytest.approx(published, abs=_dp(4))
    flows = promethee_i(matrix, weights, directions, preference="linear", q=q, p=p)
    assert flows.positive - flows.negative == pytest.approx(published, abs=_dp(4))


def test_promethee_ii_ziemba_2017_vshape():
    """PROMETHEE II, V-shape (type III) preference with per-criterion p, mixed directions.

    Source: Ziemba, P., Watrobski, J., Ziolo, M. & Karczmarczyk, A. (2017). Using the PROSA
    method in offshore wind farm location problems. *Energies*, 10(11), 1755.
    doi:10.3390/en10111755 (PROMETHEE II net flows of the four locations). Taken from
    pyrepo-mcda, ``tests/test_mcda_methods_2.py::Test_PROMETHEE_II_3`` (commit 798cff14),
    which cites the paper; net flows printed to 4 decimals. The paper lists criteria in rows
    (transposed below); weights are given unnormalised, as in the paper.
    """
    by_criterion = [
        [16347, 14219, 8160, 8160],
        [9, 8.5, 9, 8.5],
        [73.8, 55, 64.8, 62.5],
        [36.7, 36, 28.5, 29.5],
        [1.5, 2, 2, 1.5],
        [3730, 3240, 1860, 1860],
        [2, 1, 2, 1],
        [1, 1, 2, 3],
        [38.8, 33.1, 45.8, 27.3],
        [4, 2, 4, 3],
        [1720524, 1496512, 858830, 858830],
        [40012, 34803, 19973, 19973],
    ]
    matrix = np.array(by_criterion, dtype=float).T
    weights = [20, 5, 5, 1.67, 1.67, 11.67, 11.67, 5, 5, 16.67, 8.33, 8.33]
    signs = [-1, -1, -1, -1, -1, 1, -1, -1, 1, -1, 1, 1]
    directions = ["max" if s > 0 else "min" for s in signs]
    p = [7280, 4, 13.4, 7.4, 3, 1662, 3, 3, 13.8, 3, 766240, 17820]
    net = promethee_ii(matrix, weights, directions, preference="v-shape", p=p)
    assert net == pytest.approx([-0.0445, 0.1884, -0.0954, -0.0485], abs=_dp(4))


# -- AHP --------------------------------------------------------------------------------------


def test_ahp_saaty_2008_drinks():
    """AHP eigenvector weights and consistency ratio: relative consumption of drinks in the US.

    Source: Saaty, T. L. (2008). Decision making with the analytic hierarchy process.
    *International Journal of Services Sciences*, 1(1), 83-98 (drinks consumption matrix,
    derived priorities and C.R. = 0.022). Taken from AHPy (PhilipGriffith/AHPy),
    ``tests/test_ahp.py::test_drinks_weights_precision_3_saaty`` and
    ``test_drinks_cr_saaty`` (commit 4be50e84), which cite the paper; weights and CR printed
    to 3 decimals. AHPy's 'saaty' random index for n = 7 is 1.35 (Saaty 2005) while
    decisionkit's default is Saaty's (1980) 1.32; the CR rounds to 0.022 with either.
    Order: coffee, wine, tea, beer, sodas, milk, water; a[i, j] = how much more of i is drunk.
    """
    pairwise = [
        [1, 9, 5, 2, 1, 1, 1 / 2],
        [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
        [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
        [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [1, 9, 4, 2, 1, 2, 1 / 2],
        [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [2, 9, 9, 3, 2, 3, 1],
    ]
    res = ahp_weights(pairwise, method="eigenvector")
    assert res.weights == pytest.approx(
        [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327], abs=_dp(3)
    )
    assert res.cr == pytest.approx(0.022, abs=_dp(3))


def test_ahp_harker_1987_distance_from_philadelphia():
    """AHP eigenvector weights: Saaty's "distance from Philadelphia" judgement matrix.

    Source: Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic hierarchy
    process. *Mathematical Modelling*, 9(11), 837-848, Table 1 "Distance from Philadelphia"
    (upper triangle of judgements and eigenvector weights w, printed to 4 decimals; the
    example is Saaty's). Transcribed from a public repository's article-extraction data file
    for Harker (1987) (found through the code index; its repository name was not shown).
    Order: Cairo, Tokyo, Chicago, San Francisco, London, Montreal.
    """
    pairwise = _reciprocal(
        [
            [1, 1 / 3, 8, 3, 3, 7],
            [1, 9, 3, 3, 9],
            [1, 1 / 6, 1 / 5, 2],
            [1, 1 / 3, 6],
            [1, 6],
            [1],
        ]
    )
    res = ahp_weights(pairwise, method="eigenvector")
    assert res.weights == pytest.approx(
        [0.2619, 0.3975, 0.0334, 0.1164, 0.1642, 0.0266], abs=_dp(4)
    )


def test_ahp_synthesis_saaty_2005_best_city():
    """AHP eigenvector weights at two levels, synthesised: where to live (four cities).

    Source: Saaty, T. L. (2005). *Theory and Applications of the Analytic Network Process*.
    RWS Publications, Pittsburgh (hierarchy: culture, family, housing, jobs, transportation;
    Bethesda, Boston, Pittsburgh, Santa Fe). Taken from AHPy, ``tests/test_ahp.py::
    test_cities_weights_saaty_precision_3`` (commit 4be50e84), which cites the book; overall
    priorities printed to 3 decimals.
    """
    criteria = ["Culture", "Family", "Housing", "Jobs", "Transportation"]
    cities = ["Bethesda", "Boston", "Pittsburgh", "Santa Fe"]

    def matrix(names, judgements):
        a = np.ones((len(names), len(names)))
        for (x, y), value in judgements.items():
            i, j = names.index(x), names.index(y)
            a[i, j], a[j, i] = value, 1.0 / value
        return a

    goal = {
        ("Culture", "Housing"): 3,
        ("Culture", "Transportation"): 5,
        ("Family", "Culture"): 5,
        ("Family", "Housing"): 7,
        ("Family", "Transportation"): 7,
        ("Housing", "Transportation"): 3,
        ("Jobs", "Culture"): 2,
        ("Jobs", "Housing"): 4,
        ("Jobs", "Transportation"): 7,
        ("Family", "Jobs"): 1,
    }
    per_criterion = {
        "Culture": {
            ("Bethesda", "Pittsburgh"): 1,
            ("Boston", "Bethesda"): 2,
            ("Boston", "Pittsburgh"): 2.5,
            ("Boston", "Santa Fe"): 1,
            ("Santa Fe", "Bethesda"): 2,
            ("Santa Fe", "Pittsburgh"): 2.5,
        },
        "Family": {
            ("Bethesda", "Boston"): 2,
            ("Bethesda", "Santa Fe"): 4,
            ("Boston", "Santa Fe"): 2,
            ("Pittsburgh", "Bethesda"): 3,
            ("Pittsburgh", "Boston"): 8,
            ("Pittsburgh", "Santa Fe"): 9,
        },
        "Housing": {
            ("Bethesda", "Boston"): 5,
            ("Bethesda", "Santa Fe"): 2.5,
            ("Pittsburgh", "Bethesda"): 2,
            ("Pittsburgh", "Boston"): 9,
            ("Pittsburgh", "Santa Fe"): 7,
            ("Santa Fe", "Boston"): 4,
        },
        "Jobs": {
            ("Bethesda", "Pittsburgh"): 3,
            ("Bethesda", "Santa Fe"): 4,
            ("Boston", "Bethesda"): 2,
            ("Boston", "Pittsburgh"): 6,
            ("Boston", "Santa Fe"): 8,
            ("Pittsburgh", "Santa Fe"): 1,
        },
        "Transportation": {
            ("Bethesda", "Boston"): 1.5,
            ("Bethesda", "Santa Fe"): 4,
            ("Boston", "Santa Fe"): 2.5,
            ("Pittsburgh", "Bethesda"): 2,
            ("Pittsburgh", "Boston"): 3.5,
            ("Pittsburgh", "Santa Fe"): 9,
        },
    }
    overall = _ahp_synthesis(
        matrix(criteria, goal), [matrix(cities, per_criterion[c]) for c in criteria]
    )
    assert overall == pytest.approx([0.229, 0.275, 0.385, 0.111], abs=_dp(3))


def test_ahp_synthesis_papathanasiou_ploskas_2018():
    """Classic AHP: eigenvector weights of criteria and of alternatives, synthesised.

    Source: Papathanasiou, J. & Ploskas, N. (2018). AHP. In *Multiple Criteria Decision Aid:
    Methods, Examples and Python Implementations* (pp. 109-129). Springer, Cham.
    doi:10.1007/978-3-319-91648-4_5. Taken from pyrepo-mcda,
    ``tests/test_mcda_methods_2.py::Test_AHP`` (commit 798cff14), which cites the chapter;
    the alternatives' overall priorities are printed to 3 decimals.
    """
    criteria = [[1, 1, 5, 3], [1, 1, 5, 3], [1 / 5, 1 / 5, 1, 1 / 3], [1 / 3, 1 / 3, 3, 1]]
    alternatives = [
        [
            [1, 5, 1, 1, 1 / 3, 3],
            [1 / 5, 1, 1 / 3, 1 / 5, 1 / 7, 1],
            [1, 3, 1, 1 / 3, 1 / 5, 1],
            [1, 5, 3, 1, 1 / 3, 3],
            [3, 7, 5, 3, 1, 7],
            [1 / 3, 1, 1, 1 / 3, 1 / 7, 1],
        ],
        [
            [1, 7, 3, 1 / 3, 1 / 3, 1 / 3],
            [1 / 7, 1, 1 / 3, 1 / 7, 1 / 9, 1 / 7],
            [1 / 3, 3, 1, 1 / 5, 1 / 5, 1 / 5],
            [3, 7, 5, 1, 1, 1],
            [3, 9, 5, 1, 1, 1],
            [3, 7, 5, 1, 1, 1],
        ],
        [
            [1, 1 / 9, 1 / 7, 1 / 9, 1, 1 / 5],
            [9, 1, 1, 1, 5, 3],
            [7, 1, 1, 1, 5, 1],
            [9, 1, 1, 1, 7, 3],
            [1, 1 / 5, 1 / 5, 1 / 7, 1, 1 / 3],
            [5, 1 / 3, 1, 1 / 3, 3, 1],
        ],
        [
            [1, 1 / 5, 1 / 5, 1 / 3, 1 / 7, 1 / 5],
            [5, 1, 1, 3, 1 / 3, 1],
            [5, 1, 1, 1, 1 / 3, 1],
            [3, 1 / 3, 1, 1, 1 / 7, 1],
            [7, 3, 3, 7, 1, 5],
            [5, 1, 1, 1, 1 / 5, 1],
        ],
    ]
    overall = _ahp_synthesis(np.array(criteria), [np.array(a) for a in alternatives])
    assert overall == pytest.approx([0.117, 0.071, 0.095, 0.212, 0.350, 0.155], abs=_dp(3))


# -- Surrogate weights ------------------------------------------------------------------------


def test_roc_weights_barron_barrett_1996():
    """Rank-order-centroid weights for four ranked criteria.

    Source: Barron, F. H. & Barrett, B. E. (1996). Decision quality using ranked attribute
    weights. *Management Science*, 42(11), 1515-1523 (ROC weights; for n = 4: 0.5208,
    0.2708, 0.1458, 0.0625, printed to 4 decimals).
    """
    published = [0.5208, 0.2708, 0.1458, 0.0625]
    assert roc_weights([1, 2, 3, 4]) == pytest.approx(published, abs=_dp(4))
    # ranks[i] is criterion i's rank: the same weights, permuted to follow the ranks.
    ranks = [3, 1, 4, 2]
    expected = [published[r - 1] for r in ranks]
    assert roc_weights(ranks) == pytest.approx(expected, abs=_dp(4))


# -- Weighted sum and weighted product --------------------------------------------------------


def test_weighted_sum_rizan_2020_saw():
    """Simple additive weighting with x / max normalisation (all benefit criteria).

    Source: Rizan, O., Wahyuningsih, D., Pradana, H. A. & Ramadella, S. (2020). SAW method
    in supporting the process of admission of new junior high school students. *2020 8th
    International Conference on Cyber and IT Service Management (CITSM)*, IEEE, pp. 1-5.
    doi:10.1109/CITSM50537.2020.9268874. Taken from pyrepo-mcda,
    ``tests/test_mcda_methods_2.py::Test_SAW`` (commit 798cff14), which cites the paper and
    uses pyrepo's ``linear_normalization`` (x / max for benefit criteria); scores printed
    to 3 decimals.
    """
    matrix = [
        [0.75, 0.50, 0.75, 0, 0, 0, 1],
        [0.75, 1, 0.75, 0, 0, 0, 0.75],
        [0.75, 0.75, 0.75, 0, 0.50, 0.25, 1],
        [0.50, 0.50, 0.75, 1, 0.50, 0, 0.75],
    ]
    weights = [0.1, 0.1, 0.1, 0.15, 0.2, 0.25, 0.1]
    scores = weighted_sum(matrix, weights, ["max"] * 7, normalization="max")
    assert scores == pytest.approx([0.35, 0.375, 0.825, 0.642], abs=_dp(3))


# Chakraborty, Zavadskas & Antucheviciene (2015), WASPAS Example 2: ten alternatives on
# purchase cost (min), floor space (min), manoeuvrability (min) and productivity (max), with
# linear normalisation x / max (benefit) and min / x (cost).
_WASPAS_MATRIX = np.array(
    [
        [581818, 54.49, 3, 5500],
        [595454, 49.73, 3, 4500],
        [586060, 51.24, 3, 5000],
        [522727, 45.71, 3, 5800],
        [561818, 52.66, 3, 5200],
        [543030, 74.46, 4, 5600],
        [522727, 75.42, 4, 5800],
        [486970, 62.62, 4, 5600],
        [509394, 65.87, 4, 6400],
        [513333, 70.67, 4, 6000],
    ],
    dtype=float,
)
_WASPAS_WEIGHTS = np.array([0.467, 0.160, 0.095, 0.278])
_WASPAS_DIRECTIONS = ["min", "min", "min", "max"]


def test_weighted_sum_chakraborty_2015_waspas_lambda_1():
    """Weighted sum with x / max (benefit) and min / x (cost) normalisation: WASPAS, lambda = 1.

    Source: Chakraborty, S., Zavadskas, E. K. & Antucheviciene, J. (2015). Applications of
    WASPAS method as a multi-criteria decision-making tool. *Economic Computation and
    Economic Cybernetics Studies and Research*, 49(1), 5-22, Example 2 (joint generalised
    criterion Q for lambda = 0, 0.1, ..., 1; lambda = 1 is the weighted sum model). Taken
    from scikit-criteria, ``tests/agg/test_simple.py::test_WASPAS_chakraborty2015applications``
    (commit 07cd7adb), which cites the paper and checks the scores at ``atol=1e-4``; printed
    to 4 decimals.
    """
    scores = weighted_sum(_WASPAS_MATRIX, _WASPAS_WEIGHTS, _WASPAS_DIRECTIONS, normalization="max")
    published = [0.8590, 0.8194, 0.8430, 0.9420, 0.8645, 0.8315, 0.8552, 0.8983, 0.9067, 0.8784]
    assert scores == pytest.approx(published, abs=_dp(4))


def test_weighted_product_chakraborty_2015_waspas_lambda_0():
    """Weighted product model: WASPAS, lambda = 0.

    Source: as :func:`test_weighted_sum_chakraborty_2015_waspas_lambda_1` (Chakraborty,
    Zavadskas & Antucheviciene 2015, Example 2, lambda = 0, printed to 4 decimals; taken
    from scikit-criteria's ``test_WASPAS_chakraborty2015applications``, commit 07cd7adb).

    The paper's WPM multiplies the *normalised* values, (min_j / x_ij)^w_j for cost and
    (x_ij / max_j)^w_j for benefit criteria, whereas ``weighted_product`` works on the raw
    values (x^-w for cost, x^w for benefit). The two differ by the same factor for every
    alternative, prod_cost(min_j^w_j) * prod_benefit(max_j^-w_j), which is applied below to
    put decisionkit's scores on the paper's scale (an exact identity, no fitting).
    """
    raw = weighted_product(_WASPAS_MATRIX, _WASPAS_WEIGHTS, _WASPAS_DIRECTIONS)
    cost = np.array([d == "min" for d in _WASPAS_DIRECTIONS])
    best = np.where(cost, _WASPAS_MATRIX.min(axis=0), _WASPAS_MATRIX.max(axis=0))
    factor = np.prod(best ** np.where(cost, _WASPAS_WEIGHTS, -_WASPAS_WEIGHTS))
    published = [0.8578, 0.8144, 0.8408, 0.9413, 0.8632, 0.8241, 0.8454, 0.8915, 0.8987, 0.8697]
    assert raw * factor == pytest.approx(published, abs=_dp(4))
    # The ranking needs no rescaling: A4 > A9 > A8 > A10 > A5 > A1 > A7 > A3 > A6 > A2.
    assert list(np.argsort(-raw)) == [3, 8, 7, 9, 4, 0, 6, 2, 5, 1]
