"""``simulate``: run the Monte Carlo engine over every option of a case, in fixed-size chunks."""

from __future__ import annotations

import atexit
import hashlib
import math
import os
import pickle
import warnings
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from decisionkit._threads import single_threaded_blas
from decisionkit.case.model import Case
from decisionkit.errors import SimulationError
from decisionkit.risk.correlation import is_valid_correlation, nearest_correlation
from decisionkit.risk.engine import ChunkResult, run_chunk
from decisionkit.risk.model import CompiledOption, compile_option
from decisionkit.risk.results import CaseSimulation, Outcome, SimulationResult
from decisionkit.rng import DEFAULT_SEED

if TYPE_CHECKING:  # the process pool is imported with its first use: most runs stay in-process
    from concurrent.futures import ProcessPoolExecutor

__all__ = ["CHUNK_SIZE", "simulate"]

CHUNK_SIZE = 10_000
"""Iterations per chunk: fixed, so that results do not depend on the number of workers."""


class PrecisionWarning(UserWarning):
    """The precision target was not reached within ``max_iterations``."""


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
    contributions: bool = False,
    precision: float | None = None,
    max_iterations: int = 1_000_000,
    progress: Callable[[int, int], None] | None = None,
) -> CaseSimulation:
    """Simulate cost and schedule risk for the options of ``case``.

    Parameters
    ----------
    case
        The decision case.
    iterations
        Monte Carlo iterations per option (the minimum, with ``precision``).
    seed
        The one seed every draw derives from (default: :data:`decisionkit.rng.DEFAULT_SEED`).
        Each (option, chunk) gets its own streams, so results are identical whatever
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
    contributions
        Also measure each risk's contribution to P80 capex and P80 finish: the option is run
        again without that risk, with the same draws (common random numbers).
    precision
        Keep adding chunks of :data:`CHUNK_SIZE` iterations until the Monte Carlo standard
        error of P80 capex and of P80 finish is below ``precision`` times their value
        (e.g. ``0.005``), or ``max_iterations`` is reached.
    max_iterations
        The cap of the ``precision`` mode.
    progress
        Called with (chunks done, chunks planned) as chunks finish.

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
    if precision is not None and not 0 < precision < 1:
        raise ValueError(f"precision must be a relative error within (0, 1), got {precision}")
    seed = DEFAULT_SEED if seed is None else int(seed)
    if seed < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    if isinstance(options, str):
        options = (options,)
    wanted = tuple(options) if options else case.option_ids
    unknown = [o for o in wanted if o not in case.option_ids]
    if unknown:
        raise KeyError(
            f"no option {', '.join(map(repr, unknown))}; have {', '.join(case.option_ids)}"
        )

    compiled = {o: _prepare(case, case.option(o), mitigated) for o in wanted}
    flags = {"lhs": sampling == "lhs", "criticality": criticality, "sensitivity": sensitivity}
    sizes = _sizes(iterations)
    planned = len(sizes) * len(wanted)
    if precision is not None:
        planned = max(planned, len(_sizes(max_iterations)) * len(wanted))
    tick = _Ticker(progress, planned)
    results: dict[str, SimulationResult] = {}
    with _Runner(workers, compiled) as runner:
        chunks: dict[str, list[ChunkResult]] = {}
        jobs = [(o, seed, i, n, flags, None) for o in wanted for i, n in enumerate(sizes)]
        done = runner.run(jobs, tick)
        for k, o in enumerate(wanted):
            chunks[o] = done[k * len(sizes) : (k + 1) * len(sizes)]
        if precision is not None:
            for o in wanted:
                chunks[o] = _refine(
                    runner, o, seed, flags, chunks[o], precision, max_iterations, tick
                )
                capex = np.concatenate([c.capex for c in chunks[o]])
                finish = np.concatenate([c.finish for c in chunks[o]])
                got = max(_p80_error(capex), _p80_error(finish))
                if got > precision:
                    message = (
                        f"option {o!r}: the precision target {precision:g} was not reached "
                        f"within {max_iterations:,} iterations (relative standard error of P80 "
                        f"capex and finish up to {got:.2g})"
                    )
                    warnings.warn(message, PrecisionWarning, stacklevel=2)
                    compiled[o] = (*compiled[o][:2], (*compiled[o][2], message))
        for o in wanted:
            n_done = sum(len(c.capex) for c in chunks[o])
            contrib = ()
            if contributions and compiled[o][0].n_risks:
                contrib = _contributions(runner, o, seed, sampling, chunks[o])
            results[o] = _assemble(
                case, compiled[o], chunks[o], seed, n_done, sampling, mitigated, contrib
            )
    total = max(r.iterations for r in results.values())
    return CaseSimulation(
        case=case.case,
        results=results,
        seed=seed,
        iterations=total,
        fingerprint=case.risk_fingerprint(),
    )


def _sizes(iterations: int) -> list[int]:
    sizes = [CHUNK_SIZE] * (iterations // CHUNK_SIZE)
    if iterations % CHUNK_SIZE:
        sizes.append(iterations % CHUNK_SIZE)
    return sizes


class _Ticker:
    def __init__(self, callback: Callable[[int, int], None] | None, planned: int) -> None:
        self.callback, self.planned, self.done = callback, planned, 0

    def __call__(self) -> None:
        self.done += 1
        if self.callback:
            self.callback(self.done, max(self.planned, self.done))


class _Runner:
    """Runs chunk jobs in this process or in a warm pool; results come back in job order."""

    def __init__(self, workers: int, prepared: dict[str, tuple]) -> None:
        self.workers = workers
        self.prepared = prepared
        self._blobs: dict[str, tuple[str, bytes]] = {}

    def __enter__(self) -> _Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self._blobs.clear()

    def _blob(self, option: str) -> tuple[str, bytes]:
        if option not in self._blobs:
            data = pickle.dumps(self.prepared[option], protocol=pickle.HIGHEST_PROTOCOL)
            self._blobs[option] = (hashlib.blake2b(data, digest_size=16).hexdigest(), data)
        return self._blobs[option]

    def run(self, jobs: list[tuple], tick: Callable[[], None]) -> list[ChunkResult]:
        if self.workers == 1 or len(jobs) <= 1:
            out = []
            with single_threaded_blas():  # small products: threads only spin (see _threads)
                for option, *rest in jobs:
                    out.append(_run(self.prepared[option], *rest))
                    tick()
            return out
        from concurrent.futures.process import BrokenProcessPool

        pool = _pool(self.workers)
        try:
            futures = [pool.submit(_run_blob, *self._blob(o), *rest) for o, *rest in jobs]
            out = []
            for fut in futures:
                out.append(fut.result())
                tick()
        except BrokenProcessPool as exc:  # a worker died: the next run starts a fresh pool
            _POOLS.pop(self.workers, None)
            raise SimulationError(f"a simulation worker process stopped: {exc}") from exc
        return out


_POOLS: dict[int, ProcessPoolExecutor] = {}


def _pool(workers: int) -> ProcessPoolExecutor:
    """A warm pool of ``workers`` processes, kept for the next simulations (what-if, batch)."""
    pool = _POOLS.get(workers)
    if pool is None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_limit_blas)
        _POOLS[workers] = pool
    return pool


@atexit.register
def _shutdown_pools() -> None:
    for pool in _POOLS.values():
        pool.shutdown(cancel_futures=True)
    _POOLS.clear()


def _limit_blas() -> None:
    """Worker initializer: one BLAS thread per worker process.

    Several workers each running a multi-threaded BLAS on the same cores spin against each
    other (seen: a 16x slow-down of the sensitivity products with 2 workers on 2 cores).
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


_CACHE: OrderedDict[str, tuple] = OrderedDict()


def _run_blob(digest: str, blob: bytes, *rest: Any) -> ChunkResult:
    """In a worker: unpickle the compiled option once per content, then run the chunk."""
    prepared = _CACHE.get(digest)
    if prepared is None:
        prepared = pickle.loads(blob)  # our own bytes, made by _Runner in the parent
        _CACHE[digest] = prepared
        while len(_CACHE) > 16:
            _CACHE.popitem(last=False)
    return _run(prepared, *rest)


def _p80_error(values: np.ndarray) -> float:
    """Relative standard error of the 80th percentile (order-statistic interval)."""
    n = len(values)
    half = 1.959963984540054 * math.sqrt(n * 0.8 * 0.2)
    lo, mid, hi = (
        max(math.floor(0.8 * n - half) - 1, 0),
        int(0.8 * n),
        min(math.ceil(0.8 * n + half) - 1, n - 1),
    )
    part = np.partition(values, [lo, mid, hi])
    scale = abs(part[mid]) or 1.0
    return float((part[hi] - part[lo]) / (2 * 1.959963984540054) / scale)


def _refine(
    runner: _Runner,
    option: str,
    seed: int,
    flags: dict[str, bool],
    chunks: list[ChunkResult],
    precision: float,
    max_iterations: int,
    tick: Callable[[], None],
) -> list[ChunkResult]:
    """Add chunks until P80 capex and P80 finish are precise enough (checked chunk by chunk)."""

    def precise(upto: list[ChunkResult]) -> bool:
        capex = np.concatenate([c.capex for c in upto])
        finish = np.concatenate([c.finish for c in upto])
        return _p80_error(capex) <= precision and _p80_error(finish) <= precision

    chunks = list(chunks)
    n = sum(len(c.capex) for c in chunks)
    while not (chunks and precise(chunks)) and n < max_iterations:
        batch = min(runner.workers, math.ceil((max_iterations - n) / CHUNK_SIZE))
        first = len(chunks)
        jobs = [
            (
                option,
                seed,
                first + k,
                min(CHUNK_SIZE, max_iterations - n - k * CHUNK_SIZE),
                flags,
                None,
            )
            for k in range(batch)
        ]
        for result in runner.run(jobs, tick):  # stop at the first chunk that is enough
            chunks.append(result)
            n += len(result.capex)
            if precise(chunks):
                break
    return chunks


def _contributions(
    runner: _Runner, option: str, seed: int, sampling: str, chunks: list[ChunkResult]
) -> tuple[tuple[str, float, float], ...]:
    """Each risk's contribution to P80 capex and P80 finish (with minus without the risk)."""
    model = runner.prepared[option][0]
    flags = {"lhs": sampling == "lhs", "criticality": False, "sensitivity": False}
    capex = np.concatenate([c.capex for c in chunks])
    finish = np.concatenate([c.finish for c in chunks])
    base_capex, base_finish = np.percentile(capex, 80), np.percentile(finish, 80)
    out = []
    for r, rid in enumerate(model.risk_ids):
        jobs = [(option, seed, i, len(c.capex), flags, r) for i, c in enumerate(chunks)]
        done = runner.run(jobs, lambda: None)
        c_without = np.concatenate([c.capex for c in done])
        f_without = np.concatenate([c.finish for c in done])
        out.append(
            (
                rid,
                float(base_capex - np.percentile(c_without, 80)),
                float(base_finish - np.percentile(f_without, 80)),
            )
        )
    return tuple(out)


def _prepare(case: Case, option: Any, mitigated: bool) -> tuple[CompiledOption, Any, tuple]:
    from dataclasses import replace

    from decisionkit.montecarlo.sampling import EstimateTable

    model = compile_option(case, option, mitigated=mitigated)
    notes: list[str] = []
    if len(model.correlation_rows) >= 2 and not is_valid_correlation(model.correlation_target):
        repaired = nearest_correlation(model.correlation_target)
        change = np.abs(repaired - model.correlation_target).max()
        message = (
            f"option {option.id!r}: the correlations asked for are not consistent (the matrix "
            f"is not positive semi-definite); using the nearest valid matrix (largest change "
            f"{change:.3f}); the asked, used and achieved values are in the JSON output "
            "(--json) and in result.correlations."
        )
        warnings.warn(message, CorrelationRepairWarning, stacklevel=3)
        notes.append(message)
        model = replace(model, correlation_target=repaired)
    table = EstimateTable.build(list(model.names), list(model.estimates))
    return model, table, tuple(notes)


def _run(
    prepared: tuple, seed: int, index: int, n: int, flags: dict[str, bool], without: int | None
) -> ChunkResult:
    model, table, _ = prepared
    try:
        return run_chunk(model, table, n, seed, index, without_risk=without, **flags)
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
    contributions: tuple[tuple[str, float, float], ...] = (),
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
        input_labels=model.input_labels,
        input_sensitivity=sens,
        correlations=correlations,
        risk_contributions_p80=contributions,
        warnings=notes,
    )
