"""Write a case to YAML, JSON or Excel, atomically (a crash never leaves half a file)."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from decisionkit._version import __version__
from decisionkit.errors import CaseError, CaseErrors, rule

if TYPE_CHECKING:
    from decisionkit.case.model import Case

__all__ = ["atomic_write", "write_case", "write_template"]


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then move it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # an ordinary file, not mkstemp's private 0600
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


class _Dumper(yaml.SafeDumper):
    """Safe YAML with short lists of numbers on one line: ``[60, 90, 150]``."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = len(data) <= 4 and all(isinstance(v, int | float | str) for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    flow = all(isinstance(v, int | float) and not isinstance(v, bool) for v in data.values()) or (
        "distribution" in data
    )
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)


def _yaml_text(data: dict[str, Any], header: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def write_case(case: Case, path: str | Path, *, origin: str | None = None) -> Path:
    """Write ``case`` to ``path`` (``.yaml``/``.yml``, ``.json`` or ``.xlsx``).

    Loading the written file gives back an equal case. The file is written atomically.

    Parameters
    ----------
    case
        The case to write.
    path
        The destination; its suffix picks the format.
    origin
        Where the case came from, noted in the YAML header.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        note = f" from {origin}" if origin else ""
        header = f"# decisionkit case file, written by decisionkit {__version__}{note}\n"
        text = _yaml_text(case.to_data(), header)
        return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    if suffix == ".json":
        text = json.dumps(case.to_data(), ensure_ascii=False, indent=2, default=_json_default)
        return atomic_write(path, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
    if suffix == ".xlsx":
        from decisionkit.case.excel import workbook

        wb = workbook(case)
        return atomic_write(path, lambda tmp: wb.save(tmp))
    raise CaseErrors(
        [
            CaseError(
                "",
                rule("rule.file.cannot_write", suffix=repr(suffix))
                if suffix
                else rule("rule.file.cannot_write_no_suffix"),
                source=str(path),
            )
        ]
    )


def write_template(path: str | Path) -> Path:
    """Write a starter case: a commented YAML example, or a blank Excel workbook."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from decisionkit.case.excel import workbook

        wb = workbook(None)
        return atomic_write(path, lambda tmp: wb.save(tmp))
    if suffix in (".yaml", ".yml"):
        from decisionkit.resources import resource_text

        text = resource_text("templates", "case-template.yaml")
        return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    raise CaseErrors(
        [
            CaseError(
                "",
                rule("rule.file.no_template", suffix=repr(suffix))
                if suffix
                else rule("rule.file.no_template_no_suffix"),
                source=str(path),
            )
        ]
    )


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")
