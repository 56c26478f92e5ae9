"""Studies the chart tests share: live, and loaded back from their saved JSON."""

from __future__ import annotations

import json

import pytest

import decisionkit as dk
from tests.conftest import ROOT


@pytest.fixture(scope="session")
def study():
    return dk.study(ROOT / "examples" / "si-rh.yaml", iterations=3_000, seed=5, smaa_draws=500)


@pytest.fixture(scope="session")
def saved(study, tmp_path_factory):
    """The same study's facts as a saved file gives them back (plain JSON)."""
    path = study.save(tmp_path_factory.mktemp("study") / "si-rh.study.json")
    return json.loads(path.read_text(encoding="utf-8"))
