"""The Excel form of a case: one sheet per table, read and written without loss.

Sheets (row 1 holds the column names; each header cell carries a comment that explains it):

``case``          one row per field: ``field | value | help``
``options``       id, name, description, go_live, run_cost_per_year, notes, footprint,
                  eco_design, skills (the last three as JSON)
``tasks``         option, id, name, duration, cost, cost_per_day, after, notes
``risks``         option, id, name, probability, task, delay, cost, owner, notes and the
                  mitigation_* columns
``correlations``  option, estimate_a, estimate_b, rho
``scores``        option, then one column per expert score
``criteria``      id, name, from, direction, weight, unit, notes

Estimates and ``after`` lists use the one-cell grammar of :mod:`decisionkit.case.cells`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from decisionkit.case.cells import (
    format_after,
    format_estimate,
    parse_after,
    parse_estimate,
    parse_number,
)
from decisionkit.case.model import METHODS
from decisionkit.case.paths import Loc, suggest
from decisionkit.case.serialise import to_plain
from decisionkit.errors import CaseError, CaseErrors

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook

    from decisionkit.case.model import Case

__all__ = ["read_workbook", "workbook"]


@dataclass(frozen=True)
class Column:
    """A column of a sheet (or a row of the ``case`` sheet)."""

    name: str
    kind: str  # text (trimmed) | prose (verbatim) | number | int | estimate | after | json | date
    help: str
    choices: tuple[str, ...] = ()


_EST = "Nombre (valeur fixe), « min; probable; max » ou « loi paramètres » (ex. « lognormal p10=40; p90=140 »). Number, « min; likely; max » or « law params »."  # noqa: E501

CASE_ROWS = (
    Column("case", "prose", "Intitulé du projet / project title (required)"),
    Column("organisation", "prose", "Organisation"),
    Column("description", "prose", "Description"),
    Column("currency", "text", "Devise ISO 4217 / currency (EUR)"),
    Column("duration_unit", "text", "Unité des durées : jours ouvrés / working days", ("days",)),
    Column("start", "date", "Date de début / start date"),
    Column(
        "holidays",
        "text",
        "Jours fériés français exclus (fr) ou non (none) / French public holidays",
        ("fr", "none"),
    ),
    Column("horizon_years", "int", "Horizon du coût complet (années) / TCO horizon (years)"),
    Column(
        "legacy_run_cost_per_year",
        "estimate",
        "Coût annuel de l'existant jusqu'à la mise en service / "
        "legacy run cost per year until go-live. " + _EST,
    ),
    Column(
        "default_distribution",
        "text",
        "Loi des estimations « min; probable; max » / law of the 3-point shorthand",
        ("pert", "triangular"),
    ),
    Column("method", "text", "Méthode multicritère / MCDA method", METHODS),
    Column(
        "normalization",
        "text",
        "Normalisation (TOPSIS, somme pondérée) / normalisation",
        ("minmax", "max", "sum", "vector"),
    ),
    Column("vikor_v", "number", "VIKOR : poids de la stratégie majoritaire v (0-1) / VIKOR's v"),
    Column("notes", "prose", "Notes"),
    Column(
        "team",
        "json",
        "Compétences disponibles (JSON) / in-house skills (JSON): "
        '[{"competence": "B.1", "level": 3, "fte": 1}]',
    ),
    Column(
        "sourcing",
        "json",
        "Comment combler les écarts de compétences (JSON) / how skills gaps are closed (JSON)",
    ),
    Column(
        "competences",
        "json",
        "Catalogue de compétences propre (JSON, sinon e-CF 4.0) / own competence catalogue",
    ),
    Column(
        "legacy_footprint",
        "json",
        "Empreinte de l'existant jusqu'à la mise en service (JSON) / legacy footprint (JSON)",
    ),
    Column(
        "factors",
        "json",
        "Facteurs d'impact remplacés (JSON) / overridden impact factors (JSON): "
        '{"FR": [0.05, 0.06, 0.1]}',
    ),
    Column(
        "embodied_allocation",
        "text",
        "Imputation de la fabrication : part de vie sur l'horizon (horizon) ou à l'achat "
        "(purchase) / embodied impact: share of life within the horizon, or at purchase",
        ("horizon", "purchase"),
    ),
    Column(
        "carbon_price",
        "factor",
        "Prix du carbone par tCO2e (nombre, estimation ou id, ex. fr-vac-2030) / shadow carbon "
        "price per tCO2e (a number, an estimate or an id such as fr-vac-2030)",
    ),
)

SHEETS: dict[str, tuple[Column, ...]] = {
    "options": (
        Column("id", "text", "Identifiant de l'option (lettres, chiffres, _ ou -) / option id"),
        Column("name", "prose", "Nom / name"),
        Column("description", "prose", "Description"),
        Column("go_live", "text", "Tâche de mise en service (vide = fin du plan) / go-live task"),
        Column(
            "run_cost_per_year",
            "estimate",
            "Coût de fonctionnement annuel / run cost per year. " + _EST,
        ),
        Column("notes", "prose", "Notes"),
        Column("footprint", "json", "Empreinte environnementale (JSON) / footprint"),
        Column("eco_design", "json", "Écoconception RGESN (JSON) / eco-design"),
        Column("skills", "json", "Besoins en compétences (JSON) / skills needs"),
    ),
    "tasks": (
        Column("option", "text", "Option à laquelle la tâche appartient / option id"),
        Column("id", "text", "Identifiant de la tâche / task id"),
        Column("name", "prose", "Libellé / name"),
        Column("duration", "estimate", "Durée en jours ouvrés / duration (working days). " + _EST),
        Column("cost", "estimate", "Coût fixe / fixed cost. " + _EST),
        Column(
            "cost_per_day",
            "estimate",
            "Coût par jour ouvré de la tâche / cost per working day. " + _EST,
        ),
        Column(
            "after",
            "after",
            "Prédécesseurs « a; b+5 » (décalage de 5 jours) / predecessors, 'b+5' = 5-day lag",
        ),
        Column("notes", "prose", "Notes"),
    ),
    "risks": (
        Column("option", "text", "Option"),
        Column("id", "text", "Identifiant du risque / risk id"),
        Column("name", "prose", "Libellé / name"),
        Column("probability", "number", "Probabilité d'occurrence entre 0 et 1 / probability"),
        Column(
            "task",
            "text",
            "Tâche retardée (vide = fin de projet) / delayed task (empty: project end)",
        ),
        Column(
            "delay", "estimate", "Retard en jours ouvrés si le risque survient / delay. " + _EST
        ),
        Column("cost", "estimate", "Surcoût si le risque survient / cost impact. " + _EST),
        Column("owner", "prose", "Responsable / owner"),
        Column("notes", "prose", "Notes"),
        Column(
            "mitigation_action_cost",
            "estimate",
            "Coût de l'action de mitigation / mitigation action cost. " + _EST,
        ),
        Column(
            "mitigation_probability",
            "number",
            "Probabilité après mitigation / probability after mitigation",
        ),
        Column(
            "mitigation_delay",
            "estimate",
            "Retard après mitigation / delay after mitigation. " + _EST,
        ),
        Column(
            "mitigation_cost",
            "estimate",
            "Surcoût après mitigation / cost after mitigation. " + _EST,
        ),
        Column("mitigation_owner", "prose", "Responsable de la mitigation / mitigation owner"),
        Column("mitigation_notes", "prose", "Description de la mitigation / mitigation notes"),
    ),
    "correlations": (
        Column("option", "text", "Option"),
        Column("estimate_a", "text", "Estimation, ex. « migration.duration » / estimate"),
        Column("estimate_b", "text", "Estimation, ex. « recette.duration » / estimate"),
        Column("rho", "number", "Corrélation de rang (Spearman) entre -1 et 1 / rank correlation"),
    ),
    "scores": (
        Column(
            "option", "text", "Option ; une colonne par note d'expert / one column per expert score"
        ),
    ),
    "criteria": (
        Column("id", "text", "Identifiant du critère / criterion id"),
        Column("name", "prose", "Libellé / name"),
        Column("from", "text", "Source : tco.p80, capex.mean, finish.p90, scores.<nom>..."),
        Column("direction", "text", "min (moins c'est mieux) ou max / min or max", ("min", "max")),
        Column("weight", "number", "Poids (>= 0, normalisés) / weight"),
        Column("unit", "prose", "Unité / unit"),
        Column(
            "preference",
            "text",
            "PROMETHEE : fonction de préférence / preference function",
            ("usual", "u-shape", "v-shape", "level", "linear", "gaussian"),
        ),
        Column("q", "number", "PROMETHEE : seuil d'indifférence / indifference threshold"),
        Column("p", "number", "PROMETHEE : seuil de préférence / preference threshold"),
        Column("s", "number", "PROMETHEE gaussien : paramètre s / Gaussian parameter"),
        Column("notes", "prose", "Notes"),
    ),
}
REQUIRED_SHEETS = ("case", "options", "tasks")
_README = "README"


# -- reading ------------------------------------------------------------------------------------


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.cells: dict[Loc, str] = {}
        self.problems: list[CaseError] = []

    def problem(self, cell: str, path: str, rule: str) -> None:
        self.problems.append(CaseError(path, rule, source=self.source, location=cell))

    def convert(self, column: Column, value: Any, cell: str, loc: Loc) -> tuple[bool, Any]:
        from decisionkit.case.paths import format_path

        try:
            return True, _convert(column.kind, value)
        except ValueError as exc:
            self.problem(cell, format_path(loc), str(exc))
            return False, None


def _convert(kind: str, value: Any) -> Any:
    if kind == "estimate":
        return parse_estimate(value)
    if kind == "after":
        return parse_after(value)
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
            raise ValueError("expected JSON text")
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValueError(f"invalid JSON: {exc.msg} (character {exc.pos})") from None
    if kind == "date":
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date()
        return value
    if kind == "prose":
        return value if isinstance(value, str) else str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if not isinstance(value, str) else value.strip()


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
            "the file is empty"
            if size == 0
            else "not an Excel .xlsx workbook (a CSV or an old .xls file? open it in Excel and "
            f"save it as .xlsx): {exc}"
        )
        raise CaseErrors([CaseError("", why, source=source)]) from None
    reader = _Reader(source)
    _unsaved_formulas(path, wb, reader)
    known = (*SHEETS, "case", _README)
    for name in wb.sheetnames:
        if name not in known:
            hint = suggest(name, known)
            if hint:
                reader.problem(f"{name}!A1", "", f"unknown sheet {name!r}{hint}")
    missing = [s for s in REQUIRED_SHEETS if s not in wb.sheetnames]
    if missing:
        raise CaseErrors(
            [
                *reader.problems,
                CaseError(
                    "",
                    f"missing sheet{'s' if len(missing) > 1 else ''} "
                    f"{', '.join(missing)} (see 'decisionkit new --xlsx')",
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
    for sheet in ("tasks", "risks", "correlations"):
        if sheet in wb.sheetnames:
            _read_child_sheet(wb[sheet], sheet, options, index, reader)
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
                        f"formula {cell.value} has no saved result: open and save the file in "
                        "Excel (or type the value)",
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
                f"unknown column {name!r}{suggest(name, names)}",
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
                f"unknown field {field!r}{suggest(field, list(rows))}",
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
        reader.problem(cell, "", "the option column is empty: say which option this row is for")
        return None
    if name not in index:
        reader.problem(
            cell, "", f"option {name!r} is not in the options sheet{suggest(name, list(index))}"
        )
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
        items = option.setdefault(sheet, [])
        loc = ("options", i, sheet, len(items))
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

_README_TEXT = (
    "decisionkit — dossier de décision / decision case",
    "",
    "FR : une feuille par table. Survolez l'en-tête d'une colonne pour son aide. Une estimation "
    "s'écrit comme un nombre (valeur fixe), « min; probable; max » (loi du champ "
    "default_distribution, PERT par défaut) ou « loi paramètres », par exemple "
    "« triangular 10; 12; 20 », « uniform 10; 20 », « normal mean=100; sd=15 », "
    "« lognormal p10=40; p90=140 ». Les durées sont en jours ouvrés. Colonne after : "
    "« conception; marche+5 » (la tâche commence 5 jours après la fin de marche).",
    "Vérifier : decisionkit validate ce_fichier.xlsx   —   Convertir : decisionkit convert "
    "ce_fichier.xlsx cas.yaml",
    "",
    "EN: one sheet per table. Hover a column header for its help. An estimate is a number "
    "(fixed), « min; likely; max » (the default_distribution law, PERT unless set) or « law "
    "parameters » as above. Durations are in working days. after column: « design; "
    "procurement+5 » (starts 5 working days after procurement ends).",
    "Check: decisionkit validate this_file.xlsx   —   Convert: decisionkit convert "
    "this_file.xlsx case.yaml",
)


def workbook(case: Case | None = None) -> Workbook:
    """Build the workbook of a case, or a blank commented template when ``case`` is None."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    readme = wb.active
    readme.title = _README
    for r, line in enumerate(_README_TEXT, start=1):
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
        "holidays": case.holidays,
        "horizon_years": case.horizon_years,
        "legacy_run_cost_per_year": format_estimate(case.legacy_run_cost_per_year, default),
        "default_distribution": default,
        "method": case.method,
        "normalization": case.normalization,
        "vikor_v": case.vikor_v,
        "notes": case.notes or None,
        "team": _json(case.team, default),
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


def _sheet_records(case: Case | None, sheet: str, default: str) -> list[dict[str, Any]]:
    if case is None:
        return []
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
                    "notes": text(o.notes),
                    "footprint": _json(o.footprint, default),
                    "eco_design": _json(o.eco_design, default),
                    "skills": _json(o.skills, default),
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
