"""decisionkit score: the ranking, the criteria's values and the robustness, from the study."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import DPI, SI_RH, flat, shown, split_numbers


def test_french_ranking_and_robustness(run):
    result = run("score", SI_RH, "-n", "2000", "--smaa", "1000", lang="fr_FR.UTF-8", columns=80)
    text = shown(result)
    assert text.startswith("Refonte du SI de gestion RH — analyse multicritère (TOPSIS)")
    assert "P(1re place)" in text
    assert "Valeurs des critères" in result.output
    assert "Coût complet à 7 ans" in text  # criteria by their names
    assert "reste en tête tant que chaque poids reste dans son intervalle" in text
    assert "part des 1\u202f000 tirages SMAA-2" in text
    assert "M€" in text
    assert split_numbers(result.output) == []
    assert max(map(len, result.output.splitlines())) <= 80
    assert "…" not in result.output


def test_english_with_another_method(run):
    result = run("score", DPI, "-n", "2000", "--smaa", "500", "-m", "promethee_ii", "--lang", "en")
    text = shown(result)
    assert "multi-criteria analysis (PROMETHEE II)" in text
    assert "P(first)" in text
    assert "Method settings:" in text
    assert "linear preference, q\u00a0=\u00a0€300K and p\u00a0=\u00a0€2M" in text
    assert "stays first while each weight stays within" in text


def test_json_is_unchanged_by_the_language(run):
    args = ("score", SI_RH, "-n", "2000", "--smaa", "500", "--json", "--method", "vikor")
    data = json.loads(run(*args).output)
    assert json.loads(run(*args, "--lang", "fr").output) == data
    assert data["method"] == "vikor"
    assert len(data["ranking"]) == 3
    assert "weight_stability" not in data  # not defined for VIKOR
    for row in data["smaa"]["rank_acceptability"].values():
        assert sum(row) == pytest.approx(1)
    topsis = json.loads(run("score", SI_RH, "-n", "2000", "--smaa", "0", "--json").output)
    assert "smaa" not in topsis
    assert set(topsis["weight_stability"]) == {c["id"] for c in topsis["criteria"]}


def test_a_case_without_criteria(run, case_file, valid_data):
    del valid_data["criteria"]
    result = run("score", case_file(valid_data), "-n", "200")
    assert result.exit_code == 1
    assert "has no criteria: nothing to rank" in flat(result.output)
