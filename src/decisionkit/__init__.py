"""decisionkit: decide and defend IT project options.

Monte Carlo cost and schedule risk, multi-criteria scoring with robustness, environmental
footprint and skills needs, and decision memos, for public-sector IT project directors.

The public names are imported on first use (PEP 562), so that ``import decisionkit`` costs
little (a command line that only validates a case never loads the engines);
``from decisionkit import simulate``, ``dir()`` and tab completion work as usual.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from decisionkit._version import __version__
from decisionkit.errors import (
    CaseError,
    CaseErrors,
    DecisionKitError,
    MCDAError,
    MemoError,
    SimulationError,
    StudyError,
)

if TYPE_CHECKING:  # what type checkers and IDEs read; at run time, _LAZY below
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
    from decisionkit.risk import CaseSimulation, Outcome, SimulationResult
    from decisionkit.studies import Scenario, Study, load_scenarios, load_study, study

_LAZY = {  # public name -> the module it is imported from on first use
    **dict.fromkeys(
        ("Appraisal", "Assessment", "appraise", "assess", "check_assessments", "simulate"),
        "decisionkit.appraisal",
    ),
    **dict.fromkeys(
        (
            "Case",
            "Correlation",
            "Criterion",
            "Defaults",
            "Dependency",
            "Estimate",
            "Mitigation",
            "Option",
            "Risk",
            "Task",
            "load_case",
            "parse_case",
        ),
        "decisionkit.case",
    ),
    **dict.fromkeys(("CaseSimulation", "Outcome", "SimulationResult"), "decisionkit.risk"),
    **dict.fromkeys(
        ("Scenario", "Study", "load_scenarios", "load_study", "study"), "decisionkit.studies"
    ),
}

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
    "Scenario",
    "SimulationError",
    "SimulationResult",
    "Study",
    "StudyError",
    "Task",
    "__version__",
    "appraise",
    "assess",
    "check_assessments",
    "load_case",
    "load_scenarios",
    "load_study",
    "parse_case",
    "simulate",
    "study",
]


def __getattr__(name: str) -> Any:
    """Import a public name with its first use, then keep it in the module."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'decisionkit' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
