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

__all__ = ["outside_view", "reference_classes", "reference_view", "uplift_distribution"]


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

    One row per published statistic: the reference class, the statistic (its words in
    ``statistic``, its id in ``statistic_id``: ``mean_cost_overrun``, ``mean_schedule_overrun``,
    ``tail_cost_overrun``, ``tail_schedule_overrun``, the tail's ``share`` for the last two),
    its published value,
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
            *,
            kind: str,
            share: float | None = None,
        ) -> None:
            rows.append(
                {
                    "option": result.option,
                    "reference": c["id"],
                    "title": c["title"],
                    "statistic": statistic,
                    "statistic_id": kind,
                    "share": share,
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
                kind="mean_cost_overrun",
            )
        if "mean_schedule_overrun" in s:
            add(
                "mean schedule overrun",
                s["mean_schedule_overrun"],
                None if days_ratio is None else float(days_ratio.mean() - 1),
                finish.plan * (1 + s["mean_schedule_overrun"]),
                "working days",
                kind="mean_schedule_overrun",
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
                kind="tail_cost_overrun",
                share=share,
            )
            add(
                f"mean schedule overrun of the worst {share:.1%} by cost",
                s["black_swan_schedule_overrun"],
                None
                if days_ratio is None or cost_ratio is None
                else float(days_ratio[_tail(cost_ratio, share)].mean() - 1),
                finish.plan * (1 + s["black_swan_schedule_overrun"]),
                "working days",
                kind="tail_schedule_overrun",
                share=share,
            )
    return pd.DataFrame(rows)


def _tail(ratio: np.ndarray, share: float) -> np.ndarray:
    """Indices of the worst ``share`` of the values (the upper tail)."""
    k = max(1, round(len(ratio) * share))
    return np.argpartition(ratio, len(ratio) - k)[len(ratio) - k :]


def _tail_mean(ratio: np.ndarray, share: float) -> float:
    """Mean of the worst ``share`` of the values."""
    return float(ratio[_tail(ratio, share)].mean())


def uplift_distribution(class_id: str, output: str) -> tuple[np.ndarray, np.ndarray] | None:
    """The uplift factors (x the deterministic plan) a reference class implies, with weights.

    Only what the published figures determine is used:

    - Flyvbjerg & Budzier (cost): one project in six is a black swan overrunning by 200 % on
      average, and the mean over all projects is 27 %; so the other five in six average
      ``(0.27 - 2.00 / 6) / (5 / 6) = -7.6 %``. The spread within each group is not published:
      each group is a point at its mean. Their schedule figures (black swans only) do not make
      a distribution: ``None``.
    - DINUM panorama: mean drifts only (10.8 % budget, 19.1 % schedule): one point at the mean.

    Returns ``(factors, probabilities)``, or ``None`` when the class publishes too little.
    """
    known = {c["id"]: c for c in reference_classes()}
    if class_id not in known:
        raise KeyError(f"no reference class {class_id!r}; have {', '.join(known)}")
    s = known[class_id]["statistics"]
    if output not in ("capex", "finish"):
        raise ValueError(
            f"reference classes publish cost and schedule overruns: output must be "
            f"'capex' or 'finish', got {output!r}"
        )
    key = {"capex": "cost", "finish": "schedule"}[output]
    mean = s.get(f"mean_{key}_overrun")
    if mean is None:
        return None
    if key == "cost" and "black_swan_share" in s:
        q, swan = s["black_swan_share"], s["black_swan_cost_overrun"]
        rest = (mean - q * swan) / (1 - q)
        return np.array([1 + rest, 1 + swan]), np.array([1 - q, q])
    return np.array([1 + mean]), np.array([1.0])


def reference_view(
    result: Any, class_id: str = "flyvbjerg-budzier-2011", weight: float = 0.5
) -> Any:
    """Inside view, outside view and their blend, side by side (a DataFrame).

    The outside view is the deterministic plan times the reference class's uplift
    (:func:`uplift_distribution`); the blend is the mixture ``(1 - weight) inside + weight
    outside`` (``weight`` 0 keeps the simulation, 1 takes the reference class). Percentiles of
    the outside view and of the blend are exact (no sampling).
    """
    import pandas as pd

    if not 0 <= weight <= 1:
        raise ValueError(f"weight {weight} must be within [0, 1]")
    rows = []
    for out in (result.capex, result.finish):
        uplift = uplift_distribution(class_id, out.name)
        row: dict[str, Any] = {"output": out.name, "unit": out.unit, "plan": out.plan}
        inside = np.sort(out.values)
        for p in (50, 80, 90):
            # the same (inverted-CDF) quantile as the blend, so weight 0 gives these exactly
            row[f"inside_p{p}"] = _mixture_quantile(
                inside, np.array([]), np.array([]), 0.0, p / 100
            )
        row["inside_mean"] = float(inside.mean())
        if uplift is None:
            rows.append(row)
            continue
        points, probs = out.plan * uplift[0], uplift[1]
        for p in (50, 80, 90):
            row[f"outside_p{p}"] = _mixture_quantile(np.array([]), points, probs, 1.0, p / 100)
            row[f"blend_p{p}"] = _mixture_quantile(inside, points, probs, weight, p / 100)
        row["outside_mean"] = float(points @ probs)
        row["blend_mean"] = (1 - weight) * row["inside_mean"] + weight * row["outside_mean"]
        rows.append(row)
    df = pd.DataFrame(rows)
    df.insert(0, "reference", class_id)
    df.insert(1, "weight", weight)
    return df


def _mixture_quantile(
    inside: np.ndarray, points: np.ndarray, probs: np.ndarray, weight: float, q: float
) -> float:
    """Quantile ``q`` of ``(1 - weight) * empirical(inside) + weight * discrete(points, probs)``."""
    candidates = np.unique(np.concatenate([inside, points]))
    n = len(inside)
    cdf = weight * (probs[None, :] * (points[None, :] <= candidates[:, None])).sum(axis=1)
    if n:
        cdf += (1 - weight) * np.searchsorted(inside, candidates, side="right") / n
    k = int(np.searchsorted(cdf, q - 1e-12, side="left"))
    return float(candidates[min(k, len(candidates) - 1)])
