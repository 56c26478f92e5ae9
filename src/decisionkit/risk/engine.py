"""The Monte Carlo kernel: one chunk of iterations of one option, vectorised over iterations.

Semantics
---------
- A task starts when all its predecessors have finished plus their lags (finish-to-start);
  tasks with no predecessor start at day 0. The plan ends when its last task ends.
- A risk occurs in an iteration when its occurrence draw is below its probability. Its delay
  lengthens its task (so it propagates through the network and the task's cost per day runs
  longer: the team is paid while it waits), or, for a project-level risk, adds to the end of
  the plan and to go-live. Its cost adds to capex.
- capex = fixed costs + cost per day x (duration + risk delay on the task) + risk costs
  + mitigation action costs (when simulating mitigated risks).
- TCO over the horizon (from the start): capex + legacy run cost until go-live + run cost from
  go-live to the end of the horizon (252 working days a year).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decisionkit.case.calendar import WORKING_DAYS_PER_YEAR
from decisionkit.montecarlo.sampling import EstimateTable, uniforms
from decisionkit.risk.correlation import iman_conover
from decisionkit.risk.model import CompiledOption
from decisionkit.rng import make_rng

__all__ = ["ChunkResult", "draw_uniforms", "run_chunk"]


@dataclass
class ChunkResult:
    """Outputs of one chunk (arrays over its iterations) and its summed statistics."""

    capex: np.ndarray
    tco: np.ndarray
    finish: np.ndarray
    go_live: np.ndarray
    critical_count: np.ndarray | None  # per task: iterations where the task was critical
    sensitivity: np.ndarray | None  # inputs x (capex, tco, finish): rank correlations
    spearman_sample: np.ndarray | None  # achieved rank correlations of the correlated rows


def draw_uniforms(
    model: CompiledOption, seed: int, chunk: int, n: int, *, lhs: bool = False
) -> tuple[np.ndarray, np.ndarray, np.random.Generator]:
    """The uniforms of one chunk: estimates (rows x n) and risk occurrences (risks x n).

    Each task, each risk, the option's run cost and the case's legacy run cost has a stream
    of its own, keyed on stable names: editing one task or adding a risk leaves every other
    draw unchanged (common random numbers across what-if scenarios), and the legacy run cost
    draws are shared by all options. Returns the generator used for correlation shuffles too.
    """
    t_count, r_count = model.n_tasks, model.n_risks
    u = np.empty((len(model.names), n))
    occ = np.empty((r_count, n))
    base = (model.option_id, "chunk", chunk)
    fixed = [e.is_fixed for e in model.estimates]

    def fill(rng_names: tuple, rows: list[int], first: np.ndarray | None = None) -> None:
        # draw up to the last uncertain row only: a fixed row needs no draw, and the rows
        # before it keep their values whether or not later ones are uncertain
        need = max((k + 1 for k, row in enumerate(rows) if not fixed[row]), default=0)
        extra = 1 if first is not None else 0
        if need + extra == 0:
            return
        draws = uniforms(make_rng(seed, *rng_names), need + extra, n, lhs=lhs)
        if first is not None:
            first[:] = draws[0]
        for k in range(need):
            u[rows[k]] = draws[extra + k]

    for t, tid in enumerate(model.task_ids):
        fill((*base, "task", tid), [t, t_count + t, 2 * t_count + t])
    delay, cost, action = model.rows("delay"), model.rows("risk_cost"), model.rows("action_cost")
    for r, rid in enumerate(model.risk_ids):
        fill((*base, "risk", rid), [delay.start + r, cost.start + r, action.start + r], occ[r])
    fill((*base, "run_cost"), [model.run_row])
    fill(("legacy", "chunk", chunk), [model.legacy_row])
    rows_fixed = np.flatnonzero(fixed)
    u[rows_fixed] = 0.5  # a neutral value for sensitivity; the transform sets the real one
    return u, occ, make_rng(seed, *base, "correlation")


def run_chunk(
    model: CompiledOption,
    table: EstimateTable,
    n: int,
    seed: int,
    chunk: int,
    *,
    lhs: bool = False,
    criticality: bool = False,
    sensitivity: bool = False,
    without_risk: int | None = None,
) -> ChunkResult:
    """Simulate ``n`` iterations of chunk number ``chunk`` of ``model`` under ``seed``.

    ``without_risk`` removes one risk (by index) while keeping every draw identical, to measure
    that risk's contribution with common random numbers.
    """
    t_count, r_count = model.n_tasks, model.n_risks
    u, occ_u, rng = draw_uniforms(model, seed, chunk, n, lhs=lhs)
    achieved = None
    if len(model.correlation_rows) >= 2:
        rows = model.correlation_rows
        u[rows] = iman_conover(u[rows], model.correlation_target, rng)
        achieved = _spearman_rows(u[rows])
    # with sensitivity, keep the uniforms (their ranks) and transform into a new array
    values = table.transform(u, np.empty_like(u)) if sensitivity else table.transform(u)

    duration = values[model.rows("duration")]  # a view: risk delays are added in place
    occurred = occ_u < model.risk_probability[:, None]
    if without_risk is not None:
        occurred[without_risk] = False
    delay = values[model.rows("delay")] * occurred
    project_delay = np.zeros(n)
    for r in range(r_count):
        target = model.risk_task[r]
        if target >= 0:
            duration[target] += delay[r]
        else:
            project_delay += delay[r]

    finish = np.empty((t_count, n))
    for t in model.order:
        idx, lag = model.predecessors[t]
        if len(idx) == 0:
            finish[t] = duration[t]
            continue
        start = finish[idx[0]] + lag[0] if lag[0] else finish[idx[0]].copy()
        for p, g in zip(idx[1:], lag[1:], strict=True):
            np.maximum(start, finish[p] + g if g else finish[p], out=start)
        start += duration[t]
        finish[t] = start
    plan_end = finish.max(axis=0)
    end = plan_end + project_delay
    go_live = (finish[model.go_live] + project_delay) if model.go_live >= 0 else end

    capex = values[model.rows("cost")].sum(axis=0)
    capex += np.einsum("ij,ij->j", values[model.rows("cost_per_day")], duration)
    if r_count:
        capex += (values[model.rows("risk_cost")] * occurred).sum(axis=0)
        capex += values[model.rows("action_cost")].sum(axis=0)
    horizon = model.horizon_years
    years_to_live = np.minimum(go_live / WORKING_DAYS_PER_YEAR, horizon)
    tco = (
        capex
        + values[model.legacy_row] * years_to_live
        + values[model.run_row] * (horizon - years_to_live)
    )

    critical = _critical_counts(model, finish, duration, plan_end) if criticality else None
    sens = None
    if sensitivity:
        y = _ranks(np.vstack([capex, tco, end]))  # ranked once, centred
        y -= y.mean(axis=1, keepdims=True)
        sens = np.zeros((len(model.names) + r_count, 3))
        sens[: len(model.names)] = _rank_correlations(u, y)  # fixed rows hold 0.5: 0
        if r_count:
            sens[len(model.names) :] = _rank_correlations(occurred.astype(float), y)
    return ChunkResult(
        capex=capex,
        tco=tco,
        finish=end,
        go_live=go_live,
        critical_count=critical,
        sensitivity=sens,
        spearman_sample=achieved,
    )


def _critical_counts(
    model: CompiledOption, finish: np.ndarray, duration: np.ndarray, plan_end: np.ndarray
) -> np.ndarray:
    """Count, per task, the iterations where it has zero total float (backward pass)."""
    late_finish = np.empty_like(finish)
    tol = 1e-9 * np.maximum(plan_end, 1.0)
    for t in reversed(model.order):
        idx, lag = model.successors[t]
        if len(idx) == 0:
            late_finish[t] = plan_end
            continue
        lf = late_finish[idx[0]] - duration[idx[0]] - lag[0]
        for s, g in zip(idx[1:], lag[1:], strict=True):
            np.minimum(lf, late_finish[s] - duration[s] - g, out=lf)
        late_finish[t] = lf
    return (late_finish - finish <= tol).sum(axis=1)


def _ranks(x: np.ndarray) -> np.ndarray:
    """Ranks along the last axis, scaled to (0, 1) (ties broken by order)."""
    order = np.argsort(x, axis=-1, kind="stable")
    ranks = np.empty_like(order, dtype=float)
    n = x.shape[-1]
    np.put_along_axis(ranks, order, (np.arange(n) + 0.5) / n, axis=-1)
    return ranks


def _rank_correlations(inputs: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Spearman correlation of each input row with each row of ``y`` (centred output ranks).

    Inputs are uniforms (their values are their ranks, up to sampling noise) or occurrence
    indicators. Constant inputs get 0.
    """
    n = inputs.shape[1]
    cov = (y @ inputs.T).T  # y sums to zero, so the inputs need no centring; this operand
    # order is the fast one for BLAS (a few rows times the transposed big matrix)
    mean = inputs.sum(axis=1) / n
    var = np.einsum("ij,ij->i", inputs, inputs) - n * mean * mean
    sx = np.sqrt(np.maximum(var, 0.0))
    sy = np.sqrt(np.einsum("ij,ij->i", y, y))
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = cov / np.outer(sx, sy)
    # a constant input (a fixed value) has no rank: 0; float noise on its variance too
    corr[~np.isfinite(corr) | (sx[:, None] <= 1e-9 * n)] = 0.0
    return corr


def _spearman_rows(u: np.ndarray) -> np.ndarray:
    r = _ranks(u)
    return np.corrcoef(r)
