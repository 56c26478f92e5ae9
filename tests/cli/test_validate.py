"""decisionkit validate: case files and scenario files, every problem with its line."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.cli.conftest import FRENCH_DATE, SI_RH
from tests.conftest import EXAMPLES, ROOT, VALID_YAML


def test_examples_are_valid_with_their_plan_in_english(run):
    result = run("validate", *EXAMPLES)
    assert result.exit_code == 0, result.output
    assert (
        f"✓ {SI_RH}: Refonte du SI de gestion RH — 3 options, 54 tasks, 18 risks" in result.output
    )
    assert "deterministic plan (plan values, no risks)" in result.output
    assert "SIRH SaaS du marché" in result.output  # option names, not only ids
    assert "€3.9M" in result.output
    assert "14 February 2029" in result.output


def test_the_environment_chooses_french_and_lang_overrides_it(run):
    fr = run("validate", SI_RH, lang="fr_FR.UTF-8")
    assert fr.exit_code == 0, fr.output
    assert f"✓ {SI_RH}\u00a0: Refonte du SI de gestion RH — 3 options, 54 tâches" in fr.output
    assert "plan déterministe (valeurs de plan, aucun risque)" in fr.output
    assert "3,9\u00a0M€" in fr.output
    assert FRENCH_DATE.search(fr.output)
    assert "jours fériés" in fr.output
    en = run("validate", SI_RH, "--lang", "en", lang="fr_FR.UTF-8")
    assert "deterministic plan" in en.output


def test_every_problem_is_listed_and_the_exit_status_is_1(run, case_file):
    bad = case_file(
        VALID_YAML.replace("probability: 0.15", "probability: 1.15").replace(
            "after: [procurement]", "after: [procurment]"
        )
    )
    good = case_file(VALID_YAML, "good.yaml")
    rules = {
        "C": (
            "options[0].risks[0].probability: probability 1.15 is outside [0, 1]",
            "'procurment' names no task of option 'saas'",
        ),
        "fr_FR": (
            "options[0].risks[0].probability\u00a0: la probabilité 1.15 n’est pas comprise "
            "entre 0 et 1",
            "'procurment' n’est pas une tâche de l’option 'saas'",
        ),
    }
    for lang, header in (("C", f"✗ {bad}: 2 problems"), ("fr_FR", f"✗ {bad}\u00a0: 2 problèmes")):
        result = run("validate", bad, good, lang=lang)
        assert result.exit_code == 1
        assert header in result.output
        for rule in rules[lang]:  # each rule in the reader's language, with its line
            assert " ".join(rule.split()) in " ".join(result.output.split())
        assert f"✓ {good}" in result.output  # the other files are still checked
        assert "Traceback" not in result.output


def test_a_missing_file_is_a_message(run, tmp_path):
    result = run("validate", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert "no such file" in result.output
    fr = run("validate", tmp_path / "nope.yaml", "--lang", "fr")
    assert "fichier introuvable" in fr.output


def test_quiet_prints_no_plan(run):
    result = run("validate", "-q", SI_RH)
    assert result.exit_code == 0
    assert "deterministic plan" not in result.output


SCENARIOS = """\
defaults:
  case: {si_rh}
  iterations: 2000
scenarios:
  - name: base
  - name: carbone-30
    weights: {{carbone: 0.3}}
  - name: hopital
    case: {dpi}
    mitigate: all
  - name: tard
    deadline: 2029-12-31
grid:
  confidence: [0.8, 0.9]
"""


def test_a_scenario_file_is_recognised(run, tmp_path):
    path = tmp_path / "scenarios.yaml"
    path.write_text(
        SCENARIOS.format(
            si_rh=ROOT / "examples/si-rh.yaml", dpi=ROOT / "examples/dpi-hopital.yaml"
        ),
        encoding="utf-8",
    )
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert f"✓ {path}: 8 scenarios on 2 cases" in result.output
    fr = run("validate", path, lang="fr_FR.UTF-8")
    assert f"✓ {path}\u00a0: 8 scénarios sur 2 dossiers" in fr.output


def test_a_bad_scenario_file_lists_every_problem_with_its_line(run, tmp_path):
    path = tmp_path / "scenarios.yaml"
    text = SCENARIOS.format(si_rh=ROOT / "examples/si-rh.yaml", dpi="dpi.yaml").replace(
        "carbone: 0.3", "carbon: 0.3"
    )
    path.write_text(text, encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 1
    assert f"✗ {path}: 2 problems" in result.output
    assert (
        f"{path}:7: scenarios[1].weights.carbon: no criterion 'carbon' in the case "
        "(did you mean 'carbone'?)"
    ) in result.output
    assert f"{path}:9: scenarios[2].case: no case file 'dpi.yaml'" in result.output


def test_python_dash_m_works():
    result = subprocess.run(
        [sys.executable, "-m", "decisionkit", "validate", "--quiet", *map(str, EXAMPLES)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("✓") == len(EXAMPLES)


def test_problems_under_dotted_competence_codes_get_their_line(run, tmp_path):
    text = textwrap.dedent(
        """\
        case: x
        sourcing:
          competences:
            B.1: {scarcity: 0.5}
            Z.9: {scarcity: 0.5}
        options:
          - id: a
            tasks: [{id: t, duration: 1}]
        """
    )
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 1
    (line,) = [x for x in result.output.splitlines() if "Z.9" in x and "competences" in x]
    assert f"{path}:5: sourcing.competences.Z.9" in line
