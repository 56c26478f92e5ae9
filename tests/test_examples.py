"""The bundled examples are the demo and the fixtures of every later issue: keep them honest."""

from __future__ import annotations

import pytest

import decisionkit as dk
from decisionkit.case.writers import write_case
from tests.conftest import EXAMPLES


def test_there_are_at_least_three_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_is_a_realistic_case(path):
    case = dk.load_case(path)
    assert case.organisation
    assert case.start is not None
    assert len(case.options) == 3
    for option in case.options:
        assert 10 <= len(option.tasks) <= 40, option.id
        assert option.risks, option.id
        assert any(t.is_milestone for t in option.tasks), option.id
        assert set(option.scores) == set(case.options[0].scores)
    assert case.criteria
    assert any(r.mitigation for o in case.options for r in o.risks)
    assert any(o.correlations for o in case.options)
    kinds = {e.distribution for o in case.options for t in o.tasks for e in (t.duration, t.cost)}
    assert {"pert", "fixed"} <= kinds or {"triangular", "fixed"} <= kinds
    assert path.read_text(encoding="utf-8").count("#") >= 10  # figures are explained


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("suffix", [".xlsx", ".json"])
def test_example_round_trips(path, suffix, tmp_path):
    case = dk.load_case(path)
    assert dk.load_case(write_case(case, tmp_path / f"case{suffix}")) == case
