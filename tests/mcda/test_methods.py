"""MCDA methods: hand-checked values, invariants (hypothesis) and clear errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decisionkit import MCDAError, mcda

METHODS = ["weighted_sum", "weighted_product", "topsis", "vikor", "promethee_ii"]


def scores(method, m, w, d):
    return mcda.METHODS[method](m, w, d)


def test_weighted_sum_by_hand():
    m = [[1, 10], [3, 20], [2, 15]]
    # minmax: criterion 1 (max) -> 0, 1, 0.5; criterion 2 (min) -> 1, 0, 0.5
    assert mcda.weighted_sum(m, [1, 3], ["max", "min"]).tolist() == pytest.approx([0.75, 0.25, 0.5])
    # max normalisation: x / max and min / x
    assert mcda.weighted_sum(m, [1, 1], ["max", "min"], normalization="max").tolist() == (
        pytest.approx([(1 / 3 + 1) / 2, (1 + 0.5) / 2, (2 / 3 + 10 / 15) / 2])
    )


def test_weighted_product_by_hand():
    m = [[2, 4], [4, 2]]
    got = mcda.weighted_product(m, [0.5, 0.5], ["max", "min"])
    assert got.tolist() == pytest.approx([2**0.5 * 4**-0.5, 4**0.5 * 2**-0.5])


def test_topsis_two_alternatives_and_ties():
    assert mcda.topsis([[2, 1], [1, 2]], [1, 1], ["max", "min"]).tolist() == [1.0, 0.0]
    assert mcda.topsis([[1, 1], [1, 1]], [1, 1], ["max", "max"]).tolist() == [0.5, 0.5]


def test_topsis_by_hand():
    m = np.array([[3.0, 4.0], [4.0, 3.0], [0.0, 0.0]])
    # vector norms are 5 and 5; weighted (w = 1/2): rows (0.3, 0.4), (0.4, 0.3), (0, 0)
    c = mcda.topsis(m, [1, 1], ["max", "max"])
    d_plus = np.hypot(0.1, 0.0)
    d_minus = np.hypot(0.3, 0.4)
    assert c[0] == pytest.approx(d_minus / (d_plus + d_minus))
    assert c[0] == pytest.approx(c[1])
    assert c[2] == 0.0


def test_vikor_by_hand_and_compromise_conditions():
    m = [[1, 9], [5, 5], [9, 1]]
    r = mcda.vikor(m, [0.5, 0.5], ["max", "max"])
    assert r.S.tolist() == pytest.approx([0.5, 0.5, 0.5])
    assert r.R.tolist() == pytest.approx([0.5, 0.25, 0.5])
    assert r.Q.tolist() == pytest.approx([0.5, 0.0, 0.5])  # S all equal: only R counts
    assert r.ranking[0] == 1
    assert r.acceptable_advantage  # 0.5 >= 1 / (3 - 1)
    assert r.acceptable_stability  # first by R
    assert r.compromise == (1,)
    # S = 1/6, 1/6, 1/6, 1; R = 1/6, 1/12, 1/6, 1/2; Q = 0.1, 0, 0.1, 1 (by hand)
    close = mcda.vikor([[6, 4], [5, 5], [4, 6], [0, 0]], [0.5, 0.5], ["max", "max"])
    assert close.Q.tolist() == pytest.approx([0.1, 0.0, 0.1, 1.0])
    assert not close.acceptable_advantage  # 0.1 < 1 / (4 - 1)
    assert close.acceptable_stability
    assert close.compromise == (1, 0, 2)  # every Q within 1/3 of the first


@pytest.mark.parametrize(
    ("kind", "params", "d", "expected"),
    [
        ("usual", {}, [-1, 0, 0.5], [0, 0, 1]),
        ("u-shape", {"q": 1}, [0.5, 1, 1.5], [0, 0, 1]),
        ("v-shape", {"p": 2}, [0, 1, 3], [0, 0.5, 1]),
        ("level", {"q": 1, "p": 2}, [1, 1.5, 2.5], [0, 0.5, 1]),
        ("linear", {"q": 1, "p": 3}, [1, 2, 4], [0, 0.5, 1]),
        ("gaussian", {"s": 1}, [0, 1, -1], [0, 1 - np.exp(-0.5), 0]),
    ],
)
def test_preference_functions(kind, params, d, expected):
    # two alternatives differing by d on one max criterion: P(a, b) for a = d, b = 0
    got = [
        mcda.preference_matrices([[x], [0]], ["max"], preference=kind, **params)[0, 0, 1] for x in d
    ]
    assert got == pytest.approx(expected)


def test_promethee_flows_and_partial_order():
    m = [[1, 5], [2, 4], [3, 3], [0, 0]]
    r = mcda.promethee_i(m, [0.5, 0.5], ["max", "max"])
    assert r.net.sum() == pytest.approx(0)
    assert ((r.positive >= 0) & (r.positive <= 1)).all()
    assert ((r.negative >= 0) & (r.negative <= 1)).all()
    assert r.outranks[0, 3]  # dominates
    assert not r.outranks[3].any()
    assert not r.incomparable[0, 0]
    assert np.array_equal(mcda.promethee_ii(m, [0.5, 0.5], ["max", "max"]), r.net)


def test_consistent_ahp_matrix_recovers_the_weights_with_zero_cr():
    w = np.array([0.5, 0.3, 0.15, 0.05])
    a = w[:, None] / w[None, :]
    for method in ("eigenvector", "geometric"):
        r = mcda.ahp_weights(a, method=method)
        assert r.weights == pytest.approx(w)
        assert r.lambda_max == pytest.approx(4)
        assert r.cr == pytest.approx(0, abs=1e-9)
        assert r.suggestions == ()
    assert r.conventions["random_index"] == "Saaty (1980)"


def test_inconsistent_ahp_names_the_judgement_to_revise():
    a = np.array([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])  # a cycle: very inconsistent
    r = mcda.ahp_weights(a)
    assert r.cr > 0.1
    i, j, current, suggested, new_cr = r.suggestions[0]
    assert new_cr < r.cr
    assert current == a[i, j]
    revised = a.copy()
    revised[i, j], revised[j, i] = suggested, 1 / suggested
    assert mcda.ahp_weights(revised).cr == pytest.approx(new_cr)


def test_ahp_input_errors():
    with pytest.raises(MCDAError, match="reciprocal"):
        mcda.ahp_weights([[1, 2], [2, 1]])
    with pytest.raises(MCDAError, match="square"):
        mcda.ahp_weights([[1, 2, 3]])
    with pytest.raises(MCDAError, match="diagonal"):
        mcda.ahp_weights([[2, 1], [1, 2]])


def test_geometric_mean_aggregation_stays_reciprocal():
    a = [[1, 3], [1 / 3, 1]]
    b = [[1, 1 / 3], [3, 1]]
    agg = mcda.aggregate_judgements([a, b])
    assert np.allclose(agg, 1.0)
    agg = mcda.aggregate_judgements([a, [[1, 9], [1 / 9, 1]]])
    assert agg[0, 1] == pytest.approx(np.sqrt(27))
    assert agg[0, 1] * agg[1, 0] == pytest.approx(1)


def test_rank_weights():
    # Barron & Barrett (1996): ROC weight of rank k of n is (1/n) sum_{i=k..n} 1/i
    expected = [sum(1 / i for i in range(k, 5)) / 4 for k in range(1, 5)]
    assert mcda.roc_weights([1, 2, 3, 4]).tolist() == pytest.approx(expected)
    assert round(expected[0], 4) == 0.5208
    assert mcda.roc_weights([2, 1]).tolist() == pytest.approx([0.25, 0.75])
    tied = mcda.roc_weights([1, 2, 2, 4])
    assert tied[1] == tied[2] == pytest.approx((expected[1] + expected[2]) / 2)
    assert mcda.rank_sum_weights([1, 2, 3]).tolist() == pytest.approx([3 / 6, 2 / 6, 1 / 6])
    assert mcda.reciprocal_weights([1, 2]).tolist() == pytest.approx([2 / 3, 1 / 3])
    assert mcda.swing_weights([100, 50, 50]).tolist() == pytest.approx([0.5, 0.25, 0.25])
    assert mcda.direct_weights([2, 2]).tolist() == [0.5, 0.5]


def test_dominance():
    d = mcda.dominance([[1, 5], [2, 5], [0, 9]], ["max", "min"])
    assert d[1, 0]
    assert not d[0, 1]
    assert not d[2].any()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: mcda.topsis([[1, 2]], [1, -1], ["max", "max"]), "weights\\[1\\] is -1"),
        (lambda: mcda.topsis([[1, 2]], [0, 0], ["max", "max"]), "all weights are zero"),
        (lambda: mcda.topsis([[1, 2]], [1, 1], ["max", "up"]), "'max' or 'min'"),
        (lambda: mcda.topsis([[1, 2]], [1, 1], ["max"]), "1 entries for 2 criteria"),
        (lambda: mcda.topsis([1, 2], [1, 1], ["max", "max"]), "must be 2-D"),
        (lambda: mcda.topsis([[1, np.nan]], [1, 1], ["max", "max"]), "must be finite"),
        (lambda: mcda.weighted_product([[0, 1]], [1, 1], ["max", "max"]), "values > 0"),
        (lambda: mcda.promethee_ii([[1], [2]], [1], ["max"], preference="linear"), "needs q"),
        (
            lambda: mcda.promethee_ii([[1], [2]], [1], ["max"], preference="linear", q=2, p=1),
            "must be > q",
        ),
        (
            lambda: mcda.topsis([[1, 2]], [1, 1], ["max", "max"], normalization="l2"),
            "normalization must be one of",
        ),
    ],
)
def test_errors_are_clear(call, message):
    with pytest.raises(MCDAError, match=message):
        call()


positive = st.floats(0.1, 100, allow_nan=False)


@st.composite
def problems(draw):
    n = draw(st.integers(2, 6))
    k = draw(st.integers(1, 5))
    m = np.array(draw(st.lists(st.lists(positive, min_size=k, max_size=k), min_size=n, max_size=n)))
    w = np.array(draw(st.lists(st.floats(0.01, 10), min_size=k, max_size=k)))
    d = draw(st.lists(st.sampled_from(["max", "min"]), min_size=k, max_size=k))
    return m, w, d


@settings(max_examples=60, deadline=None)
@given(problems(), st.floats(0.01, 1000), st.sampled_from(METHODS))
def test_scaling_all_weights_leaves_the_scores_unchanged(problem, factor, method):
    m, w, d = problem
    assert scores(method, m, w * factor, d) == pytest.approx(scores(method, m, w, d), abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(problems(), st.sampled_from(METHODS), st.data())
def test_a_dominating_alternative_ranks_first(problem, method, data):
    m, w, d = problem
    benefit = np.array([x == "max" for x in d])
    best = np.where(benefit, m.max(axis=0) * 1.1 + 0.1, m.min(axis=0) * 0.9 - 0.0)
    best = np.maximum(best, 0.05)  # stays > 0 for the weighted product
    at = data.draw(st.integers(0, len(m)))
    full = np.insert(m, at, best, axis=0)
    s = scores(method, full, w, d)
    assert s[at] >= s.max() - 1e-12
    assert mcda.dominance(full, d)[at, np.arange(len(full)) != at].all()
