"""RGESN 2024 maturity: the checklist data, scores by hand, missing priority criteria."""

from __future__ import annotations

import pytest

import decisionkit as dk
from decisionkit.case.assessments import EcoDesign
from decisionkit.sustainability import assess_ecodesign, check_ecodesign, rgesn


def test_the_checklist_has_78_criteria_in_9_families_with_priority_weights():
    criteria = rgesn()
    assert len(criteria) == 78
    assert len({c.family for c in criteria}) == 9
    assert {c.priority: c.weight for c in criteria} == {
        "Prioritaire": 1.5,
        "Recommandé": 1.25,
        "Modéré": 1.0,
    }
    assert [c.id for c in criteria].count("1.10") == 1  # ids are text, 1.10 is not 1.1


def test_scores_by_hand():
    ids = [c.id for c in rgesn()]
    assert assess_ecodesign("a", EcoDesign(compliant=tuple(ids))).score == 100
    none = assess_ecodesign("a", EcoDesign())
    assert none.score == 0
    assert none.coverage == 0
    assert len(none.missing_priority) == sum(c.priority == "Prioritaire" for c in rgesn())
    # family 3 (7 criteria): 3.1 compliant, the others not applicable -> 100 for the family
    fam3 = [c for c in rgesn() if c.id.startswith("3.")]
    r = assess_ecodesign(
        "a", EcoDesign(compliant=("3.1",), not_applicable=tuple(c.id for c in fam3[1:]))
    )
    family = {f: s for f, s, _, _ in r.families}
    assert family[fam3[0].family] == 100
    total_weight = sum(c.weight for c in rgesn() if not c.id.startswith("3.")) + fam3[0].weight
    assert r.score == pytest.approx(100 * fam3[0].weight / total_weight)
    assert r.coverage == pytest.approx(7 / 78)


def test_missing_priority_criteria_skip_the_compliant_and_not_applicable_ones():
    prio = [c.id for c in rgesn() if c.priority == "Prioritaire"]
    r = assess_ecodesign(
        "a", EcoDesign(compliant=(prio[0],), not_applicable=(prio[1],), not_compliant=(prio[2],))
    )
    assert prio[0] not in r.missing_priority
    assert prio[1] not in r.missing_priority
    assert prio[2] in r.missing_priority
    assert prio[3] in r.missing_priority
    assert r.answers[prio[3]] == "not_assessed"
    df = r.to_frame()
    assert df.iloc[-1]["family"] == "all"
    assert df.iloc[-1]["applicable"] == 77


def test_answers_in_yaml_forms_and_their_errors():
    block = EcoDesign.model_validate({"compliant": "1.1, 1.10", "not_applicable": ["2.1"]})
    assert block.compliant == ("1.1", "1.10")
    with pytest.raises(ValueError, match=r"YAML reads 1\.10 as the number 1\.1"):
        EcoDesign.model_validate({"compliant": [1.1]})
    bad = EcoDesign(compliant=("1.1", "10.1"), not_compliant=("1.1",))
    problems = dict(check_ecodesign(bad, "options[0].eco_design"))
    assert "no RGESN 2024 criterion '10.1'" in problems["options[0].eco_design.compliant[1]"]
    assert (
        problems["options[0].eco_design.not_compliant[0]"]
        == "criterion 1.1 is also listed as compliant"
    )


def test_case_files_accept_the_block():
    case = dk.Case.model_validate(
        {
            "case": "x",
            "options": [
                {
                    "id": "a",
                    "tasks": [{"id": "t", "duration": 1}],
                    "eco_design": {"compliant": "1.1"},
                }
            ],
        }
    )
    assert case.options[0].eco_design.compliant == ("1.1",)
