"""What-if as data: a :class:`Scenario` is a named set of changes to a case.

A scenario is validated like a case (unknown keys with a did-you-mean, field paths in every
message, every problem at once) and checked against the case it changes (criterion, risk,
option, task and competence ids). :func:`apply_scenario` turns a case and a scenario into the
changed case and says which engines the change touches, so a study recomputes only that:

==========================================  =================================================
keys                                        what is recomputed
==========================================  =================================================
``weights``, ``method``, ``normalization``  the scores, ranking, SMAA and stability (no new
``vikor_v``, ``confidence``                 simulation; ``confidence`` turns ``tco.p80`` into
                                            ``tco.p90`` in the cost and delay criteria)
``budget``, ``deadline``                    the budget and deadline figures only
``carbon_price``                            the footprint's carbon cost, then the scores
``probabilities``, ``mitigate``, ``scale``  the simulation of the options concerned, then
``team``, ``start``, ``iterations``,        what depends on it
``seed``
==========================================  =================================================

Risks, tasks and options are named by id: ``appeal`` names the risk ``appeal`` in every option
that has one, ``saas.appeal`` only the one of option ``saas``; ``scale`` takes an option id
(every task of the option) or ``option.task``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, Strict, ValidationError

from decisionkit.case.assessments import FactorRef
from decisionkit.case.estimates import Estimate
from decisionkit.case.fields import (
    FrozenModel,
    NonNegative,
    Positive,
    UnitInterval,
    check_confidence,
)
from decisionkit.case.loaders import _explain, parse_case, unknown_key
from decisionkit.case.model import Case
from decisionkit.case.paths import Loc, format_path, suggest
from decisionkit.case.sources import SIMULATED, parse_source
from decisionkit.errors import CaseError, CaseErrors, rule, rule_of

__all__ = [
    "RECOMPUTE",
    "Scenario",
    "ScenarioEffects",
    "apply_scenario",
    "parse_scenario",
]


def _date_only(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise ValueError(rule("rule.scenario.date_with_time"))
    return value


def _mitigate_form(value: Any) -> Any:
    if isinstance(value, str) and value not in ("all", "none"):
        return (value,)
    if isinstance(value, list):
        return tuple(value)
    return value


Method = Literal["weighted_sum", "weighted_product", "topsis", "vikor", "promethee_ii"]
Date = Annotated[dt.date, BeforeValidator(_date_only)]


class Scale(FrozenModel):
    """Factors on durations and costs (task ``cost`` and ``cost_per_day``); 1 = unchanged."""

    duration: Positive = 1.0
    cost: Positive = 1.0


class TeamChange(FrozenModel):
    """A change of in-house capacity for one competence: FTE added (or removed) at a level."""

    fte: float
    level: int | None = None


class Scenario(FrozenModel):
    """A named set of changes to a case (every key optional).

    Examples
    --------
    >>> s = Scenario.model_validate({"name": "carbon", "weights": {"carbone": 0.3}})
    >>> s.changed
    ('weights',)
    """

    name: str = ""
    weights: dict[str, NonNegative] | None = None
    method: (
        Literal["weighted_sum", "weighted_product", "topsis", "vikor", "promethee_ii"] | None
    ) = None
    normalization: Literal["minmax", "max", "sum", "vector"] | None = None
    vikor_v: UnitInterval | None = None
    confidence: Annotated[float, Strict()] | None = None
    mitigate: (
        Annotated[Literal["all", "none"] | tuple[str, ...], BeforeValidator(_mitigate_form)] | None
    ) = None
    probabilities: dict[str, UnitInterval] | None = None
    scale: dict[str, Scale] | None = None
    team: dict[str, float | TeamChange] | None = None
    start: Date | None = None
    carbon_price: FactorRef | None = None
    budget: Positive | None = None
    deadline: Date | None = None
    iterations: Annotated[int, Strict(), Field(ge=2)] | None = None
    seed: Annotated[int, Strict(), Field(ge=0)] | None = None

    @property
    def changed(self) -> tuple[str, ...]:
        """The keys this scenario sets (its name aside), in field order."""
        return tuple(
            k for k in type(self).model_fields if k != "name" and getattr(self, k) is not None
        )

    def to_data(self) -> dict[str, Any]:
        """The scenario as plain data, in scenario-file form (keys it does not set left out)."""
        data = self.model_dump(mode="json", exclude_none=True, by_alias=True)
        if isinstance(self.carbon_price, Estimate):
            data["carbon_price"] = self.carbon_price.to_data()
        return data

    def merged(self, other: Scenario) -> Scenario:
        """This scenario with ``other``'s keys on top (mappings merged key by key)."""
        data = self.to_data()
        for key, value in other.to_data().items():
            if (isinstance(value, dict) and isinstance(data.get(key), dict) and key != "scale") or (
                key == "scale" and isinstance(data.get(key), dict)
            ):
                data[key] = {**data[key], **value}
            else:
                data[key] = value
        return Scenario.model_validate(data)


RECOMPUTE: dict[str, str] = {
    "weights": "score",
    "method": "score",
    "normalization": "score",
    "vikor_v": "score",
    "confidence": "score",
    "budget": "targets",
    "deadline": "targets",
    "carbon_price": "assess",
    "probabilities": "simulate",
    "mitigate": "simulate",
    "scale": "simulate",
    "team": "simulate",
    "start": "simulate",
    "iterations": "simulate",
    "seed": "simulate",
}
"""The deepest step each scenario key touches: ``targets`` < ``score`` < ``assess`` <
``simulate`` (each step also redoes the steps after it)."""


class ScenarioEffects:
    """What a scenario touches: the options to simulate again, and whether to re-assess."""

    def __init__(self) -> None:
        self.simulate: set[str] = set()  # option ids whose simulation changes
        self.simulate_all = False  # iterations, seed, start: every option
        self.assess = False
        self.score = False
        self.targets = False
        self.mitigate: tuple[tuple[str, str], ...] | None = None  # (option, risk) mitigated

    def __repr__(self) -> str:
        return (
            f"ScenarioEffects(simulate={sorted(self.simulate)}, all={self.simulate_all}, "
            f"assess={self.assess}, score={self.score}, targets={self.targets})"
        )


def parse_scenario(
    data: Any,
    *,
    source: str = "<scenario>",
    path: Loc = (),
    locate: Any = None,
) -> Scenario:
    """Validate plain data into a :class:`Scenario` (shape only; see :func:`check_scenario`).

    Raises
    ------
    CaseErrors
        Every problem at once, each with the source, the field path and the rule.
    """
    locate = locate or (lambda loc: None)
    if isinstance(data, Scenario):
        return data
    if not isinstance(data, Mapping):
        raise CaseErrors(
            [
                CaseError(
                    format_path(path),
                    rule("rule.scenario.not_mapping", type=type(data).__name__),
                    source=source,
                    location=locate(path),
                )
            ]
        )
    data = dict(data)
    if isinstance(data.get("confidence"), int) and not isinstance(data["confidence"], bool):
        data["confidence"] = float(data["confidence"])
    problems: list[CaseError] = []
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc: Loc = tuple(err["loc"])
            if err["type"] == "extra_forbidden" and len(loc) == 1:
                said = unknown_key(str(loc[0]), list(Scenario.model_fields))
            else:
                loc, said = _explain(err)
                loc = _clean_loc(loc)
            full = (*path, *loc)
            problems.append(
                CaseError(format_path(full), said, source=source, location=locate(full))
            )
        raise CaseErrors(problems) from None
    if scenario.confidence is not None:
        try:
            check_confidence(scenario.confidence)
        except ValueError as exc:
            full = (*path, "confidence")
            raise CaseErrors(
                [CaseError(format_path(full), rule_of(exc), source=source, location=locate(full))]
            ) from None
    return scenario


def _clean_loc(loc: Loc) -> Loc:
    """Drop pydantic's union branch names (``float``, ``TeamChange``...) from a location."""
    noise = {"float", "TeamChange", "tuple[str, ...]", "literal['all','none']", "str"}
    return tuple(p for p in loc if not (isinstance(p, str) and (p in noise or "[" in p)))


# -- checks against the case ------------------------------------------------------------------


def _risk_targets(case: Case, ref: str) -> list[tuple[str, str]]:
    """(option, risk) pairs a risk reference names: ``appeal`` or ``saas.appeal``."""
    if "." in ref:
        option, risk = ref.split(".", 1)
        if option in case.option_ids and any(r.id == risk for r in case.option(option).risks):
            return [(option, risk)]
        return []
    return [(o.id, r.id) for o in case.options for r in o.risks if r.id == ref]


def _all_risk_refs(case: Case) -> list[str]:
    ids = {r.id for o in case.options for r in o.risks}
    return sorted(ids) + [f"{o.id}.{r.id}" for o in case.options for r in o.risks]


def check_scenario(
    scenario: Scenario,
    case: Case,
    *,
    source: str = "<scenario>",
    path: Loc = (),
    locate: Any = None,
    apply: bool = True,
) -> list[CaseError]:
    """Problems of ``scenario`` against ``case``: unknown ids, and (with ``apply``) the rules
    the changed case breaks."""
    locate = locate or (lambda loc: None)
    out: list[CaseError] = []

    def add(loc: Loc, said: str) -> None:
        full = (*path, *loc)
        out.append(CaseError(format_path(full), said, source=source, location=locate(full)))

    criteria = [c.id for c in case.criteria]
    if scenario.weights is not None:
        if not criteria:
            add(("weights",), rule("rule.scenario.no_criteria"))
        for key in scenario.weights:
            if key not in criteria:
                hint = suggest(key, criteria)
                add(
                    ("weights", key),
                    rule("rule.scenario.no_criterion", criterion=repr(key), hint=hint),
                )
        weights = {c.id: c.weight for c in case.criteria} | dict(scenario.weights)
        if criteria and not any(weights.values()):
            add(("weights",), rule("rule.scenario.weights_zero"))
    refs = _all_risk_refs(case)
    if isinstance(scenario.mitigate, tuple):
        for i, ref in enumerate(scenario.mitigate):
            targets = _risk_targets(case, ref)
            if not targets:
                add(
                    ("mitigate", i),
                    rule("rule.scenario.no_risk", risk=repr(ref), hint=suggest(ref, refs)),
                )
            for o, r in targets:
                if next(x for x in case.option(o).risks if x.id == r).mitigation is None:
                    said = rule("rule.scenario.no_mitigation", risk=repr(r), option=repr(o))
                    add(("mitigate", i), said)
    elif scenario.mitigate == "all" and not any(
        r.mitigation for o in case.options for r in o.risks
    ):
        add(("mitigate",), rule("rule.scenario.no_mitigations"))
    for ref in scenario.probabilities or {}:
        if not _risk_targets(case, ref):
            said = rule("rule.scenario.no_risk", risk=repr(ref), hint=suggest(ref, refs))
            add(("probabilities", ref), said)
    for ref in scenario.scale or {}:
        option, _, task = ref.partition(".")
        if option not in case.option_ids:
            hint = suggest(option, case.option_ids)
            add(("scale", ref), rule("rule.scenario.no_option", option=repr(option), hint=hint))
        elif task and task not in (t.id for t in case.option(option).tasks):
            tasks = [t.id for t in case.option(option).tasks]
            said = rule(
                "rule.scenario.no_task",
                task=repr(task),
                option=repr(option),
                hint=suggest(task, tasks),
            )
            add(("scale", ref), said)
    have = {t.competence: t for t in case.team or ()}
    for code, change in (scenario.team or {}).items():
        delta = change if isinstance(change, float | int) else change.fte
        level = None if isinstance(change, float | int) else change.level
        current = have[code].fte if code in have else 0.0
        if code not in have and level is None:
            add(("team", code), rule("rule.scenario.team_level", code=repr(code), fte=f"{delta:g}"))
        if current + delta < 0:
            said = rule("rule.scenario.team_negative", current=f"{current:g}", delta=f"{delta:+g}")
            add(("team", code), said)
    if scenario.deadline is not None:
        start = scenario.start or case.start
        if start is None:
            add(("deadline",), rule("rule.scenario.deadline_needs_start"))
        elif scenario.deadline <= start:
            said = rule(
                "rule.scenario.deadline_before_start",
                deadline=str(scenario.deadline),
                start=str(start),
            )
            add(("deadline",), said)
    if not out and apply:
        try:
            apply_scenario(case, scenario)
        except CaseErrors as exc:
            out += [CaseError(e.path, e.rule, source=source, location=None) for e in exc.errors]
    return out


# -- applying ------------------------------------------------------------------------------


def _scaled(value: Any, factor: float, default: str) -> Any:
    if factor == 1.0:
        return value
    est = Estimate.of(value, default=default)
    params = {k: v * factor for k, v in est.parameters.items()}
    return Estimate.model_validate({"distribution": est.distribution, **params}).to_data(default)


def _source_at(text: str, percentile: int) -> str:
    """``tco.p80`` at 90 -> ``tco.p90``; other sources unchanged."""
    src = parse_source(text)
    if src.kind == "simulated" and src.name in SIMULATED and src.percentile is not None:
        return f"{src.name}.p{percentile}"
    return text


def apply_scenario(case: Case, scenario: Scenario) -> tuple[Case, ScenarioEffects]:
    """The case changed by ``scenario``, and what the change touches.

    Mitigations are not a change of the case: ``effects.mitigate`` lists the (option, risk)
    pairs to simulate with their mitigation (``None``: the study's own setting).

    Raises
    ------
    CaseErrors
        When the changed case breaks a rule of the case model.
    """
    fx = ScenarioEffects()
    touched = set(scenario.changed)
    if touched <= LIGHT:
        return _light(case, scenario, fx), fx
    data = case.to_data()
    default = case.defaults.distribution
    if touched & {"weights", "method", "normalization", "vikor_v", "confidence"}:
        fx.score = True
    if scenario.weights is not None:
        for c in data.get("criteria", []):
            if c["id"] in scenario.weights:
                c["weight"] = scenario.weights[c["id"]]
    for key in ("method", "normalization", "vikor_v"):
        if getattr(scenario, key) is not None:
            data[key] = getattr(scenario, key)
    if scenario.confidence is not None:
        level = round(scenario.confidence * 100)
        for c in data.get("criteria", []):
            c["from"] = _source_at(c["from"], level)
        data["confidence"] = scenario.confidence
    for key in ("budget", "deadline"):
        if getattr(scenario, key) is not None:
            fx.targets = True
            data[key] = getattr(scenario, key)
    if scenario.carbon_price is not None:
        fx.assess = True
        cp = scenario.carbon_price
        data["carbon_price"] = cp.to_data() if isinstance(cp, Estimate) else cp
    if scenario.start is not None:
        fx.simulate_all = True
        data["start"] = scenario.start
    if scenario.iterations is not None or scenario.seed is not None:
        fx.simulate_all = True
    for ref, p in (scenario.probabilities or {}).items():
        for o, r in _risk_targets(case, ref):
            fx.simulate.add(o)
            opt = next(x for x in data["options"] if x["id"] == o)
            next(x for x in opt["risks"] if x["id"] == r)["probability"] = p
    for ref, factors in (scenario.scale or {}).items():
        option, _, task = ref.partition(".")
        fx.simulate.add(option)
        opt = next(x for x in data["options"] if x["id"] == option)
        for t in opt["tasks"]:
            if task and t["id"] != task:
                continue
            if "duration" in t:
                t["duration"] = _scaled(t["duration"], factors.duration, default)
            for field in ("cost", "cost_per_day"):
                if field in t:
                    t[field] = _scaled(t[field], factors.cost, default)
    if scenario.team is not None:
        team = [dict(t) for t in data.get("team") or []]
        for code, change in scenario.team.items():
            delta = float(change) if isinstance(change, float | int) else change.fte
            level = None if isinstance(change, float | int) else change.level
            row = next((t for t in team if t["competence"] == code), None)
            if row is None:
                team.append({"competence": code, "level": level, "fte": delta})
            else:
                row["fte"] = row["fte"] + delta
                if level is not None:
                    row["level"] = level
        data["team"] = team
        # the team changes the skills gaps of every option with needs, and their gates
        fx.simulate |= {o.id for o in case.options if o.skills}
        fx.assess = True
    if scenario.mitigate is not None:
        if scenario.mitigate == "all":
            pairs = [(o.id, r.id) for o in case.options for r in o.risks if r.mitigation]
        elif scenario.mitigate == "none":
            pairs = []
        else:
            pairs = [p for ref in scenario.mitigate for p in _risk_targets(case, ref)]
        fx.mitigate = tuple(dict.fromkeys(pairs))
    changed = parse_case(data, source=case_source(case))
    if fx.simulate or fx.simulate_all or fx.mitigate is not None:
        fx.assess = fx.score = fx.targets = True
    if fx.assess:
        fx.score = True
    return changed, fx


LIGHT = frozenset(
    ("weights", "method", "normalization", "vikor_v", "confidence", "budget", "deadline")
)
"""Keys that change no estimate: the case is copied, not parsed again, and shares the parts
its simulation depends on (so its risk fingerprint is not computed again)."""


def _light(case: Case, scenario: Scenario, fx: ScenarioEffects) -> Case:
    """``case`` with light changes (checked by the scenario's own fields and checks)."""
    update: dict[str, Any] = {}
    criteria = list(case.criteria)
    if scenario.weights is not None:
        criteria = [
            c.model_copy(update={"weight": float(scenario.weights[c.id])})
            if c.id in scenario.weights
            else c
            for c in criteria
        ]
    if scenario.confidence is not None:
        level = round(scenario.confidence * 100)
        criteria = [c.model_copy(update={"source": _source_at(c.source, level)}) for c in criteria]
        update["confidence"] = scenario.confidence
    if criteria != list(case.criteria):
        update["criteria"] = tuple(criteria)
    for key in ("method", "normalization", "vikor_v", "budget", "deadline"):
        if getattr(scenario, key) is not None:
            update[key] = getattr(scenario, key)
    fx.score = bool(set(scenario.changed) - {"budget", "deadline"})
    fx.targets = True
    return case.model_copy(update=update)


def case_source(case: Case) -> str:
    """The name used for a case in messages."""
    return f"case {case.case!r}"
