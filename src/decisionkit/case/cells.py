"""Spreadsheet cell grammar: estimates, dependency lists and numbers written in one cell.

=========================  ===============================================
cell                       meaning
=========================  ===============================================
``80000`` (a number)       a fixed value
``60; 90; 150``            [min, likely, max] in the case's default law
``triangular 60; 90; 150``  the same numbers, another distribution
``uniform 10; 20``         min; max
``normal mean=100; sd=15``  parameters by name (any distribution)
``lognormal p10=40; p90=140``
``design; build+5``        ``after``: design, then build with a 5-day lag
=========================  ===============================================

Numbers may use a decimal comma (``1,5``) and spaces or ``_`` between thousands
(``150 000``); ``1,500`` is refused as ambiguous.
"""

from __future__ import annotations

import re
from typing import Any

from decisionkit.case.estimates import DISTRIBUTIONS, PARAMETERS, Estimate
from decisionkit.case.estimates import _fmt as _plain_fmt
from decisionkit.case.paths import suggest
from decisionkit.errors import rule

__all__ = [
    "format_after",
    "format_estimate",
    "parse_after",
    "parse_estimate",
    "parse_number",
]

_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+$")
_THOUSANDS_DOT = re.compile(r"^-?\d{1,3}\.\d{3}$")
_SPACED = re.compile(r"^-?\d{1,3}( \d{3})+([.,]\d+)?$")


def _fmt(x: float) -> str:
    """A number as cell text that reads back unambiguously (1.875 is written 1.8750)."""
    text = _plain_fmt(x)
    return text + "0" if _THOUSANDS_DOT.match(text) else text


def parse_number(text: str) -> float:
    """Read a number typed by a person, French or English style.

    Examples
    --------
    >>> parse_number("150 000"), parse_number("1,5"), parse_number("2_500.25")
    (150000.0, 1.5, 2500.25)
    """
    raw = str(text).strip().replace("\u00a0", " ").replace("\u202f", " ")
    if raw.endswith("%"):
        raise ValueError(rule("rule.cell.percent", text=repr(text)))
    if " " in raw:  # spaces only between groups of three digits: 150 000 or 1 234,5
        if not _SPACED.match(raw):
            raise ValueError(rule("rule.cell.spaced", text=repr(text)))
        raw = raw.replace(" ", "")
    s = raw.replace("_", "")
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):  # 1.234,5: French, dots between thousands
            s = s.replace(".", "").replace(",", ".")
        else:  # 1,234.5
            s = s.replace(",", "")
    elif s.count(".") == 1 and _THOUSANDS_DOT.match(s) and not s.lstrip("-").startswith("0"):
        raise ValueError(
            rule(
                "rule.cell.ambiguous_comma",
                text=repr(text),
                first=s.replace(".", ""),
                second=s.replace(".", ","),
            )
        )
    elif "," in s:
        if _THOUSANDS.match(s) and s.count(",") == 1 and not s.lstrip("-").startswith("0"):
            raise ValueError(
                rule(
                    "rule.cell.ambiguous",
                    text=repr(text),
                    first=s.replace(",", ""),
                    second=s.replace(",", "."),
                )
            )
        leading_zero = s.lstrip("-").startswith("0")
        s = s.replace(",", "") if _THOUSANDS.match(s) and not leading_zero else s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        raise ValueError(rule("rule.cell.not_number", text=repr(text))) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(rule("rule.cell.not_finite", text=repr(text)))
    return value


def parse_estimate(cell: Any) -> Any:
    """Turn an estimate cell into the case-file form (a number, a list or a mapping).

    Raises
    ------
    ValueError
        When the text does not follow the grammar.

    Examples
    --------
    >>> parse_estimate("60; 90; 150")
    [60.0, 90.0, 150.0]
    >>> parse_estimate("lognormal p10=40; p90=140")
    {'distribution': 'lognormal', 'p10': 40.0, 'p90': 140.0}
    """
    if isinstance(cell, bool):
        raise ValueError(rule("rule.cell.bool_estimate", value=str(cell).upper()))
    if isinstance(cell, int | float):
        return cell
    text = str(cell).strip()
    law = None
    call = re.match(r"^([A-Za-z_]+)\s*\((.*)\)\s*$", text)  # pert(1; 2; 3)
    if call:
        text = f"{call.group(1)} {call.group(2)}"
    head = re.match(r"^([A-Za-z_]+)(?:\s+|$)(.*)$", text)
    if head:
        law, text = head.group(1).lower(), head.group(2)
        if law not in DISTRIBUTIONS:
            raise ValueError(
                rule(
                    "rule.cell.unknown_distribution",
                    law=repr(law),
                    hint=suggest(law, DISTRIBUTIONS),
                    laws=", ".join(DISTRIBUTIONS),
                )
            )
    body = text.strip()
    if body.startswith("[") and "," in body and ";" not in body:  # [60, 90, 150] as in YAML
        body = body.replace(",", ";")
    parts = [p.strip() for p in body.strip("()[]").split(";")]
    parts = [p for p in parts if p]
    if not parts:
        raise ValueError(rule("rule.cell.no_numbers", cell=repr(cell)))
    if all("=" in p for p in parts):
        data: dict[str, Any] = {"distribution": law} if law else {}
        for p in parts:
            key, _, value = p.partition("=")
            data[key.strip().lower()] = parse_number(value)
        return data
    if any("=" in p for p in parts):
        raise ValueError(rule("rule.cell.mixed", cell=repr(cell)))
    numbers = [parse_number(p) for p in parts]
    if law is None:
        if len(numbers) == 1:
            return numbers[0]
        if len(numbers) == 3:
            return numbers
        raise ValueError(rule("rule.cell.count", cell=repr(cell), n=str(len(numbers))))
    names = PARAMETERS[law]
    if len(numbers) != len(names):
        raise ValueError(
            rule(
                "rule.cell.law_count",
                law=law,
                k=str(len(names)),
                names="; ".join(names),
                n=str(len(numbers)),
            )
        )
    return {"distribution": law, **dict(zip(names, numbers, strict=True))}


def format_estimate(estimate: Estimate, default: str) -> float | str:
    """Write an estimate as a cell value: a number when fixed, text otherwise.

    Examples
    --------
    >>> format_estimate(Estimate.of([1, 2, 3.5]), "pert")
    '1; 2; 3.5'
    """
    p = estimate.parameters
    if estimate.is_fixed:
        value = p["value"]
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    numbers = "; ".join(_fmt(v) for v in p.values())
    if estimate.distribution == default and default in ("pert", "triangular"):
        return numbers
    if estimate.distribution in ("normal", "lognormal"):
        return f"{estimate.distribution} " + "; ".join(f"{k}={_fmt(v)}" for k, v in p.items())
    return f"{estimate.distribution} {numbers}"


def parse_after(cell: Any) -> list[Any]:
    """Read an ``after`` cell: ``design; build+5`` (a lag in working days after ``+``).

    Examples
    --------
    >>> parse_after("design; build+5")
    ['design', {'task': 'build', 'lag': 5.0}]
    """
    out: list[Any] = []
    for part in re.split(r"[;\n]", str(cell)):
        part = part.strip()
        if not part:
            continue
        part = re.sub(r"\s*\(\s*(\+[^)]*)\)\s*$", r"\1", part)  # marche (+5) -> marche+5
        name, plus, lag = part.partition("+")
        if "," in name:
            raise ValueError(rule("rule.cell.after_comma", part=repr(part)))
        if plus:
            out.append({"task": name.strip(), "lag": parse_number(lag)})
        else:
            out.append(name)
    return out


def format_after(after: tuple[Any, ...]) -> str:
    """Write dependencies as an ``after`` cell."""
    return "; ".join(d.task if d.lag == 0 else f"{d.task}+{_fmt(d.lag)}" for d in after)
