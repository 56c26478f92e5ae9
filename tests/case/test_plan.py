import datetime as dt

import pytest

import decisionkit as dk
from decisionkit.case.calendar import (
    WORKING_DAYS_PER_YEAR,
    easter,
    french_holidays,
    is_working_day,
    working_day,
)
from decisionkit.case.plan import deterministic_plan, tco


@pytest.mark.parametrize(
    ("year", "date"),
    [
        (2024, dt.date(2024, 3, 31)),
        (2025, dt.date(2025, 4, 20)),
        (2027, dt.date(2027, 3, 28)),
        (2038, dt.date(2038, 4, 25)),
        (1818, dt.date(1818, 3, 22)),
    ],
)
def test_easter_dates(year, date):
    # Published Easter Sunday dates (2038 and 1818 are the latest and earliest extremes).
    assert easter(year) == date


def test_french_holidays_2027():
    # Service-public.fr calendar for 2027: Easter Monday 29 March, Ascension 6 May,
    # Whit Monday 17 May.
    days = french_holidays(2027)
    assert dt.date(2027, 3, 29) in days
    assert dt.date(2027, 5, 6) in days
    assert dt.date(2027, 5, 17) in days
    assert dt.date(2027, 7, 14) in days
    assert len(days) == 11


def test_working_days_skip_weekends_and_holidays():
    monday = dt.date(2027, 1, 4)
    assert working_day(monday, 0) == monday
    assert working_day(monday, 5) == dt.date(2027, 1, 11)
    # 2027-05-05 (Wed) + 1 working day skips Ascension Thursday 6 May
    assert working_day(dt.date(2027, 5, 5), 1) == dt.date(2027, 5, 7)
    assert working_day(dt.date(2027, 5, 5), 1, holidays="none") == dt.date(2027, 5, 6)
    # a start on a Saturday moves to Monday
    assert working_day(dt.date(2027, 1, 2), 0) == monday
    assert not is_working_day(dt.date(2027, 12, 25))


def test_a_year_has_about_252_working_days():
    start = dt.date(2027, 1, 1)
    count = sum(is_working_day(start + dt.timedelta(days=d)) for d in range(365))
    assert abs(count - WORKING_DAYS_PER_YEAR) <= 3


def test_tco_splits_the_horizon_at_go_live():
    assert tco(1000, 0, 100, 50, 5) == 1000 + 5 * 100
    assert tco(1000, 2 * WORKING_DAYS_PER_YEAR, 100, 50, 5) == pytest.approx(
        1000 + 2 * 50 + 3 * 100
    )
    # a go-live after the horizon pays legacy run cost for the whole horizon and no run cost
    assert tco(1000, 10 * WORKING_DAYS_PER_YEAR, 100, 50, 5) == pytest.approx(1000 + 5 * 50)


def make_case(tasks, **option):
    return dk.Case.model_validate(
        {"case": "x", "start": "2027-01-04", "options": [{"id": "a", "tasks": tasks, **option}]}
    )


def test_chain_sums_and_parallel_branches_take_the_max():
    case = make_case(
        [
            {"id": "a", "duration": [5, 10, 20], "cost": 100, "cost_per_day": [1, 2, 3]},
            {"id": "b", "duration": 7, "after": ["a"]},
            {"id": "c", "duration": 3, "after": [{"task": "a", "lag": 2}]},
            {"id": "end", "duration": 0, "after": ["b", "c"]},
        ]
    )
    p = deterministic_plan(case, case.options[0])
    assert p.finish == 10 + max(7, 2 + 3)
    assert p.capex == 100 + 2 * 10
    assert p.critical_path == ("a", "b", "end")
    assert p.finish_date == working_day(dt.date(2027, 1, 4), 16)


def test_lag_can_drive_the_critical_path():
    case = make_case(
        [
            {"id": "a", "duration": 10},
            {"id": "b", "duration": 3, "after": ["a"]},
            {"id": "c", "duration": 3, "after": [{"task": "a", "lag": 5}]},
        ]
    )
    p = deterministic_plan(case, case.options[0])
    assert p.finish == 18
    assert p.critical_path == ("a", "c")


def test_go_live_task_splits_run_and_legacy_costs():
    case = make_case(
        [
            {"id": "build", "duration": 252},
            {"id": "live", "duration": 0, "after": ["build"]},
            {"id": "decommission", "duration": 100, "after": ["live"]},
        ],
        go_live="live",
        run_cost_per_year=10,
    ).replace(legacy_run_cost_per_year=20, horizon_years=3)
    p = deterministic_plan(case, case.options[0])
    assert p.go_live == 252
    assert p.finish == 352
    assert p.tco == pytest.approx(1 * 20 + 2 * 10)


def test_summary_has_one_row_per_option(valid_data):
    case = dk.parse_case(valid_data)
    df = case.summary()
    assert list(df["option"]) == ["saas", "build"]
    saas = df.iloc[0]
    # procurement likely 90, migration median sqrt(40*140), lag 5
    assert saas["plan_days"] == pytest.approx(90 + (40 * 140) ** 0.5 + 5)
    assert saas["plan_capex"] == pytest.approx(80_000 + 1_800 * 90 + 200_000)
    assert saas["expected_risk_cost"] == pytest.approx(0.15 * (10_000 + 4 * 20_000 + 50_000) / 6)
