"""decisionkit study: the whole study on one screen, as JSON, or saved for dk.load_study."""

from __future__ import annotations

import json
import re

import pytest

import decisionkit as dk
from tests.cli.conftest import FRENCH_DATE, PORTAIL, SI_RH, flat, shown, split_numbers

ARGS = ("-n", "2000", "--smaa", "1000", "--seed", "11")


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A French study of si-rh at 80 columns, saved: (the output, the loaded study)."""
    from click.testing import CliRunner

    from decisionkit.cli import main

    path = tmp_path_factory.mktemp("study") / "si-rh.study.json"
    env = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "COLUMNS": "80"}
    args = ["study", str(SI_RH), *ARGS, "--output", str(path)]
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    return result, dk.load_study(path, case=SI_RH)


def test_french_summary_is_the_study_sentences(saved):
    result, st = saved
    text = shown(result)
    said = st.sentences("fr")
    assert text.startswith("Refonte du SI de gestion RH Ministère de l'exemple")
    assert said["headline"] in text
    assert "Classement (TOPSIS)" in text
    for o in st.options:
        for part in ("cost_delay", "budget", "deadline", "joint", "main_risk", "footprint"):
            assert said["options"][o][part] in text
    assert "Robustesse du classement" in text
    assert said["stability"] in text
    assert said["provenance"] in text
    assert FRENCH_DATE.search(text)
    assert "M€" in text
    assert "P(1re place)" in text


def test_output_is_saved_atomically_and_read_back(saved, tmp_path):
    result, st = saved
    assert "Étude complète enregistrée dans" in flat(result.output)
    assert st.settings.iterations == 2000
    assert st.settings.seed == 11
    assert st.lang == "fr"
    assert st.to_dict()["case"]["source"] == str(SI_RH)


def test_at_80_columns_no_number_is_split(saved):
    result, st = saved
    assert max(map(len, result.output.splitlines())) <= 80
    assert split_numbers(result.output) == []
    lines = result.output.splitlines()
    sentences = [
        s for option in st.sentences("fr")["options"].values() for s in option.values() if s
    ]
    numbers = {m for s in sentences for m in re.findall(r"\d[\d\u202f\u00a0,]*\d", s)}
    for n in numbers:  # every number of the sentences is whole on one line
        assert any(n in line for line in lines), n


def test_json_prints_every_fact_and_matches_the_saved_file(run, tmp_path):
    path = tmp_path / "p.json"
    result = run("study", PORTAIL, *ARGS, "--json", "--output", path, "--lang", "en")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "decisionkit.study/1"
    assert data["lang"] == "en"
    assert data == json.loads(json.dumps(dk.load_study(path).to_dict()))
    assert "case_data" in json.loads(path.read_text(encoding="utf-8"))


def test_english_summary_with_mitigations(run):
    result = run("study", PORTAIL, *ARGS, "--mitigated", lang="en_GB.UTF-8")
    text = shown(result)
    assert "Portail de services en ligne aux habitants" in text
    assert "Ranking (Weighted sum)" in text
    assert "Mitigated, it adds only" in text
    assert "Simulated with the risks' mitigations applied." in text
    assert re.search(r"€\d", text)


def test_bad_case_and_unwritable_output(run, case_file, tmp_path):
    from tests.conftest import VALID_YAML

    bad = case_file(VALID_YAML.replace("horizon_years: 5", "horizon_years: 0"))
    result = run("study", bad)
    assert result.exit_code == 1
    assert "horizon_years 0 must be between 1 and 50" in result.output
    (tmp_path / "dir").mkdir()
    result = run("study", SI_RH, "-n", "200", "--smaa", "0", "--output", tmp_path / "dir")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
