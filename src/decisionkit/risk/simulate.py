"""``simulate``: run the Monte Carlo engine over every option of a case, in fixed-size chunks."""

from __future__ import annotations

import multiprocessing
import os
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np

from decisionkit.case.model import Case
from decisionkit.errors import SimulationError
from decisionkit.risk.correlation import is_valid_correlation, nearest_correlation
from decisionkit.risk.engine import ChunkResult, run_chunk
from decisionkit.risk.model import CompiledOption, compile_option
from decisionkit.risk.results import CaseSimulation, Outcome, SimulationResult
from decisionkit.rng import DEFAULT_SEED

__all__ = ["CHUNK_SIZE", "simulate"]

CHUNK_SIZE = 10_000
"""Iterations per chunk: fixed, so that results do not depend on the number of workers."""


class CorrelationRepairWarning(UserWarning):
    """A correlation matrix was not valid and was replaced by the nearest valid one."""


def simulate(
    case: Case,
    *,
    iterations: int = 20_000,
    seed: int | None = None,
    workers: int = 1,
    sampling: str = "random",
    options: Sequence[str] | None = None,
    mitigated: bool = False,
    criticality: bool = True,
    sensitivity: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> CaseSimulation:
    """Simulate cost and schedule risk for the options of ``case``.

    Parameters
    ----------
    case
        The decision case.
    iterations
        Monte Carlo iterations per option.
    seed
        The one seed every draw derives from (default: :data:`decisionkit.rng.DEFAULT_SEED`).
        Each (option, chunk) gets its own stream, so results are identical whatever
        ``workers`` is, and adding an option leaves the others unchanged.
    workers
        Processes to use (1 = in this process).
    sampling
        ``"random"`` or ``"lhs"`` (Latin hypercube within each chunk).
    options
        Option ids to simulate (default: all).
    mitigated
        Simulate risks with their mitigation applied (common random numbers with the
        unmitigated run).
    criticality, sensitivity
        Also compute criticality indices and rank-correlation sensitivities.
    progress
        Called with (chunks done, chunks in all) as chunks finish.

    Returns
    -------
    CaseSimulation

    Examples
    --------
    >>> import decisionkit as dk
    >>> sim = dk.simulate(dk.load_case("examples/si-rh.yaml"), iterations=1_000, seed=1)
    >>> sim.options
    ('saas', 'build', 'extend')
    """
    if iterations < 2 or int(iterations) != iterations:
        raise ValueError(f"iterations must be a whole number >= 2, got {iterations}")
    if sampling not in ("random", "lhs"):
        raise ValueError(f"sampling must be 'random' or 'lhs', got {sampling!r}")
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    seed = DEFAULT_SEED if seed is None else int(seed)
    wanted = tuple(options) if options else case.option_ids
    unknown = [o for o in wanted if o not in case.option_ids]
    if unknown:
        raise KeyError(
            f"no option {', '.join(map(repr, unknown))}; have {', '.join(case.option_ids)}"
        )

    compiled = {o: _prepare(case, case.option(o), mitigated) for o in wanted}
    sizes = [CHUNK_SIZE] * (iterations // CHUNK_SIZE)
    if iterations % CHUNK_SIZE:
        sizes.append(iterations % CHUNK_SIZE)
    jobs = [(o, i, n) for o in wanted for i, n in enumerate(sizes)]
    flags = {"lhs": sampling == "lhs", "criticality": criticality, "sensitivity": sensitivity}
    chunks: dict[tuple[str, int], ChunkResult] = {}
    if workers == 1 or len(jobs) == 1:
        for done, (o, i, n) in enumerate(jobs, start=1):
            chunks[(o, i)] = _run(compiled[o], seed, i, n, flags)
            if progress:
                progress(done, len(jobs))
    else:
        ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            futures = {
                (o, i): pool.submit(_run, compiled[o], seed, i, n, flags) for o, i, n in jobs
            }
            for done, (key, fut) in enumerate(futures.items(), start=1):
                chunks[key] = fut.result()
                if progress:
                    progress(done, len(jobs))

    results = {
        o: _assemble(
            case,
            compiled[o],
            [chunks[(o, i)] for i in range(len(sizes))],
            seed,
            iterations,
            sampling,
            mitigated,
        )
        for o in wanted
    }
    return CaseSimulation(case=case.case, results=results, seed=seed, iterations=iterations)


def _prepare(case: Case, option: Any, mitigated: bool) -> tuple[CompiledOption, Any, tuple]:
    from dataclasses import replace

    from decisionkit.risk.sampling import EstimateTable

    model = compile_option(case, option, mitigated=mitigated)
    notes: list[str] = []
    if len(model.correlation_rows) >= 2 and not is_valid_correlation(model.correlation_target):
        repaired = nearest_correlation(model.correlation_target)
        change = np.abs(repaired - model.correlation_target).max()
        message = (
            f"option {option.id!r}: the correlations asked for are not consistent (the matrix "
            f"is not positive semi-definite); using the nearest valid matrix (largest change "
            f"{change:.3f}). Compare asked and used values in result.correlations."
        )
        warnings.warn(message, CorrelationRepairWarning, stacklevel=3)
        notes.append(message)
        model = replace(model, correlation_target=repaired)
    table = EstimateTable.build(list(model.names), list(model.estimates))
    return model, table, tuple(notes)


def _run(prepared: tuple, seed: int, index: int, n: int, flags: dict[str, bool]) -> ChunkResult:
    model, table, _ = prepared
    try:
        return run_chunk(model, table, n, seed, index, **flags)
    except Exception as exc:  # pragma: no cover - a bug, reported with its place
        raise SimulationError(
            f"option {model.option_id!r}, chunk {index}: {type(exc).__name__}: {exc}"
        ) from exc


def _assemble(
    case: Case,
    prepared: tuple,
    chunks: list[ChunkResult],
    seed: int,
    iterations: int,
    sampling: str,
    mitigated: bool,
) -> SimulationResult:
    model, _table, notes = prepared
    weights = np.asarray([len(c.capex) for c in chunks], dtype=float)
    cat = lambda name: np.concatenate([getattr(c, name) for c in chunks])  # noqa: E731
    plan = model.plan
    days = "working days"
    outcomes = {
        "capex": Outcome("capex", cat("capex"), case.currency, plan.capex),
        "tco": Outcome("tco", cat("tco"), case.currency, plan.tco),
        "finish": Outcome("finish", cat("finish"), days, plan.finish),
        "go_live": Outcome("go_live", cat("go_live"), days, plan.go_live),
    }
    for out in outcomes.values():
        out.values.setflags(write=False)
    critical = None
    if chunks[0].critical_count is not None:
        critical = sum(c.critical_count for c in chunks) / iterations
    sens, names = None, ()
    if chunks[0].sensitivity is not None:
        sens = np.average(np.stack([c.sensitivity for c in chunks]), axis=0, weights=weights)
        names = (*model.names, *(f"{r}.occurs" for r in model.risk_ids))
        fixed = [i for i, e in enumerate(model.estimates) if e.is_fixed]
        sens[fixed] = 0.0
    correlations = ()
    if chunks[0].spearman_sample is not None:
        got = np.average(np.stack([c.spearman_sample for c in chunks]), axis=0, weights=weights)
        pos = {row: k for k, row in enumerate(model.correlation_rows)}
        row_of = {n: i for i, n in enumerate(model.names)}
        correlations = tuple(
            (
                a,
                b,
                rho,
                float(model.correlation_target[pos[row_of[a]], pos[row_of[b]]]),
                float(got[pos[row_of[a]], pos[row_of[b]]]),
            )
            for a, b, rho in model.correlation_pairs
        )
    option = case.option(model.option_id)
    return SimulationResult(
        option=model.option_id,
        name=option.name,
        **outcomes,
        plan=plan,
        seed=seed,
        iterations=iterations,
        sampling=sampling,
        mitigated=mitigated,
        currency=case.currency,
        start=case.start,
        holidays=case.holidays,
        task_ids=model.task_ids,
        critical_fraction=critical,
        input_names=names,
        input_sensitivity=sens,
        correlations=correlations,
        warnings=notes,
    )
