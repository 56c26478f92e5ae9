"""Import cost: ``import decisionkit`` against ``import pandas``, in fresh processes.

Usage: ``.venv/bin/python benchmarks/bench_import.py [--runs 10]``

Each statement runs ``--runs`` times, each time in a new interpreter (``python -c '...'``),
in turn so that a noisy neighbour hits them alike. It prints the median wall time of each and
its cost net of a bare interpreter (``python -c pass``), then the target: ``import
decisionkit`` cheaper than ``import pandas``. The public names are imported on first use, so
two more lines show what a first use costs: the case model (numpy, pydantic and the case's
models) and the whole engine stack (``dk.simulate``: risk, footprint, skills, MCDA). The last
line names the modules of that stack that take the most time of their own (``python -X
importtime``, one run).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

STATEMENTS = {
    "bare interpreter": "pass",
    "import pandas": "import pandas",
    "import decisionkit": "import decisionkit",
    "+ first use: dk.Case": "import decisionkit as dk; dk.Case",
    "+ first use: dk.simulate": "import decisionkit as dk; dk.simulate",
}


def wall(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def self_times(code: str, top: int = 8) -> list[tuple[int, str]]:
    """The modules with the most import time of their own (microseconds), one run."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(own), name.strip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    times: dict[str, list[float]] = {label: [] for label in STATEMENTS}
    wall("import decisionkit as dk, pandas; dk.simulate")  # warm the file cache
    for _ in range(runs):
        for label, code in STATEMENTS.items():
            times[label].append(wall(code))
    medians = {label: statistics.median(t) for label, t in times.items()}
    bare = medians["bare interpreter"]
    print(f"median of {runs} fresh processes:")
    for label, t in times.items():
        m = medians[label]
        print(
            f"  {label:<26} {m * 1e3:5.0f} ms (net {(m - bare) * 1e3:4.0f} ms; "
            f"min {min(t) * 1e3:.0f}, max {max(t) * 1e3:.0f})"
        )
    verdict = "met" if medians["import decisionkit"] < medians["import pandas"] else "NOT met"
    print(f"target import decisionkit < import pandas: {verdict}")
    code = STATEMENTS["+ first use: dk.simulate"]
    heaviest = ", ".join(f"{name} {us / 1e3:.1f}" for us, name in self_times(code))
    print(f"dk.simulate's stack, largest self times (ms, -X importtime): {heaviest}")


if __name__ == "__main__":
    main()
