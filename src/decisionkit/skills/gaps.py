"""Skills gap analysis of an option: who covers each need, and how the gap is closed.

The analysis is deterministic: every estimate counts at its mean, and task dates come from the
option's deterministic plan (schedule gates, see :mod:`decisionkit.skills.gates`, are left out
of it). The rules, for one option:

1. The needs are the option's ``skills`` (none: every figure is 0); the team is the case's
   ``team`` (none: nobody). Each competence is worked on its own; its in-house pool is the
   team's FTE at each level. The project's needs (``phase: build``) come first; the run-phase
   needs (``phase: run``, the years in service) then draw on the team as the project leaves
   it: the people trained at their new level, the people recruited, the whole team free again
   (contractors leave).
2. Coverage: the competence's needs are taken by level, highest first (ties in file order).
   Each is covered by pool people at its level or above, the *lowest* sufficient level first
   (people above are kept for higher needs); covered FTE leave the pool (``fte_covered``).
3. ``gap_fte = fte - fte_covered`` per need; the option's ``gap_fte`` is their sum.
4. Closing the gap (needs again highest level first, after every need was covered). The route
   is the need's ``close_by``, else ``sourcing.competences[code].close_by``, else automatic.
   Without a ``sourcing`` block the defaults apply (close by contracting, no terms).

   - ``train`` (explicit, or automatic when ``sourcing.training`` is set): the pool people
     left at levels ``L-1`` down to ``L - training.max_levels`` (highest first) are trained,
     up to the gap (``fte_trained``; ``level_steps`` is the FTE-weighted mean of the steps,
     ``max_level_steps`` the largest). ``training_days = sum(fte x steps) x days_per_level``,
     ``training_cost = training_days x cost_per_day``. What training cannot cover goes to
     ``sourcing.close_by``. An explicit ``train`` without ``sourcing.training`` is an error.
   - ``recruit``: ``fte_recruited``; ``recruitment_cost = fte x cost_per_hire``; the lead
     time is ``sourcing.competences[code].lead_time`` or ``sourcing.recruitment.lead_time``
     (neither: an error).
   - ``contract``: ``fte_contracted``; ``contract_days`` is the span of the need's tasks in
     the plan (earliest start to latest finish; the whole plan when it lists none), or, for a
     ``phase: run`` need, ``contracting.days_per_year x`` the years in service (the plan's
     go-live to the end of the horizon); ``contract_cost = fte x contract_days x daily_rate``
     (the competence's ``daily_rate``, else ``sourcing.contracting.daily_rate``; neither: an
     error).
5. ``extra_cost = training_cost + recruitment_cost + contract_cost``.
6. ``dependency`` = contracted FTE of the critical needs / FTE of the critical needs (when no
   need is flagged ``critical``, every need counts); 0 when that FTE is 0.
7. Scarcity: ``sourcing.competences[code].scarcity`` (none when not given);
   ``scarce_gap_fte = sum(gap_fte x scarcity)`` over the lines with a scarcity.

Amounts below 1e-9 FTE count as 0 (rounding), so a need is never "contracted" for nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from decisionkit.case.assessments import CompetenceTerms, SkillNeed, Sourcing, TeamSkill
from decisionkit.case.calendar import WORKING_DAYS_PER_YEAR
from decisionkit.case.model import Case, Option
from decisionkit.case.paths import Loc, format_path, suggest
from decisionkit.case.plan import Plan, deterministic_plan
from decisionkit.errors import CaseError, CaseErrors, rule
from decisionkit.skills.assessment import Gate, SkillLine, SkillsAssessment
from decisionkit.skills.catalogue import catalogue_for

__all__ = ["GATE_MARKER", "GATE_PREFIXES", "analyse", "assess_skills", "is_gate", "strip_gates"]

Problem = tuple[Loc, str]

GATE_PREFIXES = ("hire-", "train-", "ready-")
"""Id prefixes of the schedule gate tasks (recruitment, training)."""

GATE_MARKER = "decisionkit skills gate"
"""The start of a gate task's ``notes``: gates carry it so they are never added twice."""

EPS = 1e-9
END = "(end of plan)"
"""What a run-phase gate holds back when the option names no go-live task: the plan's end (a
milestone ``ready-<code>`` after the last tasks and the gate)."""


def is_gate(task: object) -> bool:
    """True for a schedule gate task added by :func:`~decisionkit.skills.with_skills_gates`."""
    tid, notes = getattr(task, "id", ""), getattr(task, "notes", "")
    return tid.startswith(GATE_PREFIXES) and notes.startswith(GATE_MARKER)


def strip_gates(option: Option) -> Option:
    """The option without its gate tasks nor the links to them (unvalidated copy)."""
    gates = {t.id for t in option.tasks if is_gate(t)}
    if not gates:
        return option
    tasks = tuple(
        t.model_copy(update={"after": tuple(d for d in t.after if d.task not in gates)})
        for t in option.tasks
        if t.id not in gates
    )
    return option.model_copy(update={"tasks": tasks})


# -- allocation -----------------------------------------------------------------------------


@dataclass
class _Allocation:
    covered: float = 0.0
    gap: float = 0.0
    trained: list[tuple[int, float]] = field(default_factory=list)  # (level steps, fte)
    rest: float = 0.0
    rest_route: str = "contract"


def route_of(need: SkillNeed, sourcing: Sourcing) -> str:
    """The closing route asked for a need: ``train``, ``recruit``, ``contract`` or ``auto``."""
    terms = sourcing.competences.get(need.competence)
    return need.close_by or (terms.close_by if terms else None) or "auto"


def _clean(x: float) -> float:
    return 0.0 if x < EPS else x


def allocate(
    needs: tuple[SkillNeed, ...], team: tuple[TeamSkill, ...], sourcing: Sourcing
) -> list[_Allocation]:
    """Rules 2 to 4 without money: coverage, training, and the route of the rest.

    For each competence, the project's needs come first, on the team; then the run-phase
    needs, on the team as the project leaves it: people trained keep their new level, people
    recruited stay (contractors leave).
    """
    out = [_Allocation() for _ in needs]
    by_code: dict[str, list[int]] = defaultdict(list)
    for j, need in enumerate(needs):
        by_code[need.competence].append(j)
    for code, index in by_code.items():
        team_pool: dict[int, float] = defaultdict(float)
        for member in team:
            if member.competence == code:
                team_pool[member.level] += member.fte
        build = [j for j in index if needs[j].phase == "build"]
        run = [j for j in index if needs[j].phase == "run"]
        _allocate_group(needs, build, defaultdict(float, team_pool), out, sourcing)
        after = defaultdict(float, team_pool)
        for j in build:
            level = needs[j].level
            for steps, fte in out[j].trained:
                after[level - steps] -= fte
                after[level] += fte
            if out[j].rest_route == "recruit":
                after[level] += out[j].rest
        _allocate_group(needs, run, after, out, sourcing)
    return out


def _allocate_group(
    needs: tuple[SkillNeed, ...],
    index: list[int],
    pool: dict[int, float],
    out: list[_Allocation],
    sourcing: Sourcing,
) -> None:
    order = sorted(index, key=lambda j: -needs[j].level)
    for j in order:
        left = needs[j].fte
        for level in sorted(lv for lv in pool if lv >= needs[j].level):
            take = min(max(pool[level], 0.0), left)
            pool[level] -= take
            left -= take
        left = _clean(left)
        out[j].covered, out[j].gap = needs[j].fte - left, left
    for j in order:
        _close(needs[j], out[j], pool, sourcing)


def _close(need: SkillNeed, alloc: _Allocation, pool: dict[int, float], src: Sourcing) -> None:
    route = route_of(need, src)
    left = alloc.gap
    if route in ("train", "auto") and src.training is not None and left > 0:
        lowest = max(need.level - src.training.max_levels, 1)
        for level in range(need.level - 1, lowest - 1, -1):
            take = min(max(pool.get(level, 0.0), 0.0), left)
            if take > EPS:
                pool[level] -= take
                left -= take
                alloc.trained.append((need.level - level, take))
        left = _clean(left)
    alloc.rest = left
    alloc.rest_route = route if route in ("recruit", "contract") else src.close_by


# -- analysis --------------------------------------------------------------------------------


def _span(plan: Plan, tasks: tuple[str, ...]) -> float:
    known = [t for t in tasks if t in plan.starts] or list(plan.starts)
    return max(plan.finishes[t] for t in known) - min(plan.starts[t] for t in known)


def analyse(case: Case, option: Option, base: Loc) -> tuple[tuple[SkillLine, ...], list[Problem]]:
    """The lines of an option's gap analysis, and the problems that stop it being costed.

    Problems (``base`` is the option's path): a need naming an unknown task, a route without
    its terms (recruit without lead time, contract without daily rate, explicit train without
    training terms).
    """
    needs = option.skills or ()
    if not needs:
        return (), []
    sourcing = case.sourcing or Sourcing()
    catalogue = catalogue_for(case)
    work = strip_gates(option)
    plan = deterministic_plan(case, work)
    ids = [t.id for t in work.tasks]
    problems: list[Problem] = []
    lines: list[SkillLine] = []
    allocations = allocate(needs, case.team or (), sourcing)
    for j, (need, al) in enumerate(zip(needs, allocations, strict=True)):
        loc = (*base, "skills", j)
        for k, tid in enumerate(need.tasks):
            if tid not in ids:
                said = rule(
                    "rule.skills.unknown_task",
                    task=repr(tid),
                    hint=suggest(tid, ids),
                    option=repr(option.id),
                    tasks=", ".join(ids),
                )
                problems.append(((*loc, "tasks", k), said))
        code = need.competence
        terms = sourcing.competences.get(code) or CompetenceTerms()
        recruited = al.rest if al.rest_route == "recruit" else 0.0
        contracted = al.rest if al.rest_route == "contract" else 0.0
        problems += _missing_terms(need, terms, sourcing, loc, recruited, contracted)
        trained = float(sum(f for _, f in al.trained))
        steps = sum(s * f for s, f in al.trained)
        training = sourcing.training
        training_days = steps * training.days_per_level.mean() if training else 0.0
        lead_time = terms.lead_time
        if lead_time is None and sourcing.recruitment is not None:
            lead_time = sourcing.recruitment.lead_time
        hire = sourcing.recruitment.cost_per_hire.mean() if sourcing.recruitment else 0.0
        rate = terms.daily_rate
        if rate is None and sourcing.contracting is not None:
            rate = sourcing.contracting.daily_rate
        if need.phase == "run":
            if need.tasks:
                problems.append(((*loc, "tasks"), rule("rule.skills.run_tasks")))
            per_year = sourcing.contracting.days_per_year if sourcing.contracting else 252.0
            service = max(case.horizon_years - plan.go_live / WORKING_DAYS_PER_YEAR, 0.0)
            days = per_year * service if contracted > 0 else 0.0
        else:
            days = _span(plan, need.tasks) if contracted > 0 else 0.0
        used = (["train"] if trained > 0 else []) + ([al.rest_route] if al.rest > 0 else [])
        lines.append(
            SkillLine(
                option=option.id,
                need=j,
                competence=code,
                name=catalogue.entries[code][0] if code in catalogue else "",
                level=need.level,
                fte=need.fte,
                fte_covered=al.covered,
                gap_fte=al.gap,
                close_by="+".join(used),
                fte_trained=trained,
                level_steps=steps / trained if trained > 0 else 0.0,
                max_level_steps=max((s for s, _ in al.trained), default=0),
                training_days=training_days,
                training_cost=training_days * training.cost_per_day.mean() if training else 0.0,
                fte_recruited=recruited,
                recruitment_cost=recruited * hire,
                fte_contracted=contracted,
                contract_days=days,
                contract_cost=contracted * days * rate.mean() if rate is not None else 0.0,
                scarcity=terms.scarcity,
                critical=need.critical,
                tasks=need.tasks,
                lead_time=lead_time if recruited > 0 else None,
                phase=need.phase,
            )
        )
    return tuple(lines), list(dict.fromkeys(problems))


def _missing_terms(
    need: SkillNeed,
    terms: CompetenceTerms,
    sourcing: Sourcing,
    loc: Loc,
    recruited: float,
    contracted: float,
) -> list[Problem]:
    code = need.competence
    out: list[Problem] = []
    if need.close_by == "train" and sourcing.training is None:
        out.append(((*loc, "close_by"), rule("rule.skills.train_terms", code=code)))
    elif terms.close_by == "train" and need.close_by is None and sourcing.training is None:
        out.append(
            (("sourcing", "competences", code, "close_by"), rule("rule.skills.train_terms_case"))
        )
    if recruited > 0 and terms.lead_time is None and sourcing.recruitment is None:
        out.append((loc, rule("rule.skills.lead_time", code=code, fte=f"{recruited:g}")))
    if contracted > 0 and terms.daily_rate is None and sourcing.contracting is None:
        out.append((loc, rule("rule.skills.daily_rate", code=code, fte=f"{contracted:g}")))
    return out


# -- gates ------------------------------------------------------------------------------------


def gate_id(prefix: str, code: str, taken: set[str]) -> str:
    """A task id for a gate: ``hire-B-1`` for ``B.1``, suffixed ``-2``... if taken.

    Examples
    --------
    >>> gate_id("hire-", "B.1", set()), gate_id("hire-", "B.1", {"hire-B-1"})
    ('hire-B-1', 'hire-B-1-2')
    """
    plain = unicodedata.normalize("NFKD", code).encode("ascii", "ignore").decode()
    body = re.sub(r"[^A-Za-z0-9_-]+", "-", plain).strip("-") or "skill"
    ident, n = prefix + body, 1
    while ident in taken:
        n += 1
        ident = f"{prefix}{body}-{n}"
    return ident


def plan_gates(option: Option, lines: tuple[SkillLine, ...], *, train: bool) -> tuple[Gate, ...]:
    """The gates an option (without gates) needs: per competence, a hire and a train gate.

    A hire gate holds back the tasks of the competence's needs that recruit (the option's
    start tasks for a build need without tasks; the go-live task, or the end of the plan
    (:data:`END`), for a run need); a train gate, when ``train`` (the training terms give a
    time to proficiency), those of the needs that train.
    """
    taken = {t.id for t in option.tasks}
    rank = {t.id: i for i, t in enumerate(option.tasks)}
    starts = tuple(t.id for t in option.tasks if not t.after)
    live = (option.go_live,) if option.go_live else (END,)

    def held(line: SkillLine) -> tuple[str, ...]:
        if line.phase == "run":  # run staff must be there by go-live
            return live
        return line.tasks or starts

    gates: list[Gate] = []
    for code in dict.fromkeys(line.competence for line in lines):
        mine = [x for x in lines if x.competence == code]
        for kind, prefix, attr in (
            ("recruit", "hire-", "fte_recruited"),
            ("train", "train-", "fte_trained"),
        ):
            users = [x for x in mine if getattr(x, attr) > 0]
            if not users or (kind == "train" and not train):
                continue
            gated = {t for x in users for t in held(x) if t in rank or t == END}
            ident = gate_id(prefix, code, taken)
            taken.add(ident)
            order = sorted(gated, key=lambda t: rank.get(t, len(rank)))
            gates.append(Gate(ident, code, kind, tuple(order)))
    return tuple(gates)


def assess_skills(case: Case, option: Option) -> SkillsAssessment:
    """Analyse the skills gap of one option (deterministic: estimates at their means).

    The rules are in :mod:`decisionkit.skills.gaps`.

    Parameters
    ----------
    case
        The case: its ``team``, ``sourcing`` and ``competences``.
    option
        The option whose ``skills`` needs are analysed.

    Returns
    -------
    SkillsAssessment

    Raises
    ------
    CaseErrors
        When the gap cannot be costed: a need names an unknown task, or a route lacks its
        terms (recruitment without lead time, contracting without daily rate, explicit
        training without training terms). Catalogue problems (unknown codes, levels) do not
        stop the analysis: :func:`~decisionkit.skills.check_skills` reports them.

    Examples
    --------
    >>> c = Case.model_validate({"case": "x", "options": [{"id": "a",
    ...     "tasks": [{"id": "t", "duration": 20}],
    ...     "skills": [{"competence": "E.2", "level": 3, "fte": 2.0}]}],
    ...     "team": [{"competence": "E.2", "level": 4, "fte": 1.0}],
    ...     "sourcing": {"contracting": {"daily_rate": 600}}})
    >>> a = assess_skills(c, c.options[0])
    >>> a.gap_fte, a.contract_cost, a.dependency
    (1.0, 12000.0, 0.5)
    """
    index = next((i for i, o in enumerate(case.options) if o.id == option.id), option.id)
    lines, problems = analyse(case, option, ("options", index))
    if problems:
        raise CaseErrors(CaseError(format_path(loc), rule) for loc, rule in problems)
    train = bool(
        case.sourcing and case.sourcing.training and case.sourcing.training.time_to_proficiency
    )
    gates = plan_gates(strip_gates(option), lines, train=train)
    return SkillsAssessment(option=option.id, lines=lines, gates=gates, currency=case.currency)
