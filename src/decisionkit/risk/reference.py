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
    the value the simulation gives for the same statistic (relative to the deterministic plan),
    and the plan uplifted by the published figure. Flyvbjerg and Budzier's "black swans" are the
    worst sixth of projects: their mean overrun is compared with the mean overrun of the worst
    sixth of simulated iterations.

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
            # the published figure: the worst sixth of projects (the "black swans") overran by
            # 200 % on average; the same statistic here is the mean overrun of the worst sixth
            # of iterations
            share = s["black_swan_share"]
            add(
                f"mean cost overrun of the worst {share:.1%}",
                s["black_swan_cost_overrun"],
                None if cost_ratio is None else _tail_mean(cost_ratio, share) - 1,
                capex.plan * (1 + s["black_swan_cost_overrun"]),
                result.currency,
            )
            add(
                f"mean schedule overrun of the worst {share:.1%}",
                s["black_swan_schedule_overrun"],
                None if days_ratio is None else _tail_mean(days_ratio, share) - 1,
                finish.plan * (1 + s["black_swan_schedule_overrun"]),
                "working days",
            )
    return pd.DataFrame(rows)


def _tail_mean(ratio: np.ndarray, share: float) -> float:
    """Mean of the worst ``share`` of the values (the upper tail)."""
    k = max(1, round(len(ratio) * share))
    return float(np.partition(ratio, len(ratio) - k)[len(ratio) - k :].mean())
