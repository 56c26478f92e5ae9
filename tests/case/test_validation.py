"""Validation: every class of bad input gets its own message naming the path and the rule."""

from __future__ import annotations

import pytest

import decisionkit as dk
from tests.conftest import VALID_YAML, messages, problems


def test_the_valid_case_loads(valid_data):
    case = dk.parse_case(valid_data)
    assert case.option_ids == ("saas", "build")
    assert case.options[0].tasks[2].after[0].lag == 5
    assert case.criteria[0].source == "tco.p80"
    assert case.options[0].risks[0].mitigation.probability == 0.05


def only(data) -> str:
    found = messages(data)
    assert len(found) == 1, found
    return found[0]


def test_unknown_key_suggests_the_right_one(valid_data):
    valid_data["options"][0]["tasks"][1]["duraton"] = valid_data["options"][0]["tasks"][1].pop(
        "duration"
    )
    found = messages(valid_data)
    assert "options[0].tasks[1].duraton: unknown key 'duraton' (did you mean 'duration'?)" in found
    assert "options[0].tasks[1]: missing required field 'duration'" in found


@pytest.mark.parametrize(
    ("where", "key", "hint"),
    [
        ((), "horizon", "horizon_years"),
        (("options", 0), "nmae", "name"),
        (("options", 0, "risks", 0), "probabilty", "probability"),
        (("criteria", 0), "source", "from"),
    ],
)
def test_unknown_keys_everywhere(valid_data, where, key, hint):
    node = valid_data
    for part in where:
        node = node[part]
    node[key] = 1
    path = ".".join(str(p) for p in where).replace(".0", "[0]")
    assert f"unknown key {key!r} (did you mean {hint!r}?)" in only(valid_data)
    assert only(valid_data).startswith(f"{path}.{key}" if path else key)


def test_missing_required_fields(valid_data):
    del valid_data["case"]
    del valid_data["options"][1]["tasks"][0]["id"]
    del valid_data["options"][0]["risks"][0]["probability"]
    found = messages(valid_data)
    assert ": missing required field 'case'" in found
    assert "options[1].tasks[0]: missing required field 'id'" in found
    assert "options[0].risks[0]: missing required field 'probability'" in found


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("horizon_years",), "five", "horizon_years: expected a whole number, got 'five'"),
        (("horizon_years",), 2.5, "horizon_years: expected a whole number, got 2.5"),
        (
            ("options", 0, "risks", 0, "probability"),
            "high",
            "options[0].risks[0].probability: expected a number, got 'high'",
        ),
        (("options", 0, "tasks"), {"id": "x"}, "options[0].tasks: expected a list"),
        (("options", 0, "name"), ["a"], "options[0].name: expected text, got a list ['a']"),
        (("start",), "next monday", "start: expected a date (YYYY-MM-DD)"),
        (
            ("options", 0, "scores", "user_value"),
            "good",
            "options[0].scores.user_value: expected a number, got 'good'",
        ),
        (
            ("criteria", 0, "direction"),
            "down",
            "criteria[0].direction: 'down' is not one of min, max",
        ),
        (
            ("method",),
            "topsys",
            "method: 'topsys' is not one of weighted_sum, weighted_product, "
            "topsis, vikor, promethee_ii (did you mean 'topsis'?)",
        ),
        (
            ("defaults",),
            {"distribution": "lognormal"},
            "defaults.distribution: 'lognormal' is not one of triangular, pert",
        ),
        (("currency",), "euro", "currency: currency 'euro' must be a 3-letter ISO 4217 code"),
        (
            ("options", 0, "id"),
            "my option",
            "options[0].id: id 'my option' must start with a letter or '_'",
        ),
        (("options", 0, "id"), "v1.2", "(no spaces or dots)"),
    ],
)
def test_wrong_types_and_values(valid_data, path, value, expected):
    node = valid_data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    found = messages(valid_data)
    assert any(expected in m for m in found), found


def test_yaml_booleans_are_explained(valid_data):
    valid_data["options"][0]["name"] = False  # `name: no` in YAML
    assert "YAML reads yes/no/on/off as true/false; quote it" in only(valid_data)


@pytest.mark.parametrize(
    ("estimate", "rule"),
    [
        ([12, 10, 20], "min 12 > likely 10"),
        ([10, 30, 20], "likely 30 > max 20"),
        ({"distribution": "lognormal", "p10": 40, "p90": 30}, "p10 40 >= p90 30"),
        (-3, "-3 is negative: durations and costs must be >= 0"),
        ([-10, 0, 5], "negative min -10"),
        ({"distribution": "lognorm", "p10": 1, "p90": 2}, "(did you mean 'lognormal'?)"),
    ],
)
def test_estimate_rules_name_the_estimate(valid_data, estimate, rule):
    valid_data["options"][1]["tasks"][1]["duration"] = estimate
    message = only(valid_data)
    assert message.startswith("options[1].tasks[1].duration")
    assert rule in message


def test_negative_costs_risks_and_run_costs(valid_data):
    valid_data["options"][0]["tasks"][0]["cost"] = [-1, 2, 3]
    valid_data["options"][0]["risks"][0]["delay"] = -4
    valid_data["options"][0]["run_cost_per_year"] = -100
    valid_data["legacy_run_cost_per_year"] = [-5, 1, 2]
    found = messages(valid_data)
    assert any(m.startswith("options[0].tasks[0].cost: negative min -1") for m in found)
    assert any(m.startswith("options[0].risks[0].delay: -4 is negative") for m in found)
    assert any(m.startswith("options[0].run_cost_per_year: -100 is negative") for m in found)
    assert any(m.startswith("legacy_run_cost_per_year: negative min -5") for m in found)


def test_negative_lag_is_refused(valid_data):
    valid_data["options"][0]["tasks"][2]["after"] = [{"task": "migration", "lag": -2}]
    assert "options[0].tasks[2].after[0].lag: -2 is negative" in only(valid_data)


@pytest.mark.parametrize("p", [-0.1, 1.5])
def test_probability_outside_0_1(valid_data, p):
    valid_data["options"][0]["risks"][0]["probability"] = p
    assert only(valid_data) == (
        f"options[0].risks[0].probability: probability {p:g} is outside [0, 1]"
    )


def test_mitigated_probability_outside_0_1(valid_data):
    valid_data["options"][0]["risks"][0]["mitigation"]["probability"] = 2
    assert only(valid_data) == (
        "options[0].risks[0].mitigation.probability: probability 2 is outside [0, 1]"
    )


def test_duplicate_ids(valid_data):
    valid_data["options"][1]["id"] = "saas"
    valid_data["options"][0]["tasks"][1]["id"] = "procurement"
    valid_data["options"][0]["risks"].append(dict(valid_data["options"][0]["risks"][0]))
    valid_data["criteria"][1]["id"] = "cost"
    found = messages(valid_data)
    assert "options[1].id: duplicate option id 'saas' (already used by options[0])" in found
    assert any(
        m.startswith("options[0].tasks[1].id: duplicate task id 'procurement'") for m in found
    )
    assert "options[0].risks[1].id: duplicate risk id 'appeal' (already used by risks[0])" in found
    assert "criteria[1].id: duplicate criterion id 'cost' (already used by criteria[0])" in found


def test_risk_and_task_sharing_an_id(valid_data):
    valid_data["options"][0]["risks"][0]["id"] = "migration"
    assert "risk id 'migration' is also a task id" in only(valid_data)


def test_after_that_names_no_task(valid_data):
    valid_data["options"][0]["tasks"][1]["after"] = ["procurment"]
    assert only(valid_data) == (
        "options[0].tasks[1].after[0]: 'procurment' names no task of option 'saas' "
        "(did you mean 'procurement'?)"
    )


def test_task_after_itself(valid_data):
    valid_data["options"][0]["tasks"][1]["after"] = ["migration"]
    assert "task 'migration' cannot come after itself" in only(valid_data)


def test_dependency_cycle_names_its_tasks(valid_data):
    valid_data["options"][0]["tasks"][0]["after"] = ["go_live"]
    message = only(valid_data)
    assert message.startswith("options[0].tasks: dependency cycle: ")
    assert "procurement -> migration -> go_live -> procurement" in message


def test_two_cycles_are_both_reported(valid_data):
    tasks = valid_data["options"][1]["tasks"]
    tasks[0]["after"] = ["dev"]
    tasks.extend(
        [{"id": "a", "duration": 1, "after": ["b"]}, {"id": "b", "duration": 1, "after": ["a"]}]
    )
    cycles = [m for m in messages(valid_data) if "dependency cycle" in m]
    assert len(cycles) == 2
    assert any("design -> dev -> design" in m for m in cycles)
    assert any("a -> b -> a" in m for m in cycles)


def test_risk_on_an_unknown_task(valid_data):
    valid_data["options"][0]["risks"][0]["task"] = "migraton"
    assert only(valid_data) == (
        "options[0].risks[0].task: 'migraton' names no task of option 'saas' "
        "(did you mean 'migration'?)"
    )


def test_go_live_on_an_unknown_task(valid_data):
    valid_data["options"][0]["go_live"] = "golive"
    assert "options[0].go_live: 'golive' names no task" in only(valid_data)


def test_correlation_naming_no_estimate(valid_data):
    valid_data["options"][0]["correlations"] = [["migration.duraton", "procurement.cost", 0.3]]
    message = only(valid_data)
    assert message.startswith(
        "options[0].correlations[0]: 'migration.duraton' names no estimate "
        "(did you mean 'migration.duration'?)"
    )


@pytest.mark.parametrize("rho", [1.2, -1.01])
def test_correlation_outside_minus_one_one(valid_data, rho):
    valid_data["options"][0]["correlations"][0][2] = rho
    assert only(valid_data) == f"options[0].correlations[0].rho: |rho| must be <= 1, got {rho:g}"


def test_correlation_forms_and_pairs(valid_data):
    valid_data["options"][0]["correlations"] = [
        {"between": ["migration.cost", "appeal.cost"], "rho": 0.2},
        ["appeal.cost", "migration.cost", 0.4],
        ["run_cost_per_year", "run_cost_per_year", 0.4],
        ["migration.cost", "legacy_run_cost_per_year", -0.3],
    ]
    found = messages(valid_data)
    assert found == [
        "options[0].correlations[1]: pair 'appeal.cost', 'migration.cost' is given twice "
        "(also [0])",
        "options[0].correlations[2]: 'run_cost_per_year' is correlated with itself",
    ]


def test_criterion_from_that_names_nothing(valid_data):
    valid_data["criteria"][0]["from"] = "tco.p800"
    valid_data["criteria"][1]["from"] = "finsh.p80"
    valid_data["criteria"][2]["from"] = "scores.valeur"
    found = messages(valid_data)
    assert any(
        m.startswith("criteria[0].from: 'tco.p800': 'p800' is not a statistic") for m in found
    )
    assert any(
        m.startswith("criteria[1].from: 'finsh.p80' names nothing (did you mean 'finish'?)")
        for m in found
    )
    assert "criteria[2].from: 'scores.valeur': options[0] (saas) has no score 'valeur'" in found


def test_criterion_needing_a_block_the_options_lack(valid_data):
    valid_data["criteria"][0]["from"] = "footprint.total.p80"
    valid_data["options"][0]["footprint"] = {"devices": []}  # an empty inventory is a block
    assert only(valid_data) == (
        "criteria[0].from: 'footprint.total.p80' needs the footprint block on every option; "
        "missing on options[1] (build)"
    )


def test_negative_weight(valid_data):
    valid_data["criteria"][1]["weight"] = -0.2
    assert only(valid_data) == "criteria[1].weight: -0.2 is negative: must be >= 0"


def test_all_weights_zero(valid_data):
    for c in valid_data["criteria"]:
        c["weight"] = 0
    assert only(valid_data) == (
        "criteria: all weights are zero: give at least one criterion a weight > 0"
    )


def test_empty_option_list_and_empty_task_list(valid_data):
    valid_data["options"] = []
    assert only(valid_data) == (
        "options: the option list is empty: a case needs at least one option"
    )


def test_option_without_tasks(valid_data):
    valid_data["options"][1]["tasks"] = []
    assert only(valid_data) == "options[1].tasks: an option needs at least one task"


def test_every_problem_is_reported_at_once(valid_data):
    valid_data["horizon_years"] = 0
    valid_data["options"][0]["tasks"][0]["duration"] = [5, 3, 1]
    valid_data["options"][0]["risks"][0]["probability"] = 3
    valid_data["options"][1]["tasks"][1]["after"] = ["nowhere"]
    valid_data["criteria"][2]["direction"] = "up"
    found = messages(valid_data)
    assert len(found) == 5, found
    assert "options[0].tasks[0].duration: min 5 > likely 3; likely 3 > max 1" in found


def test_top_level_must_be_a_mapping():
    assert [e.rule for e in problems([1, 2])] == [
        "the file must hold a mapping (key: value) at the top level; got list"
    ]
    assert "the file is empty" in problems(None)[0].rule


# -- positions in files ----------------------------------------------------------------------


def test_yaml_errors_carry_line_numbers(case_file):
    text = VALID_YAML.replace("probability: 0.15", "probability: 1.15").replace(
        "duration: [40, 60, 90]", "duration: [40, 30, 90]"
    )
    with pytest.raises(dk.CaseErrors) as info:
        dk.load_case(case_file(text))
    lines = text.splitlines()
    by_path = {e.path: e for e in info.value.errors}
    prob = by_path["options[0].risks[0].probability"]
    assert "probability: 1.15" in lines[int(prob.location) - 1]
    dur = by_path["options[1].tasks[0].duration"]
    assert "duration: [40, 30, 90]" in lines[int(dur.location) - 1]
    assert str(prob).startswith(f"{case_file(text)}:{prob.location}: options[0].risks[0]")


def test_yaml_missing_field_points_at_the_mapping(case_file):
    text = VALID_YAML.replace("        duration: [40, 60, 90]\n", "")
    assert text != VALID_YAML
    with pytest.raises(dk.CaseErrors) as info:
        dk.load_case(case_file(text))
    (err,) = info.value.errors
    assert err.rule == "missing required field 'duration'"
    assert "- id: design" in text.splitlines()[int(err.location) - 1]


def test_yaml_syntax_error_has_a_line(case_file):
    path = case_file("case: x\noptions: [\n  - id: a\n")
    with pytest.raises(dk.CaseErrors) as info:
        dk.load_case(path)
    (err,) = info.value.errors
    assert err.rule.startswith("YAML syntax:")
    assert err.location is not None


def test_yaml_duplicate_keys_are_reported(case_file):
    text = VALID_YAML.replace("horizon_years: 5\n", "horizon_years: 5\nhorizon_years: 7\n")
    with pytest.raises(dk.CaseErrors) as info:
        dk.load_case(case_file(text))
    (err,) = info.value.errors
    assert err.path == "horizon_years"
    assert err.rule == "duplicate key 'horizon_years' (only the last one would count)"
    assert err.location == "5"


def test_invalid_calendar_date(case_file):
    with pytest.raises(dk.CaseErrors) as info:
        dk.load_case(case_file(VALID_YAML.replace("2027-01-04", "2027-13-04")))
    (err,) = info.value.errors
    assert (err.path, err.location) == ("start", "3")
    assert "'2027-13-04' is not a valid date: month must be in 1..12" in err.rule


def test_json_cases_load_and_report_lines(case_file, valid_data):
    import json

    valid_data["start"] = "2027-01-04"
    good = dk.load_case(case_file(json.dumps(valid_data, indent=2), "case.json"))
    assert good == dk.parse_case(valid_data)
    valid_data["options"][0]["risks"][0]["probability"] = 7
    text = json.dumps(valid_data, indent=2)
    with pytest.raises(dk.CaseErrors) as info:
        dk.load_case(case_file(text, "bad.json"))
    (err,) = info.value.errors
    assert '"probability": 7' in text.splitlines()[int(err.location) - 1]


def test_json_syntax_error(case_file):
    with pytest.raises(dk.CaseErrors) as info:
        dk.load_case(case_file('{"case": "x",\n "options": [}', "bad.json"))
    (err,) = info.value.errors
    assert err.rule.startswith("JSON syntax:")
    assert err.location == "2"


def test_unsupported_suffix_and_missing_file(tmp_path):
    with pytest.raises(dk.CaseErrors, match=r"unsupported file type '\.txt'"):
        dk.load_case(tmp_path / "case.txt")
    with pytest.raises(FileNotFoundError, match="no such file"):
        dk.load_case(tmp_path / "missing.yaml")


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("case: Système\n".encode("latin-1"))
    with pytest.raises(dk.CaseErrors, match="not UTF-8"):
        dk.load_case(path)


def test_python_construction_checks_references_too(valid_data):
    valid_data["options"][0]["tasks"][1]["after"] = ["nowhere"]
    with pytest.raises(ValueError, match="'nowhere' names no task"):
        dk.Case.model_validate(valid_data)


def test_replace_validates_again(valid_data):
    case = dk.parse_case(valid_data)
    assert case.replace(horizon_years=8).horizon_years == 8
    assert case.replace(horizon_years=8).options == case.options
    with pytest.raises(ValueError, match="horizon_years 0 must be between 1 and 50"):
        case.replace(horizon_years=0)


def test_control_characters_in_text_are_refused(valid_data):
    valid_data["options"][0]["name"] = "SaaS\x1a"
    assert only(valid_data) == (
        "options[0].name: control character U+001A at position 4: remove it (spreadsheets and "
        "reports cannot hold it)"
    )


def test_unknown_key_with_nothing_close_lists_the_keys(valid_data):
    valid_data["options"][0]["risks"][0]["durée"] = 3
    assert only(valid_data) == (
        "options[0].risks[0].durée: unknown key 'durée'; expected one of id, name, probability, "
        "task, delay, cost, mitigation, owner, notes"
    )


def test_python_field_names_are_checked_like_file_names(valid_data):
    valid_data["criteria"][0]["source"] = valid_data["criteria"][0].pop("from") + "x"
    assert "'tco.p80x'" in only(valid_data)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("options", 0, "risks", 0, "probability"), "0.5"),
        (("options", 0, "risks", 0, "probability"), True),
        (("criteria", 0, "weight"), "0.5"),
        (("options", 0, "correlations", 0, 2), "0.5"),
        (("options", 0, "scores", "user_value"), True),
        (("horizon_years",), "5"),
        (("options", 0, "tasks", 0, "duration"), {"distribution": "uniform", "min": "1", "max": 2}),
    ],
)
def test_numbers_are_not_read_from_text_or_booleans(valid_data, path, value):
    node = valid_data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    assert "expected " in only(valid_data)


def test_predecessor_listed_twice(valid_data):
    valid_data["options"][0]["tasks"][2]["after"] = ["migration", "migration"]
    assert only(valid_data) == (
        "options[0].tasks[2].after[1]: 'migration' is listed twice in this task's 'after'"
    )


def test_negative_lognormal_p10_gets_one_message(valid_data):
    valid_data["options"][1]["tasks"][0]["duration"] = {
        "distribution": "lognormal",
        "p10": -1,
        "p90": 5,
    }
    assert only(valid_data).endswith("negative p10 -1: durations and costs must be >= 0")


def test_go_live_is_a_criterion_source(valid_data):
    valid_data["criteria"][1]["from"] = "go_live.p90"
    assert dk.parse_case(valid_data).criteria[1].source == "go_live.p90"


def test_long_text_is_refused_in_plain_words(valid_data):
    valid_data["options"][0]["name"] = "x" * 10_001
    assert only(valid_data) == "options[0].name: text of 10,001 characters: at most 10,000"
