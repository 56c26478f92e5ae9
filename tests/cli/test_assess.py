"""decisionkit assess: footprint, eco-design and skills, from the study's facts."""

from __future__ import annotations

import json

from tests.cli.conftest import PORTAIL, SI_RH, flat, shown, split_numbers


def test_french_tables_and_details(run):
    result = run("assess", SI_RH, "-n", "1000", lang="fr_FR.UTF-8", columns=80)
    text = shown(result)
    assert text.startswith("Refonte du SI de gestion RH — empreinte environnementale")
    assert "Empreinte carbone sur 7 ans, en tCO2e" in text
    assert "Premier poste" in text  # the largest part, by its label
    assert "Terminaux des" in text
    assert "Maturité en écoconception (RGESN 2024)" in text
    assert "Besoins en compétences" in text
    assert "impact énergie primaire non calculé" in text  # not "pe"
    assert "Recrutement (E.8 Information Security Management) avant" in text
    assert "tâche hire-E-8 ajoutée au planning" in text
    assert "k€" in text
    assert split_numbers(result.output) == []
    assert max(map(len, result.output.splitlines())) <= 80


def test_english_tables(run):
    result = run("assess", PORTAIL, "-n", "1000", "--lang", "en", lang="fr_FR.UTF-8")
    text = shown(result)
    assert "Footprint over 5 years, in tCO2e" in text
    assert "Eco-design maturity (RGESN 2024)" in text
    assert "Skills needs" in text
    assert "Training (D.8 Contract Management) before Procédure adaptée (MAPA)" in text
    assert "€" in text
    assert "pe not computed" not in text


def test_json_is_the_documented_schema(run):
    result = run("assess", SI_RH, "-n", "500", "--json", "--lang", "fr")
    data = json.loads(result.output)
    assert data["schema"] == "decisionkit.assessment/1"
    assert data["iterations"] == 500
    assert set(data["options"]) == {"saas", "build", "extend"}
    assert data["options"]["saas"]["footprint"]["parts"]["total"]["p50"] > 0


def test_a_case_without_the_blocks_says_so(run, case_file):
    from tests.conftest import VALID_YAML

    result = run("assess", case_file(VALID_YAML), "-n", "200")
    assert result.exit_code == 0, result.output
    assert "This case has no footprint, eco_design or skills block." in flat(result.output)
