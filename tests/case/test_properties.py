"""Property tests: random valid cases load and round-trip; random corruptions of a valid case
give CaseErrors, never another exception type."""

from __future__ import annotations

import copy
import math

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import decisionkit as dk
from decisionkit.case.writers import write_case
from tests.conftest import VALID_YAML

texts = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)
ids = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
amounts = st.floats(0, 1e7, allow_nan=False, allow_infinity=False)


@st.composite
def estimates(draw):
    kind = draw(st.sampled_from(["fixed", "list", "triangular", "uniform", "normal", "lognormal"]))
    a, b, c = sorted(draw(st.tuples(amounts, amounts, amounts)))
    if kind == "fixed":
        return a
    if kind == "list":
        return [a, b, c]
    if kind == "triangular":
        return {"distribution": "triangular", "min": a, "likely": b, "max": c}
    if kind == "uniform":
        return {"distribution": "uniform", "min": a, "max": c}
    if kind == "normal":
        return {"distribution": "normal", "mean": b, "sd": c - a}
    lo = draw(st.floats(0.01, 1e6))
    return {"distribution": "lognormal", "p10": lo, "p90": lo * draw(st.floats(1.01, 50))}


@st.composite
def options(draw, oid, score_names):
    names = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    tasks = []
    for i, name in enumerate(names):
        before = draw(st.lists(st.sampled_from(names[:i]), unique=True, max_size=3)) if i else []
        after = [
            p if draw(st.booleans()) else {"task": p, "lag": draw(st.floats(0, 30))} for p in before
        ]
        task = {"id": name, "duration": draw(estimates())}
        if draw(st.booleans()):
            task["cost"] = draw(estimates())
        if draw(st.booleans()):
            task["cost_per_day"] = draw(estimates())
        if after:
            task["after"] = after
        tasks.append(task)
    risk_ids = draw(st.lists(ids.filter(lambda r: r not in names), max_size=3, unique=True))
    risks = []
    for rid in risk_ids:
        risk = {"id": rid, "probability": draw(st.floats(0, 1)), "delay": draw(estimates())}
        if draw(st.booleans()):
            risk["task"] = draw(st.sampled_from(names))
        if draw(st.booleans()):
            risk["mitigation"] = {
                "action_cost": draw(estimates()),
                "probability": draw(st.floats(0, 1)),
            }
        risks.append(risk)
    refs = [f"{t}.duration" for t in names] + [f"{r}.delay" for r in risk_ids]
    correlations = []
    if len(refs) >= 2 and draw(st.booleans()):
        a, b = draw(st.lists(st.sampled_from(refs), min_size=2, max_size=2, unique=True))
        correlations.append([a, b, draw(st.floats(-1, 1))])
    option = {
        "id": oid,
        "name": draw(texts),
        "tasks": tasks,
        "run_cost_per_year": draw(estimates()),
        "scores": {s: draw(st.integers(1, 5)) for s in score_names},
    }
    if risks:
        option["risks"] = risks
    if correlations:
        option["correlations"] = correlations
    return option


@st.composite
def cases(draw):
    option_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    score_names = draw(st.lists(ids, max_size=3, unique=True))
    sources = ["capex.mean", "tco.p80", "finish.p90", "finish.std"] + [
        f"scores.{s}" for s in score_names
    ]
    crit_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    criteria = [
        {
            "id": c,
            "from": draw(st.sampled_from(sources)),
            "direction": draw(st.sampled_from(["min", "max"])),
            "weight": draw(st.floats(0.01, 10)),
        }
        for c in crit_ids
    ]
    return {
        "case": draw(texts.filter(bool)),
        "horizon_years": draw(st.integers(1, 50)),
        "legacy_run_cost_per_year": draw(estimates()),
        "defaults": {"distribution": draw(st.sampled_from(["pert", "triangular"]))},
        "options": [draw(options(o, score_names)) for o in option_ids],
        "criteria": criteria,
        "method": draw(st.sampled_from(["topsis", "vikor", "weighted_sum"])),
    }


@settings(max_examples=150, deadline=None)
@given(cases())
def test_random_valid_cases_load_and_round_trip_through_yaml(data):
    case = dk.parse_case(data)
    assert len(case.options) == len(data["options"])
    text = yaml.safe_dump(case.to_data(), allow_unicode=True)
    assert dk.parse_case(yaml.safe_load(text)) == case


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cases())
def test_random_valid_cases_round_trip_through_excel(tmp_path, data):
    case = dk.parse_case(data)
    assert dk.load_case(write_case(case, tmp_path / "case.xlsx")) == case


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=10),
    st.lists(st.integers(-5, 5), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.just(math.inf),
    st.just([5, 3, 1]),
    st.just({"distribution": "lognormal", "p10": 9}),
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


BASE = yaml.safe_load(VALID_YAML)
PATHS = [p for p in _paths(BASE) if p]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PATHS), junk, st.sampled_from(["replace", "delete", "extra"]))
def test_corruptions_give_case_errors_only(path, value, how):
    data = copy.deepcopy(BASE)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if how == "replace":
        parent[key] = value
    elif how == "delete":
        del parent[key]
    elif isinstance(parent, dict):
        parent["zzz_unknown"] = value
    try:
        dk.parse_case(data)
    except dk.CaseErrors as exc:
        errors = exc.errors
    else:
        return
    assert errors
    assert all(isinstance(e, dk.CaseError) and e.rule for e in errors)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, len(VALID_YAML) - 1), st.text(max_size=3))
def test_corrupted_yaml_text_gives_case_errors_only(tmp_path, position, insert):
    path = tmp_path / "case.yaml"
    path.write_text(VALID_YAML[:position] + insert + VALID_YAML[position + 1 :], encoding="utf-8")
    try:
        dk.load_case(path)
    except dk.CaseErrors as exc:
        errors = exc.errors
    else:
        return
    assert errors
