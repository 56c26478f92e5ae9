"""Result frames and JSON: labelled with ids and display names, one spelling per concept."""

from __future__ import annotations

import pytest

import decisionkit as dk
from decisionkit.risk.model import INPUT_KINDS
from decisionkit.skills import ecf_catalogue
from tests.conftest import ROOT

SI_RH = ROOT / "examples" / "si-rh.yaml"


@pytest.fixture(scope="module")
def case():
    return dk.load_case(SI_RH)


@pytest.fixture(scope="module")
def sim(case):
    return dk.simulate(case, iterations=2_000, seed=7, contributions=True)


def test_sensitivity_rows_name_the_task_and_the_risk_as_the_case_does(case, sim):
    option = case.option("saas")
    df = sim["saas"].sensitivity("finish")
    assert list(df.columns) == [
        "option",
        "input",
        "element",
        "name",
        "kind",
        "spearman",
        "output",
    ]
    assert set(df["option"]) == {"saas"}
    row = df.set_index("input").loc["marche.duration"]
    assert (row["element"], row["kind"]) == ("marche", "duration")
    assert row["name"] == option.task("marche").name
    risk = next(r for r in option.risks if f"{r.id}.occurs" in set(df["input"]))
    row = df.set_index("input").loc[f"{risk.id}.occurs"]
    assert (row["element"], row["name"], row["kind"]) == (risk.id, risk.name, "occurs")
    assert set(df["kind"]) <= set(INPUT_KINDS)


def test_every_input_kind_comes_from_its_path():
    case = dk.Case.model_validate(
        {
            "case": "k",
            "legacy_run_cost_per_year": [10, 20, 40],
            "options": [
                {
                    "id": "a",
                    "name": "Option A",
                    "run_cost_per_year": [5, 10, 20],
                    "tasks": [
                        {
                            "id": "t",
                            "name": "The task",
                            "duration": [1, 2, 4],
                            "cost": [1, 2, 3],
                            "cost_per_day": [1, 2, 3],
                        },
                        {"id": "u", "duration": [1, 2, 4], "after": ["t"]},
                    ],
                    "risks": [
                        {
                            "id": "r",
                            "probability": 0.5,
                            "task": "t",
                            "delay": [1, 2, 3],
                            "cost": [1, 2, 3],
                            "mitigation": {"action_cost": [1, 2, 3]},
                        }
                    ],
                }
            ],
        }
    )
    r = dk.simulate(case, iterations=500, seed=1, mitigated=True)["a"]
    labels = dict(zip(r.input_names, r.input_labels, strict=True))
    assert labels["t.duration"] == ("t", "The task", "duration")
    assert labels["t.cost"] == ("t", "The task", "cost")
    assert labels["t.cost_per_day"] == ("t", "The task", "cost_per_day")
    assert labels["u.duration"] == ("u", "u", "duration")  # no name: the id
    assert labels["r.delay"] == ("r", "r", "delay")
    assert labels["r.cost"] == ("r", "r", "risk_cost")
    assert labels["r.action_cost"] == ("r", "r", "action_cost")
    assert labels["r.occurs"] == ("r", "r", "occurs")
    assert labels["run_cost_per_year"] == ("a", "Option A", "run_cost")
    assert labels["legacy_run_cost_per_year"] == ("legacy", "legacy", "legacy_run_cost")
    assert {k for _, _, k in r.input_labels} == set(INPUT_KINDS)
    # without sensitivities the labels stay (task names for criticality)
    plain = dk.simulate(case, iterations=100, seed=1, sensitivity=False)["a"]
    assert plain.input_names == ()
    assert plain.task_names == {"t": "The task", "u": "u"}


def test_criticality_names_tasks_and_skills_gates(case, sim):
    df = sim["build"].criticality()
    assert list(df.columns) == ["option", "task", "name", "criticality"]
    names = dict(zip(df["task"], df["name"], strict=True))
    assert names["cadrage"] == case.option("build").task("cadrage").name
    gates = [t for t in df["task"] if t.startswith(("hire-", "train-"))]
    assert gates
    catalogue = ecf_catalogue()
    for gate in gates:
        code = gate.split("-", 1)[1].replace("-", ".")
        # e.g. "Formation / training: A.5 Architecture Design"
        assert names[gate].endswith(catalogue.title(code)), names[gate]


def test_json_sensitivity_carries_the_labels(sim):
    first = sim["saas"].to_dict()["sensitivity"]["finish"][0]
    assert set(first) == {"input", "element", "name", "kind", "spearman"}
    assert first["kind"] in INPUT_KINDS


def test_case_summary_has_option_name_and_unit_columns(case, sim):
    df = sim.summary()
    assert list(df.columns[:2]) == ["option", "name"]
    assert list(df["option"]) == list(sim.options)
    assert list(df["name"]) == [case.option(o).name for o in sim.options]
    assert set(df["capex_unit"]) == set(df["tco_unit"]) == {case.currency}
    assert set(df["finish_unit"]) == {"working days"}
    assert df.index.tolist() == list(range(len(sim)))  # no index to reset
    r = sim["saas"]
    row = df[df["option"] == "saas"].iloc[0]
    assert row["capex_p80"] == r.capex.percentile(80)
    assert "<table" in sim._repr_html_()


def test_option_frames_carry_option_names_and_units(case, sim):
    r = sim["saas"]
    summary = r.summary()
    assert {"option", "output", "unit"} <= set(summary.columns)
    contributions = r.risk_contributions()
    assert list(contributions.columns) == [
        "option",
        "risk",
        "name",
        "capex_p80",
        "finish_p80",
        "capex_unit",
        "finish_unit",
    ]
    risks = {x.id: x.name or x.id for x in case.option("saas").risks}
    assert dict(zip(contributions["risk"], contributions["name"], strict=True)) == risks
    assert set(contributions["capex_unit"]) == {"EUR"}
    assert set(contributions["finish_unit"]) == {"working days"}
    frontier = r.jcl_frontier(0.7, points=5)
    assert list(frontier.columns) == [
        "option",
        "finish",
        "capex",
        "level",
        "finish_unit",
        "capex_unit",
    ]
    assert set(frontier["option"]) == {"saas"}


def test_json_risk_contributions_use_the_frame_spelling(sim):
    r = sim["saas"]
    rows = r.to_dict()["risk_contributions_p80"]
    frame = r.risk_contributions().set_index("risk")
    assert rows
    for row in rows:
        assert set(row) == {"risk", "name", "capex_p80", "finish_p80"}
        assert row["capex_p80"] == frame.loc[row["risk"], "capex_p80"]
        assert row["finish_p80"] == frame.loc[row["risk"], "finish_p80"]
        assert row["name"] == frame.loc[row["risk"], "name"]
