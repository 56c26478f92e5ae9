"""Assessment throughput: footprint sampling, skills gates and a what-if re-assessment.

Usage: ``.venv/bin/python benchmarks/bench_assess.py [--iterations N]``

On the bundled ``examples/si-rh.yaml`` (3 options, footprint inventories of 5-8 lines, legacy
footprint, 4-6 skills needs each): the time of ``dk.assess`` given a simulation (footprint
rows drawn and summed per iteration, RGESN scores, skills gaps), the footprint rate in
option-iterations per second, the cost of the skills gates in ``dk.simulate`` (gated against
the plain risk engine), and a what-if (one more FTE in the team: gates rebuilt, simulation at
10,000 iterations and assessment again), then the footprint of one option over 1,000,000
iterations (drawn in chunks: memory stays bounded). Best of three; the machine is shared.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

import decisionkit as dk
from decisionkit.risk import simulate as simulate_without_gates

ROOT = Path(__file__).resolve().parents[1]


def best(f, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=100_000)
    n = parser.parse_args().iterations
    case = dk.load_case(ROOT / "examples" / "si-rh.yaml")
    kw = {"iterations": n, "seed": 1, "criticality": False, "sensitivity": False}
    sim = dk.simulate(case, **kw)
    t_assess = best(lambda: dk.assess(case, sim))
    print(
        f"assess, {n:,} iterations x {len(case.options)} options: {t_assess:.3f} s "
        f"({n * len(case.options) / t_assess:,.0f} option-iterations/s)"
    )
    t_gated = best(lambda: dk.simulate(case, **kw))
    t_plain = best(lambda: simulate_without_gates(case, **kw))
    print(
        f"simulate with skills gates {t_gated:.3f} s, without {t_plain:.3f} s "
        f"(x{t_gated / t_plain:.2f})"
    )
    team = [m.model_dump() for m in case.team] + [{"competence": "E.8", "level": 4, "fte": 1}]
    what_if = case.replace(team=team)

    def rerun() -> None:
        s = dk.simulate(what_if, iterations=10_000, seed=1, criticality=True, sensitivity=True)
        dk.assess(what_if, s)

    print(
        f"what-if (team + 1 FTE, 10,000 iterations, criticality and sensitivity): "
        f"{best(rerun):.3f} s"
    )
    import resource

    from decisionkit.sustainability import assess_footprint

    t = time.perf_counter()
    assess_footprint(case, "build", go_live_days=np.full(1_000_000, 300.0), seed=1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"footprint of 1,000,000 iterations (option build): {time.perf_counter() - t:.2f} s, "
        f"peak RSS of this process so far {peak:.0f} MiB"
    )


if __name__ == "__main__":
    main()
