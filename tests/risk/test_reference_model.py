"""The Monte Carlo engine against a deliberately naive reference model.

The reference below reads the case *data* (the dicts given to ``Case.model_validate``), draws
every estimate independently with numpy's own samplers (not decisionkit's inverse-CDF tables)
and computes each iteration in a plain Python loop: risks, a recursive forward pass, capex,
go-live and TCO, as the engine's module docstring states them. Its distribution and the
engine's are then compared with a two-sample Kolmogorov-Smirnov test and a test on the means.

Everything is seeded, so the outcome is deterministic. The thresholds (KS p-value > 1e-4,
means within 5 standard errors) let a correct engine pass with a wide margin over the ~40
comparisons made here; the mutation tests check that the same comparison does catch a
reference that is wrong in one small way (so these tests can fail).
"""

from __future__ import annotations

import math
import random
import tempfile
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import yaml
from scipy import stats

import decisionkit as dk

N = 20_000  # iterations of the engine, and draws of the reference
Z90 = 1.2815515655446004  # standard normal quantile at 0.90
DAYS_PER_YEAR = 252
OUTPUTS = ("capex", "finish", "go_live", "tco")
KS_MIN_P = 1e-4
MEAN_MAX_Z = 5.0


# -- the naive reference ----------------------------------------------------------------------
def sample(spec, rng: np.random.Generator, n: int, default: str, mutation: str | None = None):
    """``n`` independent draws of a case-file estimate, with numpy's samplers."""
    if spec is None:
        return np.zeros(n)
    if isinstance(spec, int | float):
        return np.full(n, float(spec))
    if isinstance(spec, list):
        spec = {"distribution": default, "min": spec[0], "likely": spec[1], "max": spec[2]}
    d = spec["distribution"]
    if d == "fixed":
        return np.full(n, float(spec["value"]))
    if d in ("triangular", "pert"):
        a, m, b = spec["min"], spec["likely"], spec["max"]
        if mutation == "mode_not_sampled":
            return np.full(n, float(m))
        if d == "triangular":
            return rng.triangular(a, m, b, n)
        alpha, beta = 1 + 4 * (m - a) / (b - a), 1 + 4 * (b - m) / (b - a)
        return a + (b - a) * rng.beta(alpha, beta, n)
    if d == "uniform":
        return rng.uniform(spec["min"], spec["max"], n)
    if d == "normal":
        mean, sd = spec["mean"], spec["sd"]
        x = rng.normal(mean, sd, n)
        if mutation == "normal_clipped":
            return np.maximum(x, 0.0)
        # truncation by conditioning: redraw the negative values until none is left
        while (neg := x < 0).any():
            x[neg] = rng.normal(mean, sd, int(neg.sum()))
        return x
    if d == "lognormal":
        lo, hi = math.log(spec["p10"]), math.log(spec["p90"])
        return rng.lognormal((lo + hi) / 2, (hi - lo) / (2 * Z90), n)
    raise AssertionError(f"unknown distribution {d!r}")


def reference(data: dict, option_id: str, n: int, seed: int, mutation: str | None = None):
    """Capex, finish, go-live and TCO of one option, one plain Python iteration at a time."""
    rng = np.random.default_rng(seed)
    default = data.get("defaults", {}).get("distribution", "pert")
    option = next(o for o in data["options"] if o["id"] == option_id)
    tasks = option["tasks"]
    ids = [t["id"] for t in tasks]

    def draw(spec):
        return sample(spec, rng, n, default, mutation)

    duration = {t["id"]: draw(t["duration"]) for t in tasks}
    cost = {t["id"]: draw(t.get("cost")) for t in tasks}
    per_day = {t["id"]: draw(t.get("cost_per_day")) for t in tasks}
    preds = {}
    for t in tasks:
        deps = [d if isinstance(d, dict) else {"task": d} for d in t.get("after", [])]
        lags = [0.0 if mutation == "lags_ignored" else d.get("lag", 0.0) for d in deps]
        preds[t["id"]] = [(d["task"], g) for d, g in zip(deps, lags, strict=True)]
    risks = [
        (
            r.get("task"),
            rng.random(n) < r["probability"],
            draw(r.get("delay")),
            draw(r.get("cost")),
        )
        for r in option.get("risks", [])
    ]
    run = draw(option.get("run_cost_per_year"))
    legacy = draw(data.get("legacy_run_cost_per_year"))
    horizon = data.get("horizon_years", 5)
    go_live_task = option.get("go_live")

    out = {k: np.empty(n) for k in OUTPUTS}
    for i in range(n):
        d = {t: duration[t][i] for t in ids}
        paid = dict(d)  # the days the team is paid for
        project_delay = 0.0
        risk_cost = 0.0
        for task, occurs, delay, rcost in risks:
            if not occurs[i]:
                continue
            risk_cost += rcost[i]
            if task is None:
                project_delay += delay[i]
            else:
                d[task] += delay[i]
                if mutation != "risk_delay_unpaid":
                    paid[task] += delay[i]

        finish: dict[str, float] = {}

        def finish_of(t, d=d, finish=finish):
            if t not in finish:
                start = 0.0
                for p, lag in preds[t]:
                    start = max(start, finish_of(p) + lag)
                finish[t] = start + d[t]
            return finish[t]

        end = max(finish_of(t) for t in ids) + project_delay
        if go_live_task is None:
            go_live = end
        elif mutation == "go_live_without_project_delay":
            go_live = finish_of(go_live_task)
        else:
            go_live = finish_of(go_live_task) + project_delay
        capex = sum(cost[t][i] + per_day[t][i] * paid[t] for t in ids) + risk_cost
        years = go_live / DAYS_PER_YEAR
        if mutation != "horizon_not_capped":
            years = min(years, horizon)
        tco = capex + legacy[i] * years + run[i] * (horizon - years)
        out["capex"][i], out["finish"][i], out["go_live"][i], out["tco"][i] = (
            capex,
            end,
            go_live,
            tco,
        )
    return out


# -- the comparison -----------------------------------------------------------------------------
def differences(engine: dict, ref: dict) -> list[str]:
    """The outputs whose engine and reference samples disagree (empty when all agree)."""
    bad = []
    for name in OUTPUTS:
        x, y = np.asarray(engine[name], dtype=float), np.asarray(ref[name], dtype=float)
        se = math.sqrt(x.var(ddof=1) / len(x) + y.var(ddof=1) / len(y))
        gap = x.mean() - y.mean()
        scale = max(abs(x.mean()), abs(y.mean()), 1.0)
        z = abs(gap) / se if se > 1e-12 * scale else (0.0 if abs(gap) <= 1e-9 * scale else math.inf)
        p = stats.ks_2samp(x, y).pvalue
        if p <= KS_MIN_P or z >= MEAN_MAX_Z:
            bad.append(
                f"{name}: KS p={p:.3g}, mean engine {x.mean():.6g} vs reference {y.mean():.6g} "
                f"({z:.1f} SE), sd {x.std():.4g} vs {y.std():.4g}"
            )
    return bad


def load(data: dict) -> dk.Case:
    """The case as a user gets it from a file (``dk.load_case`` honours ``defaults``)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        return dk.load_case(path)


@cache
def _engine(key: str, option_id: str) -> dict:
    case = load(CASES[key])
    r = dk.simulate(case, iterations=N, seed=SEEDS[key], criticality=False, sensitivity=False)[
        option_id
    ]
    return {name: getattr(r, name).values for name in OUTPUTS}


# -- the cases ------------------------------------------------------------------------------------
def _estimate(r: random.Random, scale: float):
    """A random estimate around ``scale`` (rounded, so a failing case reads well)."""
    kind = r.choice(["triangular", "pert", "shorthand", "uniform", "normal", "lognormal", "fixed"])
    x = lambda k: round(scale * r.uniform(0, k), 2)  # noqa: E731
    if kind in ("triangular", "pert", "shorthand"):
        a = x(1)
        m = a if r.random() < 0.15 else a + x(1)
        b = m + x(2) + 0.01 * scale
        if kind == "shorthand":
            return [a, m, b]
        return {"distribution": kind, "min": a, "likely": m, "max": b}
    if kind == "uniform":
        a = x(1)
        return {"distribution": "uniform", "min": a, "max": a + x(2) + 0.01 * scale}
    if kind == "normal":  # sd up to 1.5 x mean: the truncation at 0 matters in some
        mean = round(scale * r.uniform(0.2, 2), 2)
        return {"distribution": "normal", "mean": mean, "sd": round(mean * r.uniform(0.1, 1.5), 2)}
    if kind == "lognormal":
        p10 = round(scale * r.uniform(0.2, 1), 2)
        return {"distribution": "lognormal", "p10": p10, "p90": round(p10 * r.uniform(1.5, 4), 2)}
    return x(2)


def random_case(seed: int) -> dict:
    """A small random network: 3-8 tasks, lags, 0-3 risks, run and legacy costs."""
    r = random.Random(seed)
    ids = [f"t{k}" for k in range(r.randint(3, 8))]
    tasks = []
    for k, tid in enumerate(ids):
        task = {"id": tid, "duration": _estimate(r, r.choice([5, 20, 60]))}
        if r.random() < 0.5:
            task["cost"] = _estimate(r, 10_000)
        if r.random() < 0.7:
            task["cost_per_day"] = _estimate(r, 500)
        preds = r.sample(ids[:k], r.randint(0, min(2, k)))
        if preds:
            task["after"] = [
                {"task": p, "lag": r.choice([1, 2.5, 10])} if r.random() < 0.3 else p for p in preds
            ]
        tasks.append(task)
    successors = {
        p["task"] if isinstance(p, dict) else p for t in tasks for p in t.get("after", [])
    }
    r.shuffle(tasks)  # the listing order is not an execution order
    risks = []
    for j in range(r.randint(0, 3)):
        risk = {
            "id": f"r{j}",
            "probability": r.choice([0.05, 0.2, 0.5, 0.8, 1.0]),
            "delay": _estimate(r, 15),
            "cost": _estimate(r, 20_000),
        }
        if r.random() < 0.6:
            risk["task"] = r.choice(ids)
        risks.append(risk)
    option = {
        "id": "a",
        "tasks": tasks,
        "risks": risks,
        "run_cost_per_year": _estimate(r, 50_000),
    }
    roll = r.random()
    if roll < 0.5 and successors:  # a go-live task with work after it (hypercare...)
        option["go_live"] = r.choice(sorted(successors))
    elif roll < 0.7:
        option["go_live"] = r.choice(ids)
    return {
        "case": f"random {seed}",
        "horizon_years": r.choice([1, 2, 5]),
        "legacy_run_cost_per_year": _estimate(r, 80_000),
        "options": [option],
    }


KITCHEN_SINK = {
    "case": "every feature at once",
    "horizon_years": 1,  # go-live is often after the horizon: min(go_live / 252, H) bites
    "legacy_run_cost_per_year": {"distribution": "lognormal", "p10": 100_000, "p90": 300_000},
    "options": [
        {
            "id": "a",
            "go_live": "cutover",
            "run_cost_per_year": {"distribution": "uniform", "min": 20_000, "max": 60_000},
            "tasks": [
                {"id": "hypercare", "duration": 20, "cost_per_day": 800, "after": ["cutover"]},
                {
                    "id": "build",
                    "duration": {"distribution": "pert", "min": 100, "likely": 150, "max": 400},
                    "cost_per_day": {
                        "distribution": "triangular",
                        "min": 900,
                        "likely": 1_000,
                        "max": 1_500,
                    },
                    "after": [{"task": "design", "lag": 5}],
                },
                {
                    "id": "design",
                    "duration": {"distribution": "normal", "mean": 20, "sd": 40},
                    "cost": {"distribution": "normal", "mean": 20_000, "sd": 50_000},
                },
                {
                    "id": "data",
                    "duration": {"distribution": "lognormal", "p10": 30, "p90": 120},
                    "cost_per_day": 600,
                    "after": ["design"],
                },
                {
                    "id": "cutover",
                    "duration": 0,
                    "cost": 20_000,
                    "after": ["build", {"task": "data", "lag": 10}],
                },
            ],
            "risks": [
                {
                    "id": "vendor",
                    "probability": 0.4,
                    "task": "build",
                    "delay": [20, 40, 90],
                    "cost": 10_000,
                },
                {
                    "id": "audit",
                    "probability": 0.3,
                    "delay": [10, 20, 60],
                    "cost": {"distribution": "triangular", "min": 0, "likely": 0, "max": 30_000},
                },
                {
                    "id": "never",
                    "probability": 0.0,
                    "task": "data",
                    "delay": 500,
                    "cost": 1_000_000,
                },
            ],
        }
    ],
}

PARALLEL_MERGE = {
    "case": "merge bias, triangular shorthand, the default distribution changed",
    "defaults": {"distribution": "triangular"},
    "horizon_years": 5,
    "legacy_run_cost_per_year": [50_000, 60_000, 90_000],
    "options": [
        {
            "id": "a",
            "tasks": [
                {"id": "end", "duration": 0, "after": ["x", "y", {"task": "z", "lag": 2.5}]},
                {"id": "x", "duration": [10, 10, 40], "cost_per_day": [100, 200, 200]},
                {"id": "y", "duration": {"distribution": "uniform", "min": 5, "max": 45}},
                {
                    "id": "z",
                    "duration": {"distribution": "lognormal", "p10": 8, "p90": 30},
                    "cost": {"distribution": "pert", "min": 0, "likely": 0, "max": 9_000},
                },
            ],
            "risks": [{"id": "r", "probability": 1.0, "task": "y", "delay": [0, 5, 10]}],
            "run_cost_per_year": 30_000,
        }
    ],
}

TWO_OPTIONS = {
    "case": "two options share the legacy run cost",
    "horizon_years": 2,
    "legacy_run_cost_per_year": {"distribution": "normal", "mean": 100_000, "sd": 90_000},
    "options": [
        {
            "id": "a",
            "tasks": [
                {"id": "p", "duration": [30, 60, 150], "cost_per_day": [1_000, 1_200, 2_000]},
                {"id": "q", "duration": 12, "after": [{"task": "p", "lag": 3}]},
            ],
            "risks": [
                {
                    "id": "late",
                    "probability": 0.5,
                    "delay": {"distribution": "uniform", "min": 0, "max": 100},
                }
            ],
            "run_cost_per_year": [40_000, 50_000, 80_000],
        },
        {
            "id": "b",
            "go_live": "q",
            "tasks": [
                {"id": "p", "duration": {"distribution": "normal", "mean": 80, "sd": 60}},
                {"id": "q", "duration": 5, "after": ["p"], "cost": 7_000},
                {"id": "s", "duration": [100, 200, 400], "after": ["p"], "cost_per_day": 300},
            ],
            "risks": [
                {
                    "id": "redo",
                    "probability": 0.25,
                    "task": "p",
                    "delay": [10, 30, 50],
                    "cost": [1_000, 2_000, 9_000],
                },
                {"id": "freeze", "probability": 0.8, "delay": 7},
            ],
            "run_cost_per_year": 20_000,
        },
    ],
}

CASES = {
    "kitchen_sink": KITCHEN_SINK,
    "parallel_merge": PARALLEL_MERGE,
    "two_options": TWO_OPTIONS,
    **{f"random_{s}": random_case(s) for s in (1, 2, 3, 5, 8, 13)},
}
SEEDS = {key: 1_000 + k for k, key in enumerate(CASES)}  # engine seeds; the reference adds 1
COMPARED = [(key, o["id"]) for key, data in CASES.items() for o in data["options"]]


def test_random_cases_cover_what_they_should():
    cases = [CASES[k] for k in CASES if k.startswith("random_")]
    options = [c["options"][0] for c in cases]
    sizes = [len(o["tasks"]) for o in options]
    assert all(3 <= k <= 8 for k in sizes)
    assert len(set(sizes)) >= 3
    text = repr(cases)
    for kind in ("triangular", "pert", "uniform", "normal", "lognormal", "'lag'"):
        assert kind in text, kind
    assert any(o["risks"] for o in options)
    assert any(r.get("task") is None for o in options for r in o["risks"])
    after = [
        {d["task"] if isinstance(d, dict) else d for t in o["tasks"] for d in t.get("after", [])}
        for o in options
    ]
    assert any(o.get("go_live") in a for o, a in zip(options, after, strict=True))
    for c in cases:
        dk.Case.model_validate(c)


@pytest.mark.parametrize(("key", "option_id"), COMPARED, ids=[f"{k}-{o}" for k, o in COMPARED])
def test_engine_matches_the_naive_reference(key, option_id):
    engine = _engine(key, option_id)
    ref = reference(CASES[key], option_id, N, SEEDS[key] + 1)
    bad = differences(engine, ref)
    assert not bad, f"case {key!r}, option {option_id!r}: {bad}\n{CASES[key]!r}"


# what each mutation of the reference gets wrong, and the output that must show it
MUTATIONS = {
    "risk_delay_unpaid": "capex",  # a task risk's delay not paid at the task's cost per day
    "mode_not_sampled": "finish",  # the most likely value instead of a PERT/triangular draw
    "normal_clipped": "finish",  # normal truncated by clipping at 0, not by conditioning
    "go_live_without_project_delay": "go_live",
    "lags_ignored": "finish",
    "horizon_not_capped": "tco",  # legacy run cost paid beyond the horizon
}


@pytest.mark.parametrize(("mutation", "output"), MUTATIONS.items(), ids=list(MUTATIONS))
def test_the_comparison_catches_a_wrong_reference(mutation, output):
    engine = _engine("kitchen_sink", "a")
    wrong = reference(KITCHEN_SINK, "a", N, SEEDS["kitchen_sink"] + 1, mutation=mutation)
    bad = differences(engine, wrong)
    assert any(b.startswith(f"{output}:") for b in bad), (
        f"the comparison missed the mutation {mutation!r} on {output}: {bad}"
    )


@pytest.mark.parametrize(("key", "option_id"), [("kitchen_sink", "a"), ("two_options", "b")])
def test_latin_hypercube_sampling_matches_the_naive_reference_too(key, option_id):
    case = load(CASES[key])
    r = dk.simulate(
        case, iterations=N, seed=7, sampling="lhs", criticality=False, sensitivity=False
    )[option_id]
    engine = {name: getattr(r, name).values for name in OUTPUTS}
    bad = differences(engine, reference(CASES[key], option_id, N, 8))
    assert not bad, f"case {key!r}, option {option_id!r} (lhs): {bad}"


def test_the_default_distribution_is_honoured_outside_load_case():
    data = {
        "case": "t",
        "defaults": {"distribution": "triangular"},
        "options": [{"id": "a", "tasks": [{"id": "t", "duration": [1, 2, 9]}]}],
    }
    loaded = load(data)
    assert loaded.options[0].tasks[0].duration.distribution == "triangular"
    replaced = loaded.replace(horizon_years=3)
    validated = dk.Case.model_validate(data)
    assert replaced.options[0].tasks[0].duration.distribution == "triangular"
    assert validated.options[0].tasks[0].duration.distribution == "triangular"
