"""Checks of a case's skills blocks against its competence catalogue and sourcing terms."""

from __future__ import annotations

from decisionkit.case.model import Case
from decisionkit.case.paths import Loc
from decisionkit.errors import rule
from decisionkit.skills.catalogue import (
    ECF_SOURCE,
    Catalogue,
    catalogue_for,
    levels_text,
    suggest_code,
)
from decisionkit.skills.gaps import analyse

__all__ = ["check_skills"]

Problem = tuple[Loc, str]


def _check_code(code: str, level: int | None, loc: Loc, catalogue: Catalogue) -> list[Problem]:
    scale = "ecf" if catalogue.source == ECF_SOURCE else "case"
    if code not in catalogue:
        hint = suggest_code(code, catalogue)
        return [
            (
                (*loc, "competence") if level is not None else loc,
                rule(f"rule.skills.unknown.{scale}", code=repr(code), hint=hint),
            )
        ]
    levels = catalogue.levels(code)
    if level is not None and level not in levels:
        name = catalogue.name(code)
        said = {"level": str(level), "code": code, "levels": levels_text(levels)}
        return [
            (
                (*loc, "level"),
                rule(f"rule.skills.level.{scale}_named", **said, name=name)
                if name
                else rule(f"rule.skills.level.{scale}", **said),
            )
        ]
    return []


def check_skills(case: Case) -> list[tuple[tuple[str | int, ...], str]]:
    """Every problem of a case's skills blocks, as ``(field path, rule)`` pairs.

    Checked: competence codes of the needs, the team and ``sourcing.competences`` against the
    catalogue (:func:`~decisionkit.skills.catalogue_for`, with a did-you-mean), levels against
    the levels at which the competence is defined, duplicate codes in ``competences``, needs
    naming a task the option lacks, and the terms of the route each need will use
    (recruitment without lead time, contracting without daily rate, explicit training
    without training terms).

    Parameters
    ----------
    case
        A validated case.

    Returns
    -------
    list of (path, rule)
        Paths like ``("options", 1, "skills", 0, "competence")``; empty when all is well.

    Examples
    --------
    >>> c = Case.model_validate({"case": "x", "options": [{"id": "a",
    ...     "tasks": [{"id": "t", "duration": 5}],
    ...     "skills": [{"competence": "B1", "level": 2, "fte": 1, "close_by": "recruit"}]}],
    ...     "sourcing": {"recruitment": {"lead_time": 60}}})
    >>> [(loc, rule)] = check_skills(c)
    >>> loc
    ('options', 0, 'skills', 0, 'competence')
    >>> rule.split(": ")[0]
    "unknown competence 'B1' (did you mean 'B.1' (Application Development)?)"
    """
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, comp in enumerate(case.competences or ()):
        if comp.code in seen:
            problems.append(
                (
                    ("competences", i, "code"),
                    rule(
                        "rule.skills.duplicate_code",
                        code=repr(comp.code),
                        other=f"competences[{seen[comp.code]}]",
                    ),
                )
            )
        else:
            seen[comp.code] = i
    catalogue = catalogue_for(case)
    for i, option in enumerate(case.options):
        for j, need in enumerate(option.skills or ()):
            problems += _check_code(
                need.competence, need.level, ("options", i, "skills", j), catalogue
            )
    for j, member in enumerate(case.team or ()):
        problems += _check_code(member.competence, member.level, ("team", j), catalogue)
    if case.sourcing is not None:
        for code in case.sourcing.competences:
            problems += _check_code(code, None, ("sourcing", "competences", code), catalogue)
    for i, option in enumerate(case.options):
        problems += analyse(case, option, ("options", i))[1]
    return list(dict.fromkeys(problems))
