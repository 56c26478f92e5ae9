"""Run-phase skills: needed from go-live to the end of the horizon."""

from __future__ import annotations

import pytest

import decisionkit as dk
from decisionkit.skills import assess_skills, with_skills_gates


def case(need, **sourcing):
    return dk.Case.model_validate(
        {
            "case": "run",
            "horizon_years": 5,
            "team": [{"competence": "C.4", "level": 3, "fte": 1}],
            "sourcing": {
                "contracting": {"daily_rate": 700, **sourcing},
                "recruitment": {"lead_time": 80},
            },
            "options": [
                {
                    "id": "a",
                    "go_live": "go_live",
                    "tasks": [
                        {"id": "build", "duration": 252},
                        {"id": "go_live", "duration": 0, "after": ["build"]},
                    ],
                    "skills": [
                        {"competence": "C.4", "level": 3, "fte": 1},  # the project
                        need,
                    ],
                }
            ],
        }
    )


def test_run_contracting_is_paid_for_each_year_in_service():
    c = case({"competence": "C.4", "level": 3, "fte": 2, "phase": "run", "critical": True})
    a = assess_skills(c, c.options[0])
    run = a.lines[1]
    # the same team serves the project and the run: 1 FTE in-house, 1 contracted
    assert (run.phase, run.fte_covered, run.fte_contracted) == ("run", 1, 1)
    assert a.lines[0].fte_covered == 1
    # go-live after 1 year of 252 working days: 4 years in service x 252 days x 700
    assert run.contract_days == pytest.approx(4 * 252)
    assert run.contract_cost == pytest.approx(4 * 252 * 700)
    assert a.dependency == pytest.approx(1 / 2)  # the critical run need is half contracted
    billable = case({"competence": "C.4", "level": 3, "fte": 2, "phase": "run"}, days_per_year=218)
    assert assess_skills(billable, billable.options[0]).lines[1].contract_days == 4 * 218


def test_run_recruitment_must_be_done_by_go_live():
    c = case({"competence": "C.4", "level": 3, "fte": 2, "phase": "run", "close_by": "recruit"})
    gated = with_skills_gates(c)
    tasks = {t.id: t for t in gated.options[0].tasks}
    assert [d.task for d in tasks["go_live"].after] == ["build", "hire-C-4"]
    sim = dk.simulate(c, iterations=50, seed=1)
    assert sim["a"].go_live.mean() == pytest.approx(252)  # the 80-day hire fits in the build
    late = c.replace(sourcing={"recruitment": {"lead_time": 300}, "contracting": {"daily_rate": 1}})
    assert dk.simulate(late, iterations=50, seed=1)["a"].go_live.mean() == pytest.approx(300)


def test_a_run_need_takes_no_tasks():
    c = case({"competence": "C.4", "level": 3, "fte": 1, "phase": "run", "tasks": ["build"]})
    with pytest.raises(dk.CaseErrors, match=r"skills\[1\]\.tasks: a run-phase need spans"):
        assess_skills(c, c.options[0])


def test_run_gate_without_a_go_live_task_waits_only_when_the_hire_ends_later():
    def plan(lead):
        return dk.Case.model_validate(
            {
                "case": "x",
                "sourcing": {"recruitment": {"lead_time": lead}},
                "options": [
                    {
                        "id": "a",
                        "tasks": [{"id": "build", "duration": 252}],
                        "skills": [
                            {
                                "competence": "C.4",
                                "level": 3,
                                "fte": 1,
                                "phase": "run",
                                "close_by": "recruit",
                            }
                        ],
                    }
                ],
            }
        )

    short, long = plan(80), plan(300)
    tasks = {t.id: t for t in with_skills_gates(short).options[0].tasks}
    assert [d.task for d in tasks["ready-C-4"].after] == ["build", "hire-C-4"]
    assert tasks["build"].after == ()  # the build itself is not held back
    assert dk.simulate(short, iterations=20, seed=1)["a"].go_live.mean() == pytest.approx(252)
    assert dk.simulate(long, iterations=20, seed=1)["a"].go_live.mean() == pytest.approx(300)


def test_people_trained_or_hired_for_the_project_stay_for_the_run():
    c = dk.Case.model_validate(
        {
            "case": "x",
            "team": [{"competence": "B.1", "level": 2, "fte": 1}],
            "sourcing": {
                "training": {"days_per_level": 10, "cost_per_day": 500},
                "recruitment": {"lead_time": 30, "cost_per_hire": 8_000},
                "close_by": "recruit",
            },
            "options": [
                {
                    "id": "a",
                    "tasks": [{"id": "build", "duration": 100}],
                    "skills": [
                        {"competence": "B.1", "level": 3, "fte": 2},
                        {"competence": "B.1", "level": 3, "fte": 2, "phase": "run"},
                    ],
                }
            ],
        }
    )
    a = assess_skills(c, c.options[0])
    build, run = a.lines
    # the project trains the one in-house person and recruits one more
    assert (build.fte_trained, build.fte_recruited) == (1, 1)
    # the run finds both at level 3: nothing trained or hired twice
    assert (run.fte_covered, run.fte_trained, run.fte_recruited) == (2, 0, 0)
    assert a.training_cost == 10 * 500
    assert a.recruitment_cost == 8_000
