"""Files shipped with decisionkit (templates, examples): found in the wheel or the repository."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["resource_path", "resource_text"]

_REPO = Path(__file__).resolve().parents[2]


def resource_path(folder: str, name: str) -> Path:
    """Return the path of a shipped file, e.g. ``resource_path("templates", "x.yaml")``.

    Installed wheels carry ``templates/`` and ``examples/`` inside the package; an editable
    install reads them from the repository.
    """
    packaged = resources.files("decisionkit").joinpath(folder, name)
    if packaged.is_file():
        return Path(str(packaged))
    local = _REPO / folder / name
    if local.is_file():
        return local
    raise FileNotFoundError(f"decisionkit resource {folder}/{name} is missing from this install")


def resource_text(folder: str, name: str) -> str:
    """Return the text of a shipped file."""
    return resource_path(folder, name).read_text(encoding="utf-8")
