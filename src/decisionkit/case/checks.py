"""Cross-reference checks of a case: ids, dependencies, cycles, correlations, criteria, dates.

They run on plain data (the parsed file, before the models are built), so that they can report
every problem at once, each with its field path, even when other parts of the file are broken.
Anything malformed is skipped here: the model validation reports it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from decisionkit.case.network import find_cycles
from decisionkit.case.paths import Loc, suggest
from decisionkit.case.sources import parse_source
from decisionkit.errors import rule, rule_of

__all__ = ["check_references"]

Problem = tuple[Loc, str]

_TASK_FIELDS = ("duration", "cost", "cost_per_day")
_RISK_FIELDS = ("delay", "cost")
_OPTION_ESTIMATES = ("run_cost_per_year", "legacy_run_cost_per_year")


def _items(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list | tuple):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]


def _id(item: dict[str, Any]) -> str | None:
    value = item.get("id")
    return value if isinstance(value, str) else None


def _duplicates(items: list[tuple[int, dict[str, Any]]], base: Loc, what: str) -> list[Problem]:
    """Flag ids used twice in one list (``what``: option, task, risk or criterion)."""
    seen: dict[str, int] = {}
    out: list[Problem] = []
    for i, item in items:
        ident = _id(item)
        if ident is None:
            continue
        if ident in seen:
            first = seen[ident]
            out.append(
                (
                    (*base, i, "id"),
                    rule(
                        f"rule.ref.duplicate_{what}", id=repr(ident), other=f"{base[-1]}[{first}]"
                    ),
                )
            )
        else:
            seen[ident] = i
    return out


def check_references(data: Any) -> list[Problem]:
    """Return every cross-reference problem of a case given as plain data.

    Parameters
    ----------
    data
        The case as parsed from its file (mappings and lists).

    Returns
    -------
    list of (location, rule)
        Location tuples such as ``("options", 0, "tasks", 2, "after", 0)``.
    """
    problems: list[Problem] = []
    options = _items(data, "options")
    problems += _duplicates(options, ("options",), "option")
    for i, option in options:
        problems += _check_option(option, ("options", i))
    problems += _check_criteria(data, options)
    problems += _check_deadlines(data, options)
    return problems


def _check_option(option: dict[str, Any], base: Loc) -> list[Problem]:
    out: list[Problem] = []
    tasks = _items(option, "tasks")
    risks = _items(option, "risks")
    option_id = _id(option)

    def no_task(name: str) -> str:
        hint = suggest(name, task_ids)
        if option_id:
            return rule("rule.ref.no_task", name=repr(name), option=repr(option_id), hint=hint)
        return rule("rule.ref.no_task_here", name=repr(name), hint=hint)

    out += _duplicates(tasks, (*base, "tasks"), "task")
    out += _duplicates(risks, (*base, "risks"), "risk")
    task_ids = [t for _, item in tasks if (t := _id(item))]
    known = set(task_ids)
    for k, risk in risks:
        rid = _id(risk)
        if rid in known:
            out.append(((*base, "risks", k, "id"), rule("rule.ref.risk_is_task", id=repr(rid))))

    predecessors: dict[str, list[str]] = {}
    for j, task in tasks:
        after = task.get("after")
        names: list[str] = []
        if isinstance(after, list | tuple):
            for k, dep in enumerate(after):
                name = dep.get("task") if isinstance(dep, dict) else dep
                if not isinstance(name, str):
                    continue
                loc = (*base, "tasks", j, "after", k)
                if name in names:
                    out.append((loc, rule("rule.ref.after_twice", task=repr(name))))
                elif name == _id(task):
                    out.append((loc, rule("rule.ref.after_itself", task=repr(name))))
                elif name not in known:
                    out.append((loc, no_task(name)))
                else:
                    names.append(name)
        tid = _id(task)
        if tid is not None and tid not in predecessors:
            predecessors[tid] = names
    for cycle in find_cycles(predecessors):
        out.append(((*base, "tasks"), rule("rule.ref.cycle", cycle=" -> ".join(cycle))))

    for k, risk in risks:
        target = risk.get("task")
        if isinstance(target, str) and target not in known:
            out.append(((*base, "risks", k, "task"), no_task(target)))
    go_live = option.get("go_live")
    if isinstance(go_live, str) and go_live not in known:
        out.append(((*base, "go_live"), no_task(go_live)))
    out += _check_correlations(option, base, tasks, risks)
    return out


def _estimate_names(tasks: list[tuple[int, dict]], risks: list[tuple[int, dict]]) -> list[str]:
    names = [f"{t}.{f}" for _, item in tasks if (t := _id(item)) for f in _TASK_FIELDS]
    names += [f"{r}.{f}" for _, item in risks if (r := _id(item)) for f in _RISK_FIELDS]
    return [*names, *_OPTION_ESTIMATES]


def _check_correlations(
    option: dict[str, Any], base: Loc, tasks: list[tuple[int, dict]], risks: list[tuple[int, dict]]
) -> list[Problem]:
    out: list[Problem] = []
    names = _estimate_names(tasks, risks)
    known = set(names)
    seen: dict[frozenset[str], int] = {}
    raw = option.get("correlations")
    if not isinstance(raw, list | tuple):
        return out
    for k, corr in enumerate(raw):
        if isinstance(corr, list | tuple) and len(corr) == 3:
            pair = corr[:2]
        elif isinstance(corr, dict) and isinstance(corr.get("between"), list | tuple):
            pair = corr["between"]
        else:
            continue
        if len(pair) != 2 or not all(isinstance(p, str) for p in pair):
            continue
        loc = (*base, "correlations", k)
        bad = False
        for name in pair:
            if name not in known:
                bad = True
                hint = suggest(name, names)
                out.append((loc, rule("rule.ref.no_estimate", name=repr(name), hint=hint)))
        if bad:
            continue
        if pair[0] == pair[1]:
            out.append((loc, rule("rule.ref.self_correlated", name=repr(pair[0]))))
            continue
        key = frozenset(pair)
        if key in seen:
            out.append(
                (
                    loc,
                    rule(
                        "rule.ref.pair_twice",
                        first=repr(pair[0]),
                        second=repr(pair[1]),
                        other=str(seen[key]),
                    ),
                )
            )
        else:
            seen[key] = k
    return out


def _check_criteria(data: Any, options: list[tuple[int, dict[str, Any]]]) -> list[Problem]:
    out: list[Problem] = []
    criteria = _items(data, "criteria")
    out += _duplicates(criteria, ("criteria",), "criterion")
    weights: list[float] = []
    for c, crit in criteria:
        w = crit.get("weight", 1.0)
        if isinstance(w, int | float) and not isinstance(w, bool):
            weights.append(float(w))
        src = crit.get("from", crit.get("source"))  # ``source`` is the Python name
        if not isinstance(src, str):
            continue
        loc = ("criteria", c, "from")
        try:
            source = parse_source(src)
        except ValueError as exc:
            out.append((loc, rule_of(exc)))
            continue
        out += _check_source_available(source, src, loc, options)
        no_price = not isinstance(data, dict) or data.get("carbon_price") is None
        if source.kind == "footprint" and source.name == "carbon_cost" and no_price:
            out.append((loc, rule("rule.ref.no_carbon_price", source=repr(src))))
    if criteria and len(weights) == len(criteria) and all(w == 0 for w in weights):
        out.append((("criteria",), rule("rule.ref.weights_zero")))
    return out


_BLOCK = {"footprint": "footprint", "ecodesign": "eco_design", "skills": "skills"}


def _check_source_available(
    source: Any, text: str, loc: Loc, options: list[tuple[int, dict[str, Any]]]
) -> list[Problem]:
    out: list[Problem] = []
    if source.kind == "scores":
        for i, option in options:
            scores = option.get("scores")
            if not isinstance(scores, dict) or source.name not in scores:
                have = list(scores) if isinstance(scores, dict) else []
                said = rule(
                    "rule.ref.no_score",
                    source=repr(text),
                    option=f"options[{i}] ({_id(option)})",
                    score=repr(source.name),
                    hint=suggest(source.name, have),
                )
                out.append((loc, said))
    elif source.kind in _BLOCK:
        block = _BLOCK[source.kind]
        missing = [f"options[{i}] ({_id(o)})" for i, o in options if o.get(block) is None]
        if missing:
            said = rule(
                "rule.ref.no_block", source=repr(text), block=block, options=", ".join(missing)
            )
            out.append((loc, said))
    return out


def _as_date(value: Any) -> dt.date | None:
    """A date as the model would read it, or None (absent, or malformed: the model says so)."""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _check_deadlines(data: Any, options: list[tuple[int, dict[str, Any]]]) -> list[Problem]:
    """A deadline (the case's or an option's) needs a start, and must come after it."""
    if not isinstance(data, dict):
        return []
    raw_start = data.get("start")
    start = _as_date(raw_start)
    deadlines: list[tuple[Loc, Any]] = [(("deadline",), data.get("deadline"))]
    deadlines += [(("options", i, "deadline"), o.get("deadline")) for i, o in options]
    out: list[Problem] = []
    for loc, raw in deadlines:
        deadline = _as_date(raw)
        if deadline is None:
            continue
        if raw_start is None:
            out.append((loc, rule("rule.ref.deadline_needs_start", deadline=str(deadline))))
        elif start is not None and deadline <= start:
            said = rule("rule.ref.deadline_before_start", deadline=str(deadline), start=str(start))
            out.append((loc, said))
    return out
