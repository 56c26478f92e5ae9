"""Assessments beside cost and delay (layer 3): footprint, eco-design, skills.

This layer wires the layer-2 engines that must cooperate without importing each other:

- :func:`simulate` adds the skills gates to the case (a recruitment's lead time, a training's
  time to proficiency, as tasks before the tasks needing the competence), then runs the risk
  engine: the added schedule risk goes through the same network simulation.
- :func:`assess` samples each option's footprint iteration by iteration with the simulated
  go-live (so the footprint is correlated with the schedule: a later go-live lengthens the
  legacy run), scores the RGESN self-assessment and analyses the skills gap.
- :func:`check_assessments` checks what the case layer cannot: factor ids, RGESN ids,
  competence codes and levels (``decisionkit validate`` runs it).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import numpy as np

import decisionkit.risk as risk
import decisionkit.skills as skills
from decisionkit.case._cache import PartsCache
from decisionkit.case.model import Case, risk_parts
from decisionkit.case.paths import format_path
from decisionkit.case.plan import deterministic_plan
from decisionkit.errors import CaseError, CaseErrors, SimulationError
from decisionkit.risk import CaseSimulation
from decisionkit.rng import DEFAULT_SEED
from decisionkit.sustainability import (
    EcoDesignResult,
    FootprintResult,
    assess_ecodesign,
    assess_footprint,
    check_carbon_price,
    check_ecodesign,
)

__all__ = [
    "Assessment",
    "assess",
    "check_assessments",
    "is_stale",
    "simulate",
    "simulated_case",
]


def simulated_case(case: Case, *, skills_gates: bool = True) -> Case:
    """The case the risk engine runs: with the skills gates unless ``skills_gates=False``."""
    return skills.with_skills_gates(case) if skills_gates else case


def is_stale(simulation: CaseSimulation | None, case: Case) -> bool:
    """True when ``simulation`` was run on another version of ``case`` (with or without gates).

    The gated case is built only when the plain one does not match.
    """
    if simulation is None or not simulation.fingerprint:
        return False
    if simulation.fingerprint == case.risk_fingerprint():
        return False
    return simulation.fingerprint != _GATED_FINGERPRINTS.get(
        _gate_parts(case), lambda: simulated_case(case).risk_fingerprint()
    )


_GATED_FINGERPRINTS: PartsCache[str] = PartsCache(64)


def _gate_parts(case: Case) -> tuple[Any, ...]:
    """What the gated case depends on: the simulated parts, the skills needs, the team and
    how gaps are closed (a copy with new weights or a new budget shares them)."""
    return (
        *risk_parts(case),
        case.team,
        case.sourcing,
        case.competences,
        case.currency,
        *(o.skills for o in case.options),
    )


def simulate(case: Case, *, skills_gates: bool = True, **options: Any) -> CaseSimulation:
    """Simulate cost and schedule risk, skills gates included.

    Takes the options of :func:`decisionkit.risk.simulate` (``iterations``, ``seed``,
    ``workers``...). With ``skills_gates`` (the default), each competence an option recruits
    (or trains, with a time to proficiency) becomes a task ``hire-<code>`` (``train-<code>``)
    whose uncertain lead time precedes the tasks needing it, so the simulated finish, go-live,
    criticality and drivers include that schedule risk.

    Examples
    --------
    >>> import decisionkit as dk
    >>> sim = dk.simulate(dk.load_case("examples/si-rh.yaml"), iterations=2_000, seed=1)
    >>> sim["saas"].finish.percentile(80) > 0
    True
    """
    return risk.simulate(simulated_case(case, skills_gates=skills_gates), **options)


def check_assessments(case: Case, source: str = "") -> list[CaseError]:
    """Problems of the footprint, eco-design and skills blocks that need the shipped data."""
    out: list[CaseError] = []
    for i, option in enumerate(case.options):
        if option.footprint is not None:
            try:
                assess_footprint(case, option.id, go_live_days=0.0, iterations=2, seed=0)
            except CaseErrors as exc:
                out += [CaseError(e.path, e.rule, source=source) for e in exc.errors]
        if option.eco_design is not None:
            out += [
                CaseError(p, r, source=source)
                for p, r in check_ecodesign(option.eco_design, f"options[{i}].eco_design")
            ]
    out += [CaseError(p, r, source=source) for p, r in check_carbon_price(case)]
    out += [
        CaseError(format_path(loc), rule, source=source) for loc, rule in skills.check_skills(case)
    ]
    unique = {(e.path, e.rule): e for e in out}
    return list(unique.values())


@dataclass(frozen=True)
class Assessment:
    """Footprint, eco-design and skills results per option (``None`` without the block)."""

    options: tuple[str, ...]
    footprint: dict[str, FootprintResult | None]
    eco_design: dict[str, EcoDesignResult | None]
    skills: dict[str, skills.SkillsAssessment | None]
    seed: int | None
    option_names: tuple[str, ...] = ()
    currency: str = "EUR"

    def to_frame(self) -> Any:
        """One row per option: footprint mean and P80, carbon cost, RGESN score, coverage and
        missing priority criteria, skills gap FTE, training days, extra cost and dependency.

        Columns ``option``, ``name`` (the option's display name, its id when it has none),
        the figures (NaN without the block), then their units: ``footprint_unit`` (kgCO2e
        over the horizon) and ``cost_unit`` (the currency, of ``carbon_cost_mean`` and of
        the skills' ``extra_cost``); the RGESN score is out of 100, coverage and dependency
        are fractions (0-1), the gap in FTE and training in days, as their names say.
        """
        import pandas as pd

        names = dict(zip(self.options, self.option_names, strict=False))
        rows = []
        for o in self.options:
            f, e, s = self.footprint[o], self.eco_design[o], self.skills[o]
            rows.append(
                {
                    "option": o,
                    "name": names.get(o) or o,
                    "footprint_mean": f.total.mean() if f else np.nan,
                    "footprint_p80": f.total.percentile(80) if f else np.nan,
                    "carbon_cost_mean": f.carbon_cost.mean() if f and f.carbon_cost else np.nan,
                    "eco_design_score": e.score if e else np.nan,
                    "eco_design_coverage": e.coverage if e else np.nan,
                    "missing_priority": len(e.missing_priority) if e else np.nan,
                    "gap_fte": s.gap_fte if s else np.nan,
                    "training_days": s.training_days if s else np.nan,
                    "extra_cost": s.extra_cost if s else np.nan,
                    "dependency": s.dependency if s else np.nan,
                    "footprint_unit": "kgCO2e",
                    "cost_unit": self.currency,
                }
            )
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able results per option."""
        return {
            o: {
                "footprint": f.to_dict() if (f := self.footprint[o]) else None,
                "eco_design": e.to_dict() if (e := self.eco_design[o]) else None,
                "skills": s.to_dict() if (s := self.skills[o]) else None,
            }
            for o in self.options
        }

    def _repr_html_(self) -> str:
        return "<b>Assessment</b>" + self.to_frame().to_html(escape=True, index=False)

    def __str__(self) -> str:
        return html.unescape(self.to_frame().to_string(index=False))


def assess(
    case: Case,
    simulation: CaseSimulation | None = None,
    *,
    seed: int | None = None,
    iterations: int = 10_000,
) -> Assessment:
    """Assess every option's footprint, eco-design maturity and skills gap.

    Parameters
    ----------
    case
        The case.
    simulation
        A simulation of the case: the footprint follows each iteration's go-live. Without
        one, the deterministic plan's go-live is used for ``iterations`` draws of the factors.
    seed
        The seed of the footprint draws (default: the simulation's).

    Raises
    ------
    CaseErrors
        What :func:`check_assessments` finds.
    SimulationError
        When ``simulation`` was run on another version of the case.

    Examples
    --------
    >>> import decisionkit as dk
    >>> case = dk.load_case("examples/si-rh.yaml")
    >>> a = dk.assess(case, dk.simulate(case, iterations=2_000, seed=1))
    >>> a.footprint["saas"].total.percentile(80) > 0
    True
    """
    problems = check_assessments(case)
    if problems:
        raise CaseErrors(problems)
    if is_stale(simulation, case):
        raise SimulationError(
            "the simulation was run on a different version of the case (tasks, risks, costs, "
            "horizon, calendar or skills): simulate the case again"
        )
    if seed is None:
        seed = simulation.seed if simulation is not None else DEFAULT_SEED
    footprint: dict[str, FootprintResult | None] = {}
    eco_design: dict[str, EcoDesignResult | None] = {}
    skill: dict[str, skills.SkillsAssessment | None] = {}
    for option in case.options:
        if option.footprint is not None:
            if simulation is not None and option.id in simulation.options:
                days: Any = simulation[option.id].go_live.values
                n = None
            else:
                days, n = deterministic_plan(case, option).go_live, iterations
            footprint[option.id] = assess_footprint(
                case, option.id, go_live_days=days, iterations=n, seed=seed
            )
        else:
            footprint[option.id] = None
        eco_design[option.id] = (
            assess_ecodesign(option.id, option.eco_design) if option.eco_design else None
        )
        skill[option.id] = skills.assess_skills(case, option) if option.skills is not None else None
    return Assessment(
        options=case.option_ids,
        footprint=footprint,
        eco_design=eco_design,
        skills=skill,
        seed=seed,
        option_names=tuple(o.name or o.id for o in case.options),
        currency=case.currency,
    )
