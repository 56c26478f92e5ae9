"""The Excel form of a case: one sheet per table, read and written without loss.

Sheets (row 1 holds the column names; each header cell carries a comment that explains it):

``case``          one row per field: ``field | value | help``
``options``       id, name, description, go_live, run_cost_per_year, budget, deadline, notes,
                  footprint (the block's own fields as JSON), eco_design (JSON), skills (``[]``
                  for none)
``tasks``         option, id, name, duration, cost, cost_per_day, after, notes
``risks``         option, id, name, probability, task, delay, cost, owner, notes and the
                  mitigation_* columns
``correlations``  option, estimate_a, estimate_b, rho
``skills``        option, competence, level, fte, tasks, critical, close_by, notes
``equipment``     option and the fields of a footprint line (also ``energy``, ``cloud``,
                  ``network``, ``devices``)
``team``          competence, level, fte, notes
``scores``        option, then one column per expert score
``criteria``      id, name, from, direction, weight, unit, notes

Estimates and ``after`` lists use the one-cell grammar of :mod:`decisionkit.case.cells`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from decisionkit.case.cells import (
    parse_after,
    parse_estimate,
    parse_number,
)
from decisionkit.case.excel_layout import (
    CASE_ROWS,
    FOOTPRINT_SHEETS,
    README,
    REQUIRED_SHEETS,
    SHEETS,
    Column,
)
from decisionkit.case.excel_write import workbook
from decisionkit.case.paths import Loc, suggest
from decisionkit.errors import CaseError, CaseErrors, rule, rule_of

if TYPE_CHECKING:
    pass

__all__ = ["CASE_ROWS", "SHEETS", "read_workbook", "workbook"]


# -- reading ------------------------------------------------------------------------------------


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.cells: dict[Loc, str] = {}
        self.problems: list[CaseError] = []

    def problem(self, cell: str, path: str, said: str) -> None:
        self.problems.append(CaseError(path, said, source=self.source, location=cell))

    def convert(self, column: Column, value: Any, cell: str, loc: Loc) -> tuple[bool, Any]:
        from decisionkit.case.paths import format_path

        try:
            return True, _convert(column.kind, value)
        except ValueError as exc:
            self.problem(cell, format_path(loc), rule_of(exc))
            return False, None


def _convert(kind: str, value: Any) -> Any:
    if kind == "estimate":
        return parse_estimate(value)
    if kind == "after":
        return parse_after(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in _YES or word in _NO:
            return word in _YES
        raise ValueError(rule("rule.cell.bool", value=repr(value)))
    if kind == "list":
        return [part.strip() for part in re.split(r"[;,]", str(value)) if part.strip()]
    if kind == "factor":  # a number, an estimate in one cell, or a factor id
        if isinstance(value, str) and re.fullmatch(r"[A-Za-z][\w.-]*", value.strip()):
            return value.strip()
        return parse_estimate(value)
    if kind in ("number", "int"):
        number = parse_number(value) if isinstance(value, str) else value
        if kind == "int" and isinstance(number, float) and number.is_integer():
            return int(number)
        return number
    if kind == "json":
        if not isinstance(value, str):
            raise ValueError(rule("rule.cell.json_text"))
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            said = rule("rule.cell.json", problem=exc.msg, position=str(exc.pos))
            raise ValueError(said) from None
    if kind == "date":
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date()
        return value
    if kind == "prose":
        return value if isinstance(value, str) else str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if not isinstance(value, str) else value.strip()


_YES = ("oui", "o", "yes", "y", "true", "vrai", "1", "x")
_NO = ("non", "n", "no", "false", "faux", "0")


def _blank(value: Any) -> bool:
    return value is None or value == ""


def read_workbook(path: str | Path) -> tuple[dict[str, Any], dict[Loc, str], list[CaseError]]:
    """Read a case workbook into plain case data.

    Returns
    -------
    data, cells, problems
        The case data (as a YAML file would give it), the cell of each location (``tasks!D5``)
        and the problems found while reading (bad cells, unknown columns or options).
    """
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    source = str(path)
    try:
        wb = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise FileNotFoundError(f"{source}: no such file") from None
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        size = Path(path).stat().st_size if Path(path).exists() else -1
        why = (
            rule("rule.excel.empty") if size == 0 else rule("rule.excel.not_xlsx", reason=str(exc))
        )
        raise CaseErrors([CaseError("", why, source=source)]) from None
    reader = _Reader(source)
    _unsaved_formulas(path, wb, reader)
    known = (*SHEETS, "case", README)
    for name in wb.sheetnames:
        if name not in known:
            hint = suggest(name, known)
            if hint:
                reader.problem(
                    f"{name}!A1", "", rule("rule.excel.unknown_sheet", sheet=repr(name), hint=hint)
                )
    missing = [s for s in REQUIRED_SHEETS if s not in wb.sheetnames]
    if missing:
        raise CaseErrors(
            [
                *reader.problems,
                CaseError(
                    "",
                    rule(
                        "rule.excel.missing_sheets", count=len(missing), sheets=", ".join(missing)
                    ),
                    source=source,
                ),
            ]
        )
    data = _read_case_sheet(wb["case"], reader)
    options: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for row, values in _rows(wb["options"], SHEETS["options"], reader, lambda r: None):
        i = len(options)
        loc: Loc = ("options", i)
        option = _record(values, SHEETS["options"], "options", row, loc, reader)
        options.append(option)
        if isinstance(option.get("id"), str):
            index.setdefault(option["id"], i)
    data["options"] = options
    reader.cells.setdefault(("options",), "options!A2")
    for sheet in ("tasks", "risks", "correlations", "skills", *FOOTPRINT_SHEETS):
        if sheet in wb.sheetnames:
            _read_child_sheet(wb[sheet], sheet, options, index, reader)
    if "team" in wb.sheetnames and (data.get("team") is None or isinstance(data["team"], list)):
        team = data.get("team") or []  # a broken team cell is reported by validation
        for row, values in _rows(wb["team"], SHEETS["team"], reader, None):
            loc = ("team", len(team))
            team.append(_record(values, SHEETS["team"], "team", row, loc, reader))
        if team:
            data["team"] = team
    if "scores" in wb.sheetnames:
        _read_scores(wb["scores"], options, index, reader)
    if "criteria" in wb.sheetnames:
        criteria = []
        for row, values in _rows(wb["criteria"], SHEETS["criteria"], reader, lambda r: None):
            loc = ("criteria", len(criteria))
            criteria.append(_record(values, SHEETS["criteria"], "criteria", row, loc, reader))
        if criteria:
            data["criteria"] = criteria
    return data, reader.cells, reader.problems


def _unsaved_formulas(path: str | Path, values: Any, reader: _Reader) -> None:
    """Report formulas whose result was never saved (files written by a script, not Excel)."""
    from openpyxl import load_workbook

    formulas = load_workbook(path, data_only=False)
    for name in formulas.sheetnames:
        if name not in (*SHEETS, "case"):
            continue
        for row in formulas[name].iter_rows():
            for cell in row:
                if cell.data_type == "f" and values[name][cell.coordinate].value is None:
                    reader.problem(
                        f"{name}!{cell.coordinate}",
                        "",
                        rule("rule.excel.formula", formula=str(cell.value)),
                    )


def _header(ws: Any, columns: tuple[Column, ...], reader: _Reader, free: bool) -> dict[int, str]:
    names = [c.name for c in columns]
    header: dict[int, str] = {}
    for cell in ws[1]:
        if _blank(cell.value):
            continue
        name = str(cell.value).strip()
        if name in names or free:
            header[cell.column] = name
        else:
            reader.problem(
                f"{ws.title}!{cell.coordinate}",
                "",
                rule("rule.excel.unknown_column", column=repr(name), hint=suggest(name, names)),
            )
    return header


def _rows(ws: Any, columns: tuple[Column, ...], reader: _Reader, _: Any, *, free: bool = False):
    """Yield (row number, {column name: (value, cell)}) for each non-empty data row."""
    header = _header(ws, columns, reader, free)
    for row in ws.iter_rows(min_row=2):
        values = {
            header[c.column]: (c.value, f"{ws.title}!{c.coordinate}")
            for c in row
            if c.column in header and not _blank(c.value)
        }
        if values:
            yield row[0].row, values


def _record(
    values: dict[str, tuple[Any, str]],
    columns: tuple[Column, ...],
    sheet: str,
    row: int,
    loc: Loc,
    reader: _Reader,
) -> dict[str, Any]:
    reader.cells.setdefault(loc, f"{sheet}!A{row}")
    kinds = {c.name: c for c in columns}
    out: dict[str, Any] = {}
    for name, (value, cell) in values.items():
        if name == "option":
            continue
        key: Loc = (*loc, name)
        reader.cells[key] = cell
        ok, converted = reader.convert(kinds[name], value, cell, key)
        out[name] = converted if ok else value
    return out


def _read_case_sheet(ws: Any, reader: _Reader) -> dict[str, Any]:
    rows = {c.name: c for c in CASE_ROWS}
    data: dict[str, Any] = {}
    for row in ws.iter_rows(min_row=1):
        if not row or _blank(row[0].value):
            continue
        field = str(row[0].value).strip()
        if row[0].row == 1 and field == "field":
            continue
        value = row[1].value if len(row) > 1 else None
        cell = f"case!{row[1].coordinate}" if len(row) > 1 else f"case!A{row[0].row}"
        if field not in rows:
            reader.problem(
                f"case!{row[0].coordinate}",
                "",
                rule(
                    "rule.excel.unknown_field", field=repr(field), hint=suggest(field, list(rows))
                ),
            )
            continue
        loc: Loc = ("defaults", "distribution") if field == "default_distribution" else (field,)
        reader.cells[loc] = cell
        if _blank(value):
            continue
        ok, converted = reader.convert(rows[field], value, cell, loc)
        converted = converted if ok else value
        if field == "default_distribution":
            data["defaults"] = {"distribution": converted}
        else:
            data[field] = converted
    return data


def _owner(
    values: dict[str, tuple[Any, str]], sheet: str, row: int, index: dict[str, int], reader: _Reader
) -> int | None:
    value, cell = values.get("option", (None, f"{sheet}!A{row}"))
    name = "" if value is None else str(value).strip()
    if not name:
        reader.problem(cell, "", rule("rule.excel.no_option"))
        return None
    if name not in index:
        hint = suggest(name, list(index))
        reader.problem(cell, "", rule("rule.excel.unknown_option", option=repr(name), hint=hint))
        return None
    return index[name]


def _read_child_sheet(
    ws: Any, sheet: str, options: list[dict[str, Any]], index: dict[str, int], reader: _Reader
) -> None:
    columns = SHEETS[sheet]
    for row, values in _rows(ws, columns, reader, None):
        i = _owner(values, sheet, row, index, reader)
        if i is None:
            continue
        option = options[i]
        if sheet == "correlations":
            items = option.setdefault("correlations", [])
            loc: Loc = ("options", i, "correlations", len(items))
            rec = _record(values, columns, sheet, row, loc, reader)
            items.append([rec.get("estimate_a"), rec.get("estimate_b"), rec.get("rho")])
            continue
        items, path = _items(option, sheet)
        if items is None:
            continue  # the options sheet's JSON for this block is broken: reported there
        loc = ("options", i, *path, len(items))
        rec = _record(values, columns, sheet, row, loc, reader)
        if sheet == "risks":
            mitigation = {
                k.removeprefix("mitigation_"): rec.pop(k)
                for k in list(rec)
                if k.startswith("mitigation_")
            }
            for k in mitigation:
                reader.cells[(*loc, "mitigation", k)] = reader.cells.pop((*loc, f"mitigation_{k}"))
            if mitigation:
                rec["mitigation"] = mitigation
        items.append(rec)


def _items(option: dict[str, Any], sheet: str) -> tuple[list[Any] | None, Loc]:
    """The list a row of ``sheet`` goes to in ``option`` (footprint lines, skills...)."""
    if sheet in FOOTPRINT_SHEETS:
        block = option.get("footprint")
        if block is None:
            block = option["footprint"] = {}
        if not isinstance(block, dict):
            return None, ()
        items = block.setdefault(sheet, [])
        return (items if isinstance(items, list) else None), ("footprint", sheet)
    items = option.get(sheet)
    if items is None:
        items = option[sheet] = []
    return (items if isinstance(items, list) else None), (sheet,)


def _read_scores(
    ws: Any, options: list[dict[str, Any]], index: dict[str, int], reader: _Reader
) -> None:
    for row, values in _rows(ws, SHEETS["scores"], reader, None, free=True):
        i = _owner(values, "scores", row, index, reader)
        if i is None:
            continue
        scores = options[i].setdefault("scores", {})
        for name, (value, cell) in values.items():
            if name == "option":
                continue
            loc: Loc = ("options", i, "scores", name)
            reader.cells[loc] = cell
            ok, converted = reader.convert(Column(name, "number", ""), value, cell, loc)
            scores[name] = converted if ok else value


# -- writing --------------------------------------------------------------------------------------
