"""Schedule gates: hiring and training delay the tasks that need the missing competence."""

from __future__ import annotations

import pytest

import decisionkit as dk
from decisionkit import risk
from decisionkit.case.plan import deterministic_plan
from decisionkit.skills import GATE_PREFIXES, assess_skills, with_skills_gates
from decisionkit.skills.gaps import GATE_MARKER
from decisionkit.skills.gates import scale_estimate
from tests.skills.conftest import PLAN_TASKS, build

RECRUIT = {"recruitment": {"lead_time": [40, 60, 90]}}


def links(option: dk.Option) -> dict[str, list[str]]:
    return {t.id: [d.task for d in t.after] for t in option.tasks}


def test_hire_gate_comes_before_the_tasks_of_the_need():
    case = build(
        [{"competence": "B.1", "level": 2, "fte": 1, "close_by": "recruit", "tasks": ["dev"]}],
        sourcing=RECRUIT,
    )
    gated = with_skills_gates(case)
    option = gated.options[0]
    assert links(option) == {
        "hire-B-1": [],
        "design": [],
        "dev": ["design", "hire-B-1"],
        "test": ["dev"],
    }
    gate = option.task("hire-B-1")
    assert gate.name == "Recrutement / hiring: B.1 Application Development"
    assert gate.duration == dk.Estimate.of([40, 60, 90])
    assert gate.cost.mean() == 0
    assert gate.cost_per_day.mean() == 0
    assert gate.notes.startswith(GATE_MARKER)
    assert option.task("dev").after[0].lag == 5  # the existing link is kept as it was
    # dev waits for the hire (likely 60 days) instead of design + lag (25): 60 -> 90, test 100.
    assert deterministic_plan(gated, option).finish == 100.0
    assert deterministic_plan(case, case.options[0]).finish == 65.0


def test_the_delay_goes_through_the_simulation():
    case = build(
        [{"competence": "B.1", "level": 2, "fte": 1, "close_by": "recruit", "tasks": ["dev"]}],
        sourcing=RECRUIT,
    )
    plain = risk.simulate(case, iterations=2_000, seed=3)["build"]  # the bare risk engine
    gated = risk.simulate(with_skills_gates(case), iterations=2_000, seed=3)["build"]
    # Without the gate dev starts after design + 5 (at most 45 days); with it, after the hire
    # (at least 40 days, likely 60): the median finish moves later.
    assert gated.finish.percentile(50) > plain.finish.percentile(50)


def test_a_need_without_tasks_gates_the_start_tasks():
    tasks = [*PLAN_TASKS, {"id": "infra", "duration": 15}]  # a second start task
    case = build(
        [{"competence": "E.2", "level": 3, "fte": 1, "close_by": "recruit"}],
        sourcing=RECRUIT,
        tasks=tasks,
    )
    option = with_skills_gates(case).options[0]
    assert links(option)["design"] == ["hire-E-2"]
    assert links(option)["infra"] == ["hire-E-2"]
    assert links(option)["dev"] == ["design"]


def test_training_gate_scales_time_to_proficiency_by_the_level_steps():
    # D.7 level 5 x 2: 0.5 FTE trained 1 level, 1 FTE trained 2 levels (max 2), 0.5 recruited.
    case = build(
        [{"competence": "D.7", "level": 5, "fte": 2, "tasks": ["dev", "test"]}],
        team=[
            {"competence": "D.7", "level": 4, "fte": 0.5},
            {"competence": "D.7", "level": 3, "fte": 1},
        ],
        sourcing={
            "close_by": "recruit",
            "training": {"days_per_level": 5, "max_levels": 2, "time_to_proficiency": [10, 20, 30]},
            "competences": {"D.7": {"lead_time": 120}},
        },
    )
    assessment = assess_skills(case, case.options[0])
    assert assessment.gates == (
        ("hire-D-7", "D.7", "recruit", ("dev", "test")),
        ("train-D-7", "D.7", "train", ("dev", "test")),
    )
    option = with_skills_gates(case).options[0]
    assert option.task("hire-D-7").duration == dk.Estimate.of(120)
    assert option.task("train-D-7").duration == dk.Estimate.of([20, 40, 60])
    assert option.task("train-D-7").name == "Formation / training: D.7 Data Science and Analytics"
    assert links(option)["dev"] == ["design", "hire-D-7", "train-D-7"]
    assert links(option)["test"] == ["dev", "hire-D-7", "train-D-7"]


def test_no_training_gate_without_time_to_proficiency():
    case = build(
        [{"competence": "B.1", "level": 3, "fte": 1}],
        team=[{"competence": "B.1", "level": 2, "fte": 1}],
        sourcing={"training": {"days_per_level": 5}},
    )
    assert assess_skills(case, case.options[0]).gates == ()
    assert with_skills_gates(case) is case


def test_no_gate_returns_the_same_case():
    case = build(
        [{"competence": "B.1", "level": 2, "fte": 1}], sourcing={"contracting": {"daily_rate": 1}}
    )
    assert with_skills_gates(case) is case
    plain = build(None)
    assert with_skills_gates(plain) is plain


def test_gating_is_idempotent_and_the_assessment_ignores_gates():
    case = build(
        [{"competence": "B.1", "level": 2, "fte": 1, "close_by": "recruit", "tasks": ["dev"]}],
        sourcing={**RECRUIT, "contracting": {"daily_rate": 500}},
    )
    once = with_skills_gates(case)
    assert with_skills_gates(once) is once
    assert once.to_data() == with_skills_gates(dk.Case.model_validate(once.to_data())).to_data()
    assert assess_skills(once, once.options[0]) == assess_skills(case, case.options[0])


def test_gates_follow_a_change_of_team():
    case = build(
        [{"competence": "B.1", "level": 2, "fte": 1, "close_by": "recruit", "tasks": ["dev"]}],
        sourcing=RECRUIT,
    )
    gated = with_skills_gates(case)
    staffed = gated.replace(team=[{"competence": "B.1", "level": 2, "fte": 1}])
    again = with_skills_gates(staffed)
    assert links(again.options[0]) == links(case.options[0])  # the gate is gone


def test_gate_ids_avoid_existing_tasks_and_each_other():
    tasks = [*PLAN_TASKS, {"id": "hire-B-1", "duration": 3}]  # the user's own task
    case = build(
        [
            {"competence": "B.1", "level": 2, "fte": 1, "close_by": "recruit", "tasks": ["dev"]},
            {"competence": "B/1", "level": 2, "fte": 1, "close_by": "recruit", "tasks": ["test"]},
        ],
        sourcing=RECRUIT,
        tasks=tasks,
    )
    option = with_skills_gates(case).options[0]
    gates = [t.id for t in option.tasks if t.id.startswith(GATE_PREFIXES) and t.notes]
    assert gates == ["hire-B-1-2", "hire-B-1-3"]
    assert links(option)["dev"] == ["design", "hire-B-1-2"]
    assert links(option)["test"] == ["dev", "hire-B-1-3"]
    assert option.task("hire-B-1").notes == ""  # the user's task is left alone


def test_gating_needs_the_terms():
    case = build([{"competence": "B.1", "level": 2, "fte": 1, "close_by": "recruit"}])
    with pytest.raises(dk.CaseErrors, match="no lead time"):
        with_skills_gates(case)


@pytest.mark.parametrize(
    ("written", "scaled"),
    [
        ([10, 20, 40], [20, 40, 80]),
        ({"distribution": "triangular", "min": 1, "likely": 2, "max": 4}, None),
        ({"distribution": "uniform", "min": 5, "max": 9}, None),
        ({"distribution": "normal", "mean": 30, "sd": 5}, None),
        ({"distribution": "lognormal", "p10": 20, "p90": 80}, None),
        (7, 14),
    ],
)
def test_scale_estimate_multiplies_every_parameter(written, scaled):
    estimate = dk.Estimate.of(written)
    double = scale_estimate(estimate, 2)
    assert double.distribution == estimate.distribution
    assert double.parameters == {k: 2 * v for k, v in estimate.parameters.items()}
    assert double.mean() == pytest.approx(2 * estimate.mean())
    assert double.plan_value() == pytest.approx(2 * estimate.plan_value())
    if scaled is not None:
        assert double == dk.Estimate.of(scaled)


def test_scale_estimate_by_zero_or_a_negative_factor():
    assert scale_estimate(dk.Estimate.of({"p10": 20, "p90": 80}), 0) == dk.Estimate.of(0)
    with pytest.raises(ValueError, match="scale factor -1 is negative"):
        scale_estimate(dk.Estimate.of(3), -1)
