"""The optional boaviztapi bridge.

Tests marked ``boavizta`` need the package and run in their own environment
(``make test-boavizta``, called by ``make test``): boaviztapi 2.5 requires pandas < 3, which the
main environment does not pin. The other tests run everywhere.
"""

from __future__ import annotations

import warnings

import pytest

import decisionkit as dk
from decisionkit.sustainability import assess_footprint
from decisionkit.sustainability import boavizta as bridge


def case_with(footprint, horizon=4):
    return dk.Case.model_validate(
        {
            "case": "x",
            "horizon_years": horizon,
            "options": [{"id": "a", "tasks": [{"id": "t", "duration": 0}], "footprint": footprint}],
        }
    )


def pert_mean(lo, mid, hi):
    return (lo + 4 * mid + hi) / 6


def test_a_boavizta_line_without_the_package_names_the_field_and_the_fix(monkeypatch):
    monkeypatch.setattr(bridge, "available", lambda: False)
    case = case_with({"equipment": [{"type": "server", "quantity": 1, "boavizta": {}}]})
    with pytest.raises(dk.CaseErrors) as info:
        assess_footprint(case, "a", go_live_days=0, iterations=10)
    assert str(info.value.errors[0]) == (
        "<case>: options[0].footprint.equipment[0].boavizta: needs the optional package "
        "boaviztapi: pip install 'decisionkit[boavizta]'"
    )


def test_embodied_and_boavizta_together_is_an_error(monkeypatch):
    monkeypatch.setattr(bridge, "available", lambda: False)
    case = case_with(
        {"equipment": [{"type": "server", "quantity": 1, "embodied": 10, "boavizta": {}}]}
    )
    with pytest.raises(dk.CaseErrors, match="give embodied or boavizta, not both"):
        assess_footprint(case, "a", go_live_days=0, iterations=10)


def _library_embedded(model):
    from boaviztapi.compute.impacts_computation import compute_impacts

    hours = model.usage.hours_life_time.value
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        impacts = compute_impacts(model=model, selected_criteria=["gwp"], duration=hours)
    e = impacts["gwp"]["embedded"]
    return (e["min"], e["value"], e["max"]), hours / 8760


@pytest.mark.boavizta
def test_server_archetype_embodied_matches_the_library_and_the_amortisation():
    from boaviztapi.data.archetype import get_server_archetype
    from boaviztapi.models.device.server import DeviceServer

    (lo, mid, hi), life = _library_embedded(
        DeviceServer(archetype=get_server_archetype("dellR740"))
    )
    case = case_with(
        {"equipment": [{"type": "server", "quantity": 2, "boavizta": {"archetype": "dellR740"}}]},
        horizon=6,
    )
    r = assess_footprint(case, "a", go_live_days=252, iterations=40_000, seed=1)
    # 2 servers x PERT mean of boaviztapi's (min, value, max) x 5 years in service / life
    expected = 2 * pert_mean(lo, mid, hi) * 5 / life
    assert r.part("embodied").mean() == pytest.approx(expected, rel=0.01)
    assert r.impacts["pe"] is not None  # servers have primary energy and abiotic depletion
    assert r.impacts["adp"] is not None


@pytest.mark.boavizta
def test_laptop_archetype_and_missing_impacts():
    from boaviztapi.data.archetype import get_user_terminal_archetype
    from boaviztapi.dto.device.user_terminal import Laptop, mapper_user_terminal

    model = mapper_user_terminal(Laptop(), archetype=get_user_terminal_archetype("laptop-pro"))
    (lo, mid, hi), life = _library_embedded(model)
    case = case_with(
        {"devices": [{"type": "laptop", "quantity": 10, "share": 0.5, "boavizta": {}}]}
    )
    r = assess_footprint(case, "a", go_live_days=0, iterations=20_000, seed=1)
    assert r.part("devices").mean() == pytest.approx(
        10 * 0.5 * pert_mean(lo, mid, hi) * 4 / life, rel=0.01
    )
    assert r.impacts["pe"] is None
    assert "pe: boaviztapi gives no pe for laptop-pro" in r.missing


@pytest.mark.boavizta
def test_cloud_instance_embodied_per_vcpu_hour():
    case = case_with(
        {
            "electricity": 0.1,
            "cloud": [
                {
                    "instances": 2,
                    "watts_per_vcpu": 2,
                    "pue": 1.2,
                    "boavizta": {"provider": "aws", "instance_type": "m5.xlarge"},
                }
            ],
        }
    )
    emb = bridge.cloud("aws", "m5.xlarge")
    assert emb.vcpus == 4
    r = assess_footprint(case, "a", go_live_days=0, iterations=40_000, seed=1)
    hours = 2 * 4 * 8760 * 4  # instances x vCPUs x hours a year x years
    use = hours * 2 / 1000 * 1.2 * 0.1
    embodied = hours * pert_mean(*emb.ranges["gwp"])
    assert r.part("cloud").mean() == pytest.approx(use + embodied, rel=0.01)
    assert not r.notes  # the embodied share is counted


@pytest.mark.boavizta
def test_unknown_archetype_is_a_field_error_with_suggestions():
    case = case_with(
        {"equipment": [{"type": "server", "quantity": 1, "boavizta": {"archetype": "dellR74"}}]}
    )
    with pytest.raises(dk.CaseErrors) as info:
        assess_footprint(case, "a", go_live_days=0, iterations=10)
    message = str(info.value.errors[0])
    assert message.startswith("<case>: options[0].footprint.equipment[0].boavizta: boaviztapi")
    assert "dellR740" in message


@pytest.mark.boavizta
def test_a_server_configuration_changes_the_impact_and_typos_are_named():
    base = bridge.device("server", "dellR740", {})
    big = bridge.device(
        "server",
        "dellR740",
        {"cpu": {"units": 2, "core_units": 64}, "ram": [{"units": 16, "capacity": 64}]},
    )
    assert big.ranges["gwp"][1] > base.ranges["gwp"][1]
    with pytest.raises(bridge.BoaviztaError, match=r"no configuration\.cpu\.unit \(allowed: units"):
        bridge.device("server", "dellR740", {"cpu": {"unit": 2}})
    case = case_with(
        {
            "equipment": [
                {"type": "server", "quantity": 1, "boavizta": {"configuration": {"units": "x"}}}
            ]
        }
    )
    with pytest.raises(dk.CaseErrors, match=r"equipment\[0\]\.boavizta: boaviztapi's server"):
        assess_footprint(case, "a", go_live_days=0, iterations=10)
