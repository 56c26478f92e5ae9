"""Peak memory of a large run: 1,000,000 iterations of a 500-task option (target < 2 GB).

Usage: ``.venv/bin/python benchmarks/bench_memory.py [--iterations N] [--workers W]``

Memory is bounded by the chunk (10,000 iterations) plus the per-iteration outputs
(four float64 arrays). Prints the peak resident set size of this process and its workers.
"""

from __future__ import annotations

import argparse
import resource
import time

from bench_risk import synthetic_case

import decisionkit as dk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    case = synthetic_case(500)
    start = time.perf_counter()
    sim = dk.simulate(case, iterations=args.iterations, seed=1, workers=args.workers)
    elapsed = time.perf_counter() - start
    r = next(iter(sim))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{args.iterations:,} iterations x 500 tasks, workers={args.workers}: {elapsed:.1f} s; "
        f"P80 finish {r.finish.percentile(80):.1f} d; peak RSS {own:,.0f} MiB "
        f"(largest worker {children:,.0f} MiB)"
    )


if __name__ == "__main__":
    main()
