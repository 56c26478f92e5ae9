"""The decision case: its models (layer 1) and its loaders (YAML, JSON, Excel)."""

from decisionkit.case.estimates import Estimate
from decisionkit.case.loaders import load_case, parse_case
from decisionkit.case.model import (
    Case,
    Correlation,
    Criterion,
    Defaults,
    Dependency,
    Mitigation,
    Option,
    Risk,
    Task,
)

__all__ = [
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
]
