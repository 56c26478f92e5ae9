"""How fast a study reacts to a what-if: the figures the what-if panel needs.

Usage: ``.venv/bin/python benchmarks/bench_whatif.py [--case examples/si-rh.yaml] [--repeat 5]``

On an example case at 10,000 iterations and 10,000 SMAA draws, in one process, it prints the
median time of:

- ``weights``: a weights-only ``what_if`` and its facts (ranking, explanations, stability,
  SMAA, sentences in both languages): no simulation. Target: under 100 ms.
- ``estimate``: a change of one option's durations, which re-simulates that option with
  criticality and sensitivity, then re-assesses, re-appraises and rebuilds the facts.
  Target: under 0.4 s, whatever the BLAS thread setting. ``+contrib.``: the same with each
  risk's contribution measured again (one more run of the option per risk), as
  ``dk.study``'s default does.
- ``study``: a whole new study (every option simulated, with risk contributions).

Each is timed in fresh processes with ``OPENBLAS_NUM_THREADS`` = 1, 2 and unset, since a
shared notebook server sets either. The machine is shared and noisy: read medians, and rerun
when another job was running.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _timed(base: Any, changes: dict[str, Any]) -> float:
    t = time.perf_counter()
    base.what_if(changes).to_dict()
    return time.perf_counter() - t


def measure(case: str, repeat: int) -> dict[str, float]:
    """Median seconds of each step, in this process."""
    from decisionkit.studies import study

    t = time.perf_counter()
    full = study(case, iterations=10_000, seed=7, smaa_draws=10_000)
    full.to_dict()
    whole = time.perf_counter() - t
    base = study(case, iterations=10_000, seed=7, smaa_draws=10_000, contributions=False)
    base.to_dict()
    option = base.options[1]
    criterion = base.case.criteria[0].id
    weights = [_timed(base, {"weights": {criterion: 0.2 + 0.05 * i}}) for i in range(repeat)]
    scales = [{"scale": {option: {"duration": 1.05 + 0.05 * i}}} for i in range(repeat)]
    estimate = [_timed(base, changes) for changes in scales]
    contrib = [_timed(full, changes) for changes in scales]
    from decisionkit.widgets import WhatIfModel

    model = WhatIfModel(base, debounce=0)  # the panel's logic: validation, facts, threads
    panel_w, panel_e = [], []
    for i in range(repeat):
        t = time.perf_counter()
        model.set_weight(criterion, 0.3 + 0.05 * i)
        model.wait()
        panel_w.append(time.perf_counter() - t)
        t = time.perf_counter()
        model.set_scale(option, duration=1.05 + 0.05 * i)
        model.wait()
        panel_e.append(time.perf_counter() - t)
    model.close()
    return {
        "panel_weights": statistics.median(panel_w),
        "panel_estimate": statistics.median(panel_e),
        "weights": statistics.median(weights),
        "estimate": statistics.median(estimate),
        "contrib": statistics.median(contrib),
        "study": whole,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", default=str(ROOT / "examples" / "si-rh.yaml"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.case, args.repeat)))
        return
    print(f"what-if on {Path(args.case).name}: 10,000 iterations, 10,000 SMAA draws")
    head = ("weights", "estimate", "+contrib.", "new study")
    print(f"{'OPENBLAS_NUM_THREADS':>22}" + "".join(f"{h:>11}" for h in head))
    for threads in ("1", "2", None):
        env = dict(os.environ)
        env.pop("OPENBLAS_NUM_THREADS", None)
        if threads is not None:
            env["OPENBLAS_NUM_THREADS"] = threads
        command = [sys.executable, __file__, "--child", "--case", args.case]
        out = subprocess.run(
            [*command, "--repeat", str(args.repeat)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        label = threads or "unset"
        print(
            f"{label:>22} {r['weights'] * 1000:>9.0f}ms {r['estimate'] * 1000:>9.0f}ms "
            f"{r['contrib'] * 1000:>9.0f}ms {r['study']:>10.2f}s"
        )
        print(
            f"{'':>22} panel (WhatIfModel): weights {r['panel_weights'] * 1000:.0f}ms, "
            f"estimate {r['panel_estimate'] * 1000:.0f}ms"
        )
    print("targets: weights < 100 ms, estimate < 400 ms; panel: weights < 100 ms, estimate < 1 s")


if __name__ == "__main__":
    main()
