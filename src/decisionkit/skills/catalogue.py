"""Competence catalogues: the shipped e-CF 4.0 (EN 16234-1) or an organisation's own.

A catalogue maps a competence code (``B.1``) to its title, its area and the proficiency levels
(e-CF levels 1 to 5) at which the competence is defined. A catalogue file is a CSV (UTF-8,
comma-separated) with the columns ``code, area, name, levels``; ``levels`` lists the levels
separated by ``;`` (``3;4;5``). Extra columns are ignored.
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from decisionkit.case.paths import suggest
from decisionkit.errors import CaseError, CaseErrors, rule, rules

if TYPE_CHECKING:
    from decisionkit.case.assessments import Competence
    from decisionkit.case.model import Case

__all__ = [
    "COLUMNS",
    "Catalogue",
    "catalogue_for",
    "ecf_catalogue",
    "levels_text",
    "load_catalogue",
    "suggest_code",
]

COLUMNS = ("code", "area", "name", "levels")
"""The columns of a catalogue file, in their usual order."""

ECF_SOURCE = "e-CF 4.0"

Entry = tuple[str, str, tuple[int, ...]]
"""A catalogue row: ``(name, area, levels)``."""


@dataclass(frozen=True)
class Catalogue:
    """A competence catalogue: code -> (name, area, levels).

    Parameters
    ----------
    entries
        ``{code: (name, area, levels)}`` in catalogue order; levels are sorted e-CF levels.
    source
        Where the catalogue comes from (``"e-CF 4.0"``, a file path, ``"case competences"``).

    Examples
    --------
    >>> cat = Catalogue({"X.1": ("Data stewardship", "X Data", (2, 3))})
    >>> "X.1" in cat, cat.name("X.1"), cat.levels("X.1")
    (True, 'Data stewardship', (2, 3))
    """

    entries: Mapping[str, Entry] = field(hash=False)
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", MappingProxyType(dict(self.entries)))

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def codes(self) -> tuple[str, ...]:
        """The competence codes, in catalogue order."""
        return tuple(self.entries)

    @property
    def areas(self) -> tuple[str, ...]:
        """The distinct areas, in catalogue order."""
        return tuple(dict.fromkeys(area for _, area, _ in self.entries.values()))

    def _entry(self, code: str) -> Entry:
        try:
            return self.entries[code]
        except KeyError:
            hint = suggest_code(code, self)
            raise KeyError(f"{code!r} is not in the {self.source or 'catalogue'}{hint}") from None

    def name(self, code: str) -> str:
        """The title of ``code`` (``KeyError`` naming the closest code if unknown)."""
        return self._entry(code)[0]

    def area(self, code: str) -> str:
        """The area of ``code`` (``KeyError`` if unknown)."""
        return self._entry(code)[1]

    def levels(self, code: str) -> tuple[int, ...]:
        """The levels at which ``code`` is defined (``KeyError`` if unknown)."""
        return self._entry(code)[2]

    def title(self, code: str) -> str:
        """``"B.1 Application Development"``, or the bare code when unknown or untitled."""
        entry = self.entries.get(code)
        return f"{code} {entry[0]}" if entry and entry[0] else code

    def to_frame(self) -> Any:
        """One row per competence: code, area, name, levels (``"3;4;5"``, as in the file).

        ``to_frame().to_csv(path, index=False)`` writes a file :func:`load_catalogue` reads.
        """
        import pandas as pd

        rows = [
            {"code": c, "area": a, "name": n, "levels": ";".join(map(str, lv))}
            for c, (n, a, lv) in self.entries.items()
        ]
        return pd.DataFrame(rows, columns=list(COLUMNS))


def levels_text(levels: Iterable[int]) -> str:
    """Levels as people write them: ``4-5`` for a run, ``1, 3, 5`` otherwise.

    Examples
    --------
    >>> levels_text((3, 4, 5)), levels_text((1, 3)), levels_text((2,))
    ('3-5', '1, 3', '2')
    """
    lv = sorted(set(levels))
    if len(lv) > 1 and lv == list(range(lv[0], lv[-1] + 1)):
        return f"{lv[0]}-{lv[-1]}"
    return ", ".join(map(str, lv))


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def suggest_code(code: str, catalogue: Catalogue) -> str:
    """A ``" (did you mean 'B.1' (Application Development)?)"`` hint, or ``""``.

    Codes are compared ignoring case and punctuation (``b1`` -> ``B.1``), then by close spelling,
    then by title (``architecture`` -> ``A.5`` Architecture Design).

    Examples
    --------
    >>> suggest_code("b1", ecf_catalogue())
    " (did you mean 'B.1' (Application Development)?)"
    """

    def hint(found: str) -> str:
        name = catalogue.entries[found][0]
        if name:
            return rule("rule.hint.did_you_mean_named", lead=" ", word=repr(found), name=name)
        return rule("rule.hint.did_you_mean", lead=" ", word=repr(found))

    squashed = [c for c in catalogue.codes if _squash(c) == _squash(code) and _squash(code)]
    if len(squashed) == 1:
        return hint(squashed[0])
    close = difflib.get_close_matches(code, catalogue.codes, n=1, cutoff=0.8)
    if close:
        return hint(close[0])
    words = _squash(code)
    if len(words) >= 4:
        by_name = [c for c, (n, _, _) in catalogue.entries.items() if words in _squash(n)]
        if len(by_name) == 1:
            return hint(by_name[0])
    return ""


# -- reading ------------------------------------------------------------------------------------


def _parse(text: str, source: str) -> Catalogue:
    """Read catalogue CSV text; every problem is reported at once, by line and column."""
    problems: list[CaseError] = []

    def add(line: int, column: str, said: str) -> None:
        problems.append(CaseError(column, said, source=source, location=str(line)))

    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise CaseErrors(
            [
                CaseError(
                    "", rule("rule.catalogue.empty_file", columns=", ".join(COLUMNS)), source=source
                )
            ]
        )
    names = [h.strip().lower() for h in header]
    if len(names) == 1 and ";" in names[0]:
        raise CaseErrors(
            [
                CaseError(
                    "",
                    rule("rule.catalogue.semicolons", columns=", ".join(COLUMNS)),
                    source=source,
                    location="1",
                )
            ]
        )
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        others = [n for n in names if n not in COLUMNS]
        said = [
            rule("rule.catalogue.missing_column", column=repr(m), hint=suggest(m, others))
            for m in missing
        ]
        said.append(rule("rule.catalogue.expected_columns", columns=", ".join(COLUMNS)))
        raise CaseErrors(
            [
                CaseError(
                    "",
                    rules(said),
                    source=source,
                    location="1",
                )
            ]
        )
    at = {c: names.index(c) for c in COLUMNS}
    entries: dict[str, Entry] = {}
    first_line: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            add(
                line,
                "",
                rule("rule.catalogue.row_length", n=str(len(row)), columns=str(len(names))),
            )
            continue
        cells = {c: (row[i].strip() if i < len(row) else "") for c, i in at.items()}
        code = cells["code"]
        if not code:
            add(line, "code", rule("rule.catalogue.empty_code"))
            continue
        if code in first_line:
            said = rule(
                "rule.catalogue.duplicate_code", code=repr(code), line=str(first_line[code])
            )
            add(line, "code", said)
            continue
        first_line[code] = line
        levels, problem = _levels(cells["levels"])
        if problem:
            add(line, "levels", problem)
            continue
        entries[code] = (cells["name"], cells["area"], levels)
    if not problems and not entries:
        problems.append(CaseError("", rule("rule.catalogue.no_competence"), source=source))
    if problems:
        raise CaseErrors(problems)
    return Catalogue(entries, source=source)


def _levels(text: str) -> tuple[tuple[int, ...], str]:
    parts = [p for p in re.split(r"[;,\s]+", text) if p]
    if not parts:
        return (), rule("rule.catalogue.empty_levels")
    out: set[int] = set()
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= 5:
            return (), rule("rule.catalogue.bad_level", part=repr(part), levels=repr(text))
        out.add(int(part))
    return tuple(sorted(out)), ""


def load_catalogue(path: str | os.PathLike[str]) -> Catalogue:
    """Read an organisation's own competence catalogue from a CSV file.

    Parameters
    ----------
    path
        A UTF-8 CSV file with the columns ``code, area, name, levels`` (``levels`` like
        ``3;4;5``). A spreadsheet's "CSV UTF-8" export works (its byte-order mark is skipped).

    Returns
    -------
    Catalogue

    Raises
    ------
    CaseErrors
        Every problem at once, each with the file, line and column: a missing column, an empty
        or duplicate code, a level outside 1-5.
    FileNotFoundError
        If the file does not exist.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseErrors(
            [
                CaseError(
                    "",
                    rule("rule.catalogue.not_utf8", byte=str(exc.start)),
                    source=str(path),
                )
            ]
        ) from None
    return _parse(text, str(path))


@functools.cache
def ecf_catalogue() -> Catalogue:
    """The European e-Competence Framework 4.0: 41 competences in 5 areas (A Plan ... E Manage).

    Examples
    --------
    >>> cat = ecf_catalogue()
    >>> len(cat), cat.name("B.1"), cat.levels("A.1")
    (41, 'Application Development', (4, 5))
    """
    text = resources.files("decisionkit.skills").joinpath("data", "ecf_4.0.csv")
    return _parse(text.read_text(encoding="utf-8-sig"), ECF_SOURCE)


def catalogue_from(
    competences: Iterable[Competence], source: str = "case competences"
) -> Catalogue:
    """A catalogue from :class:`~decisionkit.case.assessments.Competence` rows (first code wins)."""
    entries: dict[str, Entry] = {}
    for c in competences:
        entries.setdefault(c.code, (c.name, c.area, tuple(sorted(set(c.levels)))))
    return Catalogue(entries, source=source)


def catalogue_for(case: Case) -> Catalogue:
    """The catalogue a case uses: its own ``competences`` when listed, else e-CF 4.0.

    An empty ``competences`` list counts as not given (an empty template cell).
    """
    if case.competences:
        return catalogue_from(case.competences)
    return ecf_catalogue()
