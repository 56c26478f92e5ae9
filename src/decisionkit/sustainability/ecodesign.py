"""Eco-design maturity against the RGESN 2024 checklist (78 criteria in 9 families).

Score
-----
Each criterion carries the weight of its priority in the RGESN spreadsheet (Prioritaire 1.5,
Recommandé 1.25, Modéré 1). Over the applicable criteria (all but those answered *not
applicable*), the maturity is ``100 x sum(weights of compliant) / sum(weights of applicable)``,
overall and per family. Criteria not assessed count as not met: an option is not credited for
what nobody checked (``coverage`` says how much was assessed). ``missing_priority`` lists the
applicable *Prioritaire* criteria not met (or not assessed).
"""

from __future__ import annotations

import csv
import html
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from decisionkit.case.assessments import EcoDesign
from decisionkit.case.paths import suggest
from decisionkit.errors import rule

__all__ = [
    "SCORE_UNIT",
    "Criterion",
    "EcoDesignResult",
    "assess_ecodesign",
    "check_ecodesign",
    "rgesn",
]

SCORE_UNIT = "RGESN score /100"
"""The unit of an RGESN maturity score (overall or per family)."""

_DATA = Path(__file__).with_name("data") / "rgesn_2024.csv"
ANSWERS = ("compliant", "not_compliant", "not_applicable")


@dataclass(frozen=True)
class Criterion:
    """One RGESN 2024 criterion (texts in French, as published)."""

    id: str
    family: str
    question: str
    priority: str
    effort: str
    weight: float


@lru_cache(maxsize=1)
def rgesn() -> tuple[Criterion, ...]:
    """The 78 RGESN 2024 criteria, in checklist order (cached).

    Examples
    --------
    >>> len(rgesn()), rgesn()[9].id
    (78, '1.10')
    """
    with _DATA.open(encoding="utf-8", newline="") as fh:
        return tuple(
            Criterion(
                id=r["id"],
                family=r["family"],
                question=r["question"],
                priority=r["priority"],
                effort=r["effort"],
                weight=float(r["weight"]),
            )
            for r in csv.DictReader(fh)
        )


@dataclass(frozen=True)
class EcoDesignResult:
    """The RGESN maturity of one option.

    Attributes
    ----------
    score
        Overall maturity, 0-100 (see the module docstring).
    families
        ``(family, score, compliant, applicable)`` per family, in checklist order; the score
        is NaN for a family with no applicable criterion.
    coverage
        Share of the 78 criteria that were assessed (any answer), 0-1.
    missing_priority
        Applicable *Prioritaire* criteria not met or not assessed.
    answers
        Each criterion's answer: compliant, not_compliant, not_applicable or not_assessed.
    """

    option: str
    score: float
    families: tuple[tuple[str, float, int, int], ...]
    coverage: float
    missing_priority: tuple[str, ...]
    answers: dict[str, str]

    def to_frame(self) -> Any:
        """One row per family (and ``all``): option, family, score, unit (of the score,
        :data:`SCORE_UNIT`), compliant, applicable (numbers of criteria)."""
        import pandas as pd

        rows = [
            {
                "option": self.option,
                "family": f,
                "score": s,
                "unit": SCORE_UNIT,
                "compliant": c,
                "applicable": a,
            }
            for f, s, c, a in self.families
        ]
        applicable = sum(a for *_, a in self.families)
        compliant = sum(c for _, _, c, _ in self.families)
        rows.append(
            {
                "option": self.option,
                "family": "all",
                "score": self.score,
                "unit": SCORE_UNIT,
                "compliant": compliant,
                "applicable": applicable,
            }
        )
        return pd.DataFrame(rows)

    def criteria(self) -> Any:
        """One row per criterion: id, family, priority, effort, answer, question."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "option": self.option,
                    "id": c.id,
                    "family": c.family,
                    "priority": c.priority,
                    "effort": c.effort,
                    "answer": self.answers[c.id],
                    "question": c.question,
                }
                for c in rgesn()
            ]
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-able summary."""
        return {
            "option": self.option,
            "score": self.score,
            "coverage": self.coverage,
            "families": [
                {"family": f, "score": s if a else None, "compliant": c, "applicable": a}
                for f, s, c, a in self.families
            ],
            "missing_priority": list(self.missing_priority),
        }

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(f)}</td><td>{'-' if a == 0 else f'{s:.0f}'}</td>"
            f"<td>{c}/{a}</td></tr>"
            for f, s, c, a in self.families
        )
        return (
            f"<b>RGESN maturity of {html.escape(self.option)}: {self.score:.0f}/100</b> "
            f"(assessed {self.coverage:.0%})<table>{rows}</table>"
        )


def check_ecodesign(block: EcoDesign, path: str) -> list[tuple[str, str]]:
    """Problems of an answer block: unknown ids, a criterion answered twice."""
    known = [c.id for c in rgesn()]
    seen: dict[str, str] = {}
    out: list[tuple[str, str]] = []
    for answer in ANSWERS:
        for i, cid in enumerate(getattr(block, answer)):
            where = f"{path}.{answer}[{i}]"
            if cid not in known:
                said = rule("rule.ecodesign.unknown", id=repr(cid), hint=suggest(cid, known))
                out.append((where, said))
            elif cid in seen:
                out.append((where, rule("rule.ecodesign.twice", id=cid, answer=seen[cid])))
            else:
                seen[cid] = answer
    return out


def assess_ecodesign(option_id: str, block: EcoDesign) -> EcoDesignResult:
    """Score an option's RGESN self-assessment (ids are assumed checked).

    Examples
    --------
    >>> r = assess_ecodesign("a", EcoDesign(compliant=("1.1",), not_applicable=("1.2",)))
    >>> r.families[0][1]  # 1.5 / 12.0: weight of 1.1 over the 9 applicable criteria of family 1
    12.5
    """
    answers = {c.id: "not_assessed" for c in rgesn()}
    for answer in ANSWERS:
        for cid in getattr(block, answer):
            answers[cid] = answer
    families: dict[str, list[float]] = {}
    total = [0.0, 0.0]
    missing = []
    for c in rgesn():
        fam = families.setdefault(c.family, [0.0, 0.0, 0, 0])
        a = answers[c.id]
        if a == "not_applicable":
            continue
        fam[1] += c.weight
        fam[3] += 1
        total[1] += c.weight
        if a == "compliant":
            fam[0] += c.weight
            fam[2] += 1
            total[0] += c.weight
        elif c.priority == "Prioritaire":
            missing.append(c.id)
    assessed = sum(a != "not_assessed" for a in answers.values())
    return EcoDesignResult(
        option=option_id,
        score=100 * total[0] / total[1] if total[1] else 0.0,
        families=tuple(
            (f, 100 * v[0] / v[1] if v[1] else float("nan"), int(v[2]), int(v[3]))
            for f, v in families.items()
        ),
        coverage=assessed / len(answers),
        missing_priority=tuple(missing),
        answers=answers,
    )
