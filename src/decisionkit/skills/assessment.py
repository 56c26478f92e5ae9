"""The result of a skills gap analysis: one line per need, option totals, schedule gates."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, NamedTuple

from decisionkit.case.estimates import Estimate

__all__ = ["FRAME_COLUMNS", "LINE_FIELDS", "Gate", "SkillLine", "SkillsAssessment"]

LINE_FIELDS = (
    "option",
    "competence",
    "name",
    "phase",
    "level",
    "fte",
    "fte_covered",
    "gap_fte",
    "close_by",
    "fte_trained",
    "level_steps",
    "max_level_steps",
    "training_days",
    "training_cost",
    "fte_recruited",
    "recruitment_cost",
    "lead_time",
    "fte_contracted",
    "contract_days",
    "contract_cost",
    "extra_cost",
    "scarcity",
    "critical",
    "tasks",
)
"""The figures of a need, in order: the keys of :meth:`SkillLine.to_dict` (with ``need``)."""

FRAME_COLUMNS = (*LINE_FIELDS, "cost_unit")
"""The columns of :meth:`SkillsAssessment.to_frame`, in order: a need's figures, then the
unit of its costs (the currency)."""

TOTALS = (
    "fte",
    "fte_covered",
    "gap_fte",
    "fte_trained",
    "training_days",
    "training_cost",
    "fte_recruited",
    "recruitment_cost",
    "fte_contracted",
    "contract_cost",
    "extra_cost",
    "dependency",
    "scarce_gap_fte",
)
"""The option totals of :meth:`SkillsAssessment.to_dict`."""


class Gate(NamedTuple):
    """A schedule gate: hiring or training that must end before some tasks may start."""

    task: str
    """The gate task's id (``hire-B-1``, ``train-B-1``)."""
    competence: str
    kind: str
    """``"recruit"`` (duration: the lead time) or ``"train"`` (time to proficiency)."""
    gated: tuple[str, ...]
    """The tasks that wait for the gate."""


@dataclass(frozen=True)
class SkillLine:
    """The gap analysis of one skills need of an option (see :mod:`decisionkit.skills.gaps`).

    ``need`` is the need's index in the option's ``skills``; ``close_by`` the routes actually
    used (``"train+contract"`` when split, ``""`` without a gap); ``gap_fte`` the FTE not
    covered in-house; ``level_steps`` the FTE-weighted mean of the levels trained,
    ``max_level_steps`` the largest; ``lead_time`` the recruitment lead time in working days
    (when people are recruited).
    """

    option: str
    need: int
    competence: str
    name: str
    level: int
    fte: float
    fte_covered: float
    gap_fte: float
    close_by: str
    fte_trained: float
    level_steps: float
    max_level_steps: int
    training_days: float
    training_cost: float
    fte_recruited: float
    recruitment_cost: float
    fte_contracted: float
    contract_days: float
    contract_cost: float
    scarcity: float | None
    critical: bool
    tasks: tuple[str, ...]
    lead_time: Estimate | None = None
    phase: str = "build"

    @property
    def extra_cost(self) -> float:
        """Training + recruitment + contracting cost of this need."""
        return self.training_cost + self.recruitment_cost + self.contract_cost

    def to_dict(self) -> dict[str, Any]:
        """The line as JSON-able data (``tasks`` a list, ``lead_time`` in case-file form)."""
        out: dict[str, Any] = {c: getattr(self, c) for c in LINE_FIELDS}
        out["tasks"] = list(self.tasks)
        out["need"] = self.need
        out["lead_time"] = None if self.lead_time is None else self.lead_time.to_data()
        return out


def _total(lines: tuple[SkillLine, ...], attr: str) -> float:
    return float(sum(getattr(line, attr) for line in lines))


@dataclass(frozen=True)
class SkillsAssessment:
    """The skills gap analysis of one option: per-need lines, totals and schedule gates.

    Totals are sums over the lines, except ``dependency`` (the share of the critical needs'
    FTE that is contracted, in [0, 1]). Build it with :func:`~decisionkit.skills.assess_skills`.

    Examples
    --------
    >>> a = SkillsAssessment(option="saas")
    >>> a.gap_fte, a.extra_cost, a.dependency
    (0.0, 0.0, 0.0)
    """

    option: str
    lines: tuple[SkillLine, ...] = ()
    gates: tuple[Gate, ...] = ()
    currency: str = "EUR"

    # -- totals --------------------------------------------------------------------------------
    @property
    def fte(self) -> float:
        """FTE needed, over all needs."""
        return _total(self.lines, "fte")

    @property
    def fte_covered(self) -> float:
        """FTE covered by in-house people at the level needed or above."""
        return _total(self.lines, "fte_covered")

    @property
    def gap_fte(self) -> float:
        """The skills gap: FTE not covered in-house (closed by training, hiring, contracting)."""
        return _total(self.lines, "gap_fte")

    @property
    def fte_trained(self) -> float:
        """FTE closed by training in-house people."""
        return _total(self.lines, "fte_trained")

    @property
    def training_days(self) -> float:
        """Training days (FTE x level steps x days per level)."""
        return _total(self.lines, "training_days")

    @property
    def training_cost(self) -> float:
        """Training days x cost per day."""
        return _total(self.lines, "training_cost")

    @property
    def fte_recruited(self) -> float:
        """FTE closed by hiring."""
        return _total(self.lines, "fte_recruited")

    @property
    def recruitment_cost(self) -> float:
        """FTE recruited x cost per hire."""
        return _total(self.lines, "recruitment_cost")

    @property
    def fte_contracted(self) -> float:
        """FTE closed by contractors."""
        return _total(self.lines, "fte_contracted")

    @property
    def contract_cost(self) -> float:
        """FTE contracted x days spanned x daily rate."""
        return _total(self.lines, "contract_cost")

    @property
    def extra_cost(self) -> float:
        """Training + recruitment + contracting cost."""
        return self.training_cost + self.recruitment_cost + self.contract_cost

    @property
    def dependency(self) -> float:
        """Contracted FTE / FTE of the critical needs (every need when none is flagged)."""
        critical = tuple(line for line in self.lines if line.critical) or self.lines
        total = _total(critical, "fte")
        return _total(critical, "fte_contracted") / total if total > 0 else 0.0

    @property
    def scarce_gap_fte(self) -> float:
        """Gap FTE weighted by the scarcity of each competence (lines with a scarcity)."""
        return float(sum(x.gap_fte * x.scarcity for x in self.lines if x.scarcity is not None))

    def totals(self) -> dict[str, float]:
        """The option totals, by name (``gap_fte``, ``extra_cost``, ``dependency``...)."""
        return {name: float(getattr(self, name)) for name in TOTALS}

    # -- export -----------------------------------------------------------------------------
    def to_frame(self) -> Any:
        """One row per need (a pandas DataFrame with :data:`FRAME_COLUMNS`).

        The figures are those of :meth:`SkillLine.to_dict` (``lead_time`` in case-file form,
        in working days, ``None`` without recruitment); ``tasks`` is the comma-separated task
        ids of the need (empty: the whole project); ``cost_unit`` the currency of the costs.
        """
        import pandas as pd

        rows = []
        for line in self.lines:
            row = {c: v for c, v in line.to_dict().items() if c in LINE_FIELDS}
            row["tasks"] = ", ".join(line.tasks)
            row["cost_unit"] = self.currency
            rows.append(row)
        return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))

    def to_dict(self) -> dict[str, Any]:
        """The assessment as JSON-able data: option, currency, totals, lines and gates."""
        return {
            "option": self.option,
            "currency": self.currency,
            "totals": self.totals(),
            "lines": [line.to_dict() for line in self.lines],
            "gates": [
                {"task": g.task, "competence": g.competence, "kind": g.kind, "tasks": list(g.gated)}
                for g in self.gates
            ],
        }

    def _repr_html_(self) -> str:
        esc = html.escape
        cur = esc(self.currency)
        head = (
            f"<p><b>Skills: {esc(self.option)}</b> &mdash; need {self.fte:g} FTE, "
            f"gap {self.gap_fte:g} FTE, extra cost {self.extra_cost:,.0f} {cur}, "
            f"dependency {self.dependency:.0%}</p>"
        )
        if not self.lines:
            return head + "<p>No skills needs.</p>"
        cols = ("competence", "level", "FTE", "covered", "gap", "closed by", f"cost ({cur})")
        rows = "".join(
            "<tr>"
            f"<td>{esc(x.competence)} {esc(x.name)}</td><td>{x.level}</td><td>{x.fte:g}</td>"
            f"<td>{x.fte_covered:g}</td><td>{x.gap_fte:g}</td><td>{esc(x.close_by)}</td>"
            f"<td>{x.extra_cost:,.0f}</td></tr>"
            for x in self.lines
        )
        header = "".join(f"<th>{c}</th>" for c in cols)
        gates = "".join(
            f"<li>{esc(g.task)} ({esc(g.kind)} {esc(g.competence)}) before "
            f"{esc(', '.join(g.gated))}</li>"
            for g in self.gates
        )
        table = f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
        return head + table + (f"<p>Schedule gates:</p><ul>{gates}</ul>" if gates else "")
