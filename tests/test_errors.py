import pickle

from decisionkit.errors import CaseError, CaseErrors, DecisionKitError


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
