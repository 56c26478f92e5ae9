"""Criteria templates: ``criteria: mareva2`` in a case file stands for a shipped list.

A template is a YAML file in ``templates/criteria/`` holding ``template`` (its name) and
``criteria``. A case writes the name alone, or a mapping that also sets weights::

    criteria: mareva2
    criteria: {template: mareva2, weights: {rentabilite: 3, environnement: 2}}

Unknown template names and weights for criteria the template lacks are errors. A weight of 0
leaves the criterion out (so a case without skills needs can use ``competences: 0``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from decisionkit.case.paths import suggest
from decisionkit.errors import rule
from decisionkit.resources import resource_path

__all__ = ["CRITERIA_TEMPLATES", "PLACEHOLDER", "expand_criteria", "template_criteria"]

CRITERIA_TEMPLATES: tuple[str, ...] = ("mareva2",)
"""Names of the shipped criteria templates."""

PLACEHOLDER = "placeholder weight"
"""Start of the notes of a template criterion whose weight the case did not set."""

Problem = tuple[tuple[str | int, ...], str]


@cache
def _load(name: str) -> tuple[dict[str, Any], ...]:
    path = resource_path("templates", f"criteria/{name}.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(dict(c) for c in data["criteria"])


def template_criteria(name: str) -> list[dict[str, Any]]:
    """The criteria of a shipped template, as case-file mappings (fresh copies).

    Examples
    --------
    >>> [c["from"] for c in template_criteria("mareva2")][:2]
    ['tco.p80', 'scores.risk_control']
    """
    if name not in CRITERIA_TEMPLATES:
        raise KeyError(name)
    return [dict(c) for c in _load(name)]


def expand_criteria(data: Any) -> tuple[Any, list[Problem]]:
    """Replace a template reference in raw case data by the template's criteria.

    Returns the (possibly new) data and the problems found; data without a template reference
    comes back unchanged.
    """
    if not isinstance(data, dict):
        return data, []
    ref = data.get("criteria")
    if isinstance(ref, str):
        spec: dict[str, Any] = {"template": ref}
    elif isinstance(ref, dict):
        spec = ref
    else:
        return data, []
    loc: tuple[str | int, ...] = ("criteria",)
    name = spec.get("template")
    unknown = sorted(set(spec) - {"template", "weights"})
    problems: list[Problem] = []
    if unknown:
        problems.append((loc, rule("rule.template.keys", keys=repr(unknown))))
    if not isinstance(name, str) or name not in CRITERIA_TEMPLATES:
        got = name if isinstance(name, str) else ""
        said = rule(
            "rule.template.unknown",
            name=repr(name),
            hint=suggest(got, CRITERIA_TEMPLATES),
            templates=", ".join(CRITERIA_TEMPLATES),
        )
        problems.append((loc, said))
        return {**data, "criteria": []}, problems
    criteria = template_criteria(name)
    weights = spec.get("weights") or {}
    if not isinstance(weights, dict):
        problems.append(((*loc, "weights"), rule("rule.template.weights")))
        weights = {}
    ids = [c["id"] for c in criteria]
    for key, weight in weights.items():
        if key not in ids:
            said = rule(
                "rule.template.no_criterion",
                template=name,
                key=repr(key),
                hint=suggest(str(key), ids),
            )
            problems.append(((*loc, "weights", str(key)), said))
            continue
        criteria[ids.index(key)]["weight"] = weight
    for c in criteria:
        if c["id"] not in weights:
            c["notes"] = f"{PLACEHOLDER} ({name} template): set your own in criteria.weights"
    # a weight of 0 leaves the criterion out: its block is then not needed on the options
    kept = [c for c in criteria if c.get("weight") != 0]
    return {**data, "criteria": kept}, problems
