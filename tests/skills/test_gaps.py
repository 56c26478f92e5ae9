"""Gap analysis: every figure checked against a hand computation (rules in skills/gaps.py)."""

from __future__ import annotations

import json

import pytest

import decisionkit as dk
from decisionkit.case.plan import deterministic_plan
from decisionkit.skills import SkillsAssessment, assess_skills
from decisionkit.skills.assessment import FRAME_COLUMNS
from tests.skills.conftest import build

TRAINING = {"days_per_level": [5, 10, 15], "cost_per_day": 500}  # PERT mean 10 days per level
CONTRACTING = {"daily_rate": [500, 600, 1000]}  # PERT mean (500 + 2400 + 1000) / 6 = 650


def one(case: dk.Case) -> SkillsAssessment:
    return assess_skills(case, case.options[0])


def test_plan_records_task_starts_and_finishes():
    case = build(None)
    plan = deterministic_plan(case, case.options[0])
    assert plan.starts == {"design": 0.0, "dev": 25.0, "test": 55.0}
    assert plan.finishes == {"design": 20.0, "dev": 55.0, "test": 65.0}


def test_worked_example_cover_train_then_contract():
    # Need B.1 level 4 x 2 FTE; team B.1 level 4 x 0.5 and level 3 x 1.
    case = build(
        [{"competence": "B.1", "level": 4, "fte": 2, "tasks": ["design", "dev"]}],
        team=[
            {"competence": "B.1", "level": 4, "fte": 0.5},
            {"competence": "B.1", "level": 3, "fte": 1.0},
        ],
        sourcing={"training": TRAINING, "contracting": CONTRACTING},
    )
    a = one(case)
    (line,) = a.lines
    assert line.fte_covered == 0.5  # the level-4 half FTE
    assert line.gap_fte == 1.5
    assert line.fte_trained == 1.0  # the level-3 person, one level up
    assert line.level_steps == 1.0
    assert line.max_level_steps == 1
    assert line.training_days == pytest.approx(1.0 * 1 * 10)  # fte x steps x mean days
    assert line.training_cost == pytest.approx(10 * 500)
    assert line.fte_recruited == 0.0
    assert line.fte_contracted == 0.5
    assert line.contract_days == 55.0  # design starts at 0, dev finishes at 55
    assert line.contract_cost == pytest.approx(0.5 * 55 * 650)  # 17,875
    assert line.close_by == "train+contract"
    assert line.name == "Application Development"
    assert a.gap_fte == 1.5
    assert a.extra_cost == pytest.approx(5_000 + 17_875)
    assert a.dependency == pytest.approx(0.5 / 2)  # nothing flagged critical: every need counts
    assert a.gates == ()  # nothing recruited, no time to proficiency


def test_coverage_takes_the_highest_need_first_and_the_lowest_sufficient_level():
    # Needs (file order): E.2 level 3 x 1, E.2 level 5 x 1.
    # Team: level 5 x 1, level 3 x 0.4, level 4 x 0.3.
    # The level-5 need goes first and takes the level-5 person; the level-3 need then takes
    # level 3 (0.4) and level 4 (0.3): 0.7 covered, a gap of 0.3.
    case = build(
        [{"competence": "E.2", "level": 3, "fte": 1}, {"competence": "E.2", "level": 5, "fte": 1}],
        team=[
            {"competence": "E.2", "level": 5, "fte": 1},
            {"competence": "E.2", "level": 3, "fte": 0.4},
            {"competence": "E.2", "level": 4, "fte": 0.3},
        ],
        sourcing={"contracting": CONTRACTING},
    )
    low, high = one(case).lines
    assert high.fte_covered == 1.0
    assert high.gap_fte == 0.0
    assert high.close_by == ""
    assert low.fte_covered == pytest.approx(0.7)
    assert low.gap_fte == pytest.approx(0.3)
    assert low.fte_contracted == pytest.approx(0.3)
    assert low.contract_days == 65.0  # no tasks: the whole plan


def test_lowest_sufficient_level_keeps_people_to_train_for_higher_needs():
    # Needs: E.2 level 5 x 1 (nobody at 5), E.2 level 3 x 1. Team: level 4 x 1, level 3 x 1.
    # The level-3 need takes the level-3 person (lowest sufficient), which leaves the level-4
    # person to be trained one level up for the level-5 need.
    case = build(
        [{"competence": "E.2", "level": 5, "fte": 1}, {"competence": "E.2", "level": 3, "fte": 1}],
        team=[
            {"competence": "E.2", "level": 4, "fte": 1},
            {"competence": "E.2", "level": 3, "fte": 1},
        ],
        sourcing={"training": TRAINING},
    )
    high, low = one(case).lines
    assert (low.fte_covered, low.gap_fte) == (1.0, 0.0)
    assert (high.fte_covered, high.fte_trained, high.fte_contracted) == (0.0, 1.0, 0.0)
    assert high.close_by == "train"
    assert high.training_days == pytest.approx(10.0)


def test_training_goes_down_max_levels_highest_first():
    # Need D.7 level 5 x 2; team level 4 x 0.5, level 3 x 1, level 2 x 3; max_levels 2.
    # Trained: 0.5 from level 4 (1 step) then 1 from level 3 (2 steps); level 2 is 3 steps
    # away. FTE-weighted steps (0.5 x 1 + 1 x 2) / 1.5; training days 2.5 x 10.
    case = build(
        [{"competence": "D.7", "level": 5, "fte": 2, "close_by": "train"}],
        team=[
            {"competence": "D.7", "level": 4, "fte": 0.5},
            {"competence": "D.7", "level": 3, "fte": 1},
            {"competence": "D.7", "level": 2, "fte": 3},
        ],
        sourcing={
            "close_by": "recruit",
            "training": {**TRAINING, "max_levels": 2},
            "recruitment": {"lead_time": [40, 60, 90], "cost_per_hire": [3_000, 6_000, 9_000]},
        },
    )
    (line,) = one(case).lines
    assert line.fte_trained == 1.5
    assert line.level_steps == pytest.approx(2.5 / 1.5)
    assert line.max_level_steps == 2
    assert line.training_days == pytest.approx(25.0)
    assert line.training_cost == pytest.approx(25.0 * 500)
    assert line.fte_recruited == pytest.approx(0.5)  # the rest goes to sourcing.close_by
    assert line.recruitment_cost == pytest.approx(0.5 * 6_000)  # PERT mean cost per hire
    assert line.close_by == "train+recruit"
    assert line.lead_time == dk.Estimate.of([40, 60, 90])


def test_explicit_recruit_or_contract_skips_training():
    sourcing = {
        "training": TRAINING,
        "contracting": CONTRACTING,
        "recruitment": {"lead_time": 60},
        "competences": {"E.2": {"close_by": "contract"}},
    }
    team = [
        {"competence": "E.2", "level": 2, "fte": 5},
        {"competence": "B.2", "level": 2, "fte": 5},
    ]
    case = build(
        [
            {"competence": "E.2", "level": 3, "fte": 1},  # competence rule: contract
            {"competence": "B.2", "level": 3, "fte": 1, "close_by": "recruit"},
            {"competence": "B.2", "level": 3, "fte": 1},  # automatic: training
        ],
        team=team,
        sourcing=sourcing,
    )
    contract, recruit, auto = one(case).lines
    assert (contract.fte_trained, contract.fte_contracted, contract.close_by) == (0, 1, "contract")
    assert (recruit.fte_trained, recruit.fte_recruited, recruit.close_by) == (0, 1, "recruit")
    assert recruit.recruitment_cost == 0.0  # no cost per hire given
    assert (auto.fte_trained, auto.close_by) == (1, "train")


def test_without_training_terms_the_gap_goes_to_the_case_rule():
    case = build(
        [{"competence": "B.1", "level": 3, "fte": 2}],
        team=[{"competence": "B.1", "level": 2, "fte": 1}],
        sourcing={"close_by": "recruit", "recruitment": {"lead_time": 60, "cost_per_hire": 4_000}},
    )
    (line,) = one(case).lines
    assert (line.fte_trained, line.fte_recruited, line.recruitment_cost) == (0, 2, 8_000)


def test_competence_terms_override_the_case_wide_ones():
    case = build(
        [
            {"competence": "B.1", "level": 2, "fte": 1, "tasks": ["dev"]},
            {"competence": "B.3", "level": 2, "fte": 1, "tasks": ["test"]},
        ],
        sourcing={
            "contracting": {"daily_rate": 500},
            "competences": {"B.1": {"daily_rate": 800, "scarcity": 0.5}},
        },
    )
    b1, b3 = one(case).lines
    assert b1.contract_cost == 1 * 30 * 800  # dev spans 25 -> 55
    assert b3.contract_cost == 1 * 10 * 500  # test spans 55 -> 65


def test_dependency_counts_the_critical_needs_only():
    # A: critical, 2 FTE, 1 contracted. B: not critical, 1 FTE, all contracted.
    needs = [
        {"competence": "A.5", "level": 4, "fte": 2, "critical": True},
        {"competence": "B.1", "level": 2, "fte": 1},
    ]
    team = [{"competence": "A.5", "level": 4, "fte": 1}]
    sourcing = {"contracting": {"daily_rate": 700}}
    assert one(build(needs, team=team, sourcing=sourcing)).dependency == pytest.approx(1 / 2)
    needs[0]["critical"] = False  # nothing flagged: every need counts, (1 + 1) / 3
    assert one(build(needs, team=team, sourcing=sourcing)).dependency == pytest.approx(2 / 3)


def test_dependency_is_zero_without_fte():
    case = build([{"competence": "B.1", "level": 2, "fte": 0, "critical": True}])
    assert one(case).dependency == 0.0


def test_scarcity_weights_the_gap():
    case = build(
        [
            {"competence": "B.1", "level": 2, "fte": 1.5},
            {"competence": "B.3", "level": 2, "fte": 1},
        ],
        sourcing={
            "contracting": {"daily_rate": 500},
            "competences": {"B.1": {"scarcity": 0.8}},
        },
    )
    a = one(case)
    assert [x.scarcity for x in a.lines] == [0.8, None]
    assert a.scarce_gap_fte == pytest.approx(1.5 * 0.8)


@pytest.mark.parametrize("skills", [None, []])
def test_no_needs_gives_zeros(skills):
    a = one(build(skills))
    assert a.lines == ()
    assert a.totals() == dict.fromkeys(a.totals(), 0.0)
    assert list(a.to_frame().columns) == list(FRAME_COLUMNS)
    assert a.to_frame().empty


def test_fully_covered_needs_no_sourcing_terms():
    case = build(
        [{"competence": "B.1", "level": 2, "fte": 1}],
        team=[{"competence": "B.1", "level": 3, "fte": 2}],
    )
    a = one(case)
    assert (a.gap_fte, a.extra_cost, a.lines[0].close_by) == (0.0, 0.0, "")


def test_a_gap_without_its_terms_cannot_be_costed():
    case = build([{"competence": "B.1", "level": 2, "fte": 1, "tasks": ["dev"]}])
    with pytest.raises(dk.CaseErrors) as info:
        one(case)
    (error,) = info.value.errors
    assert error.path == "options[0].skills[0]"
    assert "no daily rate" in error.rule
    assert "sourcing.contracting.daily_rate" in error.rule


def test_to_frame_has_one_row_per_need():
    case = build(
        [{"competence": "B.1", "level": 2, "fte": 1, "tasks": ["design", "dev"], "critical": True}],
        sourcing={"contracting": {"daily_rate": 100}},
    )
    frame = one(case).to_frame()
    assert list(frame.columns) == list(FRAME_COLUMNS)
    row = frame.iloc[0]
    assert (row["option"], row["competence"], row["name"]) == (
        "build",
        "B.1",
        "Application Development",
    )
    assert (row["tasks"], row["contract_days"], row["contract_cost"]) == (
        "design, dev",
        55.0,
        5_500,
    )
    assert bool(row["critical"]) is True


def test_to_dict_is_json_and_carries_totals_lines_and_gates():
    case = build(
        [{"competence": "B.1", "level": 2, "fte": 1, "close_by": "recruit", "tasks": ["dev"]}],
        sourcing={"recruitment": {"lead_time": [40, 60, 90]}},
    )
    data = json.loads(json.dumps(one(case).to_dict()))
    assert data["option"] == "build"
    assert data["totals"]["gap_fte"] == 1.0
    assert data["lines"][0]["lead_time"] == [40, 60, 90]
    assert data["lines"][0]["tasks"] == ["dev"]
    assert data["gates"] == [
        {"task": "hire-B-1", "competence": "B.1", "kind": "recruit", "tasks": ["dev"]}
    ]


def test_html_escapes_text():
    case = build(
        [{"competence": "R&D<1>", "level": 2, "fte": 1}],
        competences=[{"code": "R&D<1>", "name": "<script>"}],
        team=[{"competence": "R&D<1>", "level": 2, "fte": 1}],
    )
    page = one(case)._repr_html_()
    assert "R&amp;D&lt;1&gt;" in page
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "No skills needs" in SkillsAssessment(option="x")._repr_html_()
