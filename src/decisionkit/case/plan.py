"""The deterministic plan of an option: plan values, no risks (the baseline for contingency)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from decisionkit.case.calendar import WORKING_DAYS_PER_YEAR, working_day
from decisionkit.case.network import topological_order

if TYPE_CHECKING:
    from decisionkit.case.model import Case, Option

__all__ = ["Plan", "deterministic_plan", "tco"]


@dataclass(frozen=True)
class Plan:
    """The plan of one option with every estimate at its plan value and no risk occurring.

    Attributes
    ----------
    finish
        Working days from the start to the end of the last task.
    go_live
        Working days to go-live (the ``go_live`` task's finish, or ``finish``).
    capex
        Fixed costs + cost per day x duration, over all tasks.
    run_cost_per_year, legacy_run_cost_per_year
        Plan values of the run costs.
    tco
        Capex + legacy run cost until go-live + run cost from go-live to the horizon.
    critical_path
        The task ids on the longest path, in order.
    finish_date, go_live_date
        Calendar dates when the case has a ``start``.
    starts, finishes
        Each task's plan start and finish, in working days from the start (by task id).
    """

    option: str
    finish: float
    go_live: float
    capex: float
    run_cost_per_year: float
    legacy_run_cost_per_year: float
    tco: float
    critical_path: tuple[str, ...]
    finish_date: dt.date | None = None
    go_live_date: dt.date | None = None
    starts: dict[str, float] = field(default_factory=dict, hash=False)
    finishes: dict[str, float] = field(default_factory=dict, hash=False)


def tco(
    capex: float, go_live_days: float, run: float, legacy: float, horizon_years: float
) -> float:
    """Total cost of ownership over ``horizon_years`` counted from the project start.

    The legacy system runs (and costs) until go-live; the new one runs from go-live to the end
    of the horizon. A go-live past the horizon pays legacy cost over the whole horizon.

    Examples
    --------
    >>> tco(1_000, 252, 100, 50, 5)  # one year of legacy, four of run
    1450.0
    """
    years_to_live = min(go_live_days / WORKING_DAYS_PER_YEAR, horizon_years)
    return float(capex + legacy * years_to_live + run * (horizon_years - years_to_live))


def deterministic_plan(case: Case, option: Option) -> Plan:
    """Compute the deterministic plan of ``option`` (plan values, no risks).

    Examples
    --------
    >>> from decisionkit.case.model import Case
    >>> c = Case.model_validate({"case": "x", "options": [{"id": "a", "tasks": [
    ...     {"id": "t1", "duration": 10, "cost_per_day": 100},
    ...     {"id": "t2", "duration": 5, "after": ["t1"], "cost": 50}]}]})
    >>> p = deterministic_plan(c, c.options[0])
    >>> p.finish, p.capex, p.critical_path
    (15.0, 1050.0, ('t1', 't2'))
    """
    tasks = {t.id: t for t in option.tasks}
    order = topological_order({t.id: [d.task for d in t.after] for t in option.tasks})
    starts: dict[str, float] = {}
    finish: dict[str, float] = {}
    driver: dict[str, str | None] = {}
    for tid in order:
        task = tasks[tid]
        start, via = 0.0, None
        for dep in task.after:
            at = finish[dep.task] + dep.lag
            if at > start:
                start, via = at, dep.task
        starts[tid] = start
        finish[tid] = start + task.duration.plan_value()
        driver[tid] = via
    end = max(finish, key=lambda t: (finish[t], order.index(t))) if finish else None
    path: list[str] = []
    node = end
    while node is not None:
        path.append(node)
        node = driver[node]
    total = max(finish.values(), default=0.0)
    live = finish[option.go_live] if option.go_live else total
    capex = sum(
        t.cost.plan_value() + t.cost_per_day.plan_value() * t.duration.plan_value()
        for t in option.tasks
    )
    run = option.run_cost_per_year.plan_value()
    legacy = case.legacy_run_cost_per_year.plan_value()
    dates: dict[str, dt.date | None] = {"finish_date": None, "go_live_date": None}
    if case.start is not None:
        dates = {
            "finish_date": working_day(case.start, max(total - 1, 0), case.holidays),
            "go_live_date": working_day(case.start, max(live - 1, 0), case.holidays),
        }
    return Plan(
        option=option.id,
        finish=total,
        go_live=live,
        capex=capex,
        run_cost_per_year=run,
        legacy_run_cost_per_year=legacy,
        tco=tco(capex, live, run, legacy, case.horizon_years),
        critical_path=tuple(reversed(path)),
        **dates,
        starts={t.id: starts[t.id] for t in option.tasks},
        finishes={t.id: finish[t.id] for t in option.tasks},
    )
