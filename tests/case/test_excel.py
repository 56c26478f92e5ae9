"""The Excel form: lossless round trips, a commented template, errors that name the cell."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

import decisionkit as dk
from decisionkit.case.excel import CASE_ROWS, SHEETS
from decisionkit.case.writers import write_case, write_template


@pytest.fixture
def rich_case(valid_data):
    """The valid case plus every optional feature the workbook must carry."""
    valid_data["defaults"] = {"distribution": "triangular"}
    valid_data["holidays"] = "none"
    valid_data["description"] = "Un projet « exemplaire »; avec des; points-virgules"
    valid_data["team"] = [{"competence": "architecture", "level": 3, "fte": 1.0}]
    valid_data["sourcing"] = {"recruitment": {"lead_time": [40, 60, 120]}}
    valid_data["factors"] = {"server": [2_500, 3_660, 5_000]}
    valid_data["carbon_price"] = 250
    valid_data |= {"budget": 1_750_000.5, "budget_basis": "tco", "deadline": "2029-03-15"}
    valid_data["confidence"] = 0.85
    valid_data["options"][1] |= {"budget": 2_100_000, "deadline": "2029-06-29"}
    saas = valid_data["options"][0]
    saas["go_live"] = "go_live"
    saas["footprint"] = {
        "devices": [{"type": "laptop", "quantity": 40, "share": [0.01, 0.02, 0.05]}],
        "electricity": [0.05, 0.06, 0.1],
    }
    saas["eco_design"] = {"compliant": ["1.1", "1.10"], "not_applicable": "4.3, 5.1"}
    saas["skills"] = [{"competence": "B.1", "level": 3, "fte": 0.5}]
    saas["risks"][0]["mitigation"] = {
        "action_cost": [1_000, 2_000, 4_000],
        "probability": 0.05,
        "delay": {"distribution": "uniform", "min": 5, "max": 10},
        "cost": 3_000,
        "notes": "Sourcing préalable",
    }
    saas["risks"].append(
        {
            "id": "vendor",
            "probability": 0.3,
            "cost": {"distribution": "normal", "mean": 1e5, "sd": 2.5e4},
            "owner": "DSI",
        }
    )
    saas["tasks"][0]["notes"] = "Appel d'offres ouvert"
    saas["tasks"][0]["duration"] = {"distribution": "pert", "min": 60.5, "likely": 90, "max": 150}
    valid_data["criteria"][0]["unit"] = "EUR"
    valid_data["criteria"][0] |= {"preference": "linear", "q": 1000, "p": 25_000.5}
    valid_data["criteria"][1] |= {"preference": "gaussian", "s": 12}
    valid_data["normalization"] = "minmax"
    valid_data["vikor_v"] = 0.25
    return dk.parse_case(valid_data)


@pytest.mark.parametrize("suffix", [".xlsx", ".yaml", ".json"])
def test_round_trip_without_loss(rich_case, tmp_path, suffix):
    path = write_case(rich_case, tmp_path / f"case{suffix}")
    assert dk.load_case(path) == rich_case


def test_yaml_to_xlsx_and_back_is_identical(rich_case, tmp_path):
    first = write_case(rich_case, tmp_path / "a.yaml")
    xlsx = write_case(dk.load_case(first), tmp_path / "b.xlsx")
    again = write_case(dk.load_case(xlsx), tmp_path / "c.yaml")
    assert dk.load_case(again) == rich_case
    body = lambda p: p.read_text().split("\n", 1)[1]  # noqa: E731 (skip the header line)
    assert body(first) == body(again)


def test_workbook_has_a_sheet_per_table_with_commented_headers(rich_case, tmp_path):
    wb = load_workbook(write_case(rich_case, tmp_path / "case.xlsx"))
    assert wb.sheetnames == ["README", "case", *SHEETS]
    tasks = wb["tasks"]
    header = [c.value for c in tasks[1]]
    assert header == [c.name for c in SHEETS["tasks"]]
    assert all(c.comment is not None for c in tasks[1])
    assert tasks["D2"].value == "pert 60.5; 90; 150"  # not the default law (triangular) here
    assert wb["scores"]["B1"].value == "user_value"


def test_blank_template_has_dropdowns_and_no_data(tmp_path):
    path = write_template(tmp_path / "blank.xlsx")
    wb = load_workbook(path)
    assert wb["tasks"].max_row == 1
    case_fields = [wb["case"].cell(row=r, column=1).value for r in range(2, len(CASE_ROWS) + 2)]
    assert case_fields == [c.name for c in CASE_ROWS]
    lists = {
        sheet: [dv.formula1 for dv in wb[sheet].data_validations.dataValidation]
        for sheet in ("case", "tasks", "criteria", "risks")
    }
    assert '"pert,triangular"' in lists["case"]
    assert '"weighted_sum,weighted_product,topsis,vikor,promethee_ii"' in lists["case"]
    assert "=options!$A$2:$A$1000" in lists["tasks"]
    assert '"min,max"' in lists["criteria"]
    assert "0" in [dv.formula1 for dv in wb["risks"].data_validations.dataValidation]
    with pytest.raises(dk.CaseErrors) as info:
        dk.load_case(path)
    assert [(e.location, e.rule) for e in info.value.errors] == [
        ("case!B2", "missing required field 'case'"),
        ("options!A2", "the option list is empty: a case needs at least one option"),
    ]


def edit(path, sheet, cell, value):
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def errors_of(path):
    with pytest.raises(dk.CaseErrors) as info:
        dk.load_case(path)
    return {(e.location, e.path, e.rule) for e in info.value.errors}


@pytest.fixture
def xlsx(rich_case, tmp_path):
    return write_case(rich_case, tmp_path / "case.xlsx")


def test_an_estimate_rule_names_sheet_and_cell(xlsx):
    edit(xlsx, "tasks", "D3", "50; 40; 60")
    assert errors_of(xlsx) == {("tasks!D3", "options[0].tasks[1].duration", "min 50 > likely 40")}


def test_a_bad_cell_is_reported_once(xlsx):
    edit(xlsx, "tasks", "D3", "lognorm p10=1; p90=2")
    (err,) = errors_of(xlsx)
    assert err[0] == "tasks!D3"
    assert "unknown distribution 'lognorm' (did you mean 'lognormal'?)" in err[2]


def test_a_probability_typed_with_a_decimal_comma_is_read(xlsx, rich_case):
    edit(xlsx, "risks", "D2", "0,15")
    assert dk.load_case(xlsx) == rich_case


def test_probability_out_of_range_in_excel(xlsx):
    edit(xlsx, "risks", "D2", 1.5)
    assert errors_of(xlsx) == {
        ("risks!D2", "options[0].risks[0].probability", "probability 1.5 is outside [0, 1]")
    }


def test_unknown_column_suggests(xlsx):
    edit(xlsx, "tasks", "D1", "duraton")
    errs = errors_of(xlsx)
    assert ("tasks!D1", "", "unknown column 'duraton' (did you mean 'duration'?)") in errs


def test_row_for_an_unknown_option(xlsx):
    edit(xlsx, "tasks", "A3", "sas")
    errs = errors_of(xlsx)
    assert ("tasks!A3", "", "option 'sas' is not in the options sheet (did you mean 'saas'?)") in (
        errs
    )


def test_unknown_after_in_excel_names_the_cell(xlsx):
    edit(xlsx, "tasks", "G3", "procurment")
    assert errors_of(xlsx) == {
        (
            "tasks!G3",
            "options[0].tasks[1].after[0]",
            "'procurment' names no task of option 'saas' (did you mean 'procurement'?)",
        )
    }


def test_unknown_case_field(xlsx):
    edit(xlsx, "case", "A3", "organization")
    errs = errors_of(xlsx)
    assert ("case!A3", "", "unknown field 'organization' (did you mean 'organisation'?)") in errs


def test_misspelt_sheet_and_missing_sheets(xlsx, tmp_path):
    wb = load_workbook(xlsx)
    wb["risks"].title = "risk"
    wb.save(xlsx)
    errs = errors_of(xlsx)
    assert ("risk!A1", "", "unknown sheet 'risk' (did you mean 'risks'?)") in errs
    del wb["tasks"]
    wb.save(xlsx)
    assert any("missing sheet tasks" in rule for _, _, rule in errors_of(xlsx))


def test_not_a_workbook(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("hello")
    with pytest.raises(dk.CaseErrors, match=r"not an Excel \.xlsx workbook"):
        dk.load_case(path)


def test_invalid_json_cell(xlsx):
    edit(xlsx, "options", "I2", "{devices: [}")
    (err,) = errors_of(xlsx)
    assert err[:2] == ("options!I2", "options[0].footprint")
    assert err[2].startswith("invalid JSON")


def test_formulas_without_a_saved_result_are_reported(xlsx):
    edit(xlsx, "tasks", "E2", "=80000")  # openpyxl saves the formula, not its result
    errs = errors_of(xlsx)
    assert any(cell == "tasks!E2" and "has no saved result" in rule for cell, _, rule in errs)


def test_empty_and_csv_files_named_xlsx(tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(dk.CaseErrors, match="the file is empty"):
        dk.load_case(empty)
    csv = tmp_path / "data.xlsx"
    csv.write_text("id;name\nsaas;SaaS\n")
    with pytest.raises(dk.CaseErrors, match=r"a CSV or an old \.xls file"):
        dk.load_case(csv)


@pytest.mark.parametrize(("typed", "expected"), [(300, 300), ("fr-vac-2030", "fr-vac-2030")])
def test_carbon_price_cell_takes_a_number_or_an_id(xlsx, typed, expected):
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    ws = wb["case"]
    (row,) = [r for r in ws.iter_rows() if r[0].value == "carbon_price"]
    row[1].value = typed
    wb.save(xlsx)
    price = dk.load_case(xlsx).carbon_price
    assert price == expected if isinstance(price, str) else price.plan_value() == expected


def test_footprint_skills_and_team_have_their_own_sheets(rich_case, tmp_path):
    from openpyxl import load_workbook

    path = write_case(rich_case, tmp_path / "case.xlsx")
    wb = load_workbook(path)
    devices = [[c.value for c in row] for row in wb["devices"].iter_rows()]
    assert devices[0][:5] == ["option", "type", "name", "quantity", "share"]
    assert devices[1][:5] == ["saas", "laptop", None, 40, "0.01; 0.02; 0.05"]  # case default law
    skills = [[c.value for c in row] for row in wb["skills"].iter_rows(min_row=2)]
    assert skills == [["saas", "B.1", 3, 0.5, None, None, None, None, None]]
    team = [[c.value for c in row] for row in wb["team"].iter_rows(min_row=2)]
    assert team == [["architecture", 3, 1, None]]
    # a consultant types a need and an equipment line by hand
    ws = wb["skills"]
    ws.append(["saas", "A.5", "4", "1,5", None, "procurement; go_live", "oui", "recruit", "clé"])
    wb["equipment"].append(["saas", "server", "Serveurs", "2; 3; 4", None, 5, "non", 350])
    wb.save(path)
    case = dk.load_case(path)
    need = case.options[0].skills[1]
    assert (need.competence, need.level, need.fte, need.critical) == ("A.5", 4, 1.5, True)
    assert need.tasks == ("procurement", "go_live")
    line = case.options[0].footprint.equipment[0]
    assert (line.type, line.lifetime_years, line.reused) == ("server", 5, False)
    assert line.quantity.parameters == {"min": 2, "likely": 3, "max": 4}


def test_a_bad_yes_no_cell_is_named(xlsx):
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    wb["skills"]["G2"] = "peut-être"
    wb.save(xlsx)
    (err,) = errors_of(xlsx)
    assert err[:2] == ("skills!G2", "options[0].skills[0].critical")
    assert err[2].startswith("expected oui/non")


def test_a_broken_team_cell_is_reported_even_with_team_rows(xlsx):
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    ws = wb["case"]
    (row,) = [r for r in ws.iter_rows() if r[0].value == "team"]
    row[1].value = '{"C.4": 3}'
    wb.save(xlsx)
    errors = errors_of(xlsx)
    assert any(cell.startswith("case!B") and path == "team" for cell, path, _ in errors)
