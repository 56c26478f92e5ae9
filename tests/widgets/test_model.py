"""The what-if logic, headless: what each change recomputes, in the background, superseded."""

from __future__ import annotations

import threading

import pytest

import decisionkit as dk
from decisionkit.widgets import WhatIfModel
from tests.conftest import ROOT

SI_RH = ROOT / "examples" / "si-rh.yaml"


@pytest.fixture(scope="module")
def base():
    return dk.study(SI_RH, iterations=1_500, seed=3, smaa_draws=300, contributions=False)


def test_a_weight_rescores_at_once_without_simulating(base):
    m = WhatIfModel(base, debounce=0)
    st = m.set_weight("carbone", 0.6)
    assert m.recomputations == {"light": 1, "heavy": 0}
    assert st is m.current
    assert st.simulation is base.simulation
    assert st.to_dict()["appraisal"]["criteria"][6]["weight_case"] == pytest.approx(0.6)
    m.close()


def test_a_simulation_runs_in_the_background_and_reports_busy(base):
    m = WhatIfModel(base, debounce=0)
    states, results = [], []
    m.on_busy(states.append)
    m.on_result(results.append)
    before = m.set_scale("build", duration=1.4)
    assert before is base  # returned at once: the panel does not wait
    st = m.wait()
    assert states == [True, False]
    assert results == [st]
    assert st.simulation["saas"] is base.simulation["saas"]  # only build simulated again
    build = st.option("build")["outputs"]["finish"]["percentiles"]["p50"]
    assert build > base.option("build")["outputs"]["finish"]["percentiles"]["p50"]
    m.close()


def test_weights_after_an_estimate_reuse_its_simulation(base):
    m = WhatIfModel(base, debounce=0)
    m.set_scale("build", duration=1.2)
    simulated = m.wait()
    m.set_weight("cost", 0.5)
    st = m.wait()
    assert m.recomputations == {"light": 1, "heavy": 1}
    assert st.simulation is simulated.simulation
    m.close()


def test_a_newer_request_supersedes_an_older_one(base):
    m = WhatIfModel(base, debounce=0)
    gate = threading.Event()
    results = []
    m.on_result(results.append)
    real = base.what_if

    def slow(changes):
        gate.wait(5)
        return real(changes)

    object.__setattr__(base, "what_if", slow)  # hold the first simulation
    try:
        m.set_scale("build", duration=1.1)
        m.set_scale("build", duration=1.3)  # while the first one is still running
        gate.set()
        st = m.wait()
    finally:
        object.__delattr__(base, "what_if")
    assert m.changes["scale"] == {"build": {"duration": 1.3}}
    assert results == [st]  # the first result was dropped
    assert st.scenario.scale["build"].duration == 1.3
    m.close()


def test_debounce_computes_once_for_a_dragged_slider(base):
    m = WhatIfModel(base, debounce=0.05)
    for w in (0.1, 0.2, 0.3, 0.4, 0.5):
        m.set_weight("carbone", w)
    st = m.wait()
    assert m.recomputations["light"] == 1
    assert st.scenario.weights == {"carbone": 0.5}
    m.close()


def test_a_bad_change_is_refused_and_changes_nothing(base):
    m = WhatIfModel(base, debounce=0)
    with pytest.raises(dk.CaseErrors, match="did you mean 'carbone'"):
        m.set_weight("carbon", 0.3)
    assert m.changes == {}
    with pytest.raises(dk.CaseErrors):
        m.set_probability("nope", 0.2)
    m.close()


def test_mitigations_toggle_one_risk_and_reset_goes_back(base):
    m = WhatIfModel(base, debounce=0)
    risk = next(r for r in base.case.option("build").risks if r.mitigation)
    m.set_mitigation("build", risk.id, True)
    st = m.wait()
    assert st.option("build")["mitigated"] == [risk.id]
    m.set_mitigation("build", risk.id, False)
    assert "mitigate" not in m.changes
    assert m.reset() is base
    m.close()


def test_save_scenario_appends_what_batch_runs(base, tmp_path):
    m = WhatIfModel(base, debounce=0)
    m.set_weight("carbone", 0.3)
    m.set_scale("build", cost=1.2)
    m.wait()
    path = m.save_scenario(tmp_path / "scenarios.yaml", "carbone et dérive")
    (spec,) = dk.load_scenarios(path)
    assert spec.name == "carbone et dérive"
    assert spec.scenario.weights == {"carbone": 0.3}
    assert spec.scenario.scale["build"].cost == 1.2
    m.close()
