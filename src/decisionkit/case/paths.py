"""Field paths: ``("options", 1, "tasks", 3, "duration")`` <-> ``options[1].tasks[3].duration``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from decisionkit.errors import rule

__all__ = ["Loc", "format_path", "hint", "parse_path", "suggest"]

Loc = tuple[str | int, ...]


def format_path(loc: Sequence[str | int]) -> str:
    """Format a location tuple as a field path.

    Examples
    --------
    >>> format_path(("options", 1, "tasks", 3, "duration"))
    'options[1].tasks[3].duration'
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def parse_path(path: str) -> Loc:
    """Parse a field path back into a location tuple (the inverse of :func:`format_path`).

    Examples
    --------
    >>> parse_path("options[1].footprint.equipment[0].embodied")
    ('options', 1, 'footprint', 'equipment', 0, 'embodied')
    """
    import re

    out: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        out.append(int(index) if index else name)
    return tuple(out)


_SYNONYMS = {
    "mode": "likely",
    "most_likely": "likely",
    "ml": "likely",
    "probable": "likely",
    "low": "min",
    "minimum": "min",
    "high": "max",
    "maximum": "max",
    "dist": "distribution",
    "law": "distribution",
    "type": "distribution",
    "std": "sd",
    "depends_on": "after",
    "predecessors": "after",
    "dependencies": "after",
    "title": "name",
    "label": "name",
    "prob": "probability",
    "p": "probability",
    "impact": "cost",
    "source": "from",
}


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return a ``" (did you mean 'x'?)"`` hint, or ``""`` when nothing is close.

    The hint is a :class:`~decisionkit.errors.Rule` (``rule.hint.did_you_mean``), for the
    ``{hint}`` placeholder of another rule.

    Examples
    --------
    >>> suggest("duraton", ["duration", "cost"])
    " (did you mean 'duration'?)"
    """
    choices = list(choices)
    synonym = _SYNONYMS.get(word.lower())
    if synonym in choices:
        return hint(synonym)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    return hint(close[0]) if close else ""


def hint(word: str) -> str:
    """The ``" (did you mean 'x'?)"`` hint for ``word``, as a rule (``rule.hint.did_you_mean``)."""
    return rule("rule.hint.did_you_mean", lead=" ", word=repr(word))
