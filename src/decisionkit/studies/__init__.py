"""The decision study (layer 3.5): every fact a view shows, and what-if as data.

- :mod:`.core`: :func:`study`, :class:`Study`, :func:`load_study`: the engines run once, in
  order; the facts (``Study.to_dict()``, schema ``decisionkit.study/1``) are what every view
  reads.
- :mod:`.scenario`: :class:`Scenario`, a validated set of changes to a case, and what each
  change touches (so :meth:`Study.what_if` recomputes only that).
- :mod:`.files`: scenario files (what the panel saves and the batch runs).
- :mod:`.facts`, :mod:`.sentences`: the facts as plain data and their sentences in French and
  English.

It sits above :mod:`decisionkit.appraisal` (layer 3) because it wires the appraisal with the
simulation and the assessments; views (layers 4-6) import it, never the reverse.
"""

from decisionkit.studies.core import SCHEMA, Study, StudyError, StudySettings, load_study, study
from decisionkit.studies.files import (
    ScenarioSpec,
    append_scenario,
    is_scenario_file,
    load_scenarios,
)
from decisionkit.studies.scenario import Scenario, apply_scenario, check_scenario, parse_scenario

__all__ = [
    "SCHEMA",
    "Scenario",
    "ScenarioSpec",
    "Study",
    "StudyError",
    "StudySettings",
    "append_scenario",
    "apply_scenario",
    "check_scenario",
    "is_scenario_file",
    "load_scenarios",
    "load_study",
    "parse_scenario",
    "study",
]
