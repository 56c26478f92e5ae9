"""The decision case: frozen, validated pydantic models.

A :class:`Case` holds the project's metadata, its options (each with tasks, a risk register,
correlations, run cost, expert scores and the sustainability and skills blocks) and the
criteria used to compare them. Models are immutable: change one with :meth:`Case.replace`,
which validates the result again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    Strict,
    ValidationInfo,
    field_validator,
    model_validator,
)

from decisionkit.case._cache import PartsCache
from decisionkit.case.assessments import (
    ESTIMATE_KEYS,
    Competence,
    EcoDesign,
    FactorRef,
    Footprint,
    SkillNeed,
    Sourcing,
    TeamSkill,
)
from decisionkit.case.estimates import Estimate, EstimateField, ThreePointDistribution
from decisionkit.case.fields import Budget, Confidence, FrozenModel, NonNegative, UnitInterval
from decisionkit.errors import rule, rules

__all__ = [
    "METHODS",
    "Case",
    "Correlation",
    "Criterion",
    "Defaults",
    "Dependency",
    "Mitigation",
    "Option",
    "Risk",
    "Task",
]

METHODS: tuple[str, ...] = ("weighted_sum", "weighted_product", "topsis", "vikor", "promethee_ii")
"""Multi-criteria methods a case may name in ``method``."""

_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(rule("rule.value.id", id=repr(value)))
    return value


def _check_probability(value: float) -> float:
    if not 0.0 <= value <= 1.0:
        raise ValueError(rule("rule.value.probability", value=f"{value:g}"))
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _check_text(value: str) -> str:
    if len(value) > 10_000:
        raise ValueError(rule("rule.value.text_too_long", length=f"{len(value):,}"))
    bad = _CONTROL.search(value)
    if bad:
        raise ValueError(
            rule(
                "rule.value.control_character",
                code=f"{ord(bad.group()):04X}",
                position=str(bad.start()),
            )
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]
Number = Annotated[float, Strict()]
Probability = Annotated[float, Strict(), AfterValidator(_check_probability)]
Text = Annotated[str, AfterValidator(_check_text)]


def _date_only(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise ValueError(rule("rule.value.date_with_time", value=value.isoformat()))
        return value.date()
    return value


Day = Annotated[dt.date | None, BeforeValidator(_date_only)]
"""An optional date: ``2027-01-04`` in YAML, a JSON string or an Excel date (no time of day)."""


def _zero() -> Estimate:
    return Estimate(distribution="fixed", value=0.0)


class Dependency(FrozenModel):
    """A finish-to-start link: this task starts ``lag`` working days after ``task`` ends.

    In a case file: ``after: [design]`` or ``after: [{task: design, lag: 5}]``.
    """

    task: str
    lag: NonNegative = 0.0

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        return {"task": data} if isinstance(data, str) else data


class Task(FrozenModel):
    """A task of an option's plan.

    ``duration`` is in working days; ``cost`` is a fixed cost; ``cost_per_day`` is a cost per
    working day of the task (team burn), so a longer task costs more.
    """

    id: Id
    name: Text = ""
    duration: EstimateField
    cost: EstimateField = Field(default_factory=_zero)
    cost_per_day: EstimateField = Field(default_factory=_zero)
    after: tuple[Dependency, ...] = ()
    notes: Text = ""

    @property
    def is_milestone(self) -> bool:
        """True when the task takes no time (a fixed duration of 0)."""
        return self.duration.is_fixed and self.duration.plan_value() == 0


class Mitigation(FrozenModel):
    """What a risk becomes once mitigated, and what the mitigation costs.

    ``action_cost`` is the cost of the mitigating action (always paid when the mitigation is
    applied); ``probability``, ``delay`` and ``cost`` replace the risk's own values (unset ones
    are kept).
    """

    action_cost: EstimateField = Field(default_factory=_zero)
    probability: Probability | None = None
    delay: EstimateField | None = None
    cost: EstimateField | None = None
    owner: Text = ""
    notes: Text = ""


class Risk(FrozenModel):
    """A risk-register entry: it occurs with ``probability`` in each simulated future.

    When it occurs, ``delay`` (working days) lands on ``task`` and propagates through the
    network (or on the project end when ``task`` is not set), and ``cost`` adds to capex.
    """

    id: Id
    name: Text = ""
    probability: Probability
    task: str | None = None
    delay: EstimateField = Field(default_factory=_zero)
    cost: EstimateField = Field(default_factory=_zero)
    mitigation: Mitigation | None = None
    owner: Text = ""
    notes: Text = ""


class Correlation(FrozenModel):
    """A rank (Spearman) correlation between two estimates of an option.

    Estimates are named ``<task>.duration``, ``<task>.cost``, ``<task>.cost_per_day``,
    ``<risk>.delay``, ``<risk>.cost``, ``run_cost_per_year`` or ``legacy_run_cost_per_year``.
    In a case file: ``[migration.duration, procurement.duration, 0.5]``.
    """

    between: tuple[str, str]
    rho: Number

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, data: Any) -> Any:
        if isinstance(data, list | tuple):
            if len(data) != 3:
                raise ValueError(rule("rule.case.correlation_form", n=str(len(data))))
            return {"between": (data[0], data[1]), "rho": data[2]}
        return data

    @field_validator("rho")
    @classmethod
    def _check_rho(cls, rho: float) -> float:
        if not -1.0 <= rho <= 1.0:
            raise ValueError(rule("rule.case.rho", rho=f"{rho:g}"))
        return rho


class Option(FrozenModel):
    """One option of the case (buy a SaaS, build in-house, extend the old system...).

    ``go_live`` names the task whose finish puts the new system in service (run cost starts,
    legacy run cost stops); by default, the end of the whole plan. ``budget`` and ``deadline``
    replace the case's for this option (see :meth:`Case.budget_for`).
    """

    id: Id
    name: Text = ""
    description: Text = ""
    tasks: tuple[Task, ...]
    go_live: str | None = None
    run_cost_per_year: EstimateField = Field(default_factory=_zero)
    budget: Budget | None = None
    deadline: Day = None
    risks: tuple[Risk, ...] = ()
    correlations: tuple[Correlation, ...] = ()
    scores: dict[str, Number] = Field(default_factory=dict)
    footprint: Footprint | None = None
    eco_design: EcoDesign | None = None
    skills: tuple[SkillNeed, ...] | None = None
    notes: Text = ""

    @field_validator("tasks")
    @classmethod
    def _some_tasks(cls, tasks: tuple[Task, ...]) -> tuple[Task, ...]:
        if not tasks:
            raise ValueError(rule("rule.case.no_tasks"))
        return tasks

    def task(self, task_id: str) -> Task:
        """Return the task with this id (``KeyError`` if none)."""
        for t in self.tasks:
            if t.id == task_id:
                return t
        raise KeyError(f"option {self.id!r} has no task {task_id!r}")


class Criterion(FrozenModel):
    """A decision criterion: where its value comes ``from``, its ``direction`` and ``weight``.

    ``from`` names a simulated statistic (``capex.p80``, ``tco.mean``, ``finish.p90``), an
    expert score (``scores.user_value``) or, once their blocks are filled, a footprint, eco-design
    or skills figure. Weights are normalised when the case is scored.
    """

    id: Id
    name: Text = ""
    source: str = Field(alias="from")
    direction: Literal["min", "max"]
    weight: NonNegative = 1.0
    unit: Text = ""
    # PROMETHEE preference function and thresholds (in the criterion's unit); other methods
    # ignore them. usual needs none, u-shape q, v-shape p, level and linear q < p, gaussian s.
    preference: Literal["usual", "u-shape", "v-shape", "level", "linear", "gaussian"] | None = None
    q: NonNegative | None = None
    p: NonNegative | None = None
    s: NonNegative | None = None
    notes: Text = ""

    @model_validator(mode="after")
    def _thresholds(self) -> Criterion:
        needs = {
            "usual": (),
            "u-shape": ("q",),
            "v-shape": ("p",),
            "level": ("q", "p"),
            "linear": ("q", "p"),
            "gaussian": ("s",),
        }.get(self.preference or "usual", ())
        missing = [t for t in needs if getattr(self, t) is None]
        if missing:
            raise ValueError(
                rule(
                    "rule.case.preference_needs",
                    preference=str(self.preference),
                    needs=needs[0] if len(needs) == 1 else rule("rule.both", first="q", second="p"),
                    missing=", ".join(missing),
                )
            )
        if self.preference in ("level", "linear") and self.p <= self.q:  # type: ignore[operator]
            raise ValueError(rule("rule.case.p_above_q", p=f"{self.p:g}", q=f"{self.q:g}"))
        return self


class Defaults(FrozenModel):
    """Case-wide defaults: the distribution of the ``[min, likely, max]`` shorthand."""

    distribution: ThreePointDistribution = "pert"


def _check_currency(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise ValueError(rule("rule.value.currency", currency=repr(value)))
    return value


def _check_horizon(value: int) -> int:
    if not 1 <= value <= 50:
        raise ValueError(rule("rule.value.horizon", value=str(value)))
    return value


class Case(FrozenModel):
    """A decision case: a project, its options and the criteria that compare them.

    Examples
    --------
    >>> case = Case.model_validate({
    ...     "case": "Demo",
    ...     "options": [{"id": "a", "tasks": [{"id": "t", "duration": [1, 2, 4]}]}],
    ... })
    >>> case.options[0].tasks[0].duration.mean()
    2.1666666666666665
    """

    case: Text
    organisation: Text = ""
    description: Text = ""
    currency: Annotated[str, AfterValidator(_check_currency)] = "EUR"
    duration_unit: Literal["days"] = "days"
    start: Day = None
    holidays: Literal["fr", "none"] = "fr"
    horizon_years: Annotated[int, Strict(), AfterValidator(_check_horizon)] = 5
    legacy_run_cost_per_year: EstimateField = Field(default_factory=_zero)
    # what the sponsor holds the project to (the simulation ignores them; the study reports
    # the chance of meeting them): capex or TCO budget, go-live date, confidence level
    budget: Budget | None = None
    budget_basis: Literal["capex", "tco"] = "capex"
    deadline: Day = None
    confidence: Confidence = 0.8
    defaults: Defaults = Field(default_factory=Defaults)
    options: tuple[Option, ...]
    team: tuple[TeamSkill, ...] | None = None
    sourcing: Sourcing | None = None
    competences: tuple[Competence, ...] | None = None
    legacy_footprint: Footprint | None = None
    factors: dict[str, EstimateField] = Field(default_factory=dict)
    carbon_price: FactorRef | None = None
    embodied_allocation: Literal["horizon", "purchase"] = "horizon"
    criteria: tuple[Criterion, ...] = ()
    method: Literal["weighted_sum", "weighted_product", "topsis", "vikor", "promethee_ii"] = (
        "topsis"
    )
    normalization: Literal["minmax", "max", "sum", "vector"] | None = None  # TOPSIS, weighted sum
    vikor_v: UnitInterval | None = None
    notes: Text = ""

    @model_validator(mode="before")
    @classmethod
    def _default_distribution(cls, data: Any) -> Any:
        """Give ``[min, likely, max]`` estimates the case's default law, however validated."""
        if not isinstance(data, dict):
            return data
        from decisionkit.case.templates import expand_criteria

        data, problems = expand_criteria(data)
        if problems:
            raise ValueError(_at(problems))
        defaults = data.get("defaults")
        law = defaults.get("distribution") if isinstance(defaults, dict) else None
        if law != "triangular":  # pert is the default already
            return data
        return _with_default_law(data, law)

    @field_validator("options")
    @classmethod
    def _some_options(cls, options: tuple[Option, ...]) -> tuple[Option, ...]:
        if not options:
            raise ValueError(rule("rule.case.no_options"))
        return options

    @model_validator(mode="after")
    def _check_references(self, info: ValidationInfo) -> Case:
        if info.context and info.context.get("references_checked"):
            return self  # the loader has already checked them, with file positions
        from decisionkit.case.checks import check_references

        problems = check_references(self.to_data())
        if problems:
            raise ValueError(_at(problems))
        return self

    # -- access ---------------------------------------------------------------------------
    def option(self, option_id: str) -> Option:
        """Return the option with this id (``KeyError`` if none)."""
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(f"the case has no option {option_id!r}")

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The option ids, in case order."""
        return tuple(o.id for o in self.options)

    def budget_for(self, option_id: str) -> float | None:
        """The budget this option is held to: its own ``budget``, else the case's, else None.

        It is a capex or a TCO figure, as ``budget_basis`` says (``KeyError`` for an unknown
        option).

        Examples
        --------
        >>> c = Case.model_validate({"case": "Demo", "budget": 1e6, "options": [
        ...     {"id": "a", "tasks": [{"id": "t", "duration": 3}]},
        ...     {"id": "b", "budget": 8e5, "tasks": [{"id": "t", "duration": 3}]}]})
        >>> c.budget_for("a"), c.budget_for("b")
        (1000000.0, 800000.0)
        """
        own = self.option(option_id).budget
        return own if own is not None else self.budget

    def deadline_for(self, option_id: str) -> dt.date | None:
        """The go-live date this option is held to: its own ``deadline``, else the case's."""
        own = self.option(option_id).deadline
        return own if own is not None else self.deadline

    def risk_fingerprint(self) -> str:
        """A hash of what the simulation depends on (not criteria, method, scores or names).

        A simulation carries the fingerprint of its case, so an appraisal can refuse to mix a
        simulation with a case whose tasks, risks, costs, horizon or calendar have changed,
        while new weights or another method reuse it.
        """
        return _FINGERPRINTS.get(risk_parts(self), lambda: _risk_fingerprint(self))

    def summary(self) -> Any:
        """One row per option: size of the plan and its deterministic figures (a DataFrame).

        Columns: option, name, tasks, risks, plan_days, go_live_date, plan_capex,
        run_cost_per_year, plan_tco, expected_risk_cost (sum of probability x mean cost),
        critical_path.
        """
        import pandas as pd

        from decisionkit.case.plan import deterministic_plan

        rows = []
        for o in self.options:
            p = deterministic_plan(self, o)
            rows.append(
                {
                    "option": o.id,
                    "name": o.name,
                    "tasks": len(o.tasks),
                    "risks": len(o.risks),
                    "plan_days": p.go_live,
                    "go_live_date": p.go_live_date,
                    "plan_capex": p.capex,
                    "run_cost_per_year": p.run_cost_per_year,
                    "plan_tco": p.tco,
                    "expected_risk_cost": sum(r.probability * r.cost.mean() for r in o.risks),
                    "critical_path": " > ".join(p.critical_path),
                }
            )
        return pd.DataFrame(rows)

    # -- change -----------------------------------------------------------------------------
    def replace(self, **changes: Any) -> Case:
        """Return a copy with some top-level fields changed, validated again.

        Examples
        --------
        >>> c = Case.model_validate({"case": "Demo", "options": [
        ...     {"id": "a", "tasks": [{"id": "t", "duration": 3}]}]})
        >>> c.replace(horizon_years=8).horizon_years
        8
        """
        data = self.to_data()
        for key, value in changes.items():
            data[key] = _plain(value)
        from decisionkit.case.loaders import parse_case

        return parse_case(data)  # every problem at once, as CaseErrors

    # -- serialisation ------------------------------------------------------------------------
    def to_data(self) -> dict[str, Any]:
        """The case as plain data in its shortest case-file form (for YAML, JSON and Excel)."""
        from decisionkit.case.serialise import case_to_data

        return case_to_data(self)


_FINGERPRINTS: PartsCache[str] = PartsCache(64)


def risk_parts(case: Case) -> tuple[Any, ...]:
    """The parts of a case its simulation depends on (what :meth:`Case.risk_fingerprint`
    hashes): a copy that shares them (new weights, method, budget...) shares the fingerprint.
    """
    return (
        case.start,
        case.holidays,
        case.horizon_years,
        case.legacy_run_cost_per_year,
        case.defaults,
        *(
            part
            for o in case.options
            for part in (o.id, o.tasks, o.go_live, o.run_cost_per_year, o.risks, o.correlations)
        ),
    )


def _risk_fingerprint(case: Case) -> str:
    import hashlib
    import json

    data = case.to_data()
    keep_case = ("start", "holidays", "horizon_years", "legacy_run_cost_per_year", "defaults")
    keep_option = ("id", "tasks", "go_live", "run_cost_per_year", "risks", "correlations")
    core = {k: data.get(k) for k in keep_case}
    core["options"] = [{k: o.get(k) for k in keep_option} for o in data["options"]]
    text = json.dumps(core, sort_keys=True, default=str, ensure_ascii=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_ESTIMATES = {
    "case": ("legacy_run_cost_per_year",),
    "option": ("run_cost_per_year",),
    "task": ("duration", "cost", "cost_per_day"),
    "risk": ("delay", "cost"),
    "mitigation": ("action_cost", "delay", "cost"),
}


def _with_default_law(data: dict[str, Any], law: str) -> dict[str, Any]:
    """A copy of raw case data where each 3-number list estimate names ``law`` explicitly."""

    def fix(node: Any, kind: str) -> Any:
        if not isinstance(node, dict):
            return node
        node = dict(node)
        for key in _ESTIMATES[kind]:
            value = node.get(key)
            if isinstance(value, list | tuple) and len(value) == 3:
                node[key] = {
                    "distribution": law,
                    "min": value[0],
                    "likely": value[1],
                    "max": value[2],
                }
        return node

    out = fix(data, "case")
    for key in ("legacy_footprint", "sourcing", "carbon_price"):
        if key in out:
            out[key] = _nested_law(out[key], law, key)
    if isinstance(out.get("factors"), dict):
        out["factors"] = {k: _nested_law(v, law, "factors") for k, v in out["factors"].items()}
    options = out.get("options")
    if isinstance(options, list | tuple):
        fixed_options = []
        for option in options:
            option = fix(option, "option")
            if isinstance(option, dict):
                if "footprint" in option:
                    option["footprint"] = _nested_law(option["footprint"], law, "footprint")
                for key, kind in (("tasks", "task"), ("risks", "risk")):
                    items = option.get(key)
                    if isinstance(items, list | tuple):
                        option[key] = [fix(item, kind) for item in items]
                for i, risk in enumerate(option.get("risks") or []):
                    if isinstance(risk, dict) and isinstance(risk.get("mitigation"), dict):
                        option["risks"][i] = {
                            **risk,
                            "mitigation": fix(risk["mitigation"], "mitigation"),
                        }
            fixed_options.append(option)
        out["options"] = fixed_options
    return out


def _nested_law(node: Any, law: str, key: str) -> Any:
    """Name ``law`` in every 3-number list under an estimate key of a nested block."""
    if isinstance(node, dict):
        return {k: _nested_law(v, law, k) for k, v in node.items()}
    if isinstance(node, list | tuple):
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in node)
        if len(node) == 3 and numbers and (key in ESTIMATE_KEYS or key == "factors"):
            return {"distribution": law, "min": node[0], "likely": node[1], "max": node[2]}
        return [_nested_law(v, law, key) for v in node]
    return node


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True, exclude_defaults=True)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _loc(loc: tuple[str | int, ...]) -> str:
    from decisionkit.case.paths import format_path

    return format_path(loc)


def _at(problems: list[tuple[tuple[str | int, ...], str]]) -> str:
    """``path: rule; path: rule`` for problems of a case built in Python (one rule)."""
    return rules([rule("rule.at", path=_loc(loc), rule=said) for loc, said in problems])
