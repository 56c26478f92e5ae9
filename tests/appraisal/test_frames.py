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
    df = next(e for e in assessment.ecodesign.values() if e is not None).to_frame()
    assert set(df["unit"]) == {SCORE_UNIT}
    assert df["option"].nunique() == 1
    assert np.isfinite(df.loc[df["family"] == "all", "score"]).all()
