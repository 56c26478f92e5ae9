"""Criteria templates: ``criteria: mareva2`` in one line, weights set, mistakes named."""

from __future__ import annotations

import pytest
import yaml

import decisionkit as dk
from decisionkit.case.templates import CRITERIA_TEMPLATES, template_criteria
from tests.conftest import ROOT


def example_with(criteria):
    data = yaml.safe_load((ROOT / "examples" / "si-rh.yaml").read_text(encoding="utf-8"))
    data["criteria"] = criteria
    names = ["risk_control", "citizen_benefits", "agent_benefits", "necessity"]
    marks = ([3, 4, 2, 5], [2, 4, 4, 5], [4, 2, 3, 5])
    for option, scores in zip(data["options"], marks, strict=True):
        option["scores"] = dict(zip(names, scores, strict=True))
    return data


def test_mareva2_axes_plus_environment_and_skills():
    criteria = template_criteria("mareva2")
    ids = [c["id"] for c in criteria]
    assert ids == [
        "rentabilite",
        "maitrise_risques",
        "benefices_usagers",
        "benefices_agents",
        "necessite",
        "environnement",
        "competences",
    ]
    assert {c["weight"] for c in criteria} == {1}  # placeholders, equal
    assert "mareva2" in CRITERIA_TEMPLATES


def test_one_line_in_a_case_file_and_weights_override():
    case = dk.parse_case(example_with("mareva2"))
    assert [c.source for c in case.criteria][-2:] == ["footprint.total.p80", "skills.gap_fte"]
    weighted = dk.parse_case(
        example_with({"template": "mareva2", "weights": {"rentabilite": 3, "competences": 0}})
    )
    weights = {c.id: c.weight for c in weighted.criteria}
    assert weights["rentabilite"] == 3
    assert "competences" not in weights  # weight 0 leaves it out
    assert weights["necessite"] == 1
    ap = dk.appraise(weighted, dk.simulate(weighted, iterations=1_000, seed=1))
    assert ap.weights[0] == pytest.approx(3 / 8)
    # without the skills criterion, the options need no skills block
    data = example_with({"template": "mareva2", "weights": {"competences": 0}})
    for option in data["options"]:
        del option["skills"]
    assert len(dk.parse_case(data).criteria) == 6


def test_template_mistakes_are_named():
    with pytest.raises(dk.CaseErrors) as info:
        dk.parse_case(example_with("mareva"), source="c.yaml")
    assert "criteria: unknown criteria template 'mareva' (did you mean 'mareva2'?)" in str(
        info.value
    )
    with pytest.raises(dk.CaseErrors) as info:
        dk.parse_case(example_with({"template": "mareva2", "weights": {"cost": 2}}))
    assert "criteria.weights.cost: the mareva2 template has no criterion 'cost'" in str(info.value)


def test_the_template_needs_its_scores_on_every_option():
    data = example_with("mareva2")
    del data["options"][1]["scores"]["necessity"]
    with pytest.raises(dk.CaseErrors, match=r"options\[1\] \(build\) has no score 'necessity'"):
        dk.parse_case(data)


def test_score_says_which_weights_are_placeholders(tmp_path):
    from click.testing import CliRunner

    from decisionkit.cli import main

    data = example_with({"template": "mareva2", "weights": {"rentabilite": 3}})
    file = tmp_path / "case.yaml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(file), "-n", "500", "--smaa", "0"])
    assert result.exit_code == 0, result.output
    assert "the weights of maitrise_risques, benefices_usagers" in result.output
    assert "rentabilite, maitrise" not in result.output  # its weight was set


def test_a_weight_changed_after_a_conversion_is_no_longer_a_placeholder(tmp_path):
    from click.testing import CliRunner

    from decisionkit.case.writers import write_case
    from decisionkit.cli import main

    case = dk.parse_case(example_with("mareva2"))
    edited = case.replace(
        criteria=[{**c.model_dump(by_alias=True), "weight": 7} for c in case.criteria]
    )
    file = write_case(edited, tmp_path / "case.yaml")
    result = CliRunner().invoke(main, ["score", str(file), "-n", "300", "--smaa", "0"])
    assert result.exit_code == 0, result.output
    assert "placeholders" not in result.output
