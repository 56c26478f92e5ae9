"""The command line: exit codes, messages, new and convert."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

import decisionkit as dk
from decisionkit.cli import main
from tests.conftest import EXAMPLES, ROOT, VALID_YAML

SI_RH = ROOT / "examples" / "si-rh.yaml"


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert dk.__version__ in result.output


def test_validate_examples_exit_0_with_a_summary(run):
    result = run("validate", *EXAMPLES)
    assert result.exit_code == 0, result.output
    for path in EXAMPLES:
        assert f"✓ {path}" in result.output
    assert "deterministic plan" in result.output


def test_validate_reports_every_problem_and_exits_1(run, case_file):
    bad = case_file(
        VALID_YAML.replace("probability: 0.15", "probability: 1.15").replace(
            "after: [procurement]", "after: [procurment]"
        )
    )
    good = case_file(VALID_YAML, "good.yaml")
    result = run("validate", bad, good)
    assert result.exit_code == 1
    assert f"✗ {bad}: 2 problems" in result.output
    assert "options[0].risks[0].probability: probability 1.15 is outside [0, 1]" in result.output
    assert "'procurment' names no task of option 'saas'" in result.output
    assert f"✓ {good}" in result.output  # the other files are still checked
    assert "Traceback" not in result.output


def test_validate_missing_file_is_a_message_not_a_traceback(run, tmp_path):
    result = run("validate", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_new_yaml_template_validates(run, tmp_path):
    path = tmp_path / "mine.yaml"
    assert run("new", path).exit_code == 0
    assert dk.load_case(path).option_ids == ("buy", "build")
    again = run("new", path)
    assert again.exit_code == 1
    assert "exists; use --force" in again.output


def test_new_xlsx_and_its_flag(run, tmp_path):
    assert run("new", "--xlsx", tmp_path / "case.xlsx").exit_code == 0
    assert (tmp_path / "case.xlsx").stat().st_size > 0
    wrong = run("new", "--xlsx", tmp_path / "case.yaml")
    assert wrong.exit_code == 1
    assert "name it with .xlsx" in wrong.output


def test_convert_round_trip(run, tmp_path):
    source = EXAMPLES[0]
    xlsx, back = tmp_path / "case.xlsx", tmp_path / "back.yaml"
    assert run("convert", source, xlsx).exit_code == 0
    assert run("convert", xlsx, back).exit_code == 0
    assert dk.load_case(back) == dk.load_case(source)
    assert run("convert", source, xlsx).exit_code == 1  # no silent overwrite
    assert run("convert", "--force", source, xlsx).exit_code == 0


def test_convert_bad_input_and_bad_target(run, case_file, tmp_path):
    bad = case_file(VALID_YAML.replace("horizon_years: 5", "horizon_years: 0"))
    result = run("convert", bad, tmp_path / "out.json")
    assert result.exit_code == 1
    assert "horizon_years 0 must be between 1 and 50" in result.output
    assert not (tmp_path / "out.json").exists()
    result = run("convert", case_file(VALID_YAML, "ok.yaml"), tmp_path / "out.csv")
    assert result.exit_code == 1
    assert "cannot write '.csv'" in result.output


def test_python_dash_m_works():
    result = subprocess.run(
        [sys.executable, "-m", "decisionkit", "validate", "--quiet", *map(str, EXAMPLES)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("✓") == len(EXAMPLES)


def test_simulate_prints_percentiles_dates_and_drivers(run):
    result = run("simulate", EXAMPLES[0], "-n", "3000", "--seed", "3", "--contributions")
    assert result.exit_code == 0, result.output
    assert "3,000 iterations, seed 3" in result.output
    assert re.search(r"\b20\d\d-\d\d-\d\d\b", result.output)  # P80 go-live and finish dates
    assert "schedule drivers:" in result.output
    assert "risks at P80, cost:" in result.output
    assert "outside view: mean cost overrun" in result.output


def test_simulate_json_is_the_documented_schema(run, tmp_path):
    import json

    out = tmp_path / "sim.json"
    result = run(
        "simulate",
        SI_RH,
        "-n",
        "2000",
        "--seed",
        "5",
        "--json",
        "--output",
        out,
        "--option",
        "saas",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data == json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "decisionkit.simulation/1"
    assert data["seed"] == 5
    assert len(data["input_sha256"]) == 64
    (option,) = data["options"]
    assert option["id"] == "saas"
    capex = option["outputs"]["capex"]
    assert capex["percentiles"]["p10"] <= capex["percentiles"]["p80"] <= capex["percentiles"]["p95"]
    assert capex["contingency"]["p80"] == pytest.approx(capex["percentiles"]["p80"] - capex["plan"])
    assert set(option["dates"]) == {"finish", "go_live"}
    assert option["sensitivity"]["finish"][0]["input"]
    # same seed, same numbers
    again = json.loads(
        run("simulate", SI_RH, "-n", "2000", "--seed", "5", "--json", "--option", "saas").output
    )
    assert again["options"] == data["options"]


def test_simulate_bad_input(run, case_file):
    bad = case_file(VALID_YAML.replace("horizon_years: 5", "horizon_years: 0"))
    result = run("simulate", bad)
    assert result.exit_code == 1
    assert "horizon_years 0 must be between 1 and 50" in result.output
    result = run("simulate", case_file(VALID_YAML, "ok.yaml"), "--option", "nope")
    assert result.exit_code == 1
    assert "no option nope" in result.output
    assert run("simulate", case_file(VALID_YAML, "ok2.yaml"), "-n", "1").exit_code == 2


def test_simulate_reports_repaired_correlations(run, case_file):
    text = VALID_YAML.replace(
        "      - [migration.duration, procurement.duration, 0.5]\n",
        "      - [migration.duration, procurement.duration, 0.9]\n"
        "      - [migration.duration, migration.cost, 0.9]\n"
        "      - [procurement.duration, migration.cost, -0.9]\n",
    )
    result = run("simulate", case_file(text), "-n", "2000")
    assert result.exit_code == 0, result.output
    assert "warning" in result.output
    assert "nearest valid matrix" in result.output


def test_score_prints_ranking_robustness_and_json(run):
    result = run("score", SI_RH, "-n", "2000", "--smaa", "2000", "--seed", "1")
    assert result.exit_code == 0, result.output
    assert "P(first)" in result.output
    assert "stays first while each weight stays within" in result.output
    data = __import__("json").loads(
        run("score", SI_RH, "-n", "2000", "--smaa", "500", "--json", "--method", "vikor").output
    )
    assert data["method"] == "vikor"
    assert len(data["ranking"]) == 3
    assert "weight_stability" not in data  # not defined for VIKOR
    for row in data["smaa"]["rank_acceptability"].values():
        assert sum(row) == pytest.approx(1)


def test_problems_under_dotted_competence_codes_get_their_line(run, tmp_path):
    text = (
        "case: x\n"
        "sourcing:\n"
        "  competences:\n"
        "    B.1: {scarcity: 0.5}\n"
        "    Z.9: {scarcity: 0.5}\n"
        "options:\n"
        "  - id: a\n"
        "    tasks: [{id: t, duration: 1}]\n"
    )
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 1
    (line,) = [x for x in result.output.splitlines() if "Z.9" in x and "competences" in x]
    assert f"{path}:5: sourcing.competences.Z.9" in line
