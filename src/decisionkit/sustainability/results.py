"""Footprint results: one :class:`Outcome` per part, other impacts, a monetised view."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import numpy as np

from decisionkit.case.estimates import Estimate
from decisionkit.case.model import Case
from decisionkit.errors import CaseError, CaseErrors, rule
from decisionkit.montecarlo.outcome import PERCENTILES, Outcome, _readonly
from decisionkit.sustainability.factors import IMPACTS, FactorTable, factor_table
from decisionkit.sustainability.footprint import (
    LEGACY,
    PARTS,
    compile_footprint,
    draw_rows,
    term_values,
)

__all__ = ["FootprintResult", "assess_footprint", "check_carbon_price"]


@dataclass(frozen=True)
class FootprintResult:
    """The simulated environmental footprint of one option over the horizon.

    Attributes
    ----------
    option
        The option id.
    parts
        ``total`` and each part (embodied, use, cloud, network, devices, legacy) as an
        :class:`Outcome` in kgCO2e over the horizon.
    impacts
        Totals of the other impacts when every factor used has them: ``pe`` (MJ of primary
        energy), ``adp`` (kgSbeq); ``None`` when some factor lacks the impact.
    carbon_cost
        ``total / 1000 x carbon price`` in the case's currency, with a ``carbon_price``.
    lines
        ``(part, line, mean kgCO2e)``: where the footprint comes from, largest first.
    missing, notes
        Impacts left unknown (and why); documented omissions.
    """

    option: str
    parts: dict[str, Outcome]
    impacts: dict[str, Outcome | None]
    carbon_cost: Outcome | None
    lines: tuple[tuple[str, str, float], ...]
    missing: tuple[str, ...]
    notes: tuple[str, ...]
    horizon_years: int
    currency: str

    @property
    def total(self) -> Outcome:
        """The total greenhouse-gas footprint (kgCO2e) over the horizon."""
        return self.parts["total"]

    def part(self, name: str) -> Outcome:
        """One part's :class:`Outcome`, or ``"carbon_cost"`` (``KeyError`` if unknown)."""
        if name == "carbon_cost" and self.carbon_cost is not None:
            return self.carbon_cost
        if name not in self.parts:
            raise KeyError(f"no footprint part {name!r}; parts: {', '.join(self.parts)}")
        return self.parts[name]

    def to_frame(self) -> Any:
        """One row per part and impact: option, part, impact, unit, mean, p10, p50, p80, p90.

        ``part`` is ``total`` or a part (embodied, use, cloud, network, devices, legacy) as in
        :meth:`part` and the criterion paths ``footprint.PART``; ``impact`` is ``gwp``
        (kgCO2e), or ``pe`` (MJ) and ``adp`` (kgSbeq) for the ``total`` of the other impacts
        when computed; the last row, with a carbon price, is ``carbon_cost`` (impact ``gwp``,
        in the currency).
        """
        import pandas as pd

        named = [(k, "gwp", v) for k, v in self.parts.items()]
        named += [("total", k, v) for k, v in self.impacts.items() if v is not None]
        if self.carbon_cost is not None:
            named.append(("carbon_cost", "gwp", self.carbon_cost))
        rows = [
            {"option": self.option, "part": part, "impact": impact, "unit": out.unit, **_stats(out)}
            for part, impact, out in named
        ]
        columns = ["option", "part", "impact", "unit", "mean", *(f"p{p}" for p in PERCENTILES)]
        return pd.DataFrame(rows, columns=columns)

    def breakdown(self) -> Any:
        """Mean kgCO2e per inventory line (DataFrame: option, part, line, kgco2e, share)."""
        import pandas as pd

        total = sum(v for _, _, v in self.lines) or 1.0
        return pd.DataFrame(
            [
                {"option": self.option, "part": p, "line": n, "kgco2e": v, "share": v / total}
                for p, n, v in self.lines
            ],
            columns=["option", "part", "line", "kgco2e", "share"],
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-able summary: ``parts`` in kgCO2e, ``impacts`` and ``carbon_cost`` in their
        ``units`` (percentiles 10/50/80/90)."""

        return {
            "option": self.option,
            "unit": "kgCO2e",
            "units": {
                "gwp": IMPACTS["gwp"],
                **{k: IMPACTS[k] for k in self.impacts},
                "carbon_cost": self.currency,
            },
            "horizon_years": self.horizon_years,
            "parts": {k: _stats(v) for k, v in self.parts.items()},
            "impacts": {k: (_stats(v) if v is not None else None) for k, v in self.impacts.items()},
            "carbon_cost": _stats(self.carbon_cost) if self.carbon_cost is not None else None,
            "lines": [{"part": p, "line": n, "kgco2e": v} for p, n, v in self.lines],
            "missing": list(self.missing),
            "notes": list(self.notes),
        }

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{v.mean():,.0f}</td>"
            f"<td>{v.percentile(80):,.0f}</td></tr>"
            for k, v in self.parts.items()
        )
        return (
            f"<b>Footprint of {html.escape(self.option)}</b> (kgCO2e over "
            f"{self.horizon_years} years)<table><tr><th>part</th><th>mean</th><th>P80</th></tr>"
            f"{rows}</table>"
        )


def _stats(out: Outcome) -> dict[str, float]:
    ps = out.percentiles(PERCENTILES)
    return {"mean": out.mean(), **{f"p{p}": float(v) for p, v in zip(PERCENTILES, ps, strict=True)}}


def assess_footprint(
    case: Case,
    option_id: str,
    *,
    go_live_days: np.ndarray | float,
    iterations: int | None = None,
    seed: int | None = None,
    table: FactorTable | None = None,
) -> FootprintResult:
    """Sample the footprint of one option, iteration by iteration with its go-live.

    Parameters
    ----------
    case
        The case; the option needs a ``footprint`` block.
    option_id
        The option.
    go_live_days
        Go-live of each iteration in working days from the start (a simulation's
        ``go_live.values``), or one number (then ``iterations`` draws).
    seed
        The seed; each factor and line has its own stream (see the module docstring).
    table
        Factor table (default: the shipped one).

    Raises
    ------
    CaseErrors
        Unknown factor ids or missing lifetimes, with their field paths.

    Examples
    --------
    >>> import decisionkit as dk
    >>> case = dk.Case.model_validate({"case": "x", "horizon_years": 5, "options": [
    ...     {"id": "a", "tasks": [{"id": "t", "duration": 0}], "footprint": {"equipment": [
    ...         {"type": "rack", "quantity": 2, "embodied": 1000, "lifetime_years": 5}]}}]})
    >>> assess_footprint(case, "a", go_live_days=0, iterations=10).total.mean()
    2000.0
    """
    if option_id not in case.option_ids:
        raise KeyError(f"the case has no option {option_id!r}; options: {case.option_ids}")
    index = case.option_ids.index(option_id)
    option = case.options[index]
    if option.footprint is None:
        raise CaseErrors(
            [
                CaseError(
                    f"options[{index}].footprint",
                    rule("rule.footprint.none", option=repr(option_id)),
                )
            ]
        )
    days = np.atleast_1d(np.asarray(go_live_days, dtype=float))
    if days.ndim != 1 or not np.all(np.isfinite(days)) or np.any(days < 0):
        raise ValueError("go_live_days must be finite numbers of working days >= 0")
    if iterations is not None and iterations < 1:
        raise ValueError(f"iterations must be >= 1, got {iterations}")
    if days.size == 1 and iterations:
        days = np.full(iterations, float(days[0]))
    table = table or factor_table()
    path = f"options[{index}].footprint"
    terms, rows, missing = compile_footprint(case, option.footprint, option_id, path, table=table)
    if case.legacy_footprint is not None:
        t2, r2, m2 = compile_footprint(
            case, case.legacy_footprint, LEGACY, "legacy_footprint", legacy=True, table=table
        )
        terms, rows, missing = terms + t2, {**rows, **r2}, missing + m2
    price_row = _carbon_price(case, table, rows)
    n = len(days)
    sums: dict[tuple[str, str], np.ndarray] = {}
    price = np.zeros(n)
    lines: dict[tuple[str, str], float] = {}
    for lo, hi, values in draw_rows(rows, n, seed):
        per_term = term_values(terms, values, days[lo:hi], case.horizon_years)
        for term, v in zip(terms, per_term, strict=True):
            key = (term.part, term.impact)
            sums.setdefault(key, np.zeros(n))[lo:hi] += v
            if term.impact == "gwp":
                label = (term.part, term.label)
                lines[label] = lines.get(label, 0.0) + float(v.sum()) / n
        if price_row is not None:
            price[lo:hi] = values[price_row]
    parts = {}
    total = np.zeros(n)
    for part in PARTS:
        v = sums.get((part, "gwp"), np.zeros(n))
        total = total + v
        parts[part] = Outcome(part, _readonly(v), IMPACTS["gwp"], plan=float("nan"))
    parts = {"total": Outcome("total", _readonly(total), "kgCO2e", plan=float("nan")), **parts}
    unknown = {impact for impact, _ in missing if impact in IMPACTS}
    impacts: dict[str, Outcome | None] = {}
    for impact in ("pe", "adp"):
        if impact in unknown:
            impacts[impact] = None
            continue
        v = sum((sums.get((p, impact), np.zeros(n)) for p in PARTS), np.zeros(n))
        impacts[impact] = Outcome(impact, _readonly(v), IMPACTS[impact], plan=float("nan"))
    carbon_cost = None
    if price_row is not None:
        cost = total / 1000 * price
        carbon_cost = Outcome("carbon_cost", _readonly(cost), case.currency, plan=float("nan"))
    ordered = sorted(((p, n, v) for (p, n), v in lines.items()), key=lambda x: -x[2])
    return FootprintResult(
        option=option_id,
        parts=parts,
        impacts=impacts,
        carbon_cost=carbon_cost,
        lines=tuple(ordered),
        missing=tuple(sorted({f"{i}: {w}" for i, w in missing if i != "note"})),
        notes=tuple(sorted({w for i, w in missing if i == "note"})),
        horizon_years=case.horizon_years,
        currency=case.currency,
    )


def check_carbon_price(case: Case, table: FactorTable | None = None) -> list[tuple[str, str]]:
    """Problems of ``carbon_price``: unknown id, a table price in another currency, no footprint."""
    ref = case.carbon_price
    if ref is None:
        return []
    out = []
    if not any(o.footprint is not None for o in case.options):
        out.append(("carbon_price", rule("rule.carbon.needs_footprint")))
    if isinstance(ref, str) and ref not in case.factors:
        table = table or factor_table()
        row = table.get(ref, "-")
        if row is None or row.category != "carbon_price":
            from decisionkit.case.paths import suggest

            hint = suggest(ref, table.ids("carbon_price"))
            out.append(("carbon_price", rule("rule.carbon.unknown", ref=repr(ref), hint=hint)))
        elif not row.unit.startswith(case.currency + "/"):
            said = rule(
                "rule.carbon.currency",
                ref=ref,
                unit=row.unit.split("/")[0],
                currency=case.currency,
            )
            out.append(("carbon_price", said))
    return out


def _carbon_price(case: Case, table: FactorTable, rows: dict[str, Any]) -> str | None:
    ref = case.carbon_price
    if ref is None:
        return None
    if isinstance(ref, Estimate):
        rows["carbon_price"] = (("carbon_price",), ref)
        return "carbon_price"
    if ref in case.factors:
        rows[f"factor:{ref}:-"] = (("factor", ref, "-"), case.factors[ref])
        return f"factor:{ref}:-"
    problems = check_carbon_price(case, table)
    if problems:
        raise CaseErrors([CaseError(p, r) for p, r in problems])
    row = table.get(ref, "-")
    assert row is not None
    rows[f"factor:{ref}:-"] = (("factor", ref, "-"), row.estimate(case.defaults.distribution))
    return f"factor:{ref}:-"
