"""decisionkit: decide and defend IT project options.

Monte Carlo cost and schedule risk, multi-criteria scoring with robustness, environmental
footprint and skills needs, and decision memos, for public-sector IT project directors.
"""

from decisionkit._version import __version__
from decisionkit.appraisal import (
    Appraisal,
    Assessment,
    appraise,
    assess,
    check_assessments,
    simulate,
)
from decisionkit.case import (
    Case,
    Correlation,
    Criterion,
    Defaults,
    Dependency,
    Estimate,
    Mitigation,
    Option,
    Risk,
    Task,
    load_case,
    parse_case,
)
from decisionkit.errors import (
    CaseError,
    CaseErrors,
    DecisionKitError,
    MCDAError,
    MemoError,
    SimulationError,
)
from decisionkit.risk import CaseSimulation, Outcome, SimulationResult

__all__ = [
    "Appraisal",
    "Assessment",
    "Case",
    "CaseError",
    "CaseErrors",
    "CaseSimulation",
    "Correlation",
    "Criterion",
    "DecisionKitError",
    "Defaults",
    "Dependency",
    "Estimate",
    "MCDAError",
    "MemoError",
    "Mitigation",
    "Option",
    "Outcome",
    "Risk",
    "SimulationError",
    "SimulationResult",
    "Task",
    "__version__",
    "appraise",
    "assess",
    "check_assessments",
    "load_case",
    "parse_case",
    "simulate",
]
