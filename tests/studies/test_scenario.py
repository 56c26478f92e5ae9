"""Scenarios: validation with paths, and what each change does to the case."""

from __future__ import annotations

import datetime as dt

import pytest

import decisionkit as dk
from decisionkit.studies import Scenario, apply_scenario, check_scenario, parse_scenario
from tests.conftest import ROOT

SI_RH = ROOT / "examples" / "si-rh.yaml"


@pytest.fixture(scope="module")
def case():
    return dk.load_case(SI_RH)


def _rules(exc: pytest.ExceptionInfo) -> list[str]:
    return [f"{e.path}: {e.rule}" for e in exc.value.errors]


def test_unknown_key_is_named_with_a_suggestion():
    with pytest.raises(dk.CaseErrors) as exc:
        parse_scenario({"weigths": {"cost": 1}}, source="s.yaml")
    (rule,) = _rules(exc)
    assert rule == "weigths: unknown key 'weigths' (did you mean 'weights'?)"
    assert exc.value.errors[0].source == "s.yaml"


def test_every_shape_problem_at_once_with_its_path():
    with pytest.raises(dk.CaseErrors) as exc:
        parse_scenario(
            {"weights": {"cost": -1}, "probabilities": {"x": 1.5}, "iterations": 1, "seed": -2},
            path=("scenarios", 3),
        )
    paths = sorted(e.path for e in exc.value.errors)
    assert paths == [
        "scenarios[3].iterations",
        "scenarios[3].probabilities.x",
        "scenarios[3].seed",
        "scenarios[3].weights.cost",
    ]


@pytest.mark.parametrize("value", [80, 1.2, 0.3])
def test_confidence_outside_its_range(value):
    with pytest.raises(dk.CaseErrors, match=r"confidence .* between 0\.5 and 0\.99"):
        parse_scenario({"confidence": value})


def test_ids_checked_against_the_case(case):
    s = parse_scenario(
        {
            "weights": {"carbon": 0.3},
            "mitigate": ["ecarts_fonctionels"],
            "probabilities": {"nope": 0.1},
            "scale": {"buidl": {"duration": 1.1}, "saas.nope": {"cost": 2}},
        }
    )
    rules = [f"{e.path}: {e.rule}" for e in check_scenario(s, case)]
    assert "weights.carbon: no criterion 'carbon' in the case (did you mean 'carbone'?)" in rules
    assert any(r.startswith("mitigate[0]: no risk 'ecarts_fonctionels'") for r in rules)
    assert any("did you mean 'ecarts_fonctionnels'" in r for r in rules)
    assert any(r.startswith("probabilities.nope: no risk 'nope'") for r in rules)
    assert "scale.buidl: no option 'buidl' in the case (did you mean 'build'?)" in rules
    assert any(r.startswith("scale.saas.nope: no task 'nope' in option 'saas'") for r in rules)


def test_all_weights_zero_is_refused(case):
    s = parse_scenario({"weights": {c.id: 0 for c in case.criteria}})
    (err,) = check_scenario(s, case)
    assert err.path == "weights"
    assert "at least one must be > 0" in err.rule


def test_weights_change_only_the_scores(case):
    changed, fx = apply_scenario(case, Scenario(weights={"carbone": 0.4}))
    assert {c.id: c.weight for c in changed.criteria}["carbone"] == 0.4
    assert fx.score
    assert not fx.assess
    assert not fx.simulate
    assert not fx.simulate_all
    assert changed.risk_fingerprint() == case.risk_fingerprint()


def test_confidence_moves_the_cost_and_delay_percentiles_only(case):
    changed, fx = apply_scenario(case, Scenario(confidence=0.9))
    sources = {c.id: c.source for c in changed.criteria}
    assert sources["cost"] == "tco.p90"
    assert sources["delay"] == "go_live.p90"
    assert sources["budget_risk"] == "capex.std"  # a spread, not a confidence level
    assert sources["carbone"] == "footprint.total.p80"  # not a cost or delay criterion
    assert fx.score
    assert not fx.simulate


def test_scale_multiplies_the_estimates_of_one_option(case):
    changed, fx = apply_scenario(case, Scenario(scale={"build": {"duration": 1.5, "cost": 2}}))
    assert fx.simulate == {"build"}
    assert not fx.simulate_all
    for old, new in zip(case.option("build").tasks, changed.option("build").tasks, strict=True):
        assert new.duration.mean() == pytest.approx(1.5 * old.duration.mean())
        assert new.cost.mean() == pytest.approx(2 * old.cost.mean())
        assert new.cost_per_day.mean() == pytest.approx(2 * old.cost_per_day.mean())
    assert changed.option("saas") == case.option("saas")


def test_scale_one_task(case):
    task = case.option("saas").tasks[0].id
    changed, _ = apply_scenario(case, Scenario(scale={f"saas.{task}": {"duration": 2}}))
    new, old = changed.option("saas"), case.option("saas")
    assert new.tasks[0].duration.mean() == pytest.approx(2 * old.tasks[0].duration.mean())
    assert new.tasks[1:] == old.tasks[1:]


def test_probabilities_by_risk_id_or_option_dot_risk(case):
    risk = case.option("saas").risks[0].id
    changed, fx = apply_scenario(case, Scenario(probabilities={f"saas.{risk}": 0.9}))
    assert changed.option("saas").risks[0].probability == 0.9
    assert fx.simulate == {"saas"}


def test_team_change_adds_fte_and_touches_options_with_needs(case):
    code = case.team[0].competence
    changed, fx = apply_scenario(case, Scenario(team={code: 1.5}))
    assert changed.team[0].fte == pytest.approx(case.team[0].fte + 1.5)
    assert fx.simulate == {o.id for o in case.options if o.skills}
    assert fx.assess


def test_team_change_of_a_new_competence_needs_a_level(case):
    s = parse_scenario({"team": {"Z.9": 1}})
    (err,) = check_scenario(s, case)
    assert err.path == "team.Z.9"
    assert "give its level" in err.rule


def test_start_and_mitigation(case):
    changed, fx = apply_scenario(case, Scenario(start=dt.date(2027, 9, 1), mitigate="all"))
    assert changed.start == dt.date(2027, 9, 1)
    assert fx.simulate_all
    every = {(o.id, r.id) for o in case.options for r in o.risks if r.mitigation}
    assert set(fx.mitigate) == every


def test_merged_scenarios_combine_mappings():
    a = Scenario(name="a", weights={"cost": 1.0}, seed=3)
    b = Scenario(name="b", weights={"carbone": 2.0})
    m = a.merged(b)
    assert m.weights == {"cost": 1.0, "carbone": 2.0}
    assert m.seed == 3
    assert m.name == "b"


@pytest.mark.parametrize(
    "changes",
    [
        {"weights": {"carbone": 0.4, "cost": 0}},
        {"confidence": 0.9, "method": "vikor", "vikor_v": 0.3},
        {"budget": 5e6, "deadline": "2029-12-31", "normalization": "vector"},
    ],
)
def test_light_changes_copy_the_case_as_parsing_would(case, changes):
    changed, _ = apply_scenario(case, parse_scenario(changes))
    assert dk.parse_case(changed.to_data()) == changed  # valid, and nothing else moved
    assert changed.options is case.options  # shared: the simulation's fingerprint is reused
    assert changed.risk_fingerprint() == case.risk_fingerprint()
