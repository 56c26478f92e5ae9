"""Simulation results: per-option outcomes with statistics, and the case-level collection."""

from __future__ import annotations

import datetime as dt
import html
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from decisionkit.case.calendar import working_day
from decisionkit.case.plan import Plan
from decisionkit.montecarlo.outcome import PERCENTILES, Outcome

__all__ = ["SCHEMA", "CaseSimulation", "Outcome", "SimulationResult"]

JSON_PERCENTILES = (5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95)
SCHEMA = "decisionkit.simulation/1"


@dataclass(frozen=True)
class SimulationResult:
    """The Monte Carlo result of one option.

    ``input_labels`` holds one ``(element, name, kind)`` per input of the engine, in the order
    of ``input_names`` (which is filled only with sensitivities): the task or risk id, its
    display name from the case (its id when it has none) and its kind, one of
    :data:`~decisionkit.risk.model.INPUT_KINDS`.

    Examples
    --------
    >>> import decisionkit as dk
    >>> sim = dk.simulate(dk.load_case("examples/si-rh.yaml"), iterations=2_000, seed=7)
    >>> r = sim["saas"]
    >>> r.finish.percentile(80) >= r.finish.percentile(50)
    True
    """

    option: str
    name: str
    capex: Outcome
    tco: Outcome
    finish: Outcome
    go_live: Outcome
    plan: Plan
    seed: int
    iterations: int
    sampling: str
    mitigated: bool
    currency: str
    start: dt.date | None
    holidays: str
    task_ids: tuple[str, ...]
    critical_fraction: np.ndarray | None = None
    input_names: tuple[str, ...] = ()
    input_sensitivity: np.ndarray | None = None  # inputs x (capex, tco, finish)
    input_labels: tuple[tuple[str, str, str], ...] = ()  # (element, name, kind) of each input
    correlations: tuple[tuple[str, str, float, float, float], ...] = ()  # a, b, asked, used, got
    risk_contributions_p80: tuple[tuple[str, float, float], ...] = ()  # risk, capex, finish
    warnings: tuple[str, ...] = field(default=())

    # -- schedule ------------------------------------------------------------------------------
    def date(self, days: float) -> dt.date | None:
        """The calendar date of a number of working days from the start (None without start)."""
        if self.start is None:
            return None
        return working_day(self.start, max(days - 1, 0), self.holidays)

    def finish_date(self, p: float) -> dt.date | None:
        """The date by which the plan ends with probability ``p`` %."""
        return self.date(self.finish.percentile(p))

    def go_live_date(self, p: float) -> dt.date | None:
        """The go-live date met with probability ``p`` %."""
        return self.date(self.go_live.percentile(p))

    # -- labels --------------------------------------------------------------------------------
    @property
    def task_names(self) -> dict[str, str]:
        """Each task's display name by id (its id when the case gives it no name).

        Skills gate tasks (``hire-<code>``, ``train-<code>``, ``ready-<code>``) carry the name
        the gates give them (e.g. ``Recrutement / hiring: A.5 Architecture Design``).
        """
        names = {e: n for e, n, kind in self.input_labels if kind == "duration"}
        return {t: names.get(t, t) for t in self.task_ids}

    @property
    def risk_names(self) -> dict[str, str]:
        """Each risk's display name by id (its id when the case gives it no name)."""
        return {e: n for e, n, kind in self.input_labels if kind == "occurs"}

    def _labels(self) -> tuple[tuple[str, str, str], ...]:
        if len(self.input_labels) == len(self.input_names):
            return self.input_labels
        return tuple(_label_of(path) for path in self.input_names)  # built without labels

    # -- analysis ----------------------------------------------------------------------------------
    def criticality(self) -> Any:
        """Criticality index per task: the share of iterations where it is on a critical path.

        Columns ``option``, ``task`` (id), ``name`` (the task's display name) and
        ``criticality`` (a fraction, 0-1), in the case's task order.
        """
        import pandas as pd

        if self.critical_fraction is None:
            raise ValueError("run simulate(..., criticality=True) to get criticality indices")
        names = self.task_names
        return pd.DataFrame(
            {
                "option": self.option,
                "task": self.task_ids,
                "name": [names[t] for t in self.task_ids],
                "criticality": self.critical_fraction,
            }
        )

    def sensitivity(self, output: str = "capex") -> Any:
        """Tornado data: Spearman rank correlation of each uncertain input with ``output``.

        ``output`` is ``"capex"``, ``"tco"`` or ``"finish"``. Rows are sorted by absolute
        correlation; fixed inputs are left out. Columns:

        - ``option``;
        - ``input``: the input's path, ``<task>.duration``, ``<risk>.occurs``...;
        - ``element``: the task or risk id (the option id for ``run_cost_per_year``,
          ``legacy`` for ``legacy_run_cost_per_year``);
        - ``name``: its display name from the case (its id when it has none);
        - ``kind``: what the input is, whatever the case's language: ``duration``, ``cost``,
          ``cost_per_day`` (a task's), ``delay``, ``risk_cost``, ``action_cost``, ``occurs``
          (a risk's), ``run_cost``, ``legacy_run_cost``
          (:data:`~decisionkit.risk.model.INPUT_KINDS`);
        - ``spearman`` (no unit, -1 to 1) and ``output``.
        """
        import pandas as pd

        if self.input_sensitivity is None:
            raise ValueError("run simulate(..., sensitivity=True) to get sensitivities")
        col = {"capex": 0, "tco": 1, "finish": 2}[output]
        labels = self._labels()
        df = pd.DataFrame(
            {
                "option": self.option,
                "input": self.input_names,
                "element": [e for e, _, _ in labels],
                "name": [n for _, n, _ in labels],
                "kind": [k for _, _, k in labels],
                "spearman": self.input_sensitivity[:, col],
            }
        )
        df = df[df["spearman"] != 0]
        order = np.argsort(-np.abs(df["spearman"].to_numpy()), kind="stable")
        return df.iloc[order].reset_index(drop=True).assign(output=output)

    def risk_contributions(self) -> Any:
        """Each risk's contribution to P80 capex and P80 finish.

        The contribution is P80 with the risk minus P80 without it, with the same draws
        (common random numbers). Run ``simulate(..., contributions=True)`` to get them.
        Columns ``option``, ``risk`` (id), ``name`` (the risk's display name), ``capex_p80``
        (in ``capex_unit``, the currency), ``finish_p80`` (in ``finish_unit``, working days),
        sorted by ``capex_p80``, largest first.
        """
        import pandas as pd

        if not self.risk_contributions_p80:
            raise ValueError("run simulate(..., contributions=True) on an option with risks")
        names = self.risk_names
        df = pd.DataFrame(
            [
                {
                    "option": self.option,
                    "risk": risk,
                    "name": names.get(risk, risk),
                    "capex_p80": capex,
                    "finish_p80": finish,
                    "capex_unit": self.capex.unit,
                    "finish_unit": self.finish.unit,
                }
                for risk, capex, finish in self.risk_contributions_p80
            ]
        )
        return df.sort_values("capex_p80", ascending=False, kind="stable").reset_index(drop=True)

    def outside_view(self, classes: tuple[str, ...] | None = None) -> Any:
        """Published IT-project overrun statistics next to this simulation's (a DataFrame).

        See :func:`decisionkit.risk.reference.outside_view`.
        """
        from decisionkit.risk.reference import outside_view

        return outside_view(self, classes)

    def reference_view(self, reference: str = "flyvbjerg-budzier-2011", weight: float = 0.5) -> Any:
        """Inside view, outside view (plan x reference-class uplift) and their blend.

        See :func:`decisionkit.risk.reference.reference_view`.
        """
        from decisionkit.risk.reference import reference_view

        return reference_view(self, reference, weight)

    def jcl(self, cost: float, finish: float | dt.date) -> float:
        """Joint confidence level: P(capex <= cost and finish <= ``finish``).

        ``finish`` is in working days, or a date when the case has a start.
        """
        days = self._days(finish)
        return float(np.mean((self.capex.values <= cost) & (self.finish.values <= days)))

    def jcl_frontier(
        self, level: float = 0.7, points: int = 41, *, schedule: str = "finish"
    ) -> Any:
        """(cost, date) pairs that reach the joint confidence ``level`` (NASA: 70 %).

        For each value of the ``schedule`` output (``"finish"`` or ``"go_live"``) along the
        upper part of its distribution, the smallest capex with P(capex <= cost and schedule
        <= days) >= level. Columns ``option``, the schedule output (in ``finish_unit``,
        working days), ``capex`` (in ``capex_unit``, the currency; NaN where no capex reaches
        the level) and ``level`` (a fraction, 0-1).
        """
        import pandas as pd

        if not 0 < level < 1:
            raise ValueError(f"level {level} must be within (0, 1)")
        if schedule not in ("finish", "go_live"):
            raise ValueError(f"schedule must be 'finish' or 'go_live', got {schedule!r}")
        when = getattr(self, schedule)
        days = np.quantile(when.values, np.linspace(level, 1.0, points))
        costs = []
        for d in days:
            inside = self.capex.values[when.values <= d]
            need = level * when.n
            if len(inside) < need:
                costs.append(np.nan)
                continue
            k = math.ceil(need) - 1
            costs.append(float(np.partition(inside, k)[k]))
        return pd.DataFrame(
            {
                "option": self.option,
                schedule: days,
                "capex": costs,
                "level": level,
                "finish_unit": self.finish.unit,
                "capex_unit": self.capex.unit,
            }
        )

    def _days(self, finish: float | dt.date) -> float:
        if isinstance(finish, dt.date):
            if self.start is None:
                raise ValueError("a date needs the case's start; give working days instead")
            from decisionkit.case.calendar import is_working_day

            # a plan of d working days ends on the d-th working day from the start (day 0 is
            # the first working day on or after the start): count the working days up to it
            day, n = self.start, 0
            while day <= finish:
                n += is_working_day(day, self.holidays)
                day += dt.timedelta(days=1)
            return float(n)
        return float(finish)

    # -- tables ------------------------------------------------------------------------------
    def summary(self) -> Any:
        """Percentiles, mean, std, plan, contingency and standard errors of each output."""
        import pandas as pd

        rows = []
        for out in (self.capex, self.tco, self.finish, self.go_live):
            row: dict[str, Any] = {
                "option": self.option,
                "output": out.name,
                "unit": out.unit,
                "plan": out.plan,
                "mean": out.mean(),
                "std": out.std(),
            }
            for p in PERCENTILES:
                row[f"p{p}"] = out.percentile(p)
            row["contingency_p80"] = out.contingency(80)
            row["se_p80"] = out.standard_error(80)
            rows.append(row)
        return pd.DataFrame(rows)

    def to_frame(self) -> Any:
        """One row per iteration: capex, tco, finish and go_live (for charts)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "option": self.option,
                "capex": self.capex.values,
                "tco": self.tco.values,
                "finish": self.finish.values,
                "go_live": self.go_live.values,
            }
        )

    def to_dict(self, *, top: int = 10) -> dict[str, Any]:
        """Plain data for JSON (see ``docs/simulation.md``, section 7): numbers, strings, lists."""
        outputs = {}
        for out in (self.capex, self.tco, self.finish, self.go_live):
            outputs[out.name] = {
                "unit": out.unit,
                "plan": out.plan,
                "mean": out.mean(),
                "std": out.std(),
                "percentiles": {f"p{p}": out.percentile(p) for p in JSON_PERCENTILES},
                "standard_error": {f"p{p}": out.standard_error(p) for p in (50, 80, 90)},
                "contingency": {f"p{p}": out.contingency(p) for p in (50, 80, 90)},
            }
        dates = None
        if self.start is not None:
            dates = {
                name: {f"p{p}": self.date(out.percentile(p)).isoformat() for p in (50, 80, 90)}
                for name, out in (("finish", self.finish), ("go_live", self.go_live))
            }
        sensitivity = None
        if self.input_sensitivity is not None:
            sensitivity = {
                output: [
                    {
                        "input": row.input,
                        "element": row.element,
                        "name": row.name,
                        "kind": row.kind,
                        "spearman": float(row.spearman),
                    }
                    for row in self.sensitivity(output).head(top).itertuples()
                ]
                for output in ("capex", "tco", "finish")
            }
        return {
            "id": self.option,
            "name": self.name,
            "iterations": self.iterations,
            "mitigated": self.mitigated,
            "plan": {
                "finish": self.plan.finish,
                "go_live": self.plan.go_live,
                "capex": self.plan.capex,
                "tco": self.plan.tco,
                "critical_path": list(self.plan.critical_path),
            },
            "outputs": outputs,
            "dates": dates,
            "criticality": None
            if self.critical_fraction is None
            else dict(zip(self.task_ids, map(float, self.critical_fraction), strict=True)),
            "sensitivity": sensitivity,
            "correlations": [
                {"between": [a, b], "asked": asked, "used": used, "achieved": got}
                for a, b, asked, used, got in self.correlations
            ],
            "risk_contributions_p80": [
                {"risk": r, "name": self.risk_names.get(r, r), "capex_p80": c, "finish_p80": f}
                for r, c, f in self.risk_contributions_p80
            ],
            "outside_view": _records(self.outside_view()),
            "reference_view": [
                row
                for ref in ("flyvbjerg-budzier-2011", "dinum-panorama-2023")
                for row in _records(self.reference_view(ref, 0.5))
            ],
            "warnings": list(self.warnings),
        }

    def _repr_html_(self) -> str:
        return _html_table(self.summary(), f"{self.option} — {self.iterations:,} iterations")


@dataclass(frozen=True)
class CaseSimulation:
    """The simulation of every option of a case (``sim["saas"]`` gives one)."""

    case: str
    results: dict[str, SimulationResult]
    seed: int
    iterations: int
    fingerprint: str = ""  # Case.risk_fingerprint() of the simulated case

    def __getitem__(self, option: str) -> SimulationResult:
        try:
            return self.results[option]
        except KeyError:
            have = ", ".join(self.results)
            raise KeyError(f"no simulated option {option!r}; have {have}") from None

    def __iter__(self):
        return iter(self.results.values())

    def __len__(self) -> int:
        return len(self.results)

    @property
    def options(self) -> tuple[str, ...]:
        """The simulated option ids."""
        return tuple(self.results)

    def summary(self) -> Any:
        """One row per option: P10/P50/P80/P90 and mean of capex, TCO and finish.

        Columns ``option``, ``name`` (the option's display name, its id when it has none),
        ``capex_p10`` ... ``capex_mean``, the same for ``tco`` and ``finish``,
        ``finish_plan``, ``capex_plan``, then the units: ``capex_unit``, ``tco_unit`` (the
        currency) and ``finish_unit`` (working days).
        """
        import pandas as pd

        rows = []
        for r in self:
            row: dict[str, Any] = {"option": r.option, "name": r.name or r.option}
            for out in (r.capex, r.tco, r.finish):
                for p in PERCENTILES:
                    row[f"{out.name}_p{p}"] = out.percentile(p)
                row[f"{out.name}_mean"] = out.mean()
            row["finish_plan"] = r.finish.plan
            row["capex_plan"] = r.capex.plan
            for out in (r.capex, r.tco, r.finish):
                row[f"{out.name}_unit"] = out.unit
            rows.append(row)
        return pd.DataFrame(rows)

    def to_frame(self) -> Any:
        """Every option's iterations, stacked (long form, for charts)."""
        import pandas as pd

        return pd.concat([r.to_frame() for r in self], ignore_index=True)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON, versioned by its ``schema`` field (``decisionkit.simulation/1``)."""
        first = next(iter(self.results.values()))
        return {
            "schema": SCHEMA,
            "case": self.case,
            "seed": self.seed,
            "sampling": first.sampling,
            "currency": first.currency,
            "start": first.start.isoformat() if first.start else None,
            "options": [r.to_dict() for r in self],
        }

    def _repr_html_(self) -> str:
        return _html_table(
            self.summary(),
            f"{self.case} — {self.iterations:,} iterations, seed {self.seed}",
        )


_SUFFIX_KINDS = {
    "duration": "duration",
    "cost": "cost",
    "cost_per_day": "cost_per_day",
    "delay": "delay",
    "action_cost": "action_cost",
    "occurs": "occurs",
}


def _label_of(path: str) -> tuple[str, str, str]:
    """(element, name, kind) from an input path alone (results built without labels).

    A risk's ``<risk>.cost`` cannot be told from a task's here: it reads as ``cost``.
    """
    if path == "run_cost_per_year":
        return ("", "run_cost_per_year", "run_cost")
    if path == "legacy_run_cost_per_year":
        return ("legacy", "legacy", "legacy_run_cost")
    element, _, suffix = path.rpartition(".")
    return (element, element, _SUFFIX_KINDS.get(suffix, suffix))


def _records(df: Any) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-ready dicts (NaN becomes None)."""
    return [
        {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
        for row in df.to_dict("records")
    ]


def _html_table(df: Any, title: str) -> str:
    table = df.to_html(index=False, float_format=lambda x: f"{x:,.0f}", escape=True)
    return f"<div><strong>{html.escape(title)}</strong>{table}</div>"
