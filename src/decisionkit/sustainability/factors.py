"""The shipped impact factors (``data/factors.csv``) and how a case overrides them.

Each row is an uncertain factor (low, likely, high) with its source and licence: equipment
manufacturing impacts per unit, electricity impacts per kWh by zone, network energy per GB,
data-centre PUE, cloud power per vCPU and shadow carbon prices. See ``data/README.md``.

A case overrides a row's greenhouse-gas value (or any non-impact factor) with
``factors: {server: [2500, 3660, 5000], FR: 0.06}``, and may name new ids there (its own data
centre's PUE, a supplier's electricity factor).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from decisionkit.case.estimates import Estimate

__all__ = ["CATEGORIES", "IMPACTS", "Factor", "FactorTable", "factor_table"]

IMPACTS: dict[str, str] = {
    "gwp": "kgCO2e",
    "pe": "MJ",
    "adp": "kgSbeq",
}
"""Impact categories and their units: global warming potential, primary energy, abiotic
depletion potential (minerals and metals)."""

CATEGORIES = ("equipment", "electricity", "network", "pue", "vcpu_power", "carbon_price")
_COLUMNS = (
    "id",
    "category",
    "impact",
    "unit",
    "low",
    "likely",
    "high",
    "lifetime_years",
    "source",
    "licence",
    "notes",
)
_DATA = Path(__file__).with_name("data") / "factors.csv"


@dataclass(frozen=True)
class Factor:
    """One row of the factor table."""

    id: str
    category: str
    impact: str  # gwp, pe, adp, energy or "-"
    unit: str
    low: float
    likely: float
    high: float
    lifetime_years: float | None
    source: str
    licence: str
    notes: str = ""

    def estimate(self, law: str = "pert") -> Estimate:
        """The factor as an estimate: fixed when low = likely = high, else ``law``."""
        return Estimate.of([self.low, self.likely, self.high], default=law)


@dataclass(frozen=True)
class FactorTable:
    """Factors by ``(id, impact)``; non-impact factors (PUE, W/vCPU...) use impact ``"-"``."""

    rows: tuple[Factor, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {(f.id, f.impact): f for f in self.rows})

    def get(self, factor_id: str, impact: str = "gwp") -> Factor | None:
        """The row ``(factor_id, impact)``, or ``None``."""
        return self._index.get((factor_id, impact))  # type: ignore[attr-defined]

    def ids(self, category: str | None = None) -> tuple[str, ...]:
        """Factor ids (of one category), in table order, without repeats."""
        seen = dict.fromkeys(f.id for f in self.rows if category in (None, f.category))
        return tuple(seen)

    def to_frame(self) -> Any:
        """The table as a DataFrame (one row per factor and impact)."""
        import pandas as pd

        return pd.DataFrame([f.__dict__ for f in self.rows], columns=list(_COLUMNS))


def _number(text: str, where: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{where}: {text!r} is not a number") from None


def read_factors(path: Path) -> FactorTable:
    """Read a factor table CSV (the shipped one, or an organisation's own with its columns)."""
    rows: list[Factor] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path.name}: missing columns {', '.join(missing)}")
        for i, rec in enumerate(reader, start=2):
            where = f"{path.name}:{i}"
            low, likely, high = (
                _number(rec[k], f"{where}: {k}") for k in ("low", "likely", "high")
            )
            if not low <= likely <= high:
                raise ValueError(
                    f"{where}: low <= likely <= high is broken ({low}, {likely}, {high})"
                )
            if not rec["source"].strip() or not rec["licence"].strip():
                raise ValueError(f"{where}: every factor needs a source and a licence")
            life = rec["lifetime_years"].strip()
            rows.append(
                Factor(
                    id=rec["id"].strip(),
                    category=rec["category"].strip(),
                    impact=rec["impact"].strip(),
                    unit=rec["unit"].strip(),
                    low=low,
                    likely=likely,
                    high=high,
                    lifetime_years=_number(life, f"{where}: lifetime_years") if life else None,
                    source=rec["source"].strip(),
                    licence=rec["licence"].strip(),
                    notes=(rec.get("notes") or "").strip(),
                )
            )
    return FactorTable(tuple(rows))


@lru_cache(maxsize=1)
def factor_table() -> FactorTable:
    """The factor table shipped with decisionkit (cached).

    Examples
    --------
    >>> factor_table().get("laptop").unit
    'kgCO2e/unit'
    """
    return read_factors(_DATA)
