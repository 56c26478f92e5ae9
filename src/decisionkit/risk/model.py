"""Compile an option into arrays the engine can run on (once per simulation)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decisionkit.case.estimates import Estimate
from decisionkit.case.model import Case, Option
from decisionkit.case.network import topological_order
from decisionkit.case.plan import Plan, deterministic_plan

__all__ = ["INPUT_KINDS", "CompiledOption", "compile_option"]

_ZERO = Estimate(distribution="fixed", value=0.0)

INPUT_KINDS = (
    "duration",
    "cost",
    "cost_per_day",
    "delay",
    "risk_cost",
    "action_cost",
    "occurs",
    "run_cost",
    "legacy_run_cost",
)
"""What an uncertain input of the engine is, whatever the case's language.

``duration``, ``cost`` (fixed cost) and ``cost_per_day`` are a task's; ``delay``,
``risk_cost``, ``action_cost`` (a mitigation's cost) and ``occurs`` (the occurrence indicator)
a risk's; ``run_cost`` is the option's run cost per year and ``legacy_run_cost`` the case's
legacy run cost per year.
"""


@dataclass(frozen=True)
class CompiledOption:
    """An option as index arrays and an estimate table.

    Rows of the estimate table, in order: task durations, task costs, task costs per day,
    risk delays, risk costs, mitigation action costs (one row per risk), run cost per year,
    legacy run cost per year. The layout does not depend on ``mitigated``, so both runs of
    an option consume the same uniforms (common random numbers).

    ``input_labels`` has one ``(element, name, kind)`` per row of the table, then one per
    risk's occurrence indicator (``<risk>.occurs``): the task or risk id (the option id for
    its run cost, ``legacy`` for the legacy run cost), its display name from the case (its id
    when it has none) and its kind (one of :data:`INPUT_KINDS`).
    """

    option_id: str
    task_ids: tuple[str, ...]
    risk_ids: tuple[str, ...]
    order: tuple[int, ...]
    predecessors: tuple[tuple[np.ndarray, np.ndarray], ...]  # per task: (indices, lags)
    successors: tuple[tuple[np.ndarray, np.ndarray], ...]
    names: tuple[str, ...]
    estimates: tuple[Estimate, ...]
    risk_probability: np.ndarray
    risk_task: np.ndarray  # task index, or -1 for a project-level risk
    go_live: int  # task index, or -1 for the end of the plan
    horizon_years: float
    correlation_rows: np.ndarray  # rows of the estimate table that are correlated
    correlation_target: np.ndarray  # their target Spearman matrix (may need repair)
    correlation_pairs: tuple[tuple[str, str, float], ...]
    plan: Plan
    input_labels: tuple[tuple[str, str, str], ...] = ()

    @property
    def n_tasks(self) -> int:
        """Number of tasks."""
        return len(self.task_ids)

    @property
    def n_risks(self) -> int:
        """Number of risks."""
        return len(self.risk_ids)

    def rows(self, kind: str) -> slice:
        """The rows of one kind: duration, cost, cost_per_day, delay, risk_cost, action_cost."""
        t, r = self.n_tasks, self.n_risks
        start = {
            "duration": 0,
            "cost": t,
            "cost_per_day": 2 * t,
            "delay": 3 * t,
            "risk_cost": 3 * t + r,
            "action_cost": 3 * t + 2 * r,
        }[kind]
        return slice(start, start + (t if kind in ("duration", "cost", "cost_per_day") else r))

    @property
    def run_row(self) -> int:
        """Row of the run cost per year."""
        return 3 * self.n_tasks + 3 * self.n_risks

    @property
    def legacy_row(self) -> int:
        """Row of the legacy run cost per year."""
        return self.run_row + 1


def compile_option(case: Case, option: Option, *, mitigated: bool = False) -> CompiledOption:
    """Compile ``option`` of ``case``; with ``mitigated``, risks take their mitigated values."""
    task_ids = tuple(t.id for t in option.tasks)
    index = {tid: i for i, tid in enumerate(task_ids)}
    order = topological_order({t.id: [d.task for d in t.after] for t in option.tasks})
    preds = []
    succ: list[list[tuple[int, float]]] = [[] for _ in task_ids]
    for i, t in enumerate(option.tasks):
        idx = np.asarray([index[d.task] for d in t.after], dtype=np.intp)
        lag = np.asarray([d.lag for d in t.after], dtype=float)
        preds.append((idx, lag))
        for d in t.after:
            succ[index[d.task]].append((i, d.lag))
    successors = tuple(
        (np.asarray([s for s, _ in pairs], dtype=np.intp), np.asarray([g for _, g in pairs]))
        for pairs in succ
    )

    names: list[str] = []
    estimates: list[Estimate] = []
    labels: list[tuple[str, str, str]] = []
    for field in ("duration", "cost", "cost_per_day"):
        for t in option.tasks:
            names.append(f"{t.id}.{field}")
            estimates.append(getattr(t, field))
            labels.append((t.id, t.name or t.id, field))
    probability, risk_task = [], []
    delays, costs, actions = [], [], []
    for r in option.risks:
        m = r.mitigation if mitigated else None
        probability.append(m.probability if m and m.probability is not None else r.probability)
        delays.append(m.delay if m and m.delay is not None else r.delay)
        costs.append(m.cost if m and m.cost is not None else r.cost)
        actions.append(m.action_cost if m else _ZERO)
        risk_task.append(index[r.task] if r.task else -1)
    names += [f"{r.id}.delay" for r in option.risks]
    names += [f"{r.id}.cost" for r in option.risks]
    names += [f"{r.id}.action_cost" for r in option.risks]
    estimates += delays + costs + actions
    names += ["run_cost_per_year", "legacy_run_cost_per_year"]
    estimates += [option.run_cost_per_year, case.legacy_run_cost_per_year]
    for kind in ("delay", "risk_cost", "action_cost"):
        labels += [(r.id, r.name or r.id, kind) for r in option.risks]
    labels += [
        (option.id, option.name or option.id, "run_cost"),
        ("legacy", "legacy", "legacy_run_cost"),
    ]
    labels += [(r.id, r.name or r.id, "occurs") for r in option.risks]

    row_of = {n: i for i, n in enumerate(names)}
    pairs = tuple((c.between[0], c.between[1], c.rho) for c in option.correlations)
    # ordered by name, so reordering tasks or risks does not change the correlation draws
    involved = [row_of[n] for n in sorted({n for a, b, _ in pairs for n in (a, b)})]
    pos = {row: k for k, row in enumerate(involved)}
    target = np.eye(len(involved))
    for a, b, rho in pairs:
        i, j = pos[row_of[a]], pos[row_of[b]]
        target[i, j] = target[j, i] = rho

    return CompiledOption(
        option_id=option.id,
        task_ids=task_ids,
        risk_ids=tuple(r.id for r in option.risks),
        order=tuple(index[t] for t in order),
        predecessors=tuple(preds),
        successors=successors,
        names=tuple(names),
        estimates=tuple(estimates),
        risk_probability=np.asarray(probability, dtype=float),
        risk_task=np.asarray(risk_task, dtype=np.intp),
        go_live=index[option.go_live] if option.go_live else -1,
        horizon_years=float(case.horizon_years),
        correlation_rows=np.asarray(involved, dtype=np.intp),
        correlation_target=target,
        correlation_pairs=pairs,
        plan=deterministic_plan(case, option),
        input_labels=tuple(labels),
    )
