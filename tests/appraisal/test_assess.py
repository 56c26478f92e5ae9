"""Assessments wired to the risk engine and the decision matrix."""

from __future__ import annotations

import json

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

import decisionkit as dk
from decisionkit.case.sources import FOOTPRINT_PARTS, SKILLS_FIGURES
from decisionkit.cli import main
from decisionkit.risk import simulate as simulate_without_gates

YEAR = 252


def option(oid, *, lead, embodied, kwh, skill_fte, compliant):
    return {
        "id": oid,
        "tasks": [
            {"id": "design", "duration": 20, "cost": 1000},
            {"id": "build", "duration": 40, "after": ["design"], "cost_per_day": 500},
        ],
        "run_cost_per_year": 10_000,
        "footprint": {
            "electricity": 0.1,
            "equipment": [
                {"type": "server", "quantity": 2, "embodied": embodied, "lifetime_years": 5}
            ],
            "energy": [{"kwh_per_year": kwh}],
            "cloud": [{"vcpu_hours_per_year": 1000, "watts_per_vcpu": 2, "pue": 1.2}],
            "network": [{"gb_per_year": 100, "kwh_per_gb": 0.01}],
            "devices": [
                {
                    "type": "laptop",
                    "quantity": 10,
                    "share": 0.1,
                    "embodied": 200,
                    "lifetime_years": 4,
                },
            ],
        },
        "eco_design": {"compliant": compliant},
        "skills": [
            {
                "competence": "B.1",
                "level": 3,
                "fte": skill_fte,
                "tasks": ["build"],
                "close_by": "recruit",
                **({"critical": True} if lead else {}),
            },
            {"competence": "A.6", "level": 3, "fte": 1},
        ],
        "scores": {"value": 3},
    }


@pytest.fixture
def data():
    return {
        "case": "Assessments",
        "horizon_years": 5,
        "legacy_run_cost_per_year": 50_000,
        "carbon_price": 250,
        "team": [
            {"competence": "B.1", "level": 3, "fte": 1},
            {"competence": "A.6", "level": 2, "fte": 1},
        ],
        "sourcing": {
            "recruitment": {"lead_time": 30},
            "contracting": {"daily_rate": 800},
            "training": {"days_per_level": 5, "cost_per_day": 300},
        },
        "legacy_footprint": {"electricity": 0.1, "energy": [{"kwh_per_year": 5000}]},
        "options": [
            option("a", lead=True, embodied=3000, kwh=1000, skill_fte=2, compliant="1.1, 1.2"),
            option("b", lead=False, embodied=1000, kwh=4000, skill_fte=1, compliant="1.1"),
        ],
        "criteria": [{"id": "cost", "from": "tco.p80", "direction": "min"}],
    }


def test_recruitment_lead_time_reaches_the_finish_date(data):
    case = dk.Case.model_validate(data)
    gated = dk.simulate(case, iterations=200, seed=1)
    plain = simulate_without_gates(case, iterations=200, seed=1)
    # option a recruits 1 FTE of B.1 for build: build waits for the 30-day hire (design is 20)
    assert plain["a"].finish.mean() == pytest.approx(60)
    assert gated["a"].finish.mean() == pytest.approx(30 + 40)
    assert "hire-B-1" in gated["a"].task_ids
    # option b's need is covered in-house: nothing to wait for
    assert gated["b"].finish.mean() == pytest.approx(60)
    # the hire is on the critical path, and the go-live moves the TCO's legacy years
    crit = dict(zip(gated["a"].task_ids, gated["a"].critical_fraction, strict=True))
    assert crit["hire-B-1"] == 1
    assert gated["a"].tco.mean() > plain["a"].tco.mean()


def test_a_longer_uncertain_lead_time_moves_the_finish_percentiles(data):
    data["sourcing"]["recruitment"]["lead_time"] = [20, 60, 120]
    case = dk.Case.model_validate(data)
    sim = dk.simulate(case, iterations=4000, seed=2)
    finish = sim["a"].finish
    # finish = max(design 20, hire) + 40: P50 of the PERT hire (mean 63.3) plus 40
    hire = np.sort(np.maximum(20, np.asarray(sim["a"].finish.values) - 40))
    assert finish.percentile(50) == pytest.approx(np.percentile(hire, 50) + 40)
    assert finish.mean() == pytest.approx((20 + 4 * 60 + 120) / 6 + 40, rel=0.02)


@pytest.mark.parametrize(
    "path",
    [f"footprint.{p}" for p in FOOTPRINT_PARTS]
    + ["footprint.total.p80", "footprint.use.std", "eco_design.score", "ecodesign.score"]
    + [f"skills.{f}" for f in SKILLS_FIGURES],
)
def test_every_from_path_works_in_score(data, path, tmp_path):
    data["criteria"] = [
        {"id": "cost", "from": "tco.p80", "direction": "min"},
        {"id": "x", "from": path, "direction": "max" if path.endswith(".score") else "min"},
    ]
    file = tmp_path / "case.yaml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["score", str(file), "-n", "500", "-s", "3", "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    case = dk.load_case(file)
    sim = dk.simulate(case, iterations=500, seed=3, criticality=False, sensitivity=False)
    assessed = dk.assess(case, sim)
    ap = dk.appraise(case, sim)
    values = {row["id"]: row["values"] for row in out["options"]}
    for i, o in enumerate(case.option_ids):
        head, _, rest = path.partition(".")
        if head == "footprint":
            part, _, stat = rest.partition(".")
            outcome = assessed.footprint[o].part(part)  # carbon_cost too
            expected = (
                outcome.percentile(80)
                if stat == "p80"
                else outcome.std()
                if stat == "std"
                else outcome.mean()
            )
        elif head in ("eco_design", "ecodesign"):  # ecodesign.score: the 0.1 spelling
            expected = assessed.eco_design[o].score
        else:
            expected = getattr(assessed.skills[o], rest)
        assert ap.matrix[i, 1] == pytest.approx(expected)
        assert values[o]["x"] == pytest.approx(expected)


def test_skills_figures_by_hand(data):
    case = dk.Case.model_validate(data)
    a = dk.assess(case).skills["a"]
    # B.1 level 3: 2 needed, 1 in-house -> gap 1, recruited (30-day lead time, no fee)
    # A.6 level 3: 1 needed, 1 in-house at level 2 -> gap 1, trained one level: 5 days x 300
    assert a.gap_fte == pytest.approx(2)
    assert a.training_days == pytest.approx(5)
    assert a.extra_cost == pytest.approx(5 * 300)
    assert a.dependency == 0  # nobody contracted on the critical need


def test_footprint_samples_follow_the_simulated_go_live_in_smaa(data):
    data["criteria"] = [
        {"id": "cost", "from": "tco.p80", "direction": "min"},
        {"id": "carbon", "from": "footprint.total", "direction": "min"},
    ]
    case = dk.Case.model_validate(data)
    sim = dk.simulate(case, iterations=300, seed=4, criticality=False, sensitivity=False)
    ap = dk.appraise(case, sim, samples=300)
    fp = dk.assess(case, sim).footprint["a"].total.values
    np.testing.assert_allclose(ap.samples[:, 0, 1], fp[:300])
    # the same seed gives the same footprint, and the legacy years follow go-live
    legacy = dk.assess(case, sim).footprint["a"].part("legacy").values
    go_live = sim["a"].go_live.values
    np.testing.assert_allclose(legacy, 5000 * 0.1 * np.minimum(go_live / YEAR, 5))


def test_appraise_accepts_a_simulation_without_gates(data):
    case = dk.Case.model_validate(data)
    ap = dk.appraise(case, simulate_without_gates(case, iterations=200, seed=1))
    assert ap.matrix.shape == (2, 1)


def test_validate_reports_unknown_factor_rgesn_and_competence(data, tmp_path):
    data["options"][0]["footprint"]["equipment"][0] = {"type": "sever", "quantity": 1}
    data["options"][1]["eco_design"] = {"compliant": "1.1, 12.1"}
    data["team"][0]["competence"] = "B.11"
    file = tmp_path / "bad.yaml"
    file.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(file)])
    assert result.exit_code == 1
    text = result.output
    assert "options[0].footprint.equipment[0].embodied: unknown factor 'sever'" in text
    # the data checks give the line of the field, as the loader does
    lines = file.read_text(encoding="utf-8").splitlines()
    (row,) = [r for r in text.splitlines() if "unknown factor 'sever'" in r]
    number = int(row.split(":")[1])  # equipment[0] (embodied is not written): the item's line
    assert lines[number - 1].strip().startswith("- ")
    assert "type: sever" in "\n".join(lines[number - 1 : number + 2])
    assert "options[1].eco_design.compliant[1]: no RGESN 2024 criterion '12.1'" in text
    assert "team[0].competence" in text


def test_assess_command_prints_the_three_tables(data, tmp_path):
    data["carbon_price"] = "fr-vac-2030"
    file = tmp_path / "case.yaml"
    file.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = CliRunner().invoke(main, ["assess", str(file), "-n", "300"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for title in ("Footprint over 5 years", "RGESN 2024", "Skills needs"):
        assert title in result.output
    assert "hire-B-1" in result.output
    js = CliRunner().invoke(main, ["assess", str(file), "-n", "300", "--json"])
    out = json.loads(js.output)
    assert out["schema"] == "decisionkit.assessment/1"
    assert out["options"]["a"]["footprint"]["carbon_cost"]["mean"] > 0


def test_carbon_cost_needs_a_carbon_price(data):
    data["criteria"] = [{"id": "money", "from": "footprint.carbon_cost.p80", "direction": "min"}]
    case = dk.Case.model_validate(data)
    sim = dk.simulate(case, iterations=300, seed=5)
    ap = dk.appraise(case, sim)
    fp = dk.assess(case, sim).footprint["a"]
    assert ap.matrix[0, 0] == pytest.approx(fp.total.percentile(80) / 1000 * 250)
    assert ap.units == ("EUR",)
    del data["carbon_price"]
    with pytest.raises(dk.CaseErrors, match="needs a carbon_price"):
        dk.parse_case(data)


def test_assess_refuses_a_simulation_of_another_version_of_the_case(data):
    case = dk.Case.model_validate(data)
    sim = dk.simulate(case, iterations=100, seed=1)
    data["options"][0]["tasks"][0]["duration"] = 25
    changed = dk.Case.model_validate(data)
    with pytest.raises(dk.SimulationError, match="different version of the case"):
        dk.assess(changed, sim)
    assert dk.assess(case, sim).seed == 1
    assert dk.assess(case).seed is not None  # the default seed, recorded
