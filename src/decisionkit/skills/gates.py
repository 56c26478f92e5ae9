"""Schedule gates: a skills gap closed by hiring or training delays the tasks that need it.

:func:`with_skills_gates` turns the gates of each option's gap analysis into tasks of the
plan, so that the Monte Carlo engine samples the delay like any other duration:

- ``hire-<code>`` (e.g. ``hire-B-1``): the recruitment lead time of a competence with FTE
  recruited; it comes before the tasks of the needs that recruit;
- ``train-<code>``: when ``sourcing.training.time_to_proficiency`` is set, that time scaled by
  the largest number of level steps trained; it comes before the tasks of the needs that train.

A build need without tasks gates the option's start tasks; a run-phase need gates the
option's ``go_live`` task, or, without one, a milestone ``ready-<code>`` after the last tasks
and the gate (go-live is the end of the plan: it waits for the gate only when the gate ends
later). Gate tasks cost nothing; their ``notes`` start with ``decisionkit skills gate``, so
gating a gated case changes nothing.
"""

from __future__ import annotations

from typing import Any

from decisionkit.case._cache import IdentityCache
from decisionkit.case.estimates import Estimate
from decisionkit.case.model import Case, Option
from decisionkit.skills.assessment import Gate, SkillsAssessment
from decisionkit.skills.catalogue import catalogue_for
from decisionkit.skills.gaps import END, GATE_MARKER, GATE_PREFIXES, assess_skills, gate_id

__all__ = ["scale_estimate", "with_skills_gates"]

_SCALED = ("min", "likely", "max", "mean", "sd", "p10", "p90", "value")


def scale_estimate(estimate: Estimate, k: float) -> Estimate:
    """The estimate of ``k`` times the quantity (every parameter times ``k``).

    Scales min/likely/max, mean/sd, p10/p90 or value; ``k = 0`` gives a fixed 0.

    Raises
    ------
    ValueError
        If ``k`` is negative.

    Examples
    --------
    >>> scale_estimate(Estimate.of([10, 20, 40]), 2).parameters
    {'min': 20.0, 'likely': 40.0, 'max': 80.0}
    """
    if k < 0:
        raise ValueError(f"scale factor {k:g} is negative: must be >= 0")
    if k == 0:
        return Estimate.of(0)
    params = estimate.parameters_given()
    scaled = {name: params[name] * k for name in _SCALED if name in params}
    return Estimate.model_validate({"distribution": estimate.distribution, **scaled})


def _is_gate_data(task: Any) -> bool:
    return (
        isinstance(task, dict)
        and str(task.get("id", "")).startswith(GATE_PREFIXES)
        and str(task.get("notes", "")).startswith(GATE_MARKER)
    )


def _dep_task(dep: Any) -> Any:
    return dep.get("task") if isinstance(dep, dict) else dep


def _gate_duration(case: Case, assessment: SkillsAssessment, gate: Gate) -> Estimate:
    lines = [x for x in assessment.lines if x.competence == gate.competence]
    if gate.kind == "recruit":
        lead = next(x.lead_time for x in lines if x.lead_time is not None)
        return lead
    training = case.sourcing.training  # type: ignore[union-attr]  # a train gate needs it
    ttp = training.time_to_proficiency  # type: ignore[union-attr]
    return scale_estimate(ttp, max(x.max_level_steps for x in lines))  # type: ignore[arg-type]


def _gated_data(case: Case, option: Option, data: dict[str, Any]) -> dict[str, Any]:
    """The option's data with its gates rebuilt from its gap analysis."""
    assessment = assess_skills(case, option)
    old = {t["id"] for t in data["tasks"] if _is_gate_data(t)}
    tasks = []
    for task in data["tasks"]:
        if task.get("id") in old:
            continue
        after = [d for d in task.get("after", []) if _dep_task(d) not in old]
        task = {k: v for k, v in task.items() if k != "after"}
        tasks.append({**task, "after": after} if after else task)
    catalogue = catalogue_for(case)
    default = case.defaults.distribution
    followed = {_dep_task(d) for t in tasks for d in t.get("after", [])}
    ends = [t["id"] for t in tasks if t["id"] not in followed]
    gates: list[dict[str, Any]] = []
    milestones: list[dict[str, Any]] = []
    for gate in assessment.gates:
        what = "Recrutement / hiring" if gate.kind == "recruit" else "Formation / training"
        duration = _gate_duration(case, assessment, gate)
        gates.append(
            {
                "id": gate.task,
                "name": f"{what}: {catalogue.title(gate.competence)}",
                "duration": duration.to_data(default),
                "notes": f"{GATE_MARKER}: {gate.kind} {gate.competence} before "
                + ", ".join(gate.gated),
            }
        )
        for task in tasks:
            if task["id"] in gate.gated:
                task["after"] = [*task.get("after", []), gate.task]
        if END in gate.gated:  # go-live is the plan's end: it waits for the gate too
            ready = gate_id("ready-", gate.competence, {t["id"] for t in [*gates, *tasks]})
            milestones.append(
                {
                    "id": ready,
                    "name": f"Prêt pour l'exploitation / ready to run: {gate.competence}",
                    "duration": 0,
                    "after": [*ends, gate.task],
                    "notes": f"{GATE_MARKER}: go-live waits for {gate.task}",
                }
            )
    return {**data, "tasks": [*gates, *tasks, *milestones]}


def with_skills_gates(case: Case) -> Case:
    """Add the schedule gates of every option's skills gaps to its plan.

    Parameters
    ----------
    case
        A validated case.

    Returns
    -------
    Case
        A new case with the gate tasks (see the module docstring), or ``case`` itself when
        no option needs a gate or the gates are already there. Gates are rebuilt from the
        current team and sourcing, so gating again after a change updates them.

    Raises
    ------
    CaseErrors
        When a gap cannot be costed (see :func:`~decisionkit.skills.assess_skills`).

    Examples
    --------
    >>> c = Case.model_validate({"case": "x", "options": [{"id": "a",
    ...     "tasks": [{"id": "build", "duration": 20}],
    ...     "skills": [{"competence": "B.1", "level": 3, "fte": 1, "close_by": "recruit"}]}],
    ...     "sourcing": {"recruitment": {"lead_time": [40, 60, 90]}}})
    >>> g = with_skills_gates(c)
    >>> [(t.id, [d.task for d in t.after]) for t in g.options[0].tasks]
    [('hire-B-1', []), ('build', ['hire-B-1'])]
    >>> with_skills_gates(g) is g
    True
    """
    return _GATED.get(case, _gated)


_GATED: IdentityCache[Case] = IdentityCache(32)


def _gated(case: Case) -> Case:
    data = case.to_data()
    options = [
        _gated_data(case, option, item)
        for option, item in zip(case.options, data["options"], strict=True)
    ]
    if options == data["options"]:
        return case
    return case.replace(options=options)
