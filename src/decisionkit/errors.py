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

The rule of a :class:`CaseError` is a :class:`Rule` when it comes from the catalogues (every
rule decisionkit writes): a ``str`` holding the English text, with the message id and its
parameters, so that :meth:`CaseError.message` and :meth:`CaseErrors.message` can say it in
French. ``str(err)`` stays English::

    err = CaseError("tasks[1].duration", rule("rule.estimate.min_gt_likely", min="12", likely="10"))
    str(err)            # 'tasks[1].duration: min 12 > likely 10' (after the source)
    err.message("fr")   # '... : la valeur minimale 12 dépasse la valeur la plus probable 10'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from decisionkit.i18n import check_lang, plural, t

__all__ = [
    "CaseError",
    "CaseErrors",
    "DecisionKitError",
    "MCDAError",
    "MemoError",
    "Rule",
    "SimulationError",
    "StudyError",
    "rule",
    "rule_message",
    "rule_of",
    "rules",
]


class Rule(str):
    """A rule in plain words: its English text, and the catalogue message it was made from.

    A ``Rule`` is a ``str`` equal to the English text (so it compares, hashes, prints and
    pickles as before); :meth:`message` says it in another language. Build one with
    :func:`rule`. Parameters are texts already formatted (ids, numbers as the user wrote them,
    lists), or other rules (a did-you-mean hint, the parts of a compound rule), which are
    translated with it.

    Attributes
    ----------
    key
        The message id, e.g. ``"rule.estimate.min_gt_likely"`` (for a plural message, the id
        without ``.one`` or ``.other``).
    params
        The values of the placeholders.
    count
        The number that chooses the plural form, or ``None``.
    lead
        Text written before the message whatever the language (the space before a hint).
    """

    key: str
    params: Mapping[str, str]
    count: float | None
    lead: str

    def __new__(
        cls,
        text: str,
        key: str,
        params: Mapping[str, str],
        count: float | None = None,
        lead: str = "",
    ) -> Rule:
        self = super().__new__(cls, text)
        self.key = key
        self.params = dict(params)
        self.count = count
        self.lead = lead
        return self

    def message(self, lang: str = "en") -> str:
        """The rule in ``lang`` (``"fr"`` or ``"en"``), its parameters translated too.

        Examples
        --------
        >>> rule("rule.estimate.min_gt_likely", min="12", likely="10").message("fr")
        'la valeur minimale 12 dépasse la valeur la plus probable 10'
        """
        lang = check_lang(lang)
        if lang == "en":
            return str(self)
        return _format(self.key, lang, self.params, self.count, self.lead)

    def __reduce__(self) -> tuple[Any, ...]:  # pickling keeps the id and the parameters
        return (Rule, (str(self), self.key, self.params, self.count, self.lead))


def _format(key: str, lang: str, params: Mapping[str, str], count: float | None, lead: str) -> str:
    values = {k: v.message(lang) if isinstance(v, Rule) else v for k, v in params.items()}
    text = t(key, lang, **values) if count is None else plural(key, lang, count, **values)
    return lead + text


def rule(key: str, /, *, count: float | None = None, lead: str = "", **params: str) -> Rule:
    """Return the rule ``key`` of the catalogues, in English, with its placeholders filled.

    Parameters
    ----------
    key
        A ``rule.*`` message id (the id without ``.one``/``.other`` when ``count`` is given).
    count
        For a plural message: the number that chooses ``.one`` or ``.other`` in each language.
    lead
        Text put before the message in every language (``" "`` before a hint).
    **params
        The placeholders' values: formatted texts, or rules translated with this one.

    Raises
    ------
    KeyError, ValueError
        For an unknown id, a missing placeholder or an unknown parameter (see
        :func:`decisionkit.i18n.t`).

    Examples
    --------
    >>> r = rule("rule.estimate.min_gt_likely", min="12", likely="10")
    >>> r == "min 12 > likely 10", r.key
    (True, 'rule.estimate.min_gt_likely')
    """
    return Rule(_format(key, "en", params, count, lead), key, params, count, lead)


def rules(parts: Sequence[str]) -> str:
    """Several rules broken by one value, as one rule: ``a; b; c`` (``a ; b ; c`` in French).

    Returns ``""`` for no rule and the rule itself for one.

    Examples
    --------
    >>> rules(["min 12 > likely 10", "likely 10 > max 8"])
    'min 12 > likely 10; likely 10 > max 8'
    """
    if not parts:
        return ""
    out = parts[-1]
    for part in reversed(parts[:-1]):
        out = rule("rule.and", first=part, then=out)
    return out


def rule_of(exc: BaseException) -> str:
    """The rule an exception carries: the :class:`Rule` it was raised with, else its text.

    ``str(exc)`` would turn a rule into plain English text; this keeps its message id, for
    code that catches a ``ValueError(rule(...))`` and reports it as a :class:`CaseError`.
    """
    if len(exc.args) == 1 and isinstance(exc.args[0], Rule):
        return exc.args[0]
    return str(exc)


def rule_message(text: str, lang: str = "en") -> str:
    """A rule in ``lang`` when it is a :class:`Rule`; any other text as it is.

    For a view that shows a problem's rule alone (``err.rule``), without its place.

    Examples
    --------
    >>> rule_message(rule("rule.case.no_tasks"), "fr"), rule_message("plain text", "fr")
    ('une option compte au moins une tâche', 'plain text')
    """
    return text.message(lang) if isinstance(text, Rule) else text


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

    def _where(self) -> str:
        # file:line is a locator, the same in every language (editors follow it)
        return self.source if self.location is None else f"{self.source}:{self.location}"

    def _message(self) -> str:
        where = self._where()
        return f"{where}: {self.path}: {self.rule}" if self.path else f"{where}: {self.rule}"

    def message(self, lang: str = "en") -> str:
        """The problem in ``lang``: where, the field path and the rule in that language.

        A rule that is not a :class:`Rule` (plain text) is written as it is. In English this
        is ``str(err)``.

        Examples
        --------
        >>> r = rule("rule.value.probability", value="1.5")
        >>> err = CaseError("risks[0].probability", r, source="c.yaml", location="4")
        >>> print(err.message("fr").replace("\xa0", " "))
        c.yaml:4 : risks[0].probability : la probabilité 1.5 n’est pas comprise entre 0 et 1
        """
        lang = check_lang(lang)
        said = rule_message(self.rule, lang)
        if self.path:
            return t("error.line", lang, where=self._where(), path=self.path, rule=said)
        return t("error.line.file", lang, where=self._where(), rule=said)

    def __str__(self) -> str:
        return self._message()

    def __reduce__(self):  # pickling keeps the keyword-only fields (and the rule's id)
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

    def message(self, lang: str = "en") -> str:
        """Every problem in ``lang``: a head line, then one indented line per problem.

        In English this is ``str(err)``.

        Examples
        --------
        >>> err = CaseErrors([CaseError("options", rule("rule.case.no_options"), source="c.yaml")])
        >>> print(err.message("fr").replace("\xa0", " "))
        1 problème dans c.yaml :
          c.yaml : options : la liste des options est vide : un dossier compte au moins une option
        """
        lang = check_lang(lang)
        n = len(self.errors)
        head = plural("error.problems", lang, n, n=str(n), source=self.source)
        return "\n".join([head, *(f"  {e.message(lang)}" for e in self.errors)])

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
