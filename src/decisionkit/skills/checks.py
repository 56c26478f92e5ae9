"""Checks of a case's skills blocks against its competence catalogue and sourcing terms."""

from __future__ import annotations

from decisionkit.case.model import Case
from decisionkit.case.paths import Loc
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


def _where(catalogue: Catalogue) -> str:
    return "the e-CF 4.0 catalogue" if catalogue.source == ECF_SOURCE else "the case's competences"


def _check_code(code: str, level: int | None, loc: Loc, catalogue: Catalogue) -> list[Problem]:
    if code not in catalogue:
        return [
            (
                (*loc, "competence") if level is not None else loc,
                f"unknown competence {code!r}{suggest_code(code, catalogue)}: not in "
                f"{_where(catalogue)}",
            )
        ]
    levels = catalogue.levels(code)
    if level is not None and level not in levels:
        scale = "e-CF levels" if catalogue.source == ECF_SOURCE else "levels"
        return [
            (
                (*loc, "level"),
                f"level {level}: {code} is defined at {scale} {levels_text(levels)}"
                + (f" ({catalogue.name(code)})" if catalogue.name(code) else ""),
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
                    f"duplicate competence code {comp.code!r} "
                    f"(already competences[{seen[comp.code]}])",
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
