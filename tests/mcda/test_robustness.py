"""SMAA-2 and weight stability: invariants and the definition of their results."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decisionkit import MCDAError, mcda

SMAA_METHODS = ["weighted_sum", "weighted_product", "topsis", "vikor", "promethee_ii"]


@st.composite
def problems(draw, min_alts=2):
    n = draw(st.integers(min_alts, 6))
    k = draw(st.integers(2, 4))
    m = np.array(
        draw(st.lists(st.lists(st.floats(0.5, 50), min_size=k, max_size=k), min_size=n, max_size=n))
    )
    d = draw(st.lists(st.sampled_from(["max", "min"]), min_size=k, max_size=k))
    return m, d


@settings(max_examples=30, deadline=None)
@given(problems(), st.sampled_from(SMAA_METHODS), st.integers(0, 2**31))
def test_acceptabilities_sum_to_one_per_alternative_and_per_rank(problem, method, seed):
    m, d = problem
    r = mcda.smaa(m, d, method=method, n=500, seed=seed)
    assert r.rank_acceptability.sum(axis=1) == pytest.approx(1)
    assert r.rank_acceptability.sum(axis=0) == pytest.approx(1)
    assert ((r.pairwise + r.pairwise.T) <= 1 + 1e-12).all()


@settings(max_examples=30, deadline=None)
@given(
    problems(), st.sampled_from(SMAA_METHODS), st.lists(st.floats(0.05, 1), min_size=4, max_size=4)
)
def test_one_weight_vector_and_no_uncertainty_give_that_ranking(problem, method, w):
    m, d = problem
    w = np.array(w[: m.shape[1]])
    r = mcda.smaa(m, d, method=method, weights=w, n=50, seed=1)
    scores = mcda.METHODS[method](m, w, d)
    order = np.argsort(-scores, kind="stable")
    for rank, alt in enumerate(order):
        assert r.rank_acceptability[alt, rank] == 1.0


def test_samples_carry_data_uncertainty():
    rng = np.random.default_rng(0)
    samples = rng.normal([[10, 1], [9, 1]], 0.5, size=(2000, 2, 2))
    r = mcda.smaa(samples, ["max", "max"], method="weighted_sum", weights=[1, 0], n=2000, seed=2)
    p_first = np.mean(samples[:, 0, 0] > samples[:, 1, 0])
    assert r.rank_acceptability[0, 0] == pytest.approx(p_first, abs=1e-9)
    assert r.pairwise[0, 1] == pytest.approx(p_first, abs=1e-9)


def test_central_weights_and_confidence_factors():
    m = [[1, 9], [9, 1]]
    r = mcda.smaa(m, ["max", "max"], method="weighted_sum", n=20_000, seed=3)
    assert r.rank_acceptability[:, 0] == pytest.approx([0.5, 0.5], abs=0.02)
    assert r.central_weights[0] == pytest.approx([0.25, 0.75], abs=0.01)  # mean of U(0, .5)
    assert r.confidence.tolist() == [1.0, 1.0]
    assert r.holistic == pytest.approx(r.rank_acceptability[:, 0])  # two alternatives


def test_weight_constraints():
    m = [[1, 9, 5], [9, 1, 5], [5, 5, 9]]
    bounded = mcda.smaa(
        m,
        ["max"] * 3,
        method="topsis",
        n=4_000,
        seed=4,
        weight_bounds=[(0.5, 0.8), (0.1, 0.3), (0.0, 0.4)],
    )
    cw = bounded.central_weights[~np.isnan(bounded.central_weights).any(axis=1)]
    assert ((cw[:, 0] >= 0.5) & (cw[:, 0] <= 0.8)).all()
    assert bounded.rank_acceptability[1, 0] > 0.9  # criterion 0 dominates: alternative 1 wins
    ordered = mcda.smaa(
        m, ["max"] * 3, method="weighted_sum", n=4_000, seed=5, weight_order=[3, 1, 2]
    )
    cw = ordered.central_weights[~np.isnan(ordered.central_weights).any(axis=1)]
    assert (cw[:, 1] >= cw[:, 2]).all()
    assert (cw[:, 2] >= cw[:, 0]).all()
    with pytest.raises(MCDAError, match="no weight vector summing to 1"):
        mcda.smaa(m, ["max"] * 3, weight_bounds=[(0.5, 1), (0.5, 1), (0.5, 1)])


def test_smaa_is_reproducible():
    m = [[1, 9, 5], [9, 1, 5], [5, 5, 9]]
    a = mcda.smaa(m, ["max", "min", "max"], n=3_000, seed=9)
    b = mcda.smaa(m, ["max", "min", "max"], n=3_000, seed=9)
    assert np.array_equal(a.rank_acceptability, b.rank_acceptability)


@settings(max_examples=25, deadline=None)
@given(
    problems(min_alts=3),
    st.sampled_from(["weighted_sum", "topsis", "promethee_ii"]),
    st.lists(st.floats(0.05, 1), min_size=4, max_size=4),
    st.booleans(),
)
def test_stability_interval_ends_are_where_the_ranking_changes(problem, method, w, full):
    m, d = problem
    w = np.array(w[: m.shape[1]])
    w = w / w.sum()
    res = mcda.weight_stability(m, w, d, method=method, full_ranking=full)
    base = np.argsort(-mcda.METHODS[method](m, w, d), kind="stable")

    def same(weights):
        order = np.argsort(-mcda.METHODS[method](m, weights, d), kind="stable")
        return (order == base).all() if full else order[0] == base[0]

    def tied(weights):
        scores = np.sort(mcda.METHODS[method](m, weights, d))
        return bool((np.diff(scores) <= 1e-9 * max(1.0, np.abs(scores).max())).any())

    def moved(j, t):
        rest = np.delete(w, j)
        rest = rest / rest.sum()
        return np.insert(rest * (1 - t), j, t)

    eps = 1e-6
    for j, (lo, hi) in enumerate(res.intervals):
        assert lo <= w[j] + 1e-9
        assert hi >= w[j] - 1e-9
        for end, inside, outside in ((lo, lo + eps, lo - eps), (hi, hi - eps, hi + eps)):
            if not (0 < end < 1 and 0 < inside < 1 and 0 < outside < 1):
                continue
            if tied(moved(j, inside)) or tied(moved(j, outside)):
                continue  # exact ties: the order is decided by rounding, not by the weights
            assert same(moved(j, inside)), (j, end)
            assert not same(moved(j, outside)), (j, end)


def test_smallest_swap_of_the_first_two():
    m = [[1, 9], [5, 5], [9, 1]]
    res = mcda.weight_stability(m, [0.3, 0.7], ["max", "max"], method="weighted_sum")
    assert res.first == 0
    assert np.allclose(res.intervals, [[0, 0.5], [0.5, 1]])
    criterion, new_weight, change = res.swap
    assert change == pytest.approx(0.2, abs=1e-9)
    assert criterion in (0, 1)
    assert new_weight == pytest.approx(0.5, abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 70), st.integers(1, 40), st.integers(0, 2**31), st.booleans())
def test_one_sort_order_equals_a_stable_argsort(m, rows, seed, with_ties):
    from decisionkit.mcda.robustness import _order

    rng = np.random.default_rng(seed)
    scores = rng.normal(size=(rows, m)) * rng.choice([1e-3, 1, 1e6])
    if with_ties:
        scores[:, rng.integers(m)] = scores[:, rng.integers(m)]
        scores[rng.random((rows, m)) < 0.1] = 0.0
        scores[rng.random((rows, m)) < 0.05] = -0.0
    assert np.array_equal(_order(scores), np.argsort(-scores, axis=1, kind="stable"))


def test_tipping_point_is_where_the_winner_loses_first_place():
    m = [[1, 9, 5], [9, 1, 5], [5, 5, 9], [4, 6, 6]]
    w = np.array([0.3, 0.5, 0.2])
    res = mcda.weight_stability(m, w, ["max"] * 3, method="weighted_sum")
    j, end, change = res.tipping
    assert change == pytest.approx(
        min(abs(e - w[i]) for i, pair in enumerate(res.intervals) for e in pair if 0 < e < 1)
    )
    rest = np.delete(w, j) / np.delete(w, j).sum()
    step = 1e-6 if end > w[j] else -1e-6
    before = np.insert(rest * (1 - (end - step)), j, end - step)
    after = np.insert(rest * (1 - (end + step)), j, end + step)
    assert np.argmax(mcda.weighted_sum(m, before, ["max"] * 3)) == res.first
    assert np.argmax(mcda.weighted_sum(m, after, ["max"] * 3)) != res.first


def test_tied_ranks_leave_tied_criteria_free_and_constraints_exclude_fixed_weights():
    m = [[1, 9, 5], [9, 1, 5], [5, 5, 9]]
    r = mcda.smaa(m, ["max"] * 3, method="weighted_sum", n=6_000, seed=6, weight_order=[1, 2, 2])
    cw = r.central_weights[~np.isnan(r.central_weights).any(axis=1)]
    assert (cw[:, 0] >= np.maximum(cw[:, 1], cw[:, 2])).all()
    assert r.rank_acceptability[1, 0] > 0  # criterion 1 may outweigh criterion 2
    assert r.rank_acceptability[2, 0] > 0  # and the other way round
    with pytest.raises(MCDAError, match="either fixed weights or weight constraints"):
        mcda.smaa(m, ["max"] * 3, weights=[1, 1, 1], weight_order=[1, 2, 3])
    with pytest.raises(MCDAError, match="numbers only"):
        mcda.smaa([["a", "b"]], ["max", "max"])


# -- labelled results: to_frame and to_dict ------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(problems(), st.sampled_from(SMAA_METHODS), st.integers(0, 2**31))
def test_smaa_frame_sums_to_one_per_option_and_per_rank(problem, method, seed):
    m, d = problem
    r = mcda.smaa(m, d, method=method, n=300, seed=seed)
    df = r.to_frame()
    assert list(df.columns) == ["option", "rank", "acceptability"]
    assert len(df) == len(m) ** 2
    assert df.groupby("option")["acceptability"].sum().to_numpy() == pytest.approx(1)
    assert df.groupby("rank")["acceptability"].sum().to_numpy() == pytest.approx(1)
    first = df[df["rank"] == 1].set_index("option")["acceptability"]
    assert first.to_dict() == dict(zip(r.alternatives, r.rank_acceptability[:, 0], strict=True))


def test_smaa_labels_default_and_replace():
    import dataclasses
    import json

    m = [[3, 250, 7], [4, 300, 5], [2, 200, 9]]
    r = mcda.smaa(m, ["max", "min", "max"], method="topsis", n=2_000, seed=1)
    assert r.alternatives == ("a1", "a2", "a3")
    assert r.criteria == ("c1", "c2", "c3")
    named = dataclasses.replace(r, alternatives=("x", "y", "z"), criteria=("v", "cost", "q"))
    d = named.to_dict()
    assert set(d) == {
        "draws",
        "rank_acceptability",
        "central_weights",
        "confidence",
        "pairwise",
        "holistic",
    }
    assert d["draws"] == 2_000
    assert d["rank_acceptability"]["y"] == r.rank_acceptability[1].tolist()
    assert d["pairwise"]["x"]["z"] == r.pairwise[0, 2]
    assert d["holistic"]["z"] == r.holistic[2]
    assert d["confidence"]["x"] == r.confidence[0]
    for i, alt in enumerate(named.alternatives):
        weights = d["central_weights"][alt]
        assert list(weights) == ["v", "cost", "q"]
        if r.rank_acceptability[i, 0] == 0:
            assert set(weights.values()) == {None}  # never first: no central weights
        else:
            assert sum(weights.values()) == pytest.approx(1)
    json.dumps(d, allow_nan=False)  # plain JSON: no NaN
    cw = named.central_weights_frame()
    assert list(cw.columns) == ["option", "criterion", "central_weight"]
    assert len(cw) == 9
    summary = named.summary()
    assert list(summary.columns) == ["option", "p_first", "holistic", "confidence"]
    assert summary["p_first"].sum() == pytest.approx(1)
    with pytest.raises(MCDAError, match="alternatives has 2 labels for 3 alternatives"):
        dataclasses.replace(r, alternatives=("x", "y"))
    with pytest.raises(MCDAError, match="criteria labels must be distinct"):
        dataclasses.replace(r, criteria=("v", "v", "q"))


def test_stability_frame_and_dict_name_criteria_and_changes():
    import dataclasses

    m = [[1, 9, 2], [9, 1, 8]]
    st_ = mcda.weight_stability(m, [0.5, 0.3, 0.2], ["max", "max", "max"], method="weighted_sum")
    assert (st_.alternatives, st_.criteria) == (("a1", "a2"), ("c1", "c2", "c3"))
    named = dataclasses.replace(st_, alternatives=("old", "new"), criteria=("cost", "delay", "v"))
    assert named.winner == "new"
    df = named.to_frame()
    assert list(df.columns) == ["option", "criterion", "weight", "low", "high"]
    assert df["criterion"].tolist() == ["cost", "delay", "v"]
    assert df[["low", "high"]].to_numpy() == pytest.approx(st_.intervals)
    d = named.to_dict()
    assert d["winner"] == "new"
    assert d["full_ranking"] is False
    assert [x["criterion"] for x in d["intervals"]] == ["cost", "delay", "v"]
    j, new, _ = st_.tipping
    assert d["tipping"] == {"criterion": named.criteria[j], "from": st_.weights[j], "to": new}
    j, new, _ = st_.swap
    assert d["swap"] == {"criterion": named.criteria[j], "from": st_.weights[j], "to": new}
    assert "weight_scale" not in d
    scaled = named.to_dict(scale=10)
    assert scaled["weight_scale"] == 10
    for plain, case in zip(d["intervals"], scaled["intervals"], strict=True):
        for key in ("weight", "low", "high"):
            assert case[f"{key}_case"] == pytest.approx(10 * plain[key])
    assert scaled["tipping"]["to_case"] == pytest.approx(10 * d["tipping"]["to"])
