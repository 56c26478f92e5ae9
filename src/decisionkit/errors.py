"""Exceptions raised by decisionkit.

Every error a user can cause says *where* (file, line or Excel cell, field path), *what* rule
was broken and, where it helps, what was expected. Errors survive pickling, so batch workers
can send them back to the parent process.

Exception tree::

    DecisionKitError
    ├── CaseError (ValueError)     one bad input: source, field path, rule
    ├── CaseErrors (ValueError)    all input problems at once (a tuple of CaseError)
    ├── MCDAError (ValueError)     e.g. all weights zero
    ├── SimulationError            names the option and the chunk
    ├── StudyError (ValueError)    a study file of another schema or case version, bad settings
    └── MemoError                  scenario, cell index, error name and value
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "CaseError",
    "CaseErrors",
    "DecisionKitError",
    "MCDAError",
    "MemoError",
    "SimulationError",
    "StudyError",
]


class DecisionKitError(Exception):
    """Base class of every error decisionkit raises on purpose."""


class CaseError(DecisionKitError, ValueError):
    """One problem in a decision case.

    Parameters
    ----------
    path
        Field path in the case, e.g. ``options[1].tasks[3].duration`` (empty for the whole file).
    rule
        The rule broken, in plain words, e.g. ``min 12 > likely 10``.
    source
        The file name (or ``"<case>"`` for a case built in Python).
    location
        Where in the file: ``"12"`` (a line number) or ``"tasks!C5"`` (an Excel cell), if known.
    """

    def __init__(
        self, path: str, rule: str, *, source: str = "<case>", location: str | None = None
    ) -> None:
        self.path = path
        self.rule = rule
        self.source = source
        self.location = location
        super().__init__(self._message())

    def _message(self) -> str:
        where = self.source if self.location is None else f"{self.source}:{self.location}"
        return f"{where}: {self.path}: {self.rule}" if self.path else f"{where}: {self.rule}"

    def __str__(self) -> str:
        return self._message()

    def __reduce__(self):  # pickling keeps the keyword-only fields
        return (_rebuild_case_error, (self.path, self.rule, self.source, self.location))


def _rebuild_case_error(path: str, rule: str, source: str, location: str | None) -> CaseError:
    return CaseError(path, rule, source=source, location=location)


class CaseErrors(DecisionKitError, ValueError):  # noqa: N818 (the design names it)
    """Every problem found in a decision case, reported at once.

    Parameters
    ----------
    errors
        The individual problems, in file order.

    Examples
    --------
    >>> err = CaseErrors([CaseError("options", "at least one option is needed", source="c.yaml")])
    >>> print(err)
    1 problem in c.yaml:
      c.yaml: options: at least one option is needed
    """

    def __init__(self, errors: Iterable[CaseError]) -> None:
        self.errors: tuple[CaseError, ...] = tuple(errors)
        super().__init__(self._message())

    @property
    def source(self) -> str:
        """The file the problems come from (the first error's source)."""
        return self.errors[0].source if self.errors else "<case>"

    def _message(self) -> str:
        n = len(self.errors)
        head = f"{n} problem{'s' if n != 1 else ''} in {self.source}:"
        return "\n".join([head, *(f"  {e}" for e in self.errors)])

    def __str__(self) -> str:
        return self._message()

    def __reduce__(self):
        return (CaseErrors, (self.errors,))


class MCDAError(DecisionKitError, ValueError):
    """Invalid input to a multi-criteria method (shape, direction, weights...)."""


class SimulationError(DecisionKitError):
    """A simulation failed; the message names the option and the chunk."""


class StudyError(DecisionKitError, ValueError):
    """A study cannot be made, loaded or changed; the message says why and what to do."""


class MemoError(DecisionKitError):
    """A memo failed to build; the message names the scenario, cell and error."""
