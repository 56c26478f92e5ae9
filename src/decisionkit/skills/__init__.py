"""Skills gaps (layer 2): the competences an option needs, who covers them, what closing costs.

A skills need (``options[].skills``) asks for ``fte`` people at an e-CF level; the case's
``team`` covers what it can, and the gap is closed by training, recruitment or contracting
under the case's ``sourcing`` terms (rules in :mod:`decisionkit.skills.gaps`). Recruitment and
training also take time: :func:`with_skills_gates` adds that time to the plan as gate tasks,
so the Monte Carlo engine samples the delay with the rest of the schedule.
"""

from decisionkit.skills.assessment import SkillsAssessment
from decisionkit.skills.catalogue import Catalogue, catalogue_for, ecf_catalogue, load_catalogue
from decisionkit.skills.checks import check_skills
from decisionkit.skills.gaps import GATE_PREFIXES, assess_skills
from decisionkit.skills.gates import with_skills_gates

__all__ = [
    "GATE_PREFIXES",
    "Catalogue",
    "SkillsAssessment",
    "assess_skills",
    "catalogue_for",
    "check_skills",
    "ecf_catalogue",
    "load_catalogue",
    "with_skills_gates",
]
