"""Environmental footprint and eco-design maturity (layer 2).

- :func:`assess_footprint`: an option's greenhouse-gas footprint over the horizon (embodied,
  use, cloud, network, end-user devices, legacy until go-live), sampled iteration by iteration
  with the simulated go-live; primary energy and abiotic depletion where factors exist; a
  monetised view with a shadow carbon price.
- :func:`assess_ecodesign`: maturity against the RGESN 2024 checklist.
- :func:`factor_table`: the shipped factors, each with its source and licence
  (``data/README.md``).
"""

from decisionkit.sustainability.ecodesign import (
    EcoDesignResult,
    assess_ecodesign,
    check_ecodesign,
    rgesn,
)
from decisionkit.sustainability.factors import IMPACTS, Factor, FactorTable, factor_table
from decisionkit.sustainability.footprint import PARTS
from decisionkit.sustainability.results import (
    FootprintResult,
    assess_footprint,
    check_carbon_price,
)

__all__ = [
    "IMPACTS",
    "PARTS",
    "EcoDesignResult",
    "Factor",
    "FactorTable",
    "FootprintResult",
    "assess_ecodesign",
    "assess_footprint",
    "check_carbon_price",
    "check_ecodesign",
    "factor_table",
    "rgesn",
]
