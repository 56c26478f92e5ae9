"""Environmental footprint of an option over the horizon, sampled like cost and delay.

Time
----
The horizon counts from the project start, as the TCO does: the new system is in service from
go-live to the end of the horizon (``years in service = horizon - go-live``, 252 working days a
year) and the legacy system until go-live. With the go-live of each simulated iteration, a
later go-live shortens the new system's service and lengthens the legacy's: the footprint is
correlated with the schedule through the same iterations.

Formulas (per iteration, for each impact: gwp kgCO2e always, pe MJ and adp kgSbeq when every
factor used has them)
------------------------------------------------------------------------------------------
==========  ====================================================================================
part        value
==========  ====================================================================================
embodied    equipment bought new: ``quantity x embodied x years in service / lifetime``
            (renewals included); reused equipment: 0. With the case's
            ``embodied_allocation: purchase``: ``quantity x embodied x lives started`` (the whole
            impact of each unit bought, at least once, whatever the go-live)
use         equipment with ``power_w``: ``quantity x power_w / 1000 x hours_per_year x pue x
            years x factor``; energy lines: ``kwh_per_year x pue x years x factor``
cloud       ``vCPU-hours per year x watts_per_vcpu / 1000 x pue x years x factor``, plus
            ``vCPU-hours x embodied_per_vcpu_hour x years`` when given (gwp)
network     ``gb_per_year x kwh_per_gb x years x factor``
devices     ``quantity x share x embodied x years / lifetime``, plus ``quantity x power_w / 1000
            x hours_per_year x years x factor`` when power is given
legacy      the case's ``legacy_footprint`` lines that use energy, over the years until go-live
            (the legacy's own equipment is already made: no embodied impact)
==========  ====================================================================================

``hours_per_year`` defaults to 8,760 for equipment and cloud instances; ``pue`` defaults to 1
(the meter reading) for equipment and energy lines and to the ``hyperscale`` factor for cloud.

Sampling
--------
Each estimate is one row, drawn with its own stream: factors of the table (and the case's
``factors``) are keyed on the factor id alone, so every option draws the same electricity
factor in the same iteration (common random numbers: a comparison of options is not blurred
by the factor's uncertainty); inventory lines are keyed on the option and the field path, with
the line's ``name`` in place of its position when the name is unique in its list (inserting a
line then leaves the others' draws unchanged).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from decisionkit.case.assessments import Footprint
from decisionkit.case.calendar import WORKING_DAYS_PER_YEAR
from decisionkit.case.estimates import Estimate
from decisionkit.case.model import Case
from decisionkit.errors import CaseError, CaseErrors, rule, rule_of
from decisionkit.montecarlo.sampling import EstimateTable
from decisionkit.rng import make_rng
from decisionkit.sustainability.factors import IMPACTS, FactorTable, factor_table

__all__ = ["CHUNK", "PARTS", "Term", "compile_footprint", "draw_rows", "term_values"]

PARTS = ("embodied", "use", "cloud", "network", "devices", "legacy")


def _kind(category: str) -> str:
    """What a factor category is, in words (``an electricity zone (per kWh)``), as a rule."""
    return rule(f"rule.factor.kind.{category}")


LEGACY = "(legacy)"  # the stream scope of the legacy footprint: no option id can take it
HOURS_PER_YEAR = 8_760.0


@dataclass(frozen=True)
class Term:
    """One product of sampled rows: ``const x prod(rows) x years [/ lifetime]``.

    ``years`` is ``"service"`` (go-live to the horizon), ``"legacy"`` (start to go-live) or
    ``"purchase:LIFE"`` (the number of lives of LIFE years started in service, at least one).
    """

    part: str
    impact: str
    label: str
    rows: tuple[str, ...]
    const: float = 1.0
    years: str = "service"


@dataclass
class _Compiler:
    case: Case
    table: FactorTable
    scope: str  # option id, or "legacy"
    prefix: str  # the block's path in the case (messages); streams use the path below it
    law: str
    rows: dict[str, tuple[tuple[str | int, ...], Estimate]] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (impact or "note", what)
    aliases: dict[str, str] = field(default_factory=dict)  # ".equipment[0]" -> ".equipment[web]"
    errors: list[CaseError] = field(default_factory=list)

    # -- rows -------------------------------------------------------------------------------
    def line(self, path: str, estimate: Estimate) -> str:
        """A row for an estimate written on an inventory line (keyed on scope and path)."""
        rel = path.removeprefix(self.prefix)
        head = rel.split("].", 1)[0] + "]" if "]." in rel else rel
        if head in self.aliases:  # a named line keeps its streams wherever it sits in the list
            rel = self.aliases[head] + rel[len(head) :]
        name = f"{self.scope}:{rel}"
        self.rows[name] = ((self.scope, rel), estimate)
        return name

    def factor(
        self,
        ref: str | Estimate | None,
        default: str | None,
        impact: str,
        path: str,
        category: str,
    ) -> str | None:
        """The row of a factor (table id, case override or estimate in place), or ``None``.

        A factor must belong to the ``category`` its field expects (an electricity zone for
        ``electricity``, a PUE for ``pue``...). Returns ``None`` (and records it) when the
        factor has no primary-energy or abiotic-depletion value; any other gap is an error.
        """
        plain = impact not in IMPACTS or impact == "gwp"  # overrides give kgCO2e or the value
        if isinstance(ref, Estimate):
            if plain:
                return self.line(path, ref)
            self.missing.append((impact, f"{path} is given in place (kgCO2e only)"))
            return None
        fid = ref if ref is not None else default
        if fid is None:
            return None
        rows = [f for f in self.table.rows if f.id == fid]
        if rows and rows[0].category != category:
            self.errors.append(
                CaseError(
                    path,
                    rule(
                        "rule.factor.wrong_kind",
                        factor=repr(fid),
                        kind=_kind(rows[0].category),
                        expected=_kind(category),
                        factors=", ".join(self.table.ids(category)),
                    ),
                )
            )
            return None
        override = self.case.factors.get(fid)
        if override is not None and plain:
            name = f"factor:{fid}:{impact}"
            self.rows[name] = (("factor", fid, impact), override)
            return name
        if not rows:
            if override is not None:  # the case's own factor: kgCO2e (or the value) only
                self.missing.append((impact, f"the case's factor {fid!r} has no {impact}"))
                return None
            from decisionkit.case.paths import suggest

            known = self.table.ids(category) + tuple(self.case.factors)
            self.errors.append(
                CaseError(
                    path,
                    rule(
                        "rule.factor.unknown",
                        factor=repr(fid),
                        hint=suggest(fid, known),
                        kind=_kind(category),
                        factors=", ".join(self.table.ids(category)),
                    ),
                )
            )
            return None
        row = self.table.get(fid, impact)
        if row is None:
            if impact in ("pe", "adp"):
                self.missing.append((impact, f"no {impact} factor for {fid!r}"))
            else:
                said = rule("rule.factor.no_value", factor=repr(fid), impact=impact)
                self.errors.append(CaseError(path, said))
            return None
        name = f"factor:{fid}:{impact}"
        self.rows[name] = (("factor", fid, impact), row.estimate(self.law))
        return name

    def boavizta(self, kind: str, query: Any, path: str) -> Any:
        """boaviztapi's manufacturing impacts for a line, or ``None`` (error recorded)."""
        from decisionkit.sustainability import boavizta

        try:
            if kind == "cloud":
                return boavizta.cloud(query.provider, query.instance_type)
            return boavizta.device(kind, query.archetype, dict(query.configuration))
        except boavizta.BoaviztaError as exc:
            self.errors.append(CaseError(f"{path}.boavizta", rule_of(exc)))
            return None

    def embedded_rows(self, emb: Any, key: tuple[str, ...], path: str) -> dict[str, str | None]:
        """One shared row per impact of boaviztapi's ranges (missing impacts recorded)."""
        rows: dict[str, str | None] = {}
        for impact in IMPACTS:
            if impact not in emb.ranges:
                self.missing.append((impact, f"boaviztapi gives no {impact} for {emb.archetype}"))
                rows[impact] = None
                continue
            name = "boavizta:" + ":".join((*key, impact))
            estimate = Estimate.of(list(emb.ranges[impact]), default=self.law)
            self.rows[name] = (("boavizta", *key, impact), estimate)
            rows[impact] = name
        return rows

    def bounded(self, path: str, e: Estimate | None, lo: float, hi: float, what: str) -> None:
        """Record an error when the estimate's range leaves ``[lo, hi]`` (``what``: hours, pue
        or share, the words of the message ``rule.footprint.what.<what>``)."""
        if e is None:
            return
        p = e.parameters
        low, high = {
            "fixed": (p.get("value"), p.get("value")),
            "normal": (0.0, float("inf")),
            "lognormal": (0.0, float("inf")),
        }.get(e.distribution, (p.get("min"), p.get("max")))
        if low < lo or high > hi:  # type: ignore[operator]
            bounds = {
                "what": rule(f"rule.footprint.what.{what}"),
                "low": f"{lo:g}",
                "high": f"{hi:g}",
            }
            if high == float("inf"):
                said = rule("rule.footprint.bounded_unbounded", **bounds)
            else:
                said = rule(
                    "rule.footprint.bounded", **bounds, low_got=f"{low:g}", high_got=f"{high:g}"
                )
            self.errors.append(CaseError(path, said))

    def lifetime(self, given: float | None, kind: str, path: str) -> float | None:
        if given is not None:
            return given
        row = self.table.get(kind, "gwp")
        if row is not None and row.lifetime_years:
            return row.lifetime_years
        self.errors.append(
            CaseError(f"{path}.lifetime_years", rule("rule.footprint.no_lifetime", kind=repr(kind)))
        )
        return None

    # -- terms ------------------------------------------------------------------------------
    def add(self, part: str, impact: str, label: str, rows: list[str | None], **kw) -> None:
        if any(r is None for r in rows):
            return
        self.terms.append(Term(part, impact, label, tuple(rows), **kw))  # type: ignore[arg-type]

    def energy(
        self,
        part: str,
        label: str,
        kwh_rows: list[str | None],
        const: float,
        elec: str | Estimate | None,
        path: str,
        years: str,
    ) -> None:
        """Terms for energy ``const x prod(kwh_rows)`` (kWh/year) times the electricity factor."""
        for impact in IMPACTS:
            f = self.factor(elec, None, impact, f"{path}.electricity", "electricity")
            self.add(part, impact, label, [*kwh_rows, f], const=const, years=years)


def compile_footprint(
    case: Case,
    footprint: Footprint,
    scope: str,
    path: str,
    *,
    legacy: bool = False,
    table: FactorTable | None = None,
) -> tuple[list[Term], dict[str, tuple[tuple[str | int, ...], Estimate]], list[tuple[str, str]]]:
    """Turn an inventory into terms and the rows they multiply.

    Returns ``(terms, rows, missing)``: rows map a row name to its stream key and estimate;
    ``missing`` lists ``(impact, what)`` for impacts that lack a factor (that impact's total is
    then unknown) and ``("note", what)`` for documented omissions. Raises :class:`CaseErrors`
    naming the field paths of unknown factors.
    """
    c = _Compiler(case, table or factor_table(), scope, path, case.defaults.distribution)
    years = "legacy" if legacy else "service"
    default_elec = footprint.electricity
    for kind in ("equipment", "energy", "cloud", "network", "devices"):
        names = [line.name for line in getattr(footprint, kind)]
        for i, name in enumerate(names):
            if name and names.count(name) == 1:
                c.aliases[f".{kind}[{i}]"] = f".{kind}[{name}]"

    def elec(line_elec: str | Estimate | None) -> str | Estimate:
        return line_elec if line_elec is not None else default_elec

    for i, eq in enumerate(footprint.equipment):
        p = f"{path}.equipment[{i}]"
        label = eq.name or eq.type
        q = c.line(f"{p}.quantity", eq.quantity)
        if not eq.reused and not legacy:
            _embodied(c, eq, "embodied", label, [q], p, case.embodied_allocation)
        c.bounded(f"{p}.hours_per_year", eq.hours_per_year, 0, HOURS_PER_YEAR, "hours")
        if isinstance(eq.pue, Estimate):
            c.bounded(f"{p}.pue", eq.pue, 1, 10, "pue")
        if eq.pue is not None and eq.power_w is None:
            c.errors.append(CaseError(f"{p}.pue", rule("rule.footprint.pue_needs_power")))
        if eq.hours_per_year is not None and eq.power_w is None:
            said = rule("rule.footprint.hours_need_power")
            c.errors.append(CaseError(f"{p}.hours_per_year", said))
        if eq.power_w is not None:
            hours = _hours(c, eq.hours_per_year, f"{p}.hours_per_year")
            pue = c.factor(eq.pue, None, "-", f"{p}.pue", "pue") if eq.pue is not None else None
            rows = [q, c.line(f"{p}.power_w", eq.power_w), *hours[0]]
            rows += [pue] if pue else []
            c.energy(
                "legacy" if legacy else "use",
                label,
                rows,
                hours[1] / 1000,
                elec(eq.electricity),
                p,
                years,
            )
    for i, en in enumerate(footprint.energy):
        p = f"{path}.energy[{i}]"
        rows = [c.line(f"{p}.kwh_per_year", en.kwh_per_year)]
        if isinstance(en.pue, Estimate):
            c.bounded(f"{p}.pue", en.pue, 1, 10, "pue")
        if en.pue is not None:
            rows.append(c.factor(en.pue, None, "-", f"{p}.pue", "pue"))
        label = en.name or f"energy[{i}]"
        c.energy("legacy" if legacy else "use", label, rows, 1.0, elec(en.electricity), p, years)
    for i, cl in enumerate(footprint.cloud):
        p = f"{path}.cloud[{i}]"
        label = cl.name or f"cloud[{i}]"
        emb = None
        if cl.boavizta is not None:
            if cl.embodied_per_vcpu_hour is not None:
                said = rule("rule.footprint.embodied_or_boavizta_cloud")
                c.errors.append(CaseError(f"{p}.boavizta", said))
                continue
            emb = c.boavizta("cloud", cl.boavizta, p)
        vcpus = cl.vcpus if cl.vcpus is not None else (emb.vcpus if emb is not None else None)
        if cl.vcpu_hours_per_year is not None and cl.instances is not None:
            c.errors.append(CaseError(p, rule("rule.footprint.vcpu_or_instances")))
            continue
        c.bounded(f"{p}.hours_per_year", cl.hours_per_year, 0, HOURS_PER_YEAR, "hours")
        if isinstance(cl.pue, Estimate):
            c.bounded(f"{p}.pue", cl.pue, 1, 10, "pue")
        if cl.vcpu_hours_per_year is not None:
            vcpu, const = [c.line(f"{p}.vcpu_hours_per_year", cl.vcpu_hours_per_year)], 1.0
        elif cl.instances is not None and vcpus is not None:
            hours = _hours(c, cl.hours_per_year, f"{p}.hours_per_year")
            vcpu = [c.line(f"{p}.instances", cl.instances), *hours[0]]
            const = vcpus * hours[1]
        else:
            c.errors.append(CaseError(p, rule("rule.footprint.vcpu_needed")))
            continue
        watts = c.factor(cl.watts_per_vcpu, "cloud-vcpu", "-", f"{p}.watts_per_vcpu", "vcpu_power")
        pue = c.factor(cl.pue, "hyperscale", "-", f"{p}.pue", "pue")
        part = "legacy" if legacy else "cloud"
        c.energy(part, label, [*vcpu, watts, pue], const / 1000, elec(cl.electricity), p, years)
        if emb is not None and not legacy:
            key = (cl.boavizta.provider, cl.boavizta.instance_type)  # type: ignore[union-attr]
            for impact, row in c.embedded_rows(emb, key, p).items():
                c.add(part, impact, f"{label} (embodied)", [*vcpu, row], const=const)
        elif cl.embodied_per_vcpu_hour is not None and not legacy:
            e = c.line(f"{p}.embodied_per_vcpu_hour", cl.embodied_per_vcpu_hour)
            c.add(part, "gwp", f"{label} (embodied)", [*vcpu, e], const=const)
            for impact in ("pe", "adp"):
                c.missing.append((impact, f"{p}.embodied_per_vcpu_hour is kgCO2e only"))
        elif not legacy:
            c.missing.append(
                ("note", f"{p}: cloud embodied impact not counted (no embodied_per_vcpu_hour)")
            )
    for i, nw in enumerate(footprint.network):
        p = f"{path}.network[{i}]"
        rows = [
            c.line(f"{p}.gb_per_year", nw.gb_per_year),
            c.factor(nw.kwh_per_gb, "network", "energy", f"{p}.kwh_per_gb", "network"),
        ]
        part = "legacy" if legacy else "network"
        c.energy(part, nw.name or f"network[{i}]", rows, 1.0, elec(nw.electricity), p, years)
    for i, dv in enumerate(footprint.devices):
        p = f"{path}.devices[{i}]"
        label = dv.name or dv.type
        q = c.line(f"{p}.quantity", dv.quantity)
        share = c.line(f"{p}.share", dv.share)
        c.bounded(f"{p}.share", dv.share, 0, 1, "share")
        c.bounded(f"{p}.hours_per_year", dv.hours_per_year, 0, HOURS_PER_YEAR, "hours")
        if not legacy:
            _embodied(c, dv, "devices", label, [q, share], p)
        if (dv.power_w is None) != (dv.hours_per_year is None):
            given, needed = ("power_w", "hours_per_year")[:: 1 if dv.power_w else -1]
            c.errors.append(
                CaseError(
                    f"{p}.{needed}", rule("rule.footprint.device_needs", given=given, needed=needed)
                )
            )
        if dv.power_w is not None and dv.hours_per_year is not None:
            rows = [q, c.line(f"{p}.power_w", dv.power_w)]
            rows.append(c.line(f"{p}.hours_per_year", dv.hours_per_year))
            part = "legacy" if legacy else "devices"
            c.energy(part, label, rows, 1 / 1000, elec(dv.electricity), p, years)
    if c.errors:
        unique = {(e.path, e.rule): e for e in c.errors}  # one per field, not one per impact
        raise CaseErrors(list(unique.values()))
    return c.terms, c.rows, sorted(set(c.missing))


def _embodied(
    c: _Compiler,
    line: Any,
    part: str,
    label: str,
    rows: list[str | None],
    p: str,
    allocation: str = "horizon",
) -> None:
    """Embodied terms of an equipment or device line: ``rows x embodied / lifetime``.

    ``allocation="purchase"`` charges each unit's whole impact once per life started within
    the horizon (at least once) instead of the share of life in service.
    """

    def add(impact: str, row: str | None, life: float) -> None:
        if allocation == "purchase":
            c.add(part, impact, label, [*rows, row], years=f"purchase:{life!r}")
        else:
            c.add(part, impact, label, [*rows, row], const=1 / life)

    if line.boavizta is not None:
        if line.embodied is not None:
            c.errors.append(CaseError(f"{p}.boavizta", rule("rule.footprint.embodied_or_boavizta")))
            return
        emb = c.boavizta(line.type, line.boavizta, p)
        if emb is None:
            return
        life = line.lifetime_years or emb.lifetime_years
        config = json.dumps(line.boavizta.configuration, sort_keys=True)
        key = (line.type, emb.archetype, config)
        for impact, row in c.embedded_rows(emb, key, p).items():
            add(impact, row, life)
        return
    life = c.lifetime(line.lifetime_years, line.type, p)
    for impact in IMPACTS:
        e = c.factor(line.embodied, line.type, impact, f"{p}.embodied", "equipment")
        if life is not None:
            add(impact, e, life)


def _hours(c: _Compiler, hours: Estimate | None, path: str) -> tuple[list[str], float]:
    """Rows and constant for hours per year (8,760 when not given)."""
    if hours is None:
        return [], HOURS_PER_YEAR
    return [c.line(path, hours)], 1.0


def term_values(
    terms: list[Term],
    values: dict[str, np.ndarray],
    go_live_days: np.ndarray,
    horizon_years: float,
) -> list[np.ndarray]:
    """Each term's value per iteration, given the sampled rows."""
    to_live = np.minimum(
        np.asarray(go_live_days, dtype=float) / WORKING_DAYS_PER_YEAR, horizon_years
    )
    years = {"service": horizon_years - to_live, "legacy": to_live}
    out = []
    for term in terms:
        if term.years.startswith("purchase:"):  # whole lives started within the horizon
            life = float(term.years.split(":", 1)[1])
            lives = np.maximum(1.0, np.ceil(years["service"] / life - 1e-9))
            v = term.const * lives
        else:
            v = term.const * years[term.years]
        for r in term.rows:
            v = v * values[r]
        out.append(np.asarray(v, dtype=float))
    return out


CHUNK = 65_536
"""Iterations drawn at once: memory stays bounded; the numbers do not depend on it."""


def draw_rows(
    rows: dict[str, tuple[tuple[str | int, ...], Estimate]], n: int, seed: int | None
) -> Iterator[tuple[int, int, dict[str, np.ndarray]]]:
    """Draw every row chunk by chunk: ``(start, stop, {row: values})`` for ``n`` iterations.

    Each row has its own stream keyed on its name, consumed in order, so the values do not
    depend on the chunk size.
    """
    names = list(rows)
    table = EstimateTable.build(names, [rows[k][1] for k in names]) if names else None
    streams = [make_rng(seed, "footprint", *rows[k][0]) for k in names]
    for lo in range(0, n, CHUNK):
        hi = min(n, lo + CHUNK)
        if table is None:
            yield lo, hi, {}
            continue
        u = np.empty((len(names), hi - lo))
        for i, rng in enumerate(streams):
            u[i] = rng.random(hi - lo)
        drawn = table.transform(u)
        yield lo, hi, {name: drawn[i] for i, name in enumerate(names)}
