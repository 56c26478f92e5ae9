"""Load a decision case from YAML, JSON or Excel, and report every problem at once."""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from decisionkit.case.checks import check_references
from decisionkit.case.fields import error_rule
from decisionkit.case.model import Case
from decisionkit.case.paths import Loc, format_path, suggest
from decisionkit.case.templates import expand_criteria
from decisionkit.errors import CaseError, CaseErrors, rule

__all__ = ["SUFFIXES", "load_case", "locator", "parse_case"]

SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")

Locate = Callable[[Loc], str | None]


def load_case(path: str | Path) -> Case:
    """Load and validate a decision case file.

    Parameters
    ----------
    path
        A ``.yaml``/``.yml``, ``.json`` or ``.xlsx`` file.

    Returns
    -------
    Case
        The validated, immutable case.

    Raises
    ------
    CaseErrors
        Every problem found, each with the file, line (or Excel cell), field path and rule.
    FileNotFoundError
        If the file does not exist.

    Examples
    --------
    >>> import decisionkit as dk
    >>> case = dk.load_case("examples/si-rh.yaml")
    >>> case.option_ids
    ('saas', 'build', 'extend')
    """
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        expected = ", ".join(SUFFIXES)
        why = (
            rule("rule.file.unsupported_type", suffix=repr(suffix), expected=expected)
            if suffix
            else rule("rule.file.no_suffix", expected=expected)
        )
        raise CaseErrors([CaseError("", why, source=source)])
    if suffix == ".xlsx":
        from decisionkit.case.excel import read_workbook

        data, cells, problems = read_workbook(path)
        return parse_case(data, source=source, locate=_prefix_locator(cells), problems=problems)
    text = _read_text(path, source)
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CaseErrors(
                [
                    CaseError(
                        "",
                        rule("rule.file.json_syntax", problem=exc.msg),
                        source=source,
                        location=str(exc.lineno),
                    )
                ]
            ) from None
    else:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise CaseErrors([_yaml_error(exc, source)]) from None
        except ValueError as exc:  # a well-formed scalar YAML cannot turn into a value
            raise CaseErrors(
                _bad_timestamps(text, source)
                or [CaseError("", rule("rule.file.yaml_value", problem=str(exc)), source=source)]
            ) from None
    lines, duplicates = _yaml_positions(text)
    problems = [
        CaseError(
            format_path(loc),
            rule("rule.file.duplicate_key", key=repr(loc[-1])),
            source=source,
            location=str(line),
        )
        for loc, line in duplicates
    ]
    return parse_case(data, source=source, locate=_prefix_locator(lines), problems=problems)


def locator(path: str | Path) -> Callable[[str], str | None]:
    """The line (or Excel cell) of a field path in a case file, for problems found later.

    Checks that need data outside the case layer (factor ids, RGESN ids, competence codes) run
    on the loaded case; this maps their field paths back to the file, as the loader does.

    Examples
    --------
    >>> where = locator("examples/si-rh.yaml")
    >>> where("options[0].tasks[0].duration").isdigit()
    True
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from decisionkit.case.excel import read_workbook

        _, cells, _ = read_workbook(path)
        positions: dict[Loc, Any] = dict(cells)
    else:
        positions = dict(_yaml_positions(_read_text(path, str(path)))[0])
    by_text = {format_path(loc): where for loc, where in positions.items()}

    def locate(field: str) -> str | None:
        # by the text of the path, then of its prefixes: keys may hold dots (e-CF codes)
        while field:
            if field in by_text:
                return str(by_text[field])
            cut = max(field.rfind("."), field.rfind("["))
            field = field[:cut] if cut > 0 else ""
        return None

    return locate


def parse_case(
    data: Any,
    *,
    source: str = "<case>",
    locate: Locate | None = None,
    problems: list[CaseError] | None = None,
) -> Case:
    """Validate plain data (as read from a case file) into a :class:`Case`.

    Parameters
    ----------
    data
        Mappings, lists, numbers and strings, as YAML or JSON give them.
    source
        The file name used in error messages.
    locate
        Maps a location tuple to a line number or Excel cell, for error messages.
    problems
        Problems already found while reading the file; they are reported with the others.

    Raises
    ------
    CaseErrors
        Every problem at once.
    """
    errors: list[CaseError] = list(problems or [])
    locate = locate or (lambda loc: None)

    def add(loc: Loc, said: str, where: Loc | None = None) -> None:
        position = locate(loc if where is None else where)
        errors.append(CaseError(format_path(loc), said, source=source, location=position))

    if not isinstance(data, dict):
        why = (
            rule("rule.file.empty")
            if data is None
            else rule("rule.file.not_mapping", got=type(data).__name__)
        )
        raise CaseErrors([*errors, CaseError("", why, source=source)])
    default = (data.get("defaults") or {}) if isinstance(data.get("defaults"), dict) else {}
    distribution = default.get("distribution")
    if distribution not in ("triangular", "pert"):
        distribution = "pert"
    data, template_problems = expand_criteria(data)
    for loc, said in [*template_problems, *check_references(data)]:
        add(loc, said)
    case = None
    try:
        case = Case.model_validate(
            data, context={"default_distribution": distribution, "references_checked": True}
        )
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc, said = _explain(err)
            add(loc, said, tuple(err["loc"]))
    if errors:
        raise CaseErrors(_ordered(_drop_shadowed(errors, problems or [])))
    assert case is not None
    return case


def _drop_shadowed(errors: list[CaseError], first: list[CaseError]) -> list[CaseError]:
    """Drop errors at or below a path where reading the file already failed (a bad cell)."""
    failed = {e.path for e in first if e.path}
    kept = list(first)
    for e in errors[len(first) :]:
        if any(e.path == f or e.path.startswith((f + ".", f + "[")) for f in failed):
            continue
        kept.append(e)
    return kept


def _ordered(errors: list[CaseError]) -> list[CaseError]:
    unique = list(dict.fromkeys((e.path, e.rule, e.source, e.location) for e in errors))
    rebuilt = [CaseError(p, r, source=s, location=loc) for p, r, s, loc in unique]

    def key(e: CaseError) -> tuple[int, int]:
        loc = e.location or ""
        return (0, int(loc)) if loc.isdigit() else (1, 0)

    return sorted(rebuilt, key=key)


def _read_text(path: Path, source: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(f"{source}: no such file") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseErrors(
            [CaseError("", rule("rule.file.not_utf8", byte=str(exc.start)), source=source)]
        ) from None


def _yaml_error(exc: yaml.YAMLError, source: str) -> CaseError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    said = (
        rule("rule.file.yaml_syntax_context", problem=str(problem), context=str(context))
        if context
        else rule("rule.file.yaml_syntax", problem=str(problem))
    )
    return CaseError("", said, source=source, location=str(mark.line + 1) if mark else None)


_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def _bad_timestamps(text: str, source: str) -> list[CaseError]:
    """Find the dates YAML recognised but could not build (``2027-13-01``)."""
    out: list[CaseError] = []

    def walk(node: yaml.Node, loc: Loc) -> None:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
            m = _DATE.match(node.value)
            try:
                dt.date(*(int(g) for g in m.groups())) if m else None
            except ValueError as exc:
                out.append(
                    CaseError(
                        format_path(loc),
                        _bad_date(repr(node.value), str(exc)),
                        source=source,
                        location=str(node.start_mark.line + 1),
                    )
                )
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                walk(value_node, (*loc, getattr(key_node, "value", "?")))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*loc, i))

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        walk(root, ())
    return out


def _bad_date(value: str, reason: str) -> str:
    """``'2027-13-01' is not a valid date: month must be in 1..12`` (Python's reason)."""
    if reason == "month must be in 1..12":
        return rule("rule.file.bad_month", value=value)
    if reason == "day is out of range for month":
        return rule("rule.file.bad_day", value=value)
    if reason == "year 0 is out of range":
        return rule("rule.file.bad_year", value=value)
    return rule("rule.file.bad_date", value=value, reason=reason)


def _yaml_positions(text: str) -> tuple[dict[Loc, int], list[tuple[Loc, int]]]:
    """Map each location to its 1-based line; list duplicate keys with their line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:  # JSON that YAML 1.1 cannot read: positions are a nicety
        return {}, []
    lines: dict[Loc, int] = {}
    duplicates: list[tuple[Loc, int]] = []

    def walk(node: yaml.Node, loc: Loc) -> None:
        lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key is None:
                    continue
                child = (*loc, key)
                if key in seen:
                    duplicates.append((child, key_node.start_mark.line + 1))
                seen.add(key)
                lines[child] = key_node.start_mark.line + 1
                walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*loc, i))

    if root is not None:
        walk(root, ())
    return lines, duplicates


def _prefix_locator(positions: dict[Loc, Any]) -> Locate:
    def locate(loc: Loc) -> str | None:
        for n in range(len(loc), -1, -1):
            hit = positions.get(tuple(loc[:n]))
            if hit is not None:
                return str(hit)
        return None

    return locate


# -- pydantic errors in plain words ---------------------------------------------------------

_TYPE_WORDS = {  # pydantic error type -> what was expected (a rule.type.* message)
    "float_type": "number",
    "float_parsing": "number",
    "int_type": "whole_number",
    "int_parsing": "whole_number",
    "int_from_float": "whole_number",
    "string_type": "text",
    "list_type": "list",
    "tuple_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date_no_time",
    "bool_type": "bool",
    "finite_number": "finite_number",
}


def _describe(value: Any) -> str:
    if value is None:
        return rule("rule.got.nothing")
    if isinstance(value, dict):
        return rule("rule.got.mapping")
    if isinstance(value, list | tuple):
        if len(value) <= 5:
            return rule("rule.got.list", items=repr(list(value)))
        return rule("rule.got.long_list")
    if isinstance(value, bool):
        return rule("rule.got.bool", value=repr(value))
    return repr(value)


def unknown_key(key: str, allowed: list[str]) -> str:
    """``unknown key 'x' (did you mean 'y'?)``, or ``...; expected one of a, b`` (a rule)."""
    hint = suggest(key, allowed)
    if hint or not allowed:
        return rule("rule.key.unknown", key=repr(key), hint=hint)
    return rule("rule.key.unknown_expected", key=repr(key), keys=", ".join(allowed))


def _explain(err: Any) -> tuple[Loc, str]:
    """Return (location, rule in plain words) for one pydantic error.

    The rule is a :class:`~decisionkit.errors.Rule`: the one a validator raised, or one made
    here from pydantic's error type. Error types without a rule (none a case file has been
    seen to cause) keep pydantic's English message.
    """
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        return loc, unknown_key(str(loc[-1]), _allowed_keys(loc[:-1]))
    if kind == "missing":
        return loc[:-1], rule("rule.key.missing", field=repr(loc[-1]))
    if kind in ("value_error", "assertion_error"):
        return loc, error_rule(err)
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
        hint = suggest(str(value), choices) if isinstance(value, str) else ""
        return loc, rule(
            "rule.value.not_one_of", value=_describe(value), choices=", ".join(choices), hint=hint
        )
    if kind in _TYPE_WORDS:
        what = rule(f"rule.type.{_TYPE_WORDS[kind]}")
        return loc, rule("rule.value.expected", what=what, got=_describe(value))
    said = None
    if kind == "greater_than_equal":
        said = rule("rule.value.ge", ge=str(err["ctx"]["ge"]))
    elif kind == "bool_parsing":
        said = rule("rule.value.bool")
    if said is not None and said == err["msg"]:  # pydantic's own words, which a rule can say
        return loc, said
    return loc, err["msg"]


def _allowed_keys(loc: Loc) -> list[str]:
    """The keys a mapping at ``loc`` accepts (field aliases first)."""
    model: Any = Case
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", {})
        field = next((f for name, f in fields.items() if part in (name, f.alias)), None)
        if field is None:
            return []
        model = _model_in(field.annotation)
        if model is None:
            return []
    fields = getattr(model, "model_fields", {})
    return [f.alias or name for name, f in fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (tuple, list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
