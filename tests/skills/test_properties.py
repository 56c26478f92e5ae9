"""Properties of the gap analysis over random needs, teams and sourcing rules."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from decisionkit.skills import assess_skills, with_skills_gates
from tests.skills.conftest import build

CODES = ("B.1", "E.2")
ROUTES = (None, "train", "recruit", "contract")
fte = st.integers(min_value=0, max_value=12).map(lambda q: q / 4)  # quarters of an FTE

needs = st.lists(
    st.fixed_dictionaries(
        {
            "competence": st.sampled_from(CODES),
            "level": st.integers(1, 5),
            "fte": fte,
            "critical": st.booleans(),
            "tasks": st.lists(st.sampled_from(("design", "dev", "test")), unique=True, max_size=2),
        },
        optional={"close_by": st.sampled_from(ROUTES[1:])},
    ),
    max_size=5,
)
team = st.lists(
    st.fixed_dictionaries(
        {"competence": st.sampled_from(CODES), "level": st.integers(1, 5), "fte": fte}
    ),
    max_size=5,
)
sourcing = st.fixed_dictionaries(
    {
        "close_by": st.sampled_from(("recruit", "contract")),
        "recruitment": st.just({"lead_time": [20, 40, 80], "cost_per_hire": 5_000}),
        "contracting": st.just({"daily_rate": [500, 600, 900]}),
    },
    optional={
        "training": st.fixed_dictionaries(
            {"days_per_level": st.just(10), "max_levels": st.integers(1, 4)},
            optional={"time_to_proficiency": st.just([10, 20, 40])},
        ),
        "competences": st.fixed_dictionaries(
            {},
            optional={
                code: st.fixed_dictionaries(
                    {}, optional={"scarcity": st.floats(0, 1), "close_by": st.sampled_from(ROUTES)}
                )
                for code in CODES
            },
        ),
    },
)


def _valid(src: dict[str, Any], wants: list[dict[str, Any]]) -> bool:
    """Explicit training needs the training terms (check_skills refuses it otherwise)."""
    rules = [n.get("close_by") for n in wants]
    rules += [t.get("close_by") for t in src.get("competences", {}).values()]
    return "train" not in rules or "training" in src


@given(needs, team, sourcing)
def test_every_fte_is_covered_trained_recruited_or_contracted(wants, people, src):
    assume(_valid(src, wants))
    case = build(wants, team=people, sourcing=src)
    a = assess_skills(case, case.options[0])
    assert len(a.lines) == len(wants)
    for line in a.lines:
        parts = (line.fte_covered, line.fte_trained, line.fte_recruited, line.fte_contracted)
        assert min(parts) >= 0
        assert sum(parts) == pytest.approx(line.fte)
        assert line.gap_fte == pytest.approx(line.fte - line.fte_covered)
        assert line.extra_cost >= 0
        if line.fte_trained:
            assert 1 <= line.level_steps <= line.max_level_steps <= src["training"]["max_levels"]
    for code in CODES:
        pool = sum(p["fte"] for p in people if p["competence"] == code)
        used = sum(x.fte_covered + x.fte_trained for x in a.lines if x.competence == code)
        assert used <= pool + 1e-9  # nobody works twice
    assert a.gap_fte >= 0
    assert 0.0 <= a.dependency <= 1.0
    assert a.extra_cost == pytest.approx(a.training_cost + a.recruitment_cost + a.contract_cost)
    assert a.scarce_gap_fte <= a.gap_fte + 1e-9


@given(needs, team, sourcing)
def test_team_order_does_not_matter_and_more_people_never_widen_the_gap(wants, people, src):
    assume(_valid(src, wants))
    case = build(wants, team=people, sourcing=src)
    a = assess_skills(case, case.options[0])
    shuffled = build(wants, team=people[::-1], sourcing=src)
    assert assess_skills(shuffled, shuffled.options[0]).lines == a.lines  # quarters add exactly
    richer = build(wants, team=[*people, {"competence": "B.1", "level": 3, "fte": 1}], sourcing=src)
    assert assess_skills(richer, richer.options[0]).gap_fte <= a.gap_fte + 1e-9


@given(needs, team, sourcing)
def test_gating_twice_changes_nothing(wants, people, src):
    assume(_valid(src, wants))
    once = with_skills_gates(build(wants, team=people, sourcing=src))
    assert with_skills_gates(once) is once
