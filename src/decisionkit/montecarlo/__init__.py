"""Shared Monte Carlo pieces (layer 1.5): samplers and the outcome of a simulated quantity.

They sit between the case model and the engines that use them (risk, sustainability,
skills), which must not import each other.
"""

from decisionkit.montecarlo.outcome import PERCENTILES, Outcome
from decisionkit.montecarlo.sampling import EstimateTable, latin_hypercube, uniforms

__all__ = ["PERCENTILES", "EstimateTable", "Outcome", "latin_hypercube", "uniforms"]
