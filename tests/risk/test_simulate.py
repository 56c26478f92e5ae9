"""The Monte Carlo engine against analytic truth and invariants."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats

import decisionkit as dk
from decisionkit.montecarlo.sampling import _chebyshev_lookup, _pert_quantiles, latin_hypercube
from decisionkit.risk import CorrelationRepairWarning, PrecisionWarning


def case_of(tasks, *, risks=(), correlations=(), **extra):
    option = {
        "id": "a",
        "tasks": list(tasks),
        "risks": list(risks),
        "correlations": list(correlations),
    }
    option.update(extra.pop("option", {}))
    return dk.Case.model_validate({"case": "t", "options": [option], **extra})


def run(case, n=40_000, **kw):
    kw.setdefault("seed", 11)
    return dk.simulate(case, iterations=n, **kw)["a"]


def z_ok(sample_mean, true_mean, sd, n, z=4.5):
    return abs(sample_mean - true_mean) <= z * sd / math.sqrt(n)


def test_single_pert_task_mean_and_variance():
    a, m, b = 10.0, 20.0, 60.0
    r = run(case_of([{"id": "t", "duration": [a, m, b]}]))
    mean = (a + 4 * m + b) / 6
    alpha, beta = 1 + 4 * (m - a) / (b - a), 1 + 4 * (b - m) / (b - a)
    var = (b - a) ** 2 * alpha * beta / ((alpha + beta) ** 2 * (alpha + beta + 1))
    assert z_ok(r.finish.mean(), mean, math.sqrt(var), r.finish.n)
    assert r.finish.std() ** 2 == pytest.approx(var, rel=0.03)
    assert r.finish.values.min() >= a
    assert r.finish.values.max() <= b


def test_single_triangular_task_matches_scipy_quantiles():
    a, m, b = 5.0, 7.0, 20.0
    r = run(
        case_of(
            [
                {
                    "id": "t",
                    "duration": {"distribution": "triangular", "min": a, "likely": m, "max": b},
                }
            ]
        )
    )
    law = stats.triang((m - a) / (b - a), loc=a, scale=b - a)
    assert z_ok(r.finish.mean(), law.mean(), law.std(), r.finish.n)
    for p in (10, 50, 80, 90):
        lo, hi = r.finish.interval(p, 0.999)
        assert lo <= law.ppf(p / 100) <= hi


def test_serial_chain_sums_means_and_variances():
    tasks = [
        {
            "id": f"t{i}",
            "duration": {"distribution": "uniform", "min": i, "max": 3 * i + 6},
            **({"after": [f"t{i - 1}"]} if i else {}),
        }
        for i in range(5)
    ]
    r = run(case_of(tasks))
    mean = sum((i + 3 * i + 6) / 2 for i in range(5))
    var = sum((2 * i + 6) ** 2 / 12 for i in range(5))
    assert z_ok(r.finish.mean(), mean, math.sqrt(var), r.finish.n)
    assert r.finish.std() ** 2 == pytest.approx(var, rel=0.03)


def test_max_of_two_parallel_uniform_branches():
    # max of two U(0, 1): CDF x^2, so P50 = sqrt(0.5) of the span
    tasks = [
        {"id": "x", "duration": {"distribution": "uniform", "min": 0, "max": 100}},
        {"id": "y", "duration": {"distribution": "uniform", "min": 0, "max": 100}},
        {"id": "end", "duration": 0, "after": ["x", "y"]},
    ]
    r = run(case_of(tasks))
    lo, hi = r.finish.interval(50, 0.999)
    assert lo <= 100 * math.sqrt(0.5) <= hi
    assert r.finish.mean() == pytest.approx(200 / 3, rel=0.01)


def test_lag_and_milestones():
    tasks = [
        {"id": "a", "duration": 10},
        {"id": "m", "duration": 0, "after": ["a"]},
        {"id": "b", "duration": 5, "after": [{"task": "m", "lag": 3}]},
    ]
    r = run(case_of(tasks), n=100)
    assert np.all(r.finish.values == 18)


def test_risk_with_fixed_impact_occurs_with_its_probability():
    r = run(
        case_of(
            [{"id": "t", "duration": 10, "cost": 1000}],
            risks=[{"id": "r", "probability": 0.3, "cost": 500, "delay": 7}],
        )
    )
    p = np.mean(r.capex.values > 1000)
    assert z_ok(p, 0.3, math.sqrt(0.3 * 0.7), r.capex.n)
    assert np.all((r.finish.values == 10) | (r.finish.values == 17))
    assert np.array_equal(r.capex.values > 1000, r.finish.values > 10)


def test_task_risk_delay_propagates_and_pays_the_daily_cost():
    tasks = [
        {"id": "a", "duration": 10, "cost_per_day": 100},
        {"id": "b", "duration": 5, "after": ["a"]},
    ]
    r = run(case_of(tasks, risks=[{"id": "r", "probability": 1, "task": "a", "delay": 4}]), n=50)
    assert np.all(r.finish.values == 19)
    assert np.all(r.capex.values == 14 * 100)


def test_cost_per_day_mean_is_rate_times_mean_duration():
    rate = [800, 1000, 1500]
    r = run(case_of([{"id": "t", "duration": [20, 30, 60], "cost_per_day": rate}]))
    expected = (800 + 4000 + 1500) / 6 * (20 + 120 + 60) / 6  # independent draws
    assert r.capex.mean() == pytest.approx(expected, rel=0.01)


def test_tco_adds_legacy_until_go_live_and_run_after():
    case = case_of(
        [{"id": "t", "duration": 252}],
        option={"run_cost_per_year": 100},
        legacy_run_cost_per_year=300,
        horizon_years=3,
    )
    r = run(case, n=10)
    assert np.allclose(r.tco.values, 300 * 1 + 100 * 2)


def test_requested_rank_correlation_is_achieved():
    tasks = [
        {"id": "a", "duration": [10, 20, 40]},
        {"id": "b", "duration": [5, 6, 20]},
        {"id": "c", "duration": {"distribution": "lognormal", "p10": 3, "p90": 30}},
    ]
    corr = [["a.duration", "b.duration", 0.7], ["a.duration", "c.duration", -0.4]]
    r = run(case_of(tasks, correlations=corr))
    for a, b, asked, used, got in r.correlations:
        assert used == asked
        assert abs(got - asked) < 0.05, (a, b, got)


def test_inconsistent_correlations_are_repaired_with_a_warning():
    tasks = [{"id": k, "duration": [1, 2, 3]} for k in "xyz"]
    corr = [
        ["x.duration", "y.duration", 0.9],
        ["y.duration", "z.duration", 0.9],
        ["x.duration", "z.duration", -0.9],
    ]
    with pytest.warns(CorrelationRepairWarning, match="nearest valid matrix"):
        r = run(case_of(tasks, correlations=corr), n=20_000)
    assert r.warnings
    used = {(a, b): u for a, b, _, u, _ in r.correlations}
    assert used[("x.duration", "z.duration")] > -0.9  # moved towards consistency
    for _, _, _, used_rho, got in r.correlations:
        assert abs(got - used_rho) < 0.06


def test_lhs_lowers_the_standard_error_of_the_mean():
    case = case_of([{"id": "t", "duration": [10, 20, 60]}])
    means = {
        s: [
            dk.simulate(case, iterations=500, seed=k, sampling=s)["a"].finish.mean()
            for k in range(30)
        ]
        for s in ("random", "lhs")
    }
    assert np.std(means["lhs"]) < 0.2 * np.std(means["random"])


def test_latin_hypercube_strata():
    u = latin_hypercube(np.random.default_rng(3), 3, 1000)
    for row in u:
        assert sorted(np.floor(row * 1000).astype(int)) == list(range(1000))


def test_pert_table_matches_betaincinv():
    u = np.linspace(1e-4, 1 - 1e-4, 20_001)
    for a, m, b in [(0, 0, 1), (0, 0.5, 1), (10, 12, 40), (0, 0.99, 1)]:
        alpha, beta = 1 + 4 * (m - a) / (b - a), 1 + 4 * (b - m) / (b - a)
        exact = a + (b - a) * special.betaincinv(alpha, beta, u)
        table = _pert_quantiles({"min": a, "likely": m, "max": b})[None, :]
        assert np.abs(_chebyshev_lookup(u[None, :], table)[0] - exact).max() < 2e-4 * (b - a)


def test_normal_is_truncated_at_zero_and_lognormal_hits_its_quantiles():
    r = run(case_of([{"id": "t", "duration": {"distribution": "normal", "mean": 2, "sd": 4}}]))
    assert r.finish.values.min() >= 0
    f0 = stats.norm.cdf(0, 2, 4)
    assert np.mean(r.finish.values <= 2) == pytest.approx((0.5 - f0) / (1 - f0), abs=0.01)
    r = run(
        case_of([{"id": "t", "duration": {"distribution": "lognormal", "p10": 40, "p90": 140}}])
    )
    assert r.finish.percentile(10) == pytest.approx(40, rel=0.03)
    assert r.finish.percentile(90) == pytest.approx(140, rel=0.03)


def test_mitigation_uses_common_random_numbers():
    risk = {
        "id": "r",
        "probability": 0.5,
        "delay": [10, 20, 30],
        "mitigation": {"probability": 0.1, "action_cost": 50},
    }
    case = case_of([{"id": "t", "duration": 10}], risks=[risk])
    before = run(case, n=5000)
    after = run(case, n=5000, mitigated=True)
    assert np.all(after.finish.values <= before.finish.values)  # same draws, lower probability
    assert np.all(after.capex.values == 50)
    assert np.mean(after.finish.values > 10) == pytest.approx(0.1, abs=0.02)


def test_criticality_of_parallel_branches():
    tasks = [
        {"id": "long", "duration": [10, 20, 30]},
        {"id": "short", "duration": [1, 2, 3]},
        {"id": "x", "duration": 15},
        {"id": "y", "duration": 15},
        {"id": "end", "duration": 0, "after": ["long", "short", "x", "y"]},
    ]
    r = run(case_of(tasks), n=40_000)
    crit = dict(zip(r.task_ids, r.critical_fraction, strict=True))
    assert crit["end"] == 1.0
    assert crit["short"] == 0.0
    # long is critical when it exceeds 15; x and y (tied) are both critical otherwise
    p_long = 1 - special.betainc(3, 3, (15 - 10) / 20)  # PERT(10, 20, 30) is 10 + 20 Beta(3, 3)
    assert crit["long"] == pytest.approx(p_long, abs=0.01)
    assert crit["x"] == crit["y"] == pytest.approx(1 - crit["long"], abs=1e-9)


def test_sensitivity_ranks_the_driver_first():
    tasks = [
        {"id": "big", "duration": [10, 50, 200]},
        {"id": "small", "duration": [1, 2, 3], "after": ["big"]},
    ]
    r = run(case_of(tasks), n=20_000)
    tornado = r.sensitivity("finish")
    assert tornado.iloc[0]["input"] == "big.duration"
    assert tornado.iloc[0]["spearman"] > 0.95


def test_contingency_jcl_and_frontier():
    r = run(case_of([{"id": "t", "duration": [10, 20, 60], "cost_per_day": 100}]), n=20_000)
    assert r.capex.contingency(80) == pytest.approx(r.capex.percentile(80) - 20 * 100)
    # cost and finish are comonotone here: the joint confidence equals the marginal one
    assert r.jcl(r.capex.percentile(80), r.finish.percentile(80)) == pytest.approx(0.8, abs=0.01)
    frontier = r.jcl_frontier(0.7, points=11).dropna()
    for cost, days in zip(frontier["capex"], frontier["finish"], strict=True):
        assert r.jcl(cost, days) >= 0.7 - 1e-9


def test_dates_follow_the_working_calendar():
    case = case_of([{"id": "t", "duration": 5}], start="2027-01-04")
    r = run(case, n=10)
    assert str(r.finish_date(80)) == "2027-01-08"
    assert r.jcl(10_000, r.finish_date(80)) == 1.0


def test_same_seed_same_numbers_and_workers_agree():
    case = dk.load_case("examples/si-rh.yaml")
    one = dk.simulate(case, iterations=25_000, seed=3, workers=1)
    two = dk.simulate(case, iterations=25_000, seed=3, workers=2)
    again = dk.simulate(case, iterations=25_000, seed=3)
    for o in case.option_ids:
        for out in ("capex", "tco", "finish", "go_live"):
            a = getattr(one[o], out).values
            assert np.array_equal(a, getattr(two[o], out).values)
            assert np.array_equal(a, getattr(again[o], out).values)
        assert np.array_equal(one[o].critical_fraction, two[o].critical_fraction)
    other = dk.simulate(case, iterations=25_000, seed=4)
    assert not np.array_equal(one["saas"].capex.values, other["saas"].capex.values)


def test_adding_an_option_leaves_the_others_unchanged():
    case = dk.load_case("examples/si-rh.yaml")
    alone = dk.simulate(case, iterations=3_000, seed=5, options=["build"])
    everything = dk.simulate(case, iterations=3_000, seed=5)
    assert np.array_equal(alone["build"].tco.values, everything["build"].tco.values)


@settings(max_examples=25, deadline=None)
@given(st.floats(0.01, 1), st.floats(0, 50), st.floats(0, 5000), st.sampled_from(["a", "b"]))
def test_adding_a_risk_never_lowers_a_percentile(p, delay, cost, task):
    tasks = [
        {"id": "a", "duration": [5, 10, 30], "cost_per_day": [100, 120, 200]},
        {"id": "b", "duration": [2, 4, 9], "after": ["a"], "cost": [0, 10, 50]},
    ]
    base = [{"id": "r0", "probability": 0.2, "delay": [1, 2, 9]}]
    extra = {"id": "new", "probability": p, "delay": delay, "cost": cost, "task": task}
    before = run(case_of(tasks, risks=base), n=2_000)
    after = run(case_of(tasks, risks=[*base, extra]), n=2_000)
    for out in ("capex", "finish", "tco"):
        b, a = getattr(before, out), getattr(after, out)
        assert np.all(a.values >= b.values - 1e-9)
        assert np.all(np.diff(a.percentiles(np.arange(0, 101, 5))) >= 0)


def test_summary_and_frames():
    sim = dk.simulate(dk.load_case("examples/portail-citoyen.yaml"), iterations=2_000, seed=1)
    df = sim.summary()
    assert list(df["option"]) == list(sim.options)
    assert (df["capex_p10"] <= df["capex_p50"]).all()
    assert (df["capex_p50"] <= df["capex_p80"]).all()
    assert len(sim.to_frame()) == 2_000 * len(sim)
    r = next(iter(sim))
    assert set(r.summary()["output"]) == {"capex", "tco", "finish", "go_live"}
    assert "<table" in sim._repr_html_()
    assert r.capex.s_curve(11)["value"].is_monotonic_increasing
    with pytest.raises(ValueError, match="outside"):
        r.capex.percentile(120)
    with pytest.raises(KeyError, match="no simulated option"):
        sim["nope"]


def test_bad_arguments_are_refused():
    case = case_of([{"id": "t", "duration": 1}])
    with pytest.raises(ValueError, match="iterations"):
        dk.simulate(case, iterations=1)
    with pytest.raises(ValueError, match="sampling"):
        dk.simulate(case, sampling="sobol")
    with pytest.raises(KeyError, match="no option 'b'"):
        dk.simulate(case, options=["b"])


def test_precision_mode_stops_when_p80_is_precise_and_ignores_workers():
    case = dk.load_case("examples/si-rh.yaml")
    kw = {
        "iterations": 10_000,
        "seed": 7,
        "precision": 0.0008,
        "criticality": False,
        "sensitivity": False,
    }
    one = dk.simulate(case, workers=1, **kw)
    two = dk.simulate(case, workers=2, **kw)
    for a, b in zip(one, two, strict=True):
        assert a.iterations == b.iterations
        assert a.iterations % 10_000 == 0
        assert np.array_equal(a.capex.values, b.capex.values)
        for out in (a.capex, a.finish):
            assert out.standard_error(80) <= 0.0008 * out.percentile(80) * 1.01
    assert len({r.iterations for r in one}) > 1  # each option stops when it is ready
    with pytest.warns(PrecisionWarning, match="was not reached within 25,000 iterations"):
        capped = dk.simulate(
            case,
            options=["saas"],
            iterations=2,
            precision=1e-6,
            max_iterations=25_000,
            criticality=False,
            sensitivity=False,
        )
    assert capped["saas"].iterations == 25_000
    assert "was not reached" in capped["saas"].warnings[-1]


def test_risk_contributions_with_common_random_numbers():
    tasks = [{"id": "t", "duration": [10, 20, 30], "cost": 1000}]
    risks = [
        {"id": "sure", "probability": 1, "cost": 500, "delay": 5},
        {"id": "never", "probability": 0, "cost": 10_000, "delay": 50},
    ]
    r = run(case_of(tasks, risks=risks), n=5_000, contributions=True)
    df = r.risk_contributions().set_index("risk")
    assert df.loc["sure", "capex_p80"] == pytest.approx(500)
    assert df.loc["sure", "finish_p80"] == pytest.approx(5)
    assert df.loc["never", "capex_p80"] == 0
    assert df.loc["never", "finish_p80"] == 0
    with pytest.raises(ValueError, match="contributions=True"):
        run(case_of(tasks, risks=risks), n=100).risk_contributions()


def test_outside_view_sets_published_statistics_beside_the_simulation():
    from decisionkit.risk.reference import reference_classes

    stats_by_id = {c["id"]: c["statistics"] for c in reference_classes()}
    # the figures the sources publish (Flyvbjerg & Budzier 2011; DINUM panorama 2023)
    assert stats_by_id["flyvbjerg-budzier-2011"]["mean_cost_overrun"] == 0.27
    assert stats_by_id["flyvbjerg-budzier-2011"]["black_swan_share"] == pytest.approx(1 / 6, 1e-3)
    assert stats_by_id["dinum-panorama-2023"]["mean_schedule_overrun"] == 0.191
    for c in reference_classes():
        assert c["source"]
        assert c["title"]
    r = run(case_of([{"id": "t", "duration": [10, 20, 60], "cost": [100, 200, 900]}]), n=5_000)
    view = r.outside_view().set_index(["reference", "statistic"])
    flyvbjerg = "flyvbjerg-budzier-2011"
    row = view.loc[(flyvbjerg, "mean cost overrun")]
    assert row["simulated"] == pytest.approx(r.capex.mean() / 200 - 1)
    assert row["plan_uplifted"] == pytest.approx(200 * 1.27)
    swan = view.loc[(flyvbjerg, "mean cost overrun of the worst 16.7%")]
    worst = np.sort(r.capex.values)[-round(5_000 * 0.1667) :]
    assert swan["simulated"] == pytest.approx(worst.mean() / 200 - 1)
    assert swan["published"] == 2.0
    late = view.loc[(flyvbjerg, "mean schedule overrun of the worst 16.7% by cost")]
    worst_by_cost = np.argsort(r.capex.values, kind="stable")[-round(5_000 * 0.1667) :]
    assert late["simulated"] == pytest.approx(r.finish.values[worst_by_cost].mean() / 20 - 1)
    with pytest.raises(KeyError, match="no reference class"):
        r.outside_view(("nope",))


def test_precision_keeps_the_iterations_asked_for():
    case = case_of([{"id": "t", "duration": [1, 2, 4]}])
    r = dk.simulate(case, iterations=25_000, precision=0.5, criticality=False, sensitivity=False)[
        "a"
    ]
    assert r.iterations == 25_000


def test_jcl_dates_when_the_start_is_not_a_working_day():
    task = [{"id": "t", "duration": {"distribution": "uniform", "min": 4, "max": 6}}]
    monday = run(case_of(task, start="2027-01-04"), n=20_000)
    saturday = run(case_of(task, start="2027-01-02"), n=20_000)
    # both plans start on Monday 4 January: 5 working days end on Friday 8 January
    assert str(monday.date(5)) == str(saturday.date(5)) == "2027-01-08"
    for r in (monday, saturday):
        assert r.jcl(1e9, dt.date(2027, 1, 8)) == pytest.approx(np.mean(r.finish.values <= 5))
        assert r.jcl(1e9, dt.date(2027, 1, 8)) == pytest.approx(0.5, abs=0.02)


def test_reordering_tasks_and_risks_leaves_correlated_draws_unchanged():
    tasks = [
        {"id": "a", "duration": [10, 20, 40]},
        {"id": "b", "duration": [5, 6, 20]},
        {"id": "c", "duration": [1, 3, 9], "after": ["a", "b"]},
    ]
    risks = [
        {"id": "r1", "probability": 0.3, "delay": [1, 2, 5], "task": "a"},
        {"id": "r2", "probability": 0.2, "cost": [10, 20, 50]},
    ]
    corr = [["a.duration", "b.duration", 0.6], ["r1.delay", "c.duration", 0.3]]
    one = run(case_of(tasks, risks=risks, correlations=corr), n=5_000)
    two = run(case_of(tasks[::-1], risks=risks[::-1], correlations=corr[::-1]), n=5_000)
    assert np.array_equal(one.capex.values, two.capex.values)
    assert np.array_equal(one.finish.values, two.finish.values)


def test_uplift_distributions_follow_the_published_figures():
    from decisionkit.risk.reference import uplift_distribution

    factors, probs = uplift_distribution("flyvbjerg-budzier-2011", "capex")
    assert probs.sum() == pytest.approx(1)
    assert factors @ probs == pytest.approx(1.27)  # the published mean overrun, 27 %
    assert factors[1] == pytest.approx(3.0)  # black swans: +200 % on average
    assert probs[1] == pytest.approx(1 / 6, abs=1e-3)  # one in six
    assert uplift_distribution("flyvbjerg-budzier-2011", "finish") is None  # not published
    factors, probs = uplift_distribution("dinum-panorama-2023", "finish")
    assert factors.tolist() == [1.191]
    assert probs.tolist() == [1.0]


def test_reference_view_blends_inside_and_outside_views():
    r = run(case_of([{"id": "t", "duration": [10, 20, 60], "cost": [100, 200, 900]}]), n=5_000)
    sorted_capex = np.sort(r.capex.values)
    inside_only = r.reference_view(weight=0).set_index("output").loc["capex"]
    k = math.ceil(0.8 * 5_000) - 1
    assert inside_only["blend_p80"] == sorted_capex[k]  # the inverted-CDF P80
    assert inside_only["inside_p80"] == sorted_capex[k]
    outside_only = r.reference_view(weight=1).set_index("output").loc["capex"]
    assert outside_only["blend_p90"] == outside_only["outside_p90"] == pytest.approx(600)
    assert outside_only["outside_p50"] == pytest.approx(200 * (1 + (0.27 - 2 * 0.1667) / 0.8333))
    assert outside_only["outside_mean"] == pytest.approx(200 * 1.27)
    half = r.reference_view(weight=0.5).set_index("output")
    capex = half.loc["capex"]
    assert capex["blend_mean"] == pytest.approx((capex["inside_mean"] + 254) / 2)
    assert capex["blend_p50"] <= capex["blend_p80"] <= capex["blend_p90"]
    assert np.isnan(half.loc["finish", "outside_p80"])  # Flyvbjerg publishes no schedule law
    dinum = r.reference_view("dinum-panorama-2023", 1).set_index("output")
    assert dinum.loc["finish", "blend_p80"] == pytest.approx(20 * 1.191)
    with pytest.raises(ValueError, match="weight"):
        r.reference_view(weight=2)


@settings(max_examples=20, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 50), st.floats(0, 50), st.floats(0, 50)), min_size=1, max_size=6
    ),
    st.integers(0, 2**32 - 1),
    st.lists(st.floats(0, 100), min_size=2, max_size=12),
)
def test_percentiles_grow_with_p(points, seed, ps):
    tasks = [
        {
            "id": f"t{i}",
            "duration": sorted(p),
            "cost_per_day": [1, 2, 3],
            **({"after": [f"t{i - 1}"]} if i % 2 else {}),
        }
        for i, p in enumerate(points)
    ]
    r = dk.simulate(
        case_of(tasks), iterations=500, seed=seed, criticality=False, sensitivity=False
    )["a"]
    ps = sorted(ps)
    for out in (r.capex, r.tco, r.finish, r.go_live):
        values = [out.percentile(p) for p in ps]
        assert all(a <= b for a, b in itertools.pairwise(values))


def blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


def test_in_process_run_uses_one_blas_thread_and_gives_the_setting_back():
    from threadpoolctl import threadpool_limits

    case = dk.load_case("examples/si-rh.yaml")
    seen = []
    with threadpool_limits(limits=2, user_api="blas"):
        before = blas_threads()
        dk.simulate(case, iterations=2_000, seed=1, progress=lambda *_: seen.append(blas_threads()))
        assert blas_threads() == before
    assert seen
    assert all(threads == [1] * len(before) for threads in seen)


def test_one_blas_thread_gives_the_same_numbers(monkeypatch):
    from contextlib import nullcontext

    from threadpoolctl import threadpool_limits

    simulate_module = sys.modules["decisionkit.risk.simulate"]  # the package hides it
    case = dk.load_case("examples/si-rh.yaml")
    kw = {"iterations": 20_000, "seed": 7, "contributions": True}
    runs = {}
    for threads in (1, 2):
        with threadpool_limits(limits=threads, user_api="blas"):
            runs[threads] = dk.simulate(case, **kw)
    runs["workers"] = dk.simulate(case, workers=2, **kw)  # one BLAS thread in each worker
    monkeypatch.setattr(simulate_module, "single_threaded_blas", nullcontext)
    with threadpool_limits(limits=2, user_api="blas"):
        free = dk.simulate(case, **kw)
    for o in case.option_ids:
        a, b, c = runs[1][o], runs[2][o], free[o]
        # with the limit, the user's BLAS setting changes nothing, to the last bit
        assert np.array_equal(a.input_sensitivity, b.input_sensitivity)
        assert np.array_equal(a.input_sensitivity, runs["workers"][o].input_sensitivity)
        for out in ("capex", "tco", "finish", "go_live"):
            assert np.array_equal(getattr(a, out).values, getattr(b, out).values)
            assert np.array_equal(getattr(a, out).values, getattr(c, out).values)
        assert np.array_equal(a.critical_fraction, c.critical_fraction)
        assert a.correlations == c.correlations
        assert a.risk_contributions_p80 == c.risk_contributions_p80
        # two BLAS threads split the sums of the rank correlations: the last bit may move
        np.testing.assert_allclose(a.input_sensitivity, c.input_sensitivity, rtol=0, atol=1e-15)


def test_single_threaded_blas_nests_and_is_shared_by_python_threads():
    import threading

    from threadpoolctl import threadpool_limits

    from decisionkit._threads import single_threaded_blas

    with threadpool_limits(limits=2, user_api="blas"):
        before = blas_threads()
        one = [1] * len(before)
        left = threading.Event()

        def other_thread():
            with single_threaded_blas():
                pass
            left.set()

        with single_threaded_blas():
            with single_threaded_blas():
                assert blas_threads() == one
            assert blas_threads() == one  # the inner block did not restore
            worker = threading.Thread(target=other_thread)
            worker.start()
            assert left.wait(10)
            worker.join(10)
            assert blas_threads() == one  # nor did a block of another thread, ours still runs
        assert blas_threads() == before

        @single_threaded_blas()
        def fails():
            assert blas_threads() == one
            raise RuntimeError("boom")

        with pytest.raises(RuntimeError, match="boom"):
            fails()
        assert blas_threads() == before
