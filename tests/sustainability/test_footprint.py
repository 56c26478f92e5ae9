"""Footprint: hand-computed inventories, factor overrides, shared factors, data files."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

import decisionkit as dk
from decisionkit.sustainability import assess_footprint, factor_table

DATA = Path(dk.__file__).parent / "sustainability" / "data"
YEAR = 252  # working days


def case_with(footprint, **top):
    return dk.Case.model_validate(
        {
            "case": "x",
            "horizon_years": 5,
            "options": [{"id": "a", "tasks": [{"id": "t", "duration": 0}], "footprint": footprint}],
            **top,
        }
    )


def fp(case, go_live_days=YEAR, n=200, seed=1):
    return assess_footprint(case, "a", go_live_days=go_live_days, iterations=n, seed=seed)


def test_embodied_is_amortised_over_the_share_of_life_in_service():
    # 2 servers, 3,000 kgCO2e each, 5-year life, in service 4 of the 5 years: 2 x 3000 x 4/5
    case = case_with(
        {"equipment": [{"type": "server", "quantity": 2, "embodied": 3000, "lifetime_years": 5}]}
    )
    r = fp(case)
    assert r.part("embodied").mean() == pytest.approx(4800)
    assert r.total.std() == pytest.approx(0)
    # a horizon longer than the life renews the equipment: 10 years in service = 2 lives
    long = case.replace(horizon_years=11)
    assert fp(long).part("embodied").mean() == pytest.approx(2 * 3000 * 10 / 5)


def test_reused_equipment_carries_no_embodied_impact_but_its_energy_counts():
    case = case_with(
        {
            "electricity": 0.1,
            "equipment": [
                {"type": "server", "quantity": 2, "reused": True, "power_w": 400, "pue": 1.5}
            ],
        }
    )
    r = fp(case)
    assert r.part("embodied").mean() == 0
    # 2 x 0.4 kW x 8,760 h x 1.5 x 0.1 kgCO2e/kWh x 4 years
    assert r.part("use").mean() == pytest.approx(2 * 0.4 * 8760 * 1.5 * 0.1 * 4)


def test_energy_cloud_network_and_devices_by_hand():
    case = case_with(
        {
            "electricity": 0.1,
            "energy": [{"name": "storage", "kwh_per_year": 1000, "pue": 2}],
            "cloud": [
                {"vcpu_hours_per_year": 10_000, "watts_per_vcpu": 2, "pue": 1.2},
                {"instances": 2, "vcpus": 4, "watts_per_vcpu": 2, "pue": 1, "electricity": 0.5},
            ],
            "network": [{"gb_per_year": 1000, "kwh_per_gb": 0.002}],
            "devices": [
                {
                    "type": "laptop",
                    "quantity": 100,
                    "share": 0.1,
                    "embodied": 200,
                    "lifetime_years": 4,
                    "power_w": 20,
                    "hours_per_year": 50,
                },
            ],
        }
    )
    r = fp(case)
    years = 4
    assert r.part("use").mean() == pytest.approx(1000 * 2 * 0.1 * years)
    cloud = 10_000 * 2 / 1000 * 1.2 * 0.1 + 2 * 4 * 8760 * 2 / 1000 * 1 * 0.5
    assert r.part("cloud").mean() == pytest.approx(cloud * years)
    assert r.part("network").mean() == pytest.approx(1000 * 0.002 * 0.1 * years)
    devices = 100 * 0.1 * 200 / 4 + 100 * 20 / 1000 * 50 * 0.1
    assert r.part("devices").mean() == pytest.approx(devices * years)
    assert r.total.mean() == pytest.approx(
        sum(r.part(p).mean() for p in ("embodied", "use", "cloud", "network", "devices"))
    )
    assert any("cloud embodied impact not counted" in n for n in r.notes)


def test_legacy_runs_until_go_live_so_a_later_go_live_shifts_the_footprint():
    case = case_with(
        {"electricity": 0.1, "energy": [{"kwh_per_year": 10_000}]},
        legacy_footprint={"electricity": 0.1, "energy": [{"kwh_per_year": 30_000}]},
    )
    early, late = fp(case, go_live_days=YEAR), fp(case, go_live_days=3 * YEAR)
    assert early.part("legacy").mean() == pytest.approx(30_000 * 0.1 * 1)
    assert late.part("legacy").mean() == pytest.approx(30_000 * 0.1 * 3)
    assert late.part("use").mean() == pytest.approx(10_000 * 0.1 * 2)
    assert late.total.mean() > early.total.mean()
    # iteration by iteration with the simulated go-live: footprint rises with the delay
    days = np.array([0, YEAR, 2 * YEAR, 6 * YEAR])
    per_iteration = assess_footprint(case, "a", go_live_days=days, seed=1).total.values
    assert np.all(np.diff(per_iteration) > 0)
    assert per_iteration[-1] == pytest.approx(30_000 * 0.1 * 5)  # go-live past the horizon


def test_table_factors_and_case_overrides():
    table = factor_table()
    laptop = table.get("laptop")
    case = case_with({"equipment": [{"type": "laptop", "quantity": 6}]}, horizon_years=4)
    r = fp(case, go_live_days=0, n=40_000)
    pert_mean = (laptop.low + 4 * laptop.likely + laptop.high) / 6
    assert r.part("embodied").mean() == pytest.approx(6 * pert_mean, rel=0.01)
    assert laptop.lifetime_years == 4
    overridden = case.replace(factors={"laptop": 100})
    assert fp(overridden, go_live_days=0).part("embodied").mean() == pytest.approx(600)
    # the line's own value beats the case override
    own = case_with(
        {"equipment": [{"type": "laptop", "quantity": 6, "embodied": 50}]},
        horizon_years=4,
        factors={"laptop": 100},
    )
    assert fp(own, go_live_days=0).part("embodied").mean() == pytest.approx(300)


def test_electricity_zone_from_the_table_and_other_impacts():
    fr = factor_table().get("FR", "pe")
    case = case_with({"energy": [{"kwh_per_year": 1000}], "electricity": "FR"})
    r = fp(case, go_live_days=0)
    assert r.impacts["pe"].mean() == pytest.approx(1000 * fr.likely * 5)  # pe is a fixed factor
    assert r.impacts["adp"] is not None
    # a factor given in place has no primary energy: the pe total is unknown, not partial
    mixed = case_with({"energy": [{"kwh_per_year": 1000}, {"kwh_per_year": 5, "electricity": 0.3}]})
    r2 = fp(mixed, go_live_days=0)
    assert r2.impacts["pe"] is None
    assert any(m.startswith("pe:") for m in r2.missing)


def test_shared_factors_use_common_random_numbers_across_options():
    line = {"energy": [{"kwh_per_year": 1000}], "electricity": [0.05, 0.07, 0.1]}
    data = {
        "case": "x",
        "factors": {"grid": [0.05, 0.07, 0.1]},
        "options": [
            {
                "id": "a",
                "tasks": [{"id": "t", "duration": 0}],
                "footprint": {"energy": [{"kwh_per_year": 1000}], "electricity": "grid"},
            },
            {
                "id": "b",
                "tasks": [{"id": "t", "duration": 0}],
                "footprint": {"energy": [{"kwh_per_year": 3000}], "electricity": "grid"},
            },
            {"id": "c", "tasks": [{"id": "t", "duration": 0}], "footprint": line},
        ],
    }
    case = dk.Case.model_validate(data)
    a = assess_footprint(case, "a", go_live_days=0, iterations=500, seed=3).total.values
    b = assess_footprint(case, "b", go_live_days=0, iterations=500, seed=3).total.values
    c = assess_footprint(case, "c", go_live_days=0, iterations=500, seed=3).total.values
    np.testing.assert_allclose(b, 3 * a)  # the same grid factor in every iteration
    assert a.std() > 0
    assert not np.allclose(c, a)
    again = assess_footprint(case, "a", go_live_days=0, iterations=500, seed=3).total.values
    np.testing.assert_array_equal(a, again)


def test_carbon_price_monetises_the_footprint():
    case = case_with(
        {"energy": [{"kwh_per_year": 10_000}], "electricity": 0.1}, carbon_price="fr-vac-2030"
    )
    r = fp(case, go_live_days=0)
    assert r.carbon_cost.mean() == pytest.approx(10_000 * 0.1 * 5 / 1000 * 250)
    assert r.carbon_cost.unit == "EUR"


def test_unknown_factors_name_the_field():
    case = case_with({"equipment": [{"type": "sever", "quantity": 1}], "electricity": "FRA"})
    with pytest.raises(dk.CaseErrors) as info:
        fp(case)
    text = str(info.value)
    assert "options[0].footprint.equipment[0].embodied: unknown factor 'sever'" in text
    assert "did you mean 'server'" in text
    bad_price = case_with({}, carbon_price="vac")
    with pytest.raises(dk.CaseErrors, match="carbon_price: unknown carbon price 'vac'"):
        fp(bad_price)


def test_to_frame_and_breakdown():
    case = case_with(
        {
            "electricity": 0.1,
            "equipment": [{"type": "server", "quantity": 1, "embodied": 1000, "lifetime_years": 5}],
            "energy": [{"name": "disks", "kwh_per_year": 100}],
        }
    )
    r = fp(case, go_live_days=0)
    df = r.to_frame()
    assert list(df.columns) == [
        "option",
        "part",
        "impact",
        "unit",
        "mean",
        "p10",
        "p50",
        "p80",
        "p90",
    ]
    gwp = df[df["impact"] == "gwp"].set_index("part")
    assert list(gwp.index) == ["total", "embodied", "use", "cloud", "network", "devices", "legacy"]
    assert set(gwp["unit"]) == {"kgCO2e"}
    # the parts are named as in to_dict and the criterion paths footprint.PART
    assert gwp.loc["total", "mean"] == pytest.approx(r.to_dict()["parts"]["total"]["mean"])
    assert gwp.loc["use", "p80"] == pytest.approx(r.part("use").percentile(80))
    assert (df["p90"] >= df["p10"]).all()
    b = r.breakdown()
    assert list(b["line"]) == ["server", "disks"]  # largest first
    assert b["share"].sum() == pytest.approx(1)
    assert r.to_dict()["parts"]["total"]["mean"] == pytest.approx(1000 + 50)


def test_every_shipped_factor_has_a_source_and_a_licence():
    with (DATA / "factors.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for row in rows:
        assert row["source"].strip(), row["id"]
        assert row["licence"].strip(), row["id"]
        assert float(row["low"]) <= float(row["likely"]) <= float(row["high"]), row["id"]
    ids = {r["id"] for r in rows}
    assert {"laptop", "desktop", "monitor", "smartphone", "tablet", "server"} <= ids
    assert {"FR", "EU", "network", "hyperscale", "cloud-vcpu"} <= ids
    likely = {(r["id"], r["impact"]): float(r["likely"]) for r in rows}
    # the figures the issue cites (ADEME Base Empreinte via Boavizta; grid factors)
    assert likely[("laptop", "gwp")] == 181
    assert likely[("server", "gwp")] == 3660
    assert likely[("FR", "gwp")] == 0.052
    assert likely[("EU", "gwp")] == 0.38
    assert (DATA / "README.md").read_text(encoding="utf-8").count("ODbL") >= 1


def test_incomplete_energy_lines_are_errors_not_silent_zeros():
    case = case_with(
        {
            "equipment": [{"type": "server", "quantity": 1, "pue": 1.5}],
            "devices": [{"type": "laptop", "quantity": 5, "share": 0.1, "power_w": 30}],
        }
    )
    with pytest.raises(dk.CaseErrors) as info:
        fp(case)
    text = str(info.value)
    assert "options[0].footprint.equipment[0].pue: a pue needs the equipment's power_w" in text
    assert "options[0].footprint.devices[0].hours_per_year: power_w needs hours_per_year" in text


def test_carbon_price_problems_are_listed_with_the_footprint_ones():
    data = {
        "case": "x",
        "currency": "USD",
        "carbon_price": "fr-vac-2030",
        "options": [
            {
                "id": "a",
                "tasks": [{"id": "t", "duration": 0}],
                "footprint": {"equipment": [{"type": "sever", "quantity": 1}]},
            }
        ],
    }
    problems = dk.check_assessments(dk.Case.model_validate(data))
    rules = {p.path: p.rule for p in problems}
    assert rules["carbon_price"] == (
        "fr-vac-2030 is in EUR per tCO2e but the case counts in USD: give the price in USD per "
        "tCO2e"
    )
    assert "unknown factor 'sever'" in rules["options[0].footprint.equipment[0].embodied"]


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        (
            {"energy": [{"kwh_per_year": 10, "electricity": "server"}]},
            "energy[0].electricity",
            "'server' is an equipment type (kgCO2e per unit), not an electricity zone (per kWh)",
        ),
        (
            {"energy": [{"kwh_per_year": 10, "electricity": "hyperscale"}]},
            "energy[0].electricity",
            "'hyperscale' is a PUE (power usage effectiveness), not an electricity zone (per kWh)",
        ),
        (
            {"cloud": [{"vcpu_hours_per_year": 10, "pue": "FR"}]},
            "cloud[0].pue",
            "'FR' is an electricity zone (per kWh), not a PUE (power usage effectiveness)",
        ),
        (
            {"equipment": [{"type": "FR", "quantity": 1}]},
            "equipment[0].embodied",
            "'FR' is an electricity zone (per kWh), not an equipment type (kgCO2e per unit)",
        ),
    ],
)
def test_a_factor_of_the_wrong_kind_is_an_error_not_a_zero(line, field, expected):
    with pytest.raises(dk.CaseErrors) as info:
        fp(case_with(line))
    rules = {e.path: e.rule for e in info.value.errors}
    assert rules[f"options[0].footprint.{field}"].startswith(expected)


def test_an_option_called_legacy_keeps_its_own_lines():
    data = {
        "case": "x",
        "legacy_footprint": {"electricity": 0.1, "energy": [{"kwh_per_year": 1_000_000}]},
        "options": [
            {
                "id": "legacy",
                "tasks": [{"id": "t", "duration": 0}],
                "footprint": {"electricity": 0.1, "energy": [{"kwh_per_year": 10}]},
            }
        ],
    }
    r = assess_footprint(dk.Case.model_validate(data), "legacy", go_live_days=0, iterations=5)
    assert r.part("use").mean() == pytest.approx(10 * 0.1 * 5)
    assert r.part("legacy").mean() == 0  # go-live on day 0: the old system stops at once


def test_default_law_reaches_cloud_instances_however_the_case_is_validated():
    data = {
        "case": "x",
        "defaults": {"distribution": "triangular"},
        "options": [
            {
                "id": "a",
                "tasks": [{"id": "t", "duration": 0}],
                "footprint": {"cloud": [{"instances": [1, 2, 4], "vcpus": 2}]},
            }
        ],
    }
    case = dk.Case.model_validate(data)
    assert case.options[0].footprint.cloud[0].instances.distribution == "triangular"


def test_a_bad_factor_estimate_gets_one_message():
    data = {
        "case": "x",
        "options": [
            {
                "id": "a",
                "tasks": [{"id": "t", "duration": 1}],
                "footprint": {"equipment": [{"type": "server", "quantity": 1, "pue": [3, 2, 1]}]},
            }
        ],
    }
    with pytest.raises(dk.CaseErrors) as info:
        dk.parse_case(data)
    (error,) = info.value.errors
    assert (error.path, error.rule) == (
        "options[0].footprint.equipment[0].pue",
        "min 3 > likely 2; likely 2 > max 1",
    )


def test_shares_pue_and_hours_stay_in_their_ranges():
    case = case_with(
        {
            "equipment": [{"type": "server", "quantity": 1, "power_w": 300, "pue": 0.3}],
            "cloud": [{"vcpu_hours_per_year": 10, "instances": 2, "vcpus": 2}],
            "devices": [
                {
                    "type": "laptop",
                    "quantity": 5,
                    "share": [0.5, 2, 5],
                    "power_w": 20,
                    "hours_per_year": 20_000,
                },
            ],
        }
    )
    with pytest.raises(dk.CaseErrors) as info:
        fp(case)
    rules = {e.path: e.rule for e in info.value.errors}
    base = "options[0].footprint."
    assert rules[base + "equipment[0].pue"] == "a PUE must stay within 1 and 10; got 0.3 to 0.3"
    assert rules[base + "devices[0].share"] == "a share must stay within 0 and 1; got 0.5 to 5"
    assert rules[base + "devices[0].hours_per_year"].startswith("hours a year must stay within")
    assert rules[base + "cloud[0]"] == (
        "give vcpu_hours_per_year or instances (with vcpus), not both"
    )


def test_named_lines_keep_their_draws_when_a_line_is_inserted():
    web = {"name": "web", "kwh_per_year": [900, 1000, 1500]}
    before = case_with({"electricity": 0.1, "energy": [web]})
    after = case_with({"electricity": 0.1, "energy": [{"name": "new", "kwh_per_year": 2}, web]})
    a = fp(before, n=300).part("use").values
    b = fp(after, n=300).part("use").values
    assert a.std() > 0
    # the inserted line adds a fixed 2 kWh x 0.1 x 4 years; web's draws are unchanged
    np.testing.assert_allclose(b - 2 * 0.1 * 4, a)
    unnamed = case_with({"electricity": 0.1, "energy": [{"kwh_per_year": 2}, {**web, "name": ""}]})
    c = fp(unnamed, n=300).part("use").values
    assert not np.allclose(c - 2 * 0.1 * 4, a)  # by position, the moved line draws anew


def test_chunk_size_does_not_change_the_numbers(monkeypatch):
    import decisionkit.sustainability.footprint as footprint_module

    case = case_with(
        {
            "electricity": [0.05, 0.06, 0.1],
            "equipment": [{"type": "laptop", "quantity": [5, 6, 9]}],
            "energy": [{"kwh_per_year": [900, 1000, 1500]}],
        },
        carbon_price=[100, 250, 500],
    )
    days = np.linspace(0, 2 * YEAR, 1000)
    whole = assess_footprint(case, "a", go_live_days=days, seed=9)
    monkeypatch.setattr(footprint_module, "CHUNK", 7)
    pieces = assess_footprint(case, "a", go_live_days=days, seed=9)
    np.testing.assert_array_equal(whole.total.values, pieces.total.values)
    np.testing.assert_array_equal(whole.carbon_cost.values, pieces.carbon_cost.values)
    assert whole.lines[0][2] == pytest.approx(pieces.lines[0][2])


def test_purchase_allocation_charges_whole_units_whatever_the_go_live():
    line = {"equipment": [{"type": "server", "quantity": 2, "embodied": 3000, "lifetime_years": 4}]}
    horizon = case_with(line)
    purchase = horizon.replace(embodied_allocation="purchase")
    # horizon 5 years: go-live after 1 year leaves 4 years in service = one life
    assert fp(purchase).part("embodied").mean() == pytest.approx(2 * 3000)
    assert fp(horizon).part("embodied").mean() == pytest.approx(2 * 3000 * 4 / 4)
    # a go-live past the horizon still bought the servers; the share-of-life rule charges 0
    assert fp(purchase, go_live_days=6 * YEAR).part("embodied").mean() == pytest.approx(6000)
    assert fp(horizon, go_live_days=6 * YEAR).part("embodied").mean() == 0
    # 4.5 years in service: a second life has started
    assert fp(purchase, go_live_days=YEAR // 2).part("embodied").mean() == pytest.approx(12_000)


def test_bad_arguments_are_named():
    case = case_with({"energy": [{"kwh_per_year": 1}]})
    with pytest.raises(KeyError, match="the case has no option 'zzz'"):
        assess_footprint(case, "zzz", go_live_days=0, iterations=2)
    with pytest.raises(ValueError, match="go_live_days must be finite"):
        assess_footprint(case, "a", go_live_days=-500, iterations=2)
    with pytest.raises(ValueError, match="iterations must be >= 1"):
        assess_footprint(case, "a", go_live_days=0, iterations=0)
