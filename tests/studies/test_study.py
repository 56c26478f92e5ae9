"""The study: facts, targets, what-if recomputing only what changed, save and load."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

import decisionkit as dk
import decisionkit.appraisal as engines
from decisionkit.case.calendar import Calendar
from decisionkit.studies import StudyError, load_study, study
from tests.conftest import ROOT

SI_RH = ROOT / "examples" / "si-rh.yaml"
FAST = {"iterations": 2_000, "seed": 11, "smaa_draws": 400}


@pytest.fixture(scope="module")
def base():
    return study(SI_RH, **FAST, lang="fr")


@pytest.fixture
def calls(monkeypatch):
    """Counts the engine calls a study makes (simulate per option, assess, appraise)."""
    counts = {"simulate": [], "assess": 0, "appraise": 0}
    real_sim, real_assess, real_appraise = engines.simulate, engines.assess, engines.appraise

    def simulate(case, **kw):
        counts["simulate"].append(tuple(kw.get("options") or case.option_ids))
        return real_sim(case, **kw)

    def assess(*a, **kw):
        counts["assess"] += 1
        return real_assess(*a, **kw)

    def appraise(*a, **kw):
        counts["appraise"] += 1
        return real_appraise(*a, **kw)

    monkeypatch.setattr(engines, "simulate", simulate)
    monkeypatch.setattr(engines, "assess", assess)
    monkeypatch.setattr(engines, "appraise", appraise)
    return counts


def test_facts_are_json_and_carry_every_part(base):
    facts = base.to_dict()
    json.dumps(facts, allow_nan=False)  # plain data, no NaN
    assert facts["schema"] == "decisionkit.study/1"
    assert [o["id"] for o in facts["options"]] == ["saas", "build", "extend"]
    o = facts["options"][0]
    assert set(o["outputs"]) == {"capex", "tco", "finish", "go_live"}
    curve = o["outputs"]["go_live"]["s_curve"]
    assert len(curve["percentile"]) == len(curve["value"]) == len(curve["date"]) == 101
    assert curve["value"] == sorted(curve["value"])
    assert sum(o["outputs"]["capex"]["histogram"]["counts"]) == FAST["iterations"]
    assert o["drivers"]["finish"][0]["name"]  # a display name, not only an id
    assert facts["appraisal"]["ranking"][0]["rank"] == 1
    assert facts["robustness"]["smaa"]["draws"] == FAST["smaa_draws"]
    assert facts["provenance"]["seed"] == 11
    assert facts["provenance"]["iterations"] == 2_000
    assert set(facts["sentences"]) == {"fr", "en"}


def test_percentiles_match_the_simulation(base):
    r = base.simulation["build"]
    o = base.option("build")["outputs"]
    assert o["tco"]["percentiles"]["p80"] == pytest.approx(r.tco.percentile(80))
    assert o["capex"]["contingency"]["p80"] == pytest.approx(r.capex.contingency(80))
    assert o["go_live"]["dates"]["p80"] == r.go_live_date(80).isoformat()


def test_calendar_agrees_with_the_results_dates(base):
    r = base.simulation["saas"]
    cal = Calendar(r.start, r.holidays)
    for days in [0, 0.2, 1, 1.5, 2, 37.01, 250, 599.99, 1200]:
        assert cal.date(days) == r.date(days), days


def test_targets_are_the_empirical_probabilities(base):
    case = base.case
    for option in case.option_ids:
        t = base.option(option)["targets"]
        r = base.simulation[option]
        budget, deadline = case.budget_for(option), case.deadline_for(option)
        cost = getattr(r, case.budget_basis).values
        assert t["p_within_budget"] == pytest.approx(np.mean(cost <= budget))
        days = r._days(deadline)
        assert t["p_by_deadline"] == pytest.approx(np.mean(r.go_live.values <= days))
        joint = np.mean((cost <= budget) & (r.go_live.values <= days))
        assert t["joint"] == pytest.approx(joint)
        assert t["joint"] <= min(t["p_within_budget"], t["p_by_deadline"]) + 1e-12
        assert t["budget_at_confidence"] == pytest.approx(r.capex.percentile(80))


def test_a_budget_at_the_p80_is_met_80_percent_of_the_time(base):
    p80 = base.simulation["build"].capex.percentile(80)
    st = base.what_if({"budget": p80})
    assert st.option("build")["targets"]["p_within_budget"] == pytest.approx(0.8, abs=0.001)


def test_weights_rescore_without_simulating(base, calls):
    st = base.what_if({"weights": {"carbone": 0.5}})
    assert calls == {"simulate": [], "assess": 0, "appraise": 1}
    assert st.simulation is base.simulation
    assert st.assessment is base.assessment
    assert st.to_dict()["appraisal"]["criteria"][-2]["id"] == "carbone"
    weights = {c["id"]: c["weight_case"] for c in st.to_dict()["appraisal"]["criteria"]}
    assert weights["carbone"] == pytest.approx(0.5)


def test_budget_only_recomputes_nothing_but_targets(base, calls):
    st = base.what_if({"budget": 1_000_000, "deadline": "2030-01-31"})
    assert calls == {"simulate": [], "assess": 0, "appraise": 0}
    assert st.appraisal is base.appraisal
    assert st.option("saas")["targets"]["budget"] == 1_000_000


def test_carbon_price_reassesses_without_simulating(base, calls):
    st = base.what_if({"carbon_price": 250})
    assert calls["simulate"] == []
    assert calls["assess"] == 1
    assert calls["appraise"] == 1
    assert st.assessment.footprint["saas"].carbon_cost is not None


def test_scale_resimulates_only_that_option(base, calls):
    st = base.what_if({"scale": {"build": {"duration": 1.3}}})
    assert calls["simulate"] == [("build",)]
    assert st.simulation["saas"] is base.simulation["saas"]
    before, after = base.simulation["build"], st.simulation["build"]
    assert after.finish.percentile(50) > before.finish.percentile(50)


def test_what_if_gives_the_numbers_of_a_fresh_study(base):
    changes = {"scale": {"build": {"duration": 1.3}}, "weights": {"cost": 0.5}}
    st = base.what_if(changes)
    fresh = study(st.case, **FAST, lang="fr")
    for option in base.options:
        a, b = st.option(option)["outputs"], fresh.option(option)["outputs"]
        assert a["tco"]["percentiles"] == b["tco"]["percentiles"]
        assert a["go_live"]["percentiles"] == b["go_live"]["percentiles"]
    assert st.to_dict()["appraisal"]["ranking"] == fresh.to_dict()["appraisal"]["ranking"]


def test_mitigating_one_risk(base, calls):
    risk = next(r for r in base.case.option("build").risks if r.mitigation)
    st = base.what_if({"mitigate": [f"build.{risk.id}"]})
    # the mitigated run only: the unmitigated baseline is the study's own simulation
    assert calls["simulate"] == [("build",)]
    assert st.simulation["saas"] is base.simulation["saas"]
    assert st.baseline["build"] is base.simulation["build"]
    o = st.option("build")
    assert o["mitigated"] == [risk.id]
    after = {r["risk"]: r for r in o["risk_contributions"]["after_mitigation"]}
    before = {r["risk"]: r for r in o["risk_contributions"]["before_mitigation"]}
    assert after[risk.id]["capex_p80"] <= before[risk.id]["capex_p80"] + 1e-6


def test_mitigating_everything_equals_the_mitigated_study(base):
    st = base.what_if({"mitigate": "all"})
    direct = study(SI_RH, **FAST, mitigated=True, lang="fr")
    for option in base.options:
        assert (
            st.option(option)["outputs"]["capex"]["percentiles"]
            == direct.option(option)["outputs"]["capex"]["percentiles"]
        )


def test_invalid_changes_are_named(base):
    with pytest.raises(dk.CaseErrors) as exc:
        base.what_if({"weights": {"carbon": 1}, "iterations": 1})
    paths = {e.path for e in exc.value.errors}
    assert paths == {"iterations"}  # shape first; ids are checked once the shape is right
    with pytest.raises(dk.CaseErrors, match="did you mean 'carbone'"):
        base.what_if({"weights": {"carbon": 1}})


def test_save_and_load_round_trip(base, tmp_path):
    path = base.save(tmp_path / "si-rh.study.json")
    loaded = load_study(path, case=SI_RH)
    assert loaded.to_dict() == json.loads(json.dumps(base.to_dict()))
    assert not loaded.is_live
    assert loaded.sentences("en") == base.sentences("en")


def test_a_loaded_study_can_be_changed_with_the_same_numbers(base, tmp_path):
    loaded = load_study(base.save(tmp_path / "s.json"))
    st = loaded.what_if({"weights": {"cost": 0.6}})
    ref = base.what_if({"weights": {"cost": 0.6}})
    assert st.to_dict()["appraisal"]["ranking"] == ref.to_dict()["appraisal"]["ranking"]


def test_a_study_of_another_case_version_is_refused(base, tmp_path):
    path = base.save(tmp_path / "s.json")
    other = tmp_path / "case.yaml"
    other.write_text(SI_RH.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    with pytest.raises(StudyError, match="another version of the case"):
        load_study(path, case=other)


def test_a_study_of_another_schema_is_refused(base, tmp_path):
    path = base.save(tmp_path / "s.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema"] = "decisionkit.study/0"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StudyError, match=r"schema 'decisionkit\.study/0'"):
        load_study(path)


def test_same_seed_same_facts_whatever_the_workers():
    one = study(SI_RH, iterations=1_200, seed=3, smaa_draws=200, contributions=False)
    two = study(SI_RH, iterations=1_200, seed=3, smaa_draws=200, contributions=False, workers=2)
    for option in one.options:
        assert one.option(option)["outputs"] == two.option(option)["outputs"]


def test_bad_settings_are_named():
    with pytest.raises(StudyError, match="iterations must be a whole number >= 2"):
        study(SI_RH, iterations=1)


def test_each_frontier_point_reaches_the_joint_confidence(base):
    for option in base.options:
        r = base.simulation[option]
        joint = base.option(option)["joint"]
        for key, values in (("finish", r.finish.values), ("go_live", r.go_live.values)):
            points = joint["frontier" if key == "finish" else "go_live_frontier"]
            for p in points:
                if p["capex"] is None:
                    continue
                inside = np.mean((r.capex.values <= p["capex"]) & (values <= p[key]))
                assert inside >= joint["level"] - 1e-9
                # and it is the smallest such cost: one euro less falls short
                less = np.mean((r.capex.values < p["capex"]) & (values <= p[key]))
                assert less < joint["level"]


def test_gates_are_named_and_footprint_means_carry_their_error(base):
    o = base.option("build")
    gate = o["skills"]["gates"][0]
    tasks = {t.id: t.name for t in base.case.option("build").tasks}
    assert gate["task_names"] == [tasks[t] for t in gate["tasks"]]
    assert gate["competence_name"]
    total = base.assessment.footprint["build"].total
    se = o["footprint"]["parts"]["total"]["se_mean"]
    assert se == pytest.approx(total.std() / np.sqrt(total.n))
    assert sum(line["share"] for line in o["footprint"]["lines"]) == pytest.approx(1.0)


def test_a_loaded_case_keeps_its_file_and_progress_is_reported():
    case = dk.load_case(SI_RH)
    seen = []
    st = study(
        case,
        iterations=1_000,
        smaa_draws=0,
        source=SI_RH,
        progress=lambda d, n: seen.append((d, n)),
    )
    assert st.sha256 == hashlib.sha256(SI_RH.read_bytes()).hexdigest()
    assert st.source == str(SI_RH)
    assert seen
    assert seen[-1][0] == seen[-1][1]  # every chunk planned was done
