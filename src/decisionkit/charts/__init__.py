"""Charts of a decision study (layer 4): altair charts that read a Study's facts.

Every function takes a :class:`~decisionkit.Study` (or the facts of a saved one) and
``lang="fr"|"en"``, and returns an ``alt.Chart`` that states its finding in its title, draws
one colour per option (the same in every chart, colour-blind safe) and carries the locale's
number and date formats. :func:`chart_to_svg` and :func:`chart_to_png` render offline.
"""

from decisionkit.charts._base import (
    PALETTE,
    chart_to_html,
    chart_to_png,
    chart_to_svg,
    display_offline,
)
from decisionkit.charts.decision import profile, ranking, smaa, weight_stability
from decisionkit.charts.risk import distribution, joint_confidence, s_curves
from decisionkit.charts.schedule import criticality, outside_view, risk_contributions, tornado
from decisionkit.charts.sustainability import eco_design, footprint, footprint_lines, skills

__all__ = [
    "PALETTE",
    "chart_to_html",
    "chart_to_png",
    "chart_to_svg",
    "criticality",
    "display_offline",
    "distribution",
    "eco_design",
    "footprint",
    "footprint_lines",
    "joint_confidence",
    "outside_view",
    "profile",
    "ranking",
    "risk_contributions",
    "s_curves",
    "skills",
    "smaa",
    "tornado",
    "weight_stability",
]
