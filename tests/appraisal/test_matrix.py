"""Appraisal: the decision matrix comes from the case and the simulation; rankings follow."""

from __future__ import annotations

import numpy as np
import pytest

import decisionkit as dk
from decisionkit import MCDAError, mcda
from tests.conftest import ROOT

SI_RH = ROOT / "examples" / "si-rh.yaml"


@pytest.fixture(scope="module")
def case():
    return dk.load_case(SI_RH)


@pytest.fixture(scope="module")
def sim(case):
    return dk.simulate(case, iterations=4_000, seed=2, criticality=False, sensitivity=False)


@pytest.fixture(scope="module")
def ap(case, sim):
    return dk.appraise(case, sim)


def test_matrix_values_come_from_the_simulation_and_the_scores(case, sim, ap):
    for i, option in enumerate(case.options):
        for j, criterion in enumerate(case.criteria):
            src = criterion.source
            value = ap.matrix[i, j]
            if src == "tco.p80":
                assert value == sim[option.id].tco.percentile(80)
            elif src == "finish.p80":
                assert value == sim[option.id].finish.percentile(80)
            elif src == "go_live.p80":
                assert value == sim[option.id].go_live.percentile(80)
            elif src == "capex.std":
                assert value == sim[option.id].capex.std()
            elif src.startswith("scores."):
                assert value == option.scores[src.split(".")[1]]
    assert ap.method == case.method
    assert ap.weights.sum() == pytest.approx(1)


def test_scores_equal_the_pure_method_on_the_matrix(ap):
    for method in mcda.METHODS:
        again = ap.rescore(method=method)
        expected = mcda.METHODS[method](ap.matrix, ap.weights, list(ap.directions))
        assert np.allclose(again.scores, expected)
        assert list(again.ranking()["option"]) == [ap.options[i] for i in again.order]


def test_rescoring_with_other_weights_is_cheap_and_changes_only_scores(ap):
    w = np.zeros(len(ap.criteria))
    w[0] = 1.0  # only TCO P80, a "min" criterion: the cheapest option wins
    cheap = ap.rescore(weights=w, method="weighted_sum")
    assert cheap.best == ap.options[int(np.argmin(ap.matrix[:, 0]))]
    assert np.array_equal(cheap.matrix, ap.matrix)


def test_contributions_add_up_to_the_weighted_sum(ap):
    df = ap.contributions()
    points = df.groupby("option", sort=False)["points"].sum()
    ws = mcda.weighted_sum(ap.matrix, ap.weights, list(ap.directions))
    assert points.loc[list(ap.options)].to_numpy() == pytest.approx(ws)
    assert set(ap.explain()) == set(ap.options)


def test_dominated_options_are_named():
    data = {
        "case": "d",
        "options": [
            {"id": "good", "tasks": [{"id": "t", "duration": 1}], "scores": {"v": 5}},
            {"id": "bad", "tasks": [{"id": "t", "duration": 2}], "scores": {"v": 3}},
        ],
        "criteria": [
            {"id": "v", "from": "scores.v", "direction": "max"},
            {"id": "d", "from": "finish.mean", "direction": "min"},
        ],
    }
    ap = dk.appraise(dk.Case.model_validate(data), iterations=100)
    assert ap.dominated() == {"bad": ["good"]}
    assert ap.best == "good"


def test_smaa_uses_the_simulated_samples(ap):
    r = ap.smaa(n=3_000, seed=4, weights="fixed")
    assert r.rank_acceptability.sum(axis=1) == pytest.approx(1)
    # with fixed weights only the simulated values move: the ranking is not certain
    assert ap.samples.shape[1:] == ap.matrix.shape
    assert 0 < r.rank_acceptability.max() <= 1
    assert r.conventions["data_samples"] == ap.samples.shape[0]


def test_weight_stability_and_json(ap):
    s = ap.weight_stability()
    assert s.first == int(ap.order[0])
    data = ap.to_dict()
    assert data["schema"] == "decisionkit.appraisal/1"
    assert [r["option"] for r in data["ranking"]] == [ap.options[i] for i in ap.order]


def test_appraisal_errors():
    no_criteria = dk.Case.model_validate(
        {"case": "x", "options": [{"id": "a", "tasks": [{"id": "t", "duration": 1}]}]}
    )
    with pytest.raises(MCDAError, match="no criteria"):
        dk.appraise(no_criteria)


def test_scores_only_cases_are_reproducible_and_explained():
    data = {
        "case": "s",
        "options": [
            {"id": "a", "tasks": [{"id": "t", "duration": 1}], "scores": {"v": 3, "w": 3}},
            {"id": "b", "tasks": [{"id": "t", "duration": 1}], "scores": {"v": 1, "w": 5}},
        ],
        "criteria": [
            {"id": "v", "from": "scores.v", "direction": "max"},
            {"id": "w", "from": "scores.w", "direction": "max"},
        ],
    }
    case = dk.Case.model_validate(data)
    one = dk.appraise(case).smaa(n=2_000)
    two = dk.appraise(case).smaa(n=2_000)
    assert np.array_equal(one.rank_acceptability, two.rank_acceptability)
    ap = dk.appraise(case)
    assert ap.explain()["a"].startswith("a: strongest on “v” (3)")
    assert ap.explain("fr")["a"].startswith("a\u00a0: point fort «\u202fv\u202f» (3)")
    same = dk.appraise(
        case.replace(
            options=[
                {"id": "a", "tasks": [{"id": "t", "duration": 1}], "scores": {"v": 3, "w": 3}},
                {"id": "b", "tasks": [{"id": "t", "duration": 1}], "scores": {"v": 3, "w": 3}},
            ]
        )
    )
    assert "no criterion stands out" in same.explain()["a"]


def test_a_partial_simulation_is_refused(case):
    partial = dk.simulate(
        case, iterations=200, options=["saas"], criticality=False, sensitivity=False
    )
    with pytest.raises(dk.SimulationError, match="simulation has no option 'build'"):
        dk.appraise(case, partial)


def test_method_options_from_the_case_file():
    case = dk.load_case(ROOT / "examples" / "dpi-hopital.yaml")
    sim = dk.simulate(case, iterations=2_000, seed=3, criticality=False, sensitivity=False)
    ap = dk.appraise(case, sim)
    assert ap.method == "promethee_ii"
    assert ap.method_options["preference"][0] == "linear"
    assert ap.method_options["q"][0] == 300_000
    expected = mcda.promethee_ii(ap.matrix, ap.weights, list(ap.directions), **ap.method_options)
    assert np.allclose(ap.scores, expected)
    usual = mcda.promethee_ii(ap.matrix, ap.weights, list(ap.directions))
    assert not np.allclose(ap.scores, usual)  # the thresholds change the flows
    v = dk.appraise(case.replace(method="vikor", vikor_v=0.2), sim)
    assert v.method_options == {"v": 0.2}
    assert np.allclose(v.scores, -mcda.vikor(v.matrix, v.weights, list(v.directions), v=0.2).Q)
    n = dk.appraise(case.replace(method="topsis", normalization="minmax"), sim)
    assert n.method_options == {"normalization": "minmax"}


def test_threshold_rules_in_the_case_file(case):
    data = case.to_data()
    data["criteria"][0] |= {"preference": "linear", "q": 5}
    data["criteria"][1] |= {"preference": "level", "q": 5, "p": 5}
    data["vikor_v"] = 1.5
    with pytest.raises(dk.CaseErrors) as info:
        dk.parse_case(data)
    rules = {e.path: e.rule for e in info.value.errors}
    assert rules["criteria[0]"] == "the linear preference function needs q and p; missing p"
    assert rules["criteria[1]"] == "p (5) must be greater than q (5)"
    assert rules["vikor_v"] == "1.5 must be within [0, 1]"


def test_a_simulation_of_another_version_of_the_case_is_refused(case, sim):
    with pytest.raises(dk.SimulationError, match="different version of the case"):
        dk.appraise(case.replace(horizon_years=10), sim)
    # new weights or another method reuse the simulation
    reweighted = case.replace(
        method="vikor",
        criteria=[
            {**c.model_dump(by_alias=True, exclude_defaults=True), "weight": 1.0}
            for c in case.criteria
        ],
    )
    assert dk.appraise(reweighted, sim).method == "vikor"


def test_identical_options_share_a_rank_and_replace_reports_case_errors(case):
    data = {
        "case": "t",
        "options": [
            {"id": "a", "tasks": [{"id": "t", "duration": 1}], "scores": {"v": 3}},
            {"id": "b", "tasks": [{"id": "t", "duration": 1}], "scores": {"v": 3}},
            {"id": "c", "tasks": [{"id": "t", "duration": 1}], "scores": {"v": 1}},
        ],
        "criteria": [{"id": "v", "from": "scores.v", "direction": "max"}],
    }
    ranking = dk.appraise(dk.Case.model_validate(data)).ranking()
    assert ranking["rank"].tolist() == [1, 1, 3]
    assert ranking["option"].tolist() == ["a", "b", "c"]
    with pytest.raises(dk.CaseErrors, match="horizon_years 100 must be between 1 and 50"):
        case.replace(horizon_years=100)
