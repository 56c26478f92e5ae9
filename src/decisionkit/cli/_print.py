"""Tables that fit the terminal, and the values of a study's facts written for a reader.

A table never splits a number, an amount, a date or an id: those cells do not wrap. When the
table cannot fit the width, the least needed columns go first (each column says how soon it
may go); names and labels wrap at spaces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import decisionkit.i18n as i18n

__all__ = [
    "Column",
    "as_date",
    "driver_label",
    "heading",
    "money",
    "option_column",
    "print_table",
    "section",
    "title",
    "years",
]


@dataclass(frozen=True)
class Column:
    """A column of :func:`print_table`.

    ``wrap``: text that may wrap at spaces (names); otherwise the cells never wrap. ``drop``:
    0 for a column always shown, else the order in which columns go when the table is too
    wide (1 first).
    """

    header: str
    justify: str = "right"
    wrap: bool = False
    drop: int = 0


def print_table(out: Any, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[int]:
    """Print a table that fits the console, dropping optional columns when it cannot.

    Each column gets at least its widest unbreakable cell and the longest word of its header;
    names get up to 20 characters before optional columns go, their longest word at the
    least. The room left goes to the columns that would use it, up to their natural width.
    Cells wrap at plain spaces only: numbers and amounts (joined by no-break spaces) never
    split. Returns the indices of the columns shown.
    """
    from rich.table import Table
    from rich.text import Text

    cells = [[row[j] for row in rows] for j in range(len(columns))]
    hard = [_least(c, cells[j]) for j, c in enumerate(columns)]
    most = [max(cell_len(c.header), *map(cell_len, cells[j])) for j, c in enumerate(columns)]
    soft = [
        max(h, min(m, 20)) if c.wrap else h for c, h, m in zip(columns, hard, most, strict=True)
    ]
    keep = list(range(len(columns)))
    while True:
        room = out.width - (3 * len(keep) + 1)  # borders and one space each side of a cell
        optional = [j for j in keep if columns[j].drop]
        if sum(soft[j] for j in keep) <= room or not optional:
            break
        keep.remove(min(optional, key=lambda j: (columns[j].drop, -j)))
    least = soft if sum(soft[j] for j in keep) <= room else hard
    widths = {j: least[j] for j in keep}
    spare = room - sum(widths.values())
    while spare > 0:
        short = [j for j in keep if widths[j] < most[j]]
        if not short:
            break
        j = max(short, key=lambda j: (most[j] - widths[j], -j))
        widths[j] += 1
        spare -= 1
    table = Table()
    for j in keep:
        c = columns[j]
        header = Text(_wrapped(c.header, widths[j]), no_wrap=True)
        table.add_column(header, justify=c.justify, width=widths[j])  # type: ignore[arg-type]
    for row in rows:
        table.add_row(
            *(
                Text(_wrapped(row[j], widths[j]) if columns[j].wrap else row[j], no_wrap=True)
                for j in keep
            )
        )
    out.print(table)
    return keep


def cell_len(text: str) -> int:
    """The width of a text on a terminal (wide characters count twice)."""
    from rich.cells import cell_len as width

    return width(text)


def _words(text: str) -> list[str]:
    """Words split at plain spaces: a number joined by no-break spaces is one word."""
    return [w for w in text.split(" ") if w] or [""]


def _wrapped(text: str, width: int) -> str:
    """``text`` wrapped at plain spaces to ``width`` (a word longer than it stays whole)."""
    import textwrap

    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) or text


def _least(column: Column, cells: Sequence[str]) -> int:
    """The narrowest a column can be: its unbreakable words or cells and its header's words."""
    words = [cell_len(w) for w in _words(column.header)]
    if column.wrap:
        return max(*words, *(cell_len(w) for cell in cells for w in _words(cell)))
    return max(*words, *(cell_len(cell) for cell in cells))


def heading(out: Any, text: str) -> None:
    """A bold line before a table or a section (wrapped at spaces like every sentence)."""
    from decisionkit.cli._common import paragraph

    paragraph(out, text, style="bold")


def title(out: Any, key: str, facts: dict[str, Any], lang: str, **params: str) -> None:
    """The bold first line of a report on a study's ``facts``: message ``key`` with the case's
    title, the iterations per option and the seed (and ``params``)."""
    p = facts["provenance"]
    text = i18n.t(
        key,
        lang,
        title=facts["case"]["title"],
        iterations=i18n.number(p["iterations"], lang),
        seed=str(p["seed"]),
        **params,
    )
    heading(out, text)


def section(out: Any, text: str) -> None:
    """A blank line, then the :func:`heading` of the table or section that follows."""
    out.print()
    heading(out, text)


def option_column(lang: str) -> Column:
    """The first column of most tables: the option's name, wrapped."""
    return Column(i18n.t("cli.col.option", lang), justify="left", wrap=True)


def years(n: int, lang: str) -> str:
    """A horizon in words: ``7 ans``, ``1 year``."""
    return i18n.plural("cli.count.years", lang, n, n=i18n.number(n, lang))


def money(x: float | None, currency: str, lang: str) -> str:
    """An amount for a table cell: compact (``4,8 M€``, ``€364.9K``)."""
    return i18n.money(x, currency, lang, compact=True)


def as_date(value: Any) -> dt.date | None:
    """A date of the facts (ISO text) as a date; ``None`` stays ``None``."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def driver_label(row: dict[str, Any], lang: str) -> str:
    """A sensitivity row by its name and what varies: ``Migration — durée``.

    The study's sentences name the drivers so; the tables say the same.
    """
    from decisionkit.studies.sentences import input_label

    return input_label(row, lang)
