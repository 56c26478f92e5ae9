"""Appraisal (layer 3): where the layer-2 engines meet.

- :mod:`.assess`: skills gates before the risk simulation; footprint sampled with the
  simulated go-live; RGESN maturity; skills gap analysis.
- :mod:`.matrix`: the decision matrix built from the criteria' ``from`` paths, its scores,
  ranking and robustness.
"""

from decisionkit.appraisal.assess import (
    Assessment,
    assess,
    check_assessments,
    simulate,
    simulated_case,
)
from decisionkit.appraisal.matrix import Appraisal, appraise

__all__ = [
    "Appraisal",
    "Assessment",
    "appraise",
    "assess",
    "check_assessments",
    "simulate",
    "simulated_case",
]
