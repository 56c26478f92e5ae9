"""Small skills cases, built from plain data, whose figures are computed by hand in the tests."""

from __future__ import annotations

from typing import Any

import decisionkit as dk

# The plan of PLAN_TASKS (plan values: the likely durations):
#   design  0 -> 20          [10, 20, 40]
#   dev    25 -> 55          [20, 30, 60], 5 days after design
#   test   55 -> 65          10, after dev
PLAN_TASKS: list[dict[str, Any]] = [
    {"id": "design", "duration": [10, 20, 40]},
    {"id": "dev", "duration": [20, 30, 60], "after": [{"task": "design", "lag": 5}]},
    {"id": "test", "duration": 10, "after": ["dev"]},
]


def skills_data(
    skills: list[dict[str, Any]] | None,
    *,
    team: list[dict[str, Any]] | None = None,
    sourcing: dict[str, Any] | None = None,
    competences: list[dict[str, Any]] | None = None,
    tasks: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Case data with one option ``build`` holding ``skills``."""
    option: dict[str, Any] = {"id": "build", "tasks": tasks or PLAN_TASKS}
    if skills is not None:
        option["skills"] = skills
    data: dict[str, Any] = {"case": "Skills", "options": [option]}
    for key, value in (("team", team), ("sourcing", sourcing), ("competences", competences)):
        if value is not None:
            data[key] = value
    return data


def build(skills: list[dict[str, Any]] | None, **blocks: Any) -> dk.Case:
    """A validated case with one option ``build`` (see :func:`skills_data`)."""
    return dk.Case.model_validate(skills_data(skills, **blocks))
