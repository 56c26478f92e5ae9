"""The outside view: published overrun statistics of IT projects next to the simulation.

Bottom-up estimates are optimistic (Flyvbjerg's "inside view"); reference-class forecasting
checks them against what happened to similar projects. decisionkit ships the published
statistics (``reference_classes.yaml``, with sources) and sets each beside what the simulation
implies for the same statistic, relative to the deterministic plan: a mean overrun of 27 % in
the reference class against a simulated mean of 9 % says the risk register is probably
incomplete.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

__all__ = ["outside_view", "reference_classes"]


@lru_cache(maxsize=1)
def reference_classes() -> tuple[dict[str, Any], ...]:
    """The shipped reference classes: ``id``, ``title``, ``source``, ``statistics`` each."""
    text = (
        resources.files("decisionkit.risk")
        .joinpath("reference_classes.yaml")
        .read_text(encoding="utf-8")
    )
    return tuple(yaml.safe_load(text)["classes"])


def outside_view(result: Any, classes: tuple[str, ...] | None = None) -> Any:
    """Compare a simulated option with the published reference classes (a DataFrame).

    One row per published statistic: the reference class, the statistic, its published value,
    the value the simulation gives for it (relative to the deterministic plan), and the plan
    uplifted by the published mean where that applies.

    Parameters
    ----------
    result
        A :class:`~decisionkit.risk.results.SimulationResult`.
    classes
        Reference class ids (default: all shipped).
    """
    import pandas as pd

    known = {c["id"]: c for c in reference_classes()}
    wanted = classes or tuple(known)
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise KeyError(f"no reference class {', '.join(unknown)}; have {', '.join(known)}")
    capex, finish = result.capex, result.finish
    cost_ratio = capex.values / capex.plan if capex.plan > 0 else None
    days_ratio = finish.values / finish.plan if finish.plan > 0 else None
    rows = []
    for cid in wanted:
        c = known[cid]
        s = c["statistics"]

        def add(
            statistic: str,
            published: float,
            simulated: float | None,
            uplifted: float | None = None,
            unit: str = "",
            c=c,
        ) -> None:
            rows.append(
                {
                    "reference": c["title"],
                    "statistic": statistic,
                    "published": published,
                    "simulated": simulated,
                    "plan_uplifted": uplifted,
                    "unit": unit,
                }
            )

        if "mean_cost_overrun" in s:
            add(
                "mean cost overrun",
                s["mean_cost_overrun"],
                None if cost_ratio is None else float(cost_ratio.mean() - 1),
                capex.plan * (1 + s["mean_cost_overrun"]),
                result.currency,
            )
        if "mean_schedule_overrun" in s:
            add(
                "mean schedule overrun",
                s["mean_schedule_overrun"],
                None if days_ratio is None else float(days_ratio.mean() - 1),
                finish.plan * (1 + s["mean_schedule_overrun"]),
                "working days",
            )
        if "black_swan_share" in s:
            threshold = 1 + s["black_swan_cost_overrun"]
            add(
                f"share of cost overruns >= {s['black_swan_cost_overrun']:.0%}",
                s["black_swan_share"],
                None if cost_ratio is None else float(np.mean(cost_ratio >= threshold)),
            )
            add(
                "black swans' schedule overrun",
                s["black_swan_schedule_overrun"],
                None
                if days_ratio is None
                else float(np.mean(days_ratio >= 1 + s["black_swan_schedule_overrun"])),
                finish.plan * (1 + s["black_swan_schedule_overrun"]),
                "working days",
            )
    df = pd.DataFrame(rows)
    df.attrs["note"] = (
        "published: the reference class's figure; simulated: the same statistic in this "
        "simulation, relative to the deterministic plan (for the black swans' schedule "
        "overrun: the simulated share of iterations at least that late)"
    )
    return df
