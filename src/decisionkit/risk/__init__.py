"""Monte Carlo cost and schedule risk (layer 2): knows only the case models and numpy."""

from decisionkit.risk.results import CaseSimulation, Outcome, SimulationResult
from decisionkit.risk.simulate import (
    CHUNK_SIZE,
    CorrelationRepairWarning,
    PrecisionWarning,
    simulate,
)

__all__ = [
    "CHUNK_SIZE",
    "CaseSimulation",
    "CorrelationRepairWarning",
    "Outcome",
    "PrecisionWarning",
    "SimulationResult",
    "simulate",
]
