"""Writing the Excel form of a case (see :mod:`decisionkit.case.excel`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from decisionkit.case.cells import format_after, format_estimate
from decisionkit.case.excel_layout import (
    CASE_ROWS,
    FOOTPRINT_SHEETS,
    README,
    README_TEXT,
    SHEETS,
)
from decisionkit.case.serialise import to_plain

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook

    from decisionkit.case.model import Case

__all__ = ["workbook"]


def workbook(case: Case | None = None) -> Workbook:
    """Build the workbook of a case, or a blank commented template when ``case`` is None."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    readme = wb.active
    readme.title = README
    for r, line in enumerate(README_TEXT, start=1):
        readme.cell(row=r, column=1, value=line).alignment = Alignment(wrap_text=True)
    readme["A1"].font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 120
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")

    def head(ws: Any, names: list[str], helps: dict[str, str]) -> None:
        for c, name in enumerate(names, start=1):
            cell = ws.cell(row=1, column=c, value=name)
            cell.font, cell.fill = bold, fill
            if helps.get(name):
                cell.comment = Comment(helps[name], "decisionkit", width=320, height=110)
            ws.column_dimensions[cell.column_letter].width = max(12, min(40, len(name) + 6))
        ws.freeze_panes = "A2"

    def choose(ws: Any, ref: str, choices: tuple[str, ...] | str) -> None:
        formula = choices if isinstance(choices, str) else '"' + ",".join(choices) + '"'
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.error, dv.errorTitle = "Choisir dans la liste / pick from the list", "decisionkit"
        ws.add_data_validation(dv)
        dv.add(ref)

    default = case.defaults.distribution if case else "pert"
    rows = _case_rows(case)
    ws = wb.create_sheet("case")
    head(ws, ["field", "value", "help"], {"field": "Champ / field", "value": "Valeur / value"})
    ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 45, 90
    for r, column in enumerate(CASE_ROWS, start=2):
        ws.cell(row=r, column=1, value=column.name).font = bold
        value = rows.get(column.name)
        cell = _put(ws.cell(row=r, column=2), value)
        if column.kind == "date":
            cell.number_format = "yyyy-mm-dd"
        ws.cell(row=r, column=3, value=column.help)
        if column.choices:
            choose(ws, f"B{r}", column.choices)

    option_list = "=options!$A$2:$A$1000"
    for sheet, columns in SHEETS.items():
        ws = wb.create_sheet(sheet)
        records = _sheet_records(case, sheet, default)
        names = [c.name for c in columns]
        if sheet == "scores":
            names += sorted(
                {k for rec in records for k in rec} - {"option"}, key=_score_order(case)
            )
        head(ws, names, {c.name: c.help for c in columns})
        for r, rec in enumerate(records, start=2):
            for c, name in enumerate(names, start=1):
                value = rec.get(name)
                if value is not None:
                    _put(ws.cell(row=r, column=c), value)
        for c, column in enumerate(columns, start=1):
            letter = ws.cell(row=1, column=c).column_letter
            if column.choices:
                choose(ws, f"{letter}2:{letter}1000", column.choices)
            if column.kind == "date":
                for row in range(2, len(records) + 2):
                    ws[f"{letter}{row}"].number_format = "yyyy-mm-dd"
            if column.name == "option":
                choose(ws, f"{letter}2:{letter}1000", option_list)
            if column.name in ("probability", "mitigation_probability"):
                dv = DataValidation(
                    type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True
                )
                dv.error = "Une probabilité est entre 0 et 1 / a probability is within [0, 1]"
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}1000")
    return wb


def _put(cell: Any, value: Any) -> Any:
    """Write a value exactly and safely.

    Excel holds 15 significant digits, so longer floats go in as text; text that starts with
    ``=`` stays text (never a formula: no formula injection from a case file).
    """
    if isinstance(value, float) and float(f"{value:.15g}") != value:
        value = repr(value)
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def _score_order(case: Case | None) -> Any:
    order: dict[str, int] = {}
    for option in case.options if case else ():
        for name in option.scores:
            order.setdefault(name, len(order))
    return lambda name: order.get(name, len(order))


def _case_rows(case: Case | None) -> dict[str, Any]:
    if case is None:
        return {
            "currency": "EUR",
            "duration_unit": "days",
            "horizon_years": 5,
            "budget_basis": "capex",
            "confidence": 0.8,
            "default_distribution": "pert",
            "method": "topsis",
        }
    default = case.defaults.distribution
    return {
        "case": case.case,
        "organisation": case.organisation or None,
        "description": case.description or None,
        "currency": case.currency,
        "duration_unit": case.duration_unit,
        "start": case.start,
        "deadline": case.deadline,
        "holidays": case.holidays,
        "horizon_years": case.horizon_years,
        "legacy_run_cost_per_year": format_estimate(case.legacy_run_cost_per_year, default),
        "budget": case.budget,
        "budget_basis": case.budget_basis,
        "confidence": case.confidence,
        "default_distribution": default,
        "method": case.method,
        "normalization": case.normalization,
        "vikor_v": case.vikor_v,
        "notes": case.notes or None,
        "team": "[]" if case.team == () else None,  # rows: the team sheet
        "sourcing": _json(case.sourcing, default),
        "competences": _json(case.competences, default),
        "legacy_footprint": _json(case.legacy_footprint, default),
        "factors": _json(case.factors or None, default),
        "embodied_allocation": case.embodied_allocation,
        "carbon_price": (
            case.carbon_price
            if isinstance(case.carbon_price, str) or case.carbon_price is None
            else format_estimate(case.carbon_price, default)
        ),
    }


def _json(value: Any, default: str) -> str | None:
    if value is None:
        return None
    return json.dumps(to_plain(value, default), ensure_ascii=False, default=str)


def _footprint_fields(block: Any, default: str) -> str | None:
    """The footprint block's own fields as JSON (its lines go to their sheets)."""
    if block is None:
        return None
    fields = {k: v for k, v in to_plain(block, default).items() if k not in FOOTPRINT_SHEETS}
    has_lines = any(getattr(block, sheet) for sheet in FOOTPRINT_SHEETS)
    if not fields and has_lines:
        return None  # the lines make the block
    return json.dumps(fields, ensure_ascii=False, default=str)


def _cells(item: Any, sheet: str, default: str, **extra: Any) -> dict[str, Any]:
    """A model as one row of ``sheet``: every column in its one-cell form, defaults left blank."""
    out: dict[str, Any] = dict(extra)
    for column in SHEETS[sheet]:
        if column.name in extra or not hasattr(item, column.name):
            continue
        value = getattr(item, column.name)
        field = type(item).model_fields[column.name]
        if not field.is_required() and value == field.get_default(call_default_factory=True):
            continue  # defaults stay blank
        if column.kind in ("estimate", "factor") and not isinstance(value, str):
            value = format_estimate(value, default)
        elif column.kind == "json":
            value = _json(value, default)
        elif column.kind == "bool":
            value = "oui"
        elif column.kind == "list":
            value = "; ".join(value)
        out[column.name] = value
    return out


def _sheet_records(case: Case | None, sheet: str, default: str) -> list[dict[str, Any]]:
    if case is None:
        return []
    if sheet == "team":
        return [_cells(t, sheet, default) for t in case.team or ()]
    if sheet == "skills":
        return [
            _cells(n, sheet, default, option=o.id) for o in case.options for n in o.skills or ()
        ]
    if sheet in FOOTPRINT_SHEETS:
        return [
            _cells(line, sheet, default, option=o.id)
            for o in case.options
            if o.footprint is not None
            for line in getattr(o.footprint, sheet)
        ]
    est = lambda e: format_estimate(e, default)  # noqa: E731
    text = lambda s: s or None  # noqa: E731
    out: list[dict[str, Any]] = []
    if sheet == "criteria":
        return [
            {
                "id": c.id,
                "name": text(c.name),
                "from": c.source,
                "direction": c.direction,
                "weight": c.weight,
                "unit": text(c.unit),
                "preference": c.preference,
                "q": c.q,
                "p": c.p,
                "s": c.s,
                "notes": text(c.notes),
            }
            for c in case.criteria
        ]
    for o in case.options:
        if sheet == "options":
            out.append(
                {
                    "id": o.id,
                    "name": text(o.name),
                    "description": text(o.description),
                    "go_live": o.go_live,
                    "run_cost_per_year": est(o.run_cost_per_year),
                    "budget": o.budget,
                    "deadline": o.deadline,
                    "notes": text(o.notes),
                    "footprint": _footprint_fields(o.footprint, default),
                    "eco_design": _json(o.eco_design, default),
                    "skills": "[]" if o.skills == () else None,  # rows: the skills sheet
                }
            )
        elif sheet == "tasks":
            out += [
                {
                    "option": o.id,
                    "id": t.id,
                    "name": text(t.name),
                    "duration": est(t.duration),
                    "cost": est(t.cost),
                    "cost_per_day": est(t.cost_per_day),
                    "after": format_after(t.after) or None,
                    "notes": text(t.notes),
                }
                for t in o.tasks
            ]
        elif sheet == "risks":
            for r in o.risks:
                m = r.mitigation
                rec = {
                    "option": o.id,
                    "id": r.id,
                    "name": text(r.name),
                    "probability": r.probability,
                    "task": r.task,
                    "delay": est(r.delay),
                    "cost": est(r.cost),
                    "owner": text(r.owner),
                    "notes": text(r.notes),
                }
                if m is not None:
                    rec |= {
                        "mitigation_action_cost": est(m.action_cost),
                        "mitigation_probability": m.probability,
                        "mitigation_delay": est(m.delay) if m.delay is not None else None,
                        "mitigation_cost": est(m.cost) if m.cost is not None else None,
                        "mitigation_owner": text(m.owner),
                        "mitigation_notes": text(m.notes),
                    }
                out.append(rec)
        elif sheet == "correlations":
            out += [
                {
                    "option": o.id,
                    "estimate_a": c.between[0],
                    "estimate_b": c.between[1],
                    "rho": c.rho,
                }
                for c in o.correlations
            ]
        elif sheet == "scores" and o.scores:
            out.append({"option": o.id, **o.scores})
    return out
