"""Shared fixtures: a small valid case and helpers that collect validation errors."""

from __future__ import annotations

import copy
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

import decisionkit as dk

# CI runs the property tests derandomised (the same examples every run: a red CI is a real
# regression, never bad luck); developers explore new examples with the default profile, or
# many more with HYPOTHESIS_PROFILE=explore.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=1000)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default")
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

VALID_YAML = textwrap.dedent(
    """\
    case: Refonte du SI RH
    organisation: Ministère de l'exemple
    start: 2027-01-04
    horizon_years: 5
    legacy_run_cost_per_year: [400_000, 450_000, 520_000]
    options:
      - id: saas
        name: Solution SaaS
        tasks:
          - id: procurement
            duration: [60, 90, 150]
            cost: [50_000, 80_000, 120_000]
            cost_per_day: [1_500, 1_800, 2_200]
          - id: migration
            duration: {distribution: lognormal, p10: 40, p90: 140}
            cost: {distribution: triangular, min: 150_000, likely: 200_000, max: 320_000}
            after: [procurement]
          - id: go_live
            duration: 0
            after: [{task: migration, lag: 5}]
        run_cost_per_year: [300_000, 350_000, 450_000]
        risks:
          - id: appeal
            name: Recours sur le marché
            probability: 0.15
            task: procurement
            delay: [30, 60, 120]
            cost: [10_000, 20_000, 50_000]
            mitigation: {action_cost: 5_000, probability: 0.05}
        correlations:
          - [migration.duration, procurement.duration, 0.5]
        scores: {user_value: 4, sovereignty: 2}
      - id: build
        name: Développement interne
        tasks:
          - id: design
            duration: [40, 60, 90]
            cost_per_day: 2_000
          - id: dev
            duration: {distribution: uniform, min: 150, max: 250}
            cost_per_day: [3_000, 3_500, 4_000]
            after: [design]
        scores: {user_value: 5, sovereignty: 5}
    criteria:
      - {id: cost, from: tco.p80, direction: min, weight: 0.5}
      - {id: delay, from: finish.p80, direction: min, weight: 0.2}
      - {id: value, from: scores.user_value, direction: max, weight: 0.3}
    method: topsis
    """
)


@pytest.fixture
def valid_data() -> dict[str, Any]:
    """The valid case as plain data (a fresh deep copy for each test)."""
    return copy.deepcopy(yaml.safe_load(VALID_YAML))


@pytest.fixture
def case_file(tmp_path: Path):
    """Write YAML text (or data) to case.yaml and return its path."""

    def write(content: str | dict[str, Any], name: str = "case.yaml") -> Path:
        path = tmp_path / name
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def problems(data: Any, source: str = "case.yaml") -> list[dk.CaseError]:
    """Validate plain data and return the problems found (empty when valid)."""
    try:
        dk.parse_case(data, source=source)
    except dk.CaseErrors as exc:
        return list(exc.errors)
    return []


def messages(data: Any) -> list[str]:
    """The problems of ``data`` as ``"path: rule"`` strings."""
    return [f"{e.path}: {e.rule}" for e in problems(data)]
