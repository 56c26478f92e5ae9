"""Where a criterion's value comes ``from``: a small, checked grammar.

=====================================  ==================================================
``from``                               value per option
=====================================  ==================================================
``capex[.STAT]``                       simulated project cost (tasks, risks), currency
``tco[.STAT]``                         capex + run cost over the horizon + legacy run cost
``finish[.STAT]``                      simulated end of the plan, working days from the start
``go_live[.STAT]``                     simulated go-live (the option's ``go_live`` task)
``scores.NAME``                        the expert score ``NAME`` of each option
``footprint.PART[.STAT]``              environmental footprint (PART: total, embodied, use,
                                       cloud, network, devices, legacy), kgCO2e over the horizon;
                                       ``footprint.carbon_cost``: total x carbon price, currency
``eco_design.score``                   eco-design maturity (0-100); ``ecodesign.score`` (0.1) too
``skills.FIGURE``                      gap_fte, training_days, extra_cost or dependency
=====================================  ==================================================

``STAT`` is ``mean`` (the default), ``std`` or a percentile ``p1`` ... ``p99``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from decisionkit.case.paths import suggest
from decisionkit.errors import rule

__all__ = ["SIMULATED", "Source", "parse_source"]

SIMULATED = ("capex", "tco", "finish", "go_live")
FOOTPRINT_PARTS = (
    "total",
    "embodied",
    "use",
    "cloud",
    "network",
    "devices",
    "legacy",
    "carbon_cost",
)
SKILLS_FIGURES = ("gap_fte", "training_days", "extra_cost", "dependency")
_STAT = re.compile(r"^(mean|std|p([1-9]|[1-9][0-9]))$")

_EXAMPLES = "capex.p80, tco.mean, finish.p90, scores.<name>, footprint.total, eco_design.score"


@dataclass(frozen=True)
class Source:
    """A parsed ``from`` path.

    Attributes
    ----------
    kind
        ``"simulated"``, ``"scores"``, ``"footprint"``, ``"eco_design"`` or ``"skills"``.
    name
        The metric (``"tco"``), score name, footprint part or skills figure.
    stat
        ``"mean"``, ``"std"`` or ``"p80"``..., for simulated and footprint values; else ``None``.
    """

    kind: str
    name: str
    stat: str | None = None

    @property
    def percentile(self) -> int | None:
        """The percentile of a ``pNN`` statistic, else ``None``."""
        return int(self.stat[1:]) if self.stat and self.stat.startswith("p") else None


def parse_source(text: str) -> Source:
    """Parse a criterion's ``from`` path.

    Raises
    ------
    ValueError
        When the path names nothing; the message says what is accepted.

    Examples
    --------
    >>> parse_source("tco.p80")
    Source(kind='simulated', name='tco', stat='p80')
    >>> parse_source("scores.user_value")
    Source(kind='scores', name='user_value', stat=None)
    """
    parts = text.strip().split(".")
    head = parts[0]
    if head in SIMULATED:
        return Source("simulated", head, _stat(text, parts[1:]))
    if head == "scores":
        if len(parts) != 2 or not parts[1]:
            raise ValueError(rule("rule.source.no_score", source=repr(text)))
        return Source("scores", parts[1])
    if head == "footprint":
        if len(parts) < 2 or parts[1] not in FOOTPRINT_PARTS:
            got = parts[1] if len(parts) > 1 else ""
            raise ValueError(
                rule(
                    "rule.source.no_footprint",
                    source=repr(text),
                    parts="|".join(FOOTPRINT_PARTS),
                    hint=suggest(got, FOOTPRINT_PARTS),
                )
            )
        return Source("footprint", parts[1], _stat(text, parts[2:]))
    if head in ("eco_design", "ecodesign"):  # ecodesign: the 0.1 spelling
        if parts[1:] != ["score"]:
            raise ValueError(rule("rule.source.no_eco_design", source=repr(text)))
        return Source("eco_design", "score")
    if head == "skills":
        if len(parts) != 2 or parts[1] not in SKILLS_FIGURES:
            got = parts[1] if len(parts) > 1 else ""
            raise ValueError(
                rule(
                    "rule.source.no_skills",
                    source=repr(text),
                    figures="|".join(SKILLS_FIGURES),
                    hint=suggest(got, SKILLS_FIGURES),
                )
            )
        return Source("skills", parts[1])
    heads = (*SIMULATED, "scores", "footprint", "eco_design", "skills")
    raise ValueError(
        rule(
            "rule.source.nothing", source=repr(text), hint=suggest(head, heads), examples=_EXAMPLES
        )
    )


def _stat(text: str, rest: list[str]) -> str:
    if not rest:
        return "mean"
    if len(rest) == 1 and _STAT.match(rest[0]):
        return rest[0]
    raise ValueError(
        rule("rule.source.not_statistic", source=repr(text), stat=repr(".".join(rest)))
    )
