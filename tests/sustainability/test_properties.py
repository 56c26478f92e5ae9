"""Footprint invariants, on random inventories (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import decisionkit as dk
from decisionkit.sustainability import PARTS, assess_footprint

YEAR = 252
positive = st.floats(min_value=0.01, max_value=1_000, allow_nan=False)


@st.composite
def three_points(draw):
    a, b, c = sorted(draw(st.lists(positive, min_size=3, max_size=3)))
    return [a, b, c]


estimate = st.one_of(positive, three_points())


@st.composite
def inventories(draw):
    equipment = [
        {
            "type": draw(st.sampled_from(["server", "laptop", "desktop", "monitor"])),
            "quantity": draw(estimate),
            "reused": draw(st.booleans()),
            **({"power_w": draw(estimate)} if draw(st.booleans()) else {}),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    energy = [{"kwh_per_year": draw(estimate)} for _ in range(draw(st.integers(0, 2)))]
    cloud = [
        {"vcpu_hours_per_year": draw(estimate), "electricity": draw(st.sampled_from(["FR", "EU"]))}
        for _ in range(draw(st.integers(0, 2)))
    ]
    network = [{"gb_per_year": draw(estimate)} for _ in range(draw(st.integers(0, 2)))]
    devices = [
        {"type": "laptop", "quantity": draw(estimate), "share": draw(st.floats(0, 1))}
        for _ in range(draw(st.integers(0, 2)))
    ]
    return {
        "electricity": draw(st.sampled_from(["FR", "EU", "DE"])),
        "equipment": equipment,
        "energy": energy,
        "cloud": cloud,
        "network": network,
        "devices": devices,
    }


def case_of(footprint, legacy=None, horizon=5):
    data = {
        "case": "p",
        "horizon_years": horizon,
        "options": [{"id": "a", "tasks": [{"id": "t", "duration": 0}], "footprint": footprint}],
    }
    if legacy is not None:
        data["legacy_footprint"] = legacy
    return dk.Case.model_validate(data)


days = st.lists(st.floats(0, 8 * YEAR), min_size=2, max_size=20).map(np.array)


@settings(max_examples=60, deadline=None)
@given(inventories(), days, st.integers(0, 2**32 - 1))
def test_total_is_the_sum_of_the_parts_and_never_negative(footprint, go_live, seed):
    r = assess_footprint(case_of(footprint), "a", go_live_days=go_live, seed=seed)
    parts = sum(r.part(p).values for p in PARTS)
    np.testing.assert_allclose(r.total.values, parts, rtol=1e-12, atol=1e-9)
    assert np.all(r.total.values >= 0)


@settings(max_examples=60, deadline=None)
@given(inventories(), inventories(), days, st.integers(0, 2**32 - 1))
def test_appending_lines_never_lowers_the_footprint(footprint, extra, go_live, seed):
    more = {
        k: (v + extra[k] if isinstance(v, list) else v) for k, v in footprint.items()
    }  # the new lines come last: the others keep their streams
    before = assess_footprint(case_of(footprint), "a", go_live_days=go_live, seed=seed)
    after = assess_footprint(case_of(more), "a", go_live_days=go_live, seed=seed)
    assert np.all(after.total.values >= before.total.values - 1e-9)


@settings(max_examples=60, deadline=None)
@given(inventories(), inventories(), st.integers(0, 2**32 - 1))
def test_a_later_go_live_moves_footprint_from_the_new_system_to_the_legacy(new, old, seed):
    for line in old["equipment"]:
        line["reused"] = True  # the legacy's equipment is already made
    case = case_of(new, legacy=old)
    early = np.linspace(0, 6 * YEAR, 12)
    late = early + YEAR / 2  # the same draws in each iteration (same seed), a later go-live
    a = assess_footprint(case, "a", go_live_days=early, seed=seed)
    b = assess_footprint(case, "a", go_live_days=late, seed=seed)
    assert np.all(b.part("legacy").values >= a.part("legacy").values - 1e-9)
    for part in ("embodied", "use", "cloud", "network", "devices"):
        assert np.all(b.part(part).values <= a.part(part).values + 1e-9)


@settings(max_examples=40, deadline=None)
@given(inventories(), st.integers(0, 2**32 - 1), st.floats(1.5, 4))
def test_scaling_every_fixed_quantity_scales_the_embodied_part(footprint, seed, k):
    for line in footprint["equipment"]:
        line["quantity"] = 2.0
    scaled = {
        **footprint,
        "equipment": [{**line, "quantity": 2.0 * k} for line in footprint["equipment"]],
    }
    a = assess_footprint(case_of(footprint), "a", go_live_days=YEAR, iterations=50, seed=seed)
    b = assess_footprint(case_of(scaled), "a", go_live_days=YEAR, iterations=50, seed=seed)
    np.testing.assert_allclose(b.part("embodied").values, k * a.part("embodied").values)
