"""The panel, driven as a user would: set a control's value, read what the panel shows."""

from __future__ import annotations

import pytest

import decisionkit as dk
from decisionkit.widgets import WhatIf
from tests.conftest import ROOT

SI_RH = ROOT / "examples" / "si-rh.yaml"

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def base():
    return dk.study(SI_RH, iterations=1_500, seed=3, smaa_draws=300, contributions=False)


@pytest.fixture
def panel(base):
    p = WhatIf(base, lang="fr", debounce=0)
    yield p
    p.model.close()


def test_the_panel_shows_the_study_in_its_language(panel, base):
    said = base.sentences("fr")
    assert said["headline"] in panel.summary.value.replace("&#x27;", "'")
    assert "<th>P(1re place)</th>" in panel.ranking.value
    titles = [" ".join(v.to_dict()["title"]["text"]) for v in panel.views]
    assert len(titles) == 4  # S-curves, SMAA, footprint, skills
    assert " est en service au plus tard le " in titles[0]


def test_moving_a_weight_reranks_at_once(panel):
    before = panel.ranking.value
    panel.weights["user_value"].value = 0.0
    panel.weights["cost"].value = 1.0
    assert panel.model.recomputations["heavy"] == 0
    assert panel.model.current.scenario.weights == {"user_value": 0.0, "cost": 1.0}
    assert panel.ranking.value != before


def test_a_mitigation_simulates_in_the_background_and_updates_the_page(panel):
    (option, risk), box = next(iter(panel.mitigations.items()))
    box.value = True
    st = panel.model.wait()
    assert st.option(option)["mitigated"] == [risk]
    assert panel.busy.value == ""  # no longer busy
    assert st.sentences("fr")["options"][option]["cost_delay"] in panel.summary.value.replace(
        "&#x27;", "'"
    )


def test_a_bad_value_is_said_in_the_panel(panel):
    panel.budget.value = -5
    assert "B00020" in panel.status.value  # shown as an error, the study unchanged
    assert panel.model.changes.get("budget") is None


def test_save_and_reset(panel, tmp_path):
    panel.scenarios_file = tmp_path / "scenarios.yaml"
    panel.weights["carbone"].value = 0.4
    panel._save()  # without a name: refused
    assert "Donnez un nom" in panel.status.value
    panel.name.value = "carbone 40"
    panel._save()
    (spec,) = dk.load_scenarios(panel.scenarios_file)
    assert spec.scenario.weights == {"carbone": 0.4}
    panel._reset()
    assert panel.model.changes == {}
    assert panel.weights["carbone"].value == pytest.approx(0.1)
