"""check_skills: each problem with its field path, what is wrong and what was expected."""

from __future__ import annotations

import pytest

from decisionkit.skills import check_skills
from tests.skills.conftest import build

RATE = {"contracting": {"daily_rate": 600}}


def test_a_clean_case_has_no_problem():
    case = build(
        [{"competence": "B.1", "level": 3, "fte": 2, "tasks": ["dev"]}],
        team=[{"competence": "B.1", "level": 2, "fte": 1}],
        sourcing={**RATE, "competences": {"B.1": {"scarcity": 0.4}}},
    )
    assert check_skills(case) == []
    assert check_skills(build(None)) == []


def test_unknown_codes_everywhere_with_suggestions():
    case = build(
        [
            {"competence": "B1", "level": 2, "fte": 1},
            {"competence": "architecture", "level": 4, "fte": 1},
        ],
        team=[{"competence": "b.3", "level": 2, "fte": 1}],
        sourcing={**RATE, "competences": {"E2": {"scarcity": 0.5}, "Q.9": {"scarcity": 0.1}}},
    )
    assert check_skills(case) == [
        (
            ("options", 0, "skills", 0, "competence"),
            "unknown competence 'B1' (did you mean 'B.1' (Application Development)?): "
            "not in the e-CF 4.0 catalogue",
        ),
        (
            ("options", 0, "skills", 1, "competence"),
            "unknown competence 'architecture' (did you mean 'A.5' (Architecture Design)?): "
            "not in the e-CF 4.0 catalogue",
        ),
        (
            ("team", 0, "competence"),
            "unknown competence 'b.3' (did you mean 'B.3' (Testing)?): not in the e-CF 4.0 "
            "catalogue",
        ),
        (
            ("sourcing", "competences", "E2"),
            "unknown competence 'E2' (did you mean 'E.2' (Project and Portfolio Management)?): "
            "not in the e-CF 4.0 catalogue",
        ),
        (
            ("sourcing", "competences", "Q.9"),
            "unknown competence 'Q.9': not in the e-CF 4.0 catalogue",
        ),
    ]


def test_levels_outside_the_competence_definition():
    case = build(
        [{"competence": "A.1", "level": 3, "fte": 0}],
        team=[{"competence": "B.1", "level": 4, "fte": 1}],
    )
    assert check_skills(case) == [
        (
            ("options", 0, "skills", 0, "level"),
            "level 3: A.1 is defined at e-CF levels 4-5 (IS and Business Strategy Alignment)",
        ),
        (
            ("team", 0, "level"),
            "level 4: B.1 is defined at e-CF levels 1-3 (Application Development)",
        ),
    ]


def test_own_catalogue_codes_levels_and_duplicates():
    case = build(
        [{"competence": "X.1", "level": 4, "fte": 0}, {"competence": "B.1", "level": 2, "fte": 0}],
        competences=[
            {"code": "X.1", "name": "Data", "levels": [1, 3, 5]},
            {"code": "X.2"},
            {"code": "X.1", "name": "Again"},
        ],
    )
    assert check_skills(case) == [
        (("competences", 2, "code"), "duplicate competence code 'X.1' (already competences[0])"),
        (("options", 0, "skills", 0, "level"), "level 4: X.1 is defined at levels 1, 3, 5 (Data)"),
        (
            ("options", 0, "skills", 1, "competence"),
            "unknown competence 'B.1': not in the case's competences",
        ),
    ]


def test_a_need_naming_an_unknown_task():
    case = build([{"competence": "B.1", "level": 2, "fte": 0, "tasks": ["dev", "tset"]}])
    assert check_skills(case) == [
        (
            ("options", 0, "skills", 0, "tasks", 1),
            "unknown task 'tset' (did you mean 'test'?): option 'build' has the tasks design, "
            "dev, test",
        )
    ]


@pytest.mark.parametrize(
    ("need", "sourcing", "path", "words"),
    [
        (
            {"close_by": "recruit"},
            None,
            ("options", 0, "skills", 0),
            "B.1 closes 1 FTE by recruitment but no lead time is given: add "
            "sourcing.recruitment.lead_time or sourcing.competences.B.1.lead_time",
        ),
        (
            {},
            {"close_by": "contract"},
            ("options", 0, "skills", 0),
            "B.1 closes 1 FTE by contracting but no daily rate is given: add "
            "sourcing.contracting.daily_rate or sourcing.competences.B.1.daily_rate",
        ),
        (
            {"close_by": "train"},
            RATE,
            ("options", 0, "skills", 0, "close_by"),
            "close_by train needs the training terms: add sourcing.training (days_per_level, "
            "cost_per_day) or close B.1 by recruit or contract",
        ),
        (
            {},
            {**RATE, "competences": {"B.1": {"close_by": "train"}}},
            ("sourcing", "competences", "B.1", "close_by"),
            "close_by train needs the training terms: add sourcing.training (days_per_level, "
            "cost_per_day)",
        ),
    ],
)
def test_missing_terms_for_the_route_a_need_uses(need, sourcing, path, words):
    case = build([{"competence": "B.1", "level": 2, "fte": 1, **need}], sourcing=sourcing)
    assert check_skills(case) == [(path, words)]


def test_terms_are_only_needed_for_routes_in_use():
    covered = build(
        [{"competence": "B.1", "level": 2, "fte": 1, "close_by": "recruit"}],
        team=[{"competence": "B.1", "level": 3, "fte": 1}],
    )
    assert check_skills(covered) == []
    by_lead_time = build(
        [{"competence": "B.1", "level": 2, "fte": 1, "close_by": "recruit"}],
        sourcing={"competences": {"B.1": {"lead_time": 30, "daily_rate": 500}}},
    )
    assert check_skills(by_lead_time) == []


def test_problems_of_every_option_are_reported():
    case = build([{"competence": "B.1", "level": 2, "fte": 1}])
    data = case.to_data()
    data["options"].append({**data["options"][0], "id": "other"})
    from decisionkit import Case

    two = Case.model_validate(data)
    assert [path for path, _ in check_skills(two)] == [
        ("options", 0, "skills", 0),
        ("options", 1, "skills", 0),
    ]
