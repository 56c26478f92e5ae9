"""Validation rules in French and English: every rule site names a catalogue message with its
placeholders, and a broken case file reads in French from the first line to the last."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

import decisionkit as dk
from decisionkit.errors import CaseError, CaseErrors, Rule, rule
from decisionkit.i18n import keys, placeholders

SRC = Path(__file__).resolve().parents[2] / "src" / "decisionkit"
RULE_KEYS = {k for k in keys("en") if k.startswith(("rule.", "error."))}
_PLURAL = re.compile(r"\.(one|other)$")


def _calls():
    """Every ``rule(...)`` call of the package: (where, key or key pattern, kwargs, has **)."""
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "rule"):
                continue
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                pattern = re.escape(first.value)
            elif isinstance(first, ast.JoinedStr):  # f"rule.type.{kind}": any key of that shape
                pattern = "".join(
                    re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z0-9_]+"
                    for v in first.values
                )
            else:
                pytest.fail(f"{where}: rule() takes a literal message id")
            names = {k.arg for k in node.keywords if k.arg is not None}
            spread = any(k.arg is None for k in node.keywords)
            yield where, pattern, names, spread


CALLS = list(_calls())


def _matches(pattern: str, plural: bool) -> set[str]:
    wanted = re.compile(pattern + (r"\.(one|other)" if plural else ""))
    return {k for k in RULE_KEYS if wanted.fullmatch(k)}


def test_rule_sites_are_found():
    assert len(CALLS) > 150


@pytest.mark.parametrize(("where", "pattern", "names", "spread"), CALLS, ids=[c[0] for c in CALLS])
def test_each_rule_site_names_a_message_with_its_placeholders(where, pattern, names, spread):
    plural = "count" in names
    found = _matches(pattern, plural)
    assert found, f"{where}: no message {pattern}"
    given = names - {"count", "lead"}
    for key in found:
        wanted = placeholders("en", key)
        if spread:  # rule(key, **params): the named ones at least belong to the message
            assert given <= wanted, f"{where}: {key} takes {sorted(wanted)}"
        else:
            assert given == wanted, f"{where}: {key} takes {sorted(wanted)}, given {sorted(given)}"


def test_every_rule_message_is_used():
    used = set()
    for _, pattern, names, _ in CALLS:
        used |= _matches(pattern, "count" in names)
    made_by_errors = {"error.line", "error.line.file", "error.problems.one", "error.problems.other"}
    assert sorted(RULE_KEYS - used - made_by_errors) == []


def test_rule_messages_have_no_format_spec():
    for key in RULE_KEYS:
        for lang in ("fr", "en"):
            fields = [
                f for _, f, s, _ in string.Formatter().parse(placeholders_text(lang, key)) if s
            ]
            assert not fields, key


def placeholders_text(lang: str, key: str) -> str:
    from decisionkit.i18n._catalogue import _catalogue

    return _catalogue(lang)[key]


# -- a broken case file, in French -------------------------------------------------------------

BAD = """\
case: Refonte SI-RH
start: 2027-01-04
deadline: 2026-06-30
confidence: 80
options:
  - id: saas
    tasks:
      - id: cadrage
        duraton: [10, 15, 20]
      - id: marche
        duration: [12, 10, 30]
        after: [cadrage, recete]
      - id: deploiement
        duration: 20
        after: [recette]
      - id: recette
        duration: 10
        after: [deploiement]
    risks:
      - id: recours
        probability: 1.5
        delay: [10, 20, 40]
  - id: interne
    deadline: "2027-02-30"
    tasks:
      - id: dev
        duration: [100, 150, 250]
"""


@pytest.fixture(scope="module")
def problems(tmp_path_factory) -> CaseErrors:
    path = tmp_path_factory.mktemp("rules") / "case.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(CaseErrors) as info:
        dk.load_case(path)
    return info.value


def _fr(text: str) -> str:
    """French text with plain spaces, to compare with readable literals."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_every_rule_of_a_broken_case_is_a_catalogue_message(problems):
    assert len(problems.errors) == 9
    for err in problems.errors:
        assert isinstance(err.rule, Rule), err
        assert err.rule.key.startswith("rule."), err
        assert err.rule.message("fr") != str(err.rule), err


def test_a_broken_case_in_french(problems):
    lines = [_fr(line).split(" : ", 2)[-1] for line in problems.message("fr").splitlines()[1:]]
    assert lines == [
        "l’échéance 2026-06-30 doit être postérieure au début du projet 2027-01-04",
        "le niveau de confiance 80 doit être une fraction comprise entre 0.5 et 0.99 "
        "(écrivez 0.8 pour 80 %)",
        "cycle de dépendances : deploiement -> recette -> deploiement (chaque tâche vient après "
        "la précédente ; supprimez l’un de ces liens « after »)",
        "champ obligatoire 'duration' manquant",
        "clé inconnue 'duraton' (vouliez-vous dire 'duration' ?)",
        "la valeur minimale 12 dépasse la valeur la plus probable 10",
        "'recete' n’est pas une tâche de l’option 'saas' (vouliez-vous dire 'recette' ?)",
        "la probabilité 1.5 n’est pas comprise entre 0 et 1",
        "valeur attendue : une date (AAAA-MM-JJ) ; valeur reçue : '2027-02-30'",
    ]


def test_the_french_lines_keep_file_line_and_path(problems):
    text = problems.message("fr")
    source = problems.source
    assert text.splitlines()[0] == f"9 problèmes dans {source}\u00a0:"
    assert f"  {source}:11\u00a0: options[0].tasks[1].duration\u00a0: la valeur minimale" in text


def test_in_english_the_message_is_str(problems):
    assert problems.message("en") == str(problems)
    assert [e.message("en") for e in problems.errors] == [str(e) for e in problems.errors]
    assert "min 12 > likely 10" in str(problems)


def test_an_impossible_date_in_french(tmp_path):
    path = tmp_path / "date.yaml"
    path.write_text("case: x\nstart: 2027-13-01\noptions: []\n", encoding="utf-8")
    with pytest.raises(CaseErrors) as info:
        dk.load_case(path)
    (err,) = info.value.errors
    assert str(err.rule) == "'2027-13-01' is not a valid date: month must be in 1..12"
    assert (
        _fr(err.rule.message("fr"))
        == "'2027-13-01' n’est pas une date valide : le mois va de 1 à 12"
    )


def test_rgesn_ids_and_competence_codes_in_french():
    from decisionkit.appraisal import check_assessments

    data = dk.load_case("examples/si-rh.yaml").to_data()
    data["options"][1]["eco_design"] = {"compliant": "1.1, 12.1"}
    data["team"][0]["competence"] = "B.11"
    found = check_assessments(dk.Case.model_validate(data), source="si-rh.yaml")
    said = {e.path: _fr(e.rule.message("fr")) for e in found}
    assert said["options[1].eco_design.compliant[1]"] == (
        "'12.1' n’est pas un critère du RGESN 2024 (vouliez-vous dire '2.1' ?)"
    )
    assert said["team[0].competence"].startswith("compétence inconnue 'B.11' (vouliez-vous dire")
    assert said["team[0].competence"].endswith(") : absente du référentiel e-CF 4.0")
    text = CaseErrors(found).message("fr")
    assert "not in" not in text
    assert "criterion" not in text


def test_excel_cells_keep_their_rule(tmp_path):
    from decisionkit.case.cells import parse_number

    with pytest.raises(ValueError, match="without '%'") as info:
        parse_number("15 %")
    said = info.value.args[0]
    assert said.key == "rule.cell.percent"
    assert _fr(said.message("fr")) == (
        "'15 %' : écrivez le nombre sans « % » (une probabilité de 15 % s’écrit 0,15)"
    )
    from openpyxl import load_workbook

    from decisionkit.case.writers import write_case

    path = write_case(dk.load_case("examples/si-rh.yaml"), tmp_path / "c.xlsx")

    wb = load_workbook(path)
    wb["tasks"]["D2"] = "10; 8; 30"
    wb["risks"]["D2"] = "15 %"
    wb.save(path)
    with pytest.raises(CaseErrors) as errors:
        dk.load_case(path)
    rules = {e.location: e.rule for e in errors.value.errors}
    assert rules["risks!D2"].key == "rule.cell.percent"
    assert rules["tasks!D2"].key == "rule.estimate.min_gt_likely"


def test_a_case_built_in_python_says_where_in_one_rule():
    data = {
        "case": "x",
        "options": [{"id": "a", "tasks": [{"id": "t", "duration": 1, "after": ["u", "v"]}]}],
    }
    with pytest.raises(ValidationError) as info:
        dk.Case.model_validate(data)
    said = info.value.errors()[0]["ctx"]["error"].args[0]
    assert said.key == "rule.and"
    assert _fr(said.message("fr")) == (
        "options[0].tasks[0].after[0] : 'u' n’est pas une tâche de l’option 'a' ; "
        "options[0].tasks[0].after[1] : 'v' n’est pas une tâche de l’option 'a'"
    )


def test_scenarios_speak_french():
    from decisionkit.studies.scenario import check_scenario, parse_scenario

    case = dk.load_case("examples/si-rh.yaml")
    with pytest.raises(CaseErrors) as info:
        parse_scenario({"weigths": {"cout": 2}, "iterations": 1})
    said = [_fr(e.message("fr")) for e in info.value.errors]
    assert sorted(said) == [
        "<scenario> : iterations : la valeur doit être supérieure ou égale à 2",
        "<scenario> : weigths : clé inconnue 'weigths' (vouliez-vous dire 'weights' ?)",
    ]
    found = check_scenario(parse_scenario({"mitigate": ["apel"]}), case)
    assert [e.rule.key for e in found] == ["rule.scenario.no_risk"]


def test_a_scenarios_file_speaks_french(tmp_path):
    from decisionkit.studies.files import load_scenarios

    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump({"scenarios": [{"name": "a"}], "gird": {}}), encoding="utf-8")
    with pytest.raises(CaseErrors) as info:
        load_scenarios(path)
    keys_ = sorted(e.rule.key for e in info.value.errors)
    assert keys_ == ["rule.key.unknown_hint_expected", "rule.scenarios.case"]
    assert all(isinstance(e.rule, Rule) for e in info.value.errors)


def test_a_plain_text_rule_is_written_as_it_is():
    err = CaseError("x", "some text", source="f.yaml")
    assert err.message("fr") == "f.yaml\u00a0: x\u00a0: some text"
    assert err.message("en") == str(err)


def test_plural_rules_follow_each_language():
    zero = rule("rule.estimate.list_length", count=0, n="0")
    assert zero == "a list estimate is [min, likely, max] (3 numbers); got 0 values"
    assert _fr(zero.message("fr")).endswith("; 0 valeur donnée")


def test_pydantic_words_become_rules_only_when_they_say_the_same():
    data = dk.load_case("examples/si-rh.yaml").to_data()
    data["options"][0]["skills"][0]["critical"] = "peut-être"
    with pytest.raises(CaseErrors) as info:
        dk.Case.replace(dk.load_case("examples/si-rh.yaml"), options=data["options"])
    (err,) = info.value.errors
    assert err.rule == "Input should be a valid boolean, unable to interpret input"
    assert err.rule.message("fr") == "la valeur doit être true ou false"
