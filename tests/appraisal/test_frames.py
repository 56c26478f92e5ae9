"""Appraisal and assessment frames: an option column, display names and units."""

from __future__ import annotations

import numpy as np
import pytest

import decisionkit as dk
from decisionkit.sustainability.ecodesign import SCORE_UNIT
from tests.conftest import ROOT

SI_RH = ROOT / "examples" / "si-rh.yaml"


@pytest.fixture(scope="module")
def case():
    return dk.load_case(SI_RH)


@pytest.fixture(scope="module")
def sim(case):
    return dk.simulate(case, iterations=2_000, seed=2, criticality=False, sensitivity=False)


@pytest.fixture(scope="module")
def assessment(case, sim):
    return dk.assess(case, sim)


@pytest.fixture(scope="module")
def ap(case, sim, assessment):
    return dk.appraise(case, sim, assessment=assessment)


def test_assessment_frame_names_options_and_gives_units(case, assessment):
    df = assessment.to_frame()
    assert list(df.columns[:2]) == ["option", "name"]
    assert list(df["option"]) == list(case.option_ids)
    assert list(df["name"]) == [o.name for o in case.options]
    assert set(df["footprint_unit"]) == {"kgCO2e"}
    assert set(df["cost_unit"]) == {case.currency}


def test_ranking_contributions_and_matrix_frames(case, ap):
    names = {o.id: o.name for o in case.options}
    ranking = ap.ranking()
    assert list(ranking.columns) == ["option", "name", "score", "rank"]
    assert all(names[o] == n for o, n in zip(ranking["option"], ranking["name"], strict=True))
    contributions = ap.contributions()
    assert list(contributions.columns) == [
        "option",
        "criterion",
        "name",
        "value",
        "unit",
        "weight",
        "normalised",
        "points",
    ]
    criterion_names = {c.id: c.name or c.id for c in case.criteria}
    for c, n in zip(contributions["criterion"], contributions["name"], strict=True):
        assert criterion_names[c] == n
    matrix = ap.to_frame()
    assert list(matrix.columns) == ["option", "name", *ap.criteria, "score", "rank"]
    assert list(matrix["name"]) == [names[o] for o in ap.options]


def test_an_unnamed_option_is_named_by_its_id():
    data = {
        "case": "t",
        "options": [
            {"id": "a", "tasks": [{"id": "t", "duration": 1}], "scores": {"v": 3}},
            {"id": "b", "name": "Bee", "tasks": [{"id": "t", "duration": 1}], "scores": {"v": 1}},
        ],
        "criteria": [{"id": "v", "from": "scores.v", "direction": "max"}],
    }
    ap = dk.appraise(dk.Case.model_validate(data))
    assert ap.ranking()["name"].tolist() == ["a", "Bee"]
    assert ap.to_frame()["name"].tolist() == ["a", "Bee"]
    assert ap.contributions()["name"].tolist() == ["v", "v"]


def test_eco_design_frame_gives_the_unit_of_its_scores(assessment):
    df = next(e for e in assessment.eco_design.values() if e is not None).to_frame()
    assert set(df["unit"]) == {SCORE_UNIT}
    assert df["option"].nunique() == 1
    assert np.isfinite(df.loc[df["family"] == "all", "score"]).all()


def test_one_spelling_for_the_skills_gap_and_eco_design(case, assessment):
    frame = assessment.to_frame()
    assert {"gap_fte", "extra_cost", "eco_design_score", "eco_design_coverage"} <= set(frame)
    assert not {"skills_gap_fte", "skills_extra_cost", "ecodesign_score"} & set(frame)
    data = assessment.to_dict()
    for o in case.option_ids:
        assert set(data[o]) == {"footprint", "eco_design", "skills"}
        skills = assessment.skills[o]
        row = frame.set_index("option").loc[o]
        assert row["gap_fte"] == skills.gap_fte == skills.totals()["gap_fte"]
        assert row["gap_fte"] == pytest.approx(sum(x.gap_fte for x in skills.lines))
        assert row["eco_design_score"] == assessment.eco_design[o].score


def test_the_skills_frame_has_what_its_dict_has(assessment):
    skills = next(  # an option that recruits (si-rh's build hires for E.8)
        s for s in assessment.skills.values() if s and any(x.lead_time for x in s.lines)
    )
    frame = skills.to_frame()
    for row, line in zip(frame.to_dict("records"), skills.lines, strict=True):
        data = line.to_dict()
        assert set(data) - {"need"} <= set(row)
        for key in ("gap_fte", "extra_cost", "lead_time", "training_cost"):
            assert row[key] == data[key]
        assert row["cost_unit"] == skills.currency
    assert frame["extra_cost"].sum() == pytest.approx(skills.extra_cost)


def test_a_stale_simulation_is_a_simulation_error_in_assess_and_appraise(case, sim):
    changed = case.replace(horizon_years=case.horizon_years + 1)
    with pytest.raises(dk.SimulationError, match="different version of the case"):
        dk.assess(changed, sim)
    with pytest.raises(dk.SimulationError, match="different version of the case"):
        dk.appraise(changed, sim)


def test_footprint_frame_names_parts_as_the_criterion_paths(case, assessment):
    f = next(f for f in assessment.footprint.values() if f is not None)
    df = f.to_frame()
    gwp = df[df["impact"] == "gwp"]
    assert "total" in set(gwp["part"])
    assert not any("." in p for p in df["part"])
    others = df[df["impact"] != "gwp"]
    assert set(others["part"]) <= {"total"}
    assert set(others["impact"]) <= {"pe", "adp"}
    assert f.to_dict()["units"]["gwp"] == "kgCO2e"
    if f.carbon_cost is not None:
        row = df[df["part"] == "carbon_cost"].iloc[0]
        assert (row["impact"], row["unit"]) == ("gwp", case.currency)


def forty_forty_twenty():
    scores = {
        "a": {"v": 5, "u": 1, "w": 3},
        "b": {"v": 2, "u": 4, "w": 4},
        "c": {"v": 3, "u": 3, "w": 1},
    }
    options = [
        {"id": o, "tasks": [{"id": "t", "duration": 1}], "scores": s} for o, s in scores.items()
    ]
    criteria = [
        {"id": "v", "from": "scores.v", "direction": "max", "weight": 40},
        {"id": "u", "from": "scores.u", "direction": "max", "weight": 40},
        {"id": "w", "from": "scores.w", "direction": "max", "weight": 20},
    ]
    data = {"case": "t", "options": options, "criteria": criteria, "method": "weighted_sum"}
    return dk.appraise(dk.Case.model_validate(data))


def test_weights_on_the_case_scale_and_normalised():
    ap = forty_forty_twenty()
    assert ap.weights.tolist() == pytest.approx([0.4, 0.4, 0.2])
    assert ap.weight_scale == 100
    assert ap.to_dict()["weight_scale"] == 100
    d = ap.stability_dict()
    stability = ap.weight_stability()
    assert d == stability.to_dict(scale=100)
    assert d["winner"] == ap.best
    assert d["weight_scale"] == 100
    assert [x["criterion"] for x in d["intervals"]] == ["v", "u", "w"]
    for row, (lo, hi), w in zip(d["intervals"], stability.intervals, ap.weights, strict=True):
        assert (row["weight"], row["low"], row["high"]) == (w, lo, hi)
        assert row["weight_case"] == pytest.approx(100 * w)
        assert row["low_case"] == pytest.approx(100 * lo)
        assert row["high_case"] == pytest.approx(100 * hi)
    assert [x["weight_case"] for x in d["intervals"]] == pytest.approx([40, 40, 20])
    for change in (d["tipping"], d["swap"]):
        if change is not None:
            assert change["criterion"] in ap.criteria
            assert change["from_case"] == pytest.approx(100 * change["from"])
            assert change["to_case"] == pytest.approx(100 * change["to"])
    # weights given normalised: scale 1; on another scale: that scale
    assert ap.rescore(weights=[0.5, 0.3, 0.2]).weight_scale == pytest.approx(1.0)
    assert ap.rescore(weights=[5, 3, 2]).weight_scale == pytest.approx(10.0)
    assert ap.rescore(method="topsis").weight_scale == 100


def test_smaa_and_stability_are_labelled_with_the_case_ids(ap):
    s = ap.smaa(n=500)
    assert (s.alternatives, s.criteria) == (ap.options, ap.criteria)
    assert set(s.to_dict()["rank_acceptability"]) == set(ap.options)
    stability = ap.weight_stability()
    assert (stability.alternatives, stability.criteria) == (ap.options, ap.criteria)
    assert stability.winner == ap.best
    assert stability.to_frame()["criterion"].tolist() == list(ap.criteria)
