"""Scenario files: what the what-if panel saves and ``decisionkit batch`` runs.

.. code-block:: yaml

    defaults:                     # changes for every scenario (optional), a case too
      case: si-rh.yaml            # relative to this file
      iterations: 10000
    scenarios:
      - name: base
      - name: carbone-30
        weights: {carbone: 0.3}
      - name: dpi
        case: dpi-hopital.yaml
        mitigate: all
    grid:                         # optional: every scenario x the cartesian product
      confidence: [0.8, 0.9]
      weights.carbone: [0.1, 0.3]

A grid multiplies each listed scenario (or a single one made of ``defaults`` when the list is
absent) by the product of its values; each product is named after its values
(``base_confidence-0.9_weights.carbone-0.3``). Everything is checked before anything runs,
case files included, and every problem is reported at once with its line.
"""

from __future__ import annotations

import contextlib
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from decisionkit.case.loaders import _prefix_locator, _yaml_positions, load_case
from decisionkit.case.model import Case
from decisionkit.case.paths import Loc, format_path, suggest
from decisionkit.errors import CaseError, CaseErrors, rule
from decisionkit.studies.scenario import Scenario, check_scenario, parse_scenario

__all__ = ["ScenarioSpec", "append_scenario", "is_scenario_file", "load_scenarios"]

_TOP = ("scenarios", "defaults", "grid", "notes")


@dataclass(frozen=True)
class ScenarioSpec:
    """One scenario of a file, expanded and checked: its name, case file and changes."""

    name: str
    case_path: Path
    scenario: Scenario
    case: Case

    def to_data(self, base: Path | None = None) -> dict[str, Any]:
        """The scenario as a file entry (``case`` relative to ``base`` when given)."""
        case = self.case_path
        if base is not None:
            with contextlib.suppress(ValueError):
                case = case.relative_to(base)
        return {"name": self.name, "case": str(case), **self.scenario.to_data()}


def is_scenario_file(data: Any) -> bool:
    """True when plain data read from a file is a scenarios file (a top-level ``scenarios``
    or ``grid`` key and no ``options``)."""
    return (
        isinstance(data, dict)
        and ("scenarios" in data or "grid" in data)
        and ("options" not in data)
    )


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    head, _, rest = dotted.partition(".")
    if not rest or head not in ("weights", "probabilities", "scale", "team"):
        data[dotted] = value
        return
    inner = dict(data.get(head) or {})
    if head == "scale":
        target, _, what = rest.rpartition(".")
        if what in ("duration", "cost") and target:
            inner[target] = {**(inner.get(target) or {}), what: value}
        else:
            inner[rest] = value
    else:
        inner[rest] = value
    data[head] = inner


def _value_name(value: Any) -> str:
    if isinstance(value, list):
        return "+".join(map(str, value)) or "none"
    return str(value)


def load_scenarios(path: str | Path) -> tuple[ScenarioSpec, ...]:
    """Read, expand and check a scenarios file; its case files are loaded and checked too.

    Raises
    ------
    CaseErrors
        Every problem of the file and of its cases at once, with lines and field paths.
    """
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FileNotFoundError(f"{source}: no such file") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CaseErrors(
            [
                CaseError(
                    "",
                    rule("rule.file.yaml_syntax", problem=str(getattr(exc, "problem", exc))),
                    source=source,
                    location=None if mark is None else str(mark.line + 1),
                )
            ]
        ) from None
    locate = _prefix_locator(_yaml_positions(text)[0])
    problems: list[CaseError] = []

    def add(loc: Loc, said: str) -> None:
        problems.append(CaseError(format_path(loc), said, source=source, location=locate(loc)))

    if not is_scenario_file(data):
        add((), rule("rule.scenarios.not_a_file"))
        raise CaseErrors(problems)
    for key in data:
        if key not in _TOP:
            said = rule(
                "rule.key.unknown_hint_expected",
                key=repr(key),
                hint=suggest(str(key), _TOP),
                keys=", ".join(_TOP),
            )
            add((key,), said)
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        add(("defaults",), rule("rule.scenarios.defaults"))
        defaults = {}
    entries = data.get("scenarios")
    if entries is None:
        entries = [{"name": "base"}] if data.get("grid") else []
    if not isinstance(entries, list):
        add(("scenarios",), rule("rule.scenarios.list"))
        entries = []
    if not entries and "grid" not in data:
        add(("scenarios",), rule("rule.scenarios.empty"))
    grid = data.get("grid") or {}
    if not isinstance(grid, dict):
        add(("grid",), rule("rule.scenarios.grid"))
        grid = {}
    for key, values in grid.items():
        if not isinstance(values, list) or not values:
            add(("grid", key), rule("rule.scenarios.grid_values"))
    combos = list(
        itertools.product(*[[(k, v) for v in vs] for k, vs in grid.items() if isinstance(vs, list)])
    )
    cases: dict[Path, Case | None] = {}
    specs: list[ScenarioSpec] = []
    seen: dict[str, Loc] = {}
    for i, entry in enumerate(entries):
        loc: Loc = ("scenarios", i)
        if not isinstance(entry, dict):
            add(loc, rule("rule.scenarios.entry"))
            continue
        merged = {**dict(defaults.items()), **entry}
        name = merged.pop("name", None)
        case_ref = merged.pop("case", None)
        if not isinstance(name, str) or not name.strip():
            add(loc, rule("rule.scenarios.name"))
            name = f"#{i + 1}"
        if not isinstance(case_ref, str):
            add(loc, rule("rule.scenarios.case"))
            continue
        case_path = (path.parent / case_ref).resolve()
        if case_path not in cases:
            cases[case_path] = _load(case_path, case_ref, source, locate, loc, problems)
        case = cases[case_path]
        for combo in combos or [()]:
            changes = dict(merged)
            for key, value in combo:
                _set(changes, key, value)
            full = name + "".join(f"_{k}-{_value_name(v)}" for k, v in combo)
            if full in seen:
                said = rule(
                    "rule.scenarios.same_name", name=repr(full), first=format_path(seen[full])
                )
                add(loc, said)
            seen.setdefault(full, loc)
            try:
                scenario = parse_scenario(
                    {"name": full, **changes}, source=source, path=loc, locate=locate
                )
            except CaseErrors as exc:
                problems += exc.errors
                continue
            if case is None:
                continue
            problems += check_scenario(scenario, case, source=source, path=loc, locate=locate)
            specs.append(ScenarioSpec(full, case_path, scenario, case))
    if problems:
        unique = list({(e.path, e.rule, e.source): e for e in problems}.values())
        raise CaseErrors(unique)
    return tuple(specs)


def _load(
    case_path: Path, ref: str, source: str, locate: Any, loc: Loc, problems: list[CaseError]
) -> Case | None:
    if not case_path.is_file():
        problems.append(
            CaseError(
                format_path((*loc, "case")),
                rule("rule.scenarios.no_case_file", file=repr(ref), path=str(case_path)),
                source=source,
                location=locate((*loc, "case")),
            )
        )
        return None
    try:
        case = load_case(case_path)
    except CaseErrors as exc:
        problems += exc.errors
        return None
    from decisionkit.appraisal import check_assessments

    found = check_assessments(case, source=str(case_path))
    if found:
        problems += found
        return None
    return case


def append_scenario(path: str | Path, scenario: Scenario, case_path: str | Path) -> Path:
    """Append ``scenario`` (named) on ``case_path`` to the scenarios file ``path`` (atomically).

    The file is created when missing; a scenario of the same name is replaced.
    """
    from decisionkit.case.writers import atomic_write

    path = Path(path)
    if not scenario.name:
        raise ValueError("a saved scenario needs a name")
    data: dict[str, Any] = {"scenarios": []}
    if path.exists():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {"scenarios": []}
        if not is_scenario_file(data):
            raise ValueError(f"{path} is not a scenarios file")
        data.setdefault("scenarios", [])
    case_ref = Path(case_path)
    try:
        case_ref = case_ref.resolve().relative_to(path.parent.resolve())
    except ValueError:
        case_ref = case_ref.resolve()
    entry = {"name": scenario.name, "case": str(case_ref), **scenario.to_data()}
    entry.pop("name", None)
    entry = {"name": scenario.name, **entry}
    data["scenarios"] = [s for s in data["scenarios"] if s.get("name") != scenario.name]
    data["scenarios"].append(entry)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path
