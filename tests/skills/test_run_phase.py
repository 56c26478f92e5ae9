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
