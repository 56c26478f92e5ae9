"""What the chart tests read in a spec: its unit specs, marks, title; nothing to fetch."""

from __future__ import annotations

import json


def units(spec):
    """Every unit spec of a chart: the layers of a layer, a facet or a concatenation."""
    for key in ("spec", "hconcat", "vconcat"):
        if key in spec:
            inner = spec[key]
            return [u for s in (inner if isinstance(inner, list) else [inner]) for u in units(s)]
    if "layer" in spec:
        return [u for layer in spec["layer"] for u in units(layer)]
    return [spec]


def mark(unit):
    return unit["mark"]["type"] if isinstance(unit["mark"], dict) else unit["mark"]


def title(spec):
    return " ".join(spec["title"]["text"])


def offline(spec):
    fetchable = {k: v for k, v in spec.items() if k != "$schema"}
    assert "http" not in json.dumps(fetchable)
