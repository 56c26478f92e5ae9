"""Budget, deadline and confidence level: what a sponsor holds the project to (issue 9 §2)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

import decisionkit as dk
from decisionkit.case.writers import write_case, write_template
from decisionkit.resources import resource_text
from tests.conftest import VALID_YAML, messages

BETWEEN = "must be a fraction between 0.5 and 0.99"
TARGETS = "budget: 2_000_000\nbudget_basis: tco\ndeadline: 2029-03-15\nconfidence: 0.9\n"


def with_targets(text: str = VALID_YAML) -> str:
    """The valid case with case-level targets and the build option's own budget and deadline."""
    text = text.replace("horizon_years: 5\n", "horizon_years: 5\n" + TARGETS)
    return text.replace(
        "    name: Développement interne\n",
        "    name: Développement interne\n    budget: 1_500_000.5\n    deadline: 2029-06-29\n",
    )


def only(data) -> str:
    found = messages(data)
    assert len(found) == 1, found
    return found[0]


# -- valid values ----------------------------------------------------------------------------


def test_defaults_when_absent(valid_data):
    case = dk.parse_case(valid_data)
    assert (case.budget, case.budget_basis, case.deadline, case.confidence) == (
        None,
        "capex",
        None,
        0.8,
    )
    assert case.budget_for("saas") is None
    assert case.deadline_for("build") is None
    assert not {"budget", "budget_basis", "deadline", "confidence"} & set(case.to_data())


def test_targets_in_yaml_and_option_overrides(case_file):
    case = dk.load_case(case_file(with_targets()))
    assert case.budget == 2_000_000
    assert case.budget_basis == "tco"
    assert case.deadline == dt.date(2029, 3, 15)
    assert case.confidence == 0.9
    assert case.budget_for("saas") == 2_000_000  # the case's
    assert case.budget_for("build") == 1_500_000.5  # its own
    assert case.deadline_for("saas") == dt.date(2029, 3, 15)
    assert case.deadline_for("build") == dt.date(2029, 6, 29)
    with pytest.raises(KeyError):
        case.budget_for("nope")
    with pytest.raises(KeyError):
        case.deadline_for("nope")


def test_an_option_may_have_targets_the_case_lacks(valid_data):
    valid_data["options"][1] |= {"budget": 900_000, "deadline": "2028-12-29"}
    case = dk.parse_case(valid_data)
    assert (case.budget_for("saas"), case.budget_for("build")) == (None, 900_000)
    assert (case.deadline_for("saas"), case.deadline_for("build")) == (None, dt.date(2028, 12, 29))


def test_targets_in_json(case_file, valid_data):
    valid_data |= {
        "start": "2027-01-04",
        "budget": 2_000_000,
        "budget_basis": "tco",
        "deadline": "2029-03-15",
        "confidence": 0.5,
    }
    valid_data["options"][1]["deadline"] = "2029-06-29"
    case = dk.load_case(case_file(json.dumps(valid_data, indent=2), "case.json"))
    assert case.deadline == dt.date(2029, 3, 15)
    assert case.deadline_for("build") == dt.date(2029, 6, 29)
    assert (case.budget, case.budget_basis, case.confidence) == (2_000_000, "tco", 0.5)


def test_confidence_bounds_are_allowed(valid_data):
    for level in (0.5, 0.99):
        assert dk.parse_case(valid_data | {"confidence": level}).confidence == level


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".xlsx"])
def test_targets_round_trip(case_file, tmp_path, suffix):
    case = dk.load_case(case_file(with_targets()))
    assert dk.load_case(write_case(case, tmp_path / f"again{suffix}")) == case


def test_targets_do_not_change_the_risk_fingerprint(valid_data):
    plain = dk.parse_case(valid_data)
    valid_data |= {"budget": 1e6, "budget_basis": "tco", "deadline": "2029-01-31"}
    valid_data["confidence"] = 0.95
    valid_data["options"][0] |= {"budget": 5e5, "deadline": "2028-06-30"}
    targeted = dk.parse_case(valid_data)
    assert targeted != plain
    assert targeted.risk_fingerprint() == plain.risk_fingerprint()
    assert plain.replace(start="2027-02-01").risk_fingerprint() != plain.risk_fingerprint()


# -- each bad input, its own message -----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            ("budget",),
            -100_000,
            "budget: budget -100000 is negative: give the amount in the case currency",
        ),
        (
            ("budget",),
            0,
            "budget: budget 0 cannot be met by any option that costs something: leave budget out "
            "when there is none",
        ),
        (("budget",), "2 M€", "budget: expected a number, got '2 M€'"),
        (
            ("options", 1, "budget"),
            -1,
            "options[1].budget: budget -1 is negative: give the amount in the case currency",
        ),
        (
            ("confidence",),
            80,
            "confidence: confidence 80 must be a fraction between 0.5 and 0.99 (0.8 for 80 %)",
        ),
        (
            ("confidence",),
            1.2,
            "confidence: confidence 1.2 must be a fraction between 0.5 and 0.99",
        ),
        (
            ("confidence",),
            0.3,
            "confidence: confidence 0.3 must be a fraction between 0.5 and 0.99",
        ),
        (
            ("confidence",),
            1,
            "confidence: confidence 1 must be a fraction between 0.5 and 0.99",
        ),
        (
            ("budget_basis",),
            "opex",
            "budget_basis: 'opex' is not one of capex, tco (did you mean 'capex'?)",
        ),
        (
            ("deadline",),
            "2026-12-31",
            "deadline: deadline 2026-12-31 must be after start 2027-01-04",
        ),
        (
            ("deadline",),
            dt.date(2027, 1, 4),
            "deadline: deadline 2027-01-04 must be after start 2027-01-04",
        ),
        (
            ("options", 1, "deadline"),
            "2026-06-30",
            "options[1].deadline: deadline 2026-06-30 must be after start 2027-01-04",
        ),
        (("deadline",), "fin 2029", "deadline: expected a date (YYYY-MM-DD), got 'fin 2029'"),
        (
            ("deadline",),
            dt.datetime(2029, 3, 15, 17, 30),
            "deadline: expected a date without a time of day, got 2029-03-15T17:30:00",
        ),
        (
            ("budjet",),
            1_000_000,
            "budjet: unknown key 'budjet' (did you mean 'budget'?)",
        ),
        (
            ("options", 1, "dealine"),
            "2029-01-01",
            "options[1].dealine: unknown key 'dealine' (did you mean 'deadline'?)",
        ),
    ],
)
def test_each_bad_target_has_its_message(valid_data, path, value, expected):
    node = valid_data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    assert only(valid_data) == expected


@pytest.mark.parametrize("where", [(), ("options", 1)])
def test_a_deadline_needs_a_start(valid_data, where):
    del valid_data["start"]
    node = valid_data
    for part in where:
        node = node[part]
    node["deadline"] = "2029-03-15"
    prefix = "options[1]." if where else ""
    assert only(valid_data) == (
        f"{prefix}deadline: deadline 2029-03-15 needs a start date: set start (YYYY-MM-DD) so "
        "that go-live dates can be computed"
    )


def test_a_broken_start_does_not_add_a_deadline_message(valid_data):
    valid_data |= {"start": "bientôt", "deadline": "2029-03-15"}
    assert only(valid_data) == "start: expected a date (YYYY-MM-DD), got 'bientôt'"


def test_python_construction_checks_deadlines_too(valid_data):
    valid_data["deadline"] = "2026-01-05"
    with pytest.raises(ValueError, match=r"deadline: deadline 2026-01-05 must be after start"):
        dk.Case.model_validate(valid_data)


def test_yaml_target_errors_carry_their_line(case_file):
    text = with_targets().replace("deadline: 2029-06-29", "deadline: 2026-06-29")
    text = text.replace("confidence: 0.9", "confidence: 80")
    with pytest.raises(dk.CaseErrors) as info:
        dk.load_case(case_file(text))
    lines = text.splitlines()
    found = {e.path: (lines[int(e.location) - 1].strip(), e.rule) for e in info.value.errors}
    assert found == {
        "confidence": (
            "confidence: 80",
            "confidence 80 must be a fraction between 0.5 and 0.99 (0.8 for 80 %)",
        ),
        "options[1].deadline": (
            "deadline: 2026-06-29",
            "deadline 2026-06-29 must be after start 2027-01-04",
        ),
    }


# -- Excel ---------------------------------------------------------------------------------------


@pytest.fixture
def xlsx(case_file, tmp_path):
    return write_case(dk.load_case(case_file(with_targets())), tmp_path / "case.xlsx")


def cell_of(ws, field: str) -> str:
    """The value cell of a row of the case sheet."""
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == field)
    return f"B{row}"


def header_letter(ws, name: str) -> str:
    return next(c.column_letter for c in ws[1] if c.value == name)


def test_excel_cells_rows_columns_and_dropdown(xlsx):
    wb = load_workbook(xlsx)
    case, options = wb["case"], wb["options"]
    assert case[cell_of(case, "budget")].value == 2_000_000
    assert case[cell_of(case, "budget_basis")].value == "tco"
    assert case[cell_of(case, "deadline")].value == dt.datetime(2029, 3, 15)
    assert case[cell_of(case, "deadline")].number_format == "yyyy-mm-dd"
    assert case[cell_of(case, "confidence")].value == 0.9
    budget, deadline = header_letter(options, "budget"), header_letter(options, "deadline")
    assert options[f"{budget}2"].value is None  # saas: the case's
    assert options[f"{budget}3"].value == 1_500_000.5
    assert options[f"{deadline}3"].value == dt.datetime(2029, 6, 29)
    assert options[f"{deadline}3"].number_format == "yyyy-mm-dd"
    for name in ("budget", "deadline"):
        comment = options[f"{header_letter(options, name)}1"].comment.text
        assert "vide = " in comment
        assert "empty: the case's" in comment
    lists = [dv.formula1 for dv in case.data_validations.dataValidation]
    assert '"capex,tco"' in lists
    readme = " ".join(str(c.value) for c in wb["README"]["A"] if c.value)
    assert "budget_basis" in readme
    assert "confidence" in readme


def test_blank_workbook_offers_the_target_rows(tmp_path):
    wb = load_workbook(write_template(tmp_path / "blank.xlsx"))
    ws = wb["case"]
    assert ws[cell_of(ws, "budget")].value is None
    assert ws[cell_of(ws, "deadline")].value is None
    assert ws[cell_of(ws, "budget_basis")].value == "capex"
    assert ws[cell_of(ws, "confidence")].value == 0.8
    help_text = ws[cell_of(ws, "confidence").replace("B", "C")].value
    assert "0,8 par défaut" in help_text
    assert "0.8 by default" in help_text


def edit(path, sheet, cell, value):
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def errors_of(path):
    with pytest.raises(dk.CaseErrors) as info:
        dk.load_case(path)
    return {(e.location, e.path, e.rule) for e in info.value.errors}


def test_excel_dates_typed_as_text_or_dates_are_read(xlsx):
    before = dk.load_case(xlsx)
    ws = load_workbook(xlsx)["case"]
    edit(xlsx, "case", cell_of(ws, "deadline"), "2029-03-15")
    edit(xlsx, "case", cell_of(ws, "budget"), "2 000 000")
    assert dk.load_case(xlsx) == before


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("confidence", 80, "confidence 80 must be a fraction between 0.5 and 0.99 (0.8 for 80 %)"),
        ("budget", -5, "budget -5 is negative: give the amount in the case currency"),
        ("budget_basis", "opex", "'opex' is not one of capex, tco (did you mean 'capex'?)"),
        (
            "deadline",
            dt.datetime(2026, 12, 31),
            "deadline 2026-12-31 must be after start 2027-01-04",
        ),
        (
            "deadline",
            dt.datetime(2029, 3, 15, 9, 0),
            "expected a date without a time of day, got 2029-03-15T09:00:00",
        ),
    ],
)
def test_excel_case_sheet_errors_name_the_cell(xlsx, field, value, rule):
    cell = cell_of(load_workbook(xlsx)["case"], field)
    edit(xlsx, "case", cell, value)
    assert errors_of(xlsx) == {(f"case!{cell}", field, rule)}


def test_excel_option_deadline_error_names_the_cell(xlsx):
    letter = header_letter(load_workbook(xlsx)["options"], "deadline")
    edit(xlsx, "options", f"{letter}3", dt.datetime(2026, 6, 30))
    assert errors_of(xlsx) == {
        (
            f"options!{letter}3",
            "options[1].deadline",
            "deadline 2026-06-30 must be after start 2027-01-04",
        )
    }


# -- the starter case ----------------------------------------------------------------------------


def test_starter_case_shows_the_targets_commented(tmp_path):
    text = resource_text("templates", "case-template.yaml")
    for field in ("budget", "budget_basis", "deadline", "confidence"):
        assert f"\n# {field}: " in text, field
    assert "\n    # budget: " in text  # an option's own
    uncommented = text
    for field in ("budget", "budget_basis", "deadline", "confidence"):
        uncommented = uncommented.replace(f"\n# {field}: ", f"\n{field}: ")
    uncommented = uncommented.replace("\n    # budget: ", "\n    budget: ")
    path = tmp_path / "case.yaml"
    path.write_text(uncommented, encoding="utf-8")
    case = dk.load_case(path)
    assert case.budget is not None
    assert case.deadline is not None
    assert case.budget_for("build") != case.budget
