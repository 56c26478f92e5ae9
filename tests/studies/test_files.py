"""Scenario files: expansion, every problem at once with its line, saving from the panel."""

from __future__ import annotations

import shutil
import textwrap

import pytest

import decisionkit as dk
from decisionkit.studies import Scenario, append_scenario, load_scenarios
from tests.conftest import ROOT


@pytest.fixture
def folder(tmp_path):
    shutil.copy(ROOT / "examples" / "si-rh.yaml", tmp_path / "si-rh.yaml")
    shutil.copy(ROOT / "examples" / "dpi-hopital.yaml", tmp_path / "dpi.yaml")
    return tmp_path


def _write(folder, text):
    path = folder / "scenarios.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_scenarios_with_defaults_and_a_grid(folder):
    path = _write(
        folder,
        """\
        defaults:
          case: si-rh.yaml
          iterations: 5000
        scenarios:
          - name: base
          - name: hopital
            case: dpi.yaml
            mitigate: all
        grid:
          confidence: [0.8, 0.9]
          mitigate: [none, all]
        """,
    )
    specs = load_scenarios(path)
    assert len(specs) == 2 * 2 * 2
    names = [s.name for s in specs]
    assert names[:4] == [
        "base_confidence-0.8_mitigate-none",
        "base_confidence-0.8_mitigate-all",
        "base_confidence-0.9_mitigate-none",
        "base_confidence-0.9_mitigate-all",
    ]
    assert all(s.scenario.iterations == 5000 for s in specs)
    assert {s.case_path.name for s in specs} == {"si-rh.yaml", "dpi.yaml"}
    assert specs[-1].scenario.mitigate == "all"
    assert specs[-1].scenario.confidence == 0.9


def test_dotted_grid_keys_reach_into_mappings(folder):
    path = _write(
        folder,
        """\
        defaults: {case: si-rh.yaml}
        grid:
          weights.carbone: [0.1, 0.3]
          scale.build.duration: [1.0, 1.2]
        """,
    )
    specs = load_scenarios(path)
    assert [s.scenario.weights for s in specs][:2] == [{"carbone": 0.1}, {"carbone": 0.1}]
    assert specs[1].scenario.scale["build"].duration == 1.2
    assert specs[0].name == "base_weights.carbone-0.1_scale.build.duration-1.0"


def test_every_problem_at_once_with_its_line(folder):
    path = _write(
        folder,
        """\
        scenarios:
          - name: a
            case: si-rh.yaml
            weights: {carbon: 0.3}
          - name: a
            case: si-rh.yaml
          - name: c
            case: missing.yaml
          - name: d
            case: si-rh.yaml
            seeed: 3
        extra: 1
        """,
    )
    with pytest.raises(dk.CaseErrors) as exc:
        load_scenarios(path)
    found = {(e.location, e.path, e.rule.split(" (")[0]) for e in exc.value.errors}
    assert ("4", "scenarios[0].weights.carbon", "no criterion 'carbon' in the case") in found
    assert ("5", "scenarios[1]", "two scenarios are named 'a'") in found
    assert any(p == "scenarios[2].case" and loc == "8" for loc, p, _ in found)
    assert ("11", "scenarios[3].seeed", "unknown key 'seeed'") in found
    assert any(p == "extra" and r.startswith("unknown key 'extra'") for _, p, r in found)
    assert all(e.source == str(path) for e in exc.value.errors)


def test_the_case_files_problems_are_reported_too(folder):
    (folder / "bad.yaml").write_text("case: x\noptions: []\n", encoding="utf-8")
    path = _write(folder, "scenarios:\n  - {name: a, case: bad.yaml}\n")
    with pytest.raises(dk.CaseErrors) as exc:
        load_scenarios(path)
    assert any(e.source.endswith("bad.yaml") and e.path == "options" for e in exc.value.errors)


def test_a_case_file_is_not_a_scenarios_file(folder):
    with pytest.raises(dk.CaseErrors, match="top-level 'scenarios:' list"):
        load_scenarios(folder / "si-rh.yaml")


def test_append_scenario_then_load_it(folder):
    path = folder / "saved.yaml"
    s = Scenario(name="carbone fort", weights={"carbone": 0.4}, mitigate="all")
    append_scenario(path, s, folder / "si-rh.yaml")
    append_scenario(path, Scenario(name="autre", confidence=0.9), folder / "si-rh.yaml")
    append_scenario(path, s.model_copy(update={"seed": 5}), folder / "si-rh.yaml")  # replaces
    specs = load_scenarios(path)
    assert [x.name for x in specs] == ["autre", "carbone fort"]
    assert specs[1].scenario.weights == {"carbone": 0.4}
    assert specs[1].scenario.seed == 5
    assert "case: si-rh.yaml" in path.read_text(encoding="utf-8")  # relative to the file
