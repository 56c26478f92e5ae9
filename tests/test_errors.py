import pickle

from decisionkit.errors import (
    CaseError,
    CaseErrors,
    DecisionKitError,
    Rule,
    rule,
    rule_message,
    rule_of,
    rules,
)


def test_case_error_names_file_line_path_and_rule():
    err = CaseError(
        "options[1].tasks[3].duration", "min 12 > likely 10", source="case.yaml", location="42"
    )
    assert str(err) == "case.yaml:42: options[1].tasks[3].duration: min 12 > likely 10"
    assert isinstance(err, ValueError)
    assert isinstance(err, DecisionKitError)


def test_case_error_without_location_or_path():
    assert str(CaseError("", "empty file", source="c.yaml")) == "c.yaml: empty file"


def test_case_errors_lists_every_problem():
    errs = CaseErrors([CaseError("a", "x", source="f.yaml"), CaseError("b", "y", source="f.yaml")])
    text = str(errs)
    assert text.splitlines()[0] == "2 problems in f.yaml:"
    assert "f.yaml: a: x" in text
    assert "f.yaml: b: y" in text


def test_errors_survive_pickling():
    errs = CaseErrors([CaseError("p", "rule", source="s.xlsx", location="tasks!C5")])
    back = pickle.loads(pickle.dumps(errs))
    assert isinstance(back, CaseErrors)
    assert str(back) == str(errs)
    assert back.errors[0].location == "tasks!C5"


def test_a_rule_is_its_english_text_with_its_message_id():
    r = rule("rule.estimate.min_gt_likely", min="12", likely="10")
    assert isinstance(r, Rule)
    assert r == "min 12 > likely 10"
    assert hash(r) == hash("min 12 > likely 10")
    assert type(str(r)) is str
    assert str(r) == "min 12 > likely 10"
    assert (r.key, r.params) == ("rule.estimate.min_gt_likely", {"min": "12", "likely": "10"})
    assert r.message("en") == "min 12 > likely 10"
    assert r.message("fr") == "la valeur minimale 12 dépasse la valeur la plus probable 10"


def test_a_rule_survives_pickling_inside_case_errors():
    hint = rule("rule.hint.did_you_mean", lead=" ", word="'duration'")
    errs = CaseErrors(
        [
            CaseError("tasks[0].duraton", rule("rule.key.unknown", key="'duraton'", hint=hint)),
            CaseError("", rule("rule.excel.missing_sheets", count=2, sheets="case, tasks")),
        ]
    )
    back = pickle.loads(pickle.dumps(errs))
    assert str(back) == str(errs)
    assert back.message("fr") == errs.message("fr")
    first = back.errors[0].rule
    assert isinstance(first, Rule)
    assert first.key == "rule.key.unknown"
    assert first == "unknown key 'duraton' (did you mean 'duration'?)"
    assert isinstance(first.params["hint"], Rule)
    assert back.errors[1].rule.message("fr").startswith("feuilles manquantes")


def test_message_in_english_is_str():
    r = rule("rule.value.probability", value="1.5")
    for err in (
        CaseError("risks[0].probability", r, source="c.yaml", location="7"),
        CaseError("", r, source="c.yaml"),
        CaseError("p", "plain text", source="c.xlsx", location="tasks!C5"),
    ):
        assert err.message() == err.message("en") == str(err)
    errs = CaseErrors([CaseError("a", r, source="f.yaml")])
    assert errs.message("en") == str(errs)


def test_message_in_french():
    r = rule("rule.value.probability", value="1.5")
    err = CaseError("risks[0].probability", r, source="c.yaml", location="7")
    assert err.message("fr") == (
        "c.yaml:7\u00a0: risks[0].probability\u00a0: "
        "la probabilité 1.5 n’est pas comprise entre 0 et 1"
    )
    errs = CaseErrors([err, CaseError("", "plain text", source="c.yaml")])
    assert errs.message("fr").splitlines() == [
        "2 problèmes dans c.yaml\u00a0:",
        f"  {err.message('fr')}",
        "  c.yaml\u00a0: plain text",
    ]
    assert CaseErrors([err]).message("fr").splitlines()[0] == "1 problème dans c.yaml\u00a0:"


def test_rules_joins_several_rules_into_one():
    a = rule("rule.estimate.min_gt_likely", min="12", likely="10")
    b = rule("rule.estimate.likely_gt_max", likely="10", max="8")
    both = rules([a, b])
    assert both == "min 12 > likely 10; likely 10 > max 8"
    assert both.message("fr") == (
        "la valeur minimale 12 dépasse la valeur la plus probable 10\u202f; "
        "la valeur la plus probable 10 dépasse la valeur maximale 8"
    )
    assert rules([a]) is a
    assert rules([]) == ""


def test_rule_of_keeps_the_rule_an_exception_was_raised_with():
    r = rule("rule.value.probability", value="2")
    assert rule_of(ValueError(r)) is r
    assert rule_of(ValueError("plain")) == "plain"
    assert rule_of(KeyError("k")) == "'k'"


def test_rule_rejects_an_unknown_message_or_parameter():
    import pytest

    with pytest.raises(KeyError):
        rule("rule.nope")
    with pytest.raises(ValueError, match="missing likely"):
        rule("rule.estimate.min_gt_likely", min="12")


def test_rule_message_says_a_rule_alone():
    r = rule("rule.case.no_tasks")
    assert rule_message(r, "fr") == "une option compte au moins une tâche"
    assert rule_message(r) == "an option needs at least one task"
    assert rule_message("plain text", "fr") == "plain text"
