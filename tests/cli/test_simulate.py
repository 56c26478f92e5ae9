"""decisionkit simulate: the study's simulation facts in words, and the documented JSON."""

from __future__ import annotations

import json
import re

import pytest

import decisionkit as dk
from tests.cli.conftest import ENGLISH_DATE, FRENCH_DATE, SI_RH, flat, shown, split_numbers
from tests.conftest import VALID_YAML


@pytest.fixture(scope="module")
def french():
    from click.testing import CliRunner

    from decisionkit.cli import main

    env = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "COLUMNS": "80"}
    args = ["simulate", str(SI_RH), "-n", "3000", "--seed", "3", "--contributions"]
    return CliRunner().invoke(main, args, env=env, catch_exceptions=False)


def test_french_output_reads_the_study(french):
    assert french.exit_code == 0, french.output
    text = flat(french.output)
    assert (
        "Refonte du SI de gestion RH — simulation de Monte Carlo\u00a0: 3\u202f000 itérations"
        in text
    )
    assert "graine 3" in text
    assert "SIRH SaaS du marché" in text  # names, not ids
    assert re.search(r"\d,\d\u00a0M€", text)
    assert FRENCH_DATE.search(text)
    assert "Provision pour risques à P80" in text
    assert "Calendrier\u00a0: dates de mise en service et de fin du projet" in text
    st = dk.study(SI_RH, iterations=3000, seed=3, smaa_draws=0, lang="fr")
    said = st.sentences("fr")["options"]["saas"]
    for part in ("cost_delay", "budget", "deadline", "joint"):
        assert said[part] in text  # the study's own sentences
    assert "Principaux facteurs de délai" in text
    assert "Procédure d’appel d’offres ouvert — durée" in text or "Procédure d'appel" in text
    assert "Risques qui ajoutent le plus à l’investissement à P80\u00a0:" in text
    assert "Vue extérieure\u00a0: dépassement moyen du coût" in text
    assert "(Flyvbjerg et Budzier, 2011)" in text
    for jargon in ("cont.", "black swans", "kEUR", "days to go-live"):
        assert jargon not in text


def test_french_output_at_80_columns_splits_no_number(french):
    assert max(map(len, french.output.splitlines())) <= 80
    assert split_numbers(french.output) == []
    assert "…" not in french.output  # no cell cut


def test_english_output(run):
    result = run("simulate", SI_RH, "-n", "2000", "--seed", "3")
    text = shown(result)
    assert "Refonte du SI de gestion RH — Monte Carlo simulation: 2,000 iterations" in text
    assert re.search(r"€\d+(\.\d)?M", text)  # the symbol before the amount
    assert ENGLISH_DATE.search(text)
    assert "Contingency at P80" in text
    assert "Deterministic plan (plan values, no risks): go-live on" in text
    assert "Main schedule drivers (rank correlation with the finish):" in text
    assert "Risks adding most" not in text  # no --contributions


def test_json_is_the_documented_schema_whatever_the_language(run, tmp_path):
    out = tmp_path / "sim.json"
    args = ("simulate", SI_RH, "-n", "2000", "--seed", "5", "--json")
    result = run(*args, "--output", out)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data == json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "decisionkit.simulation/1"
    assert data["seed"] == 5
    assert data["source"] == str(SI_RH)
    assert len(data["input_sha256"]) == 64
    capex = data["options"][0]["outputs"]["capex"]
    assert capex["contingency"]["p80"] == pytest.approx(capex["percentiles"]["p80"] - capex["plan"])
    assert json.loads(run(*args, "--lang", "fr").output) == data
    # the study's simulation, the same numbers
    st = dk.study(SI_RH, iterations=2000, seed=5, smaa_draws=0, contributions=False)
    assert data["options"] == json.loads(json.dumps(st.simulation.to_dict()))["options"]


def test_one_option_uses_the_engine_and_prints_the_same_way(run):
    args = ("simulate", SI_RH, "-n", "2000", "--seed", "5", "--contributions")
    result = run(*args, "--option", "saas", "--lang", "fr")
    text = shown(result)
    assert "SIRH SaaS du marché" in text
    assert "Développement interne" not in text
    assert "Risques qui ajoutent le plus" in text
    data = json.loads(run("simulate", SI_RH, "-n", "2000", "--json", "-o", "saas").output)
    assert [o["id"] for o in data["options"]] == ["saas"]


def test_precision_says_how_many_iterations_each_option_got(run):
    result = run("simulate", SI_RH, "-n", "2000", "--precision", "0.01", "--lang", "en")
    text = shown(result)
    assert "Iterations added until the relative standard error of P80 is below 1.0%:" in text


def test_bad_input(run, case_file):
    bad = case_file(VALID_YAML.replace("horizon_years: 5", "horizon_years: 0"))
    result = run("simulate", bad)
    assert result.exit_code == 1
    assert "horizon_years 0 must be between 1 and 50" in result.output
    ok = case_file(VALID_YAML, "ok.yaml")
    result = run("simulate", ok, "--option", "nope")
    assert result.exit_code == 1
    assert "no option nope in" in flat(result.output)
    fr = run("simulate", ok, "--option", "nope", "--lang", "fr")
    assert "n’a pas d’option nope" in flat(fr.output)
    assert run("simulate", ok, "-n", "1").exit_code == 2
    assert run("simulate", ok, "--lang", "de").exit_code == 2


def test_repaired_correlations_are_a_warning(run, case_file):
    text = VALID_YAML.replace(
        "      - [migration.duration, procurement.duration, 0.5]\n",
        "      - [migration.duration, procurement.duration, 0.9]\n"
        "      - [migration.duration, migration.cost, 0.9]\n"
        "      - [procurement.duration, migration.cost, -0.9]\n",
    )
    result = run("simulate", case_file(text), "-n", "2000")
    assert result.exit_code == 0, result.output
    assert "warning: " in result.output
    assert "nearest valid matrix" in flat(result.output)
    fr = run("simulate", case_file(text, "fr.yaml"), "-n", "2000", "--lang", "fr")
    assert "avertissement\u00a0:" in fr.output
