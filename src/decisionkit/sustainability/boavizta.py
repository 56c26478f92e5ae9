"""Optional: manufacturing impacts computed in-process by Boavizta's library (boaviztapi).

Installed with ``pip install 'decisionkit[boavizta]'``; the core never needs it. A footprint
line asks for it with a ``boavizta`` block:

- equipment and end-user devices (``type`` server, laptop, desktop, smartphone or tablet):
  the manufacturing ("embedded") impacts of an archetype or a server configuration, as
  boaviztapi's ``min``, ``value`` and ``max`` (taken as low, likely and high), and the
  archetype's lifetime when the line gives none;
- cloud instances (``provider``, ``instance_type``): the manufacturing impact per hour of the
  instance, spread over its vCPUs.

No HTTP server is involved: the library's own functions are called and their results cached.
Impacts boaviztapi does not implement for a device (e.g. primary energy of a laptop) are left
unknown, as with the factor table.
"""

from __future__ import annotations

import importlib.util
import json
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from decisionkit.errors import rule

__all__ = ["DEVICE_TYPES", "BoaviztaError", "Embedded", "available", "cloud", "device"]

DEVICE_TYPES = ("server", "laptop", "desktop", "smartphone", "tablet")
_DEFAULT = {
    "server": "platform_compute_medium",
    "laptop": "laptop-pro",
    "desktop": "desktop-pro",
    "smartphone": "smartphone-default",
    "tablet": "tablet-default",
}
_IMPACTS = ("gwp", "pe", "adp")


class BoaviztaError(ValueError):
    """A request boaviztapi cannot answer (the message says why and what is accepted)."""


@dataclass(frozen=True)
class Embedded:
    """Manufacturing impacts per unit (or per vCPU-hour): impact -> (low, likely, high)."""

    ranges: dict[str, tuple[float, float, float]]
    lifetime_years: float | None
    vcpus: float | None
    archetype: str


def available() -> bool:
    """True when the optional boaviztapi package is installed."""
    return importlib.util.find_spec("boaviztapi") is not None


def _ranges(impacts: dict[str, Any], per: float = 1.0) -> dict[str, tuple[float, float, float]]:
    out = {}
    for name in _IMPACTS:
        e = impacts.get(name, {})
        e = e.get("embedded") if isinstance(e, dict) else None
        if isinstance(e, dict) and all(isinstance(e.get(k), int | float) for k in ("min", "value")):
            lo, mid, hi = (float(e[k]) / per for k in ("min", "value", "max"))
            out[name] = (min(lo, mid), mid, max(hi, mid))
    return out


def _suggest(name: str, names: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    if not close:
        return ""
    return rule("rule.hint.did_you_mean", lead=" ", word=", ".join(repr(c) for c in close))


@lru_cache(maxsize=256)
def _device(kind: str, archetype: str, configuration: str) -> Embedded:
    import os

    from boaviztapi import data_dir
    from boaviztapi.compute.impacts_computation import compute_impacts
    from boaviztapi.data.archetype import (
        get_device_archetype_lst,
        get_server_archetype,
        get_user_terminal_archetype,
    )

    if kind == "server":
        found = get_server_archetype(archetype)
        catalogue = os.path.join(data_dir, "archetypes", "server.csv")
    else:
        found = get_user_terminal_archetype(archetype)
        catalogue = os.path.join(data_dir, "archetypes", "user_terminal.csv")
    if not found:
        names = get_device_archetype_lst(catalogue)
        raise BoaviztaError(
            rule(
                "rule.boavizta.no_archetype",
                kind=kind,
                archetype=repr(archetype),
                hint=_suggest(archetype, names),
            )
        )
    config = json.loads(configuration)
    if kind == "server":
        from boaviztapi.dto.device import Server
        from boaviztapi.dto.device.device import ConfigurationServer, mapper_server

        unknown = _unknown_keys(ConfigurationServer, config, "configuration")
        if unknown:
            raise BoaviztaError(rule("rule.boavizta.config_key", key=unknown))
        try:
            server = Server.model_validate({"configuration": config})
            model = mapper_server(server, archetype=found)
        except Exception as exc:  # boaviztapi's own validation (pydantic) or mapping
            first = str(exc).splitlines()
            said = rule("rule.boavizta.config_rejected", detail=" ".join(first[:3]))
            raise BoaviztaError(said) from None
    else:
        from boaviztapi.dto.device import user_terminal as dto

        cls = {"laptop": dto.Laptop, "desktop": dto.Desktop}.get(kind)
        cls = cls or {"smartphone": dto.Smartphone, "tablet": dto.Tablet}[kind]
        if config:
            raise BoaviztaError(rule("rule.boavizta.no_configuration", kind=kind))
        model = dto.mapper_user_terminal(cls(), archetype=found)
    hours = float(model.usage.hours_life_time.value)
    impacts = compute_impacts(model=model, selected_criteria=list(_IMPACTS), duration=hours)
    return Embedded(_ranges(impacts), hours / 8_760, None, archetype)


def _unknown_keys(cls: Any, data: Any, path: str) -> str:
    """The first key of ``data`` that the pydantic model ``cls`` (or its parts) lacks."""
    import typing

    from pydantic import BaseModel

    if isinstance(data, list):
        for i, item in enumerate(data):
            found = _unknown_keys(cls, item, f"{path}[{i}]")
            if found:
                return found
        return ""
    if not isinstance(data, dict) or not (isinstance(cls, type) and issubclass(cls, BaseModel)):
        return ""
    for key, value in data.items():
        field = cls.model_fields.get(key)
        if field is None:
            allowed = ", ".join(cls.model_fields)
            return f"{path}.{key} (allowed: {allowed})"
        inner = [field.annotation]
        while inner:
            t = inner.pop()
            if isinstance(t, type) and issubclass(t, BaseModel):
                found = _unknown_keys(t, value, f"{path}.{key}")
                if found:
                    return found
            inner += list(typing.get_args(t))
    return ""


def device(kind: str, archetype: str | None, configuration: dict[str, Any]) -> Embedded:
    """Manufacturing impacts per unit of a device (whole life), from boaviztapi.

    Raises
    ------
    BoaviztaError
        When boaviztapi is missing, the type is not supported or the archetype is unknown.
    """
    _require()
    if kind not in DEVICE_TYPES:
        raise BoaviztaError(
            rule("rule.boavizta.types", types=", ".join(DEVICE_TYPES), kind=repr(kind))
        )
    with warnings.catch_warnings():  # the library's fitting warnings are not the user's
        warnings.simplefilter("ignore")
        return _device(kind, archetype or _DEFAULT[kind], json.dumps(configuration, sort_keys=True))


@lru_cache(maxsize=256)
def _cloud(provider: str, instance_type: str) -> Embedded:
    from boaviztapi.compute.impacts_computation import compute_impacts
    from boaviztapi.data.archetype import get_cloud_instance_archetype
    from boaviztapi.dto.device import Cloud
    from boaviztapi.dto.device.device import mapper_cloud_instance

    found = get_cloud_instance_archetype(instance_type, provider)
    if not found:
        raise BoaviztaError(
            rule(
                "rule.boavizta.no_instance",
                instance_type=repr(instance_type),
                provider=repr(provider),
            )
        )
    dto = Cloud()
    dto.usage = {}
    model = mapper_cloud_instance(dto, archetype=found)
    vcpus = float(model.vcpu.value)
    impacts = compute_impacts(model=model, selected_criteria=list(_IMPACTS), duration=1)
    return Embedded(_ranges(impacts, per=vcpus), None, vcpus, instance_type)


def cloud(provider: str, instance_type: str) -> Embedded:
    """Manufacturing impacts per vCPU-hour of a cloud instance type, from boaviztapi."""
    _require()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _cloud(provider, instance_type)


def _require() -> None:
    if not available():
        raise BoaviztaError(rule("rule.boavizta.missing"))
