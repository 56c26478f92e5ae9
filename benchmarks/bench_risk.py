"""Throughput of the Monte Carlo engine, against a plain numpy reference, in one run.

Usage: ``.venv/bin/python benchmarks/bench_risk.py [--quick] [--blas-only] [--busy 0 2]``

For K = 50 and 500 tasks (about 2 predecessors each, triangular durations and costs, 20 risk
events on random tasks) and N = 100,000 iterations, it prints task-iterations per second of
``decisionkit.simulate`` with 1 and 2 workers (plain outputs, then with criticality and
sensitivity), of a plain reference (``Generator.triangular`` draws for all tasks of a chunk
and one pass over the tasks, on one core) and the raw rate of triangular draws, and the
ratios the targets are set on. It also times the what-if re-simulation of a 3-option x
60-task x 10,000-iteration case. The machine is shared and noisy: compare ratios measured in
the same run, not absolute numbers across runs.

BLAS setting: ``dk.simulate(si-rh, iterations=10_000, seed=7)`` (skills gates, criticality and
sensitivity, in-process) is timed in fresh processes with ``OPENBLAS_NUM_THREADS`` = 1, 2 and
unset, on idle cores and with ``--busy`` spinning processes beside it (a shared machine: other
notebooks, a test run). Before the library limited its BLAS threads, 2 threads on 2 busy cores
took about 4 times as long as 1.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

import decisionkit as dk
from decisionkit.risk.simulate import CHUNK_SIZE


def synthetic_option(k: int, rng: np.random.Generator, oid: str = "synthetic") -> dict:
    tasks = []
    for i in range(k):
        lo = float(rng.uniform(5, 20))
        mode = lo + float(rng.uniform(1, 20))
        hi = mode + float(rng.uniform(1, 40))
        preds = sorted(set(rng.choice(i, size=min(i, 2), replace=False).tolist())) if i else []
        c = float(rng.uniform(1e3, 1e4))
        tasks.append(
            {
                "id": f"t{i}",
                "duration": {"distribution": "triangular", "min": lo, "likely": mode, "max": hi},
                "cost": {"distribution": "triangular", "min": c, "likely": 1.3 * c, "max": 2 * c},
                "after": [f"t{p}" for p in preds],
            }
        )
    risks = [
        {
            "id": f"r{j}",
            "probability": float(rng.uniform(0.05, 0.4)),
            "task": f"t{int(rng.integers(k))}",
            "delay": {"distribution": "triangular", "min": 1, "likely": 5, "max": 20},
            "cost": {"distribution": "triangular", "min": 1e3, "likely": 5e3, "max": 2e4},
        }
        for j in range(20)
    ]
    return {"id": oid, "tasks": tasks, "risks": risks}


def synthetic_case(k: int, options: int = 1) -> dk.Case:
    rng = np.random.default_rng(k)
    return dk.Case.model_validate(
        {
            "case": f"synthetic {k} tasks",
            "options": [synthetic_option(k, rng, f"o{i}") for i in range(options)],
        }
    )


def plain_reference(case: dk.Case, n: int) -> float:
    """Straightforward numpy on one core: triangular draws per chunk, one pass over tasks."""
    option = case.options[0]
    index = {t.id: i for i, t in enumerate(option.tasks)}
    lo = np.array([[t.duration.parameters["min"]] for t in option.tasks])
    mode = np.array([[t.duration.parameters["likely"]] for t in option.tasks])
    hi = np.array([[t.duration.parameters["max"]] for t in option.tasks])
    clo = np.array([[t.cost.parameters["min"]] for t in option.tasks])
    cmode = np.array([[t.cost.parameters["likely"]] for t in option.tasks])
    chi = np.array([[t.cost.parameters["max"]] for t in option.tasks])
    preds = [[index[d.task] for d in t.after] for t in option.tasks]
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    for first in range(0, n, CHUNK_SIZE):
        m = min(CHUNK_SIZE, n - first)
        dur = rng.triangular(lo, mode, hi, size=(len(preds), m))
        cost = rng.triangular(clo, cmode, chi, size=(len(preds), m))
        finish = np.empty_like(dur)
        for t, ps in enumerate(preds):
            s = np.zeros(m)
            for p in ps:
                np.maximum(s, finish[p], out=s)
            finish[t] = s + dur[t]
        finish.max(axis=0)
        cost.sum(axis=0)
    return time.perf_counter() - start


def draw_rate(n: int = 5_000_000) -> float:
    rng = np.random.default_rng(1)
    start = time.perf_counter()
    rng.triangular(1.0, 2.0, 4.0, size=n)
    return n / (time.perf_counter() - start)


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


CASE = Path(__file__).resolve().parents[1] / "examples" / "si-rh.yaml"

TIME_SIMULATE = """
import statistics, sys, time
import decisionkit as dk
case = dk.load_case(sys.argv[1])
dk.simulate(case, iterations=10_000, seed=7)  # warm: imports, PERT tables
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    dk.simulate(case, iterations=10_000, seed=7)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""


def blas_settings(case: Path, busy: int, repeat: int = 7) -> dict[str, float]:
    """Median time of ``simulate(case, 10_000, seed=7)`` per ``OPENBLAS_NUM_THREADS`` value.

    Each setting runs in a fresh process, beside ``busy`` processes spinning on the CPU.
    """
    base = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(busy)]
    try:
        out = {}
        for setting in ("1", "2", "unset"):
            env = base if setting == "unset" else {**base, "OPENBLAS_NUM_THREADS": setting}
            run = subprocess.run(
                [sys.executable, "-c", TIME_SIMULATE, str(case), str(repeat)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            out[setting] = float(run.stdout)
        return out
    finally:
        for p in spinners:
            p.kill()
            p.wait()


def report_blas(case: Path, busy_levels: list[int]) -> None:
    print(f"simulate({case.name}, iterations=10,000, seed=7), in-process, median of 7:")
    for busy in busy_levels:
        t = blas_settings(case, busy)
        print(
            f"  {busy} busy processes beside it: OPENBLAS_NUM_THREADS=1 {t['1']:.3f} s, "
            f"=2 {t['2']:.3f} s, unset {t['unset']:.3f} s (2 / 1: x{t['2'] / t['1']:.2f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 20,000 (a smoke run)")
    parser.add_argument("--blas-only", action="store_true", help="only the BLAS-setting comparison")
    parser.add_argument(
        "--busy",
        type=int,
        nargs="+",
        default=[0, 2],
        help="spinning processes beside the BLAS-setting comparison (default: 0, then 2)",
    )
    parser.add_argument("--case", type=Path, default=CASE, help="case of that comparison")
    args = parser.parse_args()
    report_blas(args.case, args.busy)
    if args.blas_only:
        return
    n = 20_000 if args.quick else 100_000
    draws = draw_rate()
    print(
        f"raw triangular draws: {draws:,.0f}/s on one core; draw limit with 2 cores and 2 "
        f"draws per task-iteration: {draws:,.0f} task-iterations/s"
    )
    for k in (50, 500):
        case = synthetic_case(k)
        work = k * n
        ref = timed(lambda case=case: plain_reference(case, n))
        print(f"\nK = {k} tasks, N = {n:,}: plain reference {work / ref:,.0f} task-iter/s")
        plain = {}
        for workers in (1, 2):
            t = timed(
                lambda w=workers, case=case: dk.simulate(
                    case, iterations=n, seed=1, workers=w, criticality=False, sensitivity=False
                )
            )
            plain[workers] = t
            full = timed(
                lambda w=workers, case=case: dk.simulate(
                    case, iterations=n, seed=1, workers=w, criticality=True, sensitivity=True
                )
            )
            print(
                f"  workers={workers}: plain {work / t:,.0f} task-iter/s "
                f"({ref / t:.2f}x reference, {work / t / draws:.2f} of the draw limit); "
                f"with criticality+sensitivity {work / full:,.0f} ({full / t:.2f}x the plain "
                "run's time)"
            )
    what_if = synthetic_case(60, options=3)
    dk.simulate(what_if, iterations=10_000, seed=1)  # warm the caches, as a live panel would
    t = timed(lambda: dk.simulate(what_if, iterations=10_000, seed=2), repeat=3)
    print(
        f"\nwhat-if: 3 options x 60 tasks x 10,000 iterations (criticality+sensitivity): "
        f"{t:.3f} s (target < 0.3 s)"
    )
    t = timed(
        lambda: dk.simulate(
            what_if, iterations=10_000, seed=2, criticality=False, sensitivity=False
        ),
        repeat=3,
    )
    print(f"what-if, plain outputs: {t:.3f} s")


if __name__ == "__main__":
    main()
